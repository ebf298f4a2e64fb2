// JSON.parse that never throws and drops __proto__, for responses and cached values we do not trust.

export const safeJsonParse = (text: string): unknown => {
  try {
    // A key reads "__proto__" only if written so or with \u escapes (no other JSON escape makes a letter): only then the
    // reviver, which makes every parse several times slower (the fast path parses on every request).
    return JSON.parse(text, /__proto__|\\u/.test(text) ? (key, value: unknown) => (key === '__proto__' ? undefined : value) : undefined);
  } catch {
    return undefined;
  }
};

/** Whether `key` is the object's own (not inherited) property. */
export const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
