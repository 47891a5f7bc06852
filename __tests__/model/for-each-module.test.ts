/**
 * `for_each` over what a module gives (terraform-aws-modules' idioms): over the module's instances
 * (`for_each = module.buckets`, each.value the instance's outputs) and over an output a `for` builds
 * from a resource inside the module (`for_each = module.m.ids`, `ids = { for k, b in
 * aws_s3_bucket.this : k => b.id }`). Terraform plans one instance per key; each.value is that
 * instance, or that output's entry. A `for` that leaves keys out or names another instance is read
 * as written, and an instance the code inside the module names is never taken for one of the root
 * module's blocks of the same name.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildGraph } from '../../checks/model/graph';
import { loadHcl } from '../../checks/model/hcl';
import { loadInputs } from '../../checks/model/load';
import type { Graph, Resource } from '../../checks/model/types';
import sseRule from '../../checks/rules/encryption-at-rest/s3-bucket-default-encryption';
import snsRule from '../../checks/rules/encryption-at-rest/sns-topic-encrypted';
import { evaluateRule, worstByAddress } from '../helpers/rule-table';

const SSE = 'aws_s3_bucket_server_side_encryption_configuration';

/** The bucket module: one bucket per name, and their ids (`ids`) and other maps built by a `for`. */
const BUCKET_MODULE = `variable "names" {
  type = set(string)
}
resource "aws_s3_bucket" "this" {
  for_each = var.names
  bucket   = each.key
}
output "ids" {
  value = { for k, b in aws_s3_bucket.this : k => b.id }
}
output "only_x" {
  value = { for k, b in aws_s3_bucket.this : k => b.id if k == "x" }
}
output "all_x" {
  value = { for k, b in aws_s3_bucket.this : k => aws_s3_bucket.this["x"].id }
}
output "swapped" {
  value = { for k, b in aws_s3_bucket.this : (k == "x" ? "y" : "x") => b.id }
}
`;

/** An SSE block iterating over `forEach`, its bucket written as `bucket`. */
const sse = (name: string, forEach: string, bucket: string): string => `resource "${SSE}" "${name}" {
  for_each = ${forEach}
  bucket   = ${bucket}
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
`;

/** A root module (main.tf, or cdk.tf.json) with the bucket module at ./modules/bucket, and its graph. */
async function graphOfRoot(main: string, files: Record<string, string> = { 'modules/bucket/main.tf': BUCKET_MODULE }, root = 'main.tf'): Promise<Graph> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'for-each-module-'));
  try {
    for (const [file, text] of Object.entries({ [root]: main, ...files })) {
      await fs.promises.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await fs.promises.writeFile(path.join(dir, file), text);
    }
    return buildGraph(root === 'main.tf' ? [await loadHcl(dir)] : await loadInputs([path.join(dir, root)]));
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

const addresses = (resources: readonly Resource[]): string[] => resources.map((r) => r.address).sort();
const buckets = (graph: Graph): Record<string, string> => worstByAddress(evaluateRule(sseRule, graph));

function get(graph: Graph, address: string): Resource {
  const found = graph.resources.find((r) => r.address === address);
  if (!found) throw new Error(`no ${address}`);
  return found;
}

describe('for_each over a module’s instances (for_each = module.one)', () => {
  it('each.value is the instance of the same key: its output names that instance’s bucket, not its log bucket', async () => {
    const graph = await graphOfRoot(`module "one" {
  source   = "./modules/bucket"
  for_each = toset(["a", "b"])
  names    = [each.key, "\${each.key}-logs"]
}
${sse('a', 'module.one', 'each.value.ids[each.key]')}`);
    expect(buckets(graph)).toEqual({
      'module.one["a"].aws_s3_bucket.this["a"]': 'pass',
      'module.one["a"].aws_s3_bucket.this["a-logs"]': 'fail',
      'module.one["b"].aws_s3_bucket.this["b"]': 'pass',
      'module.one["b"].aws_s3_bucket.this["b-logs"]': 'fail',
    });
    expect(addresses(graph.attached(get(graph, 'module.one["b"].aws_s3_bucket.this["b"]'), SSE).linked)).toEqual([`${SSE}.a["b"]`]);
  });

  it.each([
    ['each.value.ids["${each.key}-logs"]: the log bucket', 'module.one', 'each.value.ids["${each.key}-logs"]', { main: 'fail', logs: 'pass' }],
    ['a for over the instances (k => m.ids[k])', '{ for k, m in module.one : k => m.ids[k] }', 'each.value', { main: 'pass', logs: 'fail' }],
    ['a for over the instances that swaps to the log bucket', '{ for k, m in module.one : k => m.ids["${k}-logs"] }', 'each.value', { main: 'fail', logs: 'pass' }],
  ])('%s: credits the bucket the code names in that instance', async (_, forEach, bucket, expected) => {
    const graph = await graphOfRoot(`module "one" {
  source   = "./modules/bucket"
  for_each = toset(["a", "b"])
  names    = [each.key, "\${each.key}-logs"]
}
${sse('a', forEach, bucket)}`);
    expect(buckets(graph)).toEqual({
      'module.one["a"].aws_s3_bucket.this["a"]': expected.main,
      'module.one["a"].aws_s3_bucket.this["a-logs"]': expected.logs,
      'module.one["b"].aws_s3_bucket.this["b"]': expected.main,
      'module.one["b"].aws_s3_bucket.this["b-logs"]': expected.logs,
    });
  });

  it('a module called over another’s instances passes each instance’s output to its variable', async () => {
    const graph = await graphOfRoot(
      `module "one" {
  source   = "./modules/bucket"
  for_each = toset(["a", "b"])
  names    = [each.key, "\${each.key}-logs"]
}
module "enc" {
  source   = "./modules/enc"
  for_each = module.one
  bucket   = each.value.ids["\${each.key}-logs"]
}
`,
      { 'modules/bucket/main.tf': BUCKET_MODULE, 'modules/enc/main.tf': `variable "bucket" {\n  type = string\n}\n${sse('this', '{ one = 1 }', 'var.bucket')}` },
    );
    expect(buckets(graph)).toEqual({
      'module.one["a"].aws_s3_bucket.this["a"]': 'fail',
      'module.one["a"].aws_s3_bucket.this["a-logs"]': 'pass',
      'module.one["b"].aws_s3_bucket.this["b"]': 'fail',
      'module.one["b"].aws_s3_bucket.this["b-logs"]': 'pass',
    });
  });

  it('links each SNS topic to the KMS key of its own module instance (each.value.key_arn)', async () => {
    const graph = await graphOfRoot(
      `module "keys" {
  source   = "./modules/key"
  for_each = toset(["a", "b"])
  name     = each.key
}
resource "aws_sns_topic" "t" {
  for_each          = module.keys
  name              = each.key
  kms_master_key_id = each.value.key_arn
}
`,
      {
        'modules/key/main.tf': `variable "name" {
  type = string
}
resource "aws_kms_key" "this" {
  description         = var.name
  enable_key_rotation = true
}
output "key_arn" {
  value = aws_kms_key.this.arn
}
`,
      },
    );
    for (const key of ['a', 'b']) {
      const resolution = graph.resolve(get(graph, `aws_sns_topic.t["${key}"]`), ['kms_master_key_id'], ['aws_kms_key']);
      expect(resolution).toMatchObject({ status: 'resources', targets: [expect.objectContaining({ address: `module.keys["${key}"].aws_kms_key.this` })] });
    }
    const verdicts = worstByAddress(evaluateRule(snsRule, graph));
    expect([verdicts['aws_sns_topic.t["a"]'], verdicts['aws_sns_topic.t["b"]']]).toEqual(['pass', 'pass']);
  });
});

describe('for_each over a module output a for builds over the module’s buckets', () => {
  const CALL = `module "two" {
  source = "./modules/bucket"
  names  = ["x", "y"]
}
`;

  it('k => b.id: each key’s SSE encrypts that key’s bucket', async () => {
    const graph = await graphOfRoot(`${CALL}${sse('b', 'module.two.ids', 'each.value')}`);
    expect(buckets(graph)).toEqual({ 'module.two.aws_s3_bucket.this["x"]': 'pass', 'module.two.aws_s3_bucket.this["y"]': 'pass' });
    expect(addresses(graph.attached(get(graph, 'module.two.aws_s3_bucket.this["y"]'), SSE).linked)).toEqual([`${SSE}.b["y"]`]);
  });

  it('never takes the module’s bucket for a root bucket of the same block name and key', async () => {
    const graph = await graphOfRoot(`${CALL}resource "aws_s3_bucket" "this" {
  for_each = toset(["x", "y"])
  bucket   = "root-\${each.key}"
}
${sse('b', 'module.two.ids', 'each.value')}`);
    expect(buckets(graph)).toEqual({
      'aws_s3_bucket.this["x"]': 'fail',
      'aws_s3_bucket.this["y"]': 'fail',
      'module.two.aws_s3_bucket.this["x"]': 'pass',
      'module.two.aws_s3_bucket.this["y"]': 'pass',
    });
  });

  it.each([
    ['a for that leaves a key out (if k == "x")', 'module.two.only_x', { x: 'pass', y: 'fail' }],
    // Two configurations for bucket x, as at the root (t-swap2): which one applies is not told.
    ['a for whose every entry names bucket x', 'module.two.all_x', { x: 'unknown', y: 'fail' }],
  ])('%s: credits none of the buckets it does not name', async (_, forEach, expected) => {
    const graph = await graphOfRoot(`${CALL}${sse('b', forEach, 'each.value')}`);
    expect(buckets(graph)).toEqual({ 'module.two.aws_s3_bucket.this["x"]': expected.x, 'module.two.aws_s3_bucket.this["y"]': expected.y });
  });

  it('a for that swaps the keys: instance x encrypts bucket y', async () => {
    const graph = await graphOfRoot(`${CALL}${sse('b', 'module.two.swapped', 'each.value')}`);
    expect(addresses(graph.attached(get(graph, 'module.two.aws_s3_bucket.this["y"]'), SSE).linked)).toEqual([`${SSE}.b["x"]`]);
    expect(addresses(graph.attached(get(graph, 'module.two.aws_s3_bucket.this["x"]'), SSE).linked)).toEqual([`${SSE}.b["y"]`]);
  });
});

describe('for_each over a module argument a for builds over the caller’s buckets', () => {
  // The caller's buckets are the ones each instance's `each.value` names (the argument's map, known in its keys, read
  // with its code: `{ x = aws_s3_bucket.this["x"].id, … }`); the module's own buckets of the same block name are not
  // taken for them.
  it('credits the caller’s buckets, never the module’s own block of the same name', async () => {
    const graph = await graphOfRoot(
      `resource "aws_s3_bucket" "this" {
  for_each = toset(["x", "y"])
  bucket   = "root-\${each.key}"
}
module "enc" {
  source = "./modules/enc"
  ids    = { for k, b in aws_s3_bucket.this : k => b.id }
}
`,
      {
        'modules/enc/main.tf': `variable "ids" {
  type = any
}
resource "aws_s3_bucket" "this" {
  for_each = var.ids
  bucket   = "enc-\${each.key}"
}
${sse('this', 'var.ids', 'each.value')}`,
      },
    );
    expect(buckets(graph)).toEqual({
      'aws_s3_bucket.this["x"]': 'pass',
      'aws_s3_bucket.this["y"]': 'pass',
      'module.enc.aws_s3_bucket.this["x"]': 'fail',
      'module.enc.aws_s3_bucket.this["y"]': 'fail',
    });
  });
});

describe('cdk.tf.json (a TerraformHclModule of a local module) reads the same', () => {
  it('for_each = ${module.one} and ${module.two.ids}: each SSE encrypts the bucket of its key, not the log buckets', async () => {
    const rule = [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } }];
    const document = {
      module: {
        one: { source: './modules/bucket', for_each: '${toset(["a", "b"])}', names: ['${each.key}', '${each.key}-logs'] },
        two: { source: './modules/bucket', names: ['x', 'y'] },
      },
      resource: {
        [SSE]: {
          a: { for_each: '${module.one}', bucket: '${each.value.ids[each.key]}', rule },
          b: { for_each: '${module.two.ids}', bucket: '${each.value}', rule },
        },
      },
    };
    const graph = await graphOfRoot(JSON.stringify(document), undefined, 'cdk.tf.json');
    expect(buckets(graph)).toEqual({
      'module.one["a"].aws_s3_bucket.this["a"]': 'pass',
      'module.one["a"].aws_s3_bucket.this["a-logs"]': 'fail',
      'module.one["b"].aws_s3_bucket.this["b"]': 'pass',
      'module.one["b"].aws_s3_bucket.this["b-logs"]': 'fail',
      'module.two.aws_s3_bucket.this["x"]': 'pass',
      'module.two.aws_s3_bucket.this["y"]': 'pass',
    });
  });
});
