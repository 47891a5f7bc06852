/**
 * Detectors for personal data and secrets in strings: email addresses, phone numbers, AWS access
 * keys, private keys, well-known token shapes, long random tokens, credentials in URLs and after
 * their name in text (`Password=…;`), and the patterns the configuration adds; also in the text a
 * run of base64 encodes (`inBase64`). Each detection
 * carries the raw text (for `redact`) and a masked form (for messages); nothing here ever returns a
 * raw value for display.
 *
 * The detectors favour precision: a gate that cries wolf on version strings, ARNs, account ids,
 * IP addresses, UUIDs or timestamps gets switched off. Personal data and random-token heuristics
 * run only on tags and free-form fields (`scope: 'all'`); any other attribute is searched only for
 * shapes that are credentials beyond doubt (`scope: 'credentials'`).
 */
import { addressAt, EMAIL, ENCODED_AT, ENCODED_EMAIL, encodedAddressAt } from '../../model/email-address';
import { maskEmail, maskPhone, maskPrivateKey, maskSecret, maskUrlCredentials, MIN_BASE64_TEXT_LENGTH, redactAll, STARS, starredUserinfo } from '../../mask';
import { boundedMemo } from '../../model/memo';
import { entryOf } from '../../model/entry-of';
import { base64Text, base64Utf8, GZIP_BASE64_MAGIC, gzipBase64Text, isGzipBase64, looseBase64Text, MAX_GUNZIPPED_BYTES, TOO_LARGE } from '../../model/evaluate';
import { isCodeConstant, unknownMapsAt } from '../../model/expressions';
import { parseBlockAddress, parseModuleAddress } from '../../model/graph/addresses';
import { ownTagsAt } from '../../model/graph/tags';
import type { ConfigNode, Graph, ReplacedStrings, Resource, WrittenEntry } from '../../model/types';
import type { PathSeg, StringLeaf, ValueView } from '../../model/value';
import { isRecord, ownAt } from '../../model/records';
import type { SensitivePattern } from '../../settings';
import { fail, type Outcome } from '../types';

export type DetectionKind =
  | 'email'
  | 'phone'
  | 'aws-access-key-id'
  | 'aws-secret-access-key'
  | 'private-key'
  | 'token'
  | 'url-credentials'
  | 'named-credential'
  | 'custom';

export interface Detection {
  readonly kind: DetectionKind;
  /** What was found, for a message: "an email address". */
  readonly what: string;
  /** The matched text. Never for display: it goes to `redact`. */
  readonly raw: string;
  /** Every raw value to redact: the match and, for a URL, the password and query secrets in it. */
  readonly secrets: readonly string[];
  readonly masked: string;
  readonly start: number;
  readonly end: number;
}

/** `all`: personal data, secrets and configured patterns (tags, free-form fields); `credentials`: credential shapes only. */
export type Scope = 'all' | 'credentials';

export interface DetectOptions {
  readonly scope: Scope;
  /** The attribute name or tag key the text sits under; a name with `secret` in it makes a bare AWS secret key shape count. */
  readonly label?: string;
  /** An AWS access key id appears in the same resource: a bare AWS secret key shape counts. */
  readonly nearKeyId?: boolean;
  /** `settings.sensitivePatterns`. */
  readonly patterns?: readonly SensitivePattern[];
  /**
   * `false`: of `scope: 'all'`, leave out the long random strings that look like a secret. A value
   * that is data rather than a name (an output's: an SSH public key) has the shape of one
   * with no credential in it.
   */
  readonly randomTokens?: false;
}

type Found = Omit<Detection, 'start' | 'end' | 'secrets'> & { readonly start: number; readonly secrets?: readonly string[] };
type Detector = (text: string, options: DetectOptions) => Found[];

/** Every non-empty match of a global `regex` in `text`, collected at once (the regex is shared). */
function matches(text: string, regex: RegExp): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    if (m[0].length === 0) regex.lastIndex++;
    else out.push(m);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Private keys

/**
 * A private key: PEM's armor (`-----BEGIN RSA PRIVATE KEY-----`, OpenPGP's `… PRIVATE KEY BLOCK-----`), RFC 4716's of the
 * SSH2 format (`---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----`, encrypted or not under that name), to its END line or the
 * end of the text; and a PuTTY key file (`PuTTY-User-Key-File-3: ssh-rsa`), to its `Private-MAC:` (`Private-Hash:` of
 * version 1) line, its `Private-Lines:` the key.
 */
const PRIVATE_KEY =
  /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)|---- BEGIN SSH2 (?:ENCRYPTED )?PRIVATE KEY ----[\s\S]*?(?:---- END SSH2 (?:ENCRYPTED )?PRIVATE KEY ----|$)|PuTTY-User-Key-File-\d+:[\s\S]*?(?:Private-(?:MAC|Hash):[ \t]*[0-9a-fA-F]*|$)/g;
/** What every `PRIVATE_KEY` holds. */
const PRIVATE_KEY_HINTS = ['PRIVATE KEY', 'PuTTY-User-Key-File-'] as const;

const privateKeys: Detector = (text) =>
  PRIVATE_KEY_HINTS.some((hint) => text.includes(hint)) ? matches(text, PRIVATE_KEY).map((m) => ({ kind: 'private-key', what: 'a private key', raw: m[0], masked: maskPrivateKey(m[0]), start: m.index })) : [];

// ---------------------------------------------------------------------------------------------
// Credentials in URLs

/**
 * Where a URL starts: a scheme, then `://`. Not tried after a letter, where a match would have
 * started a letter earlier: each letter of a long run started a scan to its end.
 */
const URL_START = /(?<![a-zA-Z])[a-zA-Z][a-zA-Z0-9+.-]*:\/\//g;
/**
 * A URL after its user information: host, path, query, to a space or a character a URL holds only encoded; across an
 * interpolation (`${…}`, `%{…}`, to its `}` on the same line, within 256 characters), which a shell, a template or
 * Terraform fills in: `?token=${DEPLOY_TOKEN}&sig=…` is one URL, its token no literal.
 */
const URL_REST = /(?:[$%]\{[^{}\n]{0,256}\}|[^\s"'<>\\`{}|^])*/y;
/** An interpolation in a URL, as `URL_REST` reads it. */
const INTERPOLATION = /[$%]\{[^{}\n]{0,256}\}/g;
const QUOTES = `"'\``;
/** A URL's user information and host, to a space, `/`, `?` or `#`, and not past the quote (by the quote that opens the string it is in). */
const USERINFO: Readonly<Record<string, RegExp>> = { '': /[^\s/?#]*/y, '"': /[^\s/?#"]*/y, "'": /[^\s/?#']*/y, '`': /[^\s/?#`]*/y };

/** Query parameters that carry a credential (compared lower-case). */
const SECRET_PARAMS = new Set([
  'token',
  'access_token',
  'id_token',
  'refresh_token',
  'auth_token',
  'api_token',
  'session_token',
  'sessiontoken',
  'apikey',
  'api_key',
  'api-key',
  'password',
  'passwd',
  'pwd',
  'secret',
  'client_secret',
  // GitLab's API: a personal, project or group access token (`…/packages/generic/…/net.zip?private_token=glpat-…`).
  'private_token',
  'sig',
  'signature',
  'x-amz-signature',
  'x-amz-security-token',
  'x-amz-credential',
  'x-goog-signature',
  'x-goog-credential',
  // go-getter's S3 getter (terraform's `s3::` module sources): an AWS key, its secret and a session token.
  'aws_access_key_id',
  'aws_access_key_secret',
  'aws_access_token',
]);

/** Placeholders that hold no credential: `***`, `<password>`, `{token}`, `${TOKEN}`, `${db-password}`, `$TOKEN`, `%s`. */
const PLACEHOLDER = /^(?:\*+|x{3,}|\.{3}|<[^>]*>|\{[^}]*\}|\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|%[sd]|%\([^)]*\)s)$/i;
const isSecretValue = (value: string): boolean => value.length > 0 && !PLACEHOLDER.test(value);

/**
 * A shell parameter expansion with a word (bash manual, Shell Parameter Expansion: `${NAME:-word}`, `${NAME=word}`,
 * `${NAME:+word}`, `${NAME:?word}`, with or without the colon): its word is literal text the script holds, in group 1.
 */
const SHELL_WORD = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?[-=+?]([^}]*)\}$/;

/**
 * Whether a query value holds a literal secret: what is left of it once its interpolations are taken out (`${var.token}`:
 * nothing, filled in elsewhere) is a secret value, with a letter or digit where an interpolation was (`${a}-${b}`: a
 * separator). Literal text beside an interpolation is written in the code, and counts (`Zq8Wv3${var.suffix}`); so does
 * a shell expansion's word, which is literal where it stands (`${DEPLOY_TOKEN:-Zq8Wv3…}`: `SHELL_WORD`).
 */
function isSecretQueryValue(value: string): boolean {
  if (!value.includes('{')) return isSecretValue(value);
  const literal = value.replace(INTERPOLATION, (interpolation) => SHELL_WORD.exec(interpolation)?.[1] ?? '');
  return literal === value ? isSecretValue(value) : /[\p{L}\p{N}]/u.test(literal) && isSecretValue(literal);
}

/** A URL's user information: its authority (after the scheme, to a `/`, `?` or `#`) up to its last `@`; none without one. */
function userinfoOf(url: string): string | undefined {
  const rest = url.slice(url.indexOf('://') + 3);
  const authorityEnd = rest.search(/[/?#]/);
  const at = (authorityEnd < 0 ? rest : rest.slice(0, authorityEnd)).lastIndexOf('@');
  return at > 0 ? rest.slice(0, at) : undefined;
}

/**
 * The credentials in a URL's user information: its password (`user:password`, not a placeholder), and its
 * user where that is a token (`isUserToken`: `https://<token>@github.com/…`, `https://<token>:@…`). None in a
 * user name alone (`git@`, `jdoe@`, `oauth2@`). The one decision the detector reports by and `maskUrlSecrets`
 * stars by.
 */
function userinfoSecrets(userinfo: string): string[] {
  const colon = userinfo.indexOf(':');
  const user = colon < 0 ? userinfo : userinfo.slice(0, colon);
  const password = colon < 0 ? '' : userinfo.slice(colon + 1);
  return [...(isUserToken(user) ? [user] : []), ...(isSecretValue(password) ? [password] : [])];
}

/**
 * Where a URL holds a secret, by offset in it: its user information where `userinfoSecrets` finds a credential in it
 * (with those), and each query value under a name `SECRET_PARAMS` lists (decoded, any case) that is no placeholder.
 * The one decision the detector reports by (`urlSecrets`) and `maskUrlSecrets` stars by.
 */
function urlSecretSpans(url: string): {
  readonly userinfo?: { readonly at: number; readonly text: string; readonly secrets: readonly string[] };
  readonly params: readonly { readonly name: string; readonly value: string; readonly at: number }[];
} {
  const afterScheme = url.indexOf('://') + 3;
  const userinfoText = userinfoOf(url);
  const secrets = userinfoText === undefined ? [] : userinfoSecrets(userinfoText);
  const userinfo = userinfoText !== undefined && secrets.length > 0 ? { at: afterScheme, text: userinfoText, secrets } : undefined;
  const params: { name: string; value: string; at: number }[] = [];
  // The first `?` on, to a `#`: also a query in a fragment (`#/callback?access_token=…` of a single-page app).
  const question = url.indexOf('?', afterScheme);
  if (question < 0) return { userinfo, params };
  const hash = url.indexOf('#', question);
  // Pairs and their separators (`&`, or `&amp;` of HTML), to keep each value's offset.
  const pieces = url.slice(question + 1, hash < 0 ? undefined : hash).split(/(&(?:amp;)?)/);
  for (let i = 0, at = question + 1; i < pieces.length; at += pieces[i].length, i++) {
    const eq = i % 2 === 0 ? pieces[i].indexOf('=') : -1;
    if (eq <= 0) continue;
    const name = pieces[i].slice(0, eq);
    const value = pieces[i].slice(eq + 1);
    if (SECRET_PARAMS.has(safeDecode(name).toLowerCase()) && isSecretQueryValue(safeDecode(value))) params.push({ name, value, at: at + eq + 1 });
  }
  return { userinfo, params };
}

/** The secrets of one URL: its password or a token as its user (`password`), and its credential query values. */
function urlSecrets(url: string): { readonly password: boolean; readonly params: string[]; readonly parts: string[] } {
  const { userinfo, params } = urlSecretSpans(url);
  return {
    password: userinfo !== undefined,
    params: params.map((p) => p.name),
    parts: [...(userinfo === undefined ? [] : [userinfo.text, ...userinfo.secrets]), ...params.map((p) => p.value)],
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The URLs in `text` and where each starts. A password may hold what a URL's other parts hold only
 * encoded (`^ | { } < > \\ ' "` and a backtick: RDS takes any printable character but `/`, `"`, `@`
 * and a space in a master password, and a driver's URL carries it as written), so the user
 * information runs to its last `@` before a space, `/`, `?` or `#`; but not past the quote that
 * opens the string the URL is in (`"postgres://u:p'x@h"` of a shell script holds a `'`, while
 * `["--db=postgres://db:5432","--mail=ops@example.com"]` holds no user information).
 */
function urlsIn(text: string): { readonly url: string; readonly start: number }[] {
  const out: { url: string; start: number }[] = [];
  URL_START.lastIndex = 0;
  for (let m = URL_START.exec(text); m !== null; m = URL_START.exec(text)) {
    const start = m.index;
    const afterScheme = start + m[0].length;
    const userinfo = USERINFO[openingQuote(text, start) ?? ''];
    userinfo.lastIndex = afterScheme;
    const at = (userinfo.exec(text)?.[0] ?? '').lastIndexOf('@');
    const host = at < 0 ? afterScheme : afterScheme + at + 1;
    URL_REST.lastIndex = host;
    const end = host + (URL_REST.exec(text)?.[0].length ?? 0);
    out.push({ url: text.slice(start, end).replace(/[.,;:)\]]+$/, ''), start });
    URL_START.lastIndex = Math.max(end, afterScheme);
  }
  return out;
}

/** The quote nearest before `at` in the same word (no space between): the one that opens the string a URL is in, if any. */
function openingQuote(text: string, at: number): string | undefined {
  for (let i = at - 1; i >= 0 && i >= at - 1024; i--) {
    if (/\s/.test(text[i])) return undefined;
    if (QUOTES.includes(text[i])) return text[i];
  }
  return undefined;
}

/**
 * `text` with what the detector finds in each URL in it (`urlSecretSpans`) starred, the rest kept: a module source
 * shown in the coverage. User information that holds a credential as `maskUrlCredentials` stars it
 * (`git::https://oauth2:ghp_…@github.com/acme/net.git` -> `git::https://***:***@github.com/acme/net.git`,
 * `git::https://<40 hex digits>@github.com/…` -> `git::https://***@github.com/…`), and a secret query value
 * (`?ref=v1&token=***`, `?aws_access_key_id=***&aws_access_key_secret=***`, `X-Amz-Signature=***`). A user name
 * stays (`git@`, `jdoe@`, `x-access-token@`), and so does a query value under another name: no report masks those either.
 */
export function maskUrlSecrets(text: string): string {
  if (!text.includes('://')) return text;
  let out = '';
  let from = 0;
  for (const { url, start } of urlsIn(text)) {
    const { userinfo, params } = urlSecretSpans(url);
    const spans = [...(userinfo === undefined ? [] : [{ at: userinfo.at, length: userinfo.text.length, by: starredUserinfo(userinfo.text) }]), ...params.map((p) => ({ at: p.at, length: p.value.length, by: STARS }))];
    for (const { at, length, by } of spans) {
      out += `${text.slice(from, start + at)}${by}`;
      from = start + at + length;
    }
  }
  return out + text.slice(from);
}

/**
 * A module source as the coverage shows it: what `maskUrlSecrets` stars, then any other credential the detector
 * finds in it masked as every report masks it (`?access=glpa***`: a token under a name `SECRET_PARAMS` does not list): what no-static-provider-credentials reports
 * in a `source`, whether that rule runs or not.
 */
export function shownSource(text: string): string {
  const starred = maskUrlSecrets(text);
  return masked(starred, detect(starred, { scope: 'credentials', label: 'source' }));
}

const urlCredentials: Detector = (text) => {
  if (!text.includes('://')) return [];
  const out: Found[] = [];
  for (const { url, start } of urlsIn(text)) {
    const { password, params, parts } = urlSecrets(url);
    if (!password && params.length === 0) continue;
    const what = password
      ? `a URL with credentials in it${params.length > 0 ? ` and a secret in its query (${params.join(', ')})` : ''}`
      : `a URL with a secret in its query (${params.join(', ')})`;
    out.push({ kind: 'url-credentials', what, raw: url, secrets: [url, ...parts], masked: maskUrlCredentials(url), start });
  }
  return out;
};

/**
 * A data source name as Go's MySQL driver (go-sql-driver/mysql) writes one: `user:password@protocol(address)/dbname?…`
 * (`appuser:…@tcp(db.example.com:3306)/app`), no scheme before it, so `urlCredentials` never sees it. The password runs
 * to the last `@` before the protocol, as the driver reads it; a placeholder (`${DB_PASSWORD}`, `<password>`) is none.
 */
const GO_DSN = /(?<![\w.%+-])([\w.%+-]{0,64}):([^\s'"`]{1,256}?)@(tcp6?|udp|unix|cloudsql(?:-mysql)?)\(/g;
/** What every `GO_DSN` holds: `@` and its protocol. */
const GO_DSN_HINTS = ['@tcp', '@udp', '@unix', '@cloudsql'] as const;

const goDsns: Detector = (text) => {
  if (!GO_DSN_HINTS.some((hint) => text.includes(hint))) return [];
  const out: Found[] = [];
  for (const m of matches(text, GO_DSN)) {
    const [whole, user, password, protocol] = m;
    if (!isSecretValue(password)) continue;
    const close = text.indexOf(')', m.index + whole.length);
    const rest = close < 0 ? '' : /^[^\s'"`]*/.exec(text.slice(close + 1))?.[0] ?? '';
    const raw = close < 0 ? whole : text.slice(m.index, close + 1) + rest;
    const address = close < 0 ? '' : text.slice(m.index + whole.length, close);
    out.push({ kind: 'url-credentials', what: 'a database connection string with a password in it', raw, secrets: [raw, password, ...(user === '' ? [] : [`${user}:${password}`])], masked: `***:***@${protocol}(${address})${rest.replace(/\?.*$/, '')}`, start: m.index });
  }
  return out;
};

// ---------------------------------------------------------------------------------------------
// AWS keys and well-known tokens

const ACCESS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g;

const accessKeyIds: Detector = (text) =>
  text.length < 20 ? [] : matches(text, ACCESS_KEY_ID).map((m) => ({ kind: 'aws-access-key-id', what: 'an AWS access key id', raw: m[0], masked: maskSecret(m[0]), start: m.index }));

const SECRET_KEY_SHAPE = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
const SECRET_LABEL = /secret/i;

const secretAccessKeys: Detector = (text, options) => {
  if (text.length < 40) return [];
  const out: Found[] = [];
  const labelled = options.nearKeyId || SECRET_LABEL.test(options.label ?? '');
  for (const m of matches(text, SECRET_KEY_SHAPE)) {
    const raw = m[0];
    // A hex digest (a git commit, a SHA-1) has the length but not the alphabet of a secret key.
    if (!/[A-Z]/.test(raw) || !/[a-z]/.test(raw) || !/[0-9/+]/.test(raw)) continue;
    if (!labelled && !SECRET_LABEL.test(text.slice(Math.max(0, m.index - 80), m.index))) continue;
    out.push({ kind: 'aws-secret-access-key', what: 'an AWS secret access key', raw, masked: maskSecret(raw), start: m.index });
  }
  return out;
};

/**
 * The prefixes GitLab gives its tokens (docs.gitlab.com, "GitLab token overview", token prefixes):
 * personal, project and group access tokens, OAuth application secrets, deploy tokens, runner
 * authentication tokens, CI/CD job tokens, pipeline trigger tokens, feed tokens, incoming mail
 * tokens, agent for Kubernetes tokens, SCIM tokens, feature flags client tokens, and `GR1348941`
 * of runner registration tokens.
 */
const GITLAB_PREFIXES = ['glpat-', 'gloas-', 'gldt-', 'glrt-', 'glcbt-', 'glptt-', 'glft-', 'glimt-', 'glagent-', 'glsoat-', 'glffct-', 'GR1348941'] as const;

/**
 * Token shapes, each with fragments one of which every match contains (a cheap test before the
 * regex, and `mayHold`'s hints): each alternative of a regex needs a hint of its own.
 */
const TOKEN_SHAPES: readonly { readonly what: string; readonly hints: readonly string[]; readonly regex: RegExp; readonly valid?: (raw: string) => boolean }[] = [
  { what: 'a JSON Web Token', hints: ['eyJ'], regex: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  // Classic tokens (`ghp_`, `gho_`…) and fine-grained ones (`github_pat_`, which holds no `gh`).
  { what: 'a GitHub token', hints: ['gh', 'github_pat_'], regex: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})/g },
  // 20 characters or more after the prefix; a routable token (`glpat-….01.…`) has dots in it.
  { what: 'a GitLab token', hints: GITLAB_PREFIXES, regex: new RegExp(`(?<![\\w-])(?:${GITLAB_PREFIXES.join('|')})[\\w-][\\w.-]{19,}`, 'g') },
  // Bot, user, app-level (`xapp-1-…`, gitleaks' slack-app-token), refresh (`xoxe-`), and a browser session's client
  // token and cookie (`xoxc-`, `xoxd-`: each acts as the user it was issued to).
  { what: 'a Slack token', hints: ['xox', 'xapp-'], regex: /(?<![A-Za-z0-9])(?:xox[abcdeoprs]-[A-Za-z0-9-]{10,}|xapp-\d-[A-Za-z0-9]+-\d+-[A-Za-z0-9]+)/g },
  // An incoming webhook (`/services/`), and a Workflow Builder webhook (`/workflows/`, `/triggers/`): each URL is its own secret.
  {
    what: 'a Slack webhook URL',
    hints: ['hooks.slack.com'],
    regex: /https:\/\/hooks\.slack\.com\/(?:services\/T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]+|(?:workflows|triggers)\/T[A-Za-z0-9]+(?:\/[A-Za-z0-9]+){2,3})/g,
  },
  // Live and test keys, secret and restricted: a test key reads and writes the account's test data, a credential all the same.
  { what: 'a Stripe secret key', hints: ['k_live_', 'k_test_'], regex: /(?<![A-Za-z0-9])[sr]k_(?:live|test)_[A-Za-z0-9]{20,}/g },
  // A webhook endpoint's signing secret: whoever holds it forges the events the endpoint trusts.
  { what: 'a Stripe webhook signing secret', hints: ['whsec_'], regex: /(?<![A-Za-z0-9_])whsec_[A-Za-z0-9+/]{32,}={0,2}(?![A-Za-z0-9+/=])/g },
  { what: 'a Google API key', hints: ['AIza'], regex: /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/g },
  // An OAuth 2.0 access token Google issues (`ya29.` and its body, maybe in dotted parts), bearer of the account's scopes.
  { what: 'a Google OAuth access token', hints: ['ya29.'], regex: /(?<![A-Za-z0-9_.-])ya29\.[A-Za-z0-9_-]{30,}(?:\.[A-Za-z0-9_-]+)*/g },
  // An OAuth client's secret, `GOCSPX-` and 28 characters since 2021.
  { what: 'a Google OAuth client secret', hints: ['GOCSPX-'], regex: /(?<![A-Za-z0-9_-])GOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])/g },
  // detect-secrets' SendGridDetector: `SG.`, 22 characters, `.`, 43 characters.
  { what: 'a SendGrid API key', hints: ['SG.'], regex: /(?<![A-Za-z0-9_.-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g },
  // gitleaks' npm-access-token.
  { what: 'an npm access token', hints: ['npm_'], regex: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g },
  // `T3BlbkFJ` is "OpenAI" in base64, in every key: project, service account and admin keys (`sk-proj-…`) and the older `sk-…`.
  { what: 'an OpenAI API key', hints: ['T3BlbkFJ'], regex: /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])/g },
  // Shapes of the providers Terraform code configures besides AWS, as gitleaks' rules (cmd/generate/config/rules/*.go)
  // write them, each anchored so that a longer run of its alphabet is no match.
  // Service, batch and recovery tokens (hashicorp_vault.go: `hvs.` and 90 or more, `hvb.` and 138 or more): 64 or more,
  // so a host name (`hvs.<label>`, a label at most 63 long) is none. A legacy `s.` token is found only under its name.
  { what: 'a HashiCorp Vault token', hints: ['hvs.', 'hvb.', 'hvr.'], regex: /(?<![\w.-])hv[sbr]\.[\w-]{64,400}(?![\w-])/g },
  // hashicorp.go: a user, team or organization token of HCP Terraform and Terraform Enterprise.
  { what: 'an HCP Terraform API token', hints: ['.atlasv1.'], regex: /(?<![A-Za-z0-9_.-])[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}(?![A-Za-z0-9_=-])/g },
  // grafana.go: service account tokens (`glsa_`, a CRC in hex after the last `_`), Grafana Cloud tokens (`glc_`, base64
  // of a JSON document) and the older API keys (`eyJrIjoi`, `{"k":"` in base64).
  {
    what: 'a Grafana token',
    hints: ['glsa_', 'glc_', 'eyJrIjoi'],
    regex: /(?<![A-Za-z0-9_])(?:glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}(?![A-Za-z0-9_])|glc_[A-Za-z0-9+/]{32,400}={0,3}(?![A-Za-z0-9+/=])|eyJrIjoi[A-Za-z0-9]{70,400}={0,3}(?![A-Za-z0-9+/=.]))/g,
  },
  // newrelic.go: a user key (`NRAK-`), an insert key (`NRII-`), a browser key (`NRJS-`); an ingest license key ends in `NRAL`.
  {
    what: 'a New Relic key',
    hints: ['NRAK-', 'NRII-', 'NRJS-', 'NRAL'],
    regex: /(?<![A-Za-z0-9_-])(?:NRAK-[A-Z0-9]{27}|NRII-[A-Za-z0-9_-]{32}|NRJS-[a-f0-9]{19}|[a-z0-9]{36}NRAL)(?![A-Za-z0-9_-])/g,
  },
  // databricks.go: a personal access token, with the `-2` suffix newer ones carry.
  { what: 'a Databricks token', hints: ['dapi'], regex: /(?<![A-Za-z0-9_])dapi[a-h0-9]{32}(?:-\d)?(?![A-Za-z0-9_])/g },
  // azure.go: an Entra ID (Azure AD) application's client secret, three characters, a digit, `Q~`.
  { what: 'an Azure AD client secret', hints: ['Q~'], regex: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g },
  // A shared access signature alone (`sas_token`, `SharedAccessSignature=` of a connection string), from its version to
  // its signature, as Azure writes one (`sv=…&…&sig=…`); in a URL it is the URL's secret query.
  { what: 'an Azure shared access signature', hints: ['sv='], regex: /(?<![A-Za-z0-9_%-])sv=\d{4}-\d{2}-\d{2}&(?:[A-Za-z]+=[^\s&"'=]*&)*sig=[A-Za-z0-9%+/]{30,}={0,2}/g },
  // Docker Hub personal and organization access tokens (trufflehog's dockerhub detector, v2).
  { what: 'a Docker Hub access token', hints: ['dckr_pat_', 'dckr_oat_'], regex: /(?<![A-Za-z0-9_])dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,64}(?![A-Za-z0-9_-])/g },
  // pypi.go: a macaroon whose location is pypi.org (`AgEIcHlwaS5vcmc`) or test.pypi.org (`AgENdGVzdC5weXBpLm9yZw`).
  { what: 'a PyPI upload token', hints: ['pypi-AgEIcHlwaS5vcmc', 'pypi-AgENdGVzdC5weXBpLm9yZw'], regex: /(?<![A-Za-z0-9_-])pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[\w-]{50,1000}/g },
  // huggingface.go: `hf_` and 34 letters, random (a name in camel case, `hf_requiredCharacteristicTypes…`, changes case
  // seldom), and an organization's `api_org_`.
  {
    what: 'a Hugging Face token',
    hints: ['hf_', 'api_org_'],
    regex: /(?<![A-Za-z0-9_])(?:hf|api_org)_[A-Za-z]{34}(?![A-Za-z0-9_])/g,
    valid: (raw) => classChanges(raw.slice(raw.lastIndexOf('_') + 1)) >= 0.3,
  },
  // anthropic.go: API (`sk-ant-api03-`) and admin (`sk-ant-admin01-`) keys, OAuth access and refresh tokens.
  { what: 'an Anthropic API key', hints: ['sk-ant-'], regex: /(?<![A-Za-z0-9_-])sk-ant-(?:api|admin|oat|ort)\d{2}-[A-Za-z0-9_-]{40,200}(?![A-Za-z0-9_-])/g },
  // twilio.go: an API key's SID, `SK` and 32 hex digits, as an AWS access key id is a key's id.
  { what: 'a Twilio API key', hints: ['SK'], regex: /(?<![A-Za-z0-9_-])SK[0-9a-f]{32}(?![A-Za-z0-9_-])/g },
  // shopify.go: access tokens (admin, custom app, private app) and an app's shared secret.
  { what: 'a Shopify token', hints: ['shpat_', 'shpca_', 'shppa_', 'shpss_'], regex: /(?<![A-Za-z0-9_])shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}(?![A-Za-z0-9_])/g },
  // atlassian.go: an Atlassian (Jira, Confluence) API token, `ATATT3` and 186 characters.
  { what: 'an Atlassian API token', hints: ['ATATT3'], regex: /(?<![A-Za-z0-9_-])ATATT3[A-Za-z0-9_=-]{150,250}(?![A-Za-z0-9_=-])/g },
  // digitalocean.go: a personal access token, an OAuth access token and a refresh token.
  { what: 'a DigitalOcean token', hints: ['dop_v1_', 'doo_v1_', 'dor_v1_'], regex: /(?<![A-Za-z0-9_])do[por]_v1_[a-f0-9]{64}(?![A-Za-z0-9_])/g },
  // postman.go.
  { what: 'a Postman API key', hints: ['PMAK-'], regex: /(?<![A-Za-z0-9_-])PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}(?![A-Za-z0-9_-])/g },
  // age.go: an age identity in Bech32 (and its post-quantum `PQ-` form).
  { what: 'an age secret key', hints: ['AGE-SECRET-KEY-'], regex: /(?<![A-Za-z0-9_-])AGE-SECRET-KEY-(?:PQ-)?1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58,2000}(?![A-Za-z0-9])/g },
  // doppler.go and Doppler's token formats: personal, service (`dp.st.` with its config's name or not), service account,
  // CLI, SCIM and audit tokens.
  {
    what: 'a Doppler token',
    hints: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.', 'dp.scim.', 'dp.audit.'],
    regex: /(?<![A-Za-z0-9_.-])dp\.(?:pt|st|sa|ct|scim|audit)\.(?:[a-z0-9_-]{1,64}\.)?[A-Za-z0-9]{40,44}(?![A-Za-z0-9_])/g,
  },
  // linear.go.
  { what: 'a Linear API key', hints: ['lin_api_'], regex: /(?<![A-Za-z0-9_])lin_api_[A-Za-z0-9]{40}(?![A-Za-z0-9_])/g },
  // heroku.go: an API key of the v2 format; the older one, a UUID, is found under its name.
  { what: 'a Heroku API key', hints: ['HRKU-AA'], regex: /(?<![A-Za-z0-9_-])HRKU-AA[0-9a-zA-Z_-]{58}(?![A-Za-z0-9_-])/g },
  // cloudflare.go: an Origin CA key; an API token or a global API key has no prefix and is found under its name.
  { what: 'a Cloudflare Origin CA key', hints: ['v1.0-'], regex: /(?<![A-Za-z0-9_.-])v1\.0-[a-f0-9]{24}-[a-f0-9]{146}(?![A-Za-z0-9_-])/g },
];

/** What each token shape is called (`a GitHub token`): a test holds a sample of every one. */
export const tokenShapeNames = (): string[] => TOKEN_SHAPES.map((shape) => shape.what);

const tokenShapes: Detector = (text) =>
  TOKEN_SHAPES.flatMap(({ what, hints, regex, valid }) =>
    hints.some((hint) => text.includes(hint))
      ? matches(text, regex)
          .filter((m) => valid?.(m[0]) ?? true)
          .map((m) => ({ kind: 'token' as const, what, raw: m[0], masked: maskSecret(m[0]), start: m.index }))
      : [],
  );

// ---------------------------------------------------------------------------------------------
// HTTP headers

/**
 * HTTP authentication schemes whose credentials follow their name (RFC 9110 section 11.4), by their name in lower case,
 * as a message names them. A token after a space: RFC 7617 Basic, RFC 6750 Bearer, `Token`, RFC 4559 Negotiate and
 * NTLM (base64 of a Kerberos or NTLM message), Elasticsearch's `ApiKey`, `Api-Key`, Okta's `SSWS`, Splunk's HTTP Event
 * Collector token (`Splunk <uuid>`, a Kinesis Firehose Splunk destination's), Opsgenie's `GenieKey`. Or parameters, a
 * secret among them (`SCHEME_PARAMETERS`): RFC 7616 Digest, AWS Signature Version 4 (`AWS4-HMAC-SHA256`) and 4a
 * (`AWS4-ECDSA-P256-SHA256`), Azure's `SharedAccessSignature`, RFC 5849 OAuth 1.0, Hawk.
 */
const SCHEME_NAMES: Readonly<Record<string, string>> = {
  basic: 'Basic',
  bearer: 'Bearer',
  token: 'Token',
  negotiate: 'Negotiate',
  ntlm: 'NTLM',
  apikey: 'ApiKey',
  'api-key': 'Api-Key',
  ssws: 'SSWS',
  splunk: 'Splunk',
  geniekey: 'GenieKey',
  digest: 'Digest',
  'aws4-hmac-sha256': 'AWS4-HMAC-SHA256',
  'aws4-ecdsa-p256-sha256': 'AWS4-ECDSA-P256-SHA256',
  sharedaccesssignature: 'SharedAccessSignature',
  oauth: 'OAuth',
  hawk: 'Hawk',
};
/**
 * The secret parameters of a scheme written with parameters, each in group 1: Digest's `response` (RFC 7616 section
 * 3.4: a hash of the password, in hex, quoted or not, the quote maybe escaped as a shell or JSON writes it), and AWS
 * Signature Version 4's `Signature` (64 hex digits); its `Credential` starts with the access key id, which
 * `accessKeyIds` finds wherever it is; Version 4a's (an ECDSA signature in DER, in hex); a SharedAccessSignature's `sig`
 * (an HMAC, base64 percent-encoded); OAuth 1.0's `oauth_signature` and `oauth_token` (RFC 5849 section 3.5.1); Hawk's
 * `mac`. The others (`username`, `realm`, `nonce`, `uri`, `sr`, `skn`, `oauth_signature_method`) are shown: they say
 * which request it is, and none of them authenticates one.
 */
const SCHEME_PARAMETERS: Readonly<Record<string, RegExp>> = {
  digest: /(?<![\w-])response[ \t]*=[ \t]*(?:\\{0,3}["'])?([0-9a-f]{32,128})(?![0-9a-z])/gi,
  'aws4-hmac-sha256': /(?<![\w-])Signature=([0-9a-f]{64})(?![0-9a-z])/gi,
  'aws4-ecdsa-p256-sha256': /(?<![\w-])Signature=([0-9a-f]{64,160})(?![0-9a-z])/gi,
  sharedaccesssignature: /(?<![\w-])sig=([A-Za-z0-9%+/=]{16,})/g,
  oauth: /(?<![\w-])oauth_(?:signature|token)[ \t]*=[ \t]*(?:\\{0,3}["'])?([A-Za-z0-9%+/=._~-]{8,})/g,
  hawk: /(?<![\w-])mac[ \t]*=[ \t]*(?:\\{0,3}["'])?([A-Za-z0-9+/=]{20,})/g,
};
/** Whether a scheme (as `SCHEME_NAMES` names it) is written with parameters. */
const withParameters = (scheme: string): boolean => SCHEME_PARAMETERS[scheme.toLowerCase()] !== undefined;
/** A scheme's name, a longer one first (`aws4-hmac-sha256`, `api-key`): a regex's alternatives, in any case. */
const SCHEME_NAME = Object.keys(SCHEME_NAMES)
  .sort((a, b) => b.length - a.length)
  .join('|');
/** A scheme's name and the space after it, at a position (sticky). */
const SCHEME_AT = new RegExp(`(${SCHEME_NAME})[ \\t]+`, 'iy');
/**
 * How far after its name a scheme's parameters are searched for its secret: a Digest header with a long `uri`, a SigV4
 * one with many signed headers, are shorter. Text that repeats a scheme's name is not read to its end from each.
 */
const PARAMETERS_SPAN = 4096;
/** A token's characters (RFC 9110's token68), after a scheme's space. */
const TOKEN68_AT = /[A-Za-z0-9._~+/=-]+/y;

/** The credentials of a scheme: where they are, the scheme as a message names it. */
interface SchemeCredentials {
  /** `Basic`, `Digest`. */
  readonly scheme: string;
  /** Each secret of the credentials (a token; a parameter's value) and where it starts. */
  readonly secrets: readonly { readonly raw: string; readonly start: number }[];
  /** Where the credentials end: after their token, or their last secret. */
  readonly end: number;
}

/**
 * The credentials of an HTTP authentication scheme written at `at` in `text` (sticky), read no further than `end` or the
 * line: a token after a scheme's space, where `accepts` takes it (a header's name before says it is one; a name of an
 * authorization wants it to look like one), or the secret parameters of a scheme written with parameters, which their
 * shape says are one. None where no scheme is at `at`, or no credentials follow it (`Negotiate ${var.token}`, a
 * challenge's `Digest realm="…"`).
 */
function schemeCredentialsAt(text: string, at: number, accepts: (scheme: string, credentials: string) => boolean, end = text.length): SchemeCredentials | undefined {
  SCHEME_AT.lastIndex = at;
  const named = SCHEME_AT.exec(text);
  if (named === null || SCHEME_AT.lastIndex > end) return undefined;
  const key = named[1].toLowerCase();
  const scheme = SCHEME_NAMES[key];
  const parameters = SCHEME_PARAMETERS[key];
  const from = SCHEME_AT.lastIndex;
  if (parameters === undefined) {
    TOKEN68_AT.lastIndex = from;
    const token = TOKEN68_AT.exec(text);
    if (token === null || TOKEN68_AT.lastIndex > end || !accepts(scheme, token[0])) return undefined;
    return { scheme, secrets: [{ raw: token[0], start: from }], end: TOKEN68_AT.lastIndex };
  }
  const within = text.slice(from, Math.min(end, from + PARAMETERS_SPAN)).replace(/\n[^]*/, '');
  const secrets = [...within.matchAll(parameters)].map((m) => ({ raw: m[1], start: from + (m.index as number) + m[0].length - m[1].length }));
  const last = secrets.at(-1);
  return last === undefined ? undefined : { scheme, secrets, end: last.start + last.raw.length };
}

/**
 * An HTTP header's credentials: `Authorization: Bearer …` (or another scheme of `SCHEME_NAMES`) written in text, a
 * `curl -H` in user data, as Nosey Parker's np.http.1 and np.http.2 find it, or with a space alone after
 * the header's name, as a web server's directive sets it (nginx's `proxy_set_header Authorization "Bearer …";`,
 * Apache's `RequestHeader set Authorization "Bearer …"`: the group is the `:` or `=`, if any); the scheme and its
 * credentials after the match (`schemeCredentialsAt`). And a header's value on its own under the header's name
 * (`request_headers = { Authorization = "Bearer …" }`, an API Gateway integration's `overwrite:header.Authorization`,
 * `{ X-API-Key = "…" }`).
 */
const AUTHORIZATION_IN_TEXT = /(?<![\w-])(?:proxy-)?authorization(?:["']?[ \t]*([:=])[ \t]*["']?|[ \t]+["']?)/gi;

/**
 * Whether the credentials after a header's name and a space alone (`AUTHORIZATION_IN_TEXT` without its `:` or `=`), or
 * after a scheme under a name of an authorization (`auth = "Bearer …"`), are a token: 20 characters or more, with a run
 * of 16 letters and digits, both, between its separators (`9f8e7d6c…`, `ghp_…`, a JWT's parts), or a UUID (a token as
 * many APIs issue one: Heroku's, Postman's, a Terraform Enterprise team's; under `Authorization: ` and `X-API-Key` one
 * is found already). Prose names the header and a scheme too, then a word ("the Authorization bearer token",
 * "Authorization token required") or words joined into an identifier (`token_issued_by_cognito_v2`,
 * `e2e-integration-tests-2024`): none of its parts is that long with digits in it, and no words make a UUID.
 */
const isSpacedCredential = (credentials: string): boolean =>
  UUID.test(credentials) || (credentials.length >= 20 && credentials.split(/[._~+/=-]/).some((part) => part.length >= 16 && /\d/.test(part) && /[A-Za-z]/.test(part)));
/** A UUID as RFC 9562 writes one, in either case. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What stands before a header's value alone (a scheme and its credentials): a quote, as API Gateway writes a static value. */
const VALUE_START = /^[ \t]*'?/;
/** What may follow a token in a header's value alone: the quote closed. */
const VALUE_END = /^'?[ \t]*$/;
/**
 * `Basic` and its credentials anywhere in text (nginx's `proxy_set_header Authorization "Basic …";`, a
 * header in a script): found where they are base64 of `user:password` (`isBasicCredentials`).
 */
const BASIC_IN_TEXT = /(?<![\w-])basic[ \t]+([A-Za-z0-9+/]+={0,2})(?![\w+/=-])/gi;
/**
 * A name of an authorization or of credentials, with base64 of `user:password` after it in text: Docker's config.json
 * (`{"auths":{"registry.example.com":{"auth":"ZGVw…"}}}`, a Kubernetes secret's `.dockerconfigjson`),
 * `basic_auth: …`, `Authorization=…`, `REGISTRY_CREDENTIALS=…`. Quoted or not, as `NAMED_IN_TEXT` reads a name.
 */
const AUTH_IN_TEXT = /(?<![\w.-])(["']?)((?:[A-Za-z0-9]+[_-])*(?:auth(?:orization)?|creds|credentials?))\1[ \t]*(?:=(?![=>])|:)[ \t]*(["']?)([A-Za-z0-9+/]+={0,2})\3(?![\w+/=-])/gi;
/**
 * `mayHold`'s test for a header's value alone (a scheme first), `AUTHORIZATION_IN_TEXT`, `BASIC_IN_TEXT` and `AUTH_IN_TEXT`,
 * in any case: a scheme is case-insensitive (RFC 7235 section 2.1), and so is a header's name.
 */
const HEADER_HINT = new RegExp(`^[ \\t]*'?(?:${SCHEME_NAME})[ \\t]|basic[ \\t]|authorization|(?:auth|creds|credentials?)["']?[ \\t]*[:=]`, 'i');
const AUTHORIZATION_HEADER = /^(?:proxy-)?authorization$/i;
/** Headers whose value is a key or a token: `X-API-Key`, `API-Key`, `X-Auth-Token`, `X-Access-Token`, GitLab's `PRIVATE-TOKEN`, `X-Vault-Token`. */
const KEY_HEADER = /^(?:x-)?(?:api-?key|api-?token|auth-?token|access-?token)$|^(?:private|x-vault)-token$/i;
/**
 * An API Gateway parameter mapping's source: a value of the request, the context or the stage, not a
 * credential. REST APIs: `method.request.header.x-api-key`, `context.authorizer.token`,
 * `stageVariables.authToken`, `integration.response.header.…`; HTTP APIs: `$request.header.…`,
 * `$context.authorizer.apiKey`, `$stageVariables.authToken`. A static value is none (a REST API
 * quotes it: `'…'`).
 */
const MAPPING_EXPRESSION = /^(?:method\.request|integration\.response|context|stageVariables)\.|^\$(?:request|context|stageVariables)\./;
/**
 * An API Gateway parameter mapping's target, a key of `request_parameters` or `response_parameters`:
 * REST `integration.request.header.X-Api-Key`, `method.response.header.…`; HTTP APIs
 * `append:header.x-api-key`, `overwrite:header.X-Auth-Token`, `remove:querystring.…`.
 */
const MAPPING_TARGET = /^(?:integration\.request|method\.response)\.[a-z]+\.|^(?:append|overwrite|remove):/i;

/** The header a label names: a map key (`Authorization`), or API Gateway's parameter name (`overwrite:header.Authorization`, `integration.request.header.X-Api-Key`). */
const headerOf = (label: string | undefined): string => (label ?? '').replace(/^.*[.:]/, '');

/** Whether a value under a key header's name, or a scheme's credentials, are written in clear (not `${…}`, `$VAR`, `<token>`, `xxx`, a mapping). */
function isHeaderCredential(value: string): boolean {
  const bare = value.trim().replace(/^'(.*)'$/, '$1');
  return /[\p{L}\p{N}]/u.test(bare) && !TEXT_REFERENCE.test(bare) && !PLACEHOLDER_WORD.test(bare) && !MAPPING_EXPRESSION.test(bare) && writtenCredential(bare) !== undefined;
}

/**
 * The user id and password padded base64 `credentials` encode, as RFC 7617's Basic scheme writes them
 * (`user-id:password`), the password written in clear (not a placeholder or a reference); undefined for
 * other text. Decoded to UTF-8 whatever characters it holds: a password with a control character in it
 * breaks the RFC's rule, and is still one in clear (`base64Text` takes printable text alone).
 */
function basicPair(credentials: string): { readonly pair: string; readonly password: string } | undefined {
  const pair = /^[^\s:]+:(\S+)$/.exec(base64Utf8(credentials) ?? '');
  return pair !== null && isHeaderCredential(pair[1]) ? { pair: pair[0], password: pair[1] } : undefined;
}

/** Whether a scheme's credentials are RFC 7617's Basic ones (`basicPair`): that shape says what they are under any name. */
const isBasicCredentials = (scheme: string, credentials: string): boolean => scheme.toLowerCase() === 'basic' && basicPair(credentials) !== undefined;

/** The secrets of a scheme's credentials: the credentials, and for Basic ones the pair and the password they encode. */
function schemeSecrets(scheme: string, credentials: string): string[] {
  const basic = scheme.toLowerCase() === 'basic' ? basicPair(credentials) : undefined;
  return basic === undefined ? [credentials] : [credentials, basic.pair, basic.password];
}

/**
 * Names whose value is base64 of `user:password` where it holds one, as a Basic scheme's credentials
 * without the scheme (in snake case): `auth` of Docker's config.json, `authorization`, `basic_auth`,
 * `proxy_auth`, `registry_auth`, and credentials (`credentials`, `credential`, `creds`, `REGISTRY_CREDENTIALS`);
 * not `oauth`, `auth_type` or `credentials_file`.
 */
const AUTH_NAME = /^(?:[a-z0-9]+_)*(?:auth(?:orization)?(?:_header)?|creds|credentials?)$/;
const namesAuthorization = (label: string | undefined): boolean => label !== undefined && /auth|cred/i.test(label) && AUTH_NAME.test(snakeName(headerOf(label)));

/** A detection of base64 of `user:password` (`basicPair`) under a name of an authorization, at `start`. */
function encodedPair(credentials: string, start: number): Found | undefined {
  const basic = basicPair(credentials);
  return basic === undefined ? undefined : { kind: 'token', what: `a user name and password${ENCODED}`, raw: credentials, secrets: [credentials, basic.pair, basic.password], masked: '***:***', start };
}

/**
 * What a scheme's credentials are found as, each secret of them (`schemeCredentialsAt`): a message's words, the secrets
 * to redact (for Basic the pair and the password it encodes) and the masked form. Basic credentials are base64 of
 * `user:password`: stars alone, as any character shown decodes to the user's, then the password's.
 */
const schemeFinds = ({ scheme, secrets }: Pick<SchemeCredentials, 'scheme' | 'secrets'>): Found[] =>
  secrets.map(({ raw, start }) => ({
    kind: 'token',
    what: `an HTTP Authorization header's credentials (${scheme})`,
    raw,
    secrets: schemeSecrets(scheme, raw),
    masked: scheme === 'Basic' ? '***' : maskSecret(raw),
    start,
  }));

const headerCredentials: Detector = (text, options) => {
  const out: Found[] = [];
  const header = headerOf(options.label);
  // Under the header's name, or Basic credentials alone under any name (`UPSTREAM_AUTH = "Basic ZGVwbG95On…"`), or a
  // token under a name of an authorization (`auth = "Bearer 550e8400-…"`, `REGISTRY_CREDENTIALS = "token ghp_…"`).
  const underHeader = AUTHORIZATION_HEADER.test(header);
  const underAuthorization = namesAuthorization(options.label);
  const scheme = schemeCredentialsAt(text, (VALUE_START.exec(text) as RegExpExecArray)[0].length, (name, credentials) =>
    isHeaderCredential(credentials) && (underHeader || isBasicCredentials(name, credentials) || (underAuthorization && isSpacedCredential(credentials))),
  );
  // A token is the value's end; a scheme written with parameters is one by its shape, under either name.
  const alone = scheme !== undefined && (withParameters(scheme.scheme) ? underHeader || underAuthorization : VALUE_END.test(text.slice(scheme.end))) ? scheme : undefined;
  const pairAlone = alone === undefined && underAuthorization ? encodedPair(text.trim().replace(/^'(.*)'$/, '$1'), 0) : undefined;
  if (alone !== undefined) {
    out.push(...schemeFinds(alone));
  } else if (pairAlone !== undefined) {
    // `auth = "ZGVw…"`, `Authorization = "ZGVw…"`: a Basic scheme's credentials without the scheme.
    out.push({ ...pairAlone, start: text.indexOf(pairAlone.raw) });
  } else if (KEY_HEADER.test(header) && isHeaderCredential(text)) {
    // API Gateway quotes a static value (`'…'`): the credential is inside.
    const quoted = /^'(.+)'$/.exec(text);
    const raw = quoted?.[1] ?? text;
    out.push({ kind: 'token', what: `the value of an HTTP \`${header}\` header`, raw, masked: maskSecret(raw), start: quoted ? 1 : 0 });
  }
  if (/uthorization/i.test(text)) {
    for (const m of matches(text, AUTHORIZATION_IN_TEXT)) {
      const separator = m[1];
      const credentials = schemeCredentialsAt(text, m.index + m[0].length, (_scheme, token) => (separator !== undefined || isSpacedCredential(token)) && isHeaderCredential(token));
      if (credentials !== undefined) out.push(...schemeFinds(credentials));
    }
  }
  // What is found above is found once: an overlap is merged where the detections are accepted (`runDetectors`).
  if (/basic[ \t]/i.test(text)) {
    for (const m of matches(text, BASIC_IN_TEXT)) if (isBasicCredentials('basic', m[1])) out.push(...schemeFinds({ scheme: 'Basic', secrets: [{ raw: m[1], start: m.index + m[0].length - m[1].length }] }));
  }
  if (/auth|cred/i.test(text)) {
    for (const m of matches(text, AUTH_IN_TEXT)) {
      const pair = encodedPair(m[4], m.index + m[0].length - m[4].length - m[3].length);
      if (pair !== undefined) out.push(pair);
    }
  }
  return out;
};

/** Whether a value under `label` may hold a key header's credentials whatever its text (`mayHold` reads no label in `detectAll`). */
const namesKeyHeader = (label: string | undefined): boolean => label !== undefined && KEY_HEADER.test(headerOf(label));

// ---------------------------------------------------------------------------------------------
// Personal data

/** A character of a URL's scheme (RFC 3986). */
const SCHEME_CHAR = /[a-zA-Z0-9+.-]/;

/**
 * Whether `text` before a position is in a URL's authority (`ssh://git@…`): whether `text.slice(0, at)` ends in
 * `[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s/]*`, asked of positions in increasing order. Asking that regex of each prefix
 * read the text again at each address (a value of 20,000 addresses took minutes); this reads it once: the prefix
 * ends so only if the last space or `/` before `at` closes a `scheme://`.
 */
function urlAuthorityBefore(text: string): (at: number) => boolean {
  let read = 0;
  let boundary = -1;
  const afterScheme = new Map<number, boolean>();
  const closesScheme = (slash: number): boolean => {
    if (slash < 3 || text[slash - 1] !== '/' || text[slash - 2] !== ':') return false;
    let letter = false;
    for (let i = slash - 3; i >= 0 && SCHEME_CHAR.test(text[i]); i--) letter ||= /[a-zA-Z]/.test(text[i]);
    return letter;
  };
  return (at) => {
    for (; read < at; read++) if (text[read] === '/' || /\s/.test(text[read])) boundary = read;
    if (boundary < 0 || text[boundary] !== '/') return false;
    // Each scheme is read once: the run before one `://` ends at its `:`, so the runs of two never overlap.
    if (!afterScheme.has(boundary)) afterScheme.set(boundary, closesScheme(boundary));
    return afterScheme.get(boundary) === true;
  };
}

const emails: Detector = (text) => {
  const out: Found[] = [];
  if (text.includes('@')) {
    const inUrlAuthority = urlAuthorityBefore(text);
    for (const m of matches(text, EMAIL)) {
      const raw = addressAt(text, m);
      // `ssh://git@github.com/...` names a host, not a person.
      if (raw === undefined || inUrlAuthority(m.index)) continue;
      out.push({ kind: 'email', what: 'an email address', raw, masked: maskEmail(raw), start: m.index });
    }
  }
  if (text.includes(ENCODED_AT)) out.push(...encodedEmails(text));
  return out;
};

/**
 * Addresses a URL carries percent-encoded (`https://calendar.example.com/embed?src=jane.doe%40example.com`,
 * `mailto:jane%40example.com`): judged decoded as any address is (`encodedAddressAt`), the encoded text reported and
 * masked as the address (`j***@e***.com`).
 */
function encodedEmails(text: string): Found[] {
  const out: Found[] = [];
  for (const m of matches(text, ENCODED_EMAIL)) {
    const address = encodedAddressAt(m[0]);
    // The address is the decoded text or its start (a file's name that starts with one): encoded, 2 characters longer.
    if (address !== undefined) out.push({ kind: 'email', what: 'an email address', raw: m[0].slice(0, address.length + ENCODED_AT.length - 1), masked: maskEmail(address), start: m.index });
  }
  return out;
}

/**
 * Phone numbers: an international number (`+` and 8 to 15 digits, the first not 0 as no E.164
 * country code begins with one, spaces, dots, dashes or parentheses between them) or a North
 * American one written with separators (`(555) 123-4567`, `555-123-4567`, `(555) 123 4567`: spaces
 * alone only after an area code in parentheses). Bare digit runs (account ids, timestamps), digits
 * in groups with spaces alone (`128 256 1024`), dotted quads (IPs, versions), dates and `+hh:mm`
 * offsets do not match, but where a name says they are a phone's (`namesPhone`, `PHONE_WORD`).
 */
const INTERNATIONAL_PHONE = /(?<![\w+])\+[1-9](?:[ .-]?\(?\d\)?){7,16}(?![\w])/g;
const NANP_PHONE = /(?<![\w.+/:-])(?:\(\d{3}\) ?\d{3}[-. ]|\d{3}[-. ]\d{3}[-.])\d{4}(?![\w.:/-])/g;

const phones: Detector = (text, options) => {
  const phone = (raw: string, start: number): Found => ({ kind: 'phone', what: 'a phone number', raw, masked: maskPhone(raw), start });
  const international = text.includes('+') ? matches(text, INTERNATIONAL_PHONE).filter((m) => {
    const digits = m[0].replace(/\D/g, '').length;
    return digits >= 8 && digits <= 15 && !/[.-]{2}/.test(m[0]);
  }) : [];
  const northAmerican = /\d{3}[-. )]/.test(text) ? matches(text, NANP_PHONE) : [];
  const found = [...international, ...northAmerican].map((m) => phone(m[0], m.index));
  // A number in any country's own writing, with spaces alone or none (`555 010 9999`, `020 7946 0958`, `06 12 34 56 78`), is
  // one only where a name says so: the tag key or field it is under (`Phone`, `OnCallMobile`, `fax_number`), or a word
  // just before it in the text (`Tel: 555 010 9999`). Unnamed, such digits are sizes, ports and counts as often.
  const named = namesPhone(options.label) ? matches(text, LOCAL_PHONE).map((m) => ({ raw: m[0], start: m.index })) : PHONE_WORD_HINT.test(text) ? afterPhoneWords(text) : [];
  if (named.length === 0) return found;
  // Where the shapes above found one, it stands: the positions they cover, in order, read once as the named numbers are.
  const covered = found.map((f) => [f.start, f.start + f.raw.length]).sort((a, b) => a[0] - b[0]);
  let next = 0;
  for (const { raw, start } of named) {
    const digits = raw.replace(/\D/g, '').length;
    if (digits < 7 || digits > 15 || /[.-]{2}|[.-]\s|\s[.-]/.test(raw) || NOT_PHONE.test(raw) || !isPhoneGrouping(raw)) continue;
    while (next < covered.length && covered[next][1] <= start) next++;
    if (next < covered.length && covered[next][0] < start + raw.length) continue;
    found.push(phone(raw, start));
  }
  return found;
};

/**
 * A phone number as a country writes it at home: digits in groups of one to five, an area code maybe in parentheses,
 * spaces, dots or dashes between groups or none, a `+` maybe before it; the whole run of such characters.
 */
const LOCAL_PHONE_BODY = String.raw`\+?(?:\(\d{1,5}\)|\d)[\d ().-]{5,24}\d(?![\w:/]|[.-]\d)`;
const LOCAL_PHONE = new RegExp(String.raw`(?<![\w+.:/-])` + LOCAL_PHONE_BODY, 'g');
/** A dotted quad (an IP address) or a date (`2024-06-15`, `2024.06.15`, `15.06.2024`): digits a phone's name can sit before that are none. */
const NOT_PHONE = /^\d{1,3}(?:\.\d{1,3}){3}$|^\d{4}([-./])\d{2}\1\d{2}$|^\d{2}([./])\d{2}\2\d{4}$/;

/**
 * Whether a number a name points at is grouped as a phone's: with a trunk or country prefix (a leading `0`, `+` or
 * area code in parentheses: `020 7946 0958`, `06 12 34 56 78`), in one run (`5550109999`), or grouped as a North
 * American number is without one (`555 010 9999`, `1 555 010 9999`, `555 0199`). `1024 2048 4096` under a `Mobile` tag
 * (sizes) is none.
 */
function isPhoneGrouping(raw: string): boolean {
  if (/^[+0(]/.test(raw)) return true;
  const groups = raw.split(/[ .-]+/).map((group) => group.length);
  return groups.length === 1 || /^(?:1,)?(?:3,)?3,4$/.test(groups.join(','));
}

/** Words that name a phone, as the last word of a name (`on_call_phone`, `MobileNumber`: a last `number` or `no` is left out). */
const PHONE_NAMES: ReadonlySet<string> = new Set(['phone', 'phones', 'telephone', 'tel', 'mobile', 'cellphone', 'fax', 'msisdn']);
const NUMBER_NAMES: ReadonlySet<string> = new Set(['number', 'numbers', 'no', 'num', 'nr']);
const PHONE_NAME_HINT = /phone|tel|mobile|fax|msisdn/i;

/** Whether `label` (a tag key, a field's or an output's name) names a phone: `Phone`, `OnCallPhone`, `contact-mobile`, `fax_number`, `Tel`. */
export function namesPhone(label: string | undefined): boolean {
  if (label === undefined || !PHONE_NAME_HINT.test(label)) return false;
  const words = snakeName(label).split(/[\s_.:]+/).filter((word) => word !== '');
  const last = words.length > 1 && NUMBER_NAMES.has(words[words.length - 1]) ? words.length - 2 : words.length - 1;
  return last >= 0 && PHONE_NAMES.has(words[last]);
}

/** A word naming a phone in text, then maybe `number`, `no.` or `#`, and `:` or `=`: what comes next is one (`Tel: 555 010 9999`, `phone number 020 7946 0958`). */
const PHONE_WORD = /(?<![\p{L}\p{N}_])(?:phone|telephone|tel|mobile|fax)(?![\p{L}\p{N}_])\.?(?:\s*(?:number|no\.?|#))?\s*[:=]?\s*/giu;
/** `PHONE_WORD`'s word, for `mayHold`: in ASCII, so a text it leaves out holds no `PHONE_WORD` (`telemetry`, `hotel` hold none). */
const PHONE_WORD_HINT = /(?<![A-Za-z0-9_])(?:phone|telephone|tel|mobile|fax)(?![A-Za-z0-9_])/i;

/** The numbers (`LOCAL_PHONE`) that come straight after a word naming a phone (`PHONE_WORD`) in `text`. */
function afterPhoneWords(text: string): { raw: string; start: number }[] {
  const out: { raw: string; start: number }[] = [];
  PHONE_WORD.lastIndex = 0;
  for (let m = PHONE_WORD.exec(text); m !== null; m = PHONE_WORD.exec(text)) {
    const at = m.index + m[0].length;
    LOCAL_PHONE_AT.lastIndex = at;
    const number = LOCAL_PHONE_AT.exec(text);
    if (number !== null) out.push({ raw: number[0], start: at });
    if (m[0].length === 0) PHONE_WORD.lastIndex++;
  }
  return out;
}

/** `LOCAL_PHONE` where a word naming a phone ends (`Tel:555…`). */
const LOCAL_PHONE_AT = new RegExp(LOCAL_PHONE_BODY, 'y');

// ---------------------------------------------------------------------------------------------
// Long random tokens

const TOKEN_RUN = /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/=_-]{32,512}(?![A-Za-z0-9+/=_-])/g;

/** Shannon entropy in bits per character. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

/**
 * What CloudFormation and the CDK add to a physical name, which a random token resembles:
 * the random suffix of `{stack}-{logical id}-{suffix}` (12 or 13 letters and digits, of one case
 * in older names, `-1N4UXA4AAAAA`, of both today, `sam-app-HelloWorldFunction-Vpk8T8NLcF4W`) and the
 * 8-digit hash ending a CDK logical id (`HelloHandler2E4FBA4D`).
 */
const CFN_SUFFIX = /-[A-Za-z0-9]{12,13}$/;
const CDK_HASH = /(?<=[a-z0-9])[0-9A-F]{8}(?=-|$)/g;

/**
 * A long run of letters and digits that looks random: upper and lower case and several digits
 * mixed, high entropy, and not a hex digest or UUID (those name things, they do not unlock them).
 * A CloudFormation physical name (`CdkWorkshopStack-HelloHandler2E4FBA4D-1N4UXA4AAAAA`,
 * `awseb-e-mdgd3mmpa4-stack-AWSEBSecurityGroup-1N3XJ4Q1AQPQW`) is judged without its generated
 * parts: what is left is words, not a token; a token with such a part added stays a token.
 */
export function isToken(text: string): boolean {
  if (text.length < 32 || /^[0-9a-fA-F-]+$/.test(text)) return false;
  const named = text.replace(CFN_SUFFIX, '').replace(CDK_HASH, '');
  if (named !== text) return isToken(named);
  if (!/[A-Z]/.test(text) || !/[a-z]/.test(text) || (text.match(/[0-9]/g)?.length ?? 0) < 3) return false;
  // Words joined by separators (`my-Service-Name-2024-...`) are identifiers, not tokens.
  if (text.split(/[-_/]/).some((part) => part.length === 0) || /(?:[-_/][^-_/]{1,6}){4,}/.test(text)) return false;
  return entropy(text) >= 4.2 && classChanges(text) >= 0.45;
}

/** A run of 40 letters and digits or more, of one case (hex, base32, base36), with no separator. */
const ONE_CASE_RUN = /^(?:[0-9a-z]{40,}|[0-9A-Z]{40,})$/;

/**
 * Whether a URL's user (alone, before an empty password or before one) is a token, as git hosts take one there:
 * GitHub's `https://<token>@github.com/…`, Azure DevOps', Gitea's. A user name is a word or words (`git`,
 * `oauth2`, `x-access-token`, `jdoe`, `aws_jenkins`), a placeholder (`${GITHUB_TOKEN}`), at most a public
 * key's id (a Sentry DSN's: 32 hex digits). A token is what `isToken` takes, or a run it leaves out for its
 * alphabet alone (in free text, hex and one case name things: a digest, a commit, a host) where no user is
 * named so: 40 letters and digits or more of one case (GitHub's tokens before 2021 and Gitea's, 40 hex digits;
 * Azure DevOps' personal access tokens, 52 of base32), `isToken`'s three digits or more, mixed through the
 * letters (`classChanges`: about 0.3 for a random run of base32, 0.47 of hex; under 0.05 for words with a number after
 * them).
 */
function isUserToken(user: string): boolean {
  if (isToken(user)) return true;
  return ONE_CASE_RUN.test(user) && /[a-z]/i.test(user) && (user.match(/[0-9]/g)?.length ?? 0) >= 3 && classChanges(user) >= 0.1;
}

const classOf = (c: string): number => (/[a-z]/.test(c) ? 0 : /[A-Z]/.test(c) ? 1 : /[0-9]/.test(c) ? 2 : 3);

/**
 * How often consecutive characters change class (lower, upper, digit, other): about 0.6 for a
 * random token, under 0.4 for words in camel case (`TwinMakerWorkspaceRole2024`).
 */
function classChanges(text: string): number {
  let changes = 0;
  for (let i = 1; i < text.length; i++) if (classOf(text[i]) !== classOf(text[i - 1])) changes++;
  return changes / (text.length - 1);
}

/**
 * A digest in base64, as `filebase64sha256` writes a Lambda's `source_code_hash`: SHA-1, SHA-256,
 * SHA-384 or SHA-512 long (28, 44, 64, 88 characters, `=` padded), with a subresource integrity
 * prefix (`sha256-…`) or under a name or after words that say so (`SourceHash`, `checksum …`).
 * A random 32-byte key has the shape of a SHA-256 digest: unnamed, it stays a token.
 */
const BASE64_DIGEST = /^(?:sha(?:1|256|384|512)-)?(?:[A-Za-z0-9+/]{27}=|[A-Za-z0-9+/]{43}=|[A-Za-z0-9+/]{64}|[A-Za-z0-9+/]{86}==)$/;
const SRI_PREFIX = /^sha(?:1|256|384|512)-/;
const DIGEST_WORDS: ReadonlySet<string> = new Set(['hash', 'sha', 'sha1', 'sha256', 'sha384', 'sha512', 'md5', 'digest', 'checksum', 'etag', 'fingerprint', 'integrity']);

/** Whether text names a digest by a word of its own (`SourceHash`, `source_code_hash`, `sha256 of`), not inside another (`SharedKey`, `HashiCorp`). */
const namesDigest = (text: string): boolean => wordsOf(text).some((word) => DIGEST_WORDS.has(word));

/** The words of a name or a text, lower case: camelCase, snake_case and kebab-case split (`SourceHash` is source, hash). */
const wordsOf = (text: string): string[] => text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

const isDigest = (run: string, before: string, label: string | undefined): boolean =>
  BASE64_DIGEST.test(run) && (SRI_PREFIX.test(run) || namesDigest(label ?? '') || namesDigest(before));

/** An OpenSSH public key's line: its type, the key in base64 (`AAAA…`), a comment. */
const SSH_PUBLIC_KEY = /^(?:ssh-(?:rsa|dss|ed25519|ed448)|ecdsa-sha2-nistp(?:256|384|521)|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)(?:-cert-v01@openssh\.com)? AAAA[A-Za-z0-9+/]+=*(?: [^\n]*)?$/;
const isSshPublicKey = (text: string): boolean => SSH_PUBLIC_KEY.test(text);

/**
 * Whether a run of base64 is an SSH public key's blob (`AAAAC3NzaC1lZDI1NTE5…`): the length of the
 * key type, then the type (`ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`). Public by design: a
 * bastion's description, an authorized key.
 */
function isSshKeyBlob(run: string): boolean {
  if (!run.startsWith('AAAA')) return false;
  const bytes = Buffer.from(run.slice(0, 64), 'base64');
  const length = bytes.length >= 4 ? bytes.readUInt32BE(0) : 0;
  return length > 0 && length <= 40 && bytes.length >= 4 + length && /^(?:ssh-|ecdsa-|sk-)[a-z0-9@.-]+$/.test(bytes.subarray(4, 4 + length).toString('latin1'));
}

/** A PEM block of public data: a certificate, a public key, a request. */
const PUBLIC_PEM = /-----BEGIN (?:[A-Z0-9]+ )*(?:CERTIFICATE|PUBLIC KEY|CERTIFICATE REQUEST)-----[\s\S]*?-----END (?:[A-Z0-9]+ )*(?:CERTIFICATE|PUBLIC KEY|CERTIFICATE REQUEST)-----/g;

/**
 * Whether a run is base64 of text with no secret in it: a public certificate base64-encoded (as
 * Kubernetes and many APIs take one), an id or a word encoded (`ZXhhbXBsZS13b3Jrc3BhY2U=`). Text that
 * holds a credential (a private key, a token, `user:password` as HTTP Basic encodes it) is no plain text.
 */
function encodesPlainText(run: string): boolean {
  const standard = run.replace(/-/g, '+').replace(/_/g, '/');
  const padded = standard.length % 4 === 0 ? standard : standard + '='.repeat(4 - (standard.length % 4));
  const text = base64Text(padded);
  if (text === undefined) return false;
  // `user:password`, as HTTP Basic encodes it.
  if (/^[^\s:]+:\S+$/.test(text.trim())) return false;
  const rest = text.replace(PUBLIC_PEM, ' ');
  return runDetectors(rest, { scope: 'credentials' }).length === 0 && !matches(rest, TOKEN_RUN).some((m) => isToken(m[0]));
}

const randomTokens: Detector = (text, options) =>
  text.length < 32
    ? []
    : matches(text, TOKEN_RUN)
        .filter((m) => isToken(m[0]) && !isDigest(m[0], text.slice(Math.max(0, m.index - 40), m.index), options.label) && !isSshKeyBlob(m[0]) && !encodesPlainText(m[0]))
        .map((m) => ({ kind: 'token', what: 'a long random string that looks like a secret', raw: m[0], masked: maskSecret(m[0]), start: m.index }));

// ---------------------------------------------------------------------------------------------
// Configured patterns

const compiled = new WeakMap<readonly SensitivePattern[], readonly { readonly name: string; readonly regex: RegExp }[]>();

/** Compile `settings.sensitivePatterns` once per settings object; a bad pattern is an error naming it. */
function compilePatterns(patterns: readonly SensitivePattern[]): readonly { readonly name: string; readonly regex: RegExp }[] {
  const cached = compiled.get(patterns);
  if (cached) return cached;
  const out = patterns.map(({ name, pattern }) => {
    try {
      return { name, regex: new RegExp(pattern, 'g') };
    } catch (error) {
      throw new Error(`sensitivePatterns "${name}": not a valid regular expression: ${(error as Error).message}`);
    }
  });
  compiled.set(patterns, out);
  return out;
}

const customPatterns: Detector = (text, options) =>
  compilePatterns(options.patterns ?? []).flatMap(({ name, regex }) =>
    matches(text, regex).map((m) => ({ kind: 'custom' as const, what: `text matching the sensitive pattern "${name}"`, raw: m[0], masked: maskSecret(m[0]), start: m.index })),
  );

// ---------------------------------------------------------------------------------------------

// Credentials after their name last: a known shape after `TOKEN=` is named as what it is.
const CREDENTIAL_DETECTORS: readonly Detector[] = [privateKeys, urlCredentials, goDsns, tokenShapes, accessKeyIds, secretAccessKeys, headerCredentials, namedInText];
const SHAPED_DETECTORS: readonly Detector[] = [...CREDENTIAL_DETECTORS, emails, phones, customPatterns];
const ALL_DETECTORS: readonly Detector[] = [...SHAPED_DETECTORS, randomTokens];

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What every match of each built-in detector contains, per scope: `PRIVATE KEY`, `://`,
 * a token shape's hint, an access key id prefix, a 40-character secret key run, a credential's name
 * before `=` or `:` (`mayNameCredential`); for `all` also `@` (and `%40`, its percent-encoded form),
 * `+` (international phones), a North American phone number and a 32-character token run. Text
 * without any of them cannot match, so `detect` skips the detectors.
 * `__tests__/rules/sensitive-data/detect-prefilter.test.ts` checks that it never drops a detection.
 * Measured with the per-provider default_tags memo of no-sensitive-data-in-tags, on the bench's
 * generated plan (seed 7), whole `twinguard check`: 100k resources 25.2 s -> 17.6 s; with the split
 * test below, `npm run bench` 100k: 15.9 s.
 */
const CREDENTIAL_HINTS = [...PRIVATE_KEY_HINTS, '://', ...GO_DSN_HINTS, ...TOKEN_SHAPES.flatMap((shape) => shape.hints), 'AKIA', 'ASIA', 'ABIA', 'ACCA'].map(escapeRegex);
/** A set of ASCII characters, as a lookup table by char code. */
function charClass(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A run of characters of a class, of at least some length. */
export interface Run {
  readonly chars: Uint8Array;
  readonly length: number;
}

/**
 * Whether `text` holds `run.length` consecutive characters of the class. Tests the last character
 * of each window first and restarts after any character outside the class, so it reads a fraction
 * of the text. Written by hand: `/[A-Za-z0-9/+]{40}/.test` on a key policy, an ARN, a name and a
 * description, 300k times each: 7.8–9.6 s; this: 0.13–0.16 s.
 */
export function hasRun(text: string, run: Run): boolean {
  const { chars, length } = run;
  let start = 0;
  while (start + length <= text.length) {
    let p = start + length - 1;
    for (; p >= start; p--) {
      const c = text.charCodeAt(p);
      if (c >= 128 || chars[c] !== 1) break;
    }
    if (p < start) return true;
    start = p + 1;
  }
  return false;
}

// A regex of hints and a run test, not one regex: the run as an alternative made the test ~5x
// slower (micro-benchmark on tag-like strings: 1.8–2.4 s -> 0.35–0.42 s for 800k tests).
// North American phone numbers are tested by their own regex: any hint they all contain (`ddd-dddd`)
// is also in names such as `tg7-s100-111111111111-eu-west-1-trail`.
const MAY_HOLD: Readonly<Record<Scope, { readonly hints: RegExp; readonly exact?: RegExp; readonly run: Run }>> = {
  // An AWS secret access key's shape: [A-Za-z0-9/+]{40}.
  credentials: { hints: new RegExp(CREDENTIAL_HINTS.join('|')), run: { chars: charClass(`${ALNUM}/+`), length: 40 } },
  // A random token's shape: [A-Za-z0-9+/=_-]{32}.
  all: { hints: new RegExp(`${CREDENTIAL_HINTS.join('|')}|@|%40|\\+`), exact: new RegExp(NANP_PHONE.source), run: { chars: charClass(`${ALNUM}+/=_-`), length: 32 } },
};

const UPPER = /[A-Z]/;
const LOWER = /[a-z]/;

// ---------------------------------------------------------------------------------------------
// Base64-encoded text

/**
 * How deep base64 is decoded: the text a run encodes, and the text a run in that text encodes
 * (`base64encode(base64encode(…))`, a kubeconfig's `client-key-data` in a base64 kubeconfig). No deeper:
 * each level is a search of its own.
 */
export const BASE64_LEVELS = 2;

/**
 * A run of base64 of 16 characters or more (12 bytes: about the shortest text a detector finds,
 * `ftp://u:pw@h`), in the standard alphabet or RFC 4648's URL-safe one (`-`, `_`), padded or not;
 * after `=` too (`dsn=Z2hw…`: padding ends a run, it never starts one). Of these, a run padded in the
 * standard alphabet, as Terraform's `base64encode` writes it, is `base64Text`'s; any other is
 * `looseBase64Text`'s.
 */
const BASE64_RUN = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{16,}(?:==?)?(?![A-Za-z0-9+/=_-])/g;

/** What every `BASE64_RUN` holds: 16 characters of its alphabets in a row. */
const BASE64_CHARS: Run = { chars: charClass(`${ALNUM}/+_-`), length: MIN_BASE64_TEXT_LENGTH };

/** A run of base64 that encodes text, and the text. */
interface Encoded {
  readonly run: string;
  readonly start: number;
  readonly decoded: string;
  /** The run is padded in the standard alphabet, as `base64encode` writes it. */
  readonly padded: boolean;
  /** The run encodes the text gzip-compressed (`base64gzip`, `gzipBase64Text`). */
  readonly gzip?: true;
  /** A gzip run not inflated (`unsearched`): its `decoded` is empty. */
  readonly unsearched?: true;
}

/** The gzip runs of one text inflated at most: past them, each is `unsearched` (a value of a thousand small bombs). */
const MAX_GZIP_RUNS = 8;

/**
 * The base64 runs of `text` that encode printable UTF-8 text, with that text: a credential written
 * base64-encoded (`TOKEN = "Z2hwX…"`, `"Basic ${base64encode("deploy:${token}")}"` as written out)
 * is in clear to anyone who decodes it. Other runs (a hash, an id, random bytes) decode to no such text.
 */
function encodedTexts(text: string): readonly Encoded[] {
  // Every run holds 16 characters of the alphabets in a row: most strings have none. Not always of
  // both cases: base64 of `ASIAEVLNRTVDSRHEFKQ4` (an access key id) has no lower-case letter.
  if (text.length < BASE64_CHARS.length || !hasRun(text, BASE64_CHARS)) return NONE;
  // Read match by match, not collected: most runs are names and ids that decode to nothing.
  let out: Encoded[] | undefined;
  const gzip = { runs: 0 };
  BASE64_RUN.lastIndex = 0;
  for (let m = BASE64_RUN.exec(text); m !== null; m = BASE64_RUN.exec(text)) {
    const whole = encodedText(m[0], m.index, gzip);
    if (whole !== undefined) (out ??= []).push(whole);
    else if (m[0].includes('/')) {
      // `/` is in the standard alphabet, and a URL's path joins the run (`com/invite/amFu…`, decoded misaligned): each
      // segment between its `/` of a run's length is decoded on its own, once.
      let at = m.index;
      for (const segment of m[0].split('/')) {
        const found = segment.length >= MIN_BASE64_TEXT_LENGTH ? encodedText(segment, at, gzip) : undefined;
        if (found !== undefined) (out ??= []).push(found);
        at += segment.length + 1;
      }
    }
  }
  return out ?? NONE;
}

/**
 * `run` at `start` as an `Encoded` where it encodes printable text, or gzip-compressed text; a gzip run past the text's
 * `MAX_GZIP_RUNS` (`gzip.runs` counts them) or longer than `MAX_GUNZIPPED_BYTES` inflated is `unsearched`.
 */
function encodedText(run: string, start: number, gzip: { runs: number }): Encoded | undefined {
  const padded = run.length % 4 === 0 ? base64Text(run) : undefined;
  const decoded = padded ?? looseBase64Text(run);
  if (decoded !== undefined) return { run, start, decoded, padded: padded !== undefined };
  // Base64 of gzip (`base64gzip()` user data): binary to `base64Text`, text once inflated.
  if (!isGzipBase64(run)) return undefined;
  const inflated = gzip.runs < MAX_GZIP_RUNS ? gzipBase64Text(run) : TOO_LARGE;
  if (inflated === undefined) return undefined;
  gzip.runs += 1;
  return inflated === TOO_LARGE ? { run, start, decoded: '', padded: true, gzip: true, unsearched: true } : { run, start, decoded: inflated, padded: true, gzip: true };
}

/**
 * A gzip run twinguard did not inflate (`Encoded.unsearched`), reported so the gate fails closed and masks it: padding
 * to a megabyte, or many runs in one value, would otherwise hide whatever the stream holds after it.
 */
const unsearchedGzip = (run: string, start: number): Found => ({
  kind: 'token',
  what: `a gzip-compressed, base64-encoded run twinguard did not search (over ${MAX_GUNZIPPED_BYTES / 1024 / 1024} MiB inflated, or past the ${MAX_GZIP_RUNS}th such run in one value), which may hold anything`,
  raw: run,
  masked: `${GZIP_BASE64_MAGIC}${STARS}`,
  start,
  secrets: [run],
});

const NONE: readonly Encoded[] = [];

/**
 * The options the text of a run is searched with, `levels` being the levels left to decode where the
 * run is: at the first level, those of the text around it for a padded run, as base64encode writes one
 * (an email address encoded in a tag is one), and for another run (URL-safe or unpadded) the same but
 * the long random strings that look like a secret: most runs of that alphabet are names and ids, and a
 * random one decodes to text by chance now and then, but never to an email address or a phone number
 * (`jane.roe@example.com` is as plain to whoever decodes `amFuZS5yb2VAZXhhbXBsZS5jb20` as its padded
 * form). At the second level, credential shapes alone. So a URL-safe or unpadded run is decoded only
 * where its text holds a credential, or personal data where that is searched (`scope: 'all'`).
 */
function decodedOptions(options: DetectOptions, padded: boolean, levels: number): DetectOptions {
  if (levels === BASE64_LEVELS) return padded || options.scope === 'credentials' || options.randomTokens === false ? options : { ...options, randomTokens: false };
  return { scope: 'credentials', ...(options.label === undefined ? {} : { label: options.label }), ...(options.nearKeyId ? { nearKeyId: true } : {}) };
}

const ENCODED = ', base64-encoded';

/**
 * What a finding inside base64 is, said of the run: `…, base64-encoded`, `… twice`, then `… three times` (base64 of
 * `user:password` under two levels of base64 read `…, base64-encoded twice, base64-encoded`).
 */
function encodedOnceMore(what: string): string {
  if (what.endsWith(ENCODED)) return `${what} twice`;
  if (what.endsWith(`${ENCODED} twice`)) return `${what.slice(0, -' twice'.length)} three times`;
  return `${what}${ENCODED}`;
}

/**
 * What the detectors find in the text base64 runs of `text` encode, each placed on its run: the run
 * is masked whole in every report (`secrets`), with what the detector found in the decoded text
 * (whose encoded forms are masked too). Base64 inside decoded text is decoded again while `levels` last.
 */
function inBase64(text: string, options: DetectOptions, levels: number): Found[] {
  return encodedTexts(text).flatMap(({ run, start, decoded, padded, gzip, unsearched }) => {
    if (unsearched) return [unsearchedGzip(run, start)];
    // A public certificate or key encoded (a CA bundle in a description) is no secret: its body is not searched.
    const inner = detect(decoded.replace(PUBLIC_PEM, ' '), decodedOptions(options, padded, levels), levels - 1);
    if (inner.length === 0) return [];
    // One finding per run, as the first inside it reads, with every secret inside it: merged here once, not one merge
    // (a redactor built over the run) per finding inside (a Docker config's thousand registries: half a minute).
    const [first, ...rest] = inner;
    const secrets = [...new Set([run, ...inner.flatMap((found) => found.secrets)])];
    return [{
      kind: first.kind,
      what: encodedOnceMore(gzip ? `${first.what}, gzip-compressed` : first.what),
      raw: run,
      masked: rest.length === 0 ? first.masked : redactAll(first.masked, [run, ...new Set(rest.flatMap((found) => found.secrets))]),
      start,
      end: start + run.length,
      secrets,
    }];
  });
}

/**
 * Whether any detector may match `text`: false only when none can (configured patterns may match anything).
 * It is `detect`'s only prefilter, and the prefilter test checks it against the detectors: a shortcut
 * beside it (short text without `@`, a URL or three digits in a row is plain) skipped phone numbers
 * written in pairs of digits (`+33 6 12 34 56 78`) and short Slack tokens.
 * The run detectors (a secret access key, a random token) accept only runs with upper and lower case
 * letters, so a text without both needs no run test: lower-case names (S3 buckets, with an account
 * id and dashes) made a 32-character run and ran every detector. With the phone regex for the
 * `ddd-` hint, the strings of the 10k bench plan that pass went from 28,044 to 2,140 of 187,583;
 * on the 100k plan, the tags rule took about 25% less time and the free-form rule 35% less
 * (measured against required-tags in the same run: this machine's speed varies from run to run).
 */
export function mayHold(text: string, options: DetectOptions, levels = BASE64_LEVELS): boolean {
  if (options.scope === 'all' && (options.patterns ?? []).length > 0) return true;
  const { hints, exact, run } = MAY_HOLD[options.scope];
  return (
    hints.test(text) ||
    exact?.test(text) === true ||
    mayNameCredential(text) ||
    HEADER_HINT.test(text) ||
    namesKeyHeader(options.label) ||
    namesAuthorization(options.label) ||
    // A number a name says is a phone's (`phones`): under a tag key or field naming one, or after a word naming one.
    (options.scope === 'all' && (namesPhone(options.label) || PHONE_WORD_HINT.test(text))) ||
    (UPPER.test(text) && LOWER.test(text) && hasRun(text, run)) ||
    // A JSON document's escaped strings (`postgres:\/\/app:pw@…`, `\u0041KIA…`) are searched decoded (inJsonStrings):
    // the raw text shows none of the hints above.
    mayHoldEscaped(text) ||
    // Nor does a URL or credential percent-encoded in a query value (inPercentEncoded).
    (levels > 0 && mayHoldPercent(text, options)) ||
    // Nor does base64 of a credential (inBase64): its runs are decoded, and the decoded text tested.
    (levels > 0 && encodedTexts(text).some(({ decoded, padded }) => mayHold(decoded, decodedOptions(options, padded, levels), levels - 1)))
  );
}

/**
 * A run of text with percent-encoded characters in it (`https%3A%2F%2Fhooks.slack.com%2F…`, `postgres%3A%2F%2Fu%3Apw%40h`):
 * a URL or credential carried in a query value, which a reader decodes. It starts after a `=` or `?` and runs to a space,
 * `&` or quote.
 */
const PERCENT_RUN = /[^\s&"'<>`=?]*%[0-9A-Fa-f]{2}[^\s&"'<>`]*/g;
const PERCENT_HINT = /%[0-9A-Fa-f]{2}/;

/** The percent-encoded runs of `text` that decode to other text, with that text. */
const percentRuns = (text: string): { readonly run: string; readonly start: number; readonly decoded: string }[] =>
  matches(text, PERCENT_RUN)
    .map((m) => ({ run: m[0], start: m.index, decoded: safeDecode(m[0]) }))
    .filter(({ run, decoded }) => decoded !== run);

/**
 * What the credential detectors find in the text percent-encoded runs of `text` decode to (`?target=https%3A%2F%2Fhooks.slack.com%2Fservices%2F…`):
 * one finding per run, placed on it, as the first inside it reads, the run and every secret inside it masked.
 */
function inPercentEncoded(text: string, options: DetectOptions): Found[] {
  if (!PERCENT_HINT.test(text)) return [];
  return percentRuns(text).flatMap(({ run, start, decoded }) => {
    const inner = detect(decoded, { scope: 'credentials', ...(options.label === undefined ? {} : { label: options.label }) }, 0);
    if (inner.length === 0) return [];
    const [first] = inner;
    return [{ kind: first.kind, what: `${first.what}, percent-encoded`, raw: run, secrets: [...new Set([run, ...inner.flatMap((found) => found.secrets)])], masked: first.masked, start, end: start + run.length }];
  });
}

/** Whether `inPercentEncoded` may find something in `text`. */
const mayHoldPercent = (text: string, options: DetectOptions): boolean =>
  PERCENT_HINT.test(text) && percentRuns(text).some(({ decoded }) => mayHold(decoded, { scope: 'credentials', ...(options.label === undefined ? {} : { label: options.label }) }, 0));

/** Whether `inJsonStrings` decodes `text`: a JSON document with an escape. */
const mayHoldEscaped = (text: string): boolean => text.includes('\\') && JSON_DOCUMENT.test(text);

/** Every detector's findings in `text`, without the prefilters: `detect` is this on text that may hold something. */
export function runDetectors(text: string, options: DetectOptions, levels = BASE64_LEVELS): Detection[] {
  const accepted: Detection[] = [];
  const overlapped = overlapIndex(accepted, text.length);
  const accept = (found: Found & { readonly end?: number }): void => {
    const end = found.end ?? found.start + found.raw.length;
    const secrets = found.secrets ?? [found.raw];
    const over = overlapped(found.start, end);
    if (over < 0) {
      accepted.push({ ...found, end, secrets });
      return;
    }
    // Reported as the one it overlaps (an IP address a pattern names, in a URL with a password), its
    // values are still secret: in that one's `redact`, and masked in its masked form (which keeps a URL's host).
    const d = accepted[over];
    accepted[over] = { ...d, secrets: [...new Set([...d.secrets, ...secrets])], masked: redactAll(d.masked, secrets) };
  };
  // A document's strings as its reader gets them first: the text's own match of an escaped string is a part of it.
  for (const found of inJsonStrings(text, options)) accept(found);
  const detectors = options.scope === 'credentials' ? CREDENTIAL_DETECTORS : options.randomTokens === false ? SHAPED_DETECTORS : ALL_DETECTORS;
  for (const detector of detectors) for (const found of detector(text, options)) accept(found);
  // Last, so a run another detector reports (a random token) keeps its message, with these secrets merged in.
  if (levels > 0) for (const found of inBase64(text, options, levels)) accept(found);
  if (levels > 0) for (const found of inPercentEncoded(text, options)) accept(found);
  return accepted.sort((a, b) => a.start - b.start);
}

/** Up to this many detections, an overlap is looked for in all of them; past it, by position. */
const FEW_DETECTIONS = 16;

/**
 * The first of `accepted` (in the order accepted) that overlaps `[start, end)`, or -1, for detections that never
 * overlap one another (one that overlaps is merged, not added). Past `FEW_DETECTIONS` each position of the text
 * knows the detection that covers it, so a lookup reads the span asked about rather than every detection: a value
 * of 10,000 URLs with a password compared each with all those before it (minutes).
 */
function overlapIndex(accepted: readonly Detection[], length: number): (start: number, end: number) => number {
  let covering: Int32Array | undefined;
  let indexed = 0;
  // A detection or a span that positions cannot hold (empty, or outside the text) sends every lookup to the list.
  let unindexable = false;
  const outside = (start: number, end: number): boolean => end <= start || start < 0 || end > length;
  return (start, end) => {
    if (unindexable || outside(start, end) || (covering === undefined && accepted.length <= FEW_DETECTIONS)) return accepted.findIndex((d) => start < d.end && d.start < end);
    // Each position holds the number of the detection that covers it, plus one; 0 is none.
    covering ??= new Int32Array(length);
    for (; indexed < accepted.length; indexed++) {
      const d = accepted[indexed];
      if (outside(d.start, d.end)) {
        unindexable = true;
        return accepted.findIndex((e) => start < e.end && e.start < end);
      }
      covering.fill(indexed + 1, d.start, d.end);
    }
    let first = -1;
    for (let at = start; at < end; at++) {
      const d = covering[at] - 1;
      if (d >= 0 && (first < 0 || d < first)) first = d;
    }
    return first;
  };
}

/** A JSON document's text: `jsonencode(…)`, a container definition, a policy. */
const JSON_DOCUMENT = /^\s*[[{]/;

/**
 * What the detectors find in the strings of a JSON document held in `text`, as its reader decodes
 * them, where the document escapes them: Terraform's `jsonencode` writes `&`, `<` and `>` as
 * `\u0026`, `\u003c` and `\u003e`, and a URL's match stops at the backslash
 * (`https://h/x?team=ops\u0026token=…`, `postgres://app:Zq8\u0026Wv3@db/app` passed). Each is placed
 * at the string's written form in `text` (the whole text when it cannot be found), so `masked`
 * hides it; `redact` masks every written form of the decoded value.
 */
function inJsonStrings(text: string, options: DetectOptions): (Found & { readonly end: number })[] {
  if (!mayHoldEscaped(text)) return [];
  const document = parsedJson(text);
  if (document === undefined) return [];
  const out: (Found & { readonly end: number })[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      // A string written without escapes was searched as part of the text.
      if (value.length === 0 || text.includes(value) || !mayHold(value, options)) return;
      for (const found of runDetectors(value, options)) {
        const at = placeIn(text, found.raw) ?? placeIn(text, value);
        out.push({ ...found, secrets: found.secrets, start: at?.start ?? 0, end: at?.end ?? text.length });
      }
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        visit(key);
        visit(inner);
      }
    }
  };
  visit(document);
  return out;
}

/** Where `decoded` is written in a JSON text, escaped as `JSON.stringify` or as Go's encoder (`\u0026`) escapes it. */
function placeIn(text: string, decoded: string): { start: number; end: number } | undefined {
  const once = JSON.stringify(decoded).slice(1, -1);
  for (const written of [once.replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`), once]) {
    const start = text.indexOf(written);
    if (start >= 0) return { start, end: start + written.length };
  }
  return undefined;
}

/**
 * Everything sensitive in `text`, in order of position. Where two detections overlap, the first
 * detector wins (a URL with a password is not also an email address; a JWT is not also a random
 * string).
 */
export const detect = (text: string, options: DetectOptions, levels = BASE64_LEVELS): Detection[] => (mayHold(text, options, levels) ? runDetectors(text, options, levels) : []);

/** A text to search and the name it sits under. */
export interface Item {
  readonly text: string;
  readonly label?: string;
}

const ACCESS_KEY_ID_TEST = new RegExp(ACCESS_KEY_ID.source);

/** Whether any of the texts holds an AWS access key id. */
export const mentionsAccessKeyId = (items: readonly Item[]): boolean => items.some((item) => item.text.length >= 20 && ACCESS_KEY_ID_TEST.test(item.text));

/** The options of a search for credentials alone (`scope: 'credentials'`), shared: no object per search. */
export const CREDENTIALS: Omit<DetectOptions, 'label' | 'nearKeyId'> = { scope: 'credentials' };

/**
 * Detections in several texts of one resource: an AWS access key id in any of them makes a bare
 * AWS secret key shape count in all of them ("near a key id"). A caller that searches a resource's
 * texts in parts passes `nearKeyId` for the whole.
 */
export function detectAll(items: readonly Item[], options: Omit<DetectOptions, 'label' | 'nearKeyId'>, nearKeyId = mentionsAccessKeyId(items)): Detection[][] {
  // The prefilter first: most texts hold nothing, and the options of a text are only made for the rest
  // (the spread per text cost ~1 s of 2M texts on the 100k bench plan).
  return items.map((item) => (mayFind(item.text, item.label, options) ? runDetectors(item.text, { ...options, label: item.label, nearKeyId }) : []));
}

/**
 * Whether `detectAll` may find anything in `text` under `label`: its own test of each text, so where this says no for
 * every text it finds nothing at all, and a rule may skip its work on them (most resources hold nothing a detector reports).
 */
export const mayFind = (text: string, label: string | undefined, options: Omit<DetectOptions, 'label' | 'nearKeyId'>): boolean =>
  mayHold(text, options) || namesKeyHeader(label) || namesAuthorization(label) || (options.scope === 'all' && namesPhone(label));

/** "an email address (j***@e***.com) and a phone number (+** *** ***-**67)". */
function describeDetections(detections: readonly Detection[]): string {
  const parts = [...new Set(detections.map((d) => `${d.what} (${d.masked})`))];
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Every raw value of some detections, for `redact`. */
export const secretsOf = (detections: readonly Detection[]): string[] => [...new Set(detections.flatMap((d) => d.secrets))];

/** What every detector, configured `patterns` too, finds in a text a report shows: its values to mask. */
export const secretsIn = (text: string, patterns: readonly SensitivePattern[]): string[] => secretsOf(detect(text, { scope: 'all', patterns }));

/**
 * What the detectors find in an address no rule judges (a change or an action an incomplete plan
 * deferred, an instance the plan destroys), with `texts` that go with it (a reason): no rule searches
 * their instance keys (`aws_sqs_queue.q["EMP-123456"]`). A key that holds something is masked whole, as
 * `no-sensitive-data-in-instance-keys` masks one.
 */
export function addressSecrets(address: string, patterns: readonly SensitivePattern[], ...texts: string[]): string[] {
  const instance = parseBlockAddress(address);
  const keys = [...(instance?.module ?? parseModuleAddress(address)).map((step) => step.key), instance?.key].filter((key): key is string => typeof key === 'string');
  const inKeys = keys.flatMap((key) => {
    const found = secretsIn(key, patterns);
    return found.length > 0 ? [key, ...found] : [];
  });
  return [...inKeys, ...[address, ...texts].flatMap((text) => secretsIn(text, patterns))];
}

/** Where the key of a tag map sits in `path`: after top-level `tags`, or after a tag map nested in a block (`isTagMap`); -1 when none. */
function tagKeyIndex(path: readonly PathSeg[], type: string | undefined): number {
  for (let i = 1; i < path.length; i += 1) if (isTags(path.slice(0, i), type) || isTagMap(path.slice(0, i))) return i;
  return -1;
}

/**
 * What the detectors find in the strings of the old state terraform prints (`LoadedInput.replaced`:
 * a change's `before`, what it destroys or replaces, drift, an output's old value), searched as the
 * rules search the new values at the same place: tags (their keys too), single tags and free-form
 * fields for personal data and secrets; any other attribute for credential shapes (under the name a
 * `{ name, value }` pair gives its value: `labelAt`) and, on an AWS resource, for what a credential's
 * name marks, read from the old value as the rules read the new (`namedStrings`: an attribute's
 * name, a plaintext `{ name = "DB_PASSWORD", value = … }` pair, the pairs and keys of an encoded
 * document, an ECS container's `environment`); an output's value as free-form text, its name as a
 * tag's key. For masking only: no rule reads these values, so nothing here is a finding. A text is
 * searched once per place kind however many resources repeat it.
 */
export function replacedSecrets(replaced: readonly ReplacedStrings[], patterns: readonly SensitivePattern[]): string[] {
  const found = new Set<string>();
  const searched = new Map<string, readonly string[]>();
  const search = (text: string, scope: Scope, label: string | undefined, nearKeyId: boolean): boolean => {
    const key = JSON.stringify([scope, label ?? null, nearKeyId, text]);
    let secrets = searched.get(key);
    if (secrets === undefined) {
      secrets = secretsOf(detect(text, { scope, nearKeyId, ...(label !== undefined ? { label } : {}), ...(scope === 'all' ? { patterns } : {}) }));
      searched.set(key, secrets);
    }
    for (const secret of secrets) found.add(secret);
    return secrets.length > 0;
  };
  for (const { type, strings, old } of replaced) {
    const nearKeyId = mentionsAccessKeyId(strings);
    // The printed strings no shape was found in, where a name may mark a credential: a tag's or an output's anywhere, an attribute's on an AWS resource.
    const byName = new Set<string>();
    for (const { text, path } of strings) {
      const inTags = path.length > 1 && startsInTags(path, type);
      // A tag map's key is in the path (`tags.Owner`, `tag_specifications.0.tags.Owner`); an awscc tag list's is a string of its own.
      const at = tagKeyIndex(path, type);
      const tagKey = at >= 0 && typeof path[at] === 'string' ? (path[at] as string) : undefined;
      if (tagKey !== undefined) search(tagKey, 'all', 'tag key', nearKeyId);
      const freeText = type === undefined || inTags || isSingleTag(type, path) || isFreeForm(path, type);
      const shaped = search(text, freeText ? 'all' : 'credentials', tagKey ?? labelAt(old, path), nearKeyId);
      if (!shaped && (freeText || /^aws(?:cc)?_/.test(type))) byName.add(JSON.stringify(path));
    }
    if (byName.size === 0) continue;
    // What a credential's name marks in the old value, as in the new (`writtenCredentials`), where terraform prints it: at a string above, or in the document it holds.
    for (const { text, path } of namedStringsOf(old, [], undefined)) {
      if (path.some((_, i) => byName.has(JSON.stringify(path.slice(0, path.length - i)))) && writtenCredential(text, undefined, fieldName(path), listedAt(path))) found.add(text);
    }
  }
  return [...found];
}

/** `text` with whatever any detector finds in it masked (personal data and secrets alike), whole. */
export const maskedAll = (text: string, patterns: readonly SensitivePattern[] = []): string => masked(text, detect(text, { scope: 'all', patterns }));

/** `text` with each detection replaced by its masked form: safe to print. */
export function masked(text: string, detections: readonly Detection[]): string {
  let out = '';
  let at = 0;
  for (const d of detections) {
    out += text.slice(at, d.start) + d.masked;
    at = d.end;
  }
  return out + text.slice(at);
}

const MAX_SHOWN = 64;

/**
 * `text` with anything sensitive masked, cut at 64 characters (code points: a cut by UTF-16 units
 * split an emoji and printed half of it, a lone surrogate, U+FFFD in a report): safe to put in a message.
 */
export function safeText(text: string, patterns: readonly SensitivePattern[] = []): string {
  const safe = maskedAll(text, patterns);
  if (safe.length <= MAX_SHOWN) return safe;
  const chars = [...safe];
  return chars.length > MAX_SHOWN ? `${chars.slice(0, MAX_SHOWN - 3).join('')}...` : safe;
}

/**
 * A path for a message and a finding: `tags.Owner`, `ingress.0.description`. A segment that is
 * itself sensitive (a tag key holding an email address) appears masked.
 */
export function displayPath(path: readonly PathSeg[], patterns: readonly SensitivePattern[] = []): string {
  return path.map((seg) => (typeof seg === 'string' ? safeText(seg, patterns) : String(seg))).join('.');
}

/**
 * Every string leaf of a resource's values but its `tags`, `tags_all`, `volume_tags` and the tags it
 * puts on others (`isTags`: `test_bot_alias_tags`), the tags an awscc type keeps elsewhere
 * (`ownTagsAt`: `file_system_tags`, `replicas.<i>.tags`, `tag_specifications.<i>.tags`) and the tag a
 * single-tag resource writes (the tags rule reads those), known at plan time and not marked
 * sensitive, and every key of a tag map nested in a block (`isTagMap`, `key: true`: a launch
 * template's `tag_specifications.0.tags = { "j.doe@example.com" = "owner" }` holds no value to
 * find it by): what the free-form and credentials rules search, walked once for both
 * (`Graph.recall`). The keys are free-form (`isFreeForm`), so only the free-form rule reads them.
 */
export function resourceStrings(resource: Resource, graph: Graph): readonly StringLeaf[] {
  // An awscc type's own tags outside `tags` (`file_system_tags`, a global table's `replicas.<i>.tags`) are the tags rule's too.
  const ownTags = ownTagsAt(resource.type);
  const single = SINGLE_TAG.has(resource.type);
  const skip = (path: readonly PathSeg[]): boolean => isTags(path, resource.type) || ownTags(path) || (single && isSingleTag(resource.type, path));
  return graph.recall(resource, 'strings', () => resource.values.strings(skip, isTagMap));
}

/**
 * String literals the configuration writes into attributes whose values Terraform marks sensitive,
 * with the value path they land on. The values themselves are never read.
 */
export function sensitiveConfigLiterals(resource: Resource): { text: string; path: PathSeg[] }[] {
  // Most resources mark nothing sensitive: then no literal lands on a sensitive value.
  if (!resource.data.config || !resource.values.isSensitive) return [];
  return writtenConstants(resource.data.config, (path) => resource.values.get(...path).isSensitive);
}

/**
 * The non-empty strings of the constants a configuration node writes, with the path each lands on;
 * `read` chooses the paths read (an expression's, then each string's within its constant), and
 * `codeOnly` leaves out a constant given from outside the code (`isCodeConstant`).
 */
export function writtenConstants(node: ConfigNode, read: (path: readonly PathSeg[]) => boolean = () => true, codeOnly = false): { text: string; path: PathSeg[] }[] {
  const out: { text: string; path: PathSeg[] }[] = [];
  const constants = (value: unknown, path: PathSeg[]): void => {
    if (typeof value === 'string') {
      if (value.length > 0 && read(path)) out.push({ text: value, path });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) constants(inner, [...path, Array.isArray(value) ? Number(key) : key]);
    }
  };
  eachExpression(node, (at, path) => {
    if (at.hasConstant && read(path) && (!codeOnly || isCodeConstant(at))) constants(at.constant, path);
  });
  return out;
}

/** Each expression of a configuration node, in blocks and lists at any depth, with its path. */
function eachExpression(node: ConfigNode, visit: (expr: Extract<ConfigNode, { kind: 'expr' }>, path: PathSeg[]) => void, path: PathSeg[] = []): void {
  if (node.kind === 'expr') visit(node, path);
  else if (node.kind === 'block') for (const [key, inner] of Object.entries(node.attrs)) eachExpression(inner, visit, [...path, key]);
  else node.items.forEach((inner, i) => eachExpression(inner, visit, [...path, i]));
}

/** A string the code writes in a map Terraform knows only after apply whole (`ConfigNode.entriesOfUnknownMap`). */
export interface UnknownMapString {
  readonly text: string;
  /** The map's path, then the entry's key where that is known, then the string's place in the entry's value. */
  readonly path: readonly PathSeg[];
  /** The name the string sits under: its own key in the entry's value, else the entry's key; none under a key not known. */
  readonly label: string | undefined;
  /** The entry's key is known only after apply: no name marks the value, and `path` goes on from the map without it. */
  readonly unknownKey: boolean;
  /** The literal text of a template around a value not known (`WrittenEntry.template`): no name marks it, its shape alone counts. */
  readonly template?: true;
  /** With `template`: literal text the expression at `path` writes that its value known at plan time does not keep (`ConfigNode.literalsDropped`). */
  readonly dropped?: true;
}

/**
 * Where a finding on a string written in a map known only after apply whole, or in a template around a value not
 * known, says the string is (`path`: its place, safe to print), for a message.
 */
export function writtenWhere(leaf: UnknownMapString, path: string): string {
  const under = leaf.unknownKey ? ' under a key known only after apply' : '';
  if (leaf.dropped) return `A literal written in the code of \`${path}\` that its value does not keep`;
  if (leaf.template) return `The literal text of a template written in \`${path}\`${under}`;
  return under ? `A value written in \`${path}\`${under}` : `\`${path}\``;
}

/** A string a credential rule searches: a value of the configuration at `path`, or one written in a map known only after apply whole. */
export type WrittenLeaf = { readonly text: string; readonly path: readonly PathSeg[] } | UnknownMapString;

/** Whether `leaf` was written in a map known only after apply whole (`unknownMapStrings`). */
export const fromUnknownMap = (leaf: WrittenLeaf): leaf is UnknownMapString => 'unknownKey' in leaf;

/**
 * The detections of `leaves` (`detections`, in order), those of the literal text of a template (`UnknownMapString.template`)
 * left out where another leaf's hold the same text, or a string under a credential's name (`named`, found where it is
 * written) holds it: a credential written whole is found there, once (`[var.x, "AKIA…"]` at `….1`, not at the list too;
 * `jsonencode({ a = var.x, token = "ghp_…" })` at `….token`), where that leaf or named string is at the text's place or
 * below it: another attribute's value does not hide it (`API_TOKEN = "ghp_…"` beside `X = "${var.p}-ghp_…"`: found at
 * both). The text a known value does not keep (`isDropped`) is left out only where another leaf holds it.
 */
export function withoutRepeats(leaves: readonly object[], detections: readonly (readonly Detection[])[], named: readonly { readonly text: string; readonly path: readonly PathSeg[] }[] = []): Detection[][] {
  const template = leaves.map((leaf) => 'template' in leaf && leaf.template === true);
  const kept = (i: number, raw: string): boolean => {
    const { path } = leaves[i] as UnknownMapString;
    if (heldBelow(leaves, detections, template, path, raw)) return false;
    return isDropped(leaves[i]) || !named.some((string) => atOrBelow(string.path, path) && string.text.includes(raw));
  };
  return detections.map((list, i) => (template[i] ? list.filter(({ raw }) => kept(i, raw)) : [...list]));
}

/** Whether `at` is at `path` or below it. */
const atOrBelow = (at: readonly PathSeg[], path: readonly PathSeg[]): boolean => at.length >= path.length && path.every((seg, k) => String(seg) === String(at[k]));

/** Whether `leaf` is literal text a value known at plan time does not keep (`droppedLiteralStrings`). */
export const isDropped = (leaf: object): leaf is UnknownMapString => 'dropped' in leaf && leaf.dropped === true;

/** Whether a leaf that is no template's text, at `path` or below it, has a detection of `raw` (or one whose secrets hold it). */
function heldBelow(leaves: readonly object[], detections: readonly (readonly Detection[])[], template: readonly boolean[], path: readonly PathSeg[], raw: string): boolean {
  // A run of base64 holds the text it encodes too (`base64encode("ghp_…")`: the value, and the literal it does not keep).
  return leaves.some((leaf, j) => !template[j] && detections[j].some((detection) => detection.raw === raw || detection.secrets.includes(raw)) && 'path' in leaf && Array.isArray(leaf.path) && atOrBelow(leaf.path, path));
}

/**
 * The detections of `leaves` gathered by place (`placeOf`): one finding per place, so the values under the keys not
 * known of one map share their map's. Each place with its first leaf and the indexes of its leaves, in the order first
 * found; a place nothing was found at is left out.
 */
export function byPlace<L>(leaves: readonly L[], found: (leaf: L, i: number) => readonly Detection[], placeOf: (leaf: L) => string): { leaf: L; found: Detection[]; indexes: number[] }[] {
  const places = new Map<string, { leaf: L; found: Detection[]; indexes: number[] }>();
  leaves.forEach((leaf, i) => {
    const detections = found(leaf, i);
    if (detections.length === 0) return;
    const place = entryOf(places, placeOf(leaf), () => ({ leaf, found: [], indexes: [] }));
    place.found.push(...detections);
    place.indexes.push(i);
  });
  return [...places.values()];
}

/**
 * The non-empty strings written in the maps Terraform knows only after apply whole under `node`, at
 * any depth (`environment { variables = { "${var.project}_ID" = "AKIA…" } }`, `jsonencode({ "${var.p}_KEY" = "…" })`,
 * a module argument): a plan shows such a map unknown, so no value of it is searched there, yet each
 * value is written in the code (.tf, cdk.tf.json, a plan read with `--code`).
 */
export function unknownMapStrings(node: ConfigNode): readonly UnknownMapString[] {
  return codeStrings(node).unknownMaps;
}

/**
 * The literal text the code writes under `node` that the values known at plan time do not keep
 * (`ConfigNode.literalsDropped`: `value = var.flag ? "AKIA…" : "x"`, `lower("AKIA…")`, `replace(var.x, "AKIA…", "")`):
 * in clear in the repository whatever the value becomes, each a template's text (`template`, `dropped`) at the path of
 * its expression, which no name marks.
 */
export function droppedLiteralStrings(node: ConfigNode): readonly UnknownMapString[] {
  return codeStrings(node).dropped;
}

/** `unknownMapStrings` and `droppedLiteralStrings` of a node, in one walk of its tree. */
function codeStrings(node: ConfigNode): CodeStrings {
  return entryOf(CODE_STRINGS, node, () => {
    const out: CodeStrings = { unknownMaps: [], dropped: [] };
    eachExpression(node, (at, path) => {
      for (const map of unknownMapsAt(at)) out.unknownMaps.push(...entryStrings(map.entries, [...path, ...map.at]));
      for (const { at: below, text } of at.literalsDropped ?? []) out.dropped.push({ text, path: [...path, ...below], label: undefined, unknownKey: false, template: true, dropped: true });
    });
    return out;
  });
}

interface CodeStrings {
  readonly unknownMaps: UnknownMapString[];
  readonly dropped: UnknownMapString[];
}

/**
 * `codeStrings` by configuration node: the instances of one block share their node, and three rules
 * ask for each resource's, so the tree is walked once per block, not once per instance and rule.
 */
const CODE_STRINGS = new WeakMap<ConfigNode, CodeStrings>();

/** The non-empty strings of the entries of one map known only after apply whole, at `path` (`unknownMapStrings`; a local's `entriesOfUnknownMap`). */
export function entryStrings(entries: readonly WrittenEntry[], path: readonly PathSeg[] = []): UnknownMapString[] {
  const out: UnknownMapString[] = [];
  const strings = (value: unknown, at: readonly PathSeg[], inner: PathSeg[], key: string | undefined, unknownKey: boolean): void => {
    if (typeof value === 'string') {
      if (value.length > 0) out.push({ text: value, path: [...at, ...inner], label: fieldName(inner) ?? key, unknownKey });
    } else if (value !== null && typeof value === 'object') {
      for (const [name, item] of Object.entries(value)) strings(item, at, [...inner, Array.isArray(value) ? Number(name) : name], key, unknownKey);
    }
  };
  eachWrittenEntry(entries, path, ({ key, value, template }, at, unknownKey) => {
    if (template && typeof value === 'string') out.push({ text: value, path: at, label: undefined, unknownKey, template });
    else strings(value, at, [], key, unknownKey);
  });
  return out;
}

/**
 * Each entry of a map known only after apply whole, and of the maps within its value (`WrittenEntry.within`:
 * `{ outer = { "${var.p}_ID" = "…" } }`), with its place (the map's path, then its key where that is known)
 * and whether a key on the way to it is known only after apply.
 */
function eachWrittenEntry(entries: readonly WrittenEntry[], path: readonly PathSeg[], visit: (entry: WrittenEntry, at: PathSeg[], unknownKey: boolean) => void, unknownKey = false): void {
  for (const entry of entries) {
    const at = entry.key === undefined ? [...path] : [...path, entry.key];
    // A template's text has no key of its own: it is the value at the map's place (`WrittenEntry.template`).
    const unknown = unknownKey || (entry.key === undefined && entry.template !== true);
    visit(entry, at, unknown);
    for (const map of entry.within ?? []) eachWrittenEntry(map.entries, [...at, ...map.at], visit, unknown);
  }
}

const PERSONAL: ReadonlySet<DetectionKind> = new Set(['email', 'phone', 'custom']);

/** What to do about some detections, for the end of a message. */
function advice(detections: readonly Detection[]): string {
  const personal = detections.some((d) => PERSONAL.has(d.kind));
  const secret = detections.some((d) => !PERSONAL.has(d.kind));
  return [
    ...(personal ? ['AWS advises never to put confidential or sensitive information, such as email addresses, in tags or free-form fields: consoles, logs, billing reports and API listings show them to people who may not see the data. Use a team name, a role or an id instead.'] : []),
    ...(secret ? ['A credential in configuration is in clear in the plan, the state and every log that prints them: revoke it, keep it in AWS Secrets Manager or SSM Parameter Store (SecureString), and pass it through a sensitive variable or a reference.'] : []),
  ].join(' ');
}

/**
 * The outcome for a place that holds sensitive data: `where` names it in a message ("`description`"),
 * `path` is the finding's attribute path, already safe to print; `redact` adds what else to mask
 * (the whole of a key a match was found in).
 */
export function sensitiveFinding(where: string, detections: readonly Detection[], location: { readonly path: string; readonly address?: string; readonly redact?: readonly string[] }): Outcome {
  return fail(`${where} holds ${describeDetections(detections)}. ${advice(detections)}`, { ...location, redact: [...secretsOf(detections), ...(location.redact ?? [])] });
}

// ---------------------------------------------------------------------------------------------
// Credentials by name

/**
 * Each name and its plural (`api_key`, `api_keys`; `_pass`, `_passes`): a list under a credential's
 * plural name (`api_keys = ["…"]`, `tokens = […]`) holds credentials as the singular's value is one.
 */
function withPlurals(names: readonly string[]): string[] {
  const plural = (name: string): string => (name.endsWith('ss') ? `${name}es` : name.endsWith('s') ? name : `${name}s`);
  return [...new Set(names.flatMap((name) => [name, plural(name)]))];
}

/**
 * Names whose value is a credential whatever its text: the provider's password, token, secret and
 * key arguments (`password`, `master_password`, `auth_token`, `secret_string`, `private_key`,
 * `key_material_base64`, `tunnel1_preshared_key`, `platform_credential`, a transfer server's
 * `host_key`…), their write-only forms (`password_wo`), and the same words in a map key or a
 * variable's name (`DB_PASSWORD`, `PGPASSWORD`, `DBPassword`, `STRIPE_SECRET_KEY`, `NPM_TOKEN`),
 * and their plurals (`withPlurals`). A bare `secret` or `secrets` is left out (other providers name
 * a secret by it, ECS and Batch list `{ name, valueFrom }` references under `secrets`), and so are the `…_token`
 * names that are idempotency or paging keys (`creation_token`, `client_token`, `next_token`) or an
 * identifier (`event_source_token`, the Alexa skill id a Lambda permission names).
 */
const CREDENTIAL_NAMES: ReadonlySet<string> = new Set(withPlurals([
  'pwd',
  'secret_string',
  'secret_binary',
  'private_key',
  'key_material_base64',
  'api_key',
  'token',
  'basic_auth_credentials',
  'platform_credential',
  'token_key',
  'host_key',
  'ssh_key',
  'bgp_auth_key',
  'application_key',
  'kerberos_keytab_base64',
  // Keys of other providers with no shape of their own, under their agents' names: Datadog's `app_key` (Laravel's
  // `APP_KEY` too), a storage account's key under azurerm's backend `ARM_ACCESS_KEY` and `AZURE_STORAGE_KEY`.
  'app_key',
  'arm_access_key',
  'azure_storage_key',
]));

/**
 * Also keys of other providers: `…_app_key` (`DD_APP_KEY`), `…license_key` (`NEW_RELIC_LICENSE_KEY`),
 * `…storage_account_key` (`AZURE_STORAGE_ACCOUNT_KEY`); not a bare `storage_key` or `account_key`, which may name an
 * object's key or a table's.
 */
const CREDENTIAL_SUFFIXES: readonly string[] = withPlurals(['password', 'passwd', '_pwd', '_pass', 'passphrase', '_secret', '_private_key', 'preshared_key', '_api_key', 'secret_key', 'secret_access_key', '_token', '_auth_key', '_app_key', 'license_key', 'storage_account_key']);

/**
 * `…_token` names that are no credential: idempotency and paging keys, and a Lambda permission's
 * Alexa skill id (`event_source_token`); and `http_tokens` of an instance's metadata options
 * (`required` or `optional`: whether IMDSv2 session tokens are).
 */
const NOT_CREDENTIAL_NAMES: ReadonlySet<string> = new Set([
  ...withPlurals(['creation_token', 'client_token', 'idempotency_token', 'request_token', 'next_token', 'continuation_token', 'pagination_token', 'page_token', 'event_source_token']),
  'http_tokens',
]);

/** Names of a count or a limit (`max_tokens`, `num_keys`, `total_tokens`): a number, not a credential, whatever it counts. */
const COUNT_NAME = /^(?:max|min|num|number_of|total)_/;

/** A cheap test every credential name passes (the attribute rule asks it of every string of the plan). */
const CREDENTIAL_HINT = /pass|secret|key|token|credential|pwd/i;

/** Whether a value under `name` is a credential by the name alone, numbered or not (`DB_PASSWORD2`). */
export function namesCredential(name: string | undefined): boolean {
  if (name === undefined || !CREDENTIAL_HINT.test(name)) return false;
  const snake = snakeName(name);
  // `DB_PASSWORD2`, `password_0`, `apiKey2`: a numbered credential (a second database, a key in rotation) is one. The
  // name is judged as written too (`key_material_base64` ends in a number), and either way `max_tokens_2` stays a count.
  return isCredentialName(snake) || isCredentialName(withoutNumber(snake));
}

/** `snake` without the number it ends in and one `_` before it (`password_2` → `password`); a loop, where `/_?\d+$/` backtracks over every run of digits. */
function withoutNumber(snake: string): string {
  let end = snake.length;
  while (end > 0 && snake.charCodeAt(end - 1) >= 0x30 && snake.charCodeAt(end - 1) <= 0x39) end--;
  if (end < snake.length && snake[end - 1] === '_') end--;
  return snake.slice(0, end);
}

/**
 * `name` in snake case, without the `_wo` of a write-only argument (`DBPassword` → `db_password`, `password_wo` → `password`).
 * A run of capitals is split before its last one where a lower-case letter follows, by looking around each capital: `([A-Z]+)([A-Z][a-z])`
 * gave the same text but scanned the rest of a run from each of its capitals, a time that grows with the square of the run.
 */
export const snakeName = (name: string): string =>
  name
    .replace(/(?<=[A-Z])(?=[A-Z][a-z])/g, '_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/-/g, '_')
    .replace(/_wo$/, '');

/** Whether a name in snake case, taken as written, is a credential's. */
function isCredentialName(snake: string): boolean {
  if (NOT_CREDENTIAL_NAMES.has(snake) || COUNT_NAME.test(snake)) return false;
  return CREDENTIAL_NAMES.has(snake) || CREDENTIAL_SUFFIXES.some((suffix) => snake.endsWith(suffix));
}

/**
 * Text under a credential's name that holds none, or points at one kept elsewhere: empty; an ARN
 * or a CloudFormation dynamic reference; a path (an SSM parameter's name `/prod/db/password`, a
 * file `/etc/ssl/private/server.key` or `~/.okta/private.pem`, a Secrets Manager secret's name in lower case
 * `prod/rds/master`); a number of up to three digits; and (`FLAG_OR_UNIT`) a flag or a unit
 * (`true`, `hours`: Cognito's `token_validity_units { access_token = "hours" }`).
 */
const NOT_A_CREDENTIAL = /^(?:arn:|\{\{resolve:)|^\s*$|^\/[\w.-]+(?:\/[\w.-]+)*\/?$|^[a-z0-9._-]+(?:\/[a-z0-9._-]+)+$|^\d{1,3}$|^~\/[\w./-]+$/;
/** A key file's name (`okta-private-key.pem`: Okta's provider takes a path or the key under `private_key`). */
const KEY_FILE = /^[\w.-]+\.(?:pem|key|crt|cer|der|p8|p12|pfx|json)$/i;
const FLAG_OR_UNIT = /^(?:true|false|yes|no|on|off|enabled?|disabled?|none|null|seconds|minutes|hours|days)$/i;

/**
 * Placeholders under a credential's name, stricter than `PLACEHOLDER` (`$Sup3r…` and `{Sup3r…}`
 * are passwords): `***`, `xxx`, `<password>`, `[PRIVATE KEY]`, `${DB_PASSWORD}`, `$DB_PASSWORD`, `{{ token }}`, `{token}`, `%s`.
 */
const NAMED_PLACEHOLDER = /^(?:\*+|[xX]{3,}|\.{3}|<[^<>]*>|\[[A-Z][A-Z _-]*\]|\$\{[^}]*\}|\$[A-Z_][A-Z0-9_]*|\{\{[^{}]*\}\}|\{[A-Za-z_]+\}|%[sd])$/;

/** An environment variable's name in upper case with a `_` (`DB_PASSWORD`, `API_TOKEN`). */
const ENV_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
/** A holder's name, in snake case, that says it lists names: plural (`secret_keys`, `secrets`, `env_names`) or a list or set of variables. */
const LISTS_NAMES = /(?:keys|tokens|secrets|passwords|names|variables|vars|_list|_set)$/;
/**
 * Whether `value` is an environment variable's name that names a credential, not one (`secret_keys = ["DB_PASSWORD",
 * "API_TOKEN"]`), numbered as a second database's or a key in rotation is (`DB_PASSWORD2`, `API_TOKEN_1`). A numbered
 * name counts only where a value names a variable: an element of a list (`listed`), or under a `name` that lists names
 * (`LISTS_NAMES`); under a scalar credential argument (`password = "ADMIN_PASSWORD1"`) it is a password made of a name,
 * as weak ones are, and so is a name with a longer number (`DB_PASSWORD_2024`, `ADMIN_PASSWORD123`: a year, a count) or
 * the `name` it is written under with a number (`DB_PASSWORD = "DB_PASSWORD2"`, `PASSWORD_2 = "PASSWORD_1"`).
 */
function namesEnvCredential(value: string, name: string | undefined, listed: boolean): boolean {
  if (!ENV_NAME.test(value)) return false;
  const snake = snakeName(value);
  if (isCredentialName(snake)) return true;
  const holder = name === undefined ? undefined : snakeName(name);
  if (!listed && (holder === undefined || !LISTS_NAMES.test(holder))) return false;
  const bare = withoutNumber(snake);
  const digits = snake.length - bare.length - (snake[bare.length] === '_' ? 1 : 0);
  return digits > 0 && digits <= 2 && isCredentialName(bare) && (holder === undefined || withoutNumber(holder) !== bare);
}
/** The plural of a generated credential's name (`api_keys`, `tokens`, `client_secrets`), not a password's. */
const GENERATED_PLURAL = /(?:keys|tokens|secrets)(?:_wo)?$/i;
/** Words in lower case without a digit (`mobile-client`, `partner_portal`): a name. */
const WORDS = /^[a-z]+(?:[-_.][a-z]+)*$/;

/** A name compared as written in any case and with `-` or `_` (`DB_PASSWORD`, `db-password`). */
const nameKey = (name: string): string => name.toLowerCase().replace(/-/g, '_');

/**
 * A text written where a credential goes (`password = "Sup3rS3cret"`) as a detection of the whole
 * text, unless it holds none (`NOT_A_CREDENTIAL`, `NAMED_PLACEHOLDER`, an SSH public key), is
 * the `name` it is written under (`DB_PASSWORD = "DB_PASSWORD"`: a template's placeholder), is
 * an API Gateway mapping's source under its target (`MAPPING_TARGET`, `MAPPING_EXPRESSION`), an
 * environment variable's name that names a credential (`API_TOKEN`; numbered, `API_TOKEN_1`, only as an element of
 * a list, `listed`, or under a name that lists names), or words under the plural of a
 * generated credential's name (`api_keys = ["mobile-client"]`: names of keys).
 */
export function writtenCredential(text: string, what = 'a value its name marks as a credential', name?: string, listed = false): Detection | undefined {
  const trimmed = text.trim();
  if (NOT_A_CREDENTIAL.test(trimmed) || KEY_FILE.test(trimmed) || FLAG_OR_UNIT.test(trimmed) || NAMED_PLACEHOLDER.test(trimmed)) return undefined;
  if ((name !== undefined && nameKey(trimmed) === nameKey(name)) || isSshPublicKey(trimmed)) return undefined;
  // `"integration.request.header.X-Api-Key" = "method.request.header.x-api-key"`: the header is mapped from the request, not written.
  if (name !== undefined && MAPPING_TARGET.test(name) && MAPPING_EXPRESSION.test(trimmed)) return undefined;
  if (namesEnvCredential(trimmed, name, listed)) return undefined;
  // `api_keys = ["mobile-client", "partner-portal"]`: keys, tokens and secrets are generated, so words under a plural name name them.
  if (name !== undefined && GENERATED_PLURAL.test(name) && WORDS.test(trimmed)) return undefined;
  return { kind: 'named-credential', what, raw: text, secrets: [text], masked: maskSecret(text), start: 0, end: text.length };
}

/**
 * A credential written after its name in text: `Password=…;` of a connection string, `;password=…`
 * of a JDBC URL's parameters, `export DB_PASSWORD='…'` in user data, `--password=…` on a command
 * line, `api_key: …`. The name is one `namesCredential` takes (`password`, `pwd`, `DB_PASSWORD`,
 * `GITLAB_TOKEN`, `client_secret`) or `TEXT_CREDENTIAL_NAMES`, bare or quoted as a key of JSON, YAML
 * or a dictionary (`"db_password": "…"`, `'PASSWORD': '…'`, `ENV["DB_PASSWORD"] = "…"`, as
 * detect-secrets' keyword detector takes a closing quote); then `=` (not `==` or `=>`), `:=`, or
 * `:` and a space (`secretsmanager:GetSecretValue` is an IAM action), or after a quoted name `:`
 * alone (`jsonencode` writes `{"password":"…"}`); then the value, quoted or up to a space, `;`, `&`
 * or a quote. In double quotes a backslash escapes the next character, as terraform prints a
 * string, and HCL, JSON and a shell write one (`api_password = "Zx9\"wQ7"`: the value runs to the
 * last quote, not the escaped one); a value that closes only without that reading (`"C:\dir\"`) is
 * read as before.
 */
const NAMED_IN_TEXT = /(?<![\w.])(["']?)([A-Za-z_][\w.-]{0,63})(\1(?:(?<=["'])\])?)([ \t]*(?:=(?![=>])|:=)[ \t]*|:[ \t]+|(?<=["'\]]):[ \t]*)(?:'([^'\n]*)'|"((?:[^"\\\n]|\\.)*)"|"([^"\n]*)"|([^\s'"`;&]))/g;

/** A bare value's characters, from where `NAMED_IN_TEXT` found its first: the value runs to the end of their run. */
const BARE_RUN = /[^\s'"`;&]*/y;

/**
 * What every match of `NAMED_IN_TEXT` contains: a word of `CREDENTIAL_HINT`, the rest of the name, a
 * closing quote (escaped in a JSON document's string: `{\"password\": …}` of a container's command), the separator.
 */
const NAMED_IN_TEXT_HINT = /(?:pass|secret|key|token|credential|pwd)[\w.-]*\\?['"]?\]?[ \t]*[:=]/i;

/** `NAMED_IN_TEXT_HINT`, asked only of text with a separator in it (most names and tag values have none). */
const mayNameCredential = (text: string): boolean => (text.includes('=') || text.includes(':')) && NAMED_IN_TEXT_HINT.test(text);

/**
 * Names of a credential in text beside `namesCredential`'s, compared lower case without `_` and `-`:
 * a bare `secret`, `apikey`, and an Azure storage connection string's `AccountKey` and `SharedAccessKey`.
 */
const TEXT_CREDENTIAL_NAMES: ReadonlySet<string> = new Set(['secret', 'apikey', 'accountkey', 'sharedaccesskey']);

/**
 * Values after a credential's name that are no credential, as detect-secrets' keyword detector and
 * KICS's generic password query leave them out: what `writtenCredential` leaves out (empty, paths,
 * ARNs, flags, placeholders); a reference that a shell, a template or a runtime fills in (`$(…)`,
 * `${…}`, `$VAR`, `$env:VAR`, `%VAR%`, `{{…}}`, `!Ref …`, `@Microsoft.KeyVault(…)`) or a Terraform
 * expression (`var.db_password`, `random_password.db.result`, as terraform quotes a line of code in an
 * error); what terraform shows instead of a value (`(sensitive value)`, `(known after apply)`); a
 * masked value (`ghp_***`: the gate masks lines it has masked once already); a word that stands for
 * one (`changeme`, `password`, `your_password`, `redacted`); text without a letter or digit (`|`);
 * where the value is kept instead (`@/run/secrets/pw`, a file for vault's CLI; `ssm:/prod/key`,
 * `op://vault/item`, `secretsmanager:…`, `arn:…`; a build secret's `id=…,src=…`).
 */
const TEXT_REFERENCE = /^(?:\$|%[A-Za-z_]\w*%|\{\{|!\w|\(|@Microsoft\.KeyVault\(|@[.~]?\/|(?:ssm|secretsmanager|vault|op|k8s|env|file|sops|awskms|gcpkms|azurekeyvault|arn):|(?:id|src|source|type|target|env)=)|^(?:var|local|module|data|each|count|self|path|terraform|[a-z][a-z0-9]*_[a-z0-9_]+)(?:\.[\w*-]+|\[[^\]]*\])+$|\*\*\*/;
const PLACEHOLDER_WORD = /^(?:change[_-]?(?:me|it)|password|passwd|secret|token|example|dummy|placeholder|redacted|sample|todo|tbd|undefined|none|null|x+|your[_-]?\w+|my[_-]\w+)$/i;

/**
 * Whether `value`, written after a credential's name in text, is a credential in clear. After `: `,
 * a bare word of letters alone is prose, not a credential (`token: required`, `password: see the
 * wiki`, `token: expired,`): there the value must be quoted or hold a digit or a symbol. A number
 * or a duration (`refresh_token: 43200`, `session_token=3600s`) is a setting, not a token.
 */
function isTextCredential(value: string, separator: string, quoted: boolean, name: string): boolean {
  const word = quoted ? value : value.replace(/[.,;:!?)\]]+$/, '');
  if (!/[\p{L}\p{N}]/u.test(word) || TEXT_REFERENCE.test(word) || PLACEHOLDER_WORD.test(word) || /^\d+[smhd]?$/.test(word)) return false;
  if (separator.trim() === ':' && !quoted && /^\p{L}+$/u.test(word)) return false;
  return writtenCredential(value, undefined, name) !== undefined;
}

/**
 * Names that name where a credential is kept rather than hold it: a Helm chart's `existingSecret`,
 * a TLS secret's name (`tls_secret`, `certificatesSecret`), `secretName`, `secret_arn`, `password_file`.
 */
const NAMES_A_REFERENCE = /^(?:existing|tls|cert)|(?:name|ref|arn|id|file|path|dir)$/i;

/** Connection-string keys whose value runs to the next `;` (ADO.NET: spaces and `&` are part of it). */
const CONNECTION_STRING_KEYS: ReadonlySet<string> = new Set(['password', 'pwd', 'accountkey', 'sharedaccesskey']);

/** `NAMED_IN_TEXT`'s finds; a match whose name or value holds none is searched again from its value (`--from-literal=password=…`). */
function namedInText(text: string): Found[] {
  const out: Found[] = [];
  // `NAMED_IN_TEXT` matches a bare value's first character only; its run is read here, once: a match found again inside a
  // run (`auth=auth=…`, `key=key=…`, searched again from each value) ends where the run does, not read to its end again.
  let run = { from: 0, to: 0 };
  const runEnd = (at: number): number => {
    if (at < run.from || at >= run.to) {
      BARE_RUN.lastIndex = at;
      BARE_RUN.exec(text);
      run = { from: at, to: BARE_RUN.lastIndex };
    }
    return run.to;
  };
  NAMED_IN_TEXT.lastIndex = 0;
  for (let m = NAMED_IN_TEXT.exec(text); m !== null; m = NAMED_IN_TEXT.exec(text)) {
    const [, open, name, close, separator, singleQuoted, escapedQuoted, plainQuoted, first] = m;
    const doubleQuoted = escapedQuoted ?? plainQuoted;
    const valueAt = m.index + open.length + name.length + close.length + separator.length;
    const bare = first === undefined ? undefined : text.slice(valueAt, runEnd(valueAt));
    const start = valueAt + (bare === undefined ? 1 : 0);
    // `Password=correct horse battery;` of a connection string: the value is all of it, to the `;`.
    const toSemicolon = bare !== undefined && separator.trim() === '=' && CONNECTION_STRING_KEYS.has(name.toLowerCase()) ? /^[^;\n]*;/.exec(text.slice(start)) : null;
    const what = `a credential written as \`${open}${name}${close}${separator.trim()}…\``;
    // A scheme and its credentials under an authorization's name (`schemeCredentialsAt`): quoted (`export UPSTREAM_AUTH="token 3f2a…"`),
    // or written shell-style, where a bare scheme takes the credentials after its space (`UPSTREAM_AUTH=token 3f2a…`).
    const quoted = singleQuoted ?? doubleQuoted;
    const schemed =
      toSemicolon === null && (bare === undefined || separator.trim() === '=') && namesAuthorization(name) && !NAMES_A_REFERENCE.test(name.replace(/^.*[.]/, ''))
        ? schemeCredentialsAt(text, start, (_scheme, token) => isTextCredential(token, separator, true, name), quoted === undefined ? text.length : start + quoted.length)
        : undefined;
    if (schemed !== undefined) {
      out.push(...schemeFinds(schemed).map((found): Found => ({ ...found, kind: 'named-credential', what })));
      if (bare !== undefined) NAMED_IN_TEXT.lastIndex = schemed.end;
      continue;
    }
    const value = toSemicolon !== null ? toSemicolon[0].slice(0, -1).trimEnd() : (quoted ?? bare);
    const named = (namesCredential(name) || TEXT_CREDENTIAL_NAMES.has(name.toLowerCase().replace(/[_-]/g, ''))) && !NAMES_A_REFERENCE.test(name.replace(/^.*[.]/, ''));
    if (named && isTextCredential(value, separator, bare === undefined, name)) {
      out.push({ kind: 'named-credential', what, raw: value, masked: maskSecret(value), start });
      if (bare !== undefined) NAMED_IN_TEXT.lastIndex = valueAt + bare.length;
    } else {
      NAMED_IN_TEXT.lastIndex = valueAt;
    }
  }
  return out;
}

/** A string a configuration writes, and the path it lands on. */
export interface WrittenString {
  readonly text: string;
  readonly path: readonly PathSeg[];
  /** Not written at this attribute: a value the code fixes elsewhere (`ConfigNode.byCode`: a default, a local, `each.value`). */
  readonly elsewhere?: true;
}

/** Blocks whose `…_token` attributes are units, not tokens (`aws_cognito_user_pool_client`). */
const UNIT_BLOCKS: ReadonlySet<string> = new Set(['token_validity_units']);

/**
 * The strings of `value` (at `path`, under `name`) that a credential's name marks, into `out`: a
 * map's keys name their values; a JSON document in a string is read (`jsonencode({ password = … })`,
 * container definitions); an environment variable written as a `{ name, value }` pair (ECS, and
 * CodeBuild's with `type = "PLAINTEXT"`) is named by its `name`.
 */
function namedStrings(value: unknown, path: PathSeg[], name: string | undefined, out: WrittenString[]): void {
  if (typeof value === 'string') {
    if (namesCredential(name)) out.push({ text: value, path });
    const json = /^\s*[[{]/.test(value) ? parsedJson(value) : undefined;
    if (json !== undefined) namedStrings(json, path, undefined, out);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => namedStrings(item, [...path, i], name, out));
  } else if (value !== null && typeof value === 'object') {
    const pair = value as Record<string, unknown>;
    if (isPlaintextPair(pair)) out.push({ text: pair.value as string, path: [...path, 'value'] });
    for (const [key, inner] of Object.entries(value)) if (!UNIT_BLOCKS.has(key)) namedStrings(inner, [...path, key], key, out);
  }
}

function namedStringsOf(value: unknown, path: PathSeg[], name: string | undefined): WrittenString[] {
  const out: WrittenString[] = [];
  namedStrings(value, path, name, out);
  return out;
}

/**
 * The name of a `{ name, value }` or `{ key, value }` pair: what its value is called. An environment
 * variable and a CloudFront `custom_header` write it as `name`; an EventBridge connection's
 * `api_key` and its `header`, `query_string` and `body` parameters as `key`.
 */
const pairName = (pair: { readonly name?: unknown; readonly key?: unknown }): string | undefined =>
  typeof pair.name === 'string' ? pair.name : typeof pair.key === 'string' ? pair.key : undefined;

/** A pair (`pairName`) whose name marks a credential, its value in clear (CodeBuild's `type`, when given, is `PLAINTEXT`). */
const isPlaintextPair = (pair: { readonly name?: unknown; readonly key?: unknown; readonly value?: unknown; readonly type?: unknown }): boolean =>
  typeof pair.value === 'string' && (pair.type === undefined || pair.type === 'PLAINTEXT') && namesCredential(pairName(pair));

/**
 * Whether the string at `path` in `root` is the `value` of a pair whose name marks a credential
 * (`custom_header = [{ name = "X-Origin-Password", value = "…" }]` given to a module).
 */
export function isNamedPairValue(root: unknown, path: readonly PathSeg[]): boolean {
  const pair = path[path.length - 1] === 'value' ? ownAt(root, path.slice(0, -1)) : undefined;
  return isRecord(pair) && isPlaintextPair(pair);
}

/**
 * The name the string at `path` in `root` sits under, for the detectors' `label`: a pair's name for
 * its `value` (`custom_header { name = "Authorization", value = "Bearer …" }`, an EventBridge
 * `header { key = "X-API-Key", value = "…" }`: the value is that header's), else the attribute's
 * (`fieldName`). Read from `root` only where the path ends in `value`.
 */
export function labelAt(root: unknown, path: readonly PathSeg[]): string | undefined {
  const pair = path[path.length - 1] === 'value' ? ownAt(root, path.slice(0, -1)) : undefined;
  return (isRecord(pair) ? pairName(pair) : undefined) ?? fieldName(path);
}

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** What a configuration block writes itself: its literals, and where its values come from functions of literals alone. */
interface Written {
  readonly literals: readonly WrittenString[];
  /** Expressions without references that a plan records no constant for (function calls: `jsonencode({…})`), and the name each is under. */
  readonly computedAt: readonly { readonly path: readonly PathSeg[]; readonly name: string | undefined }[];
}

const writtenOf = new WeakMap<ConfigNode, Written>();

/** The constant of an expression node the code alone fixes (a literal, or `ConfigNode.byCode`); undefined otherwise. */
export const literalOf = (node: ConfigNode | undefined): unknown => (node?.kind === 'expr' && node.hasConstant && isCodeConstant(node) ? node.constant : undefined);

function writtenIn(config: ConfigNode): Written {
  const cached = writtenOf.get(config);
  if (cached) return cached;
  const literals: WrittenString[] = [];
  const computedAt: { path: PathSeg[]; name: string | undefined }[] = [];
  const visit = (node: ConfigNode, path: PathSeg[], name: string | undefined): void => {
    if (node.kind === 'expr') {
      // Written at the attribute: a literal, or the literal parts beside a reference (`.tf` and cdk.tf.json: a plan records no constant for those).
      const here = namedStringsOf(node.hasConstant && node.computed !== true ? node.constant : node.literalParts, path, name);
      literals.push(...here);
      // Fixed by the code elsewhere (a default, a local, `each.value`): found where it lands, unless written here too.
      const fixed = node.byCode === true ? node.constant : node.codeParts;
      for (const found of namedStringsOf(fixed, path, name)) {
        if (!here.some((written) => found.text.includes(written.text))) literals.push({ ...found, elsewhere: true });
      }
      // A map known only after apply whole, because a key is: each value its code writes, named by its key where that is known, by none where not.
      for (const map of unknownMapsAt(node)) eachWrittenEntry(map.entries, [...path, ...map.at], ({ key, value }, at) => literals.push(...namedStringsOf(value, at, key)));
      if (!node.hasConstant && node.references.length === 0 && node.literalParts === undefined) computedAt.push({ path, name });
    } else if (node.kind === 'block') {
      // CodeBuild's `environment_variable { name, value, type }`, Beanstalk's `setting { name, value }`, an EventBridge connection's `api_key { key, value }`.
      const pair = { name: literalOf(node.attrs.name), key: literalOf(node.attrs.key), value: literalOf(node.attrs.value), type: node.attrs.type === undefined ? undefined : literalOf(node.attrs.type) };
      if (isPlaintextPair(pair)) literals.push({ text: pair.value as string, path: [...path, 'value'] });
      for (const [key, inner] of Object.entries(node.attrs)) if (!UNIT_BLOCKS.has(key)) visit(inner, [...path, key], key);
    } else {
      node.items.forEach((inner, i) => visit(inner, [...path, i], name));
    }
  };
  visit(config, [], undefined);
  const written = { literals, computedAt };
  writtenOf.set(config, written);
  return written;
}

/**
 * Strings the code of a resource writes under a credential's name (`password = "…"`,
 * `connection_properties = { PASSWORD = "…" }`, `user { password = "…" }`, a `DB_PASSWORD`
 * environment variable, `secret_string = jsonencode({ password = "…" })`), with the path each lands
 * on: what the code itself holds in clear. A literal, or a value made by functions of literals alone
 * (a plan records no constant for those: their value is read from the resource's); in `.tf` and
 * cdk.tf.json also a value the code fixes elsewhere (`ConfigNode.byCode`: `var.pw` of a default,
 * `local.db.pass`, `each.value` of a literal `for_each`), and the parts of an encoded document the
 * code fixes beside a reference, and the values written in a map known only after apply whole under
 * a key the code fixes (`{ "${var.p}_ID" = "…", DB_PASSWORD = "…" }`: `DB_PASSWORD`'s; a key not
 * known names nothing). The literals are walked once per configuration block.
 */
export function writtenCredentials(resource: Resource): readonly WrittenString[] {
  return resource.data.config === undefined ? [] : writtenCredentialsIn(resource.data.config, resource.values);
}

/** `writtenCredentials` of a configuration block, a value made by functions of literals read from `values`. */
export function writtenCredentialsIn(config: ConfigNode, values: ValueView): readonly WrittenString[] {
  const { literals, computedAt } = writtenIn(config);
  if (computedAt.length === 0) return literals;
  const out = [...literals];
  for (const { path, name } of computedAt) {
    const view = values.get(...path);
    if (!view.isUnknown) namedStrings(view.raw, [...path], name, out);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Where the sensitive-data rules look

/** Attribute names of free-form text across the aws and awscc providers. */
const FREE_FORM_FIELDS: ReadonlySet<string> = new Set([
  'name',
  'name_prefix',
  'description',
  'display_name',
  'friendly_name',
  'comment',
  'comments',
  'note',
  'notes',
  'title',
  'summary',
  'label',
]);

/**
 * The attribute name a value sits under (`ingress.0.description` -> `description`): a list's items
 * take the list's name (`users.admin.passwords.0` -> `passwords`), an object in a list its own keys
 * (`users.0.name` -> `name`); undefined for a path of indexes alone.
 */
/** Whether the value at `path` is an element of a list (`secret_keys.0`). */
export const listedAt = (path: readonly PathSeg[]): boolean => typeof path[path.length - 1] === 'number';

export const fieldName = (path: readonly PathSeg[]): string | undefined => {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
};

/**
 * Whether `field` is free-form text by its name alone: one of `FREE_FORM_FIELDS`, a description of
 * any part (`alarm_description`, `asset_description`) or a display name (`asset_display_name`).
 */
const isFreeFormName = (field: string): boolean => FREE_FORM_FIELDS.has(field) || field.endsWith('_description') || field.endsWith('_display_name');

/**
 * Whether the top-level `field` is the resource's own name, which the provider calls after the
 * resource's type (`alarm_name` of `aws_cloudwatch_metric_alarm`, `asset_name` of
 * `awscc_iotsitewise_asset`, `function_name` of `aws_lambda_function`): the Name field AWS warns
 * about. Another `…_name` names something else (`role_name`, `log_group_name`, `metric_name`,
 * `key_name`): an identifier, found on the resource
 * that owns it, not searched again on each that refers to it.
 */
const isOwnName = (field: string, type: string): boolean => field.length > 5 && field.endsWith('_name') && type.endsWith(`_${field.slice(0, -5)}`);

/**
 * A free-form field (`isFreeFormName`, or the resource's own name when its `type` is given), or a
 * tag that is not the resource's own `tags` (a launch template's `tag_specifications.0.tags.Owner`,
 * an auto scaling group's `tag.0.value`, a backup plan's `rule.0.recovery_point_tags.Owner`: a map
 * whose name ends in `_tags`).
 */
export const isFreeForm = (path: readonly PathSeg[], type?: string): boolean =>
  isFreeFormField(fieldName(path) ?? '') || (type !== undefined && path.length === 1 && isOwnName(String(path[0]), type)) || inNestedTags(path);

/** How many field names `byFieldName` keeps before it starts again (map keys are names too). */
const FIELD_NAMES_KEPT = 4096;

/**
 * `test` of a field name, remembered by the name as written: the free-form and credentials rules ask
 * such a question of every string of every resource, and the names are a schema's few. Lower-casing
 * each name again took about twice as long as the lookup (micro-benchmark of 600k names as a parsed
 * plan's keys: 74-174 ms against 29-57 ms).
 */
export const byFieldName = (test: (field: string) => boolean): ((field: string) => boolean) => boundedMemo(test, FIELD_NAMES_KEPT);

/** `isFreeFormName` of a field name in lower case. */
const isFreeFormField = byFieldName((field) => isFreeFormName(field.toLowerCase()));

/** Whether `path` is in a tag nested in a block (`isFreeForm`'s tags). A loop, not `some`: every string of the plan comes here. */
function inNestedTags(path: readonly PathSeg[]): boolean {
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    // A top-level `volume_tags` is the tags rule's.
    if (seg === 'tag' || (i > 0 && seg === 'tags') || (i < path.length - 1 && typeof seg === 'string' && seg.endsWith('_tags') && (i > 0 || seg !== 'volume_tags'))) return true;
  }
  return false;
}

/**
 * Whether the map at `path` is a tag map nested in a block or named `…_tags` (`isFreeForm`'s tags):
 * `tag_specifications.0.tags`, `root_block_device.0.tags`, `rule.0.recovery_point_tags`. Its keys
 * are tag keys, as readable as its values: `resourceStrings` gives them too. An auto scaling
 * group's `tag` blocks write their key as a value (`tag.0.key`).
 */
export const isTagMap = (path: readonly PathSeg[]): boolean => {
  const last = path[path.length - 1];
  if (typeof last !== 'string') return false;
  return (last === 'tags' && path.length > 1) || (last.endsWith('_tags') && (path.length > 1 || last !== 'volume_tags'));
};

/**
 * Tags an awscc type puts on another resource, at the top of its values, by type: a Lex bot's
 * `test_bot_alias_tags` are its test alias's (AWS::Lex::Bot TestBotAliasTags, "tags to add to the
 * test alias"; hashicorp/terraform-provider-awscc docs/resources/lex_bot.md), not the bot's own. As
 * an instance's `volume_tags`: no tag rule reads them as the resource's tags, no-sensitive-data-in-tags
 * searches them, and the free-form and credentials rules leave them to it.
 */
const PASSED_ON_TAGS: ReadonlyMap<string, string> = new Map([['awscc_lex_bot', 'test_bot_alias_tags']]);

/** The top-level attributes of a resource of `type` that hold tags it puts on others: `volume_tags`, and `PASSED_ON_TAGS`' (`test_bot_alias_tags`). */
export const passedOnTags = (type: string): readonly string[] => {
  const own = PASSED_ON_TAGS.get(type);
  return own === undefined ? VOLUME_TAGS : ['volume_tags', own];
};

/** `passedOnTags` of most types, made once: every resource asks. */
const VOLUME_TAGS: readonly string[] = ['volume_tags'];

/** Tags are `no-sensitive-data-in-tags`' business (an instance's `volume_tags` too, and the tags a resource of `type` puts on others: `passedOnTags`). */
export const isTags = (path: readonly PathSeg[], type?: string): boolean => path.length === 1 && isTagsAttribute(path[0], type);

/** Whether `path` is in tags (`isTags` of its first segment), without slicing it: every string of a resource comes here. */
export const startsInTags = (path: readonly PathSeg[], type?: string): boolean => path.length > 0 && isTagsAttribute(path[0], type);

const isTagsAttribute = (name: PathSeg, type: string | undefined): boolean =>
  name === 'tags' || name === 'tags_all' || name === 'volume_tags' || (type !== undefined && PASSED_ON_TAGS.get(type) === name);

/**
 * The AWS provider's resources that put one tag on a resource managed elsewhere, and where their
 * `key` and `value` sit: at the top (`aws_ec2_tag`, `aws_dynamodb_tag`, `aws_ecs_tag`,
 * `aws_transfer_tag`, and since provider 6.28 `aws_organizations_tag` and `aws_secretsmanager_tag`)
 * or in a `tag` block (`aws_autoscaling_group_tag`). These are all of them up to provider 6.31 (its
 * CHANGELOG's new resources named `_tag`). Lake Formation's LF-tags, a cost allocation tag's
 * activation and Cognito's principal tags are not tags on a resource.
 */
const SINGLE_TAG: ReadonlyMap<string, readonly PathSeg[]> = new Map([
  ['aws_ec2_tag', []],
  ['aws_dynamodb_tag', []],
  ['aws_ecs_tag', []],
  ['aws_transfer_tag', []],
  ['aws_organizations_tag', []],
  ['aws_secretsmanager_tag', []],
  ['aws_autoscaling_group_tag', ['tag', 0]],
]);

/** Where the one tag of a resource of `type` sits, if it is a single-tag resource (`SINGLE_TAG`). */
export const singleTagAt = (type: string): readonly PathSeg[] | undefined => SINGLE_TAG.get(type);

/** Whether `path` is, or holds, the tag a single-tag resource writes: `no-sensitive-data-in-tags`' business too. */
export function isSingleTag(type: string, path: readonly PathSeg[]): boolean {
  const at = SINGLE_TAG.get(type);
  if (at === undefined || path.length === 0) return false;
  return at.length === 0 ? path.length === 1 && (path[0] === 'key' || path[0] === 'value') : path[0] === at[0];
}
