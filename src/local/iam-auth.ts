// Verifies SigV4-signed requests the way API Gateway (AWS_IAM) and AppSync (AWS_IAM) do, against credentials an identity pool issued.

import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** What the verifier needs to know about an access key: the identity pool double's `credentials(accessKeyId)`. */
export type IssuedCredentialsLookup = (accessKeyId: string) => {
  secretAccessKey: string;
  sessionToken: string;
  identityId: string;
  authenticated: boolean;
  expiresAt: number;
} | undefined;

/** The caller as API Gateway's `requestContext.identity` and AppSync's `$context.identity` describe it. */
export interface IamCaller {
  cognitoIdentityId: string;
  cognitoAuthenticationType: 'authenticated' | 'unauthenticated';
  accessKey: string;
}

/** A refusal with AWS's status, error type and wording. */
export interface IamRefusal {
  status: number;
  type: string;
  message: string;
}

const SKEW_MS = 5 * 60_000;
const invalidToken: IamRefusal = { status: 403, type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };
const mismatch: IamRefusal = { status: 403, type: 'InvalidSignatureException', message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.' };

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** Whether a request is SigV4-signed at all (AppSync picks the auth mode from the Authorization header this way). */
export function isSigV4(req: IncomingMessage): boolean {
  return (header(req, 'authorization') ?? '').startsWith('AWS4-HMAC-SHA256 ');
}

/**
 * Signs the received request again with @smithy/signature-v4 and the issued secret, from exactly the headers the
 * client listed as signed, and compares. `service` is `execute-api` for API Gateway, `appsync` for AppSync.
 */
export async function verifyIamRequest(
  req: IncomingMessage,
  body: string,
  expected: { service: string; region: string; nowMs: number; lookup: IssuedCredentialsLookup },
): Promise<IamCaller | IamRefusal> {
  const authorization = header(req, 'authorization');
  if (authorization === undefined || authorization === '') return { status: 403, type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' };
  const fields = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/.exec(authorization);
  if (fields === null) return { status: 403, type: 'IncompleteSignatureException', message: 'Authorization header requires \'Credential\', \'SignedHeaders\' and \'Signature\' parameters.' };
  const [, accessKeyId, scopeDate, region, service, signedList, signature] = fields as unknown as [string, string, string, string, string, string, string];
  const issued = expected.lookup(accessKeyId);
  if (issued === undefined || header(req, 'x-amz-security-token') !== issued.sessionToken) return invalidToken;
  if (issued.expiresAt <= expected.nowMs) return { status: 403, type: 'ExpiredTokenException', message: 'The security token included in the request is expired' };
  if (service !== expected.service) return { status: 403, type: 'InvalidSignatureException', message: 'Credential should be scoped to correct service: \'' + expected.service + '\'.' };
  if (region !== expected.region) return { status: 403, type: 'InvalidSignatureException', message: 'Credential should be scoped to a valid region.' };
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(header(req, 'x-amz-date') ?? '');
  const signedAt = date === null ? NaN : Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!, +date[4]!, +date[5]!, +date[6]!);
  if (!Number.isFinite(signedAt) || date![0].slice(0, 8) !== scopeDate) return { status: 403, type: 'IncompleteSignatureException', message: 'X-Amz-Date is missing, malformed or outside the credential scope date.' };
  if (Math.abs(signedAt - expected.nowMs) > SKEW_MS) return { status: 403, type: 'InvalidSignatureException', message: 'Signature expired: ' + date![0] + ' is now earlier or later than 5 minutes from the server\'s time.' };
  const signedHeaders = signedList.split(';');
  if (!signedHeaders.includes('host')) return mismatch;

  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = header(req, name);
    if (value === undefined) return mismatch;
    headers[name] = value;
  }
  const url = new URL(req.url ?? '/', 'http://' + headers['host']);
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const before = query[key];
    query[key] = before === undefined ? value : Array.isArray(before) ? [...before, value] : [before, value];
  }
  const request: HttpRequest = { method: req.method ?? 'GET', protocol: 'http:', hostname: url.hostname, path: url.pathname, query, headers, body };
  if (url.port !== '') request.port = Number(url.port);
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey: issued.secretAccessKey, sessionToken: issued.sessionToken },
    region,
    service,
    sha256: Sha256,
    applyChecksum: false,
  });
  const ours = await signer.sign(request, { signingDate: new Date(signedAt), signableHeaders: new Set(signedHeaders) });
  const expectedSignature = /Signature=([0-9a-f]{64})/.exec(String(ours.headers['authorization'] ?? ''))?.[1] ?? '';
  if (expectedSignature.length !== 64 || !timingSafeEqual(Buffer.from(expectedSignature), Buffer.from(signature))) return mismatch;
  return { cognitoIdentityId: issued.identityId, cognitoAuthenticationType: issued.authenticated ? 'authenticated' : 'unauthenticated', accessKey: accessKeyId };
}

export function isRefusal(value: IamCaller | IamRefusal): value is IamRefusal {
  return 'status' in value;
}
