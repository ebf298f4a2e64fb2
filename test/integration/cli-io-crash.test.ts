// A crash (a collection script's unhandled rejection) under the CLI's signal handling: what it prints keeps known secrets out and stays short.

import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/collection';
import { removeTempDirs, tempDir } from '../support/temp-dirs';

afterAll(() => removeTempDirs());

const SECRET = 'Crash-secret-123';

describe('processIo().interruptions() on a crash', () => {
  it('prints the crash with known secrets redacted and the message clipped, then settles as crash', () => {
    const dir = tempDir('pm-cognito-io-crash-');
    const program = join(dir, 'crash.ts');
    // The process boundary is what is under test: the handlers are process-wide ('unhandledRejection').
    writeFileSync(program, [
      "import { processIo } from " + JSON.stringify(join(ROOT, 'src', 'cli', 'io')) + ';',
      "import { rememberSecrets } from " + JSON.stringify(join(ROOT, 'src', 'core', 'redact')) + ';',
      'rememberSecrets([' + JSON.stringify(SECRET) + ']);',
      'const interruptions = processIo().interruptions();',
      'void interruptions.promise.then((by) => { process.stdout.write(by); interruptions.stop(); });',
      "void Promise.reject(new Error('a script threw ' + " + JSON.stringify(SECRET) + " + ' ' + 'x'.repeat(100000)));",
    ].join('\n'));
    // One node process with tsx's loader (tsx's own CLI would run the program in a second one).
    const result = spawnSync(process.execPath, ['--import', 'tsx', program], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(result.stdout).toBe('crash');
    expect(result.stderr).toContain('pm-cognito: a script crashed the run (a script threw [secret] xxx');
    expect(result.stderr).not.toContain(SECRET);
    expect(result.stderr.length).toBeLessThan(1000);
  }, 40_000);
});
