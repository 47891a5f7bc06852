import rule from '../../../checks/rules/encryption-at-rest/dynamodb-table-kms';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const T = 'aws_dynamodb_table.t';
const table = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}) => res(T, { name: 't', hash_key: 'id', ...after }, { unknown: { arn: true, id: true, ...unknown } });

ruleTable(rule, [
  { name: 'KMS encryption with a customer key passes', plan: plan([table({ server_side_encryption: [{ enabled: true, kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:key/abc' }] })]), expect: { [T]: 'pass' } },
  { name: 'KMS encryption with the AWS-managed key passes', plan: plan([table({ server_side_encryption: [{ enabled: true, kms_key_arn: '' }] })]), expect: { [T]: 'pass' } },
  { name: 'encryption disabled (AWS-owned key) fails', plan: plan([table({ server_side_encryption: [{ enabled: false }] })]), expect: { [T]: 'fail' }, message: /server_side_encryption/ },
  { name: 'no server_side_encryption block (AWS-owned key) fails', plan: plan([table({ server_side_encryption: [] })]), expect: { [T]: 'fail' }, message: /AWS-owned key/ },
  { name: 'no block in the configuration (computed in a plan) is the AWS-owned key: fail', plan: plan([table({}, { server_side_encryption: true })]), expect: { [T]: 'fail' } },
  {
    name: 'a block known only after apply is unknown',
    plan: plan([res(T, { name: 't', hash_key: 'id' }, { unknown: { server_side_encryption: true }, refs: { server_side_encryption: ['var.sse'] } })]),
    expect: { [T]: 'unknown' },
  },
  { name: 'an awscc table with sse_specification.sse_enabled passes', plan: plan([res('awscc_dynamodb_table.t', { table_name: 't', sse_specification: { sse_enabled: true, sse_type: 'KMS' } }, { unknown: { arn: true } })]), expect: { 'awscc_dynamodb_table.t': 'pass' } },
  {
    name: 'an awscc table without sse_specification (the AWS-owned key) fails, saying how to set it in awscc',
    plan: plan([res('awscc_dynamodb_table.t', { table_name: 't' }, { unknown: { arn: true } })]),
    expect: { 'awscc_dynamodb_table.t': 'fail' },
    message: /sse_specification\.sse_enabled.*sse_specification = \{ sse_enabled = true/,
  },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_sns_topic.t', { name: 't' })]), expect: { 'aws_sns_topic.t': 'not-applicable' } },
  {
    name: 'an awscc global table is judged by sse_specification.sse_enabled: true passes, false or unset (the AWS-owned key) fails',
    plan: plan([
      res('awscc_dynamodb_global_table.on', { table_name: 'on', sse_specification: { sse_enabled: true, sse_type: 'KMS' }, replicas: [{ region: 'eu-west-1' }] }, { unknown: { arn: true } }),
      res('awscc_dynamodb_global_table.off', { table_name: 'off', sse_specification: { sse_enabled: false }, replicas: [{ region: 'eu-west-1' }] }, { unknown: { arn: true } }),
      res('awscc_dynamodb_global_table.unset', { table_name: 'unset', replicas: [{ region: 'eu-west-1' }] }, { unknown: { arn: true, sse_specification: true } }),
    ]),
    expect: { 'awscc_dynamodb_global_table.on': 'pass', 'awscc_dynamodb_global_table.off': 'fail', 'awscc_dynamodb_global_table.unset': 'fail' },
    message: /sse_specification/,
  },
]);
