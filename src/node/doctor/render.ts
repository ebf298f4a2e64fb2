// Shows a doctor report: a checklist per identity (✓, ✗ with its fix, ! warnings, skipped with why) and a summary line, or the same as JSON.

import type { Finding, IdentityReport, Tally } from './findings';

export interface DoctorReport {
  /** Findings about the whole environment (variable names), before the identities. */
  shared: Finding[];
  identities: IdentityReport[];
  tally: Tally;
  /** No failure anywhere (warnings allowed). */
  passed: boolean;
}

export function identityLabel(identity: string): string {
  return identity === '' ? 'default identity' : 'identity "' + identity + '"';
}

const MARK = { ok: '✓', fail: '✗', warn: '!', skipped: '-' } as const;

function line(finding: Finding): string {
  const head = finding.status === 'skipped' ? '  ' + MARK.skipped + ' ' + finding.check + ': skipped: ' + finding.message : '  ' + MARK[finding.status] + ' ' + finding.check + ': ' + finding.message;
  return finding.fix === undefined ? head + '\n' : head + '\n      fix: ' + finding.fix + '\n';
}

export function summaryLine(tally: Tally): string {
  const plural = (n: number, word: string) => n + ' ' + word + (n === 1 ? '' : 's');
  return 'pm-cognito doctor: ' + (tally.fail === 0 ? 'no problems' : plural(tally.fail, 'problem')) + ', ' + plural(tally.warn, 'warning') + ', ' + tally.ok + ' passed, ' + tally.skipped + ' skipped';
}

export function renderText(report: DoctorReport): string {
  let text = '';
  if (report.shared.length > 0) text += 'environment\n' + report.shared.map(line).join('');
  for (const identity of report.identities) text += identityLabel(identity.identity) + '\n' + identity.findings.map(line).join('');
  return text + summaryLine(report.tally) + '\n';
}

/** The text with every secret value replaced by ***, longest first (in JSON, as JSON.stringify escapes it too). */
export function redact(text: string, secrets: readonly string[]): string {
  const forms = secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]).filter((s) => s.trim().length >= 4);
  let out = text;
  for (const secret of [...new Set(forms)].sort((a, b) => b.length - a.length)) out = out.split(secret).join('***');
  return out;
}

export function renderJson(report: DoctorReport): string {
  return JSON.stringify({ passed: report.passed, summary: report.tally, shared: report.shared, identities: report.identities }, null, 2) + '\n';
}
