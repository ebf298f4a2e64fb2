// The identity-pool double's read-only operations, DescribeIdentityPool and GetIdentityPoolRoles, in AWS's shapes.

import { IdentityServiceError } from './identity-pool';
import type { IdentityPoolDoubleOptions } from './types';

const DEFAULT_ROLES = {
  authenticated: 'arn:aws:iam::123456789012:role/identity-pool-double-authenticated',
  unauthenticated: 'arn:aws:iam::123456789012:role/identity-pool-double-unauthenticated',
};

function checkPool(body: Record<string, unknown>, id: string): void {
  const asked = body['IdentityPoolId'];
  if (typeof asked !== 'string' || !/^[\w-]+:[0-9a-f-]+$/.test(asked)) throw new IdentityServiceError(400, 'InvalidParameterException', '1 validation error detected: Value at \'identityPoolId\' failed to satisfy constraint');
  if (asked !== id) throw new IdentityServiceError(400, 'ResourceNotFoundException', 'IdentityPool \'' + asked + '\' not found.');
}

export function describeOperation(operation: 'DescribeIdentityPool' | 'GetIdentityPoolRoles', body: Record<string, unknown>, id: string, options: Readonly<IdentityPoolDoubleOptions>): Record<string, unknown> {
  checkPool(body, id);
  if (operation === 'GetIdentityPoolRoles') {
    const roles: Record<string, string> = {};
    const chosen = options.roles ?? DEFAULT_ROLES;
    for (const kind of ['authenticated', 'unauthenticated'] as const) {
      const arn = chosen[kind];
      if (arn !== undefined) roles[kind] = arn;
    }
    return { IdentityPoolId: id, Roles: roles };
  }
  return {
    IdentityPoolId: id,
    IdentityPoolName: options.name ?? 'identity-pool-double',
    AllowUnauthenticatedIdentities: options.allowUnauthenticated !== false,
    AllowClassicFlow: false,
    // One entry per app client, as AWS lists CognitoIdentityProviders.
    CognitoIdentityProviders: (options.providers ?? []).flatMap((p) => p.clientIds.map((clientId) => ({ ProviderName: p.providerName, ClientId: clientId, ServerSideTokenCheck: false }))),
  };
}
