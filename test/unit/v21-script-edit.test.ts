// The v2.1 editor: the block goes between markers in the collection's exec, every other byte of the file stays as written.

import { describe, expect, it } from 'vitest';
import { BEGIN_MARKER, END_MARKER, managedBlockCount, scriptState } from '../../src/core/managed-block';
import { ALONE_BEGIN } from '../support/managed-block-text';
import { installScript, prerequestCodeFromText } from '../../src/node/v21-script-edit';

const base = { info: { name: 'c', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [] };

describe('installScript', () => {
  it('adds a pre-request event with the script between markers', () => {
    const out = JSON.parse(installScript(JSON.stringify(base), 'line 1\nline 2\n'));
    expect(out.event[0].listen).toBe('prerequest');
    expect(out.event[0].script.exec).toEqual([[ALONE_BEGIN, 'line 1', 'line 2', END_MARKER].join('\n')]);
  });
  it('is idempotent and replaces an older version', () => {
    const once = installScript(JSON.stringify(base), 'v1');
    expect(installScript(once, 'v1')).toBe(once);
    const updated = JSON.parse(installScript(once, 'v2'));
    expect(updated.event[0].script.exec).toEqual([[ALONE_BEGIN, 'v2', END_MARKER].join('\n')]);
  });
  it("keeps the collection's own script lines around the block", () => {
    const withOwn = { ...base, event: [{ listen: 'prerequest', script: { type: 'text/javascript', exec: ['// mine before', BEGIN_MARKER, 'old', END_MARKER, '// mine after'] } }] };
    const out = JSON.parse(installScript(JSON.stringify(withOwn), 'new'));
    // The user's lines stay elements of their own; the block becomes one element.
    expect(out.event[0].script.exec).toEqual(['// mine before', [BEGIN_MARKER, 'new', END_MARKER].join('\n'), '// mine after']);
    const plain = { ...base, event: [{ listen: 'prerequest', script: { exec: ['console.log(1)'] } }, { listen: 'test', script: { exec: ['x'] } }] };
    const out2 = JSON.parse(installScript(JSON.stringify(plain), 'new'));
    expect(out2.event[0].script.exec).toEqual([[BEGIN_MARKER, 'new', END_MARKER].join('\n'), 'console.log(1)']);
    expect(out2.event[1]).toEqual({ listen: 'test', script: { exec: ['x'] } });
  });
  it("keeps the file's own indentation (Postman exports with tabs) and is a no-op when current", () => {
    const tabbed = JSON.stringify(base, null, '\t');
    const once = installScript(tabbed, 'v1');
    expect(once.split('\n')[1]).toMatch(/^\t"/);
    expect(installScript(once, 'v1')).toBe(once);
  });
  it('tells current, stale (older marker wording, other build, pasted without markers) and missing apart', () => {
    expect(scriptState([ALONE_BEGIN, 'v1', END_MARKER].join('\n'), 'v1\n')).toBe('current');
    // The script's only code with the plain begin line (installed before the line turned the legacy globals off): stale.
    expect(scriptState([BEGIN_MARKER, 'v1', END_MARKER].join('\n'), 'v1\n')).toBe('stale');
    // Beside code of the user's own: the plain begin line is current, the other one stale (that code may use the legacy globals).
    expect(scriptState([BEGIN_MARKER, 'v1', END_MARKER, 'mine();'].join('\n'), 'v1\n')).toBe('current');
    expect(scriptState([ALONE_BEGIN, 'v1', END_MARKER, 'mine();'].join('\n'), 'v1\n')).toBe('stale');
    expect(scriptState(['// >>> pm-cognito (managed by `npm run build`; edit outside these markers)', 'v1', END_MARKER].join('\n'), 'v1')).toBe('stale');
    expect(scriptState([BEGIN_MARKER, 'v0', END_MARKER].join('\n'), 'v1')).toBe('stale');
    expect(scriptState('// pm-cognito 0.1.0: Amazon Cognito sign-in for Postman and newman\n(() => {})();', 'v1')).toBe('stale');
    expect(scriptState('// pm-cognito 0.1.0: Amazon Cognito sign-in for Postman and newman\nv1\n', '// pm-cognito 0.1.0: Amazon Cognito sign-in for Postman and newman\nv1\n')).toBe('current');
    expect(scriptState('console.log(1)', 'v1')).toBe('missing');
    expect(scriptState('', 'v1')).toBe('missing');
  });
});

describe('installScript edits the text, keeping every byte outside the script', () => {
  const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

  it('keeps numbers beyond 2^53, escapes, spacing and key order: only the exec value changes', () => {
    const before = '{\n\t"info": {"name":   "caf\\u00e9", "schema": "' + SCHEMA + '", "_postman_id": 12345678901234567890},\n\t"item": [],\n' +
      '\t"event": [\n\t\t{\n\t\t\t"listen": "prerequest",\n\t\t\t"script": {\n\t\t\t\t"type": "text/javascript",\n\t\t\t\t"exec": [\n\t\t\t\t\t"mine();"\n\t\t\t\t]\n\t\t\t}\n\t\t}\n\t],\n\t"variable": [{"key": "n", "value": 1.50}]\n}\n';
    const out = installScript(before, 'v1\n');
    const start = before.indexOf('"exec": ') + 8;
    const end = before.indexOf(']', start) + 1;
    const outEnd = out.length - (before.length - end);
    expect(out.slice(0, start)).toBe(before.slice(0, start));
    expect(out.slice(outEnd)).toBe(before.slice(end));
    expect(out.slice(start, outEnd)).toBe('[\n\t\t\t\t\t' + JSON.stringify([BEGIN_MARKER, 'v1', END_MARKER].join('\n')) + ',\n\t\t\t\t\t"mine();"\n\t\t\t\t]');
    expect(out).toContain('12345678901234567890');
    expect(installScript(out, 'v1\n')).toBe(out);
  });

  it("keeps a CRLF file's line endings when it adds the event", () => {
    const before = JSON.stringify({ info: { name: 'c', schema: SCHEMA }, item: [{ name: 'r', id: 1 }] }, null, 2).replace(/\n/g, '\r\n') + '\r\n';
    const out = installScript(before, 'v1');
    expect(out.startsWith(before.slice(0, before.lastIndexOf('\r\n}')))).toBe(true);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(JSON.parse(out).event[0].script.exec).toEqual([[ALONE_BEGIN, 'v1', END_MARKER].join('\n')]);
  });

  it('puts a new prerequest event first in an existing event list and keeps the others as written', () => {
    const before = '{"info": {"name": "c"}, "item": [], "event": [ {"listen":"test","script":{"exec":"x()"}} ]}';
    const out = installScript(before, 'v1');
    expect(out.endsWith('{"listen":"test","script":{"exec":"x()"}} ]}')).toBe(true);
    expect(JSON.parse(out).event.map((e: { listen: string }) => e.listen)).toEqual(['prerequest', 'test']);
  });

  it('keeps exec a text when it was one', () => {
    const before = '{"item": [], "event": [{"listen": "prerequest", "script": {"exec": "mine();"}}]}';
    expect(JSON.parse(installScript(before, 'v1')).event[0].script.exec).toBe([BEGIN_MARKER, 'v1', END_MARKER, 'mine();'].join('\n'));
  });

  it('replaces every managed block when the script holds it twice (the second copy would run too), keeping the code between', () => {
    const twice = [BEGIN_MARKER, 'v1', END_MARKER, 'between();', BEGIN_MARKER, 'v0', END_MARKER, 'after();'].join('\n');
    expect(scriptState(twice, 'v1')).toBe('stale');
    const before = JSON.stringify({ item: [], event: [{ listen: 'prerequest', script: { exec: [twice] } }] });
    const out = JSON.parse(installScript(before, 'v1')).event[0].script.exec[0] as string;
    expect(out).toBe([BEGIN_MARKER, 'v1', END_MARKER, 'between();', 'after();'].join('\n'));
    expect(scriptState(out, 'v1')).toBe('current');
  });
});

describe('installScript: what the review found', () => {
  it("keeps the user's own exec lines byte for byte: their escapes, and one element per line", () => {
    const before = '{"item": [], "event": [{"listen": "prerequest", "script": {"exec": ["x\\/y\\u0041", "second();"]}}]}';
    const out = installScript(before, 'v1');
    expect(out).toContain('"x\\/y\\u0041", "second();"]');
    expect(JSON.parse(out).event[0].script.exec).toEqual([[BEGIN_MARKER, 'v1', END_MARKER].join('\n'), 'x/yA', 'second();']);
    // An update rewrites the block (one element) and nothing else.
    const updated = installScript(out, 'v2');
    expect(updated).toBe(out.replace(JSON.stringify([BEGIN_MARKER, 'v1', END_MARKER].join('\n')), JSON.stringify([BEGIN_MARKER, 'v2', END_MARKER].join('\n'))));
  });

  it('keeps the escapes of an exec that is one text', () => {
    const before = '{"item": [], "event": [{"listen": "prerequest", "script": {"exec": "a\\u0041();\\nb\\/c();"}}]}';
    const out = installScript(before, 'v1');
    expect(out).toContain('\\na\\u0041();\\nb\\/c();"');
    expect(JSON.parse(out).event[0].script.exec).toBe([BEGIN_MARKER, 'v1', END_MARKER, 'aA();', 'b/c();'].join('\n'));
  });

  it('counts managed blocks across every prerequest event: an older one in a second event is removed, the code around it stays', () => {
    const current = [BEGIN_MARKER, 'v1', END_MARKER].join('\n');
    const before = JSON.stringify({ item: [], event: [
      { listen: 'prerequest', script: { exec: [current] } },
      { listen: 'test', script: { exec: ['t()'] } },
      { listen: 'prerequest', script: { exec: ['mine();', BEGIN_MARKER, 'v0', END_MARKER, 'after();'] } },
    ] }, null, 2);
    expect(scriptState(prerequestCodeFromText(before), 'v1')).toBe('stale');
    expect(managedBlockCount(prerequestCodeFromText(before))).toBe(2);
    const out = installScript(before, 'v1');
    const events = JSON.parse(out).event;
    expect(events[0].script.exec).toEqual([current]);
    expect(events[1].script.exec).toEqual(['t()']);
    expect(events[2].script.exec).toEqual(['mine();', 'after();']);
    expect(scriptState(prerequestCodeFromText(out), 'v1')).toBe('current');
    expect(installScript(out, 'v1')).toBe(out);
  });

  it('steps over a UTF-8 byte-order mark and keeps it', () => {
    const before = '\ufeff' + JSON.stringify({ item: [] });
    const out = installScript(before, 'v1');
    expect(out.startsWith('\ufeff{')).toBe(true);
    expect(JSON.parse(out.slice(1)).event[0].script.exec).toEqual([[ALONE_BEGIN, 'v1', END_MARKER].join('\n')]);
  });
});
