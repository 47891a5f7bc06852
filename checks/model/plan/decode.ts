/**
 * Bytes in, UTF-8 out: detects UTF-8 (with or without BOM) and UTF-16 LE/BE (BOM, or the NUL
 * pattern of ASCII text), transcodes UTF-16 chunk by chunk, and refuses at the first bytes what
 * cannot be a plan's JSON: nothing at all, binary data, a binary plan file, output captured
 * through the setup-terraform wrapper.
 */
import { type Encoding, textEncoding } from '../decode-text';
import { quotedInput } from '../quoted';

/** The input is not JSON text at all; `reason` is the one-line explanation. */
export class NotJsonError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** How many bytes to look at before deciding what the input is. */
const HEAD_BYTES = 512;

export const WRAPPER_HINT =
  'this is output captured through the hashicorp/setup-terraform wrapper ([command]/::debug:: lines around the JSON); set terraform_wrapper: false in the setup-terraform step';

/** Why the first decoded bytes cannot start a plan document, if they cannot. */
function refusal(text: string, raw: Buffer): string | undefined {
  if (raw[0] === 0x50 && raw[1] === 0x4b && raw[2] === 0x03 && raw[3] === 0x04) {
    return 'this is a binary plan file (zip), not JSON; run `terraform show -json PLANFILE > plan.json` and pass that';
  }
  const trimmed = text.replace(/^[\s\uFEFF]+/, '');
  if (trimmed === '') return undefined; // all whitespace so far: decided at the end
  if (trimmed.startsWith('[command]') || trimmed.startsWith('::')) return `not a Terraform plan: ${WRAPPER_HINT}`;
  // eslint-disable-next-line no-control-regex
  // A multi-byte character cut at the end of the head decodes as U+FFFD: not a sign of binary data.
  if (/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text.replace(/\ufffd+$/, ''))) return 'binary data, not JSON text';
  // The first character whole (not half an emoji), escaped if it is a control or a bidi override.
  if (!/^[{["\-0-9tfn]/.test(trimmed)) return `not JSON: it starts with '${quotedInput(String.fromCodePoint(trimmed.codePointAt(0) as number))}', expected '{'`;
  return undefined;
}

/** Swaps the bytes of UTF-16BE so the LE decoder reads it; keeps an odd trailing byte for the next chunk. */
function swapPairs(chunk: Buffer, carry: Buffer | undefined): { swapped: Buffer; carry: Buffer | undefined } {
  const bytes = carry ? Buffer.concat([carry, chunk]) : Buffer.from(chunk);
  const even = bytes.length - (bytes.length % 2);
  const swapped = bytes.subarray(0, even);
  swapped.swap16();
  return { swapped, carry: even < bytes.length ? bytes.subarray(even) : undefined };
}

const toBuffer = (chunk: Buffer | string): Buffer => (typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);

/** How the input was decoded: `bom` bytes skipped, then UTF-8 as is or transcoded from UTF-16. */
export type Decoded = { readonly encoding: Encoding; readonly bom: number };

/**
 * UTF-8 chunks of the input, without BOM. Throws `NotJsonError` for empty, binary or wrapped input.
 * `onDecided` learns the encoding before the first chunk is yielded.
 */
export async function* utf8Chunks(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  onDecided?: (decoded: Decoded) => void,
): AsyncGenerator<Buffer> {
  let head: Buffer[] = [];
  let headLength = 0;
  let transcode: ((chunk: Buffer, last: boolean) => Buffer) | undefined;

  const decide = (bytes: Buffer): Buffer => {
    const { encoding, bom } = textEncoding(bytes);
    onDecided?.({ encoding, bom });
    if (encoding === 'utf8') {
      transcode = (chunk) => chunk;
    } else {
      const decoder = new TextDecoder('utf-16le');
      let carry: Buffer | undefined;
      transcode = (chunk, last) => {
        let input = chunk;
        if (encoding === 'utf16be') ({ swapped: input, carry } = swapPairs(chunk, carry));
        return Buffer.from(decoder.decode(input, { stream: !last }), 'utf8');
      };
    }
    const decoded = transcode(bytes.subarray(bom), false);
    const why = refusal(decoded.toString('utf8', 0, Math.min(decoded.length, HEAD_BYTES)), bytes);
    if (why) throw new NotJsonError(why);
    return decoded;
  };

  let sawText = false;
  for await (const raw of source) {
    const chunk = toBuffer(raw);
    if (!transcode) {
      head.push(chunk);
      headLength += chunk.length;
      if (headLength < HEAD_BYTES) continue;
      const decoded = decide(Buffer.concat(head));
      head = [];
      sawText ||= /\S/.test(decoded.toString('latin1'));
      yield decoded;
      continue;
    }
    const decoded = transcode(chunk, false);
    sawText ||= decoded.some((c) => c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09);
    yield decoded;
  }
  if (!transcode) {
    const decoded = decide(Buffer.concat(head));
    sawText ||= /\S/.test(decoded.toString('latin1'));
    yield decoded;
  }
  const rest = (transcode as (chunk: Buffer, last: boolean) => Buffer)(Buffer.alloc(0), true);
  if (rest.length > 0) yield rest;
  if (!sawText) throw new NotJsonError('empty input: expected the JSON of `terraform show -json PLANFILE`');
}
