import rule from '../../../checks/rules/encryption-at-rest/cloudtrail-kms-encryption';
import { plan } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { bucket, kmsKey, ref, trail } from './fixtures';

const T = 'aws_cloudtrail.t';
const B = 'aws_s3_bucket.logs';

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
  { name: 'other resource types are not-applicable', plan: plan([bucket(B)]), expect: { [B]: 'not-applicable' } },
]);
