import type { ValueView } from '../../model/value';
import { awsDoc, securityHub } from '../support/references';
import { managedOnly, nested, requireKeyAt, unknownAtPlan } from '../support/verdict';
import { defineRule, fail, unknown, type Outcome } from '../types';

const FIX = 'Add `encryption_config { resources = ["secrets"], provider { key_arn = aws_kms_key.<key>.arn } }`.';

/** Whether one encryption_config covers secrets: yes, no or cannot tell. */
function coversSecrets(config: ValueView): 'yes' | 'no' | 'unknown' {
  const resources = config.get('resources').stringList();
  if (resources.kind === 'unknown') return 'unknown';
  return resources.kind === 'known' && resources.value.includes('secrets') ? 'yes' : 'no';
}

/** EKS clusters envelope-encrypt Kubernetes secrets with a KMS key. */
export default defineRule({
  id: 'eks-secrets-encryption',
  title: 'EKS clusters envelope-encrypt Kubernetes secrets with KMS',
  category: 'encryption-at-rest',
  severity: 'high',
  rationale:
    'Kubernetes secrets sit in etcd. With `encryption_config` for "secrets", EKS envelope-encrypts them with a KMS key you control, so a copy of etcd alone does not reveal them.',
  remediation: FIX,
  references: [
    securityHub('EKS.3', 'EKS clusters should use encrypted Kubernetes secrets'),
    awsDoc('Encrypt Kubernetes secrets with KMS on existing clusters', 'https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html'),
  ],
  appliesTo: ['aws_eks_cluster'],
  evaluate: managedOnly((cluster, { graph }): Outcome => {
    const configs = cluster.attr('encryption_config').blocks();
    if (configs.kind === 'unknown') return unknownAtPlan(cluster.attr('encryption_config'), { what: '`encryption_config`', fix: FIX });
    const list = configs.kind === 'known' ? configs.value : [];
    const covering = list.filter((config) => coversSecrets(config) === 'yes');
    if (covering.length > 0) {
      return requireKeyAt(graph, cluster, nested(covering[0], 'provider', 'key_arn'), { what: '`encryption_config.provider.key_arn`', fix: FIX, absent: 'fail', absentMeans: 'no key' });
    }
    if (list.some((config) => coversSecrets(config) === 'unknown')) return unknown(`\`encryption_config.resources\` is known only after apply. ${FIX}`, { path: 'encryption_config' });
    return fail(`Kubernetes secrets are not envelope-encrypted under a KMS key you control: no \`encryption_config\` covers "secrets" (since Kubernetes 1.28, EKS envelope-encrypts them with an AWS-owned key, which no key policy of yours governs and CloudTrail does not log). ${FIX}`, { path: 'encryption_config' });
  }),
});
