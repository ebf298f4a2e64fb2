// The collection-level pre-request script: signs in to Cognito once per identity, caches tokens, sets the header.

import { authenticate, chosenToken } from '../core/authenticate';
import { isPermanentRefusal } from '../core/cognito-errors';
import { describeError, PmCognitoError } from '../core/errors';
import { refusalMemoryName } from '../core/refusal-memory';
import { NOAUTH_REQUESTS_VARIABLE, referencedTokens, tagFromLocation, type TokenNeed } from '../core/identities';
import { readSettings } from '../core/settings';
import { resolvingLookup } from '../core/variable-references';
import { postmanHost } from './host';
import { provideAwsCredentials } from './aws-credentials';

/** Collection variables that expose tokens to requests using Postman's own auth (`{{cognito_token@admin}}`). */
function outputName(base: string, identity: string): string {
  return identity ? base + '@' + identity : base;
}

function hasOwnHeader(headerName: string): boolean {
  let found = false;
  pm.request.headers.each((header) => {
    if (!header.disabled && header.key.toLowerCase() === headerName.toLowerCase() && String(header.value).trim() !== '') found = true;
  });
  return found;
}

/** Everything of the request that may refer to a token variable: its own auth, headers, URL and body. */
function requestText(): string {
  const parts: string[] = [];
  const auth = pm.request.auth;
  if (auth) parts.push(JSON.stringify(typeof auth.toJSON === 'function' ? auth.toJSON() : auth));
  pm.request.headers.each((header) => {
    if (!header.disabled) parts.push(String(header.value));
  });
  parts.push(pm.request.url.toString());
  const body = pm.request.body;
  if (body && typeof body.raw === 'string') parts.push(body.raw);
  return parts.join('\n');
}

/*
 * A refused sign-in is remembered in a run-local variable (refusalMemoryName). newman keeps
 * pm.variables for the whole run, so later requests fail at once instead of hammering Cognito
 * (which locks users after repeated failures); the Postman app forgets it after each request, so a
 * corrected password is tried at once. `pm-cognito run` hands its own refusals in the same way.
 */

/** A variable's value; one that holds `{{other}}` is resolved by the rule the CLI shares (core/variable-references.ts). */
const lookUp = resolvingLookup((name) => pm.variables.get(name));

async function provide(need: TokenNeed, setHeader: boolean): Promise<void> {
  const settings = readSettings(lookUp, need.identity);
  if (need.tokenType !== undefined) settings.tokenType = need.tokenType;
  const host = postmanHost();
  const memory = refusalMemoryName(settings);
  const remembered = pm.variables.get(memory);
  if (typeof remembered === 'string' && remembered !== '') {
    throw new PmCognitoError('COGNITO_NOT_AUTHORIZED', remembered + ' [not tried again: an earlier request of this run failed to sign in with the same settings]');
  }
  let authenticated;
  try {
    authenticated = await authenticate(host, settings);
  } catch (error) {
    // Only refusals that the same settings will meet again: not an expired session or a reused TOTP code.
    if (isPermanentRefusal(error)) pm.variables.set(memory, (error as PmCognitoError).message);
    throw error;
  }
  const { tokens, source } = authenticated;
  const token = chosenToken(tokens, settings);
  pm.collectionVariables.set(outputName('cognito_token', need.identity), token);
  pm.collectionVariables.set(outputName('cognito_access_token', need.identity), tokens.accessToken);
  pm.collectionVariables.set(outputName('cognito_id_token', need.identity), tokens.idToken ?? '');
  if (setHeader && !hasOwnHeader(settings.headerName)) {
    pm.request.headers.upsert({ key: settings.headerName, value: settings.headerScheme ? settings.headerScheme + ' ' + token : token });
  }
  if (settings.debug) {
    host.log('pm-cognito: "' + pm.info.requestName + '" uses identity ' + (need.identity || 'default') + ' (' + need.source + '), ' + settings.tokenType + ' token from ' + source);
  }
}

/**
 * Whether `pm-cognito run` listed this request as No Auth. In a v3 (Postman v12) collection run
 * `pm.request.auth` is undefined both for No Auth and for inherited auth, so the runner, which reads
 * the YAML, hands the No Auth requests' places over in this variable (folders and request, as JSON).
 */
function listedAsNoauth(location: readonly string[]): boolean {
  const listed = pm.variables.get(NOAUTH_REQUESTS_VARIABLE);
  if (typeof listed !== 'string' || listed === '') return false;
  const here = JSON.stringify(location.slice(1));
  try {
    const places = JSON.parse(listed) as unknown;
    return Array.isArray(places) && places.some((place) => JSON.stringify(place) === here);
  } catch {
    return false;
  }
}

async function run(): Promise<void> {
  const auth = pm.request.auth;
  if (auth && auth.type === 'noauth') return;
  const location = pm.execution && pm.execution.location ? Array.from(pm.execution.location) : [];
  if (!auth && listedAsNoauth(location)) return;
  // Issue 13: a request that names cognito_iam_* variables (AWS Signature auth) gets identity-pool credentials, no token.
  if (await provideAwsCredentials(requestText(), lookUp)) return;

  // 1. The request's own auth, headers, URL or body name token variables: fill exactly those.
  const references = referencedTokens(requestText());
  if (references.length > 0) {
    for (const need of references) await provide(need, false);
    return;
  }
  // A request with its own auth of another kind (basic, AWS signature...) is left alone.
  if (auth) return;

  // 2. A tag in the request's or a folder's name (`@admin`, `@reader:access`, `@none`), else the default identity.
  const tag = tagFromLocation(location);
  if (tag === 'none') return;
  await provide(tag ?? { identity: '', tokenType: undefined, source: 'the default identity' }, true);
}

function fail(error: unknown): void {
  const message = describeError(error);
  // The failed test makes the run fail with this message; not sending the request avoids a confusing
  // 401. The order matters: the old sandbox drops tests recorded after skipRequest().
  pm.test('pm-cognito: sign in to Cognito', () => {
    throw new Error(message);
  });
  if (pm.execution && typeof pm.execution.skipRequest === 'function') pm.execution.skipRequest();
}

// Every path ends in a catch: an unhandled rejection would crash newman.
run().catch((error: unknown) => {
  try {
    fail(error);
  } catch (second) {
    console.error('pm-cognito: ' + describeError(second));
  }
});
