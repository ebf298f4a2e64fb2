// One cognito-local for many stacks at once (a whole test run; test-only, so not in src/): empty pools written before it starts, claimed one per stack, so no stack restarts it.

import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCognitoLocal, type LocalCognito } from '../../src/local/cognito-local';
import { writeEmptyPools } from '../../src/local/pool-id';

/** Pools written before the start: more than the stacks (and extra setUpPool calls) of one full test run. */
export const PREMADE_POOL_COUNT = 64;
/** Beside `.cognito/`, not in `.cognito/db/` (whose every .json file cognito-local loads as a pool). */
const CLAIMS_DIR = 'pool-claims';
/** The shape newPoolId makes; cognito-local's own `clients.json` and anything else in the directory is not a pool to claim. */
const PREMADE_POOL_FILE = /^us-east-1_[A-Za-z0-9]{9}\.json$/;

/** What another process needs to use a shared cognito-local: plain data, so it can cross to test workers (vitest's provide). */
export interface SharedCognitoLocalHandle {
  endpoint: string;
  port: number;
  /** Its working directory: `.cognito/db/` holds the pre-made pools, `pool-claims/` who took which. */
  dataDir: string;
  /** The cognito-local process; the same for the whole run, as nothing restarts it. */
  pid: number;
}

export interface SharedCognitoLocal {
  readonly handle: SharedCognitoLocalHandle;
  /** Forgets every pool and claim and starts again on the same port with fresh pre-made pools (a watch-mode rerun); the pid changes. */
  reset(): Promise<void>;
  /** Stops cognito-local and removes its data directory. Idempotent. */
  stop(): Promise<void>;
}

function poolsDir(dataDir: string): string {
  return join(dataDir, '.cognito', 'db');
}

/** Writes `count` empty pool files with fresh AWS-shaped ids (cognito-local fills in the defaults when it loads them) and an empty claims directory. */
export async function writePremadePools(dataDir: string, count: number): Promise<string[]> {
  await mkdir(poolsDir(dataDir), { recursive: true });
  await mkdir(join(dataDir, CLAIMS_DIR), { recursive: true });
  return writeEmptyPools(poolsDir(dataDir), count, 'us-east-1');
}

/**
 * Takes the first pre-made pool that nobody has taken. The claim is a file created with `wx` (O_EXCL): the
 * file system lets exactly one caller create it, so test workers in different processes never share a pool.
 */
export async function claimPremadePool(dataDir: string): Promise<string> {
  const ids = (await readdir(poolsDir(dataDir))).filter((name) => PREMADE_POOL_FILE.test(name)).map((name) => name.slice(0, -'.json'.length)).sort();
  for (const id of ids) {
    try {
      await writeFile(join(dataDir, CLAIMS_DIR, id), String(process.pid) + '\n', { flag: 'wx' });
      return id;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(
    'all ' + ids.length + ' pre-made pools of the shared cognito-local in ' + dataDir + ' are taken: ' +
      'raise PREMADE_POOL_COUNT in test/support/shared-cognito-local.ts, or start the stack on its own cognito-local',
  );
}

/**
 * The shared cognito-local as a LocalCognito for startLocalStack and setUpPool in another process: pools are
 * claimed, never written; stop() leaves it running (its owner stops it); restart() is refused, as it would cut
 * off every other stack using it.
 */
export function attachCognitoLocal(handle: SharedCognitoLocalHandle): LocalCognito {
  return {
    endpoint: handle.endpoint,
    port: handle.port,
    dataDir: handle.dataDir,
    region: 'us-east-1',
    pid: handle.pid,
    died: new Promise<string>(() => undefined),
    claimPool: () => claimPremadePool(handle.dataDir),
    restart: () => Promise.reject(new Error('cognito-local on ' + handle.endpoint + ' is shared with other stacks: it is not restarted (claim a pre-made pool instead)')),
    stop: () => Promise.resolve(),
  };
}

/** Starts a cognito-local with `poolCount` empty pools already in place, in a fresh directory removed on stop (or when this process exits). */
export async function startSharedCognitoLocal(poolCount = PREMADE_POOL_COUNT): Promise<SharedCognitoLocal> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pm-cognito-shared-local-'));
  // A crashed run still leaves no pool files (with throwaway passwords) behind; cognito-local itself ends with this process (its orphan guard).
  const removeOnExit = (): void => rmSync(dataDir, { recursive: true, force: true });
  process.once('exit', removeOnExit);
  const removeDir = async (): Promise<void> => {
    process.removeListener('exit', removeOnExit);
    await rm(dataDir, { recursive: true, force: true });
  };
  let cognito: LocalCognito;
  try {
    await writePremadePools(dataDir, poolCount);
    cognito = await startCognitoLocal({ dataDir });
  } catch (error) {
    await removeDir();
    throw error;
  }
  const handle: SharedCognitoLocalHandle = { endpoint: cognito.endpoint, port: cognito.port, dataDir, pid: cognito.pid ?? 0 };
  let stopping: Promise<void> | undefined;
  return {
    handle,
    async reset() {
      await rm(poolsDir(dataDir), { recursive: true, force: true });
      await rm(join(dataDir, CLAIMS_DIR), { recursive: true, force: true });
      await writePremadePools(dataDir, poolCount);
      await cognito.restart();
      handle.pid = cognito.pid ?? 0;
    },
    stop() {
      stopping ??= cognito.stop().finally(removeDir);
      return stopping;
    },
  };
}
