/**
 * Peer pitfall 4: provider `default_tags` ignored — a resource tagged through `tags_all` reported
 * untagged, or the reverse (checkov #2978, tflint-ruleset-aws #993, terraform-guides #321).
 */
import * as path from 'node:path';
import { runRules } from '../../../checks/engine';
import { buildGraph } from '../../../checks/model/graph';
import { loadPlanFile } from '../../../checks/model/plan';
import requiredTags from '../../../checks/rules/tagging/required-tags';
import { TAGGING_RULES } from '../../../checks/rules/tagging';
import { SENSITIVE_DATA_RULES } from '../../../checks/rules/sensitive-data';
import { DEFAULT_SETTINGS } from '../../../checks/settings';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { describeWithShared, REAL_PLANS_DIR } from '../../helpers/shared';
import { awsProvider, FULL } from '../tagging/fixtures';

describe('pitfall 4: default_tags count, in both directions', () => {
  ruleTable(requiredTags, [
    {
      name: 'tagged only through default_tags, tags_all known and tags null: pass',
      plan: plan([res('aws_s3_bucket.data', { bucket: 'data', tags: null, tags_all: FULL }), res('module.app.aws_sqs_queue.q', { name: 'q', tags: null, tags_all: FULL })], { providers: awsProvider(FULL) }),
      expect: { 'aws_s3_bucket.data': 'pass', 'module.app.aws_sqs_queue.q': 'pass' },
    },
    {
      name: 'tagged only through default_tags, tags_all unknown: pass (the provider supplies the tags)',
      plan: plan([res('aws_s3_bucket.data', { bucket: 'data', tags: null }, { unknown: { tags_all: true } }), res('module.app.aws_sqs_queue.q', { name: 'q' }, { unknown: { tags_all: true } })], {
        providers: awsProvider(FULL),
      }),
      expect: { 'aws_s3_bucket.data': 'pass', 'module.app.aws_sqs_queue.q': 'pass' },
    },
    {
      name: 'an aliased provider’s default_tags apply to its resources only',
      plan: plan([res('aws_s3_bucket.east', { bucket: 'east' }, { provider: 'aws.east', unknown: { tags_all: true } }), res('aws_s3_bucket.west', { bucket: 'west' }, { unknown: { tags_all: true } })], {
        providers: { ...awsProvider({ Environment: 'dev' }), ...awsProvider(FULL, {}, 'aws.east') },
      }),
      expect: { 'aws_s3_bucket.east': 'pass', 'aws_s3_bucket.west': 'fail' },
    },
    {
      name: 'the reverse: tags_all lacking a key fails, even with an empty tags and default_tags present',
      plan: plan([res('aws_s3_bucket.data', { bucket: 'data', tags: {}, tags_all: { Environment: 'dev', Owner: 'platform-team' } })], {
        providers: awsProvider({ Environment: 'dev', Owner: 'platform-team' }),
      }),
      expect: { 'aws_s3_bucket.data': 'fail' },
      message: /"DataClassification"/,
    },
    {
      name: 'the reverse: tags alone without the provider’s help fail when tags_all is unknown',
      plan: plan([res('aws_s3_bucket.data', { bucket: 'data', tags: { Owner: 'platform-team' } }, { unknown: { tags_all: true } })], { providers: awsProvider({ Environment: 'dev' }) }),
      expect: { 'aws_s3_bucket.data': 'fail' },
      message: /"DataClassification"/,
    },
  ]);
});

describeWithShared('pitfall 4 on real plans', () => {
  const load = async (file: string) => buildGraph([await loadPlanFile(path.join(REAL_PLANS_DIR, file), file)]);

  it('github-oidc-default-tags: resources in a module with for_each, tags null, tagged only by default_tags, pass', async () => {
    const graph = await load('bridgecrewio__checkov/github-oidc-default-tags.tfplan.json');
    const settings = { ...DEFAULT_SETTINGS, requiredTags: ['environment', 'managed_by'], allowedTagValues: { environment: ['test'] } };
    const { findings, coverage } = runRules(graph, settings, [...TAGGING_RULES, ...SENSITIVE_DATA_RULES]);
    expect(findings).toEqual([]);
    expect(coverage.totalResources).toBe(5);
  });

  it('github-oidc-default-tags: a tag the defaults lack fails on every taggable resource', async () => {
    const graph = await load('bridgecrewio__checkov/github-oidc-default-tags.tfplan.json');
    const { findings } = runRules(graph, { ...DEFAULT_SETTINGS, requiredTags: ['Owner'] }, TAGGING_RULES);
    expect(findings.map((f) => f.address)).toEqual([
      'module.poc.aws_iam_openid_connect_provider.r5',
      'module.poc.aws_iam_role.r1["p1"]',
      'module.poc.aws_iam_role.r1["p2"]',
      'module.poc.aws_iam_role.r6["p1"]',
      'module.poc.aws_iam_role.r6["p2"]',
    ]);
  });

  it('default-tags-dynamodb: default tags merged with resource tags pass; the provider’s constant keys are reported once', async () => {
    const graph = await load('infracost__infracost/default-tags-dynamodb.plan.json');
    const settings = { ...DEFAULT_SETTINGS, requiredTags: ['DefaultNotOverride', 'DefaultOverride'] };
    const { findings } = runRules(graph, settings, [...TAGGING_RULES, ...SENSITIVE_DATA_RULES]);
    expect(findings.map((f) => [f.ruleId, f.address, f.path])).toEqual([
      ['no-static-provider-credentials', 'provider.aws', 'access_key'],
      ['no-static-provider-credentials', 'provider.aws', 'secret_key'],
    ]);
    for (const f of findings) expect(f.message).not.toMatch(/mock_access_key|mock_secret_key/);
  });
});
