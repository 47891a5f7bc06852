/**
 * Objects keyed by names that come from the input: tag keys, map keys, attribute and variable
 * names. Terraform allows any of them to be `__proto__`, `constructor` or `toString` (an AWS tag
 * key may be `__proto__`), so an object that holds them has no prototype, and reading one takes
 * only its own entries. On an ordinary object, `out["__proto__"] = value` sets the prototype instead
 * of an entry: a tag so named, holding an email address, was lost and passed the sensitive-data
 * rule; and `tags.constructor` reads `Object` where the input has no such key.
 */

/** An empty object with no prototype, for entries keyed by input names. */
export const record = <T = unknown>(): Record<string, T> => Object.create(null) as Record<string, T>;

/** The value of `object`'s own entry `key`; undefined when it has none (never one of `Object.prototype`). */
export const own = (object: object, key: PropertyKey): unknown => (Object.hasOwn(object, key) ? (object as Record<PropertyKey, unknown>)[key] : undefined);

/** The value at `path` in `value`, through own entries of objects and the indexes of arrays; undefined where there is none. */
export function ownAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || (Array.isArray(current) && typeof key !== 'number')) return undefined;
    current = own(current, key);
  }
  return current;
}

/** Whether `value` is a JSON object (not null, not an array). */
export const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
