import { describe, expect, it } from 'vitest';
import { BEGIN_MARKER, END_MARKER, installScript } from '../../src/tools/install-script';

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
});
