// Shared by the cli-*.test.ts files: checks the built CLI is there, runs it as a real child process, and scans for leaked secrets.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { ROOT } from '../support/collection';

export const BIN = join(ROOT, 'bin', 'pm-cognito.js');

/** dist/ is built before any test file starts (test/global-setup.ts); the CLI tests only check it is there. */
export function assertBuilt(): void {
  for (const file of [BIN, join(ROOT, 'dist', 'cli.js')]) {
    if (!existsSync(file)) throw new Error(file + ' is missing: run npm run build (test/global-setup.ts builds it before a vitest run)');
  }
}

export interface PmResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface PmOptions {
  env?: Record<string, string>;
  cwd?: string;
  input?: string;
  timeoutMs?: number;
}

/**
 * The child's environment: this process's, minus anything that could change what the CLI does
 * (COGNITO_*, PM_COGNITO_*, AWS_*, PORTMAN_*, GITHUB_ENV), plus dummy AWS credentials for cognito-local and no
 * instance-metadata lookups (they would leave loopback).
 */
export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(COGNITO_|PM_COGNITO_|AWS_|PORTMAN_|GITHUB_ENV$|NODE_OPTIONS$)/.test(name)) env[name] = value;
  }
  return {
    ...env,
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    NODE_NO_WARNINGS: '1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

export function startPm(args: string[], options: PmOptions = {}): { child: ChildProcessWithoutNullStreams; stderrSoFar(): string; result: Promise<PmResult> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: childEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString('utf8'); });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString('utf8'); });
  const result = new Promise<PmResult>((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr }); });
  });
  child.stdin.end(options.input ?? '');
  return { child, stderrSoFar: () => stderr, result };
}

export function pm(args: string[], options: PmOptions = {}): Promise<PmResult> {
  return startPm(args, options).result;
}

const tempDirs: string[] = [];

/** A fresh directory under the OS temp dir, removed by removeTempDirs(). */
export function tempDir(prefix = 'pm-cognito-cli-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** For afterAll: the temp directories of this test file (they hold throwaway passwords and reports). */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
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

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e]!);
}

/**
 * A strict parser for the XML subset JUnit files use (declaration, elements, attributes, text, CDATA,
 * comments). Throws on anything malformed: unclosed or crossed tags, bad attributes, a stray '<' or '&'.
 */
export function parseXml(xml: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => { throw new Error('malformed XML at ' + i + ': ' + why + ' near ' + JSON.stringify(xml.slice(i, i + 40))); };
  const skipSpace = () => { while (i < xml.length && /\s/.test(xml[i]!)) i++; };
  if (xml.startsWith('<?xml')) {
    i = xml.indexOf('?>');
    if (i === -1) fail('unterminated declaration');
    i += 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  for (;;) {
    if (stack.length === 0) {
      skipSpace();
      if (i >= xml.length) break;
      if (root !== undefined) fail('content after the root element');
    }
    if (i >= xml.length) fail('unexpected end, <' + stack[stack.length - 1]!.name + '> not closed');
    if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i);
      if (end === -1) fail('unterminated CDATA');
      if (stack.length === 0) fail('CDATA outside the root');
      stack[stack.length - 1]!.text += xml.slice(i + 9, end);
      i = end + 3;
    } else if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end === -1) fail('unterminated comment');
      i = end + 3;
    } else if (xml.startsWith('</', i)) {
      const match = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(xml.slice(i));
      if (!match) fail('bad closing tag');
      const open = stack.pop();
      if (open === undefined || open.name !== match![1]) fail('closing </' + match![1] + '> does not match <' + (open?.name ?? '') + '>');
      i += match![0].length;
      if (stack.length === 0) root = open;
    } else if (xml[i] === '<') {
      const name = /^<([A-Za-z_][\w.-]*)/.exec(xml.slice(i));
      if (!name) fail('bad tag');
      i += name![0].length;
      const element: XmlElement = { name: name![1]!, attributes: {}, children: [], text: '' };
      for (;;) {
        skipSpace();
        if (xml.startsWith('/>', i) || xml[i] === '>') break;
        const attribute = /^([A-Za-z_][\w.:-]*)\s*=\s*"([^"<]*)"/.exec(xml.slice(i));
        if (!attribute) fail('bad attribute');
        if (attribute![1]! in element.attributes) fail('duplicate attribute ' + attribute![1]);
        if (/&(?!(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(attribute![2]!)) fail('bare & in attribute');
        element.attributes[attribute![1]!] = decode(attribute![2]!);
        i += attribute![0].length;
      }
      if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
      else if (root !== undefined) fail('second root element');
      if (xml.startsWith('/>', i)) {
        i += 2;
        if (stack.length === 0) root = element;
      } else {
        i += 1;
        stack.push(element);
      }
    } else {
      const end = xml.indexOf('<', i);
      const text = xml.slice(i, end === -1 ? xml.length : end);
      if (stack.length === 0 && text.trim() !== '') fail('text outside the root');
      if (/&(?!(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text)) fail('bare &');
      if (stack.length > 0) stack[stack.length - 1]!.text += decode(text);
      i = end === -1 ? xml.length : end;
    }
  }
  if (root === undefined) fail('no root element');
  return root!;
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
