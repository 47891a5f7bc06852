import * as path from 'node:path';
import rule from '../../../checks/rules/encryption-in-transit/topic-queue-deny-insecure-transport';
import { checkFindings, ruleStatuses, withFiles } from '../../cli/run';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';
import { policyJson, type Statement } from '../fixtures/transit';

const T = 'aws_sns_topic.alerts';
const Q = 'aws_sqs_queue.jobs';
const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:alerts';
const QUEUE_ARN = 'arn:aws:sqs:us-east-1:123456789012:jobs';
const ON = { requireTopicQueueTransportPolicy: true };
const deny = (action: string, resource: string, overrides: Statement = {}): Statement => ({
  Effect: 'Deny',
  Principal: '*',
  Action: action,
  Resource: resource,
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  ...overrides,
});

/** An Allow of sns:Publish to EventBridge: no Deny. */
const ALLOW_EVENTS: Statement = { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: TOPIC_ARN };

/** An existing topic (ARN known) with an `aws_sns_topic_policy` that references it. */
const topicWithPolicy = (statements: Statement[] | 'unknown') => [
  res(T, { name: 'alerts', arn: TOPIC_ARN, id: TOPIC_ARN }, { actions: ['no-op'] }),
  res('aws_sns_topic_policy.alerts', statements === 'unknown' ? {} : { policy: policyJson(statements) }, {
    unknown: statements === 'unknown' ? { policy: true, arn: true } : { arn: true },
    refs: { arn: ['aws_sns_topic.alerts.arn', 'aws_sns_topic.alerts'] },
  }),
];
const queue = (policy?: Statement[], unknown: Record<string, unknown> = {}) =>
  res(Q, { name: 'jobs', arn: QUEUE_ARN, ...(policy ? { policy: policyJson(policy) } : {}) }, { actions: ['no-op'], unknown });

ruleTable(rule, [
  { name: 'off by default: not applicable', plan: plan([queue()]), expect: { [Q]: 'not-applicable' } },
  { name: 'a topic policy that denies insecure Publish passes', plan: plan(topicWithPolicy([deny('SNS:Publish', TOPIC_ARN)])), settings: ON, expect: { [T]: 'pass' } },
  { name: 'a queue whose inline policy denies insecure sqs:* passes', plan: plan([queue([deny('sqs:*', QUEUE_ARN)])]), settings: ON, expect: { [Q]: 'pass' } },
  {
    name: 'a topic policy whose Deny is under SecureTransport ["false", "true"] (any value matches) passes',
    plan: plan(topicWithPolicy([deny('SNS:Publish', TOPIC_ARN, { Condition: { Bool: { 'aws:SecureTransport': ['false', 'true'] } } })])),
    settings: ON,
    expect: { [T]: 'pass' },
  },
  {
    name: 'a queue policy that denies only SendMessage fails',
    plan: plan([queue([deny('sqs:SendMessage', QUEUE_ARN)])]),
    settings: ON,
    expect: { [Q]: 'fail' },
    message: /no statement is a Deny of sqs:\*/,
  },
  {
    name: 'a topic policy without the Deny fails, naming the policy resource',
    plan: plan(topicWithPolicy([{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: TOPIC_ARN }])),
    settings: ON,
    expect: { [T]: 'fail' },
    message: /aws_sns_topic_policy\.alerts/,
  },
  { name: 'a queue with no policy fails', plan: plan([queue()]), settings: ON, expect: { [Q]: 'fail' }, message: /no aws_sqs_queue_policy points at it/ },
  { name: 'a topic policy known only after apply is unknown', plan: plan(topicWithPolicy('unknown')), settings: ON, expect: { [T]: 'unknown' } },
  {
    name: 'a new topic whose ARN is unknown cannot be matched to a literal ARN',
    plan: plan([res(T, { name: 'alerts', policy: policyJson([deny('SNS:Publish', TOPIC_ARN)]) }, { unknown: { arn: true, id: true } })]),
    settings: ON,
    expect: { [T]: 'unknown' },
  },
  {
    name: 'a new topic whose policy denies on every topic ARN of the service passes',
    plan: plan([res(T, { name: 'alerts', policy: policyJson([deny('sns:*', 'arn:aws:sns:*:*:*')]) }, { unknown: { arn: true, id: true } })]),
    settings: ON,
    expect: { [T]: 'pass' },
  },
  {
    // aws_sns_topic.policy is Optional+Computed, as aws_s3_bucket.policy: the topic is created with it (SetTopicAttributes
    // Policy), the topic policy replaces it, and the topic puts it back when the two differ on a later apply.
    name: 'a topic written with an inline policy without the Deny beside a topic policy with it fails, naming the inline policy',
    plan: plan([
      res(T, { name: 'alerts', arn: TOPIC_ARN, id: TOPIC_ARN, policy: policyJson([ALLOW_EVENTS]) }, { actions: ['no-op'] }),
      ...topicWithPolicy([deny('SNS:Publish', TOPIC_ARN)]).slice(1),
    ]),
    settings: ON,
    expect: { [T]: 'fail' },
    message: /^in the inline `policy` \(in force from creation until aws_sns_topic_policy\.alerts replaces it, and again on drift\), no statement is a Deny/,
  },
  {
    name: 'a topic whose policy the plan shows read back (not in its configuration) beside a topic policy with the Deny passes',
    plan: plan([
      res(T, { name: 'alerts', arn: TOPIC_ARN, id: TOPIC_ARN, policy: policyJson([ALLOW_EVENTS]) }, { actions: ['no-op'], expressions: { name: { constant_value: 'alerts' } } }),
      ...topicWithPolicy([deny('SNS:Publish', TOPIC_ARN)]).slice(1),
    ]),
    settings: ON,
    expect: { [T]: 'pass' },
  },
  {
    name: 'a queue written with an inline policy without the Deny beside a queue policy with it fails',
    plan: plan([
      queue([{ ...ALLOW_EVENTS, Action: 'sqs:SendMessage', Resource: QUEUE_ARN }]),
      res('aws_sqs_queue_policy.jobs', { policy: policyJson([deny('sqs:*', QUEUE_ARN)]) }, { unknown: { queue_url: true, id: true }, refs: { queue_url: [`${Q}.id`, Q] } }),
    ]),
    settings: ON,
    expect: { [Q]: 'fail' },
    message: /^in the inline `policy` \(in force from creation until aws_sqs_queue_policy\.jobs replaces it, and again on drift\)/,
  },
  {
    name: 'a queue whose inline policy and queue policy both hold the Deny passes',
    plan: plan([
      queue([deny('sqs:*', QUEUE_ARN)]),
      res('aws_sqs_queue_policy.jobs', { policy: policyJson([deny('sqs:*', QUEUE_ARN)]) }, { unknown: { queue_url: true, id: true }, refs: { queue_url: [`${Q}.id`, Q] } }),
    ]),
    settings: ON,
    expect: { [Q]: 'pass' },
  },
  {
    // `policy = var.policy` (null) and a written policy plan alike on update: the queue shows what it holds now.
    name: 'a queue whose code names its policy by a variable beside a queue policy, checked without the code, is unknown on update',
    plan: plan(
      [
        res(Q, { name: 'jobs', arn: QUEUE_ARN, policy: policyJson([{ ...ALLOW_EVENTS, Action: 'sqs:SendMessage', Resource: QUEUE_ARN }]) }, { actions: ['no-op'], refs: { policy: ['var.policy'] } }),
        res('aws_sqs_queue_policy.jobs', { policy: policyJson([deny('sqs:*', QUEUE_ARN)]) }, { unknown: { queue_url: true, id: true }, refs: { queue_url: [`${Q}.id`, Q] } }),
      ],
      { variables: { policy: null } }
    ),
    settings: ON,
    expect: { [Q]: 'unknown' },
    message: /shows the policy the queue holds now, as it does when the code makes null.*--code DIR/,
  },
  { name: 'other resource types are not applicable', plan: plan([res('aws_s3_bucket.b', { bucket: 'b' })]), settings: ON, expect: { 'aws_s3_bucket.b': 'not-applicable' } },
]);

/** The arguments of a check of the `.tf` code in `dir`/code with the configuration that turns the rule on. */
const withRuleOn = (dir: string): string[] => [path.join(dir, 'code'), '--input-kind', 'hcl', '--config', path.join(dir, 'twinguard.config.yaml')];
const RULE_ON = { 'twinguard.config.yaml': 'requireTopicQueueTransportPolicy: true\n' };

describe('a queue policy read from .tf code', () => {
  it('an Allow whose condition is known only after apply is never the Deny: no Deny fails (was unknown)', async () => {
    const files = {
      ...RULE_ON,
      'code/main.tf': `data "aws_caller_identity" "c" {}
resource "aws_sqs_queue" "q" {
  sqs_managed_sse_enabled = true
}
data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.q.arn]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.c.account_id]
    }
  }
}
resource "aws_sqs_queue_policy" "p" {
  queue_url = aws_sqs_queue.q.url
  policy    = data.aws_iam_policy_document.p.json
}
`,
    };
    expect(await withFiles(files, (dir) => ruleStatuses(rule.id, withRuleOn(dir)))).toEqual({ 'aws_sqs_queue.q': 'fail' });
  });
});

// terraform-aws-modules/sns: policy = var.create_topic_policy ? null : var.topic_policy.
it('a topic whose inline policy is null fails, saying so (it said the inline `policy` had no policy)', async () => {
  const files = { ...RULE_ON, 'code/main.tf': 'resource "aws_sns_topic" "t" {\n  name   = "t"\n  policy = null\n}\n' };
  const { findings } = await withFiles(files, (dir) => checkFindings(withRuleOn(dir)));
  expect(findings.find((f) => f.ruleId === rule.id)).toMatchObject({ status: 'fail', message: expect.stringMatching(/^no aws_sns_topic_policy points at it and its inline `policy` is null\. /) });
});

describe('a .tf queue written with its inline `policy` beside an aws_sqs_queue_policy', () => {
  const statuses = (inline: string) =>
    withFiles(
      {
        ...RULE_ON,
        'code/main.tf': `variable "policy" {
  type    = string
  default = null
}
locals {
  tls  = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Principal = "*", Action = "sqs:*", Resource = "*", Condition = { Bool = { "aws:SecureTransport" = "false" } } }] })
  send = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "events.amazonaws.com" }, Action = "sqs:SendMessage", Resource = "*" }] })
}
resource "aws_sqs_queue" "q" {
  name   = "q"
  policy = ${inline}
}
resource "aws_sqs_queue_policy" "q" {
  queue_url = aws_sqs_queue.q.id
  policy    = local.tls
}
`,
      },
      (dir) => checkFindings(withRuleOn(dir))
    ).then(({ findings }) => findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.status, f.message]));

  it('governs too (each overwrites the other on apply): without the Deny it fails, with it it passes', async () => {
    expect(await statuses('local.send')).toEqual([
      ['aws_sqs_queue.q', 'fail', expect.stringMatching(/^in the inline `policy` \(in force from creation until aws_sqs_queue_policy\.q replaces it, and again on drift\), no statement is a Deny of sqs:\*/)],
    ]);
    expect(await statuses('local.tls')).toEqual([]);
  });

  it('made null by its code (`policy = var.policy`, default null) leaves the queue policy alone to decide: pass', async () => {
    expect(await statuses('var.policy')).toEqual([]);
    expect(await statuses('null')).toEqual([]);
  });

  // The provider leaves a blank Optional+Computed attribute out of CreateQueue, but a later plan finds the queue
  // policy's document there and plans it back to "", and SetQueueAttributes with Policy "" removes the policy.
  it('written blank (`policy = ""`) is no policy in force on a later apply, which removes the Deny: fail, not a pass', async () => {
    expect(await statuses('""')).toEqual([
      ['aws_sqs_queue.q', 'fail', expect.stringMatching(/^the inline `policy` \(in force from creation until aws_sqs_queue_policy\.q replaces it, and again on drift\) is blank: a later apply sends it, which removes the policy, Deny and all\. /)],
    ]);
  });
});

// terraform-aws-modules/sns writes `policy = var.create_topic_policy ? null : var.topic_policy` beside its
// aws_sns_topic_policy: on a create the plan shows that inline policy known only after apply (Optional+Computed, the
// code making it null), and its configuration lists only the two variables. Checked alone the topic is unknown (the
// null cannot be told from a policy); with its code (`--code`, the plan's variables) the inline policy is null: pass.
describe('the terraform-aws-modules/sns shape: a null-by-variable inline policy beside a topic policy', () => {
  const TOPIC = 'aws_sns_topic.this';
  const DENY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] });
  const document = plan(
    [
      res(TOPIC, { name: 't' }, { unknown: { id: true, arn: true, policy: true }, refs: { policy: ['var.create_topic_policy', 'var.topic_policy'] } }),
      res('aws_sns_topic_policy.this', { policy: DENY }, { unknown: { arn: true, owner: true }, refs: { arn: ['aws_sns_topic.this.arn', 'aws_sns_topic.this'] } }),
    ],
    { variables: { create_topic_policy: true, topic_policy: null } }
  );
  const code = `variable "create_topic_policy" {
  type    = bool
  default = true
}
variable "topic_policy" {
  type    = string
  default = null
}
resource "aws_sns_topic" "this" {
  name   = "t"
  policy = var.create_topic_policy ? null : var.topic_policy
}
resource "aws_sns_topic_policy" "this" {
  arn    = aws_sns_topic.this.arn
  policy = ${JSON.stringify(DENY)}
}
`;
  const findings = (withCode: boolean) =>
    withFiles({ ...RULE_ON, 'plan.json': JSON.stringify(document), 'code/main.tf': code }, (dir) =>
      checkFindings([path.join(dir, 'plan.json'), ...(withCode ? ['--code', path.join(dir, 'code')] : []), '--config', path.join(dir, 'twinguard.config.yaml')])
    ).then(({ findings: all }) => all.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.status, f.message]));

  it('a create plan checked alone is unknown, asking for its code', async () => {
    expect(await findings(false)).toEqual([[TOPIC, 'unknown', expect.stringMatching(/^the policy of the inline `policy` .* is known only after apply .*Check the plan with the code that made it \(`twinguard check plan\.json --code DIR`/)]]);
  });

  it('with --code and the variables of the plan it passes', async () => {
    expect(await findings(true)).toEqual([]);
  });
});
