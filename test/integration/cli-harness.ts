// Shared by the cli-*.test.ts files: checks the built CLI is there, runs it as a real child process, and scans for leaked secrets.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { BIN } from '../support/cli-process';
import { ROOT } from '../support/collection';
import { parseXml, type XmlElement } from '../support/xml';
import type { PmResult } from '../support/cli-process';

export { BIN, childEnv, pm, startPm, type PmOptions, type PmResult } from '../support/cli-process';
export { parseXml, type XmlElement } from '../support/xml';

/** dist/ is built before any test file starts (test/global-setup.ts); the CLI tests only check it is there. */
export function assertBuilt(): void {
  for (const file of [BIN, join(ROOT, 'dist', 'cli.js')]) {
    if (!existsSync(file)) throw new Error(file + ' is missing: run npm run build (test/global-setup.ts builds it before a vitest run)');
  }
}

import { tempDir as makeTempDir } from '../support/temp-dirs';
export { removeTempDirs } from '../support/temp-dirs';

/** A fresh directory under the OS temp dir, removed by removeTempDirs(). */
export function tempDir(prefix = 'pm-cognito-cli-test-'): string {
  return makeTempDir(prefix);
}

/** A Postman environment export in a fresh temp directory. */
export function writeEnvironment(values: Record<string, string>, dir = tempDir()): string {
  const file = join(dir, 'test.postman_environment.json');
  writeFileSync(file, JSON.stringify({ name: 'cli test', values: Object.entries(values).map(([key, value]) => ({ key, value, type: 'default', enabled: true })) }, null, 2));
  return file;
}

export function writeJson(dir: string, name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

/** Every file under a directory, recursively. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** Anything that looks like a JWT (Cognito ID and access tokens are JWTs). */
export const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;

/** Where a secret value or a JWT shows up, as "<where>: <what>" lines (never the value itself). */
export function leaks(sources: Array<{ where: string; text: string }>, secrets: Array<{ name: string; value: string }>): string[] {
  const found: string[] = [];
  for (const { where, text } of sources) {
    for (const secret of secrets) if (secret.value !== '' && text.includes(secret.value)) found.push(where + ': ' + secret.name);
    if (JWT.test(text)) found.push(where + ': a JWT');
  }
  return found;
}

export function fileSources(files: string[]): Array<{ where: string; text: string }> {
  return files.map((file) => ({ where: file, text: readFileSync(file, 'utf8') }));
}

export function outputSources(label: string, result: PmResult): Array<{ where: string; text: string }> {
  return [{ where: label + ' stdout', text: result.stdout }, { where: label + ' stderr', text: result.stderr }];
}

/** Sums newman's "assertions │ executed │ failed" rows from its CLI output. */
export function newmanAssertions(stdout: string): { executed: number; failed: number } {
  let executed = 0;
  let failed = 0;
  for (const match of stdout.matchAll(/assertions\s*│\s*(\d+)\s*│\s*(\d+)/g)) {
    executed += Number(match[1]);
    failed += Number(match[2]);
  }
  return { executed, failed };
}

function descendants(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [...(child.name === name ? [child] : []), ...descendants(child, name)]);
}

/** Parses a JUnit file and counts its testcases and those with a <failure>. */
export function junitCounts(xml: string): { testcases: number; failed: number; rootTests: number; rootFailures: number; suites: string[] } {
  const root = parseXml(xml);
  if (root.name !== 'testsuites') throw new Error('JUnit root is <' + root.name + '>, expected <testsuites>');
  const testcases = descendants(root, 'testcase');
  return {
    testcases: testcases.length,
    failed: testcases.filter((t) => t.children.some((c) => c.name === 'failure')).length,
    rootTests: Number(root.attributes['tests']),
    rootFailures: Number(root.attributes['failures']),
    suites: descendants(root, 'testsuite').map((s) => s.attributes['name'] ?? ''),
  };
}

export function adminClient(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
}

export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 100));
  }
}
