// Checks of an identity pool (DescribeIdentityPool, GetIdentityPoolRoles) against an identity's settings.

import { aws, type IdentityPoolUpdate } from './aws-commands';
import { valueOf, whyMissing, type IdentityFacts } from './facts';
import { fail, ok, skipped, type Finding } from './findings';

export function checkIdentityPool(facts: IdentityFacts): Finding[] {
  const wanted = facts.identityPoolSettings;
  if (wanted === undefined) return [];
  const check = 'identity pool';
  const pool = valueOf(facts.identityPool);
  if (pool === undefined) return [skipped(check, whyMissing(facts.identityPool) ?? 'no DescribeIdentityPool answer')];
  const findings: Finding[] = [];
  const id = wanted.identityPoolId;
  const update = (changes: Partial<IdentityPoolUpdate>) => aws.updateIdentityPool({ id, name: pool.name, allowUnauthenticated: pool.allowUnauthenticatedIdentities, allowClassicFlow: pool.allowClassicFlow, providers: pool.providers, ...changes });
  if (wanted.guest) {
    findings.push(pool.allowUnauthenticatedIdentities ? ok('guest access', 'the identity pool gives guests identities')
      : fail('guest access', 'this identity is a guest but identity pool ' + id + ' does not allow unauthenticated identities', update({ allowUnauthenticated: true })));
  } else if (facts.settings !== undefined) {
    const s = facts.settings;
    const providerName = 'cognito-idp.' + (s.region ?? '') + '.amazonaws.com/' + (s.userPoolId ?? '');
    const listed = pool.providers.some((p) => p.providerName === providerName && p.clientId === s.clientId);
    findings.push(listed ? ok('identity pool provider', 'the identity pool lists user pool ' + (s.userPoolId ?? '') + ' with app client ' + s.clientId)
      : fail('identity pool provider', 'identity pool ' + id + ' does not list ' + providerName + ' with app client ' + s.clientId + ' (it lists: ' + (pool.providers.map((p) => p.providerName + ' / ' + p.clientId).join(', ') || 'none') + ')',
        update({ providers: [...pool.providers, { providerName, clientId: s.clientId, serverSideTokenCheck: false }] })));
  }
  const kind = wanted.guest ? 'unauthenticated' : 'authenticated';
  const role = pool.roles[kind];
  if (role === undefined) {
    findings.push(fail('identity pool roles', 'identity pool ' + id + ' has no ' + kind + ' role', aws.setIdentityPoolRoles(id)));
  } else {
    findings.push(ok('identity pool roles', 'the ' + kind + ' role is ' + role));
    findings.push(skipped('role trust policy', 'the role\'s trust policy is read with IAM, not Cognito: check that it trusts cognito-identity.amazonaws.com with "cognito-identity.amazonaws.com:aud" = ' + id + ' and "cognito-identity.amazonaws.com:amr" = ' + kind + ' (' + aws.getRoleTrust(role) + ')'));
  }
  return findings;
}
