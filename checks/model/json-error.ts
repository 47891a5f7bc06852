/**
 * What went wrong when `JSON.parse` refused a text, and where, without the text itself: V8 quotes
 * the input around the error (`Unexpected token 'A', ..."password": AKIAIOSFOD"... is not valid
 * JSON`), and a refusal message must never repeat what may be a secret.
 */

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
export function lineAndColumn(text: string, at: number): string {
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return `line ${line}, column ${at - before.lastIndexOf('\n')}`;
}

/** `invalid JSON at line 3, column 17: Unexpected character` for a `JSON.parse` error of `text`. */
export function invalidJsonMessage(error: unknown, text: string): string {
  const { detail, at } = jsonSyntaxProblem(error, text);
  return `invalid JSON${at === undefined ? '' : ` at ${lineAndColumn(text, at)}`}: ${detail}`;
}
