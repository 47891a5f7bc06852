/**
 * `twinguard gate`, the real orchestration against a stand-in `terraform` put first on PATH
 * (__tests__/fixtures/gate/bin/terraform): the call sequence, apply only of the checked plan,
 * no apply in any failing case, exit codes and the one-line message naming the failed step.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Command } from 'commander';
import { type GateOptions, registerGateCommand, runGate } from '../../checks/gate';
import { plan, res } from '../helpers/plan-builder';
import { REPO_ROOT } from '../helpers/shared';
import { twinguardProcess } from '../cli/run';
import { inDays } from '../helpers/dates';

const FAKE_BIN = path.join(REPO_ROOT, '__tests__', 'fixtures', 'gate', 'bin');
const FAKE_TERRAFORM = path.join(FAKE_BIN, 'terraform');

const TAGS = { Environment: 'dev', Owner: 'platform', DataClassification: 'internal' };
const key = (rotation: boolean) => res('aws_kms_key.data', { enable_key_rotation: rotation, deletion_window_in_days: 30, tags: TAGS, tags_all: TAGS });
const PASSING = plan([key(true)]);
/** A CodeBuild project that passes the check but for its `environment_variable` blocks, `variables`. */
const codebuildProject = (variables: readonly object[]) => ({
  name: 'cb',
  service_role: 'arn:aws:iam::123456789012:role/r',
  encryption_key: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  artifacts: [{ type: 'NO_ARTIFACTS', encryption_disabled: false }],
  source: [{ type: 'NO_SOURCE', buildspec: 'version: 0.2' }],
  environment: [{ compute_type: 'BUILD_GENERAL1_SMALL', image: 'aws/codebuild/standard:7.0', type: 'LINUX_CONTAINER', environment_variable: variables }],
  tags: TAGS,
  tags_all: TAGS,
});
/** One blocking finding: kms-key-rotation on aws_kms_key.data. */
const BLOCKED = plan([key(false)]);

interface Call {
  readonly args: string[];
  readonly cwd: string;
  readonly sha256?: string | null;
  /** The variables FAKE_TF_RECORD_ENV names, as the call got them (null: not set). */
  readonly env?: Record<string, string | null>;
}

interface GateRun {
  readonly code: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
  readonly calls: Call[];
  /** Lines the gate itself printed (`twinguard gate: …`). */
  readonly gateLines: string[];
  readonly cwd: string;
  readonly dir: string;
}

interface Scenario {
  /** The document `show -json` prints. */
  readonly plan?: object;
  /** FAKE_TF_* switches of the stand-in. */
  readonly fake?: Record<string, string>;
  /** Gate arguments after `--dir stack`, or a function of the command's working directory. */
  readonly args?: readonly string[] | ((cwd: string) => readonly string[]);
  /** Files written in the working directory of the command (a configuration file). */
  readonly files?: Record<string, string>;
  /** Files written in the Terraform working directory (`stack`). */
  readonly stackFiles?: Record<string, string>;
  /** Environment changes; `undefined` removes a variable. */
  readonly env?: Record<string, string | undefined>;
  /** Put the stand-in first on PATH (default true). */
  readonly onPath?: boolean;
}

const roots: string[] = [];
afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

async function runScenario(s: Scenario): Promise<GateRun> {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-gate-test-'));
  roots.push(cwd);
  const dir = path.join(cwd, 'stack');
  fs.mkdirSync(dir);
  const log = path.join(cwd, 'calls.jsonl');
  const planJson = path.join(cwd, 'show.json');
  fs.writeFileSync(planJson, JSON.stringify(s.plan ?? PASSING));
  for (const [name, content] of Object.entries(s.files ?? {})) fs.writeFileSync(path.join(cwd, name), content);
  for (const [name, content] of Object.entries(s.stackFiles ?? {})) fs.writeFileSync(path.join(dir, name), content);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: s.onPath === false ? process.env.PATH : `${FAKE_BIN}${path.delimiter}${process.env.PATH ?? ''}`,
    FAKE_TF_LOG: log,
    FAKE_TF_PLAN_JSON: planJson,
    TWINGUARD_TERRAFORM: undefined,
    NO_COLOR: '1',
    ...s.fake,
    ...s.env,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];

  let stdout = '';
  let stderr = '';
  let code: number | undefined;
  const program = new Command('twinguard').exitOverride();
  registerGateCommand(
    program,
    { cwd, env, stdoutIsTty: false, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) },
    (c) => {
      code = c;
    },
  );
  const args = typeof s.args === 'function' ? s.args(cwd) : (s.args ?? []);
  await program.parseAsync(['gate', '--dir', 'stack', ...args], { from: 'user' });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Call) : [];
  const gateLines = stderr.split('\n').filter((l) => l.startsWith('twinguard gate:'));
  return { code, stdout, stderr, calls, gateLines, cwd, dir };
}

/** What `terraform init` records for an s3 backend that leaves `encrypt` unset (null, as Terraform writes an unset attribute). */
const UNENCRYPTED_S3 = JSON.stringify({ type: 's3', config: { bucket: 'tfstate', key: 'stack.tfstate', region: 'eu-west-1', encrypt: null } });

const commands = (run: GateRun) => run.calls.map((c) => c.args[0]);
const applies = (run: GateRun) => run.calls.filter((c) => c.args[0] === 'apply');

describe('a plan that passes', () => {
  let run: GateRun;
  beforeAll(async () => {
    run = await runScenario({});
  });

  it('runs init, plan, show, apply in that order, with the arguments terraform expects, in the directory given', () => {
    expect(commands(run)).toEqual(['init', 'plan', 'show', 'apply']);
    const planFile = run.calls[1].args[2].replace(/^-out=/, '');
    expect(run.calls.map((c) => c.args)).toEqual([
      ['init', '-input=false'],
      ['plan', '-input=false', `-out=${planFile}`],
      ['show', '-json', planFile],
      ['apply', '-input=false', planFile],
    ]);
    expect(new Set(run.calls.map((c) => fs.realpathSync(c.cwd)))).toEqual(new Set([fs.realpathSync(run.dir)]));
  });

  it('applies exactly the plan file it checked, byte for byte', () => {
    const [planned, shown, applied] = [run.calls[1], run.calls[2], run.calls[3]];
    expect(planned.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(shown.sha256).toBe(planned.sha256);
    expect(applied.sha256).toBe(planned.sha256);
  });

  it('exits 0, prints the report on stdout and one line on stderr', () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/twinguard/i);
    expect(run.gateLines).toEqual([expect.stringMatching(/^twinguard gate: applied the checked plan \(sha256 [0-9a-f]{12}…\)$/)]);
  });

  it("forwards terraform's stdout to stderr, so stdout holds only the report", () => {
    expect(run.stderr).toMatch(/Apply complete!/);
    expect(run.stdout).not.toMatch(/Apply complete!|successfully initialized/);
  });

  it('leaves no plan file behind', () => {
    const planFile = run.calls[1].args[2].replace(/^-out=/, '');
    expect(fs.existsSync(planFile)).toBe(false);
  });
});

describe('every failing case: no apply, a non-zero exit, one line naming the step', () => {
  const cases: { name: string; scenario: Scenario; code: number; step: RegExp; ran: string[] }[] = [
    { name: 'blocking findings', scenario: { plan: BLOCKED }, code: 1, step: /^twinguard gate: check failed: 1 blocking finding\(s\); nothing was applied$/, ran: ['init', 'plan', 'show'] },
    { name: 'init fails', scenario: { fake: { FAKE_TF_FAIL: 'init' } }, code: 2, step: /^twinguard gate: init failed: terraform init exited with code 1; nothing was applied$/, ran: ['init'] },
    { name: 'plan fails', scenario: { fake: { FAKE_TF_FAIL: 'plan' } }, code: 2, step: /^twinguard gate: plan failed: terraform plan exited with code 1; nothing was applied$/, ran: ['init', 'plan'] },
    { name: 'plan writes no plan file', scenario: { fake: { FAKE_TF_NO_PLAN: '1' } }, code: 2, step: /^twinguard gate: plan failed: terraform plan wrote no plan file; nothing was applied$/, ran: ['init', 'plan'] },
    { name: 'show fails', scenario: { fake: { FAKE_TF_FAIL: 'show' } }, code: 2, step: /^twinguard gate: show failed: terraform show exited with code 1; nothing was applied$/, ran: ['init', 'plan', 'show'] },
    { name: 'show prints garbage', scenario: { fake: { FAKE_TF_SHOW: 'garbage' } }, code: 2, step: /^twinguard gate: plan JSON failed: terraform show -json did not give a usable plan: .+; nothing was applied$/, ran: ['init', 'plan', 'show'] },
    { name: 'show prints a state, not a plan', scenario: { plan: { format_version: '1.0', terraform_version: '1.9.8', values: { root_module: {} } } }, code: 2, step: /^twinguard gate: plan JSON failed: .*; nothing was applied$/, ran: ['init', 'plan', 'show'] },
    { name: 'the plan file changes between check and apply', scenario: { fake: { FAKE_TF_TAMPER: '1' } }, code: 2, step: /^twinguard gate: plan verification failed: the plan file changed after it was checked .*; nothing was applied$/, ran: ['init', 'plan', 'show'] },
    { name: 'the configuration file is invalid', scenario: { files: { 'twinguard.config.yaml': 'requiredTags: yes\n' } }, code: 2, step: /^twinguard gate: configuration failed: twinguard\.config\.yaml: requiredTags: .+; nothing was applied$/, ran: [] },
    {
      name: 'a waiver expiring beyond waiverMaxDays: refused before terraform plans',
      scenario: { files: { 'twinguard.config.yaml': 'waivers:\n  - rule: kms-key-rotation\n    address: aws_kms_key.k\n    reason: a reason long enough\n    owner: platform\n    expires: 9999-12-31\n' } },
      code: 2,
      step: /^twinguard gate: configuration failed: twinguard\.config\.yaml: waivers\[0\]\.expires: 9999-12-31 is more than 365 days after today .+; nothing was applied$/,
      ran: [],
    },
    { name: 'init configured an s3 backend without encrypt', scenario: { fake: { FAKE_TF_BACKEND: UNENCRYPTED_S3 } }, code: 1, step: /^twinguard gate: check failed: 1 blocking finding\(s\); nothing was applied$/, ran: ['init', 'plan', 'show'] },
    { name: 'no backend: the state would stay in a local file', scenario: { fake: { FAKE_TF_BACKEND: 'none' } }, code: 1, step: /^twinguard gate: check failed: 1 blocking finding\(s\); nothing was applied$/, ran: ['init', 'plan', 'show'] },
    {
      name: 'the backend state init wrote is unreadable',
      scenario: { fake: { FAKE_TF_BACKEND: 'garbage' } },
      code: 2,
      step: /^twinguard gate: init failed: .*terraform\.tfstate: the backend state terraform init wrote is invalid JSON at line \d+, column \d+: .+; where the state goes cannot be checked; nothing was applied$/,
      ran: ['init'],
    },
    { name: 'the executable does not exist', scenario: { args: ['--binary', '/nonexistent/terraform'] }, code: 2, step: /^twinguard gate: init failed: \/nonexistent\/terraform was not found .*; nothing was applied$/, ran: [] },
    // spawn throws rather than emitting 'error' for some errors, as Windows' EINVAL for a .cmd: still one line, exit 2.
    { name: 'the executable cannot be spawned at all (spawn throws)', scenario: { args: ['--binary', 'terraform\u0000x'] }, code: 2, step: /^twinguard gate: init failed: terraform\\u0000x could not start \(ERR_INVALID_ARG_VALUE\); nothing was applied$/, ran: [] },
  ];

  it.each(cases)('$name', async ({ scenario, code, step, ran }) => {
    const run = await runScenario(scenario);
    expect(applies(run)).toEqual([]);
    expect(commands(run)).toEqual(ran);
    expect(run.code).toBe(code);
    expect(run.gateLines).toEqual([expect.stringMatching(step)]);
  });

  it('a failed apply exits 2 and says apply failed (the apply it tried was of the checked plan)', async () => {
    const run = await runScenario({ fake: { FAKE_TF_FAIL: 'apply' } });
    expect(commands(run)).toEqual(['init', 'plan', 'show', 'apply']);
    expect(run.code).toBe(2);
    expect(run.gateLines).toEqual(['twinguard gate: apply failed: terraform apply exited with code 1']);
  });

  it('refuses, before anything runs, an --output that would replace what the gate reads: a file of code in --dir, the configuration, a variable file', async () => {
    const files = { 'main.tf': 'resource "terraform_data" "x" {}\n', 'prod.tfvars': 'x = 1\n' };
    for (const [args, what] of [
      [['--format', 'json', '--output', 'stack/main.tf'], /--output stack\/main\.tf: is named as Terraform code or a variable file/],
      [['--format', 'json', '--output', 'stack/prod.tfvars', '--', '-var-file=prod.tfvars'], /--output stack\/prod\.tfvars: is the variable file/],
      [['--config', 'gate.yaml', '--format', 'json', '--output', 'gate.yaml'], /--output gate\.yaml: is the configuration file/],
    ] as const) {
      await expect(runScenario({ stackFiles: files, files: { 'gate.yaml': 'version: 1\n' }, args: [...args] })).rejects.toThrow(what);
    }
  });

  it('a blocked plan still writes the reports the pipeline asked for', async () => {
    const run = await runScenario({ plan: BLOCKED, args: ['--format', 'sarif', '--output', 'out/twinguard.sarif', '--format', 'markdown', '--output', 'out/summary.md', '--format', 'json'] });
    expect(run.code).toBe(1);
    const sarif = JSON.parse(fs.readFileSync(path.join(run.cwd, 'out', 'twinguard.sarif'), 'utf8'));
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain('kms-key-rotation');
    expect(fs.readFileSync(path.join(run.cwd, 'out', 'summary.md'), 'utf8')).toMatch(/kms-key-rotation/);
    const json = JSON.parse(run.stdout);
    expect(json.findings).toEqual([expect.objectContaining({ ruleId: 'kms-key-rotation', address: 'aws_kms_key.data', status: 'fail', blocking: true })]);
  });
});

describe('where the state goes: the backend terraform init configured, which the plan does not record', () => {
  const stateFindings = (run: GateRun) => JSON.parse(run.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'terraform-state-encrypted');

  it('an s3 backend without encrypt blocks the apply, on terraform.backend.s3', async () => {
    const run = await runScenario({ fake: { FAKE_TF_BACKEND: UNENCRYPTED_S3 }, args: ['--format', 'json'] });
    expect(stateFindings(run)).toEqual([expect.objectContaining({ address: 'terraform.backend.s3', status: 'fail', blocking: true, path: 'encrypt' })]);
  });

  it('a partial configuration completed at init (-backend-config encrypt=true) passes: init recorded the whole of it', async () => {
    const completed = JSON.stringify({ type: 's3', config: { bucket: 'tfstate', key: 'stack.tfstate', region: 'eu-west-1', encrypt: true, kms_key_id: 'alias/tfstate', access_key: null } });
    const run = await runScenario({ fake: { FAKE_TF_BACKEND: completed }, args: ['--format', 'json'] });
    expect(run.code).toBe(0);
    expect(stateFindings(run)).toEqual([]);
    expect(applies(run)).toHaveLength(1);
  });

  it('no backend at all: the implied local backend blocks, and says why', async () => {
    const run = await runScenario({ fake: { FAKE_TF_BACKEND: 'none' }, args: ['--format', 'json'] });
    expect(stateFindings(run)).toEqual([expect.objectContaining({ address: 'terraform.backend.local', status: 'fail', blocking: true })]);
    expect(stateFindings(run)[0].message).toMatch(/no backend is configured, so Terraform keeps `terraform.tfstate` beside the configuration/);
  });

  // OpenTofu reads every .tofu file, in place of the .tf file of the same name; Terraform ignores them.
  describe('OpenTofu state encryption in the code tofu plans', () => {
    const ENCRYPTION = 'terraform {\n  encryption {\n    key_provider "pbkdf2" "k" {\n      passphrase = var.passphrase\n    }\n    method "aes_gcm" "m" {\n      keys = key_provider.pbkdf2.k\n    }\n    state {\n      method = method.aes_gcm.m\n    }\n  }\n}\nvariable "passphrase" {\n  type      = string\n  sensitive = true\n}\n';
    const tofu = (cwd: string): string => {
      fs.mkdirSync(path.join(cwd, 'bin'));
      fs.symlinkSync(path.join(FAKE_BIN, 'terraform'), path.join(cwd, 'bin', 'tofu'));
      return path.join(cwd, 'bin', 'tofu');
    };
    const run = (stackFiles: Record<string, string>, binary?: (cwd: string) => string) =>
      runScenario({ fake: { FAKE_TF_BACKEND: 'none' }, stackFiles, args: (cwd) => [...(binary ? ['--binary', binary(cwd)] : []), '--format', 'json'] });

    it('an encryption block in a .tofu file encrypts the state tofu writes: it passes', async () => {
      const passed = await run({ 'main.tf': 'resource "terraform_data" "x" {}\n', 'encryption.tofu': ENCRYPTION }, tofu);
      expect(stateFindings(passed)).toEqual([]);
      expect(passed.code).toBe(0);
    });

    it('a .tofu file read in place of the .tf file of the same name, and a .tf block beside an unrelated .tofu file, are read as tofu reads them', async () => {
      // main.tf (no encryption) is what Terraform plans; tofu plans main.tofu.
      const replaced = await run({ 'main.tf': 'resource "terraform_data" "x" {}\n', 'main.tofu': `resource "terraform_data" "x" {}\n${ENCRYPTION}` }, tofu);
      expect(stateFindings(replaced)).toEqual([]);
      const beside = await run({ 'main.tf': `resource "terraform_data" "x" {}\n${ENCRYPTION}`, 'versions.tofu': 'terraform {\n  required_version = ">= 1.8"\n}\n' }, tofu);
      expect(stateFindings(beside)).toEqual([]);
      // What tofu ignores is not read: main.tf's encryption block, shadowed by main.tofu.
      const shadowed = await run({ 'main.tf': `resource "terraform_data" "x" {}\n${ENCRYPTION}`, 'main.tofu': 'resource "terraform_data" "x" {}\n' }, tofu);
      expect(stateFindings(shadowed)).toEqual([expect.objectContaining({ address: 'terraform.backend.local', status: 'fail' })]);
    });

    // OpenTofu reads TF_ENCRYPTION in the run the gate makes, merged over the code's block (config_merge.go).
    it("TF_ENCRYPTION in the gate's environment is read as tofu reads it (HCL, or JSON), both ways; terraform ignores it", async () => {
      const main = { 'main.tf': 'resource "terraform_data" "x" {}\n' };
      const hcl = 'key_provider "pbkdf2" "k" {\n  passphrase = "correct-horse-battery-staple-42"\n}\nmethod "aes_gcm" "m" {\n  keys = key_provider.pbkdf2.k\n}\nstate {\n  method = method.aes_gcm.m\n}\n';
      const withEnv = (stackFiles: Record<string, string>, TF_ENCRYPTION: string, binary?: (cwd: string) => string) =>
        runScenario({ fake: { FAKE_TF_BACKEND: 'none' }, env: { TF_ENCRYPTION }, stackFiles, args: (cwd) => [...(binary ? ['--binary', binary(cwd)] : []), '--format', 'json'] });
      const encrypted = await withEnv(main, hcl, tofu);
      expect(stateFindings(encrypted)).toEqual([]);
      // A passphrase the environment gives is not written in the code.
      expect(JSON.parse(encrypted.stdout).findings).toEqual([]);
      expect(stateFindings(await withEnv(main, hcl))).toEqual([expect.objectContaining({ address: 'terraform.backend.local', status: 'fail' })]);
      // The environment's method replaces the code's: unencrypted leaves the state to the local backend.
      const unencrypted = '{"method": {"unencrypted": {"u": {}}}, "state": {"method": "${method.unencrypted.u}"}}';
      const code = { 'main.tf': 'resource "terraform_data" "x" {}\n', 'encryption.tf': ENCRYPTION };
      expect(stateFindings(await withEnv(code, unencrypted, tofu))).toEqual([expect.objectContaining({ address: 'terraform.backend.local', status: 'fail' })]);
    });

    // tofu reads TF_ENCRYPTION whatever wrote the code: a cdktf stack's cdk.tf.json is planned as a .tf directory is.
    it("TF_ENCRYPTION in the gate's environment is read over a cdktf stack's code as over a .tf directory's", async () => {
      const hcl = 'key_provider "pbkdf2" "k" {\n  passphrase = "correct-horse-battery-staple-42"\n}\nmethod "aes_gcm" "m" {\n  keys = key_provider.pbkdf2.k\n}\nstate {\n  method = method.aes_gcm.m\n}\n';
      const unencrypted = '{"method": {"unencrypted": {"u": {}}}, "state": {"method": "${method.unencrypted.u}"}}';
      const encryption = { key_provider: { pbkdf2: { k: { passphrase: '${var.passphrase}' } } }, method: { aes_gcm: { m: { keys: '${key_provider.pbkdf2.k}' } } }, state: { method: '${method.aes_gcm.m}' } };
      const stack = (terraform: object) => ({ 'cdk.tf.json': JSON.stringify({ terraform, variable: { passphrase: { type: 'string', sensitive: true } }, resource: { terraform_data: { x: {} } } }) });
      const withEnv = (stackFiles: Record<string, string>, TF_ENCRYPTION: string, binary?: (cwd: string) => string) =>
        runScenario({ fake: { FAKE_TF_BACKEND: 'none' }, env: { TF_ENCRYPTION }, stackFiles, args: (cwd) => [...(binary ? ['--binary', binary(cwd)] : []), '--format', 'json'] });
      const LOCAL = [expect.objectContaining({ address: 'terraform.backend.local', status: 'fail' })];
      const encrypted = await withEnv(stack({}), hcl, tofu);
      expect(stateFindings(encrypted)).toEqual([]);
      expect(encrypted.code).toBe(0);
      // terraform reads no TF_ENCRYPTION: the state stays in a local file.
      expect(stateFindings(await withEnv(stack({}), hcl))).toEqual(LOCAL);
      // The environment's method replaces the stack's: unencrypted leaves the state to the local backend.
      expect(stateFindings(await withEnv(stack({ encryption }), unencrypted, tofu))).toEqual(LOCAL);
    });

    it('terraform ignores .tofu files: the encryption block there encrypts nothing it writes', async () => {
      const failed = await run({ 'main.tf': 'resource "terraform_data" "x" {}\n', 'encryption.tofu': ENCRYPTION });
      expect(stateFindings(failed)).toEqual([expect.objectContaining({ address: 'terraform.backend.local', status: 'fail' })]);
    });
  });

  it('HCP Terraform (a cloud block) passes', async () => {
    const run = await runScenario({ fake: { FAKE_TF_BACKEND: JSON.stringify({ type: 'cloud', config: { organization: 'acme' } }) } });
    expect(run.code).toBe(0);
  });

  it('reads the backend where TF_DATA_DIR puts it', async () => {
    const run = await runScenario({ fake: { FAKE_TF_BACKEND: UNENCRYPTED_S3 }, env: { TF_DATA_DIR: 'tfdata' }, args: ['--format', 'json'] });
    expect(fs.existsSync(path.join(run.dir, 'tfdata', 'terraform.tfstate'))).toBe(true);
    expect(stateFindings(run)).toEqual([expect.objectContaining({ address: 'terraform.backend.s3', status: 'fail' })]);
    expect(run.code).toBe(1);
  });

  // README Known limits: an http:// service endpoint, of the s3 backend init recorded or of the plan's provider, passed.
  it('an s3 backend init recorded with endpoints.s3 at http://, and a provider endpoint at http://, block the apply, the URL\'s user and password starred', async () => {
    const store = JSON.stringify({ type: 's3', config: { bucket: 'tfstate', key: 'k', encrypt: true, endpoints: { s3: 'http://minio:Zq8xWv3pTr9Lm@minio.internal:9000', sts: null }, endpoint: null } });
    const localstack = plan([key(true)], { providers: { aws: { name: 'aws', expressions: { endpoints: [{ sts: { constant_value: 'http://localstack:4566' } }] } } } });
    const run = await runScenario({ plan: localstack, fake: { FAKE_TF_BACKEND: store }, args: ['--format', 'json'] });
    expect(run.code).toBe(1);
    expect(applies(run)).toEqual([]);
    const findings: { ruleId: string; address: string; status: string; path: string; message: string }[] = JSON.parse(run.stdout).findings;
    expect(findings.filter((f) => f.ruleId === 'provider-tls-verified').map((f) => `${f.address} ${f.status} ${f.path}`)).toEqual(['provider.aws fail endpoints.sts', 'terraform.backend.s3 fail endpoints.s3']);
    expect(run.stdout).toContain('http://***:***@minio.internal:9000');
    expect(run.stdout + run.stderr).not.toContain('Zq8xWv3pTr9Lm');
  });

  // README Known limits: an endpoint the gate's environment gives (AWS_ENDPOINT_URL_S3), in which terraform plans and applies, passed.
  it('AWS_ENDPOINT_URL_S3 at http:// in the gate\'s environment blocks the apply, on the provider and the s3 backend init recorded, whose code sets none; the URL\'s user and password starred', async () => {
    const store = JSON.stringify({ type: 's3', config: { bucket: 'tfstate', key: 'k', encrypt: true, endpoints: null, endpoint: null } });
    const planned = plan([key(true)], { providers: { aws: { name: 'aws', expressions: { region: { constant_value: 'eu-west-1' } } } } });
    const env = { AWS_ENDPOINT_URL_S3: 'http://minio:Zq8xWv3pTr9Lm@minio.internal:9000' };
    const run = await runScenario({ plan: planned, fake: { FAKE_TF_BACKEND: store }, env, args: ['--format', 'json'] });
    expect(run.code).toBe(1);
    expect(applies(run)).toEqual([]);
    const findings: { ruleId: string; address: string; status: string; path: string }[] = JSON.parse(run.stdout).findings;
    expect(findings.filter((f) => f.ruleId === 'provider-tls-verified').map((f) => `${f.address} ${f.status} ${f.path}`)).toEqual(['provider.aws fail endpoints.s3', 'terraform.backend.s3 fail endpoints.s3']);
    expect(run.stdout).toContain('http://***:***@minio.internal:9000');
    expect(run.stdout + run.stderr).not.toContain('Zq8xWv3pTr9Lm');
    const secure = await runScenario({ plan: planned, fake: { FAKE_TF_BACKEND: store }, env: { AWS_ENDPOINT_URL_S3: 'https://minio.internal:9000' }, args: ['--format', 'json'] });
    expect((JSON.parse(secure.stdout).findings as { ruleId: string }[]).filter((f) => f.ruleId === 'provider-tls-verified')).toEqual([]);
  });

  // README Known limits: an endpoint the AWS shared config file of the gate's environment gives (a profile's endpoint_url), which terraform reads, passed.
  /** An s3 backend init recorded with no endpoints, a plan of one key, and the AWS config file `text` in a directory of its own. */
  const sharedConfigScenario = (text: string) => {
    const store = JSON.stringify({ type: 's3', config: { bucket: 'tfstate', key: 'k', encrypt: true, endpoints: null, endpoint: null } });
    const planned = plan([key(true)], { providers: { aws: { name: 'aws', expressions: { region: { constant_value: 'eu-west-1' } } } } });
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-gate-test-'));
    roots.push(home);
    const config = path.join(home, 'aws-config');
    fs.writeFileSync(config, text);
    return { store, planned, home, config };
  };

  it("an endpoint_url at http:// in the AWS shared config file the gate's environment names blocks the apply; an AWS_CONFIG_FILE that names no file stops the gate before the apply, in one line", async () => {
    const { store, planned, home, config } = sharedConfigScenario('[profile ci]\nendpoint_url = http://minio:Zq8xWv3pTr9Lm@minio.internal:9000\n');
    const run = await runScenario({ plan: planned, fake: { FAKE_TF_BACKEND: store }, env: { AWS_CONFIG_FILE: config, AWS_PROFILE: 'ci' }, args: ['--format', 'json'] });
    expect(run.code).toBe(1);
    expect(applies(run)).toEqual([]);
    const findings: { ruleId: string; address: string; status: string; path: string }[] = JSON.parse(run.stdout).findings;
    expect(findings.filter((f) => f.ruleId === 'provider-tls-verified').map((f) => `${f.address} ${f.status} ${f.path}`)).toEqual(['provider.aws fail endpoints', 'terraform.backend.s3 fail endpoints']);
    expect(run.stdout + run.stderr).not.toContain('Zq8xWv3pTr9Lm');
    // AWS_DEFAULT_PROFILE names the profile where AWS_PROFILE is not set, as terraform reads them.
    const byDefault = await runScenario({ plan: planned, fake: { FAKE_TF_BACKEND: store }, env: { AWS_CONFIG_FILE: config, AWS_PROFILE: undefined, AWS_DEFAULT_PROFILE: 'ci' }, args: ['--format', 'json'] });
    expect({ code: byDefault.code, applies: applies(byDefault) }).toEqual({ code: 1, applies: [] });
    expect((JSON.parse(byDefault.stdout).findings as { ruleId: string; address: string }[]).filter((f) => f.ruleId === 'provider-tls-verified').map((f) => f.address)).toEqual(['provider.aws', 'terraform.backend.s3']);
    const missing = await runScenario({ plan: planned, fake: { FAKE_TF_BACKEND: store }, env: { AWS_CONFIG_FILE: path.join(home, 'missing'), AWS_PROFILE: 'ci' } });
    expect(missing.code).toBe(2);
    expect(applies(missing)).toEqual([]);
    expect(missing.stderr).toMatch(/AWS_CONFIG_FILE: names .*missing, which does not exist/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  // README Known limits: the shared credentials file, whose profiles the AWS SDK merges with the config file's, and the files a
  // provider's shared_config_files names, were not read: an endpoint_url at http:// there, which terraform calls, passed.
  it("an endpoint_url at http:// in the gate's shared credentials file, or in a file the plan's provider names in shared_config_files, blocks the apply; a file it names that does not exist stops the gate before the apply, in one line", async () => {
    const { store, planned, home, config } = sharedConfigScenario('[ci]\naws_secret_access_key = wJalrXUtnFEMIEXAMPLEKEY\nendpoint_url = http://minio.internal:9000\n');
    const tls = (run: { stdout: string }) =>
      (JSON.parse(run.stdout).findings as { ruleId: string; address: string; path: string }[]).filter((f) => f.ruleId === 'provider-tls-verified').map((f) => `${f.address} ${f.path}`);
    const run = await runScenario({ plan: planned, fake: { FAKE_TF_BACKEND: store }, env: { AWS_SHARED_CREDENTIALS_FILE: config, AWS_PROFILE: 'ci' }, args: ['--format', 'json'] });
    expect({ code: run.code, applies: applies(run), tls: tls(run) }).toEqual({ code: 1, applies: [], tls: ['provider.aws endpoints', 'terraform.backend.s3 endpoints'] });
    expect(run.stdout + run.stderr).not.toContain('wJalrXUtnFEMIEXAMPLEKEY');
    const named = (file: string) => plan([key(true)], { providers: { aws: { name: 'aws', expressions: { region: { constant_value: 'eu-west-1' }, shared_config_files: { constant_value: [file] } } } } });
    fs.writeFileSync(path.join(home, 'ci-config'), '[default]\nendpoint_url = http://minio.internal:9000\n');
    const fromNamed = await runScenario({ plan: named(path.join(home, 'ci-config')), fake: { FAKE_TF_BACKEND: store }, args: ['--format', 'json'] });
    expect({ code: fromNamed.code, applies: applies(fromNamed), tls: tls(fromNamed) }).toEqual({ code: 1, applies: [], tls: ['provider.aws endpoints'] });
    const missing = await runScenario({ plan: named(path.join(home, 'missing')), fake: { FAKE_TF_BACKEND: store } });
    expect({ code: missing.code, applies: applies(missing) }).toEqual({ code: 2, applies: [] });
    expect(missing.stderr).toMatch(/provider\.aws `shared_config_files` names ".*missing" \(.*missing\), which does not exist/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  // README Known limits: a profile's ignore_configured_endpoint_urls = true dropped the file's endpoints only, and the gate
  // blocked the apply on AWS_ENDPOINT_URL=http://…, which terraform then does not read.
  it("the profile's ignore_configured_endpoint_urls = true in the gate's AWS config file drops AWS_ENDPOINT_URL, as terraform does; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=yes stops the gate before the apply, in one line", async () => {
    const { store, planned, config } = sharedConfigScenario('[profile ci]\nignore_configured_endpoint_urls = true\n[profile loud]\nregion = eu-west-1\n');
    const tls = (run: { stdout: string }) =>
      (JSON.parse(run.stdout).findings as { ruleId: string; address: string; path: string }[]).filter((f) => f.ruleId === 'provider-tls-verified').map((f) => `${f.address} ${f.path}`);
    const env = (profile: string) => ({ AWS_CONFIG_FILE: config, AWS_PROFILE: profile, AWS_ENDPOINT_URL: 'http://minio.internal:9000' });
    expect(tls(await runScenario({ plan: planned, fake: { FAKE_TF_BACKEND: store }, env: env('ci'), args: ['--format', 'json'] }))).toEqual([]);
    expect(tls(await runScenario({ plan: planned, fake: { FAKE_TF_BACKEND: store }, env: env('loud'), args: ['--format', 'json'] }))).toEqual(['provider.aws endpoints', 'terraform.backend.s3 endpoints']);
    const invalid = await runScenario({ plan: planned, fake: { FAKE_TF_BACKEND: store }, env: { ...env('ci'), AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'yes' } });
    expect(invalid.code).toBe(2);
    expect(applies(invalid)).toEqual([]);
    expect(invalid.stderr).toMatch(/AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: is "yes", not true or false/);
    expect(invalid.stderr).not.toMatch(/\n\s+at /);
  });

  // README Known limits: with FIPS required, an endpoint the gate's environment gives at a non-FIPS host (AWS_ENDPOINT_URL_KMS), to which terraform sends those calls whatever use_fips_endpoint says, passed.
  it('AWS_ENDPOINT_URL_KMS at a non-FIPS host in the gate\'s environment blocks the apply with FIPS required, naming the variable, the URL\'s user and password starred; a FIPS host applies', async () => {
    const planned = plan([key(true)], { providers: { aws: { name: 'aws', expressions: { region: { constant_value: 'us-east-1' }, use_fips_endpoint: { constant_value: true } } } } });
    const files = { 'twinguard.config.yaml': 'fips: true\n' };
    // The state goes through FIPS endpoints too, as FIPS requires (provider-fips-endpoints judges the backend init recorded).
    const fake = { FAKE_TF_BACKEND: JSON.stringify({ type: 's3', config: { bucket: 'tfstate', key: 'k', region: 'us-east-1', encrypt: true, use_fips_endpoint: true } }) };
    const run = await runScenario({ plan: planned, files, fake, env: { AWS_ENDPOINT_URL_KMS: 'https://kms:Zq8xWv3pTr9Lm@kms.us-east-1.amazonaws.com' }, args: ['--format', 'json'] });
    expect(run.code).toBe(1);
    expect(applies(run)).toEqual([]);
    const findings: { ruleId: string; address: string; status: string; message: string }[] = JSON.parse(run.stdout).findings;
    const fips = findings.filter((f) => f.ruleId === 'provider-fips-endpoints');
    expect(fips.map((f) => `${f.address} ${f.status}`)).toEqual(['aws_kms_key.data fail']);
    expect(fips[0].message).toMatch(/^`AWS_ENDPOINT_URL_KMS` of the environment, the kms endpoint of provider aws where its block sets none, is "https:\/\/\*\*\*:\*\*\*@kms\.us-east-1\.amazonaws\.com", not a FIPS endpoint/);
    expect(run.stdout + run.stderr).not.toContain('Zq8xWv3pTr9Lm');
    const fipsHost = await runScenario({ plan: planned, files, fake, env: { AWS_ENDPOINT_URL_KMS: 'https://kms-fips.us-east-1.amazonaws.com' } });
    expect(fipsHost.code).toBe(0);
    expect(applies(fipsHost)).toHaveLength(1);
  });

  // README Known limits: with FIPS required, the s3 backend init recorded (its -backend-config values included) was not
  // judged: without use_fips_endpoint, or given a non-FIPS endpoint by AWS_ENDPOINT_URL_S3, the state's calls left the FIPS endpoints.
  it('with FIPS required, the s3 backend init recorded without use_fips_endpoint, or given AWS_ENDPOINT_URL_S3 at a non-FIPS host, blocks the apply, on terraform.backend.s3', async () => {
    const planned = plan([key(true)], { providers: { aws: { name: 'aws', expressions: { region: { constant_value: 'us-east-1' }, use_fips_endpoint: { constant_value: true } } } } });
    const files = { 'twinguard.config.yaml': 'fips: true\n' };
    const backend = (config: Record<string, unknown>) => ({ FAKE_TF_BACKEND: JSON.stringify({ type: 's3', config: { bucket: 'tfstate', key: 'k', region: 'us-east-1', encrypt: true, endpoints: null, ...config } }) });
    const fipsFindings = (run: GateRun) => (JSON.parse(run.stdout).findings as { ruleId: string; address: string; status: string; path: string; message: string }[]).filter((f) => f.ruleId === 'provider-fips-endpoints');
    const bare = await runScenario({ plan: planned, files, fake: backend({ use_fips_endpoint: null }), args: ['--format', 'json'] });
    expect(bare.code).toBe(1);
    expect(applies(bare)).toEqual([]);
    expect(fipsFindings(bare).map((f) => `${f.address} ${f.status} ${f.path}`)).toEqual(['terraform.backend.s3 fail use_fips_endpoint']);
    expect(fipsFindings(bare)[0].message).toMatch(/^the s3 backend \(as `terraform init` recorded it, `-backend-config` values included\) does not set use_fips_endpoint = true: its S3, DynamoDB, IAM and STS calls/);
    const given = await runScenario({ plan: planned, files, fake: backend({ use_fips_endpoint: true }), env: { AWS_ENDPOINT_URL_S3: 'https://minio:Zq8xWv3pTr9Lm@s3.us-east-1.amazonaws.com' }, args: ['--format', 'json'] });
    expect(given.code).toBe(1);
    expect(applies(given)).toEqual([]);
    // The provider's finding too: the variable gives the provider its s3 endpoint as well.
    expect(fipsFindings(given).map((f) => `${f.address} ${f.status} ${f.path ?? ''}`)).toEqual(['aws_kms_key.data fail ', 'terraform.backend.s3 fail endpoints.s3']);
    expect(fipsFindings(given)[1].message).toMatch(/^`AWS_ENDPOINT_URL_S3` of the environment, the s3 endpoint of the s3 backend \(as `terraform init` recorded it, `-backend-config` values included\) where its block sets none, is "https:\/\/\*\*\*:\*\*\*@s3\.us-east-1\.amazonaws\.com", not a FIPS endpoint/);
    expect(given.stdout + given.stderr).not.toContain('Zq8xWv3pTr9Lm');
    const fips = await runScenario({ plan: planned, files, fake: backend({ use_fips_endpoint: true }) });
    expect(fips.code).toBe(0);
    expect(applies(fips)).toHaveLength(1);
  });

  // Terraform's backend page: values given with -backend-config are kept in `.terraform` and in plan files, "This can leak sensitive credentials".
  it('credentials init recorded (from -backend-config) block, masked, and are not said to be written in the code', async () => {
    const withKey = JSON.stringify({ type: 's3', config: { bucket: 'tfstate', key: 'k', encrypt: true, secret_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } });
    const run = await runScenario({ fake: { FAKE_TF_BACKEND: withKey }, args: ['--format', 'json'] });
    expect(run.code).toBe(1);
    expect(applies(run)).toEqual([]);
    const findings: { ruleId: string; address: string; path: string; message: string }[] = JSON.parse(run.stdout).findings;
    const found = findings.filter((f) => f.ruleId === 'no-static-provider-credentials');
    expect(found).toEqual([expect.objectContaining({ address: 'terraform.backend.s3', path: 'secret_key' })]);
    expect(found[0].message).toMatch(/^terraform\.backend\.s3 holds `secret_key` \(.*\): `terraform init` recorded it \(from the code or `-backend-config`\)/);
    expect(found[0].message).not.toMatch(/-backend-config` from a secret store/);
    expect(run.stdout + run.stderr).not.toContain('rXUtnFEMI');
  });
});

describe('options', () => {
  it('--plan-only stops after a passing check: exit 0, no apply', async () => {
    const run = await runScenario({ args: ['--plan-only'] });
    expect(commands(run)).toEqual(['init', 'plan', 'show']);
    expect(run.code).toBe(0);
    expect(run.gateLines).toEqual([expect.stringMatching(/^twinguard gate: plan checked and passed .*--plan-only: not applied$/)]);
  });

  it('--plan-only with blocking findings exits 1', async () => {
    const run = await runScenario({ plan: BLOCKED, args: ['--plan-only'] });
    expect(run.code).toBe(1);
    expect(applies(run)).toEqual([]);
  });

  // Run directly (not from npm run deploy, which sets it), the gate gave terraform its own environment as it was, and
  // terraform checked for updates online (checkpoint-api.hashicorp.com) on every init, plan, show and apply.
  it('terraform runs with CHECKPOINT_DISABLE=1 (no update check online), unless the user set it: then as they set it', async () => {
    const recorded = (run: GateRun) => run.calls.map((c) => [c.args[0], c.env]);
    const unset = await runScenario({ fake: { FAKE_TF_RECORD_ENV: 'CHECKPOINT_DISABLE' }, env: { CHECKPOINT_DISABLE: undefined } });
    expect(unset.code).toBe(0);
    expect(recorded(unset)).toEqual(['init', 'plan', 'show', 'apply'].map((step) => [step, { CHECKPOINT_DISABLE: '1' }]));
    const own = await runScenario({ fake: { FAKE_TF_RECORD_ENV: 'CHECKPOINT_DISABLE' }, env: { CHECKPOINT_DISABLE: '' }, args: ['--plan-only'] });
    expect(recorded(own)).toEqual(['init', 'plan', 'show'].map((step) => [step, { CHECKPOINT_DISABLE: '' }]));
  });

  it('TWINGUARD_TERRAFORM selects the executable when it is not on PATH', async () => {
    const run = await runScenario({ onPath: false, env: { TWINGUARD_TERRAFORM: FAKE_TERRAFORM } });
    expect(commands(run)).toEqual(['init', 'plan', 'show', 'apply']);
    expect(run.code).toBe(0);
  });

  it('--binary wins over TWINGUARD_TERRAFORM', async () => {
    const run = await runScenario({ onPath: false, env: { TWINGUARD_TERRAFORM: '/nonexistent/tofu' }, args: ['--binary', FAKE_TERRAFORM] });
    expect(commands(run)).toEqual(['init', 'plan', 'show', 'apply']);
    expect(run.code).toBe(0);
  });

  it('a relative --binary path is taken from the working directory of the command, not from --dir', async () => {
    const run = await runScenario({ onPath: false, args: (cwd) => ['--binary', path.relative(cwd, FAKE_TERRAFORM)] });
    expect(run.code).toBe(0);
    expect(commands(run)).toEqual(['init', 'plan', 'show', 'apply']);
  });

  it('waivers from the configuration file apply: a waived finding no longer blocks the apply', async () => {
    const config = [
      'waivers:',
      '  - rule: kms-key-rotation',
      '    address: aws_kms_key.data',
      '    reason: rotation is handled by the HSM re-key procedure',
      '    owner: platform-engineering',
      `    expires: "${inDays(30)}"`,
    ].join('\n');
    const run = await runScenario({ plan: BLOCKED, files: { 'twinguard.config.yaml': config }, args: ['--format', 'json'] });
    expect(run.code).toBe(0);
    expect(commands(run)).toEqual(['init', 'plan', 'show', 'apply']);
    expect(JSON.parse(run.stdout).findings).toEqual([expect.objectContaining({ ruleId: 'kms-key-rotation', status: 'waived', blocking: false })]);
  });

  it('a configuration file in --dir that is not the one read is named in one line, before terraform runs', async () => {
    const strict = 'version: 1\nstrict: true\n';
    const none = await runScenario({ stackFiles: { 'twinguard.config.yaml': strict }, args: ['--plan-only'] });
    expect(none.gateLines[0]).toBe(`twinguard gate: ${path.join('stack', 'twinguard.config.yaml')} is not read: no configuration file is in the current directory: the defaults are (give --config ${path.join('stack', 'twinguard.config.yaml')} to use it)`);
    const other = await runScenario({ files: { 'twinguard.config.json': '{"version": 1}' }, stackFiles: { 'twinguard.config.yaml': strict }, args: ['--plan-only'] });
    expect(other.gateLines[0]).toBe(`twinguard gate: ${path.join('stack', 'twinguard.config.yaml')} is not read: twinguard.config.json of the current directory is (give --config ${path.join('stack', 'twinguard.config.yaml')} to use it)`);
    expect(other.code).toBe(0);
    // Given with --config, or none in --dir: nothing to say.
    const chosen = await runScenario({ stackFiles: { 'twinguard.config.yaml': strict }, args: ['--plan-only', '--config', path.join('stack', 'twinguard.config.yaml')] });
    const plain = await runScenario({ files: { 'twinguard.config.yaml': strict }, args: ['--plan-only'] });
    for (const run of [chosen, plain]) expect(run.gateLines).toEqual([expect.stringMatching(/^twinguard gate: plan checked and passed/)]);
  });

  it('a directory that does not exist fails before terraform runs', async () => {
    const run = await runScenario({ args: ['--dir', 'nowhere'] });
    expect(run.calls).toEqual([]);
    expect(run.code).toBe(2);
    expect(run.gateLines).toEqual(['twinguard gate: init failed: nowhere is not a directory; nothing was applied']);
  });

  it.each([
    ['--dir', ['--dir', 'w\u001b[2Jd'], 'init failed: w\\u001b[2Jd is not a directory'],
    ['--binary', ['--binary', '/nonexistent/tf\u001b[2J'], 'init failed: /nonexistent/tf\\u001b[2J was not found'],
    ['--config', ['--config', 'c\u001b[2J.yaml'], 'configuration failed: c\\u001b[2J.yaml: configuration file not found'],
    ['--dir typed as an access key id', ['--dir', 'AKIAIOSFODNN7EXAMPLE'], 'init failed: AKIA*** is not a directory'],
  ])('a refusal of %s quotes it with its control characters escaped: the line moves no cursor', async (_flag, args, said) => {
    const run = await runScenario({ args });
    expect(run.code).toBe(2);
    expect(run.calls).toEqual([]);
    expect(run.gateLines).toEqual([expect.stringContaining(`twinguard gate: ${said}`)]);
    expect(run.stderr).not.toContain('\u001b');
    expect(run.stderr).not.toContain('IOSFODNN7');
  });
});

describe('locals: a plan names them by reference only, the code in the working directory says what they reference', () => {
  const SSE_TYPE = 'aws_s3_bucket_server_side_encryption_configuration';
  const LOCALS_PLAN = plan([
    res('aws_s3_bucket.b', { bucket: 'twin-data', tags: TAGS, tags_all: TAGS }, { unknown: { id: true, arn: true } }),
    res(`${SSE_TYPE}.b`, { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: 'arn:aws:kms:eu-west-1:111111111111:key/k' }] }] }, { unknown: { bucket: true, id: true }, refs: { bucket: ['local.bucket_id'] } }),
  ]);
  const MAIN_TF = `locals {\n  bucket_id = aws_s3_bucket.b.id\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "twin-data"\n}\n`;
  const undetermined = (run: GateRun) =>
    JSON.parse(run.stdout).findings.filter((f: { address: string; message: string }) => f.address === 'aws_s3_bucket.b' && /cannot tell whether .*server_side_encryption_configuration/.test(f.message));

  it('with the code at hand, the encryption configuration that names the bucket through a local is linked to it', async () => {
    const withCode = await runScenario({ plan: LOCALS_PLAN, stackFiles: { 'main.tf': MAIN_TF }, args: ['--plan-only', '--format', 'json'] });
    const withoutCode = await runScenario({ plan: LOCALS_PLAN, args: ['--plan-only', '--format', 'json'] });
    expect(undetermined(withoutCode)).not.toEqual([]);
    expect(undetermined(withCode)).toEqual([]);
    expect(JSON.parse(withCode.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 's3-bucket-default-encryption')).toEqual([]);
  });
});

describe("the code of a value the plan knows only after apply: a policy naming a new bucket's ARN", () => {
  const FIXTURE = path.join(__dirname, '..', 'fixtures', 'policy-document');
  const POLICY_PLAN = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'plan.json'), 'utf8'));
  const MAIN_TF = fs.readFileSync(path.join(FIXTURE, 'main.tf'), 'utf8');
  const denials = (run: GateRun) => JSON.parse(run.stdout).findings.filter((f: { ruleId: string }) => f.ruleId.startsWith('s3-bucket-deny-')).map((f: { status: string }) => f.status);

  it('is judged from the code in the working directory: the TLS Deny on the bucket passes; without the code it is unknown', async () => {
    const withCode = await runScenario({ plan: POLICY_PLAN, stackFiles: { 'main.tf': MAIN_TF }, args: ['--plan-only', '--format', 'json'] });
    const withoutCode = await runScenario({ plan: POLICY_PLAN, args: ['--plan-only', '--format', 'json'] });
    expect(denials(withoutCode).length).toBeGreaterThan(0);
    expect(new Set(denials(withoutCode))).toEqual(new Set(['unknown']));
    expect(denials(withCode)).toEqual([]);
  });
});

describe('arguments for terraform: --init-arg, and plan arguments after --', () => {
  const argsOf = (run: GateRun, command: string) => run.calls.find((c) => c.args[0] === command)?.args;
  /** A token in the shape of a GitHub personal access token (not a real one). */
  const TOKEN = `ghp_${'a1B2c3D4e5'.repeat(3)}123456`;
  const declaring = (variables: Record<string, object>) => ({ ...PASSING, configuration: { root_module: { variables } } });

  it('passes them on unchanged, in order, before the gate\'s own -out; the apply of the saved plan takes none', async () => {
    const run = await runScenario({ args: ['--init-arg', '-backend-config=prod.s3.tfbackend', '--init-arg=-reconfigure', '--', '-var-file=prod.tfvars', '-var', 'region=eu-west-1', '-target=module.twin', '-input=false'] });
    expect(run.code).toBe(0);
    expect(argsOf(run, 'init')).toEqual(['init', '-input=false', '-backend-config=prod.s3.tfbackend', '-reconfigure']);
    const planned = argsOf(run, 'plan') ?? [];
    expect(planned.slice(0, -1)).toEqual(['plan', '-input=false', '-var-file=prod.tfvars', '-var', 'region=eu-west-1', '-target=module.twin', '-input=false']);
    expect(planned[planned.length - 1]).toMatch(/^-out=.*twinguard\.tfplan$/);
    expect(argsOf(run, 'apply')).toEqual(['apply', '-input=false', planned[planned.length - 1].slice('-out='.length)]);
  });

  describe('an ephemeral variable (Terraform 1.10 and later): its value is not in the plan file, and apply asks for it again', () => {
    // show -json lists an ephemeral variable in the configuration and leaves its value out of `variables`.
    const ephemeralPlan = declaring({ token: {}, region: { default: 'eu-west-1' } });
    const args = ['--', '-var-file=dev.tfvars', '-var', 'token=abc123', '-target=aws_kms_key.data', '-var=region=eu-central-1'];

    it('the apply is given the plan\'s -var and -var-file again, in their order, and succeeds', async () => {
      const run = await runScenario({ plan: ephemeralPlan, args, stackFiles: { 'dev.tfvars': 'region = "eu-west-1"\n' }, fake: { FAKE_TF_EPHEMERAL: 'token' } });
      const planFile = (argsOf(run, 'plan') ?? []).at(-1)?.slice('-out='.length);
      expect(argsOf(run, 'apply')).toEqual(['apply', '-input=false', '-var-file=dev.tfvars', '-var=token=abc123', '-var=region=eu-central-1', planFile]);
      expect(run.code).toBe(0);
      expect(run.gateLines).toEqual([expect.stringMatching(/^twinguard gate: applied the checked plan/)]);
    });

    it('one given in TF_CLI_ARGS_plan, which terraform reads at plan only, is given to the apply again, and never printed', async () => {
      const secret = 'EphemeralToken-8675309';
      const sensitivePlan = declaring({ token: { sensitive: true }, region: { default: 'eu-west-1' } });
      const run = await runScenario({ plan: sensitivePlan, env: { TF_CLI_ARGS_plan: `-var 'token=${secret}'` }, fake: { FAKE_TF_EPHEMERAL: 'token' } });
      expect(argsOf(run, 'apply')).toEqual(['apply', '-input=false', `-var=token=${secret}`, expect.stringMatching(/twinguard\.tfplan$/)]);
      expect(run.code).toBe(0);
      expect(run.gateLines).toEqual([expect.stringMatching(/^twinguard gate: applied the checked plan/)]);
      expect(run.stdout + run.stderr).not.toContain(secret);
    });

    it('a variable set in both TF_CLI_ARGS_plan and TF_CLI_ARGS keeps at apply the value plan took (TF_CLI_ARGS\'s, read after)', async () => {
      // terraform puts TF_CLI_ARGS_plan's arguments before TF_CLI_ARGS's at plan, and adds TF_CLI_ARGS's alone, first, at apply.
      const env = { TF_CLI_ARGS_plan: '-var=region=eu-west-1 -var=token=abc123', TF_CLI_ARGS: '-var=region=eu-central-1' };
      const run = await runScenario({ plan: ephemeralPlan, env, fake: { FAKE_TF_EPHEMERAL: 'token' } });
      expect(argsOf(run, 'apply')).toEqual(['apply', '-input=false', '-var=region=eu-west-1', '-var=token=abc123', '-var=region=eu-central-1', expect.stringMatching(/twinguard\.tfplan$/)]);
      expect(run.code).toBe(0);
    });

    it('without one (Terraform before 1.10 refuses -var at apply of a saved plan), the apply is given none', async () => {
      const run = await runScenario({ plan: declaring({ owner: {}, region: { default: 'eu-west-1' } }), args: ['--', '-var=owner=platform', '-var', 'region=eu-central-1'] });
      expect(argsOf(run, 'apply')).toEqual(['apply', '-input=false', expect.stringMatching(/twinguard\.tfplan$/)]);
      expect(run.code).toBe(0);
    });
  });

  it('a plan made with -destroy is checked like any other: deleting a KMS key blocks the apply', async () => {
    const destroyPlan = { ...PASSING, resource_changes: [{ address: 'aws_kms_key.data', mode: 'managed', type: 'aws_kms_key', name: 'data', provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['delete'], before: { enable_key_rotation: true }, after: null, after_unknown: {} } }], planned_values: { root_module: {} } };
    const run = await runScenario({ plan: destroyPlan, args: ['--format', 'json', '--', '-destroy'] });
    expect(argsOf(run, 'plan')?.[2]).toBe('-destroy');
    expect(run.code).toBe(1);
    expect(applies(run)).toEqual([]);
    expect(JSON.parse(run.stdout).findings).toEqual([expect.objectContaining({ ruleId: 'kms-key-not-destroyed', address: 'aws_kms_key.data', blocking: true })]);
  });

  it('a credential given with -var to a variable not marked sensitive blocks the apply, and no output holds it', async () => {
    const run = await runScenario({
      plan: declaring({ api_token: {} }),
      args: ['--format', 'json', '--output', 'out.json', '--format', 'sarif', '--output', 'out.sarif', '--format', 'text', '--', `-var=api_token=${TOKEN}`],
    });
    expect(run.code).toBe(1);
    expect(applies(run)).toEqual([]);
    const [json, sarif] = ['out.json', 'out.sarif'].map((name) => fs.readFileSync(path.join(run.cwd, name), 'utf8'));
    expect(JSON.parse(json).findings).toEqual([expect.objectContaining({ ruleId: 'no-credentials-in-variables', address: 'var.api_token', blocking: true })]);
    const everything = [run.stdout, run.stderr, json, sarif].join('\n');
    expect(everything).toContain('var.api_token');
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(TOKEN.slice(4, 20));
  });

  it("terraform's own output is masked too: the plan it prints is held until the check, the apply's output masked line by line", async () => {
    // Waived, so that the apply runs and prints the value again (split across two writes).
    const config = ['version: 1', 'waivers:', '  - rule: no-credentials-in-variables', '    address: var.api_token', '    reason: A throwaway token of the gate tests, revoked.', '    owner: twinguard-tests', `    expires: ${inDays(30)}`, ''].join('\n');
    const run = await runScenario({ plan: declaring({ api_token: {} }), files: { 'twinguard.config.yaml': config }, args: ['--', `-var=api_token=${TOKEN}`] });
    expect(run.code).toBe(0);
    expect(commands(run)).toEqual(['init', 'plan', 'show', 'apply']);
    expect(run.stderr).toMatch(/\+ api_token = "ghp_\*+/);
    expect(run.stderr).toMatch(/Outputs:\n\napi_token = "ghp_\*+/);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
    expect(run.stdout + run.stderr).not.toContain(TOKEN.slice(8));
  });

  it("terraform's line for an instance the plan destroys is masked when its key holds personal data (no rule judges what is destroyed)", async () => {
    const destroying = plan([key(true), res('aws_sqs_queue.q["mary.major@example.com"]', { name: 'old' }, { actions: ['delete'], repetition: 'for_each' })]);
    const say = JSON.stringify({ plan: { stdout: '  # aws_sqs_queue.q["mary.major@example.com"] will be destroyed\n' } });
    const run = await runScenario({ plan: destroying, fake: { FAKE_TF_SAY: say } });
    expect(run.stderr + run.stdout).toMatch(/# aws_sqs_queue\.q\["m\*\*\*@e\*\*\*\.com"\] will be destroyed/);
    expect(run.stderr + run.stdout).not.toContain('mary.major');
  });

  it("terraform's lines for a moved instance's old key and a forgotten instance are masked when the key holds personal data, and nothing blocks", async () => {
    // As terraform 1.11 writes them: a `moved` block gives the change a previous_address; a
    // `removed` block with `destroy = false` gives the action forget, never delete.
    const moving = plan([key(true), res('aws_sqs_queue.q["jdoe"]', { name: 'q', sqs_managed_sse_enabled: true, tags: TAGS, tags_all: TAGS }, { actions: ['no-op'], repetition: 'for_each' })]);
    const changes = moving.resource_changes as Record<string, unknown>[];
    changes[1] = { ...changes[1], previous_address: 'aws_sqs_queue.q["john.doe@example.com"]' };
    const forget = { actions: ['forget'], before: { enable_key_rotation: true }, after: null, after_unknown: {} };
    changes.push({ address: 'aws_kms_key.old["mary.major@example.com"]', mode: 'managed', type: 'aws_kms_key', name: 'old', index: 'mary.major@example.com', provider_name: 'registry.terraform.io/hashicorp/aws', change: forget });
    const lines = [
      '  # aws_sqs_queue.q["john.doe@example.com"] has moved to aws_sqs_queue.q["jdoe"]',
      '  # aws_kms_key.old["mary.major@example.com"] will no longer be managed by Terraform, but will not be destroyed',
      '│  - aws_kms_key.old["mary.major@example.com"]',
      '',
    ].join('\n');
    const run = await runScenario({ plan: moving, args: ['--format', 'json', '--output', 'out.json'], fake: { FAKE_TF_SAY: JSON.stringify({ plan: { stdout: lines } }) } });
    const all = run.stderr + run.stdout + fs.readFileSync(path.join(run.cwd, 'out.json'), 'utf8');
    expect(run.stderr).toMatch(/# aws_sqs_queue\.q\["j\*\*\*@e\*\*\*\.com"\] has moved to aws_sqs_queue\.q\["jdoe"\]/);
    expect(run.stderr).toMatch(/# aws_kms_key\.old\["m\*\*\*@e\*\*\*\.com"\] will no longer be managed by Terraform/);
    expect(run.stderr).toMatch(/- aws_kms_key\.old\["m\*\*\*@e\*\*\*\.com"\]/);
    expect(all).not.toContain('john.doe');
    expect(all).not.toContain('mary.major');
    // Forgetting a key deletes nothing: kms-key-not-destroyed does not block it, and the apply runs.
    expect(run.code).toBe(0);
    expect(commands(run)).toEqual(['init', 'plan', 'show', 'apply']);
  });

  it("a CI log command a value holds (##[error], ##vso[…]) is broken where terraform prints it, in the plan and the apply", async () => {
    const plan = '  # aws_sqs_queue.q["a ##[error title=twinguard]no blocking finding"] will be created\n      + "Team" = "##vso[task.setvariable variable=TG_PASSED]true"\n';
    const say = JSON.stringify({ plan: { stdout: plan }, apply: { stderr: 'Warning: ##[debug]hidden\n' } });
    const run = await runScenario({ plan: PASSING, fake: { FAKE_TF_SAY: say } });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/##(vso)?\[/i);
    expect(run.stderr).toContain('# aws_sqs_queue.q["a #\\u0023[error title=twinguard]no blocking finding"] will be created');
    expect(run.stderr).toContain('"#\\u0023vso[task.setvariable variable=TG_PASSED]true"');
    expect(run.stderr).toContain('Warning: #\\u0023[debug]hidden');
  });

  it('a tag value a change replaces is masked where terraform prints it (the left of ->), in the plan and the apply', async () => {
    const { after, options } = key(true);
    const before = { ...after, tags: { ...TAGS, Owner: 'jane.roe@example.com' }, tags_all: { ...TAGS, Owner: 'jane.roe@example.com' } };
    const fixed = plan([res('aws_kms_key.data', after, { ...options, actions: ['update'], before })]);
    const line = '      ~ "Owner" = "jane.roe@example.com" -> "platform"\n';
    const say = JSON.stringify({ plan: { stdout: `  # aws_kms_key.data will be updated in-place\n${line}` }, apply: { stdout: 'aws_kms_key.data: Modifying... (Owner was jane.roe@example.com)\n' } });
    const run = await runScenario({ plan: fixed, fake: { FAKE_TF_SAY: say } });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('~ "Owner" = "j***@e***.com" -> "platform"');
    expect(run.stderr).toContain('(Owner was j***@e***.com)');
    expect(run.stdout + run.stderr).not.toContain('jane.roe');
  });

  // The rules read a plaintext pair and the pairs of an encoded document in the after; the old value of a variable moved to
  // Parameter Store or Secrets Manager was printed in clear on the left of `->` (review rt-leaks L2).
  it("a variable's old value is masked when it moves to Parameter Store: a CodeBuild PLAINTEXT pair, an ECS container's environment pair in the replaced JSON", async () => {
    const [codebuildOld, ecsOld] = ['WmQ8agOMTNwncxvj', 'ZqQ8agOMTNwncxvj'];
    const variable = (type: string, value: string) => ({ name: 'DB_PASSWORD', type, value });
    const project = (type: string, value: string) => codebuildProject([variable(type, value)]);
    const containers = (env: object) => JSON.stringify([{ name: 'app', image: 'nginx', ...env }]);
    const task = (env: object) => ({ family: 'td', container_definitions: containers(env), tags: TAGS, tags_all: TAGS });
    const moved = plan([
      key(true),
      res('aws_codebuild_project.cb', project('PARAMETER_STORE', '/db/pw'), { actions: ['update'], before: project('PLAINTEXT', codebuildOld) }),
      res('aws_ecs_task_definition.td', task({ secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/db' }] }), {
        actions: ['delete', 'create'],
        before: task({ environment: [{ name: 'DB_PASSWORD', value: ecsOld }] }),
      }),
    ]);
    const lines = [
      '  # aws_codebuild_project.cb will be updated in-place',
      '          ~ environment_variable {',
      '                name  = "DB_PASSWORD"',
      '              ~ type  = "PLAINTEXT" -> "PARAMETER_STORE"',
      `              ~ value = "${codebuildOld}" -> "/db/pw"`,
      '  # aws_ecs_task_definition.td must be replaced',
      '                  - environment = [',
      '                      - {',
      '                          - name  = "DB_PASSWORD"',
      `                          - value = "${ecsOld}"`,
      '',
    ].join('\n');
    const run = await runScenario({ plan: moved, fake: { FAKE_TF_SAY: JSON.stringify({ plan: { stdout: lines } }) }, args: ['--plan-only'] });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('~ value = "WmQ8***" -> "/db/pw"');
    expect(run.stderr).toContain('- value = "ZqQ8***"');
    expect(run.stdout + run.stderr).not.toMatch(/WmQ8agOM|ZqQ8agOM/);
  });

  // Terraform prints a single-line string with Go's %q: BEL, VT, ESC, DEL, NBSP and ZWSP escaped as JSON does not (review
  // rt-leaks L7). Here a CodeBuild variable's value, printed under `value`, which names nothing on its line.
  it("a secret holding a character Go's %q escapes is masked as terraform's plan prints it", async () => {
    const escaped: [string, string][] = [['\u0007', '\\a'], ['\v', '\\v'], ['\u001b', '\\x1b'], ['\u007f', '\\x7f'], ['\u00a0', '\\u00a0'], ['\u200b', '\\u200b']];
    const secret = (i: number, character: string) => `Zq${i}Bh0fXk${character}zK4xDXki`;
    const variables = escaped.map(([character], i) => ({ name: `DB_PASSWORD_${i}`, type: 'PLAINTEXT', value: secret(i, character) }));
    const lines = escaped.map(([, escape], i) => `              + value = "Zq${i}Bh0fXk${escape}zK4xDXki"`).join('\n');
    const run = await runScenario({ plan: plan([key(true), res('aws_codebuild_project.cb', codebuildProject(variables))]), fake: { FAKE_TF_SAY: JSON.stringify({ plan: { stdout: `${lines}\n` } }) }, args: ['--plan-only'] });
    expect(run.code).toBe(1);
    for (let i = 0; i < escaped.length; i++) expect(run.stderr).toContain(`+ value = "Zq${i}B***"`);
    expect(run.stdout + run.stderr).not.toMatch(/Bh0fXk|zK4xDXki/);
  });

  it("a credential in a destroyed resource's values is masked where terraform prints them, also where a line shows the password alone", async () => {
    const password = 'Tr0ub4dor-and-3';
    const endpoint = `https://hooks:${password}@alerts.example.com/notify`;
    const destroying = plan([key(true)], { deleted: [res('aws_sns_topic_subscription.hook', { endpoint, protocol: 'https', confirmation_timeout_in_minutes: 1 })] });
    const lines = ['  # aws_sns_topic_subscription.hook will be destroyed', `      - endpoint = "${endpoint}" -> null`, ''].join('\n');
    const say = JSON.stringify({ plan: { stdout: lines }, apply: { stderr: `Warning: the endpoint refused the password ${password}\n` } });
    const run = await runScenario({ plan: destroying, fake: { FAKE_TF_SAY: say } });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('- endpoint = "https://***:***@alerts.example.com/..." -> null');
    expect(run.stdout + run.stderr).not.toContain(password);
  });

  // Review rv-rt-leaks F2: each line terraform prints is searched for these shapes, whether the check saw them or not.
  it('a Slack Workflow Builder webhook, an xoxc- token, a Stripe test key and webhook secret, a Go MySQL DSN and a Google access token are masked line by line', async () => {
    const secrets = {
      V_WORKFLOW: 'https://hooks.slack.com/workflows/T0AB12CDE/A0FG34HIJ/123456789012345678/Q8agOMTNwncxvjcnqcMUP6n0',
      V_TRIGGERS: 'https://hooks.slack.com/triggers/T0AB12CDE/1234567890123/0adb59261ff2d3c425c8d99d19bdd0b6',
      V_XOXC: 'xoxc-1234567890-1234567890-1234567890-7ee5fc324bdb2e1142a21c402364f9572b85a8e48f687ab165c58ac5831be38c',
      V_STRIPE: 'sk_test_VZxqyxKjxvWfColNV9ds0HqtO93L7Q5uUaVcojsN',
      V_WHSEC: 'whsec_OBAGx5diFoNPcbdaKwtgHwIoALtLinxN',
      V_DSN: 'appuser:1Ekia7ZpTjCgeO@tcp(db.example.com:3306)/app?parseTime=true',
      V_OAUTH: 'ya29.fhdZxEuhnbzs0z1wNiMg9aW37k5wCnHDepQHgI3HLBkbvHEzuPyXQEW88ad3DNBYjvsedonuSsddfrfifiUziXnFAAoeelK9mqmALOR2HcSGKgVP8Kd0d3mS8gBlKv3azKgaS_m_x',
    };
    const lines = [...Object.entries(secrets).map(([name, value]) => `          + "${name}" = "${value}"`), ''].join('\n');
    const run = await runScenario({ fake: { FAKE_TF_SAY: JSON.stringify({ plan: { stdout: lines }, apply: { stdout: lines } }) } });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('+ "V_DSN" = "***:***@tcp(db.example.com:3306)/app"');
    const printed = run.stdout + run.stderr;
    for (const value of Object.values(secrets)) expect(printed).not.toContain(value.slice(-16));
    expect(printed).not.toContain('1Ekia7ZpTjCgeO');
  });

  it('a secret terraform prints encoded is masked: base64 user data the check decoded (whole), the base64 of a token alone or in a Basic header', async () => {
    const password = 'Zq8Wv3xLm9Kp';
    const userData = Buffer.from(`#!/bin/bash\nexport DB_PASSWORD=${password}\n`).toString('base64');
    const token = `ghp_${'q7R6s5T4u3'.repeat(3)}987654`;
    const [tokenAlone, basic] = [token, `deploy:${token}`].map((text) => Buffer.from(text).toString('base64'));
    const encoded = plan([
      key(true),
      res('aws_instance.web', { ami: 'ami-0abcdef1234567890', user_data_base64: userData, tags: TAGS, tags_all: TAGS }),
      res('aws_ssm_parameter.hook', { name: 'hook', type: 'String', value: token, tags: TAGS, tags_all: TAGS }),
    ]);
    const lines = [`      + user_data_base64 = "${userData}"`, `      + token_b64   = "${tokenAlone}"`, `      + auth_header = "Basic ${basic}"`, ''].join('\n');
    const run = await runScenario({ plan: encoded, fake: { FAKE_TF_SAY: JSON.stringify({ plan: { stdout: lines } }) } });
    expect(run.code).toBe(1);
    // Stars alone: base64 of text shows none of its characters (`IyEv` decodes to `#!/`).
    expect(run.stderr).toContain('+ user_data_base64 = "***"');
    expect(run.stderr).toContain('+ token_b64   = "***"');
    // The whole run the token's form is in: `ZGVwbG95Om***` showed the user name (`deploy:`).
    expect(run.stderr).toContain('+ auth_header = "Basic ***"');
    const printed = run.stdout + run.stderr;
    for (const shown of [userData, tokenAlone, basic.slice(0, 10), basic.slice(10, 40)]) expect(printed).not.toContain(shown);
  });

  it('a Slack webhook and a database URL percent-encoded in a query value are masked line by line', async () => {
    const lines = ['      + "V_SLACK" = "https://example.com/notify?target=https%3A%2F%2Fhooks.slack.com%2Fservices%2F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"', '      + "V_PG"    = "https://example.com/x?db=postgres%3A%2F%2Fappuser%3AprBGumXxY9B4bZ%40db.example.com%3A5432%2Fapp"', ''].join('\n');
    const run = await runScenario({ fake: { FAKE_TF_SAY: JSON.stringify({ plan: { stdout: lines } }) } });
    expect(run.code).toBe(0);
    const printed = run.stdout + run.stderr;
    for (const secret of ['EQ7wjJJibaZUPgHV7iB3m03n', 'prBGumXxY9B4bZ']) expect(printed).not.toContain(secret);
  });

  it('base64gzip user data is masked where terraform prints it, whether the check read it (a plan value) or not (a line alone)', async () => {
    const token = 'xoxb-123456789012-1234567890123-bqnsGpWLuqIA1id6Vw5DQL05';
    const userData = gzipSync(Buffer.from(`#!/bin/bash\nexport SLACK_TOKEN=${token}\n`)).toString('base64');
    const other = gzipSync(Buffer.from(`#!/bin/bash\nexport HOOK=${token}-2\n`)).toString('base64');
    const encoded = plan([key(true), res('aws_launch_template.gz', { name: 'gz', user_data: userData, tags: TAGS, tags_all: TAGS })]);
    const lines = [`      + user_data = "${userData}"`, `      + other     = "${other}"`, ''].join('\n');
    const run = await runScenario({ plan: encoded, fake: { FAKE_TF_SAY: JSON.stringify({ plan: { stdout: lines } }) } });
    expect(run.code).toBe(1);
    const printed = run.stdout + run.stderr;
    for (const shown of [userData.slice(8), other.slice(8)]) expect(printed).not.toContain(shown);
    expect(run.stderr).toContain('+ user_data = "H4sI***"');
  });

  // Terraform prints a multi-line string as a heredoc, a line at a time, and so does a provisioner's output during apply:
  // a line alone showed the key's BEGIN line masked, and its body (base64 alone) in clear where no secret of the check matched it.
  it("a private key's body is masked on the lines after its BEGIN line, to its END line: a heredoc of a value the check read", async () => {
    const body = Array.from({ length: 5 }, (_, i) => `MIIEvQIBADANBgkqhkiG9w0BAQEFAASC${i}${'Zq8Wv3xLm9KpQ2rT5uV8wX1yAb4Cd7E'.slice(i)}`);
    // The last line of a body is shorter, here than any line the redactor masks alone.
    const pem = ['-----BEGIN PRIVATE KEY-----', ...body, 'q7R6s5==', '-----END PRIVATE KEY-----'].join('\n');
    const content = `#cloud-config\nwrite_files:\n  - path: /root/.ssh/id_rsa\n    content: |\n${pem.split('\n').map((line) => `      ${line}`).join('\n')}\n`;
    const withKey = plan([key(true), res('aws_s3_object.init', { bucket: 'b', key: 'init.yaml', content, tags: TAGS, tags_all: TAGS })]);
    const heredoc = ['      + content = <<-EOT', ...content.trimEnd().split('\n').map((line) => `            ${line}`), '        EOT', ''].join('\n');
    const run = await runScenario({ plan: withKey, fake: { FAKE_TF_SAY: JSON.stringify({ plan: { stdout: heredoc } }) } });
    expect(run.code).toBe(1);
    for (const line of [...body, 'q7R6s5==']) expect(run.stdout + run.stderr).not.toContain(line);
    const printed = run.stderr.split('\n');
    const begin = printed.findIndex((line) => line.includes('-----BEGIN PRIVATE KEY-----'));
    // Each line stays a line: the BEGIN line's break was masked with it.
    const at = ' '.repeat(12 + 6);
    expect(printed.slice(begin - 1, begin + 8)).toEqual([`${' '.repeat(12)}    content: |`, `${at}-----BEGIN PRIVATE KEY-----***`, ...Array.from({ length: 6 }, () => `${at}***`), `${at}-----END PRIVATE KEY-----`]);
    expect(printed[begin + 8]).toBe('        EOT');
  });

  // Review rv-rt-leaks F6: the check found no SSH2 or PuTTY key, and the heredoc showed every line of its body.
  it("an SSH2 private key's body and a PuTTY key's private lines are masked: in a heredoc of a value the check read, and in a provisioner's output it never saw", async () => {
    const ssh2Body = ['hSQK/lb09rIFxUeuVaT5jpTFPWhLn/5drcFlCxvnNGdcmyHc7E4nSmwfIp7/Jopp', 'ZrDDs7YvcX1eYgURZEQ3PZgPsTF2bUnxiP3zcCr1Y6ffeIIemGpb3EfKoNSvphIk', 'na0p/Yt1JoW56KTLTYXPa/W4'];
    const ssh2 = ['---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----', ...ssh2Body, '---- END SSH2 ENCRYPTED PRIVATE KEY ----'].join('\n');
    const puttyPrivate = ['Z4RlvUOUjNwoLR1uLAy0xhnTf0baNaMYmbdzw/Isz0psundmjv+73hbPsETJveIm', 'q7R6s5T4u3Zq8Wv3'];
    const putty = ['PuTTY-User-Key-File-3: ssh-rsa', 'Encryption: none', 'Comment: k', 'Public-Lines: 1', 'AAAAB3NzaC1yc2EAAAADAQABAAAAgQ', 'Private-Lines: 2', ...puttyPrivate, 'Private-MAC: 2b6ec017c1e1777155a0e9d8f27c7d9cf07255bc509cb3acac23db7c6e9b7d18'].join('\n');
    const withKeys = plan([key(true), res('aws_s3_object.ssh2', { bucket: 'b', key: 'k1', content: `${ssh2}\n`, tags: TAGS, tags_all: TAGS }), res('aws_s3_object.putty', { bucket: 'b', key: 'k2', content: `${putty}\n`, tags: TAGS, tags_all: TAGS })]);
    const heredoc = (value: string) => ['      + content = <<-EOT', ...value.split('\n').map((line) => `            ${line}`), '        EOT'];
    const lines = [...heredoc(ssh2), ...heredoc(putty), ''].join('\n');
    const run = await runScenario({ plan: withKeys, fake: { FAKE_TF_SAY: JSON.stringify({ plan: { stdout: lines } }) } });
    expect(run.code).toBe(1);
    for (const line of [...ssh2Body, ...puttyPrivate]) expect(run.stdout + run.stderr).not.toContain(line);
    const web = (text: string) => `aws_instance.web (remote-exec): ${text}`;
    const apply = [...ssh2.split('\n'), ...putty.split('\n')].map(web).join('\n');
    const applied = await runScenario({ fake: { FAKE_TF_SAY: JSON.stringify({ apply: { stdout: `${apply}\n` } }) } });
    expect(applied.code).toBe(0);
    for (const line of [...ssh2Body, ...puttyPrivate]) expect(applied.stdout + applied.stderr).not.toContain(line);
    expect(applied.stderr).toContain([web('Private-Lines: 2'), web('***'), web('***'), web('Private-MAC: 2b6ec017c1e1777155a0e9d8f27c7d9cf07255bc509cb3acac23db7c6e9b7d18')].join('\n'));
  });

  it("a private key's body is masked on the lines after its BEGIN line: a provisioner's output the check never saw, its prefix kept", async () => {
    const pem = ['-----BEGIN OPENSSH PRIVATE KEY-----', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW', 'QyNTUxOQAAACBqbG9uZ2tleWJvZHlmb3J0ZXN0aW5nb25seQAAAJhUZXN0b3BlbnNzaC1r', 'AAAECzdA==', '-----END OPENSSH PRIVATE KEY-----'];
    const said = [...pem.map((line) => `aws_instance.web (remote-exec): ${line}`), 'aws_instance.web (remote-exec): done', 'aws_instance.web: Creation complete after 1m2s', ''].join('\n');
    const run = await runScenario({ fake: { FAKE_TF_SAY: JSON.stringify({ apply: { stdout: said } }) } });
    expect(run.code).toBe(0);
    for (const line of pem.slice(1, -1)) expect(run.stdout + run.stderr).not.toContain(line);
    expect(run.stderr).toContain(
      [
        'aws_instance.web (remote-exec): -----BEGIN OPENSSH PRIVATE KEY-----***',
        ...Array.from({ length: 3 }, () => 'aws_instance.web (remote-exec): ***'),
        'aws_instance.web (remote-exec): -----END OPENSSH PRIVATE KEY-----',
        'aws_instance.web (remote-exec): done',
        'aws_instance.web: Creation complete after 1m2s',
      ].join('\n'),
    );
  });

  // Without -no-color terraform writes its own lines and a provisioner's prefix in bold (hook_ui.go): its coloured
  // "Creation complete" ended no key a provisioner cut short, and the provisioner's later words were masked.
  it("a private key a provisioner cut short ends at terraform's coloured line of its resource, as without colour", async () => {
    const bold = (text: string) => `\x1b[0m\x1b[1m${text}`;
    const web = (text: string) => `${bold('aws_instance.web (remote-exec):')}\x1b[0m ${text}`;
    const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj';
    const said = [web('-----BEGIN PRIVATE KEY-----'), web(body), bold('aws_instance.web: Creation complete after 1s [id=i-0abc]\x1b[0m'), web('done'), ''].join('\n');
    const run = await runScenario({ fake: { FAKE_TF_SAY: JSON.stringify({ apply: { stdout: said } }) } });
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(body);
    expect(run.stderr).toContain([web('-----BEGIN PRIVATE KEY-----***'), web('***'), bold('aws_instance.web: Creation complete after 1s [id=i-0abc]\x1b[0m'), web('done')].join('\n'));
  });

  // A provisioner's log of a request (curl -v) and its environment: the credentials of every HTTP authentication scheme
  // were shown in clear but Basic's, Bearer's and Token's.
  it("the credentials of Digest, AWS4-HMAC-SHA256, Negotiate, NTLM, ApiKey and SSWS a provisioner prints are masked line by line", async () => {
    const secrets = ['6629fae49393a05397450978507c4ef1', '3c9f1a7e2b8d4f6a0e5c7b9d1f3a5c7e9b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a', 'AKIAJ7Q2ZRXW5LM3NB4T', 'YIIGhgYGKwYBBQUCoIIGejCCBnagMDAuBgkqhkiC9xIBAgIGCSqGSIb3EgECAgYK', 'TlRMTVNTUAADAAAAGAAYAEAAAAAYABgAWAAAAAwADABwAAAACAAIAHwAAAAQABAAhq7R6s5T4u3Zq8Wv3xLm9KpQ2rT5uV8w', 'VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==', '00QCjAl4MlV-WPXM-0K4mKkY2g5Rz8Tq7Hb3Nc9Xs'];
    const [response, signature, keyId, negotiate, ntlm, apiKey, ssws] = secrets;
    const said = [
      `> Authorization: Digest username="deploy", realm="api@example.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/v1/hook", response="${response}"`,
      `> Authorization: AWS4-HMAC-SHA256 Credential=${keyId}/20240501/eu-west-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`,
      `UPSTREAM_AUTH=Negotiate ${negotiate}`,
      `export PROXY_AUTH="NTLM ${ntlm}"`,
      `> Authorization: ApiKey ${apiKey}`,
      `> Authorization: SSWS ${ssws}`,
      // Headers of curl -v the gate masked before: Basic after Proxy-Authorization, a key header's value.
      '> Proxy-Authorization: Basic ZGVwbG95OlpxOFd2M3hMbTlLcA==',
      '> X-Api-Key: 7f3kQ9zLm2Np4Rs6Tv8Wb1Kc3Xy',
    ].map((line) => `null_resource.hook (local-exec): ${line}`);
    const run = await runScenario({ fake: { FAKE_TF_SAY: JSON.stringify({ apply: { stdout: [...said, ''].join('\n') } }) } });
    expect(run.code).toBe(0);
    for (const secret of [...secrets, 'ZGVwbG95OlpxOFd2M3hMbTlLcA', '7f3kQ9zLm2Np4Rs6Tv8Wb1Kc3Xy']) expect(run.stdout + run.stderr).not.toContain(secret.slice(4, 20));
    expect(run.stderr).toContain('null_resource.hook (local-exec): > Authorization: Digest username="deploy", realm="api@example.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/v1/hook", response="6629***"');
    expect(run.stderr).toContain('null_resource.hook (local-exec): > Authorization: AWS4-HMAC-SHA256 Credential=AKIA***/20240501/eu-west-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=3c9f***');
  });

  // A changed heredoc's diff marks each body line (`- OLD`, `+ NEW`), and parallel instances' provisioners write between each other's lines:
  // either ended the masking, and showed the old key and the new key's last line, or the rest of a key, in clear.
  it("a private key's body is masked in terraform's diff of a changed heredoc and between parallel instances' provisioner lines", async () => {
    const oldBody = ['MIIEowIBAAKCAQEAq7R6s5T4u3Zq8Wv3xLm9KpQ2rT5uV8wX1yAb4Cd7EfGhJk', 'q7R6s5T4u3Zq=='];
    const newBody = ['MIIEpAIBAAKCAQEAz9Y8x7W6v5U4t3S2r1Q0pOnMlKjIhGfEdCbA9z8Y7x6W5v', 'Zq8Wv3xLm9Kp'];
    const diff = ['      ~ content = <<-EOT', '            -----BEGIN RSA PRIVATE KEY-----', ...oldBody.map((line) => `          - ${line}`), ...newBody.map((line) => `          + ${line}`), '            -----END RSA PRIVATE KEY-----', '        EOT', ''].join('\n');
    const pem = ['b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW', 'QyNTUxOQAAACBqbG9uZ2tleWJvZHlmb3J0ZXN0aW5nb25seQAAAJhUZXN0b3BlbnNzaC1r', 'AAAECzdA=='];
    const web = (i: number, text: string) => `aws_instance.web[${i}] (remote-exec): ${text}`;
    const apply = [web(0, '-----BEGIN OPENSSH PRIVATE KEY-----'), web(0, pem[0]), web(1, 'Connecting to remote host via SSH...'), web(0, pem[1]), web(0, pem[2]), web(0, '-----END OPENSSH PRIVATE KEY-----'), ''].join('\n');
    const run = await runScenario({ fake: { FAKE_TF_SAY: JSON.stringify({ plan: { stdout: diff }, apply: { stdout: apply } }) } });
    expect(run.code).toBe(0);
    for (const line of [...oldBody, ...newBody, ...pem]) expect(run.stdout + run.stderr).not.toContain(line);
    expect(run.stderr).toContain(['          - ***', '          - ***', '          + ***', '          + ***', '            -----END RSA PRIVATE KEY-----'].join('\n'));
    expect(run.stderr).toContain([web(0, '***'), web(1, 'Connecting to remote host via SSH...'), web(0, '***'), web(0, '***'), web(0, '-----END OPENSSH PRIVATE KEY-----')].join('\n'));
  });

  it("terraform's line for a deferred change is masked when its instance key holds personal data (no rule judges a deferred change)", async () => {
    const deferred = {
      ...PASSING,
      complete: false,
      deferred_changes: [{ reason: 'provider_config_unknown', resource_change: { address: 'aws_sqs_queue.q["john.doe@example.com"]', mode: 'managed', type: 'aws_sqs_queue', name: 'q', change: { actions: ['create'], before: null, after: {} } } }],
    };
    const say = JSON.stringify({ plan: { stdout: '  # aws_sqs_queue.q["john.doe@example.com"] was deferred\n' } });
    const run = await runScenario({ plan: deferred, fake: { FAKE_TF_SAY: say } });
    expect(run.stderr + run.stdout).toMatch(/# aws_sqs_queue\.q\["j\*\*\*@e\*\*\*\.com"\] was deferred/);
    expect(run.stderr + run.stdout).not.toContain('john.doe');
  });

  it("terraform's lines for a data source and an action are masked when their instance key holds personal data, a data source its plan's configuration does not record too", async () => {
    const read = (address: string) => res(address, { url: 'https://example.com/u' }, { actions: ['read'], provider: 'http' });
    const shown = plan([key(true), read('data.http.probe["jane.doe@example.com"]')]) as { resource_changes: object[] } & Record<string, unknown>;
    // Its configuration records no data.http.other: no rule reads that block.
    shown.resource_changes.push(...(plan([read('data.http.other["ann.lee@example.com"]')]) as { resource_changes: object[] }).resource_changes);
    shown.action_invocations = [{ address: 'action.aws_lambda_invoke.notify["john.doe@example.com"]', type: 'aws_lambda_invoke', name: 'notify', config_values: { function_name: 'notify' } }];
    const lines = ['data.http.probe["jane.doe@example.com"]: Reading...', 'data.http.other["ann.lee@example.com"]: Reading...', 'Action started: action.aws_lambda_invoke.notify["john.doe@example.com"]', ''].join('\n');
    const run = await runScenario({ plan: shown, fake: { FAKE_TF_SAY: JSON.stringify({ plan: { stdout: lines } }) } });
    expect(run.stderr + run.stdout).toMatch(/data\.http\.probe\["j\*\*\*@e\*\*\*\.com"#1\]: Reading\.\.\./);
    expect(run.stderr + run.stdout).toMatch(/data\.http\.other\["a\*\*\*@e\*\*\*\.com"\]: Reading\.\.\./);
    expect(run.stderr + run.stdout).toMatch(/action\.aws_lambda_invoke\.notify\["j\*\*\*@e\*\*\*\.com"#2\]/);
    expect(run.stderr + run.stdout).not.toMatch(/jane\.doe|ann\.lee|john\.doe/);
  });

  it("tofu's lines for an ephemeral resource are masked when its instance key holds personal data, and the plan fails", async () => {
    // OpenTofu writes each instance it opens in resource_changes: `"mode": "ephemeral"`, `["open"]`.
    const shown = plan([key(true)]) as { resource_changes: object[] } & Record<string, unknown>;
    const address = 'ephemeral.aws_secretsmanager_secret_version.pw["jane.doe@example.com"]';
    const change = { actions: ['open'], before: null, after: null, after_unknown: {}, before_sensitive: false, after_sensitive: false };
    shown.resource_changes.push({ address, mode: 'ephemeral', type: 'aws_secretsmanager_secret_version', name: 'pw', index: 'jane.doe@example.com', provider_name: 'registry.opentofu.org/hashicorp/aws', change });
    const run = await runScenario({ plan: shown, fake: { FAKE_TF_SAY: JSON.stringify({ plan: { stdout: `${address}: Opening...\n` } }) } });
    expect(run.code).toBe(1);
    expect(run.stderr + run.stdout).toMatch(/ephemeral\.aws_secretsmanager_secret_version\.pw\["j\*\*\*@e\*\*\*\.com"\]: Opening\.\.\./);
    expect(run.stderr + run.stdout).not.toContain('jane.doe');
  });

  it("what terraform prints before the check (init's module sources, warnings on stderr) is held and printed with any credential in it masked, also when init fails", async () => {
    const source = `git::https://oauth2:${TOKEN}@github.com/acme/net.git`;
    const say = JSON.stringify({
      init: { stdout: `Downloading ${source} for net...\n`, stderr: `[WARN] fetching ${source}\n` },
      plan: { stderr: `Warning: token ${TOKEN} is deprecated\n` },
      show: { stderr: `[WARN] show: token ${TOKEN}\n` },
    });
    const passed = await runScenario({ fake: { FAKE_TF_SAY: say } });
    expect(passed.code).toBe(0);
    expect(passed.stderr).toMatch(/Downloading git::https:\/\/\*\*\*:\*\*\*@github\.com\/\.\.\. for net/);
    expect(passed.stderr).toMatch(/\[WARN\] show: token ghp_\*+/);
    const failed = await runScenario({ fake: { FAKE_TF_SAY: say, FAKE_TF_FAIL: 'init' } });
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/Downloading git::https:\/\/\*\*\*:\*\*\*@github/);
    for (const run of [passed, failed]) expect(run.stdout + run.stderr).not.toContain(TOKEN.slice(4, 20));
  });

  it("a token terraform prints as a URL's user, no password (init's module source, a plan's attribute), is masked line by line; a user name is not", async () => {
    const legacy = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0';
    const say = JSON.stringify({
      init: { stdout: `Downloading git::https://${legacy}@github.com/acme/other.git?ref=v1 for gh...\nDownloading git::https://jdoe@bitbucket.org/acme/net.git for net...\n` },
      plan: { stdout: `      + location = "https://${legacy}@github.com/acme/app.git"\n` },
    });
    const run = await runScenario({ fake: { FAKE_TF_SAY: say } });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Downloading git::https:\/\/\*\*\*@github\.com\/\.\.\. for gh/);
    expect(run.stderr).toMatch(/\+ location = "https:\/\/\*\*\*@github\.com\/\.\.\."/);
    expect(run.stderr).toContain('Downloading git::https://jdoe@bitbucket.org/acme/net.git for net...');
    expect(run.stdout + run.stderr).not.toContain(legacy.slice(0, 8));
  });

  it("init's module source from S3 with go-getter's key, secret and session token in its query is masked line by line, as the detector masks the URL", async () => {
    const secrets = ['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'FwoGZXIvYXdzEJr8a7Qe1sessionTok3n'];
    const source = `s3::https://s3.amazonaws.com/acme-modules/net.zip?aws_access_key_id=${secrets[0]}&aws_access_key_secret=${secrets[1]}&aws_access_token=${secrets[2]}`;
    const run = await runScenario({ fake: { FAKE_TF_SAY: JSON.stringify({ init: { stdout: `Downloading ${source} for net...\n` } }) } });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Downloading s3::https://s3.amazonaws.com/... for net...');
    for (const secret of secrets) expect(run.stdout + run.stderr).not.toContain(secret.slice(0, 4));
  });

  it('a credential terraform prints with an escaped quote in it is masked to its closing quote, not to the escaped one', async () => {
    // terraform prints a string as HCL writes it: a quote inside is \".
    const say = JSON.stringify({ plan: { stdout: '      + api_password = "Zx9qLm2Kp\\"wQ7-rT"\n' } });
    const run = await runScenario({ fake: { FAKE_TF_SAY: say } });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^ {6}\+ api_password = "[^"\\]{0,4}\*\*\*"$/m);
    expect(run.stdout + run.stderr).not.toContain('wQ7-rT');
  });

  it('a step that fails before the check prints its output with the -var and TF_VAR_ values masked (a validation error quotes them)', async () => {
    const secret = 'Hunter2Hunter2SECRET';
    const say = JSON.stringify({ plan: { stderr: `│ var.db_password is "${secret}"\n│ var.api_key is "TfVarGiven-0987654321"\n` } });
    for (const fail of ['plan', 'show']) {
      const run = await runScenario({ plan: declaring({ db_password: {} }), fake: { FAKE_TF_SAY: say, FAKE_TF_FAIL: fail }, env: { TF_VAR_api_key: 'TfVarGiven-0987654321' }, args: ['--', `-var=db_password=${secret}`] });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('var.db_password is "');
      expect(run.stdout + run.stderr).not.toContain(secret.slice(4));
      expect(run.stdout + run.stderr).not.toContain('Given-0987654321');
    }
  });

  it('a step that fails before the check masks each string of an object or list given with -var or TF_VAR_ (terraform quotes one at a time)', async () => {
    const given = { var: 'ObjectVarGiven-1357924680', env: 'ObjectEnvGiven-2468013579', list: 'ListVarGiven-9753108642' };
    const say = JSON.stringify({ plan: { stderr: `│ var.db.password is "${given.var}"\n│ var.api.password is "${given.env}"\n│ var.keys[1] is "${given.list}"\n` } });
    const run = await runScenario({
      plan: declaring({ db: {}, api: {}, keys: {} }),
      fake: { FAKE_TF_SAY: say, FAKE_TF_FAIL: 'plan' },
      env: { TF_VAR_api: `{"user":"app","password":"${given.env}"}` },
      args: ['--', '-var', `db={user="app",password="${given.var}"}`, `-var=keys=["first-key-0000","${given.list}"]`],
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('var.db.password is "');
    for (const value of Object.values(given)) expect(run.stdout + run.stderr).not.toContain(value.slice(4));
  });

  it('a step that fails before the check masks the strings of the variable and backend files terraform read, and -var in TF_CLI_ARGS_plan (its diagnostics quote their lines)', async () => {
    const given = { file: 'FromVarFile-1234567890', auto: 'FromAutoFile-0987654321', heredoc: 'FromHeredoc-5555555555', cliArgs: 'FromCliArgs-7777777777', backend: 'FromBackendConfig-3333333', open: 'UnterminatedQuote-42424242' };
    const say = JSON.stringify({
      init: { stderr: `│   on prod.s3.tfbackend line 1:\n│    1: access_key = "${given.backend}"\n` },
      plan: { stderr: [`│   on prod.tfvars line 1:`, `│    1: db_passwrd = "${given.file}"`, `│    2: api_key = "${given.open}`, `│ var.token is "${given.auto}"`, `│ var.note is "${given.heredoc}\\n"`, `│ var.cli is "${given.cliArgs}"`, ''].join('\n') },
    });
    const stackFiles = { 'prod.tfvars': `db_passwrd = "${given.file}"\napi_key = "${given.open}\n`, 'x.auto.tfvars': `token = "${given.auto}"\nnote = <<EOT\n${given.heredoc}\nEOT\n`, 'prod.s3.tfbackend': `access_key = "${given.backend}"\n` };
    const run = await runScenario({
      stackFiles,
      fake: { FAKE_TF_SAY: say, FAKE_TF_FAIL: 'plan' },
      env: { TF_CLI_ARGS_plan: `-var 'cli=${given.cliArgs}'` },
      args: ['--init-arg=-backend-config=prod.s3.tfbackend', '--', '-var-file=prod.tfvars'],
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('1: db_passwrd = "');
    expect(run.stderr).toContain('var.cli is "');
    for (const value of Object.values(given)) expect(run.stdout + run.stderr).not.toContain(value.slice(4));
  });

  it("an error of the apply that quotes a detected secret is masked too (terraform's stderr during apply)", async () => {
    const config = ['version: 1', 'waivers:', '  - rule: no-credentials-in-variables', '    address: var.api_token', '    reason: A throwaway token of the gate tests, revoked.', '    owner: twinguard-tests', `    expires: ${inDays(30)}`, ''].join('\n');
    const run = await runScenario({ plan: declaring({ api_token: {} }), files: { 'twinguard.config.yaml': config }, fake: { FAKE_TF_FAIL: 'apply' }, args: ['--', `-var=api_token=${TOKEN}`] });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Error: simulated apply failure; api_token = "ghp_\*+/);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('the same credential given to a sensitive variable passes: that is how credentials should reach terraform', async () => {
    const run = await runScenario({ plan: declaring({ api_token: { sensitive: true } }), args: ['--', '-var', `api_token=${TOKEN}`] });
    expect(argsOf(run, 'plan')).toContain(`api_token=${TOKEN}`);
    expect(run.code).toBe(0);
    expect(commands(run)).toEqual(['init', 'plan', 'show', 'apply']);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('a credential in a variable file terraform loads by itself (terraform.tfvars) blocks the apply, even for a sensitive variable, and no output holds it', async () => {
    const run = await runScenario({
      plan: declaring({ api_token: { sensitive: true } }),
      stackFiles: { 'terraform.tfvars': `api_token = "${TOKEN}"\n`, 'prod.tfvars': `api_token = "${TOKEN}"\n` },
      args: ['--format', 'json', '--output', 'out.json', '--format', 'text'],
    });
    expect(run.code).toBe(1);
    expect(applies(run)).toEqual([]);
    const json = fs.readFileSync(path.join(run.cwd, 'out.json'), 'utf8');
    expect(JSON.parse(json).findings).toEqual([expect.objectContaining({ ruleId: 'no-credentials-in-variables', address: 'var.api_token', path: 'terraform.tfvars', blocking: true })]);
    expect([run.stdout, run.stderr, json].join('\n')).not.toContain(TOKEN);
  });

  it('a variable file the gate cannot read stops it before apply, in one line', async () => {
    const run = await runScenario({ stackFiles: { 'terraform.tfvars': 'api_token = "unclosed\n' } });
    expect(run.code).toBe(2);
    expect(applies(run)).toEqual([]);
    expect(run.gateLines).toEqual([expect.stringMatching(/^twinguard gate: variable files failed: .*terraform\.tfvars: invalid HCL: .*; nothing was applied$/)]);
  });

  const refused: { args: string[]; line: RegExp }[] = [
    { args: ['--', '-out=mine.tfplan'], line: /^twinguard gate: arguments failed: plan argument -out is refused: the gate writes the plan to a private file, checks it and applies exactly that file; nothing was applied$/ },
    { args: ['--', '--out', 'mine.tfplan'], line: /plan argument -out is refused/ },
    { args: ['--', '-detailed-exitcode'], line: /plan argument -detailed-exitcode is refused: the gate takes any exit code but 0 as a failed plan/ },
    { args: ['--', '-input'], line: /plan argument -input is refused: the gate runs terraform without prompts/ },
    { args: ['--', '-input=true'], line: /plan argument -input is refused/ },
    { args: ['--init-arg=-input=1'], line: /init argument -input is refused/ },
    { args: ['--init-arg', '-chdir=elsewhere'], line: /init argument -chdir is refused: the working directory is --dir/ },
  ];

  it.each(refused)('refuses $args before anything runs, naming the flag and not its value', async ({ args, line }) => {
    const run = await runScenario({ args });
    expect(run.calls).toEqual([]);
    expect(run.code).toBe(2);
    expect(run.gateLines).toEqual([expect.stringMatching(line)]);
    expect(run.stderr).not.toMatch(/mine\.tfplan|elsewhere/);
  });

  // terraform reads these variables as it reads its arguments: a CI-wide TF_CLI_ARGS_plan=-detailed-exitcode made a plan with changes exit 2.
  const refusedInEnvironment: { env: Record<string, string>; line: RegExp }[] = [
    { env: { TF_CLI_ARGS_plan: '-detailed-exitcode' }, line: /^twinguard gate: arguments failed: -detailed-exitcode in TF_CLI_ARGS_plan is refused: the gate takes any exit code but 0 as a failed plan; nothing was applied$/ },
    { env: { TF_CLI_ARGS: '-no-color -out=mine.tfplan' }, line: /^twinguard gate: arguments failed: -out in TF_CLI_ARGS is refused: the gate writes the plan/ },
    { env: { TF_CLI_ARGS_init: "-backend-config='key=x' -input" }, line: /^twinguard gate: arguments failed: -input in TF_CLI_ARGS_init is refused/ },
    // terraform splits these as go-shellwords does: a # starts no comment, so the flag after it is read.
    { env: { TF_CLI_ARGS_plan: '-var=note=key=x#1 -detailed-exitcode' }, line: /^twinguard gate: arguments failed: -detailed-exitcode in TF_CLI_ARGS_plan is refused/ },
  ];

  it.each(refusedInEnvironment)('refuses a flag of the gate in $env before anything runs, naming the flag and the variable', async ({ env, line }) => {
    const run = await runScenario({ env });
    expect(run.calls).toEqual([]);
    expect(run.code).toBe(2);
    expect(run.gateLines).toEqual([expect.stringMatching(line)]);
    expect(run.stderr).not.toMatch(/mine\.tfplan|key=x/);
  });

  // terraform would drop what follows the ; (or stop on the quote): the gate cannot read what terraform will run with.
  const unreadable: { env: Record<string, string>; line: RegExp }[] = [
    { env: { TF_CLI_ARGS_plan: '-var=db_password=key=x;tail' }, line: /^twinguard gate: arguments failed: TF_CLI_ARGS_plan is refused: it holds an unquoted ;: terraform ignores the rest of the value after it \(quote it, or remove what follows\); nothing was applied$/ },
    { env: { TF_CLI_ARGS: "-var='db_password=key=x" }, line: /^twinguard gate: arguments failed: TF_CLI_ARGS is refused: it holds an unterminated quote \(terraform refuses it\); nothing was applied$/ },
  ];

  it.each(unreadable)('refuses $env, which terraform would not read as the gate does, in one line that does not quote it', async ({ env, line }) => {
    const run = await runScenario({ env });
    expect(run.calls).toEqual([]);
    expect(run.code).toBe(2);
    expect(run.gateLines).toEqual([expect.stringMatching(line)]);
    expect(run.stderr).not.toMatch(/key=x/);
  });

  it('a step that fails before the check masks a -var value holding # in TF_CLI_ARGS_plan whole (terraform reads no comment)', async () => {
    const secret = 'Abc#Tr0ub4dor-and-3-9182736450';
    const run = await runScenario({
      fake: { FAKE_TF_SAY: JSON.stringify({ plan: { stderr: `│ var.db_password is "${secret}"\n` } }), FAKE_TF_FAIL: 'plan' },
      env: { TF_CLI_ARGS_plan: `-var=db_password=${secret}` },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('var.db_password is "');
    expect(run.stdout + run.stderr).not.toContain('Tr0ub4dor');
  });

  it('accepts TF_CLI_ARGS that set no flag of the gate\'s: -input=false, -no-color, a -var value', async () => {
    const run = await runScenario({ env: { TF_CLI_ARGS: '-input=false -no-color', TF_CLI_ARGS_plan: '"-var=note=-detailed-exitcode" -parallelism=4' } });
    expect(run.code).toBe(0);
    expect(commands(run)).toEqual(['init', 'plan', 'show', 'apply']);
  });

  it('accepts what only looks like a refused flag: -input=false, a -var value', async () => {
    const run = await runScenario({ args: ['--', '-input=false', '-var=out=-out', '-var', 'note=-detailed-exitcode'] });
    expect(run.code).toBe(0);
    expect(commands(run)).toEqual(['init', 'plan', 'show', 'apply']);
  });
});

describe('the built command (dist/twinguard.js gate), as a pipeline runs it', () => {
  const run = (fake: Record<string, string>, planDoc: object, extra: readonly string[] = []) => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-gate-process-'));
    roots.push(cwd);
    fs.mkdirSync(path.join(cwd, 'stack'));
    const log = path.join(cwd, 'calls.jsonl');
    fs.writeFileSync(path.join(cwd, 'show.json'), JSON.stringify(planDoc));
    const result = twinguardProcess(['gate', '--dir', 'stack', '--format', 'json', '--output', 'report.json', ...extra], {
      cwd,
      env: { PATH: `${FAKE_BIN}${path.delimiter}${process.env.PATH ?? ''}`, FAKE_TF_LOG: log, FAKE_TF_PLAN_JSON: path.join(cwd, 'show.json'), TWINGUARD_TERRAFORM: undefined, ...fake },
    });
    const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as Call).args[0]) : [];
    return { ...result, calls, report: path.join(cwd, 'report.json') };
  };

  it('applies a passing plan and exits 0; the report is written', () => {
    const result = run({}, PASSING);
    expect(result.code).toBe(0);
    expect(result.calls).toEqual(['init', 'plan', 'show', 'apply']);
    expect(JSON.parse(fs.readFileSync(result.report, 'utf8')).summary.blocking).toBe(0);
    expect(result.stdout).toBe('');
  });

  it('exits 1 on blocking findings and 2 on a failed step, never applying, with no stack trace', () => {
    const blocked = run({}, BLOCKED);
    const failed = run({ FAKE_TF_FAIL: 'plan' }, PASSING);
    expect([blocked.code, failed.code]).toEqual([1, 2]);
    expect([...blocked.calls, ...failed.calls]).not.toContain('apply');
    expect(failed.stderr).toMatch(/^twinguard gate: plan failed: terraform plan exited with code 1; nothing was applied$/m);
    expect(failed.stderr).not.toMatch(/\n\s+at |node:internal/);
  });

  it('passes what follows -- to terraform plan, and refuses an operand before it: exit 2, one line, nothing run', () => {
    const passed = run({}, PASSING, ['--init-arg', '-upgrade', '--', '-var-file=prod.tfvars']);
    expect(passed.code).toBe(0);
    expect(passed.calls).toEqual(['init', 'plan', 'show', 'apply']);
    const operand = run({}, PASSING, ['infra']);
    const unknownFlag = run({}, PASSING, ['-var-file=prod.tfvars']);
    expect([operand.code, unknownFlag.code]).toEqual([2, 2]);
    expect([...operand.calls, ...unknownFlag.calls]).toEqual([]);
    expect(operand.stderr.trim().split('\n')).toEqual([expect.stringMatching(/takes no operand: arguments for terraform plan go after --, the working directory after --dir/)]);
    expect(unknownFlag.stderr.trim().split('\n')).toEqual([expect.stringMatching(/unknown option/)]);
  });
});

describe("terraform's output before the check, and the gate's private directory", () => {
  /** A token in the shape of a GitHub personal access token (not a real one). */
  const TOKEN = `ghp_${'z9Y8x7W6v5'.repeat(3)}654321`;
  /** A variable not marked sensitive given a credential: no-credentials-in-variables blocks, and terraform prints it. */
  const CREDENTIAL_PLAN = { ...PASSING, configuration: { root_module: { variables: { api_token: {} } } } };

  /** `runGate` itself, for what the CLI does not set (`heldInMemory`); `onReport` is called as the report is written, after the check, with the plan file. */
  async function gateRun(options: Partial<GateOptions>, fake: Record<string, string>, onReport: (planFile: string) => void = () => undefined) {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-gate-held-'));
    roots.push(cwd);
    fs.mkdirSync(path.join(cwd, 'stack'));
    const log = path.join(cwd, 'calls.jsonl');
    fs.writeFileSync(path.join(cwd, 'show.json'), JSON.stringify(CREDENTIAL_PLAN));
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${FAKE_BIN}${path.delimiter}${process.env.PATH ?? ''}`, FAKE_TF_LOG: log, FAKE_TF_PLAN_JSON: path.join(cwd, 'show.json'), NO_COLOR: '1', ...fake };
    delete env.TWINGUARD_TERRAFORM;
    let stderr = '';
    const calls = (): Call[] => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Call) : []);
    const planFile = () => calls().find((c) => c.args[0] === 'plan')?.args.at(-1)?.slice('-out='.length) as string;
    const code = await runGate({ dir: 'stack', planArgs: ['-var', `api_token=${TOKEN}`], ...options }, { cwd, env, stdoutIsTty: false, stdout: () => onReport(planFile()), stderr: (t) => void (stderr += t) });
    return { code, stderr, calls: calls(), planFile: planFile() };
  }

  it('more than it holds in memory waits in a file of its private directory, and is printed whole, in order, masked', async () => {
    const lines = (what: string) => Array.from({ length: 150 }, (_, i) => `  # ${what} line ${i} ✓ ${'é'.repeat(30)}\n`).join('');
    const run = await gateRun({ heldInMemory: 256 }, { FAKE_TF_SAY: JSON.stringify({ init: { stdout: lines('init') }, plan: { stdout: lines('plan') } }), FAKE_TF_LIST_DIR: '1' });
    expect(run.code).toBe(1);
    // While show ran, all but 256 characters of what init and plan printed were in a file beside the plan file.
    const files = (run.calls.find((c) => c.args[0] === 'show') as Call & { files: Record<string, number> }).files;
    const besideThePlan = Object.entries(files).reduce((bytes, [name, size]) => (name === path.basename(run.planFile) ? bytes : bytes + size), 0);
    expect(besideThePlan).toBeGreaterThan(Buffer.byteLength(lines('init') + lines('plan')) - 256);
    const printed = run.stderr.slice(0, run.stderr.indexOf('twinguard gate:'));
    expect(printed).not.toContain(TOKEN);
    expect(printed.replace(/^ {2}\+ api_token = ".*"$/m, '  + api_token = MASKED')).toBe(
      `${lines('init')}Terraform has been successfully initialized!\n${lines('plan')}  + api_token = MASKED\nPlan: 1 to add, 0 to change, 0 to destroy.\n`,
    );
    expect(fs.existsSync(path.dirname(run.planFile))).toBe(false);
  });

  it('an internal error ends the process with process.exit, which runs no finally: the directory with the plan file is removed then too', async () => {
    const before = new Set(process.listeners('exit'));
    let planFileLeft: boolean | undefined;
    // After the check (the report is written), as cli.ts's handler of an internal error would: the exit listeners run, the process ends.
    const exitNow = (planFile: string) => {
      if (planFileLeft !== undefined) return;
      process.listeners('exit').filter((l) => !before.has(l)).forEach((l) => (l as (code: number) => void)(2));
      planFileLeft = fs.existsSync(path.dirname(planFile));
    };
    await gateRun({}, {}, exitNow);
    expect(planFileLeft).toBe(false);
    expect(process.listeners('exit').filter((l) => !before.has(l))).toEqual([]);
  });
});

describe('a signal while the plan is read and checked', () => {
  /**
   * `runGate` with `--plan-only` on a passing plan; SIGTERM comes as the report is written, after the check (as it
   * may while a large plan is read): the gate's own handler is called, not the process signalled (jest's would run).
   */
  async function signalledAfterCheck(options: Partial<GateOptions>) {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-gate-signal-'));
    roots.push(cwd);
    fs.mkdirSync(path.join(cwd, 'stack'));
    const log = path.join(cwd, 'calls.jsonl');
    fs.writeFileSync(path.join(cwd, 'show.json'), JSON.stringify(PASSING));
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${FAKE_BIN}${path.delimiter}${process.env.PATH ?? ''}`, FAKE_TF_LOG: log, FAKE_TF_PLAN_JSON: path.join(cwd, 'show.json'), NO_COLOR: '1' };
    delete env.TWINGUARD_TERRAFORM;
    const before = new Set(process.listeners('SIGTERM'));
    const sigterm = () => process.listeners('SIGTERM').filter((listener) => !before.has(listener)).forEach((listener) => (listener as () => void)());
    let stderr = '';
    const code = await runGate({ dir: 'stack', ...options }, { cwd, env, stdoutIsTty: false, stdout: sigterm, stderr: (t) => void (stderr += t) });
    const calls = fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as Call).args[0]);
    return { code, calls, last: stderr.trim().split('\n').pop() };
  }

  // --plan-only returned "plan checked and passed", exit 0, though the run was interrupted: a cancelled job passed.
  it('with --plan-only: exit 2, as every interrupted run ends, not 0', async () => {
    const run = await signalledAfterCheck({ planOnly: true });
    expect(run.last).toBe('twinguard gate: check failed: interrupted by SIGTERM (the plan passed the check; --plan-only); nothing was applied');
    expect(run.code).toBe(2);
  });

  it('without: no apply, exit 2', async () => {
    const run = await signalledAfterCheck({});
    expect(run.calls).toEqual(['init', 'plan', 'show']);
    expect(run.last).toBe('twinguard gate: apply failed: not started: interrupted by SIGTERM; nothing was applied');
    expect(run.code).toBe(2);
  });
});
