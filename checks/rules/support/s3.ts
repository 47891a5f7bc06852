/**
 * S3 helpers shared by the rule categories: who uses a bucket (TwinMaker workspaces, CloudTrail
 * trails), which satellite resource configures it (SSE, policy, public-access block, logging…),
 * and the bucket's effective default encryption. Every answer is three-state: a link the graph
 * cannot follow is `undetermined`, never "none".
 *
 * A bucket is an `aws_s3_bucket` or an `awscc_s3_bucket` (Cloud Control, the provider TwinMaker
 * users already run for the workspace). An awscc bucket carries its settings as its own
 * attributes (`bucket_encryption`, `public_access_block_configuration`…), which Cloud Control
 * reads back, so they are the truth, unlike the AWS provider's deprecated inline blocks; when the
 * configuration leaves one unset, an AWS-provider satellite pointing at the bucket may set it.
 */
import type { Graph, Resource } from '../../model/types';
import type { Val, ValueView } from '../../model/value';
import { noKnownValue } from '../../model/not-evaluated';
import { configSets, listed, resolutionReason } from './findings';
import { setting } from './verdict';

const BUCKET_TYPE = 'aws_s3_bucket';
const AWSCC_BUCKET_TYPE = 'awscc_s3_bucket';
/** Both bucket types, for lookups and for the bucket rules' `appliesTo`. */
export const BUCKET_TYPES: readonly string[] = [BUCKET_TYPE, AWSCC_BUCKET_TYPE];
export const WORKSPACE_TYPE = 'awscc_iottwinmaker_workspace';
/** A TwinMaker scene: its content definition file (`content_location`, `s3://bucket/key`) is workspace data too. */
export const SCENE_TYPE = 'awscc_iottwinmaker_scene';
/** What keeps TwinMaker data in a bucket. */
export const TWINMAKER_TYPES: readonly string[] = [WORKSPACE_TYPE, SCENE_TYPE];
const TRAIL_TYPE = 'aws_cloudtrail';
/** Both trail types: the AWS provider's and Cloud Control's (awscc). */
export const TRAIL_TYPES: readonly string[] = [TRAIL_TYPE, 'awscc_cloudtrail_trail'];
export const isTrail = (resource: Resource): boolean => TRAIL_TYPES.includes(resource.type);

/** The attribute through which each bucket user names its bucket. */
const BUCKET_ATTRIBUTE: Readonly<Record<string, string>> = {
  [WORKSPACE_TYPE]: 's3_location',
  [SCENE_TYPE]: 'content_location',
  [TRAIL_TYPE]: 's3_bucket_name',
  awscc_cloudtrail_trail: 's3_bucket_name',
};

/** `a.b, c.d` — resource addresses for a message, the first `LISTED` of them. */
export const addresses = (resources: readonly Resource[]): string => listed(resources.map((r) => r.address));

/**
 * Why satellites may apply to a subject and no more: `oneInstance`'s message for those it has one for
 * (`linkMessage`: those that name one of the instances the subject stands for, or are made by a function), a message
 * for those that may not be created
 * (`ResourceData.existsIf`: a count or for_each not known), and `linkReason` for the others, whose
 * target is not known.
 */
export function mayApply(candidates: readonly Resource[], linkReason: (others: readonly Resource[]) => string, oneInstance?: (candidate: Resource) => string | undefined): string {
  const partial = candidates.flatMap((c) => {
    const message = oneInstance?.(c);
    return message === undefined ? [] : [{ candidate: c, message }];
  });
  const rest = candidates.filter((c) => !partial.some((p) => p.candidate === c));
  const conditional = rest.filter((c) => c.data.existsIf !== undefined);
  const others = rest.filter((c) => c.data.existsIf === undefined);
  const conditions = [...new Set(conditional.flatMap((c) => c.data.existsIf ?? []))].map((condition) => `\`${condition}\``);
  const created =
    conditional.length === 0 ? [] : [`cannot tell whether ${addresses(conditional)} will be created: ${noKnownValue(conditions)}`];
  return [...partial.map((p) => p.message), ...created, ...(others.length > 0 ? [linkReason(others)] : [])].join('; ');
}

/**
 * For `mayApply`: the message for a satellite whose `via` names one instance of a block whose count
 * or for_each is not known (`aws_s3_bucket.data[0]`), where `subject` stands for all its instances
 * (`Resolution.oneInstance`), or whose code makes its `via` from a resource by a function or a template
 * (`replace(aws_s3_bucket.b.id, "x", "y")`, `"${aws_s3_bucket.b.id}-logs"`: `Resolution.made`); undefined for
 * any other satellite.
 */
export const linkMessage =
  (graph: Graph, subject: Resource, viaOf: (satellite: Resource) => string | undefined) =>
  (satellite: Resource): string | undefined => {
    const via = viaOf(satellite);
    const resolution = via === undefined ? undefined : graph.resolve(satellite, [via], [subject.type]);
    if (resolution?.status === 'unknown' && resolution.made !== undefined) {
      const { by, from } = resolution.made;
      return `cannot tell whether ${satellite.address} applies to it: its code makes its \`${via}\` from ${from.address} by ${by}, so it may name another ${BUCKET_TYPES.includes(from.type) ? 'bucket' : 'resource'}`;
    }
    if (resolution?.status !== 'resources' || resolution.oneInstance === undefined || !resolution.targets.includes(subject)) return undefined;
    return `cannot tell whether ${satellite.address} applies to every instance: its \`${via}\` names ${resolution.oneInstance} (give the variables' values, or check a plan)`;
  };

/** The text for `bucket`'s provider: a fix for an aws bucket, or the awscc one. */
export const forProvider = (bucket: Resource, aws: string, awscc: string): string => (bucket.type === AWSCC_BUCKET_TYPE ? awscc : aws);

/** A bucket's known name: `bucket`, or `bucket_name` for awscc. */
export const bucketName = (bucket: Resource): string | undefined =>
  knownString(bucket.attr(bucket.type === AWSCC_BUCKET_TYPE ? 'bucket_name' : 'bucket'));

/**
 * An awscc bucket's own setting at `attribute` when the configuration writes it (a value known only
 * after apply included); undefined for an aws bucket or an unset attribute. A value a plan reads
 * back for an existing bucket whose configuration does not write it does not count: the .tf of the
 * same code cannot see it, and both must agree (peer-pitfall 6).
 */
export function awsccSetting(bucket: Resource, attribute: string): ValueView | undefined {
  if (bucket.type !== AWSCC_BUCKET_TYPE || configSets(bucket, attribute) === false) return undefined;
  const view = setting(bucket, attribute);
  return view.isAbsent ? undefined : view;
}

/** The bucket name in `arn:aws:s3:::name`, in `s3://name/key` (a scene's content location), or a bare name, returned as it is. */
function bucketNameOf(value: string): string {
  const named = /^arn:[^:]+:s3:::([^/]+)/.exec(value) ?? /^[sS]3:\/\/([^/]+)/.exec(value);
  return named ? named[1] : value;
}

/** Where a workspace or a trail writes. */
export type BucketTarget =
  /** Buckets of the input (one per instance when the link is across instances). */
  | { readonly status: 'resolved'; readonly buckets: readonly Resource[] }
  /** A known bucket name that no bucket of the input carries (a bucket managed elsewhere). */
  | { readonly status: 'external'; readonly name: string }
  /** Cannot tell: the value is unknown and the reference leads nowhere, or it is not set. */
  | { readonly status: 'unknown'; readonly reason: string };

/**
 * The bucket an `awscc_iottwinmaker_workspace` (`s3_location`, a bucket ARN), an
 * `awscc_iottwinmaker_scene` (`content_location`, `s3://bucket/key`) or an `aws_cloudtrail`
 * (`s3_bucket_name`) writes to: by configuration reference, else by known ARN, URI or name.
 */
export function targetBucket(graph: Graph, user: Resource): BucketTarget {
  let known = TARGETS.get(graph);
  if (known === undefined) TARGETS.set(graph, (known = new WeakMap()));
  let target = known.get(user);
  if (target === undefined) known.set(user, (target = targetOf(graph, user)));
  return target;
}

/**
 * `targetBucket`'s answers, per graph and user: the usage index, the role rule's bucket names and
 * the workspace rule each ask it of every workspace and trail, which a large plan reads again from
 * its file out of order (on the 100k bench plan, 3 resolutions of each of 6,668 users).
 */
const TARGETS = new WeakMap<Graph, WeakMap<Resource, BucketTarget>>();

function targetOf(graph: Graph, user: Resource): BucketTarget {
  const attribute = BUCKET_ATTRIBUTE[user.type];
  if (!attribute) return { status: 'unknown', reason: `${user.type} does not name a bucket` };
  const resolution = graph.resolve(user, [attribute], BUCKET_TYPES);
  switch (resolution.status) {
    case 'resources': {
      const managed = resolution.targets.filter((t) => t.mode === 'managed');
      if (managed.length > 0) return { status: 'resolved', buckets: managed };
      return { status: 'unknown', reason: `\`${attribute}\` names ${addresses(resolution.targets)}, a bucket managed outside this input` };
    }
    case 'value': {
      const name = bucketNameOf(resolution.value);
      const byName = BUCKET_TYPES.flatMap((type) => graph.ofType(type)).filter((b) => b.mode === 'managed' && b.input === user.input && bucketName(b) === name);
      return byName.length > 0 ? { status: 'resolved', buckets: byName } : { status: 'external', name };
    }
    case 'ambiguous':
      return { status: 'unknown', reason: `\`${attribute}\` may name any of ${addresses(resolution.candidates)}` };
    case 'absent':
      return { status: 'unknown', reason: `\`${attribute}\` is not set` };
    default:
      return { status: 'unknown', reason: `\`${attribute}\` is known only after apply and ${resolutionReason(resolution.reason, user, [attribute])}` };
  }
}

/** Who writes to a bucket. */
export interface BucketUsage {
  /** TwinMaker workspaces whose `s3_location` is this bucket, and scenes whose content is in it. */
  readonly twinmaker: readonly Resource[];
  /** CloudTrail trails whose `s3_bucket_name` is this bucket. */
  readonly cloudtrail: readonly Resource[];
  /** Workspaces, scenes and trails whose bucket cannot be determined: any of them may use this bucket. */
  readonly undetermined: readonly Resource[];
}

/** Who writes to which bucket, for the whole graph. */
interface UsageIndex {
  /** Per bucket: the workspaces, scenes and trails whose target resolves to it. */
  readonly byBucket: ReadonlyMap<Resource, { readonly twinmaker: Resource[]; readonly cloudtrail: Resource[] }>;
  /** Per input: the workspaces, scenes and trails whose target cannot be determined. */
  readonly undetermined: ReadonlyMap<string, Resource[]>;
}

const NO_USERS: readonly Resource[] = [];

/**
 * Every workspace and trail of a graph resolved once and indexed by bucket (rules run per bucket):
 * `bucketUsage` went from a scan of every user per bucket to two map lookups. Measured on the bench's
 * generated plan (seed 7), whole `twinguard check`: 100k resources 41.3 s -> 29.8 s.
 */
const USAGE = new WeakMap<Graph, UsageIndex>();

function usageIndex(graph: Graph): UsageIndex {
  let index = USAGE.get(graph);
  if (index) return index;
  const byBucket = new Map<Resource, { twinmaker: Resource[]; cloudtrail: Resource[] }>();
  const undetermined = new Map<string, Resource[]>();
  for (const user of [...TWINMAKER_TYPES, ...TRAIL_TYPES].flatMap((type) => graph.ofType(type))) {
    if (user.mode !== 'managed') continue;
    const target = targetBucket(graph, user);
    if (target.status === 'unknown') {
      const users = undetermined.get(user.input) ?? [];
      users.push(user);
      undetermined.set(user.input, users);
    } else if (target.status === 'resolved') {
      for (const bucket of new Set(target.buckets)) {
        const usage = byBucket.get(bucket) ?? { twinmaker: [], cloudtrail: [] };
        (isTrail(user) ? usage.cloudtrail : usage.twinmaker).push(user);
        byBucket.set(bucket, usage);
      }
    }
  }
  index = { byBucket, undetermined };
  USAGE.set(graph, index);
  return index;
}

/** Which TwinMaker workspaces and CloudTrail trails of the graph use `bucket`. */
export function bucketUsage(graph: Graph, bucket: Resource): BucketUsage {
  const index = usageIndex(graph);
  const users = index.byBucket.get(bucket);
  return {
    twinmaker: users?.twinmaker ?? NO_USERS,
    cloudtrail: users?.cloudtrail ?? NO_USERS,
    // Links never cross inputs: a workspace of another plan or stack cannot write to this bucket.
    undetermined: index.undetermined.get(bucket.input) ?? NO_USERS,
  };
}

/** The satellite resources of one type that configure a bucket. */
export type SatelliteLookup =
  /** One or more satellites point at the bucket; a rule judges each (all must comply). */
  | { readonly status: 'linked'; readonly satellites: readonly Resource[] }
  /** No satellite of the type points at the bucket, and none is undetermined. */
  | { readonly status: 'none'; readonly message: string }
  /** None is linked, but these may point at the bucket: their target is unknown at plan time. */
  | { readonly status: 'undetermined'; readonly candidates: readonly Resource[]; readonly message: string };

/**
 * `graph.attached(bucket, type, via)` as a three-way answer. Linked satellites win over
 * undetermined ones: the bucket's own configuration is what the rule judges. Messages name the
 * satellite type and the candidates.
 */
export function bucketSatellite(graph: Graph, bucket: Resource, type: string, via = 'bucket', noun = 'this bucket'): SatelliteLookup {
  const { linked, undetermined } = graph.attached(bucket, type, via);
  if (linked.length > 0) return { status: 'linked', satellites: linked };
  if (undetermined.length > 0) {
    return {
      status: 'undetermined',
      candidates: undetermined,
      message: mayApply(
        undetermined,
        (others) => `cannot tell whether ${addresses(others)} applies to ${noun}: its \`${via}\` is known only after apply and its configuration does not settle what it names (it names nothing the graph can follow, or may name another)`,
        linkMessage(graph, bucket, () => via),
      ),
    };
  }
  return { status: 'none', message: `no ${type} points at ${noun}` };
}

/** One configuration of a bucket's default encryption: a linked satellite's, or an inline block's. */
export interface EncryptionSource {
  /** The resource that holds the setting: the SSE configuration, or the bucket (inline block). */
  readonly holder: Resource;
  /** `apply_server_side_encryption_by_default` of that resource. */
  readonly settings: ValueView;
  /** How a message names it: `aws_s3_bucket_server_side_encryption_configuration.x` or `the inline server_side_encryption_configuration`. */
  readonly source: string;
}

/** The configurations of a bucket's default encryption that must each comply: the one found, and the inline block beside it. */
export const encryptionSources = (encryption: EncryptionSource & { readonly alongside?: EncryptionSource }): readonly EncryptionSource[] =>
  encryption.alongside ? [encryption, encryption.alongside] : [encryption];

/**
 * How a message names an inline setting written beside the linked resources that replace it (`inline`, as the
 * message writes the attribute's name): it is in force from creation until they replace it, and again on drift.
 */
export const inlineAlongside = (inline: string, replacedBy: string): string => `the inline ${inline} (in force from creation until ${replacedBy} replaces it, and again on drift)`;

/** A bucket's default encryption, from a linked satellite or a trusted inline block. */
export type BucketEncryption =
  | (EncryptionSource & {
      readonly status: 'configured';
      /**
       * The inline block the configuration writes beside a linked SSE configuration: the bucket is created with
       * it, the SSE configuration replaces it, and the bucket puts it back on drift, so each must comply.
       */
      readonly alongside?: EncryptionSource;
    })
  | { readonly status: 'none'; readonly message: string }
  | { readonly status: 'unknown'; readonly message: string };

export const SSE_TYPE = 'aws_s3_bucket_server_side_encryption_configuration';

/**
 * The default encryption that will apply to `bucket`. A linked
 * `aws_s3_bucket_server_side_encryption_configuration` decides, with the inline block beside it where the
 * configuration writes both (`alongside`: each overwrites the other on apply); otherwise the deprecated inline
 * `server_side_encryption_configuration` counts only when its values are known, set and written
 * in the configuration (AWS provider v3); written there but known only after apply, it is unknown.
 * An inline block that the configuration does not write (v4+ plans render it unknown, or filled in
 * from the API, whatever the truth) or that is empty never counts.
 * Several linked satellites give `unknown`: a bucket holds one configuration and the last apply wins.
 * An awscc bucket's own `bucket_encryption` decides when the configuration writes it.
 */
export function bucketEncryption(graph: Graph, bucket: Resource): BucketEncryption {
  const own = awsccSetting(bucket, 'bucket_encryption');
  if (own) return awsccEncryption(bucket, own);
  const lookup = bucketSatellite(graph, bucket, SSE_TYPE);
  if (lookup.status === 'linked') {
    if (lookup.satellites.length > 1) {
      return { status: 'unknown', message: `several ${SSE_TYPE} resources point at this bucket (${addresses(lookup.satellites)}) and the last applied wins: keep one` };
    }
    const [satellite] = lookup.satellites;
    const settings = defaultEncryption(satellite.attr('rule'));
    if (settings.kind === 'unknown') return { status: 'unknown', message: `the rule of ${satellite.address} is known only after apply` };
    if (settings.kind === 'absent') return { status: 'none', message: `${satellite.address} sets no apply_server_side_encryption_by_default` };
    // The AWS provider: "Configuring with both will cause inconsistencies and may overwrite configuration."
    const inline = bucket.data.config === undefined ? undefined : trustedInline(bucket);
    const alongside = inlineAlongside('server_side_encryption_configuration', satellite.address);
    if (inline === 'unknown') return { status: 'unknown', message: `${alongside} is known only after apply` };
    return {
      status: 'configured',
      holder: satellite,
      settings: settings.value,
      source: satellite.address,
      ...(inline ? { alongside: { holder: bucket, settings: inline, source: alongside } } : {}),
    };
  }
  const inline = trustedInline(bucket);
  if (inline === 'unknown') return { status: 'unknown', message: 'the inline server_side_encryption_configuration is known only after apply' };
  if (inline) return { status: 'configured', holder: bucket, settings: inline, source: 'the inline server_side_encryption_configuration' };
  return lookup.status === 'undetermined' ? { status: 'unknown', message: lookup.message } : { status: 'none', message: lookup.message };
}

/** `bucket_encryption.server_side_encryption_configuration[0].server_side_encryption_by_default` of an awscc bucket. */
function awsccEncryption(bucket: Resource, own: ValueView): BucketEncryption {
  const source = 'its `bucket_encryption`';
  const config = own.block();
  const rules = config.kind === 'known' ? config.value.get('server_side_encryption_configuration').blocks() : config;
  if (rules.kind === 'unknown') return { status: 'unknown', message: `${source} is known only after apply` };
  if (rules.kind === 'absent' || rules.value.length === 0) return { status: 'none', message: `${source} holds no server_side_encryption_configuration` };
  if (rules.value.length > 1) return { status: 'unknown', message: `${source} holds ${rules.value.length} rules and S3 keeps one: keep one` };
  const byDefault = rules.value[0].get('server_side_encryption_by_default').block();
  if (byDefault.kind === 'unknown') return { status: 'unknown', message: `${source} is known only after apply` };
  if (byDefault.kind === 'absent') return { status: 'none', message: `${source} sets no server_side_encryption_by_default` };
  return { status: 'configured', holder: bucket, settings: byDefault.value, source };
}

/** `rule[0].apply_server_side_encryption_by_default[0]` under a `rule` attribute. */
function defaultEncryption(rule: ValueView): Val<ValueView> {
  const first = rule.block();
  return first.kind === 'known' ? first.value.get('apply_server_side_encryption_by_default').block() : first;
}

/**
 * The inline block's default encryption, when the configuration writes the block: its settings when
 * `sse_algorithm` is known and set, `unknown` when the block's values are known only after apply,
 * undefined otherwise (not written, empty, or no algorithm).
 */
function trustedInline(bucket: Resource): ValueView | 'unknown' | undefined {
  const config = bucket.data.config;
  if (config && !(config.kind === 'block' && 'server_side_encryption_configuration' in config.attrs)) return undefined;
  const block = bucket.attr('server_side_encryption_configuration');
  // Without a configuration to tell (no `configuration` in the plan), an unknown block is the provider's computed value.
  if (block.isUnknown) return config ? 'unknown' : undefined;
  const outer = block.block();
  if (outer.kind !== 'known') return undefined;
  const settings = defaultEncryption(outer.value.get('rule'));
  if (settings.kind === 'unknown') return 'unknown';
  if (settings.kind === 'absent') return undefined;
  const algorithm = settings.value.get('sse_algorithm');
  if (algorithm.isUnknown) return 'unknown';
  return knownString(algorithm) ? settings.value : undefined;
}

/** A known, non-empty string, else undefined. */
export function knownString(view: ValueView): string | undefined {
  const value = view.string();
  return value.kind === 'known' && value.value !== '' ? value.value : undefined;
}
