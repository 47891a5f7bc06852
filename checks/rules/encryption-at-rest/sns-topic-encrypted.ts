import { awsDoc, securityHub } from '../support/references';
import { managedOnly, requireKeyAt } from '../support/verdict';
import { defineRule } from '../types';

const FIX = 'Set `kms_master_key_id = aws_kms_key.<key>.id` (or "alias/aws/sns" for the AWS-managed key).';

/** SNS topics encrypt messages at rest with KMS. */
export default defineRule({
  id: 'sns-topic-encrypted',
  title: 'SNS topics are encrypted at rest with KMS',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'SNS stores published messages until they are delivered. Without `kms_master_key_id` they sit only on SNS\'s encrypted disks: no KMS key encrypts them, so no key policy of the account governs who can read them and no KMS use of theirs is logged.',
  remediation: FIX,
  references: [
    securityHub('SNS.1', 'SNS topics should be encrypted at-rest using AWS KMS'),
    awsDoc('Encryption at rest for Amazon SNS', 'https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html'),
    awsDoc('Amazon SNS data encryption ("By default, Amazon SNS stores messages and files using disk encryption")', 'https://docs.aws.amazon.com/sns/latest/dg/sns-data-encryption.html'),
  ],
  appliesTo: ['aws_sns_topic', 'awscc_sns_topic'],
  evaluate: managedOnly((topic, { graph }) =>
    requireKeyAt(graph, topic, topic.attr('kms_master_key_id'), { what: '`kms_master_key_id`', fix: FIX, absent: 'fail', absentMeans: 'no KMS server-side encryption (SNS keeps messages on its own encrypted disks, under no key the account controls)', acceptAwsManaged: true }),
  ),
});
