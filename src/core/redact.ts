// Keeps secret values and unbounded remote text out of everything pm-cognito prints or puts in an error.

/** Secrets shorter than this (Cognito allows no shorter password) are not searched for: they would blank out ordinary words. */
const MIN_SECRET_LENGTH = 6;

/** The most of a remote party's own text (Cognito's `message`) that is ever quoted. */
export const MAX_QUOTED_CHARS = 300;

/** Every secret value this process has seen (passwords, client secrets, keys, tokens); only ever compared, never shown. */
const known = new Set<string>();

/** Remembers secret values (undefined and short ones are skipped) so that later messages never show them. */
export const rememberSecrets = (values: ReadonlyArray<string | undefined>): void => {
  for (const value of values) if (value !== undefined && value.length >= MIN_SECRET_LENGTH) known.add(value);
};

/**
 * Forgets every remembered secret, as a new process starts. pm-cognito never calls it (a process remembers until it
 * ends); tests do, because one test process runs many files and each test must start as a new process would.
 */
export function forgetSecrets(): void {
  known.clear();
}

/** `text` with every known secret (and every one in `extra`) replaced by `[secret]`, longest first. */
export const redact = (text: string, extra: ReadonlyArray<string | undefined> = []): string => {
  const secrets = [...known, ...extra.filter((s): s is string => s !== undefined && s.length >= MIN_SECRET_LENGTH)];
  if (secrets.length === 0) return text;
  let out = text;
  for (const secret of secrets.sort((a, b) => b.length - a.length)) out = out.split(secret).join('[secret]');
  return out;
};

/** Remote text cut to `limit` characters, saying how much was left out. */
export const clip = (text: string, limit = MAX_QUOTED_CHARS): string => text.length <= limit ? text : text.slice(0, limit) + '... (' + (text.length - limit) + ' more characters)';
