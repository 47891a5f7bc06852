/**
 * `twinguard gate`: plan, check, and apply exactly the plan that was checked, in any Terraform
 * working directory (a cdktf stack's `cdktf.out/stacks/<name>`, or plain `.tf` files).
 *
 *   <bin> init -input=false [init args]          (the backend it configured is read from .terraform/terraform.tfstate)
 *   <bin> plan -input=false [plan args] -out=<planfile>   (its SHA-256 is recorded)
 *   <bin> show -json <planfile>                  (read by the plan loader)
 *   twinguard check                              (the plan, the backend, and the variable files terraform loaded by itself;
 *                                                 the plan's references to locals followed through the code in the directory)
 *   <bin> apply -input=false [-var…] <planfile>  (only when the check passes and the SHA-256 still matches; the
 *                                                 plan's -var and -var-file, those of TF_CLI_ARGS_plan included,
 *                                                 when it was given an ephemeral variable)
 *
 * The user's arguments (`--init-arg`, and those after `--` for plan) are passed on unchanged and never
 * printed: `-var` values and `-backend-config` settings can be secrets. Those that would undo the
 * gate's own (`-out`, `-detailed-exitcode`, `-input=true`, `-chdir`) are refused before anything runs,
 * also in `TF_CLI_ARGS`, `TF_CLI_ARGS_init` and `TF_CLI_ARGS_plan` (split as terraform splits them:
 * gate/shellwords.ts).
 *
 * Any failure stops the gate before apply, with one line saying which step failed. Exit codes:
 * 0 applied (or, with --plan-only, checked and passed); 1 blocking findings; 2 everything else.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { check, type Checked, exitCodeOf, FORMATS, type Format, STRICT_HELP } from './check';
import { type Redact, redactor } from './mask';
import { EXIT_PASS, EXIT_UNUSABLE, type Io, oneLine, type OutputPair, OutputPairs, writeReports } from './output';
import { type Config, configFilesFor, loadConfig } from './config';
import { InputError, nonEmpty } from './errors';
import { PemBodyLines } from './gate/pem-lines';
import { shellWords } from './gate/shellwords';
import { describeExit, describeSpawnError, type Exit, Interruption, runTerraform, sha256File, terraformBinary } from './gate/terraform';
import { initializedBackend } from './model/backend';
import { environmentEndpoints, type EnvironmentEndpoints } from './model/environment-endpoints';
import { withNamedSharedFiles } from './model/named-shared-files';
import { readCode, withCode } from './model/code-sources';
import { type ConfigTool, environmentEncryption, givenValueStrings, readVariableFiles, variableFileStrings } from './model/hcl';
import { loadPlanFile } from './model/plan';
import type { BackendData, LoadedInput } from './model/types';
import { ALL_RULES } from './rules/index';
import { beyondHorizon, todayUtc } from './waivers';
import { detect, masked, maskedAll, replacedSecrets } from './rules/support/detect';
import { quotedInput } from './model/quoted';
import { showData, withoutLogCommands } from './reporters/shared';

export interface GateOptions {
  /** The Terraform working directory (relative to the Io's cwd). Default: `.`. */
  readonly dir?: string;
  /** `terraform`, `tofu` or a path. Default: `TWINGUARD_TERRAFORM`, else `terraform`. */
  readonly binary?: string;
  /** Stop after the check: never apply. */
  readonly planOnly?: boolean;
  /** Where the check's reports go. Default: text on stdout. */
  readonly outputs?: readonly OutputPair[];
  /** Configuration file. Default: `twinguard.config.yaml` / `.yml` / `.json` in the cwd (not `dir`: one there is named in a line, not read). */
  readonly config?: string;
  /** Resource types no rule understands block. */
  readonly strict?: boolean;
  /** Colours in a text report on stdout (still only on a TTY, never with NO_COLOR). Default: true. */
  readonly color?: boolean;
  /** More arguments for `terraform init` (`-backend-config=…`, `-reconfigure`). */
  readonly initArgs?: readonly string[];
  /** More arguments for `terraform plan` (`-var-file=…`, `-target=…`, `-destroy`). */
  readonly planArgs?: readonly string[];
  /**
   * How many characters of terraform's output before the check are held in memory; the rest wait
   * in a file of the gate's private directory (`HeldOutput`). Default: `HELD_IN_MEMORY`; tests set
   * it small.
   */
  readonly heldInMemory?: number;
}

/** The gate's steps, as its messages name them. */
type Step = 'configuration' | 'arguments' | 'init' | 'plan' | 'show' | 'plan JSON' | 'variable files' | 'report' | 'check' | 'plan verification' | 'apply';

/** A step that failed: the gate stops, applies nothing, and prints one line. */
class StepFailed extends Error {
  constructor(
    readonly step: Step,
    readonly reason: string,
    readonly exitCode: number = EXIT_UNUSABLE,
    /** Whether terraform apply ran, so that something may have been applied. */
    readonly applyRan = step === 'apply',
  ) {
    super(`${step} failed: ${reason}`);
  }
}

/** The process's own stdio, for `runGate` called outside the CLI. */
const processIo = (): Io => ({
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTty: process.stdout.isTTY === true,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});

/** The plan file's name inside the gate's private temporary directory. */
const PLAN_FILE = 'twinguard.tfplan';

interface Context {
  readonly io: Io;
  readonly binary: string;
  readonly dir: string;
  readonly interruption: Interruption;
}

/** Stop before a step when a signal came: nothing starts after SIGINT, SIGTERM or SIGHUP. */
function stopIfInterrupted(ctx: Context, step: Step): void {
  if (ctx.interruption.signal) throw new StepFailed(step, `not started: interrupted by ${ctx.interruption.signal}`, EXIT_UNUSABLE, false);
}

/** Run one terraform step; anything but exit code 0 is that step's failure, and so is a signal during it. */
async function terraformStep(ctx: Context, step: Step, args: readonly string[], stdout?: number | ((text: string) => void), stderr?: (text: string) => void): Promise<void> {
  stopIfInterrupted(ctx, step);
  let exit: Exit;
  try {
    exit = await runTerraform(ctx.binary, args, { cwd: ctx.dir, env: ctx.io.env, stdout: stdout ?? ((text) => ctx.io.stderr(text)), ...(stderr ? { stderr } : {}) }, ctx.interruption);
  } catch (error) {
    throw new StepFailed(step, describeSpawnError(ctx.binary, error, { platform: process.platform, env: ctx.io.env, exists: fs.existsSync }));
  }
  const ended = `${ctx.binary} ${args[0]} ${describeExit(exit)}`;
  if (ctx.interruption.signal) throw new StepFailed(step, `interrupted by ${ctx.interruption.signal} (${ended})`);
  if (exit.code !== 0) throw new StepFailed(step, ended);
}

/** `terraform show -json` into a private file: its exit code is known before the loader reads a byte. */
async function showPlan(ctx: Context, planFile: string, jsonFile: string, stderr: (text: string) => void): Promise<void> {
  const fd = fs.openSync(jsonFile, 'w', 0o600);
  try {
    await terraformStep(ctx, 'show', ['show', '-json', planFile], fd, stderr);
  } finally {
    fs.closeSync(fd);
  }
}

/** `read`, whose bad input (`InputError`) stops the gate at its configuration step, in the error's one line. */
function inConfigurationStep<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof InputError) throw new StepFailed('configuration', error.message);
    throw error;
  }
}

function loadGateConfig(options: GateOptions, io: Io): Config {
  return inConfigurationStep(() => {
    const config = loadConfig(options.config, io.cwd, ALL_RULES);
    // The check refuses it too; here it is refused before terraform plans, as every other fault of the file is.
    const far = beyondHorizon(config.waivers, todayUtc(), config.waiverMaxDays);
    if (far) throw new InputError(config.source ?? 'the configuration', far);
    return config;
  });
}

/**
 * One line when `--dir` holds a configuration file that is not the one read: the gate reads the
 * current directory's (or --config's), as `npm run deploy` relies on (the project's file, not one in
 * cdktf.out), and a stricter file beside the code would otherwise be passed over in silence.
 */
function configElsewhere(options: GateOptions, config: Config, dir: string, io: Io): string | undefined {
  if (options.config !== undefined) return undefined;
  const beside = configFilesFor(undefined, dir);
  if (beside.length === 0 || fs.realpathSync(dir) === fs.realpathSync(io.cwd)) return undefined;
  const file = quotedInput(path.join(options.dir ?? '.', beside[0]));
  const read = config.source !== undefined ? `${quotedInput(config.source)} of the current directory is` : 'no configuration file is in the current directory: the defaults are';
  return `${file} is not read: ${read} (give --config ${file} to use it)`;
}

function workingDirectory(dir: string, io: Io): string {
  const resolved = path.resolve(io.cwd, dir);
  if (!fs.existsSync(resolved) || !fs.statSync(resolved).isDirectory()) throw new StepFailed('init', `${dir} is not a directory`);
  return resolved;
}

async function recordedDigest(planFile: string, binary: string): Promise<string> {
  try {
    return await sha256File(planFile);
  } catch {
    throw new StepFailed('plan', `${binary} plan wrote no plan file`);
  }
}

async function verifyDigest(planFile: string, expected: string): Promise<void> {
  let actual: string | undefined;
  try {
    actual = await sha256File(planFile);
  } catch {
    actual = undefined;
  }
  if (actual === undefined) throw new StepFailed('plan verification', 'the checked plan file is gone');
  if (actual !== expected) throw new StepFailed('plan verification', `the plan file changed after it was checked (sha256 ${expected.slice(0, 12)}… is now ${actual.slice(0, 12)}…)`);
}

/** The backend `terraform init` recorded in the working directory. */
function readBackend(ctx: Context): BackendData {
  try {
    return initializedBackend(ctx.dir, ctx.io.env);
  } catch (error) {
    if (error instanceof InputError) throw new StepFailed('init', `${error.message}; where the state goes cannot be checked`);
    throw error;
  }
}

/**
 * The service endpoints the environment gives terraform (its variables, and the AWS shared config file it
 * names), read before terraform runs: an `AWS_CONFIG_FILE` that names no file stops the gate there.
 */
function readEnvironmentEndpoints(ctx: Context): EnvironmentEndpoints | undefined {
  return inConfigurationStep(() => environmentEndpoints(ctx.io.env));
}

/**
 * `loaded` with the AWS shared files its blocks name read (named-shared-files.ts), as terraform read them from its
 * working directory: one that cannot be read stops the gate before the apply.
 */
function withSharedFiles(ctx: Context, loaded: LoadedInput): LoadedInput {
  return inConfigurationStep(() => withNamedSharedFiles(loaded, ctx.io.env, path.resolve(ctx.io.cwd, ctx.dir)));
}

/** The variable files terraform loaded by itself from the working directory (it read them without error). */
async function readVariables(ctx: Context): Promise<Pick<LoadedInput, 'variableFiles'>> {
  try {
    const files = await readVariableFiles(ctx.dir);
    return files.length > 0 ? { variableFiles: files } : {};
  } catch (error) {
    if (error instanceof InputError) throw new StepFailed('variable files', error.message);
    throw error;
  }
}

/**
 * The tool the gate runs, by the executable's name (`tofu`, `/usr/local/bin/tofu`, `tofu.exe`):
 * OpenTofu reads the `.tofu` files of the code in place of the `.tf` files of the same name, and
 * Terraform ignores them.
 */
const toolOf = (binary: string): ConfigTool => (/^(open)?tofu(\.exe)?$/i.test(path.basename(binary)) ? 'opentofu' : 'terraform');

/**
 * The plan read with the code in the working directory (a cdktf stack's cdk.tf.json, or .tf files)
 * that terraform just planned: references to locals followed, and the code of values known only
 * after apply at hand (code-sources.ts). With tofu, the code's state encryption is merged with the
 * `TF_ENCRYPTION` of this environment, which the tofu run the gate made read too, whatever wrote
 * the code. Code the configuration loaders cannot read adds nothing: the plan is judged as it is,
 * as before.
 */
async function withPlannedCode(plan: LoadedInput, dir: string, env: Readonly<Record<string, string | undefined>>, binary: string): Promise<LoadedInput> {
  try {
    const tool = toolOf(binary);
    const encryption = tool === 'opentofu' ? await environmentEncryption(env) : undefined;
    return withCode(plan, await readCode(dir, plan, env, tool, encryption));
  } catch (error) {
    if (error instanceof InputError) return plan;
    throw error;
  }
}

/**
 * The plan `show -json` wrote, named after the working directory in reports, with the strings of
 * the old state terraform prints (`replaced`): the gate masks what the detectors find in them.
 */
async function readPlan(jsonFile: string, input: string, binary: string): Promise<LoadedInput> {
  try {
    return await loadPlanFile(jsonFile, input, { replaced: true });
  } catch (error) {
    if (error instanceof InputError) throw new StepFailed('plan JSON', `${binary} show -json did not give a usable plan: ${error.reason}`);
    throw error;
  }
}

/** Go's `flag` package reads these as false (terraform parses its flags with it). */
const GO_FALSE = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

/** Flags of the user's that would undo what the gate does, and why; `input` only when not false. */
const GATE_OWNS: Readonly<Record<string, string>> = {
  out: 'the gate writes the plan to a private file, checks it and applies exactly that file',
  'detailed-exitcode': 'the gate takes any exit code but 0 as a failed plan',
  input: 'the gate runs terraform without prompts (-input=false)',
  chdir: 'the working directory is --dir',
};

/**
 * The flags of `args` as terraform's Go `flag` package reads them: `-name`, `--name`, `=value`, and
 * nothing after a `--`; each with its value written after `=` and the argument after it (`-var NAME=VALUE`).
 */
function* goFlags(args: readonly string[]): Generator<{ readonly name: string; readonly value?: string; readonly next?: string }> {
  for (const [i, arg] of args.entries()) {
    if (arg === '--') return;
    const flag = /^--?([^-=][^=]*)(?:=(.*))?$/s.exec(arg);
    if (flag) yield { name: flag[1], ...(flag[2] !== undefined ? { value: flag[2] } : {}), ...(i + 1 < args.length ? { next: args[i + 1] } : {}) };
  }
}

/**
 * The `-var` and `-var-file` arguments of `args`, in their order, each as one argument
 * (`-var NAME=VALUE` as `-var=NAME=VALUE`): for apply, where the value of the same variable is
 * the last one given, as at plan.
 */
const variableArguments = (args: readonly string[]): string[] =>
  [...goFlags(args)].flatMap(({ name, value, next }) => ((name === 'var' || name === 'var-file') && (value ?? next) !== undefined ? [`-${name}=${(value ?? next) as string}`] : []));

/**
 * The root variables the plan holds no value of: ephemeral ones (`ephemeral = true`, Terraform
 * 1.10 and later) given a value at plan. A plan records the value of every other root variable, a
 * default or null included; Terraform keeps an ephemeral value out of the plan file and asks for
 * it again at apply ("was set during the plan phase, and so must also be set during the apply phase").
 */
const ephemeralGiven = (plan: LoadedInput): string[] =>
  (plan.variableDeclarations ?? []).filter((variable) => variable.module === '' && !(variable.name in (plan.variables ?? {}))).map((variable) => variable.name);

/** The values a flag is given in `args` (`-var-file=prod.tfvars`, `-var NAME=VALUE`), in order. */
const flagValues = (args: readonly string[], name: string): string[] => [...goFlags(args)].flatMap((flag) => (flag.name === name && (flag.value ?? flag.next) !== undefined ? [(flag.value ?? flag.next) as string] : []));

/** The first flag of `args` the gate refuses, as its name; never its value. */
function firstRefused(args: readonly string[]): string | undefined {
  for (const { name, value } of goFlags(args)) {
    if (!(name in GATE_OWNS) || (name === 'input' && value !== undefined && GO_FALSE.has(value))) continue;
    return name;
  }
  return undefined;
}

/** The first of `args` (for `command`) the gate refuses, as a reason naming the flag and never its value. */
function refusedArgument(command: 'init' | 'plan', args: readonly string[]): string | undefined {
  const name = firstRefused(args);
  return name === undefined ? undefined : `${command} argument -${name} is refused: ${GATE_OWNS[name]}`;
}

/** The variables terraform adds the arguments of to init's and plan's (`TF_CLI_ARGS` to every command's). */
const CLI_ARGS_VARIABLES = ['TF_CLI_ARGS', 'TF_CLI_ARGS_init', 'TF_CLI_ARGS_plan'] as const;

/**
 * The arguments an environment variable gives terraform, split as terraform splits them
 * (shellwords.ts); none when it cannot be read so (`refusedInEnvironment` refused it already).
 */
const cliArgsOf = (env: NodeJS.ProcessEnv, name: string): readonly string[] => (env[name] ? (shellWords(env[name]).args ?? []) : []);

/**
 * The arguments plan read, in the order it read them: terraform puts each variable's arguments
 * right after the command, `TF_CLI_ARGS_plan`'s before `TF_CLI_ARGS`'s, and the gate's after them.
 * At apply terraform adds `TF_CLI_ARGS`'s (not `TF_CLI_ARGS_plan`'s) by itself, before the gate's:
 * given again after `TF_CLI_ARGS_plan`'s, the last value of each variable is the one plan took.
 */
const planVariableOrder = (env: NodeJS.ProcessEnv, planArgs: readonly string[]): readonly string[] => [...cliArgsOf(env, 'TF_CLI_ARGS_plan'), ...cliArgsOf(env, 'TF_CLI_ARGS'), ...planArgs];

/**
 * The first flag the gate refuses in `TF_CLI_ARGS`, `TF_CLI_ARGS_init` or `TF_CLI_ARGS_plan`, as a
 * reason naming the flag and the variable: terraform reads them as it reads its arguments (a
 * `-detailed-exitcode` set CI-wide made every plan with changes exit 2, a failed plan). One that
 * terraform would not read as the gate does (an unquoted `;`, an unterminated quote) is refused
 * too, its value never quoted.
 */
function refusedInEnvironment(env: NodeJS.ProcessEnv): string | undefined {
  for (const variable of CLI_ARGS_VARIABLES) {
    const text = env[variable];
    if (!text) continue;
    const split = shellWords(text);
    if (split.problem !== undefined) return `${variable} is refused: it holds ${split.problem}`;
    const name = firstRefused(split.args);
    if (name !== undefined) return `-${name} in ${variable} is refused: ${GATE_OWNS[name]}`;
  }
  return undefined;
}

/**
 * What terraform was given that it may print before the check has said which values are secrets (a
 * validation error quotes `var.db_password is "…"`, a diagnostic quotes a variable file's line): the
 * values of `-var` and `-backend-config` (in the arguments, `TF_CLI_ARGS` and `TF_CLI_ARGS_<command>`),
 * of `TF_VAR_` variables, and the strings of the variable and backend files terraform reads.
 */
async function givenValues(initArgs: readonly string[], planArgs: readonly string[], ctx: Context): Promise<string[]> {
  const env = ctx.io.env;
  const fromEnv = (name: string): readonly string[] => cliArgsOf(env, name);
  const args = [...fromEnv('TF_CLI_ARGS'), ...fromEnv('TF_CLI_ARGS_init'), ...initArgs, ...fromEnv('TF_CLI_ARGS_plan'), ...planArgs];
  const values: string[] = [];
  const files = ['terraform.tfvars', 'terraform.tfvars.json'];
  try {
    files.push(...fs.readdirSync(ctx.dir).filter((entry) => /\.auto\.tfvars(\.json)?$/.test(entry)));
  } catch {
    // A directory terraform cannot list either: it loaded no automatic variable file.
  }
  // `-var NAME=VALUE`, `-backend-config KEY=VALUE`; a `-backend-config` without `=` is a file, as `-var-file` is.
  for (const given of [...flagValues(args, 'var'), ...flagValues(args, 'backend-config')]) {
    const eq = given.indexOf('=');
    if (eq > 0) values.push(...(await givenValueStrings(given.slice(eq + 1))));
  }
  files.push(...flagValues(args, 'var-file'), ...flagValues(args, 'backend-config').filter((given) => !given.includes('=')));
  for (const [name, value] of Object.entries(env)) if (name.startsWith('TF_VAR_') && value) values.push(...(await givenValueStrings(value)));
  for (const file of files) values.push(...(await variableFileStrings(path.resolve(ctx.dir, file))));
  return values;
}

/**
 * How much of terraform's output the gate holds in memory, in characters. A large estate's plan
 * prints more than one string can hold (about 512 MB: the gate stopped with an internal error,
 * and terraform with it, mid-plan); beyond this, the output waits in a file.
 */
const HELD_IN_MEMORY = 16 * 1024 * 1024;

/** How much of a held output file is read at once when it is printed, in bytes. */
const READ_CHUNK = 1024 * 1024;

/**
 * terraform's output held back until what to mask in it is known: in memory up to a bound, then
 * all of it in `file` (in the gate's private directory, removed with the plan file: it holds what
 * terraform printed in clear).
 */
class HeldOutput {
  #text = '';
  #fd: number | undefined;
  #released = false;

  constructor(
    private readonly out: (text: string) => void,
    private readonly file: string,
    private readonly inMemory: number = HELD_IN_MEMORY,
  ) {}

  readonly write = (text: string): void => {
    if (this.#fd === undefined && this.#text.length + text.length <= this.inMemory) {
      this.#text += text;
      return;
    }
    if (this.#fd === undefined) {
      this.#fd = fs.openSync(this.file, 'wx+', 0o600);
      fs.writeSync(this.#fd, this.#text);
      this.#text = '';
    }
    fs.writeSync(this.#fd, text);
  };

  /** Print what was held, with `secrets` masked (`keys`: as `shown`); once. From a file, a chunk of whole lines at a time. */
  release(secrets: readonly string[], keys?: readonly string[]): void {
    if (this.#released) return;
    this.#released = true;
    const lines = new MaskedLines(this.out, redactor(secrets, keys));
    if (this.#fd === undefined) {
      if (this.#text) lines.write(this.#text);
      lines.end();
      return;
    }
    const decoder = new StringDecoder('utf8');
    const chunk = Buffer.alloc(READ_CHUNK);
    try {
      for (let position = 0; ; ) {
        const read = fs.readSync(this.#fd, chunk, 0, chunk.length, position);
        if (read === 0) break;
        lines.write(decoder.write(chunk.subarray(0, read)));
        position += read;
      }
      lines.write(decoder.end());
      lines.end();
    } finally {
      fs.closeSync(this.#fd);
    }
  }
}

/**
 * terraform's output as it comes, line by line (a secret is never split across writes), as the gate
 * prints it: what the check detected masked (`redact`, made once for all of the output: `redactor` of
 * the secrets and of the check's `instanceKeys`, so an address is numbered as the report numbers it),
 * any credential a line shows of itself (`Downloading git::https://oauth2:ghp_…@github.com/…`), the body
 * of a private key on the lines after its BEGIN line (`PemBodyLines`: a heredoc, a provisioner's output),
 * and no CI log command a value of the plan holds (`##[error]`, `##vso[…]`: reporters/shared.ts
 * `withoutLogCommands`).
 */
class MaskedLines {
  #partial = '';
  readonly #keys = new PemBodyLines();

  constructor(
    private readonly out: (text: string) => void,
    private readonly redact: Redact,
  ) {}

  readonly write = (text: string): void => {
    const lines = this.#partial + text;
    const end = lines.lastIndexOf('\n') + 1;
    this.#partial = lines.slice(end);
    if (end > 0) this.out(this.shown(lines.slice(0, end)));
  };

  end(): void {
    if (this.#partial) this.out(this.shown(this.#partial));
    this.#partial = '';
  }

  /** Each line searched without its line break: a key's BEGIN line alone masks to the end of the text, and took the break with it. */
  private shown(text: string): string {
    return this.redact(text)
      .split(/(?<=\n)/)
      .map((line) => {
        const ending = /\r?\n$/.exec(line)?.[0] ?? '';
        const content = this.#keys.mask(line.slice(0, line.length - ending.length));
        return withoutLogCommands(masked(content, detect(content, { scope: 'credentials' }))) + ending;
      })
      .join('');
  }
}

/** The steps, in order; returns the line to print on success. Throws StepFailed. */
async function gate(options: GateOptions, io: Io, tempDir: string, interruption: Interruption): Promise<string> {
  const initArgs = options.initArgs ?? [];
  const planArgs = options.planArgs ?? [];
  const refused = refusedArgument('init', initArgs) ?? refusedArgument('plan', planArgs) ?? refusedInEnvironment(io.env);
  if (refused) throw new StepFailed('arguments', refused);
  const config = loadGateConfig(options, io);
  const dirName = options.dir ?? '.';
  const ctx: Context = { io, binary: terraformBinary(options.binary, io.env, io.cwd), dir: workingDirectory(dirName, io), interruption };
  const elsewhere = configElsewhere(options, config, ctx.dir, io);
  if (elsewhere) io.stderr(`twinguard gate: ${elsewhere}\n`);
  const planFile = path.join(tempDir, PLAN_FILE);
  const jsonFile = path.join(tempDir, 'plan.json');

  // terraform prints what it holds (the plan's values; the module sources init downloads, a token
  // in one included), on both streams: held back until the check has said which values are secrets,
  // then printed with those masked, and with any credential a line shows of itself (also when the
  // gate stops before the check).
  const held = new HeldOutput((text) => io.stderr(text), path.join(tempDir, 'terraform-output.txt'), options.heldInMemory);
  // `secrets`: what terraform's output masks, what the check detected and what the detectors find
  // in the old values terraform prints, which no rule reads (what a change replaces or destroys).
  let planned: { readonly checked: Checked; readonly digest: string; readonly secrets: readonly string[]; readonly ephemeral: readonly string[] } | undefined;
  try {
    // Terraform plans, and will apply, in this environment: the service endpoints it gives (code it cannot read or not).
    const endpoints = readEnvironmentEndpoints(ctx);
    await terraformStep(ctx, 'init', ['init', '-input=false', ...initArgs], held.write, held.write);
    const backend = readBackend(ctx);
    // `-out` last: Go's flag package keeps the last value of a flag (TF_CLI_ARGS_plan comes first).
    await terraformStep(ctx, 'plan', ['plan', '-input=false', ...planArgs, `-out=${planFile}`], held.write, held.write);
    const digest = await recordedDigest(planFile, ctx.binary);
    await showPlan(ctx, planFile, jsonFile, held.write);
    // The plan does not record where its state goes (init did), nor which file gave a variable its
    // value: the check judges the backend and the variable files beside the code too.
    const planJson = await readPlan(jsonFile, dirName, ctx.binary);
    const plan = await withPlannedCode(planJson, ctx.dir, ctx.io.env, ctx.binary);
    const loaded = withSharedFiles(ctx, { ...plan, backend, ...(endpoints ? { environmentEndpoints: endpoints } : {}), ...(await readVariables(ctx)) });
    const checked = check([loaded], { ...config, strict: options.strict === true || config.strict });
    planned = { checked, digest, secrets: [...new Set([...checked.redact, ...replacedSecrets(plan.replaced ?? [], config.settings.sensitivePatterns)])], ephemeral: ephemeralGiven(planJson) };
  } finally {
    // A step that failed before the check may print what it was given: that is masked then.
    if (planned) held.release(planned.secrets, planned.checked.instanceKeys ?? []);
    else held.release(await givenValues(initArgs, planArgs, ctx));
  }
  const { checked, digest, secrets, ephemeral } = planned;
  try {
    writeReports(checked, options.outputs ?? [{ format: 'text' }], options.color ?? true, io);
  } catch (error) {
    if (error instanceof InputError) throw new StepFailed('report', error.message);
    throw error;
  }
  const verdict = exitCodeOf(checked.report);
  if (verdict !== EXIT_PASS) throw new StepFailed('check', `${checked.report.summary.blocking} blocking finding(s)`, verdict);
  if (options.planOnly) {
    // A signal while the plan was read or checked: the run was interrupted, and ends as every interrupted run does.
    if (interruption.signal) throw new StepFailed('check', `interrupted by ${interruption.signal} (the plan passed the check; --plan-only)`);
    return `plan checked and passed (sha256 ${digest.slice(0, 12)}…); --plan-only: not applied`;
  }

  stopIfInterrupted(ctx, 'apply');
  await verifyDigest(planFile, digest);
  // Both streams: an error of the apply may quote a value too.
  const redact = redactor(secrets, checked.instanceKeys ?? []);
  const applyOutput = new MaskedLines((text) => io.stderr(text), redact);
  const applyErrors = new MaskedLines((text) => io.stderr(text), redact);
  // An ephemeral variable given at plan is given again, with the plan's -var and -var-file in their
  // order: Terraform 1.10 and later take those at apply of a saved plan when every other value is
  // the one the plan holds. Without ephemeral variables none are given: older versions refuse them.
  const variables = ephemeral.length > 0 ? variableArguments(planVariableOrder(io.env, planArgs)) : [];
  try {
    await terraformStep(ctx, 'apply', ['apply', '-input=false', ...variables, planFile], applyOutput.write, applyErrors.write);
  } finally {
    applyOutput.end();
    applyErrors.end();
  }
  return `applied the checked plan (sha256 ${digest.slice(0, 12)}…)`;
}

/**
 * Run the gate in `options.dir`. Resolves to the exit code (0, 1 or 2) after printing one line
 * on stderr; never rejects for a failed step, and never applies after one.
 */
export async function runGate(options: GateOptions, io: Io = processIo()): Promise<number> {
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-gate-'));
  // The plan file and terraform's held output hold sensitive values in clear. An internal error
  // ends the process with process.exit (cli.ts), which runs no `finally`: the directory goes then too.
  const removeTempDir = (): void => fs.rmSync(tempDir, { recursive: true, force: true });
  process.on('exit', removeTempDir);
  const interruption = new Interruption();
  // terraform's output may end without a newline (a colour reset): the gate's line starts on its own.
  let atLineStart = true;
  const tracked: Io = {
    ...io,
    stderr: (text) => {
      if (text) atLineStart = text.endsWith('\n');
      return io.stderr(text);
    },
  };
  const say = (line: string): void => void io.stderr(`${atLineStart ? '' : '\n'}twinguard gate: ${line}\n`);
  try {
    say(await gate(options, tracked, tempDir, interruption));
    return EXIT_PASS;
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    const applied = error.applyRan ? '' : '; nothing was applied';
    // A reason names what was given (--dir, --binary, --config, TWINGUARD_TERRAFORM): a secret in it
    // is masked (`maskedAll`; not cut, a path stays whole) and its control characters are escaped as
    // a report shows data (`showData`), so the line neither prints a key nor moves the cursor.
    say(`${showData(maskedAll(oneLine(error.message)))}${applied}`);
    return error.exitCode;
  } finally {
    removeTempDir();
    process.off('exit', removeTempDir);
    interruption.dispose();
  }
}

const GATE_EXAMPLES = `
Arguments after -- go to terraform plan, unchanged and never printed (paths in them are relative to
--dir, as with terraform -chdir); --init-arg adds one argument to terraform init. -out,
-detailed-exitcode, -input=true and -chdir are the gate's own and refused, also in TF_CLI_ARGS,
TF_CLI_ARGS_init and TF_CLI_ARGS_plan. When the plan was given an ephemeral variable (Terraform
1.10 and later), its -var and -var-file arguments (TF_CLI_ARGS_plan's too) go to terraform apply
again, never printed.

Examples:
  $ twinguard gate --dir cdktf.out/stacks/twinmaker-dev
  $ twinguard gate --dir infra --init-arg=-backend-config=prod.s3.tfbackend -- -var-file=prod.tfvars
  $ twinguard gate --dir infra --binary tofu --plan-only --format sarif --output twinguard.sarif --format text
  $ TWINGUARD_TERRAFORM=/opt/terraform/bin/terraform twinguard gate --dir infra

Exit codes:
  0  applied the checked plan (with --plan-only: the plan passed the check)
  1  blocking findings: nothing was applied
  2  a step failed (init, plan, show, an unreadable plan, the configuration, a plan file changed
     after the check, apply), or SIGINT/SIGTERM/SIGHUP came: nothing was applied, or the apply itself
     failed or was interrupted`;

interface GateFlags {
  dir: string;
  initArg?: string[];
  binary?: string;
  planOnly?: boolean;
  config?: string;
  strict?: boolean;
  color: boolean;
}

const parseFormat = (pairs: OutputPairs) => (value: string) => {
  if (!(FORMATS as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${FORMATS.join(', ')}`);
  pairs.addFormat(value as Format);
  return value;
};

/**
 * Add `twinguard gate` to the CLI's program. In `checks/cli.ts`'s `buildProgram`:
 * `registerGateCommand(program, io, setExit);`
 */
export function registerGateCommand(program: Command, io: Io, setExit: (code: number) => void): Command {
  const pairs = new OutputPairs();
  return program
    .command('gate')
    .description('plan, check with twinguard, and apply exactly the checked plan in a Terraform working directory')
    // Empty (`--dir "$STACK_DIR"`, the variable unset), --dir ran terraform in the working directory and --binary ran terraform.
    .addOption(new Option('-d, --dir <dir>', 'the Terraform working directory').default('.').argParser((value: string) => nonEmpty('--dir', value)))
    .addOption(new Option('--binary <path>', 'terraform, tofu or a path to the executable (default: $TWINGUARD_TERRAFORM, else terraform)').argParser((value: string) => nonEmpty('--binary', value)))
    .option('--plan-only', 'stop after the check: never apply')
    .addOption(new Option('-f, --format <format>', `report format, repeatable: ${FORMATS.join(', ')} (default: text)`).argParser(parseFormat(pairs)))
    .addOption(
      new Option('-o, --output <file>', 'write the preceding --format to FILE instead of stdout, repeatable').argParser((value: string) => {
        pairs.addOutput(value);
        return value;
      }),
    )
    .addOption(
      new Option('-c, --config <file>', 'configuration file (default: twinguard.config.yaml, .yml or .json in the current directory, not --dir)').argParser((value: string, previous?: string) => {
        // As `check` refuses it: the last one silently won.
        if (previous !== undefined) throw new InvalidArgumentError('only one configuration file can be given');
        return value;
      }),
    )
    .option('--strict', STRICT_HELP)
    .option('--no-color', 'no colours in the text report (also: NO_COLOR=1)')
    .option('--init-arg <arg>', 'one more argument for terraform init, repeatable (-backend-config=FILE, -reconfigure)', (arg: string, previous: string[] = []) => [...previous, arg])
    .argument('[terraform-plan-args...]', 'after --: more arguments for terraform plan (-var-file=FILE, -target=ADDRESS, -destroy)')
    .addHelpText('after', GATE_EXAMPLES)
    .action(async (planArgs: string[], flags: GateFlags, command: Command) => {
      // `gate infra` (meant as `--dir infra`) must not reach plan; terraform plan takes no operand either.
      if (planArgs.length > 0 && !planArgs[0].startsWith('-')) {
        command.error('error: twinguard gate takes no operand: arguments for terraform plan go after --, the working directory after --dir', { exitCode: EXIT_UNUSABLE });
      }
      // A report must not replace what the gate reads: the configuration, the code in --dir, a variable file.
      const configs = configFilesFor(flags.config, io.cwd);
      const varFiles = flagValues(planArgs, 'var-file').map((file) => path.resolve(io.cwd, flags.dir ?? '.', file));
      const outputs = pairs.resolve(io.cwd, [...configs.map((file) => ({ file, what: 'configuration file' })), ...varFiles.map((file) => ({ file, what: 'variable file' }))]);
      setExit(
        await runGate(
          {
            dir: flags.dir,
            outputs,
            color: flags.color,
            ...(flags.binary !== undefined ? { binary: flags.binary } : {}),
            ...(flags.planOnly ? { planOnly: true } : {}),
            ...(flags.config !== undefined ? { config: flags.config } : {}),
            ...(flags.strict ? { strict: true } : {}),
            ...(flags.initArg ? { initArgs: flags.initArg } : {}),
            ...(planArgs.length > 0 ? { planArgs } : {}),
          },
          io,
        ),
      );
    });
}
