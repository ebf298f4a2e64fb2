// App-client rules every flow applies: which flows it allows, and whether SECRET_HASH matches one of its secrets.

import { awsErrors, type AwsServiceError } from './aws-errors';
import type { ClientRecord } from './records';
import { safeEqual, secretHash } from './secret-hash';

export function allows(client: ClientRecord, allowFlag: string, legacyFlag?: string): boolean {
  return client.flows.has(allowFlag) || (legacyFlag !== undefined && client.flows.has(legacyFlag));
}

export function missingSecret(client: ClientRecord): AwsServiceError {
  return client.missingSecretWording === 'secret' ? awsErrors.missingSecretForSecret(client.clientId) : awsErrors.missingSecretHash(client.clientId);
}

/** SECRET_HASH made with any of the client's active secrets passes (two during a secret rotation). */
export function checkSecretHash(client: ClientRecord, username: string, provided: string | undefined): void {
  if (client.secrets.length === 0) {
    if (provided !== undefined) throw awsErrors.unexpectedSecretHash(client.clientId);
    return;
  }
  if (provided === undefined) throw missingSecret(client);
  if (!client.secrets.some((secret) => safeEqual(provided, secretHash(secret, username, client.clientId)))) throw awsErrors.badSecretHash(client.clientId);
}
