// The optional packages `pm-cognito local` needs (devDependencies of pm-cognito, absent where it is installed), checked before anything starts.

import { installLine } from '../node/optional-dependency';

/** The install lines, with the exact versions pm-cognito is tested with (package.json's optional peerDependencies). */
export const LOCAL_PACKAGES = { cognitoLocal: installLine('cognitoLocal').replace(/^npm i -D /, ''), awsJwtVerify: installLine('jwtVerify').replace(/^npm i -D /, '') } as const;

/** What is loaded from each: resolvable only when the package is installed (aws-jwt-verify exports no package.json). */
const ENTRY = { 'cognito-local': 'cognito-local/lib/bin/start.js', 'aws-jwt-verify': 'aws-jwt-verify' } as const;

function installed(name: keyof typeof ENTRY, resolve: (id: string) => string): boolean {
  try {
    resolve(ENTRY[name]);
    return true;
  } catch {
    return false;
  }
}

/**
 * The install line for what is missing (cognito-local always; aws-jwt-verify with --demo-api), or undefined when
 * all is there. `resolve` is require.resolve; tests pass one that finds nothing.
 * (A shared resolver for optional packages may replace this check.)
 */
export function missingLocalPackages(demoApi: boolean, resolve: (id: string) => string = require.resolve): string | undefined {
  const missing: string[] = [];
  if (!installed('cognito-local', resolve)) missing.push(LOCAL_PACKAGES.cognitoLocal);
  if (demoApi && !installed('aws-jwt-verify', resolve)) missing.push(LOCAL_PACKAGES.awsJwtVerify);
  if (missing.length === 0) return undefined;
  return 'pm-cognito local needs ' + missing.join(' and ') + (missing.length === 1 ? ', which is' : ', which are') + ' not installed here: run\n  ' +
    missing.map((m) => 'npm i -D ' + m).join('\n  ') + '\nthen try again';
}
