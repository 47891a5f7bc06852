/**
 * Building blocks for encryption-at-rest scenarios, in the shape AWS provider v4+ plans have: a
 * bucket's id and ARN and its deprecated inline SSE block are unknown on create, and satellites
 * name their bucket by reference.
 */
import { plan, res, type Res } from '../../helpers/plan-builder';
import type { RuleCase } from '../../helpers/rule-table';

/** A reference to `address` as plan JSON writes it: `["aws_s3_bucket.b.id", "aws_s3_bucket.b"]`. */
export const ref = (address: string, attr: string): string[] => [`${address}.${attr}`, address];

export interface BucketOptions {
  name?: string;
  /** The deprecated inline block with known values (a v3 plan), written in the configuration. */
  inline?: unknown[];
  repetition?: 'count' | 'for_each';
}

/** An `aws_s3_bucket` being created. */
export function bucket(address: string, options: BucketOptions = {}): Res {
  const inline = options.inline !== undefined ? { server_side_encryption_configuration: options.inline } : {};
  return res(
    address,
    { bucket: options.name ?? address.split('.').pop(), force_destroy: false, ...inline },
    { unknown: { id: true, arn: true, ...(options.inline === undefined ? { server_side_encryption_configuration: true } : {}) }, repetition: options.repetition },
  );
}

/** The inline `server_side_encryption_configuration` of a v3 plan. */
export const inlineSse = (algorithm: string, key?: string): unknown[] => [
  { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: algorithm, kms_master_key_id: key ?? '' }], bucket_key_enabled: false }] },
];

export interface SseOptions {
  algorithm?: string;
  /** The key: a resource address of the input (referenced by ARN), or a literal. */
  keyRef?: string;
  keyLiteral?: string;
  /** The reference to the bucket, default `<bucket>.id`; an empty list for an unknown, unfollowable value. */
  bucketRefs?: string[];
  /** A known `bucket` value (a bucket managed elsewhere, or a v3-style literal). */
  bucketName?: string;
  /** sse_algorithm known only after apply. */
  algorithmUnknown?: boolean;
  /** sse_algorithm written as an expression (`var.kms ? "aws:kms" : "AES256"`) whose planned value is known. */
  algorithmRefs?: string[];
  repetition?: 'count' | 'for_each';
}

/** An `aws_s3_bucket_server_side_encryption_configuration` for `bucketAddress`. */
export function sse(address: string, bucketAddress: string, options: SseOptions = {}): Res {
  const algorithm = options.algorithm ?? 'aws:kms';
  const byDefault: Record<string, unknown> = { sse_algorithm: options.algorithmUnknown ? null : algorithm, kms_master_key_id: options.keyLiteral ?? null };
  const byDefaultUnknown: Record<string, unknown> = {
    ...(options.keyRef ? { kms_master_key_id: true } : {}),
    ...(options.algorithmUnknown ? { sse_algorithm: true } : {}),
  };
  const keyExpr = options.keyRef ? { references: ref(options.keyRef, 'arn') } : options.keyLiteral !== undefined ? { constant_value: options.keyLiteral } : undefined;
  const bucketExpr = options.bucketName !== undefined ? { constant_value: options.bucketName } : { references: options.bucketRefs ?? ref(bucketAddress.replace(/^(module\.[^.]+\.)+/, ''), 'id') };
  return res(
    address,
    { ...(options.bucketName !== undefined ? { bucket: options.bucketName } : {}), expected_bucket_owner: '', rule: [{ apply_server_side_encryption_by_default: [byDefault], bucket_key_enabled: true }] },
    {
      unknown: { ...(options.bucketName === undefined ? { bucket: true } : {}), id: true, rule: [{ apply_server_side_encryption_by_default: [byDefaultUnknown] }] },
      expressions: {
        bucket: bucketExpr,
        rule: [
          {
            apply_server_side_encryption_by_default: [
              { sse_algorithm: options.algorithmUnknown ? { references: ['var.algorithm'] } : options.algorithmRefs ? { references: options.algorithmRefs } : { constant_value: algorithm }, ...(keyExpr ? { kms_master_key_id: keyExpr } : {}) },
            ],
            bucket_key_enabled: { constant_value: true },
          },
        ],
      },
      repetition: options.repetition,
    },
  );
}

/** A symmetric `aws_kms_key` with rotation on. */
export function kmsKey(address: string, after: Record<string, unknown> = {}, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>): Res {
  return res(
    address,
    { enable_key_rotation: true, deletion_window_in_days: 30, customer_master_key_spec: 'SYMMETRIC_DEFAULT', key_usage: 'ENCRYPT_DECRYPT', is_enabled: true, ...after },
    { unknown: { arn: true, id: true, key_id: true, policy: true, ...unknown }, refs },
  );
}

/** An `awscc_iottwinmaker_workspace` whose `s3_location` references `bucketAddress`'s ARN, or is a literal ARN. */
export function workspace(address: string, bucketAddress?: string, literal?: string): Res {
  return res(
    address,
    { workspace_id: 'factory', role: 'arn:aws:iam::123456789012:role/twinmaker', ...(literal ? { s3_location: literal } : {}) },
    { unknown: { arn: true, id: true, ...(literal ? {} : { s3_location: true }) }, ...(bucketAddress ? { refs: { s3_location: ref(bucketAddress, 'arn') } } : {}) },
  );
}

/**
 * An `awscc_iottwinmaker_scene` whose content file is in `bucketAddress` (`s3://${bucket}/scene.json`,
 * known only after apply) or at the literal `s3://…` location.
 */
export function scene(address: string, bucketAddress?: string, literal?: string): Res {
  return res(
    address,
    { workspace_id: 'factory', scene_id: 'floor', ...(literal ? { content_location: literal } : {}) },
    { unknown: { arn: true, id: true, ...(literal ? {} : { content_location: true }) }, ...(bucketAddress ? { refs: { content_location: ref(bucketAddress, 'bucket') } } : {}) },
  );
}

/** An `aws_cloudtrail` writing to `bucketAddress` (by reference to its id). */
export function trail(address: string, bucketAddress: string, after: Record<string, unknown> = {}, options: { unknown?: Record<string, unknown>; refs?: Record<string, string[]> } = {}): Res {
  return res(
    address,
    { name: 'audit', enable_log_file_validation: true, is_multi_region_trail: true, ...after },
    { unknown: { arn: true, id: true, s3_bucket_name: true, ...options.unknown }, refs: { s3_bucket_name: ref(bucketAddress, 'id'), ...options.refs } },
  );
}

/** The ARN of the key a KMS data source reads, in the account of the fixtures. */
export const READ_KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/9f8e7d6c-aaaa-bbbb-cccc-ddddeeeeffff';

/** A `data.aws_kms_key` as a plan holds it once read: `key_id` as written, and the key's ARN, id and manager. */
export const readKmsKey = (address: string, keyId: string, keyManager: 'AWS' | 'CUSTOMER'): Res =>
  res(address, { key_id: keyId, arn: READ_KEY_ARN, id: READ_KEY_ARN.split('/').pop(), key_manager: keyManager, enabled: true });

/** A `data.aws_kms_alias` as a plan holds it once read: the alias and the key it targets. */
export const readKmsAlias = (address: string, name: string): Res =>
  res(address, { name, arn: `arn:aws:kms:eu-west-1:111122223333:${name}`, id: `arn:aws:kms:eu-west-1:111122223333:${name}`, target_key_arn: READ_KEY_ARN, target_key_id: READ_KEY_ARN.split('/').pop() });

/**
 * A plan whose data sources were read while planning: Terraform writes them, with their values,
 * in `prior_state` and not among the changes.
 */
export function planReading(resources: Res[]): Record<string, unknown> {
  const document = plan(resources);
  const changes = document.resource_changes as { mode: string; address: string; type: string; name: string; provider_name: string; change: { after: unknown } }[];
  const read = changes.filter((c) => c.mode === 'data');
  document.resource_changes = changes.filter((c) => c.mode !== 'data');
  document.prior_state = {
    format_version: '1.0',
    terraform_version: document.terraform_version,
    values: { root_module: { resources: read.map((c) => ({ address: c.address, mode: 'data', type: c.type, name: c.name, provider_name: c.provider_name, schema_version: 0, values: c.change.after, sensitive_values: {} })) } },
  };
  return document;
}

/** A resource of each provider whose `kms_key_id` must name a customer-managed key, and what AWS uses without one. */
export interface CustomerKeySubject {
  /** `aws_timestreamwrite_database.db` */
  readonly aws: string;
  /** `awscc_timestream_database.db` */
  readonly awscc: string;
  /** Its required name attribute, `database_name`. */
  readonly nameAttribute: string;
  /** The AWS-managed key it gets without `kms_key_id`: `aws/timestream`. */
  readonly awsManaged: string;
}

/** The cases of a rule that requires `kms_key_id` to name a customer-managed key, on both providers' resources. */
export function customerKeyCases(id: string, subject: CustomerKeySubject): RuleCase[] {
  const S = subject.aws;
  const CC = subject.awscc;
  const named = (extra: Record<string, unknown> = {}) => ({ [subject.nameAttribute]: 's', ...extra });
  const escaped = subject.awsManaged.replace(/[/.]/g, '\\$&');
  return [
    { name: `${id}: a key of the plan passes`, plan: plan([kmsKey('aws_kms_key.k'), res(S, named(), { unknown: { kms_key_id: true }, refs: { kms_key_id: ref('aws_kms_key.k', 'arn') } })]), expect: { [S]: 'pass' } },
    { name: 'a literal customer key ARN passes', plan: plan([res(S, named({ kms_key_id: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' }))]), expect: { [S]: 'pass' } },
    { name: 'no key fails, naming the AWS-managed key it gets', plan: plan([res(S, named())]), expect: { [S]: 'fail' }, message: new RegExp(escaped) },
    { name: 'no key in the configuration, the key computed by AWS in the plan, fails', plan: plan([res(S, named(), { unknown: { kms_key_id: true } })]), expect: { [S]: 'fail' } },
    { name: 'the AWS-managed alias fails', plan: plan([res(S, named({ kms_key_id: `alias/${subject.awsManaged}` }))]), expect: { [S]: 'fail' } },
    { name: 'an unfollowable key known only after apply is unknown', plan: plan([res(S, named(), { unknown: { kms_key_id: true }, refs: { kms_key_id: ['var.key'] } })]), expect: { [S]: 'unknown' } },
    {
      name: 'the AWS-managed key read by data.aws_kms_key fails: the plan gives its plain key ARN, and its key_manager says AWS',
      plan: planReading([readKmsKey('data.aws_kms_key.k', `alias/${subject.awsManaged}`, 'AWS'), res(S, named({ kms_key_id: READ_KEY_ARN }), { refs: { kms_key_id: ref('data.aws_kms_key.k', 'arn') } })]),
      expect: { [S]: 'fail' },
      message: /the AWS-managed key data\.aws_kms_key\.k reads \(`key_manager = "AWS"`\)/,
    },
    {
      name: "the key of an AWS alias read by data.aws_kms_alias fails, through the alias's target_key_arn",
      plan: planReading([readKmsAlias('data.aws_kms_alias.a', `alias/${subject.awsManaged}`), res(S, named({ kms_key_id: READ_KEY_ARN }), { refs: { kms_key_id: ref('data.aws_kms_alias.a', 'target_key_arn') } })]),
      expect: { [S]: 'fail' },
      message: new RegExp(`the key data\\.aws_kms_alias\\.a looks up, \`alias/${escaped}\``),
    },
    {
      name: 'the same key ARN written as a literal is that AWS-managed key too',
      plan: planReading([readKmsKey('data.aws_kms_key.k', `alias/${subject.awsManaged}`, 'AWS'), res(S, named({ kms_key_id: READ_KEY_ARN }))]),
      expect: { [S]: 'fail' },
    },
    {
      name: 'a key read by data.aws_kms_key whose key_manager is CUSTOMER passes',
      plan: planReading([readKmsKey('data.aws_kms_key.k', 'alias/twin', 'CUSTOMER'), res(S, named({ kms_key_id: READ_KEY_ARN }), { refs: { kms_key_id: ref('data.aws_kms_key.k', 'arn') } })]),
      expect: { [S]: 'pass' },
    },
    {
      name: 'the awscc resource with an awscc key passes',
      plan: plan([res('awscc_kms_key.k', { description: 'k' }, { unknown: { arn: true, key_id: true, id: true } }), res(CC, named(), { unknown: { kms_key_id: true }, refs: { kms_key_id: ref('awscc_kms_key.k', 'arn') } })]),
      expect: { [CC]: 'pass' },
    },
    { name: 'the awscc resource without a key fails', plan: plan([res(CC, named(), { unknown: { kms_key_id: true } })]), expect: { [CC]: 'fail' } },
    { name: 'other resource types are not-applicable', plan: plan([res('aws_kinesis_stream.s', { name: 's' })]), expect: { 'aws_kinesis_stream.s': 'not-applicable' } },
  ];
}
