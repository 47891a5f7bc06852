/**
 * The `twinguard` command line: argument parsing, file I/O and the exit code, nothing else
 * (STYLE.md convention 8). Exit codes: 0 no blocking finding, 1 blocking findings, 2 the input,
 * the configuration or the command line could not be used — including any unexpected error,
 * printed as one line, never a stack trace.
 */
import * as v8 from 'node:v8';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import packageJson from '../package.json';
import { check, exitCodeOf, FORMATS, type Format, onByDefault, STRICT_HELP } from './check';
import { closeIds, configFilesFor, loadConfig } from './config';
import { InputError, nonEmpty } from './errors';
import { registerGateCommand } from './gate';
import { EXIT_PASS, EXIT_UNUSABLE, type Io, oneLine, OutputPairs, type ReadFile, unwritable, writeReports } from './output';
import { readCode, withCode } from './model/code-sources';
import { type ConfigTool, fileBeingParsed, type GivenValue, OpenTofuFileError } from './model/hcl';
import { loadInputs } from './model/load';
import type { InputKind, LoadedInput } from './model/types';
import { quotedInput } from './model/quoted';
import { showData } from './reporters/shared';
import { maskedAll } from './rules/support/detect';
import { ALL_RULES } from './rules/index';
import type { RuleDefinition } from './rules/types';


const EXIT_CODES_HELP = `
Exit codes:
  0  no blocking finding
  1  blocking findings (failed or unverifiable checks, expired waivers; with --strict, resource types no rule understands, aws or awscc types required-tags could not tell take tags, modules not loaded and incomplete plans: each change deferred)
  2  the input, the configuration or the command line could not be used (the gate fails closed)`;

const CHECK_EXAMPLES = `
Examples:
  $ terraform show -json plan.tfplan > plan.json && twinguard check plan.json
  $ terraform show -json plan.tfplan | twinguard check -
  $ twinguard check plan.json --code .               # with the .tf code that made the plan
  $ twinguard check cdktf.out                       # every synthesized cdktf stack
  $ twinguard check ./infra --input-kind hcl        # a directory of .tf files
  $ twinguard check ./infra --tool opentofu         # read as tofu reads it (.tofu files; or --tool terraform)
  $ twinguard check plan.json --format sarif --output twinguard.sarif --format markdown --output summary.md --format text
  $ twinguard check plan.json --config ci/twinguard.config.yaml --strict
${EXIT_CODES_HELP}`;


/** `--tool`'s values: the tools whose reading of a directory's files differs (`ConfigTool`). */
const TOOLS: readonly ConfigTool[] = ['terraform', 'opentofu'];


const parseFormat = (value: string): Format => {
  if (!(FORMATS as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${FORMATS.join(', ')}`);
  return value as Format;
};


interface CheckFlags {
  config?: string;
  code?: string;
  inputKind?: InputKind;
  tool?: ConfigTool;
  strict?: boolean;
  color: boolean;
  timings?: boolean;
}

/** Rules listed by `--timings`: the slowest. */
const TIMED_RULES = 10;

/**
 * Where a check's time went, for stderr: loading, the graph, the rules, and the slowest rules.
 * A large plan's values are read again from its file by the first rule that asks for a resource,
 * so that rule's time includes the reading.
 */
function timingsTable(timings: ReadonlyMap<string, number>): string {
  const ms = (value: number | undefined): string => `${Math.round(value ?? 0)} ms`.padStart(10);
  const phases = ['load', 'graph', 'rules'];
  const rules = [...timings].filter(([id]) => !phases.includes(id)).sort((a, b) => b[1] - a[1]).slice(0, TIMED_RULES);
  const width = Math.max(5, ...rules.map(([id]) => id.length + 2));
  const lines = [
    'twinguard timings:',
    ...phases.map((phase) => `  ${phase.padEnd(width)}${ms(timings.get(phase))}`),
    ...rules.map(([id, value]) => `    ${id.padEnd(width - 2)}${ms(value)}`),
  ];
  return `${lines.join('\n')}\n`;
}


/** Whether `file` is a directory; false where it cannot be told (a link loop, no permission: the loader refuses the input, saying why). */
function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}

/** What the check reads, which `--output` may not name: inputs, the configuration, variable files (and, anywhere, a file named as code). */
function readFiles(inputs: readonly string[], flags: CheckFlags, cwd: string, given: readonly GivenValue[]): ReadFile[] {
  return [
    // A directory is no file a report could replace (writing onto one fails, and says so).
    ...inputs.filter((input) => input !== '-' && !isDirectory(path.resolve(cwd, input))).map((file) => ({ file, what: 'input' })),
    ...configFilesFor(flags.config, cwd).map((file) => ({ file, what: 'configuration file' })),
    ...given.flatMap((g) => ('varFile' in g ? [{ file: g.varFile, what: 'variable file' }] : [])),
  ];
}

async function runCheck(inputs: string[], flags: CheckFlags, pairs: OutputPairs, io: Io, given: readonly GivenValue[]): Promise<number> {
  if (inputs.includes('')) throw new InputError('check', 'an input is empty: name a plan JSON file (- for stdin), a cdk.tf.json, a cdktf.out directory or a directory of .tf files');
  const outputs = pairs.resolve(io.cwd, readFiles(inputs, flags, io.cwd, given));
  const config = loadConfig(flags.config, io.cwd, ALL_RULES);
  const paths = inputs.length > 0 ? inputs : defaultInputs(io.cwd);
  const timings = flags.timings ? new Map<string, number>() : undefined;
  const started = performance.now();
  const loaded = await withCodeOf(await loadInputs(paths, flags.inputKind, io.env, given, flags.tool), flags.code, io.env, flags.tool);
  if (given.length > 0 && !loaded.some((input) => input.kind === 'hcl')) {
    const options = [...new Set(given.map((value) => ('varFile' in value ? '--var-file' : '--var')))].join(' and ');
    throw new InputError(options, `${options.includes(' and ') ? 'apply' : 'applies'} to .tf inputs, and none was given (a plan holds its variables; cdktf variables are not read)`);
  }
  if (flags.tool !== undefined && flags.code === undefined && !loaded.some((input) => input.kind === 'hcl')) {
    throw new InputError(`--tool ${flags.tool}`, 'applies to .tf inputs and the code of --code, and none was given (a plan records what its tool read; cdktf writes no .tofu file)');
  }
  timings?.set('load', performance.now() - started);
  const checked = check(loaded, { ...config, strict: flags.strict === true || config.strict }, timings ? { timings } : {});
  writeReports(checked, outputs, flags.color, io);
  if (timings) io.stderr(timingsTable(timings));
  return exitCodeOf(checked.report);
}

/** The plan inputs read with the code that made them (`--code DIR`, see code-sources.ts), as `tool` reads it where named. */
async function withCodeOf(inputs: LoadedInput[], dir: string | undefined, env: Readonly<Record<string, string | undefined>>, tool: ConfigTool | undefined): Promise<LoadedInput[]> {
  if (dir === undefined) return inputs;
  if (!inputs.some((input) => input.kind === 'plan')) throw new InputError('--code', 'applies to plan inputs, and none was given (a .tf or cdktf input is its own code)');
  const read = async (plan: LoadedInput): Promise<LoadedInput> => {
    try {
      return withCode(plan, await readCode(dir, plan, env, tool));
    } catch (error) {
      // The plan is given already: the refusal of a directory with .tofu files says what to do instead.
      if (error instanceof OpenTofuFileError) throw new InputError(`--code ${dir}`, `${error.input}: an OpenTofu file (.tofu): OpenTofu reads it, in place of a .tf file of the same name, and Terraform ignores it; name the tool that made the plan (--tool opentofu or --tool terraform), or check the plan without --code`);
      if (error instanceof InputError) throw new InputError(`--code ${dir}`, error.reason);
      throw error;
    }
  };
  const out: LoadedInput[] = [];
  for (const input of inputs) out.push(input.kind === 'plan' ? await read(input) : input);
  return out;
}

function defaultInputs(cwd: string): string[] {
  if (fs.existsSync(path.join(cwd, 'cdktf.out'))) return ['cdktf.out'];
  throw new InputError('check', 'no input given: name a plan JSON file (- for stdin), a cdk.tf.json, a cdktf.out directory or a directory of .tf files');
}

/** A rule a default setting keeps from judging anything: it runs, and passes everything, until the setting is given. */
const offBySetting = (rule: RuleDefinition): boolean => !rule.optIn && !onByDefault(rule);

/**
 * The rules, one a line, and what is on by default: an opt-in rule is marked so, and a rule a
 * default setting keeps from judging anything `(off by default)`, named with its setting below
 * (`topic-queue-deny-insecure-transport` was listed as any rule on by default, and passed every queue).
 */
function rulesTable(rules: readonly RuleDefinition[]): string {
  const sorted = [...rules].sort((a, b) => (a.category < b.category ? -1 : a.category > b.category ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const marks = (r: RuleDefinition): string => (r.optIn ? ' (opt-in)' : '') + (offBySetting(r) ? ' (off by default)' : '') + (r.unwaivable ? ' (unwaivable)' : '');
  const rows = [['ID', 'CATEGORY', 'SEVERITY', 'TITLE'], ...sorted.map((r) => [r.id + marks(r), r.category, r.severity, r.title])];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => row[c].length)));
  const bySetting = sorted.filter(offBySetting).map((r) => `${r.id} (${r.offWhen?.setting})`);
  const optIn = sorted.filter((r) => r.optIn).length;
  const summary = [
    `${rules.length} rules, ${rules.filter(onByDefault).length} on by default`,
    ...(optIn > 0 ? [`${optIn} opt-in (rules.enable)`] : []),
    ...(bySetting.length > 0 ? [`${bySetting.length} off by default, turned on by a setting: ${bySetting.join(', ')}`] : []),
  ].join('; ');
  return `${rows.map((row) => row.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]) : cell)).join('  ')).join('\n')}\n\n${summary}\n`;
}

/** The rule's doc page (docs/rules/<id>.md beside the bundle's parent directory). */
function explain(id: string, rules: readonly RuleDefinition[]): string {
  if (id === '') throw new InputError('explain', 'the rule id is empty; `twinguard rules` lists them');
  const ids = rules.map((r) => r.id);
  if (!ids.includes(id)) {
    const close = closeIds(id, ids);
    throw new InputError(id, `no such rule${close.length > 0 ? ` (did you mean ${close.join(', ')}?)` : ''}; \`twinguard rules\` lists them`);
  }
  const page = path.resolve(__dirname, '..', 'docs', 'rules', `${id}.md`);
  try {
    return fs.readFileSync(page, 'utf8');
  } catch {
    throw new InputError(id, `its documentation page is missing (${page})`);
  }
}



/**
 * commander's message, without the value of an option it does not know: terraform's spelling
 * (`-var=token=ghp_…`) is an unknown option here, and its value may be a secret.
 */
function commanderMessage(error: CommanderError, command: string | undefined): string {
  const message = error.message.replace(/^error:\s*/, '');
  if (error.code !== 'commander.unknownOption') return message;
  const option = /'(-[^'=]*)=/.exec(message)?.[1];
  if (option === undefined) return message;
  const terraformOption = /^-{1,2}var(-file)?$/.test(option);
  const hint = !terraformOption ? '' : command === 'gate' ? '; terraform plan arguments go after -- (twinguard gate [options] -- -var-file=…)' : `; twinguard takes --var${option.endsWith('-file') ? '-file FILE' : ' NAME=VALUE'}`;
  return `unknown option '${option}=…' (what follows = is not printed: it may hold a secret)${hint}`;
}

/**
 * commander's message with what was typed, which it quotes (`argument 'x' is invalid`, `unknown
 * command 'x'`), quoted as a refusal quotes input (`quotedInput`): a secret masked, a long value
 * cut, control characters escaped (`--format $'x\e[2J'` cleared the screen). Its own words, and any
 * part of a value a quote inside it leaves out, have their control characters escaped too.
 */
const quotingTyped = (message: string): string => showData(oneLine(message.replace(/'([^']*)'/g, (_quoted, typed: string) => `'${quotedInput(typed)}'`)));

function describeError(error: unknown, command?: string): string {
  // A name (a file's, a key's) is data: a line feed in it is written `\n`, not a break, and ESC or a bidi override as an escape.
  // What was typed (a path, a rule id) is masked where it holds a secret, and not cut: a long path stays whole.
  if (error instanceof InputError) return showData(oneLine(`${showData(maskedAll(error.input))}: ${error.reason}`));
  if (error instanceof CommanderError) return quotingTyped(commanderMessage(error, command));
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `internal error (please report it): ${message.trim().split(/\r?\n/)[0].slice(0, 300)}`;
}

/**
 * The options of a command that writes reports: `--format`/`--output` pairs (into `pairs`),
 * `--config`, `--strict` and `--no-color`. Shared by `check` and any command that runs a check.
 */
function addReportOptions(command: Command, pairs: OutputPairs): Command {
  return command
    .addOption(
      new Option('-f, --format <format>', `report format, repeatable: ${FORMATS.join(', ')} (default: text)`).argParser((value: string) => {
        pairs.addFormat(parseFormat(value));
        return value;
      }),
    )
    .addOption(
      new Option('-o, --output <file>', 'write the preceding --format to FILE instead of stdout, repeatable').argParser((value: string) => {
        pairs.addOutput(value);
        return value;
      }),
    )
    .addOption(
      new Option('-c, --config <file>', 'configuration file (default: twinguard.config.yaml, .yml or .json in the working directory)').argParser((value: string, previous?: string) => {
        if (previous !== undefined) throw new InvalidArgumentError('only one configuration file can be given');
        return value;
      }),
    )
    .option('--strict', STRICT_HELP)
    .option('--no-color', 'no colours in the text report (also: NO_COLOR=1)');
}

function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('twinguard')
    .description('A Terraform plan gate for encryption, tagging and sensitive data (AWS, cdktf, IoT TwinMaker).')
    .version(packageJson.version, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s), outputError: () => undefined })
    .addHelpText('after', `${EXIT_CODES_HELP}\n\nRun \`twinguard check --help\` for examples.`);

  const pairs = new OutputPairs();
  // -var and -var-file values in the order given, as terraform takes them (the last one wins).
  const given: GivenValue[] = [];
  const checkCommand = program
    .command('check')
    .description('check Terraform plans, cdktf output or .tf directories and report the findings')
    .argument('[INPUT...]', 'plan JSON file, - (plan JSON on stdin), cdk.tf.json, cdktf.out directory or directory of .tf files (default: ./cdktf.out)');
  addReportOptions(checkCommand, pairs)
    .addOption(new Option('--input-kind <kind>', 'treat every input as this kind instead of detecting it').choices(['plan', 'cdktf', 'hcl']))
    .addOption(
      new Option('--tool <tool>', 'the tool that plans the .tf inputs and --code: OpenTofu reads .tofu files in place of the .tf files of the same name, Terraform ignores them (default: told by the files; a directory with .tofu files they do not tell of is refused)').choices(
        TOOLS,
      ),
    )
    .addOption(new Option('--var <NAME=VALUE>', "a root variable's value for .tf inputs, as terraform plan -var takes it (repeatable)").argParser((value: string) => void given.push({ variable: value })))
    .addOption(new Option('--var-file <file>', 'a variable file for .tf inputs, as terraform plan -var-file takes it (repeatable; after terraform.tfvars and *.auto.tfvars)').argParser((value: string) => void given.push({ varFile: nonEmpty('--var-file', value) })))
    .addOption(
      new Option('--code <dir>', "the code the plan was made from (.tf files, or a cdktf stack directory with cdk.tf.json): follows locals and reads values the plan knows only after apply, such as a new bucket's ARN in its policy").argParser((value: string, previous?: string) => {
        // One directory reads every plan: which of two would be the code of which plan?
        if (previous !== undefined) throw new InvalidArgumentError('only one code directory can be given');
        return nonEmpty('--code', value);
      }),
    )
    .option('--timings', 'print to stderr where the time went: loading, the graph, the rules and the slowest rules')
    .addHelpText('after', CHECK_EXAMPLES)
    .action(async (inputs: string[], flags: CheckFlags) => setExit(await runCheck(inputs, flags, pairs, io, given)));

  program
    .command('rules')
    .description('list the rules: id, category, severity, title')
    .action(() => {
      io.stdout(rulesTable(ALL_RULES));
      setExit(EXIT_PASS);
    });

  program
    .command('explain')
    .description("print a rule's documentation")
    .argument('<RULE>', 'rule id, as `twinguard rules` lists it')
    .action((id: string) => {
      io.stdout(explain(id, ALL_RULES));
      setExit(EXIT_PASS);
    });

  registerGateCommand(program, io, setExit);
  return program;
}

/** Run the CLI on `argv` (without `node` and the script) and return the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let code: number = EXIT_UNUSABLE;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    if (argv.length === 0) {
      io.stderr('twinguard: missing command: check, rules, explain or gate (see twinguard --help)\n');
      return EXIT_UNUSABLE;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError && (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')) return EXIT_PASS;
    io.stderr(`twinguard: ${describeError(error, argv[0])}\n`);
    return EXIT_UNUSABLE;
  }
}

/** The process entry: real stdio, and a last line of defence that still exits 2 in one line. */
function runAsProcess(): void {
  // V8 lets the heap grow to about three times what is live before a full collection. Growing it
  // by 4% instead keeps a large plan's peak memory near what the check needs. Measured on the
  // bench's plans: 100k resources, peak RSS 508 MB -> 241 MB (at 10%) for about 10% more time;
  // 774k resources (1.28 GB), 561 MB at 10% -> 528 MB at 4%, in the same time.
  v8.setFlagsFromString('--heap-growing-percent=4');
  const fail = (error: unknown) => {
    process.stderr.write(`twinguard: ${describeError(error)}\n`);
    process.exit(EXIT_UNUSABLE);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  // A reader that stops early (`| head`) is no failure; a full disk is the report's, not twinguard's: it said "internal error (please report it)".
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') fail(unwritable('standard output', error));
  });
  const io: Io = {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTty: process.stdout.isTTY === true,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
  // Fail closed if the event loop runs dry before the command has an answer: hcl2json's Go runtime
  // stops on a fatal error and leaves its promise unsettled, and Node then exits 0 with no output.
  let answered = false;
  process.on('exit', (exitCode) => {
    if (answered || exitCode !== 0) return;
    const file = fileBeingParsed();
    fs.writeSync(2, `twinguard: ${file ? `${file}: the HCL parser stopped without an answer` : 'stopped before it had an answer'}: nothing was judged\n`);
    process.exitCode = EXIT_UNUSABLE;
  });
  main(process.argv.slice(2), io).then((code) => {
    answered = true;
    process.exitCode = code;
  }, fail);
}

if (require.main === module) runAsProcess();
