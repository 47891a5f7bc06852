import { awsDoc, securityHub } from '../support/references';
import { managedOnly, requireTrue, setting } from '../support/verdict';
import type { Graph, Resource } from '../../model/types';
import { plannedAtLeast } from '../../model/module-version';
import { defineRule, pass, unknown } from '../types';

const FIX = 'Set `encrypted = true` (with `kms_key_id` for a customer-managed key).';

/**
 * What an `aws_redshift_cluster` that leaves `encrypted` unset gets. The provider's schema fills it in
 * at plan time: true from provider 6.0.0 (its upgrade guide: "`encrypted` now defaults to `true`"),
 * false before. A plan shows that value; a configuration input shows it only through the provider
 * version it pins (`required_providers`, `.terraform.lock.hcl`). An awscc cluster leaves it to AWS
 * (a computed value), which the shared message describes.
 */
const DEFAULT_TRUE_FROM = '6.0.0';

const PROVIDER_DEFAULT =
  '`encrypted` is not set, so the plan takes the aws provider\'s schema default: true in provider v6, false before, and this input does not pin the aws provider to v6: its `required_providers` version constraints are absent, unreadable or admit an earlier version, and no `.terraform.lock.hcl` of a .tf directory records a v6 version.';

/** True when the aws provider version that plans `cluster`'s configuration is v6 or later, as its input pins it. */
function plannedWithV6(cluster: Resource, graph: Graph): boolean {
  const input = graph.inputs.find((i) => i.input === cluster.input && i.stack === cluster.stack);
  const pin = input?.providerVersions?.find((v) => v.provider === cluster.data.providerName.toLowerCase());
  return pin !== undefined && plannedAtLeast(pin, DEFAULT_TRUE_FROM) === true;
}

/** Redshift clusters (aws and awscc, whose attribute has the same name) are encrypted at rest. */
export default defineRule({
  id: 'redshift-cluster-encrypted',
  title: 'Redshift clusters are encrypted at rest',
  category: 'encryption-at-rest',
  severity: 'high',
  rationale:
    'An unencrypted warehouse leaves its data blocks and snapshots readable. AWS provider v6 defaults `encrypted` to true, earlier versions to false; a plan shows the value the provider will use, while a configuration that leaves it unset is judged by the provider version it pins.',
  remediation: FIX,
  references: [
    securityHub('Redshift.10', 'Redshift clusters should be encrypted at rest'),
    awsDoc('Amazon Redshift database encryption', 'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html'),
  ],
  appliesTo: ['aws_redshift_cluster', 'awscc_redshift_cluster'],
  evaluate: managedOnly((cluster, { graph }) => {
    const encrypted = setting(cluster, 'encrypted');
    if (encrypted.isAbsent && cluster.type === 'aws_redshift_cluster') {
      // The pinned v6 provider fills in true at plan time, as a plan of it would show.
      if (plannedWithV6(cluster, graph)) return pass();
      return unknown(`${PROVIDER_DEFAULT} ${FIX}`, { path: 'encrypted' });
    }
    return requireTrue(encrypted, { what: '`encrypted`', fix: FIX, absent: 'unknown' });
  }),
});
