/**
 * A template's literal text is read for an email address around each value not known at plan time (`inAddress`, from
 * model/evaluate.ts `templateTexts`). It was handed the whole text before the value, which it sliced: the text, grown
 * part by part, was copied whole at each value, so the work grew with the square of the values (20,000 values: 16 s).
 * The work is counted rather than timed: the characters handed to `inAddress`, which reads them.
 */
import type { RuleDefinition } from '../../../checks/rules/types';
import type { Graph } from '../../../checks/model/types';

// The test setup has loaded the model already: it is loaded again, after the mock, with the counted `inAddress`.
jest.mock('../../../checks/model/email-address', () => {
  const actual = jest.requireActual('../../../checks/model/email-address');
  return { ...actual, inAddress: jest.fn(actual.inAddress) };
});
jest.resetModules();
/* eslint-disable @typescript-eslint/no-require-imports */
const handed = (require('../../../checks/model/email-address') as typeof import('../../../checks/model/email-address')).inAddress as jest.MockedFunction<typeof import('../../../checks/model/email-address').inAddress>;
const rule = (require('../../../checks/rules/sensitive-data/no-sensitive-data-in-tags') as { default: RuleDefinition }).default;
const { evaluateRule } = require('../../helpers/rule-table') as typeof import('../../helpers/rule-table');
const { cdktfGraph } = require('../../helpers/code-forms') as { cdktfGraph: (resource: Record<string, Record<string, Record<string, unknown>>>) => Graph };
/* eslint-enable @typescript-eslint/no-require-imports */

/** The verdicts of a queue whose `Owner` tag is a template of `values` values, then an address; and the characters handed to `inAddress`. */
function read(values: number): { verdicts: [string, string, string | undefined][]; message: string | undefined; work: number } {
  handed.mockClear();
  const owner = `${'${var.x}jane-doe-'.repeat(values)} contact jane.doe@example.com`;
  const verdicts = evaluateRule(rule, cdktfGraph({ aws_sqs_queue: { q: { name: 'q', tags: { Owner: owner } } } }));
  const work = handed.mock.calls.reduce((sum, [before, after]) => sum + before.length + after.length, 0);
  return { verdicts: verdicts.map((v) => [v.address, v.status, v.path]), message: verdicts[0]?.message, work };
}

it('a tag whose template holds thousands of values, then an email address: found, masked, with work that grows with its length', () => {
  const small = read(2_000);
  const large = read(4_000);
  for (const { verdicts, message } of [small, large]) {
    expect(verdicts).toEqual([['aws_sqs_queue.q', 'fail', 'tags.Owner']]);
    expect(message).toMatch(/^The literal text of a template written in tag "Owner" holds an email address \(j\*\*\*@e\*\*\*\.com\)/);
    expect(message).not.toMatch(/jane\.doe|example\.com/);
  }
  expect(small.work).toBeGreaterThan(0);
  expect(large.work).toBeLessThan(2.5 * small.work);
});
