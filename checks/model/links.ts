/**
 * Link attributes: the top-level attributes the graph reads of every resource of a type to build
 * its indexes — identity values, the `bucket` a satellite configures, the bucket a workspace or
 * trail writes to. When a large plan's values stay in the file (`plan/store.ts`), these stay in
 * memory, so building an index reads nothing again. Any other attribute is read from the file:
 * this list decides speed, never results.
 */
import { IDENTITY_ATTRIBUTES } from './graph/identity';
import { ValueView } from './value';

/** Attributes that point at another resource, whatever the type. */
const POINTERS = ['bucket', 'listener_arn', 's3_location', 's3_bucket_name', 'role', 'kms_key_id'];

const byType = new Map<string, readonly string[]>();

function linkAttributes(type: string): readonly string[] {
  let attributes = byType.get(type);
  if (!attributes) byType.set(type, (attributes = [...new Set([...(IDENTITY_ATTRIBUTES[type] ?? []), ...POINTERS])]));
  return attributes;
}

type Json = Record<string, unknown>;
/** A mask that marks nothing, shared. */
const NOTHING: Json = Object.freeze({});
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const isScalar = (value: unknown): boolean => value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * The link attributes of a resource's values that are scalars or unknown as a whole, as a view;
 * undefined when it has none. Only attributes present in the view are answered from it.
 */
export function linkView(type: string, after: unknown, afterUnknown: unknown, afterSensitive: unknown): ValueView | undefined {
  const values = isObject(after) ? after : {};
  const unknown = isObject(afterUnknown) ? afterUnknown : {};
  const sensitive = isObject(afterSensitive) ? afterSensitive : {};
  let raw: Json | undefined;
  let unknownMask: Json | undefined;
  let sensitiveMask: Json | undefined;
  for (const name of linkAttributes(type)) {
    if (unknown[name] === true) {
      (raw ??= {})[name] = null;
      (unknownMask ??= {})[name] = true;
    } else if (name in values && isScalar(values[name]) && (unknown[name] === undefined || unknown[name] === false)) {
      (raw ??= {})[name] = values[name];
    } else {
      continue;
    }
    if (sensitive[name] !== undefined && sensitive[name] !== false) (sensitiveMask ??= {})[name] = sensitive[name];
  }
  return raw ? new ValueView(raw, unknownMask ?? NOTHING, sensitiveMask ?? NOTHING) : undefined;
}
