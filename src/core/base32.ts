// Checks a base32 secret without decoding it: the settings table uses it, and it imports nothing (errors.ts reads that table).

export const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** What is wrong with a base32 secret, phrased to follow the setting's name (never quoting the secret); undefined when it decodes. */
export const base32Problem = (secret: string): string | undefined => {
  const clean = cleanBase32(secret);
  if (clean.length === 0) return 'is empty: set it to the base32 key the authenticator app was given';
  for (let i = 0; i < clean.length; i++) {
    if (BASE32_ALPHABET.indexOf(clean.charAt(i)) < 0) {
      return 'is not valid base32: character ' + (i + 1) + ' (not counting spaces) is not A-Z or 2-7: copy the key again';
    }
  }
  return undefined;
};

export const cleanBase32 = (secret: string): string => secret.replace(/\s+/g, '').replace(/=+$/, '').toUpperCase();
