// Starts the strict Cognito double on 127.0.0.1: the HTTP adapter around the user pool, SigV4 check and OAuth endpoint.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsServiceError, awsErrors } from './aws-errors';
import { checkUserPoolInput } from './input-check';
import { createJwtIssuer } from './jwt-issuer';
import { oauthToken } from './oauth-token';
import { checkSigV4 } from './sigv4-check';
import type { StrictCognito, StrictCognitoCall, StrictCognitoOptions } from './types';
import { StrictUserPool } from './user-pool';
import { readOperation } from './read-operations';

export type {
  FirstFactor,
  ForcedChallenge,
  StrictCognito,
  StrictCognitoCall,
  StrictCognitoClient,
  StrictCognitoCredential,
  StrictCognitoOptions,
  StrictCognitoUser,
  StrictUserStatus,
} from './types';
export type { StrictPoolDescription } from './pool-description';
export type { Jwks } from './jwt-issuer';

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const JSON_TYPES = ['application/x-amz-json-1.1', 'application/json'];
const MAX_BODY_BYTES = 1024 * 1024;

// The read-only operations (describe-*.ts, admin-get-user.ts) are IAM-signed, as in AWS.
const READ_OPS = new Set(['DescribeUserPool', 'DescribeUserPoolClient', 'AdminGetUser', 'DescribeRiskConfiguration']);
const SIGNED_OPS = new Set(['AdminInitiateAuth', 'AdminRespondToAuthChallenge', ...READ_OPS]);
const SIMULATED_OPS = new Set(['InitiateAuth', 'RespondToAuthChallenge', 'GetTokensFromRefreshToken', ...SIGNED_OPS]);

export async function startStrictCognito(options: StrictCognitoOptions): Promise<StrictCognito> {
  const region = options.region ?? 'us-east-1';
  const poolId = options.poolId ?? 'us-east-1_Strict1234';
  if (!/^[\w-]+_[0-9a-zA-Z]+$/.test(poolId)) throw new Error(`strict-cognito: poolId "${poolId}" is not <region>_<name>`);
  const nowMs = options.nowMs ?? Date.now;
  const issuer = `https://cognito-idp.${region}.amazonaws.com/${poolId}`;
  const issuerKeys = createJwtIssuer();
  const pool = new StrictUserPool({ region, poolId, issuer, issuerKeys, nowMs }, options);
  const credentials = [...(options.credentials ?? [])];
  const accessTokenSeconds = options.accessTokenSeconds ?? 3600;
  const calls: StrictCognitoCall[] = [];
  const jwksPath = `/${poolId}/.well-known/jwks.json`;

  const send = (res: ServerResponse, status: number, contentType: string, body: unknown, extra: Record<string, string> = {}): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': contentType,
      'Content-Length': Buffer.byteLength(text),
      'x-amzn-RequestId': randomUUID(),
      // The AWS SDK corrects its clock from this header, so it follows the double's clock.
      Date: new Date(nowMs()).toUTCString(),
      ...extra,
    });
    res.end(text);
  };

  const sendAwsError = (res: ServerResponse, error: AwsServiceError): void => {
    send(res, error.status, 'application/x-amz-json-1.1', { __type: error.type, message: error.message }, {
      'x-amzn-ErrorType': `${error.type}:`,
      'x-amzn-ErrorMessage': error.message,
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<StrictCognitoCall> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';

    if (method === 'GET' && url.pathname === jwksPath) {
      send(res, 200, 'application/json', issuerKeys.jwks);
      return { op: 'jwks', status: 200 };
    }

    if (method === 'POST' && url.pathname === '/oauth2/token') {
      const answer = oauthToken(
        { contentType: req.headers['content-type'], authorization: req.headers['authorization'], body: body.toString('utf8') },
        { issuer, issuerKeys, accessTokenSeconds, nowMs, findClient: (id) => pool.client(id) },
      );
      send(res, answer.status, 'application/json;charset=UTF-8', answer.body);
      return { op: 'oauth2/token', status: answer.status, ...(answer.error === undefined ? {} : { errorType: answer.error }) };
    }

    if (method !== 'POST' || url.pathname !== '/') {
      send(res, 404, 'application/json', { message: 'Not Found' });
      return { op: `${method} ${url.pathname}`, status: 404 };
    }

    const target = String(req.headers['x-amz-target'] ?? '');
    const op = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
    const call: StrictCognitoCall = { op: op === '' ? '(no X-Amz-Target)' : op, status: 200 };
    try {
      const mediaType = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!JSON_TYPES.includes(mediaType)) throw awsErrors.serialization(`Unsupported Content-Type: ${mediaType || '(none)'}`);
      if (!target.startsWith(TARGET_PREFIX) || !SIMULATED_OPS.has(op)) throw awsErrors.unknownOperation(target);
      if (SIGNED_OPS.has(op)) {
        await checkSigV4(
          { method, path: url.pathname, query: queryOf(url), headers: req.headers, body },
          { credentials, region, service: 'cognito-idp', nowMs: nowMs() },
        );
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.length === 0 ? '{}' : body.toString('utf8'));
      } catch {
        throw awsErrors.serialization('The request body is not valid JSON');
      }
      Object.assign(call, StrictUserPool.facts(parsed));
      checkUserPoolInput(op, parsed);
      const result = READ_OPS.has(op) ? readOperation(op, parsed, options, pool, poolId, region)
        : op === 'InitiateAuth' || op === 'AdminInitiateAuth'
          ? pool.initiateAuth(parsed, op === 'AdminInitiateAuth')
          : op === 'GetTokensFromRefreshToken'
            ? pool.getTokensFromRefreshToken(parsed)
            : pool.respondToAuthChallenge(parsed, op === 'AdminRespondToAuthChallenge');
      send(res, 200, 'application/x-amz-json-1.1', result);
      return call;
    } catch (error) {
      const known = error instanceof AwsServiceError ? error : awsErrors.internal();
      if (!(error instanceof AwsServiceError)) {
        // Visible in the test output; the call record keeps InternalErrorException for assertions.
        console.error('strict-cognito: unexpected error', error);
      }
      sendAwsError(res, known);
      return { ...call, status: known.status, errorType: known.type };
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (tooLarge) {
        const error = new AwsServiceError('SerializationException', 'Request entity too large', 413);
        sendAwsError(res, error);
        calls.push({ op: 'request too large', status: 413, errorType: error.type });
        return;
      }
      handle(req, res, Buffer.concat(chunks)).then(
        (call) => calls.push(call),
        (error: unknown) => {
          console.error('strict-cognito: request handling failed', error);
          if (!res.headersSent) sendAwsError(res, awsErrors.internal());
          calls.push({ op: 'unknown', status: 500, errorType: 'InternalErrorException' });
        },
      );
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;

  return {
    endpoint,
    oauthUrl: endpoint,
    poolId,
    region,
    issuer,
    jwks: issuerKeys.jwks,
    calls,
    count: (op, authFlow) =>
      calls.filter((c) => (op === undefined || c.op === op) && (authFlow === undefined || c.authFlow === authFlow)).length,
    setPassword: (username, password) => pool.setPassword(username, password),
    revokeRefreshTokens: (username) => pool.revokeRefreshTokens(username),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}

function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const existing = query[key];
    if (existing === undefined) query[key] = value;
    else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}
