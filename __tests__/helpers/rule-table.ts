/**
 * Table-driven rule tests (STYLE.md convention 6): each case is a plan built with plan-builder and
 * the verdict expected per resource address. Every rule's test file has a compliant case, each
 * non-compliant variant, a not-applicable type and an unknown-at-plan case.
 *
 *   ruleTable(rule, [
 *     { name: 'compliant', plan: plan([...]), expect: { 'aws_s3_bucket.b': 'pass' } },
 *     { name: 'no SSE', plan: plan([...]), expect: { 'aws_s3_bucket.b': 'fail' }, message: /no default encryption/ },
 *   ]);
 */
import type { Graph } from '../../checks/model/types';
import { DEFAULT_SETTINGS, type Settings } from '../../checks/settings';
import type { Outcome, RuleDefinition } from '../../checks/rules/types';
import { graphOf } from './plan-builder';

export type Verdict = Outcome['status'];

export interface RuleCase {
  name: string;
  /** A plan document (plan-builder's `plan(...)`) or a ready graph. */
  plan?: Record<string, unknown>;
  graph?: Graph;
  settings?: Partial<Settings>;
  /** Expected verdict per reported address; an address not listed must get no fail/unknown. */
  expect: Record<string, Verdict>;
  /** Every fail/unknown message must match this. */
  message?: RegExp;
}

export interface RuleVerdict {
  address: string;
  status: Verdict;
  message?: string;
  path?: string;
}

/**
 * Run one rule over every resource it applies to (an input rule: over every input; a resource rule's
 * `evaluateInput` too), as the engine does, and collect verdicts per address.
 */
export function evaluateRule(rule: RuleDefinition, graph: Graph, settings: Partial<Settings> = {}): RuleVerdict[] {
  const context = { graph, settings: { ...DEFAULT_SETTINGS, ...settings } };
  const verdicts: RuleVerdict[] = [];
  const collect = (result: Outcome | readonly Outcome[], address: string): void => {
    for (const outcome of Array.isArray(result) ? result : [result as Outcome]) {
      verdicts.push({
        address: 'address' in outcome && outcome.address ? outcome.address : address,
        status: outcome.status,
        ...('message' in outcome ? { message: outcome.message, path: outcome.path } : {}),
      });
    }
  };
  if (rule.appliesTo === 'input') {
    for (const input of graph.inputs) collect(rule.evaluate(input, context), input.input);
    return verdicts;
  }
  for (const resource of graph.resources) {
    if (rule.appliesTo !== '*' && !rule.appliesTo.includes(resource.type)) continue;
    collect(rule.evaluate(resource, context), resource.address);
  }
  if (rule.evaluateInput) for (const input of graph.inputs) collect(rule.evaluateInput(input, context), input.input);
  return verdicts;
}

/** The worst verdict per address: fail > unknown > pass > not-applicable. */
export function worstByAddress(verdicts: RuleVerdict[]): Record<string, Verdict> {
  const rank: Record<Verdict, number> = { 'not-applicable': 0, pass: 1, unknown: 2, fail: 3 };
  const out: Record<string, Verdict> = {};
  for (const v of verdicts) if (out[v.address] === undefined || rank[v.status] > rank[out[v.address]]) out[v.address] = v.status;
  return out;
}

export function ruleTable(rule: RuleDefinition, cases: RuleCase[]): void {
  describe(rule.id, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const graph = c.graph ?? graphOf(c.plan as Record<string, unknown>);
      const verdicts = evaluateRule(rule, graph, c.settings);
      const worst = worstByAddress(verdicts);
      for (const [address, status] of Object.entries(c.expect)) expect({ address, status: worst[address] ?? 'not-applicable' }).toEqual({ address, status });
      for (const [address, status] of Object.entries(worst)) {
        if ((status === 'fail' || status === 'unknown') && !(address in c.expect)) {
          throw new Error(`unexpected ${status} on ${address}: ${verdicts.find((v) => v.address === address && v.status === status)?.message}`);
        }
      }
      if (c.message) for (const v of verdicts) if (v.status === 'fail' || v.status === 'unknown') expect(v.message).toMatch(c.message);
    });
  });
}
