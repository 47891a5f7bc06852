import { configAt } from '../../model/graph/config';
import type { ConfigNode, Graph, Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import { addresses, BUCKET_TYPES, bucketEncryption, bucketUsage, encryptionSources, forProvider, SSE_TYPE, type EncryptionSource } from '../support/s3';
import { awsDoc, securityHub } from '../support/references';
import { pathOf } from '../support/findings';
import { findingsOrWorst, managedOnly, requireKeyAt, requireOneOf, worst } from '../support/verdict';
import { defineRule, fail, isFinding, notApplicable, unknown, type Outcome } from '../types';

const FIX = `Give it an ${SSE_TYPE} with \`sse_algorithm = "aws:kms"\` and \`kms_master_key_id = aws_kms_key.<key>.arn\` (a customer-managed key).`;
const AWSCC_FIX =
  'Set `bucket_encryption = { server_side_encryption_configuration = [{ server_side_encryption_by_default = { sse_algorithm = "aws:kms", kms_master_key_id = aws_kms_key.<key>.arn } }] }` (a customer-managed key).';

const SSE_C_FIX = 'Set `blocked_encryption_types = ["SSE-C"]` in the rule (awscc: `blocked_encryption_types = { encryption_type = ["SSE-C"] }`), or leave it unset.';

/**
 * Where the encryption rule of `holder` says which encryption types S3 refuses on writes, and how the code writes it:
 * `rule[0].blocked_encryption_types` of an aws_s3_bucket_server_side_encryption_configuration (AWS provider 6.22),
 * `bucket_encryption.server_side_encryption_configuration[0].blocked_encryption_types.encryption_type` of an
 * awscc_s3_bucket (CloudFormation BlockedEncryptionTypes). The inline block of aws_s3_bucket has no such argument.
 */
function blockedTypesOf(graph: Graph, holder: Resource): { view: ValueView; written: boolean } | undefined {
  const config = holder.data.config;
  if (holder.type === SSE_TYPE) {
    const rule = holder.attr('rule').block();
    const view = rule.kind === 'known' ? rule.value.get('blocked_encryption_types') : holder.attr('rule');
    return { view, written: setsValue(graph, holder, configAt(config, ['rule', 0, 'blocked_encryption_types'])) };
  }
  if (holder.type === 'awscc_s3_bucket') {
    const path = ['bucket_encryption', 'server_side_encryption_configuration', 0, 'blocked_encryption_types'] as const;
    const rules = holder.attr('bucket_encryption').block();
    const first = rules.kind === 'known' ? rules.value.get('server_side_encryption_configuration').blocks() : rules;
    const blocked = first.kind === 'known' && first.value.length > 0 ? first.value[0].get('blocked_encryption_types') : holder.attr('bucket_encryption');
    const types = blocked.block();
    return { view: types.kind === 'known' ? types.value.get('encryption_type') : blocked, written: setsValue(graph, holder, configAt(config, [...path])) };
  }
  return undefined;
}

/**
 * Whether the code sets the argument written as `node`: not when it is absent, nor when a plan shows it reads
 * only root variables whose values are null (`blocked_encryption_types = var.blocked`, its variable left at a null
 * default). A root variable is known at plan time, so such an expression is too: had it made a value, the plan would
 * show that value; the provider plans it as known only after apply because it is null, which Terraform takes as unset.
 */
function setsValue(graph: Graph, holder: Resource, node: ConfigNode | undefined): boolean {
  if (node === undefined) return false;
  if (node.kind !== 'expr' || node.hasConstant || node.references.length === 0 || holder.moduleConfigPath !== '') return true;
  const variables = graph.inputs.find((input) => input.input === holder.input)?.variables;
  if (variables === undefined) return true;
  const names = node.references.map((reference) => /^var\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(reference)?.[1]);
  return !names.every((name) => name !== undefined && Object.hasOwn(variables, name) && variables[name] === null);
}

/**
 * Whether the bucket lets writers use SSE-C. `["NONE"]` unblocks it: a writer that sends its own key stores an object
 * the CMK never encrypts, so neither the key policy nor CloudTrail's record of the key's use covers it. Unset is S3's
 * default, which blocks SSE-C on every bucket created since April 2026 (and on older ones in accounts that held no
 * SSE-C object then), so it passes; the AWS provider 6.40 plans an unset value as known only after apply, which is
 * read as unset, as is one the code sets from root variables that are null. A value the code writes but Terraform
 * knows only after apply is unknown.
 */
function sseCOutcome(graph: Graph, holder: Resource, who: string, source: string): Outcome | undefined {
  const blocked = blockedTypesOf(graph, holder);
  if (blocked === undefined) return undefined;
  const where = `${who}; \`blocked_encryption_types\` in ${source}`;
  const types = blocked.view.stringList();
  if (types.kind === 'unknown') return blocked.written ? unknown(`${where} is known only after apply, so the gate cannot tell whether S3 accepts SSE-C writes. ${SSE_C_FIX}`) : undefined;
  if (types.kind === 'known' && types.value.includes('NONE')) {
    return fail(
      `${where} is ["NONE"], which unblocks SSE-C: a writer that sends its own key stores objects the customer-managed key never encrypts, outside its key policy and its CloudTrail record. ${SSE_C_FIX}`,
      { path: pathOf(blocked.view) },
    );
  }
  return undefined;
}

/**
 * Whether the bucket's default encryption is SSE-KMS under a customer-managed key, and SSE-C is not unblocked;
 * `who` opens every message. A bucket that unblocks SSE-C fails whatever its default.
 */
function judgeDefault(graph: Graph, bucket: Resource, who: string): Outcome {
  const fix = forProvider(bucket, FIX, AWSCC_FIX);
  const encryption = bucketEncryption(graph, bucket);
  if (encryption.status === 'none') return fail(`${who} but has no default encryption: ${encryption.message}. ${fix}`);
  if (encryption.status === 'unknown') return unknown(`${who} and its default encryption cannot be determined: ${encryption.message}. ${fix}`);
  return worst(encryptionSources(encryption).map((source) => judgeSource(graph, source, who, fix)));
}

/** One configuration of the bucket's default encryption: SSE-KMS under a customer-managed key, SSE-C not unblocked. */
function judgeSource(graph: Graph, encryption: EncryptionSource, who: string, fix: string): Outcome {
  const sseC = sseCOutcome(graph, encryption.holder, who, encryption.source);
  if (sseC?.status === 'fail') return sseC;
  const byDefault = defaultVerdict(graph, encryption, who, fix);
  return byDefault.status === 'pass' && sseC !== undefined ? sseC : byDefault;
}

/** The objects the input writes into a bucket: each may ask for an encryption of its own, which S3 uses instead of the bucket's default. */
const OBJECT_TYPES = ['aws_s3_object', 'aws_s3_object_copy', 'aws_s3_bucket_object'];
const OBJECT_FIX =
  'Remove `server_side_encryption` and `kms_key_id` from the object, so that the bucket\'s default encryption applies, or set `server_side_encryption = "aws:kms"` with `kms_key_id = aws_kms_key.<key>.arn` (a customer-managed key).';

/** Whether the code writes `attribute` of `object` (a plan shows an unwritten one as computed, or as read back from S3). */
function writes(object: Resource, attribute: string): boolean {
  const config = object.data.config;
  return config === undefined ? !object.attr(attribute).isAbsent : configAt(config, [attribute]) !== undefined;
}

/**
 * The encryption an object of the input asks for, which S3 uses instead of the bucket's default (PutObject,
 * CopyObject): none passes (the default applies, judged on the bucket); `AES256` fails (SSE-S3); `aws:kms` or
 * `aws:kms:dsse` needs a customer-managed `kms_key_id`, as without one S3 uses the AWS-managed key aws/s3, not
 * the bucket's. A `kms_key_id` alone asks for SSE-KMS (the provider sends `aws:kms` with it). Reported on the object.
 */
function objectEncryption(graph: Graph, object: Resource, who: string): Outcome {
  const [algorithm, key] = [writes(object, 'server_side_encryption'), writes(object, 'kms_key_id')];
  if (!algorithm && !key) return { status: 'pass' };
  const what = `${who}, and ${object.address} stores its object with`;
  const verdict = algorithm
    ? requireOneOf(object.attr('server_side_encryption'), ['aws:kms', 'aws:kms:dsse'], { what: `${what} \`server_side_encryption\`, which overrides the bucket's default,`, fix: OBJECT_FIX, absent: 'pass' })
    : { status: 'pass' as const };
  const keyed =
    verdict.status === 'pass'
      ? requireKeyAt(graph, object, object.attr('kms_key_id'), {
          what: `${what} \`kms_key_id\``,
          fix: OBJECT_FIX,
          absent: 'fail',
          absentMeans: "the AWS-managed key aws/s3, not the bucket's default key (S3 uses aws/s3 for a request that asks for SSE-KMS without a key)",
        })
      : verdict;
  return isFinding(keyed) ? { ...keyed, address: object.address } : keyed;
}

/** The bucket's default encryption, and the encryption each object the input writes into it asks for (a finding on the object). */
function judge(graph: Graph, bucket: Resource, who: string): Outcome | readonly Outcome[] {
  const objects = OBJECT_TYPES.flatMap((type) => graph.attached(bucket, type, 'bucket').linked).filter((o) => o.mode === 'managed');
  return findingsOrWorst([judgeDefault(graph, bucket, who), ...objects.map((o) => objectEncryption(graph, o, who))]);
}

/** Whether the default encryption `bucketEncryption` found is SSE-KMS or DSSE-KMS under a customer-managed key. */
function defaultVerdict(graph: Graph, encryption: EncryptionSource, who: string, fix: string): Outcome {
  const algorithm = requireOneOf(encryption.settings.get('sse_algorithm'), ['aws:kms', 'aws:kms:dsse'], {
    what: `${who}; \`sse_algorithm\` in ${encryption.source}`,
    fix,
    absent: 'fail',
  });
  if (algorithm.status !== 'pass') return algorithm;
  return requireKeyAt(graph, encryption.holder, encryption.settings.get('kms_master_key_id'), {
    what: `${who}; \`kms_master_key_id\` in ${encryption.source}`,
    fix,
    absent: 'fail',
    absentMeans: 'the AWS-managed key aws/s3',
  });
}

/** Buckets used by TwinMaker or CloudTrail (or every bucket, by configuration) use SSE-KMS with a customer-managed key and do not unblock SSE-C. */
export default defineRule({
  id: 's3-bucket-sse-kms',
  title: 'Buckets used by TwinMaker or CloudTrail use SSE-KMS with a customer-managed key',
  category: 'encryption-at-rest',
  severity: 'high',
  rationale:
    'A customer-managed KMS key puts every read of the workspace data and the audit trail under a key policy you control, logs each use in CloudTrail and lets you revoke access. SSE-S3 and the AWS-managed key aws/s3 offer none of that, and neither does SSE-C, which a bucket that unblocks it (`blocked_encryption_types = ["NONE"]`) lets any writer choose.',
  remediation: `${FIX} For an awscc_s3_bucket: ${AWSCC_FIX} Do not unblock SSE-C: ${SSE_C_FIX}`,
  references: [
    securityHub('S3.17', 'S3 general purpose buckets should be encrypted at rest with AWS KMS keys'),
    awsDoc('Using server-side encryption with AWS KMS keys (SSE-KMS)', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html'),
    awsDoc('Blocking or unblocking SSE-C for a general purpose bucket', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/blocking-unblocking-s3-c-encryption-gpb.html'),
  ],
  appliesTo: BUCKET_TYPES,
  evaluate: managedOnly((bucket, { graph, settings }) => {
    const usage = bucketUsage(graph, bucket);
    const users = [...usage.twinmaker, ...usage.cloudtrail];
    if (users.length > 0) return judge(graph, bucket, `The bucket is used by ${addresses(users)}`);
    if (settings.requireKmsForAllBuckets) return judge(graph, bucket, 'Every bucket needs SSE-KMS (requireKmsForAllBuckets)');
    if (usage.undetermined.length === 0) return notApplicable();
    // A workspace or trail whose bucket cannot be told may write here: a bucket that meets the bar passes, any other is unknown.
    const verdicts = [judge(graph, bucket, `The bucket may be used by ${addresses(usage.undetermined)} (whose bucket is known only after apply)`)].flat();
    return verdicts.map((verdict) => (verdict.status === 'fail' ? { ...verdict, status: 'unknown' as const } : verdict));
  }),
});
