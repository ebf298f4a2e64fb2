// A CliIo in memory: drives a command in-process and keeps what it printed (for tests where no process boundary is under test).

import type { CliIo } from '../../src/cli/io';

export interface MemoryIo extends CliIo {
  stdout(): string;
  stderr(): string;
}

export function memoryIo(env: NodeJS.ProcessEnv, cwd = process.cwd()): MemoryIo {
  let out = '';
  let err = '';
  return {
    out: (text) => { out += text; },
    err: (text) => { err += text; },
    env,
    cwd,
    readStdinLine: () => Promise.resolve(undefined),
    interruptions: () => ({ promise: new Promise(() => undefined), stop: () => undefined }),
    onExit: () => () => undefined,
    stdout: () => out,
    stderr: () => err,
  };
}
