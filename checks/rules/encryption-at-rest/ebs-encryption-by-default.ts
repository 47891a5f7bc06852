import { awsDoc, securityHub } from '../support/references';
import { managedOnly, requireTrue } from '../support/verdict';
import { defineRule } from '../types';

/** The account-level switch that encrypts every new EBS volume stays on. */
export default defineRule({
  id: 'ebs-encryption-by-default',
  title: 'EBS encryption by default is enabled',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'With EBS encryption by default, every new volume and snapshot copy in the Region is encrypted, whatever the launching code asks for. aws_ebs_encryption_by_default with `enabled = false` turns that protection off.',
  remediation: 'Set `enabled = true` on aws_ebs_encryption_by_default (the default when `enabled` is omitted).',
  references: [
    securityHub('EC2.7', 'EBS default encryption should be enabled'),
    awsDoc('Enable Amazon EBS encryption by default', 'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html'),
  ],
  appliesTo: ['aws_ebs_encryption_by_default'],
  evaluate: managedOnly((setting) =>
    requireTrue(setting.attr('enabled'), { what: '`enabled`', fix: 'Set `enabled = true`.', absent: 'pass' }),
  ),
});
