// `npm run bench`: measures on this machine what pm-cognito costs per request, per run and per sign-in, and prints one table.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, totalmem, tmpdir, type as osType, release } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, transformSync } from 'esbuild';
import { callsPerRefresh } from './bench-refresh';
import { readSettings } from '../core/settings';
import { srpLargeA, srpSmallA } from '../core/srp';
import { cacheKey, cacheVariable, serialiseCache } from '../core/cache-entry';
import { startLocalStack, type LocalStack } from '../local/stack';
import { runSuite } from '../node/newman-runner';
import { cliStartTimes } from './bench-cli-start';

const root = resolve(__dirname, '..', '..');
const SCRIPT_FILE = join(root, 'dist', 'pm-cognito.prerequest.js');
const STRICT_DOUBLE = join(root, 'test', 'support', 'strict-cognito', 'index.ts');
const PASSWORD = 'Bench-pass-1!x';

/** Command-line options: `npm run bench -- --rounds 7 --requests 500`. */
interface BenchOptions {
  /** Measured rounds of each variant (after one warm-up round); medians are reported. Default 5. */
  rounds: number;
  /** Requests per run in the per-request and per-run measurements. Default 500. */
  requests: number;
}

function parseOptions(argv: string[]): BenchOptions {
  const options: BenchOptions = { rounds: 5, requests: 500 };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = Number(argv[i + 1]);
    if ((name === '--rounds' || name === '--requests') && Number.isInteger(value) && value > 0) {
      options[name === '--rounds' ? 'rounds' : 'requests'] = value;
      i++;
    } else {
      throw new Error('bench: unknown or invalid option ' + name + ' (use --rounds <n> and --requests <n>)');
    }
  }
  return options;
}

// ---------- small helpers

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const fixed = (value: number, digits = 2) => value.toFixed(digits);

interface Row { section: string; measure: string; value: string; note?: string }
const rows: Row[] = [];
const report = (section: string, measure: string, value: string, note?: string) => {
  rows.push(note === undefined ? { section, measure, value } : { section, measure, value, note });
  process.stderr.write('  ' + measure + ': ' + value + (note ? ' (' + note + ')' : '') + '\n');
};

/** A server that answers every request at once with a tiny JSON body and remembers when and with what header. */
interface TrivialServer { url: string; arrivals: number[]; withAuthorization: number; reset(): void; close(): Promise<void> }

async function startTrivialServer(): Promise<TrivialServer> {
  const state = { arrivals: [] as number[], withAuthorization: 0 };
  const server: Server = createServer((req, res) => {
    state.arrivals.push(Date.now());
    if (req.headers['authorization']) state.withAuthorization++;
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': 11 });
    res.end('{"ok":true}');
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return {
    url: 'http://127.0.0.1:' + (server.address() as AddressInfo).port,
    get arrivals() { return state.arrivals; },
    get withAuthorization() { return state.withAuthorization; },
    reset() { state.arrivals = []; state.withAuthorization = 0; },
    close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }),
  };
}

function collectionJson(name: string, requests: number, script: string | undefined, itemName: (i: number) => string = (i) => 'r' + i, oneExecElement = false): object {
  const c: Record<string, unknown> = {
    info: { name, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: Array.from({ length: requests }, (_, i) => ({ name: itemName(i), request: { method: 'GET', url: '{{baseUrl}}/r/' + i } })),
  };
  // One `exec` element per line, as collections and the Postman app's exports store scripts.
  if (script !== undefined) c['event'] = [{ listen: 'prerequest', script: { type: 'text/javascript', exec: oneExecElement ? [script] : script.split('\n') } }];
  return c;
}

const MINIMAL_SCRIPT = [
  "const token = pm.variables.get('bench_token');",
  "pm.request.headers.upsert({ key: 'Authorization', value: token });",
].join('\n');

async function signInDirectly(stack: LocalStack, username: string) {
  const response = await fetch(stack.cognito.endpoint + '/', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: stack.connection['cognito_client_id'], AuthParameters: { USERNAME: username, PASSWORD } }),
  });
  const body = (await response.json()) as { AuthenticationResult?: { IdToken: string; AccessToken: string; RefreshToken: string } };
  if (!body.AuthenticationResult) throw new Error('bench: cognito-local refused the sign-in of ' + username);
  return body.AuthenticationResult;
}

/** The collection variable and value the script itself would write after signing in: a warm cache. */
async function warmCache(stack: LocalStack, environment: Record<string, string>): Promise<Record<string, string>> {
  const settings = readSettings((name) => environment[name]);
  const tokens = await signInDirectly(stack, settings.username);
  const now = Date.now();
  const key = cacheKey(settings);
  return {
    [cacheVariable(key)]: serialiseCache({ key, idToken: tokens.IdToken, accessToken: tokens.AccessToken, refreshToken: tokens.RefreshToken, obtainedAt: now, expiresAt: now + 3_600_000 }),
  };
}

// ---------- (a) per-request cost

async function perRequestCost(options: BenchOptions, server: TrivialServer, stack: LocalStack): Promise<void> {
  const section = 'per request';
  process.stderr.write('(a) ' + options.requests + '-request newman runs, ' + options.rounds + ' rounds after a warm-up, interleaved\n');
  const builtScript = readFileSync(SCRIPT_FILE, 'utf8');
  const pmEnvironment = { ...stack.connection, baseUrl: server.url, cognito_username: 'alice', cognito_password: PASSWORD };
  const warm = await warmCache(stack, pmEnvironment);
  const INSTALLED = 'pm-cognito, cached token';
  // The same script stored differently: newman's cost grows with the number of elements in a
  // script's `exec` array. `npm run build` installs it as one element and `pm-cognito run` joins the
  // lines of app exports; plain newman on an app export pays for one element per line.
  const variants: Array<{ name: string; collection: object; environment: Record<string, string>; cache?: Record<string, string>; keepLines?: boolean }> = [
    { name: 'no script', collection: collectionJson('none', options.requests, undefined), environment: { baseUrl: server.url } },
    { name: 'minimal script', collection: collectionJson('minimal', options.requests, MINIMAL_SCRIPT), environment: { baseUrl: server.url, bench_token: 'x'.repeat(1000) } },
    { name: INSTALLED, collection: collectionJson('pm-cognito', options.requests, builtScript, undefined, true), environment: pmEnvironment, cache: warm },
    { name: 'same, one exec element per line (an app export in plain newman)', collection: collectionJson('lines', options.requests, builtScript), environment: pmEnvironment, cache: warm, keepLines: true },
    { name: 'same, whitespace-minified', collection: collectionJson('minified', options.requests, transformSync(builtScript, { minifyWhitespace: true, target: 'es2020' }).code), environment: pmEnvironment, cache: warm },
  ];
  const times = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  let cognitoCalls = 0;
  let headersMissing = 0;
  for (let round = 0; round <= options.rounds; round++) {
    // Rotate the order every round so no variant always runs first (or right after a GC-heavy one).
    for (let k = 0; k < variants.length; k++) {
      const variant = variants[(round + k) % variants.length]!;
      server.reset();
      stack.proxy.reset();
      const started = process.hrtime.bigint();
      const result = await runSuite({ collection: variant.collection, environment: variant.environment, silent: true, keepScriptLines: variant.keepLines === true, ...(variant.cache ? { collectionVariables: variant.cache } : {}) });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (result.failures > 0 || server.arrivals.length !== options.requests) {
        throw new Error('bench: the ' + variant.name + ' run had ' + result.failures + ' failures and ' + server.arrivals.length + ' requests');
      }
      if (variant.cache) {
        cognitoCalls += stack.proxy.calls.length;
        headersMissing += options.requests - server.withAuthorization;
      }
      if (round > 0) times.get(variant.name)!.push(ms);
    }
  }
  const none = median(times.get('no script')!);
  const minimal = median(times.get('minimal script')!);
  const per = (ms: number) => ms / options.requests;
  for (const variant of variants) {
    const ms = median(times.get(variant.name)!);
    const note = variant.name === 'no script' ? 'median of ' + options.rounds + ' runs'
      : '+' + fixed(per(ms - none)) + ' ms over no script' + (variant.name === 'minimal script' ? '' : '; ' + fixed(ms / minimal, 3) + ' x the minimal script\'s run time');
    report(section, variant.name + ': run / per request', fixed(ms / 1000) + ' s / ' + fixed(per(ms)) + ' ms', note);
  }
  const installed = median(times.get(INSTALLED)!);
  report(section, 'pm-cognito (as installed) / minimal script, run time', fixed(installed / minimal, 3), 'target <= 1.05');
  report(section, 'pm-cognito (as installed) script cost / minimal script cost', fixed((installed - none) / (minimal - none), 2), 'per-request time above no script');
  const spread = times.get(INSTALLED)!;
  report(section, 'spread (min-max) of the pm-cognito runs', fixed(Math.min(...spread) / 1000) + '-' + fixed(Math.max(...spread) / 1000) + ' s');
  report(section, 'Cognito calls / requests without the header, all pm-cognito runs', cognitoCalls + ' / ' + headersMissing, 'expect 0 / 0');
}

// ---------- (b) Cognito calls per run

async function callsPerRun(options: BenchOptions, server: TrivialServer, stack: LocalStack): Promise<void> {
  const section = 'calls per run';
  process.stderr.write('(b) Cognito calls per run\n');
  const script = readFileSync(SCRIPT_FILE, 'utf8');
  const environment = {
    ...stack.connection, baseUrl: server.url, cognito_username: 'alice', cognito_password: PASSWORD,
    'cognito_username@reader': 'bob', 'cognito_password@reader': PASSWORD,
  };
  stack.proxy.reset();
  await runSuite({ collection: collectionJson('one identity', options.requests, script), environment, silent: true });
  report(section, 'one identity, ' + options.requests + ' requests, cold cache', stack.proxy.signIns() + ' sign-in(s), ' + stack.proxy.refreshes() + ' refreshes', 'target 1');
  stack.proxy.reset();
  await runSuite({ collection: collectionJson('two identities', options.requests, script, (i) => 'r' + i + (i % 2 === 0 ? '' : ' @reader')), environment, silent: true });
  report(section, 'two identities alternating, ' + options.requests + ' requests', stack.proxy.signIns() + ' sign-in(s), ' + stack.proxy.refreshes() + ' refreshes', 'target 2');

  const cli = join(root, 'bin', 'pm-cognito.js');
  const help = await runNode([cli, 'run', '--help'], {});
  if (help.code !== 0) {
    report(section, 'pm-cognito run, two suites', 'n/a', '`pm-cognito run --help` exits ' + help.code);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'pm-cognito-bench-'));
  try {
    const suites = [join(dir, 'a.postman_collection.json'), join(dir, 'b.postman_collection.json')];
    writeFileSync(suites[0]!, JSON.stringify(collectionJson('suite a', 100, script, (i) => 'a' + i + (i % 2 === 0 ? '' : ' @reader'))));
    writeFileSync(suites[1]!, JSON.stringify(collectionJson('suite b', 100, script, (i) => 'b' + i + (i % 2 === 0 ? '' : ' @reader'))));
    // Only non-secret settings go to the file; the passwords travel as process variables, as in CI.
    const fileValues = { ...stack.connection, baseUrl: server.url, cognito_username: 'alice', 'cognito_username@reader': 'bob' };
    writeFileSync(join(dir, 'env.json'), JSON.stringify({ name: 'bench', values: Object.entries(fileValues).map(([key, value]) => ({ key, value, enabled: true })) }));
    stack.proxy.reset();
    const started = Date.now();
    const run = await runNode([cli, 'run', ...suites, '-e', join(dir, 'env.json'), '--silent'], { COGNITO_PASSWORD: PASSWORD, COGNITO_PASSWORD__READER: PASSWORD });
    const seconds = (Date.now() - started) / 1000;
    report(section, 'pm-cognito run, two suites x 100 requests, two identities', run.code === 0
      ? stack.proxy.signIns() + ' sign-in(s), ' + stack.proxy.refreshes() + ' refreshes'
      : 'exit code ' + run.code, run.code === 0 ? 'target 2 (one per identity); ' + fixed(seconds, 1) + ' s in all' : run.output.split('\n').slice(-3).join(' ').slice(0, 200));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runNode(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d; });
    child.stderr.on('data', (d: Buffer) => { output += d; });
    child.on('error', (error) => done({ code: -1, output: error.message }));
    child.on('close', (code) => done({ code, output }));
  });
}

// ---------- (c) time to the first authenticated request, SRP in the sandbox

/** Milliseconds from the start of a one-request newman run to that request's arrival at the server. */
async function firstRequestMs(server: TrivialServer, collection: object, environment: Record<string, string>, collectionVariables?: Record<string, string>): Promise<number> {
  server.reset();
  const started = Date.now();
  const result = await runSuite({ collection, environment, silent: true, ...(collectionVariables ? { collectionVariables } : {}) });
  if (result.failures > 0 || server.arrivals.length !== 1) {
    throw new Error('bench: a first-request run failed: ' + result.summary.run.failures.map((f) => f.error.message).join('; '));
  }
  return server.arrivals[0]! - started;
}

async function firstRequest(options: BenchOptions, server: TrivialServer, stack: LocalStack): Promise<void> {
  const section = 'first request';
  process.stderr.write('(c) time to the first authenticated request\n');
  const script = readFileSync(SCRIPT_FILE, 'utf8');
  const one = collectionJson('first', 1, script);
  const environment = { ...stack.connection, baseUrl: server.url, cognito_username: 'alice', cognito_password: PASSWORD };
  const cold: number[] = [];
  const warm: number[] = [];
  const bare: number[] = [];
  for (let round = 0; round <= options.rounds; round++) {
    const c = await firstRequestMs(server, one, environment);
    const w = await firstRequestMs(server, one, environment, await warmCache(stack, environment));
    const b = await firstRequestMs(server, collectionJson('bare', 1, undefined), { baseUrl: server.url });
    if (round > 0) { cold.push(c); warm.push(w); bare.push(b); }
  }
  report(section, 'USER_PASSWORD_AUTH, cognito-local: run start to first request', fixed(median(cold), 0) + ' ms', 'warm cache ' + fixed(median(warm), 0) + ' ms, no script ' + fixed(median(bare), 0) + ' ms; sign-in adds ' + fixed(median(cold) - median(warm), 0) + ' ms');

  const srp = await srpInSandbox();
  report(section, 'SRP in newman\'s sandbox: srpSmallA / srpLargeA / passwordClaimSignature', srp.map((v) => fixed(v, 0)).join(' / ') + ' ms', 'median of 10');
  report(section, 'SRP in newman\'s sandbox: all three', fixed(srp.reduce((a, b) => a + b, 0), 0) + ' ms', 'target < 100 ms');

  if (!existsSync(STRICT_DOUBLE)) {
    report(section, 'USER_SRP_AUTH against the strict double', 'n/a', 'test/support/strict-cognito is missing');
    return;
  }
  const strictModule = (await import(STRICT_DOUBLE)) as { startStrictCognito?: (options: object) => Promise<{ endpoint: string; poolId: string; count(op?: string, flow?: string): number; stop(): Promise<void> }> };
  if (typeof strictModule.startStrictCognito !== 'function') {
    report(section, 'USER_SRP_AUTH against the strict double', 'n/a', 'startStrictCognito is not exported');
    return;
  }
  const strict = await strictModule.startStrictCognito({ clients: [{ clientId: 'benchclient' }], users: [{ username: 'alice', password: PASSWORD }] });
  try {
    const strictEnv = (flow: string) => ({
      baseUrl: server.url, cognito_endpoint: strict.endpoint + '/', cognito_user_pool_id: strict.poolId, cognito_client_id: 'benchclient',
      cognito_username: 'alice', cognito_password: PASSWORD, cognito_auth_flow: flow,
    });
    const srpTimes: number[] = [];
    const passwordTimes: number[] = [];
    for (let round = 0; round <= options.rounds; round++) {
      const s = await firstRequestMs(server, one, strictEnv('USER_SRP_AUTH'));
      const p = await firstRequestMs(server, one, strictEnv('USER_PASSWORD_AUTH'));
      if (round > 0) { srpTimes.push(s); passwordTimes.push(p); }
    }
    const perRun = strict.count('InitiateAuth', 'USER_SRP_AUTH') / (options.rounds + 1);
    for (const f of await callsPerRefresh(strictModule.startStrictCognito, PASSWORD)) {
      report('calls per refresh', f.client + ', ' + f.order, f.first + ' call(s) for the first refresh of a run, ' + fixed(f.later, 1) + ' per refresh after', f.order.startsWith('GetTokens') ? 'pm-cognito\'s order' : 'the other order, for comparison');
    }
    report(section, 'USER_SRP_AUTH, strict double: run start to first request', fixed(median(srpTimes), 0) + ' ms',
      'USER_PASSWORD_AUTH on the same double ' + fixed(median(passwordTimes), 0) + ' ms; ' + perRun + ' InitiateAuth + ' + strict.count('RespondToAuthChallenge') / (options.rounds + 1) + ' RespondToAuthChallenge per SRP run');
  } finally {
    await strict.stop();
  }
}

/** Bundles src/core/srp.ts into a throwaway collection script and times its three steps inside newman's sandbox. */
async function srpInSandbox(): Promise<number[]> {
  const a = srpSmallA(Uint8Array.from({ length: 128 }, (_, i) => (i * 37 + 11) & 0xff));
  const B = srpLargeA(a + BigInt(12345)).toString(16);
  const entry = [
    "import { cognitoTimestamp, passwordClaimSignature, srpLargeA, srpSmallA } from './srp';",
    "import { base64Encode, hexEncode } from './bytes';",
    'const random = (n: number) => { const out = new Uint8Array(n); for (let i = 0; i < n; i++) out[i] = Math.floor(Math.random() * 256); return out; };',
    'const times: number[][] = [[], [], []];',
    'for (let i = 0; i < 10; i++) {',
    '  const t0 = Date.now(); const a = srpSmallA(random(128));',
    '  const t1 = Date.now(); const A = srpLargeA(a);',
    "  const t2 = Date.now(); passwordClaimSignature({ poolName: 'Bench1234', userIdForSrp: 'alice', password: 'Bench-pass-1!x', a, A, srpB: pm.environment.get('srp_b') as string, salt: hexEncode(random(16)), secretBlock: base64Encode(random(512)), timestamp: cognitoTimestamp(Date.now()) });",
    '  const t3 = Date.now(); times[0]!.push(t1 - t0); times[1]!.push(t2 - t1); times[2]!.push(t3 - t2);',
    '}',
    "pm.environment.set('srp_times', JSON.stringify(times));",
  ].join('\n');
  const bundled = await build({
    stdin: { contents: entry, resolveDir: join(root, 'src', 'core'), loader: 'ts', sourcefile: 'srp-bench.ts' },
    bundle: true, write: false, format: 'iife', target: 'es2020', platform: 'neutral', logLevel: 'warning',
  });
  const script = bundled.outputFiles[0]!.text;
  const result = await runSuite({ collection: collectionJson('srp', 1, script), environment: { baseUrl: 'http://127.0.0.1:9', srp_b: B }, silent: true });
  const values = (result.summary as unknown as { environment: { values: { toObject(): Record<string, string> } } }).environment.values.toObject();
  const text = values['srp_times'];
  if (text === undefined) throw new Error('bench: the SRP script did not report: ' + result.summary.run.failures.map((f) => f.error.message).join('; '));
  return (JSON.parse(text) as number[][]).map(median);
}

// ---------- (d) size, and the machine

function scriptSize(): void {
  const bytes = readFileSync(SCRIPT_FILE);
  report('size', 'dist/pm-cognito.prerequest.js', bytes.length + ' bytes, ' + gzipSync(bytes, { level: 9 }).length + ' gzipped', 'gzip -9');
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

function machine(): string[] {
  const cpu = cpus();
  return [
    'CPU: ' + (cpu[0]?.model ?? 'unknown') + ', ' + cpu.length + ' cores',
    'memory: ' + fixed(totalmem() / 2 ** 30, 1) + ' GiB',
    'OS: ' + osType() + ' ' + release(),
    'node ' + process.version + ', newman ' + packageVersion('newman') + ' (postman-runtime ' + packageVersion('postman-runtime') + ', postman-sandbox ' + packageVersion('postman-sandbox') + '), cognito-local ' + packageVersion('cognito-local'),
  ];
}

function printTable(): void {
  const width = (key: 'measure' | 'value') => Math.max(...rows.map((r) => r[key].length));
  const [mw, vw] = [width('measure'), width('value')];
  let section = '';
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      process.stdout.write('\n' + section + '\n');
    }
    process.stdout.write('  ' + row.measure.padEnd(mw) + '  ' + row.value.padEnd(vw) + (row.note ? '  ' + row.note : '') + '\n');
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!existsSync(SCRIPT_FILE)) throw new Error('bench: ' + SCRIPT_FILE + ' is missing: run `npm run build` first');
  const started = Date.now();
  const server = await startTrivialServer();
  const stack = await startLocalStack({ users: [{ username: 'alice', password: PASSWORD }, { username: 'bob', password: PASSWORD }] });
  try {
    await perRequestCost(options, server, stack);
    await callsPerRun(options, server, stack);
    await firstRequest(options, server, stack);
    scriptSize();
    cliStartTimes(report, options.rounds);
  } finally {
    await stack.stop();
    await server.close();
  }
  process.stdout.write('pm-cognito benchmark, ' + new Date().toISOString().slice(0, 10) + '\n' + machine().map((line) => '  ' + line).join('\n') + '\n');
  printTable();
  process.stdout.write('\n(measured in ' + fixed((Date.now() - started) / 1000, 0) + ' s; figures vary between runs, compare ratios measured in one run)\n');
}

main().catch((error: unknown) => {
  process.stderr.write((error instanceof Error ? error.stack ?? error.message : String(error)) + '\n');
  process.exitCode = 1;
});
