// Reading request fields without trusting their shape (after the model check, these only guard what it cannot see).

import { awsErrors } from './aws-errors';
import type { JsonObject } from './records';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(body: unknown): JsonObject {
  if (!isObject(body)) throw awsErrors.serialization('Start of structure or map expected');
  return body;
}

export function optionalString(input: JsonObject, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw awsErrors.serialization(`${key}: expected a string`);
  return value;
}

export function requiredString(input: JsonObject, key: string, member: string): string {
  const value = optionalString(input, key);
  if (value === undefined) throw awsErrors.nullMember(member);
  return value;
}

/** An AuthParameters or ChallengeResponses entry that must be present and non-empty. */
export function requiredParam(params: Readonly<Record<string, string>>, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') throw awsErrors.missingParameter(name);
  return value;
}

export function stringMap(input: JsonObject, key: string): Record<string, string> {
  const value = input[key];
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw awsErrors.serialization(`${key}: expected a map of strings`);
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw awsErrors.serialization(`${key}.${k}: expected a string`);
    out[k] = v;
  }
  return out;
}
