// The doctor's settings step: every identity's settings through run's own reader, near-miss variable names, and the region against the pool id.

import { didYouMean } from '../../core/did-you-mean';
import { PmCognitoError, SettingsError, describeError } from '../../core/errors';
import { IDENTITY_POOL_SETTING_SPECS } from '../../core/identity-pool/setting-specs';
import { readIdentityPoolSettings } from '../../core/identity-pool/settings';
import { IAM_VARIABLES } from '../../core/identity-pool/variables';
import { readSettings, SETTING_SPECS, type Settings } from '../../core/settings';
import { POOL_ID, variableName } from '../../core/setting-specs';
import { identityPoolVariable } from '../../core/identity-pool/settings';
import { settingLookup } from '../pre-authenticate';
import type { Variables } from '../run-variables';
import type { IdentityPoolSettingFacts } from './facts';
import { fail, ok, warn, type Finding } from './findings';

/** Every variable name pm-cognito reads or writes (without the `@identity` suffix). */
export const KNOWN_VARIABLES: readonly string[] = [
  ...Object.values(SETTING_SPECS).map((spec) => spec.variable),
  ...Object.values(IDENTITY_POOL_SETTING_SPECS).map((spec) => spec.variable),
  ...Object.values(IAM_VARIABLES),
  'cognito_token', 'cognito_id_token', 'cognito_access_token',
];

/** A settings problem ("<variable> <what is wrong>: <what to do>") as a finding: the part after the first ': ' is the fix. */
function problemFinding(problem: string): Finding {
  const colon = problem.indexOf(': ');
  return colon === -1 ? fail('settings', problem, 'change the setting named above') : fail('settings', problem.slice(0, colon), problem.slice(colon + 2));
}

/** Variables that look like pm-cognito's but are not (`cognito_usrname`, `COGNITO_client_id@admin`): each with its nearest known name. */
export function nearMissVariables(names: Iterable<string>): Finding[] {
  const findings: Finding[] = [];
  for (const name of names) {
    const at = name.indexOf('@');
    const base = at === -1 ? name : name.slice(0, at);
    if (!/^cognito[_-]/i.test(base) || KNOWN_VARIABLES.includes(base)) continue;
    const near = didYouMean(base, KNOWN_VARIABLES);
    if (near === undefined) continue;
    const suggestion = near + (at === -1 ? '' : name.slice(at));
    findings.push(warn('variable names', name + ' is not a pm-cognito setting and is ignored; did you mean ' + suggestion + '?', 'rename ' + name + ' to ' + suggestion));
  }
  return findings;
}

export interface SettingsOutcome {
  settings: Settings | undefined;
  identityPool: IdentityPoolSettingFacts | undefined;
  findings: Finding[];
}

/** Whether an identity names an identity pool (its own variable or the default identity's). */
function namesIdentityPool(lookup: (name: string) => string | undefined, identity: string): boolean {
  const own = lookup(identityPoolVariable('identityPoolId', identity));
  return (own ?? lookup(identityPoolVariable('identityPoolId', '')) ?? '').trim() !== '';
}

function isGuest(lookup: (name: string) => string | undefined, identity: string): boolean {
  return /^(true|1|yes)$/i.test((lookup(identityPoolVariable('guest', identity)) ?? '').trim());
}

/** Reads one identity's settings as `run` does; every problem becomes a finding. */
export function checkIdentitySettings(variables: Variables, identity: string): SettingsOutcome {
  const lookup = settingLookup(variables);
  const findings: Finding[] = [];
  const guest = isGuest(lookup, identity);
  let settings: Settings | undefined;
  if (!guest) {
    try {
      settings = readSettings(lookup, identity);
      findings.push(ok('settings', 'every setting is readable (flow ' + settings.authFlow + ')'));
    } catch (error) {
      if (!(error instanceof SettingsError)) throw error;
      findings.push(...error.problems.map(problemFinding));
    }
  }
  let identityPool: IdentityPoolSettingFacts | undefined;
  if (namesIdentityPool(lookup, identity) || guest) {
    try {
      const read = readIdentityPoolSettings(lookup, identity, settings);
      identityPool = { identityPoolId: read.identityPoolId, guest: read.guest, endpoint: read.endpoint, region: read.region };
    } catch (error) {
      if (error instanceof SettingsError) findings.push(...error.problems.map(problemFinding));
      else findings.push(fail('identity-pool settings', error instanceof PmCognitoError ? error.message : describeError(error), 'change the setting named above'));
    }
  }
  if (settings !== undefined) findings.push(...regionChecks(settings));
  return { settings, identityPool, findings };
}

/** The region and endpoint in the settings against the region the pool id names. */
export function regionChecks(settings: Settings): Finding[] {
  const poolRegion = settings.userPoolId === undefined ? undefined : POOL_ID.exec(settings.userPoolId)?.[1];
  if (poolRegion === undefined) return [];
  const idVariable = variableName('userPoolId', settings.identity);
  const endpointVariable = variableName('endpoint', settings.identity);
  const host = /^https?:\/\/([^/:]+)/.exec(settings.endpoint)?.[1] ?? '';
  const awsRegion = /^cognito-idp(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com$/.exec(host)?.[1];
  if (awsRegion !== undefined && awsRegion !== poolRegion) {
    return [fail('region', endpointVariable + ' is in ' + awsRegion + ' but ' + idVariable + ' belongs to ' + poolRegion, 'set ' + endpointVariable + ' to https://cognito-idp.' + poolRegion + '.amazonaws.com/ or leave it empty')];
  }
  return [ok('region', 'the endpoint and region agree with the pool id (' + poolRegion + ')')];
}
