// Runs the pm-cognito command line inside the test process through its injected CliIo: no process start, same result shape as a child.

import { cli } from '../../src/cli/cli';
import { memoryIo, type MemoryIo } from './memory-io';
import { ROOT } from './collection';
import { childEnv, type PmOptions, type PmResult } from './cli-process';

/**
 * The AWS SDK's default credential chain reads process.env itself, not the CliIo's env: while a command
 * runs, the process gets the same AWS_* view the child would have, and its own back afterwards.
 */
async function withAwsEnvironment<T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved: Record<string, string | undefined> = {};
  const names = new Set([...Object.keys(process.env), ...Object.keys(env)].filter((name) => name.startsWith('AWS_')));
  for (const name of names) {
    saved[name] = process.env[name];
    if (env[name] === undefined) delete process.env[name];
    else process.env[name] = env[name];
  }
  try {
    return await run();
  } finally {
    for (const name of names) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  }
}

/** `pm-cognito <args>` in-process: use it wherever the process boundary (signals, exit, stdin as a stream, the bin file) is not what the test is about. */
export async function pmInProcess(args: string[], options: PmOptions = {}): Promise<PmResult> {
  const env = childEnv(options.env);
  const firstLine = options.input === undefined ? undefined : options.input.split(/\r?\n/)[0];
  // Never interrupted (the signal tests run the real process); stdin's first line as the process would read it.
  const io: MemoryIo = { ...memoryIo(env, options.cwd ?? ROOT), readStdinLine: async () => (firstLine === undefined || firstLine === '' ? undefined : firstLine) };
  const code = await withAwsEnvironment(env, () => cli(args, io));
  return { code, signal: null, stdout: io.stdout(), stderr: io.stderr() };
}
