/**
 * Peer pitfall 6: a `.tf` scan and a plan scan disagree on the same code (KICS #7112, #7193;
 * trivy #7098, #5907). The scenarios of __tests__/model/three-ways.test.ts, checked by the command
 * a user runs, give the same exit code and the same findings from every form. The one difference is
 * by design and safe: a value the .tf files compute with a function is unknown there, never a pass.
 */
import * as path from 'node:path';
import { twinguard } from '../../cli/run';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');

/** The report as the user reads it, without the input each finding names (a file, a directory). */
async function check(args: string[]) {
  const run = await twinguard(['check', ...args, '--format', 'json']);
  expect(run.stderr).toBe('');
  const doc = JSON.parse(run.stdout);
  const findings = doc.findings.map(({ input, constructPath, ...rest }: Record<string, unknown>) => rest);
  return { code: run.code, findings, summary: doc.summary, coverage: doc.coverage, constructPaths: doc.findings.map((f: { constructPath?: string }) => f.constructPath) };
}

describe('pitfall 6: the plan and the .tf files of the same code get the same verdicts', () => {
  it.each(['split-sse', 'module-storage', 'count-for-each', 'sse-wrong-bucket', 'module-for-each', 'policy-document'])('%s', async (scenario) => {
    const dir = path.join(FIXTURES, scenario);
    const plan = await check([path.join(dir, 'plan.json')]);
    const hcl = await check([dir, '--input-kind', 'hcl']);
    expect(plan.code).toBe(1);
    expect(plan.findings.length).toBeGreaterThan(0);
    expect(hcl).toEqual(plan);
  });

  it('where a .tf value is an unevaluated function call, the .tf scan says unknown where the plan passes — never the reverse', async () => {
    const dir = path.join(FIXTURES, 'policy-jsonencode');
    const plan = await check([path.join(dir, 'plan.json')]);
    const hcl = await check([dir, '--input-kind', 'hcl']);
    const extra = hcl.findings.filter((f: { ruleId: string }) => f.ruleId === 's3-bucket-deny-insecure-transport');
    expect(extra).toEqual([expect.objectContaining({ address: 'aws_s3_bucket.b', status: 'unknown', blocking: true })]);
    expect(hcl.findings.filter((f: unknown) => !extra.includes(f))).toEqual(plan.findings);
  });

  // The plan hides the value in `after` (sensitive) but carries the literal in its configuration block.
  it('a literal credential in a sensitive attribute: the plan scan fails as the .tf scan does', async () => {
    const dir = path.join(FIXTURES, 'secret-literal');
    const hcl = await check([dir, '--input-kind', 'hcl']);
    expect(hcl.code).toBe(1);
    expect(await check([path.join(dir, 'plan.json')])).toEqual(hcl);
  });

  it('cdk.tf.json agrees too, and adds only the construct path', async () => {
    const dir = path.join(FIXTURES, 'count-for-each');
    const plan = await check([path.join(dir, 'plan.json')]);
    const { constructPaths, ...cdktf } = await check([path.join(dir, 'cdk.tf.json')]);
    expect(cdktf).toEqual({ ...plan, constructPaths: undefined });
    expect(constructPaths).toContain('count-for-each/pair');
    expect(constructPaths.every((p: unknown) => typeof p === 'string')).toBe(true);
  });
});
