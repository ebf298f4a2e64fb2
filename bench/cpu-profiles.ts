// Sums the CPU profiles written by PM_COGNITO_CPU_PROFILE=<dir> (test/support/cpu-profile.ts): busy time per test file and self time by where the code lives.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode { id: number; callFrame: { url: string; functionName: string }; hitCount?: number }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** node_modules/<package>, src/<folder>, test/<folder>, node's own, or the runtime's (idle, GC, program). */
function place(url: string, name: string): string {
  if (url === '') return name.startsWith('(') ? name : '(' + (name || 'native') + ')';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const ours = /\/(src|test|bench)\/(?:([^/]+)\/)?/.exec(url);
  if (ours) return ours[1] + '/' + (ours[2] ?? '');
  if (url.startsWith('node:')) return 'node:internal';
  return url.slice(0, 60);
}

const dir = process.argv[2] ?? '/tmp/prof';
const byPlace = new Map<string, number>();
const byFile: Array<[string, number]> = [];
for (const name of readdirSync(dir).filter((n) => n.endsWith('.cpuprofile'))) {
  const profile = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Profile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const node = nodes.get(id)!;
    const where = place(node.callFrame.url, node.callFrame.functionName);
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    if (node.callFrame.functionName === '(idle)') return;
    busy += ms;
    byPlace.set(where, (byPlace.get(where) ?? 0) + ms);
  });
  byFile.push([name.replace(/\.\d+\.cpuprofile$/, ''), busy]);
}
const total = byFile.reduce((sum, [, ms]) => sum + ms, 0);
console.log('busy time in the test workers: ' + (total / 1000).toFixed(1) + ' s over ' + byFile.length + ' files\n\nby test file:');
for (const [file, ms] of byFile.sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log('  ' + (ms / 1000).toFixed(1).padStart(6) + ' s  ' + file);
console.log('\nself time by where the code lives:');
for (const [where, ms] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log('  ' + (ms / 1000).toFixed(1).padStart(6) + ' s  ' + (100 * ms / total).toFixed(1).padStart(5) + ' %  ' + where);
