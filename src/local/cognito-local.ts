// Runs cognito-local as a child process on 127.0.0.1 with a throwaway data directory, so tests and the demo get a real Cognito API offline.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { LocalStartError } from './local-start-error';
import { writeEmptyPools } from './pool-id';

export interface LocalCognito {
  /** Base URL of the Cognito JSON API and of the JWKS routes, e.g. `http://127.0.0.1:41234`. */
  readonly endpoint: string;
  readonly port: number;
  /** Working directory of cognito-local; its state lives in `<dataDir>/.cognito/`. */
  readonly dataDir: string;
  /** The region in the issuer (`https://cognito-idp.us-east-1.amazonaws.com/<poolId>`) and in seeded pool ids. */
  readonly region: 'us-east-1';
  /** Process id of the running cognito-local (it changes on restart). */
  readonly pid: number | undefined;
  /**
   * Stops and starts the process again on the same port and data directory.
   * cognito-local reads the pool files in `.cognito/db/` only when it starts, so a pool file
   * written while it runs (see setUpPool) is unknown to it until this is called.
   */
  restart(): Promise<void>;
  /**
   * Takes one of the empty pools written before cognito-local started (it reads pool files only when it starts), so
   * setUpPool neither writes a pool file nor restarts it; undefined when none is left. Present on a cognito-local
   * started with `emptyPools` and on one shared by many stacks (test/support/shared-cognito-local.ts).
   */
  claimPool?(): Promise<string | undefined>;
  /** Kills the process, waits for it to exit, and removes the data directory unless the caller supplied it. Idempotent. */
  stop(): Promise<void>;
  /**
   * Settles when the process exits on its own (not through stop() or restart()), with how it ended and the
   * tail of its output; never settles otherwise.
   */
  readonly died: Promise<string>;
}

export interface StartCognitoLocalOptions {
  /**
   * Directory to run in (its `.cognito/` holds the state). Default: a fresh directory under
   * os.tmpdir(), removed on stop. A supplied directory is kept, and an existing
   * `.cognito/config.json` in it is left as it is.
   */
  dataDir?: string;
  /**
   * Empty pools to write before it starts, for claimPool: `pm-cognito local` sets up each pool of its config in one,
   * instead of writing a pool file and restarting cognito-local for each (about a second of CPU per restart).
   */
  emptyPools?: number;
}

const REGION = 'us-east-1';
/** Empty UsernameAttributes: plain usernames instead of forced e-mail usernames. IssuerDomain: AWS-shaped `iss`. */
const CONFIG = {
  UserPoolDefaults: { UsernameAttributes: [] },
  TokenConfig: { IssuerDomain: `https://cognito-idp.${REGION}.amazonaws.com` },
};
const READY_TIMEOUT_MS = 15_000;
const POLL_INTERVAL_MS = 50;
const STOP_GRACE_MS = 5_000;
/** How much of each output stream is kept for error messages. */
const OUTPUT_TAIL_BYTES = 8 * 1024;
/** Attempts to find a port that is still free when cognito-local binds it. */
const START_ATTEMPTS = 3;

/** Resolved when first needed: a package installed without cognito-local (a devDependency) still runs its other commands. */
function startScript(): string {
  try {
    return require.resolve('cognito-local/lib/bin/start.js');
  } catch {
    throw new LocalStartError('cognito-local is not installed: run npm install --save-dev cognito-local@5.3.0 in your project, then try again');
  }
}
/**
 * Runs start.js, and exits when its stdin closes: that happens when this process dies in any way,
 * even SIGKILL or a killed test worker, which an 'exit' hook here would not see.
 */
const ORPHAN_GUARD =
  "process.stdin.on('end', () => process.exit(0)); process.stdin.on('error', () => process.exit(0));" +
  ' process.stdin.resume(); require(process.argv[1]);';

/** Children still running, killed if this process exits without stopping them (a crashed test run). */
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const c of liveChildren) c.kill('SIGKILL');
    });
  }
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
}

/** Keeps the last few KB of a stream; pino-pretty colours its output, which is stripped here. */
class OutputTail {
  private text = '';
  append(chunk: Buffer | string): void {
    this.text += chunk.toString();
    if (this.text.length > OUTPUT_TAIL_BYTES * 2) this.text = this.text.slice(-OUTPUT_TAIL_BYTES);
  }
  toString(): string {
    // eslint-disable-next-line no-control-regex
    return this.text.slice(-OUTPUT_TAIL_BYTES).replace(/\x1b\[[0-9;]*m/g, '').trim();
  }
}

interface Running {
  child: ChildProcess;
  stdout: OutputTail;
  stderr: OutputTail;
  exited: Promise<void>;
  exitDescription(): string | undefined;
}

function childEnv(port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1' };
  // Dev mode logs whole request bodies (passwords) for unsupported targets; DEBUG logs stored users.
  delete env.COGNITO_LOCAL_DEVMODE;
  if (process.env.PM_COGNITO_DEBUG_LOCAL !== '1') delete env.DEBUG;
  return env;
}

function spawnCognito(dataDir: string, port: number): Running {
  const echo = process.env.PM_COGNITO_DEBUG_LOCAL === '1';
  const child = spawn(process.execPath, ['-e', ORPHAN_GUARD, startScript()], {
    cwd: dataDir,
    env: childEnv(port),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  track(child);
  const stdout = new OutputTail();
  const stderr = new OutputTail();
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout.append(chunk);
    if (echo) process.stdout.write(chunk);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr.append(chunk);
    if (echo) process.stderr.write(chunk);
  });
  let description: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('error', (error) => {
      description ??= 'could not be started: ' + error.message;
      resolve();
    });
    // 'close' rather than 'exit': by then the last of its output has been read.
    child.once('close', (code, signal) => {
      description ??= signal !== null ? 'was killed by ' + signal : 'exited with code ' + String(code);
      resolve();
    });
  });
  return { child, stdout, stderr, exited, exitDescription: () => description };
}

function describeOutput(running: Running): string {
  const stderr = running.stderr.toString();
  const stdout = running.stdout.toString();
  return (
    '\n--- cognito-local stderr (last ' + OUTPUT_TAIL_BYTES / 1024 + ' KB) ---\n' + (stderr || '(empty)') +
    '\n--- cognito-local stdout (last ' + OUTPUT_TAIL_BYTES / 1024 + ' KB) ---\n' + (stdout || '(empty)')
  );
}

async function isHealthy(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(endpoint + '/health', { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once /health answers 200; rejects if the process exits first or the deadline passes. */
async function waitUntilReady(running: Running, endpoint: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const exit = running.exitDescription();
    if (exit !== undefined) {
      throw new Error('cognito-local ' + exit + ' before it was ready on ' + endpoint + '.' + describeOutput(running));
    }
    if (await isHealthy(endpoint)) return;
    if (Date.now() > deadline) {
      await kill(running);
      throw new LocalStartError(
        'cognito-local did not answer ' + endpoint + '/health within ' + READY_TIMEOUT_MS / 1000 + ' s (a busy machine can be that slow: trying again may help); ' +
          'set PM_COGNITO_DEBUG_LOCAL=1 to see its output as it runs.' + describeOutput(running),
        { retryable: true },
      );
    }
    await sleep(POLL_INTERVAL_MS);
  }
}

async function kill(running: Running): Promise<void> {
  if (running.exitDescription() !== undefined) return;
  running.child.kill('SIGTERM');
  const timer = setTimeout(() => running.child.kill('SIGKILL'), STOP_GRACE_MS);
  await running.exited;
  clearTimeout(timer);
}

function isAddressInUse(running: Running): boolean {
  return /EADDRINUSE/.test(running.stdout.toString() + running.stderr.toString());
}

export async function startCognitoLocal(options: StartCognitoLocalOptions = {}): Promise<LocalCognito> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'pm-cognito-local-')));
  try {
    await mkdir(join(dataDir, '.cognito', 'db'), { recursive: true });
    const configPath = join(dataDir, '.cognito', 'config.json');
    if (ownsDataDir || !existsSync(configPath)) {
      await writeFile(configPath, JSON.stringify(CONFIG, null, 2) + '\n');
    }
    const emptyPools = await writeEmptyPools(join(dataDir, '.cognito', 'db'), options.emptyPools ?? 0, REGION);

    let port = 0;
    let running: Running | undefined;
    for (let attempt = 1; running === undefined; attempt++) {
      port = await freePort();
      const candidate = spawnCognito(dataDir, port);
      try {
        await waitUntilReady(candidate, 'http://127.0.0.1:' + port);
        running = candidate;
      } catch (error) {
        // Another process took the port between freePort() and cognito-local's listen: try another.
        if (attempt >= START_ATTEMPTS || !isAddressInUse(candidate)) throw error;
      }
    }

    const endpoint = 'http://127.0.0.1:' + port;
    let current: Running = running;
    let stopped = false;
    let restarting = false;
    let stopping: Promise<void> | undefined;
    let reportDeath: (description: string) => void = () => undefined;
    const died = new Promise<string>((resolve) => {
      reportDeath = resolve;
    });
    const watch = (watched: Running): void => {
      void watched.exited.then(() => {
        if (stopped || restarting || watched !== current) return;
        reportDeath('cognito-local ' + (watched.exitDescription() ?? 'exited') + '.' + describeOutput(watched));
      });
    };
    watch(running);
    return {
      died,
      endpoint,
      port,
      dataDir,
      region: REGION,
      ...(emptyPools.length > 0 ? { claimPool: async () => emptyPools.shift() } : {}),
      get pid() {
        return current.child.pid;
      },
      async restart() {
        if (stopped) throw new Error('cognito-local on ' + endpoint + ' was stopped: start a new one instead of restarting it.');
        restarting = true;
        try {
          await kill(current);
          current = spawnCognito(dataDir, port);
          await waitUntilReady(current, endpoint);
        } finally {
          restarting = false;
        }
        watch(current);
      },
      stop() {
        stopping ??= (async () => {
          stopped = true;
          await kill(current);
          if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
        })();
        return stopping;
      },
    };
  } catch (error) {
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
