// Checks the API base URL of a Portman run before anything is sent: a relative server (`/v3`) makes every request fail with "Invalid URI".

import { UsageError } from './usage-error';

/** Where the base URL came from, as the message names it. */
export type BaseUrlSource = '--base-url' | 'baseUrl in the environment' | 'the OpenAPI document\'s first server';

/**
 * Throws a usage error unless `value` is an absolute http(s) URL with a host. A value that still holds
 * `{{...}}` is resolved later by newman from the run's variables, so it is left alone.
 */
export function checkBaseUrl(value: string | undefined, source: BaseUrlSource): void {
  if (value === undefined) {
    throw new UsageError('pm-cognito portman: the OpenAPI document has no server and no base URL is set: pass --base-url https://<host>/<base path>');
  }
  if (value.includes('{{')) return;
  if (/^https?:\/\/[^/?#\s]+/i.test(value.trim())) return;
  const example = value.startsWith('/') ? 'https://<host>' + value : 'https://<host>/<base path>';
  throw new UsageError('pm-cognito portman: the API\'s base URL is "' + value + '" (' + source + '), which is not an absolute http(s) URL: pass --base-url ' + example);
}

/** The collection variable `baseUrl` Portman sets from the spec's first server, if any. */
export function collectionBaseUrl(collection: Record<string, unknown>): string | undefined {
  const variables = collection['variable'];
  if (!Array.isArray(variables)) return undefined;
  const entry = (variables as Array<{ key?: unknown; value?: unknown }>).find((v) => v.key === 'baseUrl');
  return entry !== undefined && typeof entry.value === 'string' && entry.value !== '' ? entry.value : undefined;
}
