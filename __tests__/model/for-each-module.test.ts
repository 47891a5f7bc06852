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
import type { Graph, Resource } from '../../checks/model/types';
import sseRule from '../../checks/rules/encryption-at-rest/s3-bucket-default-encryption';
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

/** A root module (main.tf) with the bucket module at ./modules/bucket, and its graph. */
async function graphOfRoot(main: string, files: Record<string, string> = { 'modules/bucket/main.tf': BUCKET_MODULE }): Promise<Graph> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'for-each-module-'));
  try {
    for (const [file, text] of Object.entries({ 'main.tf': main, ...files })) {
      await fs.promises.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await fs.promises.writeFile(path.join(dir, file), text);
    }
    return buildGraph([await loadHcl(dir)]);
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
  // The caller's buckets stay unknown (the argument's map is not followed through the module's code yet): what
  // matters is that the module's own buckets of the same block name are not taken for them.
  it('never credits the module’s own block of the same name', async () => {
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
      'aws_s3_bucket.this["x"]': 'unknown',
      'aws_s3_bucket.this["y"]': 'unknown',
      'module.enc.aws_s3_bucket.this["x"]': 'fail',
      'module.enc.aws_s3_bucket.this["y"]': 'fail',
    });
  });
});
