// The collection-level pre-request script: signs in to Cognito once, caches tokens, and sets the header.

import { authenticate, chosenToken } from '../core/authenticate';
import { describeError } from '../core/errors';
import { readSettings } from '../core/settings';
import { postmanHost } from './host';

/** Collection variables that expose tokens to requests using Postman's own auth (`{{cognito_token}}`). */
function outputName(base: string, identity: string): string {
  return identity ? base + '@' + identity : base;
}

function hasOwnAuthorization(headerName: string): boolean {
  let found = false;
  pm.request.headers.each((header) => {
    if (!header.disabled && header.key.toLowerCase() === headerName.toLowerCase() && String(header.value).trim() !== '') found = true;
  });
  return found;
}

async function run(): Promise<void> {
  const auth = pm.request.auth;
  if (auth !== undefined && auth !== null && auth.type === 'noauth') return;

  const identity = '';
  const settings = readSettings((name) => pm.variables.get(name), identity);
  const host = postmanHost();
  const { tokens, source } = await authenticate(host, settings);
  const token = chosenToken(tokens, settings);

  pm.collectionVariables.set(outputName('cognito_token', identity), token);
  pm.collectionVariables.set(outputName('cognito_access_token', identity), tokens.accessToken);
  pm.collectionVariables.set(outputName('cognito_id_token', identity), tokens.idToken ?? '');

  // A request with its own auth (e.g. Bearer {{cognito_token}}) or its own header keeps it.
  const ownAuth = auth !== undefined && auth !== null;
  if (!ownAuth && !hasOwnAuthorization(settings.headerName)) {
    pm.request.headers.upsert({ key: settings.headerName, value: settings.headerScheme ? settings.headerScheme + ' ' + token : token });
  }
  if (settings.debug) host.log('pm-cognito: token from ' + source + ' set for "' + pm.info.requestName + '"');
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
