// The last check before `pm-cognito install` writes: the edited text parses, holds the new code, and nothing else in it changed.

import { isDeepStrictEqual } from 'node:util';
import { yaml } from './yaml';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string, bom: number): Json | undefined {
  try {
    const parsed: unknown = JSON.parse(text.slice(bom));
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Each prerequest event's script (undefined when it has none), its exec turned into its code (a list of lines or one text read the same). */
function prerequestScripts(collection: Json): Array<Json | undefined> {
  const events = collection['event'];
  if (!Array.isArray(events)) return [];
  return events.filter((e): e is Json => isRecord(e) && e['listen'] === 'prerequest').map((event) => {
    const script = event['script'];
    if (!isRecord(script)) return undefined;
    if (Array.isArray(script['exec'])) script['exec'] = script['exec'].join('\n');
    return script;
  });
}

/** The parsed collection as it should be after the install: each prerequest event's code replaced, a missing event, script or exec added to the first. */
function expectedV21(before: Json, codes: readonly string[]): Json {
  const events = Array.isArray(before['event']) ? before['event'] : (before['event'] = []);
  const first = events.find((e): e is Json => isRecord(e) && e['listen'] === 'prerequest');
  if (first === undefined) events.unshift({ listen: 'prerequest', script: { type: 'text/javascript' } });
  else if (!isRecord(first['script'])) first['script'] = { type: 'text/javascript' };
  prerequestScripts(before).forEach((script, i) => {
    if (script !== undefined && codes[i] !== undefined && (i === 0 || 'exec' in script)) script['exec'] = codes[i];
  });
  return before;
}

/**
 * Why the edited v2.1 text is not what the install meant to write, or undefined when it is: it must parse,
 * its prerequest events must hold `codes` (in the file's text space), and everything else must be equal.
 */
export function v21EditProblem(before: string, after: string, codes: readonly string[], bom: number): string | undefined {
  const old = parseJson(before, bom);
  const edited = parseJson(after, bom);
  if (old === undefined || edited === undefined) return 'the result is not a JSON object';
  const expected = expectedV21(old, codes);
  prerequestScripts(edited);
  return isDeepStrictEqual(edited, expected) ? undefined : 'the result differs outside the pre-request script';
}

/** The beforeRequest item's code of a parsed definition, removed from it (undefined when there is none). */
function takeCode(definition: unknown, type: string): unknown {
  if (!isRecord(definition) || !Array.isArray(definition['scripts'])) return undefined;
  const item: unknown = definition['scripts'].find((s) => isRecord(s) && s['type'] === type);
  if (!isRecord(item)) return undefined;
  const code = item['code'];
  delete item['code'];
  return code;
}

function parseYaml(text: string): { value?: unknown; error?: string } {
  const doc = yaml().parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) return { error: doc.errors[0]!.message.split('\n')[0]! };
  return { value: doc.toJS({ maxAliasCount: -1 }) as unknown };
}

/**
 * Why the edited v3 definition is not what the install meant to write, or undefined when it is: it must
 * parse, its `type` item must hold `code`, and with that code taken out it must equal the old definition
 * (with the item added, if it had none).
 */
export function v3EditProblem(before: string, after: string, code: string, type: string): string | undefined {
  const old = parseYaml(before);
  const edited = parseYaml(after);
  if (edited.error !== undefined) return 'the result is not valid YAML: ' + edited.error;
  if (takeCode(edited.value, type) !== code) return 'the result does not hold the new code';
  const expected = old.value;
  if (isRecord(expected)) {
    if (!Array.isArray(expected['scripts'])) expected['scripts'] = [];
    const scripts = expected['scripts'] as unknown[];
    if (!scripts.some((s) => isRecord(s) && s['type'] === type)) scripts.unshift({ type, code: '', language: 'text/javascript' });
    takeCode(expected, type);
  }
  return isDeepStrictEqual(edited.value, expected) ? undefined : 'the result differs outside the ' + type + ' script';
}
