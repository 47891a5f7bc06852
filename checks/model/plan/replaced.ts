/**
 * The strings of the old state that terraform prints beside a plan's new values: a change's
 * `before` (the left of `"jane.roe@example.com" -> "platform"`, every value of what it destroys or
 * replaces), both sides of a change made outside Terraform (`resource_drift`), an output's old value.
 * No rule reads them; the gate masks what the detectors find in them (`LoadedInput.replaced`).
 */
import type { PathSeg, StringLeaf } from '../value';

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The strings of `old` that `now` does not hold at the same place, each with its path under
 * `prefix` (an empty one too: a tag's key, in its path, may hold what its value does not). A string `now` holds there is searched with the new values (or marked sensitive or
 * unknown there, and then printed as neither): most of a plan of an estate in place is changes whose
 * `before` is their `after`, and none of their strings is returned.
 */
export function replacedStrings(old: unknown, now: unknown, prefix: readonly PathSeg[] = []): StringLeaf[] {
  const out: StringLeaf[] = [];
  const path: PathSeg[] = [...prefix];
  const visit = (value: unknown, current: unknown): void => {
    if (typeof value === 'string') {
      if (value !== current) out.push({ text: value, path: [...path] });
    } else if (Array.isArray(value)) {
      const list = Array.isArray(current) ? current : undefined;
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(value[i], list?.[i]);
        path.pop();
      }
    } else if (isObject(value)) {
      const object = isObject(current) ? current : undefined;
      for (const key of Object.keys(value)) {
        path.push(key);
        visit(value[key], object && Object.hasOwn(object, key) ? object[key] : undefined);
        path.pop();
      }
    }
  };
  visit(old, now);
  return out;
}
