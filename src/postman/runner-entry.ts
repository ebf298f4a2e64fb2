// The script `pm-cognito run` sends with each request: the fast path, and the full code fetched from the runner when it declines.
//
// The runner serves the full code on 127.0.0.1 for the length of the run (src/node/full-code-server.ts) and
// names the address in FULL_CODE_URL_VARIABLE. Only documented sandbox behaviour is used: pm.sendRequest and
// eval (direct, so the full code sees `pm` and the timers exactly as the installed script does).

import { serveFromNote } from './fast-path';
import { FULL_CODE_URL_VARIABLE } from './runner-variables';

/** Added by the build after this bundle: `eval(code)` at the script's top level, outside any bundled module. */
declare function pmCognitoEvalFullCode(code: string): void;

function report(message: string): void {
  pm.test('pm-cognito: sign in to Cognito', () => {
    throw new Error(message);
  });
  if (pm.execution && typeof pm.execution.skipRequest === 'function') pm.execution.skipRequest();
}

function runFullCode(): void {
  const url = pm.variables.get(FULL_CODE_URL_VARIABLE);
  if (typeof url !== 'string' || !/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) {
    report('pm-cognito: ' + FULL_CODE_URL_VARIABLE + ' is not set: this script is meant for `pm-cognito run`; install the script with `pm-cognito install` to run elsewhere');
    return;
  }
  pm.sendRequest({ url, method: 'GET', header: [], body: { mode: 'raw', raw: '' } }, (error, response) => {
    if (error || response.code !== 200) {
      report('pm-cognito: could not load the full script from `pm-cognito run` (' + (error ? error.code ?? error.message : 'HTTP ' + response.code) + '): the runner may have stopped; run again');
      return;
    }
    try {
      pmCognitoEvalFullCode(response.text());
    } catch (thrown) {
      report('pm-cognito: the full script from `pm-cognito run` failed to start: ' + (thrown instanceof Error ? thrown.message : String(thrown)));
    }
  });
}

if (!serveFromNote()) runFullCode();
