// What a doctor check says: a finding per fact checked, and the tally that becomes the summary line and the exit code.

export type FindingStatus = 'ok' | 'fail' | 'warn' | 'skipped';

export interface Finding {
  status: FindingStatus;
  /** Short name of the check, e.g. 'auth flow allowed'. */
  check: string;
  /** What was found (never a secret or a token). For 'skipped', why. */
  message: string;
  /** The setting to change or the `aws …` command to run; absent when nothing is to be done. */
  fix?: string;
}

export const ok = (check: string, message: string): Finding => ({ status: 'ok', check, message });
export const fail = (check: string, message: string, fix: string): Finding => ({ status: 'fail', check, message, fix });
export const warn = (check: string, message: string, fix?: string): Finding => (fix === undefined ? { status: 'warn', check, message } : { status: 'warn', check, message, fix });
export const skipped = (check: string, why: string): Finding => ({ status: 'skipped', check, message: why });

/** One identity's findings ('' is the default identity). */
export interface IdentityReport {
  identity: string;
  findings: Finding[];
}

export interface Tally {
  ok: number;
  fail: number;
  warn: number;
  skipped: number;
}

export function tally(reports: readonly IdentityReport[], shared: readonly Finding[] = []): Tally {
  const counts: Tally = { ok: 0, fail: 0, warn: 0, skipped: 0 };
  for (const finding of [...shared, ...reports.flatMap((r) => r.findings)]) counts[finding.status]++;
  return counts;
}

/** Whether an identity already has a failure among these checks (later steps that would only fail the same way are skipped). */
export function hasFailure(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.status === 'fail');
}

/** Whether a check's helper gave a finding (why the check is skipped) rather than what the check needs. */
export function isFinding(value: object): value is Finding {
  return 'status' in value && 'check' in value;
}
