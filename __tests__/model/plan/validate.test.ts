/**
 * The validator that stands in for `JSON.parse` on the planned_values elements of large plans: it
 * must accept exactly what `JSON.parse` accepts, or a corrupt plan would pass unread.
 */
import fc from 'fast-check';
import { jsonErrorAt, jsonValueEnd } from '../../../checks/model/plan/validate';

const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

const verdict = (text: string): boolean => {
  const bytes = Buffer.from(text, 'utf8');
  return jsonErrorAt(bytes, 0, bytes.length) === -1;
};

/** Bytes that break JSON in many ways: structure, escapes, numbers, literals, control characters. */
const NOISE = ['{', '}', '[', ']', ',', ':', '"', '\\', '\\u12', '\\x', '-', '0', '01', '1.', '.5', '1e', 'e5', 'tru', 'nul', 'NaN', '\t', '\n', '\u0001', ' ', 'é'];

describe('the JSON validator', () => {
  it('accepts every JSON text', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(verdict(text)).toBe(true);
        expect(verdict(` \n${text}\t `)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with JSON.parse on JSON texts broken by cuts and insertions', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom(...NOISE), fc.boolean(), (text, at, noise, cut) => {
        const i = at % (text.length + 1);
        const broken = cut ? text.slice(0, i) : `${text.slice(0, i)}${noise}${text.slice(i)}`;
        expect(verdict(broken)).toBe(parses(broken));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['{"a":1}', -1],
    ['{"a":1', 6],
    ['{"a" 1}', 5],
    ['[1,]', 3],
    ['{"a":tru}', 5],
    ['"\u0001"', 1],
    ['"\\q"', 1],
    ['01', 1],
    ['{} {}', 3],
  ])('%j: -1 when valid, else the offset of the first wrong byte (%d)', (text, expected) => {
    const bytes = Buffer.from(text, 'utf8');
    expect(jsonErrorAt(bytes, 0, bytes.length)).toBe(expected);
  });

  it('finds where a value ends, whatever follows it', () => {
    fc.assert(
      fc.property(fc.json(), fc.constantFrom('', ',', ']', '}', ' x', '{"a":'), (text, after) => {
        const bytes = Buffer.from(`${text}${after}`, 'utf8');
        // A number runs on into digits only: none of the suffixes starts with one.
        expect(jsonValueEnd(bytes, 0, bytes.length)).toBe(Buffer.byteLength(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('says a value cut short is cut short, never wrong: the rest may come in the next chunk', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), (text, at) => {
        const bytes = Buffer.from(text, 'utf8');
        const cut = at % bytes.length;
        const end = jsonValueEnd(bytes, 0, cut);
        // A number cut short may look whole; anything else must ask for more.
        if (end >= 0) expect(/^-?[\d.eE+-]+$/.test(text)).toBe(true);
        else expect(~end).toBe(cut);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with JSON.parse on values broken by cuts and insertions', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom(...NOISE), (text, at, noise) => {
        const i = at % (text.length + 1);
        const broken = `${text.slice(0, i)}${noise}${text.slice(i)}`;
        const bytes = Buffer.from(broken, 'utf8');
        const end = jsonValueEnd(bytes, 0, bytes.length);
        // Whole when what it spans parses and nothing but whitespace follows, else wrong or cut short.
        const whole = end >= 0 && parses(bytes.toString('utf8', 0, end)) && bytes.toString('utf8', end).trim() === '';
        expect(whole).toBe(parses(broken));
      }),
      { numRuns: 5000 },
    );
  });
});
