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

/**
 * While `run` goes, what is written to `stream` (newman's cli reporter prints to process.stdout itself) goes to `sink`
 * instead, and the stream looks as a child's pipe does: not a TTY, no terminal size (newman then prints no colours,
 * no spinner and sizes no column to a terminal).
 */
async function divertStream<T>(stream: NodeJS.WriteStream, sink: (text: string) => void, run: () => Promise<T>): Promise<T> {
  const names = ['write', 'isTTY', 'columns', 'rows'] as const;
  const saved = names.map((name) => [name, Object.getOwnPropertyDescriptor(stream, name)] as const);
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    sink(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    if (done !== undefined) process.nextTick(done);
    return true;
  };
  Object.defineProperty(stream, 'write', { value: write, configurable: true, writable: true });
  for (const name of ['isTTY', 'columns', 'rows'] as const) Object.defineProperty(stream, name, { value: undefined, configurable: true, writable: true });
  try {
    return await run();
  } finally {
    for (const [name, descriptor] of saved) {
      if (descriptor === undefined) delete (stream as unknown as Record<string, unknown>)[name];
      else Object.defineProperty(stream, name, descriptor);
    }
  }
}

/** `pm-cognito <args>` in-process: use it wherever the process boundary (signals, exit, stdin as a stream, the bin file) is not what the test is about. */
export async function pmInProcess(args: string[], options: PmOptions = {}): Promise<PmResult> {
  return inProcess(args, options, false);
}

/**
 * pmInProcess, and what the command writes to process.stdout and process.stderr itself (newman's live table without
 * --silent) is kept in stdout and stderr in the order it came, as a child's pipes would carry it.
 */
export async function pmInProcessPrinting(args: string[], options: PmOptions = {}): Promise<PmResult> {
  return inProcess(args, options, true);
}

async function inProcess(args: string[], options: PmOptions, printing: boolean): Promise<PmResult> {
  const env = childEnv(options.env);
  const firstLine = options.input === undefined ? undefined : options.input.split(/\r?\n/)[0];
  // Never interrupted (the signal tests run the real process); stdin's first line as the process would read it.
  const io: MemoryIo = { ...memoryIo(env, options.cwd ?? ROOT), readStdinLine: async () => (firstLine === undefined || firstLine === '' ? undefined : firstLine) };
  const command = () => withAwsEnvironment(env, () => cli(args, io));
  const code = printing ? await divertStream(process.stdout, io.out, () => divertStream(process.stderr, io.err, command)) : await command();
  return { code, signal: null, stdout: io.stdout(), stderr: io.stderr() };
}
