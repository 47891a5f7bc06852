/**
 * Property-based tests (fast-check) for the configuration inputs, as property.test.ts does for
 * plans: a cdk.tf.json with random parts deleted, replaced or retyped, and a .tf file with random
 * text cut, copied or inserted, end the CLI with exit 0, 1 or 2 in time (one message line on 2),
 * never with an uncaught error, and no rule throws; the same files always give the same report.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { scratch } from './harness';
import { behaves, mutated, RUN_TIMEOUT_MS, RUNS } from './property-support';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
/** Every cdk.tf.json and .tf file the project ships as a fixture. */
const fixtures = (name: (file: string) => boolean): string[] =>
  (fs.readdirSync(FIXTURES, { recursive: true }) as string[]).filter((file) => name(path.basename(file))).map((file) => fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
const CDKTF = fixtures((file) => file === 'cdk.tf.json').map((text) => JSON.parse(text) as Record<string, unknown>);
const TF = fixtures((file) => file.endsWith('.tf'));

const tmp = scratch();
const codes: Record<number, number> = {};
afterAll(() => {
  tmp.cleanup();
  // The properties must reach verdicts, not only refusals.
  expect((codes[0] ?? 0) + (codes[1] ?? 0)).toBeGreaterThan(0);
  expect(codes[2] ?? 0).toBeGreaterThan(0);
});

/** Text edits a hand or a merge could make: cut a stretch, copy one elsewhere, or insert HCL-ish characters. */
type TextEdit = { readonly op: 'cut' | 'copy' | 'insert'; readonly at: number; readonly length: number; readonly to: number; readonly text: string };
const textEdit: fc.Arbitrary<TextEdit> = fc.record({
  op: fc.constantFrom('cut', 'copy', 'insert'),
  at: fc.nat(),
  length: fc.nat({ max: 80 }),
  to: fc.nat(),
  text: fc.oneof(
    fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '(', ')', '"', '=', '$', '.', ',', '\n', '#', '/', '*', '\\', ' ', 'a', '0', '%', '<', '~', '\u00e9'), maxLength: 12 }),
    fc.constantFrom('${', '${var.x}', '<<EOF\nx\nEOF\n', 'dynamic "rule" {', 'for_each = toset(["a"])', 'count = 2', 'jsonencode({', 'module "m" {\nsource = "./m"\n}\n', '"__proto__" = "a@b.io"', '"%{ if true }x%{ else }y%{ endif }"', '<<EOT\n%{ for v in ["a", "b"] ~}\n  ${v}\n%{ endfor ~}\nEOT\n', '"${~ "a" ~}"', 'templatefile("main.tf", { a = 1 })', 'regexall("(a|a)*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac")', 'toset([{ a = "x" }, ["b"]])', 'terraform {\nbackend "s3" {\nencrypt = true\nsecret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n}\n}\n'),
  ),
});

function applyTextEdit(text: string, e: TextEdit): string {
  const at = e.at % (text.length + 1);
  if (e.op === 'cut') return text.slice(0, at) + text.slice(at + e.length);
  const to = e.to % (text.length + 1);
  const inserted = e.op === 'copy' ? text.slice(at, at + e.length) : e.text;
  return text.slice(0, to) + inserted + text.slice(to);
}

describe('random and mutated configuration inputs', () => {
  it('cdk.tf.json documents with random parts deleted, replaced or retyped: exit 0/1/2, deterministic', async () => {
    expect(CDKTF.length).toBeGreaterThan(3);
    await fc.assert(
      fc.asyncProperty(mutated(fc.constantFrom(...CDKTF)), (doc) => behaves(tmp.file('cdk.tf.json', JSON.stringify(doc)), 'cdktf', tmp.dir, codes)),
      { numRuns: RUNS, timeout: RUN_TIMEOUT_MS },
    );
  });

  it('.tf files with random text cut, copied or inserted: exit 0/1/2, deterministic', async () => {
    expect(TF.length).toBeGreaterThan(3);
    const dir = path.join(tmp.dir, 'tf');
    fs.mkdirSync(dir);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TF), fc.array(textEdit, { minLength: 1, maxLength: 3 }), (text, edits) => {
        fs.writeFileSync(path.join(dir, 'main.tf'), edits.reduce(applyTextEdit, text));
        return behaves(dir, 'hcl', tmp.dir, codes);
      }),
      { numRuns: RUNS, timeout: RUN_TIMEOUT_MS },
    );
  });
});
