import rule from '../../../checks/rules/encryption-at-rest/kms-key-not-destroyed';
import { parseCdktfDocument } from '../../../checks/model/cdktf';
import { buildGraph } from '../../../checks/model/graph';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable } from '../../helpers/rule-table';

const K = 'aws_kms_key.data';
const key = (actions: string[], address = K) => res(address, { description: 'data', enable_key_rotation: true }, { actions, unknown: actions.includes('create') ? { arn: true, key_id: true } : {} });

/** A plan whose change of `address` is the deletion of a deposed object. */
function withDeposed(document: Record<string, unknown>, address: string): Record<string, unknown> {
  const changes = document.resource_changes as Record<string, unknown>[];
  return { ...document, resource_changes: changes.map((c) => (c.address === address ? { ...c, deposed: '6e2f1a9b' } : c)) };
}

ruleTable(rule, [
  { name: 'kms-key-not-destroyed: a plan that creates, updates or keeps keys passes', plan: plan([key(['create']), key(['update'], 'aws_kms_key.logs'), key(['no-op'], 'aws_kms_key.state')]), expect: { 'plan.json': 'pass' } },
  {
    name: 'a plan that deletes a key fails, on the key',
    plan: plan([key(['delete'])]),
    expect: { [K]: 'fail' },
    message: /^The plan deletes this key\. AWS schedules a deleted key for deletion, .* waive this finding/,
  },
  {
    name: 'a replacement deletes the old key: fail, saying so',
    plan: plan([key(['delete', 'create']), key(['create', 'delete'], 'aws_kms_key.logs')]),
    expect: { [K]: 'fail', 'aws_kms_key.logs': 'fail' },
    message: /replaces this key \(actions (delete, create|create, delete)\): a change forces a new key, and the old one is deleted/,
  },
  {
    name: 'the deletion of a deposed object of a key fails, naming it',
    plan: withDeposed(plan([key(['delete'])]), K),
    expect: { [K]: 'fail' },
    message: /deletes a deposed object of this key \(6e2f1a9b/,
  },
  { name: 'awscc keys and replica keys count too', plan: plan([key(['delete'], 'awscc_kms_key.k'), key(['delete'], 'aws_kms_replica_key.r')]), expect: { 'awscc_kms_key.k': 'fail', 'aws_kms_replica_key.r': 'fail' } },
  { name: 'removing a key from state without destroying it (forget) passes', plan: plan([key(['forget'])]), expect: { 'plan.json': 'pass' } },
  { name: 'deleting other resources (an alias) is not this rule\'s business', plan: plan([res('aws_kms_alias.a', { name: 'alias/data' }, { actions: ['delete'] })]), expect: { 'plan.json': 'pass' } },
]);

it('a configuration input (cdk.tf.json) says what should exist, not what an apply destroys: not applicable', () => {
  const graph = buildGraph([parseCdktfDocument({ resource: { aws_kms_key: { k: { description: 'k' } } } }, 'cdk.tf.json')]);
  expect(evaluateRule(rule, graph).map((v) => v.status)).toEqual(['not-applicable']);
});
