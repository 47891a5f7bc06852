/**
 * Index entries that hold one resource, or an array when there are more: most keys of a large
 * plan's indexes (a bucket's satellites of one type, the resources an identity value names) have
 * one, and an array per key was most of those indexes' memory.
 */
import type { Resource } from '../types';

export type OneOrMany = Resource | Resource[];

/** Add `resource` under `key`. */
export function addOne<K>(map: Map<K, OneOrMany>, key: K, resource: Resource): void {
  const seen = map.get(key);
  if (seen === undefined) map.set(key, resource);
  else if (Array.isArray(seen)) seen.push(resource);
  else map.set(key, [seen, resource]);
}

/** The resources of an entry, as a list. */
export const allOf = (entry: OneOrMany | undefined): Resource[] => (entry === undefined ? [] : Array.isArray(entry) ? entry : [entry]);
