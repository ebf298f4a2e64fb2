// Turns Cognito Identity's error answers into messages that name the setting or the identity pool switch to change.

import { isRetryableType, type CognitoFault } from '../cognito-errors';
import { IdentityPoolRefusal } from '../errors';
import { identityPoolVariable, type IdentityPoolSettings } from './settings';
import { variableName, type Settings } from '../settings';

/**
 * `user` is the signed-in identity's settings, undefined for a guest. The messages Cognito Identity sends are
 * matched loosely: "Token is not from a supported provider of this identity pool.", "Invalid login token. Issuer
 * doesn't match providerName", "Unauthenticated access is not supported for this identity pool.", "Invalid identity
 * pool configuration. Check assigned IAM roles for this pool." (docs/cognito-errors.md says where each was seen).
 */
export function identityPoolError(fault: CognitoFault, pool: IdentityPoolSettings, user: Settings | undefined, operation: string): IdentityPoolRefusal {
  const p = (key: Parameters<typeof identityPoolVariable>[0]) => identityPoolVariable(key, pool.identity);
  const u = (key: Parameters<typeof variableName>[0]) => variableName(key, pool.identity);
  const who = user === undefined ? 'guest identity' + (pool.identity ? ' "' + pool.identity + '"' : '') : 'user "' + user.username + '"';
  /** `setting` is the variable the message tells the user to change first (none when the fix is in the console). */
  const make = (code: ConstructorParameters<typeof IdentityPoolRefusal>[0], text: string, setting?: string, retryable = false) =>
    new IdentityPoolRefusal(code, text, { identity: pool.identity, cognitoType: fault.type, cognitoMessage: fault.message, retryable, ...(setting === undefined ? {} : { setting }) });
  const message = fault.message;
  const pid = pool.identityPoolId;
  const access = ' in the identity pool\'s User access settings';

  if (isRetryableType(fault.type)) {
    return make('COGNITO_THROTTLED', 'Cognito Identity is throttling or failing: run again later (credentials stay cached per identity where the collection variables persist)', undefined, true);
  }
  switch (fault.type) {
    case 'ResourceNotFoundException':
      if (/identity ?pool/i.test(message)) {
        return make('IDENTITY_POOL_NOT_FOUND', 'Cognito Identity does not know the identity pool ' + pid + ': check ' + p('identityPoolId') + ' (Cognito console: Identity pools) and that ' + p('identityEndpoint') + ' / the region in the pool ID is where it lives', p('identityPoolId'));
      }
      return make('COGNITO_RESOURCE_NOT_FOUND', 'the identity of ' + who + ' is gone from identity pool ' + pid + ': run again to get a new one');
    case 'NotAuthorizedException':
      if (/unauthenticated access is not supported/i.test(message)) {
        return make('IDENTITY_POOL_GUEST_DISABLED', 'identity pool ' + pid + ' does not allow guest (unauthenticated) access: turn on "Guest access"' + access + ', or set ' + p('guest') + ' to false and give the identity a user', p('guest'));
      }
      if (/supported provider|issuer doesn.t match|incorrect token audience|invalid login token\. (?:couldn|not a valid)/i.test(message) && user !== undefined) {
        return make('IDENTITY_POOL_PROVIDER_REFUSED', 'identity pool ' + pid + ' does not accept ID tokens of user pool ' + (user.userPoolId ?? '') + ' and app client ' + user.clientId + ': add them as an identity provider' + access + ', or check ' + p('identityPoolId') + ', ' + u('userPoolId') + ' and ' + u('clientId'), p('identityPoolId'));
      }
      if (/token expired/i.test(message)) {
        return make('COGNITO_NOT_AUTHORIZED', 'Cognito Identity found the ID token of ' + who + ' expired: check this machine\'s clock (pm-cognito renews tokens before they expire)');
      }
      return make('COGNITO_NOT_AUTHORIZED', 'Cognito Identity refused ' + operation + ' for ' + who + ' in identity pool ' + pid + ': check ' + p('identityPoolId') + (user === undefined ? '' : ', ' + u('userPoolId') + ' and ' + u('clientId')), p('identityPoolId'));
    case 'InvalidIdentityPoolConfigurationException':
    case 'AccessDeniedException': {
      const kind = user === undefined ? 'unauthenticated' : 'authenticated';
      const key = '"cognito-identity.amazonaws.com:';
      return make('IDENTITY_POOL_ROLE_REFUSED', 'identity pool ' + pid + ' could not give ' + who + ' credentials of its ' + kind + ' role: that IAM role must exist and trust cognito-identity.amazonaws.com for sts:AssumeRoleWithWebIdentity with ' + key + 'aud" = "' + pid + '" and ' + key + 'amr" = "' + kind + '"; check the roles' + access);
    }
    // Cognito Identity's constraint violations (a malformed pool id, a login map it cannot read): a setting, not a retry.
    case 'InvalidParameterException':
    case 'ValidationException':
      return make('COGNITO_INVALID_PARAMETER', 'Cognito Identity refused a parameter of ' + operation + ': check ' + p('identityPoolId'), p('identityPoolId'));
    default:
      return make('COGNITO_UNKNOWN_ERROR', 'Cognito Identity refused ' + operation + ' for ' + who + ': check ' + p('identityPoolId') + ' and ' + p('identityEndpoint') + ' as its message below says');
  }
}
