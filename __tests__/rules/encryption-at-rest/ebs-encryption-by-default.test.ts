import rule from '../../../checks/rules/encryption-at-rest/ebs-encryption-by-default';
import { parseCdktfDocument } from '../../../checks/model/cdktf';
import { buildGraph } from '../../../checks/model/graph';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable } from '../../helpers/rule-table';

const D = 'aws_ebs_encryption_by_default.this';

/** A plan whose change of `address` says what forces its replacement, or deletes a deposed object. */
function withChange(document: Record<string, unknown>, address: string, extra: Record<string, unknown>): Record<string, unknown> {
  const changes = document.resource_changes as Record<string, unknown>[];
  return {
    ...document,
    resource_changes: changes.map((c) =>
      c.address !== address ? c : 'deposed' in extra ? { ...c, ...extra } : { ...c, change: { ...(c.change as object), ...extra } },
    ),
  };
}

const setting = (actions: string[], after: Record<string, unknown> = { enabled: true, region: 'eu-west-1' }) => res(D, after, { actions, before: { enabled: true, region: 'us-east-1' } });

ruleTable(rule, [
  { name: 'enabled passes', plan: plan([res(D, { enabled: true })]), expect: { 'plan.json': 'pass' } },
  { name: 'enabled unset (default true) passes', plan: plan([res(D, {})]), expect: { 'plan.json': 'pass' } },
  { name: 'disabled fails', plan: plan([res(D, { enabled: false })]), expect: { [D]: 'fail' }, message: /enabled = true/ },
  { name: 'enabled known only after apply is unknown', plan: plan([res(D, {}, { unknown: { enabled: true }, refs: { enabled: ['var.ebs_default'] } })]), expect: { [D]: 'unknown' } },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_ebs_volume.v', { encrypted: true, size: 10 })]), expect: { 'plan.json': 'not-applicable' } },
  {
    name: 'deleting the resource fails: the provider disables encryption by default',
    plan: plan([], { deleted: [res(D, { enabled: true })] }),
    expect: { [D]: 'fail' },
    message: /^The plan deletes this resource, and the provider's delete turns EBS encryption by default off in its Region\. .*`removed` block/,
  },
  { name: 'removing it from state without destroying it (forget) does not fail: the setting stays as it is', plan: plan([res(D, { enabled: true }, { actions: ['forget'] })]), expect: { 'plan.json': 'not-applicable' } },
  {
    name: 'a replacement that moves it to another Region fails: the old Region is left off',
    plan: withChange(plan([setting(['delete', 'create'])]), D, { replace_paths: [['region']] }),
    expect: { [D]: 'fail' },
    message: /replaces this resource to change `region`: the old object is deleted where the new one does not stand/,
  },
  {
    name: 'a create-before-destroy replacement fails: the old object is deleted last',
    plan: withChange(plan([setting(['create', 'delete'])]), D, { replace_paths: [['region']] }),
    expect: { [D]: 'fail' },
    message: /creating the new object first/,
  },
  { name: 'a replacement in place (-replace) ends with the new object: judged by its values', plan: plan([setting(['delete', 'create'])]), expect: { 'plan.json': 'pass' } },
  {
    name: 'deleting a deposed object fails: its delete disables the setting too',
    plan: withChange(plan([], { deleted: [res(D, { enabled: true })] }), D, { deposed: '6e2f1a9b' }),
    expect: { [D]: 'fail' },
    message: /deletes a deposed object of this resource \(6e2f1a9b/,
  },
  { name: 'deleting another type is not this rule\'s business', plan: plan([], { deleted: [res('aws_ebs_volume.v', { encrypted: true, size: 10 })] }), expect: { 'plan.json': 'not-applicable' } },
]);

it('a configuration input (cdk.tf.json) is judged on its blocks', () => {
  const graph = buildGraph([parseCdktfDocument({ resource: { aws_ebs_encryption_by_default: { d: { enabled: false } } } }, 'cdk.tf.json')]);
  expect(evaluateRule(rule, graph).map((v) => [v.address, v.status])).toEqual([['aws_ebs_encryption_by_default.d', 'fail']]);
});
