// `pm-cognito install` against the file system: symbolic links and read-only files in-process, and as a real process another user's
// unwritable directory and malformed collections (exit codes from the bin).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pmInProcess } from '../support/in-process-cli';
import { BIN, assertBuilt, childEnv, pm, removeTempDirs, tempDir, type PmResult } from './cli-harness';

beforeAll(() => assertBuilt());
afterAll(() => removeTempDirs());

const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
const COLLECTION = JSON.stringify({ info: { name: 'c', schema: SCHEMA }, item: [] }, null, 2) + '\n';
const installed = (file: string) => readFileSync(file, 'utf8').includes('// >>> pm-cognito');

describe('symbolic links', () => {
  it('a collection file that is a link: install writes its target and keeps the link; --check reads the target', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'pets.json'), COLLECTION);
    chmodSync(join(dir, 'real', 'pets.json'), 0o640);
    symlinkSync(join('real', 'pets.json'), join(dir, 'c.postman_collection.json'));
    expect((await pmInProcess(['install', '--check', 'c.postman_collection.json'], { cwd: dir })).code).toBe(1);
    const install = await pmInProcess(['install', 'c.postman_collection.json'], { cwd: dir });
    expect(install.code, install.stderr).toBe(0);
    expect(install.stdout).toContain('c.postman_collection.json (v2.1): installed (written to real/pets.json, the target of the symbolic link c.postman_collection.json)');
    expect(lstatSync(join(dir, 'c.postman_collection.json')).isSymbolicLink()).toBe(true);
    expect(installed(join(dir, 'real', 'pets.json'))).toBe(true);
    // The file written keeps its mode.
    expect(statSync(join(dir, 'real', 'pets.json')).mode & 0o777).toBe(0o640);
    expect((await pmInProcess(['install', '--check', 'c.postman_collection.json'], { cwd: dir })).code).toBe(0);
  }, 60_000);

  it('a v3 definition.yaml that is a link: its target gets the script', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'v3', '.resources'), { recursive: true });
    writeFileSync(join(dir, 'shared.yaml'), '$kind: collection\nname: shared\n');
    symlinkSync(join('..', '..', 'shared.yaml'), join(dir, 'v3', '.resources', 'definition.yaml'));
    const install = await pmInProcess(['install', 'v3'], { cwd: dir });
    expect(install.code, install.stderr).toBe(0);
    expect(lstatSync(join(dir, 'v3', '.resources', 'definition.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'shared.yaml'), 'utf8').startsWith('$kind: collection\nname: shared\nscripts:\n  - type: http:beforeRequest\n')).toBe(true);
    expect((await pmInProcess(['install', '--check', 'v3'], { cwd: dir })).code).toBe(0);
  }, 60_000);

  it('linked collections inside a directory argument are installed, not skipped; a link to nothing is refused by name', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'elsewhere', 'v3', '.resources'), { recursive: true });
    writeFileSync(join(dir, 'elsewhere', 'a.json'), COLLECTION);
    writeFileSync(join(dir, 'elsewhere', 'v3', '.resources', 'definition.yaml'), '$kind: collection\n');
    mkdirSync(join(dir, 'cols'));
    symlinkSync(join('..', 'elsewhere', 'a.json'), join(dir, 'cols', 'a.postman_collection.json'));
    symlinkSync(join('..', 'elsewhere', 'v3'), join(dir, 'cols', 'linked-v3'));
    const install = await pmInProcess(['install', 'cols'], { cwd: dir });
    expect(install.code, install.stderr).toBe(0);
    expect(install.stdout).toContain('cols/a.postman_collection.json (v2.1): installed');
    expect(install.stdout).toContain('cols/linked-v3 (v3): installed');
    expect(installed(join(dir, 'elsewhere', 'a.json'))).toBe(true);
    symlinkSync(join('..', 'gone.json'), join(dir, 'cols', 'b.postman_collection.json'));
    const dangling = await pmInProcess(['install', '--check', 'cols'], { cwd: dir });
    expect(dangling.code).toBe(2);
    expect(dangling.stderr).toContain('b.postman_collection.json is a symbolic link to nothing (ENOENT): point it at the collection file, or remove it');
  }, 60_000);
});

describe('read-only files and directories', () => {
  it('refuses a 0444 file with exit 2 and changes nothing, not even the other collections named', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.postman_collection.json'), COLLECTION);
    writeFileSync(join(dir, 'b.postman_collection.json'), COLLECTION);
    chmodSync(join(dir, 'b.postman_collection.json'), 0o444);
    const result = await pmInProcess(['install', '.'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('b.postman_collection.json is read-only (mode 0444): nothing was changed; make it writable (chmod u+w) and run pm-cognito install again, or leave it out');
    for (const name of ['a.postman_collection.json', 'b.postman_collection.json']) expect(readFileSync(join(dir, name), 'utf8')).toBe(COLLECTION);
    expect(statSync(join(dir, 'b.postman_collection.json')).mode & 0o777).toBe(0o444);
    expect(readdirSync(dir).sort()).toEqual(['a.postman_collection.json', 'b.postman_collection.json']);
    // --check writes nothing, so it may read a read-only file.
    expect((await pmInProcess(['install', '--check', 'b.postman_collection.json'], { cwd: dir })).code).toBe(1);
  }, 60_000);

  it('a directory it cannot write in (EACCES): exit 2 with a clear message, nothing changed', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    writeFileSync(join(ro, 'a.postman_collection.json'), COLLECTION);
    // root may write in any directory: run the CLI as nobody, who owns the file but not the directory.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chownSync(join(ro, 'a.postman_collection.json'), 65534, 65534);
    chmodSync(ro, 0o555);
    const result = await pmAs(['install', 'a.postman_collection.json'], ro, asRoot ? 65534 : undefined);
    expect(result.stderr).not.toContain('unexpectedly');
    expect(result.stderr).toContain('pm-cognito install: cannot write in ' + ro + ' (EACCES), where ' + join(ro, 'a.postman_collection.json') + ' is replaced through a temporary file: nothing was changed');
    expect(result.code).toBe(2);
    expect(readFileSync(join(ro, 'a.postman_collection.json'), 'utf8')).toBe(COLLECTION);
    chmodSync(ro, 0o755);
  }, 60_000);
});

describe('malformed collections end the real process with exit 2', () => {
  it('pm-cognito run: an event that is an object, and folders 5,000 deep', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'obj.postman_collection.json'), JSON.stringify({ info: { name: 'c' }, item: [], event: { listen: 'prerequest' } }));
    writeFileSync(join(dir, 'deep.postman_collection.json'), '{"item": [' + '{"item": ['.repeat(5000) + ']}'.repeat(5000) + ']}');
    const object = await pm(['run', 'obj.postman_collection.json'], { cwd: dir });
    expect(object.stderr).toContain('obj.postman_collection.json: event must be an array (it is an object): fix that field, or export the collection from Postman again');
    expect(object.code).toBe(2);
    for (const command of [['run'], ['install'], ['install', '--check']]) {
      const deep = await pm([...command, 'deep.postman_collection.json'], { cwd: dir });
      expect(deep.stderr, command.join(' ')).toContain('folders are nested more than 100 deep');
      expect(deep.code, command.join(' ')).toBe(2);
    }
  }, 60_000);
});

/** Runs the CLI, as another user when `uid` is given (only root may). */
function pmAs(args: string[], cwd: string, uid: number | undefined): Promise<PmResult> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'], ...(uid === undefined ? {} : { uid, gid: uid }) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => void (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => void (stderr += d.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr }); });
  });
}
