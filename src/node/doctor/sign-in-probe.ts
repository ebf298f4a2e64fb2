// The doctor's real sign-in: once per identity with the core's own code, then what the tokens say and one refresh.

import { authenticate } from '../../core/authenticate';
import { renewalMarginMs } from '../../core/cache-policy';
import type { CachedTokens } from '../../core/cache-entry';
import { describeError, isPmCognitoError } from '../../core/errors';
import { decodeJwtClaims, numericClaim, stringClaim, type JwtClaims } from '../../core/jwt-claims';
import type { Settings } from '../../core/settings';
import { refresh } from '../../core/sign-in/refresh-flow';
import type { Host } from '../../core/transport';
import { mapStore, nodeHost } from '../host';
import { variableName } from '../../core/setting-specs';
import { aws } from './aws-commands';
import { fail, ok, skipped, warn, type Finding } from './findings';

export interface SignInOutcome {
  findings: Finding[];
  /** The tokens, for --url; undefined when the sign-in failed. */
  tokens: CachedTokens | undefined;
}

/** A Node host that counts the calls it makes (the doctor reports them) and logs nothing. */
function countingHost(): { host: Host; calls: () => number } {
  const base = nodeHost({ store: mapStore(), log: () => undefined });
  let calls = 0;
  return { host: { ...base, transport: (request, timeoutMs) => { calls++; return base.transport(request, timeoutMs); } }, calls: () => calls };
}

function refusal(check: string, error: unknown): Finding {
  const setting = isPmCognitoError(error) ? error.setting : undefined;
  return fail(check, describeError(error), setting !== undefined ? 'change ' + setting + ' as the message says' : 'as the message says');
}

/** One token's story: its use, audience, lifetime, groups and scopes; a failure when it is for another app client. */
export function describeToken(kind: 'id' | 'access', claims: JwtClaims, settings: Settings): Finding {
  const check = kind + ' token';
  const use = stringClaim(claims, 'token_use');
  const audience = kind === 'id' ? stringClaim(claims, 'aud') : stringClaim(claims, 'client_id');
  const exp = numericClaim(claims, 'exp');
  const iat = numericClaim(claims, 'iat');
  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as unknown[]).filter((g) => typeof g === 'string') : [];
  const scope = stringClaim(claims, 'scope');
  const parts = ['token_use ' + (use ?? 'missing'), (kind === 'id' ? 'aud ' : 'client_id ') + (audience ?? 'missing')];
  if (exp !== undefined && iat !== undefined) parts.push('lives ' + (exp - iat) + ' s');
  parts.push(groups.length > 0 ? 'groups ' + groups.join(', ') : 'no groups');
  if (kind === 'access') parts.push(scope !== undefined ? 'scopes ' + scope : 'no scopes');
  const said = parts.join(', ');
  if (use !== undefined && use !== kind) return fail(check, said + ': the ' + kind + ' token says it is an ' + use + ' token', 'check ' + variableName('endpoint', settings.identity) + ': it does not answer like Cognito');
  if (audience !== undefined && audience !== settings.clientId) {
    return fail(check, said + ': issued for another app client than ' + settings.clientId, 'check ' + variableName('clientId', settings.identity) + ' and ' + variableName('endpoint', settings.identity));
  }
  const lifetime = exp !== undefined && iat !== undefined ? exp - iat : undefined;
  const used = lifetime !== undefined ? renewalMarginMs(settings.refreshMarginSeconds, lifetime * 1000) / 1000 : settings.refreshMarginSeconds;
  if (used < settings.refreshMarginSeconds) {
    return warn(check, said + ': ' + variableName('refreshMarginSeconds', settings.identity) + ' (' + settings.refreshMarginSeconds + ' s) is more than half of that', 'set ' + variableName('refreshMarginSeconds', settings.identity) + ' to at most ' + Math.floor(used));
  }
  return ok(check, said);
}

/** One refresh, to show which refresh API the client takes; never retried (a rotating client spends the token). */
async function probeRefresh(host: Host, calls: () => number, settings: Settings, tokens: CachedTokens): Promise<Finding> {
  const check = 'refresh';
  if (tokens.refreshToken === undefined) return skipped(check, settings.authFlow + ' gives no refresh token: pm-cognito signs in again when the token expires');
  const before = calls();
  try {
    const refreshed = await refresh(host, settings, tokens);
    const rotated = refreshed.result.refreshToken !== undefined && refreshed.result.refreshToken !== tokens.refreshToken;
    return ok(check, 'refreshed with ' + refreshed.refreshWith + ' (' + (calls() - before) + ' call' + (calls() - before === 1 ? '' : 's') + ')' + (rotated ? ', which returned a new refresh token (rotation)' : ''));
  } catch (error) {
    return refusal(check, error);
  }
}

/** The core's refusal of NEW_PASSWORD_REQUIRED when it has no new password to give (the doctor never gives one). */
function mustChangePassword(error: unknown, settings: Settings): Finding | undefined {
  const newPassword = variableName('newPassword', settings.identity);
  if (!isPmCognitoError(error) || error.code !== 'COGNITO_CHALLENGE_NEEDS_SETTING' || error.setting !== newPassword) return undefined;
  const message = 'user ' + settings.username + ' must change its password first: Cognito answered NEW_PASSWORD_REQUIRED (the doctor does not answer it, so the user is left as it is)';
  const permanent = aws.setPermanentPassword(settings.userPoolId ?? '<pool id>', settings.username);
  // With cognito_new_password set, a run answers it (and that password is the user's from then on): a warning.
  return settings.newPassword !== undefined
    ? warn('sign-in', message, 'the first run sets ' + newPassword + ' as the password for good: afterwards move it into ' + variableName('password', settings.identity) + '; or make a password permanent now: ' + permanent)
    : fail('sign-in', message, 'set ' + newPassword + ' to the permanent password to choose, or make the current one permanent: ' + permanent);
}

/** Signs in once (a refusal is reported, never retried), reads the tokens, refreshes once. */
export async function probeSignIn(settings: Settings): Promise<SignInOutcome> {
  const { host, calls } = countingHost();
  let tokens: CachedTokens;
  try {
    // Never with cognito_new_password: answering NEW_PASSWORD_REQUIRED would change the user's password for good.
    tokens = (await authenticate(host, { ...settings, newPassword: undefined })).tokens;
  } catch (error) {
    return { findings: [mustChangePassword(error, settings) ?? refusal('sign-in', error)], tokens: undefined };
  }
  const findings: Finding[] = [ok('sign-in', 'signed in with ' + settings.authFlow + ' (' + calls() + ' call' + (calls() === 1 ? '' : 's') + ')')];
  try {
    if (tokens.idToken !== undefined) findings.push(describeToken('id', decodeJwtClaims(tokens.idToken, 'ID token'), settings));
    findings.push(describeToken('access', decodeJwtClaims(tokens.accessToken, 'access token'), settings));
  } catch (error) {
    findings.push(refusal('tokens', error));
  }
  findings.push(await probeRefresh(host, calls, settings, tokens));
  return { findings, tokens };
}
