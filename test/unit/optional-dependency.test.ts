// The optional peer dependencies: the install line each missing feature names, and where an installed one resolves.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/node/input-error';
import { installLine, OPTIONAL_FEATURES, requireOptional } from '../../src/node/optional-dependency';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string>; peerDependenciesMeta: Record<string, { optional: boolean }>; devDependencies: Record<string, string> };

describe('optional dependencies', () => {
  it('each feature\'s install line pins the versions of package.json\'s peerDependencies (tslib left to npm)', () => {
    expect(installLine('portman')).toBe('npm i -D @apideck/portman@' + pkg.peerDependencies['@apideck/portman'] + ' tslib');
    expect(installLine('awsSdk')).toBe('npm i -D @aws-sdk/client-cognito-identity-provider@' + pkg.peerDependencies['@aws-sdk/client-cognito-identity-provider']);
    expect(installLine('htmlextra')).toBe('npm i -D newman-reporter-htmlextra@' + pkg.peerDependencies['newman-reporter-htmlextra']);
    expect(installLine('postmanCli')).toBe('npm i -D @postman/pm-bin-linux-x64@' + pkg.peerDependencies['@postman/pm-bin-linux-x64']);
  });

  it('every package a feature needs is an optional peer dependency, and a devDependency of this repository at the same version', () => {
    for (const name of Object.values(OPTIONAL_FEATURES).flat()) {
      expect({ name, optional: pkg.peerDependenciesMeta[name]?.optional }).toEqual({ name, optional: true });
      if (/^\d/.test(pkg.peerDependencies[name]!)) expect({ name, dev: pkg.devDependencies[name] }).toEqual({ name, dev: pkg.peerDependencies[name] });
    }
  });

  it('an installed feature resolves to the file asked for', () => {
    expect(requireOptional('portman', 'test', '@apideck/portman/bin/portman')).toMatch(/node_modules\/@apideck\/portman\/bin\/portman(\.js)?$/);
    expect(requireOptional('htmlextra', 'test')).toMatch(/newman-reporter-htmlextra\/package\.json$/);
  });

  it('a package that does not resolve is an InputError (exit 2) naming what needed it and the install line', () => {
    let error: unknown;
    try {
      requireOptional('portman', 'pm-cognito portman', '@apideck/portman/bin/no-such-file');
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe('pm-cognito: pm-cognito portman needs @apideck/portman and tslib, which are not installed: run `npm i -D @apideck/portman@1.33.0 tslib` in this project');
  });
});
