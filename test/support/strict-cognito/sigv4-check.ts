// Checks an AWS Signature V4 on an Admin* request the way AWS does, by signing the received request again with @smithy/signature-v4.

import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';
import { createHash } from 'node:crypto';
import { awsErrors } from './aws-errors';
import { safeEqual } from './secret-hash';

export interface SigningCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface ReceivedRequest {
  readonly method: string;
  /** Path without the query string, as received. */
  readonly path: string;
  readonly query: Record<string, string | string[]>;
  /** Header names in lower case, as node:http gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

export interface SigV4Expectation {
  readonly credentials: readonly SigningCredential[];
  readonly region: string;
  readonly service: string;
  readonly nowMs: number;
  /** How far X-Amz-Date may be from now; AWS allows 5 minutes for most JSON services. */
  readonly maxSkewMs?: number;
}

interface ParsedAuthorization {
  readonly accessKeyId: string;
  readonly scopeDate: string;
  readonly scopeRegion: string;
  readonly scopeService: string;
  readonly scopeTerminator: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

function headerText(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(',') : value;
}

function parseAuthorization(value: string): ParsedAuthorization {
  const prefix = 'AWS4-HMAC-SHA256 ';
  if (!value.startsWith(prefix)) {
    throw awsErrors.incompleteSignature(`Authorization header must start with 'AWS4-HMAC-SHA256'.`);
  }
  const fields = new Map<string, string>();
  for (const part of value.slice(prefix.length).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((k) => !fields.has(k));
  if (missing.length > 0) {
    throw awsErrors.incompleteSignature(missing.map((k) => `Authorization header requires '${k}' parameter.`).join(' '));
  }
  const scope = fields.get('Credential')!.split('/');
  if (scope.length !== 5) {
    throw awsErrors.incompleteSignature("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term.");
  }
  const [accessKeyId, scopeDate, scopeRegion, scopeService, scopeTerminator] = scope as [string, string, string, string, string];
  return {
    accessKeyId,
    scopeDate,
    scopeRegion,
    scopeService,
    scopeTerminator,
    signedHeaders: fields.get('SignedHeaders')!.split(';').filter((h) => h.length > 0),
    signature: fields.get('Signature')!,
  };
}

/** `20260103T040506Z` → epoch ms, or undefined when it is not that shape. */
function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (m === null) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isNaN(ms) ? undefined : ms;
}

function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Resolves when the request carries a valid signature from one of the credentials; otherwise throws
 * AwsServiceError with the type and wording AWS uses for that fault.
 */
export async function checkSigV4(request: ReceivedRequest, expect: SigV4Expectation): Promise<SigningCredential> {
  const authorization = headerText(request.headers['authorization']);
  if (authorization === undefined || authorization.length === 0) throw awsErrors.missingAuthToken();
  const auth = parseAuthorization(authorization);

  const credential = expect.credentials.find((c) => c.accessKeyId === auth.accessKeyId);
  if (credential === undefined) throw awsErrors.unrecognizedClient();
  const sentToken = headerText(request.headers['x-amz-security-token']);
  if ((credential.sessionToken ?? undefined) !== sentToken) throw awsErrors.unrecognizedClient();

  const dateText = headerText(request.headers['x-amz-date']);
  if (dateText === undefined) throw awsErrors.missingDate();
  const signedAt = parseAmzDate(dateText);
  if (signedAt === undefined) {
    throw awsErrors.incompleteSignature(`Date must be in ISO-8601 'basic format'. Got '${dateText}'. See http://en.wikipedia.org/wiki/ISO_8601`);
  }
  const skew = expect.maxSkewMs ?? 5 * 60 * 1000;
  if (signedAt < expect.nowMs - skew) {
    throw awsErrors.signatureExpired(dateText, amzDate(expect.nowMs - skew), amzDate(expect.nowMs));
  }
  if (signedAt > expect.nowMs + skew) {
    throw awsErrors.signatureNotYetCurrent(dateText, amzDate(expect.nowMs + skew), amzDate(expect.nowMs));
  }
  if (auth.scopeDate !== dateText.slice(0, 8)) throw awsErrors.scopeDateMismatch(auth.scopeDate, dateText.slice(0, 8), dateText);
  if (auth.scopeRegion !== expect.region) throw awsErrors.scopeRegion(auth.scopeRegion);
  if (auth.scopeService !== expect.service) throw awsErrors.scopeService(expect.service);
  if (auth.scopeTerminator !== 'aws4_request') throw awsErrors.scopeTerminator(auth.scopeTerminator);
  if (!auth.signedHeaders.includes('host')) throw awsErrors.hostNotSigned();

  // Rebuild the request from the headers the client says it signed, with their received values.
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = headerText(request.headers[name]);
    if (value === undefined) throw awsErrors.signatureMismatch();
    headers[name] = value;
  }
  // A signed x-amz-content-sha256 would let a client claim any body: sign the real body's hash instead.
  if (headers['x-amz-content-sha256'] !== undefined) {
    headers['x-amz-content-sha256'] = createHash('sha256').update(request.body).digest('hex');
  }
  const host = headers['host'] ?? '';
  const colon = host.lastIndexOf(':');
  const toSign: HttpRequest = {
    method: request.method,
    protocol: 'http:',
    hostname: colon > 0 ? host.slice(0, colon) : host,
    path: request.path,
    query: request.query,
    headers,
    body: request.body.toString('utf8'),
  };
  if (colon > 0) toSign.port = Number(host.slice(colon + 1));

  const signer = new SignatureV4({
    credentials: {
      accessKeyId: credential.accessKeyId,
      secretAccessKey: credential.secretAccessKey,
      ...(credential.sessionToken === undefined ? {} : { sessionToken: credential.sessionToken }),
    },
    region: expect.region,
    service: expect.service,
    sha256: Sha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(toSign, {
    signingDate: new Date(signedAt),
    signableHeaders: new Set(auth.signedHeaders),
  });
  const ours = /Signature=([0-9a-f]+)/.exec(String(signed.headers['authorization'] ?? ''))?.[1] ?? '';
  const ourSignedHeaders = /SignedHeaders=([^,]+)/.exec(String(signed.headers['authorization'] ?? ''))?.[1] ?? '';
  if (ourSignedHeaders !== [...auth.signedHeaders].sort().join(';') || !safeEqual(ours, auth.signature)) {
    throw awsErrors.signatureMismatch();
  }
  return credential;
}
