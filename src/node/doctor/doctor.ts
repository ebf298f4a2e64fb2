// Runs the doctor: for each identity, its settings, the AWS facts and their checks, one real sign-in and the --url probes.

import { identitiesOf } from '../pre-authenticate';
import type { Variables } from '../run-variables';
import { runChecks } from './checks';
import { gatherFacts, type AwsState } from './gather';
import { hasFailure, skipped, tally, type Finding, type IdentityReport } from './findings';
import type { DoctorReport } from './render';
import { checkIdentitySettings, nearMissVariables } from './settings-checks';
import { probeSignIn } from './sign-in-probe';
import { probeUrl, shownUrl, type UrlMethod } from './url-probe';

export interface DoctorOptions {
  variables: Variables;
  /** Identities to check ('' is the default one); empty: every identity the variables configure. */
  identities: readonly string[];
  urls: readonly string[];
  method: UrlMethod;
  profile: string | undefined;
  env: NodeJS.ProcessEnv;
  runnerIp: string | undefined;
}

const GUEST_VARIABLE = /^cognito_identity_guest@(.+)$/;

/** The identities the variables configure, guests of an identity pool included; the default one when there are none. */
export function doctorIdentities(variables: Variables): string[] {
  const found = identitiesOf(variables);
  const guests = Object.keys(variables).map((name) => GUEST_VARIABLE.exec(name)?.[1]).filter((name): name is string => name !== undefined);
  for (const guest of guests) if (!found.includes(guest)) found.push(guest);
  return found.length > 0 ? found : [''];
}

const SIGN_IN_AFTER_FAILURE = 'fix the problems above first: a sign-in that must fail only brings Cognito\'s lockout closer';

async function checkIdentity(options: DoctorOptions, identity: string, state: AwsState): Promise<IdentityReport> {
  const read = checkIdentitySettings(options.variables, identity);
  const findings: Finding[] = [...read.findings];
  const access = { profile: options.profile, env: options.env, timeoutMs: read.settings?.timeoutMs ?? 10_000 };
  // A settings failure (say, an endpoint in another region than the pool) is fixed first: no call goes where it points.
  const gathered = await gatherFacts(read.settings, read.identityPool, access, state, hasFailure(read.findings) ? 'the settings need attention first' : undefined);
  findings.push(...gathered.findings);
  findings.push(...runChecks({ identity, settings: read.settings, identityPoolSettings: read.identityPool, runnerIp: options.runnerIp, ...gathered.facts }));
  const settings = read.settings;
  if (settings === undefined) {
    if (read.identityPool?.guest !== true) findings.push(skipped('pool, client and user checks', 'the settings need attention first'), skipped('sign-in', 'the settings need attention first'));
    return { identity, findings };
  }
  const user = 'value' in gathered.facts.user ? gathered.facts.user.value : undefined;
  const down = settings.authFlow !== 'CLIENT_CREDENTIALS' ? state.unreachable.get(settings.endpoint) : undefined;
  const why = down !== undefined ? settings.endpoint + ' did not answer the reads (' + down + '): the sign-in is not tried there'
    : hasFailure(findings) ? SIGN_IN_AFTER_FAILURE
      : user?.UserStatus === 'FORCE_CHANGE_PASSWORD' ? 'the user must change its password first (see user status)' : undefined;
  const signIn = why === undefined ? await probeSignIn(settings) : { findings: [skipped('sign-in', why)], tokens: undefined };
  findings.push(...signIn.findings);
  for (const url of options.urls) {
    findings.push(signIn.tokens !== undefined ? await probeUrl(url, options.method, settings, signIn.tokens) : skipped(options.method + ' ' + shownUrl(url), 'no token (see sign-in)'));
  }
  return { identity, findings };
}

export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const identities = options.identities.length > 0 ? [...options.identities] : doctorIdentities(options.variables);
  const shared = nearMissVariables(Object.keys(options.variables));
  const reports: IdentityReport[] = [];
  // Once AWS cannot be read (no credentials, refused ones, an endpoint that does not answer), later identities do not try again.
  const state: AwsState = { credentialsProblem: undefined, unreachable: new Map() };
  for (const identity of identities) reports.push(await checkIdentity(options, identity, state));
  const counts = tally(reports, shared);
  return { shared, identities: reports, tally: counts, passed: counts.fail === 0 };
}
