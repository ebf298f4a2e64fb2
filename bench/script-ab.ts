// Two installed scripts side by side in one postman-sandbox context, serving from the note: CPU time per execution.
//
// Usage: npx tsx bench/script-ab.ts <a.js> <b.js> [--rounds 16] [--runs 300]. Each script is installed as
// `pm-cognito install` writes it (the block alone, `"use sandbox2";` on its begin line), with what a served request
// carries (bench/served-context.ts), so both serve every execution (checked once each). The two alternate within each
// round; the figure is the process's CPU time per execution (less sensitive to other load than wall time) and b - a
// per round, median of the rounds.
import { readFileSync } from 'node:fs';
import { spliceManagedBlock } from '../src/core/managed-block';
import { openSandbox } from './sandbox-context';
import { servedContext } from './served-context';
import { option } from './option';
import { median } from './stats';

async function main(): Promise<void> {
  const files = process.argv.slice(2).filter((arg) => arg.endsWith('.js'));
  if (files.length !== 2) throw new Error('usage: npx tsx bench/script-ab.ts <a.js> <b.js> [--rounds 16] [--runs 300]');
  const rounds = option('--rounds', 16);
  const runs = option('--runs', 300);
  const scope = servedContext()(true);
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
