import { awsDoc } from '../support/references';
import { managedOnly, requireKeyAt } from '../support/verdict';
import { defineRule } from '../types';

const FIX = 'Set `kms_key_id = aws_kms_key.<key>.arn` (a customer-managed key whose policy names who may read the video).';

/**
 * Kinesis video streams (the video of a TwinMaker scene comes from them, through the Kinesis
 * Video Streams connector) are encrypted with a customer-managed key.
 */
export default defineRule({
  id: 'kinesis-video-stream-cmk',
  title: 'Kinesis video streams use a customer-managed KMS key',
  category: 'encryption-at-rest',
  severity: 'medium',
  rationale:
    'Kinesis Video Streams always encrypts stored media; without `kms_key_id` it uses the AWS-managed key aws/kinesisvideo, which any principal of the account with stream access may use. The camera feeds a digital twin shows are often the most sensitive data of a site: a customer-managed key lets its key policy say who may decrypt them, and lets you revoke that.',
  remediation: FIX,
  references: [
    awsDoc('Data protection in Kinesis Video Streams (server-side encryption with AWS KMS)', 'https://docs.aws.amazon.com/kinesisvideostreams/latest/dg/how-kms.html'),
    awsDoc('AWS IoT TwinMaker: Data protection', 'https://docs.aws.amazon.com/iot-twinmaker/latest/guide/data-protection.html'),
  ],
  appliesTo: ['aws_kinesis_video_stream', 'awscc_kinesisvideo_stream'],
  evaluate: managedOnly((stream, { graph }) =>
    requireKeyAt(graph, stream, stream.attr('kms_key_id'), {
      what: '`kms_key_id`',
      fix: FIX,
      absent: 'fail',
      absentMeans: 'the AWS-managed key aws/kinesisvideo',
    }),
  ),
});
