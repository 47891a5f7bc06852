import rule from '../../../checks/rules/encryption-at-rest/sqs-queue-encrypted';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { checkFindings, withFiles } from '../../cli/run';

const Q = 'aws_sqs_queue.q';
const queue = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) => res(Q, { name: 'q', ...after }, { unknown: { arn: true, id: true, ...unknown }, refs });

ruleTable(rule, [
  { name: 'SSE-SQS passes', plan: plan([queue({ sqs_managed_sse_enabled: true })]), expect: { [Q]: 'pass' } },
  { name: 'SSE-KMS passes', plan: plan([queue({ kms_master_key_id: 'alias/aws/sqs', sqs_managed_sse_enabled: false })]), expect: { [Q]: 'pass' } },
  { name: 'both off fails', plan: plan([queue({ sqs_managed_sse_enabled: false })]), expect: { [Q]: 'fail' }, message: /Neither/ },
  // KICS sqs_with_sse_disabled/test/positive.tf: an empty key id is no key, so SSE-SQS decides.
  { name: 'an empty key id is no key: with SSE-SQS off it fails, with SSE-SQS on it passes', plan: plan([queue({ kms_master_key_id: '', sqs_managed_sse_enabled: false }), res('aws_sqs_queue.on', { name: 'on', kms_master_key_id: '', sqs_managed_sse_enabled: true })]), expect: { [Q]: 'fail', 'aws_sqs_queue.on': 'pass' } },
  { name: 'an empty key id with SSE-SQS not set passes on create, as neither set does', plan: plan([queue({ kms_master_key_id: '' }, { sqs_managed_sse_enabled: true })]), expect: { [Q]: 'pass' } },
  {
    name: 'a queue created with neither set (computed in a plan) passes: SQS encrypts new queues with SSE-SQS by default; a key the gate cannot follow stays unknown',
    plan: plan([queue({}, { sqs_managed_sse_enabled: true }), res('aws_sqs_queue.var_key', { name: 'k' }, { unknown: { sqs_managed_sse_enabled: true, kms_master_key_id: true }, refs: { kms_master_key_id: ['var.key'] } })]),
    expect: { [Q]: 'pass', 'aws_sqs_queue.var_key': 'unknown' },
  },
  {
    name: 'an existing queue whose code sets neither is judged by what the plan shows it has: false fails, true passes, nothing shown is unknown',
    plan: plan([
      res(Q, { name: 'q', sqs_managed_sse_enabled: false }, { actions: ['update'], expressions: { name: { constant_value: 'q' } } }),
      res('aws_sqs_queue.later', { name: 'later', sqs_managed_sse_enabled: true }, { actions: ['no-op'], expressions: { name: { constant_value: 'later' } } }),
      res('aws_sqs_queue.unseen', { name: 'unseen' }, { actions: ['update'] }),
    ]),
    expect: { [Q]: 'fail', 'aws_sqs_queue.later': 'pass', 'aws_sqs_queue.unseen': 'unknown' },
  },
  { name: 'an unfollowable key with SSE-SQS off is unknown', plan: plan([queue({ sqs_managed_sse_enabled: false }, { kms_master_key_id: true }, { kms_master_key_id: ['var.key'] })]), expect: { [Q]: 'unknown' } },
  { name: 'an awscc queue with SSE-SQS passes', plan: plan([res('awscc_sqs_queue.q', { queue_name: 'q', sqs_managed_sse_enabled: true }, { unknown: { arn: true, queue_url: true } })]), expect: { 'awscc_sqs_queue.q': 'pass' } },
  { name: 'an awscc queue with SSE-SQS off and no key fails', plan: plan([res('awscc_sqs_queue.q', { queue_name: 'q', sqs_managed_sse_enabled: false }, { unknown: { arn: true, queue_url: true } })]), expect: { 'awscc_sqs_queue.q': 'fail' } },
  { name: 'an awscc queue created with neither set passes (SSE-SQS by default)', plan: plan([res('awscc_sqs_queue.q', { queue_name: 'q' }, { unknown: { arn: true, queue_url: true, sqs_managed_sse_enabled: true } })]), expect: { 'awscc_sqs_queue.q': 'pass' } },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_sns_topic.t', { name: 't' })]), expect: { 'aws_sns_topic.t': 'not-applicable' } },
]);

// An `import` block's queue exists already: Terraform does not send an unset sqs_managed_sse_enabled, so it keeps what
// it has (a queue created before October 2022 may be unencrypted), where the code read alone passed it as created.
describe('a queue an import block brings in', () => {
  const QUEUE = 'resource "aws_sqs_queue" "q" {\n  name = "orders"\n}\n';
  const IMPORT = 'import {\n  to = aws_sqs_queue.q\n  id = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders"\n}\n';
  const statuses = async (files: Record<string, string>) =>
    withFiles(files, async (dir) => (await checkFindings([dir])).findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.status, f.message]));

  it('with neither set is unknown, saying the queue exists already; created, it passes', async () => {
    expect(await statuses({ 'main.tf': QUEUE, 'imports.tf': IMPORT })).toEqual([[Q, 'unknown', expect.stringMatching(/^SQS encrypts a queue it creates with SSE-SQS unless told otherwise, but this queue already exists/)]]);
    expect(await statuses({ 'main.tf': QUEUE })).toEqual([]);
  });
});
