/**
 * The work the rules do on many resources, counted, never timed (issue #7: a 100k-resource plan): a
 * question asked of a resource by several rules is answered once, and what only some inputs need
 * (a policy's reference tokens, a tag's length in code points) is made only for them.
 */
import { runRules } from '../../checks/engine';
import { IDENTIFIED_TYPES, IdentityIndex } from '../../checks/model/graph/identity';
import type { Graph } from '../../checks/model/types';
import denyInsecureTransport from '../../checks/rules/encryption-in-transit/s3-bucket-deny-insecure-transport';
import tagLimits from '../../checks/rules/tagging/tag-limits';
import { DEFAULT_SETTINGS } from '../../checks/settings';
import { graphOf, plan, res, type Res } from '../helpers/plan-builder';
import { evaluateRule } from '../helpers/rule-table';
import { bucket, ref } from './encryption-at-rest/fixtures';

/** How many times `method` of `target` is called while `run` runs, and for which arguments `counted` says. */
function countCalls<T extends object, K extends keyof T>(target: T, method: K, run: () => void, counted: (self: unknown, args: unknown[]) => boolean = () => true): number {
  let calls = 0;
  const original = target[method] as (...args: unknown[]) => unknown;
  const spy = jest.spyOn(target, method as never).mockImplementation(function (this: unknown, ...args: unknown[]) {
    if (counted(this, args)) calls++;
    return original.apply(this, args);
  } as never);
  try {
    run();
  } finally {
    spy.mockRestore();
  }
  return calls;
}

const policy = (bucketAddress: string, name: string): Res =>
  res(
    bucketAddress.replace('aws_s3_bucket.', 'aws_s3_bucket_policy.'),
    {
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    },
    { unknown: { id: true }, refs: { bucket: ref(bucketAddress, 'id') } },
  );

/** `n` buckets, each with a literal policy that denies plain HTTP, and `n` TwinMaker workspaces keeping their data in them. */
function sites(n: number): Graph {
  const resources = Array.from({ length: n }, (_, i) => {
    const address = `aws_s3_bucket.b${i}`;
    return [
      bucket(address, { name: `twin-${i}` }),
      policy(address, `twin-${i}`),
      res(`awscc_iottwinmaker_workspace.w${i}`, { workspace_id: `w${i}` }, { unknown: { arn: true, id: true, role: true, s3_location: true }, refs: { s3_location: ref(address, 'arn') } }),
    ];
  }).flat();
  return graphOf(plan(resources));
}

describe('work the rules do, counted', () => {
  it("resolves each TwinMaker workspace's bucket once for all the rules that ask (usage index, role scope, workspace bucket)", () => {
    const graph = sites(20);
    const calls = countCalls(graph, 'resolve', () => runRules(graph, DEFAULT_SETTINGS), (_, [from, path]) => (from as { type: string }).type === 'awscc_iottwinmaker_workspace' && (path as string[])[0] === 's3_location');
    expect(calls).toBe(20);
  });

  it("makes no reference token of a bucket whose policies are literal (tokens are read only for a policy written with references)", () => {
    const graph = sites(20);
    // A token escapes its address with this replace (symbolic.ts `referenceToken`).
    const tokens = countCalls(String.prototype, 'replace', () => {
      expect(evaluateRule(denyInsecureTransport, graph).filter((v) => v.status !== 'pass')).toEqual([]);
    }, (_, [pattern]) => pattern instanceof RegExp && pattern.source.startsWith('[%"'));
    expect(tokens).toBe(0);
  });

  it('spells the forms of a looked-up value once per lookup, not once per type looked in', () => {
    const index = new IdentityIndex(() => []);
    const arn = 'arn:aws:s3:::twin-1';
    const single = countCalls(RegExp.prototype, 'exec', () => index.find(arn, ['aws_s3_bucket']));
    const all = countCalls(RegExp.prototype, 'exec', () => index.find(arn, IDENTIFIED_TYPES));
    expect(IDENTIFIED_TYPES.length).toBeGreaterThan(40);
    expect(all).toBe(single);
  });

  it('counts the code points of no tag key or value within the length limits in UTF-16 code units', () => {
    const queues = Array.from({ length: 50 }, (_, i) => res(`aws_sqs_queue.q${i}`, { name: `q${i}`, tags: { Team: 'iot', Name: `q${i}` }, tags_all: { Team: 'iot', Name: `q${i}` } }));
    const graph = graphOf(plan(queues));
    const iterated = countCalls(String.prototype, Symbol.iterator as keyof string, () => {
      expect(evaluateRule(tagLimits, graph).filter((v) => v.status !== 'pass')).toEqual([]);
    });
    expect(iterated).toBe(0);
  });
});
