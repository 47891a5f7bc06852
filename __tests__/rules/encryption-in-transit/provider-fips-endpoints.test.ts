import rule from '../../../checks/rules/encryption-in-transit/provider-fips-endpoints';
import { buildGraph } from '../../../checks/model/graph';
import { parseCdktfDocument } from '../../../checks/model/cdktf';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable } from '../../helpers/rule-table';
import { tfGraph } from '../../helpers/code-forms';

const B1 = 'aws_s3_bucket.one';
const B2 = 'aws_s3_bucket.two';
const W = 'awscc_iottwinmaker_workspace.factory';
const REQUIRED = { fips: { required: true, environments: [] } };
const PROD_ONLY = { fips: { required: false, environments: ['prod'] } };
const buckets = [res(B1, { bucket: 'one' }), res(B2, { bucket: 'two' })];
const aws = (expressions: Record<string, unknown>) => ({ aws: { name: 'aws', expressions } });
const awscc = (endpoints: Record<string, string | null>) => ({ awscc: { name: 'awscc', expressions: { endpoints: { constant_value: endpoints } } } });
const CC_FIPS = 'https://cloudcontrolapi-fips.us-east-1.amazonaws.com';
const STS_FIPS = 'https://sts-fips.us-east-1.amazonaws.com';
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
    name: 'the awscc provider with Cloud Control and STS FIPS endpoints passes',
    plan: plan([res(W, { workspace_id: 'factory' })], { providers: awscc({ cloudcontrolapi: CC_FIPS, sts: STS_FIPS }) }),
    settings: REQUIRED,
    expect: { [W]: 'pass' },
  },
  {
    name: 'in GovCloud, STS\'s regional endpoint is its FIPS endpoint (no sts-fips host exists there): pass',
    plan: plan([res(W, { workspace_id: 'factory' })], {
      providers: awscc({ cloudcontrolapi: 'https://cloudcontrolapi-fips.us-gov-west-1.amazonaws.com', sts: 'https://sts.us-gov-west-1.amazonaws.com' }),
    }),
    settings: REQUIRED,
    expect: { [W]: 'pass' },
  },
  {
    name: 'a commercial Region\'s regional STS endpoint is not FIPS',
    plan: plan([res(W, { workspace_id: 'factory' })], { providers: awscc({ cloudcontrolapi: CC_FIPS, sts: 'https://sts.us-east-1.amazonaws.com' }) }),
    settings: REQUIRED,
    expect: { [W]: 'fail' },
    message: /endpoints\.sts of provider awscc is "https:\/\/sts\.us-east-1\.amazonaws\.com", not a FIPS endpoint/,
  },
  {
    name: 'the awscc provider without FIPS endpoints fails',
    plan: plan([res(W, { workspace_id: 'factory' })], { providers: { awscc: { name: 'awscc', expressions: { region: { constant_value: 'us-east-1' } } } } }),
    settings: REQUIRED,
    expect: { [W]: 'fail' },
    message: /endpoints\.cloudcontrolapi and endpoints\.sts of provider awscc are not set/,
  },
  {
    name: 'the awscc provider with a Cloud Control FIPS endpoint but the default STS endpoint fails',
    plan: plan([res(W, { workspace_id: 'factory' })], { providers: awscc({ cloudcontrolapi: CC_FIPS, sts: null }) }),
    settings: REQUIRED,
    expect: { [W]: 'fail' },
    message: /endpoints\.sts of provider awscc is not set/,
  },
  {
    name: 'an awscc endpoint over http:// fails, FIPS host or not',
    plan: plan([res(W, { workspace_id: 'factory' })], { providers: awscc({ cloudcontrolapi: 'http://cloudcontrolapi-fips.us-east-1.amazonaws.com', sts: STS_FIPS }) }),
    settings: REQUIRED,
    expect: { [W]: 'fail' },
    message: /endpoints\.cloudcontrolapi of provider awscc is "http:\/\/cloudcontrolapi-fips\.us-east-1\.amazonaws\.com", not an https:\/\/ URL/,
  },
  {
    name: 'an awscc endpoint with "-fips." past its first label is not a FIPS host',
    plan: plan([res(W, { workspace_id: 'factory' })], { providers: awscc({ cloudcontrolapi: 'https://cloudcontrolapi.us-east-1.corp-fips.example.com', sts: STS_FIPS }) }),
    settings: REQUIRED,
    expect: { [W]: 'fail' },
    message: /endpoints\.cloudcontrolapi of provider awscc is "https:\/\/cloudcontrolapi\.us-east-1\.corp-fips\.example\.com", not a FIPS endpoint/,
  },
  {
    name: 'an awscc iam endpoint that is not a FIPS host fails',
    plan: plan([res(W, { workspace_id: 'factory' })], { providers: awscc({ cloudcontrolapi: CC_FIPS, sts: STS_FIPS, iam: 'https://iam.amazonaws.com' }) }),
    settings: REQUIRED,
    expect: { [W]: 'fail' },
    message: /endpoints\.iam of provider awscc is "https:\/\/iam\.amazonaws\.com", not a FIPS endpoint/,
  },
  {
    name: 'an awscc endpoint from a variable is unknown',
    plan: plan([res(W, { workspace_id: 'factory' })], { providers: { awscc: { name: 'awscc', expressions: { endpoints: { references: ['var.endpoints'] } } } } }),
    settings: REQUIRED,
    expect: { [W]: 'unknown' },
  },
  {
    name: 'the aws provider with use_fips_endpoint and FIPS endpoint overrides passes',
    plan: plan(buckets, { providers: aws({ use_fips_endpoint: { constant_value: true }, endpoints: [{ s3: { constant_value: 'https://s3-fips.us-east-1.amazonaws.com' }, iam: { constant_value: 'https://iam-fips.amazonaws.com' } }] }) }),
    settings: REQUIRED,
    expect: { [B1]: 'pass' },
  },
  {
    name: 'the aws provider with use_fips_endpoint but an endpoints entry that is not a FIPS host fails: the entry overrides the flag',
    plan: plan(buckets, { providers: aws({ use_fips_endpoint: { constant_value: true }, endpoints: [{ s3: { constant_value: 'https://s3.us-east-1.amazonaws.com' } }] }) }),
    settings: REQUIRED,
    expect: { [B1]: 'fail' },
    message: /endpoints\.s3 of provider aws is "https:\/\/s3\.us-east-1\.amazonaws\.com", not a FIPS endpoint.*ignoring use_fips_endpoint/,
  },
  {
    name: 'an aws endpoints entry over http:// fails',
    plan: plan(buckets, { providers: aws({ use_fips_endpoint: { constant_value: true }, endpoints: [{ sts: { constant_value: 'http://sts-fips.us-east-1.amazonaws.com' } }] }) }),
    settings: REQUIRED,
    expect: { [B1]: 'fail' },
    message: /endpoints\.sts of provider aws is "http:\/\/sts-fips\.us-east-1\.amazonaws\.com", not an https:\/\/ URL/,
  },
  {
    name: 'an aws endpoints entry from a variable is unknown',
    plan: plan(buckets, { providers: aws({ use_fips_endpoint: { constant_value: true }, endpoints: [{ s3: { references: ['var.s3_endpoint'] } }] }) }),
    settings: REQUIRED,
    expect: { [B1]: 'unknown' },
    message: /endpoints\.s3 of provider aws is not a constant/,
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

describe('provider-fips-endpoints in .tf and cdk.tf.json', () => {
  const providers = (awsEndpoints: string, awsccEndpoints: string) => `
provider "aws" {
  region            = "us-east-1"
  use_fips_endpoint = true
${awsEndpoints}
}
provider "awscc" {
  region    = "us-east-1"
  endpoints = ${awsccEndpoints}
}
resource "aws_s3_bucket" "one" { bucket = "one" }
resource "awscc_iottwinmaker_workspace" "factory" { workspace_id = "factory" }
`;
  const fips = `{ cloudcontrolapi = "${CC_FIPS}", sts = "${STS_FIPS}" }`;
  const verdicts = async (tf: string) => evaluateRule(rule, await tfGraph(tf), REQUIRED).filter((v) => v.status !== 'not-applicable');

  it('FIPS endpoints everywhere pass', async () => {
    const found = await verdicts(providers('  endpoints {\n    s3 = "https://s3-fips.us-east-1.amazonaws.com"\n  }', fips));
    expect(found.map((v) => [v.address, v.status])).toEqual([
      [B1, 'pass'],
      [W, 'pass'],
    ]);
  });

  it('an aws endpoints block naming a non-FIPS host and an http:// host fails despite use_fips_endpoint, and so does an http:// awscc endpoint', async () => {
    const found = await verdicts(
      providers(
        '  endpoints {\n    s3  = "https://s3.us-east-1.amazonaws.com"\n    iam = "http://iam.amazonaws.com"\n  }',
        `{ cloudcontrolapi = "http://cloudcontrolapi-fips.us-east-1.amazonaws.com", sts = "${STS_FIPS}" }`,
      ),
    );
    const messages = (address: string) => found.filter((v) => v.address === address && v.status === 'fail').map((v) => v.message);
    expect(messages(B1)).toEqual([
      expect.stringMatching(/^endpoints\.iam of provider aws is "http:\/\/iam\.amazonaws\.com", not an https:\/\/ URL/),
      expect.stringMatching(/^endpoints\.s3 of provider aws is "https:\/\/s3\.us-east-1\.amazonaws\.com", not a FIPS endpoint/),
    ]);
    expect(messages(W)).toEqual([expect.stringMatching(/^endpoints\.cloudcontrolapi of provider awscc is "http:\/\/cloudcontrolapi-fips/)]);
  });

  it('an aws endpoint from a variable is unknown', async () => {
    const found = await verdicts(`variable "s3" { type = string }\n${providers('  endpoints {\n    s3 = var.s3\n  }', fips)}`);
    expect(found.filter((v) => v.address === B1).map((v) => v.status)).toEqual(['unknown']);
  });

  it('cdk.tf.json: an aws endpoints entry that is not a FIPS host fails', () => {
    const graph = buildGraph([
      parseCdktfDocument(
        {
          provider: { aws: [{ region: 'us-east-1', use_fips_endpoint: true, endpoints: [{ sts: 'https://sts.us-east-1.amazonaws.com' }] }] },
          resource: { aws_s3_bucket: { data: { bucket: 'data' } } },
        },
        'cdk.tf.json',
      ),
    ]);
    expect(evaluateRule(rule, graph, REQUIRED).filter((v) => v.status === 'fail').map((v) => v.message)).toEqual([
      expect.stringMatching(/^endpoints\.sts of provider aws is "https:\/\/sts\.us-east-1\.amazonaws\.com", not a FIPS endpoint/),
    ]);
  });
});
