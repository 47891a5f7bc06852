/**
 * Nested modules whose outputs each read two of their child's reach the innermost output by 2^depth
 * paths. The links through them are followed once per module output, not once per path: counted
 * through the configuration's output lookups, never timed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runRules } from '../../checks/engine';
import { buildGraph } from '../../checks/model/graph';
import { InputContext } from '../../checks/model/graph/context';
import { loadHcl } from '../../checks/model/hcl';
import publicAccessBlock from '../../checks/rules/access/s3-bucket-public-access-block';
import denyInsecureTransport from '../../checks/rules/encryption-in-transit/s3-bucket-deny-insecure-transport';
import { DEFAULT_SETTINGS } from '../../checks/settings';

const DEPTH = 14;

/** `depth` modules, each in the one before; the innermost makes the bucket, the root its satellites (the public access block leaves public ACLs allowed). */
function writeModules(dir: string, depth = DEPTH): string {
  for (let level = 1; level <= depth; level++) {
    const at = path.join(dir, ...Array<string>(level).fill('m'));
    fs.mkdirSync(at, { recursive: true });
    fs.writeFileSync(
      path.join(at, 'main.tf'),
      level === depth
        ? 'variable "name" {}\nresource "aws_s3_bucket" "b" {\n  bucket = var.name\n}\noutput "a" { value = aws_s3_bucket.b.id }\noutput "b" { value = aws_s3_bucket.b.id }\n'
        : 'variable "name" {}\nmodule "m" {\n  source = "./m"\n  name   = var.name\n}\noutput "a" { value = var.name == "x" ? module.m.a : module.m.b }\noutput "b" { value = var.name == "y" ? module.m.b : module.m.a }\n',
    );
  }
  fs.writeFileSync(
    path.join(dir, 'main.tf'),
    `module "m" {
  source = "./m"
  name   = "bkt"
}
resource "aws_s3_bucket_public_access_block" "a" {
  bucket                  = module.m.a
  block_public_acls       = false
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
resource "aws_s3_bucket_policy" "p" {
  bucket = module.m.a
  policy = jsonencode({ Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ["arn:aws:s3:::bkt", "arn:aws:s3:::bkt/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } }] })
}
`,
  );
  return dir;
}

describe('nested modules whose outputs read both of their child\'s', () => {
  it('link the satellites to the innermost bucket, each output followed once per check, not once per path', async () => {
    const dir = writeModules(fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-module-fan-')));
    const lookups = jest.spyOn(InputContext.prototype, 'output');
    try {
      const graph = buildGraph([await loadHcl(dir)]);
      lookups.mockClear();
      const { findings } = runRules(graph, DEFAULT_SETTINGS, [publicAccessBlock, denyInsecureTransport]);
      const bucket = `${'module.m.'.repeat(DEPTH)}aws_s3_bucket.b`;
      // Linked: the block's one setting left off fails the bucket, the policy denying plain HTTP passes it (no finding).
      expect(findings.filter((f) => f.address === bucket).map((f) => [f.ruleId, f.status, f.message])).toEqual([['s3-bucket-public-access-block', 'fail', expect.stringContaining('block_public_acls')]]);
      // Two outputs a module level, each read at a few depths: the old walk made some 2^15 lookups here.
      expect(lookups.mock.calls.length).toBeLessThanOrEqual(8 * DEPTH * DEPTH);
    } finally {
      lookups.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('beyond the depth followed, say why in a reason of bounded length, though each level joins both outputs\' reasons', async () => {
    const dir = writeModules(fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-module-fan-')), 30);
    try {
      const graph = buildGraph([await loadHcl(dir)]);
      const block = graph.resources.find((r) => r.address === 'aws_s3_bucket_public_access_block.a');
      const resolution = block && graph.resolve(block, ['bucket'], ['aws_s3_bucket']);
      expect(resolution).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/^aws_s3_bucket_public_access_block.a: bucket: module.m: output a of module.m: /) });
      // Doubled at each of the levels above the cut: some 2^18 copies of the reason before.
      expect(resolution?.status === 'unknown' && resolution.reason.length).toBeLessThan(1_200);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
