import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HttpBackend, S3Backend, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AwsccProvider } from '../../../stacks/providers/awscc/provider';
import rule from '../../../checks/rules/encryption-in-transit/provider-tls-verified';
import { parseCdktfDocument } from '../../../checks/model/cdktf';
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
      `terraform {\n  backend "local" {}\n  encryption {\n${providers}\n    method "aes_gcm" "m" {\n      keys = key_provider.aws_kms.k\n    }\n    state {\n      method = method.aes_gcm.m\n    }\n  }\n}\n`;
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
