/**
 * Peer-pitfall 3: checks that always pass (or always fail) on plans because the plan renders the
 * deprecated inline aws_s3_bucket blocks as [] or unknown (checkov #7360). Since AWS provider v4
 * the inline server_side_encryption_configuration is Optional+Computed: unknown on create, filled
 * from the API on update. twinguard never trusts it there; only the standalone resource, or a
 * known inline block written in the configuration (provider v3), decides. The same holds for the
 * inline `logging`: on a bucket left as it is, the API fills it from the separate
 * aws_s3_bucket_logging, and it still shows the logging in a plan that deletes that resource.
 */
import defaultEncryption from '../../../checks/rules/encryption-at-rest/s3-bucket-default-encryption';
import sseKms from '../../../checks/rules/encryption-at-rest/s3-bucket-sse-kms';
import accessLogging from '../../../checks/rules/logging/s3-bucket-access-logging';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { bucket, inlineSse, sse, workspace } from '../encryption-at-rest/fixtures';

const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
/** A v4+ bucket on update: the API's values fill the inline block, the configuration does not write it. */
const apiFilled = (address: string, algorithm: string, key?: string) =>
  res(address, { bucket: 'live', server_side_encryption_configuration: inlineSse(algorithm, key) }, { actions: ['update'], expressions: { bucket: { constant_value: 'live' } } });

ruleTable(defaultEncryption, [
  { name: 'an unknown inline block (v4+ create) does not count: fail', plan: plan([bucket('aws_s3_bucket.new')]), expect: { 'aws_s3_bucket.new': 'fail' } },
  { name: 'an API-filled inline block (v4+ update) does not count: fail', plan: plan([apiFilled('aws_s3_bucket.live', 'AES256')]), expect: { 'aws_s3_bucket.live': 'fail' } },
  { name: 'an empty inline block does not count: fail', plan: plan([bucket('aws_s3_bucket.empty', { inline: [] })]), expect: { 'aws_s3_bucket.empty': 'fail' } },
  { name: 'a known inline block written in the configuration (v3) counts', plan: plan([bucket('aws_s3_bucket.v3', { inline: inlineSse('AES256') })]), expect: { 'aws_s3_bucket.v3': 'pass' } },
  {
    name: 'with a standalone configuration, the unknown inline block is irrelevant',
    plan: plan([bucket('aws_s3_bucket.new'), sse('aws_s3_bucket_server_side_encryption_configuration.new', 'aws_s3_bucket.new', { algorithm: 'AES256' })]),
    expect: { 'aws_s3_bucket.new': 'pass' },
  },
]);

ruleTable(sseKms, [
  {
    name: 'an API-filled inline SSE-KMS block on a TwinMaker bucket does not vouch for it: fail',
    plan: plan([apiFilled('aws_s3_bucket.live', 'aws:kms', KEY_ARN), workspace('awscc_iottwinmaker_workspace.w', 'aws_s3_bucket.live')]),
    expect: { 'aws_s3_bucket.live': 'fail' },
  },
  {
    name: 'a standalone SSE-S3 configuration wins over an API-filled inline SSE-KMS block: fail',
    plan: plan([
      apiFilled('aws_s3_bucket.live', 'aws:kms', KEY_ARN),
      workspace('awscc_iottwinmaker_workspace.w', 'aws_s3_bucket.live'),
      sse('aws_s3_bucket_server_side_encryption_configuration.live', 'aws_s3_bucket.live', { algorithm: 'AES256' }),
    ]),
    expect: { 'aws_s3_bucket.live': 'fail' },
  },
]);

/**
 * A bucket the plan leaves as it is (`no-op`), whose inline `logging` the API filled from the
 * separate aws_s3_bucket_logging, which the plan deletes (its block was removed from the code):
 * the inline block is the API's memory of the resource going away, and after apply the bucket
 * logs nothing (checkov #7360's stale inline block).
 */
const LOGGED = { bucket: 'twin-data', force_destroy: false, logging: [{ target_bucket: 'central-logs', target_prefix: 'twin/' }] };
const liveBucket = res('aws_s3_bucket.data', LOGGED, { actions: ['no-op'], before: LOGGED, expressions: { bucket: { constant_value: 'twin-data' } } });
const bucketLogging = (actions: string[]) => {
  const values = { id: 'twin-data', bucket: 'twin-data', target_bucket: 'central-logs', target_prefix: 'twin/' };
  return res('aws_s3_bucket_logging.data', values, { actions, before: values, refs: { bucket: ['aws_s3_bucket.data.id', 'aws_s3_bucket.data'] } });
};
const loggedWorkspace = workspace('awscc_iottwinmaker_workspace.w', 'aws_s3_bucket.data');

ruleTable(accessLogging, [
  {
    name: 'an API-filled inline logging block does not vouch for a bucket whose aws_s3_bucket_logging is deleted: fail',
    plan: plan([liveBucket, loggedWorkspace, bucketLogging(['delete'])]),
    expect: { 'aws_s3_bucket.data': 'fail' },
    message: /no aws_s3_bucket_logging points at this bucket/,
  },
  {
    name: 'the same bucket passes while its aws_s3_bucket_logging stays',
    plan: plan([liveBucket, loggedWorkspace, bucketLogging(['no-op'])]),
    expect: { 'aws_s3_bucket.data': 'pass' },
  },
]);
