import { awsDoc, configRule } from '../support/references';
import { managedOnly, requireTrue, setting } from '../support/verdict';
import type { Resource } from '../../model/types';
import { ABSENT, type Val } from '../../model/value';
import { defineRule, fail, notApplicable, type Outcome, pass, unknown } from '../types';

const FIX = 'Add `server_side_encryption { enabled = true }` (with `key_type = "CUSTOMER_MANAGED_CMK"` and `key_arn` for a key of your own).';
const AWSCC_FIX =
  'Set `delivery_stream_encryption_configuration_input = { key_type = "AWS_OWNED_CMK" }` (or "CUSTOMER_MANAGED_CMK" with `key_arn` for a key of your own).';
const AWSCC_TYPE = 'awscc_kinesisfirehose_delivery_stream';

/** The source blocks of an aws stream: with either, the stream is not Direct PUT. */
const SOURCE_BLOCKS = ['kinesis_source_configuration', 'msk_source_configuration'];
/** awscc's `delivery_stream_type`s other than Direct PUT. */
const OTHER_SOURCES: ReadonlySet<string> = new Set(['KinesisStreamAsSource', 'MSKAsSource', 'DatabaseAsSource']);

/** An aws stream's source block: known where one is there, unknown where one may be, absent otherwise. */
function sourceBlock(stream: Resource): Val<unknown> {
  const blocks = SOURCE_BLOCKS.map((name) => stream.attr(name).block());
  return blocks.find((b) => b.kind === 'known') ?? blocks.find((b) => b.kind === 'unknown') ?? ABSENT;
}

/** How each stream type says it encrypts, and that it reads a source other than Direct PUT. */
function encryption(stream: Resource): { readonly verdict: Outcome; readonly source: Val<unknown>; readonly fix: string } {
  if (stream.type !== AWSCC_TYPE) {
    const verdict = requireTrue(setting(stream, 'server_side_encryption', 'enabled'), { what: '`server_side_encryption.enabled`', fix: FIX, absent: 'fail', absentMeans: 'false, no server-side encryption' });
    return { verdict, source: sourceBlock(stream), fix: FIX };
  }
  // CloudFormation's DeliveryStreamEncryptionConfigurationInput: present, it enables SSE with the key of its key_type.
  const keyType = setting(stream, 'delivery_stream_encryption_configuration_input', 'key_type');
  const verdict = keyType.isAbsent
    ? fail(`\`delivery_stream_encryption_configuration_input\` is not set, so the default applies: no server-side encryption. ${AWSCC_FIX}`, { path: 'delivery_stream_encryption_configuration_input' })
    : keyType.isUnknown
      ? unknown(`\`delivery_stream_encryption_configuration_input.key_type\` is known only after apply, so the gate cannot vouch for it. ${AWSCC_FIX}`, { path: 'delivery_stream_encryption_configuration_input.key_type' })
      : pass();
  const type = setting(stream, 'delivery_stream_type').string();
  const source: Val<unknown> = type.kind === 'known' ? (OTHER_SOURCES.has(type.value) ? type : ABSENT) : type;
  return { verdict, source, fix: AWSCC_FIX };
}

/**
 * Firehose delivery streams encrypt the records they buffer. `server_side_encryption.enabled`
 * defaults to false. A stream that reads a Kinesis data stream (`kinesis_source_configuration`)
 * stores nothing at rest itself, the data stays in the source stream (kinesis-stream-encrypted judges
 * that), and the provider says not to enable SSE on it: the rule does not apply to it. Nor does it
 * to one fed by an MSK cluster (`msk_source_configuration`): Firehose enables SSE only on a Direct
 * PUT stream (StartDeliveryStreamEncryption), the data stays in the cluster (msk-cluster-cmk). An
 * awscc stream encrypts when it sets `delivery_stream_encryption_configuration_input` (any key
 * type), and reads another source when `delivery_stream_type` is not `DirectPut`.
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
      return unknown(`${what} is known only after apply, and server-side encryption is off: unless the source is a Kinesis data stream or an MSK cluster, records are stored unencrypted. ${fix}`, { path });
    }
    return verdict;
  }),
});
