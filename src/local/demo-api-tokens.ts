// How the demo API checks a Cognito token, as API Gateway's Cognito authorizer and AppSync do: aws-jwt-verify with the pool's JWKS fetched by hand.

import type { IncomingMessage } from 'node:http';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { fetchJwks } from './pool-setup';

export interface Caller {
  username: string;
  tokenUse: 'id' | 'access';
  groups: string[];
  clientId: string;
}

/** The raw token (as API Gateway and AppSync expect it) or `Bearer <token>`. */
function tokenFrom(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined) return undefined;
  const token = header.replace(/^Bearer\s+/i, '').trim();
  return token === '' ? undefined : token;
}

/**
 * Reads the pool's keys once from cognito-local (http, which aws-jwt-verify will not fetch itself: hence
 * cacheJwks) and gives back the check: the verified caller, or undefined for a missing or invalid token.
 */
export async function createTokenCheck(cognitoEndpoint: string, userPoolId: string, clientIds: string[]): Promise<(req: IncomingMessage) => Caller | undefined> {
  // A cache whose fetcher refuses: a token with an unknown kid must fail, never send us to cognito-idp.amazonaws.com.
  const jwksCache = new SimpleJwksCache({
    fetcher: {
      fetch: (uri: string) => Promise.reject(new Error('The demo API does not download keys (asked for ' + uri + ')')),
    },
  });
  const verifier = CognitoJwtVerifier.create({ userPoolId, clientId: clientIds, tokenUse: null }, { jwksCache });
  verifier.cacheJwks(await fetchJwks(cognitoEndpoint, userPoolId));

  return (req) => {
    const token = tokenFrom(req);
    if (token === undefined) return undefined;
    let payload;
    try {
      // verifySync only uses the cached JWKS: signature, issuer, token_use, aud/client_id and expiry.
      payload = verifier.verifySync(token);
    } catch {
      return undefined;
    }
    const tokenUse = payload.token_use;
    const username = tokenUse === 'id' ? payload['cognito:username'] : payload.username;
    const clientId = tokenUse === 'id' ? payload.aud : payload.client_id;
    const groups = payload['cognito:groups'];
    return {
      username: typeof username === 'string' ? username : '',
      tokenUse,
      groups: Array.isArray(groups) ? groups.filter((group): group is string => typeof group === 'string') : [],
      clientId: typeof clientId === 'string' ? clientId : '',
    };
  };
}
