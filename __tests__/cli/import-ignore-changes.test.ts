/**
 * An `import` block brings in an object that exists already, and `lifecycle { ignore_changes }` keeps
 * what that object has in AWS (Terraform uses an ignored argument's value only when it creates the
 * object): checked alone, the code does not say what is deployed there, so the ignored attributes of the
 * import's resource are known only after apply (every rule on them unknown, waivable per resource, its message
 * saying why) and every other rule judges the code; the plan (which holds the imported values) is read as ever, with
 * that code too.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/shared';
import { checkFindings, twinguard, withFiles } from './run';

const KEY = (lifecycle: string) => `
resource "aws_kms_key" "k" {
  description         = "k"
  enable_key_rotation = true
  ${lifecycle}
}
`;
const IMPORT = 'import {\n  to = aws_kms_key.k\n  id = "1234abcd-12ab-34cd-56ef-1234567890ab"\n}\n';
const IGNORE = 'lifecycle {\n    ignore_changes = [enable_key_rotation]\n  }';
/** The message says why: the import keeps what AWS holds, not "known only after apply" (AWS knows it) with the rule's usual fix. */
const KEPT = (attribute: string, all = false) =>
  `\`${attribute}\` is what AWS holds, not what the code writes: an \`import\` block brings this resource in and its \`lifecycle { ignore_changes${all ? ' = all' : ''} }\` ${all ? 'keeps every attribute' : `lists \`${attribute}\``}, so Terraform keeps the value the object has in AWS, and the gate cannot vouch for it. Check the plan, which holds that value (\`terraform plan -out\`, then \`terraform show -json\`), see the object as code (\`terraform plan -generate-config-out=generated.tf\` writes it for an import block whose resource has no block yet), or ${all ? 'list in ignore_changes only what may change outside Terraform' : `take \`${attribute}\` out of ignore_changes`}.`;
const ROTATION_UNKNOWN = ['kms-key-rotation', 'aws_kms_key.k', 'unknown', KEPT('enable_key_rotation')];
const of = (findings: readonly { ruleId: string; address: string; status: string; message: string }[], ...rules: string[]) =>
  findings.filter((f) => rules.includes(f.ruleId)).map((f) => [f.ruleId, f.address, f.status, f.message]);

describe('an imported resource that ignores changes', () => {
  it('a .tf directory: the ignored attribute is unknown, blocking (it passed on the code value, which Terraform never sends)', async () => {
    const run = await withFiles({ 'main.tf': KEY(IGNORE), 'imports.tf': IMPORT }, (dir) => twinguard(['check', dir, '--format', 'json']));
    expect(run.code).toBe(1);
    expect(of(JSON.parse(run.stdout).findings, 'kms-key-rotation')).toEqual([ROTATION_UNKNOWN]);
  });

  it('ignoring another attribute (`tags`, `tags["Owner"]`), the rules on the ignored one are unknown and the others judge the code', async () => {
    for (const ignored of ['tags', 'tags["Owner"]']) {
      const tags = 'tags = { Environment = "prod", Owner = "team", DataClassification = "internal" }';
      const main = KEY(`${tags}\n  lifecycle {\n    ignore_changes = [${ignored}]\n  }`);
      const { findings } = await withFiles({ 'main.tf': main, 'imports.tf': IMPORT }, (dir) => checkFindings([dir]));
      // Not "Write the tags as literal values": they are written, and AWS keeps its own.
      expect(of(findings, 'kms-key-rotation', 'required-tags', 'tag-limits')).toEqual([
        ['required-tags', 'aws_kms_key.k', 'unknown', KEPT('tags')],
        ['tag-limits', 'aws_kms_key.k', 'unknown', KEPT('tags')],
      ]);
    }
  });

  it('in a .tf.json file, `ignore_changes = all` makes every attribute unknown', async () => {
    const json = JSON.stringify({
      import: [{ to: 'aws_kms_key.k', id: 'x' }],
      resource: { aws_kms_key: { k: { description: 'k', enable_key_rotation: true, lifecycle: { ignore_changes: 'all' } } } },
    });
    const { findings } = await withFiles({ 'main.tf.json': json }, (dir) => checkFindings([dir]));
    expect(of(findings, 'kms-key-rotation')).toEqual([['kms-key-rotation', 'aws_kms_key.k', 'unknown', KEPT('enable_key_rotation', true)]]);
  });

  it('a cdk.tf.json stack: the ignored attribute is unknown, exit 1 (not refused)', async () => {
    const doc = {
      import: [{ to: 'aws_kms_key.k', id: 'x' }],
      resource: { aws_kms_key: { k: { description: 'k', enable_key_rotation: true, lifecycle: { ignore_changes: ['enable_key_rotation'] } } } },
    };
    const run = await withFiles({ 'cdk.tf.json': JSON.stringify(doc) }, (dir) => twinguard(['check', path.join(dir, 'cdk.tf.json'), '--format', 'json']));
    expect([run.code, run.stderr]).toEqual([1, '']);
    expect(of(JSON.parse(run.stdout).findings, 'kms-key-rotation')).toEqual([ROTATION_UNKNOWN]);
  });

  it('an import whose for_each is an empty map imports nothing: no finding, exit 0', async () => {
    const main = `variable "keys" {\n  type    = map(string)\n  default = {}\n}\nresource "aws_kms_key" "k" {\n  for_each            = var.keys\n  enable_key_rotation = true\n  ${IGNORE}\n}\nimport {\n  for_each = var.keys\n  to       = aws_kms_key.k[each.key]\n  id       = each.value\n}\n`;
    const run = await withFiles({ 'main.tf': main }, (dir) => twinguard(['check', dir, '--format', 'json']));
    expect([run.code, run.stderr, JSON.parse(run.stdout).findings]).toEqual([0, '', []]);
  });

  it('without the import block, or without ignore_changes, the code is read as before', async () => {
    const cases: Record<string, string>[] = [{ 'main.tf': KEY(IGNORE) }, { 'main.tf': KEY(''), 'imports.tf': IMPORT }];
    for (const files of cases) {
      const { findings } = await withFiles(files, (dir) => checkFindings([dir]));
      expect(findings.filter((f) => f.ruleId === 'kms-key-rotation')).toEqual([]);
    }
  });

  it('code read beside its plan (--code) is not refused: the plan holds the imported values', async () => {
    const fixture = path.join(REPO_ROOT, '__tests__', 'fixtures', 'split-sse');
    const main = fs.readFileSync(path.join(fixture, 'main.tf'), 'utf8').replace('enable_key_rotation = true', `enable_key_rotation = true\n  ${IGNORE}`);
    const files = { 'plan.json': fs.readFileSync(path.join(fixture, 'plan.json'), 'utf8'), 'code/main.tf': main, 'code/imports.tf': IMPORT };
    const run = await withFiles(files, (dir) => twinguard(['check', path.join(dir, 'plan.json'), '--code', path.join(dir, 'code'), '--format', 'json']));
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'kms-key-rotation')).toEqual([]);
  });
});
