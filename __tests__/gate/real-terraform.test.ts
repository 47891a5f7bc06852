/**
 * `twinguard gate` with the real `terraform` on PATH, when there is one: init, plan, show -json and
 * apply run for real on a configuration of `terraform_data` resources (built into Terraform: no
 * provider download, no network, no cloud account). The other gate tests use a stand-in; these
 * check that the real executable's files and output are what the gate expects: the backend state
 * file `terraform init` writes, the plan file, `show -json`, and an apply of exactly the checked
 * plan. Skipped with one line where no `terraform` is on PATH.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { requireBuilt, twinguardProcess } from '../cli/run';
import { withCode } from '../../checks/model/code-sources';
import { loadHcl } from '../../checks/model/hcl';
import { loadPlanFile } from '../../checks/model/plan';
import type { ConfigNode, LoadedInput } from '../../checks/model/types';
import { inDays } from '../helpers/dates';

const ENV = { CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', NO_COLOR: '1', TWINGUARD_TERRAFORM: undefined };
const version = spawnSync('terraform', ['version'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
const hasTerraform = version.status === 0 && /^Terraform v\d/m.test(version.stdout);

/** Ephemeral variables came with Terraform 1.10. */
const [major, minor] = (/^Terraform v(\d+)\.(\d+)/m.exec(version.stdout ?? '') ?? []).slice(1).map(Number);
const hasEphemeralVariables = hasTerraform && (major > 1 || (major === 1 && minor >= 10));

const describeWithTerraform: (name: string, fn: () => void) => void = hasTerraform
  ? describe
  : (name) => {
      describe(name, () => {
        it.skip('skipped: no `terraform` on PATH to run the gate with', () => undefined);
      });
    };

const PASSWORD = 'Tr0ub4dor-and-3';

/** A configuration of terraform_data resources, its state in a local file. */
const main = (input: string) => `
terraform {
  backend "local" {
    path = "state/terraform.tfstate"
  }
}

resource "terraform_data" "twin" {
  input = ${input}
}
`;

/** The local backend is what a test can use without a cloud account: waived, with its reason. */
const WAIVE_LOCAL_STATE = `version: 1
waivers:
  - rule: terraform-state-encrypted
    address: terraform.backend.local
    reason: Throwaway state of a local test of the gate; it holds no secret.
    owner: twinguard-tests
    expires: ${inDays(30)}
`;

describeWithTerraform('the gate with the real terraform (terraform_data only: no provider, no network)', () => {
  beforeAll(requireBuilt);
  const roots: string[] = [];
  afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

  /** Run the gate in a new directory holding `files` (or again in `cwd`). */
  function gate(files: Record<string, string>, args: readonly string[] = [], cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-real-gate-'))) {
    roots.push(cwd);
    fs.mkdirSync(path.join(cwd, 'infra'), { recursive: true });
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(cwd, name), text);
    const run = twinguardProcess(['gate', '--dir', 'infra', '--format', 'json', '--output', 'report.json', ...args], { cwd, env: ENV });
    const report = fs.existsSync(path.join(cwd, 'report.json')) ? JSON.parse(fs.readFileSync(path.join(cwd, 'report.json'), 'utf8')) : undefined;
    const stateFile = path.join(cwd, 'infra', 'state', 'terraform.tfstate');
    const state = fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, 'utf8')) : undefined;
    return { ...run, report, state, cwd };
  }

  it('reads the backend the real init recorded: a local state file blocks the apply, and nothing is applied', () => {
    const run = gate({ 'infra/main.tf': main('{ name = "twin" }') });
    expect(run.code).toBe(1);
    expect(run.report.findings).toEqual([expect.objectContaining({ ruleId: 'terraform-state-encrypted', address: 'terraform.backend.local', status: 'fail', blocking: true })]);
    expect(run.report.coverage.totalResources).toBe(1);
    expect(run.stderr).toMatch(/^twinguard gate: check failed: 1 blocking finding\(s\); nothing was applied$/m);
    expect(run.state).toBeUndefined();
  });

  it('applies exactly the checked plan when the check passes: the state then holds the resource', () => {
    const run = gate({ 'infra/main.tf': main('{ name = "twin" }'), 'twinguard.config.yaml': WAIVE_LOCAL_STATE });
    expect(run.stderr).toMatch(/^twinguard gate: applied the checked plan \(sha256 [0-9a-f]{12}…\)$/m);
    expect(run.code).toBe(0);
    expect(run.report.findings).toEqual([expect.objectContaining({ ruleId: 'terraform-state-encrypted', status: 'waived' })]);
    expect(run.state.resources.map((r: { type: string; name: string }) => `${r.type}.${r.name}`)).toEqual(['terraform_data.twin']);
  });

  it('a credential in the plan blocks the apply; neither the report nor terraform\'s printed plan shows it', () => {
    const run = gate({ 'infra/main.tf': main(`{ url = "postgres://admin:${PASSWORD}@db.example.com/twin" }`), 'twinguard.config.yaml': WAIVE_LOCAL_STATE });
    expect(run.code).toBe(1);
    expect(run.report.findings).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'no-credentials-in-attributes', address: 'terraform_data.twin', blocking: true })]));
    // terraform printed the plan with the URL in it: the gate held it back and masked it.
    expect(run.stderr).toMatch(/postgres:\/\/\*\*\*:\*\*\*@db\.example\.com/);
    expect(run.stdout + run.stderr + JSON.stringify(run.report)).not.toContain(PASSWORD);
    expect(run.state).toBeUndefined();
  });

  it("a credential or an email in a root output blocks the apply; neither the report nor terraform's printed outputs show it", () => {
    const outputs = `output "conn" {\n  value = "postgres://admin:${PASSWORD}@db.example.com/twin"\n}\noutput "admin" {\n  value = "jane.roe@example.com"\n}\n`;
    const run = gate({ 'infra/main.tf': `${main('{ name = "twin" }')}\n${outputs}`, 'twinguard.config.yaml': WAIVE_LOCAL_STATE });
    expect(run.code).toBe(1);
    expect(run.report.findings.filter((f: { ruleId: string }) => f.ruleId === 'no-sensitive-data-in-outputs').map((f: { address: string }) => f.address).sort()).toEqual(['output.admin', 'output.conn']);
    // terraform printed `Changes to Outputs:` with both values: the gate masked them.
    expect(run.stderr).toMatch(/conn += "postgres:\/\/\*\*\*:\*\*\*@db\.example\.com/);
    expect(run.stderr).toMatch(/admin += "j\*\*\*@e\*\*\*\.com"/);
    for (const secret of [PASSWORD, 'jane.roe@example.com']) expect(run.stdout + run.stderr + JSON.stringify(run.report)).not.toContain(secret);
    expect(run.state).toBeUndefined();
  });

  it('passes plan arguments on: -var sets a variable the plan records, -destroy plans the teardown', () => {
    const files = { 'infra/main.tf': `${main('{ name = var.name }')}\nvariable "name" {\n  type = string\n}\n`, 'twinguard.config.yaml': WAIVE_LOCAL_STATE };
    const applied = gate(files, ['--', '-var=name=from-the-command-line']);
    expect(applied.code).toBe(0);
    expect(applied.state.resources[0].instances[0].attributes.input.value).toEqual({ name: 'from-the-command-line' });
    const destroyed = gate(files, ['--', '-destroy', '-var=name=from-the-command-line'], applied.cwd);
    expect(destroyed.stderr).toMatch(/^twinguard gate: applied the checked plan/m);
    expect(destroyed.state.resources).toEqual([]);
  });

  (hasEphemeralVariables ? it : it.skip)('an ephemeral variable given at plan is given again at apply, with the other -var and -var-file as at plan: the checked plan applies', () => {
    const files = {
      'infra/main.tf': `${main('{ name = var.name }')}\nvariable "name" {\n  type = string\n}\nvariable "token" {\n  type      = string\n  ephemeral = true\n}\n`,
      'infra/dev.tfvars': 'name = "from-a-file"\n',
      'twinguard.config.yaml': WAIVE_LOCAL_STATE,
    };
    const run = gate(files, ['--', '-var-file=dev.tfvars', '-var', 'token=an-ephemeral-value', '-var=name=from-the-command-line']);
    expect(run.stderr).toMatch(/^twinguard gate: applied the checked plan/m);
    expect(run.code).toBe(0);
    expect(run.state.resources[0].instances[0].attributes.input.value).toEqual({ name: 'from-the-command-line' });
  });
});

/**
 * `files` (path -> text) planned for real in a fresh directory; `use` gets the directory (its code
 * only: the plan file's JSON is read, then removed), the `show -json` document and the plan as the
 * plan loader reads it. The directory is removed after.
 */
async function withRealPlan(
  name: string,
  files: Readonly<Record<string, string>>,
  use: (dir: string, document: { configuration: { root_module: { resources: { address: string; expressions: unknown }[] } } }, plan: LoadedInput) => Promise<void>,
): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `twinguard-real-${name}-`));
  try {
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
    for (const args of [['init', '-input=false'], ['plan', '-input=false', '-out=p.tfplan']]) {
      const run = spawnSync('terraform', args, { cwd: dir, env, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`terraform ${args[0]} failed: ${run.stderr}`);
    }
    const shown = spawnSync('terraform', ['show', '-json', 'p.tfplan'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 << 20 });
    const json = path.join(dir, 'plan.json');
    fs.writeFileSync(json, shown.stdout);
    const plan = await loadPlanFile(json);
    fs.rmSync(json);
    await use(dir, JSON.parse(shown.stdout), plan);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Each terraform_data's `input`, by address. */
const inputsOf = (input: LoadedInput): Record<string, unknown> => Object.fromEntries(input.resources.map((r) => [r.address, (r.after as { input?: unknown }).input]));

describeWithTerraform('a real plan of code written with locals, and the .tf scan of the same code', () => {
  it('the plan lists only references to the locals (the shape of the locals fixture); the .tf scan evaluates them to the plan\'s values', async () => {
    const files = {
      'main.tf': `locals {
  tags   = { Owner = "platform", Team = "iot" }
  name   = "twin"
  arn    = "arn:aws:s3:::\${local.name}-data"
  policy = jsonencode({ Statement = [{ Effect = "Deny", Resource = [local.arn, "\${local.arn}/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } }] })
}
resource "terraform_data" "tags" {
  input = merge(local.tags, { Name = local.name }, { Team = "ops" })
}
resource "terraform_data" "policy" {
  input = local.policy
}
resource "terraform_data" "each" {
  for_each = toset(["b", "a"])
  input    = "\${local.name}-\${each.key}"
}
`,
    };
    await withRealPlan('locals', files, async (dir, document, plan) => {
      const expressions = Object.fromEntries(document.configuration.root_module.resources.map((r: { address: string; expressions: unknown }) => [r.address, r.expressions]));
      expect(expressions['terraform_data.tags']).toEqual({ input: { references: ['local.tags', 'local.name'] } });
      const planned = inputsOf(plan);
      const configured = inputsOf(await loadHcl(dir));
      expect(planned['terraform_data.tags']).toEqual({ Name: 'twin', Owner: 'platform', Team: 'ops' });
      // each.key stays unknown in a .tf scan (an instance's key is known, its value is built at plan).
      expect(Object.keys(configured).sort()).toEqual(Object.keys(planned).sort());
      for (const address of ['terraform_data.tags', 'terraform_data.policy']) expect({ address, input: configured[address] }).toEqual({ address, input: planned[address] });
    });
  });
});

describeWithTerraform("a real plan's references match the code's, so the gate can read a value known only after apply from its code", () => {
  it('every expression the plan does not know is given its code: templates, jsonencode, lists, count and for_each, locals, module inputs and outputs', async () => {
    const files = {
      'm/main.tf': `variable "arn" {}
resource "terraform_data" "inner" {
  input = "\${var.arn}/*"
}
output "out" {
  value = terraform_data.inner.id
}
`,
      'main.tf': `locals {
  base = terraform_data.b.id
}
resource "terraform_data" "b" {
  input = "x"
}
resource "terraform_data" "counted" {
  count = 2
  input = "\${terraform_data.b.id}-\${count.index}"
}
resource "terraform_data" "policy" {
  input = jsonencode({ Statement = [{ Effect = "Deny", Principal = "*", Resource = [terraform_data.b.id, "\${terraform_data.b.id}/*", "arn:\${terraform_data.counted[0].id}:x", terraform_data.counted[1].output], Condition = { Bool = { "aws:SecureTransport" = "false" } } }] })
}
resource "terraform_data" "via_local" {
  input = "\${local.base}/*"
}
resource "terraform_data" "list" {
  input = [terraform_data.b.id, "\${terraform_data.counted[0].id}/*", upper(terraform_data.b.id)]
}
resource "terraform_data" "each" {
  for_each = toset(["a", "b"])
  input    = "\${terraform_data.b.id}/\${each.key}"
}
resource "terraform_data" "per_instance" {
  count = 2
  input = terraform_data.counted[count.index].id
}
module "m" {
  source = "./m"
  arn    = terraform_data.b.id
}
resource "terraform_data" "from_module" {
  input = "\${module.m.out}/*"
}
output "o" {
  value = module.m.out
}
`,
    };
    await withRealPlan('code', files, async (dir, _document, plan) => {
      const read = withCode(plan, await loadHcl(dir, { planned: plan.variables ?? {} }));

      /** Non-constant expressions of a node, by path, and whether each carries code. */
      const expressions = (node: ConfigNode | undefined, at: string, out: Record<string, boolean>): Record<string, boolean> => {
        if (node === undefined) return out;
        if (node.kind === 'expr') {
          if (!node.hasConstant) out[at] = node.source !== undefined;
        } else if (node.kind === 'list') node.items.forEach((item, i) => expressions(item, `${at}[${i}]`, out));
        else for (const [key, child] of Object.entries(node.attrs)) expressions(child, `${at}.${key}`, out);
        return out;
      };
      const found: Record<string, boolean> = {};
      for (const r of read.resources) expressions(r.config, r.address, found);
      for (const o of read.outputs) expressions(o.expr, `output ${o.module}.${o.name}`, found);
      for (const call of read.moduleCalls) for (const [name, node] of Object.entries(call.inputs)) expressions(node, `module ${call.parent}.${call.name} ${name}`, found);
      expect(Object.keys(found)).toEqual(expect.arrayContaining(['terraform_data.policy.input', 'terraform_data.each["a"].input', 'module.m.terraform_data.inner.input', 'output module.m.out', 'module .m arn']));
      expect(Object.entries(found).filter(([, withSource]) => !withSource)).toEqual([]);
    });
  });
});

describeWithTerraform('a real plan of code whose values come from variables, and the .tf scan of the same code', () => {
  it('root variables (variable files, defaults) and module arguments give the .tf scan the plan\'s values', async () => {
    const files = {
      'm/main.tf': `variable "tags" {
  type = map(string)
}
variable "name" {
  type    = string
  default = "default-name"
}
variable "sizes" {
  type = set(string)
}
resource "terraform_data" "inner" {
  input = { tags = var.tags, name = var.name, sizes = var.sizes }
}
`,
      'main.tf': `variable "env" {
  type    = string
  default = "dev"
}
variable "owner" {
  type = string
}
variable "count_of" {
  type    = number
  default = 2
}
locals {
  tags = { Owner = var.owner, Environment = var.env }
}
module "m" {
  source = "./m"
  tags   = merge(local.tags, { Extra = "x" })
  sizes  = ["b", "a", "b"]
}
resource "terraform_data" "root" {
  input = "\${var.env}-\${var.count_of}"
}
`,
      'terraform.tfvars': 'owner = "platform"\nenv = "prod"\n',
    };
    await withRealPlan('vars', files, async (dir, _document, plan) => {
      const planned = inputsOf(plan);
      expect(planned['module.m.terraform_data.inner']).toEqual({ tags: { Owner: 'platform', Environment: 'prod', Extra: 'x' }, name: 'default-name', sizes: ['a', 'b'] });
      expect(inputsOf(await loadHcl(dir))).toEqual(planned);
    });
  });
});
