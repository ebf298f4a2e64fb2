// Checks of a CLIENT_CREDENTIALS identity: the client's OAuth flows and scopes, and the domain behind cognito_oauth_token_url.

import { aws } from './aws-commands';
import { variableName } from '../../core/setting-specs';
import { valueOf, type IdentityFacts } from './facts';
import { fail, isFinding, ok, skipped, type Finding } from './findings';
import { POOL_ID } from '../../core/setting-specs';
import { clientOf } from './client-checks';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

export function checkClientCredentials(facts: IdentityFacts): Finding[] {
  if (facts.settings?.authFlow !== 'CLIENT_CREDENTIALS') return [];
  const check = 'client credentials';
  const got = clientOf(facts, check);
  if (isFinding(got)) return [got];
  const { settings, client, poolId } = got;
  const findings: Finding[] = [];
  const flows = client.AllowedOAuthFlows ?? [];
  if (client.AllowedOAuthFlowsUserPoolClient !== true || !flows.includes('client_credentials')) {
    findings.push(fail(check, 'app client ' + settings.clientId + ' does not allow the client_credentials grant (AllowedOAuthFlows: ' + (flows.join(', ') || 'none') + ')',
      aws.updateClient(poolId, settings.clientId, '--allowed-o-auth-flows-user-pool-client --allowed-o-auth-flows client_credentials --allowed-o-auth-scopes <resource server>/<scope>')));
  } else {
    findings.push(ok(check, 'the client allows the client_credentials grant'));
  }
  const allowedScopes = client.AllowedOAuthScopes ?? [];
  const wanted = (settings.scopes ?? '').split(/\s+/).filter((s) => s !== '');
  const notAllowed = wanted.filter((s) => !allowedScopes.includes(s));
  if (notAllowed.length > 0) {
    findings.push(fail('scopes', variableName('scopes', settings.identity) + ' asks for ' + notAllowed.join(' ') + ', which the client may not have (AllowedOAuthScopes: ' + (allowedScopes.join(' ') || 'none') + ')',
      'set ' + variableName('scopes', settings.identity) + ' to scopes among: ' + (allowedScopes.join(' ') || '(none: add some to the client)')));
  } else {
    findings.push(ok('scopes', wanted.length > 0 ? 'the client may have ' + wanted.join(' ') : 'no scopes asked for: the token carries all of ' + (allowedScopes.join(' ') || 'none')));
  }
  findings.push(checkDomain(facts));
  return findings;
}

/** cognito_oauth_token_url must be the pool's own domain (prefix or custom) with path /oauth2/token. */
function checkDomain(facts: IdentityFacts): Finding {
  const check = 'OAuth domain';
  const settings = facts.settings!;
  const name = variableName('oauthTokenUrl', settings.identity);
  const url = new URL(settings.oauthTokenUrl ?? 'http://invalid/');
  const pool = valueOf(facts.pool);
  if (pool === undefined) return skipped(check, 'no DescribeUserPool answer');
  if (url.pathname.replace(/\/$/, '') !== '/oauth2/token') return fail(check, name + ' has the path ' + url.pathname + ', not /oauth2/token', 'set ' + name + ' to ' + url.origin + '/oauth2/token');
  if (LOOPBACK.test(url.hostname)) return ok(check, name + ' is a local endpoint (' + url.host + '): the domain is not compared');
  const prefixDomain = /^([a-z0-9-]+)\.auth(?:-fips)?\.([a-z0-9-]+)\.amazoncognito\.com$/.exec(url.hostname);
  // A prefix domain lives in the pool's region: the pool id says which.
  const poolRegion = POOL_ID.exec(settings.userPoolId ?? '')?.[1] ?? settings.region;
  const matches = prefixDomain !== null ? prefixDomain[1] === pool.Domain && (poolRegion === undefined || prefixDomain[2] === poolRegion) : url.hostname === pool.CustomDomain;
  if (matches) return ok(check, name + ' is the pool\'s domain (' + url.hostname + ')');
  const theirs = pool.CustomDomain ?? (pool.Domain !== undefined ? pool.Domain + '.auth.' + (poolRegion ?? '<region>') + '.amazoncognito.com' : undefined);
  return fail(check, name + ' points at ' + url.hostname + ', which is not this pool\'s domain (' + (theirs ?? 'the pool has no domain') + ')',
    theirs !== undefined ? 'set ' + name + ' to https://' + theirs + '/oauth2/token' : 'give the pool a domain (aws cognito-idp create-user-pool-domain --user-pool-id ' + (settings.userPoolId ?? '') + ' --domain <prefix>) and use it');
}
