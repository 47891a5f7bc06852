import rule from '../../../checks/rules/encryption-at-rest/cloudtrail-kms-encryption';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';
import { bucket, kmsKey, ref, trail } from './fixtures';

const T = 'aws_cloudtrail.t';
const B = 'aws_s3_bucket.logs';
const E = 'aws_cloudtrail_event_data_store.lake';
const CE = 'awscc_cloudtrail_event_data_store.lake';
/** A CloudTrail Lake event data store being created; the aws provider writes `kms_key_id` null when unset. */
const store = (after: Record<string, unknown> = {}, options: { unknown?: Record<string, unknown>; refs?: Record<string, string[]> } = {}) =>
  res(E, { name: 'lake', kms_key_id: null, ...after }, { unknown: { id: true, arn: true, ...options.unknown }, refs: options.refs });

ruleTable(rule, [
  { name: 'a literal key ARN passes', plan: plan([bucket(B), trail(T, B, { kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/abc' })]), expect: { [T]: 'pass' } },
  { name: 'no kms_key_id fails', plan: plan([bucket(B), trail(T, B)]), expect: { [T]: 'fail' }, message: /kms_key_id/ },
  { name: 'an empty kms_key_id fails', plan: plan([bucket(B), trail(T, B, { kms_key_id: '' })]), expect: { [T]: 'fail' } },
  {
    name: 'a key of the plan passes although its ARN is known only after apply',
    plan: plan([bucket(B), kmsKey('aws_kms_key.k'), trail(T, B, {}, { unknown: { kms_key_id: true }, refs: { kms_key_id: ref('aws_kms_key.k', 'arn') } })]),
    expect: { [T]: 'pass' },
  },
  { name: 'an AWS-managed alias fails', plan: plan([bucket(B), trail(T, B, { kms_key_id: 'alias/aws/cloudtrail' })]), expect: { [T]: 'fail' }, message: /AWS-managed/ },
  {
    name: 'a key known only after apply that the graph cannot follow is unknown (never a pass)',
    plan: plan([bucket(B), trail(T, B, {}, { unknown: { kms_key_id: true }, refs: { kms_key_id: ['var.trail_key'] } })]),
    expect: { [T]: 'unknown' },
  },
  // Sweep h2 (event-data-store): CloudTrail Lake keeps the account's events under a key CloudTrail owns unless kms_key_id names one (Security Hub CloudTrail.10).
  {
    name: 'a CloudTrail Lake event data store without kms_key_id fails: CloudTrail keeps its events under a key it owns',
    plan: plan([store()]),
    expect: { [E]: 'fail' },
    message: /`kms_key_id` is not set, so the default applies: a key CloudTrail owns/,
  },
  {
    name: 'an event data store under a key of the plan passes; under an AWS-managed alias it fails; under a key the graph cannot follow it is unknown',
    plan: plan([
      kmsKey('aws_kms_key.k'),
      store({}, { unknown: { kms_key_id: true }, refs: { kms_key_id: ref('aws_kms_key.k', 'arn') } }),
      res('aws_cloudtrail_event_data_store.managed', { name: 'managed', kms_key_id: 'alias/aws/cloudtrail' }, { unknown: { id: true, arn: true } }),
      res('aws_cloudtrail_event_data_store.elsewhere', { name: 'elsewhere' }, { unknown: { id: true, arn: true, kms_key_id: true }, refs: { kms_key_id: ['var.lake_key'] } }),
    ]),
    expect: { [E]: 'pass', 'aws_cloudtrail_event_data_store.managed': 'fail', 'aws_cloudtrail_event_data_store.elsewhere': 'unknown' },
  },
  {
    name: 'an awscc event data store without kms_key_id (computed) fails; one under an awscc_kms_key of the plan passes',
    plan: plan([
      // awscc computes `kms_key_id` when the configuration leaves it unset, so a plan shows it unknown then.
      res(CE, { name: 'lake' }, { unknown: { id: true, event_data_store_arn: true, kms_key_id: true } }),
      res('awscc_kms_key.k', { description: 'lake' }, { unknown: { arn: true, id: true, key_id: true } }),
      res('awscc_cloudtrail_event_data_store.sealed', { name: 'sealed' }, { unknown: { id: true, kms_key_id: true }, refs: { kms_key_id: ref('awscc_kms_key.k', 'arn') } }),
    ]),
    expect: { [CE]: 'fail', 'awscc_cloudtrail_event_data_store.sealed': 'pass' },
  },
  { name: 'other resource types are not-applicable', plan: plan([bucket(B)]), expect: { [B]: 'not-applicable' } },
]);

describe('cloudtrail-kms-encryption: an event data store written in code', () => {
  it('.tf: an aws or awscc event data store without kms_key_id fails; one naming a key of the configuration passes', async () => {
    const graph = await tfGraph(`resource "aws_kms_key" "k" {
  description = "lake"
}
resource "aws_cloudtrail_event_data_store" "lake" {
  name = "lake"
}
resource "aws_cloudtrail_event_data_store" "sealed" {
  name       = "sealed"
  kms_key_id = aws_kms_key.k.arn
}
resource "awscc_cloudtrail_event_data_store" "lake" {
  name = "lake"
}
`);
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [E]: 'fail', 'aws_cloudtrail_event_data_store.sealed': 'pass', [CE]: 'fail' });
  });

  it('cdk.tf.json: an event data store without kms_key_id fails', () => {
    const graph = cdktfGraph({ aws_cloudtrail_event_data_store: { lake: { name: 'lake' } } });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [E]: 'fail' });
  });
});
