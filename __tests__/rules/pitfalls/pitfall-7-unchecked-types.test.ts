/**
 * Peer pitfall 7: a scan that reads nothing and passes — resources of unsupported providers or
 * types silently skipped (trivy #4341, #7393; atlantis #4761). The engine's coverage says which
 * managed types no security rule checked, so a report can never look clean by omission.
 */
import * as path from 'node:path';
import { runRules } from '../../../checks/engine';
import { buildGraph } from '../../../checks/model/graph';
import { loadPlanFile } from '../../../checks/model/plan';
import { ALL_RULES } from '../../../checks/rules';
import { DEFAULT_SETTINGS } from '../../../checks/settings';
import { graphOf, plan, res } from '../../helpers/plan-builder';
import { describeWithShared, REAL_PLANS_DIR, realPlanIndex } from '../../helpers/shared';
import { tempDir, twinguard } from '../../cli/run';

describe('pitfall 7: coverage names what nothing checked', () => {
  it('a plan of an unsupported provider is not a silent pass: every type is listed as unchecked', () => {
    const graph = graphOf(
      plan([
        res('google_storage_bucket.a', { name: 'a', labels: {} }, { provider: 'google' }),
        res('google_storage_bucket.b', { name: 'b', labels: {} }, { provider: 'google' }),
        res('azurerm_storage_account.c', { name: 'c' }, { provider: 'azurerm' }),
      ]),
    );
    const { findings, coverage } = runRules(graph, DEFAULT_SETTINGS);
    expect(findings).toEqual([]);
    expect(coverage).toEqual({
      evaluatedResources: 0,
      totalResources: 3,
      uncheckedTypes: [
        { type: 'azurerm_storage_account', count: 1 },
        { type: 'google_storage_bucket', count: 2 },
      ],
      notLoadedModules: [],
    });
  });

  it('aws types no security rule knows are listed even though tagging and sensitive-data rules judged them', () => {
    const graph = graphOf(
      plan([
        res('aws_s3_bucket.data', { bucket: 'data' }),
        res('aws_s3_bucket_server_side_encryption_configuration.data', { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }] }] }, { refs: { bucket: ['aws_s3_bucket.data.id', 'aws_s3_bucket.data'] } }),
        res('aws_route53_record.www', { name: 'www', type: 'A', records: ['192.0.2.1'] }),
        res('data.aws_caller_identity.me', {}),
      ]),
    );
    const { coverage } = runRules(graph, DEFAULT_SETTINGS);
    expect(coverage.uncheckedTypes).toEqual([{ type: 'aws_route53_record', count: 1 }]);
    expect(coverage).toMatchObject({ evaluatedResources: 2, totalResources: 3 });
  });

  it('an empty plan checks nothing and says so', () => {
    expect(runRules(graphOf(plan([])), DEFAULT_SETTINGS).coverage).toEqual({ evaluatedResources: 0, totalResources: 0, uncheckedTypes: [], notLoadedModules: [] });
  });
});

describeWithShared('pitfall 7 on real plans: every managed resource is either checked or listed', () => {
  const plans = realPlanIndex().filter((entry) => entry.category === 'plan');

  it.each(plans.map((entry) => [entry.file]))('%s', async (file) => {
    const graph = buildGraph([await loadPlanFile(path.join(REAL_PLANS_DIR, file), file)]);
    const { findings, coverage } = runRules(graph, DEFAULT_SETTINGS, ALL_RULES);
    const managed = graph.resources.filter((r) => r.mode === 'managed').length;
    expect(coverage.totalResources).toBe(managed);
    expect(coverage.evaluatedResources + coverage.uncheckedTypes.reduce((n, t) => n + t.count, 0)).toBe(managed);
    expect(findings.filter((f) => /^rule \S+ failed on /.test(f.message)).map((f) => f.message)).toEqual([]);
  });
});

describe('pitfall 7 for configuration inputs: a module twinguard did not read is named, never a clean pass by omission', () => {
  const scenario = tempDir();
  const KEY = 'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n  tags = { Environment = "dev", Owner = "team", DataClassification = "internal" }\n}\n';
  scenario.write('tf/main.tf', `module "bucket" {\n  source = "terraform-aws-modules/s3-bucket/aws"\n  bucket = "data"\n}\nmodule "local" {\n  source = "./modules/local"\n}\n${KEY}`);
  scenario.write('tf/modules/local/main.tf', KEY);
  const dir = path.join(scenario.dir, 'tf');
  afterAll(() => scenario.cleanup());

  it('the coverage lists the remote module, with its source and why, and not the local one it read', async () => {
    const run = await twinguard(['check', dir, '--format', 'json']);
    const report = JSON.parse(run.stdout);
    expect(report.coverage.notLoadedModules).toEqual([
      { input: dir, module: 'module.bucket', source: 'terraform-aws-modules/s3-bucket/aws', reason: expect.stringMatching(/remote module source .* is not fetched/) },
    ]);
    expect(run.code).toBe(0);
  });

  it('the text report says so on its coverage line', async () => {
    const run = await twinguard(['check', dir]);
    expect(run.stdout).toMatch(/Coverage: 2\/2 resources evaluated by a rule of their type; every resource type is understood by a rule; modules not loaded, their resources not checked \(check a plan to cover them\): module\.bucket \(terraform-aws-modules\/s3-bucket\/aws\)\n/);
  });

  it('strict mode blocks on it', async () => {
    const run = await twinguard(['check', dir, '--strict', '--format', 'json']);
    expect(JSON.parse(run.stdout).summary).toMatchObject({ passed: false, blocking: 1 });
    expect(run.code).toBe(1);
  });
});
