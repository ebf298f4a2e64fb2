// `pm-cognito install`, `install --check` and `run` in-process through CliIo: bytes they must keep, and malformed collections they must refuse by field.

import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeTempDirs, tempDir as makeTempDir } from '../support/temp-dirs';
import { pmInProcess } from '../support/in-process-cli';
import { managedBlockText as block } from '../support/managed-block-text';
import { builtScript } from '../../src/cli/install-command';

afterAll(removeTempDirs);
const tempDir = () => makeTempDir('pm-cognito-install-');

const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

describe('install keeps bytes that are not UTF-8', () => {
  it('a Latin-1 byte outside the script of a v2.1 file survives, and UTF-8 code in the script stays UTF-8', async () => {
    const dir = tempDir();
    const file = join(dir, 'c.postman_collection.json');
    const head = Buffer.concat([Buffer.from('{\n  "info": {"name": "caf'), Buffer.from([0xe9]), Buffer.from('", "schema": "' + SCHEMA + '"},\n  "item": [],\n  "event": [{"listen": "prerequest", "script": {"exec": [')]);
    const before = Buffer.concat([head, Buffer.from('"// café ✓"]}}]\n}\n', 'utf8')]);
    writeFileSync(file, before);
    const result = await pmInProcess(['install', 'c.postman_collection.json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const after = readFileSync(file);
    expect(after.subarray(0, head.length)).toEqual(head);
    expect(after.subarray(after.length - 6)).toEqual(Buffer.from(']}}]\n}\n').subarray(1));
    expect(after.includes(Buffer.from([0xef, 0xbf, 0xbd]))).toBe(false);
    const code = JSON.parse(after.toString('latin1')).event[0].script.exec[0] as string;
    expect(Buffer.from(code, 'latin1').toString('utf8')).toBe(block(builtScript(), false) + '\n// café ✓');
    expect((await pmInProcess(['install', '--check', 'c.postman_collection.json'], { cwd: dir })).code).toBe(0);
  });

  it('a Latin-1 byte in a v3 definition (a comment, a name) survives', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'v3', '.resources'), { recursive: true });
    const file = join(dir, 'v3', '.resources', 'definition.yaml');
    const head = Buffer.concat([Buffer.from('$kind: collection\n# r'), Buffer.from([0xe9]), Buffer.from('sum'), Buffer.from([0xe9]), Buffer.from('\nname: caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const tail = Buffer.from('    language: text/javascript\n');
    writeFileSync(file, Buffer.concat([head, Buffer.from('scripts:\n  - type: http:beforeRequest\n    code: |-\n      // café ✓\n', 'utf8'), tail]));
    const result = await pmInProcess(['install', 'v3'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const after = readFileSync(file);
    expect(after.subarray(0, head.length)).toEqual(head);
    expect(after.subarray(after.length - tail.length)).toEqual(tail);
    expect(after.includes(Buffer.from([0xef, 0xbf, 0xbd]))).toBe(false);
    expect(after.includes(Buffer.from('      // café ✓\n', 'utf8'))).toBe(true);
    expect((await pmInProcess(['install', '--check', 'v3'], { cwd: dir })).code).toBe(0);
  });
});

describe('a script holding the managed block twice', () => {
  it('--check fails on it, and install replaces both with one and says so', async () => {
    const dir = tempDir();
    const file = join(dir, 'c.postman_collection.json');
    const twice = block(builtScript(), false) + '\nmine();\n' + block('// old copy\nold();', false);
    writeFileSync(file, JSON.stringify({ info: { name: 'c', schema: SCHEMA }, item: [], event: [{ listen: 'prerequest', script: { exec: [twice] } }] }, null, 2));
    const check = await pmInProcess(['install', '--check', 'c.postman_collection.json'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('c.postman_collection.json (v2.1): the pm-cognito script is there 2 times (each copy runs): pm-cognito install keeps one');
    const install = await pmInProcess(['install', 'c.postman_collection.json'], { cwd: dir });
    expect(install.code, install.stderr).toBe(0);
    expect(install.stdout).toContain('c.postman_collection.json (v2.1): updated: its 2 pm-cognito blocks were replaced by one');
    expect(JSON.parse(readFileSync(file, 'utf8')).event[0].script.exec).toEqual([block(builtScript(), false) + '\nmine();']);
    expect((await pmInProcess(['install', '--check', 'c.postman_collection.json'], { cwd: dir })).code).toBe(0);
  });
});

/** A collection whose folders nest `depth` deep, built without recursion. */
function nested(depth: number): string {
  return '{"info": {"name": "deep"}, "item": [' + '{"name": "f", "item": ['.repeat(depth) + ']}'.repeat(depth) + ']}';
}

describe('malformed collections: exit 2 naming the field, from install, install --check and run', () => {
  const cases: Array<[string, string, string]> = [
    ['event is an object', JSON.stringify({ info: { name: 'c' }, item: [], event: { listen: 'prerequest' } }), 'c.postman_collection.json: event must be an array (it is an object)'],
    ['script is a string', JSON.stringify({ info: { name: 'c' }, item: [], event: [{ listen: 'prerequest', script: 'x()' }] }), 'event[0].script must be an object with an "exec" list (it is a string)'],
    ['exec is a number', JSON.stringify({ info: { name: 'c' }, item: [], event: [{ listen: 'prerequest', script: { exec: 5 } }] }), 'event[0].script.exec must be an array of lines or a text (it is a number)'],
    ['a request event is an object', JSON.stringify({ info: { name: 'c' }, item: [{ name: 'r', request: {}, event: {} }] }), 'item[0].event must be an array (it is an object)'],
    ['5,000 folders deep', nested(5000), 'folders are nested more than 100 deep, which pm-cognito does not accept'],
  ];
  for (const [name, text, message] of cases) {
    for (const command of [['install'], ['install', '--check'], ['run']]) {
      it(name + ': pm-cognito ' + command.join(' '), async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'c.postman_collection.json'), text);
        const result = await pmInProcess([...command, 'c.postman_collection.json'], { cwd: dir });
        expect(result.stderr).not.toContain('unexpectedly');
        expect(result.stderr).toContain(message);
        expect(result.code).toBe(2);
        expect(readFileSync(join(dir, 'c.postman_collection.json'), 'utf8')).toBe(text);
      });
    }
  }

  for (const command of [['install'], ['install', '--check'], ['run']]) {
    it('v3 code that is a number: pm-cognito ' + command.join(' '), async () => {
      const dir = tempDir();
      mkdirSync(join(dir, 'v3', '.resources'), { recursive: true });
      writeFileSync(join(dir, 'v3', '.resources', 'definition.yaml'), '$kind: collection\nscripts:\n  - type: http:beforeRequest\n    code: 5\n');
      const result = await pmInProcess([...command, 'v3'], { cwd: dir });
      expect(result.stderr).not.toContain('unexpectedly');
      expect(result.stderr).toContain('scripts[0].code must be text (it is a number)');
      expect(result.code).toBe(2);
    });
  }
});

describe('v3 folders nested too deep: exit 2 from install, install --check and run', () => {
  for (const command of [['install'], ['install', '--check'], ['run']]) {
    it('101 levels: pm-cognito ' + command.join(' '), async () => {
      const dir = tempDir();
      let folder = join(dir, 'v3');
      mkdirSync(join(folder, '.resources'), { recursive: true });
      writeFileSync(join(folder, '.resources', 'definition.yaml'), '$kind: collection\n');
      for (let level = 1; level <= 101; level++) {
        folder = join(folder, 'f');
        mkdirSync(join(folder, '.resources'), { recursive: true });
        writeFileSync(join(folder, '.resources', 'definition.yaml'), '$kind: collection\nname: level ' + level + '\n');
      }
      const result = await pmInProcess([...command, 'v3'], { cwd: dir });
      expect(result.stderr).not.toContain('unexpectedly');
      expect(result.stderr).toContain('folders are nested more than 100 deep, which pm-cognito does not accept: flatten the collection');
      expect(result.code).toBe(2);
    });
  }
});
