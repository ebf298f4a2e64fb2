// JSON.parse that never throws and drops __proto__, for responses and cached values we do not trust.

export const safeJsonParse = (text: string): unknown => {
  try {
    return JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value));
  } catch {
    return undefined;
  }
};

/** Whether `key` is the object's own (not inherited) property. */
export const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
