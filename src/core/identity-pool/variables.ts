// The collection variables that carry identity-pool credentials to Postman's AWS Signature auth, and finding them in a request.

import type { CachedCredentials } from './cache';

/** Variable names of the default identity; an identity `x` gets `<name>@x`, as the token variables do. */
export const IAM_VARIABLES = {
  accessKeyId: 'cognito_iam_access_key_id',
  secretAccessKey: 'cognito_iam_secret_access_key',
  sessionToken: 'cognito_iam_session_token',
  identityId: 'cognito_iam_identity_id',
} as const;

/** `{{cognito_iam_access_key_id}}`, `{{cognito_iam_session_token@visitor}}`... */
const IAM_REFERENCE = /\{\{\s*cognito_iam_(?:access_key_id|secret_access_key|session_token|identity_id)(?:@([A-Za-z0-9][A-Za-z0-9_.-]{0,63}))?\s*\}\}/g;

/** The identities ('' is the default one) whose credentials a text names, in order, each once. */
export const referencedIamIdentities = (text: string): string[] => {
  const identities: string[] = [];
  for (const match of text.matchAll(IAM_REFERENCE)) {
    const identity = match[1] ?? '';
    if (!identities.includes(identity)) identities.push(identity);
  }
  return identities;
};

/** The variables to set for one identity's credentials. */
export const iamVariableValues = (credentials: CachedCredentials, identity: string): Record<string, string> => {
  const suffix = identity ? '@' + identity : '';
  return {
    [IAM_VARIABLES.accessKeyId + suffix]: credentials.accessKeyId,
    [IAM_VARIABLES.secretAccessKey + suffix]: credentials.secretAccessKey,
    [IAM_VARIABLES.sessionToken + suffix]: credentials.sessionToken,
    [IAM_VARIABLES.identityId + suffix]: credentials.identityId,
  };
};
