// What the commands need from the process (streams, environment, signals), so they can be driven without one.

import { clip, redact } from '../core/redact';
import type { Interruption } from '../node/ephemeral-user';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The first line of standard input; undefined when stdin is a terminal or empty. */
  readStdinLine(): Promise<string | undefined>;
  /**
   * Starts listening for Ctrl-C, SIGTERM, SIGHUP (the terminal or SSH session closed) and crashes (unhandled rejections); the promise settles on
   * the first one. Call stop() when done listening.
   */
  interruptions(): { promise: Promise<Interruption>; stop(): void };
  /** Runs `cleanup` if the process exits without unwinding (Ctrl-C ends the CLI that way); the returned function cancels it. */
  onExit(cleanup: () => void): () => void;
}

/** Exit codes: 0 passed, 1 failed, 2 bad usage, 128 + signal number when interrupted. */
export const EXIT = { ok: 0, failed: 1, usage: 2, SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

/** 128 + the signal's number; a crash is a failure. */
export function interruptionExit(reason: Interruption): number {
  return reason === 'crash' ? EXIT.failed : EXIT[reason];
}

export function processIo(): CliIo {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    readStdinLine: () => new Promise((resolve, reject) => {
      if (process.stdin.isTTY === true) {
        resolve(undefined);
        return;
      }
      let text = '';
      process.stdin.setEncoding('utf8');
      const done = () => {
        process.stdin.pause();
        const line = text.split(/\r?\n/)[0];
        resolve(line === undefined || line === '' ? undefined : line);
      };
      process.stdin.on('data', (chunk: string) => {
        text += chunk;
        if (text.includes('\n')) {
          process.stdin.removeAllListeners('end');
          done();
        }
      });
      process.stdin.once('end', done);
      process.stdin.once('error', reject);
    }),
    onExit: (cleanup) => {
      process.once('exit', cleanup);
      return () => void process.off('exit', cleanup);
    },
    interruptions() {
      let settle: (value: Interruption) => void = () => undefined;
      const promise = new Promise<Interruption>((resolve) => {
        settle = resolve;
      });
      const onInt = () => settle('SIGINT');
      const onTerm = () => settle('SIGTERM');
      const onHup = () => settle('SIGHUP');
      const onCrash = (reason: unknown) => {
        // Errors from the script sandbox come from another realm: not instanceof Error here.
        const message = typeof reason === 'object' && reason !== null && typeof (reason as { message?: unknown }).message === 'string' ? (reason as { message: string }).message : String(reason);
        // A collection script's own text: it may quote a token or the password, and be of any length.
        process.stderr.write('pm-cognito: a script crashed the run (' + clip(redact(message)) + ')\n');
        settle('crash');
      };
      process.on('SIGINT', onInt);
      process.on('SIGTERM', onTerm);
      process.on('SIGHUP', onHup);
      process.on('unhandledRejection', onCrash);
      process.on('uncaughtException', onCrash);
      return {
        promise,
        stop() {
          process.off('SIGINT', onInt);
          process.off('SIGTERM', onTerm);
          process.off('SIGHUP', onHup);
          process.off('unhandledRejection', onCrash);
          process.off('uncaughtException', onCrash);
        },
      };
    },
  };
}
