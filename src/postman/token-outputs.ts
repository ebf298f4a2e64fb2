// Writes a token set where requests find it (collection variables, the header): the same writes whichever path served the request.

import type { TokenType } from '../core/settings';
import { hasOwnHeader } from './request-needs';
import { setIfChanged } from './variable-lookup';

/** Collection variables that expose tokens to requests using Postman's own auth (`{{cognito_token@admin}}`). */
export function outputName(base: string, identity: string): string {
  return identity ? base + '@' + identity : base;
}

export interface TokenDelivery {
  identity: string;
  idToken: string | undefined;
  accessToken: string;
  tokenType: TokenType;
  headerName: string;
  headerScheme: string;
  setHeader: boolean;
}

/** The token a request sends: the ID token unless the access token is asked for (or there is no ID token). */
export function chosen(delivery: Pick<TokenDelivery, 'idToken' | 'accessToken' | 'tokenType'>): string {
  return delivery.tokenType === 'id' && delivery.idToken !== undefined ? delivery.idToken : delivery.accessToken;
}

export function deliverTokens(delivery: TokenDelivery): void {
  const token = chosen(delivery);
  setIfChanged(outputName('cognito_token', delivery.identity), token);
  setIfChanged(outputName('cognito_access_token', delivery.identity), delivery.accessToken);
  setIfChanged(outputName('cognito_id_token', delivery.identity), delivery.idToken ?? '');
  if (delivery.setHeader && !hasOwnHeader(delivery.headerName)) {
    pm.request.headers.upsert({ key: delivery.headerName, value: delivery.headerScheme ? delivery.headerScheme + ' ' + token : token });
  }
}
