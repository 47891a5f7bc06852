/**
 * Property-based tests (fast-check): whatever plan-shaped document comes in — random resources of
 * the rule-relevant types with random attribute values, or a plan-builder plan or a real plan
 * with random parts deleted, replaced or retyped — the CLI ends with exit 0, 1 or 2 in time,
 * never with an uncaught error and no rule throws, and the same bytes always give the same report.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { plan, res } from '../helpers/plan-builder';
import { describeWithShared, hasShared, REAL_PLANS_DIR, realPlanIndex } from '../helpers/shared';
import { scratch } from './harness';
import { behaves, json, mutated, RUN_TIMEOUT_MS, RUNS } from './property-support';


const TYPES = [
  'aws_s3_bucket', 'aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_policy', 'aws_s3_bucket_public_access_block',
  'aws_kms_key', 'aws_cloudtrail', 'aws_iam_role', 'awscc_iottwinmaker_workspace', 'aws_sqs_queue', 'aws_dynamodb_table', 'null_resource',
  'awscc_s3_bucket', 'awscc_s3_bucket_policy', 'awscc_kms_key', 'awscc_cloudtrail_trail', 'awscc_iam_role', 'aws_iam_role_policy',
  'aws_db_instance', 'aws_rds_cluster', 'aws_db_parameter_group', 'aws_elasticache_cluster', 'aws_kms_key_policy',
  'aws_kinesis_video_stream', 'aws_timestreamwrite_database', 'awscc_sqs_queue', 'awscc_lambda_function', 'awscc_ecr_repository',
];
const ATTRIBUTES = [
  'bucket', 'rule', 'apply_server_side_encryption_by_default', 'sse_algorithm', 'kms_master_key_id', 'policy', 'assume_role_policy', 'tags', 'tags_all',
  'enable_key_rotation', 'kms_key_id', 's3_location', 's3_bucket_name', 'description', 'name', 'block_public_acls', 'server_side_encryption',
  'bucket_name', 'bucket_encryption', 'public_access_block_configuration', 'policy_document', 'policies', 'inline_policy', 'is_logging',
  'engine', 'engine_version', 'parameter_group_name', 'db_cluster_parameter_group_name', 'parameter', 'replication_group_id', 'key_policy', 'key_id',
  'kms_master_key_id', 'sqs_managed_sse_enabled', 'environment', 'encrypted', 'encryption_configuration',
];

const tmp = scratch();
/** How often each exit code came out: the properties must exercise verdicts, not only refusals. */
const codes: Record<number, number> = {};
afterAll(() => {
  tmp.cleanup();
  expect(codes[0] ?? 0).toBeGreaterThan(0);
  expect(codes[1] ?? 0).toBeGreaterThan(0);
  expect(codes[2] ?? 0).toBeGreaterThan(0);
});

/** Values rules look into: policies as JSON text, tag maps, SSE blocks, ARNs, emails, and anything else. */
const attributeValue = fc.oneof(
  json,
  json.map((v) => JSON.stringify(v)),
  // Tag maps, their keys sometimes names JavaScript objects already have.
  fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'toString')), fc.oneof(fc.string(), fc.constant('jane.doe@example.com'))),
  fc.constantFrom('aws:kms', 'AES256', 'arn:aws:s3:::b', 'https://u:p4ssw0rd@example.com', '{"Statement":[{"Effect":"Deny"}]}', '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}]}', '{"Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}'),
  fc.constantFrom('postgres', 'mysql', 'aurora-mysql', 'oracle-ee', 'memcached', 'redis', '16.4', '8.0.39', '11.8.2', 'default.postgres16'),
  fc.constant([{ name: 'rds.force_ssl', value: '1' }]),
  fc.constant({ server_side_encryption_configuration: [{ server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } }] }),
  fc.constant([{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }] }]),
);
const unknownTree = fc.dictionary(fc.constantFrom(...ATTRIBUTES), fc.oneof(fc.constant(true), json), { maxKeys: 3 });
const address = fc
  .tuple(fc.constantFrom('', 'module.m.', 'module.m["k"].'), fc.constantFrom(...TYPES), fc.constantFrom('a', 'b'), fc.constantFrom('', '[0]', '["x"]'))
  .map(([module, type, name, index]) => `${module}${type}.${name}${index}`);
const resource = fc
  .record({
    address,
    after: fc.dictionary(fc.constantFrom(...ATTRIBUTES), attributeValue, { maxKeys: 6 }),
    unknown: unknownTree,
    actions: fc.constantFrom(['create'], ['update'], ['no-op'], ['delete', 'create'], ['read']),
    refs: fc.option(fc.dictionary(fc.constantFrom('bucket', 'kms_key_id', 's3_location'), fc.array(fc.string({ maxLength: 20 }), { maxLength: 2 })), { nil: undefined }),
  })
  .map((r) => res(r.address, r.after, { unknown: r.unknown, actions: [...r.actions], ...(r.refs ? { refs: r.refs } : {}) }));

/** A plan of random resources, with unique addresses (as Terraform writes them). */
const randomPlan = fc.uniqueArray(resource, { maxLength: 8, selector: (r) => r.address }).map((resources) => plan(resources));

const property = (docs: fc.Arbitrary<unknown>) => fc.asyncProperty(docs, (doc) => behaves(tmp.file('plan.json', JSON.stringify(doc)), 'plan', tmp.dir, codes));

describe('random and mutated plan documents', () => {
  it('random plans of the rule-relevant types: exit 0/1/2, deterministic', async () => {
    await fc.assert(property(randomPlan), { numRuns: RUNS, timeout: RUN_TIMEOUT_MS });
  });

  it('mutated random plans: exit 0/1/2, deterministic', async () => {
    await fc.assert(property(mutated(randomPlan)), { numRuns: RUNS, timeout: RUN_TIMEOUT_MS });
  });

  it('any JSON value at all: exit 0/1/2, deterministic', async () => {
    await fc.assert(property(fc.oneof(json, fc.dictionary(fc.constantFrom('format_version', 'resource_changes', 'planned_values', 'configuration', 'prior_state', 'x'), json))), { numRuns: RUNS, timeout: RUN_TIMEOUT_MS });
  });
});

describeWithShared('mutated real plans', () => {
  /** The smaller real plans (a mutated copy of each is checked per run). */
  const realPlans = hasShared
    ? realPlanIndex()
        .filter((e) => e.category === 'plan' && Number(e.size) < 40_000)
        .slice(0, 30)
        .map((e) => JSON.parse(fs.readFileSync(path.join(REAL_PLANS_DIR, e.file), 'utf8')) as Record<string, unknown>)
    : [];

  it('real plans with random parts deleted, replaced or retyped: exit 0/1/2, deterministic', async () => {
    expect(realPlans.length).toBeGreaterThan(0);
    await fc.assert(property(mutated(fc.constantFrom(...realPlans))), { numRuns: RUNS, timeout: RUN_TIMEOUT_MS });
  });
});
