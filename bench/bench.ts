// `npm run bench`: measures on this machine what pm-cognito costs per request, per run and per sign-in, and prints one table.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir, type as osType, release } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { srpLargeA, srpSmallA } from '../src/core/srp';
import { CRYPTO_JS_LOADER } from '../src/postman/crypto-js-hash';
import { sandboxCrypto } from '../src/tools/sandbox-bundle';
import { startLocalStack, type LocalStack } from '../src/local/stack';
import { runSuite } from '../src/node/newman-runner';
import { collection, item, times } from '../test/support/collection';
import { startHeaderEcho, type HeaderEcho } from '../test/support/header-echo';
import { startStrictCognito } from '../test/support/strict-cognito';
import { cliStartTimes } from './cli-start';
import { perRequestComparison, warmCache } from './per-request';
import { callsPerRefresh } from './refresh-calls';
import { median, type Report } from './stats';

const root = resolve(__dirname, '..');
const SCRIPT_FILE = join(root, 'dist', 'pm-cognito.prerequest.js');
const PASSWORD = 'Bench-pass-1!x';

/** Command-line options: `npm run bench -- --rounds 30 --requests 500`. */
interface BenchOptions {
  /** Measured rounds (after one warm-up round). Default 20: ratios moving by about 0.03 between runs need that many. */
  rounds: number;
  /** Requests per run in the per-request comparison and the calls per run. Default 200 (timing excludes process start, so more requests only lengthen the benchmark). */
  requests: number;
  /**
   * `--only per-request`: the per-request comparison and the sizes alone (the rest takes as long again), without the
   * `--readable` variant, the Postman CLI's variants in the first `--postman-rounds` rounds only (default 8).
   * `--only newman`: the same with newman's variants alone.
   */
  only: 'per-request' | 'newman' | undefined;
  postmanRounds: number;
  /** `--baseline <file>`: another installed script measured in the same rounds (e.g. `git show <commit>:dist/pm-cognito.prerequest.js`). */
  baseline: string | undefined;
  /** `--seed <n>`: the shuffle of each round's order (default from the clock; printed either way). */
  seed: number;
}

function parseOptions(argv: string[]): BenchOptions {
  const options: BenchOptions = { rounds: 20, requests: 200, only: undefined, postmanRounds: 8, baseline: undefined, seed: Date.now() % 2 ** 31 };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = Number(argv[i + 1]);
    if (name === '--only' && (argv[i + 1] === 'per-request' || argv[i + 1] === 'newman')) {
      options.only = argv[i + 1] as 'per-request' | 'newman';
      i++;
    } else if (name === '--baseline' && argv[i + 1] !== undefined) {
      options.baseline = argv[i + 1];
      i++;
    } else if (name === '--seed' && Number.isInteger(value) && value >= 0) {
      options.seed = value;
      i++;
    } else if (name === '--postman-rounds' && Number.isInteger(value) && value > 0) {
      options.postmanRounds = value;
      i++;
    } else if ((name === '--rounds' || name === '--requests') && Number.isInteger(value) && value > 0) {
      options[name === '--rounds' ? 'rounds' : 'requests'] = value;
      i++;
    } else {
      throw new Error('bench: unknown or invalid option ' + name + ' (use --rounds <n>, --requests <n>, --seed <n>, --baseline <file> and --only per-request or newman)');
    }
  }
  return options;
}

const fixed = (value: number, digits = 2) => value.toFixed(digits);

interface Row { section: string; measure: string; value: string; note?: string }
const rows: Row[] = [];
const report: Report = (section, measure, value, note) => {
  rows.push(note === undefined ? { section, measure, value } : { section, measure, value, note });
  process.stderr.write('  ' + measure + ': ' + value + (note ? ' (' + note + ')' : '') + '\n');
};

function collectionJson(name: string, requests: number, script: string | undefined, itemName: (i: number) => string = (i) => 'r' + i): object {
  const c = collection(name, times(requests, (i) => item({ name: itemName(i), path: '/r/' + i })), script === undefined ? {} : { script }) as Record<string, unknown>;
  if (script === undefined) delete c['event'];
  return c;
}

// ---------- (b) Cognito calls per run

async function callsPerRun(options: BenchOptions, server: HeaderEcho, stack: LocalStack): Promise<void> {
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

/** Milliseconds of a whole one-request newman run (in this process, newman loaded): start to the end of the run. */
async function firstRequestMs(server: HeaderEcho, collection: object, environment: Record<string, string>, collectionVariables?: Record<string, string>): Promise<number> {
  const before = server.seen.length;
  const started = process.hrtime.bigint();
  const result = await runSuite({ collection, environment, silent: true, ...(collectionVariables ? { collectionVariables } : {}) });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.failures > 0 || server.seen.length !== before + 1) {
    throw new Error('bench: a first-request run failed: ' + result.summary.run.failures.map((f) => f.error.message).join('; '));
  }
  return ms;
}

async function firstRequest(options: BenchOptions, server: HeaderEcho, stack: LocalStack): Promise<void> {
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
    const w = await firstRequestMs(server, one, environment, (await warmCache(stack, environment, PASSWORD)).cache);
    const b = await firstRequestMs(server, collectionJson('bare', 1, undefined), { baseUrl: server.url });
    if (round > 0) { cold.push(c); warm.push(w); bare.push(b); }
  }
  report(section, 'USER_PASSWORD_AUTH, cognito-local: one-request run, start to end', fixed(median(cold), 0) + ' ms', 'warm cache ' + fixed(median(warm), 0) + ' ms, no script ' + fixed(median(bare), 0) + ' ms; sign-in adds ' + fixed(median(cold) - median(warm), 0) + ' ms');

  const srp = await srpInSandbox();
  report(section, 'SRP in newman\'s sandbox: srpSmallA / srpLargeA / passwordClaimSignature', srp.map((v) => fixed(v, 0)).join(' / ') + ' ms', 'median of 10');
  report(section, 'SRP in newman\'s sandbox: all three', fixed(srp.reduce((a, b) => a + b, 0), 0) + ' ms', 'target < 100 ms');

  const strict = await startStrictCognito({ clients: [{ clientId: 'benchclient' }], users: [{ username: 'alice', password: PASSWORD }] });
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
    for (const f of await callsPerRefresh(PASSWORD)) {
      report('calls per refresh', f.client + ', ' + f.order, f.first + ' call(s) for the first refresh of a run, ' + fixed(f.later, 1) + ' per refresh after', f.order.startsWith('GetTokens') ? 'pm-cognito\'s order' : 'the other order, for comparison');
    }
    report(section, 'USER_SRP_AUTH, strict double: one-request run, start to end', fixed(median(srpTimes), 0) + ' ms',
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
  // With the installed script's hashes: the sandbox's crypto-js (the build's swap), and its loader after the bundle.
  const bundled = await build({
    stdin: { contents: entry, resolveDir: join(root, 'src', 'core'), loader: 'ts', sourcefile: 'srp-bench.ts' },
    bundle: true, write: false, format: 'iife', target: 'es2020', platform: 'neutral', logLevel: 'warning', plugins: [sandboxCrypto],
  });
  const script = bundled.outputFiles[0]!.text + CRYPTO_JS_LOADER + '\n';
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
  for (const file of ['pm-cognito.prerequest.readable.js', 'pm-cognito.run-fast-path.js', 'pm-cognito.full-code.js']) {
    const other = readFileSync(join(root, 'dist', file));
    report('size', 'dist/' + file, other.length + ' bytes, ' + gzipSync(other, { level: 9 }).length + ' gzipped', file === 'pm-cognito.prerequest.readable.js' ? 'pm-cognito install --readable' : file === 'pm-cognito.run-fast-path.js' ? 'what pm-cognito run sends with each request' : 'served by pm-cognito run when a request needs it');
  }
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
  const load = loadavg()[0]!;
  const server = await startHeaderEcho();
  const stack = await startLocalStack({ users: [{ username: 'alice', password: PASSWORD }, { username: 'bob', password: PASSWORD }] });
  try {
    // --only newman: newman's variants alone (no script, pasted token, minimal, installed), for a loaded machine.
    const quick = { ...(options.only === undefined ? {} : { postmanRounds: options.postmanRounds, withoutReadable: true, ...(options.only === 'newman' ? { runners: ['newman' as const] } : {}) }),
      ...(options.baseline !== undefined ? { baseline: options.baseline } : {}) };
    await perRequestComparison({ rounds: options.rounds, requests: options.requests, password: PASSWORD, seed: options.seed, ...quick }, report, stack, server);
    server.seen.length = 0;
    if (options.only === undefined) {
      await callsPerRun(options, server, stack);
      await firstRequest(options, server, stack);
    }
    scriptSize();
    if (options.only === undefined) cliStartTimes(report, options.rounds);
  } finally {
    await stack.stop();
    await server.stop();
  }
  const lines = [...machine(), 'load (1-minute average): ' + fixed(load) + ' at the start, ' + fixed(loadavg()[0]!) + ' at the end, on ' + cpus().length + ' CPUs'];
  process.stdout.write('pm-cognito benchmark, ' + new Date().toISOString().slice(0, 10) + '\n' + lines.map((line) => '  ' + line).join('\n') + '\n');
  printTable();
  process.stdout.write('\n(measured in ' + fixed((Date.now() - started) / 1000, 0) + ' s; figures vary between runs, compare ratios measured in one run)\n');
}

main().catch((error: unknown) => {
  process.stderr.write((error instanceof Error ? error.stack ?? error.message : String(error)) + '\n');
  process.exitCode = 1;
});
