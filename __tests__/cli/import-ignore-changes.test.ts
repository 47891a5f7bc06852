/**
 * An `import` block brings in an object that exists already, and `lifecycle { ignore_changes }` keeps
 * what that object has in AWS (Terraform uses an ignored argument's value only when it creates the
 * object): the code alone does not say what is deployed, so a check of the code alone is refused,
 * while the plan (which holds the imported values) is read as ever, with that code too.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/shared';
import { checkFindings, expectUnusable, twinguard, withFiles } from './run';

const KEY = (lifecycle: string) => `
resource "aws_kms_key" "k" {
  description         = "k"
  enable_key_rotation = true
  ${lifecycle}
}
`;
const IMPORT = 'import {\n  to = aws_kms_key.k\n  id = "1234abcd-12ab-34cd-56ef-1234567890ab"\n}\n';
const IGNORE = 'lifecycle {\n    ignore_changes = [enable_key_rotation]\n  }';
const REFUSED = /^twinguard: .*: the import block for aws_kms_key\.k brings in an object whose lifecycle ignore_changes \(enable_key_rotation\) keeps what it has in AWS, not what the code writes: check its plan \(terraform show -json\), which holds those values$/;

describe('an imported resource that ignores changes', () => {
  it('a .tf directory is refused in one line, exit 2 (it passed on the code value, which Terraform never sends)', async () => {
    const run = await withFiles({ 'main.tf': KEY(IGNORE), 'imports.tf': IMPORT }, (dir) => twinguard(['check', dir]));
    expectUnusable(run, REFUSED);
  });

  it('in a .tf.json file, and `ignore_changes = all`, is refused too', async () => {
    const json = JSON.stringify({
      import: [{ to: 'aws_kms_key.k', id: 'x' }],
      resource: { aws_kms_key: { k: { description: 'k', enable_key_rotation: true, lifecycle: { ignore_changes: 'all' } } } },
    });
    const run = await withFiles({ 'main.tf.json': json }, (dir) => twinguard(['check', dir]));
    expectUnusable(run, /the import block for aws_kms_key\.k brings in an object whose lifecycle ignore_changes \(all\)/);
  });

  it('a cdk.tf.json stack is refused', async () => {
    const doc = {
      import: [{ to: 'aws_kms_key.k', id: 'x' }],
      resource: { aws_kms_key: { k: { description: 'k', enable_key_rotation: true, lifecycle: { ignore_changes: ['enable_key_rotation'] } } } },
    };
    const run = await withFiles({ 'cdk.tf.json': JSON.stringify(doc) }, (dir) => twinguard(['check', path.join(dir, 'cdk.tf.json')]));
    expectUnusable(run, REFUSED);
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
