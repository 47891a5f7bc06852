/**
 * A `for` over the instances of a block of many `for_each` keys, in .tf: the work grows with the number of keys, not
 * with its square. The work is counted, never timed: the lengths of the arrays `includes`, `every`, `indexOf` and `some`
 * pass over while the directory is loaded (a lookup of a key among a block's keys was one pass over them per element).
 */
import { loadHcl } from '../../checks/model/hcl';
import type { LoadedInput } from '../../checks/model/types';
import { withFiles } from '../cli/run';

const PASSES = ['includes', 'every', 'indexOf', 'some'] as const;

async function loadCounting(files: Record<string, string>): Promise<{ input: LoadedInput; work: number }> {
  let work = 0;
  const spies = PASSES.map((method) => {
    const original = Array.prototype[method] as (...args: unknown[]) => unknown;
    return jest.spyOn(Array.prototype, method).mockImplementation(function (this: unknown[], ...args: unknown[]) {
      work += this.length;
      return original.apply(this, args);
    } as never);
  });
  try {
    return { input: await withFiles(files, (dir) => loadHcl(dir)), work };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
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
