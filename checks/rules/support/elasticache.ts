/**
 * ElastiCache resource kinds, for the at-rest and in-transit rules. A replication group carries the
 * encryption settings; a serverless cache is always encrypted at rest and in transit; a node-based
 * `aws_elasticache_cluster` that belongs to a replication group is judged through the group, and a
 * standalone one can encrypt nothing but Memcached traffic in transit (Valkey and Redis OSS need a
 * replication group for either).
 */
import type { Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import { knownString } from './s3';
import { setting } from './verdict';

export const REPLICATION_GROUP = 'aws_elasticache_replication_group';
export const CLUSTER = 'aws_elasticache_cluster';
export const SERVERLESS = 'aws_elasticache_serverless_cache';

export type CacheKind =
  | { readonly kind: 'replication-group' | 'serverless' | 'group-member' }
  /** A standalone node-based cluster of `engine` (`memcached`, `redis`, `valkey`). */
  | { readonly kind: 'standalone'; readonly engine: string; readonly view: ValueView }
  | { readonly kind: 'unknown-engine'; readonly view: ValueView };

export function cacheKind(cache: Resource): CacheKind {
  if (cache.type === REPLICATION_GROUP) return { kind: 'replication-group' };
  if (cache.type === SERVERLESS) return { kind: 'serverless' };
  const group = setting(cache, 'replication_group_id');
  if (knownString(group) !== undefined || group.isUnknown || cache.references('replication_group_id').length > 0) return { kind: 'group-member' };
  const view = setting(cache, 'engine');
  const engine = knownString(view);
  return engine === undefined ? { kind: 'unknown-engine', view } : { kind: 'standalone', engine, view };
}

export const REPLICATION_GROUP_FIX = `Use an ${REPLICATION_GROUP} (with \`num_cache_clusters = 1\` for a single node) instead of a standalone ${CLUSTER}.`;
