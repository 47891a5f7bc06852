import { awsDoc } from '../support/references';
import { managedOnly, nested, requireKeyAt } from '../support/verdict';
import { defineRule } from '../types';

const FIX = 'Add `encryption_info { encryption_at_rest_kms_key_arn = aws_kms_key.<key>.arn }` (a customer-managed key). It replaces the cluster.';

/** Where each cluster type names its key: a path of nested blocks (attributes on awscc). */
const KEY: Readonly<Record<string, { readonly path: readonly string[]; readonly fix: string }>> = {
  aws_msk_cluster: { path: ['encryption_info', 'encryption_at_rest_kms_key_arn'], fix: FIX },
  awscc_msk_cluster: {
    path: ['encryption_info', 'encryption_at_rest', 'data_volume_kms_key_id'],
    fix: 'Set `encryption_info = { encryption_at_rest = { data_volume_kms_key_id = aws_kms_key.<key>.arn } }` (a customer-managed key). It replaces the cluster.',
  },
};

/** MSK clusters encrypt broker storage with a customer-managed key. */
export default defineRule({
  id: 'msk-cluster-cmk',
  title: 'MSK clusters encrypt data at rest with a customer-managed KMS key',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'MSK always encrypts broker volumes, by default with the AWS-managed key aws/kafka, which no key policy of yours governs. `encryption_at_rest_kms_key_arn` puts the data under a key policy you control. It is chosen at creation.',
  remediation: FIX,
  references: [awsDoc('Amazon MSK encryption at rest', 'https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html')],
  appliesTo: Object.keys(KEY),
  evaluate: managedOnly((cluster, { graph }) => {
    const { path, fix } = KEY[cluster.type];
    return requireKeyAt(graph, cluster, nested(cluster.values, ...path), { what: `\`${path.join('.')}\``, fix, absent: 'fail', absentMeans: 'the AWS-managed key aws/kafka' });
  }),
});
