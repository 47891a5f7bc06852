/**
 * SNS topics and SQS queues have a policy that denies requests made without TLS for every
 * principal: `sns:Publish` on the topic, `sqs:*` on the queue. Off by default; turned on by
 * `requireTopicQueueTransportPolicy: true` in the configuration. The policy is a linked
 * `aws_sns_topic_policy` / `aws_sqs_queue_policy`, and the resource's own `policy` where its
 * configuration writes it (beside the policy resource too: see `INLINE_POLICY`).
 */
import type { Graph, Resource } from '../../model/types';
import { defineRule, notApplicable, type Outcome } from '../types';
import { awsDoc } from '../support/references';
import { managedOnly } from '../support/verdict';
import { outcomesOf } from '../support/findings';
import { arnSubject, deniesInsecureTransport, policyProblems, type PolicySources } from '../support/policy';

interface Kind {
  readonly sources: PolicySources;
  readonly action: string;
  /** The service in the ARN: `sns`, `sqs`. */
  readonly service: string;
  /** Attributes that hold the ARN (an SNS topic's `id` is its ARN, a queue's is its URL). */
  readonly arnAttributes: readonly string[];
  readonly what: string;
  readonly fix: string;
}

/**
 * The topic's or queue's own `policy`: Optional+Computed, as `aws_s3_bucket.policy` (a plan shows it read
 * back from the API, whatever set it; the SQS page: "Terraform will only perform drift detection of its
 * value when present in a configuration. It is preferred to use the `aws_sqs_queue_policy` resource
 * instead"). Written beside a policy resource it governs too: the topic or queue is created with it
 * (CreateQueue's, SetTopicAttributes' `Policy`), the policy resource replaces it, and it is put back
 * when the two differ on a later apply.
 */
const INLINE_POLICY = { inline: 'policy', inlineDeprecated: true, inlineAlongside: true } as const;

const KINDS: Readonly<Record<string, Kind>> = {
  aws_sns_topic: {
    sources: { satellites: [{ type: 'aws_sns_topic_policy', via: 'arn', attribute: 'policy' }], noun: 'this topic', ...INLINE_POLICY },
    action: 'sns:Publish',
    service: 'sns',
    arnAttributes: ['arn', 'id'],
    what: 'the topic',
    fix: 'Give the topic policy a statement `Effect = "Deny"`, `Principal = "*"`, `Action = "SNS:Publish"`, `Resource = <topic ARN>`, `Condition = { Bool = { "aws:SecureTransport" = "false" } }`.',
  },
  aws_sqs_queue: {
    sources: { satellites: [{ type: 'aws_sqs_queue_policy', via: 'queue_url', attribute: 'policy' }], noun: 'this queue', ...INLINE_POLICY },
    action: 'sqs:*',
    service: 'sqs',
    arnAttributes: ['arn'],
    what: 'the queue',
    fix: 'Give the queue policy a statement `Effect = "Deny"`, `Principal = "*"`, `Action = "sqs:*"`, `Resource = <queue ARN>`, `Condition = { Bool = { "aws:SecureTransport" = "false" } }`.',
  },
};

function evaluate(resource: Resource, graph: Graph, required: boolean): Outcome | Outcome[] {
  const kind = KINDS[resource.type];
  if (!required || !kind) return notApplicable();
  const subject = arnSubject(resource, kind.service, kind.what, kind.arnAttributes);
  return outcomesOf(policyProblems(graph, resource, kind.sources, (statements) => deniesInsecureTransport(statements, subject, kind.action), kind.fix));
}

export default defineRule({
  id: 'topic-queue-deny-insecure-transport',
  title: 'SNS topic and SQS queue policies deny requests without TLS (with requireTopicQueueTransportPolicy: true)',
  category: 'encryption-in-transit',
  severity: 'medium',
  rationale:
    'SNS and SQS accept plain-HTTP API requests unless the resource policy refuses them. A Deny on `aws:SecureTransport = false` makes TLS mandatory for publishers and consumers. Off by default: set `requireTopicQueueTransportPolicy: true` to check it.',
  remediation:
    'Attach an aws_sns_topic_policy / aws_sqs_queue_policy (or set `policy`) with a Deny for `"*"` on `SNS:Publish` / `sqs:*` when `aws:SecureTransport` is "false".',
  references: [
    awsDoc(
      'Amazon SNS security best practices: enforce encryption of data in transit',
      'https://docs.aws.amazon.com/sns/latest/dg/sns-security-best-practices.html#enforce-encryption-data-in-transit'
    ),
    awsDoc(
      'Amazon SQS security best practices: enforce encryption of data in transit',
      'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html#enforce-encryption-data-in-transit'
    ),
  ],
  appliesTo: Object.keys(KINDS),
  offWhen: { setting: 'requireTopicQueueTransportPolicy', off: (settings) => !settings.requireTopicQueueTransportPolicy },
  evaluate: managedOnly((resource, { graph, settings }) => evaluate(resource, graph, settings.requireTopicQueueTransportPolicy)),
});
