import rule from '../../../checks/rules/encryption-at-rest/eks-secrets-encryption';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { kmsKey } from './fixtures';

const C = 'aws_eks_cluster.c';
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/abc';

ruleTable(rule, [
  { name: 'secrets under a literal key pass', plan: plan([res(C, { name: 'c', encryption_config: [{ resources: ['secrets'], provider: [{ key_arn: KEY }] }] })]), expect: { [C]: 'pass' } },
  {
    name: 'secrets under a key of the plan pass',
    plan: plan([
      kmsKey('aws_kms_key.k'),
      res(C, { name: 'c', encryption_config: [{ resources: ['secrets'], provider: [{}] }] }, {
        unknown: { encryption_config: [{ provider: [{ key_arn: true }] }] },
        expressions: { name: { constant_value: 'c' }, encryption_config: [{ resources: { constant_value: ['secrets'] }, provider: [{ key_arn: { references: ['aws_kms_key.k.arn', 'aws_kms_key.k'] } }] }] },
      }),
    ]),
    expect: { [C]: 'pass' },
  },
  { name: 'no encryption_config fails', plan: plan([res(C, { name: 'c', encryption_config: [] })]), expect: { [C]: 'fail' }, message: /"secrets"/ },
  { name: 'a config that does not cover secrets fails', plan: plan([res(C, { name: 'c', encryption_config: [{ resources: ['configmaps'], provider: [{ key_arn: KEY }] }] })]), expect: { [C]: 'fail' } },
  { name: 'encryption_config known only after apply is unknown', plan: plan([res(C, { name: 'c' }, { unknown: { encryption_config: true } })]), expect: { [C]: 'unknown' } },
  { name: 'a data source is not-applicable', plan: plan([res('data.aws_eks_cluster.existing', { name: 'c' }, { actions: ['read'] })]), expect: { 'data.aws_eks_cluster.existing': 'not-applicable' } },
]);
