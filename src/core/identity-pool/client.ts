// Cognito Identity's two calls of the enhanced flow, GetId and GetCredentialsForIdentity: request building and strict parsing.

import { callAwsJson, serviceBadResponse, type AwsJsonService } from '../cognito-client';
import { identityPoolError } from './errors';
import { identityPoolVariable, type IdentityPoolSettings } from './settings';
import { rememberSecrets } from '../redact';
import { isRecord } from '../safe-json';
import { variableName, type Settings } from '../settings';
import type { Host } from '../transport';

/** `{ "cognito-idp.<region>.amazonaws.com/<userPoolId>": <ID token> }` for a user; undefined for a guest. */
export type Logins = Record<string, string> | undefined;

export interface IssuedCredentials {
  identityId: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ms since the epoch */
  expiration: number;
}

export function identityService(pool: IdentityPoolSettings, user: Settings | undefined): AwsJsonService {
  return {
    endpoint: pool.endpoint,
    endpointVariable: identityPoolVariable('identityEndpoint', pool.identity),
    allowEndpoint: pool.allowEndpoint,
    identity: pool.identity,
    targetPrefix: 'AWSCognitoIdentityService.',
    timeoutMs: pool.timeoutMs,
    debug: pool.debug,
    endpointVariables: identityPoolVariable('identityEndpoint', pool.identity) + ' / ' + identityPoolVariable('identityPoolId', pool.identity),
    timeoutVariable: variableName('timeoutMs', pool.identity),
    fault: (fault, operation) => identityPoolError(fault, pool, user, operation),
  };
}

/** GetId: the identity id of this user (the same on every call) or a new guest identity. */
export async function getIdentityId(host: Host, service: AwsJsonService, identityPoolId: string, logins: Logins): Promise<string> {
  const payload: Record<string, unknown> = { IdentityPoolId: identityPoolId };
  if (logins !== undefined) payload['Logins'] = logins;
  const answer = await callAwsJson(host, service, 'GetId', payload);
  const id = answer['IdentityId'];
  if (typeof id !== 'string' || !/^[\w-]+:[0-9a-f-]+$/.test(id)) throw serviceBadResponse(service, 'GetId', 200, 'no IdentityId');
  return id;
}

/** GetCredentialsForIdentity: temporary credentials of the pool's role for this identity. */
export async function getCredentials(host: Host, service: AwsJsonService, identityId: string, logins: Logins): Promise<IssuedCredentials> {
  const payload: Record<string, unknown> = { IdentityId: identityId };
  if (logins !== undefined) payload['Logins'] = logins;
  const answer = await callAwsJson(host, service, 'GetCredentialsForIdentity', payload);
  const credentials = answer['Credentials'];
  if (!isRecord(credentials)) throw serviceBadResponse(service, 'GetCredentialsForIdentity', 200, 'no Credentials');
  const { AccessKeyId, SecretKey, SessionToken, Expiration } = credentials;
  // Expiration is epoch seconds in the JSON protocol (a number); an ISO string is accepted as well.
  const expiration = typeof Expiration === 'number' ? Expiration * 1000 : typeof Expiration === 'string' ? Date.parse(Expiration) : NaN;
  const ok = typeof AccessKeyId === 'string' && /^[A-Z0-9]{16,128}$/.test(AccessKeyId)
    && typeof SecretKey === 'string' && SecretKey !== '' && typeof SessionToken === 'string' && SessionToken !== '' && Number.isFinite(expiration);
  if (!ok) throw serviceBadResponse(service, 'GetCredentialsForIdentity', 200, 'incomplete Credentials');
  rememberSecrets([SecretKey as string, SessionToken as string]);
  const returnedId = answer['IdentityId'];
  return {
    identityId: typeof returnedId === 'string' && returnedId !== '' ? returnedId : identityId,
    accessKeyId: AccessKeyId as string,
    secretAccessKey: SecretKey as string,
    sessionToken: SessionToken as string,
    expiration,
  };
}
