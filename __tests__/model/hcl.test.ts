import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadHcl, variableFileStrings } from '../../checks/model/hcl';
import { loadInputs } from '../../checks/model/load';
import type { LoadedInput, ResourceData } from '../../checks/model/types';
import { InputError } from '../../checks/errors';
import { twinguard, withFiles } from '../cli/run';

/** The code of an expression that is not constant, kept for symbolic evaluation (symbolic.ts). */
const CODE = { evaluate: expect.any(Function) };

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'hcl');

/** A directory of .tf files written from `files` (each by its path in it), loaded, then removed. */
const loadFiles = (files: Record<string, string>): Promise<LoadedInput> => withFiles(files, (dir) => loadHcl(dir));

const find = (input: LoadedInput, address: string): ResourceData => {
  const found = input.resources.find((r) => r.address === address);
  if (!found) throw new Error(`no ${address} in ${input.resources.map((r) => r.address).join(', ')}`);
  return found;
};

describe('loadHcl: one module', () => {
  let basic: LoadedInput;
  beforeAll(async () => {
    basic = await loadHcl(path.join(FIXTURES, 'basic'));
  });

  it('reads resources of every .tf file, block arrays unwrapped once', () => {
    expect(basic.kind).toBe('hcl');
    expect(find(basic, 'aws_s3_bucket.east')).toMatchObject({ type: 'aws_s3_bucket', name: 'east', module: '', actions: ['create'], after: { bucket: 'east-bucket' } });
    expect(find(basic, 'aws_s3_bucket_versioning.counted[0]').after).toEqual({ versioning_configuration: [{ status: 'Enabled' }] });
  });

  it('marks expressions unknown and records their references', () => {
    const versioning = find(basic, 'aws_s3_bucket_versioning.counted[1]');
    expect(versioning.afterUnknown).toEqual({ bucket: true });
    expect(versioning.config).toMatchObject({ attrs: { bucket: { kind: 'expr', hasConstant: false, references: ['aws_s3_bucket.counted', 'count.index'] } } });
    // A bucket's name its configuration writes is what Terraform plans: the ARN built from it is known.
    const workspace = find(basic, 'awscc_iottwinmaker_workspace.ws');
    expect(workspace.afterUnknown).toEqual({});
    expect(workspace.after).toMatchObject({ workspace_id: 'twin', tags: { Project: 'twinguard' }, s3_location: 'arn:aws:s3:::east-bucket' });
  });

  it('keeps literal tags, and a root variable at its default (no variable file sets it)', () => {
    const bucket = find(basic, 'aws_s3_bucket.counted[0]');
    // `bucket = "counted-${count.index}"`: each instance is read with its own index.
    expect(bucket.after).toEqual({ bucket: 'counted-0', tags: { Name: 'counted', Env: 'us-east-1' } });
    expect(bucket.afterUnknown).toEqual({});
    expect(find(basic, 'aws_s3_bucket.counted[1]').after).toMatchObject({ bucket: 'counted-1' });
  });

  it("gives a module's variables its call's arguments as the caller's code fixes them, else their defaults; per instance (count.index)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-module-vars-'));
    try {
      fs.mkdirSync(path.join(dir, 'm'));
      fs.writeFileSync(
        path.join(dir, 'main.tf'),
        `locals {\n  tags = { Owner = "platform" }\n}\nvariable "env" {\n  default = "dev"\n}\nmodule "one" {\n  source = "./m"\n  tags   = merge(local.tags, { Environment = var.env })\n}\nmodule "many" {\n  source = "./m"\n  count  = 2\n  tags   = { Index = "i-\${count.index}" }\n  name   = "fixed"\n}\n`,
      );
      fs.writeFileSync(
        path.join(dir, 'm', 'main.tf'),
        `variable "tags" {\n  type = map(string)\n}\nvariable "name" {\n  type    = string\n  default = "default-name"\n}\nresource "aws_s3_bucket" "b" {\n  bucket = var.name\n  tags   = var.tags\n}\noutput "tags" {\n  value = var.tags\n}\n`,
      );
      const loaded = await loadHcl(dir);
      const bucket = (address: string) => find(loaded, address);
      expect(bucket('module.one.aws_s3_bucket.b').after).toEqual({ bucket: 'default-name', tags: { Environment: 'dev', Owner: 'platform' } });
      // Each instance of a module takes its arguments with its own count.index.
      expect(bucket('module.many[1].aws_s3_bucket.b').after).toEqual({ bucket: 'fixed', tags: { Index: 'i-1' } });
      expect(bucket('module.many[0].aws_s3_bucket.b').after).toEqual({ bucket: 'fixed', tags: { Index: 'i-0' } });
      expect(bucket('module.many[1].aws_s3_bucket.b').afterUnknown).toEqual({});
      // The module's outputs are one for every instance: read with the per-instance values unknown, not the first instance's.
      const output = loaded.outputs.find((o) => o.module === 'module.many' && o.name === 'tags');
      expect(output?.expr).toMatchObject({ kind: 'expr', hasConstant: false, references: ['var.tags'] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps a sensitive variable unknown: its value must not reach a report through the attributes it sets', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-sensitive-var-'));
    try {
      fs.writeFileSync(path.join(dir, 'main.tf'), 'variable "owner" {\n  default   = "alice@example.com"\n  sensitive = true\n}\nresource "aws_s3_bucket" "b" {\n  tags = { Owner = var.owner }\n}\n');
      expect(find(await loadHcl(dir), 'aws_s3_bucket.b').afterUnknown).toEqual({ tags: { Owner: true } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps a root variable unknown when the environment sets it (TF_VAR_), or when it has no value', async () => {
    const fromEnv = await loadHcl(path.join(FIXTURES, 'basic'), { env: { TF_VAR_east_region_tag: 'eu-west-1' } });
    expect(find(fromEnv, 'aws_s3_bucket.counted[0]').afterUnknown).toEqual({ tags: { Env: true } });
    // var.log_buckets has no default: the for_each over it stays one unindexed instance.
    expect(basic.resources.filter((r) => r.name === 'by_var').map((r) => r.address)).toEqual(['aws_s3_bucket.by_var']);
  });

  it('expands literal count and for_each, and leaves an expression for_each as one unindexed instance', () => {
    expect(basic.resources.filter((r) => r.name === 'counted' && r.type === 'aws_s3_bucket').map((r) => [r.address, r.index])).toEqual([
      ['aws_s3_bucket.counted[0]', 0],
      ['aws_s3_bucket.counted[1]', 1],
    ]);
    expect(basic.resources.filter((r) => r.name === 'each').map((r) => r.address)).toEqual(['aws_s3_bucket.each["alpha"]', 'aws_s3_bucket.each["beta"]']);
    const byVar = basic.resources.filter((r) => r.name === 'by_var');
    expect(byVar.map((r) => [r.address, r.index, r.repetition])).toEqual([['aws_s3_bucket.by_var', undefined, 'for_each']]);
  });

  it('makes a dynamic block unknown instead of absent', () => {
    const sse = find(basic, 'aws_s3_bucket_server_side_encryption_configuration.dynamic');
    expect(sse.afterUnknown).toEqual({ bucket: true, rule: true });
    expect(sse.config).toMatchObject({ attrs: { rule: { kind: 'expr', hasConstant: false, references: ['var.log_buckets'] } } });
  });

  it('reads providers with aliases, default_tags and full names from required_providers', () => {
    expect(basic.providers.map((p) => [p.key, p.alias, p.fullName])).toEqual([
      ['aws', undefined, 'registry.terraform.io/hashicorp/aws'],
      ['aws.east', 'east', 'registry.terraform.io/hashicorp/aws'],
      ['awscc', undefined, 'registry.terraform.io/hashicorp/awscc'],
    ]);
    expect(basic.providers[1].config).toMatchObject({
      attrs: { default_tags: { kind: 'list', items: [{ attrs: { tags: { kind: 'expr', hasConstant: true, constant: { Region: 'us-east-1' } } } }] } },
    });
    expect(find(basic, 'aws_s3_bucket.east').providerConfigKey).toBe('aws.east');
  });

  it('reads data sources and outputs', () => {
    expect(find(basic, 'data.aws_iam_policy_document.p')).toMatchObject({ mode: 'data', afterUnknown: { statement: [{ resources: [true] }] } });
    expect(basic.outputs).toEqual([{ module: '', name: 'east_bucket', expr: { kind: 'expr', hasConstant: false, references: ['aws_s3_bucket.east.id', 'aws_s3_bucket.east'], source: CODE }, sensitive: true }]);
  });

  it('reads .tf.json files beside .tf files', async () => {
    const mixed = await loadHcl(path.join(FIXTURES, 'mixed'));
    expect(mixed.resources.map((r) => r.address)).toEqual(['aws_s3_bucket.hcl', 'aws_s3_bucket_versioning.json']);
    expect(find(mixed, 'aws_s3_bucket_versioning.json').after).toEqual({ versioning_configuration: [{ status: 'Enabled' }] });
  });
});

describe('loadHcl: Terraform JSON syntax writes a block level as a list of objects too', () => {
  it('reads resources, data sources, modules, variables, outputs and the backend written so, as terraform plans them', async () => {
    const main = {
      terraform: [{ backend: [{ s3: { bucket: 'state', key: 'k', region: 'eu-west-1', encrypt: false } }] }],
      variable: [{ name: { default: 'from-default' } }],
      resource: [{ aws_s3_bucket: { a: { bucket: '${var.name}' } } }, { aws_s3_bucket: [{ b: [{ bucket: 'b' }] }] }],
      data: [{ aws_caller_identity: [{ me: {} }] }],
      module: [{ m: { source: './m' } }],
    };
    const input = await loadFiles({ 'main.tf.json': JSON.stringify(main), 'm/main.tf.json': JSON.stringify({ resource: { aws_kms_key: [{ k: {} }] }, output: [{ id: { value: '${aws_kms_key.k.id}' } }] }) });
    expect(input.resources.map((r) => r.address).sort()).toEqual(['aws_s3_bucket.a', 'aws_s3_bucket.b', 'data.aws_caller_identity.me', 'module.m.aws_kms_key.k']);
    expect(find(input, 'aws_s3_bucket.a').after).toEqual({ bucket: 'from-default' });
    expect(input.backend?.type).toBe('s3');
    expect(input.backend?.settings.get('encrypt').bool()).toEqual({ kind: 'known', value: false });
  });
});

describe('loadHcl: a block Terraform JSON syntax writes twice in a list', () => {
  it('is refused as Terraform refuses it (Duplicate resource), in one line', async () => {
    const doc = { resource: [{ aws_s3_bucket: { a: { bucket: 'x' } } }, { aws_s3_bucket: { a: { bucket: 'y' } } }] };
    await expect(loadFiles({ 'main.tf.json': JSON.stringify(doc) })).rejects.toThrow(/resource "aws_s3_bucket" "a" is declared more than once/);
  });
});

describe('loadHcl: modules', () => {
  let tree: LoadedInput;
  beforeAll(async () => {
    tree = await loadHcl(path.join(FIXTURES, 'modules'));
  });

  it('loads local modules recursively, with module instance addresses', () => {
    expect(tree.resources.map((r) => r.address)).toEqual([
      'aws_s3_bucket_server_side_encryption_configuration.root_sse',
      'module.store[0].aws_s3_bucket.b',
      'module.store[0].aws_s3_bucket_server_side_encryption_configuration.b',
      'module.store[0].module.nested.aws_s3_bucket_public_access_block.this',
      'module.store[1].aws_s3_bucket.b',
      'module.store[1].aws_s3_bucket_server_side_encryption_configuration.b',
      'module.store[1].module.nested.aws_s3_bucket_public_access_block.this',
    ]);
    // The module's other content (its calls, outputs, providers) is read once, not per instance.
    expect(tree.moduleCalls.filter((c) => c.name === 'nested')).toHaveLength(1);
    expect(find(tree, 'module.store[1].aws_s3_bucket_server_side_encryption_configuration.b')).toMatchObject({
      module: 'module.store[1]',
      providerConfigKey: 'module.store:aws',
      config: { attrs: { bucket: { references: ['aws_s3_bucket.b.id', 'aws_s3_bucket.b'] } } },
    });
  });

  it('records module calls, with providers, repetition and remote sources (not loaded), and module outputs', () => {
    expect(tree.moduleCalls.map((c) => [c.parent, c.name, c.source, c.providers, c.repetition, c.notLoaded])).toEqual([
      ['', 'remote', 'terraform-aws-modules/s3-bucket/aws', undefined, undefined, expect.stringMatching(/^remote module source .* is not fetched: its resources are not checked/)],
      ['', 'store', './modules/store', { aws: 'aws.east' }, 'count', undefined],
      ['module.store', 'nested', '../nested', undefined, undefined, undefined],
    ]);
    // `"store-${count.index}"`: its literal text is the code's (`WrittenEntry.template`).
    expect(tree.moduleCalls[1].inputs.name).toEqual({ kind: 'expr', hasConstant: false, references: ['count.index'], source: { ...CODE, readsKey: true }, entriesOfUnknownMap: [{ value: 'store-', template: true }] });
    expect(tree.outputs).toEqual([{ module: 'module.store', name: 'bucket_id', expr: { kind: 'expr', hasConstant: false, references: ['aws_s3_bucket.b.id', 'aws_s3_bucket.b'], source: CODE } }]);
    expect(find(tree, 'aws_s3_bucket_server_side_encryption_configuration.root_sse').config).toMatchObject({
      attrs: { bucket: { references: ['module.store[0].bucket_id', 'module.store[0]'] } },
    });
  });
});

// cloudposse modules take `enabled`, `id` and `tags` from `module.this` (cloudposse/label/null) everywhere.
describe("loadHcl: a module's outputs where its caller names them", () => {
  const LABEL = [
    'variable "name" {\n  type = string\n}',
    'variable "enabled" {\n  type    = bool\n  default = true\n}',
    'variable "tags" {\n  type    = map(string)\n  default = {}\n}',
    'output "id" {\n  value = "eg-${var.name}"\n}',
    'output "enabled" {\n  value = var.enabled\n}',
    'output "tags" {\n  value = merge({ Name = "eg-${var.name}" }, var.tags)\n}',
    'output "secret" {\n  value     = "s3cr3t-value"\n  sensitive = true\n}',
  ].join('\n');
  /** A root module of the blocks `main` beside the label module at ./label, and `more` files. */
  const withLabel = (main: readonly string[], more: Record<string, string> = {}): Promise<LoadedInput> => loadFiles({ 'label/main.tf': LABEL, 'main.tf': main.join('\n'), ...more });

  it('are evaluated in the module with the arguments of the call: tags, a count that makes no instance, one that makes one', async () => {
    const loaded = await withLabel([
      'module "this" {\n  source = "./label"\n  name   = "app"\n  tags   = { Owner = "platform" }\n}',
      'module "off" {\n  source  = "./label"\n  name    = "off"\n  enabled = false\n}',
      'resource "aws_sqs_queue" "q" {\n  count = module.this.enabled ? 1 : 0\n  name  = module.this.id\n  tags  = module.this.tags\n}',
      'resource "aws_sqs_queue" "never" {\n  count = module.off.enabled ? 1 : 0\n  name  = module.off.id\n}',
      'resource "aws_sns_topic" "t" {\n  name = module.this.secret\n}',
    ]);
    expect(loaded.resources.map((r) => r.address).sort()).toEqual(['aws_sns_topic.t', 'aws_sqs_queue.q[0]']);
    expect(find(loaded, 'aws_sqs_queue.q[0]').after).toEqual({ name: 'eg-app', tags: { Name: 'eg-app', Owner: 'platform' } });
    // A sensitive output stays unknown: its value must not reach a report.
    expect(find(loaded, 'aws_sns_topic.t').afterUnknown).toEqual({ name: true });
  });

  it('of a repeated call, by index and by key; of a module called from a module; of an installed module', async () => {
    const loaded = await withLabel(
      [
        'module "many" {\n  source = "./label"\n  count  = 2\n  name   = "n${count.index}"\n}',
        'module "keyed" {\n  source   = "./label"\n  for_each = toset(["a", "b"])\n  name     = each.key\n}',
        'module "app" {\n  source = "./app"\n  name   = "nested"\n}',
        'resource "aws_sqs_queue" "q" {\n  name = module.many[1].id\n  tags = merge(module.app.tags, { Key = module.keyed["b"].id })\n}',
      ],
      {
        'app/main.tf': 'variable "name" {}\nmodule "this" {\n  source = "cloudposse/label/null"\n  name   = var.name\n}\noutput "tags" {\n  value = module.this.tags\n}\n',
        '.terraform/modules/modules.json': JSON.stringify({ Modules: [{ Key: 'app.this', Source: 'registry.terraform.io/cloudposse/label/null', Dir: 'label' }] }),
      },
    );
    expect(find(loaded, 'aws_sqs_queue.q').after).toEqual({ name: 'eg-n1', tags: { Name: 'eg-nested', Key: 'eg-b' } });
  });

  // terraform-aws-modules' outputs: `try(aws_kms_key.this[0].arn, null)` of a module called with `create = false`.
  it('a resource block of a count the code fixes is a list of instances: none gives null through try() and one(), its length is known', async () => {
    const loaded = await loadFiles({
      'main.tf':
        'resource "aws_kms_key" "none" {\n  count = 0\n}\nresource "aws_kms_key" "two" {\n  count = 2\n}\nresource "aws_cloudwatch_log_group" "g" {\n  name       = "n-${length(aws_kms_key.two)}"\n  kms_key_id = try(aws_kms_key.none[0].arn, null)\n  tags       = { None = one(aws_kms_key.none[*].arn) == null ? "null" : "set", First = element(concat(aws_kms_key.none.*.arn, [""]), 0) }\n}\n',
    });
    const group = find(loaded, 'aws_cloudwatch_log_group.g');
    expect(group.after).toEqual({ name: 'n-2', kms_key_id: null, tags: { None: 'null', First: '' } });
    expect(group.afterUnknown).toEqual({});
  });

  it("a resource's attribute its configuration writes is what Terraform plans, per instance; computed, null, credential-named and nested-block attributes stay unknown", async () => {
    const loaded = await loadFiles({
      'main.tf': [
        'resource "aws_iam_user" "u" {\n  count = 2\n  name  = "user-${count.index}"\n  tags  = { Team = "iot" }\n}',
        'resource "aws_iam_user" "k" {\n  for_each = toset(["a"])\n  name     = "k-${each.key}"\n}',
        'resource "aws_db_instance" "d" {\n  identifier = null\n  password   = "Sup3rS3cret!x"\n  engine     = "postgres"\n}',
        'resource "aws_sqs_queue" "q" {\n  name = "q-${aws_iam_user.u[1].name}-${aws_iam_user.k["a"].name}-${aws_iam_user.u[0].tags.Team}-${join("+", aws_iam_user.u[*].name)}"\n  tags = { Arn = aws_iam_user.u[0].arn, Id = aws_db_instance.d.identifier, P = aws_db_instance.d.password, E = aws_db_instance.d.engine }\n}',
      ].join('\n'),
    });
    const queue = find(loaded, 'aws_sqs_queue.q');
    expect(queue.after).toEqual({ name: 'q-user-1-k-a-iot-user-0+user-1', tags: { E: 'postgres' } });
    expect(queue.afterUnknown).toEqual({ tags: { Arn: true, Id: true, P: true } });
  });

  it('terraform.workspace is the one Terraform plans in: TF_WORKSPACE, else the one selected in the data directory (.terraform or TF_DATA_DIR), else default', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-workspace-'));
    try {
      fs.mkdirSync(path.join(dir, 'm'));
      fs.writeFileSync(path.join(dir, 'm', 'main.tf'), 'output "name" {\n  value = "app-${terraform.workspace}"\n}\n');
      fs.writeFileSync(path.join(dir, 'main.tf'), 'module "m" {\n  source = "./m"\n}\nresource "aws_sqs_queue" "q" {\n  name = module.m.name\n  tags = { Workspace = terraform.workspace }\n}\n');
      const queue = async (env: Record<string, string> = {}) => find(await loadHcl(dir, { env }), 'aws_sqs_queue.q').after;
      expect(await queue()).toEqual({ name: 'app-default', tags: { Workspace: 'default' } });
      fs.mkdirSync(path.join(dir, '.terraform'));
      fs.writeFileSync(path.join(dir, '.terraform', 'environment'), 'staging');
      expect(await queue()).toEqual({ name: 'app-staging', tags: { Workspace: 'staging' } });
      expect(await queue({ TF_WORKSPACE: 'prod' })).toEqual({ name: 'app-prod', tags: { Workspace: 'prod' } });
      // TF_DATA_DIR moves the data directory, and the workspace recorded there with it.
      fs.mkdirSync(path.join(dir, 'data'));
      fs.writeFileSync(path.join(dir, 'data', 'environment'), 'qa');
      expect(await queue({ TF_DATA_DIR: 'data' })).toEqual({ name: 'app-qa', tags: { Workspace: 'qa' } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stay unknown for a module not read, an output it does not declare, and a cycle through the caller', async () => {
    const loaded = await withLabel([
      'module "remote" {\n  source = "cloudposse/label/null"\n  name   = "r"\n}',
      'locals {\n  name = module.loop.id\n}',
      'module "loop" {\n  source = "./label"\n  name   = local.name\n}',
      'resource "aws_sqs_queue" "q" {\n  name = module.remote.id\n  tags = { Loop = module.loop.id, Missing = try(module.loop.nothing, "fallback") }\n}',
    ]);
    const queue = find(loaded, 'aws_sqs_queue.q');
    expect(queue.afterUnknown).toEqual({ name: true, tags: { Loop: true } });
    expect(queue.after).toEqual({ tags: { Missing: 'fallback' } });
  });
});

describe('loadHcl: refusals', () => {
  it('refuses invalid HCL with the first line of the parser error, naming the file', async () => {
    const file = path.join(FIXTURES, 'invalid', 'main.tf');
    await expect(loadHcl(path.join(FIXTURES, 'invalid'))).rejects.toThrow(new RegExp(`^${file.replace(/[.\\/]/g, '\\$&')}: invalid HCL: main\\.tf:\\d+,\\d+-\\d+: Unclosed configuration block`));
  });

  it('refuses a directory without .tf files and a missing directory', async () => {
    await expect(loadHcl(path.join(FIXTURES, '..', 'cdktf', 'no-manifest'))).rejects.toThrow(InputError);
    await expect(loadHcl(path.join(FIXTURES, 'nope'))).rejects.toThrow(/nope: no such file or directory$/);
  });

  it('refuses in an override file, in one line naming it, what Terraform refuses there and what it does not merge', async () => {
    const refusal = (override: string, name = 'override.tf') =>
      withFiles({ 'main.tf': 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\nlocals {\n  a = 1\n}\nvariable "v" {\n  default = "a"\n}\n', [name]: override }, async (dir) => {
        const error = await loadHcl(dir).then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).input).toBe(path.join(dir, name));
        expect((error as InputError).message).not.toContain('\n');
        return (error as InputError).reason;
      });
    // Each refused by terraform 1.11.4 too ("Missing resource to override", "Unsupported override", …).
    expect(await refusal('resource "aws_sqs_queue" "other" {\n  name = "x"\n}\n')).toBe('override resource "aws_sqs_queue" "other": no such block in the module\'s other files to override (Terraform refuses it)');
    expect(await refusal('locals {\n  b = 2\n}\n')).toMatch(/^override local "b": no local of that name/);
    expect(await refusal('resource "aws_sqs_queue" "q" {\n  depends_on = [aws_sqs_queue.q]\n}\n')).toMatch(/depends_on/);
    expect(await refusal('variable "v" {\n  validation {\n    condition     = var.v != "a"\n    error_message = "x"\n  }\n}\n')).toMatch(/^override variable "v": Terraform refuses validation blocks/);
    expect(await refusal('moved {\n  from = aws_sqs_queue.a\n  to   = aws_sqs_queue.q\n}\n')).toBe('override moved block: Terraform refuses moved blocks in override files');
    expect(await refusal('provider "aws" {\n  alias  = "x"\n  region = "eu-west-1"\n}\n')).toMatch(/^override provider "aws" \(alias x\): no such block/);
    // Planned by Terraform, not merged here: refused rather than read otherwise.
    expect(await refusal('resource "aws_sqs_queue" "q" {\n  for_each = toset(["a"])\n}\nresource "aws_sqs_queue" "q" {\n  count = 1\n}\n')).toMatch(/count and for_each are both set/);
  });

  // cloudposse/terraform-aws-cloudwatch-flow-logs' last version is Terraform 0.11 code: `count = length(var.subnet_ids)` was a guess.
  it('refuses a quoted type constraint, as Terraform does, in a module too; an unquoted legacy keyword and a .tf.json type are read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-hcl-'));
    try {
      fs.mkdirSync(path.join(dir, 'm'));
      fs.writeFileSync(path.join(dir, 'main.tf'), 'variable "a" {\n  type    = list\n  default = []\n}\nmodule "m" {\n  source = "./m"\n}\n');
      fs.writeFileSync(path.join(dir, 'vars.tf.json'), JSON.stringify({ variable: { b: { type: 'list(string)', default: [] } } }));
      fs.writeFileSync(path.join(dir, 'm', 'main.tf'), 'variable "ok" {\n  type = string\n  default = "x"\n}\n');
      await expect(loadHcl(dir)).resolves.toBeDefined();
      fs.writeFileSync(path.join(dir, 'm', 'main.tf'), 'variable "subnet_ids" {\n  type    = "list"\n  default = []\n}\n');
      await expect(loadHcl(dir)).rejects.toThrow(new InputError(path.join(dir, 'm'), 'variable "subnet_ids": the type constraint is quoted ("list"), which Terraform refuses (Terraform 0.11 syntax): remove the quotes, as in list(string)'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an argument the called module declares no variable for, as Terraform does (a misspelt setting would leave the default unseen)', async () => {
    const files = {
      'm/main.tf': 'variable "enc" {\n  default = "KMS"\n}\nresource "aws_kinesis_stream" "s" {\n  name            = "s"\n  encryption_type = var.enc\n}\n',
      'main.tf': 'module "m" {\n  source          = "./m"\n  count           = 1\n  encryption_type = "NONE"\n}\n',
    };
    await expect(loadFiles(files)).rejects.toThrow(/: module "m": argument "encryption_type" is not a variable of the module \(Terraform refuses it: "Unsupported argument"\)$/);
    await expect(loadFiles({ ...files, 'main.tf': 'module "m" {\n  source = "./m"\n  count  = 1\n  enc    = "NONE"\n}\n' })).resolves.toBeDefined();
  });

  it('refuses a local module source that does not exist', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-hcl-'));
    fs.writeFileSync(path.join(dir, 'main.tf'), 'module "gone" {\n  source = "./modules/gone"\n}\n');
    await expect(loadHcl(dir)).rejects.toThrow(new InputError(dir, 'module "gone": local source ./modules/gone not found'));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('loadHcl: which files of a directory Terraform reads', () => {
  let dir: string;
  let shared: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-hcl-files-'));
    shared = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-hcl-shared-'));
    fs.writeFileSync(path.join(dir, 'main.tf'), 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n');
  });
  afterEach(() => [dir, shared].forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('reads a .tf file that is a symbolic link (a shared file linked into each module), as Terraform does', async () => {
    fs.writeFileSync(path.join(shared, 'storage.tf'), 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n');
    fs.symlinkSync(path.join(shared, 'storage.tf'), path.join(dir, 'storage.tf'));
    const loaded = await loadHcl(dir);
    expect(loaded.resources.map((r) => r.address).sort()).toEqual(['aws_s3_bucket.b', 'aws_sqs_queue.q']);
    expect(find(loaded, 'aws_s3_bucket.b').after).toEqual({ bucket: 'b' });
  });

  it('refuses a .tf link to nothing, which Terraform cannot read either', async () => {
    fs.symlinkSync(path.join(shared, 'gone.tf'), path.join(dir, 'gone.tf'));
    await expect(loadHcl(dir)).rejects.toThrow(new InputError(path.join(dir, 'gone.tf'), 'cannot read: a symbolic link to nothing (Terraform cannot read it either)'));
  });

  it('skips what Terraform skips: hidden files, editor backups and autosaves (an emacs lock is a link to nothing)', async () => {
    const bucket = 'resource "aws_s3_bucket" "skipped" {}\n';
    fs.writeFileSync(path.join(dir, '.hidden.tf'), bucket);
    fs.writeFileSync(path.join(dir, 'main.tf~'), bucket);
    fs.writeFileSync(path.join(dir, '#main.tf#'), bucket);
    fs.symlinkSync('user@host.1234:1700000000', path.join(dir, '.#main.tf'));
    expect((await loadHcl(dir)).resources.map((r) => r.address)).toEqual(['aws_sqs_queue.q']);
  });

  it('a directory whose only .tf file is a link is detected as .tf input', async () => {
    fs.rmSync(path.join(dir, 'main.tf'));
    fs.writeFileSync(path.join(shared, 'storage.tf'), 'resource "aws_s3_bucket" "b" {}\n');
    fs.symlinkSync(path.join(shared, 'storage.tf'), path.join(dir, 'main.tf'));
    const [loaded] = await loadInputs([dir]);
    expect([loaded.kind, loaded.resources.map((r) => r.address)]).toEqual(['hcl', ['aws_s3_bucket.b']]);
  });
});

describe('loadHcl: OpenTofu files', () => {
  // OpenTofu reads every .tofu file and ignores a .tf file of the same base name; Terraform ignores .tofu files.
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-hcl-tofu-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (files: Record<string, string>) => {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
  };
  const buckets = async (tool?: 'terraform' | 'opentofu') => (await loadHcl(dir, tool ? { tool } : {})).resources.map((r) => `${r.address}=${String((r.after as { bucket?: unknown }).bucket)}`).sort();
  const quoted = (file: string) => path.join(dir, file).replace(/[.\\/]/g, '\\$&');

  it('without the tool, refuses a directory with a .tofu file, saying what differs: the .tf file it replaces, or none', async () => {
    write({ 'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n', 'main.tofu': 'resource "aws_s3_bucket" "b" {\n  bucket = "other"\n}\n' });
    await expect(loadHcl(dir)).rejects.toThrow(new RegExp(`^${quoted('main.tofu')}: an OpenTofu file \\(\\.tofu\\): OpenTofu reads it in place of main\\.tf, which Terraform reads, so what is planned depends on the tool; name it \\(twinguard check --tool opentofu, or --tool terraform\\), check the plan .*, or run twinguard gate --binary tofu$`));
    fs.rmSync(path.join(dir, 'main.tofu'));
    write({ 'versions.tofu': 'terraform {\n  required_version = ">= 1.8"\n}\n' });
    await expect(loadHcl(dir)).rejects.toThrow(new RegExp(`^${quoted('versions.tofu')}: an OpenTofu file \\(\\.tofu\\): OpenTofu reads it and Terraform ignores it, so what`));
  });

  it("reads the files the tool reads: OpenTofu's .tofu file in place of the .tf file of the same name, Terraform's .tf files alone", async () => {
    write({ 'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n', 'main.tofu': 'resource "aws_s3_bucket" "b" {\n  bucket = "other"\n}\n', 'extra.tofu.json': '{"resource":{"aws_s3_bucket":{"c":{"bucket":"c"}}}}' });
    expect(await buckets('opentofu')).toEqual(['aws_s3_bucket.b=other', 'aws_s3_bucket.c=c']);
    expect(await buckets('terraform')).toEqual(['aws_s3_bucket.b=b']);
  });

  it('reads a root module of .tofu files only as OpenTofu does: Terraform finds no configuration there', async () => {
    write({ 'main.tofu': 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n' });
    expect(await buckets()).toEqual(['aws_s3_bucket.b=b']);
  });

  it("reads a module installed from a registry as the init that recorded it does: terraform's ignores its .tofu files, tofu's reads them", async () => {
    write({ 'main.tf': 'module "s3" {\n  source  = "acme/s3/aws"\n  version = "1.0.0"\n}\n', '.terraform/modules/s3/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n', '.terraform/modules/s3/main.tofu': 'resource "aws_s3_bucket" "b" {\n  bucket = "tofu"\n}\n' });
    const installedFrom = (source: string) => write({ '.terraform/modules/modules.json': JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, { Key: 's3', Source: source, Version: '1.0.0', Dir: '.terraform/modules/s3' }] }) });
    installedFrom('registry.terraform.io/acme/s3/aws');
    expect(await buckets()).toEqual(['module.s3.aws_s3_bucket.b=b']);
    installedFrom('registry.opentofu.org/acme/s3/aws');
    expect(await buckets()).toEqual(['module.s3.aws_s3_bucket.b=tofu']);
    // A source that names no tool's registry: refused as a root module would be.
    installedFrom('git::https://example.com/s3.git');
    write({ 'main.tf': 'module "s3" {\n  source = "git::https://example.com/s3.git"\n}\n' });
    await expect(loadHcl(dir)).rejects.toThrow(/main\.tofu: an OpenTofu file/);
  });
});

describe('loadHcl: OpenTofu\'s lifecycle { enabled } (1.11): a resource or module call switched off makes no instance', () => {
  const addresses = async (files: Record<string, string>) => (await loadFiles(files)).resources.map((r) => r.address).sort();

  it('enabled = false, written or from a variable\'s default, makes none; true, or a value not known, keeps it', async () => {
    const main = `
variable "encrypt" {
  default = false
}
variable "given" {}
resource "aws_s3_bucket" "b" {
  bucket = "b"
}
resource "aws_s3_bucket_server_side_encryption_configuration" "off" {
  bucket = aws_s3_bucket.b.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
  lifecycle {
    enabled = var.encrypt
  }
}
resource "aws_sqs_queue" "off" {
  lifecycle {
    enabled = false
  }
}
resource "aws_sqs_queue" "on" {
  lifecycle {
    enabled = true
  }
}
resource "aws_sqs_queue" "maybe" {
  lifecycle {
    enabled = var.given
  }
}
`;
    expect(await addresses({ 'main.tf': main })).toEqual(['aws_s3_bucket.b', 'aws_sqs_queue.maybe', 'aws_sqs_queue.on']);
  });

  it('a module call switched off: none of its resources (the call is no longer refused as an unknown argument)', async () => {
    const files = {
      'main.tf': 'module "legacy" {\n  source = "./mod"\n  lifecycle {\n    enabled = false\n  }\n}\nmodule "current" {\n  source = "./mod"\n}\n',
      'mod/main.tf': 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n',
    };
    expect(await addresses(files)).toEqual(['module.current.aws_sqs_queue.q']);
  });
});

// Each case planned with terraform 1.11.4 (terraform_data and the AWS provider 5.100, `terraform plan` and
// `terraform show -json`): the values here are the plan's.
describe('loadHcl: override files, merged as Terraform merges them', () => {
  const BASE = `
resource "aws_sqs_queue" "q" {
  count                   = 2
  name                    = "q"
  sqs_managed_sse_enabled = true
  delay_seconds           = 5
  tags                    = { A = "1" }
}
resource "aws_s3_bucket_lifecycle_configuration" "l" {
  bucket = "b"
  rule {
    id     = "base"
    status = "Enabled"
  }
  dynamic "rule" {
    for_each = ["base-dyn"]
    content {
      id     = rule.value
      status = "Enabled"
    }
  }
}
variable "v" {
  type    = string
  default = "base"
}
locals {
  a = "base-a"
  b = "base-b"
}
provider "aws" {
  alias = "two"
  default_tags {
    tags = { Base = "1" }
  }
}
output "ab" { value = "\${local.a}/\${local.b}/\${var.v}" }
`;
  const load = (files: Record<string, string>) => loadFiles({ 'main.tf': BASE, ...files });

  it('an argument replaces the base one, the others stay; override files apply in name order, each over the last', async () => {
    const loaded = await load({
      'a_override.tf': 'resource "aws_sqs_queue" "q" {\n  name = "first"\n}\n',
      'override.tf': 'resource "aws_sqs_queue" "q" {\n  name                    = "second"\n  sqs_managed_sse_enabled = false\n  tags                    = { C = "3" }\n}\n',
    });
    expect(find(loaded, 'aws_sqs_queue.q[1]').after).toEqual({ name: 'second', sqs_managed_sse_enabled: false, delay_seconds: 5, tags: { C: '3' } });
  });

  it('a nested block replaces every base block of its type, dynamic ones too; a dynamic block replaces the static ones', async () => {
    const rules = async (override: string) => ((await load({ 'x_override.tf': override })).resources.find((r) => r.type === 'aws_s3_bucket_lifecycle_configuration')?.after as { rule: { id: string }[] }).rule.map((r) => r.id);
    expect(await rules('resource "aws_s3_bucket_lifecycle_configuration" "l" {\n  rule {\n    id     = "over"\n    status = "Enabled"\n  }\n}\n')).toEqual(['over']);
    expect(await rules('resource "aws_s3_bucket_lifecycle_configuration" "l" {\n  dynamic "rule" {\n    for_each = ["over-dyn"]\n    content {\n      id     = rule.value\n      status = "Enabled"\n    }\n  }\n}\n')).toEqual(['over-dyn']);
    expect(await rules('resource "aws_s3_bucket_lifecycle_configuration" "l" {\n  bucket = "other"\n}\n')).toEqual(['base', 'base-dyn']);
  });

  it('a local is replaced by itself (in a .tf.json override too), a variable takes the default it sets', async () => {
    const loaded = await load({ 'override.tf.json': JSON.stringify({ locals: { a: 'a-over' } }), 'v_override.tf': 'variable "v" {\n  default = "over"\n}\n' });
    expect(loaded.outputs.find((o) => o.name === 'ab')?.expr).toMatchObject({ constant: 'a-over/base-b/over' });
  });

  it.each([
    ['override.tf', 'provider "aws" {\n  alias = "two"\n  default_tags {\n    tags = { Over = "1" }\n  }\n}\n'],
    ['override.tf.json', JSON.stringify({ provider: { aws: { alias: 'two', default_tags: { tags: { Over: '1' } } } } })],
  ])("a provider's nested block replaces the base one: default_tags from the override alone (%s)", async (name, text) => {
    const loaded = await load({ [name]: text });
    const two = loaded.providers.find((p) => p.alias === 'two');
    expect(JSON.stringify(two)).toContain('"Over"');
    expect(JSON.stringify(two)).not.toContain('"Base"');
  });

  // Planned with terraform 1.11.4 (/tmp/s22/h4 o9, o10, o10b): the plan keeps the base blocks.
  it('a JSON override writing a nested block type as null or [] writes no block of it: the base blocks stay; an argument set so is replaced', async () => {
    const main = {
      data: { aws_iam_policy_document: { p: { statement: { effect: 'Allow', actions: ['*'], resources: ['*'] } } } },
      resource: {
        aws_instance: { i: { ami: 'ami-12345678', instance_type: 't3.micro', root_block_device: { encrypted: true } } },
        aws_cloudwatch_log_group: { g: { name: 'g', kms_key_id: 'arn:aws:kms:us-east-1:111122223333:key/k', dynamic: { x: { for_each: ['a'], content: { y: 1 } } } } },
      },
    };
    const merged = async (override: object) => loadFiles({ 'main.tf.json': JSON.stringify(main), 'override.tf.json': JSON.stringify(override) });
    for (const none of [null, []]) {
      const loaded = await merged({ data: { aws_iam_policy_document: { p: { statement: none } } }, resource: { aws_instance: { i: { root_block_device: none } }, aws_cloudwatch_log_group: { g: { x: none } } } });
      expect(find(loaded, 'data.aws_iam_policy_document.p').after).toMatchObject({ statement: [{ effect: 'Allow', actions: ['*'], resources: ['*'] }] });
      expect(find(loaded, 'aws_instance.i').after).toMatchObject({ root_block_device: [{ encrypted: true }] });
      expect(find(loaded, 'aws_cloudwatch_log_group.g').after).toMatchObject({ x: [{ y: 1 }] });
    }
    const replaced = await merged({ resource: { aws_cloudwatch_log_group: { g: { kms_key_id: null } }, aws_instance: { i: { root_block_device: { encrypted: false } } } } });
    expect(find(replaced, 'aws_cloudwatch_log_group.g').after).toMatchObject({ kms_key_id: null });
    expect(find(replaced, 'aws_instance.i').after).toMatchObject({ root_block_device: [{ encrypted: false }] });
  });

  it('a JSON override setting to null a key the block writes as {} is refused in one line: an empty block and an empty map read alike', async () => {
    const files = { 'main.tf.json': JSON.stringify({ resource: { aws_instance: { i: { ami: 'a', root_block_device: {} } } } }), 'override.tf.json': JSON.stringify({ resource: { aws_instance: { i: { root_block_device: null } } } }) };
    const error = await loadFiles(files).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^[^\n]*override resource "aws_instance" "i": "root_block_device" is null here and \{\} in the block, and twinguard cannot tell/);
    // A map argument (tags) and an awscc object are arguments: replaced.
    const tags = await loadFiles({ ...files, 'main.tf.json': JSON.stringify({ resource: { aws_instance: { i: { ami: 'a', tags: {} } } } }), 'override.tf.json': JSON.stringify({ resource: { aws_instance: { i: { tags: null } } } }) });
    expect(find(tags, 'aws_instance.i').after).toMatchObject({ tags: null });
    const awscc = await loadFiles({ 'main.tf.json': JSON.stringify({ resource: { awscc_s3_bucket: { b: { bucket_encryption: { server_side_encryption_configuration: [{ bucket_key_enabled: true }] } } } } }), 'override.tf.json': JSON.stringify({ resource: { awscc_s3_bucket: { b: { bucket_encryption: null } } } }) });
    expect(find(awscc, 'awscc_s3_bucket.b').after).toMatchObject({ bucket_encryption: null });
  });

  it('a finding on a backend or local an override replaces is located in the override file, where its value is written', async () => {
    const loaded = await withFiles({
      'backend.tf': 'terraform {\n  backend "s3" {\n    bucket  = "state"\n    key     = "k"\n    region  = "us-east-1"\n    encrypt = true\n  }\n}\nlocals {\n  a = 1\n}\n',
      'override.tf': '\nterraform {\n  backend "s3" {\n    bucket = "state"\n    key    = "k"\n    region = "us-east-1"\n  }\n}\n',
      'z_override.tf.json': JSON.stringify({ locals: { a: 2 } }, null, 2),
    }, async (dir) => {
      const input = await loadHcl(dir);
      return { backend: input.positions?.['terraform.backend.s3'], local: input.positions?.['local.a'], dir };
    });
    expect(loaded.backend).toEqual({ file: path.join(loaded.dir, 'override.tf'), line: 3 });
    expect(loaded.local).toEqual({ file: path.join(loaded.dir, 'z_override.tf.json'), line: 3 });
  });

  // Planned with terraform 1.11.4 (/tmp/s24/w5/tf1: terraform_data blocks, a variable, a local and an output): the merge is by block, whatever the syntax.
  it('an override in the other syntax (.tf.json over .tf, .tf over .tf.json) merges into its block as Terraform merges it', async () => {
    const loaded = await loadFiles({
      'main.tf': 'variable "v" {\n  default = "base-var"\n}\nlocals {\n  l = "base-local"\n}\nresource "terraform_data" "a" {\n  input            = "base-a"\n  triggers_replace = ["base-trig"]\n}\noutput "o" {\n  value = "base-out"\n}\n',
      'main.tf.json': JSON.stringify({ resource: { terraform_data: { j: { input: 'json-base', triggers_replace: ['json-trig'] } } } }),
      'x_override.tf.json': JSON.stringify({ resource: { terraform_data: { a: { input: '${var.v}-${local.l}-over' } } }, variable: { v: { type: 'string', default: 'json-over-var' } }, output: { o: { value: 'json-over-out' } } }),
      'y_override.tf': 'resource "terraform_data" "j" {\n  input = "hcl-over"\n}\nlocals {\n  l = "hcl-over-local"\n}\n',
    });
    // What terraform plan gives: terraform_data.a input "json-over-var-hcl-over-local-over", triggers kept; j "hcl-over", triggers kept; o "json-over-out".
    expect(find(loaded, 'terraform_data.a').after).toEqual({ input: 'json-over-var-hcl-over-local-over', triggers_replace: ['base-trig'] });
    expect(find(loaded, 'terraform_data.j').after).toEqual({ input: 'hcl-over', triggers_replace: ['json-trig'] });
    expect(loaded.outputs.find((o) => o.name === 'o')?.expr).toMatchObject({ constant: 'json-over-out' });
  });

  it.each([
    ['a .tf.json override of a .tf queue', { 'main.tf': 'resource "aws_sqs_queue" "q" {\n  name                    = "q"\n  sqs_managed_sse_enabled = true\n}\n', 'q_override.tf.json': JSON.stringify({ resource: { aws_sqs_queue: { q: { sqs_managed_sse_enabled: false } } } }) }],
    ['a .tf override of a .tf.json queue', { 'main.tf.json': JSON.stringify({ resource: { aws_sqs_queue: { q: { name: 'q', sqs_managed_sse_enabled: true } } } }), 'q_override.tf': 'resource "aws_sqs_queue" "q" {\n  sqs_managed_sse_enabled = false\n}\n' }],
  ])('%s that turns its encryption off fails sqs-queue-encrypted on the queue, located in the override (it was refused, exit 2)', async (_, files) => {
    const run = await withFiles(files, (dir) => twinguard(['check', dir, '-f', 'json']));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const sqs = JSON.parse(run.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'sqs-queue-encrypted');
    const override = Object.keys(files).find((name) => name.startsWith('q_override'));
    expect(sqs.map((f: { address: string; status: string; file?: string }) => [f.address, f.status, path.basename(f.file ?? '')])).toEqual([['aws_sqs_queue.q', 'fail', override]]);
  });

  it("across syntaxes, a nested block type replaces the base's blocks, one written as null is none (the base's stay), and a .tf map stays a map", async () => {
    const rules = async (files: Record<string, string>) => ((await loadFiles(files)).resources.find((r) => r.type === 'aws_s3_bucket_lifecycle_configuration')?.after as { rule: { id: string }[] }).rule.map((r) => r.id);
    const over = (rule: unknown) => JSON.stringify({ resource: { aws_s3_bucket_lifecycle_configuration: { l: { rule } } } });
    expect(await rules({ 'main.tf': BASE, 'x_override.tf.json': over({ id: 'over', status: 'Enabled' }) })).toEqual(['over']);
    expect(await rules({ 'main.tf': BASE, 'x_override.tf.json': over(null) })).toEqual(['base', 'base-dyn']);
    const jsonBase = JSON.stringify({ resource: { aws_s3_bucket_lifecycle_configuration: { l: { bucket: 'b', rule: { id: 'json-base', status: 'Enabled', filter: { prefix: 'p/' } } } } } });
    expect(await rules({ 'main.tf.json': jsonBase, 'x_override.tf': 'resource "aws_s3_bucket_lifecycle_configuration" "l" {\n  rule {\n    id     = "over"\n    status = "Enabled"\n  }\n}\n' })).toEqual(['over']);
    // Moved into the .tf document, the JSON block's nested blocks stay blocks.
    const moved = await loadFiles({ 'main.tf.json': jsonBase, 'x_override.tf': 'resource "aws_s3_bucket_lifecycle_configuration" "l" {\n  bucket = "other"\n}\n' });
    expect(find(moved, 'aws_s3_bucket_lifecycle_configuration.l').after).toEqual({ bucket: 'other', rule: [{ id: 'json-base', status: 'Enabled', filter: [{ prefix: 'p/' }] }] });
    // A map argument whose keys look like argument names: the JSON loader alone would read the override's as a block.
    const map = await loadFiles({
      'main.tf': 'resource "aws_apigatewayv2_stage" "s" {\n  api_id = "a"\n  name   = "prod"\n  access_log_settings {\n    destination_arn = "arn:base"\n    format          = "$context.requestId"\n  }\n  stage_variables = { lambda_alias = "blue" }\n}\n',
      'x_override.tf.json': JSON.stringify({ resource: { aws_apigatewayv2_stage: { s: { stage_variables: { lambda_alias: 'green' }, access_log_settings: { destination_arn: 'arn:over', format: 'x' } } } } }),
    });
    expect(find(map, 'aws_apigatewayv2_stage.s').after).toEqual({ api_id: 'a', name: 'prod', stage_variables: { lambda_alias: 'green' }, access_log_settings: [{ destination_arn: 'arn:over', format: 'x' }] });
  });

  it('a .tf.json block written as a list, moved by a .tf override, still repeats the blocks that iterate over it', async () => {
    const loaded = await loadFiles({
      'main.tf.json': JSON.stringify({ resource: { aws_sqs_queue: { q: [{ for_each: '${toset(["a", "b"])}', name: '${each.key}', sqs_managed_sse_enabled: true }] } } }),
      'policy.tf': 'resource "aws_sqs_queue_policy" "p" {\n  for_each  = aws_sqs_queue.q\n  queue_url = each.value.url\n  policy    = "{}"\n}\n',
      'q_override.tf': 'resource "aws_sqs_queue" "q" {\n  sqs_managed_sse_enabled = false\n}\n',
    });
    expect(loaded.resources.map((r) => [r.address, (r.after as { sqs_managed_sse_enabled?: boolean }).sqs_managed_sse_enabled]).sort()).toEqual([
      ['aws_sqs_queue.q["a"]', false],
      ['aws_sqs_queue.q["b"]', false],
      ['aws_sqs_queue_policy.p["a"]', undefined],
      ['aws_sqs_queue_policy.p["b"]', undefined],
    ]);
  });

  it('a .tf.json variable override of a .tf variable sets its type as Terraform JSON writes it (not read as a quoted type), and the reverse keeps .tf refusals', async () => {
    const loaded = await loadFiles({ 'main.tf': 'variable "n" {\n  default = 1\n}\noutput "n" {\n  value = var.n\n}\n', 'override.tf.json': JSON.stringify({ variable: { n: { type: 'number', default: 2 } } }) });
    expect(loaded.outputs.find((o) => o.name === 'n')?.expr).toMatchObject({ constant: 2 });
    const quoted = await loadFiles({ 'main.tf.json': JSON.stringify({ variable: { n: { default: 1 } } }), 'override.tf': 'variable "n" {\n  type = "list"\n}\n' }).catch((e: unknown) => e);
    expect((quoted as Error).message).toMatch(/variable "n": the type constraint is quoted \("list"\)/);
  });

  it("the terraform block's backend replaces the base one", async () => {
    const loaded = await loadFiles({ 'main.tf': 'terraform {\n  backend "local" {\n    path = "base.tfstate"\n  }\n}\n', 'override.tf': 'terraform {\n  backend "local" {\n    path = "over.tfstate"\n  }\n}\n' });
    expect(loaded.backend).toMatchObject({ type: 'local', settings: { raw: { path: 'over.tfstate' } } });
  });
});

describe('loadHcl: remote modules that terraform init installed', () => {
  let dir: string;
  const manifest = (modules: object[]) => {
    fs.mkdirSync(path.join(dir, '.terraform', 'modules'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.terraform', 'modules', 'modules.json'), JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, ...modules] }));
  };
  const install = (rel: string, files: Record<string, string>) => {
    fs.mkdirSync(path.join(dir, rel), { recursive: true });
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, rel, name), text);
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-hcl-init-'));
    fs.writeFileSync(path.join(dir, 'main.tf'), 'module "store" {\n  source  = "terraform-aws-modules/s3-bucket/aws"\n  version = "4.1.0"\n  count   = 2\n}\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('are read from .terraform/modules, with their own local modules, at their instance addresses', async () => {
    manifest([
      { Key: 'store', Source: 'registry.terraform.io/terraform-aws-modules/s3-bucket/aws', Version: '4.1.0', Dir: '.terraform/modules/store' },
      { Key: 'store.notify', Source: './modules/notify', Dir: '.terraform/modules/store/modules/notify' },
    ]);
    install('.terraform/modules/store', { 'main.tf': 'resource "aws_s3_bucket" "this" {\n  bucket = "data"\n}\nmodule "notify" {\n  source = "./modules/notify"\n}\n' });
    install('.terraform/modules/store/modules/notify', { 'main.tf': 'resource "aws_sns_topic" "this" {\n  name = "t"\n}\n' });
    const loaded = await loadHcl(dir);
    expect(loaded.resources.map((r) => r.address).sort()).toEqual([
      'module.store[0].aws_s3_bucket.this',
      'module.store[0].module.notify.aws_sns_topic.this',
      'module.store[1].aws_s3_bucket.this',
      'module.store[1].module.notify.aws_sns_topic.this',
    ]);
    expect(loaded.moduleCalls.filter((c) => c.notLoaded !== undefined)).toEqual([]);
  });

  it('installed by tofu init, which records the source under registry.opentofu.org', async () => {
    manifest([{ Key: 'store', Source: 'registry.opentofu.org/terraform-aws-modules/s3-bucket/aws', Version: '4.1.0', Dir: '.terraform/modules/store' }]);
    install('.terraform/modules/store', { 'main.tf': 'resource "aws_s3_bucket" "this" {\n  bucket = "data"\n}\n' });
    const loaded = await loadHcl(dir);
    expect(loaded.resources.map((r) => r.address).sort()).toEqual(['module.store[0].aws_s3_bucket.this', 'module.store[1].aws_s3_bucket.this']);
    expect(loaded.moduleCalls.filter((c) => c.notLoaded !== undefined)).toEqual([]);
  });

  it('without terraform init, or installed from another source, the call is listed as not loaded', async () => {
    const notLoaded = async () => (await loadHcl(dir)).moduleCalls.filter((c) => c.notLoaded !== undefined).map((c) => c.name);
    expect(await notLoaded()).toEqual(['store']);
    manifest([{ Key: 'store', Source: 'registry.terraform.io/someone-else/s3-bucket/aws', Dir: '.terraform/modules/store' }]);
    install('.terraform/modules/store', { 'main.tf': 'resource "aws_s3_bucket" "this" {}\n' });
    expect(await notLoaded()).toEqual(['store']);
    expect((await loadHcl(dir)).resources).toEqual([]);
  });

  // What terraform init 1.11.4 records for each of these sources, written as terraform's detectors expand them.
  it.each([
    ['github.com/acme/queue?ref=v1.0.0', 'git::https://github.com/acme/queue.git?ref=v1.0.0'],
    ['git@github.com:acme/queue.git//modules/sqs?ref=v1.0.0', 'git::ssh://git@github.com/acme/queue.git//modules/sqs?ref=v1.0.0'],
    ['bitbucket.org/acme/queue', 'git::https://bitbucket.org/acme/queue.git'],
    ['/srv/modules/queue', 'file:///srv/modules/queue'],
  ])('written %s and recorded by init as %s, the call is read from where init installed it', async (written, recorded) => {
    fs.writeFileSync(path.join(dir, 'main.tf'), `module "queue" {\n  source = "${written}"\n}\n`);
    manifest([{ Key: 'queue', Source: recorded, Dir: '.terraform/modules/queue' }]);
    install('.terraform/modules/queue', { 'main.tf': 'resource "aws_sqs_queue" "q" {\n  sqs_managed_sse_enabled = false\n}\n' });
    const loaded = await loadHcl(dir);
    expect(loaded.resources.map((r) => r.address)).toEqual(['module.queue.aws_sqs_queue.q']);
    expect(loaded.moduleCalls.filter((c) => c.notLoaded !== undefined)).toEqual([]);
  });

  // terraform 1.11.4 plans none of these: "Module version requirements have changed" (/tmp/s22/h4/m1).
  it.each([
    ['5.0.0', '4.0.0'],
    ['~> 4.1', '4.0.0'],
    ['>= 4.0, != 4.0.0', '4.0.0'],
    ['~> 4.0', undefined],
    ['${var.v}', '4.0.0'],
    ['>= 4.x', '4.0.0'],
  ])('a version constraint %s the version init recorded (%s) does not meet, or that twinguard cannot read, is not read from the install', async (constraint, recorded) => {
    fs.writeFileSync(path.join(dir, 'main.tf'), `module "queue" {\n  source  = "terraform-aws-modules/sqs/aws"\n  version = "${constraint}"\n}\n`);
    manifest([{ Key: 'queue', Source: 'registry.terraform.io/terraform-aws-modules/sqs/aws', ...(recorded ? { Version: recorded } : {}), Dir: '.terraform/modules/queue' }]);
    install('.terraform/modules/queue', { 'main.tf': 'resource "aws_sqs_queue" "q" {\n  sqs_managed_sse_enabled = false\n}\n' });
    const loaded = await loadHcl(dir);
    expect(loaded.resources).toEqual([]);
    expect(loaded.moduleCalls.filter((c) => c.notLoaded !== undefined).map((c) => c.name)).toEqual(['queue']);
    // The constraint init installed it under reads it.
    fs.writeFileSync(path.join(dir, 'main.tf'), 'module "queue" {\n  source  = "terraform-aws-modules/sqs/aws"\n  version = "~> 4.0"\n}\n');
    expect((await loadHcl(dir)).resources.map((r) => r.address)).toEqual(recorded ? ['module.queue.aws_sqs_queue.q'] : []);
  });

  it.each([
    ['5.0.0', '4.0.0', 'installed 4.0.0, which `version = "5.0.0"` no longer admits: run terraform init'],
    ['>= 4.x', '4.0.0', 'installed 4.0.0, and twinguard cannot read `version = ">= 4.x"` as a version constraint, so it does not know whether Terraform plans that copy: its resources are not checked (check a plan to cover them)'],
    ['~> 4.0', undefined, 'terraform init recorded no version for it, so whether `version = "~> 4.0"` admits the installed copy is not known: run terraform init'],
  ])('a constraint %s not admitting, or not read against, the recorded version (%s) says so in the coverage, JSON and strict SARIF', async (constraint, recorded, reason) => {
    fs.writeFileSync(path.join(dir, 'main.tf'), `module "queue" {\n  source  = "terraform-aws-modules/sqs/aws"\n  version = "${constraint}"\n}\n`);
    manifest([{ Key: 'queue', Source: 'registry.terraform.io/terraform-aws-modules/sqs/aws', ...(recorded ? { Version: recorded } : {}), Dir: '.terraform/modules/queue' }]);
    install('.terraform/modules/queue', { 'main.tf': 'resource "aws_sqs_queue" "q" {\n  sqs_managed_sse_enabled = false\n}\n' });
    const json = JSON.parse((await twinguard(['check', dir, '-f', 'json'])).stdout);
    expect(json.coverage.notLoadedModules).toEqual([{ input: dir, module: 'module.queue', source: 'terraform-aws-modules/sqs/aws', reason }]);
    const sarif = JSON.parse((await twinguard(['check', dir, '-f', 'sarif', '--strict'])).stdout);
    expect(sarif.runs[0].results.map((r: { message: { text: string } }) => r.message.text)).toContainEqual(expect.stringContaining(`(${reason})`));
  });

  it('a short source changed since init (another ref) is not read from the copy init made of the old one', async () => {
    fs.writeFileSync(path.join(dir, 'main.tf'), 'module "queue" {\n  source = "github.com/acme/queue?ref=v2.0.0"\n}\n');
    manifest([{ Key: 'queue', Source: 'git::https://github.com/acme/queue.git?ref=v1.0.0', Dir: '.terraform/modules/queue' }]);
    install('.terraform/modules/queue', { 'main.tf': 'resource "aws_sqs_queue" "q" {}\n' });
    const loaded = await loadHcl(dir);
    expect(loaded.resources).toEqual([]);
    expect(loaded.moduleCalls.filter((c) => c.notLoaded !== undefined).map((c) => c.name)).toEqual(['queue']);
  });
});

// hcl2json and JSON.parse give a number literal as a double: 12345678901234567890 became 12345678901234567000.
describe('loadHcl: a number of more than 15 significant digits, which Terraform keeps exact', () => {
  const TAGS = {
    Whole: '12345678901234567890',
    Local: 'local.order_id',
    Fraction: '0.1000000000000000055511151231257827',
    Negative: '-12345678901234567890',
    InText: '"x${12345678901234567890}"',
    Short: '123456789012345',
  };
  const expected = { unknown: ['Fraction', 'Local', 'Negative', 'Whole'], known: { InText: 'x12345678901234567890', Short: 123456789012345 } };
  const split = (r: ResourceData) => {
    const [after, unknown] = [(r.after as { tags: Record<string, unknown> }).tags, (r.afterUnknown as { tags?: Record<string, unknown> }).tags ?? {}];
    return { unknown: Object.keys(unknown).filter((k) => unknown[k] === true).sort(), known: Object.fromEntries(Object.entries(after).filter(([k]) => unknown[k] !== true)) };
  };

  it('is unknown in a .tf file (never the rounded value); one inside a string is exact', async () => {
    const tags = Object.entries(TAGS).map(([k, v]) => `    ${k} = ${v}`).join('\n');
    const loaded = await withFiles({ 'main.tf': `locals {\n  order_id = "\${12345678901234567890}"\n}\nresource "aws_s3_bucket" "b" {\n  tags = {\n${tags}\n  }\n}\n` }, (dir) => loadHcl(dir));
    expect(split(loaded.resources[0])).toEqual(expected);
  });

  it('is unknown in a .tf.json file', async () => {
    const json = `{"locals": {"order_id": "\${12345678901234567890}"}, "resource": {"aws_s3_bucket": {"b": {"tags": {"Whole": 12345678901234567890, "Local": "\${local.order_id}", "Fraction": 0.1000000000000000055511151231257827, "Negative": -12345678901234567890, "InText": "x\${12345678901234567890}", "Short": 123456789012345}}}}}`;
    const loaded = await withFiles({ 'main.tf.json': json }, (dir) => loadHcl(dir));
    // A template of the JSON syntax is read by the evaluator, which does not follow such a number in text.
    expect(split(loaded.resources[0])).toEqual({ unknown: ['Fraction', 'InText', 'Local', 'Negative', 'Whole'], known: { Short: 123456789012345 } });
  });
});

// What the gate masks of a variable file is read as the check reads the file: a device that never ends (the gate
// would hand it to terraform) is read to a bound and gives nothing, where it was read whole (10 GB in a minute).
(fs.existsSync('/dev/zero') ? it : it.skip)('the strings of a variable file that is a device are read to a bound: none', async () => {
  await expect(variableFileStrings('/dev/zero')).resolves.toEqual([]);
}, 15_000);
