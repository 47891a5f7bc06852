import { targetBucket } from '../support/s3';
import { awsDoc } from '../support/references';
import { managedOnly } from '../support/verdict';
import { defineRule, pass, unknown } from '../types';

const FIX = 'Manage the workspace bucket in the same input (an aws_s3_bucket or an awscc_s3_bucket) and set `s3_location` to its `arn`, so its encryption, policy and logging are checked.';

/** The gate can only vouch for a workspace whose bucket it can see. */
export default defineRule({
  id: 'twinmaker-workspace-bucket-known',
  title: 'TwinMaker workspaces use a bucket managed in the same input',
  category: 'encryption-at-rest',
  severity: 'high',
  rationale:
    'A TwinMaker workspace keeps its scenes and resources in its S3 bucket. When that bucket is not in the input, or the link to it cannot be followed, none of the bucket rules can run for it, and the gate cannot vouch for the workspace.',
  remediation: FIX,
  references: [
    awsDoc('Create a workspace in AWS IoT TwinMaker', 'https://docs.aws.amazon.com/iot-twinmaker/latest/guide/twinmaker-gs-workspace.html'),
    awsDoc('AWS::IoTTwinMaker::Workspace', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iottwinmaker-workspace.html'),
  ],
  appliesTo: ['awscc_iottwinmaker_workspace'],
  evaluate: managedOnly((workspace, { graph }) => {
    const target = targetBucket(graph, workspace);
    if (target.status === 'resolved') return pass();
    if (target.status === 'external') {
      const shown = workspace.attr('s3_location').isSensitive ? '' : ` "${target.name}"`;
      return unknown(`The workspace bucket${shown} is not managed in this input, so its encryption and policy cannot be checked. ${FIX}`, { path: 's3_location' });
    }
    return unknown(`The workspace bucket cannot be determined: ${target.reason}. ${FIX}`, { path: 's3_location' });
  }),
});
