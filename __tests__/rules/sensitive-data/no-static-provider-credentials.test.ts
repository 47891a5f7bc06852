import rule from '../../../checks/rules/sensitive-data/no-static-provider-credentials';
import { evaluateRule, ruleTable } from '../../helpers/rule-table';
import { graphOf, plan, res } from '../../helpers/plan-builder';
import * as path from 'node:path';
import { runRules } from '../../../checks/engine';
import { buildGraph } from '../../../checks/model/graph';
import { loadPlanFile } from '../../../checks/model/plan';
import { DEFAULT_SETTINGS } from '../../../checks/settings';
import { describeWithShared, REAL_PLANS_DIR } from '../../helpers/shared';
import { awsProvider } from '../tagging/fixtures';

const KEY = { access_key: { constant_value: 'AKIAIOSFODNN7EXAMPLE' }, secret_key: { constant_value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } };

ruleTable(rule, [
  {
    name: 'compliant: credentials from the environment, a profile or an assumed role',
    plan: plan([res('aws_s3_bucket.a', { bucket: 'a' })], { providers: awsProvider(undefined, { region: { constant_value: 'eu-west-1' }, profile: { constant_value: 'ci' } }) }),
    expect: { 'plan.json': 'pass' },
  },
  {
    name: 'fail: access_key and secret_key as constants, reported once on the provider block',
    plan: plan([res('aws_s3_bucket.a', { bucket: 'a' }), res('aws_s3_bucket.b', { bucket: 'b' })], { providers: awsProvider(undefined, KEY) }),
    expect: { 'provider.aws': 'fail' },
    message: /^provider\.aws sets `(access_key|secret_key)` to a constant \((AKIA|wJal)\*\*\*\)/,
  },
  {
    name: 'fail: an aliased provider and the awscc provider',
    plan: plan([res('aws_s3_bucket.a', { bucket: 'a' }, { provider: 'aws.east' }), res('awscc_iottwinmaker_workspace.ws', { workspace_id: 'ws' })], {
      providers: { ...awsProvider(undefined, { token: { constant_value: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN' } }, 'aws.east'), ...awsProvider(undefined, KEY, 'awscc') },
    }),
    expect: { 'provider.aws.east': 'fail', 'provider.awscc': 'fail' },
  },
  {
    name: 'fail: an aliased provider block that manages no resource of the input is judged too',
    plan: plan([res('aws_s3_bucket.a', { bucket: 'a' })], { providers: { ...awsProvider(), ...awsProvider(undefined, KEY, 'aws.unused') } }),
    expect: { 'provider.aws.unused': 'fail' },
  },
  {
    name: 'not applicable: an input with no aws or awscc provider block',
    plan: plan([res('google_storage_bucket.g', { name: 'g' }, { provider: 'google' })], {
      providers: { google: { name: 'google', expressions: { access_token: { constant_value: 'ya29.secret' } } } },
    }),
    expect: { 'plan.json': 'not-applicable' },
  },
  {
    name: 'fail: an input that manages no resource itself (only data sources here) is judged too',
    plan: plan([res('data.aws_caller_identity.me', {})], { providers: awsProvider(undefined, KEY) }),
    expect: { 'provider.aws': 'fail' },
  },
  {
    name: 'unknown at plan: credentials passed through variables are not constants (pass)',
    plan: plan([res('aws_s3_bucket.a', { bucket: 'a' })], { providers: awsProvider(undefined, { access_key: { references: ['var.access_key'] }, secret_key: { references: ['var.secret_key'] } }) }),
    expect: { 'plan.json': 'pass' },
  },
]);

it('gives one finding per credential attribute, masked, with the raw value in redact', () => {
  const graph = graphOf(plan([res('aws_s3_bucket.a', { bucket: 'a' })], { providers: awsProvider(undefined, KEY) }));
  const verdicts = evaluateRule(rule, graph);
  expect(verdicts.map((v) => [v.address, v.path])).toEqual([
    ['provider.aws', 'access_key'],
    ['provider.aws', 'secret_key'],
  ]);
  for (const v of verdicts) expect(v.message).not.toMatch(/IOSFODNN|rXUtnFEMI/);
});

describeWithShared('no-static-provider-credentials on real plans', () => {
  const run = async (file: string) => runRules(buildGraph([await loadPlanFile(path.join(REAL_PLANS_DIR, file), file)]), DEFAULT_SETTINGS, [rule]);

  it('tc.modern-1.14.9: the provider’s constant keys are reported once each, masked', async () => {
    const { findings } = await run('terraform-compliance__cli/tc.modern-1.14.9.plan.json');
    expect(findings.map((f) => [f.address, f.path])).toEqual([
      ['provider.aws', 'access_key'],
      ['provider.aws', 'secret_key'],
    ]);
  });

  // checkov CKV_AWS_41 fails `aws.ohio` here (failed=1, passed=2), and so does twinguard: the plan
  // has no resource at all, but the key is in the code and in the plan file all the same.
  it('providers-aliases: a plan without resources still reports the constant key, as checkov does', async () => {
    const { findings, coverage } = await run('bridgecrewio__checkov/providers-aliases.tfplan.json');
    expect(findings.map((f) => [f.address, f.path])).toEqual([['provider.aws.ohio', 'access_key']]);
    expect(coverage.totalResources).toBe(0);
  });
});
