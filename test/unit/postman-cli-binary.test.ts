// Where the Postman CLI is found: the option, the variable, the optional package, then `postman` on PATH.

import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { onPath } from '../../src/node/postman-cli-binary';

const dir = mkdtempSync(join(tmpdir(), 'pm-cognito-path-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(sub: string, mode: number): string {
  mkdirSync(join(dir, sub), { recursive: true });
  const path = join(dir, sub, 'postman');
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, mode);
  return join(dir, sub);
}

describe('postman on PATH', () => {
  it('the first executable file named postman, skipping a non-executable one and a directory', () => {
    const plain = file('plain', 0o644);
    mkdirSync(join(dir, 'dir', 'postman'), { recursive: true });
    const exec = file('exec', 0o755);
    const later = file('later', 0o755);
    expect(onPath({ PATH: ['', plain, join(dir, 'dir'), exec, later].join(delimiter) })).toBe(join(exec, 'postman'));
  });

  it('none: undefined (then the error names the install line)', () => {
    expect(onPath({ PATH: join(dir, 'nowhere') })).toBeUndefined();
    expect(onPath({})).toBeUndefined();
  });
});
