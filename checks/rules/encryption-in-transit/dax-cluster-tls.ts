import { awsDoc, securityHub } from '../support/references';
import { managedOnly, requireOneOf, setting } from '../support/verdict';
import { defineRule } from '../types';

const FIX = 'Set `cluster_endpoint_encryption_type = "TLS"`. It replaces the cluster.';

/** DynamoDB Accelerator (DAX) clusters accept TLS connections only. */
export default defineRule({
  id: 'dax-cluster-tls',
  title: 'DAX clusters encrypt client connections with TLS',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'With `cluster_endpoint_encryption_type` left to its default, "NONE", clients read and write cached DynamoDB items over unencrypted connections. TLS can only be chosen when the cluster is created.',
  remediation: FIX,
  references: [
    securityHub('DynamoDB.7', 'DynamoDB Accelerator clusters should be encrypted in transit'),
    awsDoc('DAX encryption in transit', 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionInTransit.html'),
  ],
  appliesTo: ['aws_dax_cluster'],
  evaluate: managedOnly((cluster) =>
    requireOneOf(setting(cluster, 'cluster_endpoint_encryption_type'), ['TLS'], {
      what: '`cluster_endpoint_encryption_type`',
      fix: FIX,
      absent: 'fail',
      absentMeans: '"NONE", unencrypted connections',
    }),
  ),
});
