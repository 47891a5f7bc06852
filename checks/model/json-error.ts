/**
 * What went wrong when `JSON.parse` refused a text, and where, without the text itself: V8 quotes
 * the input around the error (`Unexpected token 'A', ..."password": AKIAIOSFOD"... is not valid
 * JSON`), and a refusal message must never repeat what may be a secret.
 */
import { repeatedJsonKey } from './positions';
import { quotedInput } from './quoted';

/**
 * Where `JSON.parse` failed, from its message: `… at position N`; the end for an unexpected end;
 * for an unexpected token, from the text V8 quotes: 10 characters either side of the error, `...`
 * where cut (a text under 21 characters is quoted whole, and the token found in it).
 */
function errorPosition(message: string, text: string): number | undefined {
  const position = / at position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  if (message.startsWith('Unexpected end of JSON input')) return text.length;
  const token = /^Unexpected token '(.+?)', (\.\.\.)?"(.*)"(\.\.\.)? is not valid JSON$/s.exec(message);
  if (!token) return undefined;
  const [, character, cutBefore, context, cutAfter] = token;
  if (cutBefore) {
    const start = text.indexOf(context);
    return start < 0 ? undefined : start + 10;
  }
  return cutAfter ? context.length - 10 : Math.max(0, context.indexOf(character));
}

/** The problem `JSON.parse` reported for `text`, with no input quoted, and its character offset when known. */
export function jsonSyntaxProblem(error: unknown, text: string): { readonly detail: string; readonly at: number | undefined } {
  const message = (error as Error).message;
  const detail = message
    .replace(/ (?:in JSON )?at position \d+.*$/s, '')
    .replace(/, (?:\.\.\.)?".*$/s, '')
    // The unexpected character may be the first of a secret written without quotes.
    .replace(/^Unexpected token '.+?'$/s, 'Unexpected character');
  return { detail, at: errorPosition(message, text) };
}

/** `line 3, column 17` of a character offset. */
function lineAndColumn(text: string, at: number): string {
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return `line ${line}, column ${at - before.lastIndexOf('\n')}`;
}

/** `invalid JSON at line 3, column 17: Unexpected character` for a `JSON.parse` error of `text`. */
export function invalidJsonMessage(error: unknown, text: string): string {
  const { detail, at } = jsonSyntaxProblem(error, text);
  return `invalid JSON${at === undefined ? '' : ` at ${lineAndColumn(text, at)}`}: ${detail}`;
}

/**
 * A key as a refusal may quote it: spelled as Terraform names things, else not quoted (it may be data: a secret as an object key).
 * A name's spelling is no proof it is not data (a Slack token `xoxb-…` as a tag's key): masked as a refusal masks what it quotes (`"xoxb***"`).
 */
const quotedKey = (key: string): string | undefined => (/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/.test(key) ? `"${quotedInput(key)}"` : undefined);

/**
 * The refusal of a JSON configuration text (cdk.tf.json, .tf.json, .tfvars.json, a cdktf manifest)
 * one of whose objects writes a key twice, or `undefined`. `JSON.parse` keeps the last of the two;
 * Terraform reads both: two `"resource"` keys, or two resource types, are blocks it merges, and an
 * argument written twice it refuses. Reading only the last would hide what the first holds from
 * every rule, so the file is refused.
 */
export function repeatedKeyMessage(text: string): string | undefined {
  const repeated = repeatedJsonKey(text);
  if (repeated === undefined) return undefined;
  const key = quotedKey(repeated.path[repeated.path.length - 1]) ?? 'a key';
  const within = repeated.path.slice(0, -1);
  const where = within.length === 0 ? 'the top-level object' : `the object at ${within.map((k) => quotedKey(k)?.slice(1, -1) ?? '*').join('.')}`;
  const lines = repeated.first === repeated.line ? `both on line ${repeated.line}` : `lines ${repeated.first} and ${repeated.line}`;
  return `${key} is written twice in ${where} (${lines}): Terraform reads both (a block written twice is two blocks; an argument written twice it refuses) and twinguard would read only the last, so it does not guess; write the key once`;
}
