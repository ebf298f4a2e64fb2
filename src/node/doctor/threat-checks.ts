// Checks of threat protection (advanced security): its mode, and whether the runner's address is exempt from it or blocked by it.

import type { RiskConfigurationType } from '@aws-sdk/client-cognito-identity-provider';
import type { Settings } from '../../core/settings';
import { aws } from './aws-commands';
import { valueOf, whyMissing, type IdentityFacts } from './facts';
import { fail, ok, skipped, warn, type Finding } from './findings';
import { inRange } from './ip-range';

const ENFORCED = 'ENFORCED: sign-ins judged risky (new place, new device: a CI runner) can be blocked or asked for MFA';

/** The set-risk-configuration command with these exception lists, for the client when the configuration is the client's own. */
function exceptionsFix(settings: Settings, risk: RiskConfigurationType, skippedRanges: readonly string[], blocked: readonly string[]): string {
  const parts = ['SkippedIPRangeList=' + skippedRanges.join(',')];
  if (blocked.length > 0) parts.push('BlockedIPRangeList=' + blocked.join(','));
  return aws.setRiskExceptions(settings.userPoolId ?? '', risk.ClientId !== undefined && risk.ClientId === settings.clientId ? settings.clientId : undefined, parts.join(','));
}

export function checkThreatProtection(facts: IdentityFacts): Finding[] {
  const check = 'threat protection';
  const settings = facts.settings;
  if (settings === undefined) return [skipped(check, 'the settings need attention first')];
  if (settings.authFlow === 'CLIENT_CREDENTIALS') return [];
  const pool = valueOf(facts.pool);
  if (pool === undefined) return [skipped(check, whyMissing(facts.pool) ?? 'no DescribeUserPool answer')];
  const mode = pool.UserPoolAddOns?.AdvancedSecurityMode ?? 'OFF';
  if (mode === 'OFF') return [ok(check, 'off (AdvancedSecurityMode OFF): nothing blocks sign-ins by risk')];
  if (mode === 'AUDIT') return [ok(check, 'AUDIT: risks are logged, no sign-in is blocked')];
  const risk = valueOf(facts.risk);
  if (risk === undefined) return [skipped(check, 'ENFORCED, but ' + (whyMissing(facts.risk) ?? 'the risk configuration is unknown'))];
  if (risk.addOnOff === true) return [ok(check, 'off (DescribeRiskConfiguration: the threat-protection add-on is not enabled): nothing blocks sign-ins by risk')];
  const skippedRanges = risk.RiskExceptionConfiguration?.SkippedIPRangeList ?? [];
  const blocked = risk.RiskExceptionConfiguration?.BlockedIPRangeList ?? [];
  const runner = facts.runnerIp;
  if (runner === undefined) {
    return [warn(check, ENFORCED + '; SkippedIPRangeList is ' + (skippedRanges.length > 0 ? skippedRanges.join(', ') : 'empty') + (blocked.length > 0 ? ', BlockedIPRangeList is ' + blocked.join(', ') : '') + ' (give --runner-ip <address> to check the runner)',
      'exempt the runners\' address range: ' + exceptionsFix(settings, risk, [...skippedRanges, '<runner cidr>'], blocked))];
  }
  const blocking = blocked.find((range) => inRange(runner, range));
  if (blocking !== undefined) {
    return [fail(check, 'the runner ' + runner + ' is in BlockedIPRangeList (' + blocking + '): Cognito refuses every sign-in from it',
      'take it out of the blocked ranges: ' + exceptionsFix(settings, risk, skippedRanges, blocked.filter((range) => range !== blocking)))];
  }
  const covering = skippedRanges.find((range) => inRange(runner, range));
  if (covering !== undefined) return [ok(check, 'ENFORCED, and the runner ' + runner + ' is in SkippedIPRangeList (' + covering + ')')];
  return [warn(check, ENFORCED + '; the runner ' + runner + ' is not in SkippedIPRangeList (' + (skippedRanges.join(', ') || 'empty') + ')',
    'exempt it: ' + exceptionsFix(settings, risk, [...skippedRanges, runner + '/32'], blocked))];
}
