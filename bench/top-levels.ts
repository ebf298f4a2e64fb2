// What running the installed script's module top levels costs per request in newman's sandbox (postman-sandbox 4.7.1).
//
// Usage: npx tsx bench/top-levels.ts <a.js> <b.js> [--rounds 9] [--runs 300]. Each script runs for a No Auth request
// (the script only routes it and returns), so an eager bundle pays every module's top level and a lazy one only the
// fast path's: the difference is what eager costs on each request. Rounds interleaved; median and IQR of the per-round
// ratio b / a of the mean CPU time per execute() (the sandbox runs in this process: CPU time moves much less than
// wall time when other programs load the machine).

import { readFileSync } from 'node:fs';
import { option } from './option';
import { iqr, median } from './stats';

interface SandboxContext {
  execute(target: string[], options: { context: object }, callback: (error: unknown) => void): void;
  dispose(): void;
}
// postman-sandbox ships no types; this is the part of its API used here.
const Sandbox = require('postman-sandbox') as { createContext(options: object, callback: (error: unknown, context: SandboxContext) => void): void };

async function main(): Promise<void> {
  const files = process.argv.slice(2).filter((arg, i, all) => !arg.startsWith('--') && !all[i - 1]?.startsWith('--'));
  if (files.length !== 2) throw new Error('usage: npx tsx bench/top-levels.ts <a.js> <b.js> [--rounds 9] [--runs 300]');
  const rounds = option('--rounds', 9);
  const runs = option('--runs', 300);
  const scripts = files.map((file) => readFileSync(file, 'utf8'));
  const context = await new Promise<SandboxContext>((done, fail) => Sandbox.createContext({ timeout: 10_000 }, (error, ctx) => (error ? fail(error) : done(ctx))));
  const scope = { request: { url: 'http://127.0.0.1/', header: [], auth: { type: 'noauth' } } };
  const execute = (code: string) => new Promise<void>((done, fail) => context.execute([code], { context: scope }, (error) => (error ? fail(new Error('bench: the sandbox refused a script: ' + JSON.stringify(error).slice(0, 300))) : done())));
  const times: number[][] = [[], []];
  try {
    for (let round = 0; round <= rounds; round++) {
      for (let k = 0; k < 2; k++) {
        const which = (round + k) % 2;
        const started = process.cpuUsage();
        for (let i = 0; i < runs; i++) await execute(scripts[which]!);
        const used = process.cpuUsage(started);
        if (round > 0) times[which]!.push((used.user + used.system) / 1e3 / runs);
      }
    }
  } finally {
    context.dispose();
  }
  const ratios = times[1]!.map((b, i) => b / times[0]![i]!);
  const [q1, q3] = iqr(ratios);
  files.forEach((file, i) => process.stdout.write(file + ': ' + scripts[i]!.length + ' bytes, ' + median(times[i]!).toFixed(3) + ' ms CPU per execute (median of ' + rounds + ' rounds)\n'));
  process.stdout.write('b / a: ' + median(ratios).toFixed(3) + ' (IQR ' + q1.toFixed(3) + '-' + q3.toFixed(3) + ')\n');
}

main().catch((error: unknown) => {
  process.stderr.write((error instanceof Error ? error.message : String(error)) + '\n');
  process.exitCode = 1;
});
