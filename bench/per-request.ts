// `npm run bench` section: what a cached-token request costs against the minimal script, in fresh processes, rounds interleaved.
//
// Each measured run is a new process (newman, `pm-cognito run`'s code via bench/run-once.ts, or Postman's own CLI),
// so no run inherits another's JIT or caches. Every round runs every variant once, in an order shuffled per round (seeded);
// ratios are taken within a round (both runs saw the same machine load), then summarised as median and IQR.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readSettings } from '../src/core/settings';
import { cacheKey, cacheVariable, serialiseCache } from '../src/core/cache-entry';
import { LEGACY_OFF, spliceManagedBlock } from '../src/core/managed-block';
import type { LocalStack } from '../src/local/stack';
import { collection, item, times } from '../test/support/collection';
import type { HeaderEcho } from '../test/support/header-echo';
import { managedBlockText } from '../test/support/managed-block-text';
import { postmanBinary, runPostmanCollection } from '../test/support/postman-cli';
import { runCli } from '../test/support/run-cli';
import type { RunFigures, RunSpec } from './run-once';
import { seededRandom, shuffled } from './round-order';
import { iqr, median, type Report } from './stats';

const root = resolve(__dirname, '..');
const TSX_CLI = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** The floor any pre-request script pays: read one variable, upsert one header. */
export const MINIMAL_SCRIPT = [
  "const token = pm.variables.get('bench_token');",
  "pm.request.headers.upsert({ key: 'Authorization', value: token });",
].join('\n');

export type Runner = 'newman' | 'run' | 'postman';

/** Postman's Bearer auth with the token pasted in (through a variable, as users keep it). */
const PASTED_TOKEN = { type: 'bearer', bearer: [{ key: 'token', value: '{{bench_token}}', type: 'string' }] };

interface Variant {
  name: string;
  runner: Runner;
  /** undefined: no pre-request script at all. */
  script: string | undefined;
  /** Collection-level auth instead of a script (the pasted-token floor). */
  auth?: object;
  /** Warm cache as collection variables (what the script would have written after signing in). */
  warm: boolean;
  /** Whether every request must carry an Authorization header. */
  authorized: boolean;
}

export interface PerRequestOptions {
  rounds: number;
  requests: number;
  password: string;
  /** Rounds (from the first) in which the Postman CLI variants run; default every round. Its runs take several times newman's. */
  postmanRounds?: number;
  /** Leave out the `--readable` variant (only the compact form is installed by default). */
  withoutReadable?: boolean;
  /** Only these runners' variants (default all): on a loaded machine, newman's alone fit in the time. */
  runners?: readonly Runner[];
  /** Another installed script (e.g. an earlier build's) measured in the same rounds, for a before/after ratio. */
  baseline?: string;
  /** Seed of each round's shuffled order (printed, so that a run can be repeated in the same order). */
  seed: number;
}

async function signInDirectly(stack: LocalStack, username: string, password: string) {
  const response = await fetch(stack.cognito.endpoint + '/', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: stack.connection['cognito_client_id'], AuthParameters: { USERNAME: username, PASSWORD: password } }),
  });
  const body = (await response.json()) as { AuthenticationResult?: { IdToken: string; AccessToken: string; RefreshToken: string } };
  if (!body.AuthenticationResult) throw new Error('bench: cognito-local refused the sign-in of ' + username);
  return body.AuthenticationResult;
}

/** The cache variable the script itself would write after signing in, and the ID token (for the minimal script). */
export async function warmCache(stack: LocalStack, environment: Record<string, string>, password: string): Promise<{ cache: Record<string, string>; idToken: string }> {
  const settings = readSettings((name) => environment[name]);
  const tokens = await signInDirectly(stack, settings.username, password);
  const now = Date.now();
  const key = cacheKey(settings);
  return {
    cache: { [cacheVariable(key)]: serialiseCache({ key, idToken: tokens.IdToken, accessToken: tokens.AccessToken, refreshToken: tokens.RefreshToken, obtainedAt: now, expiresAt: now + 3_600_000 }) },
    idToken: tokens.IdToken,
  };
}

/** `total run duration: 6.2s` (or `812 ms`, `1m 3.1s`) from the Postman CLI's summary, in ms. */
function postmanRunMs(output: string): number | undefined {
  const match = /total run duration:\s*(?:(\d+)m\s*)?([\d.]+)\s*(ms|s)\b/.exec(output);
  if (!match) return undefined;
  return Number(match[1] ?? 0) * 60_000 + Number(match[2]) * (match[3] === 'ms' ? 1 : 1000);
}

/** So far, over the rounds measured (progress that survives an interrupted run): installed over minimal, pasted token and baseline. */
function so(times: Map<Variant, number[]>, variants: Variant[]): string {
  const pick = (name: string) => times.get(variants.find((v) => v.name === name)!) ?? [];
  const installed = pick('newman: pm-cognito as installed');
  const parts: string[] = [];
  for (const [label, name] of [['minimal', 'newman: minimal script'], ['pasted token', 'newman: pasted token, no script'], ['baseline', 'newman: baseline script (--baseline)']] as const) {
    const under = pick(name);
    if (installed.length === 0 || installed.length !== under.length) continue;
    const ratios = installed.map((value, i) => value / under[i]!);
    const [q1, q3] = iqr(ratios);
    parts.push(label + ' ' + median(ratios).toFixed(3) + ' (IQR ' + q1.toFixed(3) + '-' + q3.toFixed(3) + ')');
  }
  const ms = variants.filter((v) => pick(v.name).length > 0).map((v) => v.name.replace(/^newman: /, '') + ' ' + median(pick(v.name)).toFixed(0) + ' ms');
  return parts.length === 0 ? '' : '; installed / ' + parts.join(', ') + ' after ' + installed.length + ' rounds; medians: ' + ms.join(', ');
}

export async function perRequestComparison(options: PerRequestOptions, report: Report, stack: LocalStack, echo: HeaderEcho): Promise<void> {
  const section = 'per request';
  // As `pm-cognito install` writes them into a collection with no pre-request script of its own: between the markers,
  // the begin line turning the sandbox's legacy globals off (src/core/managed-block.ts, LEGACY_OFF).
  const installed = spliceManagedBlock('', readFileSync(join(root, 'dist', 'pm-cognito.prerequest.js'), 'utf8'));
  const readable = spliceManagedBlock('', readFileSync(join(root, 'dist', 'pm-cognito.prerequest.readable.js'), 'utf8'));
  const withPostman = postmanBinary() !== undefined;
  const variants: Variant[] = [
    { name: 'newman: no script', runner: 'newman', script: undefined, warm: false, authorized: false },
    // The floor a user compares with: a token pasted into the collection's Bearer auth, no script at all.
    { name: 'newman: pasted token, no script', runner: 'newman', script: undefined, auth: PASTED_TOKEN, warm: false, authorized: true },
    { name: 'newman: minimal script', runner: 'newman', script: MINIMAL_SCRIPT, warm: false, authorized: true },
    // The same with the line pm-cognito's block opens with: what of pm-cognito's gain is that line alone.
    { name: 'newman: minimal script, legacy globals off', runner: 'newman', script: LEGACY_OFF + '\n' + MINIMAL_SCRIPT, warm: false, authorized: true },
    { name: 'newman: pm-cognito as installed', runner: 'newman', script: installed, warm: true, authorized: true },
    ...(options.withoutReadable === true ? [] : [{ name: 'newman: pm-cognito installed --readable', runner: 'newman' as const, script: readable, warm: true, authorized: true }]),
    { name: 'pm-cognito run: minimal script', runner: 'run', script: MINIMAL_SCRIPT, warm: false, authorized: true },
    { name: 'pm-cognito run: pm-cognito', runner: 'run', script: installed, warm: false, authorized: true },
  ];
  if (withPostman) {
    variants.push(
      { name: 'Postman CLI: minimal script', runner: 'postman', script: MINIMAL_SCRIPT, warm: false, authorized: true },
      { name: 'Postman CLI: pm-cognito as installed', runner: 'postman', script: installed, warm: true, authorized: true },
    );
  }
  // Between the markers as an earlier install wrote it (the plain begin line).
  if (options.baseline !== undefined) variants.push({ name: 'newman: baseline script (--baseline)', runner: 'newman', script: managedBlockText(readFileSync(options.baseline, 'utf8'), false), warm: true, authorized: true });
  if (options.runners !== undefined) for (let i = variants.length - 1; i >= 0; i--) if (!options.runners.includes(variants[i]!.runner)) variants.splice(i, 1);
  const dir = mkdtempSync(join(tmpdir(), 'pm-cognito-bench-'));
  const load = [loadavg()[0]!];
  try {
    const pmEnvironment = { ...stack.connection, baseUrl: echo.url, cognito_username: 'alice', cognito_password: options.password };
    const { cache, idToken } = await warmCache(stack, pmEnvironment, options.password);
    const files = new Map<Variant, string>();
    for (const [i, variant] of variants.entries()) {
      const items = times(options.requests, (n) => item({ name: 'r' + n, path: '/r/' + n }));
      const c = collection('bench ' + variant.name, items, { ...(variant.script === undefined ? {} : { script: variant.script }), ...(variant.auth === undefined ? {} : { auth: variant.auth }) }) as Record<string, unknown>;
      if (variant.script === undefined) delete c['event'];
      // The Postman CLI takes no collection variables from outside: the warm cache goes into the file.
      if (variant.runner === 'postman' && variant.warm) c['variable'] = Object.entries(cache).map(([key, value]) => ({ key, value, type: 'string' }));
      const file = join(dir, 'c' + i + '.postman_collection.json');
      writeFileSync(file, JSON.stringify(c));
      files.set(variant, file);
    }
    const environment = { ...pmEnvironment, bench_token: idToken };
    const envFile = join(dir, 'env.json');
    writeFileSync(envFile, JSON.stringify({ name: 'bench', values: Object.entries(environment).map(([key, value]) => ({ key, value, enabled: true })) }), { mode: 0o600 });

    const runOnce = async (variant: Variant): Promise<{ ms: number; cpuMs?: number }> => {
      const file = files.get(variant)!;
      if (variant.runner === 'postman') {
        const result = await runPostmanCollection(file, {}, envFile);
        const ms = postmanRunMs(result.stdout);
        if (ms === undefined || result.code !== 0) throw new Error('bench: the Postman CLI run of ' + variant.name + ' failed (exit ' + String(result.code) + '): ' + result.output.slice(-400));
        return { ms };
      }
      const spec: RunSpec = { kind: variant.runner, collectionFile: file, environment, ...(variant.warm ? { collectionVariables: cache } : {}) };
      const specFile = join(dir, 'spec.json');
      writeFileSync(specFile, JSON.stringify(spec), { mode: 0o600 });
      const result = await runCli(process.execPath, [TSX_CLI, join(__dirname, 'run-once.ts'), specFile], { cwd: root, timeoutMs: 300_000 });
      if (result.code !== 0) throw new Error('bench: the run of ' + variant.name + ' failed: ' + result.output.slice(-400));
      const figures = JSON.parse(result.stdout.trim().split('\n').pop()!) as RunFigures;
      if (figures.failures > 0) throw new Error('bench: the run of ' + variant.name + ' had ' + figures.failures + ' failures');
      return { ms: figures.ms, cpuMs: figures.cpuMs };
    };

    const times_ = new Map<Variant, number[]>(variants.map((v) => [v, []]));
    const cpuTimes = new Map<Variant, number[]>(variants.map((v) => [v, []]));
    let unauthorized = 0;
    let cognitoCalls = 0;
    // Variants compared with each other share rounds. The Postman CLI's get rounds of their own, after the others: a
    // start of it (3 s of CPU on two cores, a 180 MB binary) is a load unlike what it would sit between. For a like
    // comparison, not a proven gain (docs/benchmarks.md, eighth session).
    const postmanRounds = Math.min(options.postmanRounds ?? options.rounds, options.rounds);
    const groups = [
      { name: 'newman and pm-cognito run', members: variants.filter((v) => v.runner !== 'postman'), rounds: options.rounds },
      { name: 'the Postman CLI', members: variants.filter((v) => v.runner === 'postman'), rounds: postmanRounds },
    ].filter((group) => group.members.length > 0);
    const random = seededRandom(options.seed);
    for (const group of groups) {
      process.stderr.write('(a) ' + group.name + ': ' + options.requests + '-request runs, ' + group.members.length + ' variants, a fresh process each, ' + group.rounds + ' rounds after a warm-up, each in an order shuffled with seed ' + options.seed + '\n');
      for (let round = 0; round <= group.rounds; round++) {
        for (const variant of shuffled(group.members, random)) {
          const seenBefore = echo.seen.length;
          stack.proxy.reset();
          const { ms, cpuMs } = await runOnce(variant);
          const seen = echo.seen.slice(seenBefore);
          if (seen.length !== options.requests) throw new Error('bench: ' + variant.name + ' sent ' + seen.length + ' requests, not ' + options.requests);
          if (variant.authorized) unauthorized += seen.filter((s) => typeof s.headers['authorization'] !== 'string' || s.headers['authorization'] === '').length;
          // The warm variants must not call Cognito; `pm-cognito run` signs in once, up front.
          if (variant.script === installed || variant.script === readable || variant.name.includes('baseline')) cognitoCalls += stack.proxy.calls.length - (variant.runner === 'run' ? 1 : 0);
          echo.seen.length = 0;
          if (round > 0) {
            times_.get(variant)!.push(ms);
            if (cpuMs !== undefined) cpuTimes.get(variant)!.push(cpuMs);
          }
        }
        // The running ratios are newman's: printed while its rounds go, not again under the Postman CLI's.
        const progress = group.members.some((v) => v.runner === 'newman') ? so(times_, variants) : '';
        process.stderr.write('  ' + group.name + ': round ' + round + ' done, load ' + loadavg()[0]!.toFixed(2) + progress + '\n');
        load.push(loadavg()[0]!);
      }
    }

    const per = (ms: number) => ms / options.requests;
    const byName = (name: string) => times_.get(variants.find((v) => v.name === name)!)!;
    const none = median(byName('newman: no script'));
    const pasted = median(byName('newman: pasted token, no script'));
    for (const variant of variants) {
      const all = times_.get(variant)!;
      const [q1, q3] = iqr(all);
      report(section, variant.name, (median(all) / 1000).toFixed(2) + ' s / ' + per(median(all)).toFixed(2) + ' ms per request',
        'IQR ' + (q1 / 1000).toFixed(2) + '-' + (q3 / 1000).toFixed(2) + ' s' + (variant.runner === 'newman' && variant.script !== undefined
          ? '; +' + per(median(all) - none).toFixed(2) + ' ms over no script, +' + per(median(all) - pasted).toFixed(2) + ' ms over a pasted token' : ''));
    }
    const ratio = (label: string, over: string, under: string, target: string, source = times_) => {
      if (!variants.some((v) => v.name === over) || !variants.some((v) => v.name === under)) return;
      const pick = (name: string) => source.get(variants.find((v) => v.name === name)!)!;
      const a = pick(over);
      const b = pick(under);
      const ratios = a.map((value, i) => value / b[i]!);
      const [q1, q3] = iqr(ratios);
      report(section, label, median(ratios).toFixed(3), 'IQR ' + q1.toFixed(3) + '-' + q3.toFixed(3) + ' (ratio within each round); ' + target);
    };
    ratio('newman: installed / minimal, wall time', 'newman: pm-cognito as installed', 'newman: minimal script', 'target <= 1.05');
    ratio('newman: installed / minimal with legacy globals off, wall time', 'newman: pm-cognito as installed', 'newman: minimal script, legacy globals off', 'like for like: both skip the legacy globals');
    ratio('newman: installed / baseline (--baseline), wall time', 'newman: pm-cognito as installed', 'newman: baseline script (--baseline)', 'the same rounds');
    ratio('newman: baseline (--baseline) / minimal, wall time', 'newman: baseline script (--baseline)', 'newman: minimal script', 'the same rounds');
    ratio('newman: installed / pasted token (no script), wall time', 'newman: pm-cognito as installed', 'newman: pasted token, no script', 'the floor a user compares with');
    ratio('newman: minimal / pasted token (no script), wall time', 'newman: minimal script', 'newman: pasted token, no script', 'what any script costs');
    if (options.withoutReadable !== true) ratio('newman: installed --readable / minimal, wall time', 'newman: pm-cognito installed --readable', 'newman: minimal script', 'for comparison: the script laid out readably');
    ratio('pm-cognito run: pm-cognito / minimal, wall time', 'pm-cognito run: pm-cognito', 'pm-cognito run: minimal script', 'target <= 1.05');
    ratio('newman: installed / minimal, CPU time', 'newman: pm-cognito as installed', 'newman: minimal script', 'CPU time of the run\'s process: less sensitive to other load', cpuTimes);
    ratio('newman: installed / minimal with legacy globals off, CPU time', 'newman: pm-cognito as installed', 'newman: minimal script, legacy globals off', 'like for like, CPU time', cpuTimes);
    ratio('pm-cognito run: pm-cognito / minimal, CPU time', 'pm-cognito run: pm-cognito', 'pm-cognito run: minimal script', 'CPU time of the run\'s process', cpuTimes);
    if (withPostman && variants.some((v) => v.runner === 'postman')) ratio('Postman CLI: installed / minimal, run duration', 'Postman CLI: pm-cognito as installed', 'Postman CLI: minimal script', 'for comparison; ' + postmanRounds + ' rounds');
    else if (!withPostman) report(section, 'Postman CLI', 'n/a', 'its binary (@postman/pm-bin-linux-x64) is not installed');
    report(section, 'requests without the header / unexpected Cognito calls', unauthorized + ' / ' + cognitoCalls, 'expect 0 / 0, over all pm-cognito runs');
    report(section, 'order of the variants in each round', 'shuffled, seed ' + options.seed, 'npm run bench -- --seed ' + options.seed + ' repeats it');
    report(section, 'machine load (1-minute load average) during these runs', 'min ' + Math.min(...load).toFixed(2) + ', median ' + median(load).toFixed(2) + ', max ' + Math.max(...load).toFixed(2), 'on ' + cpus().length + ' CPUs');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
