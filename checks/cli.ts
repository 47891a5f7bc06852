/**
 * The `twinguard` command line: argument parsing, file I/O and the exit code, nothing else
 * (STYLE.md convention 8). Exit codes: 0 no blocking finding, 1 blocking findings, 2 the input,
 * the configuration or the command line could not be used — including any unexpected error,
 * printed as one line, never a stack trace.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import packageJson from '../package.json';
import { check, exitCodeOf, FORMATS, type Format, render } from './check';
import { closeIds, loadConfig } from './config';
import { InputError } from './errors';
import { registerGateCommand } from './gate';
import { loadInputs } from './model/load';
import type { InputKind } from './model/types';
import { ALL_RULES } from './rules/index';
import type { RuleDefinition } from './rules/types';

export const EXIT_PASS = 0;
export const EXIT_UNUSABLE = 2;

const EXIT_CODES_HELP = `
Exit codes:
  0  no blocking finding
  1  blocking findings (failed or unverifiable checks, expired waivers; with --strict, unchecked resource types)
  2  the input, the configuration or the command line could not be used (the gate fails closed)`;

const CHECK_EXAMPLES = `
Examples:
  $ terraform show -json plan.tfplan > plan.json && twinguard check plan.json
  $ terraform show -json plan.tfplan | twinguard check -
  $ twinguard check cdktf.out                       # every synthesized cdktf stack
  $ twinguard check ./infra --input-kind hcl        # a directory of .tf files
  $ twinguard check plan.json --format sarif --output twinguard.sarif --format markdown --output summary.md --format text
  $ twinguard check plan.json --config ci/twinguard.config.yaml --strict
${EXIT_CODES_HELP}`;

/** Where one rendered format goes. */
export interface OutputPair {
  readonly format: Format;
  /** A file, or undefined for stdout. */
  readonly output?: string;
}

/**
 * `--format` and `--output` pair up in the order given: an `--output` belongs to the `--format`
 * just before it (or just after it, when it comes first). A format without an output goes to
 * stdout; an output without a format gets text.
 */
export class OutputPairs {
  private readonly pairs: { format?: Format; output?: string }[] = [];

  addFormat(format: Format): void {
    const last = this.pairs[this.pairs.length - 1];
    if (last && last.format === undefined) last.format = format;
    else this.pairs.push({ format });
  }

  addOutput(output: string): void {
    const last = this.pairs[this.pairs.length - 1];
    if (last && last.output === undefined) last.output = output;
    else this.pairs.push({ output });
  }

  /** The pairs, checked: at most one goes to stdout, no file twice. */
  resolve(): OutputPair[] {
    const pairs = (this.pairs.length > 0 ? this.pairs : [{}]).map((p) => ({
      format: p.format ?? 'text',
      ...(p.output !== undefined && p.output !== '-' ? { output: p.output } : {}),
    }));
    if (pairs.filter((p) => p.output === undefined).length > 1) {
      throw new InputError('--format', 'several formats would go to stdout: give each but one an --output FILE');
    }
    const files = pairs.flatMap((p) => (p.output ? [path.resolve(p.output)] : []));
    const twice = files.find((f, i) => files.indexOf(f) !== i);
    if (twice) throw new InputError('--output', `${twice} is named twice`);
    return pairs;
  }
}

const parseFormat = (value: string): Format => {
  if (!(FORMATS as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${FORMATS.join(', ')}`);
  return value as Format;
};

/** Colours only for a TTY, never with NO_COLOR set (https://no-color.org) or --no-color. */
export const useColor = (flag: boolean, env: NodeJS.ProcessEnv, isTty: boolean): boolean => flag && isTty && !env.NO_COLOR;

interface CheckFlags {
  config?: string;
  inputKind?: InputKind;
  strict?: boolean;
  color: boolean;
}

function writeOutput(file: string, text: string): void {
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, text);
  } catch (error) {
    throw new InputError(file, `cannot write the report (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

async function runCheck(inputs: string[], flags: CheckFlags, pairs: OutputPairs, io: Io): Promise<number> {
  const outputs = pairs.resolve();
  const config = loadConfig(flags.config, io.cwd, ALL_RULES.map((r) => r.id));
  const paths = inputs.length > 0 ? inputs : defaultInputs(io.cwd);
  const loaded = await loadInputs(paths, flags.inputKind);
  const checked = check(loaded, { ...config, strict: flags.strict === true || config.strict });
  for (const { format, output } of outputs) {
    const color = output === undefined && useColor(flags.color, io.env, io.stdoutIsTty);
    const text = render(checked, format, { color });
    if (output === undefined) io.stdout(text);
    else writeOutput(output, text);
  }
  return exitCodeOf(checked.report);
}

function defaultInputs(cwd: string): string[] {
  if (fs.existsSync(path.join(cwd, 'cdktf.out'))) return ['cdktf.out'];
  throw new InputError('twinguard check', 'no input given: name a plan JSON file (- for stdin), a cdk.tf.json, a cdktf.out directory or a directory of .tf files');
}

function rulesTable(rules: readonly RuleDefinition[]): string {
  const sorted = [...rules].sort((a, b) => (a.category < b.category ? -1 : a.category > b.category ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rows = [['ID', 'CATEGORY', 'SEVERITY', 'TITLE'], ...sorted.map((r) => [r.id + (r.optIn ? ' (opt-in)' : '') + (r.unwaivable ? ' (unwaivable)' : ''), r.category, r.severity, r.title])];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => row[c].length)));
  return `${rows.map((row) => row.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]) : cell)).join('  ')).join('\n')}\n`;
}

/** The rule's doc page (docs/rules/<id>.md beside the bundle's parent directory). */
function explain(id: string, rules: readonly RuleDefinition[]): string {
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

/** What the CLI reads from and writes to, so tests can run it in-process too. */
export interface Io {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdoutIsTty: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** One line, whatever the error: the gate's last word must fit a CI log line. */
export const oneLine = (text: string): string => text.replace(/\s*\r?\n\s*/g, ' ').trim();

function describeError(error: unknown): string {
  if (error instanceof InputError) return oneLine(error.message);
  if (error instanceof CommanderError) return oneLine(error.message.replace(/^error:\s*/, ''));
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `internal error (please report it): ${message.trim().split(/\r?\n/)[0].slice(0, 300)}`;
}

/**
 * The options of a command that writes reports: `--format`/`--output` pairs (into `pairs`),
 * `--config`, `--strict` and `--no-color`. Shared by `check` and any command that runs a check.
 */
export function addReportOptions(command: Command, pairs: OutputPairs): Command {
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
    .option('--strict', 'fail when a resource type is not understood by any rule')
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
  const checkCommand = program
    .command('check')
    .description('check Terraform plans, cdktf output or .tf directories and report the findings')
    .argument('[INPUT...]', 'plan JSON file, - (plan JSON on stdin), cdk.tf.json, cdktf.out directory or directory of .tf files (default: ./cdktf.out)');
  addReportOptions(checkCommand, pairs)
    .addOption(new Option('--input-kind <kind>', 'treat every input as this kind instead of detecting it').choices(['plan', 'cdktf', 'hcl']))
    .addHelpText('after', CHECK_EXAMPLES)
    .action(async (inputs: string[], flags: CheckFlags) => setExit(await runCheck(inputs, flags, pairs, io)));

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
    if (argv.length === 0) throw new InputError('twinguard', 'missing command: check, rules or explain (see twinguard --help)');
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError && (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')) return EXIT_PASS;
    io.stderr(`twinguard: ${describeError(error)}\n`);
    return EXIT_UNUSABLE;
  }
}

/** The process entry: real stdio, and a last line of defence that still exits 2 in one line. */
function runAsProcess(): void {
  const fail = (error: unknown) => {
    process.stderr.write(`twinguard: ${describeError(error)}\n`);
    process.exit(EXIT_UNUSABLE);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') fail(error);
  });
  const io: Io = {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTty: process.stdout.isTTY === true,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
  main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  }, fail);
}

if (require.main === module) runAsProcess();
