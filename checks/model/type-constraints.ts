/**
 * A variable's type constraint (`list(object({ name = string, tags = optional(map(string), {}) }))`)
 * and the conversion Terraform makes of a value to it: optional attributes take their default (or
 * null) where the value leaves them out or gives null, attributes the type does not name are
 * dropped, and primitives convert as Terraform converts them where that is followed here. A value
 * that does not convert, or whose conversion is not followed, is `UNKNOWN` as a whole: a module's
 * `count = var.config.rule != null ? 1 : 0` is then as unknown as before, never guessed. Where a
 * user gives a value that does not convert (`-var n=abc` for a number), `conversionRefusal` says
 * why, as terraform plan refuses it.
 */
import { knownSet, primitiveText, stringSet, UNKNOWN, writtenValues, type ValueType } from './evaluate';
import { terraformBool } from './value';
import { ExpressionTooDeep, matchingBrace } from './expressions';
import { compareUtf8 } from './jsonencode';
import { isRecord, record } from './records';

/** A type constraint, parsed. */
export type TypeConstraint =
  | { readonly kind: 'string' | 'number' | 'bool' | 'any' }
  | { readonly kind: 'list' | 'set' | 'map'; readonly element: TypeConstraint }
  | { readonly kind: 'tuple'; readonly elements: readonly TypeConstraint[] }
  | { readonly kind: 'object'; readonly attributes: ReadonlyMap<string, Attribute> };

/** An object type's attribute: `optional(type, default)` or required. */
interface Attribute {
  readonly type: TypeConstraint;
  readonly optional: boolean;
  /** The written default of an optional attribute; null when it has none. */
  readonly fallback: unknown;
}

class NotFollowed extends Error {}

/** Terraform refuses the conversion; `reason` is its own words, which hold no part of the value. */
class Refused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Reads a type expression as hcl2json writes it (`${list(string)}` or the bare text). */
class TypeParser {
  private at = 0;

  constructor(private readonly text: string) {}

  all(): TypeConstraint {
    const type = this.type();
    this.space();
    if (this.at !== this.text.length) throw new NotFollowed();
    return type;
  }

  /** Past white space, commas and comments. */
  private space(): void {
    for (;;) {
      const c = this.text[this.at] ?? '';
      if (/[\s,]/.test(c)) this.at++;
      else if (c === '#' || (c === '/' && this.text[this.at + 1] === '/')) {
        while (this.at < this.text.length && this.text[this.at] !== '\n') this.at++;
      } else if (c === '/' && this.text[this.at + 1] === '*') {
        const end = this.text.indexOf('*/', this.at + 2);
        if (end < 0) throw new NotFollowed();
        this.at = end + 2;
      } else return;
    }
  }

  private word(): string {
    this.space();
    const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(this.at, this.at + 128));
    if (!match) throw new NotFollowed();
    this.at += match[0].length;
    return match[0];
  }

  private expect(c: string): void {
    this.space();
    if (this.text[this.at] !== c) throw new NotFollowed();
    this.at++;
  }

  private type(): TypeConstraint {
    const name = this.word();
    if (name === 'string' || name === 'number' || name === 'bool' || name === 'any') return { kind: name };
    this.expect('(');
    let type: TypeConstraint;
    if (name === 'list' || name === 'set' || name === 'map') type = { kind: name, element: this.type() };
    else if (name === 'tuple') type = { kind: 'tuple', elements: this.list() };
    else if (name === 'object') type = { kind: 'object', attributes: this.attributes() };
    else throw new NotFollowed();
    this.expect(')');
    return type;
  }

  private list(): TypeConstraint[] {
    this.expect('[');
    const out: TypeConstraint[] = [];
    for (;;) {
      this.space();
      if (this.text[this.at] === ']') {
        this.at++;
        return out;
      }
      out.push(this.type());
    }
  }

  private attributes(): Map<string, Attribute> {
    this.expect('{');
    const out = new Map<string, Attribute>();
    for (;;) {
      this.space();
      if (this.text[this.at] === '}') {
        this.at++;
        return out;
      }
      const name = this.text[this.at] === '"' ? this.quotedName() : this.word();
      this.space();
      if (this.text[this.at] !== '=' && this.text[this.at] !== ':') throw new NotFollowed();
      this.at++;
      out.set(name, this.attribute());
    }
  }

  private quotedName(): string {
    const match = /^"([A-Za-z0-9_-]*)"/.exec(this.text.slice(this.at, this.at + 130));
    if (!match) throw new NotFollowed();
    this.at += match[0].length;
    return match[1];
  }

  /** `type`, or `optional(type)` / `optional(type, default)`: the default, a constant, runs to the `)` closing `optional(`. */
  private attribute(): Attribute {
    const start = this.at;
    if (this.word() !== 'optional') {
      this.at = start;
      return { type: this.type(), optional: false, fallback: null };
    }
    this.expect('(');
    const close = matchingBrace(this.text, this.at - 1);
    const type = this.type();
    this.space();
    let fallback: unknown = null;
    if (this.at < close) {
      const fixed = writtenValues({ fallback: `\${${this.text.slice(this.at, close)}}` });
      if (!('fallback' in fixed)) throw new NotFollowed();
      fallback = fixed.fallback;
      this.at = close;
    }
    this.expect(')');
    return { type, optional: true, fallback };
  }
}

/** A variable's `type` as written (hcl2json: `${…}`), parsed; undefined when none is written or it is not followed. */
export function parseTypeConstraint(written: string): TypeConstraint | undefined {
  try {
    return new TypeParser(written.replace(/^\$\{([\s\S]*)\}$/, '$1')).all();
  } catch (error) {
    if (error instanceof NotFollowed || error instanceof ExpressionTooDeep) return undefined;
    throw error;
  }
}

/** A number as cty reads a string (`ParseNumberVal`: Go's big.ParseFloat in base 10): `1e3`, `+5`, `.5`, not ` 5`, `0x10` or `1_000`. */
const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITY_TEXT = /^[+-]?[Ii]nf$/;

/** `text` as the number Terraform converts it to; not followed where a double would not hold it exactly (more than 15 digits, out of range). */
function numberOf(text: string): number {
  if (INFINITY_TEXT.test(text)) throw new NotFollowed();
  if (!NUMBER_TEXT.test(text)) throw new Refused('a number is required');
  const digits = text.replace(/[eE].*$/, '').replace(/[^0-9]/g, '').replace(/^0+/, '').replace(/0+$/, '');
  const number = Number(text);
  if (digits.length > 15 || !Number.isFinite(number) || (number === 0 && digits !== '')) throw new NotFollowed();
  return number;
}

/** What a primitive of `kind` wants, in Terraform's words. */
const REQUIRED = { string: 'a string is required', number: 'a number is required', bool: 'a bool is required' } as const;

function primitive(kind: 'string' | 'number' | 'bool', value: unknown): unknown {
  if (Array.isArray(value) || isRecord(value)) throw new Refused(REQUIRED[kind]);
  if (kind === 'string') {
    const text = primitiveText(value);
    if (text === undefined) throw new NotFollowed();
    return text;
  }
  if (typeof value === (kind === 'number' ? 'number' : 'boolean')) return value;
  // A bool does not convert to a number, nor a number to a bool.
  if (typeof value !== 'string') throw new Refused(REQUIRED[kind]);
  if (kind === 'number') return numberOf(value);
  // cty's string-to-bool conversion: "1" and "0" too, "True" not (Terraform suggests the lowercase).
  const bool = terraformBool(value);
  if (bool !== undefined) return bool;
  throw new Refused(REQUIRED.bool);
}

/** `type` as the evaluator's value types name it (the type cty hashes a set's elements by); `any` is `dynamic`. */
function valueType(type: TypeConstraint): ValueType {
  switch (type.kind) {
    case 'any':
      return 'dynamic';
    case 'string':
    case 'number':
    case 'bool':
      return type.kind;
    case 'list':
      return { list: valueType(type.element) };
    case 'set':
      return { set: valueType(type.element) };
    case 'map':
      return { map: valueType(type.element) };
    case 'tuple':
      return { tuple: type.elements.map(valueType) };
    case 'object':
      return { object: [...type.attributes].sort(([a], [b]) => compareUtf8(a, b)).map(([name, attribute]) => [name, valueType(attribute.type)] as const) };
  }
}

function convert(type: TypeConstraint, value: unknown): unknown {
  if (value === null || value === UNKNOWN) return value;
  switch (type.kind) {
    case 'any':
      return value;
    case 'string':
    case 'number':
    case 'bool':
      return primitive(type.kind, value);
    case 'list':
    case 'set': {
      if (!Array.isArray(value)) throw new Refused(`a ${type.kind} is required`);
      const items = value.map((item) => convert(type.element, item));
      if (type.kind === 'list') return items;
      // Terraform orders a set of strings by bytes and drops repeats; a set of other known values
      // (objects with their optional attributes filled in, numbers, bools) in cty's order, repeats
      // dropped. A set holding a value not known is not followed: its order is not known.
      if (items.length === 0 || (type.element.kind === 'string' && items.every((item) => typeof item === 'string'))) return stringSet(items as string[]);
      const set = type.element.kind === 'string' ? undefined : knownSet(items, valueType(type.element));
      if (set === undefined) throw new NotFollowed();
      return set;
    }
    case 'map': {
      if (!isRecord(value)) throw new Refused('a map is required');
      const out = record();
      for (const [key, item] of Object.entries(value)) out[key] = convert(type.element, item);
      return out;
    }
    case 'tuple':
      if (!Array.isArray(value)) throw new Refused('a tuple is required');
      if (value.length !== type.elements.length) throw new Refused(`a tuple of ${type.elements.length} element${type.elements.length === 1 ? '' : 's'} is required`);
      return value.map((item, i) => convert(type.elements[i], item));
    case 'object': {
      if (!isRecord(value)) throw new Refused('an object is required');
      const out = record();
      for (const [name, attribute] of type.attributes) {
        const given = Object.prototype.hasOwnProperty.call(value, name) ? value[name] : null;
        // Terraform refuses it; not said here, as a value read leaves out a part it does not follow
        // (a number of 16 digits), which may be the attribute.
        if (given === null && !attribute.optional && !Object.prototype.hasOwnProperty.call(value, name)) throw new NotFollowed();
        out[name] = convert(attribute.type, given === null ? attribute.fallback : given);
      }
      return out; // attributes the type does not name are dropped, as Terraform drops them
    }
  }
}

/**
 * `value` (a partial) converted to `type` as Terraform converts a variable's value; `UNKNOWN` where
 * it would not convert or the conversion is not followed.
 */
export function convertedTo(type: TypeConstraint, value: unknown): unknown {
  try {
    return convert(type, value);
  } catch (error) {
    if (error instanceof NotFollowed || error instanceof Refused) return UNKNOWN;
    throw error;
  }
}

/** A type as Terraform writes it, without optional attributes' defaults (which a comment in the code cannot reach): `list(object({ a = number }))`. */
export function typeName(type: TypeConstraint): string {
  switch (type.kind) {
    case 'list':
    case 'set':
    case 'map':
      return `${type.kind}(${typeName(type.element)})`;
    case 'tuple':
      return `tuple([${type.elements.map(typeName).join(', ')}])`;
    case 'object': {
      const attributes = [...type.attributes].map(([name, a]) => `${name} = ${a.optional ? `optional(${typeName(a.type)})` : typeName(a.type)}`);
      return `object({${attributes.length > 0 ? ` ${attributes.join(', ')} ` : ''}})`;
    }
    default:
      return type.kind;
  }
}

/**
 * Why Terraform refuses to convert `value` to `type` (`a number is required`, `attribute "a" is
 * required`), in words that hold no part of the value; undefined where it converts, or where the
 * conversion is not followed here (then nothing is refused that Terraform might take).
 */
export function conversionRefusal(type: TypeConstraint, value: unknown): string | undefined {
  try {
    convert(type, value);
    return undefined;
  } catch (error) {
    if (error instanceof Refused) return error.reason;
    if (error instanceof NotFollowed) return undefined;
    throw error;
  }
}
