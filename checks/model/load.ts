/**
 * Which loader reads an input, and loading a list of inputs. Detection looks at a directory's
 * entries or at the first bytes of a file, never at a whole (possibly huge) plan.
 *
 *   -, or a pipe (`<(terraform show …)`)  plan JSON from stdin or the pipe
 *   a cdktf.out directory (manifest.json or stacks/<name>/cdk.tf.json), a directory with
 *   cdk.tf.json, a project directory holding cdktf.out, or a stack synthesized as HCL named alone
 *   (its directory or its cdk.tf, listed by the manifest of its cdktf.out)   cdktf
 *   a directory with .tf / .tf.json files                         hcl
 *   a JSON file whose first key is a plan's (format_version, resource_changes…, or a state's or
 *   terraform's UI output's: the plan loader refuses those with a pointed message)   plan
 *   a JSON file with a configuration's keys ("//", resource, provider, terraform…)  cdktf
 *   (not a .tf or .tf.json file of a module, refused: Terraform reads the module's files together)
 * Anything else is refused with an InputError that names the input and says why.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../errors';
import { isCdktfOutDir, loadCdktf, manifestStack, missingManifest } from './cdktf';
import { decodeText } from './decode-text';
import { unfollowedStackReference } from './graph/cross-stack';
import { type ConfigTool, type GivenValue, isConfigEntry, isOpenTofuEntry, loadHcl, OPENTOFU_FILES, readCdktfLocalModules } from './hcl';
import { ioProblem } from './io-problem';
import { invalidJsonMessage } from './json-error';
import { loadPlanFile, loadPlanStream } from './plan';
import { UI_KEYS } from './plan/assemble';
import type { InputKind, LoadedInput } from './types';

/** Bytes read to recognize a file. */
const SNIFF_BYTES = 64 * 1024;

/** Top-level keys that make a JSON document a plan (or something the plan loader refuses well). */
const PLAN_KEYS = new Set(['format_version', 'plan_format_version', 'terraform_version', 'resource_changes', 'planned_values', 'prior_state', 'values', 'lineage', 'serial', 'resources', 'version']);
/** Top-level keys of a Terraform JSON configuration (cdk.tf.json). */
const CONFIG_KEYS = new Set(['//', 'resource', 'data', 'provider', 'module', 'output', 'terraform', 'variable', 'locals']);

const NOTHING_TO_CHECK = 'no .tf files, no cdk.tf.json and no cdktf.out stacks found (nothing to check)';

/**
 * The keys of the top-level object of (the start of) a JSON text, in order, as far as the text
 * goes. `undefined` when the text does not start an object.
 */
function topLevelKeys(text: string): string[] | undefined {
  let i = text.search(/\S/);
  if (i < 0 || text[i] !== '{') return undefined;
  i += 1;
  const keys: string[] = [];
  let depth = 0;
  let expectKey = true;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (end >= text.length) break;
      if (depth === 0 && expectKey) {
        try {
          keys.push(JSON.parse(text.slice(i, end + 1)) as string);
        } catch {
          return keys;
        }
        expectKey = false;
      }
      i = end + 1;
      continue;
    }
    if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') depth -= 1;
    else if (c === ',' && depth === 0) expectKey = true;
    if (depth < 0) break;
    i += 1;
  }
  return keys;
}

/**
 * Why a file is no input on its own, by its name: a module's .tf or .tf.json file is one of the files
 * Terraform reads together (the others hold its providers, variables, more resources), and an
 * OpenTofu file is refused as its directory is. cdktf's output is `cdk.tf.json` (kept under
 * another name as `dev.cdk.tf.json`), read as cdktf.
 */
function codeFileRefusal(file: string): string | undefined {
  const name = path.basename(file);
  if (name === 'cdk.tf.json' || name.endsWith('.cdk.tf.json')) return undefined;
  const extension = /\.tf(?:\.json)?$/.exec(name)?.[0];
  if (extension) return `a single ${extension} file: give the directory that holds it (Terraform reads every .tf and .tf.json file of a module)`;
  if (/\.tofu(?:\.json)?$/.test(name)) return OPENTOFU_FILES;
  return undefined;
}

/** Kind of a regular file, from its name and first bytes. */
async function detectFile(file: string, size: number): Promise<InputKind> {
  // A stack synthesized as HCL, named alone: read as its directory is (`detectDirectory`).
  if (path.basename(file) === 'cdk.tf' && (await manifestStack(file)) !== undefined) return 'cdktf';
  const refusal = codeFileRefusal(file);
  if (refusal) throw new InputError(file, refusal);
  if (size === 0) throw new InputError(file, 'empty file (nothing to check)');
  const handle = await fs.promises.open(file, 'r').catch((error: unknown) => {
    throw pathError(file, error);
  });
  let bytes: Buffer;
  try {
    const buffer = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    bytes = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  // The text at the start of the file, read as the loaders read it whole (decode-text.ts).
  const text = decodeText(bytes);
  if (text.trim() === '') throw new InputError(file, 'empty file (nothing to check)');
  const keys = topLevelKeys(text);
  if (keys === undefined) {
    // The setup-terraform wrapper puts `[command]…` and `::debug::` lines around a plan: the plan loader explains.
    if (/^\s*\[command\]|::debug::|::set-output/.test(text)) return 'plan';
    const what = /^\s*\[/.test(text) ? 'a JSON array' : 'not JSON';
    throw new InputError(file, `${what}: expected a Terraform plan JSON, a cdk.tf.json, a cdktf.out directory or a directory of .tf files`);
  }
  for (const key of keys) {
    // terraform's UI output (`terraform plan -json`) also has a `terraform` key: the plan loader explains.
    if (UI_KEYS.has(key)) return 'plan';
    if (CONFIG_KEYS.has(key)) return 'cdktf';
    if (PLAN_KEYS.has(key)) return 'plan';
  }
  const complete = /\}\s*$/.test(text) && bytes.length === size;
  if (!complete) return 'plan'; // a long document whose telling keys come later: the streaming plan loader decides
  try {
    JSON.parse(text);
  } catch (error) {
    throw new InputError(file, invalidJsonMessage(error, text));
  }
  throw new InputError(file, 'JSON, but neither a Terraform plan (no format_version or resource_changes) nor a cdktf configuration (no resource, provider or terraform block)');
}

/**
 * Kind of a directory, from its entries (one that cannot be listed is refused, naming it and why). A
 * directory of .tf files that its cdktf.out's manifest lists as a stack synthesized as HCL
 * (`cdktf.out/stacks/<name>/`, holding `cdk.tf`) is that stack, named and linked as the app's stacks are.
 */
async function detectDirectory(dir: string): Promise<InputKind> {
  try {
    const kind = detectDirectoryEntries(dir);
    return kind === 'hcl' && (await manifestStack(path.join(dir, 'cdk.tf'))) !== undefined ? 'cdktf' : kind;
  } catch (error) {
    if (error instanceof InputError) throw error;
    // A subdirectory (cdktf.out, its stacks/) is named by the error.
    throw pathError((error as NodeJS.ErrnoException).path ?? dir, error);
  }
}

function detectDirectoryEntries(dir: string): InputKind {
  if (isCdktfOutDir(dir) || fs.existsSync(path.join(dir, 'cdk.tf.json'))) return 'cdktf';
  const nested = path.join(dir, 'cdktf.out');
  const holdsCdktfOut = fs.existsSync(nested) && isCdktfOutDir(nested);
  // .tofu files too: the .tf loader explains why it does not read them.
  if (fs.readdirSync(dir, { withFileTypes: true }).some((e) => isConfigEntry(e) || isOpenTofuEntry(e))) {
    // Read as either, the other's resources would go unjudged: the user says which.
    if (holdsCdktfOut) throw new InputError(dir, 'holds both .tf files and a cdktf.out: name its cdktf.out to check the cdktf stacks, or give --input-kind hcl to check the .tf files');
    return 'hcl';
  }
  if (holdsCdktfOut) return 'cdktf';
  // A cdktf.out (or a project's) whose stacks were synthesized as HCL, without its manifest: say so.
  throw missingManifest(dir) ?? missingManifest(nested) ?? new InputError(dir, NOTHING_TO_CHECK);
}

/**
 * The one-line refusal of a path the file system would not open or list. An error that is not the
 * file system's (a programming error) passes through unchanged, to be reported as one.
 */
function pathError(target: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') return error;
  return new InputError(target, ioProblem(error) ?? `cannot read (${code})`);
}

/** Which loader reads `target` (`-` is a plan JSON on stdin). */
export async function detectKind(target: string): Promise<InputKind> {
  if (target === '-') return 'plan';
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(target);
  } catch (error) {
    throw pathError(target, error);
  }
  if (stat.isDirectory()) return detectDirectory(target);
  // A pipe (`<(terraform show -json tfplan)` names /dev/fd/63) can be read once, so not sniffed first:
  // read as stdin is, a plan JSON. Anything else the plan loader refuses with its reason.
  if (stat.isFIFO() || stat.isCharacterDevice()) return 'plan';
  if (!stat.isFile()) throw new InputError(target, 'not a regular file or directory');
  return detectFile(target, stat.size);
}

/**
 * Load one input of a known kind; `env` is where a .tf input's or a cdktf stack's `TF_VAR_` variables are looked up,
 * `given` its `-var`/`-var-file` values, `tool` the one that plans a .tf input, where named (`ConfigTool`).
 */
async function loadOne(target: string, kind: InputKind, env: Readonly<Record<string, string | undefined>>, given: readonly GivenValue[], tool: ConfigTool | undefined): Promise<LoadedInput[]> {
  if (kind === 'plan') return [target === '-' ? await loadPlanStream(process.stdin, '-') : await loadPlanFile(target)];
  if (target === '-') throw new InputError('-', `standard input can only be a plan JSON, not ${kind === 'hcl' ? 'HCL' : 'cdktf output'}`);
  if (kind === 'cdktf') {
    const stacks = await loadCdktf(target, readCdktfLocalModules, env, (dir, stackEnv) => loadHcl(dir, { env: stackEnv }));
    if (fs.statSync(target).isDirectory()) stacks.forEach(refuseFilesBeside);
    return stacks;
  }
  return [await loadHcl(target, { env, given, ...(tool ? { tool } : {}) })];
}

/**
 * A stack read from its directory (a cdktf.out's, or the directory named) whose cdk.tf.json has
 * `.tf` files beside it: Terraform, and cdktf deploy there, read them with it as one module, and
 * cdktf synth leaves files it did not write. A stack's cdk.tf.json named alone is read alone.
 */
function refuseFilesBeside(stack: LoadedInput): void {
  if (path.basename(stack.input) !== 'cdk.tf.json') return;
  const dir = path.dirname(stack.input);
  if (!fs.readdirSync(dir, { withFileTypes: true }).some((e) => isConfigEntry(e) || isOpenTofuEntry(e))) return;
  throw new InputError(
    dir,
    "holds .tf files beside its cdk.tf.json, which Terraform reads with it as one module: read as either, the other's resources would go unjudged; move them out (or into the app), check the stack's plan, or name its cdk.tf.json to check it alone",
  );
}

/**
 * `loaded` with its real path (`LoadedInput.realPath`); as it is for standard input, and for a name
 * the file system does not resolve (a pipe's `/dev/fd/63`).
 */
function withRealPath(loaded: LoadedInput): LoadedInput {
  if (loaded.input === '-') return loaded;
  try {
    return { ...loaded, realPath: fs.realpathSync(loaded.input) };
  } catch {
    return loaded;
  }
}

/**
 * Load every input, in order: each is detected (or read as `kind` when given) and dispatched to
 * the plan, cdktf or HCL loader. A cdktf.out directory gives one LoadedInput per stack. `tool`: the one
 * that plans the .tf inputs (`twinguard check --tool`), whose reading of `.tofu` files is followed.
 */
export async function loadInputs(
  paths: readonly string[],
  kind?: InputKind,
  env: Readonly<Record<string, string | undefined>> = {},
  given: readonly GivenValue[] = [],
  tool?: ConfigTool,
): Promise<LoadedInput[]> {
  if (paths.filter((target) => target === '-').length > 1) throw new InputError('-', 'standard input is given twice: it can be read once');
  const out: LoadedInput[] = [];
  const read = new Set<string>();
  for (const target of paths) {
    for (const loaded of (await loadOne(target, kind ?? (await detectKind(target)), env, given, tool)).map(withRealPath)) {
      // A file named twice (`check app app/cdktf.out`, a stack's directory and its cdk.tf.json, `x` and `$PWD/x`) is one
      // input, by the name first given: read twice, a stack would be two stacks of one name, linked to neither.
      if (loaded.realPath !== undefined && read.has(loaded.realPath)) continue;
      if (loaded.realPath !== undefined) read.add(loaded.realPath);
      out.push(loaded);
    }
  }
  const unfollowed = unfollowedStackReference(out);
  if (unfollowed !== undefined) throw unfollowed;
  return out;
}
