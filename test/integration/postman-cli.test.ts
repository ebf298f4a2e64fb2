// The example collection and identity-pool credentials, with the built script, through Postman's own CLI (the app's current sandbox), offline.
// One Postman CLI start (seconds of CPU each) in two parts, each test reading its own requests' results and its part's calls:
// identity-pool credentials (moved here from identity-pool.test.ts), then the demo's requests, a wrong password's, a vault
// secret's and sandbox-crypto's known answers (sandbox-crypto.test.ts has newman's).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { setUpPool } from '../../src/local/pool-setup';
import { item, NOAUTH, ROOT, times, writeTemp } from '../support/collection';
import { iamMe, MIXED_IAM_REQUESTS, mixedIamItems, WAIT_PAST_CREDENTIALS_RENEWAL } from '../support/iam-items';
import { POSTMAN_CLI_SKIP, postmanAssertions, runPostmanCollection } from '../support/postman-cli';
import { junitByRequest, once } from '../support/junit-by-request';
import { VECTORS, vectorScript } from '../support/sandbox-crypto-vectors';
import { removeTempDirs, tempDir } from './cli-harness';

const PASSWORD = 'Alice-pass-1!x';
const READER_PASSWORD = 'Bob-pass-2!y';
const WRONG = 'Wrong-pass-9!z';
const CAROL = 'Carol-iam-pass-2!y';
/** rene renews in the identity-pool part: his own cache entry, so his first credentials come after the switch to 2-second ones. */
const RENE = 'Rene-iam-pass-3!z';
let stack: LocalStack;
let otherPool: { poolId: string; clientId: string };

beforeAll(async () => {
  stack = await startTestStack({
    users: [
      { username: 'alice', password: PASSWORD, groups: ['admins'] },
      { username: 'bob', password: READER_PASSWORD, groups: ['readers'] },
      { username: 'rene', password: RENE },
    ],
  });
  // A second user pool in the same cognito-local that the identity pool does not name as a provider.
  const other = await setUpPool(stack.cognito, { clients: [{ name: 'other' }], users: [{ username: 'carol', password: CAROL }] });
  otherPool = { poolId: other.poolId, clientId: other.clients[0]!.clientId };
}, 90_000);

afterAll(async () => {
  removeTempDirs();
  await stack?.stop();
});

const ME_OK = ["pm.test('status 200', () => pm.response.to.have.status(200));"];
const DEMO = JSON.parse(readFileSync(join(ROOT, 'collections', 'demo.postman_collection.json'), 'utf8')) as { item: object[] };

/** The request whose own pre-request script checks the sandbox's crypto-js hashes (No Auth: pm-cognito's script leaves it alone). */
const VECTORS_REQUEST = 'crypto-js known answers';

/** Where the calls stood when a control request came: the identity pool's and the Cognito proxy's. */
interface Mark { identityPoolCalls: number; proxyCalls: number; signIns: number }

/**
 * A server on this side with two paths the run calls between its parts: /switch turns the identity-pool double to 2-second
 * credentials, /reset back to 1-hour ones (the demo's part). Each marks where the calls stood.
 */
async function startControl(marks: Map<string, Mark>): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    marks.set(request.url ?? '', { identityPoolCalls: stack.identityPool.calls.length, proxyCalls: stack.proxy.calls.length, signIns: stack.proxy.signIns() });
    stack.identityPool.configure({ credentialsSeconds: request.url === '/switch' ? 2 : 3600 });
    response.end('marked');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: 'http://127.0.0.1:' + (server.address() as AddressInfo).port, server };
}

/**
 * The identity-pool part: the mixed requests on 1-hour credentials, /switch, rene's renewals (@renew) and carol of another
 * user pool. Then /reset, whose test script drops every cache the script kept (pm_cognito_* collection variables), so the
 * demo's part signs in and fetches credentials as a run of its own would. Then the demo collection with three more
 * requests: bob with a wrong password (@wrong), bob with a Postman Vault secret (@vault), neither of which ever signs in,
 * so no cache entry is shared with the demo's alice; and the crypto-js known answers.
 */
const postmanRun = once(async () => {
  stack.proxy.reset();
  stack.identityPool.reset();
  stack.identityPool.configure({ credentialsSeconds: 3600, allowUnauthenticated: true });
  const marks = new Map<string, Mark>();
  const control = await startControl(marks);
  try {
    const controlItem = (name: string, tests: string[] = []) => ({ name, event: [{ listen: 'test', script: { type: 'text/javascript', exec: tests } }], request: { method: 'GET', url: control.url + '/' + name, auth: { type: 'noauth' } } });
    const dropCaches = "Object.keys(pm.collectionVariables.toObject()).filter((name) => name.startsWith('pm_cognito_')).forEach((name) => pm.collectionVariables.unset(name));";
    const renewals = times(7, (i) => iamMe('user ' + i, 'authenticated', 'renew', i % 2 === 0 ? WAIT_PAST_CREDENTIALS_RENEWAL : []));
    const items = [
      ...mixedIamItems(), controlItem('switch'), ...renewals, iamMe('carol', 'authenticated', 'carol'), controlItem('reset', [dropCaches]),
      ...DEMO.item,
      item({ name: 'wrong password @wrong', path: '/me', tests: ME_OK }),
      item({ name: 'vault @vault', path: '/me', tests: ME_OK }),
      item({ name: VECTORS_REQUEST, path: '/health', auth: NOAUTH, prerequest: [await vectorScript()] }),
    ];
    const junit = join(tempDir(), 'run.xml');
    const vars = {
      ...stack.connection, cognito_password: PASSWORD, 'cognito_identity_guest@visitor': 'true',
      'cognito_username@renew': 'rene', 'cognito_password@renew': RENE,
      'cognito_user_pool_id@carol': otherPool.poolId, 'cognito_client_id@carol': otherPool.clientId, 'cognito_username@carol': 'carol', 'cognito_password@carol': CAROL,
      'cognito_username@wrong': 'bob', 'cognito_password@wrong': WRONG,
      'cognito_username@vault': 'bob', 'cognito_password@vault': '{{vault:qa-password}}',
    };
    // The demo collection as it is (its installed script, the --iam form) with the requests above added.
    const run = await runPostmanCollection(writeTemp('demo.postman_collection.json', { ...DEMO, item: items }), vars, join(ROOT, 'environments', 'local.postman_environment.json'), junit);
    const [switched, reset] = [marks.get('/switch'), marks.get('/reset')];
    if (switched === undefined || reset === undefined) throw new Error('a control request was not sent: ' + run.output.slice(-2000));
    const calls = [...stack.identityPool.calls];
    const demoSignIns = stack.proxy.calls.slice(reset.proxyCalls).filter((c) => c.target.endsWith('.InitiateAuth'));
    return {
      run, results: junitByRequest(readFileSync(junit, 'utf8')),
      iam: { mixed: calls.slice(0, switched.identityPoolCalls), renewal: calls.slice(switched.identityPoolCalls, reset.identityPoolCalls), signInsBeforeSwitch: switched.signIns },
      demo: { signedIn: demoSignIns.filter((c) => c.status === 200).length, attempts: demoSignIns.length },
    };
  } finally {
    await new Promise((resolve) => control.server.close(resolve));
  }
});

/** The demo collection's request names as the JUnit file has them (folder / request). */
function demoNames(items: object[], prefix = ''): string[] {
  return items.flatMap((i) => {
    const entry = i as { name: string; item?: object[] };
    return entry.item !== undefined ? demoNames(entry.item, prefix + entry.name + ' / ') : [prefix + entry.name];
  });
}

describe.skipIf(POSTMAN_CLI_SKIP)('the whole run', () => {
  it('counts every part\'s assertions in the summary: the 3 failures are the refused user of another pool, the wrong password and the vault', async () => {
    const { run, results } = await postmanRun();
    // identity pool: 12 mixed, rene's 7, carol's 1; the demo's 30, @wrong's and @vault's 1 each; the crypto-js answers.
    expect(postmanAssertions(run.stdout), run.output.slice(-3000)).toEqual({ executed: 20 + 32 + VECTORS.length, failed: 3 });
    expect([...results.values()].reduce((n, r) => n + r.testcases, 0)).toBe(20 + 32 + VECTORS.length);
  }, 200_000);
});

describe.skipIf(POSTMAN_CLI_SKIP)("Postman's own CLI", () => {
  it('runs the demo collection with one sign-in', async () => {
    const { run, results, demo } = await postmanRun();
    const names = demoNames(DEMO.item);
    expect(names.map((name) => results.get(name)?.failures ?? 'missing')).toEqual(names.map(() => []));
    expect(names.reduce((n, name) => n + results.get(name)!.testcases, 0)).toBe(30);
    expect(demo.signedIn).toBe(1);
    expect(run.output).not.toContain(PASSWORD);
  }, 200_000);

  it('reports a wrong password as a failed assertion and exits 1', async () => {
    const { run, results, demo } = await postmanRun();
    expect(run.code).toBe(1);
    expect(results.get('wrong password @wrong')!.failures).toEqual([expect.stringContaining('check cognito_username@wrong, cognito_password@wrong')]);
    expect(run.output).toContain('check cognito_username@wrong, cognito_password@wrong');
    // bob's one refused attempt; the vault's request never reached Cognito.
    expect(demo.attempts).toBe(2);
    expect(run.output).not.toContain(WRONG);
  }, 200_000);
});

describe.skipIf(POSTMAN_CLI_SKIP)('Postman Vault outside the app', () => {
  it('the Postman CLI (its pm.vault refuses): one failed assertion with the way round', async () => {
    const { run, results } = await postmanRun();
    expect(run.code).toBe(1);
    const failures = results.get('vault @vault')!.failures;
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('cognito_password@vault is {{vault:qa-password}}, a Postman Vault secret, and the vault refused it (');
    expect(failures[0]).toContain('pass the value as COGNITO_PASSWORD__VAULT=<value> to pm-cognito run, or --env-var "cognito_password@vault=<value>" to newman or postman collection run');
  }, 200_000);
});

describe.skipIf(POSTMAN_CLI_SKIP)("hashes from the sandbox's crypto-js (moved here from sandbox-crypto.test.ts)", () => {
  it('the Postman CLI (the app\'s sandbox): every known answer', async () => {
    const { results } = await postmanRun();
    expect(results.get(VECTORS_REQUEST)).toEqual({ testcases: VECTORS.length, failures: [] });
  }, 200_000);
});

describe.skipIf(POSTMAN_CLI_SKIP)('identity-pool credentials through the Postman CLI 1.62.0 (moved here from identity-pool.test.ts)', () => {
  it('signed-in and guest requests are verified, counted on the wire', async () => {
    const { results, iam } = await postmanRun();
    expect(MIXED_IAM_REQUESTS.map((name) => [name, results.get(name)])).toEqual(MIXED_IAM_REQUESTS.map((name) => [name, { testcases: 1, failures: [] }]));
    expect(iam.mixed.filter((c) => c.operation === 'GetId')).toHaveLength(2);
    expect(iam.mixed.filter((c) => c.operation === 'GetCredentialsForIdentity')).toHaveLength(2);
    expect(iam.signInsBeforeSwitch).toBe(1);
  }, 200_000);

  it('renews near expiration and refuses a user of another pool', async () => {
    const { run, results, iam } = await postmanRun();
    expect(run.code).toBe(1);
    expect([...results.keys()].slice(MIXED_IAM_REQUESTS.length, MIXED_IAM_REQUESTS.length + 10)).toEqual(['switch', ...times(7, (i) => 'user ' + i), 'carol', 'reset']);
    expect(times(7, (i) => results.get('user ' + i)!.failures)).toEqual(times(7, () => []));
    const answered = iam.renewal.filter((c) => c.errorType === undefined);
    expect(answered.filter((c) => c.operation === 'GetId')).toHaveLength(1);
    expect(answered.filter((c) => c.operation === 'GetCredentialsForIdentity').length).toBeGreaterThanOrEqual(4);
    expect(answered.filter((c) => c.operation === 'GetCredentialsForIdentity').length).toBeLessThanOrEqual(6);

    // carol: refused at GetId, named in her request's failure.
    expect(results.get('carol')!.failures).toEqual([expect.stringContaining('does not accept ID tokens of user pool ' + otherPool.poolId)]);
    expect(run.output).toContain('does not accept ID tokens of user pool ' + otherPool.poolId);
    expect(iam.renewal.filter((c) => c.errorType !== undefined).map((c) => [c.operation, c.errorType])).toEqual([['GetId', 'NotAuthorizedException']]);
  }, 200_000);
});
