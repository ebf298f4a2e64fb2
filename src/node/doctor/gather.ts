// Makes the doctor's read-only AWS calls for one identity and turns each answer (or refusal) into a fact for the checks.

import { sendWithin } from '../aws-sdk';
import type { DescribeIdentityPoolCommandOutput } from '@aws-sdk/client-cognito-identity';
import type { Settings } from '../../core/settings';
import { variableName } from '../../core/setting-specs';
import { identityPoolVariable } from '../../core/identity-pool/settings';
import { resolveRegion } from '../test-users';
import { IDENTITY_SDK, IDENTITY_SDK_INSTALL, identityPoolClient, loadIdentitySdk, sdkMissing, USER_POOL_SDK, USER_POOL_SDK_INSTALL, userPoolClient, type AwsAccess } from './aws-clients';
import { explainAwsError } from './aws-errors';
import { have, missing, type Fact, type IdentityFacts, type IdentityPoolFacts, type IdentityPoolSettingFacts } from './facts';
import { fail, type Finding } from './findings';

export type GatheredFacts = Pick<IdentityFacts, 'pool' | 'client' | 'user' | 'risk' | 'identityPool'>;

/** What one identity's reads teach the next ones: AWS cannot be read with these credentials, or an endpoint does not answer. */
export interface AwsState {
  credentialsProblem: string | undefined;
  /** Endpoints that did not answer (in time, or at all), with why: no later read or sign-in goes there. */
  unreachable: Map<string, string>;
}

export interface Gathered {
  facts: GatheredFacts;
  /** Things AWS said do not exist (the pool, the client, the user): failures with their fix. */
  findings: Finding[];
}

interface Reading {
  out: Gathered;
  state: AwsState;
  /** The endpoint these reads go to (its key in AwsState.unreachable). */
  endpoint: string;
  timeoutMs: number;
}

/** Why a read is not made: the credentials failed before, or this endpoint did not answer. */
function stopped(r: Reading): string | undefined {
  const down = r.state.unreachable.get(r.endpoint);
  if (down !== undefined) return 'not read: ' + r.endpoint + ' did not answer before (' + down + ')';
  return r.state.credentialsProblem;
}

/** Runs one read; a refusal becomes a missing fact (and a failure when the thing does not exist). */
async function read<T>(r: Reading, action: string, call: (timeoutMs: number) => Promise<T>, notFound: (why: string) => Finding | undefined): Promise<Fact<T>> {
  const before = stopped(r);
  if (before !== undefined) return missing(before);
  try {
    return have(await call(r.timeoutMs));
  } catch (error) {
    const explained = explainAwsError(error, action);
    if (explained.credentialsProblem) r.state.credentialsProblem = explained.why;
    if (explained.unreachable) r.state.unreachable.set(r.endpoint, explained.why);
    const finding = explained.notFound ? notFound(explained.why) : undefined;
    if (finding !== undefined) r.out.findings.push(finding);
    return missing(finding !== undefined ? action + ' found nothing (see above)' : explained.why);
  }
}

const needsPool = (settings: Settings) => 'set ' + variableName('userPoolId', settings.identity) + ' so the doctor can read the pool, the app client and the user';

/** DescribeUserPool, DescribeUserPoolClient, AdminGetUser, and DescribeRiskConfiguration when threat protection is ENFORCED. */
async function gatherUserPool(settings: Settings, access: AwsAccess, r: Reading): Promise<void> {
  const { out } = r;
  const poolId = settings.userPoolId;
  if (poolId === undefined) {
    const why = variableName('userPoolId', settings.identity) + ' is not set: ' + needsPool(settings);
    Object.assign(out.facts, { pool: missing(why), client: missing(why), user: missing(why), risk: missing(why) });
    return;
  }
  let made: Awaited<ReturnType<typeof userPoolClient>>;
  try {
    const region = resolveRegion({ userPoolId: poolId, region: settings.region }, access.env, 'doctor', 'set ' + variableName('region', settings.identity));
    try {
      made = await userPoolClient(access, region, settings.endpoint);
    } catch (error) {
      throw new Error(sdkMissing(error, USER_POOL_SDK, USER_POOL_SDK_INSTALL));
    }
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    Object.assign(out.facts, { pool: missing(why), client: missing(why), user: missing(why), risk: missing(why) });
    return;
  }
  const { client, sdk } = made;
  const send = <T>(command: unknown) => (timeoutMs: number) => sendWithin<typeof client, T>(client, command, timeoutMs);
  try {
    const id = settings.identity;
    out.facts.pool = await read(r, 'cognito-idp:DescribeUserPool', async (t) => (await send<{ UserPool?: object }>(new sdk.DescribeUserPoolCommand({ UserPoolId: poolId }))(t)).UserPool ?? {},
      (why) => fail('user pool', 'user pool ' + poolId + ' was not found (' + why + ')', 'set ' + variableName('userPoolId', id) + ' to the pool id, and check the region/endpoint it is looked up in'));
    out.facts.client = await read(r, 'cognito-idp:DescribeUserPoolClient', async (t) => (await send<{ UserPoolClient?: object }>(new sdk.DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: settings.clientId }))(t)).UserPoolClient ?? {},
      (why) => fail('app client', 'app client ' + settings.clientId + ' was not found in ' + poolId + ' (' + why + ')', 'set ' + variableName('clientId', id) + ' to an app client id of this pool (aws cognito-idp list-user-pool-clients --user-pool-id ' + poolId + ')'));
    out.facts.user = settings.authFlow === 'CLIENT_CREDENTIALS' ? missing('a client-credentials identity has no user')
      : await read(r, 'cognito-idp:AdminGetUser', send(new sdk.AdminGetUserCommand({ UserPoolId: poolId, Username: settings.username })),
        () => fail('user', 'user ' + settings.username + ' does not exist in ' + poolId, 'set ' + variableName('username', id) + ' to an existing user, or create it (pm-cognito users create, or aws cognito-idp admin-create-user)'));
    const mode = 'value' in out.facts.pool ? (out.facts.pool.value as { UserPoolAddOns?: { AdvancedSecurityMode?: string } }).UserPoolAddOns?.AdvancedSecurityMode : undefined;
    // Only ENFORCED blocks sign-ins: the risk configuration is not read otherwise (one call and one permission fewer).
    out.facts.risk = mode !== 'ENFORCED' ? missing('threat protection is not ENFORCED')
      : await read(r, 'cognito-idp:DescribeRiskConfiguration', async (t) => {
        try {
          return (await send<{ RiskConfiguration?: object }>(new sdk.DescribeRiskConfigurationCommand({ UserPoolId: poolId, ClientId: settings.clientId }))(t)).RiskConfiguration ?? {};
        } catch (error) {
          // The pool has threat protection off after all (its add-on is not enabled): nothing to exempt.
          if ((error as { name?: unknown }).name === 'UserPoolAddOnNotEnabledException') return { addOnOff: true };
          throw error;
        }
      }, () => undefined);
  } finally {
    client.destroy();
  }
}

/** The identity pool as the checks read it. */
function identityPoolFacts(id: string, described: DescribeIdentityPoolCommandOutput, roles: Record<string, string> | undefined): IdentityPoolFacts {
  return {
    identityPoolId: id,
    name: described.IdentityPoolName,
    allowUnauthenticatedIdentities: described.AllowUnauthenticatedIdentities === true,
    allowClassicFlow: described.AllowClassicFlow,
    providers: (described.CognitoIdentityProviders ?? []).map((p) => ({ providerName: p.ProviderName ?? '', clientId: p.ClientId ?? '', serverSideTokenCheck: p.ServerSideTokenCheck === true })),
    roles: { ...(roles ?? {}) },
  };
}

/** DescribeIdentityPool and GetIdentityPoolRoles, as one fact. */
async function gatherIdentityPool(wanted: IdentityPoolSettingFacts, access: AwsAccess, r: Reading): Promise<void> {
  const { out } = r;
  let sdk: ReturnType<typeof loadIdentitySdk>;
  let client: ReturnType<typeof identityPoolClient>;
  try {
    sdk = loadIdentitySdk();
    if (sdk === undefined) {
      out.facts.identityPool = missing(IDENTITY_SDK + ' is not installed (it is an optional dependency): ' + IDENTITY_SDK_INSTALL);
      return;
    }
    client = identityPoolClient(sdk, access, wanted.region, wanted.endpoint);
  } catch (error) {
    // A broken install, or a client the SDK refuses to make: the identity-pool checks say so, the rest of the doctor runs.
    out.facts.identityPool = missing(sdkMissing(error, IDENTITY_SDK, IDENTITY_SDK_INSTALL));
    return;
  }
  try {
    const notFound = (why: string) => fail('identity pool', 'identity pool ' + wanted.identityPoolId + ' was not found (' + why + ')', 'set ' + identityPoolVariable('identityPoolId', '') + ' to the identity pool id (Cognito console: Identity pools)');
    const described = await read(r, 'cognito-identity:DescribeIdentityPool', (t) => sendWithin<typeof client, DescribeIdentityPoolCommandOutput>(client, new sdk.DescribeIdentityPoolCommand({ IdentityPoolId: wanted.identityPoolId }), t), notFound);
    if ('missing' in described) {
      out.facts.identityPool = described;
      return;
    }
    const roles = await read(r, 'cognito-identity:GetIdentityPoolRoles', (t) => sendWithin<typeof client, { Roles?: Record<string, string> }>(client, new sdk.GetIdentityPoolRolesCommand({ IdentityPoolId: wanted.identityPoolId }), t), () => undefined);
    out.facts.identityPool = 'missing' in roles ? roles : have(identityPoolFacts(wanted.identityPoolId, described.value, roles.value.Roles));
  } finally {
    client.destroy();
  }
}

/** Every AWS fact of one identity; `skipAll` (say, the settings need attention first) fills them with that reason instead. */
export async function gatherFacts(settings: Settings | undefined, identityPool: IdentityPoolSettingFacts | undefined, access: AwsAccess, state: AwsState, skipAll?: string): Promise<Gathered> {
  const none = missing<never>(skipAll ?? 'the settings need attention first');
  const out: Gathered = { facts: { pool: none, client: none, user: none, risk: none, identityPool: missing('no identity pool in the settings') }, findings: [] };
  if (skipAll !== undefined) {
    out.facts.identityPool = none;
    return out;
  }
  if (settings !== undefined) await gatherUserPool(settings, access, { out, state, endpoint: settings.endpoint, timeoutMs: access.timeoutMs });
  if (identityPool !== undefined) await gatherIdentityPool(identityPool, access, { out, state, endpoint: identityPool.endpoint, timeoutMs: access.timeoutMs });
  return out;
}
