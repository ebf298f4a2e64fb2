// `npm run demo` stopped by a signal as a real process: it stops cognito-local, the demo API and its children, removes its files, and exits 128 + the signal.

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/collection';
import { exitWithin, portOpen, processesIn, until, type Started } from '../support/spawn-local';
import { removeTempDirs, tempDir } from '../support/temp-dirs';

const started: Started[] = [];

afterAll(() => {
  for (const s of started) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  removeTempDirs();
});

/**
 * `npm run demo`'s command: one node process with tsx's loader. (tsx's own CLI runs the script in a child and
 * SIGKILLs it when it does not confirm a relayed signal within about 60 ms: a busy demo lost its clean-up that way.)
 */
const DEMO_COMMAND = 'node --import tsx src/demo/run-demo.ts';

/** Runs the demo as `npm run demo` does, with its own temp directory, so what it leaves behind can be seen. */
function spawnDemo(tmp: string): Started {
  const child = spawn(process.execPath, DEMO_COMMAND.split(' ').slice(1), {
    cwd: ROOT, env: { ...process.env, TMPDIR: tmp, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d; });
  child.stderr.on('data', (d: Buffer) => { output += d; });
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const s = { child, output: () => output, closed };
  started.push(s);
  return s;
}

/** What the demo left in its temp directory (tsx's own cache aside). */
const leftovers = (tmp: string): string[] => readdirSync(tmp).filter((name) => name.startsWith('pm-cognito'));

describe('npm run demo and signals', () => {
  it('is what npm run demo runs', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['demo']).toBe(DEMO_COMMAND);
  });

  it('on Ctrl-C once it is up: stops cognito-local, the proxy, the demo API and the identity pool, removes its files, exits 130', async () => {
    const tmp = tempDir('pm-cognito-demo-signals-');
    const demo = spawnDemo(tmp);
    await until(() => demo.output().includes('pm-cognito demo: up:') || demo.child.exitCode !== null, 90_000);
    const up = /pm-cognito demo: up: .*/.exec(demo.output())?.[0] ?? '';
    const ports = [...up.matchAll(/http:\/\/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
    expect(ports, demo.output()).toHaveLength(4);
    expect(leftovers(tmp)).toEqual(expect.arrayContaining([expect.stringMatching(/^pm-cognito-demo-/)]));
    demo.child.kill('SIGINT');
    expect(await exitWithin(demo, 30_000), demo.output()).toBe(130);
    expect(demo.output()).toContain('pm-cognito demo: stopped (SIGINT)');
    for (const port of ports) expect(await portOpen(port), 'port ' + port).toBe(false);
    expect(leftovers(tmp)).toEqual([]);
    expect(processesIn(tmp)).toEqual([]);
  }, 150_000);

  it('on SIGTERM during the start: stops what it started, removes its files, exits 143', async () => {
    const tmp = tempDir('pm-cognito-demo-signals-');
    const demo = spawnDemo(tmp);
    await until(() => leftovers(tmp).length > 0 || demo.child.exitCode !== null, 60_000);
    demo.child.kill('SIGTERM');
    expect(await exitWithin(demo, 30_000), demo.output()).toBe(143);
    expect(demo.output()).not.toContain('pm-cognito demo: up:');
    expect(demo.output()).toContain('pm-cognito demo: stopped (SIGTERM)');
    expect(leftovers(tmp)).toEqual([]);
    expect(processesIn(tmp)).toEqual([]);
  }, 150_000);
});
