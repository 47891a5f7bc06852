import rule from '../../../checks/rules/sensitive-data/no-static-provider-credentials';
import { evaluateRule, ruleTable } from '../../helpers/rule-table';
import { graphOf, plan, res } from '../../helpers/plan-builder';
import * as path from 'node:path';
import { runRules } from '../../../checks/engine';
import { buildGraph } from '../../../checks/model/graph';
import { parseCdktfDocument } from '../../../checks/model/cdktf';
import { loadPlanFile } from '../../../checks/model/plan';
import { DEFAULT_SETTINGS } from '../../../checks/settings';
import { describeWithShared, REAL_PLANS_DIR } from '../../helpers/shared';
import { awsProvider } from '../tagging/fixtures';
import { checkFindings, twinguard, withFiles } from '../../cli/run';

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
    name: 'another provider (google) writing an access token as a constant fails too, on its block',
    plan: plan([res('google_storage_bucket.g', { name: 'g' }, { provider: 'google' })], {
      providers: { google: { name: 'google', expressions: { access_token: { constant_value: 'ya29.secret' } } } },
    }),
    expect: { 'provider.google': 'fail' },
  },
  {
    name: 'provider blocks that write no credential pass',
    plan: plan([res('google_storage_bucket.g', { name: 'g' }, { provider: 'google' })], { providers: { google: { name: 'google', expressions: { project: { constant_value: 'acme-prod' } } } } }),
    expect: { 'plan.json': 'pass' },
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

describe('the state backend block of a configuration input', () => {
  const INPUT = 'cdk.tf.json';
  const verdictsOf = (backend: Record<string, unknown>) =>
    evaluateRule(rule, buildGraph([parseCdktfDocument({ terraform: { backend }, resource: { aws_sqs_queue: { q: { name: 'q' } } } }, INPUT)]));

  it('a key, a token and an SSE-C key written into an s3 backend fail, each masked, with the raw value in redact', () => {
    const SSE_C = 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=';
    const verdicts = verdictsOf({ s3: { bucket: 'tfstate', key: 'k', encrypt: true, access_key: 'AKIAIOSFODNN7EXAMPLE', secret_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', sse_customer_key: SSE_C } });
    expect(verdicts.map((v) => [v.address, v.status, v.path])).toEqual([
      ['terraform.backend.s3', 'fail', 'access_key'],
      ['terraform.backend.s3', 'fail', 'secret_key'],
      ['terraform.backend.s3', 'fail', 'sse_customer_key'],
    ]);
    for (const v of verdicts) expect(v.message).not.toMatch(/IOSFODNN|rXUtnFEMI|Njc4OWFiY2Rl/);
  });

  it('a key read from a variable (OpenTofu 1.8 evaluates it at init) is no constant of the block', () => {
    expect(verdictsOf({ s3: { bucket: 'tfstate', key: 'k', encrypt: true, access_key: '${var.state_access_key}', secret_key: '${var.state_secret_key}' } }).map((v) => v.status)).toEqual(['pass']);
  });

  it('a token in a nested block fails too, on its path', () => {
    const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaS1kZXBsb3kiLCJhdWQiOiJzdHMuYW1hem9uYXdzLmNvbSJ9.c2lnbmF0dXJlLWJ5dGVzLWhlcmU';
    const verdicts = verdictsOf({ s3: { bucket: 'tfstate', key: 'k', encrypt: true, assume_role_with_web_identity: { role_arn: 'arn:aws:iam::111122223333:role/deploy', web_identity_token: JWT } } });
    expect(verdicts.map((v) => [v.address, v.status, v.path])).toEqual([['terraform.backend.s3', 'fail', 'assume_role_with_web_identity.web_identity_token']]);
    expect(verdicts[0].message).not.toContain('eyJzdWIi');
  });

  it('a connection string with a password fails; bucket, key, region and a KMS key id are not credentials', () => {
    expect(verdictsOf({ pg: { conn_str: 'postgres://terraform:Tr0ub4dor-and-3@db.example.com/state' } }).map((v) => [v.address, v.status, v.path])).toEqual([
      ['terraform.backend.pg', 'fail', 'conn_str'],
    ]);
    expect(verdictsOf({ s3: { bucket: 'tfstate', key: 'twinmaker/prod.tfstate', region: 'eu-west-1', encrypt: true, kms_key_id: 'arn:aws:kms:eu-west-1:111111111111:alias/tfstate', profile: 'deploy' } }).map((v) => v.status)).toEqual(['pass']);
  });

  it.each([
    ['consul', { address: 'consul.example.com:8500', path: 'tf', http_auth: 'terraform:Zq8Wv3xLm9Kp' }, 'http_auth'],
    ['oss', { bucket: 'b', region: 'cn-hangzhou', security_token: 'CAIS8wF1q6Ft5B2yfSjIr5bkKNvSj7pq6ajSWkPn0GQ' }, 'security_token'],
    ['cos', { bucket: 'b', region: 'ap-guangzhou', security_token: 'Zq8Wv3xLm9KpQ2rT5uV8wX1y' }, 'security_token'],
    ['azurerm', { storage_account_name: 'sa', container_name: 'tfstate', key: 'k', use_oidc: true, oidc_token: 'Zq8Wv3xLm9KpQ2rT5uV8wX1y' }, 'oidc_token'],
    ['http', { address: 'https://state.example.com/tf', client_private_key_pem: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC' }, 'client_private_key_pem'],
    ['kubernetes', { secret_suffix: 'state', host: 'https://k8s.example.com', client_key: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC' }, 'client_key'],
    ['gcs', { bucket: 'tfstate', credentials: '{"type":"service_account","client_email":"tf@p.iam.gserviceaccount.com","private_key_id":"Zq8Wv3xLm9Kp"}' }, 'credentials'],
  ])('a %s backend credential by its name fails, masked', (type, settings, path) => {
    const verdicts = verdictsOf({ [type]: settings });
    expect(verdicts.map((v) => [v.address, v.status, v.path])).toEqual([[`terraform.backend.${type}`, 'fail', path]]);
    expect(verdicts[0].message).not.toMatch(/Zq8Wv3xLm9|q6Ft5B2yfS|BgkqhkiG9w0|service_account/);
  });

  it("a gcs backend's credentials file named by its path is no credential", () => {
    expect(verdictsOf({ gcs: { bucket: 'tfstate', credentials: '/secrets/terraform-sa.json' } }).map((v) => v.status)).toEqual(['pass']);
    expect(verdictsOf({ gcs: { bucket: 'tfstate', credentials: 'terraform-sa.json' } }).map((v) => v.status)).toEqual(['pass']);
  });

  it('an HCP Terraform token in the cloud block fails, on terraform.cloud', () => {
    expect(verdictsOf({}).map((v) => v.status)).toEqual(['not-applicable']);
    const graph = buildGraph([parseCdktfDocument({ terraform: { cloud: { organization: 'acme', token: 'abcdefghijklmn.atlasv1.0123456789abcdefghijklmnopqrstuvwxyz' } } }, INPUT)]);
    expect(evaluateRule(rule, graph).map((v) => [v.address, v.status, v.path])).toEqual([['terraform.cloud', 'fail', 'token']]);
  });
});

describe('an OpenTofu state encryption key provider', () => {
  const INPUT = 'cdk.tf.json';
  const graphOf = (keyProvider: Record<string, unknown>) =>
    buildGraph([
      parseCdktfDocument(
        { terraform: { encryption: { key_provider: keyProvider, method: { aes_gcm: { m: { keys: '${key_provider.pbkdf2.k}' } } }, state: { method: '${method.aes_gcm.m}' } } }, resource: { aws_sqs_queue: { q: { name: 'q' } } } },
        INPUT,
      ),
    ]);
  const verdictsOf = (keyProvider: Record<string, unknown>) => evaluateRule(rule, graphOf(keyProvider));
  const PASSPHRASE = 'correct-horse-battery-staple-42';

  it('a pbkdf2 passphrase written as a constant fails on the key provider, masked, with the raw value in redact', () => {
    const { findings } = runRules(graphOf({ pbkdf2: { k: { passphrase: PASSPHRASE } } }), DEFAULT_SETTINGS, [rule]);
    expect(findings.map((f) => [f.address, f.status, f.path])).toEqual([['terraform.encryption.key_provider.pbkdf2.k', 'fail', 'passphrase']]);
    expect(findings[0].message).toMatch(/the key to the encrypted state/);
    expect(findings[0].message).not.toContain('horse-battery');
    expect(findings[0].redact).toEqual([PASSPHRASE]);
  });

  it('a passphrase from a variable and an aws_kms key id are not constants of a secret', () => {
    expect(verdictsOf({ pbkdf2: { k: { passphrase: '${var.state_passphrase}' } }, aws_kms: { kms: { kms_key_id: 'alias/tofu-state', key_spec: 'AES_256' } } }).map((v) => v.status)).toEqual(['pass']);
  });

  it('an access key written into an aws_kms key provider fails', () => {
    expect(verdictsOf({ aws_kms: { kms: { kms_key_id: 'alias/tofu-state', key_spec: 'AES_256', secret_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } } }).map((v) => [v.address, v.status, v.path])).toEqual([
      ['terraform.encryption.key_provider.aws_kms.kms', 'fail', 'secret_key'],
    ]);
  });
});

describe('provider blocks of any provider, in .tf', () => {
  const TOKEN = 'ghp_R7xq2Lm9Pz4Kd8Wc1Nv6Ty3Hb5Js0Ae7Gu2F';
  const verdicts = (main: string, ...args: string[]) =>
    withFiles({ 'main.tf': main }, async (dir) => (await checkFindings([dir, '--input-kind', 'hcl', ...args])).findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.path]));

  it('a token or password another provider writes as a constant fails (a Checkov and KICS case); one given from outside the code does not', async () => {
    const main = `variable "pg" {}\nprovider "github" {\n  token = "${TOKEN}"\n}\nprovider "postgresql" {\n  host     = "db.example.com"\n  username = "admin"\n  password = "S3cr3t-Passw0rd!"\n}\nprovider "postgresql" {\n  alias    = "given"\n  password = var.pg\n}\n`;
    expect(await verdicts(main, '--var', 'pg=Given-Passw0rd-42')).toEqual([
      ['provider.github', 'token'],
      ['provider.postgresql', 'password'],
    ]);
  });

  it('names other providers give their keys (datadog app_key, grafana auth) fail; a key file name or a bracketed placeholder (okta private_key) does not', async () => {
    const main = [
      'provider "datadog" {\n  app_key = "9f2b7c1e4d8a6b3f0e5c2a7d9b1f4e6c8a0d3b5f"\n}',
      'provider "grafana" {\n  url  = "https://myorg.grafana.net/"\n  auth = "glsa_Zk3Xq9PpR7tLmN2vB8cW4yH6jD0sF1aE_4f9c2b7a"\n}',
      'provider "okta" {\n  org_name    = "dev-123456"\n  private_key = "okta-private-key.pem"\n}',
      'provider "okta" {\n  alias       = "home"\n  private_key = "~/.okta/private.pem"\n}',
      'provider "okta" {\n  alias       = "docs"\n  private_key = "[PRIVATE KEY]"\n}',
    ].join('\n');
    expect(await verdicts(main)).toEqual([
      ['provider.datadog', 'app_key'],
      ['provider.grafana', 'auth'],
    ]);
  });

  it("the aws provider's access key given with --var is not a constant of the block (it was reported as one)", async () => {
    const main = 'variable "k" {}\nprovider "aws" {\n  region     = "eu-west-1"\n  access_key = var.k\n}\n';
    expect(await verdicts(main, '--var', 'k=AKIAIOSFODNN7EXAMPLE')).toEqual([]);
    expect(await verdicts(main.replace('variable "k" {}', 'variable "k" {\n  default = "AKIAIOSFODNN7EXAMPLE"\n}'))).toEqual([['provider.aws', 'access_key']]);
  });
});

// The remediation named AWS_PROFILE alone among the ways the provider finds credentials; SARIF shows it as the rule's help.
it("the rule's help (SARIF) names the usual ways instead: a named profile, the AWS_* environment variables, an instance or task role, OIDC in CI, assume_role", async () => {
  const main = 'provider "aws" {\n  region     = "eu-west-1"\n  access_key = "AKIAIOSFODNN7EXAMPLE"\n}\n';
  const help = await withFiles({ 'main.tf': main }, async (dir) => {
    const run = await twinguard(['check', dir, '--input-kind', 'hcl', '--format', 'sarif']);
    return JSON.parse(run.stdout).runs[0].tool.driver.rules.find((r: { id: string }) => r.id === rule.id).help.text as string;
  });
  expect(help).toMatch(/a named profile \(`AWS_PROFILE`\), the `AWS_ACCESS_KEY_ID` \/ `AWS_SECRET_ACCESS_KEY` \/ `AWS_SESSION_TOKEN` environment variables, an instance or task role, OIDC in CI, or `assume_role`\.$/);
});

// OpenTofu 1.8 evaluates a backend's and a key provider's variables and locals at init (early evaluation).
describe('backend and key provider settings from locals, in .tf', () => {
  const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ';
  const PASSPHRASE = 'correct-horse-battery-staple-42';
  const verdicts = (main: string, ...args: string[]) =>
    withFiles({ 'main.tf': main }, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', 'hcl', ...args]);
      return findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.path, f.message.includes(SECRET) || f.message.includes(PASSPHRASE)]);
    });
  const backend = (value: string) => `terraform {\n  backend "s3" {\n    bucket     = "tfstate"\n    key        = "k"\n    region     = "eu-west-1"\n    encrypt    = true\n    secret_key = ${value}\n  }\n}\n`;
  const keyProvider = (value: string) =>
    `terraform {\n  encryption {\n    key_provider "pbkdf2" "k" {\n      passphrase = ${value}\n    }\n    method "aes_gcm" "m" {\n      keys = key_provider.pbkdf2.k\n    }\n    state {\n      method = method.aes_gcm.m\n    }\n  }\n}\n`;

  it('a local holding a key or passphrase fails, as the same local in a provider block does, masked', async () => {
    expect(await verdicts(`locals {\n  sk = "${SECRET}"\n}\n${backend('local.sk')}`)).toEqual([['terraform.backend.s3', 'secret_key', false]]);
    expect(await verdicts(`locals {\n  pw = "${PASSPHRASE}"\n}\n${keyProvider('"${local.pw}"')}`)).toEqual([['terraform.encryption.key_provider.pbkdf2.k', 'passphrase', false]]);
  });

  it('a value given from outside the code (--var) is not a constant of the block, through a local or not', async () => {
    expect(await verdicts(`variable "sk" {}\nlocals {\n  sk = var.sk\n}\n${backend('local.sk')}`, '--var', `sk=${SECRET}`)).toEqual([]);
    expect(await verdicts(`variable "pw" {\n  sensitive = true\n}\n${keyProvider('var.pw')}`, '--var', `pw=${PASSPHRASE}`)).toEqual([]);
  });
});

describe('a module call\'s source', () => {
  const TOKEN = 'ghp_R4nd0mT0k3nV4lu3Abc123XyZ987qWeRtY654';
  const graphOf = (source: string) => buildGraph([parseCdktfDocument({ module: { net: { source } }, resource: { aws_sqs_queue: { q: { name: 'q' } } } }, 'cdk.tf.json')]);

  it('a token in its URL fails on the module call, masked, with the raw value in redact; the coverage shows the source without it, whether the rule runs or not', () => {
    const graph = graphOf(`git::https://oauth2:${TOKEN}@github.com/acme/net.git?ref=v1`);
    const { findings, coverage } = runRules(graph, DEFAULT_SETTINGS, [rule]);
    expect(findings.map((f) => [f.address, f.status, f.path])).toEqual([['module.net', 'fail', 'source']]);
    expect(findings[0].message).not.toContain(TOKEN.slice(4));
    expect(findings[0].redact.some((secret) => secret.includes(TOKEN))).toBe(true);
    const { coverage: withoutRule } = runRules(graph, DEFAULT_SETTINGS, []);
    for (const shown of [coverage, withoutRule]) {
      expect(shown.notLoadedModules).toEqual([expect.objectContaining({ module: 'module.net', source: 'git::https://***:***@github.com/acme/net.git?ref=v1' })]);
      expect(JSON.stringify(shown)).not.toContain(TOKEN.slice(4));
    }
  });

  it('a registry source and an ssh git source (git@) hold no credential', () => {
    for (const source of ['terraform-aws-modules/vpc/aws', 'git::ssh://git@github.com/acme/net.git?ref=v1', 'git::https://github.com/acme/net.git']) {
      expect(evaluateRule(rule, graphOf(source)).map((v) => v.status)).toEqual(['pass']);
    }
  });
});

describe("a module call's source with a token as the URL's user, no password (GitHub's `https://<token>@github.com/…`)", () => {
  const GITHUB_LEGACY = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0';
  const AZURE_PAT = 'q7w3e5r2t8y6u4i9o1p0a3s5d7f9g2h4j6k8l1z3x5c7v9b2n4m6';
  const SOURCES: Record<string, string> = {
    gh_legacy_token: `git::https://${GITHUB_LEGACY}@github.com/acme/other.git?ref=v1`,
    azure_devops_pat: `git::https://${AZURE_PAT}@dev.azure.com/acme/proj/_git/mods?ref=v1`,
  };
  const sourcesGraph = (sources: Record<string, string>) =>
    buildGraph([parseCdktfDocument({ module: Object.fromEntries(Object.entries(sources).map(([name, source]) => [name, { source }])), resource: { aws_sqs_queue: { q: { name: 'q' } } } }, 'cdk.tf.json')]);

  it('fails on the module call, masked, as the coverage shows it', () => {
    const { findings, coverage } = runRules(sourcesGraph(SOURCES), DEFAULT_SETTINGS, [rule]);
    expect(findings.map((f) => [f.address, f.status, f.path])).toEqual([
      ['module.azure_devops_pat', 'fail', 'source'],
      ['module.gh_legacy_token', 'fail', 'source'],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('holds a URL with credentials in it (https://***@dev.azure.com/...)'),
      expect.stringContaining('holds a URL with credentials in it (https://***@github.com/...)'),
    ]);
    expect(findings.flatMap((f) => f.redact)).toEqual(expect.arrayContaining([GITHUB_LEGACY, AZURE_PAT]));
    expect(coverage.notLoadedModules.map((m) => m.source)).toEqual(['git::https://***@dev.azure.com/acme/proj/_git/mods?ref=v1', 'git::https://***@github.com/acme/other.git?ref=v1']);
  });

  it(".tf: the reviewer's configuration fails, on the module calls and on the CodeBuild project's location, and no report shows a token", async () => {
    const main = `${Object.entries(SOURCES).map(([name, source]) => `module "${name}" {\n  source = "${source}"\n}\n`).join('')}
resource "aws_codebuild_project" "p" {
  name         = "p"
  service_role = "arn:aws:iam::111111111111:role/r"
  artifacts {
    type = "NO_ARTIFACTS"
  }
  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"
  }
  source {
    type     = "GITHUB"
    location = "https://${GITHUB_LEGACY}@github.com/acme/app.git"
  }
}
`;
    await withFiles({ 'main.tf': main }, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', 'hcl']);
      expect(findings.filter((f) => f.ruleId.startsWith('no-') && f.status === 'fail').map((f) => [f.ruleId, f.address, f.path])).toEqual([
        ['no-credentials-in-attributes', 'aws_codebuild_project.p', 'source.0.location'],
        ['no-static-provider-credentials', 'module.azure_devops_pat', 'source'],
        ['no-static-provider-credentials', 'module.gh_legacy_token', 'source'],
      ]);
      for (const format of ['text', 'json', 'sarif']) {
        const run = await twinguard(['check', dir, '--input-kind', 'hcl', '--format', format]);
        expect(run.code).toBe(1);
        expect(run.stdout + run.stderr).not.toMatch(/a1b2c3d4|q7w3e5r2/);
      }
    });
  });

  it('a plan: the module call its configuration records fails, masked', () => {
    const doc = plan([res('aws_sqs_queue.q', { name: 'q' })]) as { configuration: { root_module: Record<string, unknown> } };
    doc.configuration.root_module.module_calls = { gh_legacy_token: { source: SOURCES.gh_legacy_token, module: {} }, ssh: { source: 'git::ssh://git@github.com/acme/net.git', module: {} } };
    const { findings } = runRules(graphOf(doc), DEFAULT_SETTINGS, [rule]);
    expect(findings.map((f) => [f.address, f.status, f.path])).toEqual([['module.gh_legacy_token', 'fail', 'source']]);
    expect(findings[0].message).not.toContain(GITHUB_LEGACY.slice(0, 8));
  });

  it('user names are no credential: the rule passes, and the coverage shows them as written', () => {
    const names = {
      ssh: 'git::ssh://git@github.com/acme/net.git?ref=v1',
      bitbucket: 'git::https://jdoe@bitbucket.org/acme/net.git',
      github_app: 'git::https://x-access-token@github.com/acme/net.git',
      gitlab: 'git::https://oauth2@gitlab.com/acme/net.git',
      azure_org: 'git::https://acme@dev.azure.com/acme/proj/_git/mods',
      placeholder: 'git::https://<token>@github.com/acme/net.git',
      s3: 's3::https://s3-eu-west-1.amazonaws.com/acme-modules/me@company.com/net.zip',
    };
    const graph = sourcesGraph(names);
    expect(evaluateRule(rule, graph).map((v) => v.status)).toEqual(['pass']);
    const { coverage } = runRules(graph, DEFAULT_SETTINGS, []);
    expect(Object.fromEntries(coverage.notLoadedModules.map((m) => [m.module.replace('module.', ''), m.source]))).toEqual(names);
  });

  it("the coverage stars a password that holds an `@` whole (the user information runs to the URL's last `@`), whether the rule runs or not", () => {
    const graph = sourcesGraph({ net: 'git::https://deploy:p@ss-Zq8Wv3xLm9@git.example.com/acme/net.git' });
    for (const rules of [[rule], []]) {
      const { coverage } = runRules(graph, DEFAULT_SETTINGS, rules);
      expect(coverage.notLoadedModules.map((m) => m.source)).toEqual(['git::https://***:***@git.example.com/acme/net.git']);
    }
  });
});

describe("a module call's source with a secret in its query: the coverage masks it whether the rule runs or not", () => {
  const SECRETS = ['ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789', 'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'FwoGZXIvYXdzEJr8a7Qe1sessionTok3n', '0123abcd4567ef89', 'glpat-Zq8Wv3Lm9Np4Rs6Tv8Wb', 'Hk2Jm4Np6Qr8St0Uv2Wx'];
  const SOURCES: Record<string, string> = {
    git_token: `git::https://example.com/mods.git?ref=v1&token=${SECRETS[0]}`,
    s3_keys: `s3::https://s3.amazonaws.com/acme-modules/net.zip?aws_access_key_id=${SECRETS[1]}&aws_access_key_secret=${SECRETS[2]}&aws_access_token=${SECRETS[3]}`,
    presigned: `https://acme-modules.s3.amazonaws.com/net.zip?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=${SECRETS[4]}`,
    gitlab_package: `https://gitlab.example.com/api/v4/projects/7/packages/generic/net/1.0/net.zip?private_token=${SECRETS[5]}`,
    // A GitLab token of no known shape (an older personal access token): found by its parameter's name alone.
    gitlab_legacy: `https://gitlab.example.com/api/v4/projects/7/packages/generic/net/1.0/net.zip?private_token=${SECRETS[6]}`,
  };
  const SHOWN = [
    'module.git_token (git::https://example.com/mods.git?ref=v1&token=***)',
    'module.gitlab_legacy (https://gitlab.example.com/api/v4/projects/7/packages/generic/net/1.0/net.zip?private_token=***)',
    'module.gitlab_package (https://gitlab.example.com/api/v4/projects/7/packages/generic/net/1.0/net.zip?private_token=***)',
    'module.presigned (https://acme-modules.s3.amazonaws.com/net.zip?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=***)',
    'module.s3_keys (s3::https://s3.amazonaws.com/acme-modules/net.zip?aws_access_key_id=***&aws_access_key_secret=***&aws_access_token=***)',
  ];
  const main = Object.entries(SOURCES).map(([name, source]) => `module "${name}" {\n  source = "${source}"\n}\n`).join('');

  it('fails on each call, and the same coverage line shows every source masked, with the rule off in the configuration and with it on', async () => {
    await withFiles({ 'main.tf': main, 'off.yaml': 'rules:\n  disable: [no-static-provider-credentials]\n' }, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', 'hcl']);
      expect(findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.status, f.path])).toEqual(Object.keys(SOURCES).sort().map((name) => [`module.${name}`, 'fail', 'source']));
      for (const config of [['--config', path.join(dir, 'off.yaml')], []]) {
        const run = await twinguard(['check', dir, '--input-kind', 'hcl', '--no-color', ...config]);
        const coverage = run.stdout.split('\n').find((line) => line.startsWith('Coverage:')) ?? '';
        expect(coverage).toContain(`modules not loaded, their resources not checked (check a plan to cover them): ${SHOWN.join(', ')}`);
        for (const secret of SECRETS) expect(run.stdout + run.stderr).not.toContain(secret.slice(4));
      }
    });
  });
});

describe("a not-loaded module's source named in another rule's message is masked as the coverage masks it", () => {
  // A token in user information and under `token` (maskUrlSecrets stars both), under GitLab's `private_token` and under a
  // name no list knows (`deploy`), where the detector finds it by its shape (glpat-…, ghp_…).
  const SECRETS = ['glpat-Zq8Wv3Lm9Np4Rs6Tv8Wb', 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789', 'glpat-Hk2Jm4Np6Qr8St0Uv2Wx', 'ghp_ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210'];
  const main = `module "net" {
  source = "git::https://oauth2:${SECRETS[0]}@gitlab.example.com/acme/net.git?ref=v1&token=${SECRETS[1]}&private_token=${SECRETS[2]}&deploy=${SECRETS[3]}"
}
resource "aws_sns_topic" "t" {
  name              = "t"
  kms_master_key_id = module.net.key_arn
  tags              = module.net.tags
}
`;

  it('in every format, with no-static-provider-credentials off in the configuration', async () => {
    await withFiles({ 'main.tf': main, 'off.yaml': 'rules:\n  disable: [no-static-provider-credentials]\n' }, async (dir) => {
      const off = ['--input-kind', 'hcl', '--no-color', '--config', path.join(dir, 'off.yaml')];
      const json = JSON.parse((await twinguard(['check', dir, ...off, '--format', 'json'])).stdout);
      const [shown] = json.coverage.notLoadedModules.map((m: { source: string }) => `module.net (${m.source})`);
      const naming = json.findings.filter((f: { message: string }) => f.message.includes('module.net ('));
      expect(naming.map((f: { ruleId: string }) => f.ruleId)).toEqual(expect.arrayContaining(['required-tags']));
      for (const finding of naming) expect(finding.message).toContain(`${shown},`);
      for (const format of ['text', 'json', 'sarif']) {
        const run = await twinguard(['check', dir, ...off, '--format', format]);
        expect(run.stdout).toContain('module.net (git::https://***:***@gitlab.example.com/acme/net.git?ref=v1&token=***&private_token=***&deploy=ghp_***)');
        for (const secret of SECRETS) expect(run.stdout + run.stderr).not.toContain(secret.slice(6));
      }
    });
  });
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
