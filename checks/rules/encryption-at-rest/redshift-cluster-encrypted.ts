import { awsDoc, securityHub } from '../support/references';
import { managedOnly, requireTrue, setting } from '../support/verdict';
import { defineRule } from '../types';

const FIX = 'Set `encrypted = true` (with `kms_key_id` for a customer-managed key).';

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
  evaluate: managedOnly((cluster) => requireTrue(setting(cluster, 'encrypted'), { what: '`encrypted`', fix: FIX, absent: 'unknown' })),
});
