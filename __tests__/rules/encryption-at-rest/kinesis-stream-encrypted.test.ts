import rule from '../../../checks/rules/encryption-at-rest/kinesis-stream-encrypted';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const S = 'aws_kinesis_stream.s';
const CC = 'awscc_kinesis_stream.s';

ruleTable(rule, [
  { name: 'KMS passes', plan: plan([res(S, { name: 's', encryption_type: 'KMS', kms_key_id: 'alias/aws/kinesis' })]), expect: { [S]: 'pass' } },
  { name: 'NONE fails', plan: plan([res(S, { name: 's', encryption_type: 'NONE' })]), expect: { [S]: 'fail' }, message: /"NONE"/ },
  { name: 'unset fails (default NONE)', plan: plan([res(S, { name: 's' })]), expect: { [S]: 'fail' } },
  { name: 'known only after apply is unknown', plan: plan([res(S, { name: 's' }, { unknown: { encryption_type: true }, refs: { encryption_type: ['var.t'] } })]), expect: { [S]: 'unknown' } },
  { name: 'an awscc stream with stream_encryption KMS passes', plan: plan([res(CC, { name: 's', stream_encryption: { encryption_type: 'KMS', key_id: 'alias/aws/kinesis' } })]), expect: { [CC]: 'pass' } },
  {
    name: 'an awscc stream whose configuration sets no stream_encryption (computed in the plan) fails',
    plan: plan([res(CC, { name: 's' }, { unknown: { stream_encryption: true } })]),
    expect: { [CC]: 'fail' },
    message: /`stream_encryption.encryption_type` is not set, so the default applies: no encryption/,
  },
  {
    name: 'an awscc stream whose encryption type is known only after apply is unknown',
    plan: plan([res(CC, { name: 's', stream_encryption: {} }, { unknown: { stream_encryption: { encryption_type: true } }, refs: { stream_encryption: ['var.encryption'] } })]),
    expect: { [CC]: 'unknown' },
  },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_kinesis_firehose_delivery_stream.f', { name: 'f' })]), expect: { 'aws_kinesis_firehose_delivery_stream.f': 'not-applicable' } },
]);
