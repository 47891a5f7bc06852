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
 * shape), nor in a URL's authority (`postgres://u:pw${var.p}@host`: a password cut by a value is not one written whole).
 */
export function inAddress(before: string, after: string): boolean {
  const head = before.slice(-ADDRESS_REACH);
  const tail = after.slice(0, ADDRESS_REACH);
  if (!head.includes('@') && !tail.includes('@')) return false;
  const word = /\S*$/.exec(head)?.[0] ?? '';
  if (word.includes('://')) return false;
  const text = `${head}${UNKNOWN_IN_ADDRESS}${tail}`;
  const at = head.length;
  EMAIL.lastIndex = 0;
  for (let m = EMAIL.exec(text); m !== null; m = EMAIL.exec(text)) {
    if (m.index >= at) return false;
    if (m.index + m[0].length > at) return true;
  }
  return false;
}
