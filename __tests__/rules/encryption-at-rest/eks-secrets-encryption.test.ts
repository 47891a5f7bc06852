import rule from '../../../checks/rules/encryption-at-rest/eks-secrets-encryption';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';
import { tfFilesGraph } from '../../helpers/code-forms';
import { ruleStatuses, tempDir } from '../../cli/run';
import { buildGraph } from '../../../checks/model/graph';
import { loadInputs } from '../../../checks/model/load';
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
  {
    // Terraform's plan JSON leaves a `dynamic` block's expressions out of `configuration` (hashicorp/terraform#28346):
    // the planned value is all there is, and its key, known only after apply, is not "not set".
    name: 'secrets in a dynamic block under a key known only after apply are unknown',
    plan: plan([
      res(C, { name: 'c', encryption_config: [{ resources: ['secrets'], provider: [{}] }] }, {
        unknown: { encryption_config: [{ provider: [{ key_arn: true }] }] },
        expressions: { name: { constant_value: 'c' } },
      }),
    ]),
    expect: { [C]: 'unknown' },
    message: /known only after apply/,
  },
  { name: 'no encryption_config fails', plan: plan([res(C, { name: 'c', encryption_config: [] })]), expect: { [C]: 'fail' }, message: /"secrets"/ },
  { name: 'a config that does not cover secrets fails', plan: plan([res(C, { name: 'c', encryption_config: [{ resources: ['configmaps'], provider: [{ key_arn: KEY }] }] })]), expect: { [C]: 'fail' } },
  { name: 'encryption_config known only after apply is unknown', plan: plan([res(C, { name: 'c' }, { unknown: { encryption_config: true } })]), expect: { [C]: 'unknown' } },
  { name: 'a data source is not-applicable', plan: plan([res('data.aws_eks_cluster.existing', { name: 'c' }, { actions: ['read'] })]), expect: { 'data.aws_eks_cluster.existing': 'not-applicable' } },
]);

// terraform-aws-modules/eks: `dynamic "encryption_config" { for_each = local.enable ? [var.cluster_encryption_config] : [] }`,
// the key given by the caller (`provider_key_arn = aws_kms_key.eks.arn`): the block's key is that key wherever the condition is known.
describe('a dynamic encryption_config behind a condition in a module, its key given by the caller', () => {
  const MODULE = `variable "enable" {
  type    = bool
  default = true
}
variable "cfg" {
  type = any
}
resource "aws_eks_cluster" "this" {
  name     = "c1"
  role_arn = "arn:aws:iam::111111111111:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0123456789abcdef0"]
  }
  dynamic "encryption_config" {
    for_each = var.enable ? [var.cfg] : []
    content {
      provider {
        key_arn = encryption_config.value.provider_key_arn
      }
      resources = encryption_config.value.resources
    }
  }
}
`;
  const ROOT = (enable: string) => `resource "aws_kms_key" "eks" {
  enable_key_rotation = true
}
module "eks" {
  source = "./mod"
  ${enable}
  cfg    = { resources = ["secrets"], provider_key_arn = aws_kms_key.eks.arn }
}
`;
  it.each([
    ['the default (true)', '', 'pass'],
    ['true', 'enable = true', 'pass'],
    ['false: no encryption_config', 'enable = false', 'fail'],
    ['a value known only after apply', 'enable = aws_kms_key.eks.arn != ""', 'unknown'],
  ])('.tf: the condition %s', async (_what, enable, expected) => {
    const graph = await tfFilesGraph({ 'main.tf': ROOT(enable), 'mod/main.tf': MODULE });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'module.eks.aws_eks_cluster.this': expected });
  });

  // A plan's configuration leaves out the blocks a `dynamic` block makes (hashicorp/terraform#28346): its code tells the key.
  it('a plan checked with its code (--code) passes', async () => {
    const scenario = tempDir();
    try {
      scenario.write('code/main.tf', ROOT(''));
      scenario.write('code/mod/main.tf', MODULE);
      const cluster = res(
        'module.eks.aws_eks_cluster.this',
        { name: 'c1', role_arn: 'arn:aws:iam::111111111111:role/eks', encryption_config: [{ resources: ['secrets'], provider: [{}] }] },
        {
          unknown: { arn: true, id: true, encryption_config: [{ provider: [{ key_arn: true }] }] },
          expressions: { name: { constant_value: 'c1' }, role_arn: { constant_value: 'arn:aws:iam::111111111111:role/eks' }, vpc_config: [{ subnet_ids: { constant_value: ['subnet-0123456789abcdef0'] } }] },
        },
      );
      const file = scenario.write('plan.json', plan([kmsKey('aws_kms_key.eks'), cluster], { moduleCalls: { 'module.eks': { source: './mod', expressions: { cfg: { references: ['aws_kms_key.eks.arn', 'aws_kms_key.eks'] } } } } }));
      expect(await ruleStatuses(rule.id, [file, '--code', `${scenario.dir}/code`])).toEqual({});
    } finally {
      scenario.cleanup();
    }
  });

  it('cdk.tf.json: a local module (a TerraformHclModule) given the key of the stack passes', async () => {
    const asset = './assets/__cdktf_module_asset_EKS/0123/eks';
    const scenario = tempDir();
    try {
      scenario.write('cdktf.out/manifest.json', { version: '0.21.0', stacks: { s: { name: 's', synthesizedStackPath: 'stacks/s/cdk.tf.json' } } });
      scenario.write('cdktf.out/stacks/s/cdk.tf.json', {
        resource: { aws_kms_key: { eks: { enable_key_rotation: true } } },
        module: { eks: { source: asset, cfg: { resources: ['secrets'], provider_key_arn: '${aws_kms_key.eks.arn}' } } },
      });
      scenario.write(`cdktf.out/stacks/s/${asset.slice(2)}/main.tf`, MODULE);
      const graph = buildGraph(await loadInputs([`${scenario.dir}/cdktf.out`]));
      expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'module.eks.aws_eks_cluster.this': 'pass' });
    } finally {
      scenario.cleanup();
    }
  });
});
