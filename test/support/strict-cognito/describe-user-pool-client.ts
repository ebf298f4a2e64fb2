// DescribeUserPoolClient: the app client's secret, flows, rotation, token validity and OAuth settings, in AWS's shape.

import { awsErrors } from './aws-errors';
import { checkPoolId, CREATED_SECONDS, inputOf, required, type JsonObject } from './describe-common';
import type { StrictCognitoOptions } from './types';

export function describeUserPoolClient(body: unknown, options: StrictCognitoOptions, poolId: string): JsonObject {
  const input = inputOf(body);
  checkPoolId(input, poolId);
  const clientId = required(input, 'ClientId', 'clientId');
  const client = options.clients.find((c) => c.clientId === clientId);
  if (client === undefined) throw awsErrors.clientNotFound(clientId);
  const rotates = client.refreshTokenRotation !== undefined;
  const all = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_USER_AUTH'];
  const flows = client.allowedFlows ?? (rotates ? all.filter((f) => f !== 'ALLOW_REFRESH_TOKEN_AUTH') : all);
  const answer: JsonObject = {
    UserPoolId: poolId,
    ClientName: options.description?.clientNames?.[clientId] ?? clientId,
    ClientId: clientId,
    LastModifiedDate: CREATED_SECONDS,
    CreationDate: CREATED_SECONDS,
    RefreshTokenValidity: options.refreshTokenSeconds ?? 30 * 86400,
    AccessTokenValidity: options.accessTokenSeconds ?? 3600,
    IdTokenValidity: options.idTokenSeconds ?? 3600,
    TokenValidityUnits: { AccessToken: 'seconds', IdToken: 'seconds', RefreshToken: 'seconds' },
    ExplicitAuthFlows: flows,
    SupportedIdentityProviders: ['COGNITO'],
    AllowedOAuthFlowsUserPoolClient: client.scopes !== undefined,
    EnableTokenRevocation: true,
    AuthSessionValidity: Math.round((options.sessionSeconds ?? 180) / 60),
    RefreshTokenRotation: rotates ? { Feature: 'ENABLED', RetryGracePeriodSeconds: client.refreshTokenRotation?.retryGracePeriodSeconds ?? 0 } : { Feature: 'DISABLED' },
  };
  // AWS shows the first secret only; a second one (AddUserPoolClientSecret) is listed by ListUserPoolClientSecrets.
  if (client.clientSecret !== undefined) answer['ClientSecret'] = client.clientSecret;
  if (client.scopes !== undefined) {
    answer['AllowedOAuthFlows'] = ['client_credentials'];
    answer['AllowedOAuthScopes'] = client.scopes;
  }
  return { UserPoolClient: answer };
}
