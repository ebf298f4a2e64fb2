// `pm-cognito install` on collections made by Postman's own CLI 1.62.0 (migrate, new): only the script changes, twice is a no-op, lint passes.
// pm-cognito runs in-process (no process boundary is under test here; cli-install-files.test.ts runs the real one); the Postman CLI is a real process.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDocument, isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import { ROOT, SCRIPT_PATH } from '../support/collection';
import { POSTMAN_CLI_SKIP, runPostmanOffline } from '../support/postman-cli';
import { BEGIN_MARKER, END_MARKER } from '../../src/core/managed-block';
import { managedBlockText } from '../support/managed-block-text';
import { pmInProcess as pm } from '../support/in-process-cli';
import { assertBuilt, removeTempDirs, tempDir } from './cli-harness';

beforeAll(async () => {
  await assertBuilt();
}, 180_000);

afterAll(() => removeTempDirs());

/** Every file under dir, path → bytes. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.set(relative(dir, path), readFileSync(path, 'latin1'));
    }
  };
  walk(dir);
  return out;
}

/** The definition text with the beforeRequest code's source range cut out, and that code. */
function splitCode(text: string): { rest: string; code: string } {
  const doc = parseDocument(text, { keepSourceTokens: true });
  const scripts = (doc.contents as YAMLMap).get('scripts', true);
  if (!isSeq(scripts)) return { rest: text, code: '' };
  const item = scripts.items.find((i) => isMap(i) && i.get('type') === 'http:beforeRequest') as YAMLMap | undefined;
  const code = item?.get('code', true);
  if (!isScalar(code) || !code.range) return { rest: text, code: '' };
  return { rest: text.slice(0, code.range[0]) + text.slice(code.range[1]), code: String(code.value) };
}

function postman(args: string[], cwd: string) {
  return runPostmanOffline(args, { cwd });
}

const script = () => readFileSync(SCRIPT_PATH, 'utf8');

describe('pm-cognito install: errors and --check', () => {
  it('exits 2 with a clear message for a path that is not a collection, and writes nothing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.json'), '{"hello": 1}\n');
    writeFileSync(join(dir, 'broken.json'), '{"item": [');
    mkdirSync(join(dir, 'empty'));
    for (const [arg, message] of [
      ['notes.json', 'notes.json is not a Postman collection (no "item" list)'],
      ['broken.json', 'broken.json is not a Postman collection (not JSON)'],
      ['empty', 'empty is a directory with no collection in it'],
      ['missing.json', 'collection missing.json: it does not exist'],
      ['README.md', 'collection README.md: it does not exist'],
    ] as const) {
      const result = await pm(['install', arg], { cwd: dir });
      expect(result.code, arg).toBe(2);
      expect(result.stderr, arg).toContain(message);
    }
    expect(readFileSync(join(dir, 'notes.json'), 'utf8')).toBe('{"hello": 1}\n');
    expect(readdirSync(dir).sort()).toEqual(['broken.json', 'empty', 'notes.json']);
  }, 60_000);

  it('refuses a v3 folder (naming its collection) and an older script pasted without markers (it would run twice)', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'c', 'Folder', '.resources'), { recursive: true });
    mkdirSync(join(dir, 'c', '.resources'), { recursive: true });
    writeFileSync(join(dir, 'c', '.resources', 'definition.yaml'), '$kind: collection\n');
    writeFileSync(join(dir, 'c', 'Folder', '.resources', 'definition.yaml'), '$kind: collection\n');
    const folder = await pm(['install', 'c/Folder'], { cwd: dir });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('c/Folder is a folder of the v3 collection c: pass the collection\'s own directory');
    const pasted = { info: { name: 'p', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [],
      event: [{ listen: 'prerequest', script: { exec: ['// pm-cognito 0.0.1: Amazon Cognito sign-in for Postman and newman (old)', '(() => {})();'] } }] };
    const text = JSON.stringify(pasted, null, 2);
    writeFileSync(join(dir, 'p.postman_collection.json'), text);
    const check = await pm(['install', '--check', 'p.postman_collection.json'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('the script is not this version');
    const refused = await pm(['install', 'p.postman_collection.json'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('pasted without the markers that is not this one (another version, or the other form of its full code): delete it');
    expect(readFileSync(join(dir, 'p.postman_collection.json'), 'utf8')).toBe(text);
  }, 60_000);

  it('--check exits 1 naming each missing or stale collection, 0 once installed; files are replaced whole', async () => {
    const dir = tempDir();
    const plain = { info: { name: 'plain', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [] };
    writeFileSync(join(dir, 'a.postman_collection.json'), JSON.stringify(plain, null, '\t'));
    copyFileSync(join(ROOT, 'collections', 'demo.postman_collection.json'), join(dir, 'b.postman_collection.json'));
    mkdirSync(join(dir, 'v3', '.resources'), { recursive: true });
    writeFileSync(join(dir, 'v3', '.resources', 'definition.yaml'), '$kind: collection\n');
    const check = await pm(['install', '--check', '.'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('a.postman_collection.json (v2.1): no pm-cognito script');
    expect(check.stdout).toContain('v3 (v3): no pm-cognito script');
    expect(check.stdout).not.toContain('b.postman_collection.json');
    expect(check.stdout).toContain('2 of 3 collections need pm-cognito install');
    const install = await pm(['install', '.'], { cwd: dir });
    expect(install.code, install.stderr).toBe(0);
    expect((await pm(['install', '--check', '.'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'a.postman_collection.json'), 'utf8')).toContain('\t"event"');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 60_000);
});

describe('pm-cognito install --readable', () => {
  it('installs the full code readable; --check tells the two forms apart; install without it makes it compact again', async () => {
    const dir = tempDir();
    const plain = { info: { name: 'plain', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [] };
    writeFileSync(join(dir, 'a.postman_collection.json'), JSON.stringify(plain, null, 2));
    const file = join(dir, 'a.postman_collection.json');
    const installedCode = () => (JSON.parse(readFileSync(file, 'utf8')) as { event: Array<{ script: { exec: string[] } }> }).event[0]!.script.exec.join('\n');
    const readableScript = readFileSync(join(ROOT, 'dist', 'pm-cognito.prerequest.readable.js'), 'utf8');

    const readable = await pm(['install', '--readable', 'a.postman_collection.json'], { cwd: dir });
    expect(readable.code, readable.stderr).toBe(0);
    expect(readable.stdout).toContain('a.postman_collection.json (v2.1): installed');
    expect(installedCode()).toBe(managedBlockText(readableScript));
    expect((await pm(['install', '--readable', '--check', 'a.postman_collection.json'], { cwd: dir })).code).toBe(0);
    const compactCheck = await pm(['install', '--check', 'a.postman_collection.json'], { cwd: dir });
    expect(compactCheck.code).toBe(1);
    expect(compactCheck.stdout).toContain('this version, with its full code readable (check with --readable, or install without it)');

    const compact = await pm(['install', 'a.postman_collection.json'], { cwd: dir });
    expect(compact.code, compact.stderr).toBe(0);
    expect(compact.stdout).toContain('a.postman_collection.json (v2.1): full code made compact');
    expect(installedCode()).toBe(managedBlockText(script()));
    expect((await pm(['install', '--check', 'a.postman_collection.json'], { cwd: dir })).code).toBe(0);
    expect((await pm(['install', '--check', '--readable', 'a.postman_collection.json'], { cwd: dir })).stdout).toContain('with its full code compact');
  }, 60_000);
});

describe.skipIf(POSTMAN_CLI_SKIP)('pm-cognito install on directories made by the Postman CLI', () => {
  /** The migrated collection after its install: the next test lints it with its own (one `postman collection lint` start for both). */
  let migratedRoles: string | undefined;

  it('round-trips a `postman collection migrate` output: only the script changes, a second install is a no-op', async () => {
    const work = tempDir();
    // A copy of the JSON without the script, as a user's own collection would be.
    const json = JSON.parse(readFileSync(join(ROOT, 'collections', 'roles.postman_collection.json'), 'utf8')) as { event?: unknown[] };
    json.event = [{ listen: 'prerequest', script: { type: 'text/javascript', exec: ['// my own line', 'console.log("mine");'] } }];
    writeFileSync(join(work, 'roles.json'), JSON.stringify(json, null, '\t'));
    const migrated = await postman(['collection', 'migrate', 'roles.json', '-o', 'roles'], work);
    expect(migrated.code, migrated.output).toBe(0);
    const dir = join(work, 'roles');
    const before = snapshot(dir);
    const definition = join('.resources', 'definition.yaml');
    // What migrate made is collections/v3/roles but for the script's code (the twin holds pm-cognito's, this one the
    // user's lines): v3-twins.test.ts reads this migration for roles (one Postman CLI start for both) and checks the demo's itself.
    const twin = snapshot(join(ROOT, 'collections', 'v3', 'roles'));
    expect([...before.keys()].sort()).toEqual([...twin.keys()].sort());
    for (const [file, bytes] of twin) if (file !== definition) expect(before.get(file), file).toBe(bytes);
    expect(splitCode(before.get(definition)!).rest).toBe(splitCode(twin.get(definition)!).rest);

    const first = await pm(['install', 'roles'], { cwd: work });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('roles (v3): installed');
    // The migrated noauth request gets a token in a v3 run: install says so by name.
    expect(first.stderr).toContain('"pm-cognito roles / Switching identities / Opted out with noauth"');
    expect(first.stderr).toContain('add @none');
    const after = snapshot(dir);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [file, bytes] of before) if (file !== definition) expect(after.get(file), file).toBe(bytes);
    const was = splitCode(before.get(definition)!);
    const now = splitCode(after.get(definition)!);
    expect(now.rest).toBe(was.rest);
    expect(was.code).toBe('// my own line\nconsole.log("mine");');
    expect(now.code).toBe([BEGIN_MARKER, ...script().replace(/\n$/, '').split('\n'), END_MARKER, '// my own line', 'console.log("mine");'].join('\n'));

    const second = await pm(['install', 'roles'], { cwd: work });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('already current');
    expect(snapshot(dir)).toEqual(after);
    migratedRoles = dir;
  }, 120_000);

  it('installs into a `postman collection new` scaffold; lint passes on it and on the migrated one', async () => {
    const work = tempDir();
    mkdirSync(join(work, 'postman'));
    const created = await postman(['collection', 'new', 'Orders API'], work);
    expect(created.code, created.output).toBe(0);
    const dir = join(work, 'postman', 'collections', 'Orders API');
    const original = readFileSync(join(dir, '.resources', 'definition.yaml'), 'utf8');
    const first = await pm(['install', 'postman/collections'], { cwd: work });
    expect(first.code, first.stderr).toBe(0);
    const text = readFileSync(join(dir, '.resources', 'definition.yaml'), 'utf8');
    expect(text.startsWith(original)).toBe(true);
    expect(splitCode(text).code).toContain(BEGIN_MARKER);
    const copy = tempDir();
    cpSync(dir, copy, { recursive: true });
    expect((await pm(['install', dir], { cwd: work })).code).toBe(0);
    expect(snapshot(dir)).toEqual(snapshot(copy));
    // `collection lint <dir>` lints every collection under dir (a broken definition.yaml in either fails it); the
    // migrated one is there when the test before ran (the whole file, not a -t filter that leaves it out).
    const both = tempDir();
    cpSync(dir, join(both, 'Orders API'), { recursive: true });
    if (migratedRoles !== undefined) cpSync(migratedRoles, join(both, 'roles'), { recursive: true });
    const lint = await postman(['collection', 'lint', '.'], both);
    expect(lint.code, lint.output).toBe(0);
    expect(lint.output).toContain('Errors: 0');
  }, 120_000);
});
