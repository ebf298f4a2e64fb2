// The optional packages of `pm-cognito local`: what is missing is named with the exact install line.

import { describe, expect, it } from 'vitest';
import { missingLocalPackages } from '../../src/local/local-packages';

const nothing = (id: string): string => {
  throw Object.assign(new Error('Cannot find module ' + id), { code: 'MODULE_NOT_FOUND' });
};
const only = (name: string) => (id: string): string => (id === name || id.startsWith(name + '/') ? '/x/' + id : nothing(id));

describe('missingLocalPackages', () => {
  it('is undefined when cognito-local and aws-jwt-verify are installed (this repository)', () => {
    expect(missingLocalPackages(true)).toBeUndefined();
  });

  it('names cognito-local with its install line; aws-jwt-verify only with --demo-api', () => {
    expect(missingLocalPackages(false, nothing)).toBe('pm-cognito local needs cognito-local@5.3.0, which is not installed here: run\n  npm i -D cognito-local@5.3.0\nthen try again');
    expect(missingLocalPackages(true, nothing)).toContain('\n  npm i -D cognito-local@5.3.0\n  npm i -D aws-jwt-verify@5.2.1\n');
    expect(missingLocalPackages(false, only('cognito-local'))).toBeUndefined();
    expect(missingLocalPackages(true, only('cognito-local'))).toContain('npm i -D aws-jwt-verify@5.2.1');
  });
});
