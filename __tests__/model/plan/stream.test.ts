/**
 * The streaming loader gives exactly what `parsePlanDocument` gives, whatever the chunking, the
 * encoding, the layout of the JSON or the order of its sections.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { loadPlanFile, loadPlanStream, parsePlanDocument } from '../../../checks/model/plan';
import { chunked, scenarioPlan, utf16 } from './docs';

/** The scenario with strings that make chunk boundaries interesting: escapes, surrogate pairs, multi-byte text. */
function trickyPlan(): Record<string, unknown> {
  const doc = scenarioPlan();
  const changes = doc.resource_changes as Array<{ change: { after: Record<string, unknown> } }>;
  changes[0].change.after.tags = {
    quote: 'say "hi" \\ and \\"again\\"',
    trailing_backslash: 'C:\\path\\',
    emoji: 'grin 😀 snow ☃ accent é',
    escaped: '\u0000\u001f\u2028',
    nested: '{"json": ["in", "a", "string"]}',
  };
  return { 'we"ird key': { '\\': ['}', ']', '{'] }, ...doc };
}

const expected = parsePlanDocument(trickyPlan(), 'plan.json');
const compact = Buffer.from(JSON.stringify(trickyPlan()));
const pretty = Buffer.from(JSON.stringify(trickyPlan(), null, 2).replace(/\n/g, '\r\n'));
/** `\u` escapes for every non-ASCII character, as some tools write JSON. */
const asciiOnly = Buffer.from(JSON.stringify(trickyPlan()).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));

describe('streaming plan loader', () => {
  it.each([1, 2, 3, 5, 7, 64, 4096, 1 << 20])('gives the same result as parsePlanDocument in %i-byte chunks', async (size) => {
    expect(await loadPlanStream(chunked(compact, size), 'plan.json')).toEqual(expected);
  });

  it.each([1, 3, 17])('reads pretty-printed CRLF JSON and \\u-escaped JSON in %i-byte chunks', async (size) => {
    expect(await loadPlanStream(chunked(pretty, size), 'plan.json')).toEqual(expected);
    expect(await loadPlanStream(chunked(asciiOnly, size), 'plan.json')).toEqual(expected);
  });

  it('gives the same result whatever the order of the sections', async () => {
    const doc = trickyPlan();
    const reversed = Object.fromEntries(Object.entries(doc).reverse());
    expect(await loadPlanStream(chunked(Buffer.from(JSON.stringify(reversed)), 9), 'plan.json')).toEqual(expected);
  });

  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), compact])],
    ['UTF-16LE with BOM', utf16(compact.toString('utf8'), 'le')],
    ['UTF-16BE with BOM', utf16(compact.toString('utf8'), 'be')],
    ['UTF-16LE without BOM', Buffer.from(compact.toString('utf8'), 'utf16le')],
    ['UTF-16LE pretty-printed (PowerShell)', utf16(pretty.toString('utf8'), 'le')],
  ])('decodes %s, whatever the chunking', async (_, bytes) => {
    for (const size of [1, 3, 4096]) expect(await loadPlanStream(chunked(bytes, size), 'plan.json')).toEqual(expected);
  });

  it('accepts text chunks (stdin with an encoding set)', async () => {
    const text = compact.toString('utf8');
    const chunks = Readable.from([text.slice(0, 1000), text.slice(1000)], { objectMode: true });
    expect(await loadPlanStream(chunks, '-')).toEqual({ ...expected, input: '-' });
  });

  it('loads a file from disk', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-loader-'));
    try {
      const file = path.join(dir, 'plan.json');
      fs.writeFileSync(file, utf16(pretty.toString('utf8'), 'le'));
      expect(await loadPlanFile(file, 'plan.json')).toEqual(expected);
      expect((await loadPlanFile(file)).input).toBe(file);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('streams a file too large to parse whole (over 16 MiB)', async () => {
    const doc = scenarioPlan();
    const template = (doc.resource_changes as unknown[])[0] as Record<string, unknown>;
    const padding = 'p'.repeat(2000);
    const many = Array.from({ length: 9000 }, (_, i) => ({ ...template, address: `aws_s3_bucket.data[${i}]`, index: i, padding }));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-loader-'));
    try {
      const file = path.join(dir, 'big.json');
      fs.writeFileSync(file, JSON.stringify({ ...doc, resource_changes: many }));
      expect(fs.statSync(file).size).toBeGreaterThan(16 << 20);
      const result = await loadPlanFile(file, 'big.json');
      expect(result.resources.filter((r) => r.address.startsWith('aws_s3_bucket.data['))).toHaveLength(9000);
      fs.appendFileSync(file, 'garbage');
      await expect(loadPlanFile(file, 'big.json')).rejects.toThrow(/^big\.json: invalid JSON at byte \d+: unexpected data after the end/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('streams a plan of thousands of resources in small chunks', async () => {
    const doc = scenarioPlan();
    const template = (doc.resource_changes as unknown[])[0] as Record<string, unknown>;
    const many = Array.from({ length: 2000 }, (_, i) => ({ ...template, address: `aws_s3_bucket.data[${i}]`, index: i }));
    const big = Buffer.from(JSON.stringify({ ...doc, resource_changes: many }));
    const result = await loadPlanStream(chunked(big, 1000), 'big.json');
    expect(result.resources.filter((r) => r.address.startsWith('aws_s3_bucket.data['))).toHaveLength(2000);
  });
});
