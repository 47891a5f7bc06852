import { awsDoc } from '../support/references';
import { managedOnly, requireTrue, setting } from '../support/verdict';
import { defineRule } from '../types';

const FIX = 'Set `tls_enabled = true` (or leave it unset: the provider defaults it to true) and name an ACL other than "open-access". It replaces the cluster.';

/**
 * MemoryDB clusters encrypt client connections and replication with TLS. `tls_enabled` defaults to
 * true (the provider's and MemoryDB's default); false is allowed only with the "open-access" ACL, so
 * a cluster without TLS also takes any client without a password. At rest, MemoryDB always encrypts
 * (with a service-managed key unless `kms_key_arn` names one), so no rule judges that.
 */
export default defineRule({
  id: 'memorydb-tls-enabled',
  title: 'MemoryDB clusters encrypt connections with TLS',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'With `tls_enabled = false`, clients read and write the database, and nodes replicate it, over unencrypted connections; MemoryDB then also requires the "open-access" ACL, which lets any client in without a password. TLS can only be chosen when the cluster is created.',
  remediation: FIX,
  references: [
    awsDoc('In-transit encryption (TLS) in MemoryDB', 'https://docs.aws.amazon.com/memorydb/latest/devguide/in-transit-encryption.html'),
    awsDoc('At-rest encryption in MemoryDB', 'https://docs.aws.amazon.com/memorydb/latest/devguide/at-rest-encryption.html'),
  ],
  // awscc_memorydb_cluster: CloudFormation's TLSEnabled, under the same name and default.
  appliesTo: ['aws_memorydb_cluster', 'awscc_memorydb_cluster'],
  evaluate: managedOnly((cluster) => requireTrue(setting(cluster, 'tls_enabled'), { what: '`tls_enabled`', fix: FIX, absent: 'pass' })),
});
