// Which tokens a request needs (identity, token type, header or not): one routing, used by the fast path and the full code alike.

import { NOAUTH_REQUESTS_VARIABLE, referencedTokens, tagFromLocation, type TokenNeed } from '../core/identities';
import { referencedIamIdentities } from '../core/identity-pool/variables';
import { unknownReferences } from '../core/known-variables';
import { safeJsonParse } from '../core/safe-json';

export interface RequestNeeds {
  needs: TokenNeed[];
  /** Whether the token goes into the header (false when the request names token variables itself). */
  setHeader: boolean;
  /**
   * The identities whose cognito_iam_* variables the request names (issue 13): it gets their identity-pool
   * credentials (aws-credentials.ts) and no token, whatever else it names; `needs` is then empty.
   */
  awsCredentials?: string[];
  /**
   * Issue 20, S6: what would make the request go wrong unnoticed: a `{{cognito_*}}` reference to no output (sent
   * empty), or a tag whose token type is not id or access (the tag would be ignored). The full code fails the request
   * with a "did you mean"; `needs` is then empty.
   */
  typo?: { reference: string } | { tag: string };
}

/** A name tag with a token type that is neither id nor access (`@admin:acess`). */
const BAD_TYPE_TAG = /(?:^|\s)@[A-Za-z0-9][A-Za-z0-9_.-]{0,63}:(?!(?:id|access)\s*$)\S*\s*$/;

export const DEFAULT_NEED: TokenNeed = { identity: '', tokenType: undefined, source: 'the default identity' };

export const hasOwnHeader = (headerName: string): boolean => {
  let found = false;
  const wanted = headerName.toLowerCase();
  pm.request.headers.each((header) => {
    if (!header.disabled && header.key.toLowerCase() === wanted && String(header.value).trim() !== '') found = true;
  });
  return found;
};

/** Everything of the request that may refer to a token variable: its own auth, headers, URL and body. */
export const requestText = (): string => {
  const parts: string[] = [];
  const auth = pm.request.auth;
  if (auth) parts.push(JSON.stringify(typeof auth.toJSON === 'function' ? auth.toJSON() : auth));
  pm.request.headers.each((header) => {
    if (!header.disabled) parts.push(String(header.value));
  });
  parts.push(pm.request.url.toString());
  const body = pm.request.body;
  if (body && typeof body.raw === 'string') parts.push(body.raw);
  return parts.join('\n');
};

/**
 * Whether `pm-cognito run` listed this request as No Auth. In a v3 (Postman v12) collection run
 * `pm.request.auth` is undefined both for No Auth and for inherited auth, so the runner, which reads
 * the YAML, hands the No Auth requests' places over in this variable (folders and request, as JSON).
 */
const listedAsNoauth = (location: readonly string[]): boolean => {
  const listed = pm.variables.get(NOAUTH_REQUESTS_VARIABLE);
  if (typeof listed !== 'string' || listed === '') return false;
  const here = JSON.stringify(location.slice(1));
  const places = safeJsonParse(listed);
  return Array.isArray(places) && places.some((place) => JSON.stringify(place) === here);
};

/** What this request needs; undefined when it gets no token (No Auth, `@none`, its own auth of another kind). */
export const requestNeeds = (): RequestNeeds | undefined => {
  const auth = pm.request.auth;
  if (auth && auth.type === 'noauth') return undefined;
  const location = pm.execution && pm.execution.location ? Array.from(pm.execution.location) : [];
  if (!auth && listedAsNoauth(location)) return undefined;

  const text = requestText();
  const reference = unknownReferences(text).find((name) => pm.variables.get(name) === undefined);
  if (reference !== undefined) return { needs: [], setHeader: false, typo: { reference } };
  const badTag = location.slice(1).find((name) => BAD_TYPE_TAG.test(name));
  if (badTag !== undefined) return { needs: [], setHeader: false, typo: { tag: badTag } };
  // Issue 13: a request that names cognito_iam_* variables (AWS Signature auth) gets identity-pool credentials, no token.
  const iamIdentities = referencedIamIdentities(text);
  if (iamIdentities.length > 0) return { needs: [], setHeader: false, awsCredentials: iamIdentities };

  // 1. The request's own auth, headers, URL or body name token variables: fill exactly those.
  const references = referencedTokens(text);
  if (references.length > 0) return { needs: references, setHeader: false };
  // A request with its own auth of another kind (basic, AWS signature...) is left alone.
  if (auth) return undefined;

  // 2. A tag in the request's or a folder's name (`@admin`, `@reader:access`, `@none`), else the default identity.
  const tag = tagFromLocation(location);
  if (tag === 'none') return undefined;
  return { needs: [tag ?? DEFAULT_NEED], setHeader: true };
};
