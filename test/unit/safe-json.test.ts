// safeJsonParse never throws and drops __proto__; isRecord accepts plain objects only.

import { describe, expect, it } from 'vitest';
import { isRecord, safeJsonParse } from '../../src/core/safe-json';

describe('safeJsonParse', () => {
  it.each([['not json'], ['{"cut":'], [''], ['<html>']])('gives undefined for %j', (text) => {
    expect(safeJsonParse(text)).toBeUndefined();
  });
  it('drops __proto__ at any depth', () => {
    const value = safeJsonParse('{"a":{"__proto__":{"polluted":true}},"__proto__":{"x":1}}') as Record<string, Record<string, unknown>>;
    expect(Object.prototype.hasOwnProperty.call(value, '__proto__')).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(value['a']!['polluted']).toBeUndefined();
  });
  it('drops __proto__ written with \\u escapes too, and parses everything else as JSON.parse does', () => {
    for (const key of ['\\u005f\\u005fproto\\u005f\\u005f', '__pr\\u006fto__']) {
      const value = safeJsonParse('{"ok":1,"' + key + '":{"polluted":true}}') as Record<string, unknown>;
      expect(Object.keys(value)).toEqual(['ok']);
      expect(Object.prototype.hasOwnProperty.call(value, '__proto__')).toBe(false);
    }
    for (const text of ['{"a":[1,"\\u00e9",{"b":null}],"c":"x\\ny"}', '"\\u2028"', '[]', '3.5', '{"proto":"__proto"}']) expect(safeJsonParse(text)).toEqual(JSON.parse(text));
  });
  it('isRecord: objects, not arrays or null', () => {
    expect([{}, [], null, 'x', 1].map(isRecord)).toEqual([true, false, false, false, false]);
  });
});
