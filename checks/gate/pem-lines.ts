/**
 * A private key terraform prints a line at a time: a heredoc of a value (`content = <<-EOT`), a
 * provisioner's output during apply (`aws_instance.web (remote-exec): MIIE…`). Searched a line at a time,
 * its BEGIN line is found (and masked) and its body is not: base64 alone says nothing of what it encodes.
 * `PemBodyLines` remembers that a key began and masks its body on the lines after, to its END line.
 */

/**
 * A private key's BEGIN armor, as `detect` finds one (`-----BEGIN RSA PRIVATE KEY-----`, `… PGP PRIVATE KEY BLOCK-----`,
 * RFC 4716's `---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----`), or a PuTTY key file's `Private-Lines: 14`: its key's lines follow.
 */
const PRIVATE_KEY_BEGIN = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|---- BEGIN SSH2 (?:ENCRYPTED )?PRIVATE KEY ----|\bPrivate-Lines: \d+/;
/** A key's END armor (PEM's, SSH2's); a PuTTY key's lines end at its `Private-MAC:` line, which is no body line. */
const KEY_END = /-----END |---- END SSH2 /;

/**
 * A terminal's colour code (SGR), which terraform writes unless run with -no-color: around a diff's marker
 * (`\x1b[31m-\x1b[0m`), and in bold around its own lines and a provisioner's prefix (hook_ui.go:
 * `\x1b[0m\x1b[1maws_instance.web (remote-exec):\x1b[0m `, `\x1b[0m\x1b[1maws_instance.web: Creation complete after 1s\x1b[0m`).
 * A line is read without them (`uncoloured`), so that coloured output is masked as -no-color output is.
 */
const COLOUR_CODE = /\x1b\[[0-9;]*m/g;

/** What may close the BEGIN line after its armor: quotes and separators, no key material (a one-line key is `detect`'s). */
const ARMOR_CLOSE = /^["'`,;\s]*$/;

/** A time a log writes at the start of each line (`2024-05-01T10:00:00Z`, `[10:00:00]`). */
const TIME = '\\[?(?:\\d{4}-\\d\\d-\\d\\d[T ])?\\d\\d:\\d\\d:\\d\\d(?:[.,]\\d+)?(?:Z|[+-]\\d\\d:?\\d\\d)?\\]?';

/**
 * What may stand between a line's prefix and the key's text: a time a log writes on each line
 * (`2024-05-01T10:00:00Z`, `10:00:00`), and the marker of terraform's diff of a changed heredoc (`- `, `+ `, `~ `),
 * coloured or not (read without its colours); the marker says which side of the diff the line is (the old value's or the new one's).
 */
const LEADER = new RegExp(`^(?:${TIME}\\s+)?(?:([-+~]) +)?`);
/** The same at the end of what a BEGIN line holds before its armor: not part of the prefix the key's lines repeat. */
const LEADER_BEFORE_ARMOR = new RegExp(`(?:^|\\s)(?:${TIME})?\\s*[-+~]?$`);

/**
 * A body line after its prefix: base64 (or what the gate's redactor already put there, `***`), then maybe a closing quote
 * or separator (`echo 'MIIE…'`).
 */
const BODY = /^([A-Za-z0-9+/=]+|\*\*\*)["'`,;]*$/;

/**
 * The headers of an encrypted PEM key (RFC 1421: `Proc-Type: 4,ENCRYPTED`, `DEK-Info: AES-128-CBC,…`), of OpenPGP's
 * armor (RFC 4880 section 6.2: `Version`, `Comment`, `Hash`, `Charset`, `MessageID`), of SSH2's (RFC 4716 section 3.3:
 * `Subject`, `Comment`, `x-…`), and the blank line after them.
 */
const PEM_HEADER = /^(?:Proc-Type|DEK-Info|Comment|Version|Hash|Charset|MessageID|Subject|x-[\w-]+): |^$/;

/** terraform's line of a resource (`aws_instance.web[0]: Creation complete after 1m2s`), its address in group 1, not its timer (`Still creating...`). */
const RESOURCE_LINE = /^([^\s(:]+(?:\[[^\]]*\][^\s(:]*)*): (?!Still )/;

const STARS = '***';

/**
 * What may follow a body line padded with `=` (the end of the key's base64): OpenPGP's checksum line (RFC 4880 section 6:
 * `=` and 24 bits in base64), or a line the redactor masked.
 */
const AFTER_PADDING = /^(?:=[A-Za-z0-9+/]{4}|\*\*\*)$/;

/**
 * One side of a key (the old value's or the new one's in a diff, `-` or `+`; `''` for both or no diff). Its body goes on to
 * its END line, or to a line that cannot be base64: whatever the length of its lines. A line shorter than the first was
 * taken for the last, and the lines after it were shown: a key wrapped at 76 whose later lines are 64, a heredoc's lines
 * of varying length, two short lines before END. Only `=` padding ends the base64 for certain: after it, a line that is no
 * checksum is none of the key's (`done` after a key cut short).
 */
interface Side {
  /** A body line held `=`: the base64 ended. */
  padded?: boolean;
  /** Its END line came (the old key's in a diff, the new one's lines to follow). */
  ended?: boolean;
}

/** The lines of terraform's output in order, each with the body of a private key begun on an earlier line masked. */
export class PemBodyLines {
  /**
   * The keys open, by what their BEGIN line held before the armor (an indentation, `aws_instance.web[0] (remote-exec): `),
   * trimmed: parallel instances' provisioners write their lines between each other's.
   */
  readonly #open = new Map<string, Map<string, Side>>();

  /**
   * `line` (without its line break) as it may be printed: the body of a key begun before starred, its prefix and its
   * colours kept. Read without its colour codes: coloured output is masked as -no-color output is.
   */
  mask(line: string): string {
    const { text, at: inLine } = uncoloured(line);
    const lead = text.length - text.trimStart().length;
    const afterLead = text.slice(lead);
    if (this.#open.size > 0) this.#endProvisionersOf(afterLead);
    const prefix = this.#prefixOf(afterLead);
    if (prefix !== undefined) {
      const sides = this.#open.get(prefix) as Map<string, Side>;
      const inner = afterLead.slice(prefix.length);
      const innerAt = lead + prefix.length + (inner.length - inner.trimStart().length);
      const leader = LEADER.exec(text.slice(innerAt)) as RegExpExecArray;
      const marker = leader[1] === '+' || leader[1] === '-' ? leader[1] : '';
      const at = innerAt + leader[0].length;
      const rest = text.slice(at).trimEnd();
      if (KEY_END.test(rest)) {
        // The old key's END line in a diff: the new one's body may follow.
        if (marker === '') this.#open.delete(prefix);
        else sides.set(marker, { ended: true });
        return line;
      }
      const side = sides.get(marker) ?? {};
      const body = side.ended ? null : BODY.exec(rest);
      if (body !== null && (!side.padded || AFTER_PADDING.test(body[1]))) {
        side.padded ||= body[1].includes('=');
        sides.set(marker, side);
        // Its base64 starred in the line as it came: what stands before and after it (colours, a quote) kept.
        return `${line.slice(0, inLine(at))}${STARS}${line.slice(inLine(at + body[1].length - 1) + 1)}`;
      }
      if (!side.ended && PEM_HEADER.test(rest)) return line;
      // Not a line of the key: it ended without its END line (cut short, or printed whole before).
      this.#open.delete(prefix);
    }
    const begin = PRIVATE_KEY_BEGIN.exec(text);
    if (begin !== null && ARMOR_CLOSE.test(text.slice(begin.index + begin[0].length))) {
      // Without the time and the diff's marker before the armor, which each line writes anew.
      const keyPrefix = text.slice(0, begin.index).trim().replace(LEADER_BEFORE_ARMOR, '').trim();
      const sides = this.#open.get(keyPrefix) ?? new Map<string, Side>();
      sides.clear();
      this.#open.set(keyPrefix, sides);
    }
    return line;
  }

  /**
   * Where `text` is terraform's own line of a resource other than its timer (`aws_instance.web: Provisioning with
   * 'remote-exec'...`, `aws_instance.web: Creation complete after 1m2s`), its provisioners' output so far is over: a key
   * they printed and cut short (no END line, no padding) ends there, and their later words (`done`) are shown.
   */
  #endProvisionersOf(text: string): void {
    const address = RESOURCE_LINE.exec(text)?.[1];
    if (address === undefined) return;
    for (const prefix of this.#open.keys()) if (prefix.startsWith(`${address} (`)) this.#open.delete(prefix);
  }

  /** The prefix of the open key `text` (a line without its indentation) belongs to: the longest one it begins with; `''` where a key without one is open. */
  #prefixOf(text: string): string | undefined {
    let best: string | undefined;
    for (const prefix of this.#open.keys()) if (prefix !== '' && text.startsWith(prefix) && (best === undefined || prefix.length > best.length)) best = prefix;
    return best ?? (this.#open.has('') ? '' : undefined);
  }
}

/** `line` without its colour codes (`COLOUR_CODE`), and where a character of that text is in `line`. */
function uncoloured(line: string): { readonly text: string; readonly at: (index: number) => number } {
  if (!line.includes('\x1b')) return { text: line, at: (index) => index };
  // Each run of codes taken out: where the text after it starts, and how many characters were taken out up to there.
  const removed: [from: number, shift: number][] = [];
  const text = line.replace(COLOUR_CODE, (code: string, offset: number) => {
    const shift = (removed.at(-1)?.[1] ?? 0) + code.length;
    removed.push([offset + code.length - shift, shift]);
    return '';
  });
  return {
    text,
    at: (index) => {
      let shift = 0;
      for (const [from, total] of removed) {
        if (from > index) break;
        shift = total;
      }
      return index + shift;
    },
  };
}
