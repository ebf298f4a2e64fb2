// Checks of the app client against the settings: the flow it allows, its secret, refresh token rotation, token lifetimes.

import { timingSafeEqual } from 'node:crypto';
import type { UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import { renewalMarginMs } from '../../core/cache-policy';
import type { AuthFlow, Settings } from '../../core/settings';
import { variableName } from '../../core/setting-specs';
import { aws } from './aws-commands';
import { valueOf, whyMissing, type IdentityFacts } from './facts';
import { fail, isFinding, ok, skipped, warn, type Finding } from './findings';

/** The ExplicitAuthFlows value that lets each pm-cognito flow through. */
const FLOW_FLAG: Record<Exclude<AuthFlow, 'CLIENT_CREDENTIALS'>, string> = {
  USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
  USER_SRP_AUTH: 'ALLOW_USER_SRP_AUTH',
  ADMIN_USER_PASSWORD_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  USER_AUTH: 'ALLOW_USER_AUTH',
  ADMIN_USER_AUTH: 'ALLOW_USER_AUTH',
};

/** What AWS gives a client created without ExplicitAuthFlows. */
const DEFAULT_EXPLICIT_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH'];

/** The legacy ExplicitAuthFlows values and the ALLOW_ value each stands for. */
const LEGACY_FLOWS: Record<string, string> = {
  ADMIN_NO_SRP_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
  CUSTOM_AUTH_FLOW_ONLY: 'ALLOW_CUSTOM_AUTH',
};

/**
 * The flows a client really allows, in ALLOW_ values: AWS's defaults when ExplicitAuthFlows is empty; for a list of
 * legacy values only, their ALLOW_ equivalents plus SRP and refresh, which such a client allows implicitly (AWS refuses
 * a list that mixes legacy and ALLOW_ values, so fixes name ALLOW_ values only).
 */
export function allowedFlows(explicit: readonly string[] | undefined): string[] {
  if (explicit === undefined || explicit.length === 0) return [...DEFAULT_EXPLICIT_FLOWS];
  if (explicit.every((flow) => LEGACY_FLOWS[flow] !== undefined)) {
    return [...new Set([...explicit.map((flow) => LEGACY_FLOWS[flow]!), 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'])];
  }
  return explicit.filter((flow) => LEGACY_FLOWS[flow] === undefined);
}

/** The client (and pool id) the checks need, or the finding that says why a check is skipped. */
export function clientOf(facts: IdentityFacts, check: string): { settings: Settings; client: UserPoolClientType; poolId: string } | Finding {
  const client = valueOf(facts.client);
  if (facts.settings === undefined) return skipped(check, 'the settings need attention first');
  if (client === undefined) return skipped(check, whyMissing(facts.client) ?? 'no DescribeUserPoolClient answer');
  return { settings: facts.settings, client, poolId: facts.settings.userPoolId ?? '' };
}

export function checkAuthFlow(facts: IdentityFacts): Finding[] {
  const check = 'auth flow allowed';
  const got = clientOf(facts, check);
  if (isFinding(got)) return [got];
  const { settings, client, poolId } = got;
  if (settings.authFlow === 'CLIENT_CREDENTIALS') return [];
  const allowed = allowedFlows(client.ExplicitAuthFlows);
  const flag = FLOW_FLAG[settings.authFlow];
  const shown = client.ExplicitAuthFlows !== undefined && client.ExplicitAuthFlows.length > 0 ? client.ExplicitAuthFlows.join(', ') : 'none, so AWS\'s defaults ' + allowed.join(', ');
  const findings: Finding[] = [];
  if (allowed.includes(flag)) {
    findings.push(ok(check, settings.authFlow + ' is allowed on the client (' + flag + ')'));
  } else {
    const usable = (Object.keys(FLOW_FLAG) as Array<keyof typeof FLOW_FLAG>).filter((flow) => allowed.includes(FLOW_FLAG[flow]));
    const other = usable.length > 0 ? ', or set ' + variableName('authFlow', settings.identity) + ' to a flow the client allows (' + usable.join(', ') + ')' : '';
    findings.push(fail(check, settings.authFlow + ' is not allowed on app client ' + settings.clientId + ' (its ExplicitAuthFlows: ' + shown + ')',
      'allow ' + flag + ' on the client: ' + aws.updateClient(poolId, settings.clientId, '--explicit-auth-flows ' + [...allowed, flag].join(' ')) + other));
  }
  if (settings.authFlow === 'USER_AUTH' || settings.authFlow === 'ADMIN_USER_AUTH') findings.push(...checkFirstFactor(facts, settings));
  return findings;
}

/** USER_AUTH offers PASSWORD and PASSWORD_SRP only when the pool's sign-in policy allows PASSWORD as a first factor. */
function checkFirstFactor(facts: IdentityFacts, settings: Settings): Finding[] {
  const check = 'USER_AUTH first factor';
  const pool = valueOf(facts.pool);
  if (pool === undefined) return [skipped(check, whyMissing(facts.pool) ?? 'no DescribeUserPool answer')];
  const factors = pool.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'];
  if (factors.includes('PASSWORD')) return [ok(check, 'the pool allows PASSWORD as a first factor, so ' + settings.preferredChallenge + ' can be chosen')];
  return [fail(check, 'the pool\'s sign-in policy allows only ' + factors.join(', ') + ' as first factors, so ' + settings.preferredChallenge + ' cannot be chosen',
    'add PASSWORD to the first factors: ' + aws.updatePool(settings.userPoolId ?? '', '--policies \'SignInPolicy={AllowedFirstAuthFactors=[' + [...factors, 'PASSWORD'].join(',') + ']}\''))];
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The client has a secret ⇔ cognito_client_secret is set; and the two match (compared here, never shown). */
export function checkClientSecret(facts: IdentityFacts): Finding[] {
  const check = 'client secret';
  const got = clientOf(facts, check);
  if (isFinding(got)) return [got];
  const { settings, client, poolId } = got;
  const name = variableName('clientSecret', settings.identity);
  const read = aws.describeClient(poolId, settings.clientId, 'UserPoolClient.ClientSecret');
  if (client.ClientSecret === undefined || client.ClientSecret === '') {
    if (settings.clientSecret === undefined) return [ok(check, 'the client has no secret and ' + name + ' is empty')];
    return [fail(check, name + ' is set but app client ' + settings.clientId + ' has no secret (Cognito refuses a SECRET_HASH it does not expect)', 'empty ' + name)];
  }
  if (settings.clientSecret === undefined) {
    return [fail(check, 'app client ' + settings.clientId + ' has a secret but ' + name + ' is empty (every call needs SECRET_HASH)', 'set ' + name + ' (as a secret variable, or COGNITO_CLIENT_SECRET) to the value of: ' + read)];
  }
  if (sameSecret(client.ClientSecret, settings.clientSecret)) return [ok(check, name + ' matches the client\'s secret (compared in memory)')];
  // DescribeUserPoolClient shows one of the client's secrets only: a second one (add-user-pool-client-secret) may be the one set. The sign-in decides.
  return [warn(check, name + ' is not the secret DescribeUserPoolClient shows for app client ' + settings.clientId + ' (a client can have two secrets and only one is shown: the sign-in below decides)', 'if the sign-in fails on SECRET_HASH, set ' + name + ' to the value of: ' + read)];
}

/** Refresh token rotation: what it means for refreshing (pm-cognito handles both kinds of client). */
export function checkRotation(facts: IdentityFacts): Finding[] {
  const check = 'refresh token rotation';
  const got = clientOf(facts, check);
  if (isFinding(got)) return [got];
  const { settings, client } = got;
  if (settings.authFlow === 'CLIENT_CREDENTIALS') return [];
  const rotation = client.RefreshTokenRotation;
  if (rotation?.Feature === 'ENABLED') {
    const grace = rotation.RetryGracePeriodSeconds ?? 0;
    return [ok(check, 'on: every refresh is one GetTokensFromRefreshToken call that returns a new refresh token; REFRESH_TOKEN_AUTH is refused; a refresh token presented again after ' + grace + ' s gives RefreshTokenReuseException, so parallel runs must not share one cached refresh token')];
  }
  const flows = allowedFlows(client.ExplicitAuthFlows);
  return [ok(check, 'off: the refresh token is kept; refreshing takes GetTokensFromRefreshToken' + (flows.includes('ALLOW_REFRESH_TOKEN_AUTH') ? ' or REFRESH_TOKEN_AUTH' : ''))];
}

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** A validity in seconds: AWS's value in its TokenValidityUnits unit (the default unit when absent), or AWS's default. */
function validitySeconds(value: number | undefined, unit: string | undefined, defaultUnit: string, defaultSeconds: number): number {
  if (value === undefined || value === 0) return defaultSeconds;
  return value * (UNIT_SECONDS[unit ?? defaultUnit] ?? UNIT_SECONDS[defaultUnit]!);
}

/** The client's token lifetimes against cognito_refresh_margin_seconds (renewal comes at most half a lifetime early). */
export function checkLifetimes(facts: IdentityFacts): Finding[] {
  const check = 'token lifetimes';
  const got = clientOf(facts, check);
  if (isFinding(got)) return [got];
  const { settings, client } = got;
  const units = client.TokenValidityUnits ?? {};
  const access = validitySeconds(client.AccessTokenValidity, units.AccessToken, 'hours', 3600);
  const id = validitySeconds(client.IdTokenValidity, units.IdToken, 'hours', 3600);
  const refresh = validitySeconds(client.RefreshTokenValidity, units.RefreshToken, 'days', 30 * 86400);
  const shortest = Math.min(access, id);
  const margin = settings.refreshMarginSeconds;
  const marginVariable = variableName('refreshMarginSeconds', settings.identity);
  const said = 'ID token ' + id + ' s, access token ' + access + ' s, refresh token ' + refresh + ' s; ' + marginVariable + ' is ' + margin + ' s';
  // The cache's own rule: renewal comes at most half a lifetime early.
  const used = renewalMarginMs(margin, shortest * 1000) / 1000;
  if (used < margin) {
    return [warn(check, said + ': more than half the shortest lifetime, so tokens are renewed ' + Math.floor(used) + ' s before they expire instead',
      'set ' + marginVariable + ' to at most ' + Math.floor(used) + ', or lengthen the tokens (AccessTokenValidity / IdTokenValidity)')];
  }
  return [ok(check, said + ': tokens are renewed ' + margin + ' s before they expire')];
}
