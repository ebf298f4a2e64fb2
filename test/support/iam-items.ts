// Requests signed by Postman's own AWS Signature auth with an identity's cognito_iam_* variables, checked by the demo API's /iam/me.

import type { LocalStack } from '../../src/local/stack';
import { item, times } from './collection';

/** Postman's own AWS Signature auth, filled from an identity's cognito_iam_* variables. */
export function awsAuth(service: 'execute-api' | 'appsync', identity = ''): object {
  const at = identity ? '@' + identity : '';
  return {
    type: 'awsv4',
    awsv4: [
      { key: 'accessKey', value: '{{cognito_iam_access_key_id' + at + '}}', type: 'string' },
      { key: 'secretKey', value: '{{cognito_iam_secret_access_key' + at + '}}', type: 'string' },
      { key: 'sessionToken', value: '{{cognito_iam_session_token' + at + '}}', type: 'string' },
      { key: 'region', value: 'us-east-1', type: 'string' },
      { key: 'service', value: service, type: 'string' },
    ],
  };
}

export function iamMe(name: string, type: 'authenticated' | 'unauthenticated', identity = '', extraTests: string[] = []): object {
  const at = identity ? '@' + identity : '';
  return item({
    name,
    path: '/iam/me',
    auth: awsAuth('execute-api', identity),
    tests: [
      "pm.test('" + name + ': verified as ' + type + "', () => {",
      '  pm.response.to.have.status(200);',
      "  pm.expect(pm.response.json().cognitoAuthenticationType).to.eql('" + type + "');",
      "  pm.expect(pm.response.json().cognitoIdentityId).to.eql(pm.collectionVariables.get('cognito_iam_identity_id" + at + "'));",
      '});',
      ...extraTests,
    ],
  });
}

/** The identity-pool double's calls as [operation, with Logins, status]. */
export function identityPoolCalls(stack: LocalStack): Array<[string, boolean, number]> {
  return stack.identityPool.calls.map((c) => [c.operation, c.withLogins, c.status]);
}

/** One GetId and one GetCredentialsForIdentity for the signed-in user (with Logins), then the same for the guest. */
export const ONCE_FOR_USER_THEN_GUEST: Array<[string, boolean, number]> = [
  ['GetId', true, 200], ['GetCredentialsForIdentity', true, 200], ['GetId', false, 200], ['GetCredentialsForIdentity', false, 200],
];

export function graphqlMe(name: string, type: 'authenticated' | 'unauthenticated', identity = ''): object {
  return item({
    name,
    method: 'POST',
    path: '/graphql',
    auth: awsAuth('appsync', identity),
    body: { query: 'query { me { cognitoIdentityId cognitoIdentityAuthType } }' },
    tests: [
      "pm.test('" + name + ': AppSync IAM as ' + type + "', () => {",
      '  pm.response.to.have.status(200);',
      "  pm.expect(pm.response.json().data.me.cognitoIdentityAuthType).to.eql('" + type + "');",
      '});',
    ],
  });
}

/** Signed-in (the default identity) and guest (@visitor), API Gateway-style and AppSync-style, each three times: 12 assertions. */
export function mixedIamItems(): object[] {
  return [
    ...times(3, (i) => iamMe('user iam ' + i, 'authenticated')),
    ...times(3, (i) => iamMe('guest iam ' + i, 'unauthenticated', 'visitor')),
    ...times(3, (i) => graphqlMe('user graphql ' + i, 'authenticated')),
    ...times(3, (i) => graphqlMe('guest graphql ' + i, 'unauthenticated', 'visitor')),
  ];
}

/** The names of mixedIamItems' requests, in order. */
export const MIXED_IAM_REQUESTS = [...times(3, (i) => 'user iam ' + i), ...times(3, (i) => 'guest iam ' + i), ...times(3, (i) => 'user graphql ' + i), ...times(3, (i) => 'guest graphql ' + i)];

/**
 * 2-second credentials (Expiration on a whole second: 1 to 2 s from receipt) are renewed at most 1 s after receipt:
 * a request after this wait must renew, one right after a renewal uses the credentials it got.
 */
export const WAIT_PAST_CREDENTIALS_RENEWAL = ['setTimeout(() => undefined, 1100);'];
