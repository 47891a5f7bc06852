import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HttpBackend, S3Backend, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AwsccProvider } from '../../../stacks/providers/awscc/provider';
import rule from '../../../checks/rules/encryption-in-transit/provider-tls-verified';
import { loadCdktf, parseCdktfDocument } from '../../../checks/model/cdktf';
import { buildGraph } from '../../../checks/model/graph';
import { initializedBackend } from '../../../checks/model/backend';
import { readCode, withCode } from '../../../checks/model/code-sources';
import { loadHcl } from '../../../checks/model/hcl';
import { parsePlanDocument } from '../../../checks/model/plan';
import { runRules } from '../../../checks/engine';
import { DEFAULT_SETTINGS } from '../../../checks/settings';
import { ValueView } from '../../../checks/model/value';
import { evaluateRule, ruleTable } from '../../helpers/rule-table';
import { plan, res } from '../../helpers/plan-builder';
import { awsProvider } from '../tagging/fixtures';
import { twinguard, withFiles } from '../../cli/run';
import { FORMATS } from '../../../checks/check';
import { loadPlanFile } from '../../../checks/model/plan';
import { describeWithShared, REAL_PLANS_DIR } from '../../helpers/shared';

const INSECURE = { insecure: { constant_value: true } };

// provider-tls-verified on plans: a plan records each provider block's expressions, not its values.
ruleTable(rule, [
  {
    name: 'compliant: insecure absent or false',
    plan: plan([res('aws_s3_bucket.a', { bucket: 'a' })], {
      providers: { ...awsProvider(undefined, { region: { constant_value: 'eu-west-1' } }), ...awsProvider(undefined, { insecure: { constant_value: false } }, 'awscc') },
    }),
    expect: { 'plan.json': 'pass' },
  },
  {
    name: 'fail: insecure = true, on the provider block, once for the block however many resources it manages',
    plan: plan([res('aws_s3_bucket.a', { bucket: 'a' }), res('aws_s3_bucket.b', { bucket: 'b' })], { providers: awsProvider(undefined, INSECURE) }),
    expect: { 'provider.aws': 'fail' },
    message: /^provider\.aws sets `insecure = true`: it does not verify the TLS certificate/,
  },
  {
    name: 'fail: an aliased aws provider that manages nothing, and the awscc provider',
    plan: plan([res('awscc_iottwinmaker_workspace.ws', { workspace_id: 'ws' })], {
      providers: { ...awsProvider(), ...awsProvider(undefined, INSECURE, 'aws.east'), ...awsProvider(undefined, { insecure: { constant_value: 'true' } }, 'awscc') },
    }),
    expect: { 'provider.aws.east': 'fail', 'provider.awscc': 'fail' },
  },
  {
    name: 'fail: a provider block inside a module',
    plan: plan([res('module.app.aws_s3_bucket.a', { bucket: 'a' })], { providers: { 'module.app:aws': { name: 'aws', module_address: 'module.app', expressions: INSECURE } } }),
    expect: { 'module.app.provider.aws': 'fail' },
  },
  {
    name: 'unknown at plan: insecure from a variable (the plan records the reference, not the value)',
    plan: plan([res('aws_s3_bucket.a', { bucket: 'a' })], { providers: awsProvider(undefined, { insecure: { references: ['var.skip_tls'] } }) }),
    expect: { 'provider.aws': 'unknown' },
    message: /sets `insecure` from a value the input does not fix/,
  },
  {
    name: 'not applicable: no aws or awscc provider (another provider\'s insecure is not judged here)',
    plan: plan([res('google_storage_bucket.g', { name: 'g' }, { provider: 'google' })], { providers: { google: { name: 'google', expressions: INSECURE } } }),
    expect: { 'plan.json': 'not-applicable' },
  },
]);

const INPUT = 'cdk.tf.json';
const verdictsOf = (document: Record<string, unknown>) =>
  evaluateRule(rule, buildGraph([parseCdktfDocument(document, INPUT)])).map((v) => `${v.address} ${v.status}${v.path ? ` ${v.path}` : ''}`);

describe('cdk.tf.json', () => {
  const synthesized = (configure: (s: TerraformStack) => void) => {
    const s = new TerraformStack(Testing.app(), 'twin');
    configure(s);
    return JSON.parse(Testing.synth(s)) as Record<string, unknown>;
  };

  it('an AwsProvider or AwsccProvider with insecure: true fails; without it passes', () => {
    expect(verdictsOf(synthesized((s) => new AwsProvider(s, 'aws', { region: 'eu-west-1', insecure: true })))).toEqual(['provider.aws fail insecure']);
    expect(verdictsOf(synthesized((s) => new AwsccProvider(s, 'awscc', { region: 'eu-west-1', insecure: true })))).toEqual(['provider.awscc fail insecure']);
    expect(verdictsOf(synthesized((s) => new AwsProvider(s, 'aws', { region: 'eu-west-1' })))).toEqual([`${INPUT} pass`]);
  });

  it('an S3Backend with insecure: true, and an HttpBackend with skipCertVerification, fail on the backend', () => {
    expect(verdictsOf(synthesized((s) => new S3Backend(s, { bucket: 'tfstate', key: 'k', encrypt: true, insecure: true })))).toEqual(['terraform.backend.s3 fail insecure']);
    expect(verdictsOf(synthesized((s) => new HttpBackend(s, { address: 'https://state.example.com/twin', skipCertVerification: true })))).toEqual([
      'terraform.backend.http fail skip_cert_verification',
    ]);
    expect(verdictsOf(synthesized((s) => new S3Backend(s, { bucket: 'tfstate', key: 'k', encrypt: true })))).toEqual([`${INPUT} pass`]);
  });

  it('an HttpBackend over plain http:// fails on each address that names it (it passed: only skip_cert_verification was read); https:// passes', () => {
    const http = (address: string, lock?: string) => synthesized((s) => new HttpBackend(s, { address, ...(lock ? { lockAddress: lock, unlockAddress: lock } : {}) }));
    expect(verdictsOf(http('http://state.example.com/twin', 'http://state.example.com/twin/lock'))).toEqual([
      'terraform.backend.http fail address',
      'terraform.backend.http fail lock_address',
      'terraform.backend.http fail unlock_address',
    ]);
    expect(verdictsOf(http('HTTP://state.example.com/twin', 'https://state.example.com/twin/lock'))).toEqual(['terraform.backend.http fail address']);
    expect(verdictsOf(http('https://state.example.com/twin', 'https://state.example.com/twin/lock'))).toEqual([`${INPUT} pass`]);
    const graph = buildGraph([parseCdktfDocument(http('http://state.example.com/twin'), INPUT)]);
    expect(evaluateRule(rule, graph)[0].message).toMatch(/^The http backend calls its state server over plain `http:\/\/` \(`address`\): the state, every secret of the configuration in clear/);
  });

  // Review r1 (httpbe): an http backend block with no address (given at init) gave no finding.
  it('an HttpBackend with no address (given at init) is unknown on `address`; TF_HTTP_ADDRESS of the environment is judged by its scheme instead', () => {
    expect(verdictsOf({ terraform: { backend: { http: {} } } })).toEqual(['terraform.backend.http unknown address']);
    const withEnvironment = (env: Record<string, string>) =>
      evaluateRule(rule, buildGraph([parseCdktfDocument({ terraform: { backend: { http: {} } } }, INPUT, undefined, env)])).map((v) => `${v.address} ${v.status}${v.path ? ` ${v.path}` : ''}`);
    expect(withEnvironment({ TF_HTTP_ADDRESS: 'http://state.example.com/twin' })).toEqual(['terraform.backend.http fail address']);
    expect(withEnvironment({ TF_HTTP_ADDRESS: 'https://state.example.com/twin' })).toEqual([`${INPUT} pass`]);
    expect(withEnvironment({ TF_HTTP_ADDRESS: '' })).toEqual(['terraform.backend.http unknown address']);
  });

  it('a kubernetes backend with insecure fails; a backend with no such setting is not applicable', () => {
    expect(verdictsOf({ terraform: { backend: { kubernetes: { secret_suffix: 'state', insecure: true } } } })).toEqual(['terraform.backend.kubernetes fail insecure']);
    expect(verdictsOf({ terraform: { backend: { gcs: { bucket: 'tfstate' } } } })).toEqual([`${INPUT} not-applicable`]);
  });

  it('insecure from a variable the document does not fix is unknown, not a pass', () => {
    expect(verdictsOf({ variable: { skip_tls: {} }, provider: { aws: [{ insecure: '${var.skip_tls}' }] } })).toEqual(['provider.aws unknown insecure']);
  });
});

describe('.tf and the backend terraform init recorded', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  const tfDir = (main: string): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-tls-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'main.tf'), main);
    return dir;
  };
  const tfVerdicts = async (main: string) => evaluateRule(rule, buildGraph([await loadHcl(tfDir(main))])).map((v) => `${v.address} ${v.status}${v.path ? ` ${v.path}` : ''}`);

  it('.tf: insecure from a variable the code fixes is evaluated; the s3 backend block is judged', async () => {
    const provider = (value: string) => `variable "skip_tls" {\n  default = ${value}\n}\nprovider "aws" {\n  region   = "eu-west-1"\n  insecure = var.skip_tls\n}\n`;
    expect(await tfVerdicts(provider('true'))).toEqual(['provider.aws fail insecure']);
    expect(await tfVerdicts(provider('false'))).toEqual([expect.stringMatching(/ pass$/)]);
    expect(await tfVerdicts('terraform {\n  backend "s3" {\n    bucket   = "tfstate"\n    key      = "k"\n    insecure = true\n  }\n}\nprovider "aws" {\n  alias    = "east"\n  insecure = true\n}\n')).toEqual([
      'provider.aws.east fail insecure',
      'terraform.backend.s3 fail insecure',
    ]);
  });

  it('.tf: an http backend block over plain http:// fails on the backend', async () => {
    const backend = (address: string) => `terraform {\n  backend "http" {\n    address = "${address}"\n  }\n}\n`;
    expect(await tfVerdicts(backend('http://state.example.com/twin'))).toEqual(['terraform.backend.http fail address']);
    expect(await tfVerdicts(backend('https://state.example.com/twin'))).toEqual([expect.stringMatching(/ pass$/)]);
  });

  it('.tf: `backend "http" {}` (the address given by -backend-config or TF_HTTP_ADDRESS) is unknown on `address`; TF_HTTP_ADDRESS of the environment is judged by its scheme, its user and password never quoted', async () => {
    const dir = tfDir('terraform {\n  backend "http" {}\n}\n');
    const graphOf = async (env: Record<string, string>) => buildGraph([await loadHcl(dir, { env })]);
    const bare = runRules(await graphOf({}), DEFAULT_SETTINGS, [rule]).findings;
    expect(bare.map((f) => `${f.address} ${f.status} ${f.path}`)).toEqual(['terraform.backend.http unknown address']);
    expect(bare[0].message).toMatch(/^The http backend writes no `address`: it is given at init \(`-backend-config` or `TF_HTTP_ADDRESS`\), so the gate cannot tell whether it uses TLS/);
    const plain = runRules(await graphOf({ TF_HTTP_ADDRESS: 'http://deployer:Zq8xWv3pTr9Lm@state.example.com/twin', TF_HTTP_LOCK_ADDRESS: 'http://state.example.com/twin/lock' }), DEFAULT_SETTINGS, [rule]).findings;
    expect(plain.map((f) => `${f.address} ${f.status} ${f.path}`)).toEqual(['terraform.backend.http fail address', 'terraform.backend.http fail lock_address']);
    expect(plain[0].message).toMatch(/over plain `http:\/\/` \(`address` from `TF_HTTP_ADDRESS` of the environment\)/);
    expect(JSON.stringify(plain)).not.toMatch(/deployer|Zq8xWv3pTr9Lm/);
    expect(await tfVerdicts('terraform {\n  backend "http" {\n    address = "https://state.example.com/twin"\n  }\n}\n')).toEqual([expect.stringMatching(/ pass$/)]);
    expect(runRules(await graphOf({ TF_HTTP_ADDRESS: 'https://state.example.com/twin' }), DEFAULT_SETTINGS, [rule]).findings).toEqual([]);
  });

  // OpenTofu 1.9's provider for_each: each instance has its own each.value, as default_tags reads it.
  it('a provider block repeated with for_each is judged per instance: all false passes, a true one fails naming it, masked where a key holds personal data', async () => {
    const repeated = (values: Record<string, boolean | string>) =>
      `variable "regions" {\n  default = {\n${Object.entries(values).map(([k, v]) => `    "${k}" = { insecure = ${v} }\n`).join('')}  }\n}\nprovider "aws" {\n  alias    = "by_region"\n  for_each = var.regions\n  region   = "eu-west-1"\n  insecure = each.value.insecure\n}\n`;
    expect(await tfVerdicts(repeated({ 'eu-west-1': false, 'us-east-1': false }))).toEqual([expect.stringMatching(/ pass$/)]);
    const graph = buildGraph([await loadHcl(tfDir(repeated({ 'eu-west-1': false, 'us-east-1': true, 'jane.roe@example.com': true })))]);
    const { findings } = runRules(graph, DEFAULT_SETTINGS, [rule]);
    expect(findings.map((f) => `${f.address} ${f.status} ${f.path}`)).toEqual(['provider.aws.by_region fail insecure']);
    expect(findings[0].message).toMatch(/^provider\.aws\.by_region \(its instances \["j\*\*\*@e\*\*\*\.com"\], \["us-east-1"\]\) sets `insecure = true`/);
    expect(findings[0].redact).toContain('jane.roe@example.com');
  });

  // OpenTofu's key providers fetch the state's key: aws_kms takes the s3 backend's settings, openbao an address.
  it("OpenTofu key providers: aws_kms with insecure = true and openbao over http:// fail on the key provider; https:// and a verified aws_kms pass", async () => {
    const encryption = (providers: string) =>
      `terraform {\n  backend "local" {}\n  encryption {\n${providers}\n    method "aes_gcm" "m" {\n      keys = key_provider.aws_kms.k\n    }\n    method "aes_gcm" "n" {\n      keys = key_provider.openbao.b\n    }\n    state {\n      method = method.aes_gcm.m\n    }\n  }\n}\n`;
    const kms = (insecure: string) => `    key_provider "aws_kms" "k" {\n      kms_key_id = "alias/tfstate"\n      key_spec   = "AES_256"\n      region     = "eu-west-1"\n${insecure}    }`;
    const bao = (address: string) => `    key_provider "openbao" "b" {\n      address  = "${address}"\n      key_name = "tofu-state"\n    }`;
    expect(await tfVerdicts(encryption(`${kms('      insecure   = true\n')}\n${bao('http://openbao.internal:8200')}`))).toEqual([
      'terraform.encryption.key_provider.aws_kms.k fail insecure',
      'terraform.encryption.key_provider.openbao.b fail address',
    ]);
    expect(await tfVerdicts(encryption(`${kms('')}\n${bao('https://openbao.internal:8200')}`))).toEqual([expect.stringMatching(/ pass$/)]);
    expect(await tfVerdicts(`variable "skip" {}\n${encryption(kms('      insecure   = var.skip\n'))}`)).toEqual(['terraform.encryption.key_provider.aws_kms.k unknown insecure']);
  });

  it('a plan read with its code (--code, the gate): insecure = var.skip_tls takes the value the plan was made with', async () => {
    const code = 'variable "skip_tls" {\n  type = bool\n}\nprovider "aws" {\n  region   = "eu-west-1"\n  insecure = var.skip_tls\n}\nresource "aws_sqs_queue" "q" {\n  name = "q"\n}\n';
    const verdicts = async (skipTls: boolean) => {
      const planned = parsePlanDocument(
        plan([res('aws_sqs_queue.q', { name: 'q' })], { providers: awsProvider(undefined, { insecure: { references: ['var.skip_tls'] } }), variables: { skip_tls: skipTls } }),
        'plan.json',
      );
      expect(evaluateRule(rule, buildGraph([planned])).map((v) => v.status)).toEqual(['unknown']);
      const read = withCode(planned, await readCode(tfDir(code), planned));
      return evaluateRule(rule, buildGraph([read])).map((v) => `${v.address} ${v.status}`);
    };
    expect(await verdicts(true)).toEqual(['provider.aws fail']);
    expect(await verdicts(false)).toEqual(['plan.json pass']);
  });

  it('the gate: a plan with the s3 backend init recorded (-backend-config=insecure=true), not the implied local one', () => {
    const planned = parsePlanDocument(plan([res('aws_sqs_queue.q', { name: 'q' })], { providers: awsProvider() }), 'plan.json');
    const recorded = (config: Record<string, unknown>, type = 's3', origin: 'init' | 'implied' = 'init') =>
      evaluateRule(rule, buildGraph([{ ...planned, backend: { type, settings: new ValueView(config), origin } }])).map((v) => `${v.address} ${v.status}`);
    expect(recorded({ bucket: 'tfstate', key: 'k', insecure: true })).toEqual(['terraform.backend.s3 fail']);
    expect(recorded({ bucket: 'tfstate', key: 'k', insecure: null })).toEqual(['plan.json pass']);
    expect(recorded({}, 'local', 'implied')).toEqual(['plan.json pass']);
  });

  it('the gate: an http backend init recorded with no address took it from TF_HTTP_ADDRESS: judged by that variable\'s scheme where the gate\'s environment has it, else not judged', () => {
    const planned = parsePlanDocument(plan([res('aws_sqs_queue.q', { name: 'q' })], { providers: awsProvider() }), 'plan.json');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-tls-init-'));
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, '.terraform'));
    fs.writeFileSync(path.join(dir, '.terraform', 'terraform.tfstate'), JSON.stringify({ version: 3, backend: { type: 'http', config: { address: null, lock_address: null, skip_cert_verification: false }, hash: 1 } }));
    const recorded = (env: NodeJS.ProcessEnv) => evaluateRule(rule, buildGraph([{ ...planned, backend: initializedBackend(dir, env) }])).map((v) => `${v.address} ${v.status}${v.path ? ` ${v.path}` : ''}`);
    expect(recorded({ TF_HTTP_ADDRESS: 'http://state.example.com/twin' })).toEqual(['terraform.backend.http fail address']);
    expect(recorded({ TF_HTTP_ADDRESS: 'https://state.example.com/twin' })).toEqual(['plan.json pass']);
    expect(recorded({})).toEqual(['plan.json pass']);
  });
});

// README Known limits: an `http://` service endpoint of a provider or of the s3 backend passed; it sends
// that service's calls, state and credentials included, in clear.
describe('service endpoints over plain http:// (a provider\'s, the s3 backend\'s, the aws_kms key provider\'s)', () => {
  const verdicts = (graph: ReturnType<typeof buildGraph>) => evaluateRule(rule, graph).map((v) => `${v.address} ${v.status}${v.path ? ` ${v.path}` : ''}`);
  const planned = (providers: ReturnType<typeof awsProvider>, variables?: Record<string, unknown>) =>
    parsePlanDocument(plan([res('aws_sqs_queue.q', { name: 'q' })], { providers, ...(variables ? { variables } : {}) }), 'plan.json');

  it('a plan: an aws provider endpoints entry and an awscc endpoint at http:// fail on the entry; https://, no scheme and "" do not', () => {
    const aws = awsProvider(undefined, {
      endpoints: [{ s3: { constant_value: 'http://localstack:4566' }, sts: { constant_value: 'https://sts.example.com' }, dynamodb: { constant_value: 'dynamodb.example.internal' }, lambda: { constant_value: '' } }],
    });
    const awscc = awsProvider(undefined, { endpoints: { constant_value: { cloudcontrolapi: 'HTTP://cloudcontrol.example.internal', sts: 'https://sts.example.com', iam: null } } }, 'awscc');
    const graph = buildGraph([planned({ ...aws, ...awscc })]);
    expect(verdicts(graph)).toEqual(['provider.aws fail endpoints.s3', 'provider.awscc fail endpoints.cloudcontrolapi']);
    expect(evaluateRule(rule, graph)[0].message).toMatch(
      /^provider\.aws sends its s3 calls over plain `http:\/\/` \(`endpoints\.s3` is "http:\/\/localstack:4566"\): the requests, with the access key id and session token they are signed with, and every value sent or read/,
    );
    expect(verdicts(buildGraph([planned(awsProvider(undefined, { endpoints: [{ s3: { constant_value: 'https://s3.example.com' } }] }))]))).toEqual(['plan.json pass']);
  });

  it('a plan: an endpoint from a variable is unknown, never quoted; read with its code, the variable\'s value is judged', async () => {
    const fromVariable = planned(awsProvider(undefined, { endpoints: [{ s3: { references: ['var.s3_endpoint'] } }] }), { s3_endpoint: 'http://minio.internal:9000' });
    const unknownFindings = runRules(buildGraph([fromVariable]), DEFAULT_SETTINGS, [rule]).findings;
    expect(unknownFindings.map((f) => `${f.address} ${f.status} ${f.path}`)).toEqual(['provider.aws unknown endpoints.s3']);
    expect(unknownFindings[0].message).toMatch(/^provider\.aws takes its `endpoints\.s3` from a value the input does not fix, so the gate cannot tell whether it uses TLS/);
    const whole = planned(awsProvider(undefined, { endpoints: { references: ['var.endpoints'] } }, 'awscc'));
    expect(verdicts(buildGraph([whole]))).toEqual(['provider.awscc unknown endpoints']);
    const code = 'variable "s3_endpoint" {\n  type = string\n}\nprovider "aws" {\n  region = "eu-west-1"\n  endpoints {\n    s3 = var.s3_endpoint\n  }\n}\nresource "aws_sqs_queue" "q" {\n  name = "q"\n}\n';
    const read = await withFiles({ 'main.tf': code }, async (dir) => withCode(fromVariable, await readCode(dir, fromVariable)));
    expect(verdicts(buildGraph([read]))).toEqual(['provider.aws fail endpoints.s3']);
    // awscc's endpoints is one attribute, which a plan records as one expression.
    const awscc = planned(awsProvider(undefined, { endpoints: { references: ['var.sts'] } }, 'awscc'), { sts: 'http://localstack:4566' });
    const awsccCode = 'variable "sts" {\n  type = string\n}\nprovider "awscc" {\n  region    = "eu-west-1"\n  endpoints = { sts = var.sts }\n}\n';
    const awsccRead = await withFiles({ 'main.tf': awsccCode }, async (dir) => withCode(awscc, await readCode(dir, awscc)));
    expect(verdicts(buildGraph([awsccRead]))).toEqual(['provider.awscc fail endpoints.sts']);
  });

  it('a URL\'s user and password are starred, its path and query cut, in every format', async () => {
    const url = 'http://deployer:Zq8xWv3pTr9Lm@minio.internal:9000/state?X-Amz-Security-Token=FwoGZXIvYXdzEJr';
    const graph = buildGraph([planned(awsProvider(undefined, { endpoints: [{ s3: { constant_value: url } }] }))]);
    const { findings } = runRules(graph, DEFAULT_SETTINGS, [rule]);
    expect(findings.map((f) => `${f.address} ${f.status} ${f.path}`)).toEqual(['provider.aws fail endpoints.s3']);
    expect(findings[0].message).toContain('(`endpoints.s3` is "http://***:***@minio.internal:9000/...")');
    const document = JSON.stringify(plan([res('aws_sqs_queue.q', { name: 'q' })], { providers: awsProvider(undefined, { endpoints: [{ s3: { constant_value: url } }] }) }));
    await withFiles({ 'plan.json': document }, async (dir) => {
      for (const format of FORMATS) {
        const run = await twinguard(['check', path.join(dir, 'plan.json'), '--format', format]);
        expect({ format, code: run.code }).toEqual({ format, code: 1 });
        expect(run.stdout).toContain('minio.internal:9000');
        expect(run.stdout + run.stderr).not.toMatch(/deployer|Zq8xWv3pTr9Lm|FwoGZXIvYXdzEJr/);
      }
    });
  });

  it('cdk.tf.json: AwsProvider and AwsccProvider endpoints, the S3Backend\'s endpoints and its deprecated endpoint settings at http:// fail; https:// passes', () => {
    const synthesized = (configure: (s: TerraformStack) => void) => {
      const s = new TerraformStack(Testing.app(), 'twin');
      configure(s);
      return JSON.parse(Testing.synth(s)) as Record<string, unknown>;
    };
    const of = (configure: (s: TerraformStack) => void) => verdicts(buildGraph([parseCdktfDocument(synthesized(configure), INPUT)]));
    expect(of((s) => new AwsProvider(s, 'aws', { region: 'eu-west-1', endpoints: [{ s3: 'http://localstack:4566', sts: 'https://sts.example.com' }] }))).toEqual(['provider.aws fail endpoints.s3']);
    expect(of((s) => new AwsccProvider(s, 'awscc', { region: 'eu-west-1', endpoints: { sts: 'http://localstack:4566' } }))).toEqual(['provider.awscc fail endpoints.sts']);
    expect(of((s) => new S3Backend(s, { bucket: 'tfstate', key: 'k', encrypt: true, endpoints: { s3: 'http://minio.internal:9000', dynamodb: 'https://dynamodb.example.com' } }))).toEqual([
      'terraform.backend.s3 fail endpoints.s3',
    ]);
    const deprecated = 'http://localstack:4566';
    expect(of((s) => new S3Backend(s, { bucket: 'tfstate', key: 'k', encrypt: true, endpoint: deprecated, dynamodbEndpoint: deprecated, iamEndpoint: deprecated, stsEndpoint: deprecated }))).toEqual([
      'terraform.backend.s3 fail endpoint',
      'terraform.backend.s3 fail dynamodb_endpoint',
      'terraform.backend.s3 fail iam_endpoint',
      'terraform.backend.s3 fail sts_endpoint',
    ]);
    const graph = buildGraph([parseCdktfDocument(synthesized((s) => new S3Backend(s, { bucket: 'tfstate', key: 'k', encrypt: true, endpoints: { s3: 'http://minio.internal:9000' } })), INPUT)]);
    expect(evaluateRule(rule, graph)[0].message).toMatch(/^The s3 backend sends its s3 calls over plain `http:\/\/` \(`endpoints\.s3` is "http:\/\/minio\.internal:9000"\): those calls, .*\(the state, every secret of the configuration in clear, for s3/);
    expect(of((s) => new S3Backend(s, { bucket: 'tfstate', key: 'k', encrypt: true, endpoints: { s3: 'https://minio.internal:9000' } }))).toEqual([`${INPUT} pass`]);
  });

  it('.tf: provider endpoints, the s3 backend\'s endpoints (a variable OpenTofu evaluates at init) and deprecated dynamodb_endpoint, and an aws_kms key provider\'s endpoints at http:// fail', async () => {
    const main = `variable "store" {\n  default = "http://minio.internal:9000"\n}\nterraform {\n  backend "s3" {\n    bucket            = "tfstate"\n    key               = "k"\n    endpoints         = { s3 = var.store, sts = "https://sts.example.com" }\n    dynamodb_endpoint = "http://localstack:4566"\n  }\n}\nprovider "aws" {\n  region = "eu-west-1"\n  endpoints {\n    s3 = "http://localstack:4566"\n  }\n}\nprovider "awscc" {\n  region    = "eu-west-1"\n  endpoints = { cloudcontrolapi = "http://localstack:4566" }\n}\n`;
    expect(await withFiles({ 'main.tf': main }, async (dir) => verdicts(buildGraph([await loadHcl(dir, { tool: 'opentofu' })])))).toEqual([
      'provider.aws fail endpoints.s3',
      'provider.awscc fail endpoints.cloudcontrolapi',
      'terraform.backend.s3 fail endpoints.s3',
      'terraform.backend.s3 fail dynamodb_endpoint',
    ]);
    const kms = `terraform {\n  encryption {\n    key_provider "aws_kms" "k" {\n      kms_key_id = "alias/tfstate"\n      key_spec   = "AES_256"\n      region     = "eu-west-1"\n      endpoints {\n        sts = "http://localstack:4566"\n      }\n    }\n    method "aes_gcm" "m" {\n      keys = key_provider.aws_kms.k\n    }\n  }\n}\n`;
    expect(await withFiles({ 'main.tf': kms }, async (dir) => verdicts(buildGraph([await loadHcl(dir)])))).toEqual(['terraform.encryption.key_provider.aws_kms.k fail endpoints.sts']);
    expect(await withFiles({ 'main.tf': 'variable "s3" {}\nprovider "aws" {\n  endpoints {\n    s3 = var.s3\n  }\n}\n' }, async (dir) => verdicts(buildGraph([await loadHcl(dir)])))).toEqual([
      'provider.aws unknown endpoints.s3',
    ]);
  });

  it('.tf: a provider block repeated with for_each has each instance\'s endpoints judged, naming the instances', async () => {
    const main = `variable "stores" {\n  default = {\n    "local"  = "http://localstack:4566"\n    "remote" = "https://s3.eu-west-1.amazonaws.com"\n  }\n}\nprovider "aws" {\n  alias    = "by_store"\n  for_each = var.stores\n  region   = "eu-west-1"\n  endpoints {\n    s3 = each.value\n  }\n}\n`;
    const found = await withFiles({ 'main.tf': main }, async (dir) => runRules(buildGraph([await loadHcl(dir)]), DEFAULT_SETTINGS, [rule]).findings);
    expect(found.map((f) => `${f.address} ${f.status} ${f.path}`)).toEqual(['provider.aws.by_store fail endpoints.s3']);
    expect(found[0].message).toMatch(/^provider\.aws\.by_store \(its instance \["local"\]\) sends its s3 calls over plain `http:\/\/`/);
  });

  it('the gate: the s3 backend init recorded with endpoints.s3 at http:// fails; null endpoints (not set) do not', () => {
    const planOnly = parsePlanDocument(plan([res('aws_sqs_queue.q', { name: 'q' })], { providers: awsProvider() }), 'plan.json');
    const recorded = (config: Record<string, unknown>) => verdicts(buildGraph([{ ...planOnly, backend: { type: 's3', settings: new ValueView(config), origin: 'init' } }]));
    expect(recorded({ bucket: 'tfstate', key: 'k', endpoints: { s3: 'http://minio.internal:9000', dynamodb: null, iam: null, sso: null, sts: null }, endpoint: null })).toEqual(['terraform.backend.s3 fail endpoints.s3']);
    expect(recorded({ bucket: 'tfstate', key: 'k', endpoints: null, endpoint: null, dynamodb_endpoint: null })).toEqual(['plan.json pass']);
  });
});

/**
 * `twinguard check` of `dir` in `env`, which gives an endpoint at http://deployer:Zq8xWv3pTr9Lm@minio.internal:9000 (a
 * token in its query): exit 1 in every format, the host shown, the user, password and token never; the rule's findings.
 */
async function maskedInEveryFormat(dir: string, env: Record<string, string>): Promise<{ address: string; path: string; message: string }[]> {
  for (const format of FORMATS) {
    const run = await twinguard(['check', dir, '--format', format], { env });
    expect({ format, code: run.code }).toEqual({ format, code: 1 });
    expect(run.stdout).toContain('minio.internal:9000');
    expect(run.stdout + run.stderr).not.toMatch(/deployer|Zq8xWv3pTr9Lm|FwoGZXIvYXdzEJr/);
  }
  const report = await twinguard(['check', dir, '--format', 'json'], { env });
  return (JSON.parse(report.stdout).findings as { ruleId: string; address: string; path: string; message: string }[]).filter((f) => f.ruleId === 'provider-tls-verified');
}

// README Known limits: an endpoint the environment gives (AWS_ENDPOINT_URL_S3=http://…) where the block sets none
// passed; the provider and the s3 backend send that service's calls, and the state, to it in clear.
describe('service endpoints the environment gives (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>), where the code sets none', () => {
  const verdicts = (graph: ReturnType<typeof buildGraph>) => evaluateRule(rule, graph).map((v) => `${v.address} ${v.status}${v.path ? ` ${v.path}` : ''}`);
  const PROVIDERS_AND_BACKEND = `terraform {\n  backend "s3" {\n    bucket = "tfstate"\n    key    = "k"\n    region = "eu-west-1"\n  }\n}\nprovider "aws" {\n  region = "eu-west-1"\n}\nprovider "awscc" {\n  region = "eu-west-1"\n}\n`;
  const tfVerdicts = (main: string, env: Record<string, string>) => withFiles({ 'main.tf': main }, async (dir) => verdicts(buildGraph([await loadHcl(dir, { env })])));

  it('.tf: AWS_ENDPOINT_URL_S3 at http:// fails the aws provider and the s3 backend on endpoints.s3 (awscc calls no S3); https://, an empty variable and none pass', async () => {
    expect(await tfVerdicts(PROVIDERS_AND_BACKEND, { AWS_ENDPOINT_URL_S3: 'http://localstack:4566' })).toEqual(['provider.aws fail endpoints.s3', 'terraform.backend.s3 fail endpoints.s3']);
    expect(await tfVerdicts(PROVIDERS_AND_BACKEND, { AWS_ENDPOINT_URL_STS: 'HTTP://localstack:4566' })).toEqual([
      'provider.aws fail endpoints.sts',
      'provider.awscc fail endpoints.sts',
      'terraform.backend.s3 fail endpoints.sts',
    ]);
    expect(await tfVerdicts(PROVIDERS_AND_BACKEND, { AWS_ENDPOINT_URL_S3: 'https://minio.internal:9000', AWS_ENDPOINT_URL: '' })).toEqual([expect.stringMatching(/ pass$/)]);
    expect(await tfVerdicts(PROVIDERS_AND_BACKEND, {})).toEqual([expect.stringMatching(/ pass$/)]);
  });

  it('.tf: AWS_ENDPOINT_URL at http:// fails every block it reaches on endpoints; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true drops it, and the providers\' service variables, not the s3 backend\'s', async () => {
    expect(await tfVerdicts(PROVIDERS_AND_BACKEND, { AWS_ENDPOINT_URL: 'http://localstack:4566' })).toEqual([
      'provider.aws fail endpoints',
      'provider.awscc fail endpoints',
      'terraform.backend.s3 fail endpoints',
    ]);
    const ignored = { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'TRUE', AWS_ENDPOINT_URL: 'http://localstack:4566', AWS_ENDPOINT_URL_S3: 'http://localstack:4566' };
    expect(await tfVerdicts(PROVIDERS_AND_BACKEND, ignored)).toEqual(['terraform.backend.s3 fail endpoints.s3']);
    // awscc calls four services: set all in code, AWS_ENDPOINT_URL reaches none of them.
    const awscc = 'provider "awscc" {\n  region    = "eu-west-1"\n  endpoints = { cloudcontrolapi = "https://cc.example.com", iam = "https://iam.example.com", sso = "https://sso.example.com", sts = "https://sts.example.com" }\n}\n';
    expect(await tfVerdicts(awscc, { AWS_ENDPOINT_URL: 'http://localstack:4566', AWS_ENDPOINT_URL_CLOUDCONTROL: 'http://localstack:4566' })).toEqual([expect.stringMatching(/ pass$/)]);
  });

  it('.tf: the code wins over the environment, by any of the names a service has; the s3 backend reads AWS_ENDPOINT_URL_S3 before the deprecated AWS_S3_ENDPOINT', async () => {
    const provider = (endpoints: string) => `provider "aws" {\n  region = "eu-west-1"\n  endpoints {\n${endpoints}  }\n}\n`;
    const elb = { AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: 'http://localstack:4566' };
    expect(await tfVerdicts(provider('    elbv2 = "https://elb.example.com"\n'), elb)).toEqual([expect.stringMatching(/ pass$/)]);
    expect(await tfVerdicts(provider('    elasticloadbalancingv2 = "https://elb.example.com"\n'), elb)).toEqual([expect.stringMatching(/ pass$/)]);
    expect(await tfVerdicts(provider('    s3 = "https://s3.example.com"\n'), elb)).toEqual(['provider.aws fail endpoints.elbv2']);
    expect(await tfVerdicts(provider('    cloudcontrolapi = "https://cc.example.com"\n    s3 = ""\n'), { AWS_ENDPOINT_URL_CLOUDCONTROL: 'http://localstack:4566', AWS_S3_ENDPOINT: 'http://localstack:4566' })).toEqual([
      'provider.aws fail endpoints.s3',
    ]);
    const backend = (settings: string) => `terraform {\n  backend "s3" {\n    bucket = "tfstate"\n    key    = "k"\n${settings}  }\n}\n`;
    expect(await tfVerdicts(backend('    endpoints = { s3 = "https://minio.internal:9000" }\n'), { AWS_ENDPOINT_URL_S3: 'http://localstack:4566' })).toEqual([expect.stringMatching(/ pass$/)]);
    expect(await tfVerdicts(backend('    endpoint = "https://minio.internal:9000"\n'), { AWS_ENDPOINT_URL_S3: 'http://localstack:4566' })).toEqual([expect.stringMatching(/ pass$/)]);
    expect(await tfVerdicts(backend(''), { AWS_ENDPOINT_URL_S3: 'https://minio.internal:9000', AWS_S3_ENDPOINT: 'http://localstack:4566' })).toEqual([expect.stringMatching(/ pass$/)]);
    expect(await tfVerdicts(backend(''), { AWS_S3_ENDPOINT: 'http://localstack:4566' })).toEqual(['terraform.backend.s3 fail endpoints.s3']);
    // An entry from a value the code does not fix is unknown on its own; the environment is not judged for that service.
    expect(await tfVerdicts(`variable "s3" {}\n${provider('    s3 = var.s3\n')}`, { AWS_ENDPOINT_URL_S3: 'http://localstack:4566' })).toEqual(['provider.aws unknown endpoints.s3']);
  });

  it('.tf: resources no provider block configures use the default configuration, which reads the environment too; so does the aws_kms key provider', async () => {
    const implied = 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n';
    expect(await tfVerdicts(implied, { AWS_ENDPOINT_URL_SQS: 'http://localstack:4566' })).toEqual(['provider.aws fail endpoints.sqs']);
    expect(await tfVerdicts(implied, {})).toEqual([expect.stringMatching(/ not-applicable$/)]);
    const kms = `terraform {\n  encryption {\n    key_provider "aws_kms" "k" {\n      kms_key_id = "alias/tfstate"\n      key_spec   = "AES_256"\n      region     = "eu-west-1"\n    }\n    method "aes_gcm" "m" {\n      keys = key_provider.aws_kms.k\n    }\n  }\n}\n`;
    expect(await tfVerdicts(kms, { AWS_ENDPOINT_URL_KMS: 'http://localstack:4566' })).toEqual(['terraform.encryption.key_provider.aws_kms.k fail endpoints.kms']);
  });

  it("OpenTofu's key providers no method names are not judged (OpenTofu sets them up for nothing); one a used key provider's chain names is; a keys the gate cannot read leaves every one judged", async () => {
    const kms = (name: string, settings: string) => `    key_provider "aws_kms" "${name}" {\n      kms_key_id = "alias/${name}"\n      key_spec   = "AES_256"\n      region     = "eu-west-1"\n${settings}    }\n`;
    const bao = '    key_provider "openbao" "b" {\n      address  = "http://bao.internal:8200"\n      key_name = "tfstate"\n    }\n';
    const encryption = (body: string, keys: string) => `terraform {\n  encryption {\n${body}    method "aes_gcm" "m" {\n      keys = ${keys}\n    }\n    state {\n      method = method.aes_gcm.m\n    }\n  }\n}\n`;
    const SPARE = 'terraform.encryption.key_provider.aws_kms.spare';
    const all = kms('k', '') + kms('spare', '      insecure = true\n') + bao;
    expect(await tfVerdicts(encryption(all, 'key_provider.aws_kms.k'), {})).toEqual([expect.stringMatching(/ pass$/)]);
    expect(await tfVerdicts(encryption(all, 'key_provider.aws_kms.k'), { AWS_ENDPOINT_URL_KMS: 'http://localstack:4566' })).toEqual(['terraform.encryption.key_provider.aws_kms.k fail endpoints.kms']);
    const chained = `${all}    key_provider "pbkdf2" "p" {\n      passphrase = var.passphrase\n      chain      = key_provider.aws_kms.spare\n    }\n`;
    expect(await tfVerdicts(encryption(chained, 'key_provider.pbkdf2.p'), {})).toEqual([`${SPARE} fail insecure`]);
    // Fail closed: a keys that names no key provider the gate can read.
    expect(await tfVerdicts(encryption(all, 'var.keys'), {})).toEqual([`${SPARE} fail insecure`, 'terraform.encryption.key_provider.openbao.b fail address']);
  });

  it('cdk.tf.json: an AwsProvider and an S3Backend with no endpoints fail on AWS_ENDPOINT_URL_S3 at http://; an endpoint the stack sets wins', () => {
    const synthesized = (configure: (s: TerraformStack) => void) => {
      const s = new TerraformStack(Testing.app(), 'twin');
      configure(s);
      return JSON.parse(Testing.synth(s)) as Record<string, unknown>;
    };
    const env = { AWS_ENDPOINT_URL_S3: 'http://minio.internal:9000' };
    const of = (configure: (s: TerraformStack) => void) => verdicts(buildGraph([parseCdktfDocument(synthesized(configure), INPUT, undefined, env)]));
    expect(
      of((s) => {
        new AwsProvider(s, 'aws', { region: 'eu-west-1' });
        new S3Backend(s, { bucket: 'tfstate', key: 'k', encrypt: true });
      }),
    ).toEqual(['provider.aws fail endpoints.s3', 'terraform.backend.s3 fail endpoints.s3']);
    expect(
      of((s) => {
        new AwsProvider(s, 'aws', { region: 'eu-west-1', endpoints: [{ s3: 'https://minio.internal:9000' }] });
        new S3Backend(s, { bucket: 'tfstate', key: 'k', encrypt: true, endpoints: { s3: 'https://minio.internal:9000' } });
      }),
    ).toEqual([`${INPUT} pass`]);
  });

  it('check: the finding names the variable, shows the URL with its user and password starred and its path cut, in every format; the same code passes without it', async () => {
    const env = { AWS_ENDPOINT_URL_S3: 'http://deployer:Zq8xWv3pTr9Lm@minio.internal:9000/state?X-Amz-Security-Token=FwoGZXIvYXdzEJr' };
    await withFiles({ 'main.tf': PROVIDERS_AND_BACKEND }, async (dir) => {
      const found = await maskedInEveryFormat(dir, env);
      expect(found.map((f) => `${f.address} ${f.path}`)).toEqual(['provider.aws endpoints.s3', 'terraform.backend.s3 endpoints.s3']);
      expect(found[0].message).toMatch(
        /^provider\.aws sends its s3 calls over plain `http:\/\/` \(`AWS_ENDPOINT_URL_S3` of the environment is "http:\/\/\*\*\*:\*\*\*@minio\.internal:9000\/\.\.\.", and the block sets none\): .* Give `AWS_ENDPOINT_URL_S3` an `https:\/\/` URL/,
      );
      const without = await twinguard(['check', dir, '--format', 'json']);
      expect((JSON.parse(without.stdout).findings as { ruleId: string }[]).filter((f) => f.ruleId === 'provider-tls-verified')).toEqual([]);
    });
  });

  it('a plan read with its code (--code) takes the environment of the check, as terraform planned in it; a plan file alone does not record it', async () => {
    const code = 'provider "aws" {\n  region = "eu-west-1"\n}\nresource "aws_sqs_queue" "q" {\n  name = "q"\n}\n';
    const planned = parsePlanDocument(plan([res('aws_sqs_queue.q', { name: 'q' })], { providers: awsProvider(undefined, { region: { constant_value: 'eu-west-1' } }) }), 'plan.json');
    const env = { AWS_ENDPOINT_URL_SQS: 'http://localstack:4566' };
    expect(await withFiles({ 'main.tf': code }, async (dir) => verdicts(buildGraph([withCode(planned, await readCode(dir, planned, env))])))).toEqual(['provider.aws fail endpoints.sqs']);
    expect(await withFiles({ 'main.tf': code }, async (dir) => verdicts(buildGraph([withCode(planned, await readCode(dir, planned))])))).toEqual(['plan.json pass']);
    expect(verdicts(buildGraph([planned]))).toEqual(['plan.json pass']);
  });
});

// README Known limits: an endpoint the AWS shared config file gives (endpoint_url = http://… in a profile, or in a
// services section it names) passed; the SDKs, so the providers and the s3 backend, send those calls to it in clear.
describe('service endpoints the AWS shared config file gives (endpoint_url, a services section), where the code and the variables set none', () => {
  const verdicts = (graph: ReturnType<typeof buildGraph>) => evaluateRule(rule, graph).map((v) => `${v.address} ${v.status}${v.path ? ` ${v.path}` : ''}`);
  const PROVIDERS_AND_BACKEND = `terraform {\n  backend "s3" {\n    bucket = "tfstate"\n    key    = "k"\n    region = "eu-west-1"\n  }\n}\nprovider "aws" {\n  region = "eu-west-1"\n}\nprovider "awscc" {\n  region = "eu-west-1"\n}\n`;
  const CONFIG = '[default]\nregion = eu-west-1\n\n[profile dev]\nservices = dev-svc  # LocalStack\nendpoint_url = https://gateway.internal\n\n[services dev-svc]\ns3 =\n  endpoint_url = http://localstack:4566\nsts =\n  endpoint_url = https://sts.internal\n\n[profile local]\nendpoint_url = http://localstack:4566\n\n[profile quiet]\nendpoint_url = http://localstack:4566\nignore_configured_endpoint_urls = true\n';
  /** The verdicts on `main` with the shared config file `config` at AWS_CONFIG_FILE, and `env`. */
  const tfVerdicts = (main: string, env: Record<string, string>, config = CONFIG) =>
    withFiles({ 'main.tf': main, 'aws-config': config }, async (dir) => verdicts(buildGraph([await loadHcl(dir, { env: { AWS_CONFIG_FILE: path.join(dir, 'aws-config'), ...env } })])));

  it(".tf: a profile's endpoint_url at http:// fails every block that reads it on endpoints; its services section's s3 endpoint fails the aws provider and the s3 backend on endpoints.s3; https:// and the default profile with none pass", async () => {
    expect(await tfVerdicts(PROVIDERS_AND_BACKEND, { AWS_PROFILE: 'local' })).toEqual(['provider.aws fail endpoints', 'provider.awscc fail endpoints', 'terraform.backend.s3 fail endpoints']);
    expect(await tfVerdicts(PROVIDERS_AND_BACKEND, { AWS_PROFILE: 'dev' })).toEqual(['provider.aws fail endpoints.s3', 'terraform.backend.s3 fail endpoints.s3']);
    expect(await tfVerdicts(PROVIDERS_AND_BACKEND, {})).toEqual([expect.stringMatching(/ pass$/)]);
    // The default profile is [default], or [profile default].
    expect(await tfVerdicts(PROVIDERS_AND_BACKEND, {}, '[profile default]\nendpoint_url = http://localstack:4566\n')).toEqual(['provider.aws fail endpoints', 'provider.awscc fail endpoints', 'terraform.backend.s3 fail endpoints']);
  });

  it('.tf: the order is the code, AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the services section, then endpoint_url; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or the profile\'s ignore_configured_endpoint_urls drop the file\'s', async () => {
    const dev = { AWS_PROFILE: 'dev' };
    expect(await tfVerdicts(PROVIDERS_AND_BACKEND, { ...dev, AWS_ENDPOINT_URL_S3: 'https://minio.internal:9000' })).toEqual([expect.stringMatching(/ pass$/)]);
    expect(await tfVerdicts(PROVIDERS_AND_BACKEND, { ...dev, AWS_ENDPOINT_URL: 'https://gateway.internal' })).toEqual([expect.stringMatching(/ pass$/)]);
    expect(await tfVerdicts(PROVIDERS_AND_BACKEND, { AWS_PROFILE: 'local', AWS_ENDPOINT_URL: 'https://gateway.internal' })).toEqual([expect.stringMatching(/ pass$/)]);
    const written = 'provider "aws" {\n  region = "eu-west-1"\n  endpoints {\n    s3 = "https://minio.internal:9000"\n  }\n}\n';
    expect(await tfVerdicts(written, dev)).toEqual([expect.stringMatching(/ pass$/)]);
    // The services section's s3 endpoint comes before the profile's endpoint_url, which gives the other services.
    expect(await tfVerdicts(written, dev, CONFIG.replace('endpoint_url = https://gateway.internal', 'endpoint_url = http://gateway.internal'))).toEqual(['provider.aws fail endpoints']);
    expect(await tfVerdicts(PROVIDERS_AND_BACKEND, { ...dev, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })).toEqual([expect.stringMatching(/ pass$/)]);
    expect(await tfVerdicts(PROVIDERS_AND_BACKEND, { AWS_PROFILE: 'quiet' })).toEqual([expect.stringMatching(/ pass$/)]);
  });

  // README Known limits: a profile's ignore_configured_endpoint_urls = true dropped the file's endpoints only, and the
  // variables (AWS_ENDPOINT_URL_SQS=http://…) failed a block the AWS SDK sends no call to them for.
  it(".tf: a profile's ignore_configured_endpoint_urls = true drops the variables the AWS SDK reads too (the s3 backend's own AWS_ENDPOINT_URL_S3 stays); AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=false overrides it", async () => {
    const sqs = { AWS_ENDPOINT_URL_SQS: 'http://localstack:4566', AWS_ENDPOINT_URL: 'http://localstack:4566' };
    expect(await tfVerdicts(PROVIDERS_AND_BACKEND, { AWS_PROFILE: 'quiet', ...sqs })).toEqual([expect.stringMatching(/ pass$/)]);
    expect(await tfVerdicts(PROVIDERS_AND_BACKEND, { AWS_PROFILE: 'quiet', ...sqs, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' })).toEqual([
      'provider.aws fail endpoints.sqs',
      'provider.aws fail endpoints',
      'provider.awscc fail endpoints',
      'terraform.backend.s3 fail endpoints',
    ]);
    // And the profile's own endpoint_url is read again.
    expect(await tfVerdicts(PROVIDERS_AND_BACKEND, { AWS_PROFILE: 'quiet', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'FALSE' })).toEqual(['provider.aws fail endpoints', 'provider.awscc fail endpoints', 'terraform.backend.s3 fail endpoints']);
    expect(await tfVerdicts(PROVIDERS_AND_BACKEND, { AWS_PROFILE: 'quiet', AWS_ENDPOINT_URL_S3: 'http://localstack:4566' })).toEqual(['terraform.backend.s3 fail endpoints.s3']);
    // The flag of the profile a block reads: its own `profile` first; one the input does not fix drops them only where every profile does.
    const profiled = (profile: string) => `variable "p" {}\nprovider "aws" {\n  region  = "eu-west-1"\n  profile = ${profile}\n}\n`;
    expect(await tfVerdicts(profiled('"quiet"'), sqs)).toEqual([expect.stringMatching(/ pass$/)]);
    expect(await tfVerdicts(profiled('"local"'), { AWS_PROFILE: 'quiet', AWS_ENDPOINT_URL_SQS: 'http://localstack:4566' })).toEqual(['provider.aws fail endpoints.sqs', 'provider.aws fail endpoints']);
    expect(await tfVerdicts(profiled('var.p'), sqs, '[profile a]\nignore_configured_endpoint_urls = true\n[profile b]\nignore_configured_endpoint_urls = TRUE\n')).toEqual([expect.stringMatching(/ pass$/)]);
    expect(await tfVerdicts(profiled('var.p'), sqs, '[profile a]\nignore_configured_endpoint_urls = true\n[profile b]\nregion = eu-west-1\n')).toEqual(['provider.aws fail endpoints.sqs', 'provider.aws fail endpoints']);
  });

  // The AWS SDK for Go v2 reads AWS_DEFAULT_PROFILE where AWS_PROFILE is not set (config/env_config.go), so the providers and
  // the s3 backend do: terraform 1.11.4 init, run against local endpoints, called the profile it names, and no other.
  it(".tf: a block that names no profile reads AWS_PROFILE, else AWS_DEFAULT_PROFILE (an empty AWS_PROFILE is not set); one AWS_DEFAULT_PROFILE names that the file lacks gives no endpoint, not [default]'s", async () => {
    expect(await tfVerdicts(PROVIDERS_AND_BACKEND, { AWS_DEFAULT_PROFILE: 'local' })).toEqual(['provider.aws fail endpoints', 'provider.awscc fail endpoints', 'terraform.backend.s3 fail endpoints']);
    expect(await tfVerdicts(PROVIDERS_AND_BACKEND, { AWS_PROFILE: '', AWS_DEFAULT_PROFILE: 'dev' })).toEqual(['provider.aws fail endpoints.s3', 'terraform.backend.s3 fail endpoints.s3']);
    expect(await tfVerdicts(PROVIDERS_AND_BACKEND, { AWS_PROFILE: 'quiet', AWS_DEFAULT_PROFILE: 'local' })).toEqual([expect.stringMatching(/ pass$/)]);
    const profiled = `provider "aws" {\n  region  = "eu-west-1"\n  profile = "quiet"\n}\n`;
    expect(await tfVerdicts(profiled, { AWS_DEFAULT_PROFILE: 'local' })).toEqual([expect.stringMatching(/ pass$/)]);
    const loudDefault = '[default]\nendpoint_url = http://localstack:4566\n[profile ci]\nregion = eu-west-1\n';
    expect(await tfVerdicts(PROVIDERS_AND_BACKEND, { AWS_DEFAULT_PROFILE: 'ci' }, loudDefault)).toEqual([expect.stringMatching(/ pass$/)]);
    expect(await tfVerdicts(PROVIDERS_AND_BACKEND, { AWS_DEFAULT_PROFILE: 'absent' }, loudDefault)).toEqual([expect.stringMatching(/ pass$/)]);
  });

  // README Known limits: a block's shared_config_files were not read (the environment's file was judged for it), so an
  // http:// endpoint_url in a file only that setting names passed; nor was the shared credentials file, whose profiles the
  // AWS SDK for Go v2 merges with the config file's.
  const KMS_AND_PROVIDERS = (files: string) =>
    `terraform {\n  backend "s3" {\n    bucket = "tfstate"\n    key    = "k"\n    region = "eu-west-1"\n${files}  }\n  encryption {\n    key_provider "aws_kms" "k" {\n      kms_key_id = "alias/tfstate"\n      key_spec   = "AES_256"\n      region     = "eu-west-1"\n${files}    }\n    method "aes_gcm" "m" {\n      keys = key_provider.aws_kms.k\n    }\n  }\n}\nprovider "aws" {\n  region = "eu-west-1"\n${files}}\nprovider "awscc" {\n  region = "eu-west-1"\n${files}}\n`;
  const EVERY_BLOCK = ['provider.aws fail endpoints', 'provider.awscc fail endpoints', 'terraform.backend.s3 fail endpoints', 'terraform.encryption.key_provider.aws_kms.k fail endpoints'];
  const LOCAL = '[default]\nendpoint_url = http://localstack:4566\n';
  const QUIET = '[default]\nignore_configured_endpoint_urls = true\n';
  /** The verdicts on `main` (`files` beside it; FILE in `main` stands for the directory) with `env`, the environment's config file an empty one unless `env` names one. */
  const filesVerdicts = (main: (dir: string) => string, files: Record<string, string>, env: (dir: string) => Record<string, string> = () => ({})) =>
    withFiles({ 'empty-config': '', ...files }, async (dir) => {
      fs.writeFileSync(path.join(dir, 'main.tf'), main(dir));
      return verdicts(buildGraph([await loadHcl(dir, { env: { AWS_CONFIG_FILE: path.join(dir, 'empty-config'), ...env(dir) } })]));
    });
  const named = (setting: string, ...names: string[]) => (dir: string) => `    ${setting} = [${names.map((n) => JSON.stringify(n.replace('DIR', dir))).join(', ')}]\n`;

  it(".tf: the aws and awscc providers, the s3 backend and the aws_kms key provider read the files their shared_config_files names, not the environment's: an endpoint_url at http:// there fails them, that file's ignore_configured_endpoint_urls drops the variables", async () => {
    const local = named('shared_config_files', 'DIR/ci-config');
    expect(await filesVerdicts((dir) => KMS_AND_PROVIDERS(local(dir)), { 'ci-config': LOCAL })).toEqual(EVERY_BLOCK);
    // The environment's file is not read for them: its endpoint_url, nor its flag.
    expect(await filesVerdicts((dir) => KMS_AND_PROVIDERS(local(dir)), { 'ci-config': '[default]\nregion = eu-west-1\n', 'aws-config': LOCAL }, (dir) => ({ AWS_CONFIG_FILE: path.join(dir, 'aws-config') }))).toEqual([
      expect.stringMatching(/ pass$/),
    ]);
    const env = { AWS_ENDPOINT_URL: 'http://minio.internal:9000', AWS_ENDPOINT_URL_KMS: 'http://kms.internal' };
    const quiet = named('shared_config_files', 'DIR/quiet');
    expect(await filesVerdicts((dir) => KMS_AND_PROVIDERS(quiet(dir)), { quiet: QUIET }, () => env)).toEqual([expect.stringMatching(/ pass$/)]);
    expect(await filesVerdicts((dir) => KMS_AND_PROVIDERS(named('shared_config_files', 'DIR/loud')(dir)), { loud: '[default]\nregion = eu-west-1\n', 'aws-config': QUIET }, (dir) => ({ ...env, AWS_CONFIG_FILE: path.join(dir, 'aws-config') }))).toEqual([
      'provider.aws fail endpoints.kms',
      'provider.aws fail endpoints',
      'provider.awscc fail endpoints',
      'terraform.backend.s3 fail endpoints',
      'terraform.encryption.key_provider.aws_kms.k fail endpoints.kms',
      'terraform.encryption.key_provider.aws_kms.k fail endpoints',
    ]);
    // An empty list is as none (aws-sdk-go-base hands the SDK a list only where it is not empty): the environment's file, its flag too.
    expect(await filesVerdicts(() => KMS_AND_PROVIDERS('    shared_config_files = []\n'), { 'aws-config': QUIET }, (dir) => ({ ...env, AWS_CONFIG_FILE: path.join(dir, 'aws-config') }))).toEqual([expect.stringMatching(/ pass$/)]);
    // A value the input does not fix: the environment's file is judged for the block, its endpoint_url too, but its flag is not taken.
    const unfixed = `variable "files" {}\nprovider "aws" {\n  region              = "eu-west-1"\n  shared_config_files = var.files\n}\n`;
    expect(await filesVerdicts(() => unfixed, { 'aws-config': QUIET }, (dir) => ({ ...env, AWS_CONFIG_FILE: path.join(dir, 'aws-config') }))).toEqual(['provider.aws fail endpoints.kms', 'provider.aws fail endpoints']);
    expect(await filesVerdicts(() => unfixed, { 'aws-config': `${QUIET}endpoint_url = http://localstack:4566\n` }, (dir) => ({ AWS_CONFIG_FILE: path.join(dir, 'aws-config') }))).toEqual(['provider.aws fail endpoints']);
  });

  // terraform 1.11.4's s3 backend, run against local endpoints: with [A, B] the endpoint_url of A's [default] was called and B's
  // not; with A's [default] giving only a region, B's endpoint_url was not called either (the AWS SDK takes a profile's
  // endpoint_url from the first file that has the profile), and its set of files is read in sorted order, whatever the code's.
  it('.tf: several files merge as the AWS SDK merges them: a profile\'s endpoint_url comes from the first file that has the profile; the providers read their list in order, the s3 backend its set sorted', async () => {
    const files = { 'a-region': '[default]\nregion = eu-west-1\n', 'b-local': LOCAL };
    expect(await filesVerdicts((dir) => KMS_AND_PROVIDERS(named('shared_config_files', 'DIR/a-region', 'DIR/b-local')(dir)), files)).toEqual([expect.stringMatching(/ pass$/)]);
    expect(await filesVerdicts((dir) => KMS_AND_PROVIDERS(named('shared_config_files', 'DIR/b-local', 'DIR/a-region')(dir)), files)).toEqual([
      'provider.aws fail endpoints',
      'provider.awscc fail endpoints',
      'terraform.encryption.key_provider.aws_kms.k fail endpoints',
    ]);
    // A profile only the second file has is read from it.
    expect(await filesVerdicts((dir) => KMS_AND_PROVIDERS(named('shared_config_files', 'DIR/a-region', 'DIR/b-local')(dir)), { ...files, 'a-region': '[profile other]\nregion = eu-west-1\n' })).toEqual(EVERY_BLOCK);
  });

  // aws-sdk-go-v2 config/shared_config.go processConfigSections: the config files merged, [profile default] is renamed to
  // default, and "if default is already present, it will be dropped". terraform 1.11.4's s3 backend called the http://
  // endpoint_url of B's [profile default] where A had a [default] with a region only.
  it(".tf: a config file's [profile default] replaces [default] whole, in another file or the same one", async () => {
    const files = { 'a-region': '[default]\nregion = eu-west-1\n', 'b-profile-default': '[profile default]\nendpoint_url = http://localstack:4566\n' };
    expect(await filesVerdicts((dir) => KMS_AND_PROVIDERS(named('shared_config_files', 'DIR/a-region', 'DIR/b-profile-default')(dir)), files)).toEqual(EVERY_BLOCK);
    const one = `${QUIET}[profile default]\nendpoint_url = http://localstack:4566\n`;
    expect(await filesVerdicts(() => KMS_AND_PROVIDERS(''), { 'aws-config': one }, (dir) => ({ AWS_CONFIG_FILE: path.join(dir, 'aws-config') }))).toEqual(EVERY_BLOCK);
    // Its flag drops the [default]'s endpoint as it drops the variables: that [default] is not read.
    const flagged = `${LOCAL}[profile default]\nignore_configured_endpoint_urls = true\n`;
    expect(await filesVerdicts(() => KMS_AND_PROVIDERS(''), { 'aws-config': flagged }, (dir) => ({ AWS_CONFIG_FILE: path.join(dir, 'aws-config') }))).toEqual([expect.stringMatching(/ pass$/)]);
  });

  it('a named file that is no regular file (a FIFO, whose read would wait for a writer; a device) or is over 16 MiB is refused, not read; the null device reads empty', async () => {
    await withFiles({ 'main.tf': KMS_AND_PROVIDERS(''), 'big/.keep': '' }, async (dir) => {
      const of = async (file: string) => verdicts(buildGraph([await loadHcl(dir, { env: { AWS_CONFIG_FILE: file } })]));
      const fifo = path.join(dir, 'fifo');
      execFileSync('mkfifo', [fifo]);
      await expect(of(fifo)).rejects.toThrow(/fifo: cannot read the AWS shared config file \(not a regular file: a FIFO, a socket or a device\)/);
      await expect(of('/dev/zero')).rejects.toThrow(/^\/dev\/zero: cannot read the AWS shared config file \(not a regular file/);
      const big = path.join(dir, 'big', 'config');
      fs.writeFileSync(big, '');
      fs.truncateSync(big, 16 * 2 ** 20 + 1);
      await expect(of(big)).rejects.toThrow(/config: cannot read the AWS shared config file \(16777217 bytes, more than the 16 MiB an AWS shared file is read up to\)/);
      expect(await of(os.devNull)).toEqual([expect.stringMatching(/ pass$/)]);
    });
  });

  it(".tf: the shared credentials file (AWS_SHARED_CREDENTIALS_FILE, else .aws/credentials; a block's shared_credentials_files) gives a profile the config files do not have its endpoint_url and flag; where they have the profile, its endpoint_url is not read", async () => {
    const env = (file: string) => (dir: string) => ({ AWS_SHARED_CREDENTIALS_FILE: path.join(dir, file) });
    expect(await filesVerdicts(() => KMS_AND_PROVIDERS(''), { credentials: LOCAL }, env('credentials'))).toEqual(EVERY_BLOCK);
    expect(await filesVerdicts(() => KMS_AND_PROVIDERS(''), { credentials: LOCAL, 'aws-config': '[default]\nregion = eu-west-1\n' }, (dir) => ({ ...env('credentials')(dir), AWS_CONFIG_FILE: path.join(dir, 'aws-config') }))).toEqual([
      expect.stringMatching(/ pass$/),
    ]);
    // A credentials file's profile is [ci], not [profile ci]; its flag drops AWS_ENDPOINT_URL as the config file's does.
    expect(await filesVerdicts(() => KMS_AND_PROVIDERS(''), { credentials: '[ci]\nendpoint_url = http://localstack:4566\n' }, (dir) => ({ ...env('credentials')(dir), AWS_PROFILE: 'ci' }))).toEqual(EVERY_BLOCK);
    expect(await filesVerdicts(() => KMS_AND_PROVIDERS(''), { credentials: QUIET }, (dir) => ({ ...env('credentials')(dir), AWS_ENDPOINT_URL: 'http://minio.internal:9000' }))).toEqual([expect.stringMatching(/ pass$/)]);
    // .aws/credentials in the home directory.
    expect(await filesVerdicts(() => KMS_AND_PROVIDERS(''), { 'home/.aws/credentials': LOCAL }, (dir) => ({ HOME: path.join(dir, 'home') }))).toEqual(EVERY_BLOCK);
    // A block's shared_credentials_files, the s3 backend's shared_credentials_file too, in place of the environment's.
    expect(await filesVerdicts((dir) => KMS_AND_PROVIDERS(named('shared_credentials_files', 'DIR/ci-credentials')(dir)), { 'ci-credentials': LOCAL, credentials: QUIET }, env('credentials'))).toEqual(EVERY_BLOCK);
    const single = (dir: string) => `terraform {\n  backend "s3" {\n    bucket = "tfstate"\n    key    = "k"\n    region = "eu-west-1"\n    shared_credentials_file = "${dir}/ci-credentials"\n  }\n}\n`;
    expect(await filesVerdicts(single, { 'ci-credentials': LOCAL })).toEqual(['terraform.backend.s3 fail endpoints']);
  });

  // terraform 1.11.4's s3 backend, run here, called the endpoint of the file AWS_SHARED_CONFIG_FILE names, not .aws/config's, and that of
  // the file AWS_SHARED_CREDENTIALS_FILE names, not its deprecated shared_credentials_file's; OpenTofu's aws_kms key provider reads it too.
  it(".tf: the s3 backend and the aws_kms key provider that name no shared_config_files read AWS_SHARED_CONFIG_FILE's file in place of AWS_CONFIG_FILE's; the providers do not; the s3 backend takes AWS_SHARED_CREDENTIALS_FILE over its shared_credentials_file", async () => {
    const env = (dir: string) => ({ AWS_SHARED_CONFIG_FILE: path.join(dir, 'backend-config'), AWS_CONFIG_FILE: path.join(dir, 'aws-config') });
    expect(await filesVerdicts(() => KMS_AND_PROVIDERS(''), { 'backend-config': LOCAL, 'aws-config': '' }, env)).toEqual(['terraform.backend.s3 fail endpoints', 'terraform.encryption.key_provider.aws_kms.k fail endpoints']);
    expect(await filesVerdicts(() => KMS_AND_PROVIDERS(''), { 'backend-config': '', 'aws-config': LOCAL }, env)).toEqual(['provider.aws fail endpoints', 'provider.awscc fail endpoints']);
    await expect(filesVerdicts(() => KMS_AND_PROVIDERS(''), {}, (dir) => ({ AWS_SHARED_CONFIG_FILE: path.join(dir, 'missing') }))).rejects.toThrow(/^AWS_SHARED_CONFIG_FILE: it names ".*missing" \(.*missing\), which does not exist: .*unset it$/);
    const single = (dir: string) => `terraform {\n  backend "s3" {\n    bucket = "tfstate"\n    key    = "k"\n    region = "eu-west-1"\n    shared_credentials_file = "${dir}/ci-credentials"\n  }\n}\n`;
    expect(await filesVerdicts(single, { 'ci-credentials': '', credentials: LOCAL }, (dir) => ({ AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials') }))).toEqual(['terraform.backend.s3 fail endpoints']);
  });

  it('cdk.tf.json: a stack file reads a relative path from its own directory, where cdktf runs terraform', async () => {
    const stack = { terraform: { backend: { s3: { bucket: 'tfstate', key: 'k', region: 'eu-west-1', shared_config_files: ['ci-config'] } } }, provider: { aws: [{ region: 'eu-west-1', shared_config_files: ['ci-config'] }] } };
    const of = (config: string) =>
      withFiles({ 'cdktf.out/stacks/data/cdk.tf.json': JSON.stringify(stack), 'cdktf.out/stacks/data/ci-config': config }, async (dir) =>
        verdicts(buildGraph(await loadCdktf(path.join(dir, 'cdktf.out', 'stacks', 'data', 'cdk.tf.json'), undefined, { AWS_CONFIG_FILE: '/dev/null' }))),
      );
    expect(await of(LOCAL)).toEqual(['provider.aws fail endpoints', 'terraform.backend.s3 fail endpoints']);
    expect(await of('[default]\nregion = eu-west-1\n')).toEqual([expect.stringMatching(/ pass$/)]);
  });

  it('.tf: a path is read as terraform reads it: ~/…, $VAR/…, and a relative one from the directory terraform runs in; one that does not exist here is refused, though terraform skips it', async () => {
    const of = (path_: string) => () => KMS_AND_PROVIDERS(`    shared_config_files = ["${path_}"]\n`);
    expect(await filesVerdicts(of('~/ci-config'), { 'home/ci-config': LOCAL }, (dir) => ({ HOME: path.join(dir, 'home') }))).toEqual(EVERY_BLOCK);
    expect(await filesVerdicts(of('$CONFIGS/ci-config'), { 'configs/ci-config': LOCAL }, (dir) => ({ CONFIGS: path.join(dir, 'configs') }))).toEqual(EVERY_BLOCK);
    expect(await filesVerdicts(of('configs/ci-config'), { 'configs/ci-config': LOCAL })).toEqual(EVERY_BLOCK);
    await expect(filesVerdicts(of('/etc/ci/aws-config'), {})).rejects.toThrow(/: provider\.aws `shared_config_files` names "\/etc\/ci\/aws-config" \(\/etc\/ci\/aws-config\), which does not exist: /);
    await expect(filesVerdicts(() => KMS_AND_PROVIDERS('    shared_credentials_files = ["~root/credentials"]\n'), {})).rejects.toThrow(/`shared_credentials_files` names "~root\/credentials": terraform cannot expand another user's home directory/);
  });

  it("check: a finding from the credentials file names it and shows the endpoint only, never a key, in every format; a file a block names that does not exist is one line, exit 2", async () => {
    const credentials =
      '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = FwoGZXIvYXdzEJr/K7MDENG/bPxRfiCYEXAMPLEKEY\n[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = FwoGZXIvYXdzEJr/K7MDENG/bPxRfiCYEXAMPLEKEY\nendpoint_url = http://deployer:Zq8xWv3pTr9Lm@minio.internal:9000\n';
    await withFiles({ 'main.tf': PROVIDERS_AND_BACKEND, 'ci-credentials': credentials }, async (dir) => {
      const env = { AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'ci-credentials'), AWS_PROFILE: 'dev' };
      const found = await maskedInEveryFormat(dir, env);
      expect(found.map((f) => `${f.address} ${f.path}`)).toEqual(['provider.aws endpoints', 'provider.awscc endpoints', 'terraform.backend.s3 endpoints']);
      expect(found[0].message).toContain(`(\`endpoint_url\` of [dev] in the AWS credentials file ${env.AWS_SHARED_CREDENTIALS_FILE} is "http://***:***@minio.internal:9000"`);
      for (const format of FORMATS) expect((await twinguard(['check', dir, '--format', format], { env })).stdout).not.toMatch(/AKIA|EXAMPLEKEY/);
      fs.writeFileSync(path.join(dir, 'main.tf'), `provider "aws" {\n  region                   = "eu-west-1"\n  shared_credentials_files = ["$HOME/ci-credentials"]\n}\n`);
      const missing = await twinguard(['check', dir], { env: { HOME: path.join(dir, 'nowhere') } });
      expect({ code: missing.code, stdout: missing.stdout }).toEqual({ code: 2, stdout: '' });
      expect(missing.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^twinguard: .*: provider\.aws `shared_credentials_files` names "\$HOME\/ci-credentials" \(.*nowhere\/ci-credentials\), which does not exist: .*remove it from the list$/),
      ]);
      const missingEnv = await twinguard(['check', dir], { env: { AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'missing') } });
      expect({ code: missingEnv.code, stderr: missingEnv.stderr.trim() }).toEqual({ code: 2, stderr: expect.stringMatching(/^twinguard: AWS_SHARED_CREDENTIALS_FILE: names .*missing, which does not exist: .*unset it$/) });
    });
  });

  it(".tf: a block's profile comes before AWS_PROFILE; one the input does not fix leaves every profile of the file judged; the aws_kms key provider reads its own", async () => {
    const profiled = (profile: string) => `variable "p" {}\nprovider "aws" {\n  region  = "eu-west-1"\n  profile = ${profile}\n}\n`;
    expect(await tfVerdicts(profiled('"local"'), { AWS_PROFILE: 'quiet' })).toEqual(['provider.aws fail endpoints']);
    expect(await tfVerdicts(profiled('"quiet"'), { AWS_PROFILE: 'local' })).toEqual([expect.stringMatching(/ pass$/)]);
    expect(await tfVerdicts(profiled('var.p'), {})).toEqual(['provider.aws fail endpoints.s3', 'provider.aws fail endpoints']);
    const kms = `terraform {\n  encryption {\n    key_provider "aws_kms" "k" {\n      kms_key_id = "alias/tfstate"\n      key_spec   = "AES_256"\n      region     = "eu-west-1"\n      profile    = "local"\n    }\n    method "aes_gcm" "m" {\n      keys = key_provider.aws_kms.k\n    }\n  }\n}\n`;
    expect(await tfVerdicts(kms, {})).toEqual(['terraform.encryption.key_provider.aws_kms.k fail endpoints']);
  });

  it('the file is $HOME/.aws/config where AWS_CONFIG_FILE is not set, none where it does not exist; an AWS_CONFIG_FILE that names no file, or one that cannot be read, is refused', async () => {
    await withFiles({ 'main.tf': PROVIDERS_AND_BACKEND, 'home/.aws/config': CONFIG, 'empty/.keep': '' }, async (dir) => {
      const of = async (env: Record<string, string>) => verdicts(buildGraph([await loadHcl(dir, { env })]));
      expect(await of({ HOME: path.join(dir, 'home'), AWS_PROFILE: 'local' })).toEqual(['provider.aws fail endpoints', 'provider.awscc fail endpoints', 'terraform.backend.s3 fail endpoints']);
      expect(await of({ HOME: path.join(dir, 'home'), AWS_CONFIG_FILE: '~/.aws/config', AWS_PROFILE: 'local' })).toEqual(['provider.aws fail endpoints', 'provider.awscc fail endpoints', 'terraform.backend.s3 fail endpoints']);
      expect(await of({ HOME: path.join(dir, 'empty'), AWS_PROFILE: 'local' })).toEqual([expect.stringMatching(/ pass$/)]);
      // No HOME: the OS user's home, as the AWS SDK finds it (the tests' setup gives one with no file).
      jest.spyOn(os, 'userInfo').mockReturnValueOnce({ ...os.userInfo(), homedir: path.join(dir, 'home') });
      expect(await of({ AWS_PROFILE: 'local' })).toEqual(['provider.aws fail endpoints', 'provider.awscc fail endpoints', 'terraform.backend.s3 fail endpoints']);
      expect(await of({ AWS_PROFILE: 'local' })).toEqual([expect.stringMatching(/ pass$/)]);
      await expect(of({ HOME: path.join(dir, 'home'), AWS_CONFIG_FILE: path.join(dir, 'missing'), AWS_PROFILE: 'local' })).rejects.toThrow(/^AWS_CONFIG_FILE: names .*missing, which does not exist/);
      await expect(of({ AWS_CONFIG_FILE: path.join(dir, 'empty') })).rejects.toThrow(/empty: cannot read the AWS shared config file \(a directory\)/);
    });
  });

  it('check: the finding names the setting, its section and the file, the URL with its user and password starred, in every format; an AWS_CONFIG_FILE that names no file is one line, exit 2', async () => {
    const config = '[profile dev]\nservices = dev-svc\n[services dev-svc]\ns3 =\n  endpoint_url = http://deployer:Zq8xWv3pTr9Lm@minio.internal:9000/state?X-Amz-Security-Token=FwoGZXIvYXdzEJr\n';
    await withFiles({ 'main.tf': PROVIDERS_AND_BACKEND, 'aws-config': config }, async (dir) => {
      const env = { AWS_CONFIG_FILE: path.join(dir, 'aws-config'), AWS_PROFILE: 'dev' };
      const found = await maskedInEveryFormat(dir, env);
      expect(found.map((f) => `${f.address} ${f.path}`)).toEqual(['provider.aws endpoints.s3', 'terraform.backend.s3 endpoints.s3']);
      expect(found[0].message).toContain(
        `provider.aws sends its s3 calls over plain \`http://\` (\`s3.endpoint_url\` of [services dev-svc] in the AWS config file ${env.AWS_CONFIG_FILE} is "http://***:***@minio.internal:9000/...", and the block sets none)`,
      );
      expect(found[0].message).toMatch(/Give `s3\.endpoint_url` an `https:\/\/` URL .*, or remove it from that file\.$/);
      const missing = await twinguard(['check', dir], { env: { ...env, AWS_CONFIG_FILE: path.join(dir, 'missing') } });
      expect({ code: missing.code, stdout: missing.stdout }).toEqual({ code: 2, stdout: '' });
      expect(missing.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^twinguard: AWS_CONFIG_FILE: names .*missing, which does not exist: .*unset it$/)]);
      const flag = await twinguard(['check', dir], { env: { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'yes' } });
      expect({ code: flag.code, stdout: flag.stdout }).toEqual({ code: 2, stdout: '' });
      expect(flag.stderr.trim().split('\n')).toEqual(['twinguard: AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: is "yes", not true or false: terraform refuses it ("need true or false"). Set it to true or false, or unset it']);
    });
  });
});

describeWithShared('provider-tls-verified on real plans', () => {
  it('tc.modern-1.14.9 (terraform-compliance, LocalStack): each of the aws provider\'s http://localhost:4566 endpoints fails', async () => {
    const file = 'terraform-compliance__cli/tc.modern-1.14.9.plan.json';
    const graph = buildGraph([await loadPlanFile(path.join(REAL_PLANS_DIR, file), file)]);
    expect(evaluateRule(rule, graph).map((v) => `${v.address} ${v.status} ${v.path}`)).toEqual(
      ['cloudwatchevents', 'events', 'iam', 'lambda', 'sts'].map((service) => `provider.aws fail endpoints.${service}`),
    );
  });
});
