import { awsDoc } from '../support/references';
import { managedOnly, requireKeyAt } from '../support/verdict';
import { defineRule } from '../types';

const FIX = 'Set `kms_key_id = aws_kms_key.<key>.arn` (a customer-managed key whose policy names who may read the time series).';

/** Timestream databases (where TwinMaker connectors often keep a twin's time series) are encrypted with a customer-managed key. */
export default defineRule({
  id: 'timestream-database-cmk',
  title: 'Timestream databases use a customer-managed KMS key',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'Timestream always encrypts data at rest; without `kms_key_id` it uses the AWS-managed key aws/timestream, which any principal of the account with database access may use. The sensor history behind a digital twin is operational data a key policy should guard: a customer-managed key says who may decrypt it, and can be disabled to cut access at once.',
  remediation: FIX,
  references: [
    awsDoc('Amazon Timestream: Encryption at rest', 'https://docs.aws.amazon.com/timestream/latest/developerguide/EncryptionAtRest.html'),
    awsDoc('AWS IoT TwinMaker: Data protection', 'https://docs.aws.amazon.com/iot-twinmaker/latest/guide/data-protection.html'),
  ],
  appliesTo: ['aws_timestreamwrite_database', 'awscc_timestream_database'],
  evaluate: managedOnly((database, { graph }) =>
    requireKeyAt(graph, database, database.attr('kms_key_id'), {
      what: '`kms_key_id`',
      fix: FIX,
      absent: 'fail',
      absentMeans: 'the AWS-managed key aws/timestream',
    }),
  ),
});
