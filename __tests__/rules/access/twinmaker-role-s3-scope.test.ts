import rule from '../../../checks/rules/access/twinmaker-role-s3-scope';
import { ruleStatuses, withFiles } from '../../cli/run';
import { plan, res, type Res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable } from '../../helpers/rule-table';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';
import { bucket, ref, scene } from '../encryption-at-rest/fixtures';

const R = 'aws_iam_role.twinmaker';
const RP = 'aws_iam_role_policy.twinmaker';
const doc = (statements: Record<string, unknown>[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const TRUST = doc([{ Effect: 'Allow', Principal: { Service: 'iottwinmaker.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }]);
const role = (trust = TRUST, address = R) => res(address, { name: 'twinmaker', assume_role_policy: trust }, { unknown: { arn: true, id: true, unique_id: true } });
const rolePolicy = (statements: Record<string, unknown>[], roleAddress = R, address = RP) => res(address, { name: 'scoped', policy: doc(statements) }, { unknown: { id: true, role: true }, refs: { role: ref(roleAddress, 'id') } });
const workspace = (bucketAddress?: string, literal?: string): Res =>
  res('awscc_iottwinmaker_workspace.w', { workspace_id: 'factory', ...(literal ? { s3_location: literal } : {}) }, {
    unknown: { arn: true, id: true, role: true, ...(literal ? {} : { s3_location: true }) },
    refs: { role: ref(R, 'arn'), ...(bucketAddress ? { s3_location: ref(bucketAddress, 'arn') } : {}) },
  });
/** The workspace bucket `twin`, its workspace and the TwinMaker role. */
const twin = [bucket('aws_s3_bucket.twin', { name: 'twin' }), workspace('aws_s3_bucket.twin'), role()];
/** The same with a bucket named at apply (`bucket_prefix`). */
const unnamedTwin = [res('aws_s3_bucket.twin', { bucket_prefix: 'twin-', force_destroy: false }, { unknown: { id: true, arn: true, bucket: true } }), workspace('aws_s3_bucket.twin'), role()];
const SCOPED = { Sid: 'Workspace', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:GetBucket*'], Resource: ['arn:aws:s3:::twin', 'arn:aws:s3:::twin/*'] };
const attachment = (policyArn: string) => res('aws_iam_role_policy_attachment.a', { policy_arn: policyArn }, { unknown: { id: true, role: true }, refs: { role: ref(R, 'name') } });

ruleTable(rule, [
  { name: 'twinmaker-role-s3-scope: S3 statements on the workspace bucket pass', plan: plan([...twin, rolePolicy([SCOPED, { Effect: 'Allow', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::twin/DO_NOT_DELETE_WORKSPACE_*' }])]), expect: { [RP]: 'pass' } },
  {
    name: 'S3 on every resource fails, naming the role\'s bucket',
    plan: plan([...twin, rolePolicy([SCOPED, { Sid: 'Everything', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }])]),
    expect: { [RP]: 'fail' },
    message: /statement "Everything" allows S3 actions beyond the role's TwinMaker bucket \(twin\)/,
  },
  {
    name: 'an action pattern too intricate to decide within the step budget, on another bucket, fails closed, saying it was not decided rather than that it allows S3',
    plan: plan([...twin, rolePolicy([SCOPED, { Sid: 'Tangle', Effect: 'Allow', Action: `s3:*a${'?'.repeat(14)}a*`, Resource: 'arn:aws:s3:::data-lake/*' }])]),
    expect: { [RP]: 'fail' },
    message: /^`policy`: whether statement "Tangle" grants S3 access beyond the TwinMaker buckets could not be decided within twinguard's step budget .*so it fails closed\./,
  },
  { name: 'S3 on another bucket fails', plan: plan([...twin, rolePolicy([{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::data-lake/*' }])]), expect: { [RP]: 'fail' } },
  { name: 'a wildcard bucket (twin*) may be another one: fail', plan: plan([...twin, rolePolicy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::twin*/*' }])]), expect: { [RP]: 'fail' } },
  { name: 'every action on every resource reaches every bucket: fail', plan: plan([...twin, rolePolicy([{ Effect: 'Allow', Action: '*', Resource: '*' }])]), expect: { [RP]: 'fail' } },
  { name: 'a NotAction that leaves S3 in, on every resource: fail', plan: plan([...twin, rolePolicy([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }])]), expect: { [RP]: 'fail' } },
  // An action pattern grants S3 when it matches some S3 action, however it is spelled; a NotAction leaves S3 out when its patterns match every one.
  ...(
    [
      ['an action of any service named like an S3 one (*:GetBucketAcl) on every resource fails', { Action: '*:GetBucketAcl', Resource: '*' }, 'fail'],
      ['*:PutBucketPolicy on another bucket fails', { Action: '*:PutBucketPolicy', Resource: 'arn:aws:s3:::data-lake' }, 'fail'],
      ['?3:* on every resource fails', { Action: '?3:*', Resource: '*' }, 'fail'],
      ['a NotAction of s3:?*, s3express:* and s3tables:* names every S3 action: passes', { NotAction: ['s3:?*', 's3express:*', 's3tables:*'], Resource: '*' }, 'pass'],
      ['a NotAction whose patterns together name every S3 action (S3:?, s3:??*, s3*:*) passes', { NotAction: ['S3:?', 's3:??*', 's3*:*'], Resource: '*' }, 'pass'],
      ['a NotAction of s3:* alone leaves directory and table buckets (s3express, s3tables) in: fails', { NotAction: 's3:*', Resource: '*' }, 'fail'],
      ['s3express:CreateSession on every resource reaches every directory bucket: fails', { Action: 's3express:CreateSession', Resource: '*' }, 'fail'],
      ['s3express:* on the directory buckets of an account fails', { Action: 's3express:*', Resource: 'arn:aws:s3express:eu-west-1:111122223333:bucket/*' }, 'fail'],
      ['s3tables:GetTableData on a table bucket fails', { Action: 's3tables:GetTableData', Resource: 'arn:aws:s3tables:eu-west-1:111122223333:bucket/lake/table/*' }, 'fail'],
      ['a NotAction of s3:Get* leaves other S3 actions in: fails', { NotAction: 's3:Get*', Resource: '*' }, 'fail'],
      ['actions of other services named by a wildcard (kinesisvideo:Get*) on every resource pass', { Action: ['kinesisvideo:Get*', 'iotsitewise:*'], Resource: '*' }, 'pass'],
    ] as const
  ).map(([name, statement, verdict]) => ({ name, plan: plan([...twin, rolePolicy([SCOPED, { Effect: 'Allow', ...statement }])]), expect: { [RP]: verdict } })),
  {
    name: 'connector permissions on other services (Kinesis Video, SiteWise) are not this rule\'s business',
    plan: plan([...twin, rolePolicy([SCOPED, { Effect: 'Allow', Action: ['kinesisvideo:DescribeStream', 'iotsitewise:Describe*'], Resource: '*' }, { Effect: 'Allow', Action: '*', Resource: 'arn:aws:kinesisvideo:eu-west-1:111122223333:stream/cam/*' }])]),
    expect: { [RP]: 'pass' },
  },
  { name: 'S3 on every resource but the workspace bucket (NotResource) fails', plan: plan([...twin, rolePolicy([{ Effect: 'Allow', Action: 's3:GetObject', NotResource: ['arn:aws:s3:::twin/*'] }])]), expect: { [RP]: 'fail' } },
  { name: 'a Deny on every bucket is no grant', plan: plan([...twin, rolePolicy([SCOPED, { Effect: 'Deny', Action: 's3:*', Resource: '*' }])]), expect: { [RP]: 'pass' } },
  {
    name: 'a role nobody lets TwinMaker assume is not this rule\'s business',
    plan: plan([...twin, role(doc([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]), 'aws_iam_role.lambda'), rolePolicy([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }], 'aws_iam_role.lambda', 'aws_iam_role_policy.lambda')]),
    expect: { 'aws_iam_role_policy.lambda': 'not-applicable' },
  },
  {
    name: 'a role TwinMaker trusts but no workspace here uses (a sync job\'s) may reach the input\'s TwinMaker buckets',
    plan: plan([bucket('aws_s3_bucket.twin', { name: 'twin' }), res('awscc_iottwinmaker_workspace.other', { workspace_id: 'o', role: 'arn:aws:iam::111122223333:role/elsewhere' }, { unknown: { arn: true, id: true, s3_location: true }, refs: { s3_location: ref('aws_s3_bucket.twin', 'arn') } }), role(), rolePolicy([SCOPED])]),
    expect: { [RP]: 'pass' },
  },
  {
    name: "a sync job's role is a TwinMaker role though its trust is known only after apply: S3 on every resource fails",
    plan: plan([
      bucket('aws_s3_bucket.twin', { name: 'twin' }),
      res(R, { name: 'twinmaker' }, { unknown: { arn: true, id: true, unique_id: true, assume_role_policy: true } }),
      res('awscc_iottwinmaker_sync_job.sj', { workspace_id: 'factory', sync_source: 'SITEWISE' }, { unknown: { arn: true, id: true, sync_role: true }, refs: { sync_role: ref(R, 'arn') } }),
      rolePolicy([{ Sid: 'All', Effect: 'Allow', Action: 's3:*', Resource: '*' }]),
    ]),
    expect: { [RP]: 'fail' },
    message: /statement "All" allows S3 actions beyond the role's TwinMaker bucket \(twin\)/,
  },
  // Real TwinMaker code creates the workspace outside Terraform (a script given the bucket's name).
  {
    name: 'a role TwinMaker trusts with no workspace in the input: a bucket it names may be the workspace\'s (unknown); every bucket or a wildcard one reaches beyond it (fail)',
    plan: plan([
      bucket('aws_s3_bucket.twin', { name: 'twin' }),
      role(),
      rolePolicy([SCOPED]),
      rolePolicy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::scenes-elsewhere/*' }], R, 'aws_iam_role_policy.literal'),
      rolePolicy([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }], R, 'aws_iam_role_policy.every'),
      rolePolicy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::twin*/*' }], R, 'aws_iam_role_policy.wildcard'),
      rolePolicy([{ Effect: 'Allow', Action: 'iotsitewise:Get*', Resource: '*' }], R, 'aws_iam_role_policy.no_s3'),
    ]),
    expect: { [RP]: 'unknown', 'aws_iam_role_policy.literal': 'unknown', 'aws_iam_role_policy.every': 'fail', 'aws_iam_role_policy.wildcard': 'fail', 'aws_iam_role_policy.no_s3': 'pass' },
  },
  {
    name: 'an aws_iam_policy_attachment naming the role among its roles is judged for it',
    plan: plan([
      ...twin,
      res('aws_iam_role.lambda', { name: 'lambda', assume_role_policy: doc([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]) }, { unknown: { arn: true, id: true, unique_id: true } }),
      res('aws_iam_policy_attachment.full', { name: 'full', policy_arn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess', roles: ['lambda', 'twinmaker'] }, { unknown: { id: true }, refs: { roles: [...ref('aws_iam_role.lambda', 'name'), ...ref(R, 'name')] } }),
      res('aws_iam_policy_attachment.lambda', { name: 'lambda', policy_arn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess', roles: ['lambda'] }, { unknown: { id: true }, refs: { roles: ref('aws_iam_role.lambda', 'name') } }),
    ]),
    expect: { 'aws_iam_policy_attachment.full': 'fail', 'aws_iam_policy_attachment.lambda': 'not-applicable' },
    message: /^for the TwinMaker role aws_iam_role\.twinmaker, it attaches the AWS-managed policy AmazonS3FullAccess/,
  },
  {
    name: 'an awscc_iam_managed_policy naming the role in its own roles is judged for it',
    plan: plan([
      ...twin,
      res('awscc_iam_managed_policy.wide', { managed_policy_name: 'wide', policy_document: doc([{ Sid: 'AllBuckets', Effect: 'Allow', Action: 's3:*', Resource: '*' }]), roles: ['twinmaker'] }, { unknown: { id: true }, refs: { roles: ref(R, 'name') } }),
      res('awscc_iam_managed_policy.scoped', { managed_policy_name: 'scoped', policy_document: doc([SCOPED]), roles: ['twinmaker'] }, { unknown: { id: true }, refs: { roles: ref(R, 'name') } }),
    ]),
    expect: { 'awscc_iam_managed_policy.wide': 'fail', 'awscc_iam_managed_policy.scoped': 'pass' },
    message: /^for the TwinMaker role aws_iam_role\.twinmaker, `policy_document`: statement "AllBuckets" allows S3 actions beyond/,
  },
  {
    name: 'the bucket of a scene\'s content may be reached too',
    plan: plan([...twin, bucket('aws_s3_bucket.scenes', { name: 'scenes' }), scene('awscc_iottwinmaker_scene.s', undefined, 's3://scenes/floor.json'), rolePolicy([SCOPED, { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::scenes/*' }])]),
    expect: { [RP]: 'pass' },
  },
  {
    name: 'a workspace bucket managed elsewhere is allowed by its name',
    plan: plan([workspace(undefined, 'arn:aws:s3:::shared-twin'), role(), rolePolicy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared-twin/*' }])]),
    expect: { [RP]: 'pass' },
  },
  {
    name: 'a workspace bucket named at apply (bucket_prefix): S3 on every resource fails whatever its name',
    plan: plan([...unnamedTwin, rolePolicy([{ Sid: 'Everything', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }])]),
    expect: { [RP]: 'fail' },
    message: /statement "Everything" allows S3 actions beyond the role's TwinMaker bucket \(aws_s3_bucket\.twin, named at apply\)/,
  },
  { name: '… so does a wildcard bucket', plan: plan([...unnamedTwin, rolePolicy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::twin-*/*' }])]), expect: { [RP]: 'fail' } },
  {
    name: '… and a bucket named in the policy may be it: unknown',
    plan: plan([...unnamedTwin, rolePolicy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::twin-data/*' }])]),
    expect: { [RP]: 'unknown' },
    message: /the name of aws_s3_bucket\.twin is known only after apply/,
  },
  {
    name: 'a workspace whose bucket cannot be determined leaves the role\'s buckets unknown',
    plan: plan([res('awscc_iottwinmaker_workspace.w', { workspace_id: 'factory' }, { unknown: { arn: true, id: true, role: true, s3_location: true }, refs: { role: ref(R, 'arn'), s3_location: ['var.bucket_arn'] } }), role(), rolePolicy([SCOPED])]),
    expect: { [RP]: 'unknown' },
    message: /the bucket of awscc_iottwinmaker_workspace\.w cannot be determined \(`s3_location` is known only after apply and it comes from the root variable var\.bucket_arn\)/,
  },
  { name: 'attaching AmazonS3FullAccess to the role fails', plan: plan([...twin, attachment('arn:aws:iam::aws:policy/AmazonS3FullAccess')]), expect: { 'aws_iam_role_policy_attachment.a': 'fail' }, message: /AmazonS3FullAccess, which allows S3 actions on every bucket/ },
  {
    name: 'a customer-managed policy of the input attached to the role is judged as its own',
    plan: plan([
      ...twin,
      res('aws_iam_policy.wide', { name: 'wide', policy: doc([{ Sid: 'Lake', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data-lake/*' }]) }, { unknown: { arn: true, id: true } }),
      res('aws_iam_role_policy_attachment.a', {}, { unknown: { id: true, role: true, policy_arn: true }, refs: { role: ref(R, 'name'), policy_arn: ref('aws_iam_policy.wide', 'arn') } }),
    ]),
    expect: { 'aws_iam_role_policy_attachment.a': 'fail' },
    message: /^through the attached aws_iam_policy\.wide: `policy`: statement "Lake" allows S3 actions beyond the role's TwinMaker bucket \(twin\)/,
  },
  {
    name: 'an attached customer-managed policy scoped to the workspace bucket passes',
    plan: plan([
      ...twin,
      res('aws_iam_policy.scoped', { name: 'scoped', arn: 'arn:aws:iam::111122223333:policy/scoped', policy: doc([SCOPED]) }, { unknown: { id: true } }),
      attachment('arn:aws:iam::111122223333:policy/scoped'),
    ]),
    expect: { 'aws_iam_role_policy_attachment.a': 'pass' },
  },
  { name: 'attaching a managed policy of a connector\'s service passes', plan: plan([...twin, attachment('arn:aws:iam::aws:policy/AWSIoTSiteWiseReadOnlyAccess')]), expect: { 'aws_iam_role_policy_attachment.a': 'pass' } },
  {
    name: 'attaching another AWS-managed policy is unknown: its statements are not in the input',
    plan: plan([...twin, attachment('arn:aws:iam::aws:policy/AmazonAthenaFullAccess')]),
    expect: { 'aws_iam_role_policy_attachment.a': 'unknown' },
    message: /AWS-managed policy AmazonAthenaFullAccess: the gate cannot read its statements/,
  },
  {
    name: 'attaching a customer-managed policy that is not in the input is unknown',
    plan: plan([...twin, attachment('arn:aws:iam::111111111111:policy/shared-data-access')]),
    expect: { 'aws_iam_role_policy_attachment.a': 'unknown' },
    message: /the policy arn:aws:iam::111111111111:policy\/shared-data-access, which is not in the input,/,
  },
  {
    name: 'attaching a policy whose ARN is known only after apply and references nothing of the input is unknown',
    plan: plan([...twin, res('aws_iam_role_policy_attachment.a', {}, { unknown: { id: true, role: true, policy_arn: true }, refs: { role: ref(R, 'name'), policy_arn: ['var.policy_arn'] } })]),
    expect: { 'aws_iam_role_policy_attachment.a': 'unknown' },
    message: /a policy whose ARN is known only after apply/,
  },
  {
    name: 'an awscc role: its inline policies and managed policy ARNs are judged',
    plan: plan([
      bucket('aws_s3_bucket.twin', { name: 'twin' }),
      res('awscc_iottwinmaker_workspace.w', { workspace_id: 'factory' }, { unknown: { arn: true, id: true, role: true, s3_location: true }, refs: { role: ref('awscc_iam_role.r', 'arn'), s3_location: ref('aws_s3_bucket.twin', 'arn') } }),
      res('awscc_iam_role.r', { role_name: 'twinmaker', assume_role_policy_document: TRUST, policies: [{ policy_name: 'scoped', policy_document: doc([SCOPED]) }], managed_policy_arns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'] }, { unknown: { arn: true, id: true, role_id: true } }),
    ]),
    expect: { 'awscc_iam_role.r': 'fail' },
    message: /AmazonS3ReadOnlyAccess/,
  },
  {
    name: 'an exclusive attachment list of the role holding AmazonS3FullAccess fails',
    plan: plan([
      ...twin,
      res('aws_iam_role_policy_attachments_exclusive.a', { policy_arns: ['arn:aws:iam::aws:policy/AWSIoTSiteWiseReadOnlyAccess', 'arn:aws:iam::aws:policy/AmazonS3FullAccess'] }, { unknown: { id: true, role_name: true }, refs: { role_name: ref(R, 'name') } }),
    ]),
    expect: { 'aws_iam_role_policy_attachments_exclusive.a': 'fail' },
    message: /AmazonS3FullAccess, which allows S3 actions on every bucket/,
  },
  {
    name: 'aws_iam_role.managed_policy_arns written in the configuration is judged',
    plan: plan([
      bucket('aws_s3_bucket.twin', { name: 'twin' }),
      workspace('aws_s3_bucket.twin'),
      res(R, { name: 'twinmaker', assume_role_policy: TRUST, managed_policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] }, { unknown: { arn: true, id: true, unique_id: true } }),
    ]),
    expect: { [R]: 'fail' },
    message: /ReadOnlyAccess, which allows S3 actions on every bucket/,
  },
  { name: 'other resource types are not applicable', plan: plan([res('aws_sqs_queue.q', { name: 'q' })]), expect: { 'aws_sqs_queue.q': 'not-applicable' } },
]);

/** .tf code of the TwinMaker role and a workspace that uses it, its bucket at `location` (HCL). */
const twinmakerTf = (location: string): string => `resource "aws_iam_role" "twinmaker" {
  name = "twinmaker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "iottwinmaker.amazonaws.com" }, Action = "sts:AssumeRole", Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } } }]
  })
}
resource "awscc_iottwinmaker_workspace" "factory" {
  workspace_id = "factory"
  role         = aws_iam_role.twinmaker.arn
  s3_location  = ${location}
}`;

describe('a workspace bucket named at apply, read from .tf code', () => {
  it('passes statements on the bucket\'s own ARN, and fails one on another bucket of the input', async () => {
    const files = { 'main.tf': `resource "aws_s3_bucket" "twin" {
  bucket_prefix = "twin-"
}
resource "aws_s3_bucket" "lake" {
  bucket_prefix = "lake-"
}
${twinmakerTf('aws_s3_bucket.twin.arn')}
resource "aws_iam_role_policy" "workspace" {
  role = aws_iam_role.twinmaker.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], Resource = [aws_s3_bucket.twin.arn, "\${aws_s3_bucket.twin.arn}/*"] }]
  })
}
resource "aws_iam_role_policy" "lake" {
  role = aws_iam_role.twinmaker.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "\${aws_s3_bucket.lake.arn}/*" }]
  })
}
` };
    expect(await withFiles(files, (dir) => ruleStatuses(rule.id, [dir, '--input-kind', 'hcl']))).toEqual({ 'aws_iam_role_policy.lake': 'fail' });
  });
});

describe('a scene whose content is in a bucket named by an s3:// URI, read from .tf code', () => {
  // The scene's bucket is a TwinMaker bucket: the role may reach it, and nothing else.
  const files = (sceneBucket: string) => ({
    'main.tf': `resource "aws_s3_bucket" "twin" {
  bucket_prefix = "twin-"
}
resource "aws_s3_bucket" "lake" {
  bucket_prefix = "lake-"
}
${twinmakerTf('aws_s3_bucket.twin.arn')}
resource "awscc_iottwinmaker_scene" "floor" {
  workspace_id     = awscc_iottwinmaker_workspace.factory.workspace_id
  scene_id         = "floor"
  content_location = "s3://\${aws_s3_bucket.${sceneBucket}.id}/scenes/floor.json"
}
resource "aws_iam_role_policy" "workspace" {
  role = aws_iam_role.twinmaker.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], Resource = [aws_s3_bucket.twin.arn, "\${aws_s3_bucket.twin.arn}/*"] }]
  })
}
resource "aws_iam_role_policy" "lake" {
  role = aws_iam_role.twinmaker.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "\${aws_s3_bucket.lake.arn}/*" }]
  })
}
`,
  });

  it('in the workspace bucket: statements on it pass, one on another bucket fails', async () => {
    expect(await withFiles(files('twin'), (dir) => ruleStatuses(rule.id, [dir, '--input-kind', 'hcl']))).toEqual({ 'aws_iam_role_policy.lake': 'fail' });
  });
  it('in another bucket of the input: that bucket is a TwinMaker bucket too, both pass', async () => {
    expect(await withFiles(files('lake'), (dir) => ruleStatuses(rule.id, [dir, '--input-kind', 'hcl']))).toEqual({});
  });
});

describe('a role policy made by an aws_iam_policy_document, read from .tf code', () => {
  it("reads the document's resources from its code: the workspace bucket's own ARN passes, another bucket's fails", async () => {
    const files = { 'main.tf': `resource "aws_s3_bucket" "twin" {
  bucket = "twin-data"
}
resource "aws_s3_bucket" "lake" {
  bucket = "lake-data"
}
${twinmakerTf('aws_s3_bucket.twin.arn')}
data "aws_iam_policy_document" "workspace" {
  statement {
    actions   = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"]
    resources = [aws_s3_bucket.twin.arn, "\${aws_s3_bucket.twin.arn}/*"]
  }
}
data "aws_iam_policy_document" "lake" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.lake.arn}/*"]
  }
}
resource "aws_iam_role_policy" "workspace" {
  role   = aws_iam_role.twinmaker.id
  policy = data.aws_iam_policy_document.workspace.json
}
resource "aws_iam_role_policy" "lake" {
  role   = aws_iam_role.twinmaker.id
  policy = data.aws_iam_policy_document.lake.json
}
` };
    expect(await withFiles(files, (dir) => ruleStatuses(rule.id, [dir, '--input-kind', 'hcl']))).toEqual({ 'aws_iam_role_policy.lake': 'fail' });
  });
});

describe('attachments of the TwinMaker role read from .tf code', () => {
  it('reads an AWS-managed policy ARN made from the partition: a broad one fails, a connector\'s passes', async () => {
    const files = { 'main.tf': `data "aws_partition" "current" {}
${twinmakerTf('"arn:aws:s3:::factory-data"')}
resource "aws_iam_role_policy_attachment" "s3" {
  role       = aws_iam_role.twinmaker.name
  policy_arn = "arn:\${data.aws_partition.current.partition}:iam::aws:policy/AmazonS3FullAccess"
}
resource "aws_iam_role_policy_attachment" "sitewise" {
  role       = aws_iam_role.twinmaker.name
  policy_arn = "arn:\${data.aws_partition.current.partition}:iam::aws:policy/AWSIoTSiteWiseReadOnlyAccess"
}
` };
    expect(await withFiles(files, (dir) => ruleStatuses(rule.id, [dir, '--input-kind', 'hcl']))).toEqual({ 'aws_iam_role_policy_attachment.s3': 'fail' });
  });
});

describe("a sync job's role in .tf", () => {
  it('whose trust is a variable is still a TwinMaker role: S3 on every resource fails', async () => {
    const graph = await tfGraph(`variable "trust" { type = string }
resource "aws_iam_role" "sync" {
  name               = "twinmaker-sync"
  assume_role_policy = var.trust
}
resource "aws_iam_role_policy" "sync" {
  role   = aws_iam_role.sync.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "all", Effect = "Allow", Action = "s3:*", Resource = "*" }] })
}
resource "awscc_iottwinmaker_sync_job" "sj" {
  workspace_id = "existing-ws"
  sync_role    = aws_iam_role.sync.arn
  sync_source  = "SITEWISE"
}
`);
    const found = evaluateRule(rule, graph).filter((v) => v.status !== 'not-applicable');
    expect(found.map((v) => [v.address, v.status])).toEqual([['aws_iam_role_policy.sync', 'fail']]);
    expect(found[0].message).toMatch(/statement "all" allows S3 actions beyond/);
  });
});

describe('a role whose trust is pinned to an account known only after apply', () => {
  // The trust names the caller's account, so the plan knows it only after apply: read from its code, it still trusts TwinMaker.
  const trust = (account: string) => ({ Effect: 'Allow', Principal: { Service: 'iottwinmaker.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': account } } });

  it('is a TwinMaker role in .tf: an aws_iam_policy_document trust, S3 on every bucket and AmazonS3FullAccess fail', async () => {
    const graph = await tfGraph(`data "aws_caller_identity" "current" {}
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["iottwinmaker.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}
resource "aws_iam_role" "twinmaker" {
  name               = "twinmaker"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
resource "aws_iam_role_policy" "s3" {
  name   = "s3"
  role   = aws_iam_role.twinmaker.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::*/*" }] })
}
resource "aws_iam_role_policy_attachment" "full" {
  role       = aws_iam_role.twinmaker.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonS3FullAccess"
}
`);
    const found = evaluateRule(rule, graph).filter((v) => v.status !== 'not-applicable');
    expect(found.map((v) => [v.address, v.status])).toEqual([
      ['aws_iam_role_policy.s3', 'fail'],
      ['aws_iam_role_policy_attachment.full', 'fail'],
    ]);
  });

  it('is a TwinMaker role in cdk.tf.json: a trust written as a JSON string with a token, and AmazonS3FullAccess, fail', () => {
    const graph = cdktfGraph({
      aws_iam_role: { tm: { name: 'twinmaker', assume_role_policy: doc([trust('${data.aws_caller_identity.current.account_id}')]) } },
      aws_iam_role_policy_attachment: { full: { role: '${aws_iam_role.tm.name}', policy_arn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' } },
    });
    expect(evaluateRule(rule, graph).map((v) => [v.address, v.status])).toContainEqual(['aws_iam_role_policy_attachment.full', 'fail']);
  });
});

describe('a role policy whose `role` may be any of several roles', () => {
  const tf = (services: string, action: string) => `variable "pick" { type = string }
locals {
  services = ${services}
}
resource "aws_iam_role" "tm" {
  for_each = local.services
  name     = "tm-\${each.key}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = each.value }, Action = "sts:AssumeRole", Condition = { StringEquals = { "aws:SourceAccount" = "123456789012" } } }]
  })
}
resource "aws_iam_role_policy" "picked" {
  name   = "s3"
  role   = aws_iam_role.tm[var.pick].id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["${action}"], Resource = "*" }] })
}
`;
  const statuses = async (services: string, action: string) => evaluateRule(rule, await tfGraph(tf(services, action))).filter((v) => v.address === 'aws_iam_role_policy.picked').map((v) => v.status);
  const twinmaker = '{ dev = "iottwinmaker.amazonaws.com", prod = "iottwinmaker.amazonaws.com" }';

  it('fails when S3 on every bucket is beyond every candidate, all TwinMaker roles', async () => {
    const graph = await tfGraph(tf(twinmaker, 's3:*'));
    const found = evaluateRule(rule, graph).filter((v) => v.address === 'aws_iam_role_policy.picked');
    expect(found.map((v) => v.status)).toEqual(['fail', 'fail']);
    expect(found[0].message).toMatch(/^its `role` may name any of aws_iam_role\.tm\["dev"\], aws_iam_role\.tm\["prod"\] .*; for aws_iam_role\.tm\["dev"\], `policy`: a statement allows S3 actions beyond/);
  });
  it('is unknown when a candidate is no TwinMaker role: the verdict depends on which it names', async () => {
    expect(await statuses('{ dev = "iottwinmaker.amazonaws.com", fn = "lambda.amazonaws.com" }', 's3:*')).toEqual(['unknown']);
  });
  it('passes when the policy grants no S3 whichever it names', async () => {
    expect(await statuses(twinmaker, 'iotsitewise:Describe*')).toEqual(['pass']);
  });
});
