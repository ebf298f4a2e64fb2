// The last check before install writes: an edit that breaks the file or changes anything but the code is caught.

import { describe, expect, it } from 'vitest';
import { v21EditProblem, v3EditProblem } from '../../src/node/install-guard';

describe('v21EditProblem', () => {
  const before = '{"item": [], "n": 1, "event": [{"listen": "prerequest", "script": {"exec": ["old"]}}]}';
  it('accepts an edit of the code only, in either exec form', () => {
    expect(v21EditProblem(before, before.replace('["old"]', '"new"'), ['new'], 0)).toBeUndefined();
    expect(v21EditProblem('{"item": []}', '{"item": [], "event": [{"listen": "prerequest", "script": {"type": "text/javascript", "exec": ["new"]}}]}', ['new'], 0)).toBeUndefined();
  });
  it('refuses text that does not parse, a changed value elsewhere, and code that is not the new code', () => {
    expect(v21EditProblem(before, before.replace('["old"]', '["new"'), ['new'], 0)).toBe('the result is not a JSON object');
    expect(v21EditProblem(before, before.replace('["old"]', '["new"]').replace('"n": 1', '"n": 2'), ['new'], 0)).toBe('the result differs outside the pre-request script');
    expect(v21EditProblem(before, before.replace('["old"]', '["other"]'), ['new'], 0)).toBe('the result differs outside the pre-request script');
  });
});

describe('v3EditProblem', () => {
  const before = '$kind: collection\n# mine\nscripts:\n  - type: http:beforeRequest\n    code: old\nname: A\n';
  const TYPE = 'http:beforeRequest';
  it('accepts an edit of the code only, and an added item', () => {
    expect(v3EditProblem(before, before.replace('code: old', 'code: new'), 'new', TYPE)).toBeUndefined();
    expect(v3EditProblem('$kind: collection\n', '$kind: collection\nscripts:\n  - type: http:beforeRequest\n    code: new\n    language: text/javascript\n', 'new', TYPE)).toBeUndefined();
  });
  it('refuses YAML that does not parse, a changed key elsewhere, and code that is not the new code', () => {
    expect(v3EditProblem(before, before.replace('code: old', 'code: new\n]'), 'new', TYPE)).toMatch(/^the result is not valid YAML/);
    expect(v3EditProblem(before, before.replace('code: old', 'code: new').replace('name: A', 'name: B'), 'new', TYPE)).toBe('the result differs outside the http:beforeRequest script');
    expect(v3EditProblem(before, before.replace('code: old', 'code: other'), 'new', TYPE)).toBe('the result does not hold the new code');
  });
});
