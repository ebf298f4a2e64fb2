import { describe, expect, it } from 'vitest';
import { BEGIN_MARKER, END_MARKER, installScript, scriptState } from '../../src/tools/install-script';

const base = { info: { name: 'c', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [] };

describe('installScript', () => {
  it('adds a pre-request event with the script between markers', () => {
    const out = JSON.parse(installScript(JSON.stringify(base), 'line 1\nline 2\n'));
    expect(out.event[0].listen).toBe('prerequest');
    expect(out.event[0].script.exec).toEqual([[BEGIN_MARKER, 'line 1', 'line 2', END_MARKER].join('\n')]);
  });
  it('is idempotent and replaces an older version', () => {
    const once = installScript(JSON.stringify(base), 'v1');
    expect(installScript(once, 'v1')).toBe(once);
    const updated = JSON.parse(installScript(once, 'v2'));
    expect(updated.event[0].script.exec).toEqual([[BEGIN_MARKER, 'v2', END_MARKER].join('\n')]);
  });
  it("keeps the collection's own script lines around the block", () => {
    const withOwn = { ...base, event: [{ listen: 'prerequest', script: { type: 'text/javascript', exec: ['// mine before', BEGIN_MARKER, 'old', END_MARKER, '// mine after'] } }] };
    const out = JSON.parse(installScript(JSON.stringify(withOwn), 'new'));
    expect(out.event[0].script.exec).toEqual([['// mine before', BEGIN_MARKER, 'new', END_MARKER, '// mine after'].join('\n')]);
    const plain = { ...base, event: [{ listen: 'prerequest', script: { exec: ['console.log(1)'] } }, { listen: 'test', script: { exec: ['x'] } }] };
    const out2 = JSON.parse(installScript(JSON.stringify(plain), 'new'));
    expect(out2.event[0].script.exec).toEqual([[BEGIN_MARKER, 'new', END_MARKER, 'console.log(1)'].join('\n')]);
    expect(out2.event[1]).toEqual({ listen: 'test', script: { exec: ['x'] } });
  });
  it("keeps the file's own indentation (Postman exports with tabs) and is a no-op when current", () => {
    const tabbed = JSON.stringify(base, null, '\t');
    const once = installScript(tabbed, 'v1');
    expect(once.split('\n')[1]).toMatch(/^\t"/);
    expect(installScript(once, 'v1')).toBe(once);
  });
  it('tells current, stale (older marker wording, other build, pasted without markers) and missing apart', () => {
    expect(scriptState([BEGIN_MARKER, 'v1', END_MARKER].join('\n'), 'v1\n')).toBe('current');
    expect(scriptState(['// >>> pm-cognito (managed by `npm run build`; edit outside these markers)', 'v1', END_MARKER].join('\n'), 'v1')).toBe('stale');
    expect(scriptState([BEGIN_MARKER, 'v0', END_MARKER].join('\n'), 'v1')).toBe('stale');
    expect(scriptState('// pm-cognito 0.1.0: Amazon Cognito sign-in for Postman and newman\n(() => {})();', 'v1')).toBe('stale');
    expect(scriptState('// pm-cognito 0.1.0: Amazon Cognito sign-in for Postman and newman\nv1\n', '// pm-cognito 0.1.0: Amazon Cognito sign-in for Postman and newman\nv1\n')).toBe('current');
    expect(scriptState('console.log(1)', 'v1')).toBe('missing');
    expect(scriptState('', 'v1')).toBe('missing');
  });
});
