// bench/suite-processes.ts: reads process accounting and an execve trace, keeps the traced command's processes, sums CPU by kind.

import { describe, expect, it } from 'vitest';
import { descendants, kindOf, parseAccounting, parseExecs, totalsByKind } from '../../bench/suite-processes';

// dump-acct's format: comm|version|utime|stime|etime|uid|gid|mem|io|pid|ppid|flags|exit|tty|start (times in 1/100 s).
const ACCOUNTING = [
  'node            |v3|  2300.00|   100.00| 22000.00|     0|     0|1052672.00|     0.00|   101|   100|    X|       0|__      |Tue Dec  8 01:46:26 2026',
  'MainThread      |v3|   462.00|    92.00|  1216.00|     0|     0|2161152.00|     0.00|   103|   102|S    |       1|__      |Tue Dec  8 01:46:26 2026',
  'node            |v3|   100.00|    20.00|   500.00|     0|     0|  50000.00|     0.00|   102|   101|     |       0|__      |Tue Dec  8 01:46:26 2026',
  'MainThread      |v3|   400.00|    50.00|  1000.00|     0|     0|2161152.00|     0.00|   104|   101|S    |       0|__      |Tue Dec  8 01:46:27 2026',
  'sshd            |v3|   900.00|     0.00|  1000.00|     0|     0|   9000.00|     0.00|   200|     1|     |       0|__      |Tue Dec  8 01:46:27 2026',
  'rm              |v3|     5.00|     5.00|    10.00|     0|     0|    700.00|     0.00|   105|   102|     |       0|__      |Tue Dec  8 01:46:28 2026',
  'not a record',
].join('\n');

const EXECS = [
  '100   execve("/usr/bin/npx", ["npx", "vitest", "run"], 0x7ffd02d36b40 /* 35 vars */) = 0',
  '101   execve("/usr/bin/node", ["node", "/repo/node_modules/.bin/vitest", "run"], 0x7ffd02d36b40 /* 35 vars */) = 0',
  '102   execve("/root/.cargo/bin/node", ["node", "/repo/bin/pm-cognito.js", "run"], 0x7ffc2aa3ab28 /* 35 vars */) = -1 ENOENT (No such file or directory)',
  '102   execve("/usr/bin/node", ["/usr/bin/node", "/repo/bin/pm-cognito.js", "run", "a \\"quoted\\" name.json"], 0x7ffc2aa3ab28 /* 35 vars */) = 0',
  '103   execve("/repo/node_modules/@postman/pm-bin-linux-x64/bin/postman", ["/repo/node_modules/@postman/pm-bin-linux-x64/bin/postman", "collection", "run"], 0x9b80770 /* 76 vars */ <unfinished ...>',
  '104   execve("/usr/bin/rm", ["rm", "-rf", "/tmp/x"], 0x9b80770 /* 76 vars */ <unfinished ...>',
  '103   <... execve resumed>)             = 0',
  '104   <... execve resumed>)             = -1 ENOENT (No such file or directory)',
].join('\n');

describe('suite processes', () => {
  it('reads each accounting record: command, CPU (user + system) in seconds, pid and parent', () => {
    const ended = parseAccounting(ACCOUNTING);
    expect(ended).toHaveLength(6);
    expect(ended[1]).toEqual({ command: 'MainThread', cpuSeconds: 5.54, pid: 103, ppid: 102 });
  });
  it('keeps the last successful exec of each pid (arguments as strace escaped them), across an interrupted call', () => {
    const execs = parseExecs(EXECS);
    expect(execs.get(102)).toEqual(['/usr/bin/node', '/repo/bin/pm-cognito.js', 'run', 'a \\"quoted\\" name.json']);
    expect(execs.get(103)?.[1]).toBe('collection');
    expect(execs.has(104)).toBe(false);
  });
  it('keeps only the traced command and what it started, however deep', () => {
    const kept = descendants(parseAccounting(ACCOUNTING), 100).map((process) => process.pid).sort();
    expect(kept).toEqual([101, 102, 103, 104, 105]);
  });
  it('names kinds by what each process ran, the Postman CLI also by its thread name', () => {
    expect(kindOf('node', ['node', '/r/node_modules/.bin/vitest', 'run'])).toBe('vitest main');
    expect(kindOf('node', ['/usr/bin/node', '/r/bin/pm-cognito.js', 'run', 'x.json'])).toBe('pm-cognito run');
    expect(kindOf('MainThread', [])).toBe('Postman CLI');
    expect(kindOf('node', ['/usr/bin/node', '-e', 'require(process.argv[1])', '/r/node_modules/cognito-local/lib/bin/start.js'])).toBe('cognito-local');
    expect(kindOf('node', ['/usr/bin/node', '/usr/lib/node_modules/npm/bin/npm-cli.js', 'ci', '--offline'])).toBe('npm ci / install (pack test)');
    expect(kindOf('rm', [])).toBe('rm');
  });
  it('sums CPU and counts processes by kind, most first', () => {
    const ended = descendants(parseAccounting(ACCOUNTING), 100);
    const totals = totalsByKind(ended, parseExecs(EXECS));
    expect(totals.map((total) => total.kind)).toEqual(['vitest main', 'Postman CLI', 'pm-cognito run', 'rm']);
    expect(totals[1]).toEqual({ kind: 'Postman CLI', processes: 2, cpuSeconds: 5.54 + 4.5 });
  });
});
