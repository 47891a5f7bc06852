/**
 * The gate can only vouch for TwinMaker data whose bucket it can see: a workspace's bucket
 * (`s3_location`) and the bucket of a scene's content definition file (`content_location`,
 * `s3://bucket/key`: usually the workspace bucket, but any bucket the API accepts) must be managed
 * in the same input, so the bucket rules (SSE-KMS with a customer-managed key, the TLS policy, public
 * access, logging) judge them as TwinMaker buckets.
 */
import { SCENE_TYPE, targetBucket, TWINMAKER_TYPES } from '../support/s3';
import { awsDoc } from '../support/references';
import { managedOnly } from '../support/verdict';
import { defineRule, pass, unknown } from '../types';

/** How each type names its bucket, for messages. */
const WHAT: Readonly<Record<string, { readonly bucket: string; readonly attribute: string; readonly fix: string }>> = {
  awscc_iottwinmaker_workspace: {
    bucket: 'The workspace bucket',
    attribute: 's3_location',
    fix: 'Manage the workspace bucket in the same input (an aws_s3_bucket or an awscc_s3_bucket) and set `s3_location` to its `arn`, so its encryption, policy and logging are checked.',
  },
  [SCENE_TYPE]: {
    bucket: 'The bucket of the scene\'s content',
    attribute: 'content_location',
    fix: 'Keep the scene file in a bucket managed in the same input (the workspace bucket, as TwinMaker does by default) and build `content_location` from that bucket (`s3://${bucket}/scene.json`), so its encryption, policy and logging are checked.',
  },
};

export default defineRule({
  id: 'twinmaker-workspace-bucket-known',
  title: 'TwinMaker workspaces and scenes keep their data in a bucket managed in the same input',
  category: 'encryption-at-rest',
  severity: 'high',
  rationale:
    'A TwinMaker workspace keeps its scenes and resources in its S3 bucket, and a scene reads its content file from the bucket its content location names. When such a bucket is not in the input, or the link to it cannot be followed, none of the bucket rules can run for it, and the gate cannot vouch for the twin\'s data.',
  remediation: `${WHAT.awscc_iottwinmaker_workspace.fix} ${WHAT[SCENE_TYPE].fix}`,
  references: [
    awsDoc('Create a workspace in AWS IoT TwinMaker', 'https://docs.aws.amazon.com/iot-twinmaker/latest/guide/twinmaker-gs-workspace.html'),
    awsDoc('AWS::IoTTwinMaker::Workspace', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iottwinmaker-workspace.html'),
    awsDoc('AWS::IoTTwinMaker::Scene (ContentLocation)', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iottwinmaker-scene.html'),
  ],
  appliesTo: TWINMAKER_TYPES,
  evaluate: managedOnly((user, { graph }) => {
    const what = WHAT[user.type];
    const target = targetBucket(graph, user);
    if (target.status === 'resolved') return pass();
    if (target.status === 'external') {
      const shown = user.attr(what.attribute).isSensitive ? '' : ` "${target.name}"`;
      return unknown(`${what.bucket}${shown} is not managed in this input, so its encryption and policy cannot be checked. ${what.fix}`, { path: what.attribute });
    }
    return unknown(`${what.bucket} cannot be determined: ${target.reason}. ${what.fix}`, { path: what.attribute });
  }),
});
