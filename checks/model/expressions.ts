/**
 * Terraform expressions as the configuration loaders see them. A cdk.tf.json and the JSON that
 * `@cdktf/hcl2json` makes of a .tf file both write every non-literal value as a string template
 * (`"${aws_s3_bucket.b.id}"`, `"logs-${count.index}"`, `"${merge(var.tags, {})}"`). This module
 * tells literals from expressions and lists an expression's references exactly as Terraform writes
 * them in a plan's `configuration` (`references`), so the graph resolves both the same way:
 *
 *   aws_s3_bucket.b.id             -> aws_s3_bucket.b.id, aws_s3_bucket.b
 *   aws_s3_bucket.b[0].id          -> aws_s3_bucket.b[0].id, aws_s3_bucket.b[0], aws_s3_bucket.b
 *   aws_s3_bucket.b[count.index].id -> aws_s3_bucket.b, count.index   (a dynamic index ends the traversal)
 *   module.m.bucket_id             -> module.m.bucket_id, module.m
 *   data.aws_iam_policy_document.p.json -> data.aws_iam_policy_document.p.json, data.aws_iam_policy_document.p
 *   var.x / local.x / each.key / each.value.name / count.index / path.module -> as written, then shorter
 *
 * Given a module's `Evaluator` (evaluate.ts), it evaluates what the code fixes: `local` values and
 * a few functions of them (`jsonencode`, `merge`…), as certain as a literal. Any other value that is
 * not a literal is unknown, never guessed.
 */
import { MAX_NESTING } from './nesting';
import { notEvaluatedIn } from './not-evaluated';
import { isRecord, record } from './records';
import type { CodeSource, ConfigNode, DroppedLiteral, UnknownMapWithin, WrittenEntry } from './types';
import type { RepeatedBy, Written } from './evaluate';

/** A string of the configuration: a literal (escapes undone) or a template with references. */
export type TemplateValue = { readonly literal: true; readonly value: string } | { readonly literal: false; readonly references: string[] };

/** Roots whose first attribute is the referenced object (`var.x`, `each.key`, `count.index`…). */
const SIMPLE_ROOTS = new Set(['var', 'local', 'each', 'count', 'path', 'terraform', 'self']);
/** Roots whose values the code fixes (a variable not given from outside, a local, the instance's key, a path): no resource's attribute. */
const CODE_ROOTS = new Set(['var', 'local', 'each', 'count', 'path', 'terraform']);

/**
 * Whether the code fixes every value these (expanded) references read: a function twinguard does not evaluate of
 * them is one Terraform computes at plan time (`ConfigNode.notEvaluated`). Of a resource's attribute the code does
 * not write (`strrev(random_id.r.hex)`), the plan may not know it either: it is known only after apply. One its
 * configuration writes wholly known (`strrev(aws_kms_key.a.description)` of `description = "eurt"`) Terraform plans
 * as written. A reference to the resource itself (`aws_kms_key.a`, listed beside `aws_kms_key.a.description`) is
 * read through the longer one.
 */
const readsOnlyCode = (evaluator: Evaluator, references: readonly string[]): boolean =>
  references.every((reference) => CODE_ROOTS.has(reference.split('.')[0]) || steppedInto(reference, references) || evaluator.template(`\${${reference}}`)?.whollyKnown === true) &&
  evaluator.fixedByCode(references);

/** Whether another of `references` reads on into `reference` (`aws_kms_key.a.description` of `aws_kms_key.a`). */
const steppedInto = (reference: string, references: readonly string[]): boolean =>
  references.some((other) => other.length > reference.length && other.startsWith(reference) && (other[reference.length] === '.' || other[reference.length] === '['));

/** Roots followed by a type and a name (`data.aws_iam_policy_document.p`). */
const TYPED_ROOTS = new Set(['data', 'ephemeral']);

type Step = { readonly kind: 'attr'; readonly name: string } | { readonly kind: 'index'; readonly key: string | number };

const stepText = (step: Step): string =>
  step.kind === 'attr' ? `.${step.name}` : typeof step.key === 'number' ? `[${step.key}]` : `[${JSON.stringify(step.key)}]`;

const pathText = (root: string, steps: readonly Step[]): string => root + steps.map(stepText).join('');

/**
 * The references Terraform lists for one static traversal (`root` followed by `steps`): the full
 * traversal, then each shorter prefix down to the referenced object, then the object without its
 * instance key (resources, module calls), or, of a module call's output, the call's instance (terraform
 * 1.11.4: `module.m[0].out` lists `module.m[0].out` and `module.m[0]`). Traversals that name no object give nothing.
 */
export function referencesOfTraversal(root: string, steps: readonly Step[]): string[] {
  const attr = (i: number): string | undefined => (steps[i]?.kind === 'attr' ? (steps[i] as { name: string }).name : undefined);
  let subjectLength: number;
  const extra: string[] = [];
  if (SIMPLE_ROOTS.has(root)) {
    if (root === 'self') subjectLength = 0;
    else if (attr(0) === undefined) return [];
    else subjectLength = 1;
  } else if (root === 'module') {
    if (attr(0) === undefined) return [];
    const keyed = steps[1]?.kind === 'index';
    const outputAt = keyed ? 2 : 1;
    if (attr(outputAt) !== undefined) {
      subjectLength = outputAt + 1;
      extra.push(pathText(root, steps.slice(0, outputAt)));
    } else {
      subjectLength = outputAt;
      if (keyed) extra.push(pathText(root, steps.slice(0, 1)));
    }
  } else {
    const offset = TYPED_ROOTS.has(root) ? 1 : 0;
    if (attr(offset) === undefined || (offset === 1 && attr(0) === undefined)) return [];
    const keyed = steps[offset + 1]?.kind === 'index';
    subjectLength = offset + 1 + (keyed ? 1 : 0);
    if (keyed) extra.push(pathText(root, steps.slice(0, offset + 1)));
  }
  const out: string[] = [];
  for (let length = steps.length; length > subjectLength; length -= 1) out.push(pathText(root, steps.slice(0, length)));
  out.push(pathText(root, steps.slice(0, subjectLength)));
  return [...out, ...extra];
}

/**
 * An expression whose brackets or templates nest deeper than `MAX_NESTING` (only a crafted file
 * does): scanning it would overflow the stack. The loaders refuse the input with `EXPRESSION_TOO_DEEP`.
 */
export class ExpressionTooDeep extends Error {}

export const EXPRESSION_TOO_DEEP = `an expression whose brackets or templates nest deeper than ${MAX_NESTING} levels: twinguard does not read it (Terraform code nests far fewer)`;

/**
 * Set while a value is split in a scope that evaluates (`splitParts`): the value of an index
 * expression there, a number or a string, or undefined when it is not known.
 */
let indexValue: ((expression: string) => number | string | undefined) | undefined;

/** `parse` with index expressions evaluated in `evaluator`'s scope. */
function withIndexes<T>(evaluator: Evaluator, parse: () => T): T {
  const outer = indexValue;
  indexValue = (expression) => {
    const result = evaluator.template(`\${${expression}}`);
    const key = result?.whollyKnown ? result.after : undefined;
    return typeof key === 'string' || (typeof key === 'number' && Number.isInteger(key) && key >= 0) ? key : undefined;
  };
  try {
    return parse();
  } finally {
    indexValue = outer;
  }
}

/** A small scanner over HCL expression text: enough to find traversals, strings and brackets. */
class Scanner {
  pos = 0;
  readonly references: string[] = [];
  constructor(
    readonly text: string,
    /** Names bound by `for` expressions and dynamic-block iterators: not references. */
    readonly locals: ReadonlySet<string> = new Set(),
    /** Brackets and templates around this scanner's text. */
    readonly depth = 0,
  ) {
    if (depth > MAX_NESTING) throw new ExpressionTooDeep();
  }

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(offset = 0): string {
    return this.text[this.pos + offset] ?? '';
  }

  skipSpace(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos += 1;
      else if (c === '#' || (c === '/' && this.peek(1) === '/')) {
        while (!this.done && this.peek() !== '\n') this.pos += 1;
      } else if (c === '/' && this.peek(1) === '*') {
        const end = this.text.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? this.text.length : end + 2;
      } else return;
    }
  }

  identifier(): string | undefined {
    const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(this.pos, this.pos + 256));
    if (!match) return undefined;
    this.pos += match[0].length;
    return match[0];
  }

  /** A quoted string inside an expression: its own template, scanned for references. */
  quoted(): void {
    this.pos += 1; // opening quote
    let raw = '';
    while (!this.done && this.peek() !== '"') {
      if (this.peek() === '\\') {
        raw += this.text.slice(this.pos, this.pos + 2);
        this.pos += 2;
      } else if ((this.peek() === '$' || this.peek() === '%') && this.peek(1) === '{') {
        const end = matchingBrace(this.text, this.pos + 1, this.depth + 1);
        raw += this.text.slice(this.pos, end + 1);
        this.pos = end + 1;
      } else {
        raw += this.peek();
        this.pos += 1;
      }
    }
    this.pos += 1; // closing quote
    const parsed = parseTemplate(raw, this.locals, this.depth + 1);
    if (!parsed.literal) this.references.push(...parsed.references);
  }

  /** Scan to the end of the text (or the closing bracket), collecting references. */
  expression(close?: string): void {
    const forLocals = new Set(this.locals);
    let previous = '';
    while (!this.done) {
      this.skipSpace();
      const c = this.peek();
      if (c === '' || c === close) return;
      if (c === '"') {
        this.quoted();
        previous = 'value';
      } else if (c === '<' && this.peek(1) === '<' && /[-A-Za-z_]/.test(this.peek(2))) {
        this.heredoc();
        previous = 'value';
      } else if (c === '(' || c === '[' || c === '{') {
        this.pos += 1;
        const inner = new Scanner(this.text, forLocals, this.depth + 1);
        inner.pos = this.pos;
        inner.expression(c === '(' ? ')' : c === '[' ? ']' : '}');
        this.references.push(...inner.references);
        this.pos = inner.pos + 1;
        previous = 'value';
      } else if (/[A-Za-z_]/.test(c)) {
        const name = this.identifier() as string;
        if (previous === '.') {
          previous = 'value'; // an attribute of a non-traversal: `f(x).y`, `a[*].id`
        } else if (name === 'for' && previous === '') {
          for (const local of this.forVariables()) forLocals.add(local);
          previous = 'for';
        } else {
          this.traversal(name, forLocals);
          previous = 'value';
        }
      } else {
        this.pos += 1;
        previous = c === '.' ? '.' : 'op';
      }
    }
  }

  /** `for k, v in` — returns the bound names and leaves the scanner before the collection. */
  private forVariables(): string[] {
    const names: string[] = [];
    for (;;) {
      this.skipSpace();
      const name = this.identifier();
      if (name === undefined || name === 'in') return names;
      names.push(name);
      this.skipSpace();
      if (this.peek() === ',') this.pos += 1;
    }
  }

  private heredoc(): void {
    const match = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(this.text.slice(this.pos));
    if (!match) {
      this.pos += 2;
      return;
    }
    const bodyStart = this.pos + match[0].length;
    const end = new RegExp(`^[ \\t]*${match[1]}[ \\t]*$`, 'm');
    const rest = this.text.slice(bodyStart);
    const found = end.exec(rest);
    const body = found ? rest.slice(0, found.index) : rest;
    const parsed = parseTemplate(body, this.locals, this.depth + 1);
    if (!parsed.literal) this.references.push(...parsed.references);
    this.pos = found ? bodyStart + found.index + found[0].length : this.text.length;
  }

  /** A traversal from `root`: attributes and literal indices; a splat or dynamic index ends it. */
  private traversal(root: string, locals: ReadonlySet<string>): void {
    const steps: Step[] = [];
    for (;;) {
      const c = this.peek();
      if (c === '.' && /[A-Za-z_]/.test(this.peek(1))) {
        this.pos += 1;
        steps.push({ kind: 'attr', name: this.identifier() as string });
      } else if (c === '.' && /[0-9]/.test(this.peek(1))) {
        const digits = /^\.([0-9]+)/.exec(this.text.slice(this.pos)) as RegExpExecArray;
        this.pos += digits[0].length;
        steps.push({ kind: 'index', key: Number(digits[1]) });
      } else if (c === '[') {
        const key = literalIndex(this.text, this.pos) ?? (locals.size === 0 ? this.computedIndex() : undefined);
        if (key === undefined) break;
        this.pos = key.end;
        if (key.value === undefined) break;
        steps.push({ kind: 'index', key: key.value });
      } else break;
    }
    if (this.peek() === '(' || (this.peek() === ':' && this.peek(1) === ':')) {
      this.skipFunctionName();
      return;
    }
    if (locals.has(root)) return;
    this.references.push(...referencesOfTraversal(root, steps));
  }

  /**
   * `[expression]` at `pos` while the scope that splits the value evaluates indices (`indexValue`):
   * its value, or, when that is not known, its references without the instance's `count.index` or
   * `each.key` (beside an unindexed reference they would pick this instance's key, which the
   * expression need not be: `aws_lb_listener.http[lookup(var.rules[count.index], "i", 0)]`).
   * `[count.index]` and `[each.key]` themselves are left to the graph, as a plan writes them.
   */
  private computedIndex(): { value: string | number | undefined; end: number } | undefined {
    if (indexValue === undefined) return undefined;
    const end = matchingBrace(this.text, this.pos, this.depth + 1);
    const inner = this.text.slice(this.pos + 1, end);
    if (this.text[end] !== ']' || /^\s*(count\.index|each\.key)\s*$/.test(inner)) return undefined;
    const value = indexValue(inner);
    if (value === undefined) this.references.push(...referencesInExpression(inner, this.locals, this.depth + 1).filter((ref) => ref !== 'count.index' && ref !== 'each.key'));
    return { value, end: end + 1 };
  }

  /** `provider::aws::arn_parse(` and `lower(`: a function name, not a reference. */
  private skipFunctionName(): void {
    while (this.peek() === ':' && this.peek(1) === ':') {
      this.pos += 2;
      this.identifier();
    }
  }
}

/** `[0]` or `["key"]` at `pos`: the literal key and the position after `]`; undefined otherwise. */
function literalIndex(text: string, pos: number): { value: string | number; end: number } | undefined {
  const match = /^\[\s*(?:([0-9]+)|"((?:[^"\\$%]|\\.)*)")\s*\]/.exec(text.slice(pos, pos + 512));
  if (!match) return undefined;
  const value = match[1] !== undefined ? Number(match[1]) : unescapeQuoted(match[2]);
  return { value, end: pos + match[0].length };
}

/** Undo the escapes of an HCL quoted string (`\"`, `\\`, `\n`, `\uXXXX`…). */
function unescapeQuoted(raw: string): string {
  try {
    return JSON.parse(`"${raw.replace(/\\U([0-9A-Fa-f]{8})/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))}"`) as string;
  } catch {
    return raw;
  }
}

/** Index of the `"` that closes the quoted string opened at `open` (the text's length when none does). */
export function closingQuote(text: string, open: number, nesting = 0): number {
  let i = open + 1;
  for (; i < text.length && text[i] !== '"'; i += 1) {
    if (text[i] === '\\') i += 1;
    // `$${` and `%%{` are a literal `${` and `%{`, not a template to skip.
    else if ((text[i] === '$' || text[i] === '%') && text[i + 1] === text[i] && text[i + 2] === '{') i += 2;
    else if ((text[i] === '$' || text[i] === '%') && text[i + 1] === '{') i = matchingBrace(text, i + 1, nesting + 1);
  }
  return i;
}

/** Index of the `}` that closes the `{` at `open`, skipping nested brackets and quoted strings. */
export function matchingBrace(text: string, open: number, nesting = 0): number {
  if (nesting > MAX_NESTING) throw new ExpressionTooDeep();
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    const c = text[i];
    if (c === '"') i = closingQuote(text, i, nesting);
    else if (c === '{' || c === '[' || c === '(') depth += 1;
    else if (c === '}' || c === ']' || c === ')') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return text.length - 1;
}

/** The references of one HCL expression (the text between `${` and `}`). */
export function referencesInExpression(expression: string, locals: ReadonlySet<string> = new Set(), depth = 0): string[] {
  const scanner = new Scanner(expression, locals, depth);
  scanner.expression();
  return scanner.references;
}

/**
 * A string of Terraform JSON syntax: a literal (with `$${` and `%%{` unescaped) when it holds no
 * interpolation or directive, otherwise a template with the references of its expressions.
 */
export function parseTemplate(text: string, locals: ReadonlySet<string> = new Set(), depth = 0): TemplateValue {
  if (!text.includes('${') && !text.includes('%{')) return { literal: true, value: text };
  let literal = '';
  let isLiteral = true;
  const references: string[] = [];
  const scopeLocals = new Set(locals);
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
      literal += `${c}{`;
      i += 2;
    } else if ((c === '$' || c === '%') && text[i + 1] === '{') {
      isLiteral = false;
      const end = matchingBrace(text, i + 1, depth);
      const inner = text.slice(i + 2, end).replace(/^~/, '').replace(/~$/, '');
      if (c === '%') {
        const loop = /^\s*for\s+([A-Za-z_][\w-]*)(?:\s*,\s*([A-Za-z_][\w-]*))?\s+in\s+/.exec(inner);
        if (loop) {
          scopeLocals.add(loop[1]);
          if (loop[2]) scopeLocals.add(loop[2]);
          references.push(...referencesInExpression(inner.slice(loop[0].length), scopeLocals, depth + 1));
        } else references.push(...referencesInExpression(inner.replace(/^\s*if\b/, ''), scopeLocals, depth + 1));
      } else references.push(...referencesInExpression(inner, scopeLocals, depth + 1));
      i = end;
    } else literal += c;
  }
  return isLiteral ? { literal: true, value: literal } : { literal: false, references };
}

/** A whole-string interpolation of a bare reference (`${aws.east}` or `aws.east`): its text. */
export function bareReference(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\$\{\s*([^{}]*?)\s*\}$/.exec(value.trim());
  return (match ? match[1] : value).trim() || undefined;
}

/**
 * The references of a `for_each` written as a bare reference to an object (`${aws_s3_bucket.m}`,
 * `${data.aws_s3_bucket.x}`, `${module.m.buckets}`), the one form whose `each.value` is the object
 * itself; undefined for anything else (a literal, a function call, a `for` expression).
 */
export function forEachReferences(value: unknown): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\$\{\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+)\s*\}$/.exec(value.trim());
  return match ? referencesInExpression(match[1]) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Values: literals into `after`, expressions into the unknown mask, both into ConfigNodes.

/**
 * What the configuration fixes beyond literals (`local` values, see evaluate.ts): a loader passes one
 * per module.
 */
export interface Evaluator {
  /** A template string's value, split as a plan writes it (`count`: as a `count`); undefined when it is unknown as a whole. */
  template(text: string, count?: boolean): { readonly after: unknown; readonly unknown: unknown; readonly whollyKnown: boolean } | undefined;
  /** Of a map expression known only after apply whole, the entries it holds whatever its unknown part (evaluate.ts `heldEntries`, `ConfigNode.held`). */
  held(text: string): { readonly after: Readonly<Record<string, unknown>>; readonly unknown?: unknown } | undefined;
  /** References with each `local.<name>…` replaced by those of the local's expression. */
  expand(references: readonly string[]): string[];
  /** What the code of the local `name` fixes, variables unknown, `after`-shaped (unknown parts left out). */
  localValue(name: string): unknown;
  /** The locals a cycle through the local `name` goes through, `name` first (evaluate.ts `localCycle`); undefined where it is on none. */
  localCycle(name: string): readonly string[] | undefined;
  /** A configuration value evaluated symbolically (see `CodeSource`; `moduleReference` reads a `for_each` that binds `each`). */
  symbolic(value: unknown, reference: (traversal: string) => unknown, moduleReference?: (traversal: string) => unknown): unknown;
  /**
   * The blocks of a `dynamic` block whose `for_each` the code fixes: for each element, in
   * Terraform's order, an evaluator in which `iterator` is bound to its key and value. Undefined
   * when the elements are not known.
   */
  dynamicBlocks(forEach: unknown, iterator: string): Evaluator[] | undefined;
  /**
   * What the blocks of a `dynamic` block hold, evaluated symbolically (see `symbolic`): for each element of its
   * `for_each`, `content` with `iterator` bound, as a list of objects; unknown where the elements are not known.
   */
  symbolicDynamic(forEach: unknown, iterator: string, content: Record<string, unknown>, reference: (traversal: string) => unknown, moduleReference?: (traversal: string) => unknown): unknown;
  /** This scope in one instance of a resource or module call repeated by `count` or `for_each` (the `for_each` as written): `count.index`, `each.key` and `each.value` bound. */
  instance(repetition: 'count' | 'for_each', key: number | string, forEach: unknown): Evaluator;
  /** A configuration value of this scope (a module call's argument) as a partial (evaluate.ts). */
  value(raw: unknown): unknown;
  /** What a configuration value's own code writes, this module's variables not known, `after`-shaped. */
  writtenValue(raw: unknown): unknown;
  /**
   * The values the code writes in a map Terraform knows only after apply whole (evaluate.ts `writtenEntries`), variables
   * not known; `instance`: read in an instance of a block repeated by that `for_each` (`each.value`), where the scope binds no `each` itself.
   */
  writtenEntries(raw: unknown, instance?: RepeatedBy): readonly WrittenEntry[];
  /** What a configuration value's code writes, with the maps known only after apply whole within it, each at its path (evaluate.ts `writtenRaw`), variables not known. */
  writtenOf(raw: unknown, instance?: RepeatedBy): Written;
  /**
   * The literal text of the templates written in a configuration value that nothing read of it holds (`read`: values; `maps`: the
   * entries written in it), as the one entry of its place (evaluate.ts `literalsNotRead`).
   */
  literalsNotRead(raw: unknown, read: readonly unknown[], maps: readonly UnknownMapWithin[]): readonly WrittenEntry[];
  /** The literal text an expression whose value is known writes that the value does not keep (evaluate.ts `literalsDropped`). */
  literalsDropped(raw: string, value: unknown): string | undefined;
  /** What a configuration value writes by itself (literals, functions of them; no local, variable or `each`), `after`-shaped. */
  literalValue(raw: unknown): unknown;
  /** Whether a value of these (expanded) references is fixed by the code alone: it reads nothing given from outside the code (`-var`, `-var-file`, a plan). */
  fixedByCode(references: readonly string[]): boolean;
  /** Of these (expanded) references, those to a root variable nothing sets (evaluate.ts `markUnset`), as `var.<name>`. */
  unsetVariables(references: readonly string[]): readonly string[];
  /** The references of each key's element of a `for_each` written as a map (in place, or as a local); undefined for another. */
  forEachElements(forEach: unknown): Record<string, string[]> | undefined;
}

/** How a body's objects are read. */
export interface ValueStyle {
  /**
   * True for Terraform JSON syntax of block-based providers (cdk.tf.json, .tf.json for `aws`):
   * a single object is a nested block written without its list, and becomes a list of one, as in
   * a plan. False for hcl2json output (its blocks are already lists, its objects are maps) and for
   * providers without blocks (`awscc`: every object is an attribute).
   */
  readonly objectsAreBlocks: boolean;
  /** The module's `local` values; without one, every expression that is not a literal is unknown. */
  readonly evaluator?: Evaluator;
}

/** A configuration value split three ways. */
export interface SplitValue {
  /** The literal part, shaped as a plan's `after` (unknown parts left out, `null` in lists). */
  readonly after: unknown;
  /** `true` where unknown, an object/array of masks where partly unknown, `undefined` where known. */
  readonly unknown: unknown;
  readonly config: ConfigNode;
}

/**
 * Attributes of block-based providers whose object value is a map, not a nested block. Other
 * objects count as blocks only when every key looks like a schema name (`snake_case`): a map with
 * keys such as `Name` or `aws:x` stays a map.
 */
const MAP_ATTRIBUTES = new Set([
  'tags',
  'tags_all',
  'variables',
  'parameters',
  'default_arguments',
  'advanced_options',
  'request_parameters',
  'request_templates',
  'response_parameters',
  'response_templates',
  'encryption_context_equals',
  'encryption_context_subset',
  'triggers',
]);

const SCHEMA_NAME = /^[a-z][a-z0-9_]*$/;

/** `text` split at `separator` where it stands outside brackets and strings (`closingQuote`: templates in them too). */
export function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '"') i = closingQuote(text, i);
    else if ('([{'.includes(c)) depth += 1;
    else if (')]}'.includes(c)) depth -= 1;
    else if (depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(from, i));
      from = i + separator.length;
      i += separator.length - 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

/** `computed`: a constant evaluated from references; `byCode`: one the code alone fixes (`ConfigNode.byCode`). */
const expr = (constant: unknown, references: string[], hasConstant: boolean, computed = false, byCode = false): ConfigNode =>
  hasConstant
    ? { kind: 'expr', hasConstant: true, constant, references: [], ...(computed ? { computed: true as const, ...(byCode ? { byCode: true as const } : {}) } : {}) }
    : { kind: 'expr', hasConstant: false, references };

/** True when the object at `key` is a nested block written as a single object (see ValueStyle). */
function isSingleBlock(key: string, value: Record<string, unknown>, style: ValueStyle): boolean {
  const keys = Object.keys(value);
  return style.objectsAreBlocks && !MAP_ATTRIBUTES.has(key) && keys.length > 0 && keys.every((k) => SCHEMA_NAME.test(k));
}

/** True when `value` is a list of nested blocks (every element an object). */
const isBlockList = (value: unknown[]): boolean => value.length > 0 && value.every(isRecord);

/** True when `value`, written at `key` of a body read in `style`, is nested blocks as this reading takes them (splitNested). */
export const writesBlocks = (key: string, value: unknown, style: ValueStyle): boolean =>
  !MAP_ATTRIBUTES.has(key) && (Array.isArray(value) ? style.objectsAreBlocks && isBlockList(value) : isRecord(value) && isSingleBlock(key, value, style));

/**
 * Split an attribute's value (a literal, a template string, a map, a list) into its literal part,
 * its unknown mask and one expression node whose references are those of every part.
 */
export function splitAttribute(value: unknown, locals: ReadonlySet<string> = new Set(), evaluator?: Evaluator, repeated?: Repeated): SplitValue {
  const split = splitParts(value, locals, evaluator);
  const node = split.config;
  // Names bound by a `for` or a dynamic block's iterator are not evaluated (see below).
  if (node.kind !== 'expr' || node.hasConstant || !evaluator || locals.size > 0) return split;
  const inInstance = (key: number | string | undefined): Evaluator => (repeated && key !== undefined ? evaluator.instance(repeated.repetition, key, repeated.forEach) : evaluator);
  return {
    ...split,
    config: {
      ...node,
      source: {
        evaluate: (reference, key, moduleReference) => inInstance(key).symbolic(value, reference, moduleReference),
        get sides() {
          return sidesCode(value, inInstance);
        },
        // Asked only of code read beside a plan that lists `count.index` or `each.key`: not made for every attribute.
        get readsKey() {
          return READS_KEY.test(JSON.stringify(value)) || undefined;
        },
        get readsEachValue() {
          return READS_EACH_VALUE.test(JSON.stringify(value)) || undefined;
        },
      },
    },
  };
}

/** Where the code reads its instance's key (a plan lists `count.index` or `each.key` among its references). */
const READS_KEY = /\b(?:count\.index|each\.key)\b/;
/** Where the code reads its instance's `for_each` element (a plan lists `each.value` among its references). */
const READS_EACH_VALUE = /\beach\.value\b/;

/** How the block an attribute is written in repeats (a module call's `count` or `for_each`): its symbolic code binds the instance's key. */
export interface Repeated {
  readonly repetition: 'count' | 'for_each';
  readonly forEach: unknown;
}

function splitParts(value: unknown, locals: ReadonlySet<string>, evaluator: Evaluator | undefined): SplitValue {
  if (typeof value === 'string') {
    const parsed = evaluator && locals.size === 0 ? withIndexes(evaluator, () => parseTemplate(value, locals)) : parseTemplate(value, locals);
    if (parsed.literal) return { after: parsed.value, unknown: undefined, config: expr(parsed.value, [], true) };
    // Names bound by a `for` or a dynamic block's iterator would shadow locals: not evaluated there.
    const { value: evaluated, functions: notEvaluated } = notEvaluatedIn(() => (evaluator && locals.size === 0 ? evaluator.template(value) : undefined));
    const references = evaluator ? evaluator.expand(parsed.references) : parsed.references;
    // What the code fixes whole is a constant; a value with unknown parts keeps its references.
    const document = evaluator && locals.size === 0 ? ENCODED_DOCUMENT.exec(value)?.[1] : undefined;
    if (evaluated?.whollyKnown) {
      const computed = parsed.references.length > 0;
      // A value the expression writes as a literal is the code's, whatever else it reads (`coalesce(var.pw, "…")`).
      const written = typeof evaluated.after === 'string' && value.includes(JSON.stringify(evaluated.after));
      const node = expr(evaluated.after, [], true, computed && !written, computed && !written && (evaluator as Evaluator).fixedByCode(references));
      // The literal text the expression writes that its value does not keep (`lower("AKIA…")`, a side not taken): the code's.
      const dropped = (evaluator as Evaluator).literalsDropped(value, evaluated.after);
      const config = computed && document !== undefined ? withParts(node, (evaluator as Evaluator).literalValue(`\${${document}}`)) : node;
      // A null the code computes (`var.policy` with a default of null) keeps its references too: a plan records them (code-sources.ts).
      if (dropped === undefined) return { after: evaluated.after, unknown: undefined, config: computed && evaluated.after === null ? ({ ...config, codeReferences: references } as ConfigNode) : config };
      return { after: evaluated.after, unknown: undefined, config: { ...config, literalsDropped: [{ at: [], text: dropped }], ...(computed ? { codeReferences: references } : {}) } as ConfigNode };
    }
    const unknownWhole = evaluator && locals.size === 0 && (evaluated === undefined || evaluated.unknown === true) ? evaluator : undefined;
    const choices = unknownWhole ? choicesOf(value, unknownWhole) : undefined;
    // A map known only after apply whole, through a local, merge(), a step into a map of maps…: the values the code
    // writes in it (tags), and those of one such a value holds (`local.cfg` of `{ outer = { "${var.p}_ID" = "…" } }`), or an
    // encoded document (`jsonencode([{ dockerLabels = { "${var.p}" = "…" } }])`), whose literal parts leave them out (credentials).
    const literalDocument = document === undefined ? undefined : (evaluator as Evaluator).literalValue(`\${${document}}`);
    const mapCode = isMapExpression(value) ? value : document !== undefined ? `\${${document}}` : undefined;
    const partly = evaluator && locals.size === 0 && evaluated?.whollyKnown !== true ? evaluator : undefined;
    const maps = partly && mapCode !== undefined ? partly.writtenOf(mapCode).within : [];
    // The literal text of the templates written in it, at any depth, that no map written in it holds (`"${var.p}-AKIA…"`,
    // `format("%s-AKIA…", var.p)`, `upper("${var.p}-AKIA…")`, `coalesce(var.x, "AKIA…")`): the code's. What a known part of
    // it holds too is found there, once (the rules' `withoutRepeats`).
    const unread = partly ? partly.literalsNotRead(value, [], maps) : [];
    const entries = [...maps.flatMap((map) => (map.at.length === 0 ? map.entries : [])), ...unread];
    const within = maps.filter((map) => map.at.length > 0);
    // What such a map holds for certain (`merge(var.tags, { Owner = "…" })`), for the tags a resource carries.
    const held = unknownWhole && mapCode === value ? unknownWhole.held(value) : undefined;
    const unsetVariables = unknownWhole ? unknownWhole.unsetVariables(references) : [];
    const node: ConfigNode = {
      ...(choices ? { ...expr(undefined, references, false), choices } : expr(undefined, references, false)),
      ...takenOf(value, unknownWhole),
      ...(entries.length > 0 ? { entriesOfUnknownMap: entries } : {}),
      ...(held !== undefined ? { held } : {}),
      ...(within.length > 0 ? { unknownMapsWithin: within } : {}),
      ...(unknownWhole && notEvaluated.length > 0 && readsOnlyCode(unknownWhole, references) ? { notEvaluated } : {}),
      ...(unsetVariables.length > 0 ? { unsetVariables } : {}),
    } as ConfigNode;
    // Not one expression (`${jsonencode(a)}-${jsonencode(b)}`): its template does not parse, so nothing is known.
    const fixed = document !== undefined && (evaluator as Evaluator).fixedByCode(references) ? documentKnown(document, evaluator as Evaluator) : undefined;
    const config = document === undefined ? node : withParts(node, literalDocument, fixed);
    if (evaluated) return { after: evaluated.after, unknown: evaluated.unknown, config };
    return { after: undefined, unknown: true, config };
  }
  if (Array.isArray(value)) {
    const parts = value.map((item) => splitParts(item, locals, evaluator));
    const unknown = parts.some((p) => p.unknown !== undefined) ? parts.map((p) => p.unknown ?? false) : undefined;
    const after = parts.map((p) => (p.unknown === true ? null : p.after));
    return { after, unknown, config: merged(after, parts, (select) => parts.map(select)) };
  }
  if (isRecord(value)) {
    const keys = Object.keys(value);
    const named = keys.map((k) => mapKey(k, locals, evaluator));
    // A key the code computes that names another key too: Terraform keeps the one written last, and a
    // .tf file's map reaches here with its keys sorted (hcl2json), not in the order written.
    if (named.some((key) => key === undefined) || new Set(named.map((key) => key?.name)).size < keys.length) {
      // Each value split once: its references, and what it writes as a literal.
      const parts = keys.map((k) => splitAttribute(value[k], locals, evaluator));
      const references = keys.flatMap((k, i) => [...refsOf(parseTemplate(k, locals)), ...refsOfNode(parts[i].config)]);
      // Unknown whole, as Terraform has it (repeated keys: which value Terraform keeps is not known here); the values the code writes are kept for the rules that search code for data (tags).
      const byCode = evaluator && locals.size === 0 ? evaluator.writtenEntries(value) : undefined;
      // And the literal text of the templates written in it that none of those holds (`literalsNotRead`).
      const entries = byCode
        ? [...byCode, ...(evaluator as Evaluator).literalsNotRead(value, [], [{ at: [], entries: byCode }])]
        : keys.flatMap((k, i) => {
            const key = parseTemplate(k);
            const written = literalPart(parts[i]);
            return written === undefined ? [] : [{ ...(key.literal ? { key: key.value } : {}), value: written }];
          });
      const node: ConfigNode = { kind: 'expr', hasConstant: false, references, ...(entries.length > 0 ? { entriesOfUnknownMap: entries } : {}) };
      return { after: undefined, unknown: true, config: node };
    }
    const after = record();
    const unknown = record();
    const parts: [string, SplitValue][] = [];
    for (const [i, key] of keys.entries()) {
      const { name } = named[i] as MapKey; // every key is known here
      const part = splitParts(value[key], locals, evaluator);
      parts.push([name, part]);
      if (part.unknown !== true) after[name] = part.after;
      if (part.unknown !== undefined) unknown[name] = part.unknown;
    }
    const selected = (select: (part: SplitValue) => unknown): unknown => {
      const out = record();
      for (const [name, part] of parts) {
        const value = select(part);
        if (value !== undefined) out[name] = value;
      }
      return out;
    };
    // A key the code computes counts as a computed part of the map (not written as a literal).
    const keyParts = named.flatMap((key) => (key?.part ? [key.part] : []));
    return { after, unknown: Object.keys(unknown).length > 0 ? unknown : undefined, config: merged(after, [...parts.map(([, part]) => part), ...keyParts], selected) };
  }
  return { after: value, unknown: undefined, config: expr(value, [], true) };
}

/** A map's key known at plan time: its name, and, for a template, the key as a computed part of the map. */
interface MapKey {
  readonly name: string;
  readonly part?: SplitValue;
}

/**
 * A map's key as Terraform has it at plan time: a literal, or a template whose every part the
 * evaluator knows (`"${local.prefix}:owner"`, `local.prefix = "acme"`: `acme:owner`, as `terraform
 * plan` gives it); undefined for one known only after apply (`"${aws_s3_bucket.b.id}:owner"`, or a
 * variable whose value is not given), which makes the whole map so. Only a string names a key here,
 * as in the evaluator's objects.
 */
function mapKey(key: string, locals: ReadonlySet<string>, evaluator: Evaluator | undefined): MapKey | undefined {
  const parsed = parseTemplate(key, locals);
  if (parsed.literal) return { name: parsed.value };
  if (!evaluator || locals.size > 0) return undefined;
  const evaluated = evaluator.template(key);
  if (!evaluated?.whollyKnown || typeof evaluated.after !== 'string') return undefined;
  const computed = parsed.references.length > 0;
  const byCode = computed && evaluator.fixedByCode(evaluator.expand(parsed.references));
  return { name: evaluated.after, part: { after: evaluated.after, unknown: undefined, config: expr(evaluated.after, [], true, computed, byCode) } };
}

/**
 * The values an attribute that is one conditional may take, where its condition is not known and
 * each side is a value the code fixes (`"${var.key == "" ? "AES256" : "aws:kms"}"`, checkov #7269):
 * one side or the other, whichever the condition turns out to be. Undefined for anything else.
 */
function choicesOf(template: string, evaluator: Evaluator): readonly unknown[] | undefined {
  const branches = conditionalSides(template);
  if (branches === undefined) return undefined;
  const values = branches.map((branch) => evaluator.template(branch));
  if (!values.every((v) => v?.whollyKnown === true && (typeof v.after === 'string' || typeof v.after === 'number' || typeof v.after === 'boolean'))) return undefined;
  return [...new Set(values.map((v) => v?.after))];
}

/** The sides of a template that is one conditional whole (`${c ? a : b}`), each a template; undefined for anything else. */
function conditionalSides(template: unknown): readonly [string, string] | undefined {
  const whole = typeof template === 'string' ? /^\$\{([\s\S]*)\}$/.exec(template) : null;
  if (!whole || whole[1].includes('${')) return undefined;
  const sides = splitTopLevel(whole[1], '?');
  const branches = sides.length === 2 ? splitTopLevel(sides[1], ':') : [];
  return branches.length === 2 ? [`\${${branches[0].trim()}}`, `\${${branches[1].trim()}}`] : undefined;
}

/**
 * `ConfigNode.taken` of a template that is one conditional whole whose condition `evaluator` knows: the references of
 * the side it takes (a nested conditional's, the same way), expanded through locals; none where it knows no condition.
 */
function takenOf(template: string, evaluator: Evaluator | undefined): { taken?: readonly string[] } {
  const taken = evaluator === undefined ? undefined : takenSide(template, evaluator);
  return taken === undefined ? {} : { taken: evaluator!.expand(refsOf(parseTemplate(taken))) };
}

/** The side a template that is one conditional whole takes, as a template, where `evaluator` knows its condition. */
function takenSide(template: string, evaluator: Evaluator): string | undefined {
  const branches = conditionalSides(template);
  const condition = branches === undefined ? undefined : evaluator.template(`\${${splitTopLevel(template.slice(2, -1), '?')[0].trim()}}`);
  if (branches === undefined || condition?.whollyKnown !== true || typeof condition.after !== 'boolean') return undefined;
  const side = branches[condition.after ? 0 : 1];
  return takenSide(side, evaluator) ?? side;
}

/** `CodeSource.sides`: each side of a template that is one conditional whole, as code evaluated where the whole is. */
function sidesCode(template: unknown, inInstance: (key: number | string | undefined) => Evaluator): readonly CodeSource[] | undefined {
  return conditionalSides(template)?.map((side) => ({
    evaluate: (reference, key, moduleReference) => inInstance(key).symbolic(side, reference, moduleReference),
    get sides() {
      return sidesCode(side, inInstance);
    },
  }));
}

/**
 * An attribute that may be a map the code writes or hold one (`writtenOf`): a local, a module's variable (its
 * caller's argument), a called module's output, `each.value`, a call whose result carries an argument's map or is
 * built from them (evaluate.ts `FOLLOWED_CALLS`: `merge`, `tomap`, `try`, `coalesce`, `lookup`, `one`, `values`,
 * `zipmap`), an object constructor or a `for`, in parentheses or not; or one expression with a `?`, which may be a
 * conditional (whatever its condition).
 */
const isMapExpression = (value: string): boolean =>
  /^\$\{[\s(]*(?:local\.|var\.|module\.|each\.|(?:merge|tomap|try|coalesce|lookup|one|values|zipmap)\s*\(|\{)/.test(value) || (value.startsWith('${') && value.includes('?'));

/** An attribute that is one encoded document: `${jsonencode(…)}` or `${yamlencode(…)}`, the group the document's expression. */
const ENCODED_DOCUMENT = /^\$\{(?:jsonencode|yamlencode)\(([\s\S]*)\)\}$/;

/** A node with the parts the code writes at it (`ConfigNode.literalParts`) and fixes (`codeParts`), where there are such. */
const withParts = (node: ConfigNode, literalParts: unknown, codeParts?: unknown): ConfigNode =>
  ({ ...node, ...(isRecord(literalParts) || Array.isArray(literalParts) ? { literalParts } : {}), ...(codeParts !== undefined ? { codeParts } : {}) }) as ConfigNode;

/**
 * Of an encoded document not wholly known (`jsonencode([{ image = var.image, environment = [...] }])`)
 * that reads nothing given from outside the code, what the evaluator knows of it (`ConfigNode.codeParts`).
 */
function documentKnown(document: string, evaluator: Evaluator): unknown {
  const known = evaluator.template(`\${${document}}`);
  return known === undefined || known.after === null || typeof known.after !== 'object' ? undefined : known.after;
}

const refsOf = (parsed: TemplateValue): string[] => (parsed.literal ? [] : parsed.references);

/** Every reference under a node. */
export function refsOfNode(node: ConfigNode): string[] {
  if (node.kind === 'expr') return [...node.references];
  if (node.kind === 'list') return node.items.flatMap(refsOfNode);
  return Object.values(node.attrs).flatMap(refsOfNode);
}

/**
 * One expression node for a composite attribute: constant when every part is (its value is then the
 * parts' values, `after`), else all references.
 */
function merged(after: unknown, parts: readonly SplitValue[], selected: (select: (part: SplitValue) => unknown) => unknown): ConfigNode {
  const constant = parts.every((p) => p.config.kind === 'expr' && p.config.hasConstant);
  const computed = parts.some((p) => p.config.kind === 'expr' && p.config.computed === true);
  const byCode = parts.every((p) => p.config.kind !== 'expr' || p.config.computed !== true || p.config.byCode === true);
  const built = constant ? expr(after, [], true, computed, computed && byCode) : expr(undefined, parts.flatMap((p) => refsOfNode(p.config)), false);
  const dropped = parts.some((p) => p.config.kind === 'expr' && p.config.literalsDropped !== undefined) ? droppedIn(selected(droppedOf)) : [];
  // A constant part's references are none: those its code reads, with the other parts', match a plan's (`codeReferences`).
  const codeReferences = dropped.length > 0 ? [...new Set(parts.flatMap((p) => [...refsOfNode(p.config), ...(p.config.kind === 'expr' ? (p.config.codeReferences ?? []) : [])]))] : [];
  const node = dropped.length > 0 ? ({ ...built, literalsDropped: dropped, ...(codeReferences.length > 0 ? { codeReferences } : {}) } as ConfigNode) : built;
  // A literal whole needs no parts; one made in part from references keeps those written as literals,
  // and, not fixed whole, those the code fixes elsewhere.
  if (constant && !computed) return node;
  const fixedElsewhere = !constant && parts.some((p) => p.config.kind === 'expr' && (p.config.byCode === true || p.config.codeParts !== undefined));
  const within = unknownMapsIn(selected(unknownMapsOf));
  return { ...withParts(node, selected(literalPart), fixedElsewhere ? selected(codePart) : undefined), ...(within.length > 0 ? { unknownMapsWithin: within } : {}) } as ConfigNode;
}

/** The literal text an element's expressions write that their values do not keep (`ConfigNode.literalsDropped`). */
const droppedOf = (part: SplitValue): readonly DroppedLiteral[] | undefined => (part.config.kind === 'expr' ? part.config.literalsDropped : undefined);

/** `droppedOf` each element (by key, or by index in a list), as paths below the map or list. */
function droppedIn(byPart: unknown): DroppedLiteral[] {
  const each = Array.isArray(byPart) ? byPart.map((dropped, i) => [i, dropped] as const) : Object.entries(byPart as Record<string, unknown>);
  return each.flatMap(([at, dropped]) => ((dropped ?? []) as DroppedLiteral[]).map((literal) => ({ at: [at, ...literal.at], text: literal.text })));
}

/** The maps known only after apply whole an expression is (at `[]`) or holds (`ConfigNode.unknownMapsWithin`). */
export const unknownMapsAt = (node: Extract<ConfigNode, { kind: 'expr' }>): UnknownMapWithin[] => [
  ...(node.entriesOfUnknownMap ? [{ at: [], entries: node.entriesOfUnknownMap }] : []),
  ...(node.unknownMapsWithin ?? []),
];

/** The maps known only after apply whole a map's or list's element is or holds (`unknownMapsAt`), below the element. */
function unknownMapsOf(part: SplitValue): UnknownMapWithin[] | undefined {
  const node = part.config;
  if (node.kind !== 'expr' || (node.entriesOfUnknownMap === undefined && node.unknownMapsWithin === undefined)) return undefined;
  return unknownMapsAt(node);
}

/** `unknownMapsOf` each element (by key, or by index in a list), as paths below the map or list. */
function unknownMapsIn(byPart: unknown): UnknownMapWithin[] {
  const each = Array.isArray(byPart) ? byPart.map((maps, i) => [i, maps] as const) : Object.entries(byPart as Record<string, unknown>);
  return each.flatMap(([at, maps]) => ((maps ?? []) as UnknownMapWithin[]).map((map) => ({ at: [at, ...map.at], entries: map.entries })));
}

/** The part of a map's or list's element written as a literal (`ConfigNode.literalParts`); undefined for one made from references. */
function literalPart(part: SplitValue): unknown {
  const node = part.config;
  if (node.kind !== 'expr') return undefined;
  return node.hasConstant && node.computed !== true ? node.constant : node.literalParts;
}

/**
 * Whether an expression's constant is the code's: written there, or computed from what the code
 * alone fixes (a default, a local: `ConfigNode.byCode`); not a value given from outside (`-var`, a plan's variables).
 */
export const isCodeConstant = (node: ConfigNode | undefined): boolean => node?.kind === 'expr' && node.hasConstant && (node.computed !== true || node.byCode === true);

/** The part of a map's or list's element the code alone fixes (`ConfigNode.codeParts`): a literal, or a `byCode` value. */
function codePart(part: SplitValue): unknown {
  const node = part.config;
  if (node.kind !== 'expr') return undefined;
  return isCodeConstant(node) && node.hasConstant ? node.constant : (node.codeParts ?? node.literalParts);
}

/**
 * Split a block body (a resource, a provider, a nested block). Nested blocks become lists of
 * blocks. A `dynamic "x"` block becomes its blocks where the evaluator knows its `for_each`
 * (`dynamicBlocksOf`); otherwise `x` is unknown (its blocks exist only at plan time), with the
 * references of its `for_each` and `content`. An `x` written both ways (`statement { … }` beside
 * `dynamic "statement"`, as terraform-aws-modules/efs writes its policy) is the written blocks,
 * then the made ones: hcl2json keeps the two apart, so their order in the file is lost, and no
 * rule's verdict depends on the order of blocks (a message's block index may).
 */
export function splitBlock(body: Record<string, unknown>, style: ValueStyle, skip: ReadonlySet<string> = new Set()): SplitValue & { config: Extract<ConfigNode, { kind: 'block' }> } {
  const after = record();
  const unknown = record();
  const attrs = record<ConfigNode>();
  const dynamic = isRecord(body.dynamic) && !skip.has('dynamic') ? body.dynamic : {};
  for (const [key, value] of Object.entries(body)) {
    if (skip.has(key) || key === '//' || (key === 'dynamic' && isRecord(value))) continue;
    const part = Object.prototype.hasOwnProperty.call(dynamic, key) ? writtenBothWays(key, value, dynamic[key], style) : splitNested(key, value, style);
    attrs[key] = part.config;
    if (part.unknown !== true) after[key] = part.after;
    if (part.unknown !== undefined) unknown[key] = part.unknown;
  }
  for (const [name, spec] of Object.entries(dynamic)) {
    if (Object.prototype.hasOwnProperty.call(attrs, name)) continue; // written both ways: above
    const made = dynamicBlocksOf(name, spec, style);
    const part = made ? blockList(made, true) : unknownDynamic(name, spec, style, []);
    attrs[name] = part.config;
    if (part.unknown !== true) after[name] = part.after;
    if (part.unknown !== undefined) unknown[name] = part.unknown;
  }
  return { after, unknown: Object.keys(unknown).length > 0 ? unknown : undefined, config: { kind: 'block', attrs } };
}

function splitNested(key: string, value: unknown, style: ValueStyle): SplitValue {
  const blocks = Array.isArray(value) && isBlockList(value) ? value : isRecord(value) && isSingleBlock(key, value, style) ? [value] : undefined;
  if (!blocks || MAP_ATTRIBUTES.has(key)) return splitAttribute(value, undefined, style.evaluator);
  return blockList(blocks.map((b) => splitBlock(b as Record<string, unknown>, style)));
}

/** Blocks as a plan writes them: a list (`dynamic`: made by `dynamic` blocks). */
function blockList(parts: readonly SplitValue[], dynamic = false): SplitValue {
  const unknown = parts.some((p) => p.unknown !== undefined) ? parts.map((p) => p.unknown ?? {}) : undefined;
  const items = parts.map((p) => p.config);
  return { after: parts.map((p) => p.after), unknown, config: dynamic ? { kind: 'list', items, dynamic } : { kind: 'list', items } };
}

/** One `dynamic` block's parts: its `for_each`, its iterator's name and its one `content` body. */
function dynamicParts(name: string, spec: unknown): { forEach: unknown; iterator: string; content: Record<string, unknown> } | undefined {
  if (!isRecord(spec)) return undefined;
  // Terraform JSON writes the iterator's name; hcl2json writes the bare name as a template (`${it}`).
  const written = typeof spec.iterator === 'string' ? /^(?:\$\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}|([A-Za-z_][A-Za-z0-9_-]*))$/.exec(spec.iterator) : null;
  const iterator = spec.iterator === undefined ? name : (written?.[1] ?? written?.[2]);
  const contents = Array.isArray(spec.content) ? spec.content : [spec.content];
  if (iterator === undefined || contents.length !== 1 || !isRecord(contents[0])) return undefined;
  return { forEach: spec.for_each, iterator, content: contents[0] };
}

/**
 * The blocks of `dynamic "name"` blocks (one spec, or a list of them in order), each `content`
 * read with its iterator bound; undefined when any one's elements are not known.
 */
function dynamicBlocksOf(name: string, spec: unknown, style: ValueStyle): SplitValue[] | undefined {
  const parts: SplitValue[] = [];
  for (const one of Array.isArray(spec) ? spec : [spec]) {
    const dynamic = dynamicParts(name, one);
    const scopes = dynamic && style.evaluator?.dynamicBlocks(dynamic.forEach, dynamic.iterator);
    if (!dynamic || !scopes) return undefined;
    for (const evaluator of scopes) parts.push(splitBlock(dynamic.content, { ...style, evaluator }));
  }
  return parts;
}

/**
 * Blocks `name` written as blocks (`written`) and as `dynamic` blocks (`spec`): the written ones,
 * then the made ones. Made ones known only after apply leave the value unknown, the written ones
 * still read from the configuration (`more`: a Deny statement beside a `dynamic "statement"` over
 * a data source, as terraform-aws-modules/s3-bucket writes its log delivery policy).
 */
function writtenBothWays(name: string, written: unknown, spec: unknown, style: ValueStyle): SplitValue {
  const blocks = Array.isArray(written) && isBlockList(written) ? written : isRecord(written) && isSingleBlock(name, written, style) ? [written] : undefined;
  const made = blocks && dynamicBlocksOf(name, spec, style);
  if (!blocks) return unknownDynamic(name, spec, style, [written]);
  if (!made) {
    const dynamicPart = unknownDynamic(name, spec, style, []).config;
    return { after: undefined, unknown: true, config: { kind: 'list', items: [...blocks.map((b) => splitBlock(b as Record<string, unknown>, style).config), dynamicPart], dynamic: true, more: true } };
  }
  return blockList([...blocks.map((b) => splitBlock(b as Record<string, unknown>, style)), ...made], true);
}

/** `name` unknown: the references of its `dynamic` specs (their `for_each` and `content`, not the iterator) and of `written` blocks. */
function unknownDynamic(name: string, spec: unknown, style: ValueStyle, written: unknown[]): SplitValue {
  const references = (Array.isArray(spec) ? spec : [spec]).flatMap((one) => {
    const dynamic = dynamicParts(name, one);
    if (!dynamic) return isRecord(one) ? refsOfNode(splitAttribute(one).config) : [];
    const contentRefs = refsOfNode(splitBlock(dynamic.content, style).config).filter((r) => r.split(/[.[]/)[0] !== dynamic.iterator);
    return [...refsOfNode(splitAttribute(dynamic.forEach).config), ...contentRefs];
  });
  const writtenRefs = written.flatMap((value) => refsOfNode(splitNested(name, value, style).config));
  const node = expr(undefined, [...references, ...writtenRefs], false);
  // One `dynamic` block alone: its code makes the blocks once its `for_each` is known (after apply), as a list of objects.
  const specs: unknown[] = Array.isArray(spec) ? spec : [spec];
  const dynamic = written.length === 0 && specs.length === 1 ? dynamicParts(name, specs[0]) : undefined;
  const evaluator = style.evaluator;
  if (dynamic === undefined || evaluator === undefined) return { after: undefined, unknown: true, config: node };
  const source: CodeSource = { evaluate: (reference, _key, moduleReference) => evaluator.symbolicDynamic(dynamic.forEach, dynamic.iterator, dynamic.content, reference, moduleReference) };
  return { after: undefined, unknown: true, config: { ...node, source } as ConfigNode };
}
