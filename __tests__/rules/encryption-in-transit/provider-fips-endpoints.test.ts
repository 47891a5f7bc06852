import rule from '../../../checks/rules/encryption-in-transit/provider-fips-endpoints';
import { buildGraph } from '../../../checks/model/graph';
import { parseCdktfDocument } from '../../../checks/model/cdktf';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const B1 = 'aws_s3_bucket.one';
const B2 = 'aws_s3_bucket.two';
const W = 'awscc_iottwinmaker_workspace.factory';
const REQUIRED = { fips: { required: true, environments: [] } };
const PROD_ONLY = { fips: { required: false, environments: ['prod'] } };
const buckets = [res(B1, { bucket: 'one' }), res(B2, { bucket: 'two' })];
const aws = (expressions: Record<string, unknown>) => ({ aws: { name: 'aws', expressions } });
const tagged = (environment: unknown, extra: Record<string, unknown> = {}) => aws({ default_tags: [{ tags: environment }], ...extra });

/** A cdk.tf.json of stack `name` with one bucket and an aws provider without FIPS. */
const cdktfGraph = (name: string) =>
  buildGraph([
    parseCdktfDocument(
      {
        provider: { aws: [{ region: 'us-east-1' }] },
        resource: { aws_s3_bucket: { data: { bucket: 'data', '//': { metadata: { path: `${name}/data` } } } } },
      },
      `cdktf.out/stacks/${name}/cdk.tf.json`,
      name,
    ),
  ]);

ruleTable(rule, [
  { name: 'FIPS not required (the default): not applicable', plan: plan(buckets), expect: { [B1]: 'not-applicable', [B2]: 'not-applicable' } },
  {
    name: 'required, and the aws provider sets use_fips_endpoint: pass on the first resource',
    plan: plan(buckets, { providers: aws({ use_fips_endpoint: { constant_value: true } }) }),
    settings: REQUIRED,
    expect: { [B1]: 'pass', [B2]: 'not-applicable' },
  },
  {
    name: 'required, and the provider does not set it: one finding, on the first resource, counting what it manages',
    plan: plan(buckets, { providers: aws({ region: { constant_value: 'us-east-1' } }) }),
    settings: REQUIRED,
    expect: { [B1]: 'fail', [B2]: 'not-applicable' },
    message: /provider aws does not set use_fips_endpoint = true.*manages 2 resources/,
  },
  {
    name: 'required, and no provider block at all fails',
    plan: plan(buckets),
    settings: REQUIRED,
    expect: { [B1]: 'fail' },
  },
  {
    name: 'use_fips_endpoint from a variable is unknown',
    plan: plan(buckets, { providers: aws({ use_fips_endpoint: { references: ['var.fips'] } }) }),
    settings: REQUIRED,
    expect: { [B1]: 'unknown' },
  },
  {
    name: 'the environment named in settings, from default_tags, requires FIPS',
    plan: plan(buckets, { providers: tagged({ constant_value: { Environment: 'prod', Owner: 'ops' } }) }),
    settings: PROD_ONLY,
    expect: { [B1]: 'fail' },
    message: /environment "prod"/,
  },
  {
    name: 'another environment does not require FIPS',
    plan: plan(buckets, { providers: tagged({ constant_value: { Environment: 'dev' } }) }),
    settings: PROD_ONLY,
    expect: { [B1]: 'not-applicable' },
  },
  {
    name: 'an Environment tag that is not a constant leaves the need, and the verdict, unknown',
    plan: plan(buckets, { providers: tagged({ references: ['var.tags'] }) }),
    settings: PROD_ONLY,
    expect: { [B1]: 'unknown' },
  },
  {
    name: 'the awscc provider with a Cloud Control FIPS endpoint passes',
    plan: plan([res(W, { workspace_id: 'factory' })], {
      providers: { awscc: { name: 'awscc', expressions: { endpoints: { constant_value: { cloudcontrolapi: 'https://cloudcontrolapi-fips.us-east-1.amazonaws.com' } } } } },
    }),
    settings: REQUIRED,
    expect: { [W]: 'pass' },
  },
  {
    name: 'the awscc provider without FIPS endpoints fails',
    plan: plan([res(W, { workspace_id: 'factory' })], { providers: { awscc: { name: 'awscc', expressions: { region: { constant_value: 'us-east-1' } } } } }),
    settings: REQUIRED,
    expect: { [W]: 'fail' },
    message: /endpoints\.cloudcontrolapi of provider awscc is not set/,
  },
  {
    name: 'an awscc resource takes its environment from the aws provider default_tags',
    plan: plan([res(W, { workspace_id: 'factory' })], {
      providers: { ...tagged({ constant_value: { Environment: 'prod' } }), awscc: { name: 'awscc', expressions: {} } },
    }),
    settings: PROD_ONLY,
    expect: { [W]: 'fail' },
  },
  { name: 'a cdktf stack named for a FIPS environment requires FIPS', graph: cdktfGraph('twinmaker-prod'), settings: PROD_ONLY, expect: { 'aws_s3_bucket.data': 'fail' }, message: /stack twinmaker-prod/ },
  { name: 'a cdktf stack of another environment does not', graph: cdktfGraph('twinmaker-dev'), settings: PROD_ONLY, expect: { 'aws_s3_bucket.data': 'not-applicable' } },
  {
    name: 'resources of other providers are not applicable',
    plan: plan([res('random_id.x', { byte_length: 4 }, { provider: 'random' })]),
    settings: REQUIRED,
    expect: { 'random_id.x': 'not-applicable' },
  },
]);
