/**
 * The account-level switch that encrypts every new EBS volume stays on: not set off, and not deleted.
 * The provider's delete of aws_ebs_encryption_by_default disables encryption by default in its
 * Region ("Removing this Terraform resource disables default EBS encryption"), so a plan that
 * deletes one is judged as one that sets `enabled = false` (support/account-setting.ts).
 */
import { judgeAccountSetting } from '../support/account-setting';
import { awsDoc, securityHub } from '../support/references';
import { requireTrue } from '../support/verdict';
import { defineInputRule } from '../types';

const KEEP =
  'Keep the resource: to stop managing it without turning encryption off, remove it with a `removed` block and `lifecycle { destroy = false }`; to cover another Region, add a resource for that Region beside this one.';
const FIX = `Set \`enabled = true\` on aws_ebs_encryption_by_default (the default when \`enabled\` is omitted). ${KEEP}`;

export default defineInputRule({
  id: 'ebs-encryption-by-default',
  title: 'EBS encryption by default is enabled',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'With EBS encryption by default, every new volume and snapshot copy in the Region is encrypted, whatever the launching code asks for. aws_ebs_encryption_by_default with `enabled = false` turns that protection off, and so does deleting the resource: the provider disables the setting when it destroys it.',
  remediation: FIX,
  references: [
    securityHub('EC2.7', 'EBS default encryption should be enabled'),
    awsDoc('Enable Amazon EBS encryption by default', 'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html'),
    awsDoc('Terraform AWS provider: aws_ebs_encryption_by_default', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ebs_encryption_by_default'),
  ],
  appliesTo: 'input',
  evaluate: (input, context) =>
    judgeAccountSetting(
      {
        type: 'aws_ebs_encryption_by_default',
        evaluate: (setting) => requireTrue(setting.attr('enabled'), { what: '`enabled`', fix: 'Set `enabled = true`.', absent: 'pass' }),
        place: ['region'],
        deletes: 'turns EBS encryption by default off in its Region',
        fix: KEEP,
      },
      input,
      context,
    ),
});
