/**
 * Root variables of a `.tf` check take the values `terraform plan` gives them: defaults, the
 * environment (unknown: the checker's, not the deploy's), the files terraform loads by itself, then
 * `--var` and `--var-file` in the order given, as terraform's `-var` and `-var-file`.
 */
import * as path from 'node:path';
import { expectUnusable, tempDir, twinguard } from './run';

const MAIN = `
variable "env" {
  type    = string
  default = "dev"
}
variable "names" {
  type    = list(string)
  default = []
}
resource "aws_s3_bucket" "b" {
  bucket = "twin-data"
  tags = {
    Environment = var.env
    Names       = join(",", var.names)
  }
}
`;

/** The tags of aws_s3_bucket.b as the JSON report's findings of `allowed-tag-values` see them. */
async function environmentOf(dir: string, args: string[] = [], env: Record<string, string> = {}) {
  const config = path.join(dir, 'twinguard.config.yaml');
  const run = await twinguard(['check', dir, '--input-kind', 'hcl', '--config', config, '--format', 'json', ...args], { env });
  expect(run.stderr).toBe('');
  const findings = JSON.parse(run.stdout).findings as { ruleId: string; address: string; status: string; message: string }[];
  return findings.filter((f) => f.ruleId === 'allowed-tag-values' && f.address === 'aws_s3_bucket.b').map((f) => f.status);
}

describe('root variables of a .tf check', () => {
  const scenario = tempDir();
  afterAll(() => scenario.cleanup());
  scenario.write('main.tf', MAIN);
  // Environment may only be prod: a known dev fails, a known prod passes, an unknown value is unknown.
  scenario.write('twinguard.config.yaml', 'allowedTagValues:\n  Environment: [prod]\n');

  it('take the default, which the environment (TF_VAR_) makes unknown, and a variable file then decides', async () => {
    expect(await environmentOf(scenario.dir)).toEqual(['fail']);
    expect(await environmentOf(scenario.dir, [], { TF_VAR_env: 'prod' })).toEqual(['unknown']);
    scenario.write('terraform.tfvars', 'env = "prod"\n');
    try {
      expect(await environmentOf(scenario.dir, [], { TF_VAR_env: 'staging' })).toEqual([]);
    } finally {
      scenario.write('terraform.tfvars', '');
    }
  });

  it('take --var and --var-file in the order given, after the files terraform loads by itself', async () => {
    scenario.write('prod.tfvars', 'env = "prod"\n');
    scenario.write('dev.tfvars', 'env = "dev"\n');
    const file = (name: string) => path.join(scenario.dir, name);
    expect(await environmentOf(scenario.dir, ['--var', 'env=prod'])).toEqual([]);
    expect(await environmentOf(scenario.dir, ['--var-file', file('prod.tfvars')])).toEqual([]);
    expect(await environmentOf(scenario.dir, ['--var-file', file('prod.tfvars'), '--var', 'env=dev'])).toEqual(['fail']);
    expect(await environmentOf(scenario.dir, ['--var', 'env=dev', '--var-file', file('prod.tfvars')])).toEqual([]);
    expect(await environmentOf(scenario.dir, ['--var', 'env=prod', '--var-file', file('dev.tfvars')])).toEqual(['fail']);
  });

  it('read a --var value as HCL for a variable whose type is not string', async () => {
    const config = scenario.write('names.yaml', 'allowedTagValues:\n  Names: ["a,b"]\n');
    const names = async (args: string[]) => {
      const run = await twinguard(['check', scenario.dir, '--input-kind', 'hcl', '--format', 'json', '--config', config, ...args]);
      expect(run.stderr).toBe('');
      return (JSON.parse(run.stdout).findings as { ruleId: string }[]).filter((f) => f.ruleId === 'allowed-tag-values').length;
    };
    expect(await names([])).toBe(1);
    expect(await names(['--var', 'names=["a", "b"]'])).toBe(0);
    expect(await names(['--var', 'names=["b"]'])).toBe(1);
  });

  it('refuse a --var that is not NAME=VALUE, one for a variable not declared, and --var without a .tf input, in one line', async () => {
    const malformed = await twinguard(['check', scenario.dir, '--input-kind', 'hcl', '--var', 'hunter2-secret-value']);
    expectUnusable(malformed, /--var: expected NAME=VALUE/);
    expect(malformed.stderr).not.toContain('hunter2');
    expectUnusable(await twinguard(['check', scenario.dir, '--input-kind', 'hcl', '--var', 'region=eu-west-1']), /--var region: the root module of .* declares no variable "region"/);
    expectUnusable(await twinguard(['check', scenario.dir, '--input-kind', 'hcl', '--var-file', path.join(scenario.dir, 'missing.tfvars')]), /missing\.tfvars: cannot read: no such file/);
    const plan = scenario.write('plan.json', { format_version: '1.2', terraform_version: '1.11.4', resource_changes: [], planned_values: { root_module: {} } });
    expectUnusable(await twinguard(['check', plan, '--var', 'env=prod']), /--var: applies to \.tf inputs/);
  });
});
