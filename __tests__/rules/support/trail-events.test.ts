import fc from 'fast-check';
import { type Conditions, MAX_SOURCE_CANDIDATES, OPERATORS, recordsEverySource } from '../../../checks/rules/support/trail-events';

/**
 * An independent reading of selectors on eventSource: every value over {a, b, c} up to a length
 * where each combination of operands met is reached (a, b in operands; c none), each checked
 * against each selector's conditions read one by one.
 */
function oracle(selectors: readonly Conditions[]): boolean {
  const longest = Math.max(0, ...selectors.flatMap((conditions) => conditions.flatMap(({ values }) => values.map((v) => v.length))));
  const meets = (value: string, conditions: Conditions) =>
    conditions.every(({ operator, values }) => {
      const hit = values.some((v) => (operator.endsWith('equals') ? value === v : operator.endsWith('starts_with') ? value.startsWith(v) : value.endsWith(v)));
      return operator.startsWith('not_') ? !hit : hit;
    });
  let level = [''];
  for (let length = 0; length <= 2 * longest + 1; length += 1) {
    if (level.some((value) => !selectors.some((conditions) => meets(value, conditions)))) return false;
    level = level.flatMap((value) => ['a', 'b', 'c'].map((c) => value + c));
  }
  return true;
}

const operand = fc.array(fc.constantFrom('a', 'b'), { minLength: 1, maxLength: 3 }).map((chars) => chars.join(''));
const conditions = fc.array(fc.record({ operator: fc.constantFrom(...OPERATORS), values: fc.array(operand, { minLength: 1, maxLength: 2 }) }), { minLength: 1, maxLength: 3 });

describe('recordsEverySource', () => {
  it('agrees with every short value checked one by one', () => {
    fc.assert(fc.property(fc.array(conditions, { minLength: 1, maxLength: 4 }), (selectors) => recordsEverySource(selectors) === oracle(selectors)), { numRuns: 3000, seed: 25 });
  });

  it.each([
    ['Equals "ab" beside NotEquals "ab"', [[{ operator: 'equals', values: ['ab'] }], [{ operator: 'not_equals', values: ['ab'] }]], true],
    ['NotStartsWith "ab", NotEndsWith "ba" and Equals "aba": "abba" is left', [[{ operator: 'not_starts_with', values: ['ab'] }], [{ operator: 'not_ends_with', values: ['ba'] }], [{ operator: 'equals', values: ['aba'] }]], false],
    ['StartsWith "abb" beside NotStartsWith "ab": "ab" is left', [[{ operator: 'starts_with', values: ['abb'] }], [{ operator: 'not_starts_with', values: ['ab'] }]], false],
    ['StartsWith "ab" beside NotStartsWith "abb"', [[{ operator: 'starts_with', values: ['ab'] }], [{ operator: 'not_starts_with', values: ['abb'] }]], true],
    [
      'StartsWith "ab", EndsWith "ba" and NotEquals "aba" beside NotStartsWith "ab" and NotEndsWith "ba": "aba" is left',
      [[{ operator: 'starts_with', values: ['ab'] }, { operator: 'ends_with', values: ['ba'] }, { operator: 'not_equals', values: ['aba'] }], [{ operator: 'not_starts_with', values: ['ab'] }], [{ operator: 'not_ends_with', values: ['ba'] }]],
      false,
    ],
    ['no selector', [], false],
  ] as [string, Conditions[], boolean][])('%s', (_name, selectors, expected) => {
    expect(recordsEverySource(selectors)).toBe(expected);
    expect(oracle(selectors)).toBe(expected);
  });

  it('checks a bounded number of values however many operands the selectors hold', () => {
    const many = (operator: (typeof OPERATORS)[number], n: number) => [{ operator, values: Array.from({ length: n }, (_, i) => `s${i}.amazonaws.com`) }];
    for (const n of [10, 100, 1000]) {
      const work = { candidates: 0 };
      const covered = recordsEverySource([many('not_starts_with', n), many('not_ends_with', n), many('equals', n)], work);
      expect({ n, covered }).toEqual({ n, covered: false });
      expect(work.candidates).toBeLessThanOrEqual(MAX_SOURCE_CANDIDATES);
    }
    const work = { candidates: 0 };
    expect(recordsEverySource([many('equals', 1000), many('not_equals', 1000)], work)).toBe(true);
    expect(work.candidates).toBe(1001);
  });
});
