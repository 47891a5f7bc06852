import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCdktf, parseCdktfDocument } from '../../checks/model/cdktf';
import { twinguard } from '../cli/run';
import type { LoadedInput, ResourceData } from '../../checks/model/types';
import { InputError } from '../../checks/errors';

/** The code of an expression that is not constant, kept for symbolic evaluation (symbolic.ts). */
const CODE = { evaluate: expect.any(Function) };

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'cdktf');

const meta = (p: string) => ({ '//': { metadata: { path: p, uniqueId: p.split('/').pop() } } });

/** A stack as cdktf 0.21 synthesizes it: provider blocks as arrays, single nested blocks as objects. */
const STACK = {
  '//': { metadata: { backend: 'local', stackName: 'twinmaker-dev', version: '0.21.0' } },
  terraform: { required_providers: { aws: { source: 'aws', version: '6.25.0' }, awscc: { source: 'hashicorp/awscc', version: '1.66.0' } } },
  provider: {
    aws: [
      { region: 'eu-west-1', default_tags: [{ tags: { Project: 'twinguard' } }], use_fips_endpoint: true },
      { alias: 'east', region: 'us-east-1', assume_role: [{ role_arn: 'arn:aws:iam::111122223333:role/deploy' }] },
    ],
    awscc: [{ region: 'eu-west-1', assume_role: { role_arn: 'arn:aws:iam::111122223333:role/deploy' } }],
  },
  resource: {
    aws_kms_key: { key: { ...meta('twinmaker-dev/twinmaker/key'), enable_key_rotation: true, tags: { Name: 'key', Env: '${var.env}', Owner: '${var.owner}' } } },
    aws_s3_bucket: {
      data: { ...meta('twinmaker-dev/twinmaker/bucket'), bucket: 'twinguard-data', provider: 'aws.east', depends_on: ['aws_kms_key.key'] },
      counted: { ...meta('twinmaker-dev/counted'), bucket: '${"c-" + count.index}', count: 2 },
      variable_count: { ...meta('twinmaker-dev/variable-count'), count: '${var.n}', bucket: 'v' },
      none: { ...meta('twinmaker-dev/none'), count: 0, bucket: 'never' },
      many: { ...meta('twinmaker-dev/many'), for_each: '${toset(["b", "a"])}', bucket: 'pre-${each.value}' },
    },
    aws_s3_bucket_server_side_encryption_configuration: {
      sse: {
        ...meta('twinmaker-dev/twinmaker/sse'),
        bucket: '${aws_s3_bucket.data.id}',
        provider: '${aws.east}',
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.key.arn}' }, bucket_key_enabled: true }],
      },
    },
    awscc_iottwinmaker_workspace: {
      ws: { ...meta('twinmaker-dev/twinmaker/workspace'), workspace_id: 'twin', s3_location: 'arn:aws:s3:::twinguard-data', tags: { Project: 'twinguard' } },
    },
  },
  data: { aws_iam_policy_document: { p: { ...meta('twinmaker-dev/policy'), statement: [{ actions: ['s3:*'], resources: ['${aws_s3_bucket.data.arn}/*'] }] } } },
  module: { vpc: { ...meta('twinmaker-dev/vpc'), source: 'terraform-aws-modules/vpc/aws', version: '5.0.0', name: 'main', kms: '${aws_kms_key.key.arn}' } },
  output: { bucket_id: { value: '${aws_s3_bucket.data.id}' }, secret: { value: '${module.vpc.id}', sensitive: true } },
  variable: { env: { type: 'string', default: 'dev' }, owner: { type: 'string' } },
};

const loaded: LoadedInput = parseCdktfDocument(STACK, 'cdk.tf.json');
const byAddress = (address: string): ResourceData => {
  const found = loaded.resources.find((r) => r.address === address);
  if (!found) throw new Error(`no ${address} in ${loaded.resources.map((r) => r.address).join(', ')}`);
  return found;
};

describe('parseCdktfDocument', () => {
  it('names the stack and keeps every resource with its construct path', () => {
    expect(loaded).toMatchObject({ input: 'cdk.tf.json', kind: 'cdktf', stack: 'twinmaker-dev' });
    expect(byAddress('aws_s3_bucket.data')).toMatchObject({ mode: 'managed', type: 'aws_s3_bucket', name: 'data', module: '', actions: ['create'], constructPath: 'twinmaker-dev/twinmaker/bucket' });
  });

  it('keeps literal values known and records expressions as unknown references, never as values', () => {
    const sse = byAddress('aws_s3_bucket_server_side_encryption_configuration.sse');
    expect(sse.after).toEqual({ rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }], bucket_key_enabled: true }] });
    expect(sse.afterUnknown).toEqual({ bucket: true, rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: true }] }] });
    expect(sse.config).toMatchObject({ kind: 'block', attrs: { bucket: { kind: 'expr', hasConstant: false, references: ['aws_s3_bucket.data.id', 'aws_s3_bucket.data'] } } });
  });

  // Terraform JSON syntax takes a variable's default as written: a template there is text (terraform console).
  it('takes a stack variable\'s default as written, a template in it as text', () => {
    const doc = {
      variable: { a: { default: '${upper("x")}' }, b: { default: 'a$${b}c' } },
      resource: { aws_s3_bucket: { b: { bucket: '${var.a}', tags: { B: '${var.b}' } } } },
    };
    const [bucket] = parseCdktfDocument(doc, 'cdk.tf.json').resources;
    expect(bucket.after).toEqual({ bucket: '${upper("x")}', tags: { B: 'a$${b}c' } });
  });

  // A TerraformVariable takes its default, as `terraform plan` without -var does.
  it('keeps literal tags and those of a variable\'s default, marks those of a variable without one unknown, and never computes tags_all', () => {
    const key = byAddress('aws_kms_key.key');
    expect(key.after).toEqual({ enable_key_rotation: true, tags: { Name: 'key', Env: 'dev' } });
    expect(key.afterUnknown).toEqual({ tags: { Owner: true } });
    expect(key.after).not.toHaveProperty('tags_all');
    expect(key.afterUnknown).not.toHaveProperty('tags_all');
  });

  it('keeps awscc objects as attribute values (that provider has no blocks)', () => {
    expect(byAddress('awscc_iottwinmaker_workspace.ws')).toMatchObject({
      providerConfigKey: 'awscc',
      providerName: 'registry.terraform.io/hashicorp/awscc',
      after: { workspace_id: 'twin', tags: { Project: 'twinguard' } },
    });
  });

  it('takes the provider from the resource (bare or interpolated), else from the type prefix', () => {
    expect(byAddress('aws_s3_bucket.data').providerConfigKey).toBe('aws.east');
    expect(byAddress('aws_s3_bucket_server_side_encryption_configuration.sse').providerConfigKey).toBe('aws.east');
    expect(byAddress('aws_kms_key.key')).toMatchObject({ providerConfigKey: 'aws', providerName: 'registry.terraform.io/hashicorp/aws' });
  });

  it('ignores meta-arguments: depends_on, provider, count and for_each are not attributes', () => {
    expect(byAddress('aws_s3_bucket.data').after).toEqual({ bucket: 'twinguard-data' });
  });

  it('expands a literal count and a literal for_each into instances', () => {
    expect(loaded.resources.filter((r) => r.name === 'counted').map((r) => [r.address, r.index, r.repetition])).toEqual([
      ['aws_s3_bucket.counted[0]', 0, 'count'],
      ['aws_s3_bucket.counted[1]', 1, 'count'],
    ]);
    expect(loaded.resources.filter((r) => r.name === 'many').map((r) => r.address)).toEqual(['aws_s3_bucket.many["a"]', 'aws_s3_bucket.many["b"]']);
    expect(loaded.resources.filter((r) => r.name === 'none')).toEqual([]);
  });

  it('gives one instance without an index, with repetition set, when count is an expression', () => {
    const instances = loaded.resources.filter((r) => r.name === 'variable_count');
    expect(instances).toHaveLength(1);
    expect(instances[0]).toMatchObject({ address: 'aws_s3_bucket.variable_count', repetition: 'count' });
    expect(instances[0].index).toBeUndefined();
  });

  it('reads data sources as mode data', () => {
    expect(byAddress('data.aws_iam_policy_document.p')).toMatchObject({ mode: 'data', type: 'aws_iam_policy_document', actions: ['read'] });
  });

  it('reads providers with aliases, default_tags and assume_role blocks (aws) and attribute objects (awscc)', () => {
    expect(loaded.providers.map((p) => [p.key, p.name, p.alias, p.module])).toEqual([
      ['aws', 'aws', undefined, ''],
      ['aws.east', 'aws', 'east', ''],
      ['awscc', 'awscc', undefined, ''],
    ]);
    expect(loaded.providers[0].config).toMatchObject({
      kind: 'block',
      attrs: { default_tags: { kind: 'list', items: [{ kind: 'block', attrs: { tags: { kind: 'expr', constant: { Project: 'twinguard' } } } }] }, use_fips_endpoint: { constant: true } },
    });
    expect(loaded.providers[2].config).toMatchObject({ attrs: { assume_role: { kind: 'expr', hasConstant: true, constant: { role_arn: 'arn:aws:iam::111122223333:role/deploy' } } } });
  });

  it('reads a provider written as one object rather than a list', () => {
    const single = parseCdktfDocument({ provider: { awscc: { region: 'eu-west-1', endpoints: { sts: 'https://sts-fips.eu-west-1.amazonaws.com' } } } }, 'x.json');
    expect(single.providers).toEqual([
      expect.objectContaining({ key: 'awscc', config: { kind: 'block', attrs: expect.objectContaining({ endpoints: expect.objectContaining({ constant: { sts: 'https://sts-fips.eu-west-1.amazonaws.com' } }) }) } }),
    ]);
  });

  it('records module calls (not loaded) and outputs', () => {
    expect(loaded.moduleCalls).toEqual([
      {
        parent: '',
        name: 'vpc',
        source: 'terraform-aws-modules/vpc/aws',
        // As every report shows it: a registry address holds no credential.
        shownSource: 'terraform-aws-modules/vpc/aws',
        inputs: {
          name: { kind: 'expr', hasConstant: true, constant: 'main', references: [] },
          kms: { kind: 'expr', hasConstant: false, references: ['aws_kms_key.key.arn', 'aws_kms_key.key'], source: CODE },
        },
        // What each argument's own code writes (a key's ARN is known only after apply: left out).
        written: { name: 'main', kms: undefined },
        notLoaded: 'remote module source terraform-aws-modules/vpc/aws is not fetched: its resources are not checked (check a plan to cover them)',
      },
    ]);
    expect(loaded.outputs).toEqual([
      { module: '', name: 'bucket_id', expr: { kind: 'expr', hasConstant: false, references: ['aws_s3_bucket.data.id', 'aws_s3_bucket.data'], source: CODE } },
      { module: '', name: 'secret', expr: { kind: 'expr', hasConstant: false, references: ['module.vpc.id', 'module.vpc'], source: CODE }, sensitive: true },
    ]);
  });

  it('refuses a document that is not a configuration, pointing at a plan when it looks like one', () => {
    expect(() => parseCdktfDocument({ format_version: '1.2', resource_changes: [] }, 'x.json')).toThrow(
      new InputError('x.json', 'not a cdktf configuration: it has no resource, data, provider, module, output or terraform block (this looks like a Terraform plan)'),
    );
    expect(() => parseCdktfDocument([], 'x.json')).toThrow(InputError);
  });
});

describe('loadCdktf', () => {
  it('loads every stack listed in a cdktf.out manifest, one input per stack', async () => {
    const inputs = await loadCdktf(path.join(FIXTURES, 'cdktf.out'));
    expect(inputs.map((i) => [i.stack, path.relative(FIXTURES, i.input)])).toEqual([
      ['dev', path.join('cdktf.out', 'stacks', 'dev', 'cdk.tf.json')],
      ['prod', path.join('cdktf.out', 'stacks', 'prod', 'cdk.tf.json')],
    ]);
    expect(inputs.map((i) => i.resources[0].constructPath)).toEqual(['dev/workspace/bucket', 'prod/workspace/bucket']);
  });

  it('finds stacks without a manifest, and names a stack by its directory', async () => {
    const inputs = await loadCdktf(path.join(FIXTURES, 'no-manifest'));
    expect(inputs.map((i) => [i.stack, i.resources.map((r) => r.address)])).toEqual([['solo', ['aws_kms_key.k']]]);
  });

  it('loads a single cdk.tf.json file', async () => {
    const [input] = await loadCdktf(path.join(FIXTURES, 'cdktf.out', 'stacks', 'prod', 'cdk.tf.json'));
    expect(input.stack).toBe('prod');
    expect(input.resources[0].after).toEqual({ bucket: 'twinguard-prod' });
  });

  it('refuses a manifest stack whose file is missing, naming the file', async () => {
    const file = path.join(FIXTURES, 'missing-stack', 'stacks', 'gone', 'cdk.tf.json');
    await expect(loadCdktf(path.join(FIXTURES, 'missing-stack'))).rejects.toThrow(
      new InputError(file, 'stack "gone" is listed in manifest.json but its file is missing (run cdktf synth again)'),
    );
  });

  it('a refusal masks and escapes the labels it quotes: a secret is not printed, an ESC does not reach the terminal', () => {
    const name = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789\u001b[2J';
    const doc = { resource: [{ aws_s3_bucket: { [name]: { bucket: 'x' } } }, { aws_s3_bucket: { [name]: { bucket: 'y' } } }] };
    expect(() => parseCdktfDocument(doc, 'cdk.tf.json')).toThrow(new InputError('cdk.tf.json', 'resource "aws_s3_bucket" "ghp_***\\u001b[2J" is declared more than once'));
  });

  it('refuses a missing path', async () => {
    await expect(loadCdktf(path.join(FIXTURES, 'nope'))).rejects.toThrow(/nope: no such file or directory$/);
  });
});

describe('a for_each over a sensitive value (Terraform refuses it)', () => {
  it('has keys not known: no address shows one', () => {
    const doc = {
      locals: { users: '${sensitive({ "alice-private-name" = "a" })}' },
      resource: { aws_sqs_queue: { q: { ...meta('s/q'), for_each: '${local.users}', name: 'q' }, r: { ...meta('s/r'), for_each: '${{ for k, v in local.users : upper(k) => v }}', name: 'r' } } },
    };
    expect(parseCdktfDocument(doc, 'cdk.tf.json').resources.map((r) => r.address)).toEqual(['aws_sqs_queue.q', 'aws_sqs_queue.r']);
  });
});

describe('cdktf output synthesized as HCL (cdktf synth --hcl: the manifest names stacks/<name>/cdk.tf)', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

  /** A cdktf.out whose stacks cdktf wrote as HCL, each with `keys` (a key without rotation blocks). */
  function hclOut(stacks: Record<string, string>): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-cdktf-hcl-'));
    roots.push(root);
    const out = path.join(root, 'cdktf.out');
    const manifest: Record<string, object> = {};
    for (const [name, tf] of Object.entries(stacks)) {
      fs.mkdirSync(path.join(out, 'stacks', name), { recursive: true });
      fs.writeFileSync(path.join(out, 'stacks', name, 'cdk.tf'), tf);
      fs.writeFileSync(path.join(out, 'stacks', name, 'metadata.json'), JSON.stringify({ '//': { metadata: { stackName: name, version: '0.21.0' } } }));
      manifest[name] = { name, constructPath: name, synthesizedStackPath: `stacks/${name}/cdk.tf`, workingDirectory: `stacks/${name}`, stackMetadataPath: `stacks/${name}/metadata.json` };
    }
    fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: manifest }));
    return out;
  }

  const key = (rotation: boolean) =>
    `resource "aws_kms_key" "key" {\n  enable_key_rotation     = ${rotation}\n  deletion_window_in_days = 30\n  tags = {\n    Environment = "dev"\n  }\n}\n`;

  it('twinguard check reads each stack as HCL and judges it (it refused the output as invalid JSON)', async () => {
    const out = hclOut({ dev: key(true), prod: key(false) });
    const run = await twinguard(['check', out, '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const { findings } = JSON.parse(run.stdout);
    // The key of dev rotates: only prod's fails, named by its stack's file.
    expect(findings.filter((f: { ruleId: string }) => f.ruleId === 'kms-key-rotation').map((f: { address: string; status: string; input: string }) => [f.input, f.address, f.status])).toEqual([
      [path.join(out, 'stacks', 'prod', 'cdk.tf'), 'aws_kms_key.key', 'fail'],
    ]);
  });

  it('twinguard check of the project directory holding that cdktf.out reads them as HCL too (it refused them)', async () => {
    const out = hclOut({ dev: key(true), prod: key(false) });
    const run = await twinguard(['check', path.dirname(out), '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const { findings } = JSON.parse(run.stdout);
    expect(findings.filter((f: { ruleId: string }) => f.ruleId === 'kms-key-rotation').map((f: { address: string; status: string; input: string }) => [f.input, f.address, f.status])).toEqual([
      [path.join(out, 'stacks', 'prod', 'cdk.tf'), 'aws_kms_key.key', 'fail'],
    ]);
  });

  it('loadCdktf without an HCL reader refuses such a stack in one line, naming its file', async () => {
    const out = hclOut({ dev: key(true) });
    await expect(loadCdktf(out)).rejects.toThrow(new InputError(path.join(out, 'stacks', 'dev', 'cdk.tf'), 'a stack synthesized as HCL (cdktf synth --hcl) cannot be read here: check its directory as .tf files'));
  });
});
