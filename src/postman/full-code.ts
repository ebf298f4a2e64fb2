// The full code of the collection-level pre-request script: signs in to Cognito once per identity, caches tokens, sets the header.
//
// It runs when the fast path (fast-path.ts) declines: the first request of an identity, a refresh, a changed
// setting or cache, a failure. After serving a request it leaves the fast path a note of what it checked.

import { authenticate } from '../core/authenticate';
import { isPermanentRefusal } from '../core/cognito-errors';
import { describeError, PmCognitoError, RepeatedRefusal, SettingsError } from '../core/errors';
import { configuredIdentities, type TokenNeed } from '../core/identities';
import { identityTypo, tagTypeProblem, unknownReferenceMessage, unknownVariableWarnings } from '../core/name-typos';
import { refusalMemoryName } from '../core/refusal-memory';
import { readSettings, type Settings } from '../core/settings';
import { needKey, REFUSAL_SEEN_VARIABLE, settingsFingerprint, updateNote } from './fast-path-note';
import { provideAwsCredentials } from './aws-credentials';
import { postmanHost, settleAbandoned } from './host';
import { requestNeeds, requestText } from './request-needs';
import { deliverTokens } from './token-outputs';
import { noteEntry } from './note-entry';
import { lookUp, readStored, withVaultSecrets } from './variable-lookup';

/*
 * A refused sign-in is remembered in a run-local variable (refusalMemoryName). newman keeps
 * pm.variables for the whole run, so later requests fail at once instead of hammering Cognito
 * (which locks users after repeated failures); the Postman app forgets it after each request, so a
 * corrected password is tried at once. `pm-cognito run` hands its own refusals in the same way.
 */

const provide = async (need: TokenNeed, setHeader: boolean): Promise<void> => {
  const settings = readSettings(await withVaultSecrets(lookUp, need.identity), need.identity);
  if (need.tokenType !== undefined) settings.tokenType = need.tokenType;
  const host = postmanHost();
  const memory = refusalMemoryName(settings);
  const remembered = pm.variables.get(memory);
  if (typeof remembered === 'string' && remembered !== '') {
    throw new RepeatedRefusal(remembered, need.identity);
  }
  let authenticated;
  try {
    authenticated = await authenticate(host, settings);
  } catch (error) {
    // Only refusals that the same settings will meet again: not an expired session or a reused TOTP code.
    if (isPermanentRefusal(error)) {
      pm.variables.set(memory, (error as PmCognitoError).message);
      pm.variables.set(REFUSAL_SEEN_VARIABLE, 'true');
    }
    throw error;
  }
  const { tokens, source } = authenticated;
  deliverTokens({ identity: need.identity, idToken: tokens.idToken, accessToken: tokens.accessToken, tokenType: settings.tokenType, headerName: settings.headerName, headerScheme: settings.headerScheme, setHeader });
  if (settings.debug) {
    host.log('pm-cognito: "' + pm.info.requestName + '" uses identity ' + (need.identity || 'default') + ' (' + need.source + '), ' + settings.tokenType + ' token from ' + source);
  } else {
    leaveNote(need, settings);
  }
};

/** Records what was just checked, so the fast path can serve the next requests of this need (debug output needs the full code). */
const leaveNote = (need: TokenNeed, settings: Settings): void => {
  updateNote(needKey(need), noteEntry(settings, settingsFingerprint(need.identity), readStored));
};

const run = async (): Promise<void> => {
  const routed = requestNeeds();
  if (routed === undefined) return;
  if (routed.typo !== undefined) throw new SettingsError({ text: 'reference' in routed.typo ? unknownReferenceMessage(routed.typo.reference) : tagTypeProblem(routed.typo.tag)! });
  if (routed.awsCredentials !== undefined) {
    await provideAwsCredentials(requestText(), lookUp);
  } else {
    for (const need of routed.needs) {
      try {
        await provide(need, routed.setHeader);
      } catch (error) {
        updateNote(needKey(need), undefined);
        throw error;
      }
    }
  }
  // A timed-out call that is still open would hold the request back for as long as it lasts.
  await settleAbandoned();
};

/** A settings problem with the names that were probably meant (issue 20, S6): `cognito_clinet_id`, `@Admin` for `admin`. */
const withTypoHints = (error: unknown): string => {
  const message = describeError(error);
  if (!(error instanceof SettingsError) || typeof pm.variables.toObject !== 'function') return message;
  const names = Object.keys(pm.variables.toObject(true));
  const hints = unknownVariableWarnings(names).filter((hint) => hint.includes('did you mean'));
  const identity = identityTypo(error.identity, configuredIdentities(names));
  if (identity !== undefined) hints.push(identity);
  return hints.length === 0 ? message : message + ' (' + hints.join('; ') + ')';
};

const fail = (error: unknown): void => {
  const message = withTypoHints(error);
  // The failed test makes the run fail with this message; not sending the request avoids a confusing
  // 401. The order matters: the old sandbox drops tests recorded after skipRequest().
  pm.test('pm-cognito: sign in to Cognito', () => {
    throw new Error(message);
  });
  if (pm.execution && typeof pm.execution.skipRequest === 'function') pm.execution.skipRequest();
};

/** Serves the request (or reports why it cannot). Never rejects: an unhandled rejection would crash newman. */
export const runFullCode = (): Promise<void> => {
  return run().catch((error: unknown) => {
    try {
      fail(error);
    } catch (second) {
      console.error('pm-cognito: ' + describeError(second));
    }
  });
};
