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
