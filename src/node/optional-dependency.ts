// The packages a user installs only for the feature that needs them: one place that finds them or names the line that installs them.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from './input-error';
import { packageRoot } from './package-root';

/**
 * Each optional feature and the packages it needs, first the one whose module is loaded. The versions come from
 * package.json's peerDependencies (all marked optional in peerDependenciesMeta), so the install line always names
 * the versions this release was tested with. tslib is there because Portman requires it without declaring it.
 */
export const OPTIONAL_FEATURES = {
  portman: ['@apideck/portman', 'tslib'],
  awsSdk: ['@aws-sdk/client-cognito-identity-provider'],
  identityPoolSdk: ['@aws-sdk/client-cognito-identity'],
  cognitoLocal: ['cognito-local'],
  jwtVerify: ['aws-jwt-verify'],
  htmlextra: ['newman-reporter-htmlextra'],
  postmanCli: ['@postman/pm-bin-linux-x64'],
} as const;

export type OptionalFeature = keyof typeof OPTIONAL_FEATURES;

function peerVersions(): Record<string, string> {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { peerDependencies?: Record<string, string> };
  return pkg.peerDependencies ?? {};
}

/** `npm i -D <name>@<version> ...`: exact versions pinned, ranges (tslib's) left to npm. */
export function installLine(feature: OptionalFeature): string {
  const versions = peerVersions();
  const spec = (name: string) => /^\d+\.\d+\.\d+$/.test(versions[name] ?? '') ? name + '@' + versions[name] : name;
  return 'npm i -D ' + OPTIONAL_FEATURES[feature].map(spec).join(' ');
}

/** Where `request` (a package name, or a file inside it) resolves from pm-cognito's own location, else undefined. */
export function findOptional(request: string, from?: string): string | undefined {
  try {
    return require.resolve(request, from !== undefined ? { paths: [from] } : undefined);
  } catch {
    return undefined;
  }
}

/**
 * The resolved path of the feature's first package (or of `entry` inside it), after checking that every package it
 * needs resolves beside it. Otherwise an InputError (exit 2) that names what needed it and the install line; callers
 * call this before they do anything, so a missing package never stops a command half-way.
 */
export function requireOptional(feature: OptionalFeature, neededBy: string, entry?: string): string {
  const [first, ...others] = OPTIONAL_FEATURES[feature];
  const main = findOptional(entry ?? first + '/package.json');
  const missing = main === undefined ? [first, ...others] : others.filter((name) => findOptional(name + '/package.json', dirname(main)) === undefined);
  if (main === undefined || missing.length > 0) {
    throw new InputError('pm-cognito: ' + neededBy + ' needs ' + missing.join(' and ') + (missing.length > 1 ? ', which are' : ', which is') + ' not installed: run `' + installLine(feature) + '` in this project');
  }
  return main;
}
