import { awsDoc, securityHub } from '../support/references';
import { managedOnly, requireKeyAt, requireTrue, setting } from '../support/verdict';
import { defineRule, fail, pass } from '../types';

const FIX = 'Set `kms_master_key_id = aws_kms_key.<key>.id` (SSE-KMS) or `sqs_managed_sse_enabled = true` (SSE-SQS).';

/** SQS queues encrypt messages at rest (SSE-KMS or SSE-SQS). */
export default defineRule({
  id: 'sqs-queue-encrypted',
  title: 'SQS queues are encrypted at rest',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'Queued messages are stored until consumed. A KMS key or SQS-managed SSE encrypts them. When neither is set, AWS decides at creation time (recent accounts default to SSE-SQS), which a plan cannot show: state it explicitly.',
  remediation: FIX,
  references: [
    securityHub('SQS.1', 'Amazon SQS queues should be encrypted at rest'),
    awsDoc('Encryption at rest in Amazon SQS', 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html'),
  ],
  appliesTo: ['aws_sqs_queue', 'awscc_sqs_queue'],
  evaluate: managedOnly((queue, { graph }) => {
    const kms = requireKeyAt(graph, queue, queue.attr('kms_master_key_id'), { what: '`kms_master_key_id`', fix: FIX, absent: 'fail', acceptAwsManaged: true });
    if (kms.status === 'pass') return kms;
    const managed = requireTrue(setting(queue, 'sqs_managed_sse_enabled'), { what: '`sqs_managed_sse_enabled`', fix: FIX, absent: 'unknown' });
    if (managed.status === 'pass') return pass();
    // An unknown KMS key may still encrypt the queue: stay unknown rather than fail.
    if (kms.status === 'unknown') return kms;
    return managed.status === 'fail' ? fail(`Neither \`kms_master_key_id\` nor \`sqs_managed_sse_enabled\` encrypts this queue. ${FIX}`, { path: 'sqs_managed_sse_enabled' }) : managed;
  }),
});
