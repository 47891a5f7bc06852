/**
 * Which buckets a TwinMaker/CloudTrail-scoped rule applies to, from `bucketUsage` (support/s3.ts):
 * a bucket a workspace or trail writes to is in scope; a bucket that a workspace or trail with an
 * undeterminable target might write to is possibly in scope; any other bucket is out of scope.
 */
import type { Graph, Resource } from '../../model/types';
import type { Outcome } from '../types';
import { outcomesOf, undecided, type Problem } from './findings';
import { addresses, bucketUsage, isTrail } from './s3';

export type BucketScope =
  | { readonly status: 'in'; /** "it is used by awscc_iottwinmaker_workspace.w" */ readonly why: string }
  | { readonly status: 'maybe'; readonly why: string }
  | { readonly status: 'out' };

export interface ScopeOptions {
  readonly twinmaker: boolean;
  readonly cloudtrail: boolean;
}

/** Whether `bucket` is used by a TwinMaker workspace and/or a CloudTrail trail, as `options` asks. */
export function bucketScope(graph: Graph, bucket: Resource, options: ScopeOptions): BucketScope {
  const usage = bucketUsage(graph, bucket);
  const users = [...(options.twinmaker ? usage.twinmaker : []), ...(options.cloudtrail ? usage.cloudtrail : [])];
  if (users.length > 0) return { status: 'in', why: `it is used by ${addresses(users)}` };
  const wanted = usage.undetermined.filter((u) => (isTrail(u) ? options.cloudtrail : options.twinmaker));
  if (wanted.length > 0) return { status: 'maybe', why: `${addresses(wanted)} may write to it (their bucket is known only after apply)` };
  return { status: 'out' };
}

/**
 * A scoped rule's problems as outcomes: for a bucket in scope as they are, saying why the bucket is
 * in scope; for a bucket possibly in scope as `unknown` (a compliant bucket passes either way).
 */
export function scopedOutcomes(scope: Exclude<BucketScope, { status: 'out' }>, problems: readonly Problem[]): Outcome | Outcome[] {
  if (scope.status === 'in') return outcomesOf(problems.map((p) => ({ ...p, message: `${p.message} (Required because ${scope.why}.)` })));
  return outcomesOf(problems.map((p) => undecided(`${scope.why}, and ${p.message}`)));
}
