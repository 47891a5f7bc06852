import { beingCreated } from '../support/findings';
import { awsDoc, securityHub } from '../support/references';
import { managedOnly, requireKeyAt, requireTrue, setting } from '../support/verdict';
import { defineRule, fail, pass, unknown } from '../types';

const FIX = 'Set `kms_master_key_id = aws_kms_key.<key>.id` (SSE-KMS) or `sqs_managed_sse_enabled = true` (SSE-SQS).';

/**
 * What a queue whose code sets neither attribute gets. SQS encrypts every queue created since
 * October 2022 with SSE-SQS unless told otherwise (through HTTPS and Signature Version 4, as the
 * providers call it), so a queue this apply creates passes. An existing queue (an `import` block's too) keeps what it has:
 * a plan shows it as a known value (judged as set); where it does not, the gate cannot tell a queue
 * created before 2022, with nothing, from a later one.
 */
const SSE_SQS_DEFAULT =
  'SQS encrypts a queue it creates with SSE-SQS unless told otherwise, but this queue already exists and the plan does not show what it has (a queue created before October 2022 may be unencrypted).';

/** SQS queues encrypt messages at rest (SSE-KMS or SSE-SQS). */
export default defineRule({
  id: 'sqs-queue-encrypted',
  title: 'SQS queues are encrypted at rest',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'Queued messages are stored until consumed. A KMS key or SQS-managed SSE encrypts them. SQS encrypts every queue created since October 2022 with SSE-SQS unless told otherwise; an older queue may be unencrypted, and `sqs_managed_sse_enabled = false` turns it off.',
  remediation: FIX,
  references: [
    securityHub('SQS.1', 'Amazon SQS queues should be encrypted at rest'),
    awsDoc('Encryption at rest in Amazon SQS', 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html'),
  ],
  appliesTo: ['aws_sqs_queue', 'awscc_sqs_queue'],
  evaluate: managedOnly((queue, { graph }) => {
    const kms = requireKeyAt(graph, queue, queue.attr('kms_master_key_id'), { what: '`kms_master_key_id`', fix: FIX, absent: 'fail', acceptAwsManaged: true });
    if (kms.status === 'pass') return kms;
    const sse = setting(queue, 'sqs_managed_sse_enabled');
    if (sse.isAbsent) {
      // A key the gate cannot read stays unknown: it may be no key SQS accepts.
      if (kms.status === 'unknown') return kms;
      return beingCreated(queue) ? pass() : unknown(`${SSE_SQS_DEFAULT} ${FIX}`, { path: 'sqs_managed_sse_enabled' });
    }
    const managed = requireTrue(sse, { what: '`sqs_managed_sse_enabled`', fix: FIX, absent: 'unknown' });
    if (managed.status === 'pass') return pass();
    // An unknown KMS key may still encrypt the queue: stay unknown rather than fail.
    if (kms.status === 'unknown') return kms;
    return managed.status === 'fail' ? fail(`Neither \`kms_master_key_id\` nor \`sqs_managed_sse_enabled\` encrypts this queue. ${FIX}`, { path: 'sqs_managed_sse_enabled' }) : managed;
  }),
});
