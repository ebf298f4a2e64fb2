// The note the full code leaves for the fast path: what it checked, so a later request can be served without checking again.
//
// The full code writes one entry per need (identity and forced token type) after it has served a request from a
// valid cache. The fast path serves a later request only while everything the entry recorded still holds:
// the same settings (a fingerprint), the same stored values (checksums of the token cache and of anything else
// the full code maintains), core deciding, on the stored entry and the clock, that the cache is used as it is,
// and no refused sign-in remembered in this run. Otherwise it declines and the full code runs.

import { isSecret, SETTING_SPECS, type SettingSpec, type TokenType } from '../core/setting-specs';
import type { TokenNeed } from '../core/identities';
import { isRecord, safeJsonParse } from '../core/safe-json';
import { readStored, variableSnapshot } from './variable-lookup';

/** Collection variable holding the note (JSON, no secret: settings only as a checksum, secrets only as a class). */
export const NOTE_VARIABLE = 'pm_cognito_fast_path';
/** Run-local flag set with every remembered refusal: while it is set, every request goes through the full code. */
export const REFUSAL_SEEN_VARIABLE = 'pm_cognito_refused_any';

/** What every entry records: enough to tell that the full code would serve from the stored value unchanged. */
export interface WatchedEntry {
  /** Fingerprint of the identity's settings (see settingsFingerprint, and iamFingerprint in fast-path-credentials.ts). */
  f: string;
  /**
   * The identity's refresh margin (seconds, as the settings resolved it): the fast path serves while core's decision
   * (cache-policy.ts `decide`, identity-pool/cache.ts `decideCredentials`) on the stored entry, the clock and this margin is "use".
   */
  m: number;
  /** Stored values that must be unchanged, as [variable, checksum]; the first is the cache served from. */
  w: Array<[string, string]>;
}

/** A token need's entry (the first watched value is the token cache). */
export interface NoteEntry extends WatchedEntry {
  /** Resolved token type, header name and scheme (they follow from the fingerprinted settings). */
  t: TokenType;
  h: string;
  s: string;
}

/** Token entries under needKey, AWS credentials entries (a WatchedEntry on the `pm_cognito_iam_<hash>` variable) under iamNeedKey. */
export type Note = Record<string, NoteEntry | WatchedEntry>;

/** Entries are per identity and forced token type: `@admin:access` and `@admin` may be served differently. */
export const needKey = (need: Pick<TokenNeed, 'identity' | 'tokenType'>): string => need.identity + ':' + (need.tokenType ?? '');

/** An identity's AWS credentials (cognito_iam_*, issue 13): one entry per identity, apart from its token entries. */
export const iamNeedKey = (identity: string): string => {
  return identity + ':iam';
};

/**
 * A 64-bit checksum (two FNV-1a variants and the length): detects any change of a stored value. Not a
 * security boundary: whoever can edit the cache can edit the note too, and could as well edit the request.
 */
export const checksum = (text: string): string => {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 16777619);
    b = Math.imul(b ^ c, 2246822507);
  }
  return (a >>> 0).toString(36) + '.' + (b >>> 0).toString(36) + '.' + text.length.toString(36);
};

/**
 * What a secret's value may change about the full code's decision without its value being recorded: whether
 * it is set, padded with whitespace (a settings error) or longer than Cognito allows (also an error).
 */
const secretClass = (value: unknown, maxLength: number | undefined): string => {
  if (value === undefined || value === null) return 'u';
  const text = String(value);
  if (text.trim() === '') return 'u';
  if (text !== text.trim()) return 'w';
  return maxLength !== undefined && text.length > maxLength ? 'l' : 's';
};

/** One settings table as the full code reads it for the identity (own `@identity` variable, else the default one where the setting allows that), secrets only by class. */
export const tableParts = <C>(specs: Readonly<Record<string, SettingSpec<C>>>, identity: string, lookup: (name: string) => unknown): Array<string | null> => {
  const parts: Array<string | null> = [];
  for (const key of Object.keys(specs)) {
    const spec = specs[key]!;
    let value = lookup(identity ? spec.variable + '@' + identity : spec.variable);
    if (identity && spec.perIdentity !== true && (value === undefined || value === null || String(value).trim() === '')) value = lookup(spec.variable);
    parts.push(isSecret(spec) ? secretClass(value, spec.maxLength) : value === undefined || value === null ? null : String(value));
  }
  return parts;
};

/**
 * Every setting of the identity (the user-pool table, setting-specs.ts). Derived from the table: a new setting is
 * covered. JSON keeps the parts apart whatever they hold (and the script free of control characters).
 */
export const settingsFingerprint = (identity: string, lookup: (name: string) => unknown = variableSnapshot()): string => checksum(JSON.stringify([identity, ...tableParts(SETTING_SPECS, identity, lookup)]));

/**
 * The first watched value's text when the entry still holds (same settings, every watched value unchanged), else
 * undefined. The fingerprint is computed after the cheap checks: it reads every setting.
 */
export const heldText = (entry: WatchedEntry | undefined, fingerprint: () => string): string | undefined => {
  if (entry === undefined || typeof entry.m !== 'number' || !Array.isArray(entry.w)) return undefined;
  if (entry.f !== fingerprint()) return undefined;
  let first: string | undefined;
  for (const [name, sum] of entry.w) {
    const text = readStored(name) ?? '';
    if (checksum(text) !== sum) return undefined;
    if (first === undefined) first = text;
  }
  return first;
};

export const readNote = (): Note | undefined => {
  const text = pm.collectionVariables.get(NOTE_VARIABLE);
  const note = typeof text === 'string' ? safeJsonParse(text) : undefined;
  return isRecord(note) ? (note as Note) : undefined;
};

/** Stores (or, with undefined, drops) one entry; the variable is written only when the note changes. */
export const updateNote = (key: string, entry: WatchedEntry | undefined): void => {
  const note: Note = { ...(readNote() ?? {}) };
  if (entry === undefined) {
    if (!(key in note)) return;
    delete note[key];
  } else {
    note[key] = entry;
  }
  const text = Object.keys(note).length === 0 ? '' : JSON.stringify(note);
  const current = pm.collectionVariables.get(NOTE_VARIABLE);
  if ((typeof current === 'string' ? current : '') !== text) pm.collectionVariables.set(NOTE_VARIABLE, text);
};
