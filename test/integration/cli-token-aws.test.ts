// `pm-cognito token --aws-credentials`: export lines that curl --aws-sigv4 signs with, and credential_process JSON that the AWS SDK
// reads, both accepted by the demo API's IAM routes; a guest needs no user; usage and settings errors.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { fromProcess } from '@aws-sdk/credential-providers';
import { SignatureV4 } from '@smithy/signature-v4';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { runCli } from '../support/run-cli';
import { BIN, assertBuilt, removeTempDirs, tempDir, writeEnvironment } from './cli-harness';
import { pmInProcess } from '../support/in-process-cli';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const PASSWORD = 'Aws-token-pass-1!x';
let stack: LocalStack;
let envFile: string;

beforeAll(async () => {
  await assertBuilt();
  stack = await startTestStack({ users: [{ username: 'alice', password: PASSWORD }] });
  envFile = writeEnvironment({ ...stack.connection, cognito_username: 'alice', 'cognito_identity_guest@visitor': 'true' }, tempDir());
}, 120_000);

afterAll(async () => {
  removeTempDirs();
  await stack?.stop();
});

function awsToken(args: string[], env: Record<string, string> = { COGNITO_PASSWORD: PASSWORD }) {
  return pmInProcess(['token', '-e', envFile, '--aws-credentials', ...args], { env });
}

/** `export NAME='value'` lines → { NAME: value }. */
function parseExports(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.trim().split('\n')) {
    const match = /^export ([A-Z_]+)='([^']*)'$/.exec(line);
    expect(match, line.slice(0, 30)).not.toBeNull();
    out[match![1]!] = match![2]!;
  }
  return out;
}

describe('pm-cognito token --aws-credentials', () => {
  it('prints export lines; curl --aws-sigv4 signs with them and the API Gateway IAM route accepts the user', async () => {
    stack.proxy.reset();
    stack.identityPool.reset();
    const result = await awsToken([]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const vars = parseExports(result.stdout);
    expect(Object.keys(vars)).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION']);
    const issued = stack.identityPool.credentials(vars['AWS_ACCESS_KEY_ID']!)!;
    expect(issued).toMatchObject({ secretAccessKey: vars['AWS_SECRET_ACCESS_KEY'], sessionToken: vars['AWS_SESSION_TOKEN'], authenticated: true });
    expect(Date.parse(vars['AWS_CREDENTIAL_EXPIRATION']!)).toBe(issued.expiresAt);
    expect(stack.identityPool.calls.map((c) => c.operation)).toEqual(['GetId', 'GetCredentialsForIdentity']);
    expect(stack.proxy.signIns()).toBe(1);

    const curl = await runCli('bash', ['-c', 'eval "$PM_EXPORTS" && curl -sS --aws-sigv4 "aws:amz:us-east-1:execute-api" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H "x-amz-security-token: $AWS_SESSION_TOKEN" "$URL/iam/me"'], {
      env: { PM_EXPORTS: result.stdout, URL: stack.api.url },
    });
    expect(curl.code, curl.stderr).toBe(0);
    expect(JSON.parse(curl.stdout)).toEqual({ cognitoIdentityId: issued.identityId, cognitoAuthenticationType: 'authenticated', accessKey: vars['AWS_ACCESS_KEY_ID'] });
  }, 60_000);

  it('--json is what credential_process must print: the AWS SDK reads it, and AppSync IAM accepts a request signed with it', async () => {
    const dir = tempDir();
    const config = join(dir, 'config');
    // The password reaches the child through the environment, as credential_process runs it.
    writeFileSync(config, '[profile pm]\ncredential_process = "' + process.execPath + '" "' + BIN + '" token -e "' + envFile + '" --aws-credentials --json\n');
    const before = { ...process.env };
    Object.assign(process.env, { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), COGNITO_PASSWORD: PASSWORD });
    let credentials;
    try {
      credentials = await fromProcess({ profile: 'pm' })();
    } finally {
      for (const key of ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'COGNITO_PASSWORD']) {
        if (before[key] === undefined) delete process.env[key];
        else process.env[key] = before[key];
      }
    }
    const issued = stack.identityPool.credentials(credentials.accessKeyId)!;
    expect(credentials).toMatchObject({ secretAccessKey: issued.secretAccessKey, sessionToken: issued.sessionToken });
    expect(credentials.expiration?.getTime()).toBe(issued.expiresAt);

    const url = new URL(stack.api.url + '/graphql');
    const body = JSON.stringify({ query: 'query { me { cognitoIdentityId cognitoIdentityAuthType } }' });
    const signer = new SignatureV4({ credentials, region: 'us-east-1', service: 'appsync', sha256: Sha256 });
    const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/graphql', headers: { host: url.host, 'content-type': 'application/json' }, body });
    const response = await fetch(url, { method: 'POST', headers: signed.headers, body });
    expect(await response.json()).toEqual({ data: { me: { cognitoIdentityId: issued.identityId, cognitoIdentityAuthType: 'authenticated' } } });
  }, 60_000);

  it('a guest identity needs no user and no password', async () => {
    stack.proxy.reset();
    const result = await awsToken(['-i', 'visitor', '--json'], {});
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(printed)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
    expect(printed['Version']).toBe(1);
    expect(stack.identityPool.credentials(String(printed['AccessKeyId']))?.authenticated).toBe(false);
    expect(stack.proxy.calls).toHaveLength(0);
  }, 60_000);

  it('refuses --header and --type, and names a missing identity pool', async () => {
    const usage = await awsToken(['--header']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--aws-credentials prints AWS credentials, not a token: leave out --header and --type');
    const missing = await awsToken(['--env-var', 'cognito_identity_pool_id=']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cognito_identity_pool_id is not set');
    expect(missing.stdout).toBe('');
  }, 60_000);
});
