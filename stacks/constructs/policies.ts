/**
 * Policy documents of the compliant workspace, built only from known names, account, region and partition, so every
 * document is a constant JSON string in the synthesized configuration and fully known in a Terraform plan.
 */
import { Partition } from '../../config/schema';

/** An IAM policy statement (only the fields this project writes). */
export interface Statement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: '*' | { readonly AWS?: string; readonly Service?: string };
  readonly Action: string | readonly string[];
  /** Absent in trust policies. */
  readonly Resource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** Where the workspace lives: what every ARN is built from. */
export interface ArnContext {
  readonly partition: Partition;
  readonly region: string;
  readonly accountId: string;
}

/** The names the policies refer to. */
export interface WorkspaceNames {
  readonly workspaceId: string;
  readonly bucketName: string;
  readonly logBucketName: string;
  readonly roleName: string;
  /** Trail and its bucket, when the construct creates a trail. */
  readonly trail?: { readonly trailName: string; readonly bucketName: string };
}

/** Serializes statements as a policy document (a constant JSON string). */
export function policyDocument(statements: readonly Statement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** `arn:<partition>:s3:::<bucket>` */
export function bucketArn(ctx: ArnContext, bucketName: string): string {
  return `arn:${ctx.partition}:s3:::${bucketName}`;
}

/** `arn:<partition>:iam::<account>:role/<name>` */
export function roleArn(ctx: ArnContext, roleName: string): string {
  return `arn:${ctx.partition}:iam::${ctx.accountId}:role/${roleName}`;
}

/** `arn:<partition>:iottwinmaker:<region>:<account>:workspace/<id>` */
export function workspaceArn(ctx: ArnContext, workspaceId: string): string {
  return `arn:${ctx.partition}:iottwinmaker:${ctx.region}:${ctx.accountId}:workspace/${workspaceId}`;
}

/** `arn:<partition>:cloudtrail:<region>:<account>:trail/<name>` */
function trailArn(ctx: ArnContext, trailName: string): string {
  return `arn:${ctx.partition}:cloudtrail:${ctx.region}:${ctx.accountId}:trail/${trailName}`;
}

/** The S3 service name KMS sees in `kms:ViaService` for this region. */
function s3ViaService(ctx: ArnContext): string {
  return `s3.${ctx.region}.amazonaws.com${ctx.partition === 'aws-cn' ? '.cn' : ''}`;
}

/** Deny every request to the bucket that is not TLS, or is TLS older than 1.2 (S3.5). */
export function tlsOnlyStatements(arn: string): Statement[] {
  const base = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn, `${arn}/*`] } as const;
  return [
    { Sid: 'DenyInsecureTransport', ...base, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    { Sid: 'DenyTlsOlderThan12', ...base, Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } },
  ];
}

/** Trust policy of the TwinMaker role; with conditions, only this account's workspace can assume it. */
export function twinMakerTrustPolicy(ctx: ArnContext, workspaceId: string, withConditions: boolean): string {
  const statement: Statement = {
    Sid: 'TwinMakerAssumeRole',
    Effect: 'Allow',
    Principal: { Service: 'iottwinmaker.amazonaws.com' },
    Action: 'sts:AssumeRole',
    ...(withConditions
      ? {
          Condition: {
            StringEquals: { 'aws:SourceAccount': ctx.accountId },
            ArnLike: { 'aws:SourceArn': workspaceArn(ctx, workspaceId) },
          },
        }
      : {}),
  };
  return policyDocument([statement]);
}

/** The role's permissions: the workspace bucket only, as the TwinMaker guide documents them. */
export function twinMakerRolePolicy(ctx: ArnContext, bucketName: string): string {
  const arn = bucketArn(ctx, bucketName);
  return policyDocument([
    {
      Sid: 'WorkspaceBucketReadWrite',
      Effect: 'Allow',
      Action: ['s3:GetBucket*', 's3:GetObject', 's3:ListBucket', 's3:PutObject'],
      Resource: [arn, `${arn}/*`],
    },
    {
      Sid: 'WorkspaceBucketDeleteMarkerObjects',
      Effect: 'Allow',
      Action: 's3:DeleteObject',
      Resource: `${arn}/DO_NOT_DELETE_WORKSPACE_*`,
    },
  ]);
}

/**
 * Key policy of the workspace CMK: the account administers it; the TwinMaker role may use it only through S3 for the
 * workspace bucket (an explicit deny outside S3); CloudTrail may encrypt this account's trail logs.
 */
export function keyPolicy(ctx: ArnContext, names: WorkspaceNames): string {
  const role = roleArn(ctx, names.roleName);
  const viaS3 = s3ViaService(ctx);
  const statements: Statement[] = [
    {
      Sid: 'AccountAdministersKey',
      Effect: 'Allow',
      Principal: { AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:root` },
      Action: 'kms:*',
      Resource: '*',
    },
    {
      Sid: 'TwinMakerRoleUsesKeyViaS3',
      Effect: 'Allow',
      Principal: { AWS: role },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: '*',
      Condition: {
        StringEquals: {
          'kms:ViaService': viaS3,
          'kms:EncryptionContext:aws:s3:arn': bucketArn(ctx, names.bucketName),
        },
      },
    },
    {
      Sid: 'TwinMakerRoleOnlyViaS3',
      Effect: 'Deny',
      Principal: { AWS: role },
      Action: 'kms:*',
      Resource: '*',
      Condition: { StringNotEquals: { 'kms:ViaService': viaS3 } },
    },
  ];
  if (names.trail !== undefined) statements.push(...cloudTrailKeyStatements(ctx, names.trail.trailName));
  return policyDocument(statements);
}

function cloudTrailKeyStatements(ctx: ArnContext, trailName: string): Statement[] {
  const sourceArn = { 'aws:SourceArn': trailArn(ctx, trailName) };
  return [
    {
      Sid: 'CloudTrailEncryptsThisAccountsTrails',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: {
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${ctx.partition}:cloudtrail:*:${ctx.accountId}:trail/*` },
        StringEquals: sourceArn,
      },
    },
    {
      Sid: 'CloudTrailDescribesKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:DescribeKey',
      Resource: '*',
      Condition: { StringEquals: sourceArn },
    },
  ];
}

/** Statements letting S3 server access logging write into the log bucket, only for the given source buckets. */
export function accessLogDeliveryStatements(ctx: ArnContext, logBucketName: string, sourceBuckets: readonly string[]): Statement[] {
  return [
    {
      Sid: 'S3ServerAccessLogsDelivery',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${bucketArn(ctx, logBucketName)}/*`,
      Condition: {
        ArnLike: { 'aws:SourceArn': sourceBuckets.map((name) => bucketArn(ctx, name)) },
        StringEquals: { 'aws:SourceAccount': ctx.accountId },
      },
    },
  ];
}

/** The bucket policy statements CloudTrail requires on its log bucket, scoped to this trail. */
export function cloudTrailBucketStatements(ctx: ArnContext, trailName: string, bucketName: string): Statement[] {
  const arn = bucketArn(ctx, bucketName);
  const sourceArn = { 'aws:SourceArn': trailArn(ctx, trailName) };
  return [
    {
      Sid: 'CloudTrailAclCheck',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:GetBucketAcl',
      Resource: arn,
      Condition: { StringEquals: sourceArn },
    },
    {
      Sid: 'CloudTrailWrite',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${arn}/AWSLogs/${ctx.accountId}/*`,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', ...sourceArn } },
    },
  ];
}
