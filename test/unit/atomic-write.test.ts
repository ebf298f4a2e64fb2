// writeFilesAtomic: all files or none, temp files removed on failure, mode, owner and group kept.

import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, chownSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeTempDirs, tempDir as makeTempDir } from '../support/temp-dirs';
import { FileWriteError, writeFilesAtomic } from '../../src/node/atomic-write';

afterAll(removeTempDirs);
const tempDir = () => makeTempDir('pm-cognito-atomic-');

describe('writeFilesAtomic', () => {
  it('changes no file when a later one cannot be written, and leaves no temp file behind', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.json'), 'old a');
    const missing = join(dir, 'no-such-dir', 'b.json');
    let thrown: unknown;
    try {
      writeFilesAtomic([{ file: join(dir, 'a.json'), content: Buffer.from('new a') }, { file: missing, content: Buffer.from('new b') }]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FileWriteError);
    expect((thrown as FileWriteError).code).toBe('ENOENT');
    expect((thrown as FileWriteError).file).toBe(missing);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('old a');
    expect(readdirSync(dir).sort()).toEqual(['a.json']);
  });

  it('writes a file whose name is at the file system limit (the temp file has a short name)', () => {
    const dir = tempDir();
    const long = join(dir, 'b'.repeat(230) + '.postman_collection.json');
    writeFileSync(long, 'old');
    writeFilesAtomic([{ file: long, content: Buffer.from('new') }]);
    expect(readFileSync(long, 'utf8')).toBe('new');
  });

  it('keeps mode, owner and group', () => {
    const dir = tempDir();
    const file = join(dir, 'c.json');
    writeFileSync(file, 'old');
    chmodSync(file, 0o640);
    const root = process.getuid?.() === 0;
    if (root) chownSync(file, 1234, 2345);
    writeFilesAtomic([{ file, content: Buffer.from('new') }]);
    const stat = statSync(file);
    expect(stat.mode & 0o777).toBe(0o640);
    if (root) expect([stat.uid, stat.gid]).toEqual([1234, 2345]);
  });
});
