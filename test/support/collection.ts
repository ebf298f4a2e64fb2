// Builds throwaway Postman collections around the built dist/ script for integration tests.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const SCRIPT_PATH = join(ROOT, 'dist', 'pm-cognito.prerequest.js');

export function builtScript(): string {
  return readFileSync(SCRIPT_PATH, 'utf8');
}

/** The script with identity pools (`pm-cognito install --iam`): what a collection naming cognito_iam_* installs. */
export const IAM_SCRIPT_PATH = join(ROOT, 'dist', 'pm-cognito.iam.prerequest.js');

export function iamScript(): string {
  return readFileSync(IAM_SCRIPT_PATH, 'utf8');
}

export interface ItemSpec {
  name: string;
  method?: string;
  path: string;
  auth?: object;
  headers?: Array<{ key: string; value: string }>;
  body?: unknown;
  /** Lines of the request's test script. */
  tests?: string[];
  /** Lines of the request's own pre-request script. */
  prerequest?: string[];
}

export function item(spec: ItemSpec): object {
  const event: object[] = [];
  if (spec.prerequest) event.push({ listen: 'prerequest', script: { type: 'text/javascript', exec: spec.prerequest } });
  if (spec.tests) event.push({ listen: 'test', script: { type: 'text/javascript', exec: spec.tests } });
  const request: Record<string, unknown> = {
    method: spec.method ?? 'GET',
    header: [...(spec.headers ?? [])],
    url: '{{baseUrl}}' + spec.path,
  };
  if (spec.body !== undefined) {
    request['body'] = { mode: 'raw', raw: JSON.stringify(spec.body) };
    (request['header'] as object[]).push({ key: 'Content-Type', value: 'application/json' });
  }
  if (spec.auth) request['auth'] = spec.auth;
  return { name: spec.name, event, request };
}

export function collection(name: string, items: object[], options: { script?: string; auth?: object } = {}): object {
  const c: Record<string, unknown> = {
    info: { name, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    event: [{ listen: 'prerequest', script: { type: 'text/javascript', exec: [options.script ?? builtScript()] } }],
    item: items,
  };
  if (options.auth) c['auth'] = options.auth;
  return c;
}

/** Writes JSON into a fresh temp directory and returns the file path. */
export function writeTemp(name: string, value: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'pm-cognito-test-'));
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

export const NOAUTH = { type: 'noauth' };

export function times<T>(n: number, fn: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => fn(i));
}
