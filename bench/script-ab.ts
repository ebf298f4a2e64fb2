// Two installed scripts side by side in one postman-sandbox context, serving from the note: CPU time per execution.
//
// Usage: npx tsx bench/script-ab.ts <a.js> <b.js> [--rounds 16] [--runs 300]. Each script is installed as
// `pm-cognito install` writes it (the block alone, `"use sandbox2";` on its begin line); the cache holds unsigned test
// JWTs of a Cognito token's size and the note is the one `pm-cognito run` computes up front, so both serve every
// execution (checked once each). The two alternate within each round; the figure is the process's CPU time per
// execution (less sensitive to other load than wall time) and b - a per round, median of the rounds.
import { readFileSync } from 'node:fs';
import { spliceManagedBlock } from '../src/core/managed-block';
import { readSettings } from '../src/core/settings';
import { cacheKey, cacheVariable, serialiseCache } from '../src/core/cache-entry';
import { upFrontNote } from '../src/node/run-fast-path';
import { fakeJwt } from '../test/unit/jwt';
import { openSandbox } from './sandbox-context';
import { option } from './option';
import { median } from './stats';

async function main(): Promise<void> {
  const files = process.argv.slice(2).filter((arg) => arg.endsWith('.js'));
  if (files.length !== 2) throw new Error('usage: npx tsx bench/script-ab.ts <a.js> <b.js> [--rounds 16] [--runs 300]');
  const rounds = option('--rounds', 16);
  const runs = option('--runs', 300);
  const env: Record<string, string> = { cognito_endpoint: 'http://127.0.0.1:9/', cognito_region: 'us-east-1', cognito_user_pool_id: 'us-east-1_Bench1', cognito_client_id: 'benchclient', cognito_username: 'alice', cognito_password: 'Bench-pass-1!x' };
  const key = cacheKey(readSettings((name) => env[name]));
  const now = Math.floor(Date.now() / 1000);
  const common = { sub: 'a'.repeat(36), iss: 'http://127.0.0.1:9/us-east-1_Bench1', exp: now + 3600, iat: now, auth_time: now, 'cognito:username': 'alice', jti: 'j'.repeat(36), origin_jti: 'o'.repeat(36), event_id: 'e'.repeat(36) };
  const id = fakeJwt({ ...common, aud: 'benchclient', token_use: 'id', email: 'alice@example.com' });
  const access = fakeJwt({ ...common, client_id: 'benchclient', token_use: 'access', scope: 'aws.cognito.signin.user.admin', username: 'alice' });
  const cache = { [cacheVariable(key)]: serialiseCache({ key, idToken: id, accessToken: access, refreshToken: 'r'.repeat(1700), obtainedAt: Date.now(), expiresAt: Date.now() + 3_600_000 }) };
  const carried = { ...cache, ...upFrontNote(env, cache), cognito_token: id, cognito_id_token: id, cognito_access_token: access };
  const scope = { request: { url: 'http://127.0.0.1/r', header: [] }, environment: { values: Object.entries(env).map(([k, v]) => ({ key: k, value: v })) }, collectionVariables: { values: Object.entries(carried).map(([k, v]) => ({ key: k, value: v })) } };
  const scripts = files.map((file) => spliceManagedBlock('', readFileSync(file, 'utf8')));
  const sandbox = await openSandbox();
  for (const [i, script] of scripts.entries()) {
    const served = await sandbox.execute(script, scope);
    if (!(served.request.header ?? []).some((h) => h.key === 'Authorization')) throw new Error(files[i] + ': did not set the header');
  }
  const cpu: number[][] = [[], []];
  for (let round = 0; round <= rounds; round++) {
    for (let k = 0; k < 2; k++) {
      const i = (round + k) % 2;
      const start = process.cpuUsage();
      for (let j = 0; j < runs; j++) await sandbox.execute(scripts[i]!, scope);
      const used = process.cpuUsage(start);
      if (round > 0) cpu[i]!.push((used.user + used.system) / 1000 / runs);
    }
  }
  sandbox.dispose();
  const diffs = cpu[0]!.map((a, r) => cpu[1]![r]! - a);
  process.stdout.write(files.map((file, i) => '  ' + file + ': ' + median(cpu[i]!).toFixed(3) + ' ms CPU per execution\n').join('')
    + '  b - a: ' + median(diffs).toFixed(3) + ' ms (median of ' + rounds + ' rounds; per round: ' + diffs.map((d) => d.toFixed(2)).join(' ') + ')\n');
}
main().catch((error: unknown) => {
  process.stderr.write((error instanceof Error ? error.message : String(error)) + '\n');
  process.exitCode = 1;
});
