import { awsDoc, securityHub } from '../support/references';
import { managedOnly, requireTrue, setting } from '../support/verdict';
import { defineRule, unknown } from '../types';

const FIX = 'Set `encrypted = true` (with `kms_key_id` for a customer-managed key).';

/**
 * What an `aws_redshift_cluster` that leaves `encrypted` unset gets. The provider's schema fills it in
 * at plan time (true in v6, false before), and a plan shows that value; a configuration input does
 * not say which provider version will plan it. An awscc cluster leaves it to AWS (a computed value),
 * which the shared message describes.
 */
const PROVIDER_DEFAULT =
  '`encrypted` is not set, so the plan takes the aws provider\'s schema default: true in provider v6, false before, and this input does not show which version plans it.';

/** Redshift clusters (aws and awscc, whose attribute has the same name) are encrypted at rest. */
export default defineRule({
  id: 'redshift-cluster-encrypted',
  title: 'Redshift clusters are encrypted at rest',
  category: 'encryption-at-rest',
  severity: 'high',
  rationale:
    'An unencrypted warehouse leaves its data blocks and snapshots readable. AWS provider v6 defaults `encrypted` to true, earlier versions to false; a plan shows the value the provider will use, while a configuration that leaves it unset depends on the provider version, which the gate cannot see.',
  remediation: FIX,
  references: [
    securityHub('Redshift.10', 'Redshift clusters should be encrypted at rest'),
    awsDoc('Amazon Redshift database encryption', 'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html'),
  ],
  appliesTo: ['aws_redshift_cluster', 'awscc_redshift_cluster'],
  evaluate: managedOnly((cluster) => {
    const encrypted = setting(cluster, 'encrypted');
    if (encrypted.isAbsent && cluster.type === 'aws_redshift_cluster') return unknown(`${PROVIDER_DEFAULT} ${FIX}`, { path: 'encrypted' });
    return requireTrue(encrypted, { what: '`encrypted`', fix: FIX, absent: 'unknown' });
  }),
});
