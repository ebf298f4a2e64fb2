// Which identity a request uses: variables it references, a tag in its name or its folder's, or the default.

import { IDENTITY_NAME, IDENTITY_NAME_PATTERN } from './identity-name';
import { SETTING_SPECS, type TokenType } from './setting-specs';

/** '' is the default identity. */
export interface TokenNeed {
  identity: string;
  /** Token type forced by the request (a tag like `@admin:access`); undefined keeps the identity's setting. */
  tokenType: TokenType | undefined;
  /** Where the choice came from, for debug output. */
  source: string;
}

/** `{{cognito_token}}`, `{{cognito_id_token@admin}}`, `{{cognito_access_token@reader}}` */
const TOKEN_REFERENCE = new RegExp('\\{\\{\\s*cognito_(id_|access_)?token(?:@(' + IDENTITY_NAME_PATTERN + '))?\\s*\\}\\}', 'g');
/** A trailing tag in a request or folder name: `Create pet @admin`, `@reader:access`, `@none`. */
const NAME_TAG = new RegExp('(?:^|\\s)@(' + IDENTITY_NAME_PATTERN + ')(?::(id|access))?\\s*$');

export const NO_TOKEN_TAG = 'none';
/** Set by `pm-cognito run` for v3 collections: JSON list of the No Auth requests' [folders..., request]. */
export const NOAUTH_REQUESTS_VARIABLE = 'pm_cognito_noauth_requests';
export const DEFAULT_TAG = 'default';

/** Token variables a text refers to, e.g. in the request's own auth or headers. */
export const referencedTokens = (text: string): TokenNeed[] => {
  const needs: TokenNeed[] = [];
  for (const match of text.matchAll(TOKEN_REFERENCE)) {
    const type = match[1] === 'id_' ? 'id' : match[1] === 'access_' ? 'access' : undefined;
    const identity = match[2] ?? '';
    if (!needs.some((n) => n.identity === identity && n.tokenType === type)) {
      needs.push({ identity, tokenType: type, source: 'the reference ' + match[0] });
    }
  }
  return needs;
};

/** Reads a name tag; undefined when the name has none. `none` means: send no token. */
export const nameTag = (name: string): { identity: string; tokenType: TokenType | undefined } | 'none' | undefined => {
  const match = NAME_TAG.exec(name);
  if (!match) return undefined;
  const tag = match[1]!;
  if (tag.toLowerCase() === NO_TOKEN_TAG) return 'none';
  if (!IDENTITY_NAME.test(tag)) return undefined;
  const identity = tag.toLowerCase() === DEFAULT_TAG ? '' : tag;
  return { identity, tokenType: match[2] as TokenType | undefined };
};

/**
 * Chooses from the item's location (collection, folders..., request name): the request's own tag
 * first, then the innermost folder with a tag. Returns 'none' for an opt-out, undefined for no tag.
 */
export const tagFromLocation = (location: readonly string[]): TokenNeed | 'none' | undefined => {
  // location[0] is the collection's name; its tag, if any, is not an item choice.
  for (let i = location.length - 1; i >= 1; i--) {
    const tag = nameTag(location[i]!);
    if (tag === 'none') return 'none';
    if (tag !== undefined) return { ...tag, source: (i === location.length - 1 ? 'the request name' : 'the folder "' + location[i] + '"') };
  }
  return undefined;
};

/** Identity names configured in a set of variable names (`cognito_username@admin` → admin): the table's `namesIdentity` settings. */
export const configuredIdentities = (variableNames: Iterable<string>): string[] => {
  const naming = Object.values(SETTING_SPECS).filter((spec) => spec.namesIdentity === true).map((spec) => spec.variable);
  const IDENTITY_VARIABLE = new RegExp('^(?:' + naming.join('|') + ')@(' + IDENTITY_NAME_PATTERN + ')$');
  const found = new Set<string>();
  for (const name of variableNames) {
    const match = IDENTITY_VARIABLE.exec(name);
    if (match) found.add(match[1]!);
  }
  return [...found].sort();
};
