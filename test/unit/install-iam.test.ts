// `pm-cognito install --iam`: the second installed form, kept on later installs and checks, and recognised by `run`.

import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtScript, builtScriptForms } from '../../src/cli/install-command';
import { loadCollections } from '../../src/node/collections';
import { adminFlowWarnings, preflight } from '../../src/node/run-preflight';
import { collectionPrerequestCode, hasIamForm } from '../../src/core/managed-block';
import { managedBlockText } from '../support/managed-block-text';
import { definitionPrerequestCode } from '../../src/node/v3-definition-script';
import { readRunnerScripts, withRunnerFastPath } from '../../src/node/run-fast-path';
import { pmInProcess } from '../support/in-process-cli';
import { removeTempDirs, tempDir as makeTempDir } from '../support/temp-dirs';

afterAll(removeTempDirs);
const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
const block = (script: string) => managedBlockText(script);

/** A v2.1 collection file with no script, in a fresh directory. */
function collectionDir(): { dir: string; file: string } {
  const dir = makeTempDir('pm-cognito-install-iam-');
  const file = join(dir, 'iam.postman_collection.json');
  writeFileSync(file, JSON.stringify({ info: { name: 'iam', schema: SCHEMA }, item: [] }, null, 2) + '\n');
  return { dir, file };
}

const codeOf = (file: string) => collectionPrerequestCode(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
const pm = (args: string[], cwd: string) => pmInProcess(args, { cwd });

describe('pm-cognito install --iam', () => {
  it('installs the form with identity pools and the ADMIN_* flows, which a plain install and --check then keep', async () => {
    const { dir, file } = collectionDir();
    const installed = await pm(['install', '--iam', 'iam.postman_collection.json'], dir);
    expect(installed.code, installed.stderr).toBe(0);
    expect(installed.stdout).toBe('pm-cognito install: iam.postman_collection.json (v2.1): installed, with --iam\n');
    expect(codeOf(file)).toBe(block(builtScript(false, true)));
    expect(builtScript(false, true)).not.toBe(builtScript());
    expect(hasIamForm(codeOf(file))).toBe(true);

    expect(await pm(['install', '--check', 'iam.postman_collection.json'], dir)).toMatchObject({ code: 0, stdout: '' });
    const again = await pm(['install', 'iam.postman_collection.json'], dir);
    expect(again.stdout).toBe('pm-cognito install: iam.postman_collection.json (v2.1): already current\n');
    expect(codeOf(file)).toBe(block(builtScript(false, true)));
    // The other layout keeps it too.
    const readable = await pm(['install', '--readable', 'iam.postman_collection.json'], dir);
    expect(readable.stdout).toBe('pm-cognito install: iam.postman_collection.json (v2.1): full code made readable\n');
    expect(codeOf(file)).toBe(block(builtScript(true, true)));
  });

  it('--no-iam takes it out; --check --iam then says what to do', async () => {
    const { dir, file } = collectionDir();
    await pm(['install', '--iam', 'iam.postman_collection.json'], dir);
    const out = await pm(['install', '--no-iam', 'iam.postman_collection.json'], dir);
    expect(out.stdout).toBe('pm-cognito install: iam.postman_collection.json (v2.1): updated, --iam part left out\n');
    expect(codeOf(file)).toBe(block(builtScript()));
    const check = await pm(['install', '--check', '--iam', 'iam.postman_collection.json'], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('iam.postman_collection.json (v2.1): the script is without --iam (identity pools, ADMIN_* flows): install with --iam\n');
    expect(await pm(['install', '--check', 'iam.postman_collection.json'], dir)).toMatchObject({ code: 0 });
    const added = await pm(['install', '--iam', 'iam.postman_collection.json'], dir);
    expect(added.stdout).toBe('pm-cognito install: iam.postman_collection.json (v2.1): updated, --iam part added\n');
  });

  it('both flags at once is bad usage (exit 2), and nothing is written', async () => {
    const { dir, file } = collectionDir();
    const before = readFileSync(file, 'utf8');
    const both = await pm(['install', '--iam', '--no-iam', 'iam.postman_collection.json'], dir);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--iam and --no-iam contradict each other: give one');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('a v3 directory keeps the form as well', async () => {
    const dir = makeTempDir('pm-cognito-install-iam-v3-');
    mkdirSync(join(dir, 'v3', '.resources'), { recursive: true });
    const definition = join(dir, 'v3', '.resources', 'definition.yaml');
    writeFileSync(definition, '$kind: collection\nname: v3\n');
    expect((await pm(['install', '--iam', 'v3'], dir)).code).toBe(0);
    const v3Code = () => definitionPrerequestCode(readFileSync(definition, 'utf8'), definition);
    expect(v3Code()).toBe(block(builtScript(false, true)));
    expect((await pm(['install', 'v3'], dir)).stdout).toContain('already current');
    expect((await pm(['install', '--check', 'v3'], dir)).code).toBe(0);
  });

  it('pm-cognito run recognises the form and sends its own fast path in its place', () => {
    for (const script of [builtScript(false, true), builtScript(true, true)]) {
      const collection = { info: { name: 'iam', schema: SCHEMA }, item: [], event: [{ listen: 'prerequest', script: { exec: [block(script)] } }] };
      const scripts = readRunnerScripts();
      const prepared = withRunnerFastPath(collection, scripts);
      expect(prepared).toBeDefined();
      expect(collectionPrerequestCode(prepared!)).toBe(block(scripts.fastPath));
    }
  });
});

describe('pm-cognito install where the requests name cognito_iam_*', () => {
  /** A v2.1 collection whose one request signs with the identity pool's AWS credentials. */
  function iamCollection(): { dir: string; file: string } {
    const dir = makeTempDir('pm-cognito-install-iam-auto-');
    const file = join(dir, 'aws.postman_collection.json');
    const auth = { type: 'awsv4', awsv4: [{ key: 'accessKey', value: '{{cognito_iam_access_key_id}}' }, { key: 'secretKey', value: '{{cognito_iam_secret_access_key}}' }] };
    writeFileSync(file, JSON.stringify({ info: { name: 'aws', schema: SCHEMA }, item: [{ name: 'invoke', request: { method: 'GET', url: 'https://example.test/', auth } }] }, null, 2) + '\n');
    return { dir, file };
  }

  it('installs the --iam form without the flag, and --check fails a collection that holds the default one', async () => {
    const { dir, file } = iamCollection();
    const installed = await pm(['install', 'aws.postman_collection.json'], dir);
    expect(installed.stdout).toBe('pm-cognito install: aws.postman_collection.json (v2.1): installed, with --iam\n');
    expect(hasIamForm(codeOf(file))).toBe(true);
    expect(await pm(['install', '--check', 'aws.postman_collection.json'], dir)).toMatchObject({ code: 0, stdout: '' });

    await pm(['install', '--no-iam', 'aws.postman_collection.json'], dir);
    expect(codeOf(file)).toBe(block(builtScript()));
    const check = await pm(['install', '--check', 'aws.postman_collection.json'], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('aws.postman_collection.json (v2.1): the script is without --iam (identity pools, ADMIN_* flows): install with --iam\n');
    // --no-iam is the user's explicit choice, and --check --no-iam accepts it.
    expect(await pm(['install', '--check', '--no-iam', 'aws.postman_collection.json'], dir)).toMatchObject({ code: 0 });
    await pm(['install', '--iam', 'aws.postman_collection.json'], dir);
    const checkNoIam = await pm(['install', '--check', '--no-iam', 'aws.postman_collection.json'], dir);
    expect(checkNoIam.code).toBe(1);
    expect(checkNoIam.stdout).toContain('aws.postman_collection.json (v2.1): the script has the --iam form: check without --no-iam, or install with --no-iam to take it out\n');
  });
});

describe('pm-cognito run before it starts: requests naming cognito_iam_* under the default script', () => {
  const iamItem = { name: 'iam', request: { method: 'GET', url: 'http://127.0.0.1:9/iam/me', header: [{ key: 'X-Amz-Security-Token', value: '{{cognito_iam_session_token}}' }] } };
  const write = (dir: string, script: string, items: object[]) => writeFileSync(join(dir, 'iam.postman_collection.json'), JSON.stringify({ info: { name: 'iam', schema: SCHEMA }, item: items, event: [{ listen: 'prerequest', script: { exec: [block(script)] } }] }));

  it('warns, naming the collection and the install line; not with --iam installed, nor without such requests', () => {
    const { dir } = collectionDir();
    write(dir, builtScript(), [iamItem]);
    expect(preflight(loadCollections(['iam.postman_collection.json'], dir), builtScriptForms(), dir)).toEqual([
      'pm-cognito: warning: iam.postman_collection.json names cognito_iam_* variables, but its script was installed without --iam: the Postman app, newman and the Postman CLI (v3, --runner postman) fail those requests; run pm-cognito install --iam "iam.postman_collection.json"',
    ]);
    write(dir, builtScript(true, true), [iamItem]);
    expect(preflight(loadCollections(['iam.postman_collection.json'], dir), builtScriptForms(), dir)).toEqual([]);
    write(dir, builtScript(), [{ name: 'plain', request: { method: 'GET', url: 'http://127.0.0.1:9/me' } }]);
    expect(preflight(loadCollections(['iam.postman_collection.json'], dir), builtScriptForms(), dir)).toEqual([]);
  });
});

describe('pm-cognito run before it starts: an ADMIN_* flow under the default script', () => {
  const write = (dir: string, script: string, variable: object[] = []) => writeFileSync(join(dir, 'iam.postman_collection.json'), JSON.stringify({ info: { name: 'iam', schema: SCHEMA }, item: [], variable, event: [{ listen: 'prerequest', script: { exec: [block(script)] } }] }));

  it('warns for the environment\'s or the collection\'s cognito_auth_flow, naming it and the install line; not with --iam installed, nor for other flows', () => {
    const { dir } = collectionDir();
    write(dir, builtScript());
    const suites = () => loadCollections(['iam.postman_collection.json'], dir);
    expect(adminFlowWarnings(suites(), { 'cognito_auth_flow@ops': 'ADMIN_USER_AUTH' }, dir)).toEqual([
      'pm-cognito: warning: cognito_auth_flow@ops is ADMIN_USER_AUTH for iam.postman_collection.json, but its script was installed without --iam: the Postman app, newman and the Postman CLI (v3, --runner postman) fail that sign-in; run pm-cognito install --iam "iam.postman_collection.json"',
    ]);
    expect(adminFlowWarnings(suites(), { cognito_auth_flow: 'USER_SRP_AUTH' }, dir)).toEqual([]);
    // Spelt as the settings accept it (lower case, hyphens): still the admin flow.
    expect(adminFlowWarnings(suites(), { cognito_auth_flow: ' admin-user-password-auth ' }, dir)).toHaveLength(1);
    write(dir, builtScript(), [{ key: 'cognito_auth_flow', value: 'ADMIN_USER_PASSWORD_AUTH' }]);
    expect(adminFlowWarnings(suites(), {}, dir)).toHaveLength(1);
    write(dir, builtScript(true, true), [{ key: 'cognito_auth_flow', value: 'ADMIN_USER_PASSWORD_AUTH' }]);
    expect(adminFlowWarnings(suites(), {}, dir)).toEqual([]);
  });
});
