import rule from '../../../checks/rules/logging/s3-bucket-access-logging';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { bucket, trail, workspace } from '../fixtures/transit';

const B = 'aws_s3_bucket.data';
const LOGS = 'aws_s3_bucket.logs';
const W = 'awscc_iottwinmaker_workspace.factory';
const logging = (options: { bucketRefs?: string[]; unknownTarget?: boolean } = {}) =>
  res(
    'aws_s3_bucket_logging.data',
    { target_prefix: 'data/' },
    {
      unknown: { bucket: true, id: true, target_bucket: true },
      refs: { bucket: options.bucketRefs ?? ['aws_s3_bucket.data.id', 'aws_s3_bucket.data'], ...(options.unknownTarget ? {} : { target_bucket: ['aws_s3_bucket.logs.id', 'aws_s3_bucket.logs'] }) },
    },
  );

ruleTable(rule, [
  {
    name: 'a TwinMaker bucket with linked access logging passes',
    plan: plan([bucket(B), bucket(LOGS), workspace(W, B), logging()]),
    expect: { [B]: 'pass' },
  },
  {
    name: 'a TwinMaker bucket without access logging fails, saying why it is in scope',
    plan: plan([bucket(B), workspace(W, B)]),
    expect: { [B]: 'fail' },
    message: /no aws_s3_bucket_logging points at this bucket.*Required because it is used by awscc_iottwinmaker_workspace\.factory/,
  },
  {
    name: 'a CloudTrail bucket without access logging fails (CloudTrail.7)',
    plan: plan([bucket(B), trail('aws_cloudtrail.audit', B)]),
    expect: { [B]: 'fail' },
    message: /aws_cloudtrail\.audit/,
  },
  {
    name: 'a bucket nobody in scope uses is not applicable',
    plan: plan([bucket(B), bucket(LOGS), workspace(W, LOGS), logging({ bucketRefs: ['aws_s3_bucket.logs.id', 'aws_s3_bucket.logs'] })]),
    expect: { [B]: 'not-applicable', [LOGS]: 'pass' },
  },
  {
    name: 'a bucket a workspace may write to (its s3_location cannot be followed) is unknown without logging',
    plan: plan([bucket(B), workspace(W)]),
    expect: { [B]: 'unknown' },
    message: /awscc_iottwinmaker_workspace\.factory may write to it/,
  },
  {
    name: 'a bucket a workspace may write to passes with logging',
    plan: plan([bucket(B), bucket(LOGS), workspace(W), logging()]),
    expect: { [B]: 'pass', [LOGS]: 'unknown' },
  },
  {
    name: 'a known inline logging block written in the configuration (provider v3) passes',
    plan: plan([bucket(B, { inline: { logging: [{ target_bucket: 'central-logs', target_prefix: 'data/' }] } }), workspace(W, B)]),
    expect: { [B]: 'pass' },
  },
  {
    name: 'an inline logging block a v4+ plan shows as unknown never counts',
    plan: plan([bucket(B), workspace(W, B)]),
    expect: { [B]: 'fail' },
  },
  {
    name: 'an empty inline logging block never counts',
    plan: plan([bucket(B, { inline: { logging: [] } }), workspace(W, B)]),
    expect: { [B]: 'fail' },
  },
  {
    name: 'a logging resource whose bucket cannot be followed makes a TwinMaker bucket unknown',
    plan: plan([bucket(B), workspace(W, B), logging({ bucketRefs: [] })]),
    expect: { [B]: 'unknown' },
    message: /aws_s3_bucket_logging\.data/,
  },
  {
    name: 'a logging target known only after apply that references nothing is unknown',
    plan: plan([bucket(B), workspace(W, B), logging({ unknownTarget: true })]),
    expect: { [B]: 'unknown' },
  },
  {
    name: 'other resource types are not applicable',
    plan: plan([res('aws_sqs_queue.q', { name: 'q' })]),
    expect: { 'aws_sqs_queue.q': 'not-applicable' },
  },
]);
