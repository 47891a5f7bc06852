/**
 * A private key terraform prints a line at a time: a heredoc of a value (`content = <<-EOT`), a
 * provisioner's output during apply (`aws_instance.web (remote-exec): MIIE…`). Searched a line at a time,
 * its BEGIN line is found (and masked) and its body is not: base64 alone says nothing of what it encodes.
 * `PemBodyLines` remembers that a key began and masks its body on the lines after, to its END line.
 */

/** A private key's BEGIN armor, as `detect` finds one (`-----BEGIN RSA PRIVATE KEY-----`, `… PGP PRIVATE KEY BLOCK-----`). */
const PRIVATE_KEY_BEGIN = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;

/** What may close the BEGIN line after its armor: quotes and separators, no key material (a one-line key is `detect`'s). */
const ARMOR_CLOSE = /^["'`,;\s]*$/;

/**
 * A body line after its prefix: base64 (or what the gate's redactor already put there, `***`), then maybe a closing quote
 * or separator (`echo 'MIIE…'`).
 */
const BODY = /^([A-Za-z0-9+/=]+|\*\*\*)(["'`,;]*)$/;

/** RFC 1421's headers of an encrypted PEM key (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: AES-128-CBC,…`), and the blank line after them. */
const PEM_HEADER = /^(?:Proc-Type|DEK-Info|Comment): |^$/;

const STARS = '***';

/** The lines of terraform's output in order, each with the body of a private key begun on an earlier line masked. */
export class PemBodyLines {
  /** Inside a key: what its BEGIN line held before the armor (an indentation, `aws_instance.web (remote-exec): `), trimmed. */
  #prefix: string | undefined;
  /** The length of the key's first body line: a shorter one is its last (PEM writes lines of one width), then its END line. */
  #width: number | undefined;
  #ended = false;

  /** `line` (without its line break) as it may be printed: the body of a key begun before starred, its prefix kept. */
  mask(line: string): string {
    if (this.#prefix !== undefined) {
      if (line.includes('-----END ')) {
        this.#prefix = undefined;
        return line;
      }
      const lead = line.length - line.trimStart().length;
      const afterLead = line.slice(lead);
      const prefixLength = this.#prefix !== '' && afterLead.startsWith(this.#prefix) ? this.#prefix.length : 0;
      const inner = afterLead.slice(prefixLength);
      const at = lead + prefixLength + (inner.length - inner.trimStart().length);
      const rest = line.slice(at).trimEnd();
      const body = this.#ended ? null : BODY.exec(rest);
      if (body !== null) {
        // A line the redactor masked (`***`) says nothing of the width.
        if (body[1] !== STARS) {
          this.#width ??= body[1].length;
          this.#ended = body[1].length < this.#width;
        }
        return `${line.slice(0, at)}${STARS}${body[2]}`;
      }
      if (!this.#ended && PEM_HEADER.test(rest)) return line;
      // Not a line of the key: it ended without its END line (cut short, or printed whole before).
      this.#prefix = undefined;
    }
    const begin = PRIVATE_KEY_BEGIN.exec(line);
    if (begin !== null && ARMOR_CLOSE.test(line.slice(begin.index + begin[0].length))) {
      this.#prefix = line.slice(0, begin.index).trim();
      this.#width = undefined;
      this.#ended = false;
    }
    return line;
  }
}
