// `npm run deploy -- <env> [gate options]`: build the twinguard CLI from this checkout
// (scripts/fresh-cli.mjs), synthesize the cdktf app (`cdktf synth`: `npx cdktf synth`, on Windows node
// with cdktf-cli's entry, scripts/cdktf-command.mjs; it also runs twinguard's synth-time checks), then
// run `twinguard gate` in the environment's stack directory (<output>/stacks/<stack>, <output> being
// cdktf.json's `output`, else cdktf.out, as this synth's manifest names it): terraform init, plan,
// show -json, twinguard check, and apply of exactly the checked plan only when the check passes.
// Extra arguments go to the gate:
//   npm run deploy -- dev --plan-only
//   npm run deploy -- prod --format sarif --output twinguard.sarif --format text
//   npm run deploy -- prod --init-arg=-reconfigure -- -var-file=/abs/prod.tfvars   (after --: for terraform plan)
// The exit code is the gate's (0 applied, 1 blocking findings, 2 any other failure); an unknown
// environment or a failed synth exits 2 with one line saying so.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { cdktfCommand } from './cdktf-command.mjs';
import { cdktfOutput, freshManifest } from './cdktf-output.mjs';
import { freshCli } from './fresh-cli.mjs';
import { EXAMPLE_CONFIG, ownConfig } from './project-config.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Print one line and exit 2. */
function fail(message) {
  console.error(`deploy: ${message}`);
  process.exit(2);
}

/** The environments the app deploys (config/environments.ts), validated. */
async function environments() {
  try {
    const config = await tsImport(pathToFileURL(join(root, 'config', 'environments.ts')).href, import.meta.url);
    return config.loadEnvironments();
  } catch (error) {
    return fail(`config/environments.ts: ${String(error?.message ?? error).split('\n')[0]}`);
  }
}

/** The gate's options that take a value (checks/gate.ts registerGateCommand), short and long. */
const GATE_VALUE_OPTIONS = { d: 'dir', f: 'format', o: 'output', c: 'config', binary: 'binary', 'init-arg': 'init-arg', dir: 'dir', format: 'format', output: 'output', config: 'config' };

/**
 * The gate options among `args` as the gate's command line reads them (commander): each as its long name and the
 * argument that gave it (`-dinfra`, `--dir=infra`, `--dir`); the value of an option that takes one is skipped (an
 * `--init-arg -d…` is init's), and nothing after `--` (terraform plan's).
 */
function* gateOptions(args) {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') return;
    const flag = /^--([^=]+)(=.*)?$/s.exec(arg) ?? /^-([^-])(.+)?$/s.exec(arg);
    if (flag === null) continue;
    const takesValue = Object.hasOwn(GATE_VALUE_OPTIONS, flag[1]);
    yield { option: takesValue ? GATE_VALUE_OPTIONS[flag[1]] : flag[1], arg };
    if (takesValue && flag[2] === undefined) i++;
  }
}

const [name, ...gateArgs] = process.argv.slice(2);
const known = await environments();
const names = known.map((e) => e.name).join(', ');
if (!name || name.startsWith('-')) fail(`name the environment to deploy: npm run deploy -- <env> (one of ${names})`);
const env = known.find((e) => e.name === name);
if (!env) fail(`unknown environment "${name}": expected one of ${names}`);
// commander keeps the last --dir: one among the gate options ran terraform, and applied, in another directory than
// the stack this synth wrote, under a line naming the stack.
const dirOption = [...gateOptions(gateArgs)].find((given) => given.option === 'dir');
if (dirOption) fail(`${dirOption.arg} is refused: the gate runs in the environment's stack directory, as this synth wrote it (run twinguard gate --dir for another directory); nothing was deployed`);

// The gate that judges the plan is built from this checkout, as the synth-time check runs from it.
let bin;
try {
  bin = freshCli(root);
} catch (error) {
  fail(`${error.message}; nothing was deployed`);
}

let output;
try {
  output = cdktfOutput(process.cwd());
} catch (error) {
  fail(`${error.message}; nothing was deployed`);
}

let cdktf;
try {
  cdktf = cdktfCommand(process.cwd(), ['synth']);
} catch (error) {
  fail(`${error.message}; nothing was deployed`);
}

// cdktf and terraform (which the gate runs with its own environment) check for updates online unless
// CHECKPOINT_DISABLE is set: off for both, unless the user set it.
const childEnv = { ...process.env, CHECKPOINT_DISABLE: process.env.CHECKPOINT_DISABLE ?? '1' };

console.error(`deploy: synthesizing (cdktf synth) for ${env.name}…`);
const synthStarted = Date.now();
const synth = spawnSync(cdktf.command, cdktf.args, { stdio: 'inherit', env: childEnv });
if (synth.status !== 0) fail(`cdktf synth failed (${synth.error ? synth.error.message : `exit ${synth.status ?? synth.signal}`}); nothing was deployed`);

/** The stack's working directory, as the manifest this synth wrote names it (never an earlier synth's). */
function stackDirectory(stackName) {
  let manifest;
  try {
    manifest = freshManifest(process.cwd(), output, synthStarted);
  } catch (error) {
    return fail(`${error.message}; nothing was deployed`);
  }
  const workingDirectory = manifest?.stacks?.[stackName]?.workingDirectory;
  if (typeof workingDirectory !== 'string') fail(`the synth produced no stack ${stackName} (${join(output, 'manifest.json')}); nothing was deployed`);
  return join(output, workingDirectory);
}

const dir = stackDirectory(env.stackName);

/**
 * The configuration the gate checks the plan with, as the synth-time check and `npm start` choose it: the gate
 * reads a `twinguard.config.*` of this directory itself; without one, `examples/twinguard.config.yaml` (strict,
 * FIPS required for prod), so the plan is held to what the synth was. A `--config` among the gate options wins.
 */
function configArgs() {
  if ([...gateOptions(gateArgs)].some((given) => given.option === 'config')) return [];
  if (ownConfig(process.cwd()) !== undefined) return [];
  return ['--config', join(root, EXAMPLE_CONFIG)];
}

console.error(`deploy: twinguard gate --dir ${dir}`);
// Not spawnSync: this process must stay responsive to signals while the gate runs, and passes each
// SIGINT, SIGTERM and SIGHUP on to the gate, which stops before any further step and exits 2. A
// signal may come to this process alone (`kill -INT`, a CI runner or a supervisor stopping the
// deploy, SIGHUP when the terminal or ssh session that started it closes): kept from the gate, the
// gate went on to apply. Ctrl-C or a closed terminal reaches the gate through the process group as
// well, so the gate gets it twice: it passes one signal on to terraform (which runs in a group of
// its own) and no second one, which would make terraform abandon its work. The gate stays in this
// group, not detached: it keeps the terminal (a background job writing to it is stopped under
// `stty tostop`), and a kill of the whole group still reaches it.
const gate = spawn(process.execPath, [bin, 'gate', '--dir', dir, ...configArgs(), ...gateArgs], { stdio: 'inherit', env: childEnv });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => gate.kill(signal));
gate.once('error', (error) => fail(`the gate could not start (${error.message}); nothing was deployed`));
gate.once('close', (code) => process.exit(code ?? 2));
