/**
 * Link attributes: the top-level attributes the graph reads of every resource of a type to build
 * its indexes — identity values, the `bucket` a satellite configures, the bucket a workspace or
 * trail writes to. When a large plan's values stay in the file (`plan/store.ts`), these stay in
 * memory, so building an index reads nothing again. Any other attribute is read from the file:
 * this list decides speed, never results.
 */
import { IDENTITY_ATTRIBUTES } from './graph/identity';
import { type PathSeg, ValueView } from './value';

/** Attributes that point at another resource, whatever the type. */
const POINTERS = ['bucket', 'listener_arn', 's3_location', 's3_bucket_name', 'role', 'kms_key_id'];

const byType = new Map<string, readonly string[]>();

/** The link attributes of a type. */
export function linkAttributes(type: string): readonly string[] {
  let attributes = byType.get(type);
  if (!attributes) byType.set(type, (attributes = [...new Set([...(IDENTITY_ATTRIBUTES[type] ?? []), ...POINTERS])]));
  return attributes;
}

/** The link attributes of every type. */
export const LINK_ATTRIBUTE_NAMES: readonly string[] = [...new Set([...Object.values(IDENTITY_ATTRIBUTES).flat(), ...POINTERS])];

type Json = Record<string, unknown>;

/** Link attribute values kept for one resource: known scalars, or `UNKNOWN_LINK`. */
export type Links = Readonly<Record<string, unknown>>;

/** A link attribute known only after apply. */
const UNKNOWN_LINK = Symbol('known after apply');

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const isScalar = (value: unknown): boolean => value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * The link attributes of a resource's values that are scalars, or unknown as a whole; undefined
 * when it has none. A sensitive one is left out (read from the file, with its mask, when asked).
 * `intern` gives one copy of a string value many resources hold (a bucket's name is also the
 * `bucket` of each of its satellites).
 */
export function linksOf(type: string, after: unknown, afterUnknown: unknown, afterSensitive: unknown, intern: (text: string) => string = (text) => text): Links | undefined {
  const values = isObject(after) ? after : {};
  const unknown = isObject(afterUnknown) ? afterUnknown : {};
  const sensitive = isObject(afterSensitive) ? afterSensitive : {};
  let links: Json | undefined;
  for (const name of linkAttributes(type)) {
    if (sensitive[name] !== undefined && sensitive[name] !== false) continue;
    if (unknown[name] === true) (links ??= {})[name] = UNKNOWN_LINK;
    else if (name in values && isScalar(values[name]) && (unknown[name] === undefined || unknown[name] === false)) {
      const value = values[name];
      (links ??= {})[name] = typeof value === 'string' ? intern(value) : value;
    }
  }
  return links;
}

/**
 * The view at `path` when its first step is a kept link attribute: what the full values would give
 * (the attribute's view made directly, at its path, not as the child of a root made for it: the
 * graph reads link attributes of most resources, several times each).
 */
export function linkAt(links: Links, path: readonly PathSeg[]): ValueView | undefined {
  const name = path[0];
  if (typeof name !== 'string' || !Object.hasOwn(links, name)) return undefined;
  const value = links[name];
  const view = value === UNKNOWN_LINK ? new ValueView(null, true, undefined, [name]) : new ValueView(value, undefined, undefined, [name]);
  return path.length === 1 ? view : view.get(...path.slice(1));
}
