/**
 * The evaluator against Terraform itself: every expression twinguard evaluates to a known value
 * must be the value `terraform console` gives for it, byte for byte once jsonencoded. Runs when a
 * `terraform` executable is on PATH (it needs no provider and no network: only locals); skips with
 * one line otherwise, as in a checkout on a machine without Terraform.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bodiesOf } from '../../checks/model/cdktf';
import { LocalScope } from '../../checks/model/evaluate';

/** Locals the cases use. */
const BASE = `
  name     = "twin"
  env      = "prod"
  count    = 3
  ratio    = 0.25
  flag     = true
  list     = ["b", "a", "c", "a"]
  tags     = { Owner = "platform", Team = "iot" }
  nested   = { inner = { value = "deep", list = [1, 2] } }
  arn      = "arn:aws:s3:::\${local.name}-\${local.env}"
  policy   = { Version = "2012-10-17", Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ["\${local.arn}", "\${local.arn}/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } }] }
  doc      = <<EOT
Owner: \${local.tags.Owner}
Plain line with $\${literal}
EOT
`;

/** Expressions over BASE; each must be known to twinguard and to Terraform. */
const CASES: readonly string[] = [
  'local.arn',
  'local.policy',
  'merge(local.tags, { Team = "ops", Stage = "dev" }, null)',
  'merge({ a = { x = 1 } }, { a = { y = 2 } })',
  'concat(local.list, ["d"], [])',
  'lookup(local.tags, "Owner", "none")',
  'lookup(local.tags, "Nope", "none")',
  'join("-", local.list, ["z"])',
  'coalesce("", local.name)',
  'coalesce(null, "", "x")',
  'toset(local.list)',
  'toset(["zeta", "Alpha", "alpha", "_x", "Ω", "é"])',
  'lower("MiXeD-123")',
  'upper("mixed_ok")',
  'trimspace("  \\t spaced \\n ")',
  'trimspace("\\u0085x\\u00a0")',
  'tostring(local.count)',
  'tostring(local.flag)',
  'tomap(local.tags)',
  'tolist(["x", "y"])',
  '"n-${local.count}-${local.flag}-${local.ratio}"',
  'local.nested.inner.list[1]',
  'local.nested["inner"]["value"]',
  'local.doc',
  '{ "10" = 1, "9" = 2, b = 3, "B" = 4, "é" = 5, "_" = 6 }',
  '["<a href=\\"x\\">&</a>", "\\u2028", "tab\\there"]',
  '[0.1, 1.5, -3, 100, 2.5e1, 0, -0.5]',
  '"e\\u0301"',
  '"$${not} %%{directive}"',
  '{ (local.name) = "keyed" }',
  'jsonencode(local.policy)',
];

const hasTerraform = spawnSync('terraform', ['version'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } }).status === 0;

/** `describe` when terraform is on PATH, otherwise a skipped block that says why (as `describeWithShared`). */
const describeWithTerraform: (name: string, fn: () => void) => void = hasTerraform
  ? describe
  : (name) => {
      describe(name, () => {
        it.skip('skipped: no `terraform` on PATH to compare with', () => undefined);
      });
    };

describeWithTerraform('the evaluator gives what terraform console gives', () => {
  const main = `locals {\n${BASE}\n${CASES.map((c, i) => `  case_${i} = ${c}`).join('\n')}\n}\n`;
  let terraform: string[];
  let twinguard: LocalScope;

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-console-'));
    try {
      fs.writeFileSync(path.join(dir, 'main.tf'), main);
      // One console run: it prints only the value of the last line it reads.
      const expression = `jsonencode([${CASES.map((_, i) => `jsonencode(local.case_${i})`).join(', ')}])`;
      const run = spawnSync('terraform', ['console'], { cwd: dir, input: `${expression}\n`, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' } });
      if (run.status !== 0) throw new Error(`terraform console failed: ${run.stderr}`);
      // The console prints the string as an HCL quoted string, which JSON reads.
      terraform = JSON.parse(JSON.parse(run.stdout.trim()) as string) as string[];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { parse } = require('@cdktf/hcl2json') as typeof import('@cdktf/hcl2json');
      const doc = (await parse('main.tf', main)) as Record<string, unknown>;
      twinguard = new LocalScope(bodiesOf(doc.locals));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(CASES.map((c, i) => [i, c] as const))('case %d: %s', (i) => {
    const ours = twinguard.template(`\${jsonencode(local.case_${i})}`);
    expect(ours?.whollyKnown).toBe(true);
    expect(ours?.after).toBe(terraform[i]);
  });
});
