import { awsDoc } from '../support/references';
import { managedOnly, nested, requireKeyAt } from '../support/verdict';
import { defineRule, notApplicable } from '../types';

const FIX = 'Set `kms_key_arn = aws_kms_key.<key>.arn` on the function (and keep secrets in Secrets Manager rather than in variables).';

/** Functions with environment variables encrypt them with a customer-managed key. */
export default defineRule({
  id: 'lambda-environment-cmk',
  title: 'Lambda environment variables are encrypted with a customer-managed KMS key',
  category: 'encryption-at-rest',
  severity: 'low',
  rationale:
    'Environment variables are encrypted at rest with the AWS-managed key aws/lambda unless `kms_key_arn` names another; anyone who can read the function configuration in the account then sees them decrypted. A customer-managed key adds a key policy over who may decrypt.',
  remediation: FIX,
  references: [awsDoc('Securing Lambda environment variables', 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html')],
  appliesTo: ['aws_lambda_function', 'awscc_lambda_function'],
  evaluate: managedOnly((fn, { graph }) => {
    const variables = nested(fn.values, 'environment', 'variables').map();
    if (variables.kind === 'absent' || (variables.kind === 'known' && Object.keys(variables.value).length === 0)) return notApplicable();
    return requireKeyAt(graph, fn, fn.attr('kms_key_arn'), {
      what: '`kms_key_arn`',
      fix: FIX,
      absent: 'fail',
      absentMeans: 'the AWS-managed key aws/lambda',
    });
  }),
});
