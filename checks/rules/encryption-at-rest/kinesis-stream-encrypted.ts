import { awsDoc, securityHub } from '../support/references';
import { configured, managedOnly, nested, requireOneOf, setting } from '../support/verdict';
import { defineRule } from '../types';

const FIX = 'Set `encryption_type = "KMS"` and `kms_key_id = aws_kms_key.<key>.arn` (or "alias/aws/kinesis").';
const AWSCC_FIX = 'Set `stream_encryption = { encryption_type = "KMS", key_id = aws_kms_key.<key>.arn }` (or "alias/aws/kinesis").';

/** Kinesis data streams encrypt records with KMS. */
export default defineRule({
  id: 'kinesis-stream-encrypted',
  title: 'Kinesis data streams are encrypted at rest',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale: 'Records stay in the stream for its retention period. The default `encryption_type` is NONE: records are stored unencrypted.',
  remediation: FIX,
  references: [
    securityHub('Kinesis.1', 'Kinesis streams should be encrypted at rest'),
    awsDoc('Data protection in Amazon Kinesis Data Streams', 'https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html'),
  ],
  appliesTo: ['aws_kinesis_stream', 'awscc_kinesis_stream'],
  evaluate: managedOnly((stream) =>
    stream.type === 'awscc_kinesis_stream'
      ? requireOneOf(configured(stream, nested(stream.values, 'stream_encryption', 'encryption_type')), ['KMS'], { what: '`stream_encryption.encryption_type`', fix: AWSCC_FIX, absent: 'fail', absentMeans: 'no encryption' })
      : requireOneOf(setting(stream, 'encryption_type'), ['KMS'], { what: '`encryption_type`', fix: FIX, absent: 'fail', absentMeans: 'NONE' }),
  ),
});
