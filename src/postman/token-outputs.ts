// Writes a token set where requests find it (collection variables, the header): the same writes whichever path served the request.

import { withIdentity } from '../core/identity-name';
import type { TokenType } from '../core/settings';
import { hasOwnHeader } from './request-needs';
import { setIfChanged } from './variable-lookup';

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
export const chosen = (delivery: Pick<TokenDelivery, 'idToken' | 'accessToken' | 'tokenType'>): string => delivery.tokenType === 'id' && delivery.idToken !== undefined ? delivery.idToken : delivery.accessToken;

export const deliverTokens = (delivery: TokenDelivery): void => {
  const token = chosen(delivery);
  // Collection variables that expose tokens to requests using Postman's own auth (`{{cognito_token@admin}}`).
  const outputs: Array<[string, string]> = [['cognito_token', token], ['cognito_access_token', delivery.accessToken], ['cognito_id_token', delivery.idToken ?? '']];
  for (const [base, value] of outputs) setIfChanged(withIdentity(base, delivery.identity), value);
  if (delivery.setHeader && !hasOwnHeader(delivery.headerName)) {
    pm.request.headers.upsert({ key: delivery.headerName, value: delivery.headerScheme ? delivery.headerScheme + ' ' + token : token });
  }
};
