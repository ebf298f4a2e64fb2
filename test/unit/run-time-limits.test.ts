// The script time limit pm-cognito run sets (src/node/run-time-limits.ts): cognito_timeout_ms × attempts + pauses + slack.

import { describe, expect, it } from 'vitest';
import { isScriptTimeout, scriptTimeLimit, scriptTimeoutNote } from '../../src/node/run-time-limits';

describe('scriptTimeLimit', () => {
  it('is 4 attempts of cognito_timeout_ms, the pauses between them (250 + 500 + 1000 ms) and 5 s', () => {
    expect(scriptTimeLimit([{ cognito_timeout_ms: '1000' }])).toBe(4 * 1000 + 1750 + 5000);
    expect(scriptTimeLimit([{}])).toBe(4 * 10_000 + 1750 + 5000);
  });

  it('takes the longest of any identity and suite, references resolved, the default where one is unset or bad', () => {
    expect(scriptTimeLimit([{ cognito_timeout_ms: '1000', 'cognito_timeout_ms@admin': '{{slow}}', slow: '20000' }])).toBe(4 * 20_000 + 6750);
    expect(scriptTimeLimit([{ cognito_timeout_ms: '1000' }, {}])).toBe(4 * 10_000 + 6750);
    expect(scriptTimeLimit([{ cognito_timeout_ms: 'soon' }])).toBe(4 * 10_000 + 6750);
  });

  it('names cognito_timeout_ms when a script runs out of time', () => {
    expect(isScriptTimeout('Script execution timed out.')).toBe(true);
    expect(isScriptTimeout('sandbox: asynchronous script execution timeout')).toBe(true);
    expect(isScriptTimeout('expected 200')).toBe(false);
    expect(scriptTimeoutNote(10_750)).toMatch(/10750 ms .*cognito_timeout_ms/);
  });
});
