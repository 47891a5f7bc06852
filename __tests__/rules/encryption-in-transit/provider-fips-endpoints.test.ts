import rule from '../../../checks/rules/encryption-in-transit/provider-fips-endpoints';
import { buildGraph } from '../../../checks/model/graph';
import { parseCdktfDocument } from '../../../checks/model/cdktf';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable } from '../../helpers/rule-table';
import { tfGraph } from '../../helpers/code-forms';
import { loadHcl } from '../../../checks/model/hcl';
import { parsePlanDocument } from '../../../checks/model/plan';
import { readCode, withCode } from '../../../checks/model/code-sources';
import { twinguard, twinguardProcess, withFiles } from '../../cli/run';
import { FORMATS } from '../../../checks/check';
import type { Settings } from '../../../checks/settings';
import { ValueView } from '../../../checks/model/value';
import * as fs from 'node:fs';
import * as path from 'node:path';

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
    name: 'an aws endpoints entry written with no scheme is judged by its host (the readers take it as https://, or send nothing): a FIPS host passes',
    plan: plan(buckets, { providers: aws({ use_fips_endpoint: { constant_value: true }, endpoints: [{ s3: { constant_value: 's3-fips.us-east-1.amazonaws.com' } }] }) }),
    settings: REQUIRED,
    expect: { [B1]: 'pass' },
  },
  {
    name: 'an aws endpoints entry written with no scheme at a host that is not a FIPS host fails as not a FIPS endpoint',
    plan: plan(buckets, { providers: aws({ use_fips_endpoint: { constant_value: true }, endpoints: [{ s3: { constant_value: 's3.us-east-1.amazonaws.com:443' } }] }) }),
    settings: REQUIRED,
    expect: { [B1]: 'fail' },
    message: /endpoints\.s3 of provider aws is "s3\.us-east-1\.amazonaws\.com:443", not a FIPS endpoint/,
  },
  // The aws provider sends a call whose FIPS host does not resolve to the non-FIPS endpoint (terraform-provider-aws #38057):
  // a Region where the service has no FIPS endpoint leaves FIPS, use_fips_endpoint or not.
  {
    name: 'an aws provider with use_fips_endpoint in a Region where S3 has no FIPS endpoint fails for its buckets, naming the first and how many',
    plan: plan(buckets, { providers: aws({ region: { constant_value: 'eu-west-1' }, use_fips_endpoint: { constant_value: true } }) }),
    settings: REQUIRED,
    expect: { [B1]: 'fail', [B2]: 'not-applicable' },
    message: /^provider aws manages aws_s3_bucket\.one and 1 more in Region eu-west-1, where S3 has no FIPS endpoint: .*terraform-provider-aws #38057.*Manage them from a Region with S3 FIPS endpoints \(us-east-1, us-east-2, us-west-1, us-west-2, ca-central-1, us-gov-east-1, us-gov-west-1\)/,
  },
  {
    name: 'S3 has FIPS endpoints in ca-central-1: pass',
    plan: plan(buckets, { providers: aws({ region: { constant_value: 'ca-central-1' }, use_fips_endpoint: { constant_value: true } }) }),
    settings: REQUIRED,
    expect: { [B1]: 'pass' },
  },
  {
    name: "a bucket's own Region (the AWS provider 6's region argument) decides over its provider's",
    plan: plan([res(B1, { bucket: 'one', region: 'eu-central-1' })], { providers: aws({ region: { constant_value: 'us-east-1' }, use_fips_endpoint: { constant_value: true } }) }),
    settings: REQUIRED,
    expect: { [B1]: 'fail' },
    message: /manages aws_s3_bucket\.one in Region eu-central-1, where S3 has no FIPS endpoint/,
  },
  {
    name: 'an S3 endpoint the block writes is judged instead of the Region: a FIPS host passes',
    plan: plan(buckets, { providers: aws({ region: { constant_value: 'eu-west-1' }, use_fips_endpoint: { constant_value: true }, endpoints: [{ s3: { constant_value: 'https://s3-fips.us-east-1.amazonaws.com' } }] }) }),
    settings: REQUIRED,
    expect: { [B1]: 'pass' },
  },
  {
    name: 'Cloud Control has FIPS endpoints in us-east-2, not in ca-central-1',
    plan: plan([res('aws_cloudcontrolapi_resource.r', { type_name: 'AWS::IoTTwinMaker::Entity' }), res('aws_cloudcontrolapi_resource.s', { type_name: 'AWS::IoTTwinMaker::Entity', region: 'us-east-2' })], {
      providers: aws({ region: { constant_value: 'ca-central-1' }, use_fips_endpoint: { constant_value: true } }),
    }),
    settings: REQUIRED,
    expect: { 'aws_cloudcontrolapi_resource.r': 'fail' },
    message: /^provider aws manages aws_cloudcontrolapi_resource\.r in Region ca-central-1, where Cloud Control has no FIPS endpoint/,
  },
  {
    name: 'Cloud Control in GovCloud, which the sources disagree on, is unknown',
    plan: plan([res('aws_cloudcontrolapi_resource.r', { type_name: 'AWS::IoTTwinMaker::Entity' })], { providers: aws({ region: { constant_value: 'us-gov-west-1' }, use_fips_endpoint: { constant_value: true } }) }),
    settings: REQUIRED,
    expect: { 'aws_cloudcontrolapi_resource.r': 'unknown' },
    message: /sources disagree on whether Cloud Control has a FIPS endpoint/,
  },
  {
    name: 'another service in a Region where no FIPS endpoint of any service is known is unknown; in one where some are, it is not judged',
    plan: plan([res('aws_kms_key.k', { description: 'k' }), res('aws_kms_key.l', { description: 'l', region: 'us-west-2' })], { providers: aws({ region: { constant_value: 'ap-southeast-2' }, use_fips_endpoint: { constant_value: true } }) }),
    settings: REQUIRED,
    expect: { 'aws_kms_key.k': 'unknown', 'aws_kms_key.l': 'not-applicable' },
    message: /^provider aws manages aws_kms_key\.k in Region ap-southeast-2, where the gate knows of no FIPS endpoint of any service/,
  },
  {
    name: 'a Region not known (region = var.region, in a plan read alone) is not judged',
    plan: plan(buckets, { providers: aws({ region: { references: ['var.region'] }, use_fips_endpoint: { constant_value: true } }) }),
    settings: REQUIRED,
    expect: { [B1]: 'pass' },
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

// README Known limits: an endpoint the environment gives (AWS_ENDPOINT_URL_SQS=https://sqs.us-east-1.amazonaws.com) where
// the block sets none passed with use_fips_endpoint = true; the provider sends that service's calls to it as written.
describe('provider-fips-endpoints: the endpoints the environment gives (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>), where the block sets none', () => {
  const FIPS_AWS = 'provider "aws" {\n  region            = "us-east-1"\n  use_fips_endpoint = true\n}\n';
  const QUEUE = 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n';
  const Q = 'aws_sqs_queue.q';
  const findings = (graph: ReturnType<typeof buildGraph>, settings: Partial<Settings> = REQUIRED) =>
    evaluateRule(rule, graph, settings)
      .filter((v) => v.status !== 'not-applicable')
      .map((v) => `${v.address} ${v.status}${v.status === 'pass' ? '' : `: ${v.message}`}`);
  const tfFindings = (main: string, env: Record<string, string>, settings: Partial<Settings> = REQUIRED) => withFiles({ 'main.tf': main }, async (dir) => findings(buildGraph([await loadHcl(dir, { env })]), settings));

  it('.tf: AWS_ENDPOINT_URL_SQS at a non-FIPS host fails the aws provider despite use_fips_endpoint, naming the variable; a FIPS host, an empty variable and none pass', async () => {
    expect(await tfFindings(FIPS_AWS + QUEUE, { AWS_ENDPOINT_URL_SQS: 'https://sqs.us-east-1.amazonaws.com' })).toEqual([
      expect.stringMatching(
        /^aws_sqs_queue\.q fail: `AWS_ENDPOINT_URL_SQS` of the environment, the sqs endpoint of provider aws where its block sets none, is "https:\/\/sqs\.us-east-1\.amazonaws\.com", not a FIPS endpoint: the provider sends that service's calls to an endpoint it is given as written, ignoring use_fips_endpoint\. Give `AWS_ENDPOINT_URL_SQS` the https:\/\/ FIPS endpoint .* \(the configuration requires FIPS everywhere; provider aws manages 1 resource/,
      ),
    ]);
    expect(await tfFindings(FIPS_AWS + QUEUE, { AWS_ENDPOINT_URL_SQS: 'http://sqs-fips.us-east-1.amazonaws.com' })).toEqual([
      expect.stringMatching(/^aws_sqs_queue\.q fail: `AWS_ENDPOINT_URL_SQS` of the environment, .* is "http:\/\/sqs-fips\.us-east-1\.amazonaws\.com", not an https:\/\/ URL/),
    ]);
    expect(await tfFindings(FIPS_AWS + QUEUE, { AWS_ENDPOINT_URL_SQS: 'https://sqs-fips.us-east-1.amazonaws.com', AWS_ENDPOINT_URL: '' })).toEqual([`${Q} pass`]);
    expect(await tfFindings(FIPS_AWS + QUEUE, {})).toEqual([`${Q} pass`]);
  });

  it('.tf: AWS_ENDPOINT_URL and the deprecated AWS_S3_ENDPOINT fail as a written endpoint does; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true drops the provider\'s; FIPS not required leaves them unjudged', async () => {
    expect(await tfFindings(FIPS_AWS + QUEUE, { AWS_ENDPOINT_URL: 'https://localhost.localstack.cloud:4566' })).toEqual([
      expect.stringMatching(/^aws_sqs_queue\.q fail: `AWS_ENDPOINT_URL` of the environment, the endpoint of every service provider aws sets none for, is "https:\/\/localhost\.localstack\.cloud:4566", not a FIPS endpoint: the provider sends those services' calls .* Unset `AWS_ENDPOINT_URL` where terraform runs/),
    ]);
    expect(await tfFindings(FIPS_AWS + QUEUE, { AWS_S3_ENDPOINT: 'https://s3.us-east-1.amazonaws.com' })).toEqual([expect.stringMatching(/^aws_sqs_queue\.q fail: `AWS_S3_ENDPOINT` of the environment, the s3 endpoint of provider aws/)]);
    const ignored = { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL: 'https://localstack:4566', AWS_ENDPOINT_URL_SQS: 'https://sqs.us-east-1.amazonaws.com' };
    expect(await tfFindings(FIPS_AWS + QUEUE, ignored)).toEqual([`${Q} pass`]);
    const dev = 'provider "aws" {\n  region = "us-east-1"\n  default_tags {\n    tags = { Environment = "dev" }\n  }\n}\n';
    expect(await tfFindings(dev + QUEUE, { AWS_ENDPOINT_URL_SQS: 'https://sqs.us-east-1.amazonaws.com' }, PROD_ONLY)).toEqual([]);
  });

  it('.tf: the code wins over the environment, by any of the names a service has; an entry from a value the code does not fix is unknown on its own', async () => {
    const provider = (endpoints: string) => `provider "aws" {\n  region            = "us-east-1"\n  use_fips_endpoint = true\n  endpoints {\n${endpoints}  }\n}\n${QUEUE}`;
    const elb = { AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: 'https://elasticloadbalancing.us-east-1.amazonaws.com' };
    expect(await tfFindings(provider('    elbv2 = "https://elasticloadbalancing-fips.us-east-1.amazonaws.com"\n'), elb)).toEqual([`${Q} pass`]);
    expect(await tfFindings(provider('    sqs = "https://sqs-fips.us-east-1.amazonaws.com"\n'), elb)).toEqual([expect.stringMatching(/^aws_sqs_queue\.q fail: `AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2` of the environment, the elbv2 endpoint of provider aws/)]);
    expect(await tfFindings(`variable "sqs" {}\n${provider('    sqs = var.sqs\n')}`, { AWS_ENDPOINT_URL_SQS: 'https://sqs.us-east-1.amazonaws.com' })).toEqual([
      expect.stringMatching(/^aws_sqs_queue\.q unknown: endpoints\.sqs of provider aws is not a constant/),
    ]);
  });

  it('.tf: awscc is judged on the four services it calls; one the environment gives does not stand in for an endpoint it needs written', async () => {
    const awscc = (endpoints: string) => `provider "awscc" {\n  region    = "us-east-1"\n  endpoints = ${endpoints}\n}\nresource "awscc_iottwinmaker_workspace" "factory" {\n  workspace_id = "factory"\n}\n`;
    const fips = awscc(`{ cloudcontrolapi = "${CC_FIPS}", sts = "${STS_FIPS}" }`);
    expect(await tfFindings(fips, { AWS_ENDPOINT_URL_IAM: 'https://iam.amazonaws.com', AWS_ENDPOINT_URL_STS: 'https://sts.us-east-1.amazonaws.com', AWS_ENDPOINT_URL_SQS: 'https://sqs.us-east-1.amazonaws.com' })).toEqual([
      expect.stringMatching(/^awscc_iottwinmaker_workspace\.factory fail: `AWS_ENDPOINT_URL_IAM` of the environment, the iam endpoint of provider awscc where its block sets none, is "https:\/\/iam\.amazonaws\.com", not a FIPS endpoint: the provider sends that service's calls to an endpoint it is given as written\. /),
    ]);
    expect(await tfFindings(awscc(`{ cloudcontrolapi = "${CC_FIPS}" }`), { AWS_ENDPOINT_URL_STS: STS_FIPS })).toEqual([
      expect.stringMatching(/^awscc_iottwinmaker_workspace\.factory fail: endpoints\.sts of provider awscc is not set, and `AWS_ENDPOINT_URL_STS` of the environment does not count: the gate vouches only for the endpoints the block writes\. /),
    ]);
    expect(await tfFindings(fips, { AWS_ENDPOINT_URL_IAM: 'https://iam-fips.amazonaws.com' })).toEqual([`${W} pass`]);
  });

  it('.tf: resources no provider block configures use the default configuration, which reads the environment too', async () => {
    expect(await tfFindings(QUEUE, { AWS_ENDPOINT_URL_SQS: 'https://sqs.us-east-1.amazonaws.com' })).toEqual([
      expect.stringMatching(/^aws_sqs_queue\.q fail: no aws provider block configures these resources/),
      expect.stringMatching(/^aws_sqs_queue\.q fail: `AWS_ENDPOINT_URL_SQS` of the environment, the sqs endpoint of the default aws configuration, is "https:\/\/sqs\.us-east-1\.amazonaws\.com", not a FIPS endpoint/),
    ]);
  });

  // README Known limits: an endpoint the AWS shared config file gives passed, FIPS host or not.
  it(".tf, cdk.tf.json: an endpoint the AWS shared config file gives (a services section's, a profile's endpoint_url) at a non-FIPS host fails the aws provider and the s3 backend despite use_fips_endpoint, naming the setting and the file; a FIPS host passes", async () => {
    const config = (s3: string) => `[profile ci]\nservices = ci-svc\n[services ci-svc]\ns3 =\n  endpoint_url = ${s3}\n[profile all]\nendpoint_url = https://gateway.internal\n`;
    const BACKEND = 'terraform {\n  backend "s3" {\n    bucket            = "tfstate"\n    key               = "k"\n    region            = "us-east-1"\n    use_fips_endpoint = true\n  }\n}\n';
    const BUCKET = 'resource "aws_s3_bucket" "data" {\n  bucket = "data"\n}\n';
    const of = (s3: string, env: Record<string, string>) =>
      withFiles({ 'main.tf': BACKEND + FIPS_AWS + BUCKET, 'aws-config': config(s3) }, async (dir) => {
        const file = path.join(dir, 'aws-config');
        const result = evaluateRule(rule, buildGraph([await loadHcl(dir, { env: { AWS_CONFIG_FILE: file, ...env } })]), REQUIRED)
          .filter((v) => v.status !== 'not-applicable')
          .map((v) => `${v.address} ${v.status}${v.status === 'pass' ? '' : `: ${v.message}`}`);
        return result.map((line) => line.split(file).join('<file>'));
      });
    expect(await of('https://s3.us-east-1.amazonaws.com', { AWS_PROFILE: 'ci' })).toEqual([
      expect.stringMatching(/^aws_s3_bucket\.data fail: `s3\.endpoint_url` of \[services ci-svc\] in the AWS config file <file>, the s3 endpoint of provider aws where its block sets none, is "https:\/\/s3\.us-east-1\.amazonaws\.com", not a FIPS endpoint: .* or remove it from that file\./),
      expect.stringMatching(/^terraform\.backend\.s3 fail: `s3\.endpoint_url` of \[services ci-svc\] in the AWS config file <file>, the s3 endpoint of the s3 backend where its block sets none, is "https:\/\/s3\.us-east-1\.amazonaws\.com", not a FIPS endpoint/),
    ]);
    expect(await of('https://s3-fips.us-east-1.amazonaws.com', { AWS_PROFILE: 'ci' })).toEqual(['aws_s3_bucket.data pass', expect.stringMatching(/ pass$/)]);
    expect(await of('https://s3-fips.us-east-1.amazonaws.com', { AWS_PROFILE: 'all' })).toEqual([
      expect.stringMatching(/^aws_s3_bucket\.data fail: `endpoint_url` of \[profile all\] in the AWS config file <file>, the endpoint of every service provider aws sets none for, is "https:\/\/gateway\.internal", not a FIPS endpoint: .* Remove `endpoint_url` from \[profile all\] of that file \(it gives every service one endpoint\)/),
      expect.stringMatching(/^terraform\.backend\.s3 fail: `endpoint_url` of \[profile all\] in the AWS config file <file>/),
    ]);
    await withFiles({ 'aws-config': config('https://s3.us-east-1.amazonaws.com') }, async (dir) => {
      const doc = { provider: { aws: [{ region: 'us-east-1', use_fips_endpoint: true }] }, resource: { aws_s3_bucket: { data: { bucket: 'data' } } } };
      const env = { AWS_CONFIG_FILE: path.join(dir, 'aws-config'), AWS_PROFILE: 'ci' };
      expect(findings(buildGraph([parseCdktfDocument(doc, 'cdktf.out/stacks/twinmaker-prod/cdk.tf.json', 'twinmaker-prod', env)]), PROD_ONLY)).toEqual([
        expect.stringMatching(/^aws_s3_bucket\.data fail: `s3\.endpoint_url` of \[services ci-svc\] in the AWS config file /),
      ]);
    });
  });

  it('cdk.tf.json of a stack named for a FIPS environment: the environment given at synth or check is judged', () => {
    const doc = { provider: { aws: [{ region: 'us-east-1', use_fips_endpoint: true }] }, resource: { aws_s3_bucket: { data: { bucket: 'data' } } } };
    const of = (env: Record<string, string>) => findings(buildGraph([parseCdktfDocument(doc, 'cdktf.out/stacks/twinmaker-prod/cdk.tf.json', 'twinmaker-prod', env)]), PROD_ONLY);
    expect(of({ AWS_ENDPOINT_URL_S3: 'https://s3.us-east-1.amazonaws.com' })).toEqual([
      expect.stringMatching(/^aws_s3_bucket\.data fail: `AWS_ENDPOINT_URL_S3` of the environment, the s3 endpoint of provider aws where its block sets none, .*stack twinmaker-prod is environment "prod"/),
    ]);
    expect(of({ AWS_ENDPOINT_URL_S3: 'https://s3-fips.us-east-1.amazonaws.com' })).toEqual(['aws_s3_bucket.data pass']);
  });

  it('a plan read with its code (--code) takes the environment of the check, as terraform planned in it; a plan file alone does not record it', async () => {
    const planned = parsePlanDocument(plan([res(Q, { name: 'q' })], { providers: aws({ region: { constant_value: 'us-east-1' }, use_fips_endpoint: { constant_value: true } }) }), 'plan.json');
    const env = { AWS_ENDPOINT_URL_SQS: 'https://sqs.us-east-1.amazonaws.com' };
    const withItsCode = (given?: Record<string, string>) => withFiles({ 'main.tf': FIPS_AWS + QUEUE }, async (dir) => findings(buildGraph([withCode(planned, await readCode(dir, planned, given))])));
    expect(await withItsCode(env)).toEqual([expect.stringMatching(/^aws_sqs_queue\.q fail: `AWS_ENDPOINT_URL_SQS` of the environment/)]);
    expect(await withItsCode()).toEqual([`${Q} pass`]);
    expect(findings(buildGraph([planned]))).toEqual([`${Q} pass`]);
  });

  it('check: the finding names the variable and shows the URL with its user and password starred and its path cut, in every format and in a child process; the same code passes without it', async () => {
    const env = { AWS_ENDPOINT_URL_SQS: 'https://deployer:Zq8xWv3pTr9Lm@sqs.us-east-1.amazonaws.com/q?X-Amz-Security-Token=FwoGZXIvYXdzEJr' };
    await withFiles({ 'main.tf': FIPS_AWS + QUEUE, 'twinguard.config.yaml': 'fips: true\n' }, async (dir) => {
      const args = (format: string) => ['check', dir, '--config', `${dir}/twinguard.config.yaml`, '--format', format];
      for (const format of FORMATS) {
        const run = await twinguard(args(format), { env });
        expect({ format, code: run.code }).toEqual({ format, code: 1 });
        expect(run.stdout).toContain('sqs.us-east-1.amazonaws.com');
        expect(run.stdout + run.stderr).not.toMatch(/deployer|Zq8xWv3pTr9Lm|FwoGZXIvYXdzEJr/);
      }
      const child = twinguardProcess(args('json'), { env });
      const fips = (run: { stdout: string }) => (JSON.parse(run.stdout).findings as { ruleId: string; address: string; status: string; message: string }[]).filter((f) => f.ruleId === 'provider-fips-endpoints');
      expect(fips(child).map((f) => `${f.address} ${f.status}`)).toEqual([`${Q} fail`]);
      expect(fips(child)[0].message).toMatch(/^`AWS_ENDPOINT_URL_SQS` of the environment, the sqs endpoint of provider aws where its block sets none, is "https:\/\/\*\*\*:\*\*\*@sqs\.us-east-1\.amazonaws\.com\/\.\.\.", not a FIPS endpoint/);
      expect(child.stdout + child.stderr).not.toMatch(/deployer|Zq8xWv3pTr9Lm|FwoGZXIvYXdzEJr/);
      expect(fips(twinguardProcess(args('json'), { env: { AWS_ENDPOINT_URL_SQS: undefined } }))).toEqual([]);
    });
  });
});

// README Known limits: the s3 state backend (and OpenTofu's aws_kms key provider) was not judged: with FIPS required, a
// backend with no use_fips_endpoint, or an endpoints.s3 / AWS_ENDPOINT_URL_S3 of no FIPS host, sent the state's S3,
// DynamoDB, IAM and STS calls to non-FIPS endpoints, and passed.
describe("provider-fips-endpoints: the state (the s3 backend, OpenTofu's aws_kms key provider)", () => {
  const BE = 'terraform.backend.s3';
  const KP = 'terraform.encryption.key_provider.aws_kms.k';
  const FIPS_AWS = 'provider "aws" {\n  region            = "us-east-1"\n  use_fips_endpoint = true\n}\n';
  const QUEUE = 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n';
  const Q = 'aws_sqs_queue.q';
  const s3 = (settings: string) => `terraform {\n  backend "s3" {\n    bucket = "tfstate"\n    key    = "k"\n${settings}  }\n}\n`;
  const FIPS_BACKEND = s3('    region            = "us-east-1"\n    use_fips_endpoint = true\n');
  /** The verdicts that are not not-applicable, `address status path`; a pass on the input as a whole is `input pass`. */
  const verdicts = (graph: ReturnType<typeof buildGraph>, settings: Partial<Settings> = REQUIRED) => {
    const inputs = new Set(graph.inputs.map((i) => i.input));
    return evaluateRule(rule, graph, settings)
      .filter((v) => v.status !== 'not-applicable')
      .map((v) => `${inputs.has(v.address) ? 'input' : v.address} ${v.status}${v.path ? ` ${v.path}` : ''}`);
  };
  const hclGraph = (main: string, env: Record<string, string> = {}) => withFiles({ 'main.tf': main }, async (dir) => buildGraph([await loadHcl(dir, { env })]));
  const tf = async (main: string, env: Record<string, string> = {}, settings: Partial<Settings> = REQUIRED) => verdicts(await hclGraph(main, env), settings);
  const messages = async (main: string, env: Record<string, string> = {}, address = BE) =>
    evaluateRule(rule, await hclGraph(main, env), REQUIRED)
      .filter((v) => v.address === address && v.status !== 'pass' && v.status !== 'not-applicable')
      .map((v) => v.message);

  it('.tf: a backend without use_fips_endpoint, or with an endpoints.s3 of no FIPS host (the reproducer), fails on terraform.backend.s3 beside a provider that passes; FIPS endpoints pass', async () => {
    const repro = s3('    region    = "us-east-1"\n    encrypt   = true\n    endpoints = { s3 = "https://s3.us-east-1.amazonaws.com" }\n');
    expect(await tf(repro + FIPS_AWS + QUEUE)).toEqual([`${Q} pass`, `${BE} fail use_fips_endpoint`, `${BE} fail endpoints.s3`]);
    expect(await messages(repro + FIPS_AWS + QUEUE)).toEqual([
      'the s3 backend does not set use_fips_endpoint = true: its S3, DynamoDB, IAM and STS calls, which carry the state, its lock and the credentials it is given, go to the default, non-FIPS endpoints. Set `use_fips_endpoint = true` in the backend block (AWS_USE_FIPS_ENDPOINT in the environment is invisible to the gate). (the configuration requires FIPS everywhere.)',
      expect.stringMatching(/^endpoints\.s3 of the s3 backend is "https:\/\/s3\.us-east-1\.amazonaws\.com", not a FIPS endpoint: the backend sends that service's calls to an endpoint it is given as written, ignoring use_fips_endpoint\. .*\(the configuration requires FIPS everywhere\.\)$/),
    ]);
    const fips = s3('    region            = "us-east-1"\n    use_fips_endpoint = true\n    endpoints = { s3 = "https://s3-fips.us-east-1.amazonaws.com", dynamodb = "" }\n');
    expect(await tf(fips + FIPS_AWS + QUEUE)).toEqual([`${Q} pass`, 'input pass']);
    // FIPS not required: not judged.
    expect(await tf(repro + FIPS_AWS + QUEUE, {}, {})).toEqual([]);
  });

  it(".tf: a provider or a backend that names no Region takes the environment's AWS_REGION (else AWS_DEFAULT_REGION), judged as a Region written; one written wins", async () => {
    const NO_REGION = 'provider "aws" {\n  use_fips_endpoint = true\n}\n';
    const BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n';
    expect(await tf(NO_REGION + BUCKET, { AWS_REGION: 'eu-west-1' })).toEqual(['aws_s3_bucket.b fail']);
    expect(await tf(NO_REGION + BUCKET, { AWS_DEFAULT_REGION: 'eu-west-1' })).toEqual(['aws_s3_bucket.b fail']);
    expect(await tf(NO_REGION + BUCKET, { AWS_REGION: 'us-west-1', AWS_DEFAULT_REGION: 'eu-west-1' })).toEqual(['aws_s3_bucket.b pass']);
    expect(await tf(NO_REGION + BUCKET)).toEqual(['aws_s3_bucket.b pass']);
    expect(await tf(FIPS_AWS + BUCKET, { AWS_REGION: 'eu-west-1' })).toEqual(['aws_s3_bucket.b pass']);
    const unnamed = s3('    use_fips_endpoint = true\n');
    expect(await tf(unnamed + FIPS_AWS, { AWS_REGION: 'eu-west-1' })).toEqual([`${BE} fail region`]);
    expect(await messages(unnamed + FIPS_AWS, { AWS_REGION: 'eu-west-1' })).toEqual([expect.stringMatching(/^the s3 backend keeps the state in Region eu-west-1 \(AWS_REGION or AWS_DEFAULT_REGION of the environment\), where S3 has no FIPS endpoint/)]);
    expect(await tf(FIPS_BACKEND + FIPS_AWS, { AWS_REGION: 'eu-west-1' })).toEqual(['input pass']);
  });

  // README Known limits: an aws provider with no Region where the environment named none was not judged for its Region,
  // though it takes the region of the AWS shared config file's profile it reads (an S3 bucket in eu-west-1 passed).
  it(".tf: an aws provider that names no Region, where the environment names none either, takes the region of the shared config file's profile it reads; the s3 backend does not (terraform refuses it without one: hashicorp/terraform #29254)", async () => {
    const config = '[default]\nregion = eu-west-1\n[profile east]\nregion = us-east-1\n';
    const withConfig = (main: string, env: Record<string, string> = {}) =>
      withFiles({ 'main.tf': main, 'aws-config': config }, async (dir) => verdicts(buildGraph([await loadHcl(dir, { env: { AWS_CONFIG_FILE: path.join(dir, 'aws-config'), ...env } })])));
    const provider = (settings: string) => `variable "p" {}\nprovider "aws" {\n  use_fips_endpoint = true\n${settings}}\n`;
    const BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n';
    expect(await withConfig(provider('') + BUCKET)).toEqual(['aws_s3_bucket.b fail']);
    expect(await withConfig(provider('') + BUCKET, { AWS_PROFILE: 'east' })).toEqual(['aws_s3_bucket.b pass']);
    // AWS_DEFAULT_PROFILE where AWS_PROFILE is not set, as the AWS SDK for Go v2 reads them; AWS_PROFILE first.
    expect(await withConfig(provider('') + BUCKET, { AWS_DEFAULT_PROFILE: 'east' })).toEqual(['aws_s3_bucket.b pass']);
    expect(await withConfig(provider('') + BUCKET, { AWS_PROFILE: 'default', AWS_DEFAULT_PROFILE: 'east' })).toEqual(['aws_s3_bucket.b fail']);
    expect(await withConfig(provider('  profile = "east"\n') + BUCKET)).toEqual(['aws_s3_bucket.b pass']);
    expect(await withConfig(provider('  profile = "default"\n') + BUCKET, { AWS_PROFILE: 'east' })).toEqual(['aws_s3_bucket.b fail']);
    // The environment's Region and the provider's own come first; a profile the input does not fix gives no Region known.
    expect(await withConfig(provider('') + BUCKET, { AWS_REGION: 'us-east-1' })).toEqual(['aws_s3_bucket.b pass']);
    expect(await withConfig(provider('  region = "us-east-1"\n') + BUCKET)).toEqual(['aws_s3_bucket.b pass']);
    expect(await withConfig(provider('  profile = var.p\n') + BUCKET)).toEqual(['aws_s3_bucket.b pass']);
    // Resources no provider block configures: the default configuration reads the profile too.
    expect(await withConfig(BUCKET)).toEqual(['aws_s3_bucket.b fail', 'aws_s3_bucket.b fail']);
    expect(await withConfig(s3('    use_fips_endpoint = true\n') + FIPS_AWS)).toEqual(['input pass']);
  });

  // README Known limits: a block that sets shared_config_files reads the files it names, not the environment's; that
  // file's profile still gave it a Region and its ignore_configured_endpoint_urls = true dropped AWS_ENDPOINT_URL for it.
  // README Known limits: a block's shared_config_files were not read, so an aws provider that names none took no
  // Region from them (its resources not judged for it), nor the shared credentials file's region, which the AWS SDK for Go v2
  // takes over the config file's (mergeStringKey).
  it(".tf, cdk.tf.json: an aws provider with no Region takes the profile's region from the files its shared_config_files and shared_credentials_files name, the credentials file's over the config file's; one the input does not fix gives none", async () => {
    const withConfig = (main: (dir: string) => string, files: Record<string, string>, env: (dir: string) => Record<string, string> = () => ({})) =>
      withFiles({ 'aws-config': '[default]\nregion = us-east-1\n', ...files }, async (dir) => {
        fs.writeFileSync(path.join(dir, 'main.tf'), main(dir));
        return verdicts(buildGraph([await loadHcl(dir, { env: { AWS_CONFIG_FILE: path.join(dir, 'aws-config'), ...env(dir) } })]));
      });
    const BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n';
    const noRegion = (settings: string) => `variable "files" {}\nprovider "aws" {\n  use_fips_endpoint = true\n${settings}}\n${BUCKET}`;
    const west = '[default]\nregion = eu-west-1\n';
    expect(await withConfig(() => noRegion(''), {})).toEqual(['aws_s3_bucket.b pass']);
    expect(await withConfig((dir) => noRegion(`  shared_config_files = ["${dir}/west"]\n`), { west })).toEqual(['aws_s3_bucket.b fail']);
    expect(await withConfig(() => noRegion('  shared_config_files = var.files\n'), { 'aws-config': west })).toEqual(['aws_s3_bucket.b pass']);
    // The credentials file's region wins over the config file's, the environment's and a block's alike.
    expect(await withConfig(() => noRegion(''), { credentials: west }, (dir) => ({ AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials') }))).toEqual(['aws_s3_bucket.b fail']);
    expect(await withConfig((dir) => noRegion(`  shared_credentials_files = ["${dir}/west"]\n`), { west })).toEqual(['aws_s3_bucket.b fail']);
    // AWS_REGION still comes first.
    expect(await withConfig((dir) => noRegion(`  shared_config_files = ["${dir}/west"]\n`), { west }, () => ({ AWS_REGION: 'us-east-1' }))).toEqual(['aws_s3_bucket.b pass']);
    await withFiles({ west }, async (dir) => {
      const doc = { provider: { aws: [{ use_fips_endpoint: true, shared_config_files: [path.join(dir, 'west')] }] }, resource: { aws_s3_bucket: { data: { bucket: 'data' } } } };
      expect(verdicts(buildGraph([parseCdktfDocument(doc, 'cdk.tf.json', undefined, { AWS_CONFIG_FILE: '/dev/null' })]))).toEqual(['aws_s3_bucket.data fail']);
    });
  });

  it(".tf, cdk.tf.json: the ignore_configured_endpoint_urls of the files a block names drops AWS_ENDPOINT_URL at no FIPS host for it; the environment's file's does not", async () => {
    const quiet = '[default]\nignore_configured_endpoint_urls = true\n';
    const gateway = { AWS_ENDPOINT_URL: 'https://gateway.internal' };
    const BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n';
    const blocks = (settings: string) =>
      s3(`    region            = "us-east-1"\n    use_fips_endpoint = true\n  ${settings}`) + `provider "aws" {\n  region            = "us-east-1"\n  use_fips_endpoint = true\n${settings}}\n` + BUCKET;
    const of = (main: (dir: string) => string, env: Record<string, string>, files: Record<string, string>) =>
      withFiles({ 'aws-config': '', ...files }, async (dir) => {
        fs.writeFileSync(path.join(dir, 'main.tf'), main(dir));
        return verdicts(buildGraph([await loadHcl(dir, { env: { AWS_CONFIG_FILE: path.join(dir, 'aws-config'), ...env } })]));
      });
    expect(await of(() => blocks(''), gateway, {})).toEqual(['aws_s3_bucket.b fail', `${BE} fail endpoints`]);
    expect(await of((dir) => blocks(`  shared_config_files = ["${dir}/quiet"]\n`), gateway, { quiet })).toEqual(['aws_s3_bucket.b pass', 'input pass']);
    expect(await of((dir) => blocks(`  shared_config_files = ["${dir}/loud"]\n`), gateway, { 'aws-config': quiet, loud: '[default]\nregion = us-east-1\n' })).toEqual(['aws_s3_bucket.b fail', `${BE} fail endpoints`]);
    await withFiles({ quiet }, async (dir) => {
      const doc = (files: Record<string, unknown>) => ({ provider: { aws: [{ region: 'us-east-1', use_fips_endpoint: true, ...files }] }, resource: { aws_s3_bucket: { data: { bucket: 'data' } } } });
      const cdktf = (files: Record<string, unknown>) => verdicts(buildGraph([parseCdktfDocument(doc(files), 'cdk.tf.json', undefined, { AWS_CONFIG_FILE: '/dev/null', ...gateway })]));
      expect(cdktf({})).toEqual(['aws_s3_bucket.data fail']);
      expect(cdktf({ shared_config_files: [path.join(dir, 'quiet')] })).toEqual(['aws_s3_bucket.data pass']);
      // A relative path, in a stack checked before cdktf writes it, names no directory: the list is not fixed, the flag not taken.
      expect(cdktf({ shared_config_files: ['quiet'] })).toEqual(['aws_s3_bucket.data fail']);
    });
  });

  it('.tf: a backend endpoint written with no scheme is judged by its host: OpenTofu gives it https://, Terraform sends nothing to it', async () => {
    const bare = (host: string) => s3(`    region            = "us-east-1"\n    use_fips_endpoint = true\n    endpoints = { s3 = "${host}" }\n`);
    expect(await tf(bare('s3-fips.us-east-1.amazonaws.com') + FIPS_AWS)).toEqual(['input pass']);
    expect(await tf(bare('s3.us-east-1.amazonaws.com') + FIPS_AWS)).toEqual([`${BE} fail endpoints.s3`]);
    expect(await messages(bare('s3.us-east-1.amazonaws.com') + FIPS_AWS)).toEqual([expect.stringMatching(/^endpoints\.s3 of the s3 backend is "s3\.us-east-1\.amazonaws\.com", not a FIPS endpoint/)]);
    expect(await tf(FIPS_BACKEND + FIPS_AWS, { AWS_ENDPOINT_URL_S3: 's3-fips.us-east-1.amazonaws.com' })).toEqual(['input pass']);
  });

  it('.tf: the deprecated endpoint settings are judged as endpoints entries are; http:// fails whatever the host', async () => {
    const deprecated = s3('    region            = "us-east-1"\n    use_fips_endpoint = true\n    endpoint          = "https://s3.us-east-1.amazonaws.com"\n    dynamodb_endpoint = "http://dynamodb-fips.us-east-1.amazonaws.com"\n    sts_endpoint      = "https://sts-fips.us-east-1.amazonaws.com"\n');
    expect(await tf(deprecated + FIPS_AWS + QUEUE)).toEqual([`${Q} pass`, `${BE} fail endpoint`, `${BE} fail dynamodb_endpoint`]);
    expect(await messages(deprecated + FIPS_AWS + QUEUE)).toEqual([
      expect.stringMatching(/^`endpoint` of the s3 backend is "https:\/\/s3\.us-east-1\.amazonaws\.com", not a FIPS endpoint/),
      expect.stringMatching(/^`dynamodb_endpoint` of the s3 backend is "http:\/\/dynamodb-fips\.us-east-1\.amazonaws\.com", not an https:\/\/ URL: the backend would send that service's API calls without TLS/),
    ]);
  });

  it('.tf: an endpoint the environment gives the backend (AWS_ENDPOINT_URL_S3, AWS_DYNAMODB_ENDPOINT, AWS_ENDPOINT_URL) at no FIPS host fails, naming the variable, its user and password starred; the code wins; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS drops only AWS_ENDPOINT_URL', async () => {
    const main = FIPS_BACKEND + FIPS_AWS + QUEUE;
    expect(await tf(main, { AWS_ENDPOINT_URL_S3: 'https://deployer:Zq8xWv3pTr9Lm@s3.us-east-1.amazonaws.com' })).toEqual([`${Q} fail`, `${BE} fail endpoints.s3`]);
    const [message] = await messages(main, { AWS_ENDPOINT_URL_S3: 'https://deployer:Zq8xWv3pTr9Lm@s3.us-east-1.amazonaws.com' });
    expect(message).toMatch(/^`AWS_ENDPOINT_URL_S3` of the environment, the s3 endpoint of the s3 backend where its block sets none, is "https:\/\/\*\*\*:\*\*\*@s3\.us-east-1\.amazonaws\.com", not a FIPS endpoint: the backend sends that service's calls to an endpoint it is given as written, ignoring use_fips_endpoint\. Give `AWS_ENDPOINT_URL_S3` the https:\/\/ FIPS endpoint/);
    expect(message).not.toMatch(/deployer|Zq8xWv3pTr9Lm/);
    // The aws provider reads the deprecated variable too.
    expect(await tf(main, { AWS_DYNAMODB_ENDPOINT: 'https://dynamodb.us-east-1.amazonaws.com' })).toEqual([`${Q} fail`, `${BE} fail endpoints.dynamodb`]);
    expect(await messages(main, { AWS_ENDPOINT_URL: 'https://localstack:4566' })).toEqual([
      expect.stringMatching(/^`AWS_ENDPOINT_URL` of the environment, the endpoint of every service the s3 backend sets none for, is "https:\/\/localstack:4566", not a FIPS endpoint: .* or write each service's https:\/\/ FIPS endpoint in the backend block\./),
    ]);
    const written = s3('    region            = "us-east-1"\n    use_fips_endpoint = true\n    endpoints = { s3 = "https://s3-fips.us-east-1.amazonaws.com" }\n');
    expect(await tf(written + FIPS_AWS, { AWS_ENDPOINT_URL_S3: 'https://s3.us-east-1.amazonaws.com' })).toEqual(['input pass']);
    // The s3 backend reads its own variables whatever the flag says (as `terraform init` shows); AWS_ENDPOINT_URL it drops.
    expect(await tf(FIPS_BACKEND + FIPS_AWS, { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL_S3: 'https://s3.us-east-1.amazonaws.com', AWS_ENDPOINT_URL: 'https://localstack:4566' })).toEqual([`${BE} fail endpoints.s3`]);
    expect(await tf(FIPS_BACKEND + FIPS_AWS, { AWS_ENDPOINT_URL_S3: 'https://s3-fips.us-east-1.amazonaws.com' })).toEqual(['input pass']);
  });

  it('.tf: a Region without S3 FIPS endpoints fails on region; use_fips_endpoint from a value the code does not fix is unknown; a block completed at init (no bucket) is unknown', async () => {
    expect(await tf(s3('    region            = "eu-west-1"\n    use_fips_endpoint = true\n') + FIPS_AWS)).toEqual([`${BE} fail region`]);
    expect(await messages(s3('    region            = "eu-west-1"\n    use_fips_endpoint = true\n') + FIPS_AWS)).toEqual([
      expect.stringMatching(/^the s3 backend keeps the state in Region eu-west-1, where S3 has no FIPS endpoint: .* \(us-east-1, us-east-2, us-west-1, us-west-2, ca-central-1, us-gov-east-1, us-gov-west-1\)\./),
    ]);
    expect(await tf(s3('    region            = "us-gov-west-1"\n    use_fips_endpoint = true\n') + FIPS_AWS)).toEqual(['input pass']);
    // OpenTofu evaluates a backend's variables at init: one with no value is not known.
    expect(await tf(`variable "fips" {\n  type = bool\n}\n${s3('    region            = "us-east-1"\n    use_fips_endpoint = var.fips\n')}${FIPS_AWS}`)).toEqual([`${BE} unknown use_fips_endpoint`]);
    expect(await tf(`terraform {\n  backend "s3" {}\n}\n${FIPS_AWS}`)).toEqual([`${BE} unknown use_fips_endpoint`]);
    expect(await messages(`terraform {\n  backend "s3" {}\n}\n${FIPS_AWS}`)).toEqual([expect.stringMatching(/^the s3 backend is configured partly at `terraform init` \(`-backend-config`; the block names no bucket\), so the gate cannot see whether it sets use_fips_endpoint = true\./)]);
  });

  it("the backend's environment is its input's: a stack named for a FIPS environment, or the Environment tag of the root module's default aws provider, resources or not; another backend type is not judged", async () => {
    const tagged = (environment: string) => `provider "aws" {\n  region            = "us-east-1"\n  use_fips_endpoint = true\n  default_tags {\n    tags = { Environment = ${environment} }\n  }\n}\n`;
    const bare = s3('    region = "us-east-1"\n');
    // No resource at all: the backend is judged still.
    expect(await tf(bare + tagged('"prod"'), {}, PROD_ONLY)).toEqual([`${BE} fail use_fips_endpoint`]);
    expect(evaluateRule(rule, await hclGraph(bare + tagged('"prod"')), PROD_ONLY).find((v) => v.address === BE)?.message).toMatch(/\(environment "prod" \(default_tags of provider aws\) requires FIPS\.\)$/);
    expect(await tf(bare + tagged('"dev"'), {}, PROD_ONLY)).toEqual([]);
    expect(await tf(`variable "env" {\n  type = string\n}\n${bare}${tagged('var.env')}`, {}, PROD_ONLY)).toEqual([`${BE} unknown use_fips_endpoint`]);
    expect(await tf(`terraform {\n  backend "gcs" {\n    bucket = "tfstate"\n  }\n}\n${FIPS_AWS}`)).toEqual([]);
    const stack = (name: string, backend: Record<string, unknown>) =>
      verdicts(buildGraph([parseCdktfDocument({ terraform: { backend: { s3: backend } }, provider: { aws: [{ region: 'us-east-1', use_fips_endpoint: true }] } }, `cdktf.out/stacks/${name}/cdk.tf.json`, name)]), PROD_ONLY);
    expect(stack('twinmaker-prod', { bucket: 'tfstate', key: 'k', region: 'us-east-1' })).toEqual([`${BE} fail use_fips_endpoint`]);
    expect(stack('twinmaker-prod', { bucket: 'tfstate', key: 'k', region: 'us-east-1', use_fips_endpoint: true })).toEqual(['input pass']);
    expect(stack('twinmaker-dev', { bucket: 'tfstate', key: 'k', region: 'us-east-1' })).toEqual([]);
  });

  it('the gate: the s3 backend terraform init recorded is judged (its -backend-config values included); a plan file alone records none', () => {
    const planned = parsePlanDocument(plan([res(Q, { name: 'q' })], { providers: aws({ region: { constant_value: 'us-east-1' }, use_fips_endpoint: { constant_value: true } }) }), 'plan.json');
    const recorded = (config: Record<string, unknown>) => verdicts(buildGraph([{ ...planned, backend: { type: 's3', settings: new ValueView(config), origin: 'init' } }]));
    expect(recorded({ bucket: 'tfstate', key: 'k', region: 'us-east-1', use_fips_endpoint: null, endpoints: null, endpoint: null })).toEqual([`${Q} pass`, `${BE} fail use_fips_endpoint`]);
    expect(recorded({ bucket: 'tfstate', key: 'k', region: 'us-east-1', use_fips_endpoint: true, endpoints: { s3: null, dynamodb: null, iam: null, sso: null, sts: null }, endpoint: null })).toEqual([`${Q} pass`, 'input pass']);
    expect(verdicts(buildGraph([planned]))).toEqual([`${Q} pass`]);
  });

  it("OpenTofu's aws_kms key provider, which fetches the state's key: without use_fips_endpoint, with an endpoints block or AWS_ENDPOINT_URL_KMS of no FIPS host, it fails on the key provider; in .tf and a plan read with its code", async () => {
    const encryption = (settings: string) =>
      `terraform {\n  encryption {\n    key_provider "aws_kms" "k" {\n      kms_key_id = "alias/tfstate"\n      key_spec   = "AES_256"\n      region     = "us-east-1"\n${settings}    }\n    method "aes_gcm" "m" {\n      keys = key_provider.aws_kms.k\n    }\n    state {\n      method = method.aes_gcm.m\n    }\n  }\n}\n`;
    expect(await tf(encryption('') + FIPS_AWS + QUEUE)).toEqual([`${Q} pass`, `${KP} fail use_fips_endpoint`]);
    expect(await messages(encryption('') + FIPS_AWS, {}, KP)).toEqual([
      'the aws_kms key provider `terraform.encryption.key_provider.aws_kms.k` does not set use_fips_endpoint = true: its KMS, IAM and STS calls, which fetch the key the state is encrypted with, go to the default, non-FIPS endpoints. Set `use_fips_endpoint = true` in the key provider block (AWS_USE_FIPS_ENDPOINT in the environment is invisible to the gate). (the configuration requires FIPS everywhere.)',
    ]);
    const fips = encryption('      use_fips_endpoint = true\n');
    expect(await tf(fips + FIPS_AWS)).toEqual(['input pass']);
    expect(await tf(encryption('      use_fips_endpoint = true\n      endpoints {\n        sts = "https://sts.us-east-1.amazonaws.com"\n      }\n') + FIPS_AWS)).toEqual([`${KP} fail endpoints.sts`]);
    expect(await tf(fips + FIPS_AWS, { AWS_ENDPOINT_URL_KMS: 'https://kms.us-east-1.amazonaws.com' })).toEqual([`${KP} fail endpoints.kms`]);
    expect(await tf(fips + FIPS_AWS, { AWS_ENDPOINT_URL_KMS: 'https://kms-fips.us-east-1.amazonaws.com' })).toEqual(['input pass']);
    // Its KMS client, on the AWS SDK, drops AWS_ENDPOINT_URL_KMS where the configured endpoints are ignored (it was judged
    // all the same); IAM and STS, read as the s3 backend reads them, it keeps.
    const ignored = { AWS_ENDPOINT_URL_KMS: 'https://kms.us-east-1.amazonaws.com', AWS_ENDPOINT_URL_STS: 'https://sts.us-east-1.amazonaws.com' };
    expect(await tf(fips + FIPS_AWS, { ...ignored, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })).toEqual([`${KP} fail endpoints.sts`]);
    expect(await tf(fips + FIPS_AWS, { ...ignored, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' })).toEqual([`${KP} fail endpoints.kms`, `${KP} fail endpoints.sts`]);
    // A plan records no state encryption; read with its code (--code), the key provider is judged.
    const planned = parsePlanDocument(plan([res(Q, { name: 'q' })], { providers: aws({ region: { constant_value: 'us-east-1' }, use_fips_endpoint: { constant_value: true } }) }), 'plan.json');
    const withItsCode = (main: string) => withFiles({ 'main.tf': main }, async (dir) => verdicts(buildGraph([withCode(planned, await readCode(dir, planned))])));
    expect(await withItsCode(encryption('') + FIPS_AWS + QUEUE)).toEqual([`${Q} pass`, `${KP} fail use_fips_endpoint`]);
    expect(await withItsCode(fips + FIPS_AWS + QUEUE)).toEqual([`${Q} pass`, 'input pass']);
  });

  it("OpenTofu's aws_kms key providers no method names are not judged: OpenTofu sets them up for nothing; one a used key provider's chain names is; a keys the gate cannot read leaves every one judged", async () => {
    const kms = (name: string, settings: string) => `    key_provider "aws_kms" "${name}" {\n      kms_key_id = "alias/${name}"\n      key_spec   = "AES_256"\n      region     = "us-east-1"\n${settings}    }\n`;
    const encryption = (body: string, keys: string) => `terraform {\n  encryption {\n${body}    method "aes_gcm" "m" {\n      keys = ${keys}\n    }\n    state {\n      method = method.aes_gcm.m\n    }\n  }\n}\n`;
    const SPARE = 'terraform.encryption.key_provider.aws_kms.spare';
    const both = kms('k', '      use_fips_endpoint = true\n') + kms('spare', '');
    expect(await tf(encryption(both, 'key_provider.aws_kms.k') + FIPS_AWS)).toEqual(['input pass']);
    // pbkdf2 chained to the key provider without FIPS: OpenTofu fetches that key from KMS first.
    const chained = both + '    key_provider "pbkdf2" "p" {\n      passphrase = var.passphrase\n      chain      = key_provider.aws_kms.spare\n    }\n';
    expect(await tf(encryption(chained, 'key_provider.pbkdf2.p') + FIPS_AWS)).toEqual([`${SPARE} fail use_fips_endpoint`]);
    // Fail closed: a keys that names no key provider the gate can read.
    expect(await tf(encryption(both, 'var.keys') + FIPS_AWS)).toEqual([`${SPARE} fail use_fips_endpoint`]);
  });

  it('check: exit 1 with the finding on terraform.backend.s3 at its line, in every format, the URL the environment gives starred; exit 0 with use_fips_endpoint and no such variable', async () => {
    const env = { AWS_ENDPOINT_URL_S3: 'https://deployer:Zq8xWv3pTr9Lm@s3.us-east-1.amazonaws.com' };
    const tags = '  default_tags {\n    tags = { Environment = "prod", Owner = "ops", DataClassification = "internal" }\n  }\n';
    const provider = `provider "aws" {\n  region            = "us-east-1"\n  use_fips_endpoint = true\n${tags}}\n`;
    const backend = s3('    region            = "us-east-1"\n    encrypt           = true\n    use_fips_endpoint = true\n');
    await withFiles({ 'main.tf': backend + provider, 'twinguard.config.yaml': 'fips: true\n' }, async (dir) => {
      const args = (format: string) => ['check', dir, '--config', `${dir}/twinguard.config.yaml`, '--format', format];
      for (const format of FORMATS) {
        const run = await twinguard(args(format), { env });
        expect({ format, code: run.code }).toEqual({ format, code: 1 });
        expect(run.stdout + run.stderr).not.toMatch(/deployer|Zq8xWv3pTr9Lm/);
      }
      const json = await twinguard(args('json'), { env });
      const found = (JSON.parse(json.stdout).findings as { ruleId: string; address: string; path: string; line: number; message: string }[]).filter((f) => f.ruleId === 'provider-fips-endpoints');
      expect(found.map((f) => `${f.address} ${f.path} line ${f.line}`)).toEqual([`${BE} endpoints.s3 line 2`]);
      expect(found[0].message).toMatch(/^`AWS_ENDPOINT_URL_S3` of the environment, the s3 endpoint of the s3 backend where its block sets none, is "https:\/\/\*\*\*:\*\*\*@s3\.us-east-1\.amazonaws\.com"/);
      expect((await twinguard(args('json'), { env: { AWS_ENDPOINT_URL_S3: undefined } })).code).toBe(0);
    });
  });
});
