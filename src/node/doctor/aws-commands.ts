// The `aws …` commands the doctor's fixes name, written once so every fix spells them the same way.

/** Shell-quotes a value for a command line shown to the user (ids and names only, never secrets). */
function q(value: string): string {
  return /^[\w.:@/+=,-]+$/.test(value) ? value : "'" + value.replace(/'/g, "'\\''") + "'";
}

export const UPDATE_RESETS = ' (update-user-pool-client and update-user-pool reset every setting you leave out: pass the current ones too, or change it in the console)';

export const aws = {
  describeClient: (pool: string, client: string, query: string) => 'aws cognito-idp describe-user-pool-client --user-pool-id ' + q(pool) + ' --client-id ' + q(client) + ' --query ' + q(query) + ' --output text',
  updateClient: (pool: string, client: string, args: string) => 'aws cognito-idp update-user-pool-client --user-pool-id ' + q(pool) + ' --client-id ' + q(client) + ' ' + args + UPDATE_RESETS,
  updatePool: (pool: string, args: string) => 'aws cognito-idp update-user-pool --user-pool-id ' + q(pool) + ' ' + args + UPDATE_RESETS,
  adminEnable: (pool: string, user: string) => 'aws cognito-idp admin-enable-user --user-pool-id ' + q(pool) + ' --username ' + q(user),
  adminConfirm: (pool: string, user: string) => 'aws cognito-idp admin-confirm-sign-up --user-pool-id ' + q(pool) + ' --username ' + q(user),
  setPermanentPassword: (pool: string, user: string) => 'aws cognito-idp admin-set-user-password --user-pool-id ' + q(pool) + ' --username ' + q(user) + ' --password "$COGNITO_PASSWORD" --permanent',
  mfaPreference: (pool: string, user: string, args: string) => 'aws cognito-idp admin-set-user-mfa-preference --user-pool-id ' + q(pool) + ' --username ' + q(user) + ' ' + args,
  /** `client`: the app client whose own risk configuration it is (DescribeRiskConfiguration echoed its ClientId). */
  setRiskExceptions: (pool: string, client: string | undefined, exceptions: string) => 'aws cognito-idp set-risk-configuration --user-pool-id ' + q(pool) + (client !== undefined ? ' --client-id ' + q(client) : '') + ' --risk-exception-configuration ' + q(exceptions) + ' (this replaces the whole risk configuration: pass its other parts too)',
  updateIdentityPool: (pool: IdentityPoolUpdate) => 'aws cognito-identity update-identity-pool --identity-pool-id ' + q(pool.id) + ' --identity-pool-name ' + (pool.name !== undefined ? q(pool.name) : '<its name>')
    + (pool.allowUnauthenticated ? ' --allow-unauthenticated-identities' : ' --no-allow-unauthenticated-identities')
    + (pool.allowClassicFlow === undefined ? '' : pool.allowClassicFlow ? ' --allow-classic-flow' : ' --no-allow-classic-flow')
    + (pool.providers.length > 0 ? ' --cognito-identity-providers ' + pool.providers.map((p) => q('ProviderName=' + p.providerName + ',ClientId=' + p.clientId + ',ServerSideTokenCheck=' + String(p.serverSideTokenCheck))).join(' ') : '')
    + ' (update-identity-pool resets what you leave out: pass its other login providers too)',
  setIdentityPoolRoles: (id: string) => 'aws cognito-identity set-identity-pool-roles --identity-pool-id ' + q(id) + ' --roles authenticated=<role arn>,unauthenticated=<role arn>',
  getRoleTrust: (arn: string) => 'aws iam get-role --role-name ' + q(arn.slice(arn.lastIndexOf('/') + 1)) + ' --query Role.AssumeRolePolicyDocument',
};

/** What update-identity-pool must be given so that it changes only what the fix means to change. */
export interface IdentityPoolUpdate {
  id: string;
  name: string | undefined;
  allowUnauthenticated: boolean;
  allowClassicFlow: boolean | undefined;
  providers: ReadonlyArray<{ providerName: string; clientId: string; serverSideTokenCheck: boolean }>;
}
