import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { check } from '../../checks/check';
import { parseConfig } from '../../checks/config';
import { loadHcl } from '../../checks/model/hcl';
import { loadInputs } from '../../checks/model/load';
import { hclLines, scanHcl } from '../../checks/model/positions';
import type { LoadedInput } from '../../checks/model/types';
import { twinguard, withFiles } from '../cli/run';

/** The line (from 1) of the one line of `text` that holds `header`. */
function lineOf(text: string, header: string): number {
  const lines = text.split('\n');
  const at = lines.map((line, i) => (line.includes(header) ? i + 1 : 0)).filter((n) => n > 0);
  if (at.length !== 1) throw new Error(`"${header}" is on ${at.length} lines of the fixture`);
  return at[0];
}

/** Look-alike text everywhere a scan could take it for a block: comments, heredocs, strings and templates. */
const MAIN_TF = `# resource "aws_s3_bucket" "commented" {
// resource "aws_s3_bucket" "also_commented" {
/* resource "aws_s3_bucket" "block_comment" {
} */
locals {
  doc = <<-EOT
    resource "aws_s3_bucket" "in_heredoc" {
    }
    \${jsonencode({ a = "}" })} {
  EOT
  name  = "resource \\"aws_s3_bucket\\" \\"in_string\\" { \${"}"} $\${x}"
  plain = <<EOT
}
EOT
}

resource   aws_s3_bucket   logs{
  bucket = local.name // a comment {
  tags = {
    Owner = "x"
  }
}

  resource "aws_s3_bucket" "one_line" { bucket = "one-line" }

module "store" {
  source = "./modules/s3"
}

provider "aws" {
  region = "eu-west-1"
}
provider "aws" {
  alias  = "east"
  region = "us-east-1"
}

variable "token" {
  default = "AKIAIOSFODNN7EXAMPLE"
}

terraform {
  backend "s3" {
    bucket = "state"
  }
}
`;

const MODULE_TF = `variable "x" {
  default = ""
}

resource "aws_s3_bucket" "inner" {
  bucket = "inner"
}
`;

const JSON_TF = `{
  "resource": {
    "aws_s3_bucket": {
      "from_json": {
        "bucket": "j"
      }
    }
  }
}
`;

const FILES = { 'infra/main.tf': MAIN_TF, 'infra/modules/s3/main.tf': MODULE_TF, 'infra/extra.tf.json': JSON_TF, 'infra/terraform.tfvars': 'region = "eu"\ntoken  = "AKIAIOSFODNN7EXAMPLE"\n' };

describe('positions of .tf input: the file and line of each block', () => {
  let input: LoadedInput;
  beforeAll(async () => {
    input = await withFiles(FILES, (dir) => loadHcl(path.join(dir, 'infra')));
  });
  const at = (key: string) => input.positions?.[key];
  const file = (name: string) => path.join(input.input, name);

  it('places resource blocks however they are spaced and quoted, past comments, heredocs and strings that look like blocks', () => {
    expect(at('aws_s3_bucket.logs')).toEqual({ file: file('main.tf'), line: lineOf(MAIN_TF, 'resource   aws_s3_bucket   logs{') });
    expect(at('aws_s3_bucket.one_line')).toEqual({ file: file('main.tf'), line: lineOf(MAIN_TF, '"one_line"') });
    for (const lookalike of ['commented', 'also_commented', 'block_comment', 'in_heredoc', 'in_string']) expect(at(`aws_s3_bucket.${lookalike}`)).toBeUndefined();
  });

  it('places a .tf.json resource on its name key, and a local module resource in the module file, under the module call', () => {
    expect(at('aws_s3_bucket.from_json')).toEqual({ file: file('extra.tf.json'), line: lineOf(JSON_TF, '"from_json"') });
    expect(at('module.store.aws_s3_bucket.inner')).toEqual({ file: file('modules/s3/main.tf'), line: lineOf(MODULE_TF, 'resource "aws_s3_bucket" "inner"') });
    expect(at('module.store.var.x')).toEqual({ file: file('modules/s3/main.tf'), line: 1 });
  });

  it('places variables, locals, module calls, providers (by alias) and the backend', () => {
    expect(at('var.token')).toEqual({ file: file('main.tf'), line: lineOf(MAIN_TF, 'variable "token"') });
    expect(at('local.name')?.line).toBe(lineOf(MAIN_TF, 'name  ='));
    expect(at('module.store')?.line).toBe(lineOf(MAIN_TF, 'module "store"'));
    expect(at('provider.aws')?.line).toBe(lineOf(MAIN_TF, 'region = "eu-west-1"') - 1);
    expect(at('provider.aws.east')?.line).toBe(lineOf(MAIN_TF, 'alias  = "east"') - 1);
    expect(at('terraform.backend.s3')?.line).toBe(lineOf(MAIN_TF, 'backend "s3"'));
    expect(at('terraform.tfvars var.token')).toEqual({ file: file('terraform.tfvars'), line: 2 });
  });

  it('names files under the input as the user named it (a relative input gives relative files)', async () => {
    const relative = await withFiles(FILES, async (dir) => {
      const cwd = process.cwd();
      process.chdir(dir);
      try {
        return await loadHcl('infra');
      } finally {
        process.chdir(cwd);
      }
    });
    expect(relative.positions?.['module.store.aws_s3_bucket.inner']?.file).toBe(path.join('infra', 'modules', 's3', 'main.tf'));
  });
});

describe('positions are given only where certain', () => {
  it('a scan that disagrees with what hcl2json read places nothing in the file', async () => {
    const text = 'resource "aws_s3_bucket" "a" {\n}\n';
    const other = await parse('main.tf', 'resource "aws_s3_bucket" "b" {\n}\n');
    expect(hclLines(text, await parse('main.tf', text)).get('aws_s3_bucket.a')).toBe(1);
    expect([...hclLines(text, other)]).toEqual([]);
  });

  it('text the scan cannot follow (an unterminated heredoc or string) gives no blocks at all', () => {
    expect(scanHcl('locals {\n  a = <<EOT\nresource "x" "y" {\n}\n')).toBeUndefined();
    expect(scanHcl('locals {\n  a = "open\n}\n')).toBeUndefined();
  });

  it('a name written twice (two provider blocks of one name without alias) has no line', async () => {
    const input = await withFiles({ 'a.tf': 'provider "aws" {\n}\n', 'b.tf': '\nprovider "aws" {\n}\n' }, (dir) => loadHcl(dir));
    expect(input.positions?.['provider.aws']).toBeUndefined();
  });
});

describe('findings of .tf input carry the position of their block', () => {
  it('a resource of a repeated module instance, a variable default and a variable file value each go where written', async () => {
    const main = MAIN_TF.replace('source = "./modules/s3"', 'source   = "./modules/s3"\n  for_each = toset(["a", "b"])');
    const files = { ...FILES, 'infra/main.tf': main };
    const { report } = await withFiles(files, async (dir) => check([await loadHcl(path.join(dir, 'infra'))], parseConfig('version: 1\n', 'test')));
    const of = (address: string, ruleId: string, p?: string) => report.findings.find((f) => f.address === address && f.ruleId === ruleId && (p === undefined || f.path === p))?.position;
    const inner = of('module.store["a"].aws_s3_bucket.inner', 's3-bucket-default-encryption');
    expect(inner?.file).toMatch(/infra[/\\]modules[/\\]s3[/\\]main\.tf$/);
    expect(inner?.line).toBe(lineOf(MODULE_TF, 'resource "aws_s3_bucket" "inner"'));
    expect(of('module.store["b"].aws_s3_bucket.inner', 's3-bucket-default-encryption')).toEqual(inner);
    expect(of('var.token', 'no-credentials-in-variables', 'default')?.line).toBe(lineOf(main, 'variable "token"'));
    expect(of('var.token', 'no-credentials-in-variables', 'terraform.tfvars')).toMatchObject({ file: expect.stringMatching(/terraform\.tfvars$/), line: 2 });
  });

  it('SARIF and Code Quality place them on the repository path of the file and the block line (the command, run at the repository root)', async () => {
    await withFiles(FILES, async (dir) => {
      const sarif = JSON.parse((await twinguard(['check', path.join(dir, 'infra'), '-f', 'sarif'], { cwd: dir })).stdout);
      const result = sarif.runs[0].results.find((r: { ruleId: string; message: { text: string } }) => r.ruleId === 's3-bucket-default-encryption' && r.message.text.includes('[module.store.aws_s3_bucket.inner]'));
      expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'infra/modules/s3/main.tf' }, region: { startLine: lineOf(MODULE_TF, 'resource "aws_s3_bucket" "inner"') } });
      const issues = JSON.parse((await twinguard(['check', path.join(dir, 'infra'), '-f', 'codequality'], { cwd: dir })).stdout);
      const issue = issues.find((i: { check_name: string; description: string }) => i.check_name === 's3-bucket-default-encryption' && i.description.includes('aws_s3_bucket.logs'));
      expect(issue.location).toEqual({ path: 'infra/main.tf', lines: { begin: lineOf(MAIN_TF, 'resource   aws_s3_bucket   logs{') } });
    });
  });
});

// An ephemeral block and an action are no resource of the graph: their findings are placed by the block their instance is of.
describe('findings on ephemeral blocks and actions carry the position of their block', () => {
  const TOKEN = 'ghp_1234567890abcdefghijklmnopqrstuvwxyzAB';
  const BLOCKS = [
    'ephemeral "aws_lambda_invocation" "mint" {',
    '  for_each      = toset(["a", "b"])',
    '  function_name = "mint"',
    `  payload       = jsonencode({ token = "${TOKEN}" })`,
    '}',
    '',
    'action "aws_lambda_invoke" "notify" {',
    '  config {',
    '    function_name = "notify"',
    `    payload       = jsonencode({ token = "${TOKEN}" })`,
    '  }',
    '}',
    '',
  ].join('\n');
  const positionsOf = (report: { findings: readonly { ruleId: string; address: string; position?: unknown }[] }) =>
    Object.fromEntries(report.findings.filter((f) => f.ruleId === 'no-credentials-in-attributes').map((f) => [f.address, f.position]));

  it('in .tf code, the root module and a repeated module instance', async () => {
    const main = `module "app" {\n  source   = "./app"\n  for_each = toset(["eu"])\n}\n\n${BLOCKS}`;
    const { report, dir } = await withFiles({ 'infra/main.tf': main, 'infra/app/main.tf': BLOCKS }, async (root) => ({ dir: root, ...check([await loadHcl(path.join(root, 'infra'))], parseConfig('version: 1\n', 'test')) }));
    const [rootTf, appTf] = [path.join(dir, 'infra', 'main.tf'), path.join(dir, 'infra', 'app', 'main.tf')];
    expect(positionsOf(report)).toEqual({
      'ephemeral.aws_lambda_invocation.mint["a"]': { file: rootTf, line: lineOf(main, 'ephemeral "aws_lambda_invocation" "mint"') },
      'ephemeral.aws_lambda_invocation.mint["b"]': { file: rootTf, line: lineOf(main, 'ephemeral "aws_lambda_invocation" "mint"') },
      'action.aws_lambda_invoke.notify': { file: rootTf, line: lineOf(main, 'action "aws_lambda_invoke" "notify"') },
      'module.app["eu"].ephemeral.aws_lambda_invocation.mint["a"]': { file: appTf, line: lineOf(BLOCKS, 'ephemeral "aws_lambda_invocation" "mint"') },
      'module.app["eu"].ephemeral.aws_lambda_invocation.mint["b"]': { file: appTf, line: lineOf(BLOCKS, 'ephemeral "aws_lambda_invocation" "mint"') },
      'module.app["eu"].action.aws_lambda_invoke.notify': { file: appTf, line: lineOf(BLOCKS, 'action "aws_lambda_invoke" "notify"') },
    });
  });

  it('in cdk.tf.json, on the line of its name', async () => {
    const stack = JSON.stringify(
      {
        resource: { aws_sqs_queue: { q: { name: 'q' } } },
        ephemeral: { aws_lambda_invocation: { mint: { function_name: 'mint', payload: `{"token":"${TOKEN}"}` } } },
        action: { aws_lambda_invoke: { notify: { config: { function_name: 'notify', payload: `{"token":"${TOKEN}"}` } } } },
      },
      null,
      2,
    );
    const { report, file } = await withFiles({ 'cdk.tf.json': stack }, async (dir) => ({ file: path.join(dir, 'cdk.tf.json'), ...check(await loadInputs([path.join(dir, 'cdk.tf.json')]), parseConfig('version: 1\n', 'test')) }));
    expect(positionsOf(report)).toEqual({
      'ephemeral.aws_lambda_invocation.mint': { file, line: lineOf(stack, '"mint": {') },
      'action.aws_lambda_invoke.notify': { file, line: lineOf(stack, '"notify": {') },
    });
  });
});

describe('positions of cdk.tf.json input', () => {
  it('a finding on a stack resource goes on the line of its name in cdk.tf.json, its construct path kept', async () => {
    const inputs = await loadInputs([path.join(__dirname, '..', 'fixtures', 'cdktf', 'cdktf.out')]);
    const dev = inputs.find((i) => i.stack === 'dev') as LoadedInput;
    const { report } = check(inputs, parseConfig('version: 1\n', 'test'));
    const found = report.findings.find((f) => f.input === dev.input && f.address === 'aws_s3_bucket.data' && f.ruleId === 's3-bucket-default-encryption');
    expect(found).toMatchObject({ constructPath: 'dev/workspace/bucket', position: { file: dev.input, line: lineOf(fs.readFileSync(dev.input, 'utf8'), '"data": {') } });
  });

  it("a local module's resource goes on its line in the module's copy under assets/", async () => {
    const asset = 'assets/__cdktf_module_asset_1/2/storage';
    const moduleTf = 'variable "bucket_name" {}\n\nresource "aws_s3_bucket" "b" {\n  bucket = var.bucket_name\n}\n';
    const stack = JSON.stringify({ '//': { metadata: { stackName: 'dev' } }, module: { storage: { source: `./${asset}`, bucket_name: 'data' } } }, null, 2);
    const input = await withFiles({ 'cdktf.out/stacks/dev/cdk.tf.json': stack, [`cdktf.out/stacks/dev/${asset}/main.tf`]: moduleTf }, async (dir) => (await loadInputs([path.join(dir, 'cdktf.out', 'stacks', 'dev', 'cdk.tf.json')]))[0]);
    expect(input.positions?.['module.storage.aws_s3_bucket.b']).toEqual({ file: path.join(path.dirname(input.input), asset, 'main.tf'), line: lineOf(moduleTf, 'resource "aws_s3_bucket" "b"') });
    expect(input.positions?.['module.storage']).toEqual({ file: input.input, line: lineOf(stack, '"storage": {') });
  });
});

describe('positions of a plan read with its code (--code DIR)', () => {
  const dir = path.join(__dirname, '..', 'fixtures', 'policy-placeholders');
  const location = async (args: string[]) => {
    const sarif = JSON.parse((await twinguard(['check', path.join(dir, 'plan.json'), ...args, '-f', 'sarif'])).stdout);
    const result = sarif.runs[0].results.find((r: { ruleId: string; message: { text: string } }) => r.ruleId === 's3-bucket-default-encryption' && r.message.text.endsWith('[aws_s3_bucket.this]'));
    return result.locations[0].physicalLocation;
  };

  it('a finding on a plan resource goes on the block the code writes at its address; without the code, on the plan, line 1', async () => {
    const main = fs.readFileSync(path.join(dir, 'main.tf'), 'utf8');
    expect(await location(['--code', dir])).toEqual({ artifactLocation: { uri: '__tests__/fixtures/policy-placeholders/main.tf' }, region: { startLine: lineOf(main, 'resource "aws_s3_bucket" "this"') } });
    expect(await location([])).toEqual({ artifactLocation: { uri: '__tests__/fixtures/policy-placeholders/plan.json' }, region: { startLine: 1 } });
  });
  it("a finding inside a module call whose source the plan records otherwise stays on the plan: the code given is not what was planned", async () => {
    const queue = (module: string) => ({ address: `${module}.aws_sqs_queue.q`, module_address: module, mode: 'managed', type: 'aws_sqs_queue', name: 'q', provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['create'], before: null, after: { name: 'q', tags: {} }, after_unknown: {}, before_sensitive: false, after_sensitive: {} } });
    const call = (source: string) => ({ source, module: { resources: [{ address: 'aws_sqs_queue.q', mode: 'managed', type: 'aws_sqs_queue', name: 'q', provider_config_key: 'aws', expressions: {} }] } });
    const plan = { format_version: '1.2', terraform_version: '1.11.4', resource_changes: [queue('module.a'), queue('module.b')], configuration: { provider_config: { aws: { name: 'aws', expressions: { region: { constant_value: 'us-east-1' } } } }, root_module: { module_calls: { a: call('./m1'), b: call('./other') } } } };
    const files = { 'plan.json': JSON.stringify(plan), 'code/main.tf': 'module "a" {\n  source = "./m1"\n}\n\nmodule "b" {\n  source = "./m2"\n}\n', 'code/m1/main.tf': '\nresource "aws_sqs_queue" "q" {\n  name = "q"\n}\n', 'code/m2/main.tf': '\n\n\nresource "aws_sqs_queue" "q" {\n  name = "q"\n}\n' };
    const placed = await withFiles(files, async (dir) => {
      const report = JSON.parse((await twinguard(['check', path.join(dir, 'plan.json'), '--code', path.join(dir, 'code'), '-f', 'json'])).stdout);
      return new Map(report.findings.map((f: { address: string; file?: string; line?: number }) => [f.address, f.file === undefined ? 'plan' : `${path.relative(dir, f.file)}:${f.line}`]));
    });
    expect(placed.get('module.a.aws_sqs_queue.q')).toBe(path.join('code', 'm1', 'main.tf') + ':2');
    expect(placed.get('module.b.aws_sqs_queue.q')).toBe('plan');
  });
});

// An override's argument replaces the base block's: a finding on it is about what the override wrote.
describe('findings on what an override file sets in a block', () => {
  const MAIN = ['resource "aws_sqs_queue" "q" {', '  name                    = "q1"', '  sqs_managed_sse_enabled = true', '}', '', 'resource "aws_cloudwatch_log_group" "g" {', '  name       = "g1"', '  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"', '}', ''].join('\n');
  const OVERRIDE = ['# the queue is tested without its own key', 'resource "aws_sqs_queue" "q" {', '  sqs_managed_sse_enabled = false', '}', ''].join('\n');
  const B_OVERRIDE = ['resource "aws_cloudwatch_log_group" "g" {', '  kms_key_id = null', '}', ''].join('\n');
  const FILES = { 'main.tf': MAIN, 'override.tf': OVERRIDE, 'b_override.tf': B_OVERRIDE, 'prov.tf': 'provider "aws" {\n  region = "us-east-1"\n}\n' };
  const sarifLocation = (sarif: { runs: { results: { ruleId: string; message: { text: string }; locations: { physicalLocation: unknown }[] }[] }[] }, ruleId: string) =>
    sarif.runs[0].results.find((r) => r.ruleId === ruleId)?.locations[0].physicalLocation;

  it("go on the override's line of the argument, in text and SARIF; one the base still sets keeps the base block's line", async () => {
    await withFiles(FILES, async (dir) => {
      const text = (await twinguard(['check', dir, '--no-color'], { cwd: dir })).stdout;
      expect(text).toContain(`cloudwatch-log-group-encrypted [kms_key_id] at ${path.join(dir, 'b_override.tf')}:${lineOf(B_OVERRIDE, 'kms_key_id')}`);
      expect(text).toContain(`sqs-queue-encrypted [sqs_managed_sse_enabled] at ${path.join(dir, 'override.tf')}:${lineOf(OVERRIDE, 'sqs_managed_sse_enabled')}`);
      // tags: set by neither override, so written (or left out) in the base block.
      expect(text).toContain(`required-tags [tags] at ${path.join(dir, 'main.tf')}:${lineOf(MAIN, 'resource "aws_cloudwatch_log_group" "g"')}`);
      const sarif = JSON.parse((await twinguard(['check', dir, '-f', 'sarif'], { cwd: dir })).stdout);
      expect(sarifLocation(sarif, 'cloudwatch-log-group-encrypted')).toEqual({ artifactLocation: { uri: 'b_override.tf' }, region: { startLine: lineOf(B_OVERRIDE, 'kms_key_id') } });
      expect(sarifLocation(sarif, 'sqs-queue-encrypted')).toEqual({ artifactLocation: { uri: 'override.tf' }, region: { startLine: lineOf(OVERRIDE, 'sqs_managed_sse_enabled') } });
    });
  });

  it('in a .tf.json override, and for a nested block type it replaces, on the line of its key', async () => {
    const over = JSON.stringify({ resource: { aws_cloudwatch_log_group: { g: { kms_key_id: null } } } }, null, 2);
    const input = await withFiles({ ...FILES, 'main.tf.json': JSON.stringify({ resource: { aws_cloudwatch_log_group: { j: { name: 'j' } } } }), 'j_override.tf.json': over.replace('"g"', '"j"'), 'b_override.tf': B_OVERRIDE + 'resource "aws_sqs_queue" "q" {\n  dynamic "x" {\n    for_each = []\n    content {}\n  }\n}\n' }, (dir) => loadHcl(dir));
    expect(input.positions?.['aws_cloudwatch_log_group.j#kms_key_id']).toEqual({ file: expect.stringMatching(/j_override\.tf\.json$/), line: lineOf(over, '"kms_key_id"') });
    expect(input.positions?.['aws_sqs_queue.q#x']).toEqual({ file: expect.stringMatching(/b_override\.tf$/), line: 5 });
    expect(input.positions?.['aws_sqs_queue.q#name']).toBeUndefined();
  });
});
