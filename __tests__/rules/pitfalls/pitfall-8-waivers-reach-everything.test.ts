/**
 * Peer pitfall 8: suppressions that do not reach plan scans, module resources or count/for_each
 * instances (checkov #2814, #2047, #7315). A waiver names the address a finding reports, with
 * globs over module and instance keys, and applies the same to a plan and to the .tf files.
 */
import * as path from 'node:path';
import { tempDir, twinguard } from '../../cli/run';
import { inDays } from '../../helpers/dates';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');
const tmp = tempDir();
afterAll(() => tmp.cleanup());

const waiver = (rule: string, address: string) =>
  `  - rule: ${rule}\n    address: '${address}'\n    reason: Ownership controls arrive with the platform module, see SEC-42\n    owner: team-storage\n    expires: ${inDays(30)}\n`;

/** [address, status] of each finding of one rule, as the JSON report gives them. */
async function statuses(input: string[], config: string, rule: string) {
  const run = await twinguard(['check', ...input, '--config', config, '--format', 'json']);
  expect(run.stderr).toBe('');
  const findings: { ruleId: string; address: string; status: string }[] = JSON.parse(run.stdout).findings;
  return findings.filter((f) => f.ruleId === rule).map((f) => [f.address, f.status]);
}

describe('pitfall 8: a waiver reaches plan scans, module resources and count/for_each instances', () => {
  const rule = 's3-bucket-owner-enforced';

  it('a module resource in a plan, and the same resource read from the .tf files', async () => {
    const config = tmp.write('module.yaml', `waivers:\n${waiver(rule, 'module.storage.aws_s3_bucket.this')}`);
    const dir = path.join(FIXTURES, 'module-storage');
    const expected = [['module.storage.aws_s3_bucket.this', 'waived']];
    expect(await statuses([path.join(dir, 'plan.json')], config, rule)).toEqual(expected);
    expect(await statuses([dir, '--input-kind', 'hcl'], config, rule)).toEqual(expected);
  });

  it('every count instance by glob, one for_each instance by key, and nothing else', async () => {
    const config = tmp.write('instances.yaml', `waivers:\n${waiver(rule, 'aws_s3_bucket.data[*]')}${waiver(rule, 'aws_s3_bucket.pair["raw"]')}`);
    const dir = path.join(FIXTURES, 'count-for-each');
    const expected = [
      ['aws_s3_bucket.data[0]', 'waived'],
      ['aws_s3_bucket.data[1]', 'waived'],
      ['aws_s3_bucket.pair["curated"]', 'fail'],
      ['aws_s3_bucket.pair["raw"]', 'waived'],
    ];
    expect(await statuses([path.join(dir, 'plan.json')], config, rule)).toEqual(expected);
    expect(await statuses([path.join(dir, 'cdk.tf.json')], config, rule)).toEqual(expected);
    expect(await statuses([dir, '--input-kind', 'hcl'], config, rule)).toEqual(expected);
  });

  it('a block address reaches every count and for_each instance of the block, as terraform -target does', async () => {
    const config = tmp.write('blocks.yaml', `waivers:\n${waiver(rule, 'aws_s3_bucket.data')}`);
    const dir = path.join(FIXTURES, 'count-for-each');
    const expected = [
      ['aws_s3_bucket.data[0]', 'waived'],
      ['aws_s3_bucket.data[1]', 'waived'],
      ['aws_s3_bucket.pair["curated"]', 'fail'],
      ['aws_s3_bucket.pair["raw"]', 'fail'],
    ];
    for (const input of [[path.join(dir, 'plan.json')], [path.join(dir, 'cdk.tf.json')], [dir, '--input-kind', 'hcl']]) {
      const run = await twinguard(['check', ...input, '--config', config, '--format', 'json']);
      expect(JSON.parse(run.stdout).waivers).toEqual([]);
      expect(await statuses(input, config, rule)).toEqual(expected);
    }
  });

  it('a module call address reaches every instance of the call; a resource address under it reaches none of them', async () => {
    const plan = path.join(FIXTURES, 'module-for-each', 'plan.json');
    const whole = tmp.write('module-call.yaml', `waivers:\n${waiver(rule, 'module.store')}`);
    expect(await statuses([plan], whole, rule)).toEqual([
      ['module.store["curated"].aws_s3_bucket.this', 'waived'],
      ['module.store["raw"].aws_s3_bucket.this', 'waived'],
    ]);
    // terraform -target=module.store.aws_s3_bucket.this plans nothing of module.store["raw"]: the key is part of the address.
    const keyless = tmp.write('module-keyless.yaml', `waivers:\n${waiver(rule, 'module.store.aws_s3_bucket.this')}`);
    expect(await statuses([plan], keyless, rule)).toEqual([
      ['module.store["curated"].aws_s3_bucket.this', 'fail'],
      ['module.store["raw"].aws_s3_bucket.this', 'fail'],
    ]);
  });

  it('an action block address reaches its instances, at the root and in a module, and the key it waives stays masked', async () => {
    const code = `
      action "aws_lambda_invoke" "notify" {
        for_each = toset(["john.doe@example.com", "ops"])
        config {
          function_name = "notify"
          payload       = jsonencode({ key = "AKIAIOSFODNN7EXAMPLE", secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" })
        }
      }
      module "m" {
        source = "./m"
      }
    `;
    const main = tmp.write('action/main.tf', code);
    tmp.write('action/m/main.tf', code.replace(/module "m"[^]*$/, ''));
    const dir = path.dirname(main);
    const creds = 'no-credentials-in-attributes';
    const config = tmp.write('action.yaml', `waivers:\n${waiver(creds, 'action.aws_lambda_invoke.notify')}${waiver(creds, 'module.m.action.aws_lambda_invoke.notify')}`);
    expect(await statuses([dir], config, creds)).toEqual([
      ['action.aws_lambda_invoke.notify["j***@e***.com"]', 'waived'],
      ['action.aws_lambda_invoke.notify["ops"]', 'waived'],
      ['module.m.action.aws_lambda_invoke.notify["j***@e***.com"]', 'waived'],
      ['module.m.action.aws_lambda_invoke.notify["ops"]', 'waived'],
    ]);
    for (const format of ['text', 'json', 'sarif']) {
      const run = await twinguard(['check', dir, '--config', config, '--format', format]);
      expect(run.stdout).toContain('j***@e***.com');
      expect(`${run.stdout}${run.stderr}`).not.toContain('john.doe');
    }
  });
});
