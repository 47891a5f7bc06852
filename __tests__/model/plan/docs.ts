/**
 * Plan documents for the plan loader's tests, in the shape `terraform show -json` writes: one rich
 * scenario (every action, modules with count/for_each, data sources, masks, providers, outputs) and
 * helpers to feed bytes to the streaming loader in chunks of any size.
 */
import { Readable } from 'node:stream';

const AWS = 'registry.terraform.io/hashicorp/aws';

interface ChangeSpec {
  address: string;
  module?: string;
  mode?: 'managed' | 'data';
  type: string;
  name: string;
  index?: number | string;
  actions: string[];
  after?: unknown;
  afterUnknown?: unknown;
  afterSensitive?: unknown;
  deposed?: string;
}

export function change(spec: ChangeSpec): Record<string, unknown> {
  return {
    address: spec.address,
    ...(spec.module ? { module_address: spec.module } : {}),
    mode: spec.mode ?? 'managed',
    type: spec.type,
    name: spec.name,
    ...(spec.index !== undefined ? { index: spec.index } : {}),
    ...(spec.deposed ? { deposed: spec.deposed } : {}),
    provider_name: AWS,
    change: {
      actions: spec.actions,
      before: spec.actions.includes('create') && spec.actions.length === 1 ? null : { old: true },
      after: spec.actions.length === 1 && spec.actions[0] === 'delete' ? null : (spec.after ?? {}),
      after_unknown: spec.afterUnknown ?? {},
      before_sensitive: false,
      after_sensitive: spec.afterSensitive ?? {},
    },
  };
}

/** A plan in Terraform 1.9's shape that exercises every part of the loader. */
export function scenarioPlan(): Record<string, unknown> {
  const bucketExpressions = {
    bucket: { constant_value: 'data-bucket' },
    tags: { references: ['local.tags'] },
    policy: {},
    server_side_encryption_configuration: [
      { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: { constant_value: 'aws:kms' }, kms_master_key_id: { references: ['aws_kms_key.k.arn', 'aws_kms_key.k'] } }] }] },
    ],
  };
  return {
    format_version: '1.2',
    terraform_version: '1.9.5',
    a_field_from_the_future: { anything: [1, 2, 3] },
    variables: { env: { value: 'prod' }, sizes: { value: { a: 1 } } },
    planned_values: {
      outputs: { bucket_id: { sensitive: false } },
      root_module: {
        resources: [
          {
            address: 'aws_s3_bucket.data',
            mode: 'managed',
            type: 'aws_s3_bucket',
            name: 'data',
            provider_name: AWS,
            schema_version: 0,
            values: { bucket: 'data-bucket' },
            sensitive_values: {},
          },
          // Left out of resource_changes, as Terraform 0.12 did for no-ops.
          {
            address: 'aws_kms_key.k',
            mode: 'managed',
            type: 'aws_kms_key',
            name: 'k',
            provider_name: AWS,
            schema_version: 0,
            values: { enable_key_rotation: true, policy: 's3cr3t-policy' },
            sensitive_values: { policy: true },
          },
        ],
        child_modules: [
          {
            address: 'module.app["eu"]',
            resources: [
              {
                address: 'module.app["eu"].aws_s3_bucket.logs[0]',
                mode: 'managed',
                type: 'aws_s3_bucket',
                name: 'logs',
                index: 0,
                provider_name: AWS,
                schema_version: 0,
                values: { bucket: 'logs-eu-0' },
                sensitive_values: {},
              },
            ],
          },
        ],
      },
    },
    resource_drift: [change({ address: 'aws_s3_bucket.data', type: 'aws_s3_bucket', name: 'data', actions: ['update'], after: { bucket: 'drifted' } })],
    resource_changes: [
      change({
        address: 'aws_s3_bucket.data',
        type: 'aws_s3_bucket',
        name: 'data',
        actions: ['create'],
        after: { bucket: 'data-bucket', tags: { owner: 'ops', token: 'hunter2' } },
        afterUnknown: { id: true, arn: true, tags_all: true },
        afterSensitive: { tags: { token: true } },
      }),
      change({ address: 'aws_s3_bucket.old', type: 'aws_s3_bucket', name: 'old', actions: ['delete'] }),
      change({ address: 'aws_s3_bucket.gone', type: 'aws_s3_bucket', name: 'gone', actions: ['forget'] }),
      change({ address: 'aws_s3_bucket.data', type: 'aws_s3_bucket', name: 'data', actions: ['delete'], deposed: 'abcd1234' }),
      change({ address: 'aws_db_instance.db', type: 'aws_db_instance', name: 'db', actions: ['delete', 'create'], after: { storage_encrypted: true } }),
      change({ address: 'aws_secretsmanager_secret.s', type: 'aws_secretsmanager_secret', name: 's', actions: ['create', 'delete'], after: { name: 's' } }),
      change({ address: 'aws_sns_topic.t', type: 'aws_sns_topic', name: 't', actions: ['update'], after: { name: 't' } }),
      change({ address: 'aws_sqs_queue.q', type: 'aws_sqs_queue', name: 'q', actions: ['no-op'], after: { name: 'q' } }),
      change({
        address: 'data.aws_iam_policy_document.p',
        mode: 'data',
        type: 'aws_iam_policy_document',
        name: 'p',
        actions: ['read'],
        afterUnknown: { json: true },
      }),
      change({
        address: 'module.app["eu"].aws_s3_bucket.logs[0]',
        module: 'module.app["eu"]',
        type: 'aws_s3_bucket',
        name: 'logs',
        index: 0,
        actions: ['create'],
        after: { bucket: 'logs-eu-0' },
        afterUnknown: { id: true },
      }),
      change({
        address: 'module.app["eu"].aws_s3_bucket.logs[1]',
        module: 'module.app["eu"]',
        type: 'aws_s3_bucket',
        name: 'logs',
        index: 1,
        actions: ['create'],
        after: { bucket: 'logs-eu-1' },
        afterUnknown: true,
      }),
      change({
        address: 'module.app["eu"].module.inner[0].aws_cloudwatch_log_group.g["a.b]"]',
        module: 'module.app["eu"].module.inner[0]',
        type: 'aws_cloudwatch_log_group',
        name: 'g',
        index: 'a.b]',
        actions: ['create'],
        after: { name: 'g' },
      }),
    ],
    output_changes: { bucket_id: { actions: ['create'], before: null, after_unknown: true } },
    prior_state: {
      format_version: '1.0',
      terraform_version: '1.9.5',
      values: {
        root_module: {
          resources: [
            {
              address: 'aws_s3_bucket.old',
              mode: 'managed',
              type: 'aws_s3_bucket',
              name: 'old',
              provider_name: AWS,
              values: { bucket: 'old' },
              sensitive_values: {},
            },
            {
              address: 'data.aws_caller_identity.me',
              mode: 'data',
              type: 'aws_caller_identity',
              name: 'me',
              provider_name: AWS,
              values: { account_id: '123456789012' },
              sensitive_values: {},
            },
            {
              address: 'aws_kms_key.k',
              mode: 'managed',
              type: 'aws_kms_key',
              name: 'k',
              provider_name: AWS,
              values: { enable_key_rotation: false },
              sensitive_values: {},
            },
          ],
        },
      },
    },
    configuration: {
      provider_config: {
        aws: {
          name: 'aws',
          full_name: AWS,
          expressions: { region: { constant_value: 'eu-west-1' }, default_tags: [{ tags: { constant_value: { team: 'twin' } } }] },
        },
        'aws.east': { name: 'aws', full_name: AWS, alias: 'east', expressions: { region: { constant_value: 'us-east-1' }, use_fips_endpoint: { references: ['var.fips'] } } },
        'module.app:aws': { name: 'aws', full_name: AWS, module_address: 'module.app' },
      },
      root_module: {
        outputs: { bucket_id: { expression: { references: ['aws_s3_bucket.data.id', 'aws_s3_bucket.data'] } }, secret: { sensitive: true, expression: { references: ['var.secret'] } } },
        resources: [
          { address: 'aws_s3_bucket.data', mode: 'managed', type: 'aws_s3_bucket', name: 'data', provider_config_key: 'aws', expressions: bucketExpressions, schema_version: 0 },
          { address: 'aws_kms_key.k', mode: 'managed', type: 'aws_kms_key', name: 'k', provider_config_key: 'aws.east', expressions: { enable_key_rotation: { constant_value: true } }, schema_version: 0 },
          { address: 'aws_db_instance.db', mode: 'managed', type: 'aws_db_instance', name: 'db', provider_config_key: 'aws', expressions: {}, schema_version: 0 },
          { address: 'data.aws_iam_policy_document.p', mode: 'data', type: 'aws_iam_policy_document', name: 'p', provider_config_key: 'aws', expressions: { statement: [{ resources: { references: ['aws_s3_bucket.data.arn'] } }] }, schema_version: 0 },
          { address: 'data.aws_caller_identity.me', mode: 'data', type: 'aws_caller_identity', name: 'me', provider_config_key: 'aws', schema_version: 0 },
        ],
        module_calls: {
          app: {
            source: './modules/app',
            for_each_expression: { references: ['var.regions'] },
            expressions: { bucket_arn: { references: ['aws_s3_bucket.data.arn', 'aws_s3_bucket.data'] }, name: { constant_value: 'x' } },
            providers: { aws: 'aws.east' },
            module: {
              outputs: { logs_arn: { expression: { references: ['aws_s3_bucket.logs'] } } },
              resources: [
                { address: 'aws_s3_bucket.logs', mode: 'managed', type: 'aws_s3_bucket', name: 'logs', provider_config_key: 'app:aws', expressions: { bucket: { references: ['var.name', 'count.index'] } }, schema_version: 0, count_expression: { constant_value: 2 } },
              ],
              module_calls: {
                inner: {
                  source: '../inner',
                  count_expression: { constant_value: 1 },
                  module: {
                    resources: [
                      { address: 'aws_cloudwatch_log_group.g', mode: 'managed', type: 'aws_cloudwatch_log_group', name: 'g', provider_config_key: 'inner:aws', expressions: { name: { references: ['each.key'] } }, schema_version: 0, for_each_expression: { references: ['var.groups'] } },
                    ],
                  },
                },
              },
            },
          },
        },
      },
    },
    timestamp: '2026-11-28T12:00:00Z',
    applyable: true,
    complete: true,
    errored: false,
  };
}

/** A minimal valid plan with the given top-level fields added or replaced. */
export function minimalPlan(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { format_version: '1.2', terraform_version: '1.9.5', planned_values: { root_module: {} }, resource_changes: [], configuration: { root_module: {} }, ...extra };
}

/** The bytes as a stream of chunks of `size` bytes. */
export function chunked(bytes: Buffer, size: number): AsyncIterable<Buffer> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks, { objectMode: true });
}

/** UTF-16 bytes of a text, with a BOM. */
export function utf16(text: string, endian: 'le' | 'be'): Buffer {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  return endian === 'le' ? le : Buffer.from(le).swap16();
}
