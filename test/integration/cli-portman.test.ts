// `pm-cognito portman` on the demo API's OpenAPI document: generated contract tests pass against the API, fail against a broken one, leak nothing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDemoApi, type DemoApi } from '../../src/local/demo-api';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { ROOT } from '../support/collection';
import { pmInProcess as inProcess, pmInProcessPrinting } from '../support/in-process-cli';
import { assertBuilt, fileSources, filesUnder, junitCounts, leaks, newmanAssertions, outputSources, removeTempDirs, tempDir, writeEnvironment, type PmResult } from './cli-harness';

const PASSWORD = 'Portman-pass-1!x';
const SPEC = join(ROOT, 'src', 'demo', 'openapi.yaml');
/** The demo's own rules (createPet's id feeds deletePet); pm-cognito adds its script to it, with a note. */
const DEMO_CONFIG = join(ROOT, 'src', 'demo', 'portman-config.json');
const ADDED_NOTE = 'pm-cognito: the Portman config has no pm-cognito.prerequest.js in globals.collectionPreRequestScripts: added it\n';
/** What a careless CI setup might have lying around: Portman would write these into the collection. */
const PORTMAN_LEAK = 'portman-env-value-must-not-leak';
const DOTENV_LEAK = 'dotenv-value-must-not-leak';
let good: LocalStack;
/** A second demo API on the same cognito-local whose GET /pets breaks the document (no second stack). */
let broken: DemoApi;
let work: string;
const outputs: Array<{ where: string; text: string }> = [];

function environmentFor(stack: LocalStack, baseUrl = stack.connection['baseUrl']!): string {
  return writeEnvironment({ ...stack.connection, baseUrl, cognito_username: 'alice' }, tempDir());
}

/**
 * `pm-cognito portman` in-process: with newman's own printed table kept as the process prints it (pmInProcessPrinting,
 * the default) where the test reads it, else `inProcess` (--silent, bad usage, a refusal before any run). Portman itself
 * is always a child process of pm-cognito. Exit codes as a shell sees them are cli-run.test.ts's real processes.
 */
async function portman(label: string, args: string[], cwd = work, run: typeof pmInProcessPrinting = pmInProcessPrinting): Promise<PmResult> {
  const config = args.includes('--portman-config') || !args.includes(SPEC) ? [] : ['--portman-config', DEMO_CONFIG];
  const result = await run(['portman', ...config, ...args], { cwd, env: { COGNITO_PASSWORD: PASSWORD, PORTMAN_API_SECRET: PORTMAN_LEAK } });
  outputs.push(...outputSources(label, result));
  return result;
}

beforeAll(async () => {
  await assertBuilt();
  // alice is in admins: the spec's POST and DELETE /pets need that group.
  const users = [{ username: 'alice', password: PASSWORD, groups: ['admins'] }];
  good = await startTestStack({ users });
  broken = await startDemoApi({ cognitoEndpoint: good.cognito.endpoint, userPoolId: good.pool.poolId, clientIds: good.pool.clients.map((c) => c.clientId), brokenResponses: true,
    iam: { lookup: (accessKeyId) => good.identityPool.credentials(accessKeyId), region: good.identityPool.region },
  });
  work = tempDir();
  // Portman reads ./.env from its working directory; pm-cognito must not let it see this one.
  writeFileSync(join(work, '.env'), 'PORTMAN_DOTENV_SECRET=' + DOTENV_LEAK + '\n');
}, 120_000);

afterAll(async () => {
  removeTempDirs();
  await broken?.stop();
  await good?.stop();
});

describe('pm-cognito portman', () => {
  it('generates contract tests from the demo OpenAPI document and they pass against the demo API (exit 0)', async () => {
    good.proxy.reset();
    const junit = join(work, 'reports', 'contract.xml');
    const output = join(work, 'out', 'contract.postman_collection.json');
    const result = await portman('good', ['--spec', SPEC, '-e', environmentFor(good), '--junit', junit, '--output', output]);
    expect(result.stderr).toBe(ADDED_NOTE);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/generated contract tests for pm-cognito demo API \(kept in .*contract\.postman_collection\.json\); sent without a token: GET \/health/);
    const reported = newmanAssertions(result.stdout);
    // 7 operations: status, content type, JSON body and schema each; DELETE's 204 has status and empty body.
    expect(reported).toEqual({ executed: 26, failed: 0 });
    for (const check of ['Status code is 2xx', 'Content-Type is application/json', 'Response has JSON Body', 'Schema is valid']) {
      expect(result.stdout).toContain('[GET]::/pets - ' + check);
    }
    expect(junitCounts(readFileSync(junit, 'utf8'))).toMatchObject({ testcases: 26, failed: 0 });
    // One sign-in for the whole suite; /health went without a token.
    expect(good.proxy.signIns()).toBe(1);

    const generated = JSON.parse(readFileSync(output, 'utf8')) as { auth?: { type: string }; event: Array<{ listen: string; script: { exec: string[] } }>; item: Array<{ name: string; item: Array<{ request: { auth?: { type: string } } }> }> };
    expect(generated.auth?.type).toBe('noauth');
    const prerequest = generated.event.find((e) => e.listen === 'prerequest')!.script.exec.join('\n');
    expect(prerequest).toContain('pm-cognito');
    expect(generated.item.find((f) => f.name === 'health')!.item[0]!.request.auth).toEqual({ type: 'noauth' });
    expect(generated.item.find((f) => f.name === 'pets')!.item[0]!.request.auth).toBeUndefined();
    // Portman ran in a throwaway directory: no ./tmp here.
    expect(existsSync(join(work, 'tmp'))).toBe(false);
    expect(existsSync(join(ROOT, 'tmp'))).toBe(false);
  }, 120_000);

  it('against responses that break the document, the schema tests fail and the exit code is 1', async () => {
    const junit = join(work, 'reports', 'broken.xml');
    const result = await portman('broken', ['--spec', SPEC, '-e', environmentFor(good, broken.url), '--junit', junit]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/\[GET\]::\/pets - Schema is valid/);
    const reported = newmanAssertions(result.stdout);
    expect(reported.failed).toBeGreaterThanOrEqual(1);
    const counts = junitCounts(readFileSync(junit, 'utf8'));
    expect(counts.testcases).toBe(reported.executed);
    expect(counts.failed).toBe(reported.failed);
    expect(result.stdout).toMatch(/pm-cognito: FAILED/);
  }, 120_000);

  it('bad usage exits 2; a spec Portman cannot read exits 1 with its message', async () => {
    const noSpec = await portman('no spec', ['-e', environmentFor(good)], work, inProcess);
    expect(noSpec.code).toBe(2);
    expect(noSpec.stderr).toMatch(/--spec <openapi file> is required/);
    const missing = await portman('missing spec', ['--spec', join(work, 'nope.yaml')], work, inProcess);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/OpenAPI document .*nope\.yaml does not exist/);
    const badConfig = await portman('missing config', ['--spec', SPEC, '--portman-config', join(work, 'nope.json')], work, inProcess);
    expect(badConfig.code).toBe(2);
    const garbage = join(work, 'garbage.yaml');
    writeFileSync(garbage, 'this: is: not: openapi: [');
    const unreadable = await portman('garbage spec', ['--spec', garbage, '-e', environmentFor(good)], work, inProcess);
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toMatch(/Portman could not generate the collection/);
  }, 120_000);

  it('a generated collection that would contain a secret is refused (exit 1) and not written', async () => {
    const leaky = join(work, 'leaky.yaml');
    writeFileSync(leaky, readFileSync(SPEC, 'utf8').replace(/example: Rex/g, "example: '" + PASSWORD + "'"));
    const output = join(work, 'out', 'leaky.postman_collection.json');
    const result = await portman('leaky', ['--spec', leaky, '-e', environmentFor(good), '--output', output], work, inProcess);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the generated collection contains the value of cognito_password, so it was not kept/);
    expect(existsSync(output)).toBe(false);
  }, 120_000);

  // One Portman start for two tests (each costs ~3 s of CPU): this was also '--base-url sets {{baseUrl}} over the environment file'.
  it('a config of ours without the script gets it added, with a note; --base-url sets {{baseUrl}} over the environment file', async () => {
    const config = join(work, 'own-config.json');
    const ours = JSON.parse(readFileSync(DEMO_CONFIG, 'utf8')) as { globals: Record<string, unknown> };
    expect(ours.globals['collectionPreRequestScripts']).toBeUndefined();
    writeFileSync(config, JSON.stringify(ours));
    // The environment's baseUrl goes nowhere (port 9): the run passes only if --base-url's API is the one called.
    const elsewhere = writeEnvironment({ ...good.connection, baseUrl: 'http://127.0.0.1:9', cognito_username: 'alice' }, tempDir());
    good.proxy.reset();
    const result = await portman('own config, base-url', ['--spec', SPEC, '-e', elsewhere, '--base-url', good.api.url, '--portman-config', config, '--silent'], work, inProcess);
    expect(result.stderr).toMatch(/has no pm-cognito\.prerequest\.js .*: added it/);
    expect(result.code).toBe(0);
    expect(good.proxy.signIns()).toBe(1);
  }, 120_000);

  it('nothing secret in the generated collection, the reports, the working directory or the output', () => {
    // leaky.yaml holds the password on purpose (the refusal test); .env holds the planted values.
    const files = filesUnder(work).filter((f) => !f.endsWith('.env') && !f.endsWith('leaky.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    const found = leaks([...fileSources(files), ...outputs], [
      { name: 'password', value: PASSWORD },
      { name: 'PORTMAN_* variable', value: PORTMAN_LEAK },
      { name: '.env value', value: DOTENV_LEAK },
    ]);
    expect(found).toEqual([]);
  });
});
