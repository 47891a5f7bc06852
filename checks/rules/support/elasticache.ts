/**
 * ElastiCache resource kinds, for the at-rest and in-transit rules. A replication group carries the
 * encryption settings; a serverless cache is always encrypted at rest and in transit; a node-based
 * `aws_elasticache_cluster` that belongs to a replication group is judged through the group, and a
 * standalone one can encrypt nothing but Memcached traffic in transit (Valkey and Redis OSS need a
 * replication group for either). A replication group that joins a global datastore as a secondary
 * (`global_replication_group_id`) takes its encryption from the datastore's primary: the module of
 * terraform-aws-modules/elasticache sets it to null there on purpose. An awscc replication group
 * joins one the same way; its datastore (`awscc_elasticache_global_replication_group`, which lists
 * members rather than a primary) is not followed, so such a secondary is `unknown`.
 */
import type { Graph, Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import { isFinding, type Outcome, unknown } from '../types';
import { knownString } from './s3';
import { setting } from './verdict';

const REPLICATION_GROUP = 'aws_elasticache_replication_group';
export const CLUSTER = 'aws_elasticache_cluster';
const SERVERLESS = 'aws_elasticache_serverless_cache';
/** The awscc types of CloudFormation's ReplicationGroup and ServerlessCache: the same settings under the same names and defaults. */
const AWSCC_REPLICATION_GROUP = 'awscc_elasticache_replication_group';
const AWSCC_SERVERLESS = 'awscc_elasticache_serverless_cache';
/** Every cache type the ElastiCache rules judge. */
export const CACHE_TYPES = [REPLICATION_GROUP, AWSCC_REPLICATION_GROUP, CLUSTER, SERVERLESS, AWSCC_SERVERLESS];

export type CacheKind =
  | { readonly kind: 'replication-group' | 'serverless' | 'group-member' }
  /** A standalone node-based cluster of `engine` (`memcached`, `redis`, `valkey`), in lower case. */
  | { readonly kind: 'standalone'; readonly engine: string; readonly view: ValueView }
  | { readonly kind: 'unknown-engine'; readonly view: ValueView };

export function cacheKind(cache: Resource): CacheKind {
  if (cache.type === REPLICATION_GROUP || cache.type === AWSCC_REPLICATION_GROUP) return { kind: 'replication-group' };
  if (cache.type === SERVERLESS || cache.type === AWSCC_SERVERLESS) return { kind: 'serverless' };
  const group = setting(cache, 'replication_group_id');
  if (knownString(group) !== undefined || group.isUnknown || cache.references('replication_group_id').length > 0) return { kind: 'group-member' };
  const view = setting(cache, 'engine');
  // The AWS provider 6 still takes any capitalisation (`Memcached`, `Valkey`); AWS reads them alike.
  const engine = knownString(view)?.toLowerCase();
  return engine === undefined ? { kind: 'unknown-engine', view } : { kind: 'standalone', engine, view };
}

const GLOBAL_REPLICATION_GROUP = 'aws_elasticache_global_replication_group';

/**
 * A secondary's verdict: `judge` of the primary replication group of the global datastore it joins,
 * reported on the secondary; unknown when the primary is not in the input. Undefined for a
 * replication group that joins none.
 */
export function throughGlobalPrimary(graph: Graph, group: Resource, judge: (primary: Resource) => Outcome | Outcome[], what: string): Outcome | Outcome[] | undefined {
  const joins = setting(group, 'global_replication_group_id');
  if (group.type === CLUSTER || (joins.isAbsent && group.references('global_replication_group_id').length === 0)) return undefined;
  const global = graph.resolve(group, ['global_replication_group_id'], [GLOBAL_REPLICATION_GROUP]);
  const datastore = global.status === 'resources' && global.targets.length === 1 ? global.targets[0] : undefined;
  const primary = datastore && graph.resolve(datastore, ['primary_replication_group_id'], [REPLICATION_GROUP]);
  if (primary?.status !== 'resources' || primary.targets.length !== 1) {
    return unknown(`This replication group joins a global datastore as a secondary and takes its ${what} from the datastore's primary, which the gate cannot find in this input. Check the primary's ${what}.`, { path: 'global_replication_group_id' });
  }
  const [source] = primary.targets;
  return [judge(source)].flat().map((outcome) =>
    isFinding(outcome)
      ? { ...outcome, message: `This secondary of ${datastore?.address} takes its ${what} from the primary ${source.address}: ${outcome.message}`, path: 'global_replication_group_id' }
      : outcome,
  );
}

export const REPLICATION_GROUP_FIX = `Use an ${REPLICATION_GROUP} (with \`num_cache_clusters = 1\` for a single node) instead of a standalone ${CLUSTER}.`;
