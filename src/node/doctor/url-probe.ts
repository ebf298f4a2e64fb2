// --url: one request per URL with the token as the collection would send it; on 401/403, which token type and scheme would pass.

import { chosen } from '../../postman/token-outputs';
import type { CachedTokens } from '../../core/cache-entry';
import type { Settings, TokenType } from '../../core/settings';
import { variableName } from '../../core/setting-specs';
import { fail, ok, warn, type Finding } from './findings';

/** GET or HEAD; another method only when the user allowed it (--allow-any-method): it is sent without a body. */
export type UrlMethod = string;

interface Way {
  tokenType: TokenType;
  scheme: string;
}

/** The URL as shown: user-info masked, the query string and fragment left out (they may carry keys). */
export function shownUrl(url: string): string {
  const bare = url.replace(/[?#].*$/s, '');
  return bare.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1***@') + (bare.length < url.length ? '?…' : '');
}

/** The HTTP status, or why there is none. The body is never read (only its first bytes may arrive before we cancel). */
async function send(url: string, method: UrlMethod, headers: Record<string, string>, timeoutMs: number): Promise<number | string> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, { method, headers, redirect: 'manual', signal: controller.signal });
    await response.body?.cancel().catch(() => undefined);
    return response.status;
  } catch (error) {
    if (controller.signal.aborted) return 'no answer within ' + timeoutMs + ' ms';
    const cause = (error as { cause?: { code?: string } }).cause;
    return 'unreachable (' + (cause?.code ?? (error instanceof Error ? error.message : String(error))) + ')';
  } finally {
    clearTimeout(timer);
  }
}

function header(settings: Settings, tokens: CachedTokens, way: Way): Record<string, string> {
  const token = chosen({ idToken: tokens.idToken, accessToken: tokens.accessToken, tokenType: way.tokenType });
  return { [settings.headerName]: (way.scheme !== '' ? way.scheme + ' ' : '') + token };
}

const describeWay = (way: Way) => 'the ' + way.tokenType + ' token ' + (way.scheme === '' ? 'raw' : 'as ' + way.scheme);

/** The ways to try after the configured one was refused: the other token type and the other scheme. */
function otherWays(current: Way, tokens: CachedTokens): Way[] {
  const types: TokenType[] = tokens.idToken !== undefined ? ['id', 'access'] : ['access'];
  const schemes = [...new Set([current.scheme, current.scheme === '' ? 'Bearer' : '', 'Bearer'])];
  return types.flatMap((tokenType) => schemes.map((scheme) => ({ tokenType, scheme }))).filter((w) => w.tokenType !== current.tokenType || w.scheme !== current.scheme);
}

/** The settings that make `way` what the collection sends. */
function settingsFor(way: Way, current: Way, identity: string): string {
  const changes: string[] = [];
  if (way.tokenType !== current.tokenType) changes.push(variableName('tokenType', identity) + ' to ' + way.tokenType);
  if (way.scheme !== current.scheme) changes.push(variableName('headerScheme', identity) + (way.scheme === '' ? ' to empty (the raw token)' : ' to ' + way.scheme));
  return 'set ' + changes.join(' and ');
}

export async function probeUrl(url: string, method: UrlMethod, settings: Settings, tokens: CachedTokens): Promise<Finding> {
  const check = method + ' ' + shownUrl(url);
  const current: Way = { tokenType: settings.tokenType === 'id' && tokens.idToken !== undefined ? 'id' : 'access', scheme: settings.headerScheme };
  const status = await send(url, method, header(settings, tokens, current), settings.timeoutMs);
  if (typeof status === 'string') return fail(check, status, 'check the URL and that the API is running');
  const sent = describeWay(current) + ' in ' + settings.headerName;
  if (status >= 200 && status < 300) return ok(check, status + ' with ' + sent);
  if (status !== 401 && status !== 403) return warn(check, status + ' with ' + sent + ': not an authorization refusal, so the token was not judged here');
  for (const way of otherWays(current, tokens)) {
    const answer = await send(url, method, header(settings, tokens, way), settings.timeoutMs);
    if (typeof answer === 'number' && answer >= 200 && answer < 300) {
      return fail(check, status + ' with ' + sent + ', but ' + answer + ' with ' + describeWay(way), settingsFor(way, current, settings.identity));
    }
  }
  return fail(check, status + ' with ' + sent + ', and with every other token type and scheme',
    'no setting makes it pass: check that the API\'s authorizer uses this user pool and app client (' + settings.clientId + '), that the token is not expired, and that the access token carries the scopes the route wants');
}
