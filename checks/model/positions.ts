/**
 * Where a block is written in a configuration file: the line of its header
 * (`resource "aws_s3_bucket" "logs" {`), or in JSON syntax the line of its name's key (`"logs": {`).
 * hcl2json gives no positions, so the text is scanned here, and the scan is trusted only where it
 * agrees with what hcl2json (or `JSON.parse`) read of the same file: a file whose scan finds
 * other blocks than the parser, and a name written twice, give no position. A finding without a
 * position stays on its input, as before: never on a wrong line.
 *
 * Positions are keyed by what a finding goes on, relative to the module (`aws_s3_bucket.logs`,
 * `data.aws_iam_policy_document.p`, `ephemeral.aws_lambda_invocation.t`, `action.aws_lambda_invoke.n`,
 * `var.token`, `output.db_url`, `local.db`, `module.app`, `provider.aws.east`,
 * `terraform.backend.s3`, `terraform.cloud`, `terraform.encryption.state`,
 * `terraform.encryption.key_provider.pbkdf2.k`); a variable file's assignments by `<file> var.<name>`;
 * what an override file sets in a block by `<block>#<argument>` (`overrideArgumentLines`).
 */
import { moduleConfigPath, parseBlockAddress } from './graph/addresses';
import { isRecord } from './records';

/** A file (named under the input as the user named it) and a line in it, from 1. */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
}

/** A name's line in one file, or `null`: written more than once, so no line is certain. */
export type LineMap = Map<string, number | null>;

/** A block of HCL native syntax, as scanned: its type, its labels (undefined: not a plain string), the line of its header and what its body writes. */
interface ScannedBlock {
  readonly type: string;
  readonly labels: readonly (string | undefined)[];
  readonly line: number;
  readonly blocks: readonly ScannedBlock[];
  readonly attributes: readonly { readonly name: string; readonly line: number }[];
}

/** The scan met text it does not read with certainty. */
class Unscannable extends Error {}

const IDENTIFIER = /[\p{ID_Start}_][\p{ID_Continue}-]*/uy;
const HEREDOC = /<<-?([\p{ID_Start}_][\p{ID_Continue}-]*)\r?\n/uy;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/**
 * A scanner of HCL's native syntax, as far as finding blocks and attributes needs: comments
 * (`#`, `//`, `/* *\/`), quoted strings and heredocs with their `${…}` and `%{…}` sequences (an
 * expression there may hold strings, braces and heredocs of its own), and an attribute's expression
 * to the end of its line outside brackets. What it does not read throws `Unscannable`.
 */
class Scanner {
  private pos = 0;
  private readonly newlines: number[] = [];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.newlines.push(i);
  }

  /** The line of an offset, from 1. */
  private lineAt(offset: number): number {
    let [low, high] = [0, this.newlines.length];
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.newlines[mid] < offset) low = mid + 1;
      else high = mid;
    }
    return low + 1;
  }

  private peek(offset = 0): string | undefined {
    return this.text[this.pos + offset];
  }

  private match(pattern: RegExp): RegExpExecArray | null {
    pattern.lastIndex = this.pos;
    return pattern.exec(this.text);
  }

  /** Spaces and comments on the line; with `lines`, newlines too. */
  private skipSpace(lines: boolean): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r' || (lines && c === '\n')) this.pos++;
      else if (c === '#' || (c === '/' && this.peek(1) === '/')) this.skipLineComment();
      else if (c === '/' && this.peek(1) === '*') this.skipBlockComment();
      else return;
    }
  }

  private skipLineComment(): void {
    const end = this.text.indexOf('\n', this.pos);
    this.pos = end < 0 ? this.text.length : end;
  }

  private skipBlockComment(): void {
    const end = this.text.indexOf('*/', this.pos + 2);
    if (end < 0) throw new Unscannable();
    this.pos = end + 2;
  }

  /** A body's items, to its closing brace (`closed`) or to the end of the text. */
  body(closed: boolean): { blocks: ScannedBlock[]; attributes: { name: string; line: number }[] } {
    const blocks: ScannedBlock[] = [];
    const attributes: { name: string; line: number }[] = [];
    for (;;) {
      this.skipSpace(true);
      const c = this.peek();
      if (c === undefined) {
        if (closed) throw new Unscannable();
        return { blocks, attributes };
      }
      if (c === '}') {
        if (!closed) throw new Unscannable();
        this.pos++;
        return { blocks, attributes };
      }
      const line = this.lineAt(this.pos);
      const name = this.identifier();
      this.skipSpace(false);
      if (this.peek() === '=' && this.peek(1) !== '=') {
        this.pos++;
        this.expression();
        attributes.push({ name, line });
      } else {
        const labels: (string | undefined)[] = [];
        for (;;) {
          this.skipSpace(false);
          const next = this.peek();
          if (next === '{') break;
          labels.push(next === '"' ? this.quoted(true) : this.identifier());
        }
        this.pos++;
        blocks.push({ type: name, labels, line, ...this.body(true) });
      }
      this.skipSpace(false);
      const end = this.peek();
      if (end !== undefined && end !== '\n' && end !== '}') throw new Unscannable();
    }
  }

  private identifier(): string {
    const found = this.match(IDENTIFIER);
    if (found === null) throw new Unscannable();
    this.pos += found[0].length;
    return found[0];
  }

  /** An attribute's expression: to the end of its line outside brackets, or to the brace that closes a one-line block. */
  private expression(): void {
    let depth = 0;
    for (;;) {
      const c = this.peek();
      if (c === undefined) {
        if (depth > 0) throw new Unscannable();
        return;
      }
      if (c === '\n' && depth === 0) return;
      if (c === '}' && depth === 0) return;
      if (this.skipPart()) continue;
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) throw new Unscannable();
        depth--;
      }
      this.pos++;
    }
  }

  /** A comment, a quoted string or a heredoc at the position, skipped; false when none starts there. */
  private skipPart(): boolean {
    const c = this.peek();
    if (c === '#' || (c === '/' && this.peek(1) === '/')) this.skipLineComment();
    else if (c === '/' && this.peek(1) === '*') this.skipBlockComment();
    else if (c === '"') this.quoted(false);
    else if (c === '<' && this.peek(1) === '<' && this.match(HEREDOC) !== null) this.heredoc();
    else return false;
    return true;
  }

  /** A `${…}` or `%{…}` sequence's expression, after its opening: to its closing brace, newlines and nested braces included. */
  private sequence(): void {
    let depth = 0;
    for (;;) {
      const c = this.peek();
      if (c === undefined) throw new Unscannable();
      if (this.skipPart()) continue;
      if (c === '{') depth++;
      else if (c === '}') {
        this.pos++;
        if (depth === 0) return;
        depth--;
        continue;
      }
      this.pos++;
    }
  }

  /** A template's `$${`/`%%{` (literal text: true, skipped) or `${`/`%{` (its sequence read: false); undefined for neither. */
  private templateSequence(): boolean | undefined {
    const c = this.peek();
    if (c !== '$' && c !== '%') return undefined;
    if (this.peek(1) === c && this.peek(2) === '{') {
      this.pos += 3;
      return true;
    }
    if (this.peek(1) !== '{') return undefined;
    this.pos += 2;
    this.sequence();
    return false;
  }

  /**
   * A quoted string. `label`: its value, as a block label is read (escapes decoded); undefined when
   * it is a template (a label cannot be one) or holds an escape read here with no certainty.
   */
  private quoted(label: boolean): string | undefined {
    this.pos++;
    // Only a label's value is kept: other strings are passed over.
    let value: string | undefined = label ? '' : undefined;
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === '\n') throw new Unscannable();
      if (c === '"') {
        this.pos++;
        return value;
      }
      if (c === '\\') {
        const escape = this.peek(1);
        const unicode = escape === 'u' ? /^[0-9A-Fa-f]{4}/.exec(this.text.slice(this.pos + 2, this.pos + 6)) : escape === 'U' ? /^[0-9A-Fa-f]{8}/.exec(this.text.slice(this.pos + 2, this.pos + 10)) : null;
        if (escape === undefined || escape === '\n') throw new Unscannable();
        if (unicode !== null) {
          const code = parseInt(unicode[0], 16);
          value = value !== undefined && code <= 0x10ffff ? value + String.fromCodePoint(code) : undefined;
          this.pos += 2 + unicode[0].length;
          continue;
        }
        value = value !== undefined && escape in SIMPLE_ESCAPES ? value + SIMPLE_ESCAPES[escape] : undefined;
        this.pos += 2;
        continue;
      }
      const sequence = this.templateSequence();
      if (sequence !== undefined) {
        value = undefined;
        continue;
      }
      value = value === undefined ? undefined : value + c;
      this.pos++;
    }
  }

  /** A heredoc, from its `<<EOF`/`<<-EOF` to its closing marker (a line of the marker alone, spaces aside); the newline after it is left. */
  private heredoc(): void {
    const opening = this.match(HEREDOC) as RegExpExecArray;
    const marker = opening[1];
    this.pos += opening[0].length;
    let lineStart = true;
    for (;;) {
      if (lineStart) {
        const end = this.text.indexOf('\n', this.pos);
        const lineEnd = end < 0 ? this.text.length : end;
        if (this.text.slice(this.pos, lineEnd).replace(/^[ \t]+|[ \t\r]+$/g, '') === marker) {
          this.pos = lineEnd;
          return;
        }
        lineStart = false;
      }
      const c = this.peek();
      if (c === undefined) throw new Unscannable();
      if (c === '\n') {
        this.pos++;
        lineStart = true;
        continue;
      }
      if (this.templateSequence() === undefined) this.pos++;
    }
  }
}

/** The blocks of a file of HCL native syntax; undefined when the scan cannot read it with certainty. */
export function scanHcl(text: string): ScannedBlock[] | undefined {
  try {
    return new Scanner(text).body(false).blocks;
  } catch (error) {
    if (error instanceof Unscannable || error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Block types whose positions are kept, with their number of labels; their bodies' blocks kept too under `terraform`. */
const TOP_LEVEL: Readonly<Record<string, number>> = { resource: 2, data: 2, ephemeral: 2, action: 2, variable: 1, output: 1, provider: 1, module: 1, locals: 0, terraform: 0 };
const IN_TERRAFORM: Readonly<Record<string, number>> = { backend: 1, cloud: 0, encryption: 0 };
const IN_ENCRYPTION: Readonly<Record<string, number>> = { key_provider: 2, method: 2, state: 0 };

/**
 * The bodies hcl2json gives for the blocks of a type (`doc[type]`), with their labels: `labels`
 * levels of objects by label, then a list of bodies. Undefined where the document is not so.
 */
function parsedBodies(value: unknown, labels: number): { labels: string[]; body: Record<string, unknown> }[] | undefined {
  if (value === undefined) return [];
  if (labels === 0) return Array.isArray(value) && value.every(isRecord) ? value.map((body) => ({ labels: [], body })) : undefined;
  if (!isRecord(value)) return undefined;
  const out: { labels: string[]; body: Record<string, unknown> }[] = [];
  for (const [label, inner] of Object.entries(value)) {
    const bodies = parsedBodies(inner, labels - 1);
    if (bodies === undefined) return undefined;
    out.push(...bodies.map((b) => ({ labels: [label, ...b.labels], body: b.body })));
  }
  return out;
}

/**
 * The scanned blocks of `kinds` matched with hcl2json's bodies of `doc`, in order: for each kind,
 * as many blocks with the same labels in the scan as in the document. Undefined where they differ.
 */
function matched(scanned: readonly ScannedBlock[], doc: Record<string, unknown>, kinds: Readonly<Record<string, number>>): { block: ScannedBlock; body: Record<string, unknown> }[] | undefined {
  const out: { block: ScannedBlock; body: Record<string, unknown> }[] = [];
  for (const [kind, labels] of Object.entries(kinds)) {
    const blocks = scanned.filter((b) => b.type === kind);
    const bodies = parsedBodies(Object.hasOwn(doc, kind) ? doc[kind] : undefined, labels);
    if (bodies === undefined || bodies.length !== blocks.length) return undefined;
    const byLabels = new Map<string, Record<string, unknown>[]>();
    for (const b of bodies) byLabels.set(JSON.stringify(b.labels), [...(byLabels.get(JSON.stringify(b.labels)) ?? []), b.body]);
    for (const block of blocks) {
      if (block.labels.length !== labels || block.labels.some((l) => l === undefined)) return undefined;
      const next = byLabels.get(JSON.stringify(block.labels))?.shift();
      if (next === undefined) return undefined;
      out.push({ block, body: next });
    }
  }
  return out;
}

/** Record `key` at `line`, or `null` when it is there already (written twice: no line is certain). */
const put = (lines: LineMap, key: string, line: number): void => {
  lines.set(key, lines.has(key) ? null : line);
};

/**
 * The lines of what a .tf file writes, by name (see the file's comment), where its scan agrees with
 * `doc`, what hcl2json read of it; empty where it does not.
 */
export function hclLines(text: string, doc: unknown): LineMap {
  const lines: LineMap = new Map();
  const scanned = scanHcl(text);
  const top = scanned !== undefined && isRecord(doc) ? matched(scanned, doc, TOP_LEVEL) : undefined;
  if (top === undefined) return lines;
  for (const { block, body } of top) {
    const name = blockName(block, body);
    if (name !== undefined) put(lines, name, block.line);
    else if (block.type === 'locals') {
      const names = block.attributes.map((a) => a.name);
      const parsed = Object.keys(body);
      if (names.length !== parsed.length || !names.every((n) => Object.hasOwn(body, n))) return new Map();
      for (const attribute of block.attributes) put(lines, `local.${attribute.name}`, attribute.line);
    } else if (block.type === 'terraform' && !terraformLines(block, body, lines)) return new Map();
  }
  return lines;
}

/** The name a top-level block goes by in positions (see the file's comment), or undefined for one it does not name so. */
function blockName(block: ScannedBlock, body: Record<string, unknown>): string | undefined {
  const [first, second] = block.labels as string[];
  if (block.type === 'resource') return `${first}.${second}`;
  if (block.type === 'data' || block.type === 'ephemeral' || block.type === 'action') return `${block.type}.${first}.${second}`;
  if (block.type === 'variable') return `var.${first}`;
  if (block.type === 'output') return `output.${first}`;
  if (block.type === 'module') return `module.${first}`;
  if (block.type !== 'provider') return undefined;
  // The alias is an argument, not a label: read from the body hcl2json gave for this very block.
  const alias = body.alias;
  if (alias === undefined) return `provider.${first}`;
  return typeof alias === 'string' && !alias.includes('${') ? `provider.${first}.${alias}` : undefined;
}

/**
 * The lines of what each block of an override file sets, keyed `<block>#<argument>`
 * (`aws_cloudwatch_log_group.g#kms_key_id`): each argument, and each nested block type (a
 * `dynamic "x"` block by its label, `x`) at its first block, since the override replaces every
 * block of the type. An override's argument replaces the base block's (override.ts), so a finding
 * on it belongs on this line, not on the base block's. Where the scan and the parsed document
 * differ, or the file writes a block twice, nothing.
 */
export function overrideArgumentLines(text: string, doc: unknown, isJson: boolean): LineMap {
  const lines: LineMap = new Map();
  if (isJson) {
    if (!isRecord(doc)) return lines;
    const provider = isRecord(doc.provider) ? doc.provider : undefined;
    for (const { path, lines: at } of jsonKeyLines(text, 5)) {
      // The block's own key path is 3 keys deep (resource, data: type and name) or 2 (the others); then the argument, or `dynamic` and its label.
      for (const depth of [2, 3]) {
        const name = path.length > depth ? jsonKey(path.slice(0, depth), provider) : undefined;
        if (name === undefined) continue;
        const rest = path.slice(depth);
        const argument = rest[0] === 'dynamic' ? (rest.length === 2 ? rest[1] : undefined) : rest.length === 1 ? rest[0] : undefined;
        if (argument === undefined || argument === '//') continue;
        // A body written as a list of several (`"g": [{…}, {…}]`) holds a key once in each: no line is certain.
        lines.set(`${name}#${argument}`, at.length === 1 && !lines.has(`${name}#${argument}`) ? at[0] : null);
      }
    }
    return lines;
  }
  const scanned = scanHcl(text);
  const top = scanned !== undefined && isRecord(doc) ? matched(scanned, doc, TOP_LEVEL) : undefined;
  if (top === undefined) return lines;
  for (const { block, body } of top) {
    const name = blockName(block, body);
    if (name === undefined) continue;
    for (const attribute of block.attributes) if (Object.hasOwn(body, attribute.name)) put(lines, `${name}#${attribute.name}`, attribute.line);
    const firsts = new Map<string, number>();
    for (const nested of block.blocks) {
      const type = nested.type === 'dynamic' ? nested.labels[0] : nested.type;
      if (type !== undefined && !firsts.has(type)) firsts.set(type, nested.line);
    }
    for (const [type, line] of firsts) put(lines, `${name}#${type}`, line);
  }
  return lines;
}

/** The backend, cloud and encryption blocks of a `terraform` block; false where the scan and the body differ. */
function terraformLines(block: ScannedBlock, body: Record<string, unknown>, lines: LineMap): boolean {
  const inner = matched(block.blocks, body, IN_TERRAFORM);
  if (inner === undefined) return false;
  for (const { block: child, body: childBody } of inner) {
    if (child.type === 'backend') put(lines, `terraform.backend.${child.labels[0]}`, child.line);
    else if (child.type === 'cloud') put(lines, 'terraform.cloud', child.line);
    else {
      put(lines, 'terraform.encryption', child.line);
      const parts = matched(child.blocks, childBody, IN_ENCRYPTION);
      if (parts === undefined) return false;
      for (const { block: part } of parts) put(lines, part.type === 'state' ? 'terraform.encryption.state' : `terraform.encryption.${part.type}.${part.labels.join('.')}`, part.line);
    }
  }
  return true;
}

/** The top-level assignments of a variable file in HCL syntax (`name = value`), by name, where the scan agrees with `doc`. */
export function variableFileLines(text: string, doc: unknown, isJson: boolean): LineMap {
  const lines: LineMap = new Map();
  if (isJson) {
    for (const { path, lines: at } of jsonKeyLines(text, 1)) lines.set(path[0], at.length === 1 ? at[0] : null);
    return lines;
  }
  const scanned = new Scanner(text);
  let body: ReturnType<Scanner['body']>;
  try {
    body = scanned.body(false);
  } catch (error) {
    if (error instanceof Unscannable || error instanceof RangeError) return lines;
    throw error;
  }
  if (!isRecord(doc) || body.blocks.length > 0 || body.attributes.length !== Object.keys(doc).length || !body.attributes.every((a) => Object.hasOwn(doc, a.name))) return lines;
  for (const attribute of body.attributes) put(lines, attribute.name, attribute.line);
  return lines;
}

/** What `walkJsonKeys` skips at once: the characters of a string up to its closing quote, spaces, a literal. */
const STRING_BODY = /(?:[^"\\]|\\.)*/y;
const BLANKS = /[ \t\r]+/y;
const LITERAL = /[^,}\]\s]+/y;

/**
 * Each object key of a JSON text (already parsed: it is valid), in order: `visit` gets its path of
 * keys from the top (arrays are passed through: Terraform's JSON syntax may write a block as an
 * object or a list of them), its line, and the line where the same object wrote it before
 * (`undefined` the first time). `visit` returns true to stop the walk.
 */
function walkJsonKeys(text: string, visit: (path: readonly string[], line: number, before: number | undefined) => boolean | void): void {
  let line = 1;
  let pos = 0;
  const path: string[] = [];
  /** Containers open: an object (with the line of each key it wrote) or an array. */
  const open: (Map<string, number> | 'array')[] = [];
  let expectKey = false;
  while (pos < text.length) {
    const c = text[pos];
    if (c === '\n') {
      line++;
      pos++;
    } else if (c === '"') {
      STRING_BODY.lastIndex = pos + 1;
      const body = STRING_BODY.exec(text) as RegExpExecArray;
      const end = pos + 1 + body[0].length;
      const escaped = body[0].includes('\\');
      const top = open[open.length - 1];
      if (expectKey && top instanceof Map) {
        const key = escaped ? (JSON.parse(text.slice(pos, end + 1)) as string) : text.slice(pos + 1, end);
        path.push(key);
        const before = top.get(key);
        if (before === undefined) top.set(key, line);
        if (visit(path, line, before) === true) return;
        expectKey = false;
      } else if (top instanceof Map) path.pop();
      pos = end + 1;
    } else if (c === '{' || c === '[') {
      open.push(c === '{' ? new Map() : 'array');
      expectKey = c === '{';
      pos++;
    } else if (c === '}' || c === ']') {
      open.pop();
      pos++;
      // The container was a value: the key it was the value of is done.
      if (open[open.length - 1] instanceof Map) path.pop();
    } else if (c === ',') {
      expectKey = open[open.length - 1] instanceof Map;
      pos++;
    } else if (c === ':' || c === ' ' || c === '\t' || c === '\r') {
      BLANKS.lastIndex = pos + 1;
      pos = BLANKS.test(text) ? BLANKS.lastIndex : pos + 1;
    } else {
      // A number, true, false or null: a value, whose key is done.
      LITERAL.lastIndex = pos;
      pos = LITERAL.test(text) ? LITERAL.lastIndex : pos + 1;
      if (open[open.length - 1] instanceof Map) path.pop();
    }
  }
}

/**
 * The lines of the object keys of a JSON text (already parsed: it is valid), by their path of keys
 * from the top (arrays passed through, see `walkJsonKeys`), to `depth` keys deep.
 */
function jsonKeyLines(text: string, depth: number): { readonly path: readonly string[]; readonly lines: readonly number[] }[] {
  const byPath = new Map<string, { path: string[]; lines: number[] }>();
  walkJsonKeys(text, (path, line) => {
    if (path.length > depth) return;
    const id = JSON.stringify(path);
    const entry = byPath.get(id) ?? { path: [...path], lines: [] };
    entry.lines.push(line);
    byPath.set(id, entry);
  });
  return [...byPath.values()];
}

/**
 * The first key that one object of a JSON text (already parsed: it is valid) writes twice: its
 * path of keys from the top, its line and the line of the first. `JSON.parse` keeps the last of
 * the two silently. `"//"`, a comment in Terraform's JSON syntax (which ignores every one), may repeat.
 */
export function repeatedJsonKey(text: string): { readonly path: readonly string[]; readonly line: number; readonly first: number } | undefined {
  let found: { path: readonly string[]; line: number; first: number } | undefined;
  walkJsonKeys(text, (path, line, before) => {
    if (before === undefined || path[path.length - 1] === '//') return false;
    found = { path: [...path], line, first: before };
    return true;
  });
  return found;
}

/** A provider's configurations in JSON syntax: an object, or a list of them. */
const jsonBodies = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/**
 * The lines of what a file in Terraform's JSON syntax writes (.tf.json, cdk.tf.json), by name (see
 * the file's comment): the line of the key that names each (`"logs": {` under `resource` /
 * `aws_s3_bucket`). `doc` is what `JSON.parse` read of it.
 */
export function jsonConfigLines(text: string, doc: unknown): LineMap {
  const lines: LineMap = new Map();
  if (!isRecord(doc)) return lines;
  const provider = isRecord(doc.provider) ? doc.provider : undefined;
  for (const { path, lines: at } of jsonKeyLines(text, 5)) {
    const key = jsonKey(path, provider);
    if (key !== undefined) lines.set(key, at.length === 1 && !lines.has(key) ? at[0] : null);
  }
  return lines;
}

function jsonKey(path: readonly string[], provider: Record<string, unknown> | undefined): string | undefined {
  const [kind, first, second, third, fourth] = path;
  const length = path.length;
  if (kind === 'resource' && length === 3) return `${first}.${second}`;
  if ((kind === 'data' || kind === 'ephemeral' || kind === 'action') && length === 3) return `${kind}.${first}.${second}`;
  if (kind === 'variable' && length === 2) return `var.${first}`;
  if (kind === 'output' && length === 2) return `output.${first}`;
  if (kind === 'module' && length === 2) return `module.${first}`;
  if (kind === 'locals' && length === 2) return `local.${first}`;
  if (kind === 'provider' && length === 2) {
    // One configuration under the key, whose alias (an argument) names it; a list of several shares one key: no line.
    const bodies = provider === undefined || !Object.hasOwn(provider, first) ? [] : jsonBodies(provider[first]);
    if (bodies.length !== 1 || !isRecord(bodies[0])) return undefined;
    const alias = bodies[0].alias;
    return alias === undefined ? `provider.${first}` : typeof alias === 'string' && !alias.includes('${') ? `provider.${first}.${alias}` : undefined;
  }
  if (kind !== 'terraform') return undefined;
  if (first === 'backend' && length === 3) return `terraform.backend.${second}`;
  if (first === 'cloud' && length === 2) return 'terraform.cloud';
  if (first !== 'encryption') return undefined;
  if (length === 2) return 'terraform.encryption';
  if (second === 'state' && length === 3) return 'terraform.encryption.state';
  if ((second === 'key_provider' || second === 'method') && length === 5) return `terraform.encryption.${second}.${third}.${fourth}`;
  return undefined;
}

/**
 * Where a finding on `address` (with attribute `path`) of an input is written, from the input's
 * `positions`. A finding on a root variable whose path starts with the name of a variable file of
 * the input is about the value that file gives (`no-credentials-in-variables` names the file so):
 * it goes on the file's assignment, never on the variable's block.
 */
export function positionOf(positions: Readonly<Record<string, SourcePosition>> | undefined, variableFiles: readonly { readonly file: string }[] | undefined, address: string, path?: string): SourcePosition | undefined {
  if (positions === undefined) return undefined;
  const file = address.startsWith('var.') && path !== undefined ? (variableFiles ?? []).map((f) => f.file).filter((f) => path === f || path.startsWith(`${f}.`)).sort((a, b) => b.length - a.length)[0] : undefined;
  const key = file === undefined ? address : `${file} ${address}`;
  // An argument an override file set is written there (overrideArgumentLines), not in the base block.
  const argument = file === undefined && path !== undefined ? path.split(/[.[]/)[0] : undefined;
  if (argument !== undefined && Object.hasOwn(positions, `${address}#${argument}`)) return positions[`${address}#${argument}`];
  if (Object.hasOwn(positions, key)) return positions[key];
  // An instance of a block no resource stands for (`ephemeral.t.n["k"]`, `module.a[0].action.t.n`) is written in its block.
  const instance = file === undefined ? parseBlockAddress(address) : undefined;
  const block = instance === undefined ? undefined : [moduleConfigPath(instance.module), instance.block].filter((part) => part !== '').join('.');
  if (block === undefined || block === address) return undefined;
  if (argument !== undefined && Object.hasOwn(positions, `${block}#${argument}`)) return positions[`${block}#${argument}`];
  return Object.hasOwn(positions, block) ? positions[block] : undefined;
}
