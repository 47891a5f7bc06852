/**
 * Who owns the KMS key an attribute names: the customer (a key or alias of the input, a literal
 * `key/…` ARN, a key id, a customer alias) or AWS (an empty id, `alias/aws/…`). Values Terraform
 * marks sensitive are never echoed.
 */
import type { Graph, Resource } from '../../model/types';
import type { PathSeg, ValueView } from '../../model/value';
import { resolutionReason } from './findings';

const KEY_TYPES = ['aws_kms_key', 'aws_kms_alias', 'aws_kms_replica_key', 'aws_kms_external_key', 'awscc_kms_key', 'awscc_kms_alias'] as const;

export type KeyOwner =
  /** A customer-managed key; `described` names it for a message. */
  | { readonly owner: 'customer'; readonly described: string }
  /** An AWS-managed key (`alias/aws/<service>`, or an empty id: `empty`, which selects the service's own encryption, or none). */
  | { readonly owner: 'aws'; readonly described: string; readonly empty?: true }
  /** No key set: the service's default key applies. */
  | { readonly owner: 'absent' }
  | { readonly owner: 'unknown'; readonly reason: string };

const AWS_MANAGED_ALIAS = /(^|:)alias\/aws\//;
const KEY_ARN = /^arn:[^:]+:kms:[^:]*:[^:]*:key\/\S+$/;
const KEY_ID = /^(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const CUSTOMER_ALIAS = /^(arn:[^:]+:kms:[^:]*:[^:]*:)?alias\/\S+$/;

/** Classify a literal key id, key ARN or alias (AWS only lets aliases outside `alias/aws/` name customer keys). */
function classifyKeyLiteral(value: string, sensitive = false): KeyOwner {
  const shown = sensitive ? 'a key id marked sensitive' : `\`${value}\``;
  // Not every service has an AWS-managed key (CloudWatch Logs has none): what an empty id or an `alias/aws/` name gives is the service's.
  if (value.trim() === '') return { owner: 'aws', described: "an empty key id (the service's own encryption)", empty: true };
  if (AWS_MANAGED_ALIAS.test(value)) return { owner: 'aws', described: `${shown}, an AWS alias (the AWS-managed key, where the service has one)` };
  if (KEY_ARN.test(value) || KEY_ID.test(value) || CUSTOMER_ALIAS.test(value)) return { owner: 'customer', described: `key ${shown}` };
  return { owner: 'unknown', reason: `${shown} is not a KMS key id, key ARN or alias` };
}

/** A data source (`data.aws_kms_alias`, `data.aws_kms_key`) is judged on the key it looks up. */
function classifyDataSource(source: Resource): KeyOwner {
  const view: ValueView = source.type === 'aws_kms_alias' ? source.attr('name') : source.type === 'awscc_kms_alias' ? source.attr('alias_name') : source.attr('key_id');
  const value = view.string();
  if (value.kind !== 'known') return { owner: 'unknown', reason: `the key ${source.address} looks up is known only after apply` };
  const verdict = classifyKeyLiteral(value.value, view.isSensitive);
  return verdict.owner === 'customer' ? { owner: 'customer', described: `key ${source.address}` } : verdict;
}

function classifyTargets(targets: readonly Resource[]): KeyOwner {
  const verdicts = targets.map((t) => (t.mode === 'data' ? classifyDataSource(t) : { owner: 'customer' as const, described: `key ${t.address}` }));
  return verdicts.find((v) => v.owner !== 'customer') ?? { owner: 'customer', described: verdicts.map((v) => (v as { described: string }).described).join(', ') };
}

/**
 * Who owns the key named at `path` of `resource`: resolved through the graph to a key or alias of
 * the input (customer-managed; a data source is judged on what it looks up), else classified as a
 * literal. Unknown at plan time with no followable reference gives `unknown`.
 */
export function keyOwner(graph: Graph, resource: Resource, path: readonly PathSeg[]): KeyOwner {
  const view = resource.attr(...path);
  if (view.isAbsent && resource.references(...path).length === 0) return { owner: 'absent' };
  const resolution = graph.resolve(resource, path, KEY_TYPES);
  switch (resolution.status) {
    case 'resources':
      return classifyTargets(resolution.targets);
    case 'ambiguous': {
      const verdict = classifyTargets(resolution.candidates);
      return verdict.owner === 'customer' ? verdict : { owner: 'unknown', reason: `\`${path.join('.')}\` may name any of several keys` };
    }
    case 'value':
      return classifyKeyLiteral(resolution.value, view.isSensitive);
    case 'absent':
      return { owner: 'absent' };
    default: {
      const value = view.string();
      if (value.kind === 'known') return classifyKeyLiteral(value.value, view.isSensitive);
      return { owner: 'unknown', reason: `it is known only after apply and ${resolutionReason(resolution.reason, resource, path)}` };
    }
  }
}
