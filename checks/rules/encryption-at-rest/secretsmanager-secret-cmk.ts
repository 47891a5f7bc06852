import type { Graph, Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import { awsDoc, configRule } from '../support/references';
import { findingsOrWorst, managedOnly, requireKeyAt, setting } from '../support/verdict';
import { defineRule, type Outcome, unknown } from '../types';

const FIX = 'Set `kms_key_id = aws_kms_key.<key>.arn` (a customer-managed key whose policy names who may decrypt the secret), and in each `replica` a key of its Region.';

const SPEC = { fix: FIX, absent: 'fail', absentMeans: 'the AWS-managed key aws/secretsmanager' } as const;

/** The key of each replica of the secret in another Region (aws `replica` blocks, awscc `replica_regions`). */
function replicaKeys(graph: Graph, secret: Resource): Outcome[] {
  const attribute = secret.type.startsWith('awscc_') ? 'replica_regions' : 'replica';
  const list = setting(secret, attribute).blocks();
  if (list.kind === 'unknown') return [unknown(`\`${attribute}\` is known only after apply: the keys of the secret's replicas cannot be checked`)];
  if (list.kind === 'absent') return [];
  return list.value.map((replica) => requireKeyAt(graph, secret, replica.get('kms_key_id'), { ...SPEC, what: `\`kms_key_id\` of the replica in ${regionName(replica)}` }));
}

function regionName(replica: ValueView): string {
  const region = replica.get('region');
  const name = region.string();
  return name.kind === 'known' && !region.isSensitive ? name.value : 'a Region known only after apply';
}

/** Secrets and their replicas are encrypted with a customer-managed key. */
export default defineRule({
  id: 'secretsmanager-secret-cmk',
  title: 'Secrets Manager secrets and their replicas use a customer-managed KMS key',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'Without `kms_key_id`, a secret (or its replica in another Region) is encrypted with the AWS-managed key aws/secretsmanager, which any principal of the account with secret access may use: no key policy can narrow who decrypts, and the secret cannot be shared across accounts. A customer-managed key adds that second, independent control.',
  remediation: FIX,
  references: [
    configRule('secretsmanager-using-cmk'),
    awsDoc('Secret encryption and decryption in AWS Secrets Manager', 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html'),
    awsDoc('Replicate AWS Secrets Manager secrets across Regions', 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/replicate-secrets.html'),
  ],
  appliesTo: ['aws_secretsmanager_secret', 'awscc_secretsmanager_secret'],
  evaluate: managedOnly((secret, { graph }) => {
    const outcomes = [requireKeyAt(graph, secret, secret.attr('kms_key_id'), { ...SPEC, what: '`kms_key_id`' }), ...replicaKeys(graph, secret)];
    return findingsOrWorst(outcomes);
  }),
});
