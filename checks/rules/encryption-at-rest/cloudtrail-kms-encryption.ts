import { awsDoc, securityHub } from '../support/references';
import { managedOnly, requireKeyAt } from '../support/verdict';
import { TRAIL_TYPES } from '../support/s3';
import { defineRule } from '../types';

const FIX = 'Set `kms_key_id = aws_kms_key.<key>.arn` on the trail, with a key policy that lets cloudtrail.amazonaws.com use it.';

/** Trails encrypt their log files with a KMS key. */
export default defineRule({
  id: 'cloudtrail-kms-encryption',
  title: 'CloudTrail trails encrypt log files with a KMS key',
  category: 'encryption-at-rest',
  severity: 'high',
  rationale:
    'Without `kms_key_id`, trail log files get only SSE-S3; SSE-KMS adds a key policy that decides who can read the audit trail, and logs every decryption.',
  remediation: FIX,
  references: [
    securityHub('CloudTrail.2', 'CloudTrail should have encryption at-rest enabled'),
    awsDoc('Encrypting CloudTrail log files with AWS KMS keys (SSE-KMS)', 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html'),
  ],
  appliesTo: TRAIL_TYPES,
  evaluate: managedOnly((trail, { graph }) =>
    requireKeyAt(graph, trail, trail.attr('kms_key_id'), { what: '`kms_key_id`', fix: FIX, absent: 'fail', absentMeans: 'SSE-S3 only' }),
  ),
});
