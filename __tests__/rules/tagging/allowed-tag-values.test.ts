import * as path from 'node:path';
import { runRules } from '../../../checks/engine';
import { buildGraph } from '../../../checks/model/graph';
import { loadPlanFile } from '../../../checks/model/plan';
import rule from '../../../checks/rules/tagging/allowed-tag-values';
import { DEFAULT_SETTINGS } from '../../../checks/settings';
import { describeWithShared, REAL_PLANS_DIR } from '../../helpers/shared';
import { graphOf, plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable } from '../../helpers/rule-table';
import { awsProvider, FULL } from './fixtures';

const allowed = { allowedTagValues: { Environment: ['dev', 'staging', 'prod'], DataClassification: ['public', 'internal', 'confidential'] } };

ruleTable(rule, [
  {
    name: 'compliant: every constrained tag holds an allowed value',
    plan: plan([res('aws_s3_bucket.data', { bucket: 'data', tags_all: FULL })]),
    settings: allowed,
    expect: { 'aws_s3_bucket.data': 'pass' },
  },
  {
    name: 'compliant: allowed values through default_tags, tags_all unknown',
    plan: plan([res('aws_s3_bucket.data', { bucket: 'data', tags: null }, { unknown: { tags_all: true } })], { providers: awsProvider(FULL) }),
    settings: allowed,
    expect: { 'aws_s3_bucket.data': 'pass' },
  },
  {
    name: 'compliant: a constrained tag that is absent is required-tags’ business',
    plan: plan([res('aws_s3_bucket.data', { bucket: 'data', tags_all: { Owner: 'platform-team' } })]),
    settings: allowed,
    expect: { 'aws_s3_bucket.data': 'pass' },
  },
  {
    name: 'fail: a value outside the allowed set (values are case-sensitive)',
    plan: plan([res('aws_s3_bucket.data', { bucket: 'data', tags_all: { ...FULL, Environment: 'Prod' } })]),
    settings: allowed,
    expect: { 'aws_s3_bucket.data': 'fail' },
    message: /Tag "Environment" is "Prod", not one of "dev", "staging", "prod"/,
  },
  {
    name: 'fail: a disallowed value from default_tags',
    plan: plan([res('aws_sqs_queue.q', { name: 'q' }, { unknown: { tags_all: true } })], { providers: awsProvider({ ...FULL, DataClassification: 'secret' }) }),
    settings: allowed,
    expect: { 'aws_sqs_queue.q': 'fail' },
    message: /"DataClassification" is "secret"/,
  },
  {
    name: 'fail: a value marked sensitive is compared but never shown',
    plan: plan([res('aws_s3_bucket.data', { bucket: 'data', tags_all: { ...FULL, Environment: 'qa-hidden' } }, { sensitive: { tags_all: { Environment: true } } })]),
    settings: allowed,
    expect: { 'aws_s3_bucket.data': 'fail' },
    message: /^(?!.*qa-hidden).*a value marked sensitive/,
  },
  {
    name: 'not applicable: nothing configured, or a type without tags',
    plan: plan([res('aws_s3_bucket.data', { bucket: 'data', tags_all: { Environment: 'anything' } }), res('aws_iam_role_policy_attachment.a', { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })]),
    expect: { 'aws_s3_bucket.data': 'not-applicable', 'aws_iam_role_policy_attachment.a': 'not-applicable' },
  },
  {
    name: 'unknown: the value of a constrained tag is known only after apply',
    plan: plan([res('aws_s3_bucket.data', { bucket: 'data', tags_all: { ...FULL, Environment: null } }, { unknown: { tags_all: { Environment: true } } })]),
    settings: allowed,
    expect: { 'aws_s3_bucket.data': 'unknown' },
    message: /"Environment" gets its value only after apply/,
  },
  {
    name: 'unknown: the tags are known only after apply',
    plan: plan([res('aws_s3_bucket.data', { bucket: 'data' }, { unknown: { tags: true, tags_all: true } })], { providers: awsProvider({ references: ['var.tags'] }) }),
    settings: allowed,
    expect: { 'aws_s3_bucket.data': 'unknown' },
  },
]);

it('masks a disallowed value that holds personal data', () => {
  const graph = graphOf(plan([res('aws_s3_bucket.data', { bucket: 'data', tags_all: { ...FULL, Owner: 'jane.roe@example.com' } })]));
  const verdicts = evaluateRule(rule, graph, { allowedTagValues: { Owner: ['platform-team'] } });
  expect(verdicts).toEqual([expect.objectContaining({ status: 'fail', path: 'tags.Owner' })]);
  expect(verdicts[0].message).toContain('j***@e***.com');
  expect(verdicts[0].message).not.toContain('jane.roe');
});

it("judges each replica's value on a DynamoDB global table: a Name that differs by region changes nothing, a value one replica gets wrong fails there", () => {
  const replica = (region: string, tags: Record<string, string>) => ({ region, tags: Object.entries(tags).map(([key, value]) => ({ key, value })) });
  const verdicts = evaluateRule(
    rule,
    graphOf(plan([
      res('awscc_dynamodb_global_table.ok', { table_name: 'ok', replicas: [replica('eu-west-1', { ...FULL, Name: 'orders-eu-west-1' }), replica('eu-central-1', { ...FULL, Name: 'orders-eu-central-1' })] }),
      res('awscc_dynamodb_global_table.bad', { table_name: 'bad', replicas: [replica('eu-west-1', FULL), replica('eu-central-1', { ...FULL, Environment: 'Production' })] }),
    ])),
    allowed,
  );
  expect(verdicts.map((v) => [v.address, v.status, v.path])).toEqual([
    ['awscc_dynamodb_global_table.ok', 'pass', undefined],
    ['awscc_dynamodb_global_table.bad', 'fail', 'replicas.1.tags.Environment'],
  ]);
  expect(verdicts[1].message).toMatch(/^On the replica in eu-central-1 \(replicas\.1\): Tag "Environment" is "Production", not one of "dev", "staging", "prod"/);
});

describeWithShared('allowed-tag-values on real plans', () => {
  // Agrees with terraform-compliance test_issue-249: waf_policy of every aws_alb matches ^(internal|external|custom)$.
  it('tc.tags-alb-modules: waf_policy holds an allowed value on the load balancer', async () => {
    const file = 'terraform-compliance__cli/tc.tags-alb-modules.plan.json';
    const graph = buildGraph([await loadPlanFile(path.join(REAL_PLANS_DIR, file), file)]);
    const { findings } = runRules(graph, { ...DEFAULT_SETTINGS, allowedTagValues: { waf_policy: ['internal', 'external', 'custom'] } }, [rule]);
    // One: Terraform 0.12 wrote it again in prior_state as `aws_alb.alb`, relative to module.alb.
    expect(graph.ofType('aws_alb').map((r) => r.address)).toEqual(['module.alb.aws_alb.alb']);
    expect(findings).toEqual([]);
  });
});
