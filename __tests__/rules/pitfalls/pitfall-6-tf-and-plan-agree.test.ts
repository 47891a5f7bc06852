/**
 * Peer pitfall 6: a `.tf` scan and a plan scan disagree on the same code (KICS #7112, #7193;
 * trivy #7098, #5907). The scenarios of __tests__/model/three-ways.test.ts, checked by the command
 * a user runs, give the same exit code and the same findings from every form. Two differences are
 * by design and safe: a value the .tf files compute with a function of anything but constants is
 * unknown there, never a pass (`local` values, `jsonencode`, `merge` and a few other functions of what the code fixes
 * are evaluated, as Terraform would); and the
 * state backend, which only a configuration writes (a plan does not record it), is judged there only.
 * A plan records only the references of a value known after apply (a policy naming a new bucket's
 * ARN): read alone it is `unknown` where the code decides; read with its code (`--code DIR`, as the
 * gate does) it gets the .tf verdict.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir, twinguard } from '../../cli/run';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');

/**
 * The report as the user reads it, without where each finding is: the input it names (a file, a
 * directory) and the file and line of its block (main.tf's, cdk.tf.json's, none in a plan alone).
 */
async function check(args: string[]) {
  const run = await twinguard(['check', ...args, '--format', 'json']);
  expect(run.stderr).toBe('');
  const doc = JSON.parse(run.stdout);
  const findings = doc.findings.map(({ input, constructPath, file, line, ...rest }: Record<string, unknown>) => rest);
  return { code: run.code, findings, summary: doc.summary, coverage: doc.coverage, constructPaths: doc.findings.map((f: { constructPath?: string }) => f.constructPath) };
}

describe('pitfall 6: the plan and the .tf files of the same code get the same verdicts', () => {
  it.each(['split-sse', 'module-storage', 'count-for-each', 'sse-wrong-bucket', 'module-for-each', 'policy-document'])('%s', async (scenario) => {
    const dir = path.join(FIXTURES, scenario);
    const plan = await check([path.join(dir, 'plan.json'), '--code', dir]);
    const hcl = await check([dir, '--input-kind', 'hcl']);
    expect(plan.code).toBe(1);
    expect(plan.findings.length).toBeGreaterThan(0);
    expect(hcl).toEqual(plan);
  });

  it.each(['module-storage', 'module-for-each', 'policy-document'])(
    "%s: a policy naming the bucket's ARN (known after apply) is unknown in the plan alone, and passes with its code as in the .tf files",
    async (scenario) => {
      const dir = path.join(FIXTURES, scenario);
      const denials = (findings: { ruleId: string; status: string }[]) => findings.filter((f) => f.ruleId.startsWith('s3-bucket-deny-')).map((f) => f.status);
      const alone = await check([path.join(dir, 'plan.json')]);
      expect(denials(alone.findings).length).toBeGreaterThan(0);
      expect(new Set(denials(alone.findings))).toEqual(new Set(['unknown']));
      expect(denials((await check([path.join(dir, 'plan.json'), '--code', dir])).findings)).toEqual([]);
      expect(denials((await check([dir, '--input-kind', 'hcl'])).findings)).toEqual([]);
    },
  );

  it('a policy written as jsonencode() of constants gets the plan\'s verdict from the .tf files (it was unknown there)', async () => {
    const dir = path.join(FIXTURES, 'policy-jsonencode');
    const plan = await check([path.join(dir, 'plan.json')]);
    const hcl = await check([dir, '--input-kind', 'hcl']);
    expect(plan.findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('s3-bucket-deny-insecure-transport');
    expect(hcl).toEqual(plan);
  });

  it('code written with locals (merge() into default_tags, jsonencode() of a local) gets the plan\'s verdicts from the .tf files', async () => {
    const dir = path.join(FIXTURES, 'locals');
    const plan = await check([path.join(dir, 'plan.json')]);
    const hcl = await check([dir, '--input-kind', 'hcl']);
    expect(plan.code).toBe(1);
    expect(plan.findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('s3-bucket-deny-insecure-transport');
    expect(plan.findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('required-tags');
    expect(hcl).toEqual(plan);
  });

  it('where a .tf value comes from a variable with no value there, the .tf scan says unknown where the plan may pass — never the reverse', async () => {
    const scenario = tempDir();
    try {
      const main = fs.readFileSync(path.join(FIXTURES, 'policy-jsonencode', 'main.tf'), 'utf8').replace('Action    = "s3:*"', 'Action    = var.action');
      const denials = async () => (await check([scenario.dir, '--input-kind', 'hcl'])).findings.filter((f: { ruleId: string }) => f.ruleId === 's3-bucket-deny-insecure-transport');
      scenario.write('main.tf', `${main}\nvariable "action" {\n  type = string\n}\n`);
      expect(await denials()).toEqual([expect.objectContaining({ address: 'aws_s3_bucket.b', status: 'unknown', blocking: true })]);
      // With the value terraform plan would take there (a variable file, else the default), the plan's verdict.
      scenario.write('terraform.tfvars', 'action = "s3:*"\n');
      expect(await denials()).toEqual([]);
      scenario.write('terraform.tfvars', 'action = "s3:GetObject"\n');
      expect(await denials()).toEqual([expect.objectContaining({ address: 'aws_s3_bucket.b', status: 'fail' })]);
    } finally {
      scenario.cleanup();
    }
  });

  // The plan hides the value in `after` (sensitive) but carries the literal in its configuration block.
  it('a literal credential in a sensitive attribute: the plan scan fails as the .tf scan does', async () => {
    const dir = path.join(FIXTURES, 'secret-literal');
    const hcl = await check([dir, '--input-kind', 'hcl']);
    expect(hcl.code).toBe(1);
    expect(await check([path.join(dir, 'plan.json')])).toEqual(hcl);
  });

  it('cdk.tf.json agrees too, and adds only the construct path (and a verdict on its state backend)', async () => {
    const dir = path.join(FIXTURES, 'count-for-each');
    const plan = await check([path.join(dir, 'plan.json')]);
    const synthesized = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8'));
    const local = await check([path.join(dir, 'cdk.tf.json')]);
    expect(local.findings.filter((f: { ruleId: string }) => f.ruleId === 'terraform-state-encrypted')).toEqual([
      expect.objectContaining({ address: 'terraform.backend.local', status: 'fail', blocking: true }),
    ]);
    // The same stack with its state in an encrypted s3 backend: nothing but the construct paths differs from the plan.
    const scenario = tempDir();
    try {
      synthesized.terraform.backend = { s3: { bucket: 'tfstate', key: 'count-for-each.tfstate', region: 'eu-west-1', encrypt: true } };
      scenario.write('cdk.tf.json', JSON.stringify(synthesized));
      const { constructPaths, ...cdktf } = await check([path.join(scenario.dir, 'cdk.tf.json')]);
      expect(cdktf).toEqual({ ...plan, constructPaths: undefined });
      expect(constructPaths).toContain('count-for-each/pair');
      expect(constructPaths.every((p: unknown) => typeof p === 'string')).toBe(true);
    } finally {
      scenario.cleanup();
    }
  });
});
