// `npm run demo`: the whole thing offline: `pm-cognito local`'s start with examples/local-cognito.yaml and the demo API, the collections through newman and their v3 twins through the Postman CLI.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { interruptionExit, processIo, type CliIo } from '../cli/io';
import { parseLocalConfig } from '../local/local-config';
import { variableRecord } from '../local/local-environment';
import { startLocal, type RunningLocal } from '../local/start-local';
import type { Interruption } from '../node/ephemeral-user';
import { runSuite } from '../node/newman-runner';
import { locatePostmanCli } from '../node/postman-cli-binary';
import { runPostmanSuite } from '../node/postman-cli-runner';

const root = resolve(__dirname, '..', '..');
// The demo's own AWS SDK calls go to cognito-local; the SDK's Node-version notice is noise here.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

/** A password that satisfies Cognito's default policy; generated per run and never printed. */
export function demoPassword(): string {
  return 'Demo-' + randomBytes(12).toString('base64url') + '-9a';
}

const CONFIG = join(root, 'examples', 'local-cognito.yaml');

/** What the suites need from the process: a way out when a signal comes, and an exit hook for children. */
interface DemoRun {
  /** Settles with the work's value, or rejects once a signal (or a crash) comes first. */
  until<T>(work: Promise<T>): Promise<T>;
  signal: AbortSignal;
  onExit: CliIo['onExit'];
}

/** Counts of the identity pool's calls, and the text for those made since an earlier count. */
function identityCounter(stack: RunningLocal) {
  const identityPool = stack.identityPool!;
  // The IAM requests' credentials: GetId once per identity, GetCredentialsForIdentity once per identity and lifetime.
  const calls = (): [number, number] => [identityPool.count('GetId'), identityPool.count('GetCredentialsForIdentity')];
  const since = ([getId, getCredentials]: [number, number]): string => {
    const [nowGetId, nowGetCredentials] = calls();
    return ', identity pool: ' + (nowGetId - getId) + ' GetId, ' + (nowGetCredentials - getCredentials) + ' GetCredentialsForIdentity';
  };
  return { calls, since };
}

/** The v2.1 collections through newman; returns their failures. */
async function runNewmanSuites(stack: RunningLocal, environment: Record<string, string>, run: DemoRun): Promise<number> {
  const identity = identityCounter(stack);
  let failed = 0;
  const collections = readdirSync(join(root, 'collections')).filter((f) => f.endsWith('.postman_collection.json')).sort();
  for (const file of collections) {
    const before = stack.proxy.signIns();
    const identityBefore = identity.calls();
    // newman cannot be stopped from outside: a signal leaves it behind, and the process exits once the rest is stopped.
    const result = await run.until(runSuite({ collection: join(root, 'collections', file), environment, environmentName: 'local', reporters: ['cli'] }));
    failed += result.failures;
    console.log(file + ': ' + result.requests + ' requests, ' + result.assertions + ' assertions, ' + result.failures + ' failures, ' + (stack.proxy.signIns() - before) + ' Cognito sign-ins' + identity.since(identityBefore));
  }
  return failed;
}

/** The same collections as Postman v12 keeps them (collections/v3/, made by `postman collection migrate`), through the Postman CLI; returns their failures. */
async function runV3Suites(stack: RunningLocal, environment: Record<string, string>, run: DemoRun): Promise<number> {
  let cli;
  try {
    cli = locatePostmanCli(undefined, process.env, root, 'the v3 part of the demo');
  } catch (error) {
    console.log('v3 collections skipped: ' + (error instanceof Error ? error.message : String(error)));
    return 0;
  }
  const identity = identityCounter(stack);
  let failed = 0;
  const v3 = join(root, 'collections', 'v3');
  for (const name of readdirSync(v3).sort()) {
    const before = stack.proxy.signIns();
    const identityBefore = identity.calls();
    const result = await run.until(runPostmanSuite({
      cli, format: 'v3', path: join(v3, name), name, variables: environment, environmentName: 'local', workingDir: root,
      onOutput: (text) => void process.stdout.write(text), signal: run.signal, onExit: run.onExit,
    }));
    const stats = result.report.stats;
    const failures = stats === undefined ? 1 : stats.requests.failed + stats.testScripts.failed + stats.prerequestScripts.failed + stats.assertions.failed;
    failed += failures;
    console.log('v3/' + name + ' (Postman CLI): ' + (stats?.requests.executed ?? 0) + ' requests, ' + (stats?.assertions.executed ?? 0) + ' assertions, ' + failures + ' failures, ' + (stack.proxy.signIns() - before) + ' Cognito sign-ins' + identity.since(identityBefore));
  }
  return failed;
}

/** Starts the stack, runs every suite, and stops the stack and removes its files whatever happens (a signal included). */
async function demo(run: DemoRun): Promise<number> {
  const config = parseLocalConfig(readFileSync(CONFIG, 'utf8'), 'examples/local-cognito.yaml');
  // The example's passwords are public: the demo gives its users fresh ones.
  for (const user of config.pools.flatMap((pool) => pool.users)) user.password = demoPassword();
  console.log('pm-cognito demo: starting pm-cognito local (examples/local-cognito.yaml) with the demo API on 127.0.0.1 ...');
  const stateDir = mkdtempSync(join(tmpdir(), 'pm-cognito-demo-'));
  let stack: RunningLocal | undefined;
  try {
    // A signal during the start makes it stop what it has started and reject.
    stack = await startLocal(config, { stateDir, environmentFile: join(stateDir, 'local.postman_environment.json'), demoApi: true, signal: run.signal });
    console.log('pm-cognito demo: up: Cognito on ' + stack.endpoint + ' (cognito-local on ' + stack.cognito.endpoint + '), demo API on ' + stack.api!.url + ', identity pool on ' + stack.identityPool!.url);
    const environment = variableRecord(stack.variables);
    const failed = (await runNewmanSuites(stack, environment, run)) + (await runV3Suites(stack, environment, run));
    console.log('Cognito calls in this demo: ' + stack.proxy.signIns() + ' sign-ins, ' + stack.proxy.refreshes() + ' refreshes, ' + stack.proxy.calls.length + ' calls in all' + identityCounter(stack).since([0, 0]) + '.');
    console.log(failed === 0 ? 'pm-cognito demo: everything passed.' : 'pm-cognito demo: ' + failed + ' failures.');
    return failed === 0 ? 0 : 1;
  } finally {
    await stack?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

/** The demo under the CLI's signal handling: Ctrl-C, SIGTERM and SIGHUP stop everything it started and exit 130, 143 and 129. */
async function main(io: CliIo): Promise<number> {
  const interruptions = io.interruptions();
  const aborter = new AbortController();
  const interrupted = interruptions.promise.then((by): never => {
    aborter.abort(by);
    throw aborter.signal.reason;
  });
  // Nobody may be waiting on it yet (a signal during the config read): not an unhandled rejection.
  interrupted.catch(() => undefined);
  try {
    try {
      const code = await demo({ until: (work) => Promise.race([work, interrupted]), signal: aborter.signal, onExit: io.onExit });
      // A signal while the stack was stopping after the last suite still ends the demo as interrupted.
      if (!aborter.signal.aborted) return code;
    } catch (error) {
      if (!aborter.signal.aborted) throw error;
    }
    const by = aborter.signal.reason as Interruption;
    io.err('pm-cognito demo: ' + (by === 'crash' ? 'crashed' : 'stopped (' + by + ')') + '; cognito-local, the demo API and the demo\'s files are gone\n');
    return interruptionExit(by);
  } finally {
    interruptions.stop();
  }
}

void main(processIo())
  .catch((error: unknown) => {
    console.error('pm-cognito demo failed: ' + (error instanceof Error ? error.message : String(error)));
    return 1;
  })
  .then((code) => {
    process.exitCode = code;
    // Leave explicitly: after a signal, newman may still be busy (it cannot be stopped from outside).
    process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  });
