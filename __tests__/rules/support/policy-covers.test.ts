import fc from 'fast-check';
import { covers, coversByTable, UNKNOWN_PART } from '../../../checks/rules/support/policy';

/**
 * An independent reading of `covers` as a regular expression: `*` is any run, `?` one character that
 * is not wild, a literal character only itself (a literal unknown-ARN marker nothing).
 */
function oracle(pattern: string, target: string, ignoreCase: boolean): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const t = ignoreCase ? target.toLowerCase() : target;
  const source = [...p]
    .map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[^*\\u0001]' : c === UNKNOWN_PART ? '(?!)' : c.replace(/[\\^$.|+()[\]{}/-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(t);
}

// Few characters, so patterns and targets often share prefixes and wildcards meet wild targets.
const char = fc.constantFrom('a', 'A', 'b', ':', '/', '*', '?', UNKNOWN_PART);
const text = fc.array(char, { maxLength: 8 }).map((chars) => chars.join(''));

describe('covers: fast paths agree with the general table', () => {
  it.each([
    // literal pattern
    ['s3:GetObject', 's3:GetObject', true],
    ['s3:GetObject', 's3:GetObjects', false],
    ['arn:aws:s3:::data', 'arn:aws:s3:::data', true],
    ['s3:GetObject', 's3:Get*', false],
    ['arn:aws:s3:::data/', `arn:aws:s3:::data/`, true],
    [`arn:aws:s3:::${UNKNOWN_PART}`, `arn:aws:s3:::${UNKNOWN_PART}`, false],
    ['', '', true],
    ['', 'a', false],
    // `prefix*`
    ['arn:aws:s3:::*', `arn:aws:s3:::${UNKNOWN_PART}`, true],
    ['arn:aws:s3:::data/*', 'arn:aws:s3:::data/*', true],
    ['arn:aws:s3:::data/*', 'arn:aws:s3:::data/', true],
    ['arn:aws:s3:::data/*', 'arn:aws:s3:::data', false],
    [`arn:aws:s3:::${UNKNOWN_PART}*`, `arn:aws:s3:::${UNKNOWN_PART}/x`, false],
    ['*', '', true],
    // left to the table
    ['arn:aws:s3:::*/*', 'arn:aws:s3:::data/*', true],
    ['arn:aws:s3:::dat?*', `arn:aws:s3:::data/${UNKNOWN_PART}`, true],
  ])('%j covers %j: %s', (pattern, target, expected) => {
    expect(covers(pattern, target)).toBe(expected);
    expect(coversByTable(pattern, target)).toBe(expected);
    expect(oracle(pattern, target, false)).toBe(expected);
  });

  it('gives the same answer as the table and as a regular expression for any pattern and target', () => {
    fc.assert(
      fc.property(text, text, fc.boolean(), (pattern, target, ignoreCase) => {
        const expected = oracle(pattern, target, ignoreCase);
        const [p, t] = ignoreCase ? [pattern.toLowerCase(), target.toLowerCase()] : [pattern, target];
        expect(covers(pattern, target, ignoreCase)).toBe(expected);
        expect(coversByTable(p, t)).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it('gives the same answers for `prefix*` patterns built from the target', () => {
    fc.assert(
      fc.property(text, fc.nat(8), text, (target, cut, tail) => {
        const pattern = `${target.slice(0, cut).replace(/[*?]/g, '')}${tail.replace(/[*?]/g, '')}*`;
        expect(covers(pattern, target)).toBe(oracle(pattern, target, false));
      }),
      { numRuns: 2000 },
    );
  });
});
