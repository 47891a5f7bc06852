/**
 * A `for` over the instances of a block of many `for_each` keys, in .tf: the work grows with the number of keys, not
 * with its square. The work is counted, never timed: the lengths of the arrays `includes`, `every`, `indexOf` and `some`
 * pass over while the directory is loaded (a lookup of a key among a block's keys was one pass over them per element).
 */
import { buildGraph } from '../../checks/model/graph';
import { loadHcl } from '../../checks/model/hcl';
import type { LoadedInput } from '../../checks/model/types';
import rule from '../../checks/rules/encryption-in-transit/s3-bucket-deny-insecure-transport';
import { evaluateRule, worstByAddress } from '../helpers/rule-table';
import { withFiles } from '../cli/run';

const PASSES = ['includes', 'every', 'indexOf', 'some'] as const;

/** The work of `run`: the lengths of the arrays it passes over with `PASSES`. */
async function counting<T>(run: () => Promise<T>): Promise<{ result: T; work: number }> {
  let work = 0;
  const spies = PASSES.map((method) => {
    const original = Array.prototype[method] as (...args: unknown[]) => unknown;
    return jest.spyOn(Array.prototype, method).mockImplementation(function (this: unknown[], ...args: unknown[]) {
      work += this.length;
      return original.apply(this, args);
    } as never);
  });
  try {
    const result = await run();
    return { result, work };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

async function loadCounting(files: Record<string, string>): Promise<{ input: LoadedInput; work: number }> {
  const { result, work } = await counting(() => withFiles(files, (dir) => loadHcl(dir)));
  return { input: result, work };
}

/** Queues `a` by `n` keys, and queues `b` by a map `local.m` the `for` makes of `a`'s instances. */
const queues = (n: number, m: string): Record<string, string> => ({
  'main.tf': [
    `locals {\n  names = toset([${Array.from({ length: n }, (_, i) => `"k${i}"`).join(', ')}])\n  m = ${m}\n}`,
    'resource "aws_sqs_queue" "a" {\n  for_each = local.names\n  name     = each.key\n}',
    'resource "aws_sqs_queue" "b" {\n  for_each = local.m\n  name     = "${each.key}-b"\n  tags     = { of = each.value }\n}',
  ].join('\n'),
});

describe('a for over a block of many for_each keys', () => {
  it.each([
    // Each element's `q.name` is the name `a` configures for that key (`configuredAttributes`).
    ['an attribute of each instance: { for k, q in aws_sqs_queue.a : k => q.name }', '{ for k, q in aws_sqs_queue.a : k => q.name }', 'k1999'],
    // Each element indexes the block by its key (`heldInstance`): an instance, known only after apply.
    ['the instance of each key: { for k in keys(aws_sqs_queue.a) : k => aws_sqs_queue.a[k] }', '{ for k in keys(aws_sqs_queue.a) : k => aws_sqs_queue.a[k] }', undefined],
  ])('%s', async (_name, m, lastValue) => {
    const small = await loadCounting(queues(1000, m));
    const large = await loadCounting(queues(2000, m));
    expect([small.input.resources.length, large.input.resources.length]).toEqual([2000, 4000]);
    const last = large.input.resources.find((r) => r.address === 'aws_sqs_queue.b["k1999"]');
    expect(last?.after).toMatchObject(lastValue === undefined ? { name: 'k1999-b' } : { name: 'k1999-b', tags: { of: lastValue } });
    expect(large.work).toBeLessThan(2.5 * small.work);
  });
});

// Each policy's code is read for its instance: `each.value` binds that key's element of the for_each, which reads an
// attribute of every bucket. Each instance read every one of them again to tell whether the for_each kept its value
// (`SymbolicReads`): n policies read n² references. The for_each is the module instance's, read once for all of them.
describe('instances of a for_each whose code reads each.value, read for a rule', () => {
  const policies = (n: number): Record<string, string> => ({
    'main.tf': [
      `resource "aws_s3_bucket" "m" {\n  for_each = toset([${Array.from({ length: n }, (_, i) => `"k${i}"`).join(', ')}])\n  bucket   = "b-\${each.key}"\n}`,
      'resource "aws_s3_bucket_policy" "p" {',
      '  for_each = { for k, b in aws_s3_bucket.m : "p-${k}" => { arn = b.arn } }',
      '  bucket   = "b-${trimprefix(each.key, "p-")}"',
      '  policy = jsonencode({',
      '    Version   = "2012-10-17"',
      '    Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = [each.value.arn, "${each.value.arn}/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } }]',
      '  })',
      '}',
    ].join('\n'),
  });
  const verdicts = async (n: number) =>
    counting(async () => {
      const graph = await withFiles(policies(n), async (dir) => buildGraph([await loadHcl(dir)]));
      return Object.values(worstByAddress(evaluateRule(rule, graph)));
    });

  it('each bucket is denied insecure transport by its own policy, in work that grows with the number of instances', async () => {
    const small = await verdicts(150);
    const large = await verdicts(300);
    expect([small.result, large.result]).toEqual([Array(150).fill('pass'), Array(300).fill('pass')]);
    expect(large.work).toBeLessThan(2.5 * small.work);
  });
});
