/**
 * Values nested thousands of levels deep, which only a crafted file has: every loader refuses
 * them with one line (exit 2), whichever path reads them, instead of overflowing the stack (a
 * cdk.tf.json crashed the command with "internal error"; in a plan, two rules "failed"). Values
 * nested as deep as real ones, and far deeper, are still read and judged.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadPlanFile } from '../../checks/model/plan';
import { MAX_NESTING } from '../../checks/model/nesting';
import { plan, res } from '../helpers/plan-builder';
import { runCheck, scratch } from './harness';

const URL_WITH_PASSWORD = 'https://admin:hunter22@example.com/x';
/** `levels` arrays around `inner`, as JSON text. */
const nested = (levels: number, inner = '1'): string => `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;
const DEEP = nested(50_000);
const TOO_DEEP = /arrays or objects nested deeper than 512 levels: twinguard does not read them/;

const tmp = scratch();
afterAll(() => tmp.cleanup());

/** A plan whose bucket carries `deep` (JSON text) at `after.<where>`, or in its `before` or its `planned_values` element. */
function planText(deep: string, where: 'after' | 'before' | 'planned'): string {
  const doc = plan([res('aws_s3_bucket.b', { bucket: 'b', tags: { Owner: 'platform' } }, { unknown: { id: true, arn: true } })]) as Record<string, any>;
  const change = doc.resource_changes[0].change;
  if (where === 'before') {
    change.actions = ['update'];
    change.before = { bucket: 'b', deep: '@DEEP@' };
  } else if (where === 'planned') {
    const { address, mode, type, name, provider_name } = doc.resource_changes[0];
    doc.planned_values.root_module.resources = [{ address, mode, type, name, provider_name, schema_version: 0, values: { bucket: 'b', deep: '@DEEP@' }, sensitive_values: {} }];
  }
  else change.after.deep = '@DEEP@';
  return JSON.stringify(doc).replace('"@DEEP@"', deep);
}

describe('a value nested far deeper than Terraform writes', () => {
  it.each([
    ['a plan (read whole)', () => [tmp.file('plan.json', planText(DEEP, 'after'))]],
    ['a cdk.tf.json', () => [tmp.file('cdk.tf.json', JSON.stringify({ resource: { aws_s3_bucket: { b: { bucket: 'b', deep: '@DEEP@' } } } }).replace('"@DEEP@"', DEEP))]],
    [
      'a .tf.json file of a .tf directory',
      () => {
        const dir = path.join(tmp.dir, 'tf-json');
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, 'main.tf.json'), `{"resource":{"aws_s3_bucket":{"b":{"bucket":"b","deep":${DEEP}}}}}`);
        return [dir];
      },
    ],
    [
      'a .tf file',
      () => {
        const dir = path.join(tmp.dir, 'tf');
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, 'main.tf'), `resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  deep = ${nested(5_000)}\n}\n`);
        return [dir];
      },
    ],
  ])('%s: exit 2, one line that says so', async (_name, args) => {
    const { code, stdout, stderr } = await runCheck(args(), tmp.dir);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(TOO_DEEP)]);
  });

  // hcl2json's Go runtime stops on a fatal error ("malloc deadlock") for text nested a few thousand
  // deep, leaving its promise unsettled: the text is refused before the parser sees it.
  it.each([
    ['brackets in an interpolation', `"\${${nested(3_000)}}"`],
    ['parentheses', `${'('.repeat(3_000)}1${')'.repeat(3_000)}`],
    ['objects', `${'{ a = '.repeat(3_000)}1${' }'.repeat(3_000)}`],
  ])('a .tf file of %s nested 3,000 deep: exit 2, one line that says so, before the HCL parser reads it', async (name, deep) => {
    const dir = path.join(tmp.dir, `tf-text-${name.replace(/\W+/g, '-')}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'main.tf'), `resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  deep = ${deep}\n}\n`);
    const { code, stdout, stderr } = await runCheck([dir], tmp.dir);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(TOO_DEEP)]);
  });

  it('a .tf file nested 400 deep, escapes and strings that hold brackets included, is read', async () => {
    const dir = path.join(tmp.dir, 'tf-text-ok');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'main.tf'), `resource "aws_s3_bucket" "b" {\n  bucket = "b-$\${x}-${'['.repeat(600)}"\n  deep = ${nested(400)}\n}\n`);
    const { code, stderr } = await runCheck([dir], tmp.dir);
    expect(stderr).toBe('');
    expect(code).toBe(1); // the bucket's own findings: it was read and judged
  });

  const expression = (inner: string) => ({ locals: { x: 'a' }, resource: { aws_s3_bucket: { b: { bucket: inner } } } });
  it.each([
    ['brackets', `\${${'('.repeat(20_000)}local.x${')'.repeat(20_000)}}`],
    ['templates in templates', `\${${'"\${'.repeat(20_000)}local.x${'}"'.repeat(20_000)}}`],
    ['a heredoc of templates', `\${<<EOT\n${'${"'.repeat(20_000)}x${'"}'.repeat(20_000)}\nEOT\n}`],
  ])('an expression of %s nested 20,000 deep in a cdk.tf.json string: exit 2, one line that says so', async (_name, inner) => {
    const file = tmp.file('deep-expression.cdk.tf.json', JSON.stringify(expression(inner)));
    const { code, stdout, stderr } = await runCheck([file], tmp.dir);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/deep-expression\.cdk\.tf\.json: an expression whose brackets or templates nest deeper than 512 levels: twinguard does not read it/)]);
  });

  it('an expression nested as deep as the limit allows is read', async () => {
    const file = tmp.file('deep-ok.cdk.tf.json', JSON.stringify(expression(`\${${'('.repeat(400)}local.x${')'.repeat(400)}}`)));
    const { code, stderr } = await runCheck([file, '--format', 'json'], tmp.dir);
    expect(stderr).toBe('');
    expect(code).toBe(1); // the bucket's own findings: it was read and judged
  });

  it.each(['after', 'before', 'planned'] as const)('a streamed plan, the deep value in the change\'s %s: refused at its byte offset', async (where) => {
    const text = planText(DEEP, where);
    const file = tmp.file(`streamed-${where}.json`, text);
    const offset = text.indexOf('['.repeat(MAX_NESTING + 1));
    await expect(loadPlanFile(file, 'plan.json', { streamAbove: 0 })).rejects.toThrow(new RegExp(`^plan\\.json: ${TOO_DEEP.source}.* \\(at byte (\\d+)\\)$`));
    const message = await loadPlanFile(file, 'plan.json', { streamAbove: 0 }).then(
      () => '',
      (error: Error) => error.message,
    );
    // The refusal points into the deep value, at or past the level that is one too many.
    expect(Number(/at byte (\d+)/.exec(message)?.[1])).toBeGreaterThanOrEqual(offset);
  });
});

describe('values nested deeper than any real plan, within the limit', () => {
  it('are read and judged: a credential at the bottom of 400 levels is found, and no rule fails', async () => {
    const text = planText(nested(400, JSON.stringify(URL_WITH_PASSWORD)), 'after');
    const file = tmp.file('deep-whole.json', text);
    const { code, stdout, stderr } = await runCheck([file], tmp.dir);
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
    const findings = (JSON.parse(stdout) as { findings: { ruleId: string; status: string; message: string }[] }).findings;
    expect(findings.filter((f) => /failed on/.test(f.message))).toEqual([]);
    expect(findings.filter((f) => f.ruleId === 'no-credentials-in-attributes').map((f) => f.status)).toEqual(['fail']);
    expect(stdout).not.toContain('hunter22');
    // Streamed, the same plan is read too.
    expect((await loadPlanFile(file, 'plan.json', { streamAbove: 0 })).resources.map((r) => r.address)).toEqual(['aws_s3_bucket.b']);
  });
});
