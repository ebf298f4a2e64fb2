// A usage error never echoes the value of a secret COGNITO_* variable (a password typed where an argument belongs).

import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/cli/usage-error';
import { parseArgs } from '../../src/cli/argv';
import { cli } from '../../src/cli/cli';
import { memoryIo } from '../support/memory-io';

const PASSWORD = 'Typed-Where-A-Path-Goes-1';

// Puts back whatever COGNITO_PASSWORD was before (set or not), so no other test sees this one's value.
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('UsageError', () => {
  it('redacts values of COGNITO_*PASSWORD/SECRET/TOKEN/TOTP variables', () => {
    vi.stubEnv('COGNITO_PASSWORD', PASSWORD);
    const error = new UsageError('pm-cognito token: unexpected argument "' + PASSWORD + '": settings come from -e, COGNITO_* variables and --env-var');
    expect(error.message).toBe('pm-cognito token: unexpected argument "[secret]": settings come from -e, COGNITO_* variables and --env-var');
  });

  it('through the argument parser: an integer option given the password', () => {
    vi.stubEnv('COGNITO_PASSWORD', PASSWORD);
    expect(() => parseArgs('run', ['--shard-count', PASSWORD], { shardCount: { kind: 'integer', help: 'n', value: '<n>' } })).toThrow('pm-cognito run: --shard-count is "[secret]": give a whole number, e.g. --shard-count 5');
  });

  it('in-process: the secrets of the CliIo environment (not process.env) are redacted from what the CLI prints', async () => {
    const env = { COGNITO_PASSWORD: PASSWORD };
    for (const argv of [['token', PASSWORD], [PASSWORD], ['run', '--shard', PASSWORD]]) {
      const io = memoryIo(env);
      expect(await cli(argv, io)).toBe(2);
      expect(io.stderr(), argv.join(' ')).toContain('[secret]');
      expect(io.stderr(), argv.join(' ')).not.toContain(PASSWORD);
    }
  });
});
