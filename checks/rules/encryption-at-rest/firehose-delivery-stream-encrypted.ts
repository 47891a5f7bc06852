import { awsDoc, configRule } from '../support/references';
import { managedOnly, requireTrue, setting } from '../support/verdict';
import type { Resource } from '../../model/types';
import { ABSENT, type Val } from '../../model/value';
import { defineRule, fail, notApplicable, type Outcome, pass, unknown } from '../types';

const FIX = 'Add `server_side_encryption { enabled = true }` (with `key_type = "CUSTOMER_MANAGED_CMK"` and `key_arn` for a key of your own).';
const AWSCC_FIX =
  'Set `delivery_stream_encryption_configuration_input = { key_type = "AWS_OWNED_CMK" }` (or "CUSTOMER_MANAGED_CMK" with `key_arn` for a key of your own).';
const AWSCC_TYPE = 'awscc_kinesisfirehose_delivery_stream';

/** How each stream type says it encrypts, and that it reads a Kinesis data stream. */
function encryption(stream: Resource): { readonly verdict: Outcome; readonly source: Val<unknown>; readonly fix: string } {
  if (stream.type !== AWSCC_TYPE) {
    const verdict = requireTrue(setting(stream, 'server_side_encryption', 'enabled'), { what: '`server_side_encryption.enabled`', fix: FIX, absent: 'fail', absentMeans: 'false, no server-side encryption' });
    return { verdict, source: stream.attr('kinesis_source_configuration').block(), fix: FIX };
  }
  // CloudFormation's DeliveryStreamEncryptionConfigurationInput: present, it enables SSE with the key of its key_type.
  const keyType = setting(stream, 'delivery_stream_encryption_configuration_input', 'key_type');
  const verdict = keyType.isAbsent
    ? fail(`\`delivery_stream_encryption_configuration_input\` is not set, so the default applies: no server-side encryption. ${AWSCC_FIX}`, { path: 'delivery_stream_encryption_configuration_input' })
    : keyType.isUnknown
      ? unknown(`\`delivery_stream_encryption_configuration_input.key_type\` is known only after apply, so the gate cannot vouch for it. ${AWSCC_FIX}`, { path: 'delivery_stream_encryption_configuration_input.key_type' })
      : pass();
  const type = setting(stream, 'delivery_stream_type').string();
  const source: Val<unknown> = type.kind === 'known' ? (type.value === 'KinesisStreamAsSource' ? type : ABSENT) : type;
  return { verdict, source, fix: AWSCC_FIX };
}

/**
 * Firehose delivery streams encrypt the records they buffer. `server_side_encryption.enabled`
 * defaults to false. A stream that reads a Kinesis data stream (`kinesis_source_configuration`)
 * stores nothing at rest itself, the data stays in the source stream (kinesis-stream-encrypted judges
 * that), and the provider says not to enable SSE on it: the rule does not apply to it. An
 * awscc stream encrypts when it sets `delivery_stream_encryption_configuration_input` (any key
 * type), and reads a Kinesis data stream when `delivery_stream_type = "KinesisStreamAsSource"`.
 */
export default defineRule({
  id: 'firehose-delivery-stream-encrypted',
  title: 'Firehose delivery streams encrypt buffered records at rest',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'A delivery stream fed by Direct PUT (or by AWS IoT, CloudWatch Logs or EventBridge) holds records until it delivers them. Without server-side encryption, which is off by default, they are not encrypted with a key of the stream.',
  remediation: `${FIX} For an ${AWSCC_TYPE}: ${AWSCC_FIX}`,
  references: [
    configRule('kinesis-firehose-delivery-stream-encrypted'),
    awsDoc('Data protection in Amazon Data Firehose', 'https://docs.aws.amazon.com/firehose/latest/dev/encryption.html'),
    awsDoc(
      'AWS::KinesisFirehose::DeliveryStream DeliveryStreamEncryptionConfigurationInput',
      'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-kinesisfirehose-deliverystream-deliverystreamencryptionconfigurationinput.html',
    ),
  ],
  appliesTo: ['aws_kinesis_firehose_delivery_stream', AWSCC_TYPE],
  evaluate: managedOnly((stream) => {
    const { verdict, source, fix } = encryption(stream);
    if (source.kind === 'known') return notApplicable();
    // A source known only after apply may be a Kinesis data stream, on which SSE does not apply.
    if (source.kind === 'unknown' && verdict.status === 'fail') {
      const [what, path] = stream.type === AWSCC_TYPE ? ['delivery_stream_type', 'delivery_stream_encryption_configuration_input'] : ['kinesis_source_configuration', 'server_side_encryption'];
      return unknown(`${what} is known only after apply, and server-side encryption is off: unless the source is a Kinesis data stream, records are stored unencrypted. ${fix}`, { path });
    }
    return verdict;
  }),
});
