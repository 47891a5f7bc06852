/**
 * Root variables of a `.tf` check take the values `terraform plan` gives them: defaults, the
 * environment (unknown: the checker's, not the deploy's), the files terraform loads by itself, then
 * `--var` and `--var-file` in the order given, as terraform's `-var` and `-var-file`.
 */
import * as path from 'node:path';
import { expectUnusable, tempDir, twinguard, withFiles } from './run';

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

  // Such a value (a number a double does not hold) was left out of the file, so the value given before it, or the
  // default, was taken; left out of a map, the map was taken without the entry: an Environment of prod passed.
  it('take a value not known whole, in a variable file or a default, as unknown: not the value before it, nor the rest of it', async () => {
    scenario.write('long.tfvars', 'env = 12345678901234567890\n');
    expect(await environmentOf(scenario.dir, ['--var', 'env=prod', '--var-file', path.join(scenario.dir, 'long.tfvars')])).toEqual(['unknown']);
    const extra = tempDir();
    try {
      const main = MAIN.replace('Environment = var.env', 'Environment = merge({ Environment = "prod" }, var.extra).Environment');
      extra.write('main.tf', `${main}\nvariable "extra" {\n  type    = map(string)\n  default = { Environment = 12345678901234567890 }\n}\n`);
      extra.write('twinguard.config.yaml', 'allowedTagValues:\n  Environment: [prod]\n');
      expect(await environmentOf(extra.dir)).toEqual(['unknown']);
      extra.write('terraform.tfvars', 'extra = { Environment = 12345678901234567890 }\n');
      expect(await environmentOf(extra.dir, ['--var', 'extra={}'])).toEqual([]);
      expect(await environmentOf(extra.dir)).toEqual(['unknown']);
    } finally {
      extra.cleanup();
    }
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

describe('a value given for a root variable that Terraform would not convert to its type', () => {
  const scenario = tempDir();
  afterAll(() => scenario.cleanup());
  scenario.write(
    'main.tf',
    `
variable "rotate" {
  type    = bool
  default = true
}
variable "window" {
  type    = number
  default = 30
}
variable "ports" {
  type    = list(number)
  default = []
}
variable "labels" {
  type    = map(string)
  default = {}
}
resource "aws_kms_key" "k" {
  enable_key_rotation     = var.rotate
  deletion_window_in_days = var.window
}
module "m" {
  source = "./m"
  window = "not a number"
}
`,
  );
  // A module's argument is the code's: Terraform refuses it too, but it stays unknown here.
  scenario.write('m/main.tf', 'variable "window" {\n  type = number\n}\n');
  scenario.write('bad.tfvars', 'window = "Sup3rSecret"\n');
  scenario.write('name.tfvars', 'labels = { Owner = "${x}Sup3rSecret" }\n');
  scenario.write('call.tfvars', 'ports = [parseint("443", 10)]\n');
  scenario.write('and.tfvars', 'ports = [false && x ? 0 : 443]\n');
  const check = (args: string[], env: Record<string, string> = {}) => twinguard(['check', scenario.dir, '--input-kind', 'hcl', '--format', 'json', ...args], { env });
  const rotation = async (args: string[]) => {
    const run = await check(args);
    expect(run.stderr).toBe('');
    return (JSON.parse(run.stdout).findings as { ruleId: string; status: string }[]).filter((f) => f.ruleId === 'kms-key-rotation').map((f) => f.status);
  };

  // Each passed or exited 1, judged with the value unknown (or the default), where terraform plan stops.
  it.each([
    ['--var, not a number', ['--var', 'window=Sup3rSecret'], {}, '--var window', 'number: a number is required'],
    ['--var, a number with a space before it', ['--var', 'window= 5'], {}, '--var window', 'number: a number is required'],
    ['--var, a quoted number (the text is the value)', ['--var', 'window="5"'], {}, '--var window', 'number: a number is required'],
    ['--var, a bool in capitals', ['--var', 'rotate=True'], {}, '--var rotate', 'bool: a bool is required'],
    ['--var, a list of a string', ['--var', 'ports=["Sup3rSecret"]'], {}, '--var ports', 'list(number): a number is required'],
    ['--var-file', ['--var-file', path.join(scenario.dir, 'bad.tfvars')], {}, path.join(scenario.dir, 'bad.tfvars'), 'number: a number is required'],
    ['TF_VAR_', [], { TF_VAR_window: 'Sup3rSecret' }, 'TF_VAR_window', 'number: a number is required'],
  ] as const)('%s: refused in one line naming the variable and its type, not the value', async (_name, args, env, by, why) => {
    const run = await twinguard(['check', scenario.dir, '--input-kind', 'hcl', ...args], { env });
    const variable = by.endsWith('bad.tfvars') ? 'window' : by.replace(/^(--var |TF_VAR_)/, '');
    expectUnusable(run, `twinguard: ${by}: var.${variable} is of type ${why.replace(/:.*/, '')}, and the value given does not convert to it: ${why.replace(/^[^:]*: /, '')} (terraform plan refuses it too; the value is not printed: it may be a secret)`);
    expect(run.stderr).not.toContain('Sup3r');
  });

  // Each was taken as unknown and the check went on, where terraform plan stops ("Missing expression",
  // "Unterminated tuple constructor expression", checked with terraform 1.11.4), as it did for a .tfvars file.
  it.each([
    ['--var, an unclosed list', ['--var', 'ports=['], {}, '--var ports'],
    ['--var, a list cut after a comma', ['--var', 'ports=[1,'], {}, '--var ports'],
    ['TF_VAR_, an unclosed list', [], { TF_VAR_ports: '["Sup3rSecret"' }, 'TF_VAR_ports'],
  ] as const)('%s that is no HCL expression, for a type terraform reads as HCL: refused in one line, not quoting the value', async (_name, args, env, by) => {
    const run = await twinguard(['check', scenario.dir, '--input-kind', 'hcl', ...args], { env });
    expectUnusable(run, `twinguard: ${by}: var.ports is of type list(number), whose value terraform reads as an HCL expression, and the value given is none (terraform plan refuses it too; the value is not printed: it may be a secret)`);
    expect(run.stderr).not.toContain('Sup3r');
  });

  it('a value that is no HCL expression is refused only when given last, as terraform reads the last value of each variable', async () => {
    expect(await rotation(['--var', 'ports=[', '--var', 'ports=[443]', '--var', 'rotate=false'])).toEqual(['fail']);
  });

  // Each was evaluated ({ Owner = x } as {}, [x] as [null], a call as its result) and judged, where terraform
  // plan stops: it evaluates such a value with no names and no functions (checked with terraform 1.11.4).
  const reads = 'reads a name (a variable, a local, a resource), which terraform does not allow in a value given from outside the code (terraform plan refuses it too: "Variables not allowed"';
  const calls = 'calls a function, which terraform does not allow in a value given from outside the code (terraform plan refuses it too: "Function calls not allowed"';
  it.each([
    ['--var, a map reading a name', ['--var', 'labels={ Owner = x, Token = "Sup3rSecret" }'], {}, '--var labels', reads],
    ['--var, a list reading a name', ['--var', 'ports=[x]'], {}, '--var ports', reads],
    ['--var, a name in a template', ['--var', 'labels={ Owner = "${var.env}Sup3rSecret" }'], {}, '--var labels', reads],
    ['--var, a map key reading a name', ['--var', 'labels={ (x) = "Sup3rSecret" }'], {}, '--var labels', reads],
    ['--var, a list calling a function', ['--var', 'ports=[parseint("443", 10)]'], {}, '--var ports', calls],
    ['TF_VAR_, a bare name for a list', [], { TF_VAR_ports: 'x' }, 'TF_VAR_ports', reads],
    ['TF_VAR_, a map calling a function', [], { TF_VAR_labels: 'tomap({ Owner = "Sup3rSecret" })' }, 'TF_VAR_labels', calls],
    // Terraform 1.11 evaluates the right side of a || or && whatever the left one says, and a for's condition before it leaves an element out.
    ['--var, a name on the right of a || its left side decides', ['--var', 'ports=[true || x ? 443 : 0]'], {}, '--var ports', reads],
    ['--var, a call on the right of a && its left side decides', ['--var', 'labels={ Owner = false && parseint("1", 10) == 1 ? "a" : "Sup3rSecret" }'], {}, '--var labels', calls],
    ['--var, a call in a for condition that is false', ['--var', 'ports=[for p in [443] : p if upper("a") == "b"]'], {}, '--var ports', calls],
    ['TF_VAR_, a call after a false && in a for condition', [], { TF_VAR_ports: '[for p in [443] : p if false && parseint("1", 10) == 1]' }, 'TF_VAR_ports', calls],
  ] as const)('%s: refused in one line naming the variable and who gave it, not the value', async (_name, args, env, by, why) => {
    const run = await twinguard(['check', scenario.dir, '--input-kind', 'hcl', ...args], { env });
    const variable = by.replace(/^(--var |TF_VAR_)/, '');
    expectUnusable(run, `twinguard: ${by}: var.${variable} is given a value that ${why}; the value is not printed: it may be a secret)`);
    expect(run.stderr).not.toContain('Sup3r');
  });

  it.each([
    ['reading a name', 'name.tfvars', 'labels', reads],
    ['calling a function', 'call.tfvars', 'ports', calls],
    ['reading a name on the right of a && its left side decides', 'and.tfvars', 'ports', reads],
  ])('a variable file %s: refused in one line naming the file and the variable, not the value', async (_name, file, variable, why) => {
    const run = await twinguard(['check', scenario.dir, '--input-kind', 'hcl', '--var-file', path.join(scenario.dir, file)]);
    expectUnusable(run, `twinguard: ${path.join(scenario.dir, file)}: var.${variable} is given a value that ${why}; the value is not printed: it may be a secret)`);
    expect(run.stderr).not.toContain('Sup3r');
  });

  it('a value that reads a name is taken where terraform takes it: given before the last, or in a part terraform does not evaluate', async () => {
    // Terraform reads the last value of each variable, and neither a side a conditional does not choose nor a `for` of no element.
    expect(await rotation(['--var', 'ports=[x]', '--var', 'ports=[443]', '--var', 'rotate=false'])).toEqual(['fail']);
    expect(await rotation(['--var-file', path.join(scenario.dir, 'call.tfvars'), '--var', 'ports=[443]', '--var', 'rotate=false'])).toEqual(['fail']);
    expect(await rotation(['--var', 'ports=[true ? 443 : x]', '--var', 'rotate=false'])).toEqual(['fail']);
    expect(await rotation(['--var', 'ports=[for p in [] : upper(x)]', '--var', 'labels={ for k in [] : k => x }', '--var', 'rotate=false'])).toEqual(['fail']);
    // Nor the element of a `for` its condition leaves out, nor a conditional's side not chosen within a || (checked with terraform 1.11.4).
    expect(await rotation(['--var', 'ports=[for p in [443] : parseint(x, 10) if false]', '--var', 'rotate=false'])).toEqual(['fail']);
    expect(await rotation(['--var', 'ports=[true || (true ? true : x) ? 443 : 0]', '--var', 'rotate=false'])).toEqual(['fail']);
  });

  it('takes what Terraform converts: "1" and "0" for a bool, 1e3 for a number', async () => {
    // The JSON report lists what fails or is unknown: nothing is a pass.
    expect(await rotation(['--var', 'rotate=1', '--var', 'window=1e3'])).toEqual([]);
    expect(await rotation(['--var', 'rotate=0', '--var', 'window=+7'])).toEqual(['fail']);
  });

  it('a value given last decides: one Terraform converts after one it would not is taken', async () => {
    expect(await rotation(['--var', 'rotate=yes', '--var', 'rotate=false'])).toEqual(['fail']);
  });
});

describe('a cdk.tf.json stack beside a variable file terraform loads by itself', () => {
  const STACK = JSON.stringify({
    variable: { rotate: { type: 'bool', default: true } },
    resource: { aws_kms_key: { k: { description: 'k', enable_key_rotation: '${var.rotate}' } } },
  });
  const rotation = async (files: Record<string, string>) => {
    const run = await withStack(files);
    return JSON.parse(run.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'kms-key-rotation').map((f: { status: string; message: string }) => [f.status, f.message]);
  };
  const withStack = (files: Record<string, string>) => withFiles({ 'cdk.tf.json': STACK, ...files }, (dir) => twinguard(['check', path.join(dir, 'cdk.tf.json'), '--format', 'json']));

  it('takes its variables as unknown: cdktf deploy runs terraform in that directory, which takes the file over the default', async () => {
    // It passed on the default (true) where terraform applied `rotate = false`.
    for (const file of ['terraform.tfvars', 'keys.auto.tfvars']) {
      expect(await rotation({ [file]: 'rotate = false\n' })).toEqual([['unknown', expect.stringMatching(/^`enable_key_rotation` is known only after apply/)]]);
    }
    expect(await rotation({ 'terraform.tfvars.json': '{"rotate": false}' })).toEqual([['unknown', expect.any(String)]]);
    expect(await rotation({})).toEqual([]);
    expect(await rotation({ 'prod.tfvars': 'rotate = false\n' })).toEqual([]);
  });
});
