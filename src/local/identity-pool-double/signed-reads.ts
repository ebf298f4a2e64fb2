// The identity-pool double's read operations (DescribeIdentityPool, GetIdentityPoolRoles) are IAM-signed, as in AWS: this checks the signature.

import type { IncomingMessage } from 'node:http';
import { isRefusal, isSigV4, verifyIamRequest } from '../iam-auth';
import { IdentityServiceError } from './identity-pool';
import type { ReadCredential } from './types';

/**
 * Refuses an unsigned read as AWS does. With `credentials`, the signature is checked against them (service
 * cognito-identity, the pool's region); without, any SigV4 signature passes (as cognito-local takes any key),
 * so `pm-cognito local` works with whatever keys the user has set.
 */
export async function checkReadSignature(req: IncomingMessage, body: string, credentials: readonly ReadCredential[] | undefined, region: string, nowMs: number): Promise<void> {
  if (!isSigV4(req)) throw new IdentityServiceError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  if (credentials === undefined) return;
  // Long-term keys carry no session token: the verifier compares the header with '' then.
  const headers = { ...req.headers, 'x-amz-security-token': req.headers['x-amz-security-token'] ?? '' };
  const seen = Object.create(req, { headers: { value: headers } }) as IncomingMessage;
  const verdict = await verifyIamRequest(seen, body, {
    service: 'cognito-identity',
    region,
    nowMs,
    lookup: (accessKeyId) => {
      const found = credentials.find((c) => c.accessKeyId === accessKeyId);
      return found === undefined ? undefined : { secretAccessKey: found.secretAccessKey, sessionToken: found.sessionToken ?? '', identityId: '', authenticated: true, expiresAt: Number.MAX_SAFE_INTEGER };
    },
  });
  if (isRefusal(verdict)) throw new IdentityServiceError(400, verdict.type, verdict.message);
}
