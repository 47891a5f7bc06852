/**
 * Verdicts on a single setting, shared by rules that check one attribute: a boolean that must be
 * true, a value that must be one of a set, a KMS key that must be customer-managed. A value unknown at plan
 * time is `unknown`, never `pass`; what an unset value means (the provider's or AWS's default) is
 * the caller's decision. Messages say what is wrong, then how to fix it.
 */
import { fail, isFinding, notApplicable, pass, unknown, type Outcome, type ResourceRule } from '../types';
import type { ConfigNode, Graph, Resource } from '../../model/types';
import { ValueView, type PathSeg } from '../../model/value';
import { ownAt } from '../../model/records';
import { configWalk, notEvaluatedAt } from '../../model/graph/config';
import { notKnown, withUnknownCause } from './findings';
import { keyOwner, type KeyOwner } from './kms';

/** What an unset attribute means for the rule. */
export type WhenAbsent = 'pass' | 'fail' | 'unknown';

export interface SettingSpec {
  /** The setting as a message names it: "`storage_encrypted`". */
  readonly what: string;
  /** How to fix it, in Terraform terms: "Set `storage_encrypted = true`." */
  readonly fix: string;
  /** Verdict when the attribute is not set. */
  readonly absent: WhenAbsent;
  /** What the default is when `absent` is `fail`: "the AWS-managed key aws/s3". */
  readonly absentMeans?: string;
  /** The values the code may give a setting not known at plan time (`ConfigNode.choices`): where every one is allowed, it passes. */
  readonly choices?: readonly unknown[];
}

const pathOf = (view: ValueView): string => view.path.map(String).join('.');

/** The `unknown` outcome for a value Terraform learns only at apply. */
export const unknownAtPlan = (view: ValueView, spec: Pick<SettingSpec, 'what' | 'fix'>): Outcome =>
  unknown(`${notKnown(view, spec.what)}, so the gate cannot vouch for it. ${spec.fix}`, { path: pathOf(view) });

/** The outcome for an unset attribute, by `spec.absent`. */
export function whenAbsent(view: ValueView, spec: SettingSpec): Outcome {
  if (spec.absent === 'pass') return pass();
  if (spec.absent === 'fail') {
    return fail(`${spec.what} is not set, so the default applies: ${spec.absentMeans ?? 'no encryption at rest'}. ${spec.fix}`, { path: pathOf(view) });
  }
  return unknown(`${spec.what} is not set, so the outcome depends on a default decided at apply time that the gate cannot vouch for. ${spec.fix}`, { path: pathOf(view) });
}

/** A boolean that must be true. */
export function requireTrue(view: ValueView, spec: SettingSpec): Outcome {
  const value = view.bool();
  if (value.kind === 'unknown') return unknownAtPlan(view, spec);
  if (value.kind === 'absent') return whenAbsent(view, spec);
  return value.value ? pass() : fail(`${spec.what} is false. ${spec.fix}`, { path: pathOf(view) });
}

/** A string that must be one of `allowed`; the value is quoted unless Terraform marks it sensitive. */
export function requireOneOf(view: ValueView, allowed: readonly string[], spec: SettingSpec): Outcome {
  const value = view.string();
  if (value.kind === 'unknown') return spec.choices?.every((choice) => typeof choice === 'string' && allowed.includes(choice)) ? pass() : unknownAtPlan(view, spec);
  if (value.kind === 'absent') return whenAbsent(view, spec);
  if (allowed.includes(value.value)) return pass();
  const shown = view.isSensitive ? 'a value marked sensitive' : `"${value.value}"`;
  return fail(`${spec.what} is ${shown}, not ${allowed.map((a) => `"${a}"`).join(' or ')}. ${spec.fix}`, { path: pathOf(view) });
}

/**
 * A KMS key that must be customer-managed (or, with `acceptAwsManaged`, any KMS key: an empty id is
 * none, judged as an attribute not set; SNS and SQS then encrypt with no KMS key, or not at all).
 * `view` is the key attribute, for the finding's path.
 */
function requireKey(owner: KeyOwner, view: ValueView, spec: SettingSpec & { readonly acceptAwsManaged?: boolean }): Outcome {
  switch (owner.owner) {
    case 'customer':
      return pass();
    case 'aws':
      if (spec.acceptAwsManaged && owner.empty) return whenAbsent(view, spec);
      return spec.acceptAwsManaged ? pass() : fail(`${spec.what} is ${owner.described}, not a customer-managed key. ${spec.fix}`, { path: pathOf(view) });
    case 'absent':
      return whenAbsent(view, spec);
    default:
      return unknown(`${spec.what}: ${owner.reason}, so the gate cannot vouch for the key. ${spec.fix}`, { path: pathOf(view) });
  }
}

/**
 * The KMS key at `view` (an attribute of `resource`) through `keyOwner`, judged by `requireKey`: a
 * key of the input passes although its ARN is known only after apply.
 */
export function requireKeyAt(graph: Graph, resource: Resource, view: ValueView, spec: SettingSpec & { readonly acceptAwsManaged?: boolean }): Outcome {
  const set = configured(resource, view);
  return set.isAbsent ? whenAbsent(set, spec) : requireKey(keyOwner(graph, resource, view.path), view, spec);
}

/** The worst of several outcomes: fail > unknown > pass > not-applicable. */
export function worst(outcomes: readonly Outcome[]): Outcome {
  const rank = { 'not-applicable': 0, pass: 1, unknown: 2, fail: 3 } as const;
  return outcomes.reduce<Outcome>((a, b) => (rank[b.status] > rank[a.status] ? b : a), { status: 'not-applicable' });
}

/**
 * The outcomes of one resource's several parts (a secret's replicas, a stage's method settings, a
 * project's outputs): each fail or unknown as its own finding, or, when there is none, the worst of
 * the rest (a pass, or not applicable) once.
 */
export function findingsOrWorst(outcomes: readonly Outcome[]): Outcome | readonly Outcome[] {
  const findings = outcomes.filter(isFinding);
  return findings.length > 0 ? findings : worst(outcomes);
}

/** Each failing or unknown outcome as its own finding; a resource whose outcomes all pass (or that has none) passes once. */
export const findingsOrPass = (outcomes: readonly Outcome[]): Outcome | readonly Outcome[] => findingsOrWorst([pass(), ...outcomes]);

/** Wrap `evaluate` so data sources (`data.aws_eks_cluster.x`) are not-applicable: rules judge what the apply manages. */
export const managedOnly =
  (evaluate: ResourceRule['evaluate']): ResourceRule['evaluate'] =>
  (resource, context) =>
    resource.mode === 'data' ? notApplicable() : evaluate(resource, context);

/**
 * The attribute at the end of a path of single nested blocks, whether a loader renders each block
 * as a one-element list (plan JSON, HCL) or as an object (cdk.tf.json):
 * `nested(table.values, 'server_side_encryption', 'enabled')`. An absent or unknown block gives an
 * absent or unknown attribute.
 */
export function nested(view: ValueView, ...path: string[]): ValueView {
  let current = view;
  for (const [i, key] of path.entries()) {
    if (i === path.length - 1) return current.get(key);
    const block = current.get(key).block();
    current = block.kind === 'known' ? block.value : current.get(key, 0);
  }
  return current;
}

/**
 * Whether the configuration writes something at `path`, where a single block may be an object or
 * a list of one. Inside a constant (an awscc attribute written as one object or list) the path goes
 * on in its value: a key the constant leaves out is not written.
 */
function writtenAt(node: ConfigNode | undefined, path: readonly PathSeg[]): boolean {
  const { node: at, rest } = configWalk(node, path);
  if (at === undefined || rest.length === 0) return at !== undefined;
  // The walk stopped at an expression: one not constant may write anything below it.
  if (at.kind !== 'expr' || !at.hasConstant) return true;
  const written = ownAt(at.constant, rest);
  return written !== undefined && written !== null;
}

/**
 * Whether a block on `path` is planned (and known) where the configuration has none: Terraform's plan JSON
 * leaves a `dynamic` block out of `configuration` (hashicorp/terraform#28346), so a value under it known only
 * after apply may be anything the block's content writes, not the provider's default. A block the provider
 * computes whole is unknown whole, and stays absent.
 */
function unseenBlockOn(resource: Resource, config: ConfigNode, path: readonly PathSeg[]): boolean {
  for (let end = 1; end < path.length; end += 1) {
    const { node } = configWalk(config, path.slice(0, end));
    if (node?.kind === 'expr') return false;
    if (node === undefined) return !resource.values.get(...path.slice(0, end)).isUnknown;
  }
  return false;
}

/**
 * An attribute as the configuration sets it: `nested(resource.values, ...path)`, except that a
 * value unknown in a plan only because the provider computes it when the configuration does not
 * write it (`sqs_managed_sse_enabled`, `storage_encrypted` of a cluster) is absent, as it is when
 * a .tf or cdk.tf.json input is read. The provider's default then decides, the same for every loader.
 */
export const setting = (resource: Resource, ...path: string[]): ValueView => configured(resource, nested(resource.values, ...path));

/** `view` (a view into `resource.values`) as the configuration sets it: see `setting`. */
export function configured(resource: Resource, view: ValueView): ValueView {
  const config = resource.data.config;
  if (!view.isUnknown || config === undefined) return view;
  if (resource.references(...view.path).length === 0 && !writtenAt(config, view.path) && !unseenBlockOn(resource, config, view.path)) {
    return new ValueView(undefined, undefined, undefined, view.path);
  }
  // Its code may call a function twinguard does not evaluate: not known here, though Terraform knows it at plan time.
  return withUnknownCause(view, notEvaluatedAt(config, view.path));
}
