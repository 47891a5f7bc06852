/**
 * `jsonencode(...)` of a constant, evaluated as Terraform does, for the configuration loaders: a
 * .tf policy written `policy = jsonencode({ Version = "2012-10-17", Statement = [...] })` is then
 * the same known string the plan of that code holds, instead of `unknown` (peer-pitfall 6).
 *
 * Only constants are evaluated: objects, tuples, strings without interpolation, numbers, `true`,
 * `false` and `null`. Anything else (a reference, a function call, an operator, a template
 * `${...}`, a heredoc) leaves the whole value unknown, as before: the loaders evaluate nothing
 * they would have to guess.
 *
 * The text is HCL expression syntax, as `@cdktf/hcl2json` and cdktf's `Fn.jsonencode` write it
 * (`"${jsonencode({\n  Version = \"2012-10-17\"\n})}"`). Like Terraform's jsonencode, the result
 * sorts object keys and escapes `<`, `>`, `&`, U+2028 and U+2029.
 */
import { record } from './records';

const WRAPPED = /^\$\{jsonencode\(([\s\S]*)\)\}$/;

/** The one-character escapes of an HCL string. */
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
const HEX = /^[0-9A-Fa-f]+$/;

/** Thrown inside the parser when the expression is not a constant; never escapes this module. */
class NotConstant extends Error {}

class Parser {
  private at = 0;

  constructor(private readonly text: string) {}

  /** The whole text as one constant value. */
  parseAll(): unknown {
    const value = this.value();
    this.skip();
    if (this.at !== this.text.length) throw new NotConstant();
    return value;
  }

  private fail(): never {
    throw new NotConstant();
  }

  /** Skip whitespace, newlines and comments. */
  private skip(): void {
    const text = this.text;
    while (this.at < text.length) {
      const c = text[this.at];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.at++;
      else if (c === '#' || (c === '/' && text[this.at + 1] === '/')) {
        while (this.at < text.length && text[this.at] !== '\n') this.at++;
      } else if (c === '/' && text[this.at + 1] === '*') {
        const end = text.indexOf('*/', this.at + 2);
        if (end < 0) this.fail();
        this.at = end + 2;
      } else return;
    }
  }

  private value(): unknown {
    this.skip();
    const c = this.text[this.at];
    if (c === '{') return this.object();
    if (c === '[') return this.tuple();
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    const word = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(this.at, this.at + 64))?.[0];
    if (word === 'true' || word === 'false' || word === 'null') {
      // What follows (`true ? a : b`, `null[0]`) must end the item: the object and tuple loops check.
      this.at += word.length;
      return word === 'null' ? null : word === 'true';
    }
    return this.fail();
  }

  private object(): Record<string, unknown> {
    this.at++; // {
    const out = record();
    for (;;) {
      this.skip();
      if (this.text[this.at] === '}') {
        this.at++;
        return out;
      }
      const key = this.key();
      this.skip();
      const separator = this.text[this.at];
      if (separator !== '=' && separator !== ':') this.fail();
      if (separator === '=' && this.text[this.at + 1] === '=') this.fail();
      this.at++;
      out[key] = this.value();
      this.skip();
      if (this.text[this.at] === ',') this.at++;
    }
  }

  private key(): string {
    if (this.text[this.at] === '"') return this.string();
    const word = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(this.at, this.at + 256))?.[0];
    if (!word) this.fail();
    this.at += word.length;
    return word;
  }

  private tuple(): unknown[] {
    this.at++; // [
    const out: unknown[] = [];
    for (;;) {
      this.skip();
      if (this.text[this.at] === ']') {
        this.at++;
        return out;
      }
      out.push(this.value());
      this.skip();
      if (this.text[this.at] === ',') this.at++;
      else if (this.text[this.at] !== ']') this.fail();
    }
  }

  /** A quoted string without interpolation or directives (`$${` and `%%{` stand for `${` and `%{`). */
  private string(): string {
    const text = this.text;
    let out = '';
    for (this.at++; this.at < text.length; this.at++) {
      const c = text[this.at];
      if (c === '"') {
        this.at++;
        return out;
      }
      if (c === '\n') this.fail();
      if ((c === '$' || c === '%') && text[this.at + 1] === '{') this.fail();
      if ((c === '$' || c === '%') && text[this.at + 1] === c && text[this.at + 2] === '{') {
        out += `${c}{`;
        this.at += 2;
        continue;
      }
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = text[++this.at];
      if (e in ESCAPES) out += ESCAPES[e];
      else if (e === 'u' || e === 'U') {
        const length = e === 'u' ? 4 : 8;
        const hex = text.slice(this.at + 1, this.at + 1 + length);
        if (hex.length !== length || !HEX.test(hex)) this.fail();
        out += String.fromCodePoint(Number.parseInt(hex, 16));
        this.at += length;
      } else this.fail();
    }
    return this.fail();
  }

  private number(): number {
    const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.at, this.at + 64));
    if (!match) this.fail();
    this.at += match[0].length;
    return Number(match[0]);
  }
}

/** JSON as Terraform's jsonencode writes it: keys sorted, no spaces, `<`, `>`, `&`, U+2028/2029 escaped. */
function encode(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v !== null && typeof v === 'object') {
      const out = record();
      for (const key of Object.keys(v).sort()) out[key] = sorted((v as Record<string, unknown>)[key]);
      return out;
    }
    return v;
  };
  return JSON.stringify(sorted(value)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The string `jsonencode(...)` gives when `text` is exactly `${jsonencode(<constant>)}`;
 * undefined for anything else.
 */
export function constantJsonencode(text: string): string | undefined {
  const match = WRAPPED.exec(text);
  if (!match) return undefined;
  try {
    return encode(new Parser(match[1]).parseAll());
  } catch (error) {
    if (error instanceof NotConstant) return undefined;
    throw error;
  }
}
