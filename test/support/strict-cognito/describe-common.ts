// What the double's read-only operations share: reading their input as AWS validates it, and the pool's fixed dates.

import { AwsServiceError } from './aws-errors';

export type JsonObject = Record<string, unknown>;

/** When the double says the pool, clients and users were made (epoch seconds, as AWS's JSON protocol sends dates). */
export const CREATED_SECONDS = 1_767_225_600;

export function inputOf(body: unknown): JsonObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AwsServiceError('SerializationException', 'Start of structure or map found where not expected.');
  return body as JsonObject;
}

/** A required string member, refused with AWS's validation wording when missing or empty. */
export function required(input: JsonObject, key: string, member: string): string {
  const value = input[key];
  if (typeof value !== 'string' || value === '') {
    throw new AwsServiceError('InvalidParameterException', `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

export function checkPoolId(input: JsonObject, poolId: string): void {
  const asked = required(input, 'UserPoolId', 'userPoolId');
  if (asked !== poolId) throw new AwsServiceError('ResourceNotFoundException', `User pool ${asked} does not exist.`);
}
