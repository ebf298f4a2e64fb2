// `npm run demo`: the whole thing offline: `pm-cognito local`'s start with examples/local-cognito.yaml and the demo API, the collections through newman and their v3 twins through the Postman CLI.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseLocalConfig } from '../local/local-config';
import { variableRecord } from '../local/local-environment';
import { startLocal } from '../local/start-local';
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

async function main(): Promise<number> {
  const config = parseLocalConfig(readFileSync(CONFIG, 'utf8'), 'examples/local-cognito.yaml');
  // The example's passwords are public: the demo gives its users fresh ones.
  for (const user of config.pools.flatMap((pool) => pool.users)) user.password = demoPassword();
  console.log('pm-cognito demo: starting pm-cognito local (examples/local-cognito.yaml) with the demo API on 127.0.0.1 ...');
  const stateDir = mkdtempSync(join(tmpdir(), 'pm-cognito-demo-'));
  let stack;
  try {
    stack = await startLocal(config, { stateDir, environmentFile: join(stateDir, 'local.postman_environment.json'), demoApi: true });
  } catch (error) {
    rmSync(stateDir, { recursive: true, force: true });
    throw error;
  }
  const identityPool = stack.identityPool!;
  let failed = 0;
  // The IAM requests' credentials: GetId once per identity, GetCredentialsForIdentity once per identity and lifetime.
  const identityCalls = (): [number, number] => [identityPool.count('GetId'), identityPool.count('GetCredentialsForIdentity')];
  const identitySince = ([getId, getCredentials]: [number, number]): string => {
    const [nowGetId, nowGetCredentials] = identityCalls();
    return ', identity pool: ' + (nowGetId - getId) + ' GetId, ' + (nowGetCredentials - getCredentials) + ' GetCredentialsForIdentity';
  };
  try {
    const environment = variableRecord(stack.variables);
    const collections = readdirSync(join(root, 'collections')).filter((f) => f.endsWith('.postman_collection.json')).sort();
    for (const file of collections) {
      const before = stack.proxy.signIns();
      const identityBefore = identityCalls();
      const result = await runSuite({ collection: join(root, 'collections', file), environment, environmentName: 'local', reporters: ['cli'] });
      failed += result.failures;
      console.log(file + ': ' + result.requests + ' requests, ' + result.assertions + ' assertions, ' + result.failures + ' failures, ' + (stack.proxy.signIns() - before) + ' Cognito sign-ins' + identitySince(identityBefore));
    }
    // The same collections as Postman v12 keeps them (collections/v3/, made by `postman collection migrate`), through the Postman CLI.
    let cli;
    try {
      cli = locatePostmanCli(undefined, process.env, root, 'the v3 part of the demo');
    } catch (error) {
      console.log('v3 collections skipped: ' + (error instanceof Error ? error.message : String(error)));
    }
    const v3 = join(root, 'collections', 'v3');
    for (const name of cli === undefined ? [] : readdirSync(v3).sort()) {
      const before = stack.proxy.signIns();
      const identityBefore = identityCalls();
      const result = await runPostmanSuite({ cli: cli!, format: 'v3', path: join(v3, name), name, variables: environment, environmentName: 'local', workingDir: root, onOutput: (text) => void process.stdout.write(text) });
      const stats = result.report.stats;
      const failures = stats === undefined ? 1 : stats.requests.failed + stats.testScripts.failed + stats.prerequestScripts.failed + stats.assertions.failed;
      failed += failures;
      console.log('v3/' + name + ' (Postman CLI): ' + (stats?.requests.executed ?? 0) + ' requests, ' + (stats?.assertions.executed ?? 0) + ' assertions, ' + failures + ' failures, ' + (stack.proxy.signIns() - before) + ' Cognito sign-ins' + identitySince(identityBefore));
    }
    console.log('Cognito calls in this demo: ' + stack.proxy.signIns() + ' sign-ins, ' + stack.proxy.refreshes() + ' refreshes, ' + stack.proxy.calls.length + ' calls in all' + identitySince([0, 0]) + '.');
  } finally {
    await stack.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
  console.log(failed === 0 ? 'pm-cognito demo: everything passed.' : 'pm-cognito demo: ' + failed + ' failures.');
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    console.error('pm-cognito demo failed: ' + (error instanceof Error ? error.message : String(error)));
    process.exitCode = 1;
  },
);
