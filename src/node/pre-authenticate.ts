// Signs every identity of a run in once, up front, so the script inside each suite finds cached tokens (and AWS credentials) and makes no sign-in.

import { authenticate, type Authenticated } from '../core/authenticate';
import { isPermanentRefusal } from '../core/cognito-errors';
import { refusalMemoryName } from '../core/refusal-memory';
import { describeError } from '../core/errors';
import { configuredIdentities } from '../core/identities';
import { readSettings, SETTING_SPECS, type Settings } from '../core/settings';
import { cacheKey } from '../core/cache-entry';
import { credentialsForIdentity } from '../core/identity-pool/credentials';
import { resolvingLookup } from '../core/variable-references';
import { mapStore, nodeHost } from './host';
import type { Variables } from './run-variables';

export interface PreAuthFailure {
  /** '' for the default identity. */
  identity: string;
  message: string;
}

export interface PreAuthResult {
  /** Collection variables holding the token caches, the AWS credentials and the refused sign-ins (as the script names them); give them to every suite. */
  cacheVariables: Record<string, string>;
  /** Identities signed in ('' is the default identity). */
  signedIn: string[];
  failures: PreAuthFailure[];
  /**
   * Identities whose AWS credentials (cognito_iam_*) could not be obtained up front. Not a failure of the run: a
   * collection may name them where no request runs, and the script reports the same problem on a request that does.
   */
  credentialFailures: PreAuthFailure[];
}

/** Looks a setting up as the script does in Postman: the shared `{{reference}}` rule over the run's variables. */
export function settingLookup(variables: Variables): (name: string) => string | undefined {
  return resolvingLookup((name) => variables[name]) as (name: string) => string | undefined;
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}

/** The identities a set of variables configures: the default one when it has a user or client credentials, plus every `@name`. */
export function identitiesOf(variables: Variables): string[] {
  const identities: string[] = [];
  const lookup = settingLookup(variables);
  const { authFlow, username } = SETTING_SPECS;
  const flow = authFlow.normalise!(lookup(authFlow.variable) ?? '');
  if (isSet(lookup(username.variable)) || flow === 'CLIENT_CREDENTIALS') identities.push('');
  identities.push(...configuredIdentities(Object.keys(variables)));
  return identities;
}

/** Reads one identity's settings and signs it in (or uses/refreshes what the store holds). */
export async function signInIdentity(variables: Variables, identity: string, store = mapStore()): Promise<Authenticated & { settings: Settings }> {
  const settings = readSettings(settingLookup(variables), identity);
  const host = nodeHost({ store });
  const result = await authenticate(host, settings);
  return { ...result, settings };
}

/**
 * Signs in each distinct identity of the given variable sets once (one set per suite: its
 * environment merged with its collection variables, so the cache keys match what the script
 * computes), then gets the AWS credentials of each identity in `iamIdentities[i]` (those whose
 * cognito_iam_* variables suite i names) with the same core code as the script. A failure is
 * recorded and the rest carry on. With `used` (used-identities.ts), suite i signs in only the identities in
 * `used[i]`: an identity no request uses costs no sign-in, and its missing settings are no error (issue 20, S4).
 */
export async function preAuthenticate(
  variableSets: readonly Variables[], iamIdentities: ReadonlyArray<readonly string[]> = [], used?: ReadonlyArray<ReadonlySet<string>>,
): Promise<PreAuthResult> {
  const store = mapStore();
  const host = nodeHost({ store });
  const done = new Set<string>();
  const failed = new Set<string>();
  const signedIn: string[] = [];
  const failures: PreAuthFailure[] = [];
  const refusals: Record<string, string> = {};
  for (const [index, variables] of variableSets.entries()) {
    for (const identity of identitiesOf(variables)) {
      if (used?.[index] !== undefined && !used[index]!.has(identity)) continue;
      let settings: Settings;
      try {
        settings = readSettings(settingLookup(variables), identity);
      } catch (error) {
        const message = describeError(error);
        if (!failed.has(identity + '\n' + message)) {
          failed.add(identity + '\n' + message);
          failures.push({ identity, message });
        }
        continue;
      }
      const key = cacheKey(settings);
      if (done.has(key)) continue;
      done.add(key);
      try {
        await authenticate(host, settings);
        if (!signedIn.includes(identity)) signedIn.push(identity);
      } catch (error) {
        failures.push({ identity, message: describeError(error) });
        // The suites' script finds this and fails at once: a second try with the same settings would only bring Cognito's lockout closer.
        if (isPermanentRefusal(error)) refusals[refusalMemoryName(settings)] = (error as Error).message;
      }
    }
  }
  const credentialFailures: PreAuthFailure[] = [];
  const notSignedIn = new Set(failures.map((failure) => failure.identity));
  for (const [index, variables] of variableSets.entries()) {
    for (const identity of iamIdentities[index] ?? []) {
      // Its sign-in just failed: a second attempt would only bring Cognito's lockout closer; the script reports it.
      if (notSignedIn.has(identity)) continue;
      try {
        // The credentials land in the store; for the same identity in a later suite they come from there, without a call.
        await credentialsForIdentity(host, settingLookup(variables), identity);
      } catch (error) {
        const message = describeError(error);
        if (!credentialFailures.some((f) => f.identity === identity && f.message === message)) credentialFailures.push({ identity, message });
      }
    }
  }
  return { cacheVariables: { ...store.entries(), ...refusals }, signedIn, failures, credentialFailures };
}
