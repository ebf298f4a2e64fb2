// Checks of threat protection (advanced security): its mode, and whether the runner's address is exempt from it.

import { aws } from './aws-commands';
import { valueOf, whyMissing, type IdentityFacts } from './facts';
import { ok, skipped, warn, type Finding } from './findings';
import { inRange } from './ip-range';

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
  const skippedRanges = risk.RiskExceptionConfiguration?.SkippedIPRangeList ?? [];
  const poolId = settings.userPoolId ?? '';
  const enforced = 'ENFORCED: sign-ins judged risky (new place, new device: a CI runner) can be blocked or asked for MFA';
  if (facts.runnerIp === undefined) {
    return [warn(check, enforced + '; SkippedIPRangeList is ' + (skippedRanges.length > 0 ? skippedRanges.join(', ') : 'empty') + ' (give --runner-ip <address> to check the runner)',
      'exempt the runners\' address range: ' + aws.skipIpRanges(poolId, [...skippedRanges, '<runner cidr>']))];
  }
  const covering = skippedRanges.find((range) => inRange(facts.runnerIp!, range));
  if (covering !== undefined) return [ok(check, 'ENFORCED, and the runner ' + facts.runnerIp + ' is in SkippedIPRangeList (' + covering + ')')];
  return [warn(check, enforced + '; the runner ' + facts.runnerIp + ' is not in SkippedIPRangeList (' + (skippedRanges.join(', ') || 'empty') + ')',
    'exempt it: ' + aws.skipIpRanges(poolId, [...skippedRanges, facts.runnerIp + '/32']))];
}
