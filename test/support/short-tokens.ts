// Runs that outlive their tokens in about a second instead of several: what refresh tests need, without sleeping through seconds-long tokens.
//
// The script takes a token's lifetime as the shortest of Cognito's ExpiresIn and each JWT's exp - iat, and renews from half
// of it (cache-policy.ts). A 1-second access token (ExpiresIn 1, as Cognito says the access token's lifetime) beside a
// 60-second ID token therefore makes the script renew 500 ms after receipt, while the ID token it sends stays valid at the
// API however slowly a loaded machine runs. The script reads the real clock, so the test waits for real, but only 700 ms.

/** Access token lifetime (and so ExpiresIn) in seconds: the script renews 500 ms after receipt. */
export const SHORT_ACCESS_SECONDS = 1;
/** ID token lifetime in seconds: longer than any run here, so the API never sees an expired ID token. */
export const LONG_ID_SECONDS = 60;
/** Longer than the renewal point (half of SHORT_ACCESS_SECONDS): a request this long after a receipt must renew. */
export const PAST_RENEWAL_MS = 700;
/** Test-script lines that hold the run for PAST_RENEWAL_MS after a response (newman and the Postman CLI wait for timers). */
export const WAIT_PAST_RENEWAL = ['setTimeout(() => {}, ' + PAST_RENEWAL_MS + ');'];

/**
 * `n` items where every even one (0, 2, ...) waits past the renewal point after its response: each odd item must renew
 * (it comes at least 700 ms after the tokens it holds were received), and each even item after the first comes right
 * after a renewal, so it uses the cached tokens. A script that never renews fails `renewalsAtLeast`, one that renews on
 * every request fails `renewalsAtMost`.
 */
export function everyOtherOutlives(n: number, make: (i: number, wait: string[]) => object): object[] {
  return Array.from({ length: n }, (_, i) => make(i, i % 2 === 0 ? WAIT_PAST_RENEWAL : []));
}

/** Renewals `everyOtherOutlives(n)` must make at the least, after the first tokens (each odd item renews). */
export function renewalsAtLeast(n: number): number {
  return Math.floor(n / 2);
}

/**
 * Fewer than one renewal per request: a script that renews on every request makes n - 1 renewals after its sign-in
 * and fails this. Spare renewals for a loaded machine, where an even item can come more than 500 ms after the renewal
 * before it: at least one, and up to n - 2 in longer runs.
 */
export function renewalsAtMost(n: number): number {
  return Math.max(renewalsAtLeast(n) + 1, n - 2);
}
