// Signs every identity of a run in once, up front, so the script inside each suite finds cached tokens and makes no sign-in.

import { authenticate, type Authenticated } from '../core/authenticate';
import { isPermanentRefusal } from '../core/cognito-errors';
import { refusalMemoryName } from '../core/refusal-memory';
import { describeError } from '../core/errors';
import { configuredIdentities } from '../core/identities';
import { readSettings, type Settings } from '../core/settings';
import { cacheKey } from '../core/cache-entry';
import { resolvingLookup } from '../core/variable-references';
import { mapStore, nodeHost } from './host';
import type { Variables } from './run-variables';

export interface PreAuthFailure {
  /** '' for the default identity. */
  identity: string;
  message: string;
}

export interface PreAuthResult {
  /** Collection variables holding the token caches and the refused sign-ins (as the script names them); give them to every suite. */
  cacheVariables: Record<string, string>;
  /** Identities signed in ('' is the default identity). */
  signedIn: string[];
  failures: PreAuthFailure[];
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
  const flow = (lookup('cognito_auth_flow') ?? '').trim().toUpperCase().replace(/[\s-]+/g, '_');
  if (isSet(lookup('cognito_username')) || flow === 'CLIENT_CREDENTIALS') identities.push('');
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
 * computes). A failure is recorded and the rest carry on.
 */
export async function preAuthenticate(variableSets: readonly Variables[]): Promise<PreAuthResult> {
  const store = mapStore();
  const host = nodeHost({ store });
  const done = new Set<string>();
  const failed = new Set<string>();
  const signedIn: string[] = [];
  const failures: PreAuthFailure[] = [];
  const refusals: Record<string, string> = {};
  for (const variables of variableSets) {
    for (const identity of identitiesOf(variables)) {
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
  return { cacheVariables: { ...store.entries(), ...refusals }, signedIn, failures };
}
