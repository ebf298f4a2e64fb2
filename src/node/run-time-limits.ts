// The script time limit `pm-cognito run` gives its runners, from cognito_timeout_ms, so a Cognito call that never ends cannot hang a suite.

import { DEFAULT_RETRY } from '../core/cognito-client';
import { SETTING_SPECS } from '../core/setting-specs';
import { settingLookup } from './pre-authenticate';
import type { Variables } from './run-variables';

const TIMEOUT = SETTING_SPECS.timeoutMs;
/** cognito_timeout_ms's default (its table row), used where no identity sets it. */
const DEFAULT_TIMEOUT_MS = Number(TIMEOUT.defaultValue);
/** cognito_timeout_ms and cognito_timeout_ms@<identity> (variable names are [a-z_], nothing to escape). */
const OWN_OR_IDENTITY = new RegExp('^' + TIMEOUT.variable + '(@.+)?$');
/** Time for the rest of a script: computing, the fast path's fetch of the full code, the sandbox's own work. */
const SLACK_MS = 5_000;

/** The longest cognito_timeout_ms any identity of any suite sets (a `{{reference}}` resolved; a bad value is the script's to report). */
function longestCallLimit(variableSets: readonly Variables[]): number {
  let longest = 0;
  let unset = false;
  for (const variables of variableSets) {
    const lookup = settingLookup(variables);
    const names = Object.keys(variables).filter((name) => OWN_OR_IDENTITY.test(name));
    if (!names.includes(TIMEOUT.variable)) unset = true;
    for (const name of names) {
      const value = Number(lookup(name)?.trim());
      if (Number.isInteger(value) && value > 0) longest = Math.max(longest, value);
      else unset = true;
    }
  }
  return unset || longest === 0 ? Math.max(longest, DEFAULT_TIMEOUT_MS) : longest;
}

/**
 * Every script's time limit: one Cognito call with all its attempts and the pauses between them, plus
 * slack. newman's sandbox (and the Postman CLI's) waits for a pending pm.sendRequest even after the
 * script has given up on it, so without this a call that never answers hangs the suite for good.
 */
export function scriptTimeLimit(variableSets: readonly Variables[]): number {
  let pauses = 0;
  for (let i = 1; i < DEFAULT_RETRY.attempts; i++) pauses += Math.min(DEFAULT_RETRY.maxDelayMs, DEFAULT_RETRY.baseDelayMs * 2 ** (i - 1));
  return longestCallLimit(variableSets) * DEFAULT_RETRY.attempts + pauses + SLACK_MS;
}

/** What a suite whose script ran out of time is told (the runner's own message is "Script execution timed out"). */
export function scriptTimeoutNote(limitMs: number): string {
  return 'a script ran past the ' + limitMs + ' ms pm-cognito run allows it (cognito_timeout_ms × ' + DEFAULT_RETRY.attempts +
    ' attempts, with pauses, plus ' + SLACK_MS / 1000 + ' s): a Cognito call did not answer; check that cognito_endpoint is reachable, or raise cognito_timeout_ms';
}

/** Whether a runner's failure message is a script time-out. */
export function isScriptTimeout(message: string): boolean {
  return /script execution time(d out|out)/i.test(message);
}
