/**
 * An email address's shape, shared by the detector (rules/support/detect.ts) and by the literal text of a
 * template (evaluate.ts `templateTexts`), which puts `UNKNOWN_IN_ADDRESS` where a value not known at plan
 * time sits inside an address, so the detector sees the address the text around it shows.
 */

/**
 * An address as RFC 6531 and IDNA allow one: letters, marks and digits of any script in the local
 * part and the domain (`jürgen.müller@example.de`, `zoë@müller.de`), a top-level domain of letters
 * or in punycode (`xn--p1ai`). A match never starts inside a word: a letter before it, of any
 * script, is part of the address (an ASCII-only pattern found `ller@example.de` in
 * `jürgen.müller@example.de`, and the masked form showed the rest). Group 1 is the top-level domain.
 */
export const EMAIL = /(?<![\p{L}\p{M}\p{N}._%+-])[\p{L}\p{N}][\p{L}\p{M}\p{N}._%+-]{0,63}@(?:[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?\.)+(xn--[a-z0-9-]{1,59}|\p{L}[\p{L}\p{M}]{1,23})(?![\p{L}\p{M}\p{N}])/gu;

/**
 * What stands for a value not known at plan time inside an email address in a template's literal text
 * (`"jane.${var.last}@example.com"` reads `jane.ⅹ@example.com`; `"jane@${var.sub}.example.com"`,
 * `jane@ⅹ.example.com`). U+2179 SMALL ROMAN NUMERAL TEN: a number, so `EMAIL` takes it for a character of
 * a local part or a domain label, never for a top-level domain (a letter's). `maskEmail` never shows it.
 */
export const UNKNOWN_IN_ADDRESS = '\u2179';

/** How far around a value the text is read for an address: a local part (64), its `@` and a domain (253). */
export const ADDRESS_REACH = 330;

/**
 * Whether a value not known that comes between `before` and `after` (the literal text around it, later values in
 * `after` as `UNKNOWN_IN_ADDRESS`) sits inside an email address whose local part the literal text starts: in its
 * local part after a character of it (`jane.${…}@example.com`), or in a label of its domain (`jane@${…}.example.com`).
 * Not where the value starts the local part (`contact ${var.team}@example.com`: no literal text shows whose address it
 * is), nor where the address ends in the value (`jane@${var.domain}`: `ec2-user@${aws_instance.web.public_ip}` has the
 * shape), nor in a URL's authority (`postgres://u:pw${var.p}@host`: a password cut by a value is not one written whole),
 * nor where the address the text before it holds would be lost in the one read across the value: one that then names a
 * file (`jane.doe@example.com-${var.x}.csv`, `jane.doe@example.com${var.x}.pdf`: `jane.doe@example.com-ⅹ.csv` is no
 * address) or takes in another (`a@b.com${var.x}c@d.com`); the text read a line per piece, as where the value is outside
 * any address, finds it (`jane.doe@example.com`). Where the address the text before holds goes on past the value, one
 * address (`jane@example.co${var.x}.uk`), it is read as one.
 */
export function inAddress(before: string, after: string): boolean {
  const head = before.slice(-ADDRESS_REACH);
  const tail = after.slice(0, ADDRESS_REACH);
  if (!head.includes('@') && !tail.includes('@')) return false;
  if (/\S*$/.exec(head)?.[0].includes('://') === true) return false;
  // Only the run of an address's characters the value cuts can hold an address across it; a character after the run
  // is kept for `namesNoAddress` (`git@host:org/repo`).
  const left = head.slice(runStart(head));
  const right = tail.slice(0, (ADDRESS_RUN.exec(tail)?.[0].length ?? 0) + 2);
  const text = `${left}${UNKNOWN_IN_ADDRESS}${right}`;
  // An address has a `.` after its `@`.
  const sign = text.indexOf('@');
  if (sign < 0 || !text.includes('.', sign)) return false;
  const at = left.length;
  EMAIL.lastIndex = 0;
  for (let m = EMAIL.exec(text); m !== null; m = EMAIL.exec(text)) {
    if (m.index >= at) return false;
    if (m.index + m[0].length > at) return !losesAddress(left, m.index, namesNoAddress(text, m) ? -1 : m.index + m[0].indexOf('@'));
  }
  return false;
}

/** A run of the characters an address is written in (`EMAIL`'s), from the start of a text. */
const ADDRESS_RUN = /^[\p{L}\p{M}\p{N}._%+@-]*/u;
/** A character no address holds. */
const NOT_IN_ADDRESS = /[^\p{L}\p{M}\p{N}._%+@-]/gu;

/** Where the run of an address's characters that ends `text` starts: after the last character no address holds. */
function runStart(text: string): number {
  let start = 0;
  NOT_IN_ADDRESS.lastIndex = 0;
  for (let m = NOT_IN_ADDRESS.exec(text); m !== null; m = NOT_IN_ADDRESS.exec(text)) start = m.index + m[0].length;
  return start;
}

/**
 * Whether `head`, read alone before a line (as `templateTexts` reads a value outside an address), holds an address
 * ending after `from` whose `@` is not at `at`: one the match read across the value from `from` (with its `@` at `at`;
 * -1 where it is no address) does not keep.
 */
function losesAddress(head: string, from: number, at: number): boolean {
  const text = `${head}\n`;
  EMAIL.lastIndex = 0;
  for (let m = EMAIL.exec(text); m !== null; m = EMAIL.exec(text)) if (m.index + m[0].length > from && m.index + m[0].indexOf('@') !== at) return true;
  return false;
}

/**
 * File extensions that are no top-level domain (none is in IANA's root zone,
 * tlds-alpha-by-domain 2026051600): `icon@2x.png` is an asset, not an address.
 */
const FILE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'ico', 'json', 'yaml', 'yml', 'txt', 'gz', 'ts', 'js', 'html', 'css', 'xml', 'csv', 'pdf']);

/**
 * File extensions that are top-level domains too: `.zip` (Google's) and the ccTLDs `.tf` (French Southern
 * Territories), `.py` (Paraguay) and `.md` (Moldova). An address there is one (`jane@gob.py`, `ops@example.md`);
 * there, only a name whose domain is a display scale or a version is taken for a file's (`icon@2x.zip`,
 * `sprite@1.5x.md`, `handler@1.4.0.zip`, `module@v2.1.tf`), which no address's domain is.
 */
const EXTENSION_DOMAINS = new Set(['zip', 'tf', 'py', 'md']);
const SCALE_OR_VERSION = /^(?:\d+(?:\.\d+)?x|v?\d+(?:\.\d+)+)$/i;

/** Whether an address-shaped match at `topLevel` (lower case) names a file, not an address. */
function namesFile(match: string, topLevel: string): boolean {
  if (FILE_EXTENSIONS.has(topLevel)) return true;
  if (!EXTENSION_DOMAINS.has(topLevel)) return false;
  return SCALE_OR_VERSION.test(match.slice(match.lastIndexOf('@') + 1, -topLevel.length - 1));
}

/**
 * Top-level "domains" that are systemd unit types: `getty@tty1.service`, `user@1000.slice` and
 * `systemd-fsck@dev-sda1.service` are instances of template units, not addresses. None is in IANA's root zone
 * (`services`, with an s, is, and counts); `target` is (Target's), so `…@….target` still counts.
 */
const SYSTEMD_UNIT_TYPES = new Set(['service', 'socket', 'device', 'mount', 'automount', 'swap', 'path', 'timer', 'slice', 'scope']);

/**
 * Whether a match of `EMAIL` in `text` is no address: a file's name (`icon@2x.png`), a systemd unit's (`getty@tty1.service`)
 * or a host's before a path (`git@github.com:org/repo.git`).
 */
export function namesNoAddress(text: string, m: RegExpExecArray): boolean {
  const topLevel = m[1].toLowerCase();
  if (namesFile(m[0], topLevel) || SYSTEMD_UNIT_TYPES.has(topLevel)) return true;
  const end = m.index + m[0].length;
  return text[end] === ':' && end + 1 < text.length && !/\s/.test(text[end + 1]);
}
