// Where the suite's CPU goes, by process: joins a process-accounting file (accton, written by the kernel as each process
// ends, with its CPU time) with an execve trace (strace, which names what each process ran), and sums CPU by kind.
// bench/suite-processes.sh makes both files; this reads them: tsx bench/suite-processes.ts <pacct> <exec.log>.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Ended {
  command: string;
  cpuSeconds: number;
  pid: number;
  ppid: number;
}

/** dump-acct's lines (`comm|v3|utime|stime|etime|uid|gid|mem|io|pid|ppid|...`, times in ticks of 1/100 s) as processes. */
export function parseAccounting(text: string): Ended[] {
  const ended: Ended[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split('|').map((field) => field.trim());
    if (fields.length < 11) continue;
    ended.push({ command: fields[0]!, cpuSeconds: (Number(fields[2]) + Number(fields[3])) / 100, pid: Number(fields[9]), ppid: Number(fields[10]) });
  }
  return ended;
}

/**
 * The last program each pid ran successfully, as its argument list, from `strace -f -e trace=execve` output. A call
 * another thread interrupts is split over two lines (`<unfinished ...>`, then `<... execve resumed>) = 0`).
 */
export function parseExecs(text: string): Map<number, string[]> {
  const byPid = new Map<number, string[]>();
  const pending = new Map<number, string[]>();
  const args = (list: string): string[] => [...list.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((arg) => arg[1]!);
  for (const line of text.split('\n')) {
    const call = /^(\d+)\s+execve\("[^"]*", \[(.*?)\](?:\.\.\.)?, 0x[0-9a-f]+ \/\* \d+ vars \*\/(?:\) += (-?\d+)| <unfinished \.\.\.>)/.exec(line);
    if (call !== null) {
      const pid = Number(call[1]);
      if (call[3] === undefined) pending.set(pid, args(call[2]!));
      else if (call[3] === '0') byPid.set(pid, args(call[2]!));
      continue;
    }
    const resumed = /^(\d+)\s+<\.\.\. execve resumed>\) += (-?\d+)/.exec(line);
    if (resumed === null) continue;
    const pid = Number(resumed[1]);
    const argv = pending.get(pid);
    pending.delete(pid);
    if (resumed[2] === '0' && argv !== undefined) byPid.set(pid, argv);
  }
  return byPid;
}

/** A kind of process the suite starts, named by what it ran. */
export function kindOf(command: string, argv: readonly string[]): string {
  const text = argv.join(' ');
  if (command === 'MainThread' || /pm-bin-linux-x64\/bin\/postman|postman-cli\/bin/.test(text)) return 'Postman CLI';
  if (/vitest\/suppress-warnings|vitest\/dist\/workers|forks\.js/.test(text)) return 'vitest workers';
  if (/\bvitest\b/.test(text)) return 'vitest main';
  if (text.includes('cognito-local/lib/bin/start.js')) return 'cognito-local';
  if (/npm-cli\.js (ci|install)/.test(text)) return 'npm ci / install (pack test)';
  if (/npm-cli\.js pack/.test(text)) return 'npm pack';
  if (/portman\/bin\/portman/.test(text)) return 'Portman';
  const pm = /pm-cognito(?:\.js)? (\S+)/.exec(text);
  if (pm) return 'pm-cognito ' + pm[1];
  if (/newman(\.js)? run/.test(text)) return 'newman';
  if (text.includes('run-demo.ts')) return 'demo';
  if (command === 'tsc' || text.includes('/tsc')) return 'tsc';
  return command;
}

export interface KindTotal {
  kind: string;
  processes: number;
  cpuSeconds: number;
}

/** The processes descended from `root` (the traced command): accounting records every process on the machine. */
export function descendants(ended: readonly Ended[], root: number): Ended[] {
  const parentOf = new Map(ended.map((entry) => [entry.pid, entry.ppid]));
  const within = (pid: number): boolean => {
    for (let at: number | undefined = pid, steps = 0; at !== undefined && steps < 64; at = parentOf.get(at), steps++) {
      if (at === root) return true;
    }
    return false;
  };
  return ended.filter((entry) => within(entry.pid));
}

export function totalsByKind(ended: readonly Ended[], execs: ReadonlyMap<number, string[]>): KindTotal[] {
  const totals = new Map<string, KindTotal>();
  for (const entry of ended) {
    const kind = kindOf(entry.command, execs.get(entry.pid) ?? []);
    const total = totals.get(kind) ?? { kind, processes: 0, cpuSeconds: 0 };
    total.processes++;
    total.cpuSeconds += entry.cpuSeconds;
    totals.set(kind, total);
  }
  return [...totals.values()].sort((a, b) => b.cpuSeconds - a.cpuSeconds);
}

if (require.main === module) {
  const [pacct, execLog] = process.argv.slice(2);
  if (pacct === undefined || execLog === undefined) {
    console.error('usage: tsx bench/suite-processes.ts <pacct> <exec.log>   (bench/suite-processes.sh makes both)');
    process.exit(2);
  }
  const log = readFileSync(execLog, 'utf8');
  // strace's first line is the traced command's own exec: its pid is the root of the suite's processes.
  const root = Number(/^(\d+)\s/.exec(log)?.[1]);
  if (!Number.isInteger(root)) {
    console.error(execLog + ' holds no execve trace: make it with strace -f -e trace=execve -o <file> <command>');
    process.exit(2);
  }
  const ended = descendants(parseAccounting(execFileSync('dump-acct', [pacct], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })), root);
  const totals = totalsByKind(ended, parseExecs(log));
  const all = totals.reduce((sum, total) => sum + total.cpuSeconds, 0);
  // One write: a reader that stops early (`| head`) then gets the lines it wanted rather than a broken pipe halfway.
  const lines = ['CPU by kind of process: ' + all.toFixed(1) + ' s in ' + ended.length + ' processes', '', '   cpu s      %  processes  s each  kind'];
  for (const total of totals.filter((t) => t.cpuSeconds >= 0.5)) {
    lines.push(total.cpuSeconds.toFixed(1).padStart(8) + (100 * total.cpuSeconds / all).toFixed(1).padStart(7) + String(total.processes).padStart(11) + (total.cpuSeconds / total.processes).toFixed(2).padStart(8) + '  ' + total.kind);
  }
  process.stdout.write(lines.join('\n') + '\n');
}
