// AWS Signature Version 4 for the IAM-authorised Cognito calls (AdminInitiateAuth), without URL, Buffer or crypto.

import { hexEncode } from './bytes';
import { SettingsError } from './errors';
import { hmacSha256, sha256, type BytesLike } from './sha256';

export interface ParsedHttpUrl {
  scheme: 'http' | 'https';
  /** Lowercased host name, with ":port" only when the port is not the scheme's default (as the Host header carries it). */
  host: string;
  /** The path as written, "/" when empty. */
  path: string;
  /** The query string without "?", "" when absent. */
  query: string;
}

/** Splits http(s)://host[:port]/path[?query][#fragment]; the old Postman sandbox has no URL class. */
export function parseHttpUrl(url: string): ParsedHttpUrl {
  const match = /^(https?):\/\/([^/?#@\s]+)([^?#\s]*)(?:\?([^#\s]*))?(?:#\S*)?$/i.exec(url.trim());
  const authority = match === null ? null : /^([a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/i.exec(match[2]!);
  if (match === null || authority === null) {
    throw new SettingsError({ text:
      'The endpoint "' + url + '" is not an http(s) URL: expected something like https://cognito-idp.us-east-1.amazonaws.com/' });
  }
  const scheme = match[1]!.toLowerCase() === 'https' ? 'https' : 'http';
  const port = authority[2];
  const defaultPort = scheme === 'https' ? '443' : '80';
  const hostname = authority[1]!.toLowerCase();
  return {
    scheme,
    host: port === undefined || port === defaultPort ? hostname : hostname + ':' + port,
    path: match[3] === '' ? '/' : match[3]!,
    query: match[4] ?? '',
  };
}

export interface SignRequestInput {
  method: string;
  /** http(s)://host[:port]/path[?query]; the Host header is signed from it. */
  url: string;
  /** Headers the request will carry (besides Host); all are signed except those AWS never signs. */
  headers: Record<string, string>;
  body: BytesLike;
  region: string;
  /** Signing name, "cognito-idp" for user-pool APIs. */
  service: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** For temporary credentials; sent as X-Amz-Security-Token. */
  sessionToken?: string | undefined;
  /** Signing time, Unix milliseconds. */
  nowMs: number;
}

/** Headers AWS's signers leave out of the signature because proxies may change them. */
const UNSIGNED_HEADERS = [
  'authorization', 'cache-control', 'connection', 'expect', 'from', 'keep-alive', 'max-forwards', 'pragma',
  'referer', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'x-amzn-trace-id',
];
/** Headers the signature itself produces: any given ones are dropped, as AWS's signers do. */
const GENERATED_HEADERS = ['authorization', 'x-amz-date', 'date', 'x-amz-security-token', 'x-amz-content-sha256'];

/** RFC 3986 encoding, as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
function escapeUri(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Non-S3 canonical path: dot segments resolved, empty segments dropped, each segment encoded twice. */
function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalized = '/' + segments.join('/') + (segments.length > 0 && path.charAt(path.length - 1) === '/' ? '/' : '');
  return escapeUri(normalized).replace(/%2F/g, '/');
}

function decodeQueryPart(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function canonicalQuery(query: string): string {
  const pairs: Array<[string, string]> = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    pairs.push([escapeUri(decodeQueryPart(key)), escapeUri(decodeQueryPart(value))]);
  }
  pairs.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
  return pairs.map((p) => p[0] + '=' + p[1]).join('&');
}

function canonicalHeaderValue(value: string): string {
  return value.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').replace(/^ | $/g, '');
}

function isoBasic(nowMs: number): string {
  const date = new Date(nowMs);
  if (isNaN(date.getTime())) throw new RangeError('signRequest: nowMs is not a valid time: ' + nowMs);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/**
 * Signs a request with SigV4 and returns the headers to add to it: X-Amz-Date,
 * X-Amz-Content-Sha256 (AWS's JS SDK sends it to Cognito too), X-Amz-Security-Token when a
 * session token is given, and Authorization. Host is signed from the URL but not returned:
 * the HTTP client sends it.
 */
export function signRequest(input: SignRequestInput): Record<string, string> {
  const url = parseHttpUrl(input.url);
  const amzDate = isoBasic(input.nowMs);
  const shortDate = amzDate.slice(0, 8);
  const payloadHash = hexEncode(sha256(input.body));
  const added: Record<string, string> = { 'X-Amz-Date': amzDate };
  if (input.sessionToken) added['X-Amz-Security-Token'] = input.sessionToken;
  added['X-Amz-Content-Sha256'] = payloadHash;

  const canonical: Record<string, string> = { host: url.host };
  for (const name of Object.keys(input.headers)) {
    const lower = name.toLowerCase();
    if (UNSIGNED_HEADERS.indexOf(lower) >= 0 || GENERATED_HEADERS.indexOf(lower) >= 0) continue;
    if (/^(proxy-|sec-)/.test(lower) || lower === '__proto__') continue;
    canonical[lower] = canonicalHeaderValue(input.headers[name]!);
  }
  for (const name of Object.keys(added)) canonical[name.toLowerCase()] = added[name]!;
  const names = Object.keys(canonical).sort();
  const signedHeaders = names.join(';');

  const canonicalRequest = [
    input.method.toUpperCase(),
    canonicalPath(url.path),
    canonicalQuery(url.query),
    names.map((name) => name + ':' + canonical[name]).join('\n') + '\n',
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = shortDate + '/' + input.region + '/' + input.service + '/aws4_request';
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, hexEncode(sha256(canonicalRequest))].join('\n');

  let key = hmacSha256('AWS4' + input.secretAccessKey, shortDate);
  key = hmacSha256(key, input.region);
  key = hmacSha256(key, input.service);
  key = hmacSha256(key, 'aws4_request');
  const signature = hexEncode(hmacSha256(key, stringToSign));

  added['Authorization'] =
    'AWS4-HMAC-SHA256 Credential=' + input.accessKeyId + '/' + scope +
    ', SignedHeaders=' + signedHeaders + ', Signature=' + signature;
  return added;
}
