// Runs the built pm-cognito CLI (bin/pm-cognito.js) as a real child process with a clean environment; in-process-cli.ts shares its env and result shape.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './collection';

export const BIN = join(ROOT, 'bin', 'pm-cognito.js');

export interface PmResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface PmOptions {
  env?: Record<string, string>;
  cwd?: string;
  input?: string;
  timeoutMs?: number;
}

/**
 * The child's environment: this process's, minus anything that could change what the CLI does
 * (COGNITO_*, PM_COGNITO_*, AWS_*, PORTMAN_*, GITHUB_ENV), plus dummy AWS credentials for cognito-local and no
 * instance-metadata lookups (they would leave loopback).
 */
export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(COGNITO_|PM_COGNITO_|AWS_|PORTMAN_|GITHUB_ENV$|NODE_OPTIONS$)/.test(name)) env[name] = value;
  }
  return {
    ...env,
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    NODE_NO_WARNINGS: '1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

export function startPm(args: string[], options: PmOptions = {}): { child: ChildProcessWithoutNullStreams; stdoutSoFar(): string; stderrSoFar(): string; result: Promise<PmResult> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: childEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString('utf8'); });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString('utf8'); });
  const result = new Promise<PmResult>((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr }); });
  });
  child.stdin.end(options.input ?? '');
  return { child, stdoutSoFar: () => stdout, stderrSoFar: () => stderr, result };
}

export function pm(args: string[], options: PmOptions = {}): Promise<PmResult> {
  return startPm(args, options).result;
}
