/**
 * A `count` or `for_each` the .tf and cdktf loaders cannot evaluate (a variable without a value, a
 * data source's attribute, a module call's) leaves it unknown whether its instances exist. Such an
 * instance is judged as what would be created, but credits no other resource: a bucket whose SSE
 * configuration, public-access block or TLS policy may not be created is unknown, never a pass.
 * A string count is converted as Terraform converts it (`"0"` makes no instance).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildGraph } from '../../checks/model/graph';
import { parseCdktfDocument } from '../../checks/model/cdktf';
import { loadHcl } from '../../checks/model/hcl';
import type { Graph } from '../../checks/model/types';
import defaultEncryption from '../../checks/rules/encryption-at-rest/s3-bucket-default-encryption';
import publicAccessBlock from '../../checks/rules/access/s3-bucket-public-access-block';
import denyInsecureTransport from '../../checks/rules/encryption-in-transit/s3-bucket-deny-insecure-transport';
import requiredTags from '../../checks/rules/tagging/required-tags';
import { evaluateRule, worstByAddress } from '../helpers/rule-table';

const B = 'aws_s3_bucket.b';

/** The bucket's satellites, each repeated by `repeat` (`count = var.harden ? 1 : 0`). */
const satellites = (repeat: string, bucket = 'aws_s3_bucket.b.id', arn = 'aws_s3_bucket.b.arn'): string => `
resource "aws_s3_bucket_server_side_encryption_configuration" "s" {
  ${repeat}
  bucket = ${bucket}
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "pab" {
  ${repeat}
  bucket                  = ${bucket}
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "p" {
  ${repeat}
  bucket = ${bucket}
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [${arn}, "\${${arn}}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
`;

const BUCKET = `resource "aws_s3_bucket" "b" {\n  bucket = "example-data"\n}\n`;

async function graphOf(files: Readonly<Record<string, string>>): Promise<Graph> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-existence-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    return buildGraph([await loadHcl(dir)]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The three bucket rules' verdicts on `address`, and the messages of those not passing. */
function bucketVerdicts(graph: Graph, address = B): Record<string, string> {
  return Object.fromEntries(
    [defaultEncryption, publicAccessBlock, denyInsecureTransport].map((rule) => [rule.id, worstByAddress(evaluateRule(rule, graph))[address]]),
  );
}

const all = (status: string): Record<string, string> => ({ 's3-bucket-default-encryption': status, 's3-bucket-public-access-block': status, 's3-bucket-deny-insecure-transport': status });

describe('satellites whose count or for_each is not known credit no bucket', () => {
  it.each([
    ['count = var.harden ? 1 : 0, the variable without a value', 'variable "harden" {\n  type = bool\n}\n', 'count = var.harden ? 1 : 0'],
    ['count from a data source (known only after apply)', 'data "aws_availability_zones" "az" {}\n', 'count = length(data.aws_availability_zones.az.names) > 0 ? 1 : 0'],
    ['count = a number variable without a value', 'variable "n" {\n  type = number\n}\n', 'count = var.n'],
    ['a conditional for_each', 'variable "harden" {\n  type = bool\n}\n', 'for_each = var.harden ? toset(["on"]) : toset([])'],
    ['for_each = a variable without a value', 'variable "keys" {\n  type = set(string)\n}\n', 'for_each = var.keys'],
  ])('%s: the bucket is unknown for SSE, public-access block and TLS policy', async (_name, declarations, repeat) => {
    const graph = await graphOf({ 'main.tf': declarations + BUCKET + satellites(repeat) });
    expect(bucketVerdicts(graph)).toEqual(all('unknown'));
    const message = evaluateRule(publicAccessBlock, graph).find((v) => v.address === B)?.message;
    expect(message).toMatch(/cannot tell whether aws_s3_bucket_public_access_block\.pab will be created: `.+` has no known value/);
  });

  it.each([
    ['true', 'pass'],
    ['false', 'fail'],
  ])('the same count with the variable set to %s: %s', async (value, status) => {
    const graph = await graphOf({ 'main.tf': `variable "harden" {\n  type    = bool\n  default = ${value}\n}\n` + BUCKET + satellites('count = var.harden ? 1 : 0') });
    expect(bucketVerdicts(graph)).toEqual(all(status));
  });

  // Terraform converts a string count (a local of a map of strings, an untyped variable): "0" plans no instance.
  it.each([
    ['"0"', 'fail'],
    ['"1"', 'pass'],
    ['"1.0"', 'pass'],
  ])('a string count %s is converted as Terraform does: %s', async (text, status) => {
    const graph = await graphOf({ 'main.tf': `locals {\n  enabled = ${text}\n}\n` + BUCKET + satellites('count = local.enabled') });
    expect(bucketVerdicts(graph)).toEqual(all(status));
  });

  it('a string count that is no whole number (" 1", "abc", "-1") is not known', async () => {
    for (const text of ['" 1"', '"abc"', '"-1"', '"0.5"']) {
      const graph = await graphOf({ 'main.tf': `locals {\n  enabled = ${text}\n}\n` + BUCKET + satellites('count = local.enabled') });
      expect({ text, verdicts: bucketVerdicts(graph) }).toEqual({ text, verdicts: all('unknown') });
    }
  });

  it('a bucket and its satellites on the same count (the module idiom) exist together: pass', async () => {
    const bucket = `resource "aws_s3_bucket" "b" {\n  count  = var.create ? 1 : 0\n  bucket = "example-data"\n}\n`;
    const graph = await graphOf({ 'main.tf': 'variable "create" {\n  type = bool\n}\n' + bucket + satellites('count = var.create ? 1 : 0', 'aws_s3_bucket.b[0].id', 'aws_s3_bucket.b[0].arn') });
    expect(bucketVerdicts(graph)).toEqual(all('pass'));
  });

  // terraform-aws-modules/s3-bucket: `count = local.create_bucket && length(keys(var.sse)) > 0 ? 1 : 0` on the satellites.
  it.each([
    ['a condition of its own that is known true beside the bucket\'s', 'count = var.create && length(keys(var.sse)) > 0 ? 1 : 0'],
    ['the same condition in parentheses', 'count = (var.create ? 1 : 0)'],
    ['the same condition spaced otherwise', 'count = var.create ?1: 0'],
  ])('satellites on the bucket\'s count and %s exist with it: pass', async (_name, repeat) => {
    const bucket = `resource "aws_s3_bucket" "b" {\n  count  = var.create ? 1 : 0\n  bucket = "example-data"\n}\n`;
    const declarations = 'variable "create" {\n  type = bool\n}\nvariable "sse" {\n  default = { rule = { sse_algorithm = "AES256" } }\n}\n';
    const graph = await graphOf({ 'main.tf': declarations + bucket + satellites(repeat, 'aws_s3_bucket.b[0].id', 'aws_s3_bucket.b[0].arn') });
    expect(bucketVerdicts(graph)).toEqual(all('pass'));
  });

  // `a && b || c` is `(a && b) || c`; `== true` is no `true` for an untyped variable given "true" (a string).
  it.each([
    ['var.create && var.harden || var.force ? 1 : 0', 'count = var.create ? 1 : 0'],
    ['var.create && var.harden ? 1 : var.force ? 1 : 0', 'count = var.create ? 1 : 0'],
    ['var.create ? 1 : 0', 'count = var.create == true ? 1 : 0'],
  ])('a bucket on count = %s and its satellites on another condition (%s) are unknown', async (bucketCount, repeat) => {
    const bucket = `resource "aws_s3_bucket" "b" {\n  count  = ${bucketCount}\n  bucket = "example-data"\n}\n`;
    const declarations = ['create', 'harden', 'force'].map((name) => `variable "${name}" {}\n`).join('');
    const graph = await graphOf({ 'main.tf': declarations + bucket + satellites(repeat, 'aws_s3_bucket.b[0].id', 'aws_s3_bucket.b[0].arn') });
    expect(bucketVerdicts(graph)).toEqual(all('unknown'));
  });

  it('a bucket on one count and its satellites on another are unknown', async () => {
    const bucket = `resource "aws_s3_bucket" "b" {\n  count  = var.create ? 1 : 0\n  bucket = "example-data"\n}\n`;
    const graph = await graphOf({
      'main.tf': 'variable "create" {\n  type = bool\n}\nvariable "harden" {\n  type = bool\n}\n' + bucket + satellites('count = var.harden ? 1 : 0', 'aws_s3_bucket.b[0].id', 'aws_s3_bucket.b[0].arn'),
    });
    expect(bucketVerdicts(graph)).toEqual(all('unknown'));
  });
});

// A literal index names one instance (https://developer.hashicorp.com/terraform/language/meta-arguments/count):
// `aws_s3_bucket.b[0]` of a count not known leaves b[1], b[2]… without the satellite.
describe('satellites naming one instance of a bucket whose count or for_each is not known', () => {
  const declarations = 'variable "n" {\n  type = number\n}\nvariable "names" {\n  type = set(string)\n}\nvariable "create" {\n  type = bool\n}\nvariable "more" {\n  type = bool\n}\n';
  const bucket = (repeat: string) => `resource "aws_s3_bucket" "b" {\n  ${repeat}\n  bucket = "example-data"\n}\n`;

  it.each([
    ['count = var.n', '[0]'],
    ['for_each = var.names', '["main"]'],
    ['count = var.create ? var.n : 0', '[0]'],
  ])('a bucket on %s, satellites naming %s: unknown, the message says which instance they name', async (repeat, index) => {
    const graph = await graphOf({ 'main.tf': declarations + bucket(repeat) + satellites('', `aws_s3_bucket.b${index}.id`, `aws_s3_bucket.b${index}.arn`) });
    expect(bucketVerdicts(graph)).toEqual(all('unknown'));
    const message = evaluateRule(publicAccessBlock, graph).find((v) => v.address === B)?.message;
    const named = `aws_s3_bucket.b${index}, one instance of aws_s3_bucket.b, whose \`${repeat}\` has no known value`;
    expect(message).toContain(`cannot tell whether aws_s3_bucket_public_access_block.pab applies to every instance: its \`bucket\` names ${named}`);
  });

  it('satellites on the same count naming [0] leave it unknown too', async () => {
    const graph = await graphOf({ 'main.tf': declarations + bucket('count = var.n') + satellites('count = var.n', 'aws_s3_bucket.b[0].id', 'aws_s3_bucket.b[0].arn') });
    expect(bucketVerdicts(graph)).toEqual(all('unknown'));
  });

  it('with the count given, the instances beyond [0] fail: what the unknown stood for', async () => {
    const known = declarations.replace('type = number', 'type    = number\n  default = 3');
    const verdicts = worstByAddress(evaluateRule(publicAccessBlock, await graphOf({ 'main.tf': known + bucket('count = var.n') + satellites('', 'aws_s3_bucket.b[0].id', 'aws_s3_bucket.b[0].arn') })));
    expect(verdicts).toEqual({ 'aws_s3_bucket.b[0]': 'pass', 'aws_s3_bucket.b[1]': 'fail', 'aws_s3_bucket.b[2]': 'fail' });
  });

  // A count whose every result is 0 or 1 makes instance [0] or none: [0] names whatever it makes.
  it.each(['count = var.create ? 1 : 0', 'count = var.create ? 0 : 1', 'count = var.create ? 1 : var.more ? 1 : 0', 'count = var.create ? (var.more ? 1 : 0) : 0'])(
    'a bucket on %s and satellites naming [0]: pass',
    async (repeat) => {
      const graph = await graphOf({ 'main.tf': declarations + bucket(repeat) + satellites('', 'aws_s3_bucket.b[0].id', 'aws_s3_bucket.b[0].arn') });
      expect(bucketVerdicts(graph)).toEqual(all('pass'));
    },
  );

  // The index is written where the value is used, not where the block is named: the graph sees
  // `aws_s3_bucket.b` whole. With the count given, such satellites cover b[0] alone.
  const forwarded: [string, string, string, Record<string, string>][] = [
    ['a local holding the block, indexed where used', 'local.all[0].id', 'local.all[0].arn', { 'locals.tf': 'locals {\n  all = aws_s3_bucket.b\n}\n' }],
    ['a local holding a splat, indexed where used', 'local.ids[0]', 'local.arns[0]', { 'locals.tf': 'locals {\n  ids  = aws_s3_bucket.b[*].id\n  arns = aws_s3_bucket.b[*].arn\n}\n' }],
    ['a splat indexed in place', 'aws_s3_bucket.b[*].id[0]', 'aws_s3_bucket.b[*].arn[0]', {}],
    ['element() of a splat', 'element(aws_s3_bucket.b[*].id, 0)', 'element(aws_s3_bucket.b[*].arn, 0)', {}],
  ];

  it.each(forwarded)('a bucket on count = var.n, satellites naming [0] through %s: unknown, never every instance', async (_name, id, arn, more) => {
    const graph = await graphOf({ 'main.tf': declarations + bucket('count = var.n') + satellites('', id, arn), ...more });
    expect(bucketVerdicts(graph)).toEqual(all('unknown'));
    const message = evaluateRule(publicAccessBlock, graph).find((v) => v.address === B)?.message;
    expect(message).toContain("its `bucket` names aws_s3_bucket.b without saying which instance (through a local, a module output, a splat or an index not read), whose `count = var.n` has no known value");
    // What the unknown stood for: given the count, [1] and [2] are not covered.
    const known = declarations.replace('type = number', 'type    = number\n  default = 3');
    const given = worstByAddress(evaluateRule(publicAccessBlock, await graphOf({ 'main.tf': known + bucket('count = var.n') + satellites('', id, arn), ...more })));
    expect(given['aws_s3_bucket.b[1]']).not.toBe('pass');
    expect(given['aws_s3_bucket.b[2]']).not.toBe('pass');
  });

  it('a module output forwarding the block or a splat of it, indexed by the caller: unknown', async () => {
    const module = 'variable "n" {\n  type = number\n}\n' + bucket('count = var.n') + 'output "all" {\n  value = aws_s3_bucket.b\n}\noutput "ids" {\n  value = aws_s3_bucket.b[*].id\n}\noutput "arns" {\n  value = aws_s3_bucket.b[*].arn\n}\n';
    const call = 'module "m" {\n  source = "./m"\n  n      = var.n\n}\n';
    for (const [id, arn] of [['module.m.all[0].id', 'module.m.all[0].arn'], ['module.m.ids[0]', 'module.m.arns[0]']]) {
      const graph = await graphOf({ 'main.tf': declarations + call + satellites('', id, arn), 'm/main.tf': module });
      expect({ id, verdicts: bucketVerdicts(graph, `module.m.${B}`) }).toEqual({ id, verdicts: all('unknown') });
    }
  });

  it('satellites of known keys naming [count.index] of a bucket on count = var.n cover those instances only: unknown', async () => {
    const graph = await graphOf({ 'main.tf': declarations + bucket('count = var.n') + satellites('count = 2', 'aws_s3_bucket.b[count.index].id', 'aws_s3_bucket.b[count.index].arn') });
    expect(bucketVerdicts(graph)['s3-bucket-public-access-block']).toBe('unknown');
    expect(bucketVerdicts(graph)['s3-bucket-deny-insecure-transport']).toBe('unknown');
    const message = evaluateRule(publicAccessBlock, graph).find((v) => v.address === B)?.message;
    expect(message).toContain('aws_s3_bucket.b[1], one instance of aws_s3_bucket.b, whose `count = var.n` has no known value');
  });

  it('satellites on the same count naming [count.index], or the block through a local on a count of 0 or 1: pass', async () => {
    const same = await graphOf({ 'main.tf': declarations + bucket('count = var.n') + satellites('count = var.n', 'aws_s3_bucket.b[count.index].id', 'aws_s3_bucket.b[count.index].arn') });
    expect(bucketVerdicts(same)).toEqual(all('pass'));
    const oneOrNone = await graphOf({ 'main.tf': declarations + bucket('count = var.create ? 1 : 0') + satellites('', 'local.all[0].id', 'local.all[0].arn'), 'locals.tf': 'locals {\n  all = aws_s3_bucket.b\n}\n' });
    expect(bucketVerdicts(oneOrNone)['s3-bucket-public-access-block']).toBe('pass');
  });

  it('a cdk.tf.json bucket on a count not known, satellites naming [0]: unknown', () => {
    const doc = (count: string) => ({
      variable: { n: { type: 'number' } },
      resource: {
        aws_s3_bucket: { b: { count, bucket: 'example-data' } },
        aws_s3_bucket_public_access_block: {
          pab: { bucket: '${aws_s3_bucket.b[0].id}', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
        },
      },
    });
    const verdicts = (count: string) => worstByAddress(evaluateRule(publicAccessBlock, buildGraph([parseCdktfDocument(doc(count), 'cdk.tf.json')])));
    expect(verdicts('${var.n}')[B]).toBe('unknown');
    expect(verdicts('${var.n > 0 ? 1 : 0}')[B]).toBe('pass');
    expect(verdicts('2')).toEqual({ 'aws_s3_bucket.b[0]': 'pass', 'aws_s3_bucket.b[1]': 'fail' });
  });
});

describe('a module call whose count or for_each is not known', () => {
  const files = (repeat: string, declarations: string): Record<string, string> => ({
    'main.tf': `${declarations}${BUCKET}module "harden" {\n  source = "./harden"\n  ${repeat}\n  bucket = aws_s3_bucket.b.id\n  arn    = aws_s3_bucket.b.arn\n}\n`,
    'harden/main.tf': 'variable "bucket" {\n  type = string\n}\nvariable "arn" {\n  type = string\n}\n' + satellites('', 'var.bucket', 'var.arn'),
  });

  it.each([
    ['count = var.harden ? 1 : 0', 'variable "harden" {\n  type = bool\n}\n'],
    ['for_each = var.harden ? toset(["on"]) : toset([])', 'variable "harden" {\n  type = bool\n}\n'],
  ])('%s: the satellites it makes leave the bucket unknown', async (repeat, declarations) => {
    expect(bucketVerdicts(await graphOf(files(repeat, declarations)))).toEqual(all('unknown'));
  });

  it('with the count known (1), the satellites it makes credit the bucket; with 0 they do not exist', async () => {
    expect(bucketVerdicts(await graphOf(files('count = var.harden ? 1 : 0', 'variable "harden" {\n  default = true\n}\n')))).toEqual(all('pass'));
    expect(bucketVerdicts(await graphOf(files('count = var.harden ? 1 : 0', 'variable "harden" {\n  default = false\n}\n')))).toEqual(all('fail'));
  });

  // `module.m[0].id` names the bucket of one instance of the module: with the count given, the
  // other instances' buckets get none of the satellites.
  describe('satellites naming one instance of it', () => {
    const module = 'resource "aws_s3_bucket" "b" {\n  bucket_prefix = "example-data"\n}\noutput "id" {\n  value = aws_s3_bucket.b.id\n}\noutput "arn" {\n  value = aws_s3_bucket.b.arn\n}\n';
    const declarations = 'variable "n" {\n  type = number\n}\nvariable "names" {\n  type = set(string)\n}\nvariable "on" {\n  type = bool\n}\n';
    const call = (repeat: string, more = '') => `module "m" {\n  source = "./m"\n  ${repeat}\n}\n${more}`;
    const graphWith = (repeat: string, id: string, arn: string, more = '', values = '') =>
      graphOf({ 'main.tf': (values || declarations) + call(repeat, more) + satellites('', id, arn), 'm/main.tf': module });
    const MB = `module.m.${B}`;

    it.each([
      ['count = var.n', 'module.m[0].id', 'module.m[0].arn', '', 'module.m[0], one instance of module.m, whose `count = var.n` has no known value'],
      ['for_each = var.names', 'module.m["a"].id', 'module.m["a"].arn', '', 'module.m["a"], one instance of module.m, whose `for_each = var.names` has no known value'],
      ['count = var.n', 'module.m[*].id[0]', 'module.m[*].arn[0]', '', 'module.m without saying which instance (through a local, a splat or an index not read), whose `count = var.n` has no known value'],
      ['count = var.n', 'local.ms[0].id', 'local.ms[0].arn', 'locals {\n  ms = module.m\n}\n', 'module.m without saying which instance'],
    ])('a call on %s, satellites naming %s: unknown, the message says which instance they name', async (repeat, id, arn, more, named) => {
      const graph = await graphWith(repeat, id, arn, more);
      expect(bucketVerdicts(graph, MB)).toEqual(all('unknown'));
      const message = evaluateRule(publicAccessBlock, graph).find((v) => v.address === MB)?.message;
      expect(message).toContain(`cannot tell whether aws_s3_bucket_public_access_block.pab applies to every instance: its \`bucket\` names ${named}`);
    });

    it('with the count given, the instances beyond [0] fail: what the unknown stood for', async () => {
      const known = declarations.replace('type = number', 'type    = number\n  default = 3');
      const verdicts = worstByAddress(evaluateRule(publicAccessBlock, await graphWith('count = var.n', 'module.m[0].id', 'module.m[0].arn', '', known)));
      expect(verdicts).toEqual({ [`module.m[0].${B}`]: 'pass', [`module.m[1].${B}`]: 'fail', [`module.m[2].${B}`]: 'fail' });
    });

    // Terraform refuses `module.m[0]` of a call that makes no instance (Invalid index): where the
    // satellite plans, [0] is the one instance the call makes.
    it('a call on count = var.on ? 1 : 0 and satellites naming module.m[0]: its bucket passes', async () => {
      const graph = await graphWith('count = var.on ? 1 : 0', 'module.m[0].id', 'module.m[0].arn');
      expect(worstByAddress(evaluateRule(publicAccessBlock, graph))[MB]).toBe('pass');
      expect(worstByAddress(evaluateRule(defaultEncryption, graph))[MB]).toBe('pass');
    });
  });

  it('resources of a module on an unknown count are judged as they would be created', async () => {
    const graph = await graphOf({
      'main.tf': 'variable "on" {\n  type = bool\n}\nmodule "data" {\n  source = "./bucket"\n  count  = var.on ? 1 : 0\n}\n',
      'bucket/main.tf': BUCKET + satellites('', 'aws_s3_bucket.b.id', 'aws_s3_bucket.b.arn'),
    });
    // The bucket and its satellites exist together, in one module instance.
    expect(bucketVerdicts(graph, `module.data.${B}`)).toEqual(all('pass'));
  });
});

describe('a resource that may not be created is judged as it would be created', () => {
  const provider = 'provider "aws" {\n  default_tags {\n    tags = { Environment = "prod", Owner = "platform" }\n  }\n}\nvariable "on" {\n  type = bool\n}\n';

  it('a bucket on an unknown count without satellites fails; its tags merge its provider\'s default_tags', async () => {
    const tagged = `resource "aws_s3_bucket" "b" {\n  count  = var.on ? 1 : 0\n  bucket = "example-data"\n  tags   = { DataClassification = "internal" }\n}\n`;
    const graph = await graphOf({ 'main.tf': provider + tagged });
    expect(bucketVerdicts(graph)).toEqual(all('fail'));
    expect(worstByAddress(evaluateRule(requiredTags, graph))[B]).toBe('pass');
    const untagged = await graphOf({ 'main.tf': provider + tagged.replace('  tags   = { DataClassification = "internal" }\n', '') });
    expect(worstByAddress(evaluateRule(requiredTags, untagged))[B]).toBe('fail');
  });
});

describe('cdk.tf.json', () => {
  it('a satellite whose count is a token not known leaves the bucket unknown; a string count "0" makes none', () => {
    const doc = (count: string) => ({
      variable: { harden: { type: 'bool' } },
      locals: { enabled: '0' },
      resource: {
        aws_s3_bucket: { b: { bucket: 'example-data' } },
        aws_s3_bucket_public_access_block: {
          pab: { count, bucket: '${aws_s3_bucket.b.id}', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
        },
      },
    });
    const verdict = (count: string) => worstByAddress(evaluateRule(publicAccessBlock, buildGraph([parseCdktfDocument(doc(count), 'cdk.tf.json')])))[B];
    expect(verdict('${var.harden ? 1 : 0}')).toBe('unknown');
    expect(verdict('${local.enabled}')).toBe('fail');
    expect(verdict('1')).toBe('pass');
  });
});
