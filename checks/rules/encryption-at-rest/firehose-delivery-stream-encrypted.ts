import { awsDoc, configRule } from '../support/references';
import { managedOnly, requireTrue, setting } from '../support/verdict';
import { defineRule, notApplicable, unknown } from '../types';

const FIX = 'Add `server_side_encryption { enabled = true }` (with `key_type = "CUSTOMER_MANAGED_CMK"` and `key_arn` for a key of your own).';

/**
 * Firehose delivery streams encrypt the records they buffer. `server_side_encryption.enabled`
 * defaults to false. A stream that reads a Kinesis data stream (`kinesis_source_configuration`)
 * stores nothing at rest itself, the data stays in the source stream (kinesis-stream-encrypted judges
 * that), and the provider says not to enable SSE on it: the rule does not apply to it.
 */
export default defineRule({
  id: 'firehose-delivery-stream-encrypted',
  title: 'Firehose delivery streams encrypt buffered records at rest',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'A delivery stream fed by Direct PUT (or by AWS IoT, CloudWatch Logs or EventBridge) holds records until it delivers them. Without server-side encryption, which is off by default, they are not encrypted with a key of the stream.',
  remediation: FIX,
  references: [
    configRule('kinesis-firehose-delivery-stream-encrypted'),
    awsDoc('Data protection in Amazon Data Firehose', 'https://docs.aws.amazon.com/firehose/latest/dev/encryption.html'),
  ],
  appliesTo: ['aws_kinesis_firehose_delivery_stream'],
  evaluate: managedOnly((stream) => {
    const source = stream.attr('kinesis_source_configuration').block();
    if (source.kind === 'known') return notApplicable();
    const verdict = requireTrue(setting(stream, 'server_side_encryption', 'enabled'), { what: '`server_side_encryption.enabled`', fix: FIX, absent: 'fail', absentMeans: 'false, no server-side encryption' });
    // A source known only after apply may be a Kinesis data stream, on which SSE does not apply.
    if (source.kind === 'unknown' && verdict.status === 'fail')
      return unknown(`kinesis_source_configuration is known only after apply, and server-side encryption is off: unless the source is a Kinesis data stream, records are stored unencrypted. ${FIX}`, { path: 'server_side_encryption' });
    return verdict;
  }),
});
