// A strict Cognito Identity double on 127.0.0.1 (GetId, GetCredentialsForIdentity) whose issued credentials can be looked up to verify SigV4.
// It imports nothing of pm-cognito's own code (only src/local's body reader, model check and SigV4 verifier), so tests and the demo share it without depending on what it checks.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../read-body';
import { describeOperation } from './describe';
import { checkInput, type InputModel } from '../smithy-input-check';
import shapes from './cognito-identity.shapes.json';
import { checkReadSignature } from './signed-reads';
import { IdentityPool, IdentityServiceError } from './identity-pool';
import type { IdentityPoolCall, IdentityPoolDouble, IdentityPoolDoubleOptions } from './types';

export type { IdentityPoolCall, IdentityPoolDouble, IdentityPoolDoubleOptions, IdentityProviderOptions, IssuedCredentials, ReadCredential } from './types';

const TARGET_PREFIX = 'AWSCognitoIdentityService.';
const MAX_BODY_BYTES = 256 * 1024;
/** GetId, GetCredentialsForIdentity and the pool's read operations, trimmed from AWS's Smithy model (see the file's source). */
const INPUT_MODEL = shapes as unknown as InputModel;

function send(res: ServerResponse, status: number, body: unknown, nowMs: number, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.1',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
    Date: new Date(nowMs).toUTCString(),
    ...extra,
  });
  res.end(text);
}

async function answer(pool: IdentityPool, req: IncomingMessage, call: IdentityPoolCall, options: IdentityPoolDoubleOptions, nowMs: number): Promise<Record<string, unknown>> {
  if (req.method !== 'POST' || (req.url ?? '/').split('?')[0] !== '/') throw new IdentityServiceError(404, 'UnknownOperationException', 'Not Found');
  const mediaType = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/x-amz-json-1.1') throw new IdentityServiceError(400, 'SerializationException', 'Unsupported Content-Type: ' + (mediaType || '(none)'));
  const target = String(req.headers['x-amz-target'] ?? '');
  call.operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target || '(no X-Amz-Target)';
  const text = (await readBody(req, MAX_BODY_BYTES))?.toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text === undefined || text === '' ? '{}' : text) as unknown;
  } catch {
    throw new IdentityServiceError(400, 'SerializationException', 'The request body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new IdentityServiceError(400, 'SerializationException', 'The request body is not a JSON object');
  // Cognito Identity answers constraint violations as ValidationException (seen: "ValidationException: 1 validation error
  // detected: Value 'us-east-2:mock' at 'identityPoolId' failed to satisfy constraint: ..." in public reports).
  const refusal = checkInput(INPUT_MODEL, call.operation, body);
  if (refusal !== undefined) throw new IdentityServiceError(400, refusal.kind === 'serialization' ? 'SerializationException' : 'ValidationException', refusal.message);
  const record = body as Record<string, unknown>;
  const logins = record['Logins'];
  call.withLogins = typeof logins === 'object' && logins !== null && Object.keys(logins).length > 0;
  if (call.operation === 'GetId') return pool.getId(record);
  if (call.operation === 'GetCredentialsForIdentity') return pool.getCredentialsForIdentity(record);
  if (call.operation === 'DescribeIdentityPool' || call.operation === 'GetIdentityPoolRoles') {
    await checkReadSignature(req, text ?? '', options.readCredentials, pool.region, nowMs);
    return describeOperation(call.operation, record, pool.id, pool.current());
  }
  throw new IdentityServiceError(400, 'UnknownOperationException', 'Operation ' + target + ' is not supported by this identity pool double');
}

export async function startIdentityPoolDouble(options: IdentityPoolDoubleOptions = {}): Promise<IdentityPoolDouble> {
  const nowMs = options.nowMs ?? Date.now;
  const pool = new IdentityPool(options, nowMs);
  const calls: IdentityPoolCall[] = [];

  const server = createServer((req, res) => {
    const call: IdentityPoolCall = { operation: '', withLogins: false, status: 0 };
    calls.push(call);
    answer(pool, req, call, options, nowMs()).then(
      (result) => {
        call.status = 200;
        send(res, 200, result, nowMs());
      },
      (error: unknown) => {
        const known = error instanceof IdentityServiceError ? error : new IdentityServiceError(500, 'InternalErrorException', 'identity-pool-double failed: ' + (error instanceof Error ? error.message : String(error)));
        call.status = known.status;
        call.errorType = known.type;
        send(res, known.status, { __type: known.type, message: known.message }, nowMs(), { 'x-amzn-ErrorType': known.type + ':' });
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = 'http://127.0.0.1:' + (server.address() as AddressInfo).port;

  let stopping: Promise<void> | undefined;
  return {
    url,
    identityPoolId: pool.id,
    region: pool.region,
    calls,
    count: (operation) => calls.filter((call) => call.operation === operation).length,
    credentials: (accessKeyId) => pool.credentials(accessKeyId),
    configure: (changes) => pool.configure(changes),
    reset() {
      calls.length = 0;
    },
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}
