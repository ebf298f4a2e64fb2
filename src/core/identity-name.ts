// What an identity may be called: the one pattern for `@name` suffixes, name tags, token references and COGNITO_X__NAME.

/** Letters, digits, `_`, `-` and `.`, starting with a letter or digit, at most 64 characters. */
export const IDENTITY_NAME_PATTERN = '[A-Za-z0-9][A-Za-z0-9_.-]{0,63}';

export const IDENTITY_NAME = new RegExp('^' + IDENTITY_NAME_PATTERN + '$');

/** The variable that holds a setting for an identity: `cognito_password@admin` ('' is the default identity). */
export const withIdentity = (base: string, identity: string): string => identity ? base + '@' + identity : base;
