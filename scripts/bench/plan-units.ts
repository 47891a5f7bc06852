/**
 * The resources of one generated "site": a TwinMaker workspace shaped like the project's stack
 * (KMS key, service role, workspace/trail/log buckets split into their satellite resources,
 * CloudTrail) plus a queue, a topic, a table and a log group. A site is either an instance of
 * `module.site` (`for_each`) or one index of the root's `count` resources. Everything is a pure
 * function of (seed, site index), so the generator can walk the sites once per plan section.
 *
 * A few sites carry one violation each; `expectedFindings` says what the checker must report.
 */

export const ACCOUNT = '111111111111';
export const REGION = 'eu-west-1';
export const DEFAULT_TAGS: Readonly<Record<string, string>> = { DataClassification: 'internal', Environment: 'prod', Owner: 'platform-engineering', Project: 'twinguard' };
export const AWS_PROVIDER = 'registry.terraform.io/hashicorp/aws';
export const AWSCC_PROVIDER = 'registry.terraform.io/hashicorp/awscc';

/** One violation a site can carry, and the finding it must produce. */
export const VIOLATIONS = {
  'sse-aes256': { ruleId: 's3-bucket-sse-kms', category: 'encryption-at-rest', on: 'aws_s3_bucket.workspace' },
  'no-sse': { ruleId: 's3-bucket-default-encryption', category: 'encryption-at-rest', on: 'aws_s3_bucket.logs' },
  'rotation-off': { ruleId: 'kms-key-rotation', category: 'encryption-at-rest', on: 'aws_kms_key.key' },
  'trail-unencrypted': { ruleId: 'cloudtrail-kms-encryption', category: 'encryption-at-rest', on: 'aws_cloudtrail.trail' },
  'email-in-tag': { ruleId: 'no-sensitive-data-in-tags', category: 'sensitive-data', on: 'aws_sqs_queue.events' },
  'no-public-access-block': { ruleId: 's3-bucket-public-access-block', category: 'access', on: 'aws_s3_bucket.trail' },
  'queue-unencrypted': { ruleId: 'sqs-queue-encrypted', category: 'encryption-at-rest', on: 'aws_sqs_queue.events' },
  'no-tls-statement': { ruleId: 's3-bucket-deny-insecure-transport', category: 'encryption-in-transit', on: 'aws_s3_bucket.workspace' },
} as const;
export type Violation = keyof typeof VIOLATIONS;
const VIOLATION_KINDS = Object.keys(VIOLATIONS) as Violation[];

/** A finding the checker must report: rule, category and full instance address. */
export interface ExpectedFinding {
  readonly ruleId: string;
  readonly category: string;
  readonly address: string;
}

/** One resource instance of a site, in the terms a plan needs. */
export interface UnitResource {
  readonly type: string;
  readonly name: string;
  /** `count` index (root sites), absent in `module.site` instances. */
  readonly index?: number;
  readonly provider: string;
  readonly values: Record<string, unknown>;
  /** `after_unknown`: attributes known only after apply. Empty for existing resources. */
  readonly unknown: Record<string, unknown>;
  /** Configuration expressions of the resource block (the same for every instance). */
  readonly expressions: Record<string, unknown>;
}

/** A site: where it lives, whether it already exists, its resources and its violation. */
export interface Site {
  readonly index: number;
  /** `module.site["s12"]`, or '' for a root `count` site. */
  readonly module: string;
  /** Index of the root `count` resources, for root sites. */
  readonly countIndex?: number;
  /** Already in the state: actions no-op, ids known, present in prior_state. */
  readonly existing: boolean;
  readonly violation?: Violation;
  readonly resources: readonly UnitResource[];
}

/** mulberry32: a small, fast, deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every how many sites a root `count` site comes (the others are `module.site` instances). */
const ROOT_EVERY = 4;

/** Number of resources per site (constant: the generator sizes plans from it). */
export const RESOURCES_PER_SITE = 30;

/** The full address of a site's resource. */
export const addressOf = (site: Site, r: { type: string; name: string; index?: number }): string =>
  `${site.module ? `${site.module}.` : ''}${r.type}.${r.name}${r.index !== undefined ? `[${r.index}]` : ''}`;

/** What the checker must report for this site. */
export function expectedFindings(site: Site): ExpectedFinding[] {
  if (!site.violation) return [];
  const { ruleId, category, on } = VIOLATIONS[site.violation];
  const [type, name] = on.split('.');
  return [{ ruleId, category, address: addressOf(site, { type, name, index: site.countIndex }) }];
}

const ref = (...references: string[]) => ({ references });
const constant = (value: unknown) => ({ constant_value: value });

const policyJson = (statements: unknown[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });

function bucketPolicy(bucket: string, withTls: boolean, extra: unknown[]): string {
  const resources = [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`];
  const deny = (sid: string, condition: unknown) => ({ Sid: sid, Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: resources, Condition: condition });
  return policyJson([
    ...(withTls ? [deny('DenyInsecureTransport', { Bool: { 'aws:SecureTransport': 'false' } })] : []),
    deny('DenyTlsOlderThan12', { NumericLessThan: { 's3:TlsVersion': '1.2' } }),
    ...extra,
  ]);
}

/**
 * A site of the plan generated with `seed`. `violationRate` is the share of sites carrying a
 * violation; `existingRate` the share already deployed (no-op changes with their `before`, known
 * ids, and a `prior_state` entry).
 */
export function siteOf(seed: number, index: number, violationRate: number, existingRate = 0.1): Site {
  const random = prng((seed * 0x9e3779b1) ^ (index * 0x85ebca6b));
  const atRoot = index % ROOT_EVERY === 0;
  const existing = random() < existingRate;
  // Site 1 always carries one, so even the smallest plan has a non-trivial verdict. Kinds take
  // turns over the module sites, and at rate 1 every kind appears once in any run of that many sites.
  const moduleOrdinal = index - Math.floor(index / ROOT_EVERY) - 1;
  const violation = !atRoot && (index === 1 || random() < violationRate) ? VIOLATION_KINDS[(moduleOrdinal + seed) % VIOLATION_KINDS.length] : undefined;
  const countIndex = atRoot ? index / ROOT_EVERY : undefined;
  const key = `s${index}`;
  const site: Omit<Site, 'resources'> = { index, module: atRoot ? '' : `module.site["${key}"]`, countIndex, existing, violation };
  return { ...site, resources: resourcesOf(site, seed, key) };
}

/**
 * A site with every resource block and no violation: the source of the configuration section,
 * whose blocks are shared by every instance (root `count` sites or `module.site` instances).
 */
export function templateSite(seed: number, atRoot: boolean): Site {
  const site: Omit<Site, 'resources'> = { index: atRoot ? 0 : 1, module: atRoot ? '' : 'module.site["s1"]', countIndex: atRoot ? 0 : undefined, existing: false };
  return { ...site, resources: resourcesOf(site, seed, `s${site.index}`) };
}

/** How a block refers to another resource of its site: by name in the module, with count.index at the root. */
function refTo(site: Omit<Site, 'resources'>, target: string, attribute: string): { references: string[] } {
  return site.countIndex === undefined ? ref(`${target}.${attribute}`, target) : ref(`${target}[count.index].${attribute}`, target, 'count.index');
}

function resourcesOf(site: Omit<Site, 'resources'>, seed: number, key: string): UnitResource[] {
  const v = site.violation;
  const name = `tg${seed}-${key}-${ACCOUNT}-${REGION}`;
  const keyArn = site.existing ? `arn:aws:kms:${REGION}:${ACCOUNT}:key/${seed}-${site.index}` : null;
  const roleName = `${name}-role`;
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/${roleName}`;
  const workspaceId = `tg${seed}-${key}`;
  const tagsAll = (tags: Record<string, string>) => ({ ...DEFAULT_TAGS, ...tags });
  const out: UnitResource[] = [];
  const add = (type: string, rname: string, values: Record<string, unknown>, unknown: string[], expressions: Record<string, unknown>, provider = AWS_PROVIDER) => {
    const known = Object.fromEntries(unknown.map((k) => [k, null]));
    out.push({
      type,
      name: rname,
      ...(site.countIndex !== undefined ? { index: site.countIndex } : {}),
      provider,
      values: site.existing ? fill(type, { ...known, ...values }, keyArn as string) : { ...known, ...values },
      unknown: site.existing ? {} : Object.fromEntries(unknown.map((k) => [k, true])),
      expressions,
    });
  };
  const siteVar = (attribute: string) => (site.countIndex === undefined ? ref(`each.value.${attribute}`, 'each.value') : ref(`var.${attribute}`));
  const bucketExpr = (bucket: string) => refTo(site, `aws_s3_bucket.${bucket}`, 'bucket');
  const tagged = (tags: Record<string, string>) => ({ tags, tags_all: tagsAll(tags) });
  // `encrypt ? aws_kms_key.key.arn : null`: what lets a site of the module leave encryption off.
  const keyRef = refTo(site, 'aws_kms_key.key', 'arn').references;
  const optionalKey = { references: [...siteVar('encrypt').references, ...keyRef] };

  add('aws_kms_key', 'key', {
    bypass_policy_lockout_safety_check: false,
    customer_master_key_spec: 'SYMMETRIC_DEFAULT',
    deletion_window_in_days: 7,
    description: `TwinMaker workspace ${workspaceId}: workspace and trail buckets`,
    enable_key_rotation: v !== 'rotation-off',
    is_enabled: true,
    key_usage: 'ENCRYPT_DECRYPT',
    multi_region: false,
    policy: policyJson([
      { Sid: 'AccountAdministersKey', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
      { Sid: 'TwinMakerRoleUsesKeyViaS3', Effect: 'Allow', Principal: { AWS: roleArn }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*', Condition: { StringEquals: { 'kms:ViaService': `s3.${REGION}.amazonaws.com` } } },
    ]),
    ...tagged({ Name: `${workspaceId}-key` }),
    xks_key_id: null,
  }, ['arn', 'id', 'key_id', 'rotation_period_in_days'], {
    deletion_window_in_days: constant(7),
    description: siteVar('description'),
    enable_key_rotation: siteVar('rotate_keys'),
    policy: ref('data.aws_iam_policy_document.key.json', 'data.aws_iam_policy_document.key'),
    tags: siteVar('key_tags'),
  });
  add('aws_kms_alias', 'key', { name: `alias/${workspaceId}`, name_prefix: null, target_key_id: keyArn }, ['arn', 'id', 'target_key_arn', ...(site.existing ? [] : ['target_key_id'])], {
    name: siteVar('alias'),
    target_key_id: refTo(site, 'aws_kms_key.key', 'key_id'),
  });
  add('aws_iam_role', 'role', {
    assume_role_policy: policyJson([{ Sid: 'TwinMakerAssumeRole', Effect: 'Allow', Principal: { Service: 'iottwinmaker.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': `arn:aws:iottwinmaker:${REGION}:${ACCOUNT}:workspace/${workspaceId}` } } }]),
    description: `Service role of the TwinMaker workspace ${workspaceId}`,
    force_detach_policies: false,
    max_session_duration: 3600,
    name: roleName,
    path: '/',
    permissions_boundary: null,
    ...tagged({}),
  }, ['arn', 'create_date', 'id', 'inline_policy', 'managed_policy_arns', 'name_prefix', 'unique_id'], {
    assume_role_policy: ref('data.aws_iam_policy_document.trust.json', 'data.aws_iam_policy_document.trust'),
    description: siteVar('description'),
    name: siteVar('role_name'),
  });
  add('aws_iam_role_policy', 'role', {
    name: 'workspace-bucket-access',
    policy: policyJson([{ Sid: 'WorkspaceBucketReadWrite', Effect: 'Allow', Action: ['s3:GetBucket*', 's3:GetObject', 's3:ListBucket', 's3:PutObject'], Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`] }]),
    role: roleName,
  }, ['id', 'name_prefix'], { name: constant('workspace-bucket-access'), policy: ref('data.aws_iam_policy_document.access.json', 'data.aws_iam_policy_document.access'), role: refTo(site, 'aws_iam_role.role', 'name') });

  const buckets: [string, string][] = [['workspace', name], ['trail', `${name}-trail`], ['logs', `${name}-logs`]];
  for (const [b, bucketName] of buckets) {
    add('aws_s3_bucket', b, { bucket: bucketName, force_destroy: false, object_lock_enabled: null, ...tagged({ Name: bucketName }), timeouts: null },
      ['acceleration_status', 'acl', 'arn', 'bucket_domain_name', 'bucket_prefix', 'bucket_regional_domain_name', 'cors_rule', 'grant', 'hosted_zone_id', 'id', 'lifecycle_rule', 'logging', 'object_lock_configuration', 'policy', 'region', 'replication_configuration', 'request_payer', 'server_side_encryption_configuration', 'versioning', 'website', 'website_domain', 'website_endpoint'],
      { bucket: siteVar(`${b}_bucket`), force_destroy: constant(false), tags: siteVar('bucket_tags') });
  }
  for (const [b, bucketName] of buckets) {
    const kms = b !== 'logs';
    if (!(b === 'logs' && v === 'no-sse')) {
      const algorithm = kms && !(b === 'workspace' && v === 'sse-aes256') ? 'aws:kms' : 'AES256';
      add('aws_s3_bucket_server_side_encryption_configuration', b, {
        bucket: bucketName,
        expected_bucket_owner: null,
        rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: algorithm === 'aws:kms' ? keyArn : null, sse_algorithm: algorithm }], bucket_key_enabled: kms }],
      }, ['id'], {
        bucket: bucketExpr(b),
        rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: kms ? refTo(site, 'aws_kms_key.key', 'arn') : {}, sse_algorithm: kms ? siteVar('sse_algorithm') : constant('AES256') }], bucket_key_enabled: constant(kms) }],
      });
      if (algorithm === 'aws:kms' && !site.existing) out[out.length - 1].unknown.rule = [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: true }] }];
    }
    if (!(b === 'trail' && v === 'no-public-access-block')) {
      add('aws_s3_bucket_public_access_block', b, { block_public_acls: true, block_public_policy: true, bucket: bucketName, ignore_public_acls: true, restrict_public_buckets: true }, ['id'], {
        block_public_acls: constant(true), block_public_policy: constant(true), bucket: bucketExpr(b), ignore_public_acls: constant(true), restrict_public_buckets: constant(true),
      });
    }
    add('aws_s3_bucket_ownership_controls', b, { bucket: bucketName, rule: [{ object_ownership: 'BucketOwnerEnforced' }] }, ['id'], { bucket: bucketExpr(b), rule: [{ object_ownership: constant('BucketOwnerEnforced') }] });
    const extra = b === 'trail'
      ? [{ Sid: 'CloudTrailWrite', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::${bucketName}/AWSLogs/${ACCOUNT}/*`, Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } } }]
      : b === 'logs' ? [{ Sid: 'S3ServerAccessLogsDelivery', Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::${bucketName}/*` }] : [];
    add('aws_s3_bucket_policy', b, { bucket: bucketName, policy: bucketPolicy(bucketName, !(b === 'workspace' && v === 'no-tls-statement'), extra) }, ['id'], {
      bucket: bucketExpr(b), policy: ref(`data.aws_iam_policy_document.${b}.json`, `data.aws_iam_policy_document.${b}`),
    });
    add('aws_s3_bucket_versioning', b, { bucket: bucketName, expected_bucket_owner: null, mfa: null, versioning_configuration: [{ mfa_delete: null, status: 'Enabled' }] }, ['id'], {
      bucket: bucketExpr(b), versioning_configuration: [{ status: constant('Enabled') }],
    });
    if (b !== 'logs') {
      add('aws_s3_bucket_logging', b, { bucket: bucketName, expected_bucket_owner: null, target_bucket: `${name}-logs`, target_grant: [], target_object_key_format: [], target_prefix: `${b}/` }, ['id'], {
        bucket: bucketExpr(b), target_bucket: bucketExpr('logs'), target_prefix: constant(`${b}/`),
      });
    }
  }
  add('aws_cloudtrail', 'trail', {
    advanced_event_selector: [],
    cloud_watch_logs_group_arn: null,
    cloud_watch_logs_role_arn: null,
    enable_log_file_validation: true,
    enable_logging: true,
    event_selector: [{ data_resource: [{ type: 'AWS::S3::Object', values: [`arn:aws:s3:::${name}/`] }], exclude_management_event_sources: [], include_management_events: true, read_write_type: 'All' }],
    include_global_service_events: true,
    insight_selector: [],
    is_multi_region_trail: true,
    is_organization_trail: false,
    kms_key_id: v === 'trail-unencrypted' ? null : keyArn,
    name: `${workspaceId}-trail`,
    s3_bucket_name: `${name}-trail`,
    s3_key_prefix: null,
    sns_topic_name: null,
    ...tagged({}),
  }, ['arn', 'home_region', 'id', 'sns_topic_arn', ...(v === 'trail-unencrypted' || site.existing ? [] : ['kms_key_id'])], {
    enable_log_file_validation: constant(true),
    include_global_service_events: constant(true),
    is_multi_region_trail: constant(true),
    kms_key_id: optionalKey,
    name: siteVar('trail_name'),
    s3_bucket_name: bucketExpr('trail'),
  });
  add('awscc_iottwinmaker_workspace', 'workspace', {
    description: `TwinMaker workspace ${workspaceId}`,
    role: roleArn,
    s3_location: `arn:aws:s3:::${name}`,
    tags: { ...DEFAULT_TAGS },
    workspace_id: workspaceId,
  }, ['arn', 'creation_date_time', 'id', 'update_date_time'], {
    description: siteVar('description'),
    role: refTo(site, 'aws_iam_role.role', 'arn'),
    s3_location: refTo(site, 'aws_s3_bucket.workspace', 'arn'),
    tags: siteVar('workspace_tags'),
    workspace_id: siteVar('workspace_id'),
  }, AWSCC_PROVIDER);
  const queueTags: Record<string, string> = v === 'email-in-tag' ? { Name: `${workspaceId}-events`, Contact: `ops.${site.index}@example.com` } : { Name: `${workspaceId}-events` };
  add('aws_sqs_queue', 'events', {
    content_based_deduplication: false,
    delay_seconds: 0,
    fifo_queue: false,
    kms_data_key_reuse_period_seconds: 300,
    kms_master_key_id: v === 'queue-unencrypted' ? null : keyArn,
    max_message_size: 262144,
    message_retention_seconds: 345600,
    name: `${workspaceId}-events`,
    sqs_managed_sse_enabled: false,
    ...tagged(queueTags),
  }, ['arn', 'deduplication_scope', 'fifo_throughput_limit', 'id', 'name_prefix', 'policy', 'redrive_allow_policy', 'redrive_policy', 'url', ...(v === 'queue-unencrypted' || site.existing ? [] : ['kms_master_key_id'])], {
    kms_master_key_id: optionalKey,
    name: siteVar('queue_name'),
    sqs_managed_sse_enabled: constant(false),
    tags: siteVar('queue_tags'),
  });
  add('aws_sns_topic', 'alerts', {
    content_based_deduplication: false,
    delivery_policy: null,
    display_name: null,
    fifo_topic: false,
    kms_master_key_id: keyArn,
    name: `${workspaceId}-alerts`,
    ...tagged({}),
  }, ['arn', 'beginning_archive_time', 'id', 'owner', 'policy', 'signature_version', 'tracing_config', ...(site.existing ? [] : ['kms_master_key_id'])], {
    kms_master_key_id: refTo(site, 'aws_kms_key.key', 'arn'),
    name: siteVar('topic_name'),
  });
  add('aws_dynamodb_table', 'state', {
    attribute: [{ name: 'entityId', type: 'S' }],
    billing_mode: 'PAY_PER_REQUEST',
    deletion_protection_enabled: true,
    hash_key: 'entityId',
    name: `${workspaceId}-state`,
    point_in_time_recovery: [{ enabled: true }],
    server_side_encryption: [{ enabled: true, kms_key_arn: keyArn }],
    ...tagged({}),
  }, ['arn', 'id', 'stream_arn', 'stream_label', ...(site.existing ? [] : ['server_side_encryption'])], {
    billing_mode: constant('PAY_PER_REQUEST'),
    hash_key: constant('entityId'),
    name: siteVar('table_name'),
    server_side_encryption: [{ enabled: constant(true), kms_key_arn: refTo(site, 'aws_kms_key.key', 'arn') }],
  });
  if (!site.existing) out[out.length - 1].unknown.server_side_encryption = [{ kms_key_arn: true }];
  add('aws_cloudwatch_log_group', 'app', {
    kms_key_id: keyArn,
    log_group_class: 'STANDARD',
    name: `/twinmaker/${workspaceId}`,
    retention_in_days: 90,
    skip_destroy: false,
    ...tagged({}),
  }, ['arn', 'id', 'name_prefix', ...(site.existing ? [] : ['kms_key_id'])], {
    kms_key_id: refTo(site, 'aws_kms_key.key', 'arn'),
    name: siteVar('log_group'),
    retention_in_days: constant(90),
  });
  return out;
}

/** Known values of an existing resource: what the provider filled in after the apply. */
function fill(type: string, values: Record<string, unknown>, keyArn: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  const name = String(values.bucket ?? values.name ?? values.workspace_id ?? keyArn);
  const service = type.replace(/^awscc_|^aws_/, '').split('_')[0];
  const known: Record<string, unknown> = {
    id: type === 'aws_kms_key' ? keyArn.split('/').pop() : name,
    key_id: keyArn.split('/').pop(),
    target_key_id: keyArn.split('/').pop(),
    arn: type === 'aws_kms_key' ? keyArn : type === 'aws_s3_bucket' ? `arn:aws:s3:::${name}` : `arn:aws:${service}:${REGION}:${ACCOUNT}:${name}`,
  };
  for (const [k, value] of Object.entries(known)) if (k in out && out[k] === null) out[k] = value;
  return out;
}
