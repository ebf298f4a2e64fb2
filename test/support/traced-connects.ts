// What a process tree tried to reach: strace's connect() records, and whether strace and a network namespace are available here.

import { execFileSync } from 'node:child_process';

/** Every IPv4/IPv6 connect() in an `strace -f -e trace=connect` output, as "address:port". */
export function connects(trace: string): string[] {
  return [...trace.matchAll(/connect\(\d+, \{sa_family=AF_INET6?, sin6?_port=htons\((\d+)\), (?:sin_addr=inet_addr|inet_pton\(AF_INET6, )\("([^"]+)"/g)].map((m) => m[2] + ':' + m[1]);
}

function runs(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

export const HAS_STRACE = runs('strace', ['-V']);

/** `unshare -rn`: a network namespace of one's own (only a loopback that is down), where nothing can leave the machine. */
export const HAS_UNSHARE = runs('unshare', ['-rn', 'true']);
