/**
 * `npm run deploy -- <env>` (scripts/deploy.mjs), run as a process with stand-ins for `npx` (the
 * synth) and `terraform` first on PATH: an unknown environment or a failed synth stops everything
 * with one line; otherwise the gate runs in the environment's stack directory.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { plan, res } from '../helpers/plan-builder';
import { REPO_ROOT } from '../helpers/shared';
import { requireBuilt } from '../cli/run';

const DEPLOY = path.join(REPO_ROOT, 'scripts', 'deploy.mjs');
const FIXTURES = path.join(REPO_ROOT, '__tests__', 'fixtures', 'gate');
const STACKS = 'twinmaker-dev,twinmaker-staging,twinmaker-prod';

const TAGS = { Environment: 'dev', Owner: 'platform', DataClassification: 'internal' };
const key = (rotation: boolean) => res('aws_kms_key.data', { enable_key_rotation: rotation, deletion_window_in_days: 30, tags: TAGS, tags_all: TAGS });

const roots: string[] = [];
afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

interface DeployRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly calls: { args: string[]; cwd: string; env?: Record<string, string | null> }[];
  readonly cwd: string;
}

function deploy(args: readonly string[], options: { env?: Record<string, string>; unset?: readonly string[]; plan?: object; prepare?: (cwd: string) => void; root?: string } = {}): DeployRun {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-deploy-'));
  roots.push(cwd);
  options.prepare?.(cwd);
  const log = path.join(cwd, 'calls.jsonl');
  const planJson = path.join(cwd, 'show.json');
  fs.writeFileSync(planJson, JSON.stringify(options.plan ?? plan([key(true)])));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: [path.join(FIXTURES, 'npx-bin'), path.join(FIXTURES, 'bin'), process.env.PATH].join(path.delimiter),
    FAKE_TF_LOG: log,
    FAKE_TF_PLAN_JSON: planJson,
    FAKE_NPX_STACKS: STACKS,
    NO_COLOR: '1',
    ...options.env,
  };
  delete env.TWINGUARD_TERRAFORM;
  for (const name of options.unset ?? []) delete env[name];
  const script = options.root === undefined ? DEPLOY : path.join(options.root, 'scripts', 'deploy.mjs');
  const run = spawnSync(process.execPath, [script, ...args], { cwd, env, encoding: 'utf8' });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : [];
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, calls, cwd };
}

const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

describe('refusals before anything runs', () => {
  it('an unknown environment: exit 2, one line listing the valid ones, no synth, no terraform', () => {
    const run = deploy(['qa']);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual(['deploy: unknown environment "qa": expected one of dev, staging, prod']);
    expect(run.calls).toEqual([]);
  });

  it('no environment: exit 2, one line saying how to call it', () => {
    const run = deploy([]);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([expect.stringMatching(/^deploy: name the environment to deploy: npm run deploy -- <env> \(one of dev, staging, prod\)$/)]);
  });

  it('a failed synth (e.g. the synth-time gate) stops before terraform: exit 2', () => {
    const run = deploy(['dev'], { env: { FAKE_NPX_FAIL: '1' } });
    expect(run.code).toBe(2);
    expect(run.calls.map((c) => c.args.slice(0, 3))).toEqual([['npx', 'cdktf', 'synth']]);
    // "cdktf synth", not "npx cdktf synth": on Windows node runs cdktf-cli's entry (scripts/cdktf-command.mjs).
    expect(lines(run.stderr)).toContain('deploy: synthesizing (cdktf synth) for dev…');
    expect(lines(run.stderr).pop()).toBe('deploy: cdktf synth failed (exit 1); nothing was deployed');
  });

  it('a synth that did not produce the stack: exit 2', () => {
    const run = deploy(['prod'], { env: { FAKE_NPX_STACKS: 'twinmaker-dev' } });
    expect(run.code).toBe(2);
    expect(lines(run.stderr).pop()).toBe('deploy: the synth produced no stack twinmaker-prod (cdktf.out/manifest.json); nothing was deployed');
    expect(run.calls.filter((c) => c.args[0] !== 'npx')).toEqual([]);
  });
});

/** An earlier synth's output in `outdir` of `cwd`: the dev stack, its files dated 2020. */
function earlierSynth(cwd: string, outdir: string): void {
  const stack = path.join(cwd, outdir, 'stacks', 'twinmaker-dev');
  fs.mkdirSync(stack, { recursive: true });
  fs.writeFileSync(path.join(stack, 'cdk.tf.json'), '{"terraform":{}}');
  const manifest = path.join(cwd, outdir, 'manifest.json');
  fs.writeFileSync(manifest, JSON.stringify({ version: 'earlier', stacks: { 'twinmaker-dev': { name: 'twinmaker-dev', workingDirectory: 'stacks/twinmaker-dev', synthesizedStackPath: 'stacks/twinmaker-dev/cdk.tf.json' } } }));
  const old = new Date('2020-01-01T00:00:00Z');
  for (const file of [manifest, path.join(stack, 'cdk.tf.json')]) fs.utimesSync(file, old, old);
}

describe("where the synth writes: cdktf.json's output, never an earlier synth's", () => {
  beforeAll(requireBuilt);

  it('cdktf.json "output": "build": the gate runs in build/stacks/twinmaker-<env>, not in the cdktf.out an earlier synth left', () => {
    const run = deploy(['dev', '--plan-only'], {
      prepare: (cwd) => {
        earlierSynth(cwd, 'cdktf.out');
        fs.writeFileSync(path.join(cwd, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'npx tsx main.ts', output: 'build' }));
      },
    });
    expect(run.code).toBe(0);
    expect(run.calls.map((c) => c.args[0])).toEqual(['npx', 'init', 'plan', 'show']);
    const stackDir = fs.realpathSync(path.join(run.cwd, 'build', 'stacks', 'twinmaker-dev'));
    for (const call of run.calls.slice(1)) expect(fs.realpathSync(call.cwd)).toBe(stackDir);
    expect(lines(run.stderr)).toContain('deploy: twinguard gate --dir build/stacks/twinmaker-dev');
  });

  it('a synth that wrote elsewhere (the app chose its own outdir): an earlier manifest is refused in one line, no terraform; exit 2', () => {
    const run = deploy(['dev'], { env: { FAKE_NPX_OUTDIR: 'elsewhere' }, prepare: (cwd) => earlierSynth(cwd, 'cdktf.out') });
    expect(run.code).toBe(2);
    expect(run.calls.map((c) => c.args[0])).toEqual(['npx']);
    expect(lines(run.stderr).pop()).toBe(
      'deploy: cdktf.out/manifest.json was not written by this synth (it is from 2020-01-01T00:00:00.000Z): the synth wrote its output elsewhere; nothing was deployed',
    );
  });

  it('a cdktf.json that is not JSON: one line before anything runs; exit 2', () => {
    const run = deploy(['dev'], { prepare: (cwd) => fs.writeFileSync(path.join(cwd, 'cdktf.json'), '{ "output": ') });
    expect(run.code).toBe(2);
    expect(run.calls).toEqual([]);
    expect(lines(run.stderr)).toEqual([expect.stringMatching(/^deploy: cdktf\.json is not valid JSON \(.+\); nothing was deployed$/)]);
  });
});

describe('synth, then the gate in the stack directory (the built dist/twinguard.js)', () => {
  beforeAll(requireBuilt);

  it('a passing plan: synth, init, plan, show, apply of the checked plan, in cdktf.out/stacks/twinmaker-<env>; exit 0', () => {
    const run = deploy(['staging']);
    expect(run.code).toBe(0);
    expect(run.calls.map((c) => c.args[0])).toEqual(['npx', 'init', 'plan', 'show', 'apply']);
    const stackDir = fs.realpathSync(path.join(run.cwd, 'cdktf.out', 'stacks', 'twinmaker-staging'));
    for (const call of run.calls.slice(1)) expect(fs.realpathSync(call.cwd)).toBe(stackDir);
    expect(lines(run.stderr).pop()).toMatch(/^twinguard gate: applied the checked plan/);
  });

  it('gate options pass through: --plan-only never applies', () => {
    const run = deploy(['dev', '--plan-only']);
    expect(run.code).toBe(0);
    expect(run.calls.map((c) => c.args[0])).toEqual(['npx', 'init', 'plan', 'show']);
  });

  it('terraform arguments pass through too: --init-arg to init, what follows -- to plan', () => {
    const run = deploy(['dev', '--plan-only', '--init-arg=-backend-config=dev.s3.tfbackend', '--', '-var-file=dev.tfvars', '-refresh=false']);
    expect(run.code).toBe(0);
    const argsOf = (command: string) => run.calls.find((c) => c.args[0] === command)?.args ?? [];
    expect(argsOf('init')).toEqual(['init', '-input=false', '-backend-config=dev.s3.tfbackend']);
    expect(argsOf('plan').slice(1, -1)).toEqual(['-input=false', '-var-file=dev.tfvars', '-refresh=false']);
  });

  // The synth-time check and npm start hold prod to FIPS through examples/twinguard.config.yaml; the gate read no
  // configuration in a checkout without its own, so the plan it applied was held to less than the synth was.
  it('without a twinguard.config.* of its own, the plan is checked with examples/twinguard.config.yaml: prod without FIPS blocks', () => {
    const prodPlan = plan([key(true)], { providers: { aws: { name: 'aws', expressions: { default_tags: [{ tags: { constant_value: { ...TAGS, Environment: 'prod' } } }] } } } });
    const run = deploy(['prod'], { plan: prodPlan });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL +high +provider-fips-endpoints/);
    expect(run.calls.map((c) => c.args[0])).not.toContain('apply');
    const own = deploy(['prod'], { plan: prodPlan, prepare: (cwd) => fs.writeFileSync(path.join(cwd, 'twinguard.config.yaml'), 'version: 1\n') });
    expect(own.code).toBe(0);
  });

  // The deploy looked for -c, --config and --config= only: -cown.yaml came with --config examples/…, and the gate
  // refused two configuration files.
  it.each([[['-cown.yaml']], [['--config', 'own.yaml']], [['--config=own.yaml']]])('%j: the plan is checked with that file alone', (options) => {
    const prodPlan = plan([key(true)], { providers: { aws: { name: 'aws', expressions: { default_tags: [{ tags: { constant_value: { ...TAGS, Environment: 'prod' } } }] } } } });
    const run = deploy(['prod', ...options], { plan: prodPlan, prepare: (cwd) => fs.writeFileSync(path.join(cwd, 'own.yaml'), 'version: 1\n') });
    expect(run.stderr).not.toContain('only one configuration file');
    expect(run.code).toBe(0);
    expect(run.calls.map((c) => c.args[0])).toEqual(['npx', 'init', 'plan', 'show', 'apply']);
  });

  // The synth had CHECKPOINT_DISABLE=1; the gate, and so terraform, had the deploy's own environment, and terraform
  // checked for updates online (checkpoint-api.hashicorp.com) on every init, plan, show and apply.
  it('cdktf and every terraform step run with CHECKPOINT_DISABLE=1 (no update check online)', () => {
    const run = deploy(['dev'], { env: { FAKE_TF_RECORD_ENV: 'CHECKPOINT_DISABLE' }, unset: ['CHECKPOINT_DISABLE'] });
    expect(run.code).toBe(0);
    expect(run.calls.map((c) => [c.args[0], c.env])).toEqual(['npx', 'init', 'plan', 'show', 'apply'].map((step) => [step, { CHECKPOINT_DISABLE: '1' }]));
  });

  it('a CHECKPOINT_DISABLE the user set is theirs: cdktf and terraform get it as it is', () => {
    const run = deploy(['dev', '--plan-only'], { env: { FAKE_TF_RECORD_ENV: 'CHECKPOINT_DISABLE', CHECKPOINT_DISABLE: '' } });
    expect(run.code).toBe(0);
    expect(run.calls.map((c) => [c.args[0], c.env])).toEqual(['npx', 'init', 'plan', 'show'].map((step) => [step, { CHECKPOINT_DISABLE: '' }]));
  });

  it('blocking findings: exit 1, no apply', () => {
    const run = deploy(['prod'], { plan: plan([key(false)]) });
    expect(run.code).toBe(1);
    expect(run.calls.map((c) => c.args[0])).not.toContain('apply');
    expect(lines(run.stderr).pop()).toMatch(/^twinguard gate: check failed: 1 blocking finding\(s\); nothing was applied$/);
  });
});

/**
 * A copy of the project whose dist/twinguard.js is a bundle left from an earlier build: its scripts copied, its
 * sources, configuration and node_modules linked. The stale bundle passes everything without running terraform,
 * as a twinguard from before a rule existed passes what that rule blocks.
 */
function projectWithStaleBundle(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-stale-'));
  roots.push(root);
  fs.cpSync(path.join(REPO_ROOT, 'scripts'), path.join(root, 'scripts'), { recursive: true });
  for (const dir of ['checks', 'config', 'examples', 'node_modules']) fs.symlinkSync(path.join(REPO_ROOT, dir), path.join(root, dir));
  fs.mkdirSync(path.join(root, 'dist'));
  fs.writeFileSync(path.join(root, 'dist', 'twinguard.js'), "process.stderr.write('stale twinguard: passed\\n');\n");
  return root;
}

describe('the gate that judges the plan is built from the checkout, as the synth-time check runs from it', () => {
  // Built only when missing, the bundle an earlier `npm ci` left judged the plan after a `git pull`: the stacks were
  // held to the new rules at synth, and the plan terraform applied to the old ones.
  it('a dist/twinguard.js left by an earlier build is rebuilt: a key without rotation blocks (exit 1), nothing applied', () => {
    const root = projectWithStaleBundle();
    const run = deploy(['prod'], { root, plan: plan([key(false)]) });
    expect(run.stderr).not.toContain('stale twinguard');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL +medium +kms-key-rotation/);
    expect(run.calls.map((c) => c.args[0])).toEqual(['npx', 'init', 'plan', 'show']);
  });

  it('a checkout whose CLI cannot be built: one line, exit 2, no synth, no terraform', () => {
    const root = projectWithStaleBundle();
    fs.unlinkSync(path.join(root, 'checks'));
    fs.mkdirSync(path.join(root, 'checks'));
    fs.writeFileSync(path.join(root, 'checks', 'cli.ts'), 'export const = ;\n');
    const run = deploy(['dev'], { root });
    expect(run.code).toBe(2);
    expect(run.calls).toEqual([]);
    expect(lines(run.stderr).pop()).toBe('deploy: the twinguard CLI could not be built from this checkout (node scripts/build.mjs exited with 1); nothing was deployed');
  });
});

describe('the gate runs in the stack the synth wrote, whatever the gate options say', () => {
  // commander keeps the last --dir: given among the gate options, it ran terraform in another directory and applied
  // what it planned there, while the deploy's line named the environment's stack directory.
  it.each([
    [['--dir', 'elsewhere']],
    [['--dir=elsewhere']],
    [['-d', 'elsewhere']],
    [['-delsewhere']],
    [['--plan-only', '--format', 'text', '--dir', 'elsewhere']],
  ])('%j: refused in one line before the synth, exit 2, no terraform', (options) => {
    const run = deploy(['dev', ...options], { prepare: (cwd) => fs.mkdirSync(path.join(cwd, 'elsewhere')) });
    expect(run.code).toBe(2);
    expect(run.calls).toEqual([]);
    expect(lines(run.stderr)).toEqual([
      `deploy: ${options.find((o) => o.startsWith('-d') || o.startsWith('--dir'))} is refused: the gate runs in the environment's stack directory, as this synth wrote it (run twinguard gate --dir for another directory); nothing was deployed`,
    ]);
  });

  it('a gate option that takes a value may start with -d (--init-arg -d…, --binary): the gate runs in the stack directory', () => {
    const run = deploy(['dev', '--plan-only', '--init-arg', '-dummy=1', '--', '-destroy']);
    expect(run.code).toBe(0);
    expect(run.calls.map((c) => c.args[0])).toEqual(['npx', 'init', 'plan', 'show']);
    const stackDir = fs.realpathSync(path.join(run.cwd, 'cdktf.out', 'stacks', 'twinmaker-dev'));
    for (const call of run.calls.slice(1)) expect(fs.realpathSync(call.cwd)).toBe(stackDir);
    expect(run.calls[1].args).toEqual(['init', '-input=false', '-dummy=1']);
    expect(run.calls[2].args).toContain('-destroy');
  });
});
