// The client_credentials grant of Cognito's /oauth2/token endpoint, with its OAuth error answers.

import { randomUUID } from 'node:crypto';
import type { JwtIssuer } from './jwt-issuer';
import { safeEqual } from './secret-hash';

export interface OAuthClient {
  readonly clientId: string;
  readonly clientSecret: string | undefined;
  /** Every active secret (one or two); either authenticates the client. */
  readonly secrets: readonly string[];
  readonly scopes: readonly string[] | undefined;
}

export interface OAuthRequest {
  readonly contentType: string | undefined;
  readonly authorization: string | undefined;
  readonly body: string;
}

export interface OAuthAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  /** The OAuth `error` when refused. */
  readonly error?: string;
}

export interface OAuthSettings {
  readonly issuer: string;
  readonly issuerKeys: JwtIssuer;
  readonly accessTokenSeconds: number;
  readonly nowMs: () => number;
  readonly findClient: (clientId: string) => OAuthClient | undefined;
}

const refuse = (error: string, status = 400): OAuthAnswer => ({ status, body: { error }, error });

/**
 * Real Cognito answers 400 with `{"error":"invalid_client"}` for bad client credentials (not 401), and
 * `invalid_request`, `unsupported_grant_type`, `unauthorized_client`, `invalid_scope` for the other faults.
 */
export function oauthToken(request: OAuthRequest, settings: OAuthSettings): OAuthAnswer {
  const mediaType = (request.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded') return refuse('invalid_request');
  const form = new URLSearchParams(request.body);
  const grantType = form.get('grant_type');
  if (grantType === null || grantType === '') return refuse('invalid_request');

  let clientId = form.get('client_id') ?? undefined;
  let clientSecret = form.get('client_secret') ?? undefined;
  if (request.authorization !== undefined) {
    const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.authorization);
    if (m === null) return refuse('invalid_client');
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return refuse('invalid_client');
    const basicId = decoded.slice(0, colon);
    if (clientId !== undefined && clientId !== basicId) return refuse('invalid_client');
    clientId = basicId;
    clientSecret = decoded.slice(colon + 1);
  }
  if (clientId === undefined || clientId === '') return refuse('invalid_client');
  const client = settings.findClient(clientId);
  if (client === undefined || client.clientSecret === undefined) return refuse('invalid_client');
  const given = clientSecret;
  if (given === undefined || !client.secrets.some((secret) => safeEqual(given, secret))) return refuse('invalid_client');

  if (grantType !== 'client_credentials') return refuse('unsupported_grant_type');
  if (client.scopes === undefined || client.scopes.length === 0) return refuse('unauthorized_client');

  const asked = form.get('scope');
  const scopes = asked === null || asked.trim() === '' ? [...client.scopes] : asked.trim().split(/\s+/);
  if (scopes.some((s) => !client.scopes!.includes(s))) return refuse('invalid_scope');

  const now = Math.floor(settings.nowMs() / 1000);
  const claims = {
    sub: client.clientId,
    token_use: 'access',
    scope: scopes.join(' '),
    auth_time: now,
    iss: settings.issuer,
    exp: now + settings.accessTokenSeconds,
    iat: now,
    version: 2,
    jti: randomUUID(),
    client_id: client.clientId,
  };
  return {
    status: 200,
    body: { access_token: settings.issuerKeys.sign(claims), expires_in: settings.accessTokenSeconds, token_type: 'Bearer' },
  };
}
