/**
 * Masked forms of secrets and personal data, and how a text or a report is masked: `redactor`
 * masks every written form of each secret a text holds; `redactStrings` masks every string of a
 * document but the tool's own, never a key. A masked form shows just enough for a person to find
 * the value in their code (its shape, a few leading characters), never the value itself.
 */
import { UNKNOWN_IN_ADDRESS } from './model/email-address';
import { base64Text, looseBase64Text } from './model/evaluate';

export const STARS = '***';

/**
 * `john.doe@example.com` -> `j***@e***.com`: the first character of the local part and of the
 * domain, and the top-level domain.
 */
export function maskEmail(raw: string): string {
  const at = raw.lastIndexOf('@');
  if (at <= 0) return maskSecret(raw);
  const local = raw.slice(0, at);
  const domain = raw.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${firstCharacter(local)}${STARS}@${firstCharacter(domain)}${STARS}${tld}`;
}

/**
 * The first character of `text`, whole: a letter outside the Basic Multilingual Plane is two UTF-16 units. None
 * where a value not known at plan time starts it (`jane@${var.sub}.example.com` -> `j***@***.com`): it stands for no text.
 */
const firstCharacter = (text: string): string => {
  const first = text.length === 0 ? '' : String.fromCodePoint(text.codePointAt(0) as number);
  return first === UNKNOWN_IN_ADDRESS ? '' : first;
};

/**
 * `https://user:pass@host:8443/p?token=abc` -> `https://***:***@host:8443/...`: the scheme and the
 * host stay, the user information is starred, and everything after the host (path, query with its
 * tokens, fragment) becomes `/...`.
 */
export function maskUrlCredentials(raw: string): string {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)([^/?#]*)(.*)$/s.exec(raw);
  if (!match) return maskSecret(raw);
  const [, scheme, authority, rest] = match;
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at) : undefined;
  const host = at >= 0 ? authority.slice(at + 1) : authority;
  const maskedUser = userinfo === undefined ? '' : `${starredUserinfo(userinfo)}@`;
  return `${scheme}${maskedUser}${host}${rest.length > 0 ? '/...' : ''}`;
}

/** A URL's user information starred: `***:***` for a user and a password, `***` for a user (a token) alone. */
export const starredUserinfo = (userinfo: string): string => (userinfo.includes(':') ? `${STARS}:${STARS}` : STARS);

/**
 * A key or token: at most its first four characters, then `***` (`AKIA***`). Short values show
 * less: a quarter of their length, so a password never shows more than a hint. Base64 of text
 * (`isBase64Text`) is stars alone: its first characters decode to the text's (`Z2hw***` is `ghp`,
 * `YTpY***` is `a:X`, a Basic header's user and the first character of the password).
 */
export function maskSecret(raw: string): string {
  if (isBase64Text(raw)) return STARS;
  const characters = [...raw];
  const shown = Math.min(4, Math.floor(characters.length / 4));
  return `${characters.slice(0, shown).join('')}${STARS}`;
}

/**
 * `+1 555 123 4567` -> `+* *** *** **67`: every digit but the last two starred, separators kept
 * so the shape stays recognisable.
 */
export function maskPhone(raw: string): string {
  const digits = raw.replace(/\D/g, '').length;
  let seen = 0;
  return raw.replace(/\d/g, (d) => (++seen > digits - 2 ? d : '*'));
}

/** A private key: its PEM (or SSH2) header and stars, or a PuTTY key file's first line and stars. */
export function maskPrivateKey(raw: string): string {
  const header = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|---- BEGIN SSH2 [A-Z ]*PRIVATE KEY ----|PuTTY-User-Key-File-\d+:[ \t]*[\w@.-]*/.exec(raw);
  return header ? `${header[0]}${STARS}` : maskSecret(raw);
}

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The shortest base64 of text `maskAny` masks as stars alone: as the sensitive-data rules search it (`inBase64`). */
export const MIN_BASE64_TEXT_LENGTH = 16;

/**
 * Base64 of text in either alphabet, padded or not, at least `MIN_BASE64_TEXT_LENGTH` long: as the sensitive-data rules
 * search it (`inBase64`).
 */
function isBase64Text(raw: string): boolean {
  return raw.length >= MIN_BASE64_TEXT_LENGTH && (base64Text(raw) ?? looseBase64Text(raw)) !== undefined;
}

/** What a phone number is written with: digits, spaces, dots, dashes and parentheses, maybe after a `+`. */
const PHONE_SHAPE = /^\+?[\d(][\d ().-]*\d$/;

/** The masked form of a raw value whose kind is not known: chosen by its shape. */
export function maskAny(raw: string): string {
  // Base64 of text (a credential encoded, where `detect` reports it), in either alphabet, padded or not: any
  // character of it shown gives away bits of that text (`amFu***` is `jan`).
  if (isBase64Text(raw)) return STARS;
  // A phone number as `detect` masks it, its last two digits alone, so the gate's copy of a plan line and the report
  // together show no more of it than either (`555***` and `*** *** **99` showed five digits of ten).
  if (PHONE_SHAPE.test(raw)) {
    const digits = raw.replace(/\D/g, '').length;
    if (digits >= 7 && digits <= 15) return maskPhone(raw);
  }
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(raw)) return maskUrlCredentials(raw);
  if (raw.includes('PRIVATE KEY') || raw.startsWith('PuTTY-User-Key-File-')) return maskPrivateKey(raw);
  if (EMAIL_SHAPE.test(raw)) return maskEmail(raw);
  return maskSecret(raw);
}

/**
 * Secrets shorter than this are not replaced in text: they would corrupt it (`true`, `fail`, a word
 * of a message). Where one is an instance key of an address (`aws_sqs_queue.q["E1234"]`) it is
 * masked there (`keyForms`): the quoted key in brackets is no word of anything else.
 */
export const MIN_REDACT_LENGTH = 6;

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Lines of a multi-line secret at least this long are masked on their own too (see `writtenForms`). */
const MIN_REDACT_LINE_LENGTH = 16;
const PEM_ARMOR = /^-----(?:BEGIN|END) [A-Z0-9 ]+-----$|^---- (?:BEGIN|END) SSH2 [A-Z ]+ ----$/;

const jsonEscaped = (text: string): string => JSON.stringify(text).slice(1, -1);
const xmlEscaped = (text: string): string => text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c]);

/** The characters Go's `strconv.Quote` writes with a letter of their own (`appendEscapedRune`), and the quote and backslash. */
const GO_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
/** What Go takes as printable beyond Latin-1 (`unicode.IsPrint`): letters, marks, numbers, punctuation and symbols. */
const GO_PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;
/** Text Go's `strconv.Quote` writes as it is: printable ASCII but the quote and the backslash. */
const GO_AS_IS = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** Whether Go's `strconv.IsPrint` takes `code` (the character `char`) as printable: in Latin-1 from U+0020 to U+007E and from U+00A1 to U+00FF but the soft hyphen. */
const goPrintable = (code: number, char: string): boolean => (code <= 0xff ? (code >= 0x20 && code <= 0x7e) || (code >= 0xa1 && code !== 0xad) : GO_PRINTABLE.test(char));

const hex = (code: number, digits: number): string => code.toString(16).padStart(digits, '0');

/**
 * `text` between the quotes of Go's `%q` (`strconv.Quote`), as terraform prints a single-line string in a plan
 * (`jsonformat/computed/renderers/primitive.go`): the quote and the backslash escaped; a character Go takes as printable
 * as it is (`é`); `\a \b \f \n \r \t \v`; another below U+0020 or DEL as `\x` and two hex digits; any other as `\u`
 * and four (`\u00a0`, `\u200b`) or `\U` and eight. A lone surrogate is U+FFFD: Go holds UTF-8, where it has no form.
 * Go's tables are of its Unicode version, these of the runtime's: a character assigned between the two differs.
 */
export function goQuoted(text: string): string {
  if (GO_AS_IS.test(text)) return text;
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    const escape = GO_ESCAPES[char];
    if (escape !== undefined) out += escape;
    else if (code >= 0xd800 && code <= 0xdfff) out += '\ufffd';
    else if (goPrintable(code, char)) out += char;
    else if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
    else out += code < 0x10000 ? `\\u${hex(code, 4)}` : `\\U${hex(code, 8)}`;
  }
  return out;
}

/**
 * The forms a value takes once written, each with what replaces it: as is, escaped as a JSON
 * string or a quoted Terraform address key (`aws_s3_bucket.k["line\nline"]`), that escaped again
 * by a JSON report, each also XML-escaped. A multi-line value (a PEM key) is also written a line at a
 * time: Terraform prints it as an indented heredoc in its plan, so each long line is a form of its
 * own, replaced by stars alone. And encoded, as code writes it where a secret goes on
 * (`percentForms`, `base64Forms`).
 */
function writtenForms(secret: string): [form: string, masked: Replacement][] {
  const once = jsonEscaped(secret);
  const masked = maskAny(secret);
  // A secret that is base64 of text is in clear inside a longer run too (base64 of base64): that run is masked whole.
  const replacement: Replacement = isBase64Text(secret) ? ENCODED_RUN : masked;
  const whole = [secret, once, jsonEscaped(once)].map((form): [string, Replacement] => [form, replacement]);
  // A PEM key's armor lines (`-----BEGIN RSA PRIVATE KEY-----`) are no secret: its masked form shows them.
  const lines = secret.includes('\n') ? secret.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0 && !PEM_ARMOR.test(line)) : [];
  const long = lines.filter((line) => line.length >= MIN_REDACT_LINE_LENGTH);
  const keyLine: KeyLine = { shortLines: new Set(lines.filter((line) => line.length < MIN_REDACT_LINE_LENGTH && BASE64_LINE.test(line))) };
  const lineReplacement: Replacement = keyLine.shortLines.size > 0 ? keyLine : STARS;
  const escaped = [...whole, ...long.map((line): [string, Replacement] => [line, lineReplacement])].flatMap(([form, replacement]) =>
    [
      form,
      // Go's encoding/json and some serializers escape <, > and & as \u003c, \u003e, \u0026.
      form.replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
      xmlEscaped(form),
      form.replace(/[&<>]/g, (c) => XML_ENTITIES[c]),
    ].map((written): [string, Replacement] => [written, replacement]),
  );
  // Neither form holds a character JSON or XML escapes. A base64 form is replaced by stars alone, with the run of base64
  // it is in (`ENCODED_RUN`): its masked form in its place would read as the value in clear.
  // Go's %q, as terraform's plan prints a single-line string: it escapes what JSON keeps (NBSP, ZWSP, DEL) and writes BEL as `\a`.
  const quoted = secret.includes('\n') ? [] : [goQuoted(secret)].filter((form) => form !== secret && form !== once);
  return [
    ...escaped,
    ...quoted.map((form): [string, Replacement] => [form, replacement]),
    ...percentForms(secret).map((form): [string, Replacement] => [form, masked]),
    ...base64Forms(secret).map((form): [string, Replacement] => [form, ENCODED_RUN]),
  ];
}

/**
 * A value percent-encoded, as a URL's query carries it (`?to=${urlencode(local.email)}` prints
 * `to=jane.roe%40example.com`): as `encodeURIComponent` writes it, and as Terraform's `urlencode`
 * does (Go's `url.QueryEscape`, Python's `quote_plus` too), which also escapes `!'()*` and writes a
 * space as `+`. Text that is not well-formed UTF-16 (a lone surrogate) has no percent-encoded form.
 */
function percentForms(secret: string): string[] {
  let component: string;
  try {
    component = encodeURIComponent(secret);
  } catch {
    return [];
  }
  const query = component.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');
  return [component, query];
}

/**
 * Base64 forms shorter than this are not searched: 42 bits, which a run of innocent base64 text
 * (another instance's user data, a certificate) matches by chance about once in 4 x 10^12
 * characters. A secret of `MIN_REDACT_LENGTH` characters gives a form this long at every offset.
 */
const MIN_BASE64_FORM_LENGTH = 7;

/**
 * A value as base64 writes it, alone (`base64encode(local.token)`) or inside a longer encoded text
 * (`"Basic ${base64encode("deploy:${local.token}")}"`, user data), as Terraform's `base64encode` and
 * Go's standard encoding write it. Base64 writes each 3 bytes as 4 characters, so the characters a value becomes
 * depend on where it begins modulo 3: for each of the three offsets, the characters made of its bits
 * alone. The one or two at each end that mix in a neighbour's bits are left out: they show at most 4
 * bits of the value. The whole encoding, with its padding and without, is a form too, so a value encoded
 * alone is masked whole.
 */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const fragments = [0, 1, 2].map((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Character i holds bits 6i to 6i + 5 of the encoded bytes; the value's are bits 8 x offset to 8 x (offset + length) - 1.
    return encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
  });
  const whole = bytes.toString('base64');
  const standard = [whole, whole.replace(/=+$/, ''), ...fragments];
  // And in RFC 4648's URL-safe alphabet (`-`, `_`), as JWT segments, Kubernetes tools and SDKs write base64, which
  // the detectors decode too: a form apart where the value's bits make a `+` or a `/`.
  const urlSafe = standard.map((form) => form.replace(/\+/g, '-').replace(/\//g, '_'));
  return [...new Set([...standard, ...urlSafe])].filter((form) => form.length >= MIN_BASE64_FORM_LENGTH);
}

/**
 * What replaces a written form: its masked text, or `ENCODED_RUN`, stars alone in place of the whole run of base64
 * the form is in. Any character of that run shown decodes to the text around the secret: `Basic ZGVwbG95Om***`, a
 * Basic header whose password was masked, still read `deploy:`, the user name.
 */
type Replacement = string | typeof ENCODED_RUN | KeyLine;
const ENCODED_RUN = Symbol('the base64 run around the form');

/**
 * What replaces a long line of a multi-line key (a PEM body line): stars, and stars for each of the key's short lines
 * (`shortLines`, too short to be searched alone: `q7R6s5==` is a word of any text) on the lines right after it. A key's
 * last line is most often short: printed a line at a time (an indented heredoc, a diff), it was shown.
 */
interface KeyLine {
  readonly shortLines: ReadonlySet<string>;
}

/** A line of base64 alone (a PEM body line). */
const BASE64_LINE = /^[A-Za-z0-9+/=]+$/;

/**
 * The next line of a key's text after `at`: a line break (as is, or escaped once or twice by JSON), an indentation,
 * maybe the marker of terraform's diff (`- `, `+ `), then a run of base64, its text in group 1.
 */
const NEXT_KEY_LINE = /(?:\r?\n|(?:\\{1,3}r)?\\{1,3}n)[ \t]*(?:[-+~] +)?([A-Za-z0-9+/=]+)(?![A-Za-z0-9+/=])/y;

/** Where the run of the key's short lines right after `at` ends, each line's run with where it starts; none: `at`. */
function shortLinesAfter(text: string, at: number, { shortLines }: KeyLine): [start: number, end: number][] {
  const runs: [number, number][] = [];
  for (NEXT_KEY_LINE.lastIndex = at; ; ) {
    const next = NEXT_KEY_LINE.exec(text);
    if (next === null || !shortLines.has(next[1])) return runs;
    runs.push([NEXT_KEY_LINE.lastIndex - next[1].length, NEXT_KEY_LINE.lastIndex]);
  }
}

/** A character of a base64 run in either alphabet (`=` padding ends one): a lookup table by char code. */
const BASE64_CHAR = ((): Uint8Array => {
  const table = new Uint8Array(128);
  for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-') table[c.charCodeAt(0)] = 1;
  return table;
})();
const isBase64Char = (text: string, at: number): boolean => {
  const c = text.charCodeAt(at);
  return c < 128 && BASE64_CHAR[c] === 1;
};

/** The run of base64 around `start` to `end` of `text`, padding too, not before `from`. */
function base64RunAround(text: string, start: number, end: number, from: number): [start: number, end: number] {
  let first = start;
  while (first > from && isBase64Char(text, first - 1)) first--;
  let last = end;
  while (last < text.length && isBase64Char(text, last)) last++;
  for (let pad = 0; pad < 2 && text[last] === '='; pad++) last++;
  return [first, last];
}

/** A text as a report may show it: every detected secret in it masked. */
export type Redact = (text: string) => string;

/**
 * The forms of a secret as an instance key of an address, `["E1234"]` -> `["E***"]`: as written, in
 * a JSON string and XML-escaped. A `for_each` key matched by a sensitive pattern is often short (an
 * employee id): it is masked there alone (see `MIN_REDACT_LENGTH`). A key that masks as another does
 * carries its `number` among them (`lookAlikes`): `["j***@e***.com"#2]`.
 */
function keyForms(secret: string, number?: number): [form: string, masked: string][] {
  const quoted = (text: string): string => `[${JSON.stringify(text)}]`;
  const shown = `[${JSON.stringify(maskAny(secret))}${number === undefined ? '' : `#${number}`}]`;
  const pairs: [string, string][] = [
    [quoted(secret), shown],
    [jsonEscaped(quoted(secret)), jsonEscaped(shown)],
  ];
  return pairs.flatMap(([form, masked]): [string, string][] => [
    [form, masked],
    [xmlEscaped(form), xmlEscaped(masked)],
  ]);
}

/**
 * Replace every occurrence of each secret in `text` (as is, JSON-escaped or XML-escaped) with its
 * masked form. Longer secrets go first, so a URL is masked as a whole before the password inside
 * it. Secrets shorter than `MIN_REDACT_LENGTH` are left alone (see there). `keys`: as `redactor`.
 */
export const redactAll = (text: string, secrets: readonly string[], keys?: readonly string[]): string => redactor(secrets, keys)(text);

/**
 * `redactAll` for these secrets, their written forms worked out once: a report masks each of its
 * data fields with it (check.ts `render`), thousands of texts for one list of secrets. `keys`, those
 * of `secrets` that are instance keys of the addresses shown (check.ts `Checked.instanceKeys`), are
 * the ones look-alike numbers are counted among (`lookAlikes`); every secret when not given.
 */
export function redactor(secrets: readonly string[], keys: readonly string[] = secrets): Redact {
  const forms = new Map<string, Replacement>();
  const numbers = lookAlikes(keys);
  for (const secret of secrets) {
    const number = numbers.get(secret);
    const asKey = secret.length < MIN_REDACT_LENGTH || number !== undefined ? keyForms(secret, number) : [];
    const written = secret.length >= MIN_REDACT_LENGTH ? [...asKey, ...writtenForms(secret)] : asKey;
    for (const [form, masked] of written) if (!forms.has(form)) forms.set(form, masked);
  }
  if (forms.size === 0) return (text) => text;
  // A search of the whole text per form costs forms x text: with thousands of secrets (a for_each keyed
  // by email addresses) that grew with the square of the plan (9,000 resources: SARIF not written after
  // 14 minutes). Then one pass over the text looks each position up by a hash of its first characters.
  if (forms.size <= ONE_PASS_FROM) return (text) => replaceSpans(text, forms, startsPerForm(text, forms.keys()));
  // The forms of `MAX_WINDOW` characters or more, and the shorter ones, are searched apart: one short
  // form in the same index shrank the window for all, so thousands shared a few prefixes and every
  // position of the text that began with one was compared with each. Masking 30 MB of plan text with
  // 3,000 email addresses: 4.4 s; with one 6-character secret too (its 7-character base64 forms), 36.3 s
  // in one index, 4.9 s apart (2 cores, loaded; the gate over it: 59.4 s before, 11.6 s after).
  const long = [...forms.keys()].filter((form) => form.length >= MAX_WINDOW);
  const short = [...forms.keys()].filter((form) => form.length < MAX_WINDOW);
  const searches = [long, short].filter((group) => group.length > 0).map(searchFor);
  if (searches.length === 1) return (text) => replaceSpans(text, forms, searches[0](text));
  return (text) => replaceSpans(text, forms, longestOf(searches.map((search) => search(text))));
}

/** A search for `forms`: one pass over the text with an index of them, or a search per form when they are few. */
function searchFor(forms: readonly string[]): (text: string) => Starts {
  if (forms.length <= ONE_PASS_FROM) return (text) => startsPerForm(text, forms);
  const index = formIndex(forms);
  return (text) => startsInOnePass(text, index);
}

/** The longest form at each start of any of `found`. */
function longestOf(found: readonly Starts[]): Starts {
  const [first, ...rest] = found;
  for (const starts of rest) for (const [at, form] of starts) if ((first.get(at)?.length ?? 0) < form.length) first.set(at, form);
  return first;
}

/**
 * The keys that mask alike, each with its number among them: 1, 2, … in the order of their text
 * (Terraform's order of instance keys, so the order of the addresses). `for_each` keys
 * `john.doe@example.com` and `jane.roe@example.com` both mask as `j***@e***.com`: their two
 * addresses were one, so a report showed two findings on one address, and a waiver copied from it
 * matched both. As an instance key, each masked form carries its number (`keyForms`). The number
 * says nothing of the value beyond that order: a short hash of it would, since hashing a list of a
 * company's email addresses finds it. The same keys give the same numbers, in every format. Only
 * keys are counted: a secret that is no key of an address (a waiver's owner, a tag's value) never
 * shows a number, and counted among them it renumbered the addresses, and their fingerprints, when
 * it came or went.
 */
function lookAlikes(keys: readonly string[]): Map<string, number> {
  const byMasked = new Map<string, string[]>();
  for (const secret of new Set(keys)) {
    if (secret.length === 0) continue;
    const masked = maskAny(secret);
    const alike = byMasked.get(masked);
    if (alike) alike.push(secret);
    else byMasked.set(masked, [secret]);
  }
  const numbers = new Map<string, number>();
  for (const alike of byMasked.values()) {
    if (alike.length < 2) continue;
    alike.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).forEach((secret, i) => numbers.set(secret, i + 1));
  }
  return numbers;
}

/**
 * Forms from which one pass over the text is cheaper than a search per form. Measured on 2 cores on
 * a 52 MB report: one pass 0.6 s (12 ns a character), one search 24 ms (0.45 ns a character): 26
 * forms cost the same. 4,000 resources with 3 email tags each: 87 s searched per form, 3.7 s in one pass.
 */
const ONE_PASS_FROM = 32;

/** Where a form begins in the text, and the longest form that begins there. */
type Starts = Map<number, string>;

/** Every occurrence of every form, each found by a search of the text (overlapping ones too). */
function startsPerForm(text: string, forms: Iterable<string>): Starts {
  const starts: Starts = new Map();
  for (const form of forms) {
    for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
      if ((starts.get(at)?.length ?? 0) < form.length) starts.set(at, form);
    }
  }
  return starts;
}

/**
 * The forms looked up by a hash of their first `window` characters (the shortest form's length, at
 * most `MAX_WINDOW`; `redactor` indexes the shorter forms apart), longest first among those of one hash; `maybe` marks the hashes of some form, a
 * bit each, so most positions of a text are passed over without a lookup. A window of two characters
 * put every form of `user.1@example.com` … `user.3000@example.com` under `us` (each encoded form too,
 * under its own two): every `us` of the text was compared with thousands.
 */
interface FormIndex {
  readonly window: number;
  readonly byHash: ReadonlyMap<number, readonly string[]>;
  readonly maybe: Uint8Array;
  readonly slotShift: number;
}

const MAX_WINDOW = 16;
const HASH_BASE = 0x01000193;

/** A hash's slot in `maybe`: its top bits once mixed (the low bits of a polynomial hash mix the least). */
const slotOf = (hash: number, shift: number): number => Math.imul(hash, 0x9e3779b1) >>> shift;

function formIndex(forms: readonly string[]): FormIndex {
  let window = MAX_WINDOW;
  for (const form of forms) window = Math.min(window, form.length);
  // About 8 slots a form, so a text position hits a slot of no form 7 times in 8 or more.
  const bits = Math.min(22, Math.max(10, Math.ceil(Math.log2(forms.length * 8))));
  const slotShift = 32 - bits;
  const maybe = new Uint8Array(1 << bits);
  const byHash = new Map<number, string[]>();
  for (const form of forms) {
    let hash = 0;
    for (let j = 0; j < window; j++) hash = (Math.imul(hash, HASH_BASE) + form.charCodeAt(j)) | 0;
    maybe[slotOf(hash, slotShift)] = 1;
    const list = byHash.get(hash);
    if (list) list.push(form);
    else byHash.set(hash, [form]);
  }
  for (const list of byHash.values()) list.sort((a, b) => b.length - a.length);
  return { window, byHash, maybe, slotShift };
}

/** The longest form at each position of the text, in one pass: a hash of the window of text that begins there, rolled along. */
function startsInOnePass(text: string, { window, byHash, maybe, slotShift }: FormIndex): Starts {
  const starts: Starts = new Map();
  if (text.length < window) return starts;
  let dropped = 1; // HASH_BASE ** (window - 1): what the character leaving the window weighs
  for (let j = 1; j < window; j++) dropped = Math.imul(dropped, HASH_BASE);
  let hash = 0;
  for (let j = 0; j < window; j++) hash = (Math.imul(hash, HASH_BASE) + text.charCodeAt(j)) | 0;
  for (let i = 0; ; i++) {
    if (maybe[slotOf(hash, slotShift)] === 1) {
      const form = byHash.get(hash)?.find((candidate) => text.startsWith(candidate, i));
      if (form !== undefined) starts.set(i, form);
    }
    if (i + window >= text.length) return starts;
    hash = (Math.imul((hash - Math.imul(text.charCodeAt(i), dropped)) | 0, HASH_BASE) + text.charCodeAt(i + window)) | 0;
  }
}

/**
 * The longest form at each start replaced, left to right (what is replaced is not read again; the
 * header a masked private key keeps is also a line of it). Where another form begins inside a
 * replaced one and runs on past it, the replacement takes it in too: no part of either is shown,
 * however few the secrets.
 */
function replaceSpans(text: string, forms: ReadonlyMap<string, Replacement>, starts: Starts): string {
  if (starts.size === 0) return text;
  const out: string[] = [];
  let copied = 0;
  for (const start of [...starts.keys()].sort((a, b) => a - b)) {
    if (start < copied) continue;
    const form = starts.get(start) as string;
    const replacement = forms.get(form) as Replacement;
    const [from, formEnd] = replacement === ENCODED_RUN ? base64RunAround(text, start, start + form.length, copied) : [start, start + form.length];
    let end = formEnd;
    for (let j = start + 1; j < end; j++) end = Math.max(end, j + (starts.get(j)?.length ?? 0));
    out.push(text.slice(copied, from), typeof replacement === 'string' ? replacement : STARS, end > formEnd ? STARS : '');
    copied = end;
    if (typeof replacement !== 'object') continue;
    for (const [lineStart, lineEnd] of shortLinesAfter(text, end, replacement)) {
      out.push(text.slice(copied, lineStart), STARS);
      copied = lineEnd;
    }
  }
  out.push(text.slice(copied));
  return out.join('');
}

/**
 * Paths into a document whose strings are the tool's own (a rule's title, an enum value, a hash),
 * written `findings.*.ruleId`: `*` is any array index, and a path covers everything below it.
 */
export type FixedPaths = readonly string[];

interface PathNode {
  fixed: boolean;
  readonly below: Map<string, PathNode>;
}

function pathTree(paths: FixedPaths): PathNode {
  const root: PathNode = { fixed: false, below: new Map() };
  for (const path of paths) {
    let node = root;
    for (const segment of path.split('.')) {
      let next = node.below.get(segment);
      if (!next) node.below.set(segment, (next = { fixed: false, below: new Map() }));
      node = next;
    }
    node.fixed = true;
  }
  return root;
}

/**
 * A copy of a JSON-like document with every string value masked (`redact`) but those under `fixed`:
 * keys are never touched, so masking cannot break a document's structure (a password `version`, or
 * `default` in SARIF's `defaultConfiguration`); a field a format adds is masked unless named fixed.
 */
export function redactStrings<T>(document: T, redact: Redact, fixed: FixedPaths): T {
  const walk = (value: unknown, node: PathNode | undefined): unknown => {
    if (node?.fixed) return value;
    if (typeof value === 'string') return redact(value);
    if (Array.isArray(value)) {
      const below = node?.below.get('*');
      return value.map((item) => walk(item, below));
    }
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, node?.below.get(key))]));
    }
    return value;
  };
  return walk(document, pathTree(fixed)) as T;
}
