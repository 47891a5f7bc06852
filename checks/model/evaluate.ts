/**
 * Values a configuration fixes without a plan: `local` values and the expressions built from them,
 * for the configuration loaders (.tf through hcl2json, cdk.tf.json). A .tf file that tags through
 * `default_tags { tags = local.tags }` then carries the same tags as the plan of that code, where
 * it used to be unknown (peer-pitfall 6: a .tf scan and a plan scan of the same code disagree).
 *
 * Evaluated: literals, objects and tuples, string templates, `local.<name>` and `var.<name>` where
 * the scope knows it (root-variables.ts; with attribute and index steps), and the functions in
 * `FUNCTIONS`. A value set from outside the code or only known at apply (a variable the scope does
 * not know, a resource's attribute, `each`, `count`, `path`…) is an unknown part, and so
 * is what is not evaluated (operators, conditionals, `for`, splats, directives, other functions):
 * the keys around it stay known (`{ Environment = var.env, Owner = "platform" }` has a known
 * `Owner`). What cannot be read (a heredoc inside an expression, a syntax or a use Terraform
 * refuses) makes the whole value unknown: nothing is guessed.
 *
 * A value is a "partial": JSON-like data in which `UNKNOWN` may stand for any part.
 */
import { type Evaluator, matchingBrace, refsOfNode, splitAttribute } from './expressions';
import { compareUtf8, jsonencodeValue } from './jsonencode';
import { record } from './records';
import { OPAQUE, RESERVED } from './symbolic';

/** A part of a value known only when Terraform plans or applies. */
export const UNKNOWN: unique symbol = Symbol('unknown');

/** What a local's name stands for. */
interface EvalScope {
  /** The local's value; `UNKNOWN` when it is not declared or cannot be evaluated. */
  local(name: string): unknown;
  /** A variable's value (root-variables.ts); `UNKNOWN` when it is not known. */
  variable(name: string): unknown;
  /**
   * Set in a symbolic evaluation (symbolic.ts): what a traversal of a resource, a data source, a
   * module output or a variable (`aws_s3_bucket.b.arn`) stands for, a token or `UNKNOWN`. A
   * template's unknown parts are then `OPAQUE` text, and so are `jsonencode`'s unknown leaves; a
   * template with a directive or a strip marker is unknown whole (they change the text around).
   */
  readonly reference?: (traversal: string) => unknown;
}

/** Syntax or a function this module does not evaluate: the whole value is unknown. */
class NotEvaluable extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Whether a partial has no unknown part. */
export function isWhollyKnown(value: unknown): boolean {
  if (value === UNKNOWN) return false;
  if (Array.isArray(value)) return value.every(isWhollyKnown);
  if (isObject(value)) return Object.values(value).every(isWhollyKnown);
  return true;
}

/** A primitive as Terraform writes it as a string; undefined for what it would refuse or write differently. */
export function primitiveText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  // Terraform writes numbers in full (1e21 as 1000000000000000000000): only plain decimals here.
  if (typeof value === 'number' && Number.isFinite(value) && !/e/i.test(String(value))) return String(value);
  return undefined;
}

/** A primitive as a template writes it; `NotEvaluable` for what Terraform would refuse or write differently. */
function templateText(value: unknown): string {
  const text = primitiveText(value);
  if (text === undefined) throw new NotEvaluable();
  return text;
}

/** A set of strings in the order Terraform iterates it: repeats dropped, sorted by bytes. */
export const stringSet = (items: readonly string[]): string[] => [...new Set(items)].sort(compareUtf8);

const stringArg = (value: unknown): string => {
  if (typeof value !== 'string') throw new NotEvaluable();
  return value;
};

/** A function; `symbolic` in a symbolic evaluation. */
type Fn = (args: unknown[], symbolic: boolean) => unknown;

/** `s`, when it holds only ASCII characters. */
function asciiOnly(s: string): string {
  if (!/^[\x00-\x7f]*$/.test(s)) throw new NotEvaluable();
  return s;
}

/** Go's `unicode.IsSpace` at either end (strings.TrimSpace): U+0085 is one, U+FEFF is not. */
const GO_SPACE_AT_ENDS = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** A function of strings: unknown in, unknown out. */
const onString =
  (f: (s: string) => string): Fn =>
  (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    // A token's text is not the value it stands for: only joining and encoding keep it.
    return args[0] === UNKNOWN || (typeof args[0] === 'string' && RESERVED.test(args[0])) ? UNKNOWN : f(stringArg(args[0]));
  };

/**
 * The functions evaluated, as Terraform defines them. An argument that is unknown as a whole makes
 * the result unknown; an unknown part inside a map or list stays in place.
 */
const FUNCTIONS: Readonly<Record<string, Fn>> = {
  merge: (args) => {
    if (args.some((a) => a === UNKNOWN)) return UNKNOWN;
    const out = record();
    for (const arg of args) {
      if (arg === null) continue;
      if (!isObject(arg)) throw new NotEvaluable();
      Object.assign(out, arg);
    }
    return out;
  },
  concat: (args) => {
    if (args.length === 0) throw new NotEvaluable(); // Terraform wants at least one list
    if (args.some((a) => a === UNKNOWN)) return UNKNOWN;
    if (!args.every(Array.isArray)) throw new NotEvaluable();
    return (args as unknown[][]).flat(1);
  },
  // Go's Unicode case mapping differs from JavaScript's (`ß`, dotted `İ`): ASCII text only.
  lower: onString((s) => asciiOnly(s).toLowerCase()),
  upper: onString((s) => asciiOnly(s).toUpperCase()),
  trimspace: onString((s) => s.replace(GO_SPACE_AT_ENDS, '')),
  tostring: (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    return args[0] === UNKNOWN ? UNKNOWN : templateText(args[0]);
  },
  // A map or list of strings is already what tomap/tolist make of it; other element types convert.
  tomap: (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    const [map] = args;
    if (map === UNKNOWN) return UNKNOWN;
    if (!isObject(map) || !Object.values(map).every((v) => v === UNKNOWN || typeof v === 'string')) throw new NotEvaluable();
    return map;
  },
  tolist: (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    const [list] = args;
    if (list === UNKNOWN) return UNKNOWN;
    if (!Array.isArray(list) || !list.every((v) => v === UNKNOWN || typeof v === 'string')) throw new NotEvaluable();
    return list;
  },
  // A set of strings, in the order Terraform iterates it (sorted by bytes); other element types are not evaluated.
  toset: (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    const [list] = args;
    if (list === UNKNOWN || (Array.isArray(list) && list.includes(UNKNOWN))) return UNKNOWN;
    if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) throw new NotEvaluable();
    return stringSet(list as string[]);
  },
  jsonencode: (args, symbolic) => {
    if (args.length !== 1) throw new NotEvaluable();
    if (isWhollyKnown(args[0])) return jsonencodeValue(args[0]);
    return symbolic && args[0] !== UNKNOWN ? jsonencodeValue(opaqueLeaves(args[0])) : UNKNOWN;
  },
  join: (args) => {
    if (args.length < 2) throw new NotEvaluable();
    const [separator, ...lists] = args;
    if (separator === UNKNOWN || lists.some((l) => l === UNKNOWN)) return UNKNOWN;
    if (!lists.every(Array.isArray)) throw new NotEvaluable();
    const items = (lists as unknown[][]).flat(1);
    if (items.includes(UNKNOWN)) return UNKNOWN;
    return items.map(stringArg).join(stringArg(separator));
  },
  lookup: (args) => {
    if (args.length !== 2 && args.length !== 3) throw new NotEvaluable();
    const [map, key, fallback] = args;
    if (map === UNKNOWN || key === UNKNOWN) return UNKNOWN;
    if (!isObject(map)) throw new NotEvaluable();
    const name = stringArg(key);
    if (Object.prototype.hasOwnProperty.call(map, name)) return map[name];
    if (args.length === 3) return fallback;
    throw new NotEvaluable();
  },
  coalesce: (args) => {
    // Terraform converts the arguments to one type first (1 and "a" give "1"; an unknown argument's
    // type counts too): only known primitives of one type are evaluated. Collections are refused.
    if (args.some((a) => a === UNKNOWN)) return UNKNOWN;
    const present = args.filter((a) => a !== null);
    if (present.some((a) => typeof a === 'object') || new Set(present.map((a) => typeof a)).size > 1) throw new NotEvaluable();
    const first = present.find((a) => a !== '');
    if (first === undefined) throw new NotEvaluable();
    return first;
  },
  format: (args) => {
    if (args.length === 0) throw new NotEvaluable();
    if (args.includes(UNKNOWN)) return UNKNOWN;
    return formatted(plainString(args[0]), args.slice(1));
  },
  // A substring, not a pattern: `/…/` is a regular expression in Terraform (not evaluated).
  replace: (args) => {
    if (args.length !== 3) throw new NotEvaluable();
    if (args.includes(UNKNOWN)) return UNKNOWN;
    const [text, find, by] = args.map(plainString);
    if (find === '' || (find.length > 1 && find.startsWith('/') && find.endsWith('/'))) throw new NotEvaluable();
    return text.split(find).join(by);
  },
  split: (args) => {
    if (args.length !== 2) throw new NotEvaluable();
    if (args.includes(UNKNOWN)) return UNKNOWN;
    const [separator, text] = args.map(plainString);
    if (separator === '') throw new NotEvaluable(); // Go splits into UTF-8 sequences
    return text.split(separator);
  },
  // Keys in Terraform's order (by bytes); values in that order. Unknown values stay in place.
  keys: (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    return args[0] === UNKNOWN ? UNKNOWN : sortedKeys(args[0]);
  },
  values: (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    if (args[0] === UNKNOWN) return UNKNOWN;
    const map = args[0] as Record<string, unknown>;
    return sortedKeys(map).map((key) => map[key]);
  },
  // A string's length counts grapheme clusters in Terraform: only collections here.
  length: (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    const [value] = args;
    if (value === UNKNOWN) return UNKNOWN;
    if (Array.isArray(value)) return value.length;
    if (isObject(value)) return Object.keys(value).length;
    throw new NotEvaluable();
  },
  element: (args) => {
    if (args.length !== 2) throw new NotEvaluable();
    const [list, index] = args;
    if (list === UNKNOWN || index === UNKNOWN) return UNKNOWN;
    if (!Array.isArray(list) || list.length === 0 || typeof index !== 'number' || !Number.isInteger(index) || index < 0) throw new NotEvaluable();
    return list[index % list.length];
  },
  flatten: (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    const flat = (value: unknown): unknown[] => {
      if (!Array.isArray(value)) throw new NotEvaluable();
      return value.flatMap((item) => (item === UNKNOWN ? [UNKNOWN] : Array.isArray(item) ? flat(item) : [item]));
    };
    if (args[0] === UNKNOWN) return UNKNOWN;
    const items = flat(args[0]);
    // An unknown element may be a list itself, which flatten would spread: its length is not known.
    return items.includes(UNKNOWN) ? UNKNOWN : items;
  },
  // Lists of strings only: other element types compare as Terraform's values do, not followed here.
  distinct: (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    const list = stringList(args[0]);
    return list === UNKNOWN ? UNKNOWN : [...new Set(list)];
  },
  compact: (args) => {
    if (args.length !== 1) throw new NotEvaluable();
    if (Array.isArray(args[0]) && args[0].every((item) => item === null || item === UNKNOWN || typeof item === 'string')) {
      const items = (args[0] as unknown[]).filter((item) => item !== null);
      return items.includes(UNKNOWN) ? UNKNOWN : items.filter((item) => item !== '');
    }
    if (args[0] === UNKNOWN) return UNKNOWN;
    throw new NotEvaluable();
  },
};

/** A string argument that is what it says: a token's text is not (symbolic.ts). */
function plainString(value: unknown): string {
  const text = stringArg(value);
  if (RESERVED.test(text)) throw new NotEvaluable();
  return text;
}

/** A list of strings; `UNKNOWN` when it or an element is unknown. */
function stringList(value: unknown): string[] | typeof UNKNOWN {
  if (value === UNKNOWN || (Array.isArray(value) && value.includes(UNKNOWN))) return UNKNOWN;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw new NotEvaluable();
  return value as string[];
}

/** An object's keys in the order Terraform sorts them (by their UTF-8 bytes). */
function sortedKeys(value: unknown): string[] {
  if (!isObject(value)) throw new NotEvaluable();
  return Object.keys(value).sort(compareUtf8);
}

/**
 * `format`: `%s`, `%v` (a string, a number written in full, a bool), `%d` (a whole number) and
 * `%%`. Flags, widths, precisions, argument indexes and other verbs are not evaluated; neither is
 * a count of arguments that does not match the verbs (Terraform refuses it).
 */
function formatted(spec: string, args: readonly unknown[]): string {
  let out = '';
  let next = 0;
  for (let i = 0; i < spec.length; i++) {
    if (spec[i] !== '%') {
      out += spec[i];
      continue;
    }
    const verb = spec[++i];
    if (verb === '%') out += '%';
    else if ((verb === 's' || verb === 'v' || verb === 'd') && next < args.length) {
      const arg = args[next++];
      if (verb === 'd' && !(typeof arg === 'number' && Number.isSafeInteger(arg))) throw new NotEvaluable();
      if (arg === null || typeof arg === 'object') throw new NotEvaluable();
      out += templateText(arg);
    } else throw new NotEvaluable();
  }
  if (next !== args.length) throw new NotEvaluable();
  return out;
}

/** A partial with each unknown part written as `OPAQUE` text (a symbolic evaluation's `jsonencode`). */
function opaqueLeaves(value: unknown): unknown {
  if (value === UNKNOWN) return OPAQUE;
  if (Array.isArray(value)) return value.map(opaqueLeaves);
  if (isObject(value)) {
    const out = record();
    for (const [key, item] of Object.entries(value)) out[key] = opaqueLeaves(item);
    return out;
  }
  return value;
}

/** Roots of traversals a symbolic evaluation does not hand to its `reference` (`local.x` it evaluates itself). */
const NOT_REFERENCES = new Set(['local', 'each', 'count', 'path', 'terraform', 'self']);

/** An index step a symbolic reference keeps: a number, a plain string key, or the instance's own key. */
const REFERENCE_INDEX = /^\[\s*([0-9]+|"[^"\\$%\n]*"|count\.index|each\.key)\s*\]/;

/** Operators between operands (two-character ones first); `/` is never a comment here: `skip` read past those. */
const BINARY_OPERATOR = /^(?:==|!=|<=|>=|&&|\|\||[-+*\/%<>])/;

/** Brackets, calls and nested templates deeper than this are not evaluated (a crafted file would overflow the stack). */
const MAX_DEPTH = 64;

/** Locals that depend on each other further than this are not evaluated. */
const MAX_CHAIN = 64;

class Parser {
  private at = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly scope: EvalScope,
    /** How deep the template holding this expression is. */
    private readonly nesting: number,
  ) {}

  /** The whole text as one expression. */
  all(): unknown {
    const value = this.expression();
    this.skip();
    if (this.at !== this.text.length) throw new NotEvaluable();
    return value;
  }

  private peek(offset = 0): string {
    return this.text[this.at + offset] ?? '';
  }

  private skip(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.at++;
      else if (c === '#' || (c === '/' && this.peek(1) === '/')) {
        while (this.at < this.text.length && this.peek() !== '\n') this.at++;
      } else if (c === '/' && this.peek(1) === '*') {
        const end = this.text.indexOf('*/', this.at + 2);
        if (end < 0) throw new NotEvaluable();
        this.at = end + 2;
      } else return;
    }
  }

  private identifier(): string | undefined {
    const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(this.at, this.at + 256));
    if (!match) return undefined;
    this.at += match[0].length;
    return match[0];
  }

  private expect(c: string): void {
    this.skip();
    if (this.peek() !== c) throw new NotEvaluable();
    this.at++;
  }

  /**
   * One expression. Operators, conditionals, `for` expressions, splats and functions not in
   * `FUNCTIONS` are read past and give an unknown value: the parts around them stay known.
   */
  private expression(): unknown {
    if (++this.depth > MAX_DEPTH) throw new NotEvaluable();
    let value = this.unary();
    for (;;) {
      this.skip();
      const operator = BINARY_OPERATOR.exec(this.text.slice(this.at, this.at + 2))?.[0];
      if (operator === undefined) break;
      this.at += operator.length;
      this.unary();
      value = UNKNOWN;
    }
    if (this.peek() === '?') {
      this.at++;
      this.expression();
      this.expect(':');
      this.expression();
      value = UNKNOWN;
    }
    this.depth--;
    return value;
  }

  /** An operand and its steps, after any `!` or `-` (a negated number literal is exact). */
  private unary(): unknown {
    this.skip();
    const c = this.peek();
    if (c === '!' || (c === '-' && !(this.peek(1) >= '0' && this.peek(1) <= '9'))) {
      this.at++;
      this.unary();
      return UNKNOWN;
    }
    return this.steps(this.operand());
  }

  private operand(): unknown {
    const c = this.peek();
    if (c === '(') {
      this.at++;
      const value = this.expression();
      this.expect(')');
      return value;
    }
    if (c === '"') return this.quoted();
    if ((c === '[' || c === '{') && /^\s*for\s/.test(this.text.slice(this.at + 1, this.at + 64))) {
      // A `for` expression: its value depends on what it iterates; read past it.
      this.at = matchingBrace(this.text, this.at, this.nesting + this.depth) + 1;
      return UNKNOWN;
    }
    if (c === '[') return this.tuple();
    if (c === '{') return this.object();
    if (c >= '0' && c <= '9') return this.number();
    if (c === '-') {
      this.at++;
      return -this.number();
    }
    const name = this.identifier();
    if (name === undefined) throw new NotEvaluable();
    if (name === 'true' || name === 'false') return name === 'true';
    if (name === 'null') return null;
    this.skip();
    if (this.peek() === ':' && this.peek(1) === ':') {
      // A provider function (`provider::aws::arn_parse(…)`): not evaluated.
      while (this.peek() === ':' && this.peek(1) === ':') {
        this.at += 2;
        if (this.identifier() === undefined) throw new NotEvaluable();
      }
      if (this.peek() !== '(') throw new NotEvaluable();
      this.call(undefined);
      return UNKNOWN;
    }
    if (this.peek() === '(') return this.call(name);
    if (name === 'var' && this.peek() === '.') {
      const at = this.at;
      this.at++;
      const variable = this.identifier();
      if (variable === undefined) throw new NotEvaluable();
      const value = this.scope.variable(variable);
      // A value the scope does not know may still be a module's argument, in a symbolic evaluation.
      if (value !== UNKNOWN || !this.scope.reference) return value;
      this.at = at;
    }
    if (this.scope.reference && !NOT_REFERENCES.has(name)) return this.scope.reference(this.traversal(name));
    if (name === 'local') {
      if (this.peek() !== '.') throw new NotEvaluable();
      this.at++;
      const local = this.identifier();
      if (local === undefined) throw new NotEvaluable();
      return this.scope.local(local);
    }
    // var.x, a resource's attribute, data, module, each, count, path…: values set from outside the
    // code or known only at plan or apply time. What follows is a step of an unknown value.
    return UNKNOWN;
  }

  /**
   * The text of a traversal from its root (a resource, a data source, `module`, `var`): attribute
   * steps and the index steps `REFERENCE_INDEX` allows (`aws_s3_bucket.b[count.index].arn`). Other
   * steps are left to `steps`, which finds no value to step into.
   */
  private traversal(root: string): string {
    let text = root;
    for (;;) {
      if (this.peek() === '.' && /[A-Za-z_]/.test(this.peek(1))) {
        this.at++;
        text += `.${this.identifier() as string}`;
        continue;
      }
      const index = this.peek() === '[' ? REFERENCE_INDEX.exec(this.text.slice(this.at, this.at + 256)) : null;
      if (index === null) return text;
      this.at += index[0].length;
      text += `[${index[1]}]`;
    }
  }

  /** `.name`, `.0` and `[key]` steps; after a splat (`.*`, `[*]`) every step is of an unknown value. */
  private steps(value: unknown): unknown {
    let current = value;
    for (;;) {
      const c = this.peek();
      if (this.text.startsWith('...', this.at)) return current; // an expanded argument
      if (c === '.' && this.peek(1) === '*') {
        this.at += 2;
        current = UNKNOWN;
      } else if (c === '.') {
        this.at++;
        const digits = /^[0-9]+/.exec(this.text.slice(this.at, this.at + 32))?.[0];
        let key: string | number;
        if (digits !== undefined) {
          this.at += digits.length;
          key = Number(digits);
        } else {
          const name = this.identifier();
          if (name === undefined) throw new NotEvaluable();
          key = name;
        }
        current = step(current, key);
      } else if (c === '[') {
        this.at++;
        this.skip();
        if (this.peek() === '*') {
          this.at++;
          this.expect(']');
          current = UNKNOWN;
          continue;
        }
        const key = this.expression();
        this.expect(']');
        current = key === UNKNOWN ? UNKNOWN : step(current, key);
      } else return current;
    }
  }

  /** A call of `name` (undefined: a function not evaluated); arguments expanded with `...` make it unknown. */
  private call(name: string | undefined): unknown {
    const fn = name !== undefined && Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
    this.at++; // (
    const args: unknown[] = [];
    let expanded = false;
    for (;;) {
      this.skip();
      if (this.peek() === ')') {
        this.at++;
        return fn === undefined || expanded ? UNKNOWN : fn(args, this.scope.reference !== undefined);
      }
      args.push(this.expression());
      this.skip();
      if (this.text.startsWith('...', this.at)) {
        this.at += 3;
        expanded = true;
        this.skip();
      }
      if (this.peek() === ',') this.at++;
      else if (this.peek() !== ')') throw new NotEvaluable();
    }
  }

  private tuple(): unknown[] {
    this.at++; // [
    const out: unknown[] = [];
    for (;;) {
      this.skip();
      if (this.peek() === ']') {
        this.at++;
        return out;
      }
      out.push(this.expression());
      this.skip();
      if (this.peek() === ',') this.at++;
      else if (this.peek() !== ']') throw new NotEvaluable();
    }
  }

  /** An object constructor; a key known only later (`(var.k) = …`) makes the whole object unknown. */
  private object(): unknown {
    this.at++; // {
    const out = record();
    let keysKnown = true;
    for (;;) {
      this.skip();
      if (this.peek() === '}') {
        this.at++;
        return keysKnown ? out : UNKNOWN;
      }
      const key = this.peek() === '"' ? this.quoted() : this.peek() === '(' ? this.operand() : this.identifier();
      if (key === undefined) throw new NotEvaluable();
      this.skip();
      const separator = this.peek();
      if ((separator !== '=' && separator !== ':') || this.peek(1) === '=') throw new NotEvaluable();
      this.at++;
      const value = this.expression();
      if (typeof key === 'string') out[key] = value;
      else keysKnown = false;
      this.skip();
      if (this.peek() === ',') this.at++;
    }
  }

  /**
   * A number literal. Terraform's numbers are exact decimals, written in full (`1e21` as
   * `1000000000000000000000`): a double holds one exactly, and JavaScript writes it as Terraform
   * does, only up to 15 significant digits and where it needs no exponent. Anything else is not
   * evaluated.
   */
  private number(): number {
    const match = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.at, this.at + 64));
    const value = match ? Number(match[0]) : NaN;
    const written = String(value);
    if (!Number.isFinite(value) || /e/i.test(written) || written.replace(/^0*\.?0*/, '').replace('.', '').length > 15) throw new NotEvaluable();
    this.at += (match as RegExpExecArray)[0].length;
    return value;
  }

  /** A quoted template of the expression's text: escapes undone, interpolations evaluated. */
  private quoted(): unknown {
    const { parts, end } = templateParts(this.text, this.at + 1, true, this.scope, this.nesting + this.depth);
    this.at = end;
    return joinParts(parts, this.scope.reference !== undefined);
  }
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** A template's parts: literal text, or the value of an interpolation. */
type Part = string | { readonly value: unknown };

/**
 * `${ expr }`'s value. Strip markers (`${~`) change the text around them, so the template's value
 * is unknown (a directive `%{…}` is, too: its text depends on what it tests or iterates).
 */
function interpolation(inner: string, scope: EvalScope, nesting: number): unknown {
  if (nesting > MAX_DEPTH) throw new NotEvaluable();
  if (inner.startsWith('~') || inner.endsWith('~')) {
    // The text around is changed too: no part of the template is known (so no OPAQUE in place).
    if (scope.reference) throw new NotEvaluable();
    return UNKNOWN;
  }
  return new Parser(inner, scope, nesting).all();
}

/**
 * A template's value: a lone interpolation keeps its type; otherwise the parts' text, joined. In a
 * symbolic evaluation an unknown part is `OPAQUE` text: the rest of the string stays readable.
 */
function joinParts(parts: readonly Part[], symbolic: boolean): unknown {
  const pieces = parts.filter((p) => p !== '');
  if (pieces.length === 1 && typeof pieces[0] !== 'string') return pieces[0].value;
  let out = '';
  let unknown = false;
  for (const piece of pieces) {
    if (typeof piece === 'string') out += piece;
    else if (piece.value === UNKNOWN) {
      if (symbolic) out += OPAQUE;
      else unknown = true;
    } else out += templateText(piece.value);
  }
  return unknown ? UNKNOWN : out;
}

/** `value.key` / `value[key]`; a missing key is an error in Terraform, so not evaluated. */
function step(value: unknown, key: unknown): unknown {
  if (value === UNKNOWN) return UNKNOWN;
  if (Array.isArray(value) && typeof key === 'number' && Number.isInteger(key) && key >= 0 && key < value.length) return value[key];
  if (isObject(value) && typeof key === 'string' && Object.prototype.hasOwnProperty.call(value, key)) return value[key];
  throw new NotEvaluable();
}

/**
 * The parts of a template from `start`. Quoted (a string inside an expression): up to its closing
 * quote, escapes undone and literal text in NFC, as HCL makes string literals. Otherwise (a string
 * of the configuration, whose literal text the loader already decoded): to the end of the text.
 * `$${` and `%%{` stand for a literal `${` and `%{`.
 */
function templateParts(text: string, start: number, quoted: boolean, scope: EvalScope, nesting: number): { parts: Part[]; end: number } {
  const parts: Part[] = [];
  let literal = '';
  const flush = (): void => {
    // Tokens come only from references: literal text that could pass for one is not evaluated.
    if (scope.reference && RESERVED.test(literal)) throw new NotEvaluable();
    parts.push(quoted ? literal.normalize('NFC') : literal);
  };
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"') {
      flush();
      return { parts, end: i + 1 };
    }
    if (quoted && c === '\n') throw new NotEvaluable();
    if (quoted && c === '\\') {
      const e = text[++i];
      if (e in ESCAPES) literal += ESCAPES[e];
      else if (e === 'u' || e === 'U') {
        const length = e === 'u' ? 4 : 8;
        const hex = text.slice(i + 1, i + 1 + length);
        if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== length) throw new NotEvaluable();
        literal += String.fromCodePoint(Number.parseInt(hex, 16));
        i += length;
      } else throw new NotEvaluable();
    } else if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
      literal += `${c}{`;
      i += 2;
    } else if ((c === '$' || c === '%') && text[i + 1] === '{') {
      const end = matchingBrace(text, i + 1);
      if (text[end] !== '}') throw new NotEvaluable();
      flush();
      // A directive decides which text around it is written: in a symbolic evaluation, none is known.
      if (c === '%' && scope.reference) throw new NotEvaluable();
      parts.push({ value: c === '%' ? UNKNOWN : interpolation(text.slice(i + 2, end), scope, nesting) });
      literal = '';
      i = end;
    } else literal += c;
  }
  if (quoted) throw new NotEvaluable(); // no closing quote
  flush();
  return { parts, end: text.length };
}

/**
 * A string of the configuration (Terraform JSON syntax: literal text with `${…}` interpolations,
 * `$${` for a literal `${`) as a partial; `UNKNOWN` when it cannot be evaluated.
 */
export function evaluateTemplate(text: string, scope: EvalScope): unknown {
  try {
    return joinParts(templateParts(text, 0, false, scope, 0).parts, scope.reference !== undefined);
  } catch (error) {
    if (error instanceof NotEvaluable) return UNKNOWN;
    throw error;
  }
}

/** A configuration value (hcl2json or Terraform JSON: objects, arrays, template strings) as a partial. */
export function evaluateConfigValue(value: unknown, scope: EvalScope): unknown {
  if (typeof value === 'string') return evaluateTemplate(value, scope);
  if (Array.isArray(value)) return value.map((item) => evaluateConfigValue(item, scope));
  if (isObject(value)) {
    const out = record();
    for (const [key, item] of Object.entries(value)) {
      const name = evaluateTemplate(key, scope);
      if (typeof name !== 'string') return UNKNOWN; // a key known only later: no key is known
      out[name] = evaluateConfigValue(item, scope);
    }
    return out;
  }
  return value;
}

/** A partial as a plan writes a value: `after` without its unknown parts (`null` in lists), and the unknown mask. */
export function splitPartial(value: unknown): { after: unknown; unknown: unknown } {
  if (value === UNKNOWN) return { after: undefined, unknown: true };
  if (Array.isArray(value)) {
    const parts = value.map(splitPartial);
    const unknown = parts.some((p) => p.unknown !== undefined) ? parts.map((p) => p.unknown ?? false) : undefined;
    return { after: parts.map((p) => (p.unknown === true ? null : p.after)), unknown };
  }
  if (isObject(value)) {
    const after = record();
    const unknown = record();
    for (const [key, item] of Object.entries(value)) {
      const part = splitPartial(item);
      if (part.unknown !== true) after[key] = part.after;
      if (part.unknown !== undefined) unknown[key] = part.unknown;
    }
    return { after, unknown: Object.keys(unknown).length > 0 ? unknown : undefined };
  }
  return { after: value, unknown: undefined };
}

/** The local a reference names: `local.tags.Owner` -> `tags`; undefined for any other reference. */
export const localName = (reference: string): string | undefined => /^local\.([A-Za-z_][A-Za-z0-9_-]*)/.exec(reference)?.[1];

/**
 * Locals by name, each evaluated on first use. A local that depends on itself (Terraform refuses
 * the cycle) is unknown, and so is an undeclared one.
 */
class Locals implements EvalScope {
  private readonly values = new Map<string, unknown>();
  private readonly evaluating = new Set<string>();

  constructor(
    protected readonly raw: ReadonlyMap<string, unknown>,
    /** The module's variables whose values are known (the root module's, root-variables.ts). */
    protected readonly variables: ReadonlyMap<string, unknown> = new Map(),
  ) {}

  variable(name: string): unknown {
    return this.variables.has(name) ? this.variables.get(name) : UNKNOWN;
  }

  local(name: string): unknown {
    if (!this.raw.has(name) || this.evaluating.has(name) || this.evaluating.size >= MAX_CHAIN) return UNKNOWN;
    if (!this.values.has(name)) {
      this.evaluating.add(name);
      try {
        this.values.set(name, evaluateConfigValue(this.raw.get(name), this));
      } finally {
        this.evaluating.delete(name);
      }
    }
    return this.values.get(name);
  }
}

/** The same locals, evaluated symbolically: references stand for what `reference` makes of them. */
class SymbolicLocals extends Locals {
  constructor(
    raw: ReadonlyMap<string, unknown>,
    variables: ReadonlyMap<string, unknown>,
    readonly reference: (traversal: string) => unknown,
  ) {
    super(raw, variables);
  }
}

/** The locals of one module (`locals { … }` blocks, any number), and the values of its variables where known. */
export class LocalScope extends Locals implements Evaluator {
  private readonly refs = new Map<string, string[]>();

  constructor(blocks: readonly Record<string, unknown>[], variables?: ReadonlyMap<string, unknown>) {
    const raw = new Map<string, unknown>();
    for (const block of blocks) for (const [name, value] of Object.entries(block)) if (name !== '//') raw.set(name, value);
    super(raw, variables);
  }

  template(text: string): { after: unknown; unknown: unknown; whollyKnown: boolean } | undefined {
    const value = evaluateTemplate(text, this);
    return value === UNKNOWN ? undefined : { ...splitPartial(value), whollyKnown: isWhollyKnown(value) };
  }

  symbolic(value: unknown, reference: (traversal: string) => unknown): unknown {
    return evaluateConfigValue(value, new SymbolicLocals(this.raw, this.variables, reference));
  }

  /** A configuration value of this module (a module call's argument) as a partial. */
  value(raw: unknown): unknown {
    return evaluateConfigValue(raw, this);
  }

  localValue(name: string): unknown {
    return splitPartial(this.local(name)).after;
  }

  expand(references: readonly string[]): string[] {
    const out = new Set<string>();
    const visit = (refs: readonly string[], seen: ReadonlySet<string>): void => {
      for (const ref of refs) {
        const name = localName(ref);
        if (name === undefined || !this.raw.has(name)) {
          out.add(ref);
          continue;
        }
        // A cycle (Terraform refuses it) or a chain too long to follow keeps the reference: unresolved.
        if (seen.has(name) || seen.size >= MAX_CHAIN) out.add(ref);
        else visit(this.referencesOf(name), new Set([...seen, name]));
      }
    };
    visit(references, new Set());
    return [...out];
  }

  private referencesOf(name: string): string[] {
    let refs = this.refs.get(name);
    if (refs === undefined) this.refs.set(name, (refs = [...new Set(refsOfNode(splitAttribute(this.raw.get(name)).config))]));
    return refs;
  }
}

/** No locals: what the expression itself fixes, nothing more. */
const NO_LOCALS = new LocalScope([]);

/**
 * The values a body of constants writes (a variable file: `name = value` lines), `$${` escapes
 * undone; a part that is not a constant (Terraform refuses it in such a file) is left out.
 */
export function writtenValues(body: Record<string, unknown>): Record<string, unknown> {
  const out = record();
  for (const [name, value] of Object.entries(body)) {
    const { after, unknown } = splitPartial(evaluateConfigValue(value, NO_LOCALS));
    if (unknown !== true) out[name] = after;
  }
  return out;
}

const WRAPPED_JSONENCODE = /^\$\{jsonencode\(([\s\S]*)\)\}$/;

/**
 * The string `jsonencode(...)` gives when `text` is exactly `${jsonencode(<expression>)}` and the
 * expression is fixed by itself (constants, and the functions evaluated of them); undefined otherwise.
 */
export function constantJsonencode(text: string): string | undefined {
  if (!WRAPPED_JSONENCODE.test(text)) return undefined;
  const value = evaluateTemplate(text, NO_LOCALS);
  return typeof value === 'string' ? value : undefined;
}
