// A runner's error line (the Postman CLI's last words on stderr) is printed with the run's secrets redacted.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collection, item } from '../support/collection';
import { assertBuilt, removeTempDirs, startPm, tempDir, writeEnvironment, writeJson } from './cli-harness';

const PASSWORD = 'Stand-in-pass-1!leak';

beforeAll(() => assertBuilt());
afterAll(() => removeTempDirs());

describe('pm-cognito run --runner postman, a CLI that dies quoting its environment', () => {
  it('prints "gave no run summary" with the password as [secret]', async () => {
    const work = tempDir('pm-cognito-error-redacted-');
    const cli = join(work, 'postman');
    // A stand-in for the Postman CLI: prints what its environment holds to stderr and exits without a summary.
    writeFileSync(cli, '#!/bin/sh\nwhile [ $# -gt 0 ]; do\n  if [ "$1" = "-e" ]; then /bin/cat "$2" >&2; fi\n  shift\ndone\nexit 1\n');
    chmodSync(cli, 0o755);
    const suite = writeJson(work, 'leak.postman_collection.json', collection('leak', [item({ name: 'me', path: '/me' })]));
    const envFile = writeEnvironment({ cognito_endpoint: 'http://127.0.0.1:9/', cognito_region: 'us-east-1', cognito_client_id: 'leakclient', cognito_username: 'alice', cognito_timeout_ms: '500', baseUrl: 'http://127.0.0.1:9' }, work);
    const result = await startPm(['run', suite, '-e', envFile, '--runner', 'postman', '--postman-cli', cli], { cwd: work, timeoutMs: 40_000, env: { COGNITO_PASSWORD: PASSWORD } }).result;
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('gave no run summary');
    expect(result.stderr).toContain('[secret]');
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);
  }, 60_000);
});
