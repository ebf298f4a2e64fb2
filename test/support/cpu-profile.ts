// Diagnostic (PM_COGNITO_CPU_PROFILE=<dir>): a CPU profile of each test file's time in its worker, for finding where the suite's CPU goes.

import { Session } from 'node:inspector';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

const dir = process.env['PM_COGNITO_CPU_PROFILE'] ?? '';
const session = new Session();
session.connect();
const post = (method: string, params?: object): Promise<unknown> =>
  new Promise((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));

beforeAll(async () => {
  await post('Profiler.enable');
  await post('Profiler.start');
});

// vitest reads a hook's first parameter as the fixtures it wants: an empty pattern asks for none; the suite comes second.
afterAll(async ({}, suite) => {
  const file = (suite as unknown as { filepath?: string; file?: { filepath: string } });
  const { profile } = (await post('Profiler.stop')) as { profile: unknown };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, basename(file.file?.filepath ?? file.filepath ?? 'unknown') + '.' + process.pid + '.cpuprofile'), JSON.stringify(profile));
});
