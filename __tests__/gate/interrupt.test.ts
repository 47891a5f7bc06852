/**
 * `twinguard gate` interrupted: the built command runs as a process, with the stand-in `terraform`
 * first on PATH hanging in one step until a signal comes. Whatever the signal and whenever it
 * comes, nothing runs after it, terraform gets exactly one signal, and only through the gate (a
 * second makes real terraform abandon its work, and SIGHUP ends it at once), the plan file (which holds sensitive values in clear) is removed, and the
 * gate ends with exit 2 and one line.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Command } from 'commander';
import { registerGateCommand } from '../../checks/gate';
import { BIN, requireBuilt } from '../cli/run';
import { plan, res } from '../helpers/plan-builder';
import { REPO_ROOT } from '../helpers/shared';

const FAKE_BIN = path.join(REPO_ROOT, '__tests__', 'fixtures', 'gate', 'bin');
const FAKE_NPX = path.join(REPO_ROOT, '__tests__', 'fixtures', 'gate', 'npx-bin');
const DEPLOY = path.join(REPO_ROOT, 'scripts', 'deploy.mjs');
const TAGS = { Environment: 'dev', Owner: 'platform', DataClassification: 'internal' };
const PASSING = plan([res('aws_kms_key.data', { enable_key_rotation: true, deletion_window_in_days: 30, tags: TAGS, tags_all: TAGS })]);

interface Call {
  readonly args: string[];
  readonly hanging?: boolean;
  readonly pausing?: boolean;
  readonly signal?: string;
}

const roots: string[] = [];
afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

const readCalls = (log: string): Call[] => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Call) : []);

// Long enough for a loaded machine (npm run deploy builds the CLI and synthesizes first: over 8 s seen at load 8),
// short of jest's 60 s test timeout, so a terraform that never starts is named in the failure.
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 40_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Run the gate with terraform hanging in `step`, and send `signal` once it hangs (each of them, in
 * turn, when several): to the gate's process alone, or to its whole process group (what Ctrl-C or
 * a closed terminal does). With `pauseMs`, terraform does not stop on a signal: it goes on as usual
 * after that many milliseconds.
 */
async function interrupted(step: string, signal: NodeJS.Signals | readonly NodeJS.Signals[], to: 'process' | 'group', command: 'gate' | 'deploy' = 'gate', pauseMs?: number) {
  requireBuilt();
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-interrupt-'));
  roots.push(cwd);
  fs.mkdirSync(path.join(cwd, 'stack'));
  const log = path.join(cwd, 'calls.jsonl');
  fs.writeFileSync(path.join(cwd, 'show.json'), JSON.stringify(PASSING));
  // `npm run deploy -- dev` synthesizes with the stand-in npx, then runs the gate as a child process.
  const args = command === 'gate' ? [BIN, 'gate', '--dir', 'stack'] : [DEPLOY, 'dev'];
  const bins = command === 'gate' ? [FAKE_BIN] : [FAKE_NPX, FAKE_BIN];
  const child = spawn(process.execPath, args, {
    cwd,
    env: {
      ...process.env,
      PATH: [...bins, process.env.PATH ?? ''].join(path.delimiter),
      FAKE_TF_LOG: log,
      FAKE_TF_PLAN_JSON: path.join(cwd, 'show.json'),
      ...(pauseMs === undefined ? { FAKE_TF_HANG: step } : { FAKE_TF_PAUSE: `${step}:${pauseMs}` }),
      FAKE_NPX_STACKS: 'twinmaker-dev,twinmaker-staging,twinmaker-prod',
      TWINGUARD_TERRAFORM: '',
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so the test can signal the group as a terminal would.
    detached: true,
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  await until(() => readCalls(log).some((c) => c.hanging || c.pausing), `terraform ${step} to start`);
  for (const [i, each] of [signal].flat().entries()) {
    // Each handled before the next is sent: the gate's handlers run in turn, as two signals a while apart would.
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    process.kill(to === 'group' ? -(child.pid as number) : (child.pid as number), each);
  }
  const code = await exited;
  const calls = readCalls(log);
  const planFile = calls.find((c) => c.args[0] === 'plan')?.args.find((a) => a.startsWith('-out='))?.slice('-out='.length);
  return { code, stderr, calls, planFile };
}

const commands = (calls: readonly Call[]) => calls.filter((c) => !c.hanging && !c.pausing && !c.signal).map((c) => c.args[0]);
const signals = (calls: readonly Call[]) => calls.flatMap((c) => (c.signal ? [c.signal] : []));
const gateLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('twinguard gate:'));

describe('a gate interrupted while terraform plans', () => {
  it('SIGTERM to the gate (kill, timeout, an orchestrator): terraform gets it once, nothing runs after, the plan file is gone', async () => {
    const run = await interrupted('plan', 'SIGTERM', 'process');
    expect(signals(run.calls)).toEqual(['SIGTERM']);
    expect(commands(run.calls)).toEqual(['init']);
    expect(run.code).toBe(2);
    expect(gateLines(run.stderr)).toEqual(['twinguard gate: plan failed: interrupted by SIGTERM (terraform plan exited with code 1); nothing was applied']);
    expect(run.planFile && fs.existsSync(path.dirname(run.planFile))).toBe(false);
  });

  it('SIGHUP to the gate (a closed terminal, a dropped ssh session): terraform gets SIGTERM once, nothing runs after, the plan file is gone', async () => {
    // SIGTERM, not SIGHUP: terraform stops gracefully on SIGTERM, and SIGHUP would end it at once.
    const run = await interrupted('plan', 'SIGHUP', 'process');
    expect(signals(run.calls)).toEqual(['SIGTERM']);
    expect(commands(run.calls)).toEqual(['init']);
    expect(run.code).toBe(2);
    expect(gateLines(run.stderr)).toEqual(['twinguard gate: plan failed: interrupted by SIGHUP (terraform plan exited with code 1); nothing was applied']);
    expect(run.planFile && fs.existsSync(path.dirname(run.planFile))).toBe(false);
  });

  it('Ctrl-C (SIGINT to the whole process group): terraform gets one SIGINT, from the gate', async () => {
    const run = await interrupted('plan', 'SIGINT', 'group');
    expect(signals(run.calls)).toEqual(['SIGINT']);
    expect(commands(run.calls)).toEqual(['init']);
    expect(run.code).toBe(2);
    expect(gateLines(run.stderr)).toEqual(['twinguard gate: plan failed: interrupted by SIGINT (terraform plan exited with code 1); nothing was applied']);
  });

  it('SIGINT to the gate alone (kill -INT, a CI runner cancelling): terraform gets it once and stops gracefully', async () => {
    const run = await interrupted('plan', 'SIGINT', 'process');
    expect(signals(run.calls)).toEqual(['SIGINT']);
    expect(commands(run.calls)).toEqual(['init']);
    expect(run.code).toBe(2);
    expect(gateLines(run.stderr)).toEqual(['twinguard gate: plan failed: interrupted by SIGINT (terraform plan exited with code 1); nothing was applied']);
  });

  it('a second signal while terraform stops (Ctrl-C twice, SIGTERM after SIGINT) is not passed on: terraform would abandon its work', async () => {
    const run = await interrupted('plan', ['SIGINT', 'SIGINT', 'SIGTERM'], 'group', 'gate', 1500);
    expect(signals(run.calls)).toEqual(['SIGINT']);
    expect(commands(run.calls)).toEqual(['init', 'plan']);
    expect(run.code).toBe(2);
    expect(gateLines(run.stderr)).toEqual(['twinguard gate: plan failed: interrupted by SIGINT (terraform plan exited with code 0); nothing was applied']);
  });
});

describe('a gate whose terminal closes (SIGHUP to its whole process group)', () => {
  it('while terraform applies: terraform gets SIGTERM from the gate and stops gracefully, and no SIGHUP, which would end it at once', async () => {
    const run = await interrupted('apply', 'SIGHUP', 'group');
    expect(signals(run.calls)).toEqual(['SIGTERM']);
    expect(commands(run.calls)).toEqual(['init', 'plan', 'show']);
    expect(run.code).toBe(2);
    expect(gateLines(run.stderr)).toEqual(['twinguard gate: apply failed: interrupted by SIGHUP (terraform apply exited with code 1)']);
  });

  it('while terraform plans: the same, and nothing is applied', async () => {
    const run = await interrupted('plan', 'SIGHUP', 'group');
    expect(signals(run.calls)).toEqual(['SIGTERM']);
    expect(commands(run.calls)).toEqual(['init']);
    expect(run.code).toBe(2);
    expect(gateLines(run.stderr)).toEqual(['twinguard gate: plan failed: interrupted by SIGHUP (terraform plan exited with code 1); nothing was applied']);
    expect(run.planFile && fs.existsSync(path.dirname(run.planFile))).toBe(false);
  });
});

describe('npm run deploy interrupted while terraform plans', () => {
  it('SIGTERM to the deploy script reaches terraform once, through the gate; nothing is applied', async () => {
    const run = await interrupted('plan', 'SIGTERM', 'process', 'deploy');
    expect(signals(run.calls)).toEqual(['SIGTERM']);
    expect(commands(run.calls)).toEqual(['npx', 'init']);
    expect(run.code).toBe(2);
    expect(gateLines(run.stderr)).toEqual(['twinguard gate: plan failed: interrupted by SIGTERM (terraform plan exited with code 1); nothing was applied']);
  });

  it('SIGINT to the deploy script alone (a CI runner, a supervisor): it reaches terraform once, through the gate; nothing is applied', async () => {
    const run = await interrupted('plan', 'SIGINT', 'process', 'deploy');
    expect(signals(run.calls)).toEqual(['SIGINT']);
    expect(commands(run.calls)).toEqual(['npx', 'init']);
    expect(run.code).toBe(2);
    expect(gateLines(run.stderr)).toEqual(['twinguard gate: plan failed: interrupted by SIGINT (terraform plan exited with code 1); nothing was applied']);
  });

  it('SIGHUP to the deploy script alone (its terminal or ssh session closed): the gate gets it, terraform stops, nothing is applied', async () => {
    const run = await interrupted('plan', 'SIGHUP', 'process', 'deploy');
    expect(signals(run.calls)).toEqual(['SIGTERM']);
    expect(commands(run.calls)).toEqual(['npx', 'init']);
    expect(run.code).toBe(2);
    expect(gateLines(run.stderr)).toEqual(['twinguard gate: plan failed: interrupted by SIGHUP (terraform plan exited with code 1); nothing was applied']);
    expect(run.planFile && fs.existsSync(path.dirname(run.planFile))).toBe(false);
  });

  it('a closed terminal (SIGHUP to the whole process group): terraform gets SIGTERM once, though the gate gets SIGHUP twice', async () => {
    const run = await interrupted('plan', 'SIGHUP', 'group', 'deploy');
    expect(signals(run.calls)).toEqual(['SIGTERM']);
    expect(commands(run.calls)).toEqual(['npx', 'init']);
    expect(run.code).toBe(2);
    expect(gateLines(run.stderr)).toEqual(['twinguard gate: plan failed: interrupted by SIGHUP (terraform plan exited with code 1); nothing was applied']);
  });

  it('Ctrl-C (SIGINT to the whole process group): terraform gets one SIGINT, though the gate gets it twice (the deploy script passes it on too)', async () => {
    const run = await interrupted('plan', 'SIGINT', 'group', 'deploy');
    expect(signals(run.calls)).toEqual(['SIGINT']);
    expect(commands(run.calls)).toEqual(['npx', 'init']);
    expect(run.code).toBe(2);
    expect(gateLines(run.stderr)).toEqual(['twinguard gate: plan failed: interrupted by SIGINT (terraform plan exited with code 1); nothing was applied']);
  });
});

describe('a gate interrupted while terraform applies', () => {
  it('does not claim that nothing was applied', async () => {
    const run = await interrupted('apply', 'SIGTERM', 'process');
    expect(signals(run.calls)).toEqual(['SIGTERM']);
    expect(commands(run.calls)).toEqual(['init', 'plan', 'show']);
    expect(run.code).toBe(2);
    expect(gateLines(run.stderr)).toEqual(['twinguard gate: apply failed: interrupted by SIGTERM (terraform apply exited with code 1)']);
  });
});

describe('a signal between two steps (during the check, when no terraform runs)', () => {
  it('stops before apply: nothing was applied', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-interrupt-'));
    roots.push(cwd);
    fs.mkdirSync(path.join(cwd, 'stack'));
    const log = path.join(cwd, 'calls.jsonl');
    fs.writeFileSync(path.join(cwd, 'show.json'), JSON.stringify(PASSING));
    const env = { ...process.env, PATH: `${FAKE_BIN}${path.delimiter}${process.env.PATH ?? ''}`, FAKE_TF_LOG: log, FAKE_TF_PLAN_JSON: path.join(cwd, 'show.json'), NO_COLOR: '1' };
    // The gate's own handlers, found by what it adds: the test delivers SIGTERM to them alone.
    const before = new Set(process.listeners('SIGTERM'));
    const deliver = () => process.listeners('SIGTERM').filter((l) => !before.has(l)).forEach((l) => (l as (signal: NodeJS.Signals) => void)('SIGTERM'));
    let stderr = '';
    let code: number | undefined;
    const program = new Command('twinguard').exitOverride();
    // The report goes to stdout after the check and before apply: the signal comes then.
    registerGateCommand(program, { cwd, env, stdoutIsTty: false, stdout: () => deliver(), stderr: (t) => void (stderr += t) }, (c) => {
      code = c;
    });
    await program.parseAsync(['gate', '--dir', 'stack'], { from: 'user' });
    expect(commands(readCalls(log))).toEqual(['init', 'plan', 'show']);
    expect(code).toBe(2);
    expect(gateLines(stderr)).toEqual(['twinguard gate: apply failed: not started: interrupted by SIGTERM; nothing was applied']);
    expect(process.listeners('SIGTERM').filter((l) => !before.has(l))).toEqual([]);
  });
});
