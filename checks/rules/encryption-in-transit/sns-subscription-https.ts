/**
 * SNS subscriptions to a web endpoint use HTTPS: `protocol` of an `aws_sns_topic_subscription` (or
 * an `awscc_sns_subscription`, CloudFormation's Protocol) is not "http". Over "http", SNS POSTs every
 * message, and the confirmation token that subscribes the endpoint, in clear text. Other protocols
 * (https, sqs, lambda, firehose, application, sms, email) are not plain HTTP and pass here. The
 * endpoint is never quoted: its URL may carry a user name and password.
 */
import type { Resource } from '../../model/types';
import { awsDoc } from '../support/references';
import { failed, outcomesOf, type Problem, undecided } from '../support/findings';
import { managedOnly, setting } from '../support/verdict';
import { defineRule } from '../types';

const FIX = 'Set `protocol = "https"` and an `https://` endpoint with a certificate from a public CA (SNS does not deliver to private endpoints).';

function problems(subscription: Resource): Problem[] {
  const view = setting(subscription, 'protocol');
  const protocol = view.string();
  if (protocol.kind === 'unknown') return [undecided(`protocol is known only after apply; it may be "http". ${FIX}`, view)];
  // The protocol is required: without one the input is not what Terraform would apply, so the gate does not vouch for it.
  if (protocol.kind === 'absent') return [undecided(`protocol is not set. ${FIX}`, view)];
  if (protocol.value.toLowerCase() !== 'http') return [];
  return [failed(`protocol is "http": SNS posts every message, and the token that confirms the subscription, to the endpoint in clear text. ${FIX}`, view)];
}

export default defineRule({
  id: 'sns-subscription-https',
  title: 'SNS subscriptions deliver to web endpoints over HTTPS',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'A subscription with `protocol = "http"` has SNS post every message of the topic unencrypted across the internet: anyone on the path reads or changes it, and can confirm or unsubscribe the endpoint with the token it carries.',
  remediation: FIX,
  references: [
    awsDoc('Fanout Amazon SNS notifications to HTTPS endpoints', 'https://docs.aws.amazon.com/sns/latest/dg/sns-http-https-endpoint-as-subscriber.html'),
    awsDoc('AWS::SNS::Subscription', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sns-subscription.html'),
  ],
  // awscc_sns_subscription: CloudFormation's Protocol, under the same name.
  appliesTo: ['aws_sns_topic_subscription', 'awscc_sns_subscription'],
  evaluate: managedOnly((subscription) => outcomesOf(problems(subscription))),
});
