/**
 * A variable's type constraint (`list(object({ name = string, tags = optional(map(string), {}) }))`)
 * and the conversion Terraform makes of a value to it: optional attributes take their default (or
 * null) where the value leaves them out or gives null, attributes the type does not name are
 * dropped, and primitives convert as Terraform converts them where that is followed here. A value
 * that does not convert, or whose conversion is not followed, is `UNKNOWN` as a whole: a module's
 * `count = var.config.rule != null ? 1 : 0` is then as unknown as before, never guessed.
 */
import { primitiveText, stringSet, UNKNOWN, writtenValues } from './evaluate';
import { ExpressionTooDeep, matchingBrace } from './expressions';
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

function primitive(kind: 'string' | 'number' | 'bool', value: unknown): unknown {
  if (kind === 'string') {
    const text = primitiveText(value);
    if (text === undefined) throw new NotFollowed();
    return text;
  }
  // A number or bool from a string converts in Terraform ("5", "true"): not followed.
  if (typeof value !== (kind === 'number' ? 'number' : 'boolean')) throw new NotFollowed();
  return value;
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
      if (!Array.isArray(value)) throw new NotFollowed();
      const items = value.map((item) => convert(type.element, item));
      if (type.kind === 'list') return items;
      // Terraform orders a set of strings by bytes and drops repeats; other sets are not followed.
      if (items.length === 0 || (type.element.kind === 'string' && items.every((item) => typeof item === 'string'))) return stringSet(items as string[]);
      throw new NotFollowed();
    }
    case 'map': {
      if (!isRecord(value)) throw new NotFollowed();
      const out = record();
      for (const [key, item] of Object.entries(value)) out[key] = convert(type.element, item);
      return out;
    }
    case 'tuple':
      if (!Array.isArray(value) || value.length !== type.elements.length) throw new NotFollowed();
      return value.map((item, i) => convert(type.elements[i], item));
    case 'object': {
      if (!isRecord(value)) throw new NotFollowed();
      const out = record();
      for (const [name, attribute] of type.attributes) {
        const given = Object.prototype.hasOwnProperty.call(value, name) ? value[name] : null;
        if (given === null && !attribute.optional && !Object.prototype.hasOwnProperty.call(value, name)) throw new NotFollowed(); // Terraform refuses it
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
    if (error instanceof NotFollowed) return UNKNOWN;
    throw error;
  }
}
