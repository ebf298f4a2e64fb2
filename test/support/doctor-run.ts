// Runs `pm-cognito doctor` in-process for the doctor tests, and checks that no secret, token or refresh token is printed.

import { expect } from 'vitest';
import { cli } from '../../src/cli/cli';
import { memoryIo } from './memory-io';

/** A compact JWT (ID or access token). */
export const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;
/** The strict double's refresh tokens are JWEs that all start with this protected header. */
export const REFRESH_TOKEN_HEAD = Buffer.from(JSON.stringify({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' })).toString('base64url');

export interface DoctorRun {
  code: number;
  out: string;
  err: string;
}

/** `pm-cognito doctor` with these variables (as --env-var), arguments and process variables; none of `secrets` may be printed. */
export async function doctorRun(vars: Record<string, string>, args: string[], env: Record<string, string>, secrets: readonly string[]): Promise<DoctorRun> {
  const io = memoryIo({ ...env });
  const argv = ['doctor', ...Object.entries(vars).flatMap(([k, v]) => ['--env-var', k + '=' + v]), ...args];
  const code = await cli(argv, io);
  const run = { code, out: io.stdout(), err: io.stderr() };
  for (const secret of secrets) expect(run.out + run.err, 'a secret was printed').not.toContain(secret);
  expect(run.out + run.err, 'a token was printed').not.toMatch(JWT);
  expect(run.out + run.err, 'a refresh token was printed').not.toContain(REFRESH_TOKEN_HEAD);
  return run;
}

/** The lines of one finding: its mark line and, when it has one, its fix line. */
export function finding(out: string, mark: '✓' | '✗' | '!' | '-', check: string): string {
  const lines = out.split('\n');
  const index = lines.findIndex((line) => line.startsWith('  ' + mark + ' ' + check + ':'));
  expect(index, 'no "' + mark + ' ' + check + '" line in:\n' + out).toBeGreaterThanOrEqual(0);
  const next = lines[index + 1] ?? '';
  return lines[index] + (next.startsWith('      fix: ') ? '\n' + next : '');
}

/** Makes the no-credentials cases look nowhere beyond this machine (instance metadata) nor into the developer's own AWS files. */
export function isolateAwsEnvironment(): void {
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
  process.env['AWS_SHARED_CREDENTIALS_FILE'] = '/nonexistent/pm-cognito-doctor-credentials';
  process.env['AWS_CONFIG_FILE'] = '/nonexistent/pm-cognito-doctor-config';
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION']) delete process.env[name];
}
