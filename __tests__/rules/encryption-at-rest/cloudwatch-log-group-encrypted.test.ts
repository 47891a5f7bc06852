import rule from '../../../checks/rules/encryption-at-rest/cloudwatch-log-group-encrypted';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { kmsKey, ref } from './fixtures';

const G = 'aws_cloudwatch_log_group.g';

ruleTable(rule, [
  { name: 'a key of the plan passes', plan: plan([kmsKey('aws_kms_key.k'), res(G, { name: '/app' }, { unknown: { kms_key_id: true }, refs: { kms_key_id: ref('aws_kms_key.k', 'arn') } })]), expect: { [G]: 'pass' } },
  { name: 'a literal key ARN passes', plan: plan([res(G, { name: '/app', kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/abc' })]), expect: { [G]: 'pass' } },
  { name: 'no key fails', plan: plan([res(G, { name: '/app', retention_in_days: 365 })]), expect: { [G]: 'fail' }, message: /kms_key_id/ },
  // CloudWatch Logs has no AWS-managed key: the message does not claim one.
  { name: 'an empty key id fails, as the service\'s own encryption', plan: plan([res(G, { name: '/app', kms_key_id: '' })]), expect: { [G]: 'fail' }, message: /is an empty key id \(the service's own encryption\), not a customer-managed key/ },
  {
    name: 'an unfollowable key known only after apply is unknown, the message saying once what it is and where it comes from',
    plan: plan([res(G, { name: '/app' }, { unknown: { kms_key_id: true }, refs: { kms_key_id: ['var.key'] } })]),
    expect: { [G]: 'unknown' },
    message: /^`kms_key_id`: it is known only after apply and it comes from the root variable var\.key, so the gate cannot vouch for the key\./,
  },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_cloudwatch_log_stream.s', { name: 's' })]), expect: { 'aws_cloudwatch_log_stream.s': 'not-applicable' } },
]);
