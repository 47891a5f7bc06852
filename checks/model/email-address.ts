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
 * address (`jane@example.co${var.x}.uk`), it is read as one; so is a systemd unit's name (`certbot@example.com-${var.x}.service`),
 * in which the detector then finds no address, as in `certbot@example.com-prod.service`.
 */
export function inAddress(before: string, after: string): boolean {
  const head = before.slice(-ADDRESS_REACH);
  const tail = after.slice(0, ADDRESS_REACH);
  if (!head.includes('@') && !tail.includes('@')) return false;
  if (/\S*$/.exec(head)?.[0].includes('://') === true) return false;
  // Only the run of an address's characters the value cuts can hold an address across it; the word after the run is
  // kept for `named` (`git@host:org/repo`, `jane@example.com:admin`).
  const left = head.slice(runStart(head));
  const run = ADDRESS_RUN.exec(tail)?.[0].length ?? 0;
  const right = tail.slice(0, run + (/^\S*/.exec(tail.slice(run))?.[0].length ?? 0));
  const text = `${left}${UNKNOWN_IN_ADDRESS}${right}`;
  // An address has a `.` after its `@`.
  const sign = text.indexOf('@');
  if (sign < 0 || !text.includes('.', sign)) return false;
  const at = left.length;
  EMAIL.lastIndex = 0;
  for (let m = EMAIL.exec(text); m !== null; m = EMAIL.exec(text)) {
    if (m.index >= at) return false;
    if (m.index + m[0].length > at) return !losesAddress(left, m.index, namesFileOrHost(text, m) ? -1 : m.index + m[0].indexOf('@'));
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

/** Whether a match `m` of `EMAIL` in `text` names a file or a host (`named`): read across a value, such a name is no address's. */
function namesFileOrHost(text: string, m: RegExpExecArray): boolean {
  const kind = named(text, m);
  return kind === 'file' || kind === 'host';
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
 * File extensions that are no top-level domain (none is in IANA's root zone, tlds-alpha-by-domain 2026051600): `icon@2x.png`
 * is an asset, `terraform@v2.tfvars` a file of variables, not an address.
 */
const FILE_EXTENSIONS = new Set([
  // Images, documents and data.
  'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'ico', 'bmp', 'tif', 'tiff', 'heic', 'avif', 'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'rtf', 'txt',
  'csv', 'tsv', 'json', 'jsonl', 'ndjson', 'yaml', 'yml', 'xml', 'html', 'css', 'parquet', 'avro', 'log', 'sql', 'mp3', 'mp4', 'wav',
  // Code, configuration and templates.
  'ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'rb', 'kt', 'cpp', 'hpp', 'php', 'lua', 'bash', 'zsh', 'hcl', 'tfvars', 'tfstate', 'tftpl', 'tpl', 'tmpl', 'conf', 'cfg', 'ini', 'toml', 'env', 'lock', 'bak', 'tmp',
  // Archives, packages and keys.
  'gz', 'tgz', 'tar', 'bz2', 'xz', 'jar', 'war', 'whl', 'rpm', 'deb', 'exe', 'dll', 'bin', 'img', 'iso', 'pem', 'crt', 'cer', 'gpg', 'asc',
]);

/**
 * File extensions that are top-level domains too: `.zip` (Google's) and the ccTLDs `.tf` (French Southern
 * Territories), `.py` (Paraguay), `.md` (Moldova) and `.sh` (Saint Helena). An address there is one (`jane@gob.py`,
 * `ops@example.md`); there, only a name whose domain is a display scale or a version is taken for a file's (`icon@2x.zip`,
 * `sprite@1.5x.md`, `handler@1.4.0.zip`, `module@v2.tf`, `deploy@2.1.sh`), which no address's domain is. A bare number
 * is a domain's label (`jane@163.sh`, `jane.doe@10.md`): an address.
 */
const EXTENSION_DOMAINS = new Set(['zip', 'tf', 'py', 'md', 'sh']);
const SCALE_OR_VERSION = /^(?:\d+(?:\.\d+)?x|v\d+(?:\.\d+)*|\d+(?:\.\d+)+)$/i;

/** Whether an address-shaped match at `topLevel` (lower case) names a file, not an address. */
function namesFile(match: string, topLevel: string): boolean {
  if (FILE_EXTENSIONS.has(topLevel)) return true;
  if (!EXTENSION_DOMAINS.has(topLevel)) return false;
  return SCALE_OR_VERSION.test(match.slice(match.lastIndexOf('@') + 1, -topLevel.length - 1));
}

/**
 * systemd's unit types (systemd.unit(5)): `getty@tty1.service`, `user@1000.slice` and `systemd-fsck@dev-sda1.service`
 * are instances of template units, `template@instance.type`, not addresses. None is in IANA's root zone but `target`
 * (Target's; `services`, with an s, is too, and counts).
 */
const SYSTEMD_UNIT_TYPES = new Set(['service', 'socket', 'device', 'mount', 'automount', 'swap', 'target', 'path', 'timer', 'slice', 'scope']);

/**
 * A unit's name, as systemd takes one (src/basic/unit-name.c, `VALID_CHARS_WITH_AT`): ASCII letters, digits, `:`, `-`,
 * `_`, `.` and `\`, and one `@` after a prefix; `UNKNOWN_IN_ADDRESS` stands for a value in it. `jane+ops@example.com.service`
 * and `jürgen@example.de.service` are none.
 */
const UNIT_NAME = /^[A-Za-z0-9:_.\\\u2179-]+@[A-Za-z0-9:_.\\\u2179-]+$/;

/**
 * Where only a unit's name is written, before it on its line: a unit file's setting that lists units (`Wants=`, `After=`,
 * `WantedBy=`, a timer's `Unit=`…, systemd.unit(5), systemd.timer(5)), or `systemctl` and its verb; other units' names
 * may come between (`After=network-online.target foo@bar.target`).
 */
const UNIT_PLACE =
  /(?:^|[\s;"'`])(?:(?:Wants|WantedBy|Requires|RequiredBy|Requisite|BindsTo|PartOf|Upholds|Conflicts|Before|After|OnFailure|OnSuccess|Also|Unit|Triggers|PropagatesReloadTo|ReloadPropagatedFrom|PropagatesStopTo|StopPropagatedFrom|JoinsNamespaceOf)=|systemctl(?:\s+-\S*)*\s+[a-z-]+\s+)(?:\S+\s+)*$/;

/** How far before a name its line is read for `UNIT_PLACE` and `LOGIN_TARGET`. */
const LINE_REACH = 256;

/**
 * Whether a match of `EMAIL` at a unit type names a unit: it has a unit's name; at `.target`, a top-level domain, only where
 * the text puts a unit's name (`UNIT_PLACE`: `WantedBy=foo@bar.target`, `systemctl start foo@bar.target`), as an
 * address there has the same shape (`ops@corp.target`).
 */
function namesUnit(text: string, m: RegExpExecArray, topLevel: string): boolean {
  if (!SYSTEMD_UNIT_TYPES.has(topLevel) || !UNIT_NAME.test(m[0])) return false;
  return topLevel !== 'target' || UNIT_PLACE.test(lineBefore(text, m.index));
}

/** The text of `text`'s line before `at`, at most `LINE_REACH` characters of it. */
function lineBefore(text: string, at: number): string {
  const before = text.slice(Math.max(0, at - LINE_REACH), at);
  return before.slice(before.lastIndexOf('\n') + 1);
}

/**
 * A command that logs in to a host, and its options, each maybe with its one argument, just before its `user@host`
 * (`ssh -i key.pem ec2-user@bastion.example.com`, `sftp -P 2222 deploy@files.example.com`, `ssh -J jump@…`): a login,
 * not an address, only as a command line: the command starts the line (after a prompt's `$ `, maybe quoted) or follows
 * a shell separator (`;`, `&`, `|`, `$(`, a backquote), and its options are ssh's (and sftp's: `-P`, `-r`), those of
 * ssh(1) that take an argument with one. Words before the command or between it and the name keep it an address
 * (`ssh access: ask jane@example.com`, `Owner: (ssh jane.doe@example.com)`, `use ssh -o User=x jane.doe@gmail.com`).
 */
const LOGIN_TARGET =
  /(?:^[ \t]*(?:\$[ \t]+)?["'`]?|[;&|`][ \t]*|\$\([ \t]*)(?:ssh|sftp|mosh|autossh)(?:[ \t]+-[46AaCfGgKkMNnqrsTtVvXxYy]*(?:[BbcDEeFIiJLlmOoPpQRSWw](?:[ \t]*(?!-)[^\s;&|]+)?)?)*[ \t]+$/;

/**
 * A login's host, as `LOGIN_TARGET` takes one: a host name under a domain (`bastion.example.com`,
 * `app.eu.example.co.uk`), not a domain alone (`example.com`, `gmail.com`, `example.co.uk`), where mail goes, nor a
 * mail server's name (`mail.example.com`): `ssh jane.doe@example.com` is read as an address, as a missed one is worse
 * than a login reported.
 */
function namesLoginHost(domain: string): boolean {
  const labels = domain.toLowerCase().split('.');
  // A second-level suffix under a country (`co.uk`, `com.au`) is part of the domain.
  const suffix = labels.length >= 3 && /^(?:co|com|net|org|ac|gov|edu|ne|or|go)$/.test(labels[labels.length - 2]) && labels[labels.length - 1].length === 2 ? 2 : 1;
  return labels.length - suffix >= 2 && !/^(?:e?mail|smtp|mx\d*|imap|pop3?|mailbox|inbox|lists?)$/.test(labels[0]);
}

/**
 * Domains of hosts AWS names, where no one has a mailbox: EC2's public and private DNS names
 * (`ec2-54-1-2-3.compute-1.amazonaws.com`, `ip-10-0-0-1.ec2.internal`, `ip-10-0-0-1.eu-west-1.compute.internal`) and
 * every other endpoint under `amazonaws.com`: `ubuntu@ec2-54-1-2-3.compute-1.amazonaws.com` is a login.
 */
const AWS_HOST = /(?:^|\.)(?:amazonaws\.com(?:\.cn)?|ec2\.internal|compute\.internal)$/i;

/**
 * What follows a host and its `:` in scp's and git's `user@host:path`: a path (`org/repo.git`, `/tmp`, `~/x`, `repo.git`)
 * or a port (`:22`), up to a space or a delimiter. A word is none: `jane@example.com:admin` gives an address a role.
 */
const PATH_AFTER_HOST = /^(?:[/~\d]|[^\s,;"'`()<>]*(?:\/|\.git(?![^\s,;"'`()<>])))/;

/** `EMAIL` at the start of a text. */
const EMAIL_AT_START = new RegExp(EMAIL.source, 'uy');

/**
 * What a match of `EMAIL` names: an address, a file (`icon@2x.png`), a systemd unit (`getty@tty1.service`) or a host to
 * log in to: before a path or a port (`git@github.com:org/repo.git`, `PATH_AFTER_HOST`), after `ssh` (`LOGIN_TARGET`) or one AWS names (`AWS_HOST`).
 */
export type Named = 'address' | 'file' | 'unit' | 'host';

/** What a match `m` of `EMAIL` in `text` names (`Named`). */
export function named(text: string, m: RegExpExecArray): Named {
  const topLevel = m[1].toLowerCase();
  if (namesFile(m[0], topLevel)) return 'file';
  if (namesUnit(text, m, topLevel)) return 'unit';
  // Not a unit's name, at a unit type no address has: a file's, of the unit's type (`jane+ops@example.com.service`).
  if (SYSTEMD_UNIT_TYPES.has(topLevel) && topLevel !== 'target') return 'file';
  if (text[m.index + m[0].length] === ':' && PATH_AFTER_HOST.test(text.slice(m.index + m[0].length + 1, m.index + m[0].length + 1 + LINE_REACH))) return 'host';
  const domain = m[0].slice(m[0].indexOf('@') + 1);
  return AWS_HOST.test(domain) || (LOGIN_TARGET.test(lineBefore(text, m.index)) && namesLoginHost(domain)) ? 'host' : 'address';
}

/**
 * The email address a match `m` of `EMAIL` in `text` shows, from the match's start: the match, where it is an address;
 * where it names a file, the address its name starts with (`exports/jane.doe@example.com-2024.csv`,
 * `jane.doe@example.com.json`: a person's address in a file's name), if any (`icon@2x.png`, `module@v2.tf`: none);
 * none in a unit's name or a host's.
 */
export function addressAt(text: string, m: RegExpExecArray): string | undefined {
  // A loop, not a recursion, and a bounded one: each read costs the name's length, so a name with thousands of extensions
  // (`a@b.png.png…`) is read for its last `MAX_EXTENSIONS` only; no file's name has that many, and none is taken for an address.
  let at: RegExpExecArray | null = m;
  for (let within = text, reads = 0; at !== null && reads <= MAX_EXTENSIONS; reads++) {
    const kind = named(within, at);
    if (kind === 'address') return at[0];
    if (kind !== 'file') return undefined;
    // Only the part before the extension is read: what it shows is judged as the match would be (`a@b.png.csv` is a file's).
    within = at[0].slice(0, -at[1].length - 1);
    EMAIL_AT_START.lastIndex = 0;
    at = EMAIL_AT_START.exec(within);
  }
  return undefined;
}

/** How many of a file name's extensions `addressAt` reads for an address before them (`a@b.com.tar.gz`: 2). */
const MAX_EXTENSIONS = 16;

/** `@` percent-encoded (RFC 3986 section 2.1), as a URL's query or path carries it. */
export const ENCODED_AT = '%40';

/** `EMAIL` with its `@` percent-encoded: `jane.doe%40example.com`. A domain holds no `%`: its `%40` is the last. */
export const ENCODED_EMAIL = new RegExp(EMAIL.source.replace('@', ENCODED_AT), 'gu');

/**
 * The address a match of `ENCODED_EMAIL` shows decoded, judged as `addressAt` judges one written with its `@` (a file's
 * name, a unit's, a host's show none); undefined where it shows none.
 */
export function encodedAddressAt(encoded: string): string | undefined {
  const at = encoded.lastIndexOf(ENCODED_AT);
  const decoded = `${encoded.slice(0, at)}@${encoded.slice(at + ENCODED_AT.length)}`;
  EMAIL_AT_START.lastIndex = 0;
  const alone = EMAIL_AT_START.exec(decoded);
  return alone === null ? undefined : addressAt(decoded, alone);
}
