// The Postman CLI as a child process: an allow-listed environment (no AWS or Cognito secrets), its own process group, killed with the run.

import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { POSTMAN_SERVICE_VARIABLES } from './cloud-sink';
import type { PostmanCli } from './postman-cli-binary';
import { watchProcessGroup, type Watchdog } from './orphan-watchdog';

/**
 * The parent's variables a child may see: the search path, locale and time zone, and how to reach
 * the API under test (proxies and extra CA certificates, as newman in this process uses them).
 * Everything else stays out: AWS_* credentials, COGNITO_* secrets, Postman API keys, NODE_OPTIONS.
 */
const INHERITED = /^(PATH|LANG|LANGUAGE|LC_[A-Z_]+|TZ|(HTTP|HTTPS|NO|ALL)_PROXY|(http|https|no|all)_proxy|NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR)$/;

/**
 * What the child gets: the allow-listed variables, a private empty home (so no saved login is used
 * and nothing is written to the user's ~/.postman) and temporary directory (removed with the run),
 * no update check, and every Postman service address pointed at a loopback sink.
 */
export function childEnvironment(home: string, tmp: string, sink: string, parent: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(parent)) if (INHERITED.test(key) && value !== undefined) env[key] = value;
  for (const name of POSTMAN_SERVICE_VARIABLES) env[name] = sink;
  return {
    ...env,
    HOME: home,
    USERPROFILE: home,
    TMPDIR: tmp,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    POSTMAN_CLI_SKIP_UPDATE_CHECK: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
}

export interface PostmanChild {
  process: ChildProcessByStdio<null, Readable, Readable>;
  /** Resolves with the exit code once the child has exited and its output is read (null: ended by a signal). */
  closed: Promise<number | null>;
  /** The signal that ended the child (SIGABRT: it crashed, e.g. out of memory), once closed; null otherwise. */
  endedBy(): NodeJS.Signals | null;
  /** Kills the child and everything it started (its process group) at once; synchronous, so an exit hook can call it. */
  kill(): void;
}

/**
 * Starts the CLI in its own process group, so a signal to the run reaches the run alone and the run ends the whole group.
 * A watchdog ends the group if the run itself dies first (SIGKILL): a CLI still waiting for its environment file, or
 * halfway through a long suite, would otherwise stay for ever.
 */
export function startPostmanChild(cli: PostmanCli, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): PostmanChild {
  const child = spawn(cli.command, [...cli.prefix, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const watchdog: Watchdog = child.pid === undefined ? { stop: () => undefined } : watchProcessGroup(child.pid);
  let exited = false;
  let endedBy: NodeJS.Signals | null = null;
  const closed = new Promise<number | null>((resolve, reject) => {
    child.on('error', (error) => {
      watchdog.stop();
      reject(error);
    });
    child.on('exit', () => {
      exited = true;
    });
    child.on('close', (code, signal) => {
      // The group may live on after its leader (a grandchild): the run's own kill() ends it; the watchdog's job is done.
      watchdog.stop();
      endedBy = signal;
      resolve(code);
    });
  });
  return {
    process: child,
    closed,
    endedBy: () => endedBy,
    kill() {
      if (exited || child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      watchdog.stop();
    },
  };
}
