import rule from '../../../checks/rules/encryption-at-rest/kinesis-stream-encrypted';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const S = 'aws_kinesis_stream.s';

ruleTable(rule, [
  { name: 'KMS passes', plan: plan([res(S, { name: 's', encryption_type: 'KMS', kms_key_id: 'alias/aws/kinesis' })]), expect: { [S]: 'pass' } },
  { name: 'NONE fails', plan: plan([res(S, { name: 's', encryption_type: 'NONE' })]), expect: { [S]: 'fail' }, message: /"NONE"/ },
  { name: 'unset fails (default NONE)', plan: plan([res(S, { name: 's' })]), expect: { [S]: 'fail' } },
  { name: 'known only after apply is unknown', plan: plan([res(S, { name: 's' }, { unknown: { encryption_type: true }, refs: { encryption_type: ['var.t'] } })]), expect: { [S]: 'unknown' } },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_kinesis_firehose_delivery_stream.f', { name: 'f' })]), expect: { 'aws_kinesis_firehose_delivery_stream.f': 'not-applicable' } },
]);
