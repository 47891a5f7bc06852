import { awsDoc, securityHub } from '../support/references';
import { managedOnly, requireTrue, setting } from '../support/verdict';
import { defineRule } from '../types';

const FIX = 'Add `server_side_encryption { enabled = true }`. It replaces the cluster.';

/** DynamoDB Accelerator (DAX) clusters encrypt their cache at rest. */
export default defineRule({
  id: 'dax-cluster-encrypted',
  title: 'DAX clusters are encrypted at rest',
  category: 'encryption-at-rest',
  severity: 'high',
  rationale:
    'A DAX cluster caches items of DynamoDB tables that are themselves encrypted; without server-side encryption the cache, its configuration and its logs sit on the nodes unencrypted. Encryption can only be chosen when the cluster is created, and it is off unless `server_side_encryption` enables it.',
  remediation: FIX,
  references: [
    securityHub('DynamoDB.3', 'DynamoDB Accelerator (DAX) clusters should be encrypted at rest'),
    awsDoc('DAX encryption at rest', 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionAtRest.html'),
  ],
  appliesTo: ['aws_dax_cluster'],
  evaluate: managedOnly((cluster) =>
    requireTrue(setting(cluster, 'server_side_encryption', 'enabled'), { what: '`server_side_encryption.enabled`', fix: FIX, absent: 'fail' }),
  ),
});
