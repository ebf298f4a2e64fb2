// Reads one run's JUnit file request by request, and shares one run between tests: several cases in one Postman CLI start.

import { parseXml, type XmlElement } from './xml';

export interface RequestResult {
  /** Its test cases (assertions). */
  testcases: number;
  /** The text of each failed one: its message attribute and its body. */
  failures: string[];
}

/** Per testsuite (newman, the Postman CLI and pm-cognito's merged file give one per request), by its name. */
export function junitByRequest(xml: string): Map<string, RequestResult> {
  const out = new Map<string, RequestResult>();
  const walk = (element: XmlElement) => {
    if (element.name === 'testsuite') {
      const cases = element.children.filter((c) => c.name === 'testcase');
      const failures = cases.flatMap((c) => c.children.filter((f) => f.name === 'failure').map((f) => (f.attributes['message'] ?? '') + ' ' + f.text));
      out.set(element.attributes['name'] ?? '', { testcases: cases.length, failures });
    }
    element.children.forEach(walk);
  };
  walk(parseXml(xml));
  return out;
}

/** Starts `run` when the first test asks for it; later tests get the same promise (and so read the same run). */
export function once<T>(run: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | undefined;
  return () => (started ??= run());
}
