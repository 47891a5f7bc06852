import rule from '../../../checks/rules/logging/cloudtrail-not-deleted';
import { parseCdktfDocument } from '../../../checks/model/cdktf';
import { buildGraph } from '../../../checks/model/graph';
import { parsePlanDocument } from '../../../checks/model/plan';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable } from '../../helpers/rule-table';

const T = 'aws_cloudtrail.audit';
const trail = (actions: string[], address = T) => res(address, { name: 'audit', s3_bucket_name: 'logs', is_multi_region_trail: true }, { actions });

ruleTable(rule, [
  { name: 'cloudtrail-not-deleted: a plan that creates, updates or keeps trails passes', plan: plan([trail(['create']), trail(['update'], 'aws_cloudtrail.org')]), expect: { 'plan.json': 'pass' } },
  { name: 'a plan that deletes a trail fails, on the trail', plan: plan([trail(['delete'])]), expect: { [T]: 'fail' }, message: /^The plan deletes this trail: from then on, nothing records the account's API calls/ },
  { name: 'an awscc trail counts too', plan: plan([trail(['delete'], 'awscc_cloudtrail_trail.t')]), expect: { 'awscc_cloudtrail_trail.t': 'fail' } },
  { name: 'a replacement keeps a trail: pass', plan: plan([trail(['create', 'delete']), trail(['delete', 'create'], 'aws_cloudtrail.org')]), expect: { 'plan.json': 'pass' } },
  { name: 'forgetting a trail (removed from state, kept in AWS) passes', plan: plan([trail(['forget'])]), expect: { 'plan.json': 'pass' } },
  { name: 'deleting something else is not this rule\'s business', plan: plan([res('aws_sns_topic.t', { name: 't' }, { actions: ['delete'] })]), expect: { 'plan.json': 'pass' } },
]);

it('a deposed object being cleaned up is not a deletion of the trail', () => {
  const document = plan([trail(['create', 'delete'])]);
  const changes = document.resource_changes as Record<string, unknown>[];
  const deposed = { ...changes[0], deposed: '00000001', change: { ...(changes[0].change as object), actions: ['delete'], after: null } };
  const verdicts = evaluateRule(rule, buildGraph([parsePlanDocument({ ...document, resource_changes: [...changes, deposed] }, 'plan.json')]));
  expect(verdicts.map((v) => v.status)).toEqual(['pass']);
});

it('a configuration input is not judged', () => {
  const graph = buildGraph([parseCdktfDocument({ resource: { aws_cloudtrail: { t: { name: 't' } } } }, 'cdk.tf.json')]);
  expect(evaluateRule(rule, graph).map((v) => v.status)).toEqual(['not-applicable']);
});
