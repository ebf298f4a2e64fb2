// The one place that picks a suite's runner (src/node/runners/registry.ts): by name, else by what runs the suite's format.

import { describe, expect, it } from 'vitest';
import { DEFAULT_RUNNER, isRunnerName, RUNNER_NAMES, runnerFor, runnersOf } from '../../src/node/runners/registry';

describe('runnerFor', () => {
  it('v2.1 suites run with the requested runner, newman when none is named', () => {
    expect(DEFAULT_RUNNER).toBe('newman');
    expect(runnerFor('v2.1').name).toBe('newman');
    expect(runnerFor(undefined, 'newman').name).toBe('newman');
    expect(runnerFor('v2.1', 'postman').name).toBe('postman');
  });

  it('v3 directories run with the Postman CLI whatever was requested', () => {
    expect(runnerFor('v3').name).toBe('postman');
    expect(runnerFor('v3', 'newman').name).toBe('postman');
    expect(runnersOf([{ format: 'v2.1' }, { format: 'v3' }], undefined)).toEqual(new Set(['newman', 'postman']));
    expect(runnersOf([{ format: 'v2.1' }], 'postman')).toEqual(new Set(['postman']));
  });

  it('knows the names --runner takes', () => {
    expect(RUNNER_NAMES).toEqual(['newman', 'postman']);
    expect(isRunnerName('postman')).toBe(true);
    expect(isRunnerName('jest')).toBe(false);
  });
});
