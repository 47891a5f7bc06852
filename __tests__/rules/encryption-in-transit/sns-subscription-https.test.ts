import rule from '../../../checks/rules/encryption-in-transit/sns-subscription-https';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';

const S = 'aws_sns_topic_subscription.hook';
const TOPIC = 'arn:aws:sns:eu-west-1:111122223333:events';
const sub = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(S, { topic_arn: TOPIC, ...after }, { unknown: { arn: true, id: true, ...unknown }, refs });

ruleTable(rule, [
  { name: 'sns-subscription-https: an https subscription passes', plan: plan([sub({ protocol: 'https', endpoint: 'https://hooks.example.com/in' })]), expect: { [S]: 'pass' } },
  {
    name: 'other protocols (sqs, lambda, firehose) pass',
    plan: plan([
      res('aws_sns_topic_subscription.q', { topic_arn: TOPIC, protocol: 'sqs', endpoint: 'arn:aws:sqs:eu-west-1:111122223333:q' }),
      res('aws_sns_topic_subscription.f', { topic_arn: TOPIC, protocol: 'lambda', endpoint: 'arn:aws:lambda:eu-west-1:111122223333:function:f' }),
    ]),
    expect: { 'aws_sns_topic_subscription.q': 'pass', 'aws_sns_topic_subscription.f': 'pass' },
  },
  {
    name: 'an http subscription fails, and the message does not quote the endpoint (its URL may carry a password)',
    plan: plan([sub({ protocol: 'http', endpoint: 'http://user:s3cr3t-pass@hooks.example.com/in' })]),
    expect: { [S]: 'fail' },
    message: /^protocol is "http": SNS posts every message, and the token that confirms the subscription, to the endpoint in clear text\. Set `protocol = "https"`(?!.*s3cr3t)/,
  },
  {
    name: 'a protocol known only after apply is unknown',
    plan: plan([sub({ endpoint: 'https://hooks.example.com/in' }, { protocol: true }, { protocol: ['var.protocol'] })]),
    expect: { [S]: 'unknown' },
    message: /protocol is known only after apply; it may be "http"/,
  },
  {
    name: 'an awscc_sns_subscription over http fails; over https passes',
    plan: plan([
      res('awscc_sns_subscription.plain', { topic_arn: TOPIC, protocol: 'http', endpoint: 'http://hooks.example.com/in' }),
      res('awscc_sns_subscription.tls', { topic_arn: TOPIC, protocol: 'https', endpoint: 'https://hooks.example.com/in' }),
    ]),
    expect: { 'awscc_sns_subscription.plain': 'fail', 'awscc_sns_subscription.tls': 'pass' },
  },
  {
    name: 'a data source and a topic are not applicable',
    plan: plan([res('data.aws_sns_topic.t', { name: 'events' }, { actions: ['read'] }), res('aws_sns_topic.t', { name: 'events' })]),
    expect: { 'data.aws_sns_topic.t': 'not-applicable', 'aws_sns_topic.t': 'not-applicable' },
  },
]);

describe('sns-subscription-https in .tf and cdk.tf.json gives the plan\'s verdicts', () => {
  it.each([
    ['protocol = "http"\n  endpoint = "http://hooks.example.com/in"', 'fail'],
    ['protocol = "https"\n  endpoint = "https://hooks.example.com/in"', 'pass'],
    ['protocol = var.protocol\n  endpoint = "https://hooks.example.com/in"', 'unknown'],
  ])('.tf %p is %s', async (body, verdict) => {
    const graph = await tfGraph(`variable "protocol" { type = string }\nresource "aws_sns_topic_subscription" "hook" {\n  topic_arn = "${TOPIC}"\n  ${body}\n}\n`);
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [S]: verdict });
  });

  it('cdk.tf.json: an http subscription fails', () => {
    const graph = cdktfGraph({ aws_sns_topic_subscription: { hook: { topic_arn: TOPIC, protocol: 'http', endpoint: 'http://hooks.example.com/in' } } });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [S]: 'fail' });
  });
});
