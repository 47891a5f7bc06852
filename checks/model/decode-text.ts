/** How a file's text is encoded. */
export type Encoding = 'utf8' | 'utf16le' | 'utf16be';

/**
 * The encoding of a file's bytes, and the BOM's length: UTF-8 (with or without a BOM), UTF-16 LE or
 * BE with a BOM, or without one where the text starts with two ASCII characters (a NUL beside each:
 * `{` then NUL, or NUL then `{`), as every input is read, a plan as a configuration.
 */
export function textEncoding(head: Buffer): { encoding: Encoding; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf16be', bom: 2 };
  // `{` followed by NUL (LE) or NUL then `{` (BE): UTF-16 without a BOM.
  if (head.length >= 4 && head[0] !== 0 && head[1] === 0 && head[2] !== 0 && head[3] === 0) return { encoding: 'utf16le', bom: 0 };
  if (head.length >= 4 && head[0] === 0 && head[1] !== 0 && head[2] === 0 && head[3] !== 0) return { encoding: 'utf16be', bom: 0 };
  return { encoding: 'utf8', bom: 0 };
}

/** Text of a file's bytes, in the encoding `textEncoding` finds (a UTF-16 text's odd last byte dropped). */
export function decodeText(bytes: Buffer): string {
  const { encoding, bom } = textEncoding(bytes);
  const body = bytes.subarray(bom);
  if (encoding === 'utf8') return body.toString('utf8');
  const even = body.subarray(0, body.length - (body.length % 2));
  return (encoding === 'utf16be' ? Buffer.from(even).swap16() : even).toString('utf16le');
}

/**
 * Why a decoded text is no text at all, or undefined: NUL bytes, which no configuration holds
 * (binary data, or UTF-16 that `textEncoding` cannot tell).
 */
export const notText = (text: string): string | undefined =>
  text.includes('\u0000') ? 'not text: it holds NUL bytes (binary data, or UTF-16 without a BOM that does not start with ASCII text); save it as UTF-8' : undefined;
