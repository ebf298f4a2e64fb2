// Cognito's default password policy (8+ characters, upper, lower, digit, symbol), with AWS's rule texts.

/** Cognito's accepted symbol set for passwords. */
const SYMBOLS = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

/** The first rule `password` breaks, worded as AWS words it, or undefined when it conforms. */
export function passwordPolicyViolation(password: string): string | undefined {
  if (password.length < 8) return 'Password not long enough';
  if (!/[a-z]/.test(password)) return 'Password must have lowercase characters';
  if (!/[A-Z]/.test(password)) return 'Password must have uppercase characters';
  if (!/[0-9]/.test(password)) return 'Password must have numeric characters';
  if (!SYMBOLS.test(password)) return 'Password must have symbol characters';
  return undefined;
}
