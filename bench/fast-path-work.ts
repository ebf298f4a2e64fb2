// What a served request costs in newman's sandbox alone (postman-sandbox 4.7.1): the legacy globals, the carried
// cache and note, the script's text, and the fast path's own work, each as a step over the one before.
//
// Usage: npx tsx bench/fast-path-work.ts [--rounds 7] [--runs 300]. One sandbox context, as newman uses; the cache holds
// unsigned test JWTs of a Cognito token's size and the note is the one pm-cognito run computes up front, so the fast
// path serves every execute() (checked once per variant: the Authorization header is set). ONLY=<variant name> runs
// one variant (for a CPU profile: node --cpu-prof --import tsx bench/fast-path-work.ts); READABLE=1 measures the
// --readable form (a profile's line numbers then point into dist/pm-cognito.prerequest.readable.js).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LEGACY_OFF, spliceManagedBlock } from '../src/core/managed-block';
import { readSettings } from '../src/core/settings';
import { cacheKey, cacheVariable, serialiseCache } from '../src/core/cache-entry';
import { upFrontNote } from '../src/node/run-fast-path';
import { fakeJwt } from '../test/unit/jwt';
import { SERVED_RETURN } from '../src/tools/served-return';
import { MINIMAL_SCRIPT } from './per-request';
import { openSandbox } from './sandbox-context';
import { option } from './option';
import { median } from './stats';

const root = resolve(__dirname, '..');

async function main(): Promise<void> {
  const rounds = option('--rounds', 7);
  const runs = option('--runs', 300);
  const installed = readFileSync(join(root, 'dist', process.env['READABLE'] ? 'pm-cognito.prerequest.readable.js' : 'pm-cognito.prerequest.js'), 'utf8');
  // The served return as the build wrote it: laid out in the readable form, minified in the compact one.
  const served = [SERVED_RETURN[1]!, SERVED_RETURN[1]!.replace(/ /g, '')].find((line) => installed.includes(line));
  if (served === undefined) throw new Error('bench: dist/ has no served return (src/tools/served-return.ts): run npm run build');
  const env: Record<string, string> = { cognito_endpoint: 'http://127.0.0.1:9/', cognito_region: 'us-east-1', cognito_user_pool_id: 'us-east-1_Bench1', cognito_client_id: 'benchclient', cognito_username: 'alice', cognito_password: 'Bench-pass-1!x', bench_token: 'x' };
  const settings = readSettings((n) => env[n]);
  const now = Math.floor(Date.now() / 1000);
  const common = { sub: 'a'.repeat(36), iss: 'http://127.0.0.1:9/us-east-1_Bench1', exp: now + 3600, iat: now, auth_time: now, 'cognito:username': 'alice', jti: 'j'.repeat(36), origin_jti: 'o'.repeat(36), event_id: 'e'.repeat(36) };
  const id = fakeJwt({ ...common, aud: 'benchclient', token_use: 'id', email: 'alice@example.com' });
  const access = fakeJwt({ ...common, client_id: 'benchclient', token_use: 'access', scope: 'aws.cognito.signin.user.admin', username: 'alice' });
  const key = cacheKey(settings);
  const cache = { [cacheVariable(key)]: serialiseCache({ key, idToken: id, accessToken: access, refreshToken: 'r'.repeat(1700), obtainedAt: Date.now(), expiresAt: Date.now() + 3_600_000 }) };
  const carried = { ...cache, ...upFrontNote(env, cache), cognito_token: id, cognito_id_token: id, cognito_access_token: access };
  const neverRun = (code: string) => LEGACY_OFF + '\n' + MINIMAL_SCRIPT + '\nfunction neverRun() {\n' + code + '}\n';
  const only = process.env['ONLY'];
  const variants: Array<[string, string, boolean]> = [
    ['minimal', MINIMAL_SCRIPT, false],
    ['minimal legacy off', LEGACY_OFF + '\n' + MINIMAL_SCRIPT, false],
    ['minimal legacy off + carried', LEGACY_OFF + '\n' + MINIMAL_SCRIPT, true],
    ['text only (legacy off, carried)', neverRun(installed), true],
    // The fast path's modules evaluated, nothing served: the header set and the script left where serveFromNote() would be called.
    ['modules only (legacy off, carried)', spliceManagedBlock('', installed.replace(served, "pm.request.headers.upsert({key:'Authorization',value:'x'});return;")), true],
    ['installed block (legacy off, carried)', spliceManagedBlock('', installed), true],
  ];
  if (only) variants.splice(0, variants.length, ...variants.filter(([n]) => n === only));
  const sandbox = await openSandbox();
  const scope = (withVars: boolean) => ({ request: { url: 'http://127.0.0.1/r', header: [] }, environment: { values: Object.entries(env).map(([k, v]) => ({ key: k, value: v })) }, ...(withVars ? { collectionVariables: { values: Object.entries(carried).map(([k, v]) => ({ key: k, value: v })) } } : {}) });
  const execute = (code: string, withVars: boolean) => sandbox.execute(code, scope(withVars));
  for (const [name, code, v] of variants) {
    const ex = await execute(code, v);
    const auth = (ex.request.header ?? []).find((h) => h.key === 'Authorization');
    if (!auth) throw new Error(name + ': no header: ' + JSON.stringify(ex.request).slice(0, 300));
  }
  const times = new Map<string, number[]>(variants.map(([name]) => [name, []]));
  for (let round = 0; round <= rounds; round++) {
    for (let k = 0; k < variants.length; k++) {
      const [name, code, v] = variants[(round + k) % variants.length]!;
      const started = process.hrtime.bigint();
      for (let i = 0; i < runs; i++) await execute(code, v);
      if (round > 0) times.get(name)!.push(Number(process.hrtime.bigint() - started) / 1e6 / runs);
    }
  }
  sandbox.dispose();
  const floor = median(times.get(only ?? 'minimal')!);
  process.stdout.write('postman-sandbox 4.7.1 alone, ' + runs + ' execute() per variant and round, ' + rounds + ' rounds, median of the per-round means\n');
  for (const [name, code] of variants) {
    const value = median(times.get(name)!);
    process.stdout.write('  ' + name.padEnd(40) + String(code.length).padStart(7) + ' bytes  ' + value.toFixed(3) + ' ms  ' + (value - floor).toFixed(3) + ' over minimal\n');
  }
}
main().catch((error: unknown) => {
  process.stderr.write((error instanceof Error ? error.message : String(error)) + '\n');
  process.exitCode = 1;
});
