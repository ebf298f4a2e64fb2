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
  it('isRecord: objects, not arrays or null', () => {
    expect([{}, [], null, 'x', 1].map(isRecord)).toEqual([true, false, false, false, false]);
  });
});
