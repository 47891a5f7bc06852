import * as path from 'node:path';
import { buildGraph } from '../../checks/model/graph';
import { loadPlanFile } from '../../checks/model/plan';
import type { Graph, Resource } from '../../checks/model/types';
import { describeWithShared, REAL_PLANS_DIR, realPlanIndex } from '../helpers/shared';

async function graphOfFixture(file: string): Promise<Graph> {
  return buildGraph([await loadPlanFile(path.join(REAL_PLANS_DIR, file), file)]);
}

const addresses = (resources: readonly Resource[]): string[] => resources.map((r) => r.address).sort();

describeWithShared('the graph over real plans', () => {
  it('answers every question about every resource of every plan without throwing', async () => {
    const plans = realPlanIndex().filter((entry) => entry.category === 'plan');
    let asked = 0;
    for (const entry of plans) {
      let graph: Graph;
      try {
        graph = await graphOfFixture(entry.file);
      } catch {
        continue; // refusals are the plan loader's tests
      }
      for (const r of graph.resources) {
        graph.effectiveTags(r);
        graph.providerOf(r);
        graph.policy(r, ['policy']);
        for (const attr of ['bucket', 'kms_key_id', 'kms_master_key_id']) graph.resolve(r, [attr]);
        asked++;
      }
    }
    expect(asked).toBeGreaterThan(100);
  });

  it('reads a Terraform 0.12 plan as the 0.14 plan of the same configuration: no root copies of module resources from prior_state', async () => {
    const managed = (graph: Graph) => addresses(graph.resources.filter((r) => r.mode === 'managed'));
    const v12 = managed(await graphOfFixture('infracost__infracost/terraform-v0.12.plan.json'));
    expect(v12).toEqual(managed(await graphOfFixture('infracost__infracost/terraform-v0.14.plan.json')));
    expect(v12).not.toContain('aws_db_instance.this[0]');
  });

  it('links each public-access block to the bucket of its own module when two modules plan the same bucket name', async () => {
    const graph = await graphOfFixture('terraform-compliance__cli/tc.multi-module-s3-pab.plan.json');
    for (const bucket of graph.ofType('aws_s3_bucket')) {
      const linked = graph.attached(bucket, 'aws_s3_bucket_public_access_block').linked;
      for (const pab of linked) expect(pab.module).toBe(bucket.module);
    }
    const first = graph.byAddress('terraform-compliance__cli/tc.multi-module-s3-pab.plan.json', 'module.first_layer.aws_s3_bucket.should_not_fail_first_layer');
    expect(first && addresses(graph.attached(first, 'aws_s3_bucket_public_access_block').linked)).toEqual([
      'module.first_layer.aws_s3_bucket_public_access_block.should_not_fail_first_layer',
    ]);
  });

  it('links a count-guarded module bucket (aws_s3_bucket.this[0]) to its public-access block', async () => {
    const file = 'bridgecrewio__checkov/modules-edges.tfplan.json';
    const graph = await graphOfFixture(file);
    const bucket = graph.byAddress(file, 'module.test.module.s3-bucket-1.aws_s3_bucket.this[0]');
    expect(bucket && addresses(graph.attached(bucket, 'aws_s3_bucket_public_access_block').linked)).toEqual([
      'module.test.module.s3-bucket-1.aws_s3_bucket_public_access_block.this[0]',
    ]);
  });

  it('gives resources in a module the root provider’s default_tags', async () => {
    const graph = await graphOfFixture('bridgecrewio__checkov/github-oidc-default-tags.tfplan.json');
    const roles = graph.ofType('aws_iam_role');
    expect(roles.length).toBeGreaterThan(0);
    for (const role of roles) {
      expect(graph.providerOf(role)?.key).toBe('aws');
      expect(graph.effectiveTags(role)).toMatchObject({ status: 'known', tags: { environment: 'test', managed_by: 'terraform' } });
    }
  });
});
