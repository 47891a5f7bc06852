import rule from '../../../checks/rules/encryption-at-rest/sqs-queue-encrypted';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const Q = 'aws_sqs_queue.q';
const queue = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) => res(Q, { name: 'q', ...after }, { unknown: { arn: true, id: true, ...unknown }, refs });

ruleTable(rule, [
  { name: 'SSE-SQS passes', plan: plan([queue({ sqs_managed_sse_enabled: true })]), expect: { [Q]: 'pass' } },
  { name: 'SSE-KMS passes', plan: plan([queue({ kms_master_key_id: 'alias/aws/sqs', sqs_managed_sse_enabled: false })]), expect: { [Q]: 'pass' } },
  { name: 'both off fails', plan: plan([queue({ sqs_managed_sse_enabled: false })]), expect: { [Q]: 'fail' }, message: /Neither/ },
  // KICS sqs_with_sse_disabled/test/positive.tf: an empty key id is no key, so SSE-SQS decides.
  { name: 'an empty key id is no key: with SSE-SQS off it fails, with SSE-SQS on it passes', plan: plan([queue({ kms_master_key_id: '', sqs_managed_sse_enabled: false }), res('aws_sqs_queue.on', { name: 'on', kms_master_key_id: '', sqs_managed_sse_enabled: true })]), expect: { [Q]: 'fail', 'aws_sqs_queue.on': 'pass' } },
  { name: 'an empty key id with SSE-SQS not set is unknown, as neither set is', plan: plan([queue({ kms_master_key_id: '' }, { sqs_managed_sse_enabled: true })]), expect: { [Q]: 'unknown' } },
  { name: 'neither set (AWS default, computed in a plan) is unknown', plan: plan([queue({}, { sqs_managed_sse_enabled: true })]), expect: { [Q]: 'unknown' } },
  { name: 'an unfollowable key with SSE-SQS off is unknown', plan: plan([queue({ sqs_managed_sse_enabled: false }, { kms_master_key_id: true }, { kms_master_key_id: ['var.key'] })]), expect: { [Q]: 'unknown' } },
  { name: 'an awscc queue with SSE-SQS passes', plan: plan([res('awscc_sqs_queue.q', { queue_name: 'q', sqs_managed_sse_enabled: true }, { unknown: { arn: true, queue_url: true } })]), expect: { 'awscc_sqs_queue.q': 'pass' } },
  { name: 'an awscc queue with SSE-SQS off and no key fails', plan: plan([res('awscc_sqs_queue.q', { queue_name: 'q', sqs_managed_sse_enabled: false }, { unknown: { arn: true, queue_url: true } })]), expect: { 'awscc_sqs_queue.q': 'fail' } },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_sns_topic.t', { name: 't' })]), expect: { 'aws_sns_topic.t': 'not-applicable' } },
]);
