// Makes the doctor's read-only AWS calls for one identity and turns each answer (or refusal) into a fact for the checks.

import type { Settings } from '../../core/settings';
import { explainAwsError, identityPoolClient, userPoolClient, type AwsAccess } from './aws-clients';
import { variable } from './aws-commands';
import { have, missing, type Fact, type IdentityFacts, type IdentityPoolFacts, type IdentityPoolSettingFacts } from './facts';
import { fail, type Finding } from './findings';

export type GatheredFacts = Pick<IdentityFacts, 'pool' | 'client' | 'user' | 'risk' | 'identityPool'>;

export interface Gathered {
  facts: GatheredFacts;
  /** Things AWS said do not exist (the pool, the client, the user): failures with their fix. */
  findings: Finding[];
  /** Why AWS cannot be read with these credentials (none, or refused), when a call found that: later calls are not made. */
  credentialsProblem: string | undefined;
}

/** Runs one read; a refusal becomes a missing fact (and a failure when the thing does not exist). */
async function read<T>(action: string, call: () => Promise<T>, notFound: (why: string) => Finding | undefined, out: Gathered): Promise<Fact<T>> {
  try {
    return have(await call());
  } catch (error) {
    const explained = explainAwsError(error, action);
    if (explained.credentialsProblem) out.credentialsProblem = explained.why;
    const finding = explained.notFound ? notFound(explained.why) : undefined;
    if (finding !== undefined) out.findings.push(finding);
    return missing(finding !== undefined ? action + ' found nothing (see above)' : explained.why);
  }
}

const needsPool = (settings: Settings) => 'set ' + variable('cognito_user_pool_id', settings.identity) + ' so the doctor can read the pool, the app client and the user';

/** DescribeUserPool, DescribeUserPoolClient, AdminGetUser, DescribeRiskConfiguration for one identity. */
async function gatherUserPool(settings: Settings, access: AwsAccess, out: Gathered): Promise<void> {
  const poolId = settings.userPoolId;
  if (poolId === undefined) {
    const why = 'cognito_user_pool_id is not set: ' + needsPool(settings);
    Object.assign(out.facts, { pool: missing(why), client: missing(why), user: missing(why), risk: missing(why) });
    return;
  }
  const { client, sdk } = await userPoolClient(access, settings.region ?? access.env['AWS_REGION'] ?? 'us-east-1', settings.endpoint);
  try {
    const id = settings.identity;
    out.facts.pool = await read('cognito-idp:DescribeUserPool', async () => (await client.send(new sdk.DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool ?? {},
      (why) => fail('user pool', 'user pool ' + poolId + ' was not found (' + why + ')', 'set ' + variable('cognito_user_pool_id', id) + ' to the pool id, and check the region/endpoint it is looked up in'), out);
    if (out.credentialsProblem !== undefined) {
      Object.assign(out.facts, { client: out.facts.pool, user: out.facts.pool, risk: out.facts.pool });
      return;
    }
    out.facts.client = await read('cognito-idp:DescribeUserPoolClient', async () => (await client.send(new sdk.DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: settings.clientId }))).UserPoolClient ?? {},
      (why) => fail('app client', 'app client ' + settings.clientId + ' was not found in ' + poolId + ' (' + why + ')', 'set ' + variable('cognito_client_id', id) + ' to an app client id of this pool (aws cognito-idp list-user-pool-clients --user-pool-id ' + poolId + ')'), out);
    out.facts.user = settings.authFlow === 'CLIENT_CREDENTIALS' ? missing('a client-credentials identity has no user')
      : await read('cognito-idp:AdminGetUser', () => client.send(new sdk.AdminGetUserCommand({ UserPoolId: poolId, Username: settings.username })),
        () => fail('user', 'user ' + settings.username + ' does not exist in ' + poolId, 'set ' + variable('cognito_username', id) + ' to an existing user, or create it (pm-cognito users create, or aws cognito-idp admin-create-user)'), out);
    out.facts.risk = await read('cognito-idp:DescribeRiskConfiguration', async () => (await client.send(new sdk.DescribeRiskConfigurationCommand({ UserPoolId: poolId, ClientId: settings.clientId }))).RiskConfiguration ?? {},
      () => undefined, out);
  } finally {
    client.destroy();
  }
}

/** DescribeIdentityPool and GetIdentityPoolRoles, as one fact. */
async function gatherIdentityPool(wanted: IdentityPoolSettingFacts, access: AwsAccess, out: Gathered): Promise<void> {
  const { client, sdk } = await identityPoolClient(access, wanted.region, wanted.endpoint);
  try {
    const notFound = (why: string) => fail('identity pool', 'identity pool ' + wanted.identityPoolId + ' was not found (' + why + ')', 'set cognito_identity_pool_id to the identity pool id (Cognito console: Identity pools)');
    const described = await read('cognito-identity:DescribeIdentityPool', () => client.send(new sdk.DescribeIdentityPoolCommand({ IdentityPoolId: wanted.identityPoolId })), notFound, out);
    if ('missing' in described) {
      out.facts.identityPool = described;
      return;
    }
    const roles = await read('cognito-identity:GetIdentityPoolRoles', () => client.send(new sdk.GetIdentityPoolRolesCommand({ IdentityPoolId: wanted.identityPoolId })), () => undefined, out);
    if ('missing' in roles) {
      out.facts.identityPool = roles;
      return;
    }
    const pool: IdentityPoolFacts = {
      identityPoolId: wanted.identityPoolId,
      allowUnauthenticatedIdentities: described.value.AllowUnauthenticatedIdentities === true,
      providers: (described.value.CognitoIdentityProviders ?? []).map((p) => ({ providerName: p.ProviderName ?? '', clientId: p.ClientId ?? '' })),
      roles: { ...(roles.value.Roles ?? {}) },
    };
    out.facts.identityPool = have(pool);
  } finally {
    client.destroy();
  }
}

/** Every AWS fact of one identity; `skipAll` (say, no credentials found for an earlier identity) fills them with that reason instead. */
export async function gatherFacts(settings: Settings | undefined, identityPool: IdentityPoolSettingFacts | undefined, access: AwsAccess, skipAll?: string): Promise<Gathered> {
  const none = missing<never>(skipAll ?? 'the settings need attention first');
  const out: Gathered = { facts: { pool: none, client: none, user: none, risk: none, identityPool: missing('no identity pool in the settings') }, findings: [], credentialsProblem: undefined };
  if (skipAll !== undefined) {
    out.facts.identityPool = none;
    return out;
  }
  if (settings !== undefined) await gatherUserPool(settings, access, out);
  if (identityPool !== undefined && out.credentialsProblem === undefined) await gatherIdentityPool(identityPool, access, out);
  else if (identityPool !== undefined) out.facts.identityPool = missing(out.credentialsProblem ?? '');
  return out;
}
