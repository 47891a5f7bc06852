import rule from '../../../checks/rules/encryption-at-rest/sns-topic-encrypted';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { kmsKey, ref } from './fixtures';

const T = 'aws_sns_topic.t';

ruleTable(rule, [
  { name: 'the AWS-managed key passes (SNS.1 asks for KMS)', plan: plan([res(T, { name: 't', kms_master_key_id: 'alias/aws/sns' })]), expect: { [T]: 'pass' } },
  { name: 'a key of the plan passes', plan: plan([kmsKey('aws_kms_key.k'), res(T, { name: 't' }, { unknown: { kms_master_key_id: true }, refs: { kms_master_key_id: ref('aws_kms_key.k', 'id') } })]), expect: { [T]: 'pass' } },
  {
    name: 'no key fails, saying what is missing (KMS encryption), not that SNS stores messages in clear: it keeps them on encrypted disks',
    plan: plan([res(T, { name: 't' })]),
    expect: { [T]: 'fail' },
    message: /`kms_master_key_id` is not set, so the default applies: no KMS server-side encryption \(SNS keeps messages on its own encrypted disks/,
  },
  // KICS sns_topic_not_encrypted/test/positive1.tf: an empty key id turns SNS server-side encryption off.
  { name: 'an empty key id fails as no key does', plan: plan([res(T, { name: 't', kms_master_key_id: '' })]), expect: { [T]: 'fail' }, message: /kms_master_key_id/ },
  { name: 'a key known only after apply that the graph cannot follow is unknown', plan: plan([res(T, { name: 't' }, { unknown: { kms_master_key_id: true }, refs: { kms_master_key_id: ['var.key'] } })]), expect: { [T]: 'unknown' } },
  { name: 'an awscc topic without a key fails', plan: plan([res('awscc_sns_topic.t', { topic_name: 't' }, { unknown: { topic_arn: true } })]), expect: { 'awscc_sns_topic.t': 'fail' } },
  { name: 'an awscc topic with the AWS-managed key passes', plan: plan([res('awscc_sns_topic.t', { topic_name: 't', kms_master_key_id: 'alias/aws/sns' }, { unknown: { topic_arn: true } })]), expect: { 'awscc_sns_topic.t': 'pass' } },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_sqs_queue.q', { name: 'q', sqs_managed_sse_enabled: true })]), expect: { 'aws_sqs_queue.q': 'not-applicable' } },
]);
