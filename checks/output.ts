/**
 * What the CLI and the gate share to talk to the outside: exit codes, the I/O seam that lets tests
 * run them in-process, `--format`/`--output` pairing and report writing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Checked, type Format, render } from './check';
import { InputError } from './errors';
import { ioProblem } from './model/io-problem';

export const EXIT_PASS = 0;
export const EXIT_UNUSABLE = 2;

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

/** Where one rendered format goes. */
export interface OutputPair {
  readonly format: Format;
  /** A file, or undefined for stdout. */
  readonly output?: string;
}

/** A file a check reads, which no report may overwrite (`OutputPairs.resolve`), with what it is: `input`, `configuration file`, `variable file`. */
export interface ReadFile {
  readonly file: string;
  readonly what: string;
}

/** The files a loader reads in a directory of code: .tf, .tofu, their JSON forms, variable files, cdktf's. */
const CODE_FILE = /\.(?:tf|tofu|tfvars)(?:\.json)?$|^(?:cdk\.tf\.json|manifest\.json|modules\.json)$/;

/** The device and inode of an existing file (the same for every hard link to it); undefined where there is none. */
function fileId(file: string): string | undefined {
  try {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    return stat === undefined ? undefined : `${stat.dev}:${stat.ino}`;
  } catch {
    return undefined; // not there to be replaced (a path through a file: writing it fails, and says so)
  }
}

/** A path as the file system resolves it (symbolic links followed), also for a file not written yet. */
function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    try {
      return path.join(realPath(path.dirname(file)), path.basename(file));
    } catch {
      return file;
    }
  }
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

  /**
   * The pairs, checked: at most one goes to stdout, no file twice, and none onto a file the check
   * reads (`-o plan.json` replaced the plan with its own report): outputs resolve from `cwd`.
   */
  resolve(cwd: string = process.cwd(), reads: readonly ReadFile[] = []): OutputPair[] {
    const pairs = (this.pairs.length > 0 ? this.pairs : [{}]).map((p) => ({
      format: p.format ?? 'text',
      ...(p.output !== undefined && p.output !== '-' ? { output: p.output } : {}),
    }));
    if (pairs.filter((p) => p.output === undefined).length > 1) {
      throw new InputError('--format', 'several formats would go to stdout: give each but one an --output FILE');
    }
    if (pairs.some((p) => p.output === '')) throw new InputError('--output', 'is empty: name a file, or - for stdout');
    const files = pairs.flatMap((p) => (p.output ? [path.resolve(cwd, p.output)] : []));
    const twice = files.find((f, i) => files.indexOf(f) !== i);
    if (twice) throw new InputError('--output', `${twice} is named twice`);
    const read = reads.map(({ file, what }) => ({ real: realPath(path.resolve(cwd, file)), id: fileId(path.resolve(cwd, file)), what }));
    for (const output of pairs.flatMap((p) => (p.output ? [p.output] : []))) {
      const real = realPath(path.resolve(cwd, output));
      // The same file by another path, a symbolic link or a hard link.
      const id = fileId(real);
      const file = read.find((r) => r.real === real || (id !== undefined && r.id === id));
      if (file) throw new InputError(`--output ${output}`, `is the ${file.what} the check reads: the report would replace it; name another file`);
      // A file named as code is code (a local module's, beside the inputs) wherever it is: no report is written over one.
      if (CODE_FILE.test(path.basename(real))) throw new InputError(`--output ${output}`, 'is named as Terraform code or a variable file, which the check may read: the report would replace it; name another file');
    }
    return pairs;
  }
}

/** Colours only for a TTY, never with NO_COLOR set (https://no-color.org) or --no-color. */
const useColor = (flag: boolean, env: NodeJS.ProcessEnv, isTty: boolean): boolean => flag && isTty && !env.NO_COLOR;

/** Render every requested format and write it to its file (relative to `io.cwd`) or to stdout. */
export function writeReports(checked: Checked, outputs: readonly OutputPair[], colorFlag: boolean, io: Io): void {
  for (const { format, output } of outputs) {
    const text = render(checked, format, { color: output === undefined && useColor(colorFlag, io.env, io.stdoutIsTty), cwd: io.cwd, env: io.env });
    if (output === undefined) {
      io.stdout(text);
      continue;
    }
    const file = path.resolve(io.cwd, output);
    try {
      makeDirectories(path.dirname(file));
      fs.writeFileSync(file, text);
    } catch (error) {
      throw unwritable(output, error);
    }
  }
}

/** The one-line refusal of a report that cannot be written: to a file, or to stdout (`standard output`, a full disk). */
export const unwritable = (output: string, error: unknown): InputError =>
  new InputError(output, `cannot write the report: ${ioProblem(error) ?? (error as NodeJS.ErrnoException).code ?? (error as Error).message}`);

/**
 * `dir` and its missing parents, made one level at a time from the nearest that exists. Not
 * `mkdirSync(dir, { recursive: true })`: on Node 20 it never returns under /proc (`-o /proc/x/y.json`
 * spun for minutes), where a single `mkdirSync` fails at once.
 */
function makeDirectories(dir: string): void {
  const missing: string[] = [];
  for (let at = dir; !fs.existsSync(at) && path.dirname(at) !== at; at = path.dirname(at)) missing.push(at);
  for (const at of missing.reverse()) fs.mkdirSync(at);
}
