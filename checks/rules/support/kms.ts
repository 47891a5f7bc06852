/**
 * Who owns the KMS key an attribute names: the customer (a key or alias of the input, a literal
 * `key/…` ARN, a key id, a customer alias) or AWS (an empty id, `alias/aws/…`, a key a KMS data
 * source of the input reads as AWS-managed). Values Terraform marks sensitive are never echoed.
 */
import { notEvaluatedAt } from '../../model/graph/config';
import type { Graph, Resource } from '../../model/types';
import type { PathSeg, ValueView } from '../../model/value';
import { resolutionReason } from './findings';
import { dataSourcesRead, type ReadValues } from './links';

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

/**
 * A data source (`data.aws_kms_alias`, `data.aws_kms_key`) is judged on the key it looks up: by the
 * `key_manager` a key data source read (a plan knows it), else by the id or alias it looks up.
 */
function classifyDataSource(source: Resource): KeyOwner {
  const manager = source.type === 'aws_kms_key' ? source.attr('key_manager').string() : undefined;
  if (manager?.kind === 'known' && manager.value === 'AWS') return { owner: 'aws', described: `the AWS-managed key ${source.address} reads (\`key_manager = "AWS"\`)` };
  if (manager?.kind === 'known' && manager.value === 'CUSTOMER') return { owner: 'customer', described: `key ${source.address}` };
  const view: ValueView = source.type === 'aws_kms_alias' ? source.attr('name') : source.type === 'awscc_kms_alias' ? source.attr('alias_name') : source.attr('key_id');
  const value = view.string();
  if (value.kind !== 'known') return { owner: 'unknown', reason: `the key ${source.address} looks up is known only after apply` };
  const verdict = classifyKeyLiteral(value.value, view.isSensitive);
  if (verdict.owner === 'aws') return { ...verdict, described: `the key ${source.address} looks up, ${verdict.described}` };
  return verdict.owner === 'customer' ? { owner: 'customer', described: `key ${source.address}` } : verdict;
}

/** The attributes of a KMS data source whose known values name the key it reads. */
const DATA_SOURCE_KEYS: Readonly<Record<string, readonly string[]>> = {
  aws_kms_key: ['arn', 'id', 'key_id'],
  aws_kms_alias: ['target_key_arn', 'target_key_id', 'arn', 'name', 'id'],
};

/** The spellings of a key or alias that name the same key: a key ARN is also its key id, an alias ARN its alias name. */
function keyForms(value: string): string[] {
  const inArn = /^arn:[^:]+:kms:[^:]*:[^:]*:(?:key\/(.+)|(alias\/.+))$/.exec(value);
  return inArn ? [value, inArn[1] ?? inArn[2]] : [value];
}

/** KMS data sources by each known spelling of the key they read. */
const KEYS_READ: ReadValues = { attributes: DATA_SOURCE_KEYS, forms: keyForms };

/**
 * A literal key, classified by its form, unless a KMS data source of the input read that very key
 * and found it AWS-managed: a plan gives `data.aws_kms_key.x.arn` of `alias/aws/kinesisvideo` as a
 * plain `key/…` ARN, which by its form alone would be a customer's.
 */
function classifyKeyValue(graph: Graph, resource: Resource, path: readonly PathSeg[], value: string, sensitive: boolean): KeyOwner {
  const verdict = classifyKeyLiteral(value, sensitive);
  if (verdict.owner !== 'customer') return verdict;
  const index = dataSourcesRead(graph, resource.input, KEYS_READ);
  const sources = [...new Set(keyForms(value).flatMap((form) => index.get(form) ?? []))];
  if (sources.length === 0) return verdict;
  // The data source the attribute's expression names, when it names one, is the one a message names.
  const named = new Set(resource.references(...path));
  const first = [...sources.filter((s) => named.has(`data.${s.type}.${s.name}`)), ...sources];
  return first.map(classifyDataSource).find((v) => v.owner === 'aws') ?? verdict;
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
    case 'resources': {
      const verdict = classifyTargets(resolution.targets);
      // Its code reads more than the key and does not give the key whole (`var.key != "" ? var.key : aws_kms_key.k.arn`,
      // `coalesce(var.key, aws_kms_key.k.arn)` with `var.key` not known: `Resolution.unknownPart`): it may be another key.
      if (resolution.unknownPart !== true || verdict.owner !== 'customer') return verdict;
      return { owner: 'unknown', reason: `it is known only after apply, and its expression may give the ARN of ${verdict.described} or another value it reads (a variable, a value not known)` };
    }
    case 'ambiguous': {
      const verdict = classifyTargets(resolution.candidates);
      return verdict.owner === 'customer' ? verdict : { owner: 'unknown', reason: `\`${path.join('.')}\` may name any of several keys` };
    }
    case 'value':
      return classifyKeyValue(graph, resource, path, resolution.value, view.isSensitive);
    case 'absent':
      return { owner: 'absent' };
    default: {
      const value = view.string();
      if (value.kind === 'known') return classifyKeyValue(graph, resource, path, value.value, view.isSensitive);
      const notEvaluated = notEvaluatedAt(resource.data.config, path);
      return { owner: 'unknown', reason: notEvaluated ?? `it is known only after apply and ${resolutionReason(resolution.reason, resource, path)}` };
    }
  }
}
