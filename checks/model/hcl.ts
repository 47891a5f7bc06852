/**
 * Loader for a directory of Terraform configuration (.tf, and .tf.json) files. The .tf files are
 * parsed with `@cdktf/hcl2json`, whose output is Terraform JSON with every block wrapped in a list;
 * `readConfiguration` unwraps the labeled blocks once and reads values, expressions and references
 * as it does for cdk.tf.json.
 *
 * Modules: a call with a local source (`./modules/x`, `../shared`) is loaded from that directory,
 * recursively, so its resources exist with module addresses (`module.x.aws_s3_bucket.b`, and
 * `module.x[0]…` / `module.x["k"]…` for a literal count / for_each on the call, or a for_each over a
 * resource block of known keys, `for_each = aws_s3_bucket.m`). A call with any
 * other source (registry, git, http…) is read from where `terraform init` installed it
 * (`.terraform/modules/modules.json`, when installed from the same source, compared as init
 * records it: module-source.ts, and at a version the call's `version` admits: module-version.ts);
 * otherwise it is listed
 * in `moduleCalls` with its `source`, inputs and a `notLoaded` reason, and nothing in it is checked.
 * Override files (`override.tf`, `*_override.tf`, and their .tf.json forms) are merged into the blocks
 * they name, as Terraform merges them (override.ts).
 * A `cdk.tf.json` beside the .tf files is cdktf output and is not read here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Hcl2Json from '@cdktf/hcl2json';
import { InputError } from '../errors';
import { showData } from '../reporters/shared';
import { backendOf, withEnvironment } from './backend';
import { environmentDefaultTags, environmentIgnoreTags, type EnvironmentIgnoreTags } from './default-tags';
import { environmentEndpoints } from './environment-endpoints';
import { withNamedSharedFiles } from './named-shared-files';
import { stateEncryptionOf } from './state-encryption';
import { invalidJsonMessage, repeatedKeyMessage } from './json-error';
import { nestsTooDeep, TOO_DEEP, textNestsTooDeep } from './nesting';
import { hclLines, jsonConfigLines, type LineMap, overrideArgumentLines, type SourcePosition, variableFileLines } from './positions';
import { refuseUnknownTopLevel } from './top-level';
import { decodeText, notText } from './decode-text';
import {
  blockRepetitions,
  bodiesOf,
  existenceConditions,
  existsIfOf,
  indexText,
  isLocalSource,
  labeled,
  readConfiguration,
  repetitionOf,
  requiredProviderVersions,
  ROOT_SCOPE,
  type BlockRepetitions,
  type LocalModuleReader,
  type Repetition,
  type ModuleContent,
  type ModuleScope,
  MODULE_META,
  withImportTargets,
  stackVariables,
} from './cdktf';
import { acrossModules, elementSet, fromOutsideTheCode, givenEntries, givenValues, isWhollyKnown, LocalScope, markGiven, type ModuleLinks, type ModuleOutputs, NOT_WRITTEN, otherKeyType, type PathValues, stringsIn, takeSensitiveLiterals, UNKNOWN, type Written } from './evaluate';
import { type Evaluator, splitBlock } from './expressions';
import { callPath } from './graph/addresses';
import { isRecord, record } from './records';
import { type GivenVariable, moduleVariableValues, NOT_HCL, rootVariableValues, type VariableSource } from './root-variables';
import type { LoadedInput, ProviderVersion, VariableFile } from './types';
import { ValueView } from './value';
import { entryOf } from './entry-of';
import { ioProblem } from './io-problem';
import { recordedModuleSource } from './module-source';
import { versionAdmitted } from './module-version';
import { mergeOverride } from './override';
import { quotedInput, quotedPath } from './quoted';

type Body = Record<string, unknown>;

/** Deepest chain of local module calls followed (a module that calls itself would never end). */
const MAX_MODULE_DEPTH = 32;

/** Merge two documents: objects key by key, lists end to end (hcl2json's blocks are lists). */
function merge(a: unknown, b: unknown): unknown {
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (isRecord(a) && isRecord(b)) {
    const out: Body = Object.assign(record(), a);
    for (const [key, value] of Object.entries(b)) out[key] = key in out ? merge(out[key], value) : value;
    return out;
  }
  return b;
}

/** The first diagnostic of an hcl2json error: `main.tf:1,14-15: Unclosed configuration block; …`. */
function firstDiagnostic(message: string, file: string): string {
  const text = message.split('\n')[0].replace(/^parse config: \[/, '').replace(/\]$/, '');
  const next = text.indexOf(` ${file}:`, 1);
  return next > 0 ? text.slice(0, next) : text;
}

/** Names Terraform skips in a module directory: hidden files, vim backups, emacs autosaves (configs.IsIgnoredFile). */
const isIgnoredFile = (name: string): boolean => name.startsWith('.') || name.endsWith('~') || (name.startsWith('#') && name.endsWith('#'));

/** A .tf or .tf.json file Terraform reads; cdktf's `cdk.tf.json` is the cdktf loader's, not part of a .tf module. */
const isConfigFile = (name: string): boolean => /\.tf(\.json)?$/.test(name) && name !== 'cdk.tf.json' && !isIgnoredFile(name);

/**
 * A directory entry Terraform reads as configuration: a file, or a symbolic link (Terraform follows
 * it; shared `providers.tf` and `versions.tf` are often linked into each module). A link to nothing
 * or to a directory is then refused when read, as Terraform refuses it.
 */
export const isConfigEntry = (entry: fs.Dirent): boolean => isFileEntry(entry) && isConfigFile(entry.name);

/** A file, or a symbolic link, which Terraform follows to the file it names. */
const isFileEntry = (entry: fs.Dirent): boolean => entry.isFile() || entry.isSymbolicLink();

/** An OpenTofu-only configuration file (`.tofu`, `.tofu.json`): read only as OpenTofu reads a directory (`ConfigTool`). */
export const isOpenTofuEntry = (entry: fs.Dirent): boolean => isFileEntry(entry) && /\.tofu(\.json)?$/.test(entry.name) && !isIgnoredFile(entry.name);

/**
 * The tool whose reading of a module directory is followed. OpenTofu reads every `.tofu` and
 * `.tofu.json` file and ignores a `.tf` (`.tf.json`) file of the same base name; Terraform ignores
 * `.tofu` files (https://opentofu.org/docs/language/files/).
 */
export type ConfigTool = 'terraform' | 'opentofu';

/** A `.tofu` file given as the input: a single file is never read (the module's other files hold more of it). */
export const OPENTOFU_FILES =
  'an OpenTofu file (.tofu): give the directory that holds it, or check the plan (tofu plan -out=plan && tofu show -json plan)';

/** A directory holding a `.tofu` file, read where the tool that will plan it is not known. */
export class OpenTofuFileError extends InputError {}

/** The `.tf` (`.tf.json`) file OpenTofu ignores for the `.tofu` (`.tofu.json`) file `name`. */
const shadowedBy = (name: string): string => name.replace(/\.tofu(\.json)?$/, '.tf$1');

/**
 * Why a directory with the OpenTofu file `name` is refused when the tool is not known: which files
 * are planned depends on it, and reading either set could pass what the other deploys.
 */
function openTofuRefusal(name: string, files: readonly string[]): string {
  const shadowed = shadowedBy(name);
  const differs = files.includes(shadowed) ? `OpenTofu reads it in place of ${shadowed}, which Terraform reads` : 'OpenTofu reads it and Terraform ignores it';
  return `an OpenTofu file (.tofu): ${differs}, so what is planned depends on the tool; name it (twinguard check --tool opentofu, or --tool terraform), check the plan (tofu plan -out=plan && tofu show -json plan), or run twinguard gate --binary tofu`;
}

const isOverride = (file: string): boolean => /(^|_)override\.(tf|tofu)(\.json)?$/.test(file);

/**
 * A configuration file's text, or the one-line reason it cannot be read. `listed`: found by listing
 * its directory, so ENOENT is a symbolic link to nothing (a file named on the command line may just
 * not exist).
 */
async function readText(where: string, listed = true): Promise<string> {
  let text: string;
  try {
    text = decodeText(await readBytes(where));
  } catch (error) {
    // A pipe or a device past its bound (readBytes) says so itself.
    if (error instanceof InputError) throw error;
    // Or too large for one string (ERR_STRING_TOO_LONG, ERR_FS_FILE_TOO_LARGE).
    const code = (error as NodeJS.ErrnoException).code;
    const missing = listed ? 'a symbolic link to nothing' : 'no such file';
    const reason = code === 'ENOENT' ? missing : code === 'EISDIR' ? (listed ? 'a symbolic link to a directory' : 'a directory, not a file') : (ioProblem(error) ?? code ?? (error as Error).message);
    throw new InputError(where, `cannot read: ${reason} (Terraform cannot read it either)`);
  }
  // The parsers would name a character at line 1, not the encoding.
  const binary = notText(text);
  if (binary !== undefined) throw new InputError(where, binary);
  return text;
}

/** The most a pipe or a device read as a file (`--var-file <(vault …)`) may hold: no variable file or code comes near it. */
const STREAMED_FILE_BYTES = 64 * 1024 * 1024;

/**
 * A file's bytes. A pipe or a device has no size to go by and may never end (`--var-file /dev/zero`
 * grew to 10 GB in a minute): it is read to `STREAMED_FILE_BYTES` and refused beyond.
 */
async function readBytes(where: string): Promise<Buffer> {
  const stats = await fs.promises.stat(where);
  if (!stats.isFIFO() && !stats.isCharacterDevice()) return fs.promises.readFile(where);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of fs.createReadStream(where) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > STREAMED_FILE_BYTES) throw new InputError(where, `cannot read: it goes on past ${STREAMED_FILE_BYTES / 1024 / 1024} MiB, more than any variable file or code holds`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function parseJsonFile(where: string, text: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(where, invalidJsonMessage(error, text));
  }
  if (nestsTooDeep(parsed)) throw new InputError(where, TOO_DEEP);
  const repeated = repeatedKeyMessage(text);
  if (repeated !== undefined) throw new InputError(where, repeated);
  return withExactNumbers(parsed, text);
}

/**
 * The numbers of more than 15 significant digits written in `text` (`12345678901234567890`,
 * `0.1000000000000000055511151231257827`), by the double each reads as, with their text.
 * Terraform keeps such a number exact; a double does not.
 */
function longNumbers(text: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const [token] of text.matchAll(/\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g)) {
    const digits = token.replace(/[eE].*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
    if (digits.length > 15) out.set(Number(token), token);
  }
  return out;
}

/**
 * `parsed` (hcl2json's or JSON.parse's document of `text`) with each number a long literal of the
 * text may have given written back as an expression of that literal (`"\${12345678901234567890}"`),
 * which the evaluator leaves unknown: hcl2json and JSON.parse give such a number as a double
 * (`12345678901234567000`), a value Terraform would not have. A shorter literal of the same double
 * is unknown too.
 */
function withExactNumbers(parsed: unknown, text: string): unknown {
  const long = longNumbers(text);
  if (long.size === 0) return parsed;
  const walk = (value: unknown): unknown => {
    if (typeof value === 'number') {
      const token = long.get(Math.abs(value));
      return token === undefined ? value : `\${${value < 0 ? '-' : ''}${token}}`;
    }
    if (Array.isArray(value)) return value.map(walk);
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item)]));
    return value;
  };
  return walk(parsed);
}

/** The file hcl2json is parsing, while it is: what a process that stops without an answer names (cli.ts). */
let parsing: string | undefined;

export const fileBeingParsed = (): string | undefined => parsing;

async function parseHclFile(where: string, file: string, text: string): Promise<unknown> {
  if (textNestsTooDeep(text)) throw new InputError(where, TOO_DEEP);
  // Loaded here, not at the top: hcl2json boots a Go WASM runtime that only .tf inputs need.
  // Measured: `twinguard --version` 0.84–1.04 s / 128–140 MB RSS -> 0.66–0.77 s / 68 MB; bench 100k peak RSS 876 -> 716 MB.
  // `require`, not `import()`: the CJS bundle would keep a native dynamic import, which the tests'
  // in-process runs of dist/twinguard.js (jest's VM) cannot execute.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require('@cdktf/hcl2json') as typeof Hcl2Json;
  // The parser names the file in its diagnostics, of which the first line is kept: a line feed in
  // the name cut the message to `invalid HCL: a`. Escaped (`a\nb.tf`), it keeps position and reason.
  const named = showData(file);
  let parsed: unknown;
  try {
    parsing = where;
    parsed = await parse(named, text);
  } catch (error) {
    // hcl2json's own walk of a value nested thousands deep overflows the stack.
    if (error instanceof RangeError) throw new InputError(where, TOO_DEEP);
    throw new InputError(where, `invalid HCL: ${firstDiagnostic((error as Error).message, named)}`);
  } finally {
    parsing = undefined;
  }
  if (nestsTooDeep(parsed)) throw new InputError(where, TOO_DEEP);
  return withExactNumbers(parsed, text);
}

/** Variable files Terraform loads by itself: `terraform.tfvars`, `terraform.tfvars.json`, then `*.auto.tfvars` and `*.auto.tfvars.json`. */
const isVariableFile = (entry: fs.Dirent): boolean => isFileEntry(entry) && (/^terraform\.tfvars(\.json)?$/.test(entry.name) || /\.auto\.tfvars(\.json)?$/.test(entry.name));

/** Terraform's loading order: terraform.tfvars, terraform.tfvars.json, then the auto files by name. */
const variableFileOrder = (a: string, b: string): number => {
  const rank = (name: string): number => (name === 'terraform.tfvars' ? 0 : name === 'terraform.tfvars.json' ? 1 : 2);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
};

/** One variable file (`where`), named `file` in reports, the values it writes and the line of each (positions.ts). */
async function readVariableFileLines(where: string, file: string, listed = true): Promise<{ readonly file: VariableFile; readonly lines: LineMap }> {
  const text = await readText(where, listed);
  const isJson = file.endsWith('.json');
  const parsed = isJson ? parseJsonFile(where, text) : await parseHclFile(where, path.basename(file), text);
  if (!isRecord(parsed)) throw new InputError(where, 'not a variable file: it is not a set of `name = value` lines (Terraform refuses it too)');
  return { file: { file, ...variableFileValues(parsed, isJson) }, lines: variableFileLines(text, parsed, isJson) };
}

/**
 * The values a variable file gives: a `.tfvars` file's as its expressions evaluate, a `.tfvars.json`
 * file's as written, since Terraform reads no template in it (`"${x}-a"` is that text, checked with
 * terraform 1.11.4): read as templates, a credential after `${x}` was unknown, and passed. With
 * them, the variables whose value reads a name or calls a function, which terraform refuses where it
 * takes the value (`givenValues`).
 */
function variableFileValues(parsed: Record<string, unknown>, isJson: boolean): Pick<VariableFile, 'values' | 'partial' | 'refused' | 'entriesOfUnknownMap'> {
  if (isJson) return { values: parsed };
  const { values, partial, refused } = givenValues(parsed);
  const entries = givenEntries(parsed, values);
  return {
    values,
    ...(partial.length > 0 ? { partial } : {}),
    ...(Object.keys(refused).length > 0 ? { refused } : {}),
    ...(Object.keys(entries).length > 0 ? { entriesOfUnknownMap: entries } : {}),
  };
}

/** One variable file (`where`), named `file` in reports, and the values it writes. */
const readVariableFile = async (where: string, file: string, listed = true): Promise<VariableFile> => (await readVariableFileLines(where, file, listed)).file;

/** The variable files of a root module's directory, the values each writes and where. */
async function readVariableFilesWithLines(dir: string): Promise<{ readonly file: VariableFile; readonly lines: LineMap }[]> {
  const names = (await entriesOf(dir)).filter(isVariableFile).map((e) => e.name).sort(variableFileOrder);
  const out: { file: VariableFile; lines: LineMap }[] = [];
  for (const file of names) out.push(await readVariableFileLines(path.join(dir, file), file));
  return out;
}

/** The variable files of a root module's directory and the values each writes. */
export const readVariableFiles = async (dir: string): Promise<VariableFile[]> => (await readVariableFilesWithLines(dir)).map((read) => read.file);

/**
 * The strings of a variable file, for masking what terraform prints of it: every quoted string of its
 * text as written (terraform quotes a file's lines in its diagnostics: a syntax error, an undeclared
 * variable) and, where it reads, every string value it gives (a heredoc's, an escape's). Nothing when
 * it cannot be read.
 */
export async function variableFileStrings(where: string): Promise<string[]> {
  let text: string;
  try {
    text = decodeText(await readBytes(where));
  } catch {
    return [];
  }
  // To the end of the line where a quote is not closed (terraform quotes the line of that syntax error).
  const out = [...text.matchAll(/"((?:[^"\\\n]|\\.)*)(?:"|$)/gm)].map((m) => m[1]);
  try {
    const isJson = where.endsWith('.json');
    const parsed = isJson ? JSON.parse(text) : await parseHclFile(where, path.basename(where), text);
    if (isRecord(parsed)) stringsIn(variableFileValues(parsed, isJson).values, false, out);
  } catch {
    // Terraform refuses it too, and quotes its lines: the quoted strings above.
  }
  return out;
}

/**
 * The strings of a value given as text (`-var NAME=VALUE`, `TF_VAR_NAME`), for masking what terraform
 * prints of it: the text itself, and where it reads as an HCL value (an object, a list) the strings
 * in it, which terraform's diagnostics quote one at a time (`… is "Sup3r…"`).
 */
export async function givenValueStrings(text: string): Promise<string[]> {
  const out = [text];
  // Not an HCL object or list: terraform quotes the text, masked whole.
  if (/^\s*[[{]/.test(text)) stringsIn((await givenValue(text)).parsed, false, out);
  return out;
}

/**
 * The value of `-var NAME=VALUE`'s text read as HCL, as terraform reads it (`parsed`); `NOT_HCL` where
 * it is no HCL expression, `UNKNOWN` where it is one not known (a string-typed variable takes the
 * text); with what it reads that terraform refuses there (`refused`: a name, a call).
 */
async function givenValue(text: string): Promise<Pick<GivenVariable, 'parsed' | 'refused'>> {
  let doc: unknown;
  try {
    doc = await parseHclFile('--var', 'var.tfvars', `value = ${text}\n`);
  } catch {
    return { parsed: NOT_HCL };
  }
  try {
    if (!isRecord(doc) || !('value' in doc)) return { parsed: UNKNOWN };
    const { values, partial, refused } = givenValues({ value: doc.value });
    return { parsed: partial.length > 0 ? UNKNOWN : values.value, ...(refused.value ? { refused: refused.value } : {}) };
  } catch {
    return { parsed: UNKNOWN };
  }
}

/** A `-var` or `-var-file` given to the check, as on terraform's command line. */
export type GivenValue = { readonly varFile: string } | { readonly variable: string };

/** What a `-var` or `-var-file` sets. */
type GivenSource = Exclude<VariableSource, { readonly environment: unknown }>;

/** The given values read, in order: files parsed, `NAME=VALUE` split (and its value read as HCL where it is HCL). */
async function readGiven(given: readonly GivenValue[]): Promise<GivenSource[]> {
  const out: GivenSource[] = [];
  for (const value of given) {
    if ('varFile' in value) {
      out.push({ file: await readVariableFile(value.varFile, value.varFile, false) });
      continue;
    }
    const at = value.variable.indexOf('=');
    const name = value.variable.slice(0, at);
    // The text is not echoed: a value given on the command line may be a secret.
    if (at < 0 || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) throw new InputError('--var', 'expected NAME=VALUE, NAME a variable name (what was given is not printed: it may hold a secret)');
    const text = value.variable.slice(at + 1);
    out.push({ variable: { name, text, ...(await givenValue(text)) } });
  }
  return out;
}

/**
 * The environment's `TF_VAR_` values, each read as HCL too (Terraform reads one so for a variable
 * of a type that is not a primitive: a collection, an object, `any`): checked against the
 * variable's type, never taken (root-variables.ts).
 */
async function readEnvironment(env: Readonly<Record<string, string | undefined>>): Promise<VariableSource[]> {
  const out: VariableSource[] = [];
  for (const [key, text] of Object.entries(env)) {
    const name = key.slice('TF_VAR_'.length);
    if (!key.startsWith('TF_VAR_') || text === undefined || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) continue;
    // Read whatever it starts with: a list's value may be a name (`TF_VAR_ports=x`), which terraform refuses, not `[`.
    out.push({ environment: { name, text, ...(await givenValue(text)) } });
  }
  return out;
}

/** The entries of a directory, or the one-line reason it cannot be read. */
async function entriesOf(dir: string): Promise<fs.Dirent[]> {
  try {
    return await fs.promises.readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(dir, code === 'ENOENT' ? 'no such file or directory' : code === 'ENOTDIR' ? 'not a directory' : `cannot read: ${ioProblem(error) ?? code}`);
  }
}

/** The .tf and .tf.json documents of one module directory, the .tf ones merged into one. */
interface Directory {
  readonly hcl: Body;
  readonly json: Body;
  /**
   * Where each block of the module is written (positions.ts), by its name in the module: the file
   * (`where`, as read) and line; `null` for a name written in two files, or twice in one.
   */
  readonly lines: ReadonlyMap<string, { readonly where: string; readonly line: number } | null>;
}

/**
 * The .tf and .tf.json documents of one directory, the .tf ones merged into one; as `tool` reads
 * them: OpenTofu's `.tofu` files in place of the `.tf` files of the same name, or none (Terraform).
 * A `.tofu` file where the tool is not known is refused.
 */
async function readDirectory(dir: string, tool: ConfigTool | undefined): Promise<Directory> {
  const entries = await entriesOf(dir);
  const tofu = entries.filter(isOpenTofuEntry).map((e) => e.name);
  const configFiles = entries.filter(isConfigEntry).map((e) => e.name);
  if (tofu.length > 0 && tool === undefined) throw new OpenTofuFileError(path.join(dir, tofu[0]), openTofuRefusal(tofu[0], configFiles));
  const shadowed = new Set(tool === 'opentofu' ? tofu.map(shadowedBy) : []);
  const files = [...configFiles.filter((name) => !shadowed.has(name)), ...(tool === 'opentofu' ? tofu : [])].sort();
  if (files.length === 0) throw new InputError(dir, `no .tf files found (nothing to check)${tofu.length > 0 ? ': Terraform ignores .tofu files' : ''}`);
  let hcl: unknown = {};
  let json: unknown = {};
  const lines = new Map<string, { where: string; line: number } | null>();
  const overrides: { where: string; parsed: unknown; isJson: boolean; text: string }[] = [];
  for (const file of files) {
    const where = path.join(dir, file);
    const text = await readText(where);
    const isJson = file.endsWith('.json');
    const parsed = isJson ? parseJsonFile(where, text) : await parseHclFile(where, file, text);
    if (isRecord(parsed)) refuseUnknownTopLevel(parsed, where, isJson ? 'json' : 'hcl');
    // Merged after every other file, in name order, as Terraform does; a block keeps its base's position (what one replaces or sets: below).
    if (isOverride(file)) {
      overrides.push({ where, parsed, isJson, text });
      continue;
    }
    if (isJson) json = merge(json, parsed);
    else hcl = merge(hcl, parsed);
    for (const [name, line] of isJson ? jsonConfigLines(text, parsed) : hclLines(text, parsed)) lines.set(name, line === null || lines.has(name) ? null : { where, line });
  }
  const documents = { hcl: hcl as Body, json: json as Body };
  for (const { where, parsed, isJson, text } of overrides) {
    if (!isRecord(parsed)) continue;
    mergeOverride(documents, parsed, where, isJson);
    // What an override replaces whole (a backend or cloud block, a local) is then written in it: at its line, or none where not certain.
    const backend = bodiesOf(parsed.terraform).some((t) => Object.hasOwn(t, 'backend') || Object.hasOwn(t, 'cloud'));
    const replaced = (name: string): boolean =>
      (backend && (name.startsWith('terraform.backend.') || name === 'terraform.cloud')) ||
      (name.startsWith('local.') && bodiesOf(parsed.locals).some((l) => Object.hasOwn(l, name.slice('local.'.length))));
    for (const name of [...lines.keys()]) if (replaced(name)) lines.delete(name);
    const blockLines = isJson ? jsonConfigLines(text, parsed) : hclLines(text, parsed);
    for (const [name, line] of blockLines) {
      if (name.startsWith('terraform.backend.') || name === 'terraform.cloud' || name.startsWith('local.')) lines.set(name, line === null ? null : { where, line });
    }
    // An argument or nested block type it sets in a block replaces the base's: a finding on it goes on its line here,
    // else on this override block's; one the base still sets keeps the base block's position.
    for (const [key, line] of overrideArgumentLines(text, parsed, isJson)) {
      const own = line ?? blockLines.get(key.slice(0, key.indexOf('#'))) ?? null;
      lines.set(key, own === null ? null : { where, line: own });
    }
  }
  [hcl, json] = [documents.hcl, documents.json];
  refuseQuotedTypes(hcl as Body, dir);
  // required_providers may sit in either kind of file; both halves need them.
  const terraform = [...bodiesOf((hcl as Body).terraform), ...bodiesOf((json as Body).terraform)];
  return { hcl: { ...(hcl as Body), terraform }, json: { ...(json as Body), terraform }, lines };
}

/**
 * The modules `terraform init` installed for a root module, from `.terraform/modules/modules.json`:
 * directory by module key (`vpc`, `vpc.subnets`: call names from the root), the source it was
 * installed from and the version, for a registry module. Terraform plans from these copies, so they
 * are read as local modules are.
 */
type InstalledModules = ReadonlyMap<string, InstalledModule>;

interface InstalledModule {
  readonly source: string;
  readonly dir: string;
  readonly version?: string;
}

const NO_INSTALLED_MODULES: InstalledModules = new Map();

/** The root module a tree of modules is read from: where Terraform runs (`path.cwd`), and the modules init installed there. */
interface RootModule {
  readonly dir: string;
  readonly installed: InstalledModules;
  /** `terraform.workspace` there (`workspaceOf`). */
  readonly workspace: string;
  /** A file read, as reports name it: under the root module's directory as the user named it (`infra/modules/s3/main.tf`). */
  readonly named: (where: string) => string;
  /**
   * The module directories read so far, by path: each is read once however many calls and instances
   * use it, and a module's outputs are evaluated from it where its caller's code names them.
   */
  readonly directories: Map<string, Directory>;
  /** The tags `TF_AWS_DEFAULT_TAGS_<key>` variables of the environment give every aws provider configuration (default-tags.ts). */
  readonly environmentDefaultTags?: Readonly<Record<string, string>>;
  /** The keys and prefixes `TF_AWS_IGNORE_TAGS_KEYS` and `TF_AWS_IGNORE_TAGS_KEY_PREFIXES` of the environment ignore (default-tags.ts). */
  readonly environmentIgnoreTags?: EnvironmentIgnoreTags;
  /** The tool that will plan, where known: which of a directory's files it reads (`ConfigTool`). */
  readonly tool?: ConfigTool;
}

const rootModule = (dir: string, env: Readonly<Record<string, string | undefined>> = {}, tool?: ConfigTool): RootModule => ({
  dir: path.resolve(dir),
  ...(tool ? { tool } : {}),
  installed: installedModules(dir, dataDir(dir, env)),
  workspace: workspaceOf(dir, env),
  named: (where) => path.join(dir, path.relative(path.resolve(dir), path.resolve(where))),
  directories: new Map(),
  environmentDefaultTags: environmentDefaultTags(env),
  environmentIgnoreTags: environmentIgnoreTags(env),
});

/** Where Terraform keeps its working data for the root module at `dir`: `TF_DATA_DIR` (relative to it), else `.terraform`. */
const dataDir = (dir: string, env: Readonly<Record<string, string | undefined>>): string => path.resolve(dir, env.TF_DATA_DIR || '.terraform');

/**
 * The workspace Terraform plans in, run in `dir`: `TF_WORKSPACE` of the environment the check is
 * given, else the one `terraform workspace select` recorded (`environment` in the data directory,
 * `.terraform` or `TF_DATA_DIR`), else `default`.
 */
function workspaceOf(dir: string, env: Readonly<Record<string, string | undefined>>): string {
  if (env.TF_WORKSPACE) return env.TF_WORKSPACE;
  try {
    const selected = fs.readFileSync(path.join(dataDir(dir, env), 'environment'), 'utf8').trim();
    if (selected !== '') return selected;
  } catch {
    // no workspace selected: the default one
  }
  return 'default';
}

async function directoryOf(root: RootModule, dir: string): Promise<Directory> {
  const key = path.resolve(dir);
  const read = root.directories.get(key) ?? (await readDirectory(dir, root.tool ?? installedBy(root, key)));
  root.directories.set(key, read);
  return read;
}

/** Directories read ahead, at most: a module that calls itself twice would make 2^32 of them. */
const MAX_READ_AHEAD = 10_000;

/**
 * Read the directories of every module the module at `dir` calls, recursively, before any code is
 * evaluated: a module's outputs are evaluated (synchronously) where its caller names them. A
 * directory that cannot be read is left to the read proper, which says why.
 */
async function readAhead(root: RootModule, dir: string, configPath: string, depth = 0, seen = new Set<string>()): Promise<void> {
  if (depth >= MAX_MODULE_DEPTH || seen.size >= MAX_READ_AHEAD || seen.has(`${dir}|${configPath}`)) return;
  seen.add(`${dir}|${configPath}`);
  let directory: Directory;
  try {
    directory = await directoryOf(root, dir);
  } catch {
    return;
  }
  await readAheadCalls(root, dir, configPath, moduleCalls(directory), depth, seen);
}

/** `readAhead` of the modules `calls` (made by the module at `dir`) read. */
async function readAheadCalls(root: RootModule, dir: string, configPath: string, calls: readonly [string, Body][], depth = 0, seen = new Set<string>()): Promise<void> {
  for (const [name, body] of calls) {
    const childDir = calledDir(root, dir, configPath, name, body);
    if (childDir !== undefined && fs.existsSync(childDir)) await readAhead(root, childDir, callPath(configPath, name), depth + 1, seen);
  }
}

const moduleCalls = (directory: Directory): [string, Body][] => [...labeledBodies(directory.hcl.module), ...labeledBodies(directory.json.module)];


/**
 * The directory of the module a call `name` (made in the module at `dir`, `configPath`) reads: a
 * local source's, or where `terraform init` installed a remote one from that very source; undefined
 * for a remote module not installed.
 */
function calledDir(root: RootModule, dir: string, configPath: string, name: string, body: Body): string | undefined {
  const source = typeof body.source === 'string' ? body.source : undefined;
  if (isLocalSource(source)) return path.resolve(dir, source as string);
  return installedDir(root.installed, configPath, name, source, body.version);
}

/**
 * The scope of the module at `dir` (`configPath`), with its variables' values: its locals, and the
 * outputs of the modules it calls, each evaluated in its own scope with the arguments this one gives it.
 */
function moduleScope(
  root: RootModule,
  dir: string,
  configPath: string,
  depth: number,
  variables?: ReadonlyMap<string, unknown>,
  argumentWritten?: ModuleLinks['argumentWritten'],
): { scope: LocalScope; blocks: () => BlockRepetitions } {
  const directory = root.directories.get(path.resolve(dir)) as Directory;
  let repetitions: BlockRepetitions | undefined;
  const blocks = (): BlockRepetitions => (repetitions ??= blockRepetitions([directory.hcl, directory.json], scope));
  const scope: LocalScope = new LocalScope([...bodiesOf(directory.hcl.locals), ...bodiesOf(directory.json.locals)], variables, pathValues(dir, root), {
    outputs: moduleOutputs(root, dir, configPath, depth, () => scope, blocks),
    outputWritten: moduleOutputWritten(root, dir, configPath, depth, () => scope),
    instanceKeys: (block) => instanceKeys(blocks()(block)),
    resourceAttribute: configuredAttributes(directory, () => scope, blocks, { ...(configPath === '' ? { root: true as const } : {}), ...root }),
    ...(argumentWritten ? { argumentWritten } : {}),
  });
  return { scope, blocks };
}

/** Arguments that are no resource's attribute. */
const META_ARGUMENTS: ReadonlySet<string> = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'connection', 'provisioner', 'dynamic', '//']);

/**
 * `ModuleLinks.resourceAttribute` of the module in `directory`: an argument a resource or data block
 * writes, evaluated in the instance's scope (its `count.index`, `each`). Terraform plans a value the
 * configuration sets as written (a provider may not change it), so `aws_iam_user.u[0].name` is known
 * where `name` is. Not followed: nested blocks, and arguments whose name may hold a credential (a
 * value Terraform would mark sensitive must not reach a report through another resource).
 */
function configuredAttributes(directory: Directory, scope: () => LocalScope, blocks: () => BlockRepetitions, module: ProviderSurroundings): NonNullable<ModuleLinks['resourceAttribute']> {
  const bodies = new Map<string, Body>();
  for (const doc of [directory.hcl, directory.json]) {
    for (const [prefix, kinds] of [['', doc.resource], ['data.', doc.data]] as const) {
      for (const [type, named] of labeledBodies(kinds)) for (const [name, body] of labeledBodies(named)) if (!bodies.has(`${prefix}${type}.${name}`)) bodies.set(`${prefix}${type}.${name}`, body);
    }
  }
  const resolving = new Set<string>();
  return (block, key, attribute) => {
    const body = bodies.get(block);
    if (body !== undefined && block.startsWith('data.aws_default_tags.') && attribute === 'tags') return providerDefaultTags(directory, body, scope(), module);
    if (body === undefined || !Object.hasOwn(body, attribute) || META_ARGUMENTS.has(attribute) || /pass|secret|token|key|credential/i.test(attribute)) return UNKNOWN;
    const raw = body[attribute];
    if (Array.isArray(raw) && raw.some(isRecord)) return UNKNOWN; // nested blocks
    const repetition = blocks()(block);
    const instance =
      repetition === undefined ? undefined
      : repetition.repetition === undefined ? (key === undefined ? scope() : undefined)
      : key !== undefined && elementSet(repetition.keys).has(key) ? scope().instance(repetition.repetition, key, body.for_each)
      : undefined;
    const id = `${block}[${String(key)}].${attribute}`;
    if (instance === undefined || resolving.has(id)) return UNKNOWN;
    resolving.add(id);
    try {
      const value = instance.value(raw);
      // Null leaves the attribute to the provider, which may compute it.
      return value !== null && isWhollyKnown(value) ? value : UNKNOWN;
    } finally {
      resolving.delete(id);
    }
  };
}

/** What a module's code cannot say of its provider configurations: whether it is the root module, and the environment's default tags. */
interface ProviderSurroundings {
  readonly root?: true;
  readonly environmentDefaultTags?: Readonly<Record<string, string>>;
  readonly environmentIgnoreTags?: EnvironmentIgnoreTags;
}

/** A data source's `provider = aws` or `aws.<alias>`, as hcl2json writes it (`${aws.east}`); undefined for another. */
const AWS_PROVIDER_REFERENCE = /^(?:\$\{\s*)?aws(?:\.([A-Za-z_][\w-]*))?(?:\s*\})?$/;

/**
 * `data.aws_default_tags.<name>.tags`, as the provider reads it at plan time: the default tags of
 * the aws provider configuration the data source names (its `provider`, else `aws`) in this module,
 * the environment's `TF_AWS_DEFAULT_TAGS_<key>` beneath its block's, without the keys its
 * `ignore_tags` (and the environment's `TF_AWS_IGNORE_TAGS_*`) names and `aws:` keys. The root module
 * without a provider block has the implicit configuration (the environment's tags only). UNKNOWN
 * where that cannot be told: a module without its own block (its provider comes from its caller, not
 * followed here), a repeated block (OpenTofu's `for_each`), settings not known.
 */
function providerDefaultTags(directory: Directory, body: Body, scope: LocalScope, module: ProviderSurroundings): unknown {
  const named = body.provider === undefined ? { alias: undefined } : typeof body.provider === 'string' ? AWS_PROVIDER_REFERENCE.exec(body.provider) : null;
  if (named === null) return UNKNOWN;
  const alias = 'alias' in named ? named.alias : named[1];
  const blocks = [...labeledBodies(directory.hcl.provider), ...labeledBodies(directory.json.provider)].filter(([name, b]) => name === 'aws' && (b.alias ?? undefined) === alias);
  const fromEnvironment = module.environmentDefaultTags ?? {};
  const inEnvironment = module.environmentIgnoreTags ?? { keys: [], keyPrefixes: [] };
  const ignoredBy = (keys: readonly string[], prefixes: readonly string[]) => (key: string): boolean =>
    key.startsWith('aws:') || [...keys, ...inEnvironment.keys].includes(key) || [...prefixes, ...inEnvironment.keyPrefixes].some((prefix) => key.startsWith(prefix));
  const withoutIgnored = (tags: Readonly<Record<string, unknown>>, ignored: (key: string) => boolean) => Object.fromEntries(Object.entries(tags).filter(([key]) => !ignored(key)));
  if (blocks.length === 0) return module.root && alias === undefined ? withoutIgnored(fromEnvironment, ignoredBy([], [])) : UNKNOWN;
  const [[, block]] = blocks;
  if (blocks.length > 1 || block.for_each !== undefined) return UNKNOWN;
  const settings = (name: string): Body | undefined | typeof UNKNOWN => {
    const written = bodiesOf(block[name]);
    return written.length === 0 ? undefined : written.length === 1 ? written[0] : UNKNOWN;
  };
  const defaults = settings('default_tags');
  const ignore = settings('ignore_tags');
  if (defaults === UNKNOWN || ignore === UNKNOWN) return UNKNOWN;
  const written = defaults?.tags === undefined ? {} : scope.value(defaults.tags);
  if (written === null ? false : !isRecord(written) || !isWhollyKnown(written)) return UNKNOWN;
  const [keys, prefixes] = ['keys', 'key_prefixes'].map((name) => (ignore?.[name] === undefined ? [] : scope.value(ignore[name])));
  if (![keys, prefixes].every((list) => Array.isArray(list) && list.every((item) => typeof item === 'string'))) return UNKNOWN;
  return withoutIgnored({ ...fromEnvironment, ...(written ?? {}) }, ignoredBy(keys as string[], prefixes as string[]));
}

/**
 * The instances of a block (`ModuleLinks.instanceKeys`): one without repetition, a `count`'s or a `for_each`'s when known.
 * Told once per block (`INSTANCE_KEYS`): a `for` over a block's instances asks for each element.
 */
function instanceKeys(repetition: Repetition | undefined): readonly (number | string | undefined)[] | undefined {
  if (repetition === undefined) return undefined;
  if (repetition.repetition === undefined) return [undefined];
  if (INSTANCE_KEYS.has(repetition)) return INSTANCE_KEYS.get(repetition);
  // An empty for_each's block is an empty map, which a list of no instances would not be: not followed.
  const known = repetition.repetition === 'count' ? repetition.keys.every((key) => typeof key === 'number') : repetition.keys.length > 0 && repetition.keys.every((key) => typeof key === 'string');
  INSTANCE_KEYS.set(repetition, known ? repetition.keys : undefined);
  return known ? repetition.keys : undefined;
}

const INSTANCE_KEYS = new WeakMap<Repetition, readonly (number | string | undefined)[] | undefined>();

/**
 * `module.<name>` in the module at `dir`: the outputs of the call, as Terraform gives them (an
 * object; a list of them for a `count`, a map for a `for_each`), each instance's evaluated in the
 * called module with the arguments the call gives it there. Unknown for a module not read (remote
 * and not installed), a call whose instances are not known, or a cycle (Terraform refuses it).
 */
function moduleOutputs(
  root: RootModule,
  dir: string,
  configPath: string,
  depth: number,
  caller: () => LocalScope,
  blocks: () => BlockRepetitions,
  written: readonly [string, Body][] = moduleCalls(root.directories.get(path.resolve(dir)) as Directory),
): ModuleOutputs {
  const calls = new Map(written);
  const values = new Map<string, unknown>();
  const resolving = new Set<string>();
  return (name) => {
    if (values.has(name)) return values.get(name);
    const body = calls.get(name);
    const childDir = body === undefined || depth + 1 >= MAX_MODULE_DEPTH ? undefined : calledDir(root, dir, configPath, name, body);
    const child = childDir === undefined ? undefined : root.directories.get(childDir);
    if (body === undefined || childDir === undefined || child === undefined || resolving.has(name)) return UNKNOWN;
    resolving.add(name);
    try {
      const declared = declaredVariables(child);
      const outputsWith = (evaluator: Evaluator): Body => {
        const { scope } = moduleScope(root, childDir, callPath(configPath, name), depth + 1, moduleVariableValues(declared, body, evaluator));
        const out = record();
        // A sensitive output stays unknown, as a sensitive variable does: its value must not reach a report.
        for (const [output, block] of [...labeledBodies(child.hcl.output), ...labeledBodies(child.json.output)]) out[output] = 'value' in block && block.sensitive !== true ? acrossModules(scope.value(block.value)) : UNKNOWN;
        return out;
      };
      const locals = caller();
      const { repetition, keys } = repetitionOf(body, blocks(), locals);
      let value: unknown;
      if (repetition === undefined) value = outputsWith(locals);
      else if (keys.includes(undefined)) value = UNKNOWN;
      else if (repetition === 'count') value = keys.map((key) => outputsWith(locals.instance('count', key as number, body.for_each)));
      else {
        const byKey = record();
        for (const key of keys as string[]) byKey[key] = outputsWith(locals.instance('for_each', key, body.for_each));
        value = byKey;
      }
      values.set(name, value);
      return value;
    } finally {
      resolving.delete(name);
    }
  };
}

/** `path.module`, `path.root` and `path.cwd` in the module at `dir`, as Terraform gives them run in the root module's directory. */
const pathValues = (dir: string, root: RootModule): PathValues => ({ module: path.relative(root.dir, dir) || '.', root: '.', cwd: root.dir, workspace: root.workspace });

function installedModules(root: string, data: string): InstalledModules {
  let manifest: unknown;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(data, 'modules', 'modules.json'), 'utf8'));
  } catch {
    return NO_INSTALLED_MODULES; // not initialized (or unreadable): remote calls stay listed as not loaded
  }
  const modules = isRecord(manifest) && Array.isArray(manifest.Modules) ? manifest.Modules : [];
  const out = new Map<string, InstalledModule>();
  for (const m of modules) {
    if (isRecord(m) && typeof m.Key === 'string' && m.Key !== '' && typeof m.Source === 'string' && typeof m.Dir === 'string') {
      out.set(m.Key, { source: m.Source, dir: path.resolve(root, m.Dir), ...(typeof m.Version === 'string' && m.Version !== '' ? { version: m.Version } : {}) });
    }
  }
  return out;
}

/**
 * The tool whose init installed the module at `dir` (or the module it lies in) from a registry, by
 * the registry's host it recorded: `terraform init` records `registry.terraform.io`, `tofu init`
 * `registry.opentofu.org`, for a source written `acme/s3/aws`. Undefined for another source.
 */
function installedBy(root: RootModule, dir: string): ConfigTool | undefined {
  for (const { source, dir: installed } of root.installed.values()) {
    if (dir !== installed && !dir.startsWith(`${installed}${path.sep}`)) continue;
    if (source.startsWith('registry.terraform.io/')) return 'terraform';
    if (source.startsWith('registry.opentofu.org/')) return 'opentofu';
  }
  return undefined;
}

/**
 * The tool a root module at `dir` is planned with when only OpenTofu can: it holds `.tofu` files
 * and no `.tf` file, where Terraform finds no configuration.
 */
function onlyOpenTofuReads(dir: string): ConfigTool | undefined {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined; // the read proper says why
  }
  return entries.some(isOpenTofuEntry) && !entries.some(isConfigEntry) ? 'opentofu' : undefined;
}

/** The default registry's host, as `terraform init` (registry.terraform.io) and `tofu init` (registry.opentofu.org) record it. */
const DEFAULT_REGISTRY = /^registry\.(?:terraform\.io|opentofu\.org)\//;

/**
 * A source as written and as init recorded it are one when init would record the written one so
 * (`recordedModuleSource`: `github.com/org/repo` is `git::https://github.com/org/repo.git`, `/abs/dir`
 * is `file:///abs/dir`, `hashicorp/consul/aws` is `registry.terraform.io/hashicorp/consul/aws`), either
 * default registry standing for the other; a source changed since init is not (Terraform asks for init again).
 */
const sameSource = (written: string, recorded: string): boolean => {
  const normalised = recordedModuleSource(written) ?? written;
  return normalised.replace(DEFAULT_REGISTRY, '') === recorded.replace(DEFAULT_REGISTRY, '');
};

/**
 * The version init recorded meets the call's `version` constraint, when it has one, as
 * `terraform plan` checks it (it refuses one that does not, "Module version requirements have
 * changed"): a version not recorded, or a constraint or version not read, does not.
 */
const sameVersion = (constraint: unknown, recorded: string | undefined): boolean => {
  if (constraint === undefined || constraint === null) return true;
  if ((typeof constraint !== 'string' && typeof constraint !== 'number') || recorded === undefined) return false;
  return versionAdmitted(String(constraint), recorded) === true;
};

/**
 * Why init's install of a remote call `name` (from that very source) is not read, where it is for
 * its version alone: the constraint no longer admits the version init recorded (`terraform plan`
 * refuses to plan until init runs again), or twinguard cannot tell whether it does. Undefined
 * where there is no such install, or where its version is admitted.
 */
function staleInstallReason(installed: InstalledModules, configPath: string, name: string, source: string | undefined, version: unknown): string | undefined {
  if (sameVersion(version, undefined)) return undefined;
  const entry = installedFrom(installed, configPath, name, source);
  if (entry === undefined || sameVersion(version, entry.version)) return undefined;
  const constraint = typeof version === 'string' || typeof version === 'number' ? `\`version = "${quotedInput(String(version))}"\`` : 'its `version`';
  if (entry.version === undefined) return `terraform init recorded no version for it, so whether ${constraint} admits the installed copy is not known: run terraform init`;
  const admitted = typeof version === 'string' || typeof version === 'number' ? versionAdmitted(String(version), entry.version) : undefined;
  return admitted === false
    ? `installed ${quotedInput(entry.version)}, which ${constraint} no longer admits: run terraform init`
    : `installed ${quotedInput(entry.version)}, and twinguard cannot read ${constraint} as a version constraint, so it does not know whether Terraform plans that copy: its resources are not checked (check a plan to cover them)`;
}

/** The installed directory of a remote call `name` made in the module at `configPath`, when init installed it from that very source, at a version the call admits. */
function installedDir(installed: InstalledModules, configPath: string, name: string, source: string | undefined, version: unknown): string | undefined {
  const entry = installedFrom(installed, configPath, name, source);
  return entry && sameVersion(version, entry.version) && fs.existsSync(entry.dir) ? entry.dir : undefined;
}

/** Init's install of a remote call `name` made in the module at `configPath` (modules.json keys it by call names from the root), when it installed it from that very source. */
function installedFrom(installed: InstalledModules, configPath: string, name: string, source: string | undefined): InstalledModule | undefined {
  if (source === undefined) return undefined;
  const parent = configPath.split('.').filter((_, i) => i % 2 === 1);
  const entry = installed.get([...parent, name].join('.'));
  return entry !== undefined && sameSource(source, entry.source) ? entry : undefined;
}

/**
 * Read one module directory and, recursively, the local and installed modules it calls. Gives the
 * directory's own configuration (its `terraform` blocks gathered from .tf and .tf.json files).
 */
async function readModuleTree(
  dir: string,
  scope: ModuleScope,
  input: string,
  depth: number,
  out: ModuleContent,
  root: RootModule,
  call?: CallInputs,
  reading: Reading = 'all',
): Promise<{ readonly hcl: Body; readonly scope: LocalScope }> {
  const { hcl, json, lines } = await directoryOf(root, dir);
  // Both halves hold every terraform block of the module (readDirectory); once per module, not per instance read.
  if (reading !== 'resources') out.terraformBlocks?.push(...bodiesOf(hcl.terraform));
  if (out.positions !== undefined) {
    const prefix = scope.configPath ? `${scope.configPath}.` : '';
    for (const [name, at] of lines) if (at !== null) out.positions[`${prefix}${name}`] = { file: root.named(at.where), line: at.line };
  }
  // A local of a .tf file may be used in a .tf.json file of the same module, and the reverse.
  const declared = declaredVariables({ hcl, json });
  const module = moduleScope(root, dir, scope.configPath, depth, call?.variables(declared), call?.argumentWritten);
  const [locals, blocks] = [module.scope, module.blocks()];
  const parts = [readConfiguration(hcl, scope, 'hcl', input, true, blocks, locals), readConfiguration(json, scope, 'json', input, true, blocks, locals)];
  for (const part of parts) {
    if (reading !== 'configuration') {
      out.resources.push(...part.resources);
      out.codeBlocks.push(...part.codeBlocks);
    }
    if (reading === 'resources') continue;
    out.providers.push(...part.providers);
    out.moduleCalls.push(...part.moduleCalls);
    out.outputs.push(...part.outputs);
    out.variableDeclarations.push(...part.variableDeclarations);
    out.locals.push(...part.locals);
  }
  await readCalledModules(dir, [...labeledBodies(hcl.module), ...labeledBodies(json.module)], blocks, locals, scope, input, depth, out, root, reading);
  return { hcl, scope: locals };
}

/**
 * Terraform 0.11's quoted type constraints (`type = "list"`), which Terraform refuses since 0.15:
 * a module written so cannot be planned, so its variables' values would be guesses. hcl2json writes
 * a type as `${list(string)}`; a quoted one stays plain text (a .tf.json file writes every type so,
 * and is not read here).
 */
function refuseQuotedTypes(hcl: Body, dir: string): void {
  for (const [name, body] of labeledBodies(hcl.variable)) {
    if (typeof body.type === 'string' && !body.type.startsWith('${')) {
      throw new InputError(dir, `variable "${name}": the type constraint is quoted ("${body.type}"), which Terraform refuses (Terraform 0.11 syntax): remove the quotes, as in list(string)`);
    }
  }
}

/** A module's `variable` blocks by name, of its .tf and .tf.json files (a variable of one may be used in the other). */
const declaredVariables = (directory: Pick<Directory, 'hcl' | 'json'>): Body => Object.fromEntries([...labeled(directory.hcl.variable), ...labeled(directory.json.variable)]);


/**
 * An argument a call gives that the called module declares no variable for: Terraform refuses it
 * ("Unsupported argument"), and a misspelt setting (`encryption_type` for `enc`) would leave the
 * module's default in place unseen.
 */
function refuseUndeclaredArguments(child: Directory, call: Body, input: string, where: string): void {
  const declared = declaredVariables(child);
  const undeclared = Object.keys(call).find((argument) => !MODULE_META.has(argument) && !Object.hasOwn(declared, argument));
  if (undeclared !== undefined) throw new InputError(input, `${where}: argument "${undeclared}" is not a variable of the module (Terraform refuses it: "Unsupported argument")`);
}

/**
 * `ModuleLinks.outputWritten` of the module at `dir`: what the code of a module it calls writes in an
 * output (`output "tags" { value = { "${var.project}:owner" = "…" } }`, `value = "…"`), read in the called module
 * with the call's arguments (`callInputs`), each output of each instance once: of a call with `count` or
 * `for_each`, the arguments it gives the instance named (`module.labels[0].tags`; any instance's where its key
 * is not known). None for a sensitive output (its value must not reach a report), a module not read, an
 * instance Terraform would not find (a key on a call not repeated, none on one repeated), or a cycle.
 */
function moduleOutputWritten(
  root: RootModule,
  dir: string,
  configPath: string,
  depth: number,
  caller: () => LocalScope,
  written: readonly [string, Body][] = moduleCalls(root.directories.get(path.resolve(dir)) as Directory),
): NonNullable<ModuleLinks['outputWritten']> {
  const calls = new Map(written);
  const outputs = new Map<string, Written>();
  // One scope per call, whichever of its outputs is read: the outputs of a module it calls are then
  // read once too (a chain of modules whose outputs each read two of their child's stays linear).
  const scopes = new Map<string, LocalScope>();
  const resolving = new Set<string>();
  return (name, output, key) => {
    const instance = key === undefined ? name : `${name}[${key === UNKNOWN ? '' : JSON.stringify(key)}]`;
    const known = outputs.get(`${instance}.${output}`);
    if (known !== undefined) return known;
    const body = calls.get(name);
    const repetition = body?.count !== undefined ? 'count' : body?.for_each !== undefined ? 'for_each' : undefined;
    const childDir = body === undefined || (repetition === undefined) !== (key === undefined) || depth + 1 >= MAX_MODULE_DEPTH ? undefined : calledDir(root, dir, configPath, name, body);
    const child = childDir === undefined ? undefined : root.directories.get(childDir);
    const block = child === undefined ? undefined : [...labeledBodies(child.hcl.output), ...labeledBodies(child.json.output)].find(([named]) => named === output)?.[1];
    if (body === undefined || childDir === undefined || child === undefined || block === undefined || !('value' in block) || block.sensitive === true || resolving.has(`${instance}.${output}`)) return NOT_WRITTEN;
    resolving.add(`${instance}.${output}`);
    try {
      const scope = entryOf(scopes, instance, () => {
        // The instance's own count.index or each where its key is known (Terraform converts it to the call's key type), else what every instance shares.
        const named = key === undefined || key === UNKNOWN ? undefined : repetition === 'for_each' ? String(key) : typeof key === 'number' ? key : otherKeyType(key);
        const inputs = callInputs(body, repetition === undefined || named === undefined ? caller() : caller().instance(repetition, named, body.for_each));
        return moduleScope(root, childDir, callPath(configPath, name), depth + 1, inputs.variables(declaredVariables(child)), inputs.argumentWritten).scope;
      });
      const found = scope.writtenOf(block.value);
      outputs.set(`${instance}.${output}`, found);
      return found;
    } finally {
      resolving.delete(`${instance}.${output}`);
    }
  };
}

/**
 * What a module reads from where it is called: its variables' values; for a called module, what the
 * caller's code writes in each argument (`ModuleLinks.argumentWritten`: a map known only after apply
 * whole within it too), each argument read once. The root module's come from outside.
 */
interface CallInputs {
  readonly variables: (declared: Body) => ReadonlyMap<string, unknown>;
  readonly argumentWritten?: ModuleLinks['argumentWritten'];
}

/**
 * `CallInputs` of a module instance made by `call`, read in its caller's scope: that instance's where the scope binds
 * its `each`, else, of a call with `for_each`, what any instance's `each.value` may write.
 */
function callInputs(call: Body, caller: Evaluator): CallInputs {
  const arguments_ = new Map<string, Written>();
  return {
    variables: (declared) => moduleVariableValues(declared, call, caller),
    argumentWritten: (name) => {
      if (!Object.hasOwn(call, name) || MODULE_META.has(name)) return undefined;
      return entryOf(arguments_, name, () => caller.writtenOf(call[name], call.for_each === undefined ? undefined : { forEach: call.for_each }));
    },
  };
}

/**
 * What a read of a module instance adds: everything; its resources alone (an instance read with
 * its own `count.index`/`each`); or its configuration alone (outputs, calls, providers, locals),
 * read once for every instance with those unknown, so no instance's values stand for another's.
 */
type Reading = 'all' | 'resources' | 'configuration';

/**
 * Load each module of `calls` (made by the module at `dir`) that is on disk, recursively: a local
 * source from its directory, a remote one from where `terraform init` installed it (the call is
 * then no longer listed as not loaded).
 */
async function readCalledModules(
  dir: string,
  calls: [string, Body][],
  blocks: BlockRepetitions,
  locals: LocalScope,
  scope: ModuleScope,
  input: string,
  depth: number,
  out: ModuleContent,
  root: RootModule,
  reading: Reading = 'all',
): Promise<void> {
  for (const [name, body] of calls) {
    const source = typeof body.source === 'string' ? body.source : undefined;
    const childDir = calledDir(root, dir, scope.configPath, name, body);
    if (childDir === undefined) {
      const stale = isLocalSource(source) ? undefined : staleInstallReason(root.installed, scope.configPath, name, source, body.version);
      if (stale !== undefined) markNotLoaded(out, scope.configPath, name, stale);
      continue;
    }
    const where = `module "${name}"${scope.configPath ? ` in ${scope.configPath}` : ''}`;
    if (depth >= MAX_MODULE_DEPTH) throw new InputError(input, `${where}: local modules nested more than ${MAX_MODULE_DEPTH} deep (does a module call itself?)`);
    if (!fs.existsSync(childDir)) throw new InputError(input, `${where}: local source ${source} not found`);
    if (!isLocalSource(source)) markLoaded(out, scope.configPath, name);
    refuseUndeclaredArguments(await directoryOf(root, childDir), body, input, where);
    const call = `module.${name}`;
    const configPath = callPath(scope.configPath, name);
    const { repetition, keys } = repetitionOf(body, blocks, locals);
    // Each instance exists on its parent's conditions, and on the call's own when its instances are not known.
    const existsIf = new Map<string, readonly string[]>();
    const conditions = existenceConditions(body, { repetition, keys }, locals);
    const instancesOf = (key: number | string | undefined) =>
      scope.instances.map((parent) => {
        const instance = (parent ? `${parent}.${call}` : call) + indexText(key);
        existsIf.set(instance, existsIfOf(scope, parent, conditions));
        return instance;
      });
    const scoped = (instances: readonly string[]): ModuleScope => ({ configPath, instances, existsIf });
    const childScope = scoped(keys.flatMap(instancesOf));
    const unbound = callInputs(body, locals);
    if (repetition === undefined || keys.includes(undefined)) {
      await readModuleTree(childDir, childScope, input, depth + 1, out, root, unbound, reading);
      continue;
    }
    // Known keys: each instance's resources take its arguments with its own count.index / each; the
    // module's configuration is read once with them unknown.
    if (reading !== 'resources') await readModuleTree(childDir, childScope, input, depth + 1, out, root, unbound, 'configuration');
    if (reading === 'configuration') continue;
    for (const key of keys as (number | string)[]) {
      const caller = locals.instance(repetition, key, body.for_each);
      await readModuleTree(childDir, scoped(instancesOf(key)), input, depth + 1, out, root, callInputs(body, caller), 'resources');
    }
  }
}

/** The call `name` of the module at `parent` is read after all: drop its `notLoaded` reason. */
function markLoaded(out: ModuleContent, parent: string, name: string): void {
  out.moduleCalls.forEach((call, i) => {
    if (call.parent !== parent || call.name !== name || call.notLoaded === undefined) return;
    const { notLoaded: _read, ...loaded } = call;
    out.moduleCalls[i] = loaded;
  });
}

/** The call `name` of the module at `parent` is not read, for `reason`: it replaces the generic one. */
function markNotLoaded(out: ModuleContent, parent: string, name: string, reason: string): void {
  out.moduleCalls.forEach((call, i) => {
    if (call.parent === parent && call.name === name && call.notLoaded !== undefined) out.moduleCalls[i] = { ...call, notLoaded: reason };
  });
}

const labeledBodies = (value: unknown): [string, Body][] => labeled(value).flatMap(([name, v]) => bodiesOf(v).map((b): [string, Body] => [name, b]));

/**
 * The local modules a cdktf stack calls, read from the stack's directory (cdktf copies them to
 * `assets/__cdktf_module_asset_*` beside its cdk.tf.json) into `out`: the cdktf loader's
 * `LocalModuleReader`.
 */
export const readCdktfLocalModules: LocalModuleReader = async (dir, doc, env) => {
  const root = rootModule(dir, env);
  const calls = labeledBodies(doc.module);
  await readAheadCalls(root, dir, ROOT_SCOPE.configPath, calls);
  let repetitions: BlockRepetitions | undefined;
  const blocks = (): BlockRepetitions => (repetitions ??= blockRepetitions([doc], scope));
  // The stack's scope as the HCL loader's root module's: its variables, and the outputs of the modules it calls.
  const scope: LocalScope = new LocalScope(bodiesOf(doc.locals), stackVariables(doc, env), pathValues(dir, root), {
    outputs: moduleOutputs(root, dir, ROOT_SCOPE.configPath, 0, () => scope, blocks, calls),
    outputWritten: moduleOutputWritten(root, dir, ROOT_SCOPE.configPath, 0, () => scope, calls),
    instanceKeys: (block) => instanceKeys(blocks()(block)),
  });
  return { scope, read: (input, out) => readCalledModules(dir, calls, blocks(), scope, ROOT_SCOPE, input, 0, out, root) };
};

/**
 * The encryption configuration `TF_ENCRYPTION` gives OpenTofu: the inside of an `encryption` block,
 * JSON when it starts with `{`, HCL otherwise, as OpenTofu reads it (LoadConfigFromString,
 * internal/encryption/config/config_load.go). Undefined when it is unset or empty. Only the gate,
 * which runs tofu in this environment, reads it (`RootValues.encryption`).
 */
export async function environmentEncryption(env: Readonly<Record<string, string | undefined>>): Promise<Body | undefined> {
  const text = env.TF_ENCRYPTION;
  if (text === undefined || text.trim() === '') return undefined;
  const parsed = text.trimStart().startsWith('{') ? parseJsonFile('TF_ENCRYPTION', text) : await parseHclFile('TF_ENCRYPTION', 'TF_ENCRYPTION', text);
  if (!isRecord(parsed)) throw new InputError('TF_ENCRYPTION', 'not an encryption configuration (the inside of a terraform { encryption { … } } block)');
  return parsed;
}

/** Where the root module's variables take their values. */
export interface RootValues {
  /**
   * The values a plan was made with (its `variables`): the code read beside that plan. Without
   * them, the variable files and defaults, as `terraform plan` takes them (root-variables.ts).
   */
  readonly planned?: Readonly<Record<string, unknown>>;
  /** The environment `TF_VAR_` variables are looked up in (default: none). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** `-var` and `-var-file` values, as given to `terraform plan` (after the files it loads by itself). */
  readonly given?: readonly GivenValue[];
  /**
   * The tool that plans the code (the gate's binary), whose reading of `.tofu` files is followed.
   * Without it, a directory with `.tofu` files is refused, but a root module only OpenTofu can plan
   * (no `.tf` file) and a module installed from a registry (the tool whose init recorded it).
   */
  readonly tool?: ConfigTool;
  /**
   * The encryption configuration `TF_ENCRYPTION` gives the tofu run that plans the code
   * (`environmentEncryption`), merged into the code's as OpenTofu merges it. Only the gate knows it:
   * it runs tofu in its own environment, where a check's environment need not be a later run's.
   */
  readonly encryption?: Body;
}

/**
 * The provider versions `.terraform.lock.hcl` records (`provider "registry.terraform.io/hashicorp/aws"
 * { version = "6.25.0" }`), by full provider name in lower case; none without a lock file. init
 * installs these and plan refuses others, so they are what plans the code. A lock file terraform
 * cannot read is refused as terraform refuses it.
 */
async function readLockFile(dir: string): Promise<Map<string, string>> {
  const where = path.join(dir, LOCK_FILE);
  if (!fs.existsSync(where)) return new Map();
  const parsed = await parseHclFile(where, LOCK_FILE, await readText(where, false));
  const locked = new Map<string, string>();
  for (const [provider, body] of labeledBodies(isRecord(parsed) ? parsed.provider : undefined)) {
    if (typeof body.version !== 'string') throw new InputError(where, `provider "${provider}" records no version: run terraform init again`);
    locked.set(provider.toLowerCase(), body.version);
  }
  return locked;
}

const LOCK_FILE = '.terraform.lock.hcl';

/** `required` with the version the lock file records for each provider, and the providers only it names. */
function withLockedVersions(required: readonly ProviderVersion[], locked: ReadonlyMap<string, string>): ProviderVersion[] {
  const out = new Map(required.map((v) => [v.provider, v]));
  for (const [provider, version] of locked) out.set(provider, { ...(out.get(provider) ?? { provider, constraints: [] }), locked: version });
  return [...out.values()];
}

/** Load a directory of .tf / .tf.json files, with the local modules it calls. */
export async function loadHcl(dir: string, values: RootValues = {}): Promise<LoadedInput> {
  takeSensitiveLiterals();
  const positions: Record<string, SourcePosition> = record();
  const content: ModuleContent = { resources: [], providers: [], moduleCalls: [], outputs: [], variableDeclarations: [], locals: [], codeBlocks: [], positions, terraformBlocks: [] };
  const read = await readVariableFilesWithLines(dir);
  const variableFiles = read.map((r) => r.file);
  for (const { file, lines } of read) {
    for (const [name, line] of lines) if (line !== null) positions[`${file.file} var.${name}`] = { file: path.join(dir, file.file), line };
  }
  const { planned } = values;
  const given = await readGiven(values.given ?? []);
  const sources = [...(planned ? [] : await readEnvironment(values.env ?? {})), ...variableFiles.map((file) => ({ file })), ...given];
  // What a -var, a -var-file or the plan gives is not the code's (`ConfigNode.byCode`).
  const variables = planned
    ? (declared: Body) => markGiven(new Map(Object.keys(declared).map((name) => [name, Object.prototype.hasOwnProperty.call(planned, name) ? fromOutsideTheCode(planned[name]) : UNKNOWN])), Object.keys(planned))
    : (declared: Body) => {
        // Terraform refuses a -var for a variable the root module does not declare.
        const undeclared = sources.find((s) => 'variable' in s && !Object.prototype.hasOwnProperty.call(declared, s.variable.name));
        if (undeclared && 'variable' in undeclared) throw new InputError(`--var ${undeclared.variable.name}`, `the root module of ${quotedPath(dir)} declares no variable "${quotedInput(undeclared.variable.name)}"`);
        const outside = given.flatMap((source) => ('file' in source ? Object.keys(source.file.values) : [source.variable.name]));
        return markGiven(rootVariableValues(declared, sources, values.env ?? {}), outside);
      };
  const root = rootModule(dir, values.env, values.tool ?? onlyOpenTofuReads(dir));
  await readAhead(root, path.resolve(dir), ROOT_SCOPE.configPath);
  // Read beside its plan (`--code`, the gate), the plan's values are taken: it holds the imported ones.
  const rootDocs = planned ? [] : await directoryOf(root, path.resolve(dir)).then(({ hcl, json }) => [hcl, json]);
  const main = await readModuleTree(dir, ROOT_SCOPE, dir, 0, content, root, { variables });
  const terraform = bodiesOf(main.hcl.terraform);
  // OpenTofu (1.8) evaluates a backend's and a key provider's variables and locals at init; Terraform allows neither.
  const evaluated = (settings: Body) => {
    const split = splitBlock(settings, { objectsAreBlocks: false, evaluator: main.scope }, new Set());
    return { settings: new ValueView(split.after, split.unknown), config: split.config };
  };
  const backend = withEnvironment(backendOf(terraform, evaluated), values.env ?? {});
  const endpoints = environmentEndpoints(values.env ?? {});
  const stateEncryption = stateEncryptionOf(terraform, evaluated, values.encryption);
  const { codeBlocks, terraformBlocks, ...rest } = content;
  const providerVersions = withLockedVersions(requiredProviderVersions({ terraform: terraformBlocks }), await readLockFile(dir));
  const sensitiveLiterals = takeSensitiveLiterals();
  const loaded: LoadedInput = {
    input: dir,
    kind: 'hcl',
    ...(root.environmentDefaultTags ? { environmentDefaultTags: root.environmentDefaultTags } : {}),
    ...(root.environmentIgnoreTags ? { environmentIgnoreTags: root.environmentIgnoreTags } : {}),
    ...(endpoints ? { environmentEndpoints: endpoints } : {}),
    ...rest,
    ...(codeBlocks.length > 0 ? { codeBlocks } : {}),
    ...(sensitiveLiterals.length > 0 ? { sensitiveLiterals } : {}),
    ...(variableFiles.length > 0 ? { variableFiles } : {}),
    ...(backend ? { backend } : {}),
    ...(stateEncryption ? { stateEncryption } : {}),
    ...(Object.keys(positions).length > 0 ? { positions } : {}),
    ...(providerVersions.length > 0 ? { providerVersions } : {}),
    meta: {},
  };
  // The AWS shared files its blocks name, read where the environment is, as terraform reads them in this directory.
  return withNamedSharedFiles(withImportTargets(loaded, rootDocs), values.env ?? {}, path.resolve(dir));
}
