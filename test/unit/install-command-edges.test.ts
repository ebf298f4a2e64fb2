// `pm-cognito install` in-process through CliIo: a script pasted whole, writes that are all or nothing, links, owners, byte-order marks.

import { afterAll, describe, expect, it } from 'vitest';
import { chownSync, linkSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeTempDirs, tempDir as makeTempDir } from '../support/temp-dirs';
import { cli } from '../../src/cli/cli';
import { memoryIo } from '../support/memory-io';
import { builtScript } from '../../src/cli/install-command';
import { BEGIN_MARKER, END_MARKER } from '../../src/core/managed-block';
import { literalBlock } from '../../src/node/yaml-code-text';

afterAll(removeTempDirs);
const tempDir = () => makeTempDir('pm-cognito-install-');

async function pm(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({}, cwd);
  const code = await cli(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

const COLLECTION = JSON.stringify({ info: { name: 'c', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [] }, null, 2) + '\n';
const block = (script: string) => [BEGIN_MARKER, ...script.replace(/\n$/, '').split('\n'), END_MARKER].join('\n');

describe('a v3 script pasted whole (the Postman app path)', () => {
  it('--check says current and install changes nothing, as for v2.1', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'v3', '.resources'), { recursive: true });
    const file = join(dir, 'v3', '.resources', 'definition.yaml');
    const before = '$kind: collection\nname: v3\nscripts:\n  - type: http:beforeRequest\n    code: ' + literalBlock(builtScript().replace(/\n$/, ''), 6) + '\n    language: text/javascript\n';
    writeFileSync(file, before);
    expect((await pm(['install', '--check', 'v3'], dir)).code).toBe(0);
    const install = await pm(['install', 'v3'], dir);
    expect(install.code, install.err).toBe(0);
    expect(install.out).toContain('already current');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});

describe('writes are all or nothing', () => {
  it('installs next to a file whose name is at the limit (the temp file name used to pass it, after the first file was already rewritten)', async () => {
    const dir = tempDir();
    const long = 'b'.repeat(230) + '.postman_collection.json';
    writeFileSync(join(dir, 'a.postman_collection.json'), COLLECTION);
    writeFileSync(join(dir, long), COLLECTION);
    const install = await pm(['install', '.'], dir);
    expect(install.code, install.err).toBe(0);
    for (const name of ['a.postman_collection.json', long]) expect(readFileSync(join(dir, name), 'utf8')).toContain(BEGIN_MARKER);
  });

  it('refuses a file with another hard link (the rename would split it), changing nothing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.postman_collection.json'), COLLECTION);
    writeFileSync(join(dir, 'c.postman_collection.json'), COLLECTION);
    linkSync(join(dir, 'c.postman_collection.json'), join(dir, 'other-name.json'));
    const install = await pm(['install', 'a.postman_collection.json', 'c.postman_collection.json'], dir);
    expect(install.code).toBe(2);
    expect(install.err).toContain('c.postman_collection.json has 2 hard links');
    expect(install.err).toContain('nothing was changed');
    for (const name of ['a.postman_collection.json', 'c.postman_collection.json', 'other-name.json']) expect(readFileSync(join(dir, name), 'utf8')).toBe(COLLECTION);
  });

  it.runIf(process.getuid?.() === 0)('keeps the owner and group of the file (running as root)', async () => {
    const dir = tempDir();
    const file = join(dir, 'c.postman_collection.json');
    writeFileSync(file, COLLECTION);
    chownSync(file, 1234, 2345);
    expect((await pm(['install', 'c.postman_collection.json'], dir)).code).toBe(0);
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
    const check = await pm(['install', '--check', 'c.postman_collection.json'], dir);
    expect(check.code).toBe(1);
    expect(check.out).toContain('the pm-cognito script is there 2 times');
    const install = await pm(['install', 'c.postman_collection.json'], dir);
    expect(install.code, install.err).toBe(0);
    expect(install.out).toContain('its 2 pm-cognito blocks were replaced by one');
    expect(JSON.parse(readFileSync(file, 'utf8')).event[1].script.exec).toEqual(['mine();']);
    expect((await pm(['install', '--check', 'c.postman_collection.json'], dir)).code).toBe(0);
  });

  it('a UTF-8 byte-order mark is accepted and kept', async () => {
    const dir = tempDir();
    const file = join(dir, 'c.postman_collection.json');
    writeFileSync(file, '\ufeff' + COLLECTION);
    const install = await pm(['install', 'c.postman_collection.json'], dir);
    expect(install.code, install.err).toBe(0);
    const after = readFileSync(file);
    expect([...after.subarray(0, 4)]).toEqual([0xef, 0xbb, 0xbf, 0x7b]);
    expect(after.toString('utf8')).toContain(JSON.stringify(block(builtScript())));
    expect((await pm(['install', '--check', 'c.postman_collection.json'], dir)).code).toBe(0);
  });

  it('a v3 code key given twice: exit 2 naming it, from install and --check', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'v3', '.resources'), { recursive: true });
    const before = '$kind: collection\nscripts:\n  - type: http:beforeRequest\n    code: a()\n    code: b()\n';
    writeFileSync(join(dir, 'v3', '.resources', 'definition.yaml'), before);
    for (const command of [['install'], ['install', '--check']]) {
      const result = await pm([...command, 'v3'], dir);
      expect(result.code).toBe(2);
      expect(result.err).toContain('the key "code" appears twice in one map');
    }
    expect(readFileSync(join(dir, 'v3', '.resources', 'definition.yaml'), 'utf8')).toBe(before);
  });
});
