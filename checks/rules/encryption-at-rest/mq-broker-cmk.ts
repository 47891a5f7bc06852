/**
 * Amazon MQ for ActiveMQ brokers encrypt their message store with a customer-managed key:
 * `encryption_options { use_aws_owned_key = false, kms_key_id = <key> }`. Amazon MQ always encrypts
 * at rest: without `encryption_options` (or with `use_aws_owned_key = true`, the default) with an
 * AWS owned key, and with `use_aws_owned_key = false` but no `kms_key_id` with the AWS-managed key
 * aws/mq; neither is governed by a key policy of yours. This is what the other rules on services that
 * always encrypt ask (msk-cluster-cmk, kinesis-video-stream-cmk). RabbitMQ brokers are not judged:
 * CloudFormation documents `EncryptionOptions` as not applying to them. In transit there is nothing
 * to judge: both engines take client connections over TLS only.
 */
import type { Graph, Resource } from '../../model/types';
import { pathOf } from '../support/findings';
import { awsDoc } from '../support/references';
import { knownString } from '../support/s3';
import { managedOnly, requireKeyAt, setting } from '../support/verdict';
import { defineRule, fail, notApplicable, type Outcome, unknown } from '../types';

const FIX = 'Add `encryption_options { use_aws_owned_key = false, kms_key_id = aws_kms_key.<key>.arn }` (a customer-managed key). It replaces the broker.';

function verdict(broker: Resource, graph: Graph): Outcome {
  const ownedView = setting(broker, 'encryption_options', 'use_aws_owned_key');
  const owned = ownedView.bool();
  if (owned.kind === 'unknown') return unknown(`encryption_options.use_aws_owned_key is known only after apply, so the gate cannot vouch for the key. ${FIX}`, { path: pathOf(ownedView) });
  if (owned.kind === 'absent' || owned.value) {
    const why = owned.kind === 'absent' ? '`use_aws_owned_key` is not set (default true)' : '`use_aws_owned_key` is true';
    return fail(`${why}: the broker's messages are encrypted with an AWS owned key, which no key policy of yours governs. ${FIX}`, { path: pathOf(ownedView) });
  }
  return requireKeyAt(graph, broker, setting(broker, 'encryption_options', 'kms_key_id'), { what: '`encryption_options.kms_key_id`', fix: FIX, absent: 'fail', absentMeans: 'the AWS-managed key aws/mq' });
}

export default defineRule({
  id: 'mq-broker-cmk',
  title: 'Amazon MQ brokers encrypt messages at rest with a customer-managed KMS key',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'An ActiveMQ broker keeps queued messages on its storage volumes. Amazon MQ encrypts them by default with an AWS owned key, or with the AWS-managed key aws/mq: no key policy of yours says who may decrypt them, and you cannot revoke that. A customer-managed key is chosen when the broker is created.',
  remediation: FIX,
  references: [
    awsDoc('Data protection in Amazon MQ (encryption at rest)', 'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/data-protection.html'),
    awsDoc('AWS::AmazonMQ::Broker EncryptionOptions', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-amazonmq-broker-encryptionoptions.html'),
  ],
  appliesTo: ['aws_mq_broker'],
  evaluate: managedOnly((broker, { graph }) => {
    const engineView = setting(broker, 'engine_type');
    const engine = knownString(engineView)?.toLowerCase();
    if (engine === 'rabbitmq') return notApplicable();
    const outcome = verdict(broker, graph);
    // An engine known only after apply may be RabbitMQ, which this rule does not judge.
    if (engine === undefined && outcome.status === 'fail')
      return unknown(`engine_type is known only after apply; unless it is RabbitMQ: ${outcome.message}`, { path: 'engine_type' });
    return outcome;
  }),
});
