/**
 * Parsing of Terraform traversals: reference strings (`aws_s3_bucket.b[0].id`, `module.m.out`,
 * `var.x`, `data.aws_iam_policy_document.p.json`) and module instance addresses
 * (`module.app["eu"].module.x[0]`).
 *
 * Terraform's plan JSON lists an expression `aws_s3_bucket.b[count.index].id` as
 * `["aws_s3_bucket.b", "count.index"]` (a non-constant index cuts the traversal), and
 * `aws_s3_bucket.b[0].id` as `["aws_s3_bucket.b[0].id", "aws_s3_bucket.b[0]", "aws_s3_bucket.b"]`.
 * Loaders of configuration text may keep the index as written (`aws_s3_bucket.b[count.index].id`);
 * both forms are understood.
 */
import { boundedMemo } from '../memo';
import type { PathSeg } from '../value';

/** An index as written in a traversal. */
export type IndexSpec =
  | { readonly kind: 'literal'; readonly value: number | string }
  /** `[count.index]` or `[each.key]`: the index of the instance the expression is evaluated in. */
  | { readonly kind: 'self' }
  /** `[*]`, `.*` or any other expression: which instance is not written. */
  | { readonly kind: 'dynamic' };

type Step = { readonly name: string } | { readonly index: IndexSpec };

/** What one reference string refers to. */
export type Ref =
  | { readonly kind: 'resource'; readonly mode: 'managed' | 'data'; readonly type: string; readonly name: string; readonly index?: IndexSpec; readonly attr: readonly string[] }
  | { readonly kind: 'module'; readonly name: string; readonly index?: IndexSpec; readonly output?: string }
  | { readonly kind: 'var'; readonly name: string }
  | { readonly kind: 'local'; readonly name: string }
  /** `count.index` / `each.key`: the expression is evaluated per instance. */
  | { readonly kind: 'instance-key' }
  | { readonly kind: 'each-value' }
  | { readonly kind: 'other'; readonly text: string };

function parseIndex(text: string): IndexSpec {
  const inner = text.trim();
  if (/^\d+$/.test(inner)) return { kind: 'literal', value: Number(inner) };
  if (/^"(?:[^"\\]|\\.)*"$/.test(inner)) return { kind: 'literal', value: JSON.parse(inner) as string };
  if (inner === 'count.index' || inner === 'each.key') return { kind: 'self' };
  return { kind: 'dynamic' };
}

/** The end of a bracketed index starting at `open` (the `[`), honouring quoted strings and nesting. */
function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return text.length;
}

/** Split a traversal into names and indexes. `.*` counts as a dynamic index. */
function parseTraversal(text: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '.') {
      i++;
    } else if (c === '[') {
      const end = closingBracket(text, i);
      steps.push({ index: parseIndex(text.slice(i + 1, end)) });
      i = end + 1;
    } else {
      let end = i;
      while (end < text.length && text[end] !== '.' && text[end] !== '[') end++;
      const name = text.slice(i, end);
      steps.push(name === '*' ? { index: { kind: 'dynamic' } } : { name });
      i = end;
    }
  }
  return steps;
}

const nameAt = (steps: readonly Step[], i: number): string | undefined => {
  const step = steps[i];
  return step && 'name' in step ? step.name : undefined;
};
const indexAt = (steps: readonly Step[], i: number): IndexSpec | undefined => {
  const step = steps[i];
  return step && 'index' in step ? step.index : undefined;
};
const namesFrom = (steps: readonly Step[], i: number): string[] =>
  steps.slice(i).flatMap((step) => ('name' in step ? [step.name] : []));

/** How many reference texts `parseRef` keeps before it starts again. */
const REFS_KEPT = 8192;

/**
 * Classify one reference string. Remembered by text (a `Ref` is never changed): the graph resolves a
 * link of most resources through the same few references of their configuration blocks, and parsed
 * them again each time (parseRef and parseIndex were ~15% of the resolving in a CPU profile of the bench's 30k plan).
 */
export const parseRef: (text: string) => Ref = boundedMemo((text) => classifyRef(text), REFS_KEPT);

function classifyRef(text: string): Ref {
  const steps = parseTraversal(text);
  const root = nameAt(steps, 0);
  const second = nameAt(steps, 1);
  if (root === undefined || second === undefined) return { kind: 'other', text };
  switch (root) {
    case 'count':
      return second === 'index' ? { kind: 'instance-key' } : { kind: 'other', text };
    case 'each':
      return second === 'key' ? { kind: 'instance-key' } : { kind: 'each-value' };
    case 'var':
      return { kind: 'var', name: second };
    case 'local':
      return { kind: 'local', name: second };
    case 'path':
    case 'terraform':
    case 'self':
      return { kind: 'other', text };
    case 'module': {
      const index = indexAt(steps, 2);
      const output = nameAt(steps, index ? 3 : 2);
      return { kind: 'module', name: second, ...(index ? { index } : {}), ...(output ? { output } : {}) };
    }
    case 'data': {
      const name = nameAt(steps, 2);
      if (name === undefined) return { kind: 'other', text };
      const index = indexAt(steps, 3);
      return { kind: 'resource', mode: 'data', type: second, name, ...(index ? { index } : {}), attr: namesFrom(steps, index ? 4 : 3) };
    }
    default: {
      const index = indexAt(steps, 2);
      return { kind: 'resource', mode: 'managed', type: root, name: second, ...(index ? { index } : {}), attr: namesFrom(steps, index ? 3 : 2) };
    }
  }
}

/**
 * The path a traversal of a resource or data source steps to inside its instance, literal steps alone:
 * `aws_lambda_function.f.environment[0].variables["TOKEN"]` is `['environment', 0, 'variables', 'TOKEN']`
 * (`Ref.attr` keeps the names alone). Undefined for a step not literal (`[var.i]`), a splat (`[*]`: no one instance) or another traversal.
 */
export function attributePath(text: string): PathSeg[] | undefined {
  const ref = parseRef(text);
  if (ref.kind !== 'resource' || ref.index?.kind === 'dynamic') return undefined;
  const steps = parseTraversal(text);
  const first = (ref.mode === 'data' ? 3 : 2) + (ref.index === undefined ? 0 : 1);
  const path: PathSeg[] = [];
  for (const step of steps.slice(first)) {
    if ('name' in step) path.push(step.name);
    else if (step.index.kind === 'literal') path.push(step.index.value);
    else return undefined;
  }
  return path;
}

/** One module instance on a path: `module.app["eu"]` is `{ name: 'app', key: 'eu' }`. */
export interface ModuleStep {
  readonly name: string;
  readonly key?: number | string;
}

/** `module.app["eu"].module.x[0]` -> steps; '' -> []. */
export function parseModuleAddress(address: string): ModuleStep[] {
  const steps = parseTraversal(address);
  const out: ModuleStep[] = [];
  for (let i = 0; i < steps.length; i++) {
    const name = nameAt(steps, i + 1);
    if (nameAt(steps, i) !== 'module' || name === undefined) continue;
    const index = indexAt(steps, i + 2);
    out.push({ name, ...(index?.kind === 'literal' ? { key: index.value } : {}) });
    i += index ? 2 : 1;
  }
  return out;
}

/** An instance address parsed: its module instance, its block (`data.aws_s3_bucket.b`) and its key. */
export interface InstanceAddress {
  readonly module: ModuleStep[];
  readonly block: string;
  readonly key?: number | string;
}

/**
 * `module.a["x"].data.aws_s3_bucket.b[0]` -> its module instance, its block (`data.aws_s3_bucket.b`)
 * and its key; undefined when the text is not a resource instance address.
 */
export const parseInstanceAddress = (address: string): InstanceAddress | undefined => parseAddress(address, ['data']);

/**
 * As `parseInstanceAddress`, for an instance of any block with an address: a resource, a data
 * source, an `ephemeral` block or an action (`module.a.action.aws_lambda_invoke.notify["k"]`, whose
 * block is `action.aws_lambda_invoke.notify`). Terraform reserves these words as resource types.
 */
export const parseBlockAddress = (address: string): InstanceAddress | undefined => parseAddress(address, ['data', 'ephemeral', 'action']);

/** An instance address whose block may start with one of `kinds` (`data`), which is then part of the block. */
function parseAddress(address: string, kinds: readonly string[]): InstanceAddress | undefined {
  const steps = parseTraversal(address);
  const module: ModuleStep[] = [];
  let i = 0;
  for (let name = nameAt(steps, i + 1); nameAt(steps, i) === 'module' && name !== undefined; name = nameAt(steps, i + 1)) {
    const index = indexAt(steps, i + 2);
    if (index && index.kind !== 'literal') return undefined;
    module.push({ name, ...(index?.kind === 'literal' ? { key: index.value } : {}) });
    i += index ? 3 : 2;
  }
  const first = nameAt(steps, i);
  const kind = first !== undefined && kinds.includes(first) && nameAt(steps, i + 2) !== undefined ? first : undefined;
  if (kind) i++;
  const type = nameAt(steps, i);
  const name = nameAt(steps, i + 1);
  const index = indexAt(steps, i + 2);
  if (type === undefined || name === undefined || (index && index.kind !== 'literal')) return undefined;
  if (steps.length !== i + (index ? 3 : 2)) return undefined;
  return { module, block: `${kind ? `${kind}.` : ''}${type}.${name}`, ...(index?.kind === 'literal' ? { key: index.value } : {}) };
}

const formatKey = (key: number | string | undefined): string =>
  key === undefined ? '' : typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;

/** The canonical instance address of a module path. */
export const moduleAddress = (steps: readonly ModuleStep[]): string =>
  steps.map((step) => `module.${step.name}${formatKey(step.key)}`).join('.');

/** The configuration path (no instance keys) of a module path. */
export const moduleConfigPath = (steps: readonly ModuleStep[]): string => steps.map((step) => `module.${step.name}`).join('.');

/** The configuration path of the module call `name` in the module at `parent`: `module.app.module.net`. */
export const callPath = (parent: string, name: string): string => (parent ? `${parent}.module.${name}` : `module.${name}`);

/** `module.a.module.b` -> `{ parent: 'module.a', name: 'b' }`; undefined for the root. */
export function splitModulePath(path: string): { parent: string; name: string } | undefined {
  const match = /^(?:(.*)\.)?module\.([^.]+)$/.exec(path);
  return match ? { parent: match[1] ?? '', name: match[2] } : undefined;
}

