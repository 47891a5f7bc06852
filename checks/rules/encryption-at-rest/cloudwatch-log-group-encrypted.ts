import { awsDoc, configRule } from '../support/references';
import { managedOnly, requireKeyAt } from '../support/verdict';
import { defineRule } from '../types';

const FIX = 'Set `kms_key_id = aws_kms_key.<key>.arn`, with a key policy that lets logs.<region>.amazonaws.com use it.';

/** Log groups encrypt their events with a customer KMS key. */
export default defineRule({
  id: 'cloudwatch-log-group-encrypted',
  title: 'CloudWatch log groups are encrypted with a KMS key',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'Logs often carry request data and identifiers. Without `kms_key_id`, CloudWatch Logs uses its service-owned key: no key policy limits who can read the logs and no decryption is logged.',
  remediation: FIX,
  references: [
    configRule('cloudwatch-log-group-encrypted'),
    awsDoc('Encrypt log data in CloudWatch Logs using AWS KMS', 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html'),
  ],
  appliesTo: ['aws_cloudwatch_log_group', 'awscc_logs_log_group'],
  evaluate: managedOnly((group, { graph }) =>
    requireKeyAt(graph, group, group.attr('kms_key_id'), { what: '`kms_key_id`', fix: FIX, absent: 'fail', absentMeans: 'the service-owned key only' }),
  ),
});
