import rule from '../../../checks/rules/encryption-at-rest/workspaces-volumes-encrypted';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';
import { graphOf, plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';

const W = 'aws_workspaces_workspace.w';
const base = { directory_id: 'd-1234567890', bundle_id: 'wsb-bh8rsxt14', user_name: 'someuser' };
const workspace = (after: Record<string, unknown>, options: { unknown?: Record<string, unknown>; refs?: Record<string, string[]> } = {}) =>
  res(W, { ...base, ...after }, { unknown: { id: true, ...options.unknown }, refs: options.refs });
const both = { root_volume_encryption_enabled: true, user_volume_encryption_enabled: true, volume_encryption_key: 'alias/aws/workspaces' };

ruleTable(rule, [
  { name: 'workspaces-volumes-encrypted: both volumes encrypted passes', plan: plan([workspace(both)]), expect: { [W]: 'pass' } },
  {
    name: 'both flags false fails, once per volume',
    plan: plan([workspace({ root_volume_encryption_enabled: false, user_volume_encryption_enabled: false, volume_encryption_key: null })]),
    expect: { [W]: 'fail' },
    message: /^`(root|user)_volume_encryption_enabled` \(the (root|user) volume\) is false\. Set `root_volume_encryption_enabled = true` and `user_volume_encryption_enabled = true`/,
  },
  {
    name: 'an unencrypted user volume fails though the root volume is encrypted',
    plan: plan([workspace({ root_volume_encryption_enabled: true, user_volume_encryption_enabled: false, volume_encryption_key: 'alias/aws/workspaces' })]),
    expect: { [W]: 'fail' },
    message: /`user_volume_encryption_enabled` \(the user volume\) is false/,
  },
  {
    name: 'unset flags fail: the default is false',
    plan: plan([res(W, base)]),
    expect: { [W]: 'fail' },
    message: /is not set, so the default applies: false, the (root|user) volume is not encrypted/,
  },
  {
    name: 'a flag known only after apply is unknown',
    plan: plan([workspace({ user_volume_encryption_enabled: true }, { unknown: { root_volume_encryption_enabled: true }, refs: { root_volume_encryption_enabled: ['var.encrypt'] } })]),
    expect: { [W]: 'unknown' },
    message: /`root_volume_encryption_enabled` \(the root volume\) is known only after apply/,
  },
  {
    name: 'a data source and other WorkSpaces types are not applicable',
    plan: plan([res('data.aws_workspaces_workspace.x', { workspace_id: 'ws-1' }, { actions: ['read'] }), res('aws_workspaces_directory.d', { directory_id: 'd-1234567890' })]),
    expect: { 'data.aws_workspaces_workspace.x': 'not-applicable', 'aws_workspaces_directory.d': 'not-applicable' },
  },
]);

describe('workspaces-volumes-encrypted in .tf and cdk.tf.json, as in a plan', () => {
  it('a WorkSpace with neither volume encrypted has a finding for each (Security Hub WorkSpaces.1 and .2)', () => {
    const graph = graphOf(plan([workspace({ root_volume_encryption_enabled: false, user_volume_encryption_enabled: false })]));
    const findings = evaluateRule(rule, graph).filter((v) => v.status === 'fail');
    expect(findings.map((f) => f.path).sort()).toEqual(['root_volume_encryption_enabled', 'user_volume_encryption_enabled']);
  });

  it.each([
    ['root_volume_encryption_enabled = true\n  user_volume_encryption_enabled = true\n  volume_encryption_key = "alias/aws/workspaces"', 'pass'],
    ['root_volume_encryption_enabled = true', 'fail'],
    ['', 'fail'],
    ['root_volume_encryption_enabled = var.encrypt\n  user_volume_encryption_enabled = true', 'unknown'],
  ])('.tf %p is %s', async (settings, verdict) => {
    const graph = await tfGraph(`variable "encrypt" {\n  type = bool\n}\nresource "aws_workspaces_workspace" "w" {\n  directory_id = "d-1234567890"\n  bundle_id    = "wsb-bh8rsxt14"\n  user_name    = "someuser"\n  ${settings}\n}\n`);
    expect(worstByAddress(evaluateRule(rule, graph))[W]).toEqual(verdict);
  });

  it('cdk.tf.json: an unencrypted WorkSpace fails, an encrypted one passes', () => {
    const graph = cdktfGraph({ aws_workspaces_workspace: { w: { ...base }, sealed: { ...base, ...both } } });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [W]: 'fail', 'aws_workspaces_workspace.sealed': 'pass' });
  });
});
