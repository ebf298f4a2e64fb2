// `pm-cognito install` in-process through CliIo: a script pasted whole, writes that are all or nothing, links, owners, byte-order marks.

import { afterAll, describe, expect, it } from 'vitest';
import { chownSync, linkSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeTempDirs, tempDir as makeTempDir } from '../support/temp-dirs';
import { pmInProcess } from '../support/in-process-cli';
import { managedBlockText as block } from '../support/managed-block-text';
import { builtScript } from '../../src/cli/install-command';
import { BEGIN_MARKER, END_MARKER } from '../../src/core/managed-block';
import { literalBlock } from '../../src/node/yaml-code-text';

afterAll(removeTempDirs);
const tempDir = () => makeTempDir('pm-cognito-install-');

const COLLECTION = JSON.stringify({ info: { name: 'c', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [] }, null, 2) + '\n';

describe('a v3 script pasted whole (the Postman app path)', () => {
  it('--check says current and install changes nothing, as for v2.1', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'v3', '.resources'), { recursive: true });
    const file = join(dir, 'v3', '.resources', 'definition.yaml');
    const before = '$kind: collection\nname: v3\nscripts:\n  - type: http:beforeRequest\n    code: ' + literalBlock(builtScript().replace(/\n$/, ''), 6) + '\n    language: text/javascript\n';
    writeFileSync(file, before);
    expect((await pmInProcess(['install', '--check', 'v3'], { cwd: dir })).code).toBe(0);
    const install = await pmInProcess(['install', 'v3'], { cwd: dir });
    expect(install.code, install.stderr).toBe(0);
    expect(install.stdout).toContain('already current');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});

describe('writes are all or nothing', () => {
  it('installs next to a file whose name is at the limit (the temp file name used to pass it, after the first file was already rewritten)', async () => {
    const dir = tempDir();
    const long = 'b'.repeat(230) + '.postman_collection.json';
    writeFileSync(join(dir, 'a.postman_collection.json'), COLLECTION);
    writeFileSync(join(dir, long), COLLECTION);
    const install = await pmInProcess(['install', '.'], { cwd: dir });
    expect(install.code, install.stderr).toBe(0);
    for (const name of ['a.postman_collection.json', long]) expect(readFileSync(join(dir, name), 'utf8')).toContain(BEGIN_MARKER);
  });

  it('refuses a file with another hard link (the rename would split it), changing nothing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.postman_collection.json'), COLLECTION);
    writeFileSync(join(dir, 'c.postman_collection.json'), COLLECTION);
    linkSync(join(dir, 'c.postman_collection.json'), join(dir, 'other-name.json'));
    const install = await pmInProcess(['install', 'a.postman_collection.json', 'c.postman_collection.json'], { cwd: dir });
    expect(install.code).toBe(2);
    expect(install.stderr).toContain('c.postman_collection.json has 2 hard links');
    expect(install.stderr).toContain('nothing was changed');
    for (const name of ['a.postman_collection.json', 'c.postman_collection.json', 'other-name.json']) expect(readFileSync(join(dir, name), 'utf8')).toBe(COLLECTION);
  });

  it.runIf(process.getuid?.() === 0)('keeps the owner and group of the file (running as root)', async () => {
    const dir = tempDir();
    const file = join(dir, 'c.postman_collection.json');
    writeFileSync(file, COLLECTION);
    chownSync(file, 1234, 2345);
    expect((await pmInProcess(['install', 'c.postman_collection.json'], { cwd: dir })).code).toBe(0);
    expect([statSync(file).uid, statSync(file).gid]).toEqual([1234, 2345]);
  });
});

describe('collections the review found', () => {
  it('an older managed block in a second prerequest event: --check fails, install removes it and says so', async () => {
    const dir = tempDir();
    const file = join(dir, 'c.postman_collection.json');
    const collection = JSON.parse(COLLECTION);
    collection.event = [
      { listen: 'prerequest', script: { exec: [block(builtScript())] } },
      { listen: 'prerequest', script: { exec: ['mine();', BEGIN_MARKER, 'old();', END_MARKER] } },
    ];
    writeFileSync(file, JSON.stringify(collection, null, '\t'));
    const check = await pmInProcess(['install', '--check', 'c.postman_collection.json'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('the pm-cognito script is there 2 times');
    const install = await pmInProcess(['install', 'c.postman_collection.json'], { cwd: dir });
    expect(install.code, install.stderr).toBe(0);
    expect(install.stdout).toContain('its 2 pm-cognito blocks were replaced by one');
    expect(JSON.parse(readFileSync(file, 'utf8')).event[1].script.exec).toEqual(['mine();']);
    expect((await pmInProcess(['install', '--check', 'c.postman_collection.json'], { cwd: dir })).code).toBe(0);
  });

  it('a UTF-8 byte-order mark is accepted and kept', async () => {
    const dir = tempDir();
    const file = join(dir, 'c.postman_collection.json');
    writeFileSync(file, '\ufeff' + COLLECTION);
    const install = await pmInProcess(['install', 'c.postman_collection.json'], { cwd: dir });
    expect(install.code, install.stderr).toBe(0);
    const after = readFileSync(file);
    expect([...after.subarray(0, 4)]).toEqual([0xef, 0xbb, 0xbf, 0x7b]);
    expect(after.toString('utf8')).toContain(JSON.stringify(block(builtScript())));
    expect((await pmInProcess(['install', '--check', 'c.postman_collection.json'], { cwd: dir })).code).toBe(0);
  });

  it('a v3 code key given twice: exit 2 naming it, from install and --check', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'v3', '.resources'), { recursive: true });
    const before = '$kind: collection\nscripts:\n  - type: http:beforeRequest\n    code: a()\n    code: b()\n';
    writeFileSync(join(dir, 'v3', '.resources', 'definition.yaml'), before);
    for (const command of [['install'], ['install', '--check']]) {
      const result = await pmInProcess([...command, 'v3'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('the key "code" appears twice in one map');
    }
    expect(readFileSync(join(dir, 'v3', '.resources', 'definition.yaml'), 'utf8')).toBe(before);
  });
});
