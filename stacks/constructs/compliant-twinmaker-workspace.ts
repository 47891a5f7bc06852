import { Construct, IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { IottwinmakerWorkspace } from '../providers/awscc/iottwinmaker-workspace';
import { maskedAll } from '../../checks/rules/support/detect';
import { Partition, S3_RESERVED, WORKSPACE_ID_PATTERN, partitionOf, reservedBucketAffix, shown } from '../../config/schema';
import {
  ArnContext,
  WorkspaceNames,
  accessLogDeliveryStatements,
  bucketArn,
  cloudTrailBucketStatements,
  keyPolicy,
  roleArn,
  twinMakerRolePolicy,
  twinMakerTrustPolicy,
  workspaceArn,
} from './policies';
import { SecureBucket } from './secure-bucket';

/** Properties of {@link CompliantTwinMakerWorkspace}. Every value that ends up in an ARN must be a literal. */
export interface CompliantTwinMakerWorkspaceProps {
  /** Workspace id: 2–128 characters matching `^[A-Za-z0-9_][A-Za-z0-9_-]*[A-Za-z0-9]$`. */
  readonly workspaceId: string;
  /** The 12-digit account the workspace is deployed into. */
  readonly accountId: string;
  /** The region the workspace is deployed into. */
  readonly region: string;
  /** Partition. Default: derived from the region (`aws`, `aws-cn`, `aws-us-gov`). */
  readonly partition?: Partition;
  /**
   * Prefix of every resource name (buckets, role, trail, key alias): lowercase letters and digits, single hyphens
   * between them (CloudTrail refuses adjacent hyphens in a trail name), no prefix S3 reserves (`sthree-`,
   * `amzn-s3-demo-`). Two workspaces in one account must not share it: their names would collide. Default: the
   * workspace id, lowercased, each run of `_` and `-` turned into one `-`, none at either end (`Plant__A` and
   * `plant_-a` both give `plant-a`, so one app refuses the second of them: give it a namePrefix).
   */
  readonly namePrefix?: string;
  /** Workspace description, at most 512 characters. Default: `TwinMaker workspace <workspaceId>`. */
  readonly description?: string;
  /** KMS key deletion window, 7–30 days. Default: 30. */
  readonly keyDeletionWindowDays?: number;
  /** Days access logs and trail logs are kept, 1–3650. Default: 365. */
  readonly logRetentionDays?: number;
  /** Create a CloudTrail trail (turn off when an organization trail covers the account). Default: true. */
  readonly cloudTrail?: boolean;
  /** Add `aws:SourceAccount` and `aws:SourceArn` conditions to the role's trust policy. Default: true. */
  readonly trustPolicyConditions?: boolean;
  /** Tags of the workspace (aws resources take the aws provider's default_tags). Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

const NAME_PREFIX_PATTERN = /^[a-z0-9](?:-?[a-z0-9])*$/;
const BUCKET_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/**
 * Throws the construct's one-line "what / expected / got" error. The value, the construct's path and the field (a
 * tag key) are masked as config errors mask them: personal data in props is never printed.
 */
function invalid(construct: string, what: string, expected: string, got: unknown): never {
  throw new Error(`${maskedAll(construct)}: ${maskedAll(what)}: expected ${expected}, got ${shown(got)}`);
}

/** Bucket names derived from the prefix: `<prefix>-<account>-<region>[-logs|-trail]`. */
function workspaceBucketNames(prefix: string, accountId: string, region: string) {
  const base = `${prefix}-${accountId}-${region}`;
  return { bucket: base, logBucket: `${base}-logs`, trailBucket: `${base}-trail` } as const;
}

/** Workspace tags as CloudFormation accepts them: at most 50; keys 1–128 not `aws:`; values 1–256 characters. */
function validateTags(what: string, tags: Readonly<Record<string, string>>): void {
  const entries = Object.entries(tags);
  if (entries.length > 50) invalid(what, 'tags', 'at most 50 tags', `${entries.length} tags`);
  for (const [key, value] of entries) {
    if (key.length < 1 || key.length > 128 || key.toLowerCase().startsWith('aws:')) {
      invalid(what, 'tags', 'keys of 1-128 characters not starting with "aws:"', key);
    }
    if (!Token.isUnresolved(value) && (value.length < 1 || value.length > 256)) {
      invalid(what, `tags.${key}`, 'a value of 1-256 characters', value);
    }
  }
}

interface Resolved {
  readonly ctx: ArnContext;
  readonly prefix: string;
  readonly description: string;
  readonly deletionWindow: number;
  readonly retention: number;
  readonly names: WorkspaceNames;
}

/** Validates props and derives every name; throws on the first problem. */
function resolveProps(path: string, props: CompliantTwinMakerWorkspaceProps): Resolved {
  const what = `CompliantTwinMakerWorkspace ${path}`;
  const literal = (field: string, value: unknown): void => {
    if (typeof value === 'string' && Token.isUnresolved(value)) {
      invalid(what, field, 'a literal value (it is used in ARNs that must be known at plan time)', 'an unresolved token');
    }
  };
  for (const [field, value] of Object.entries({ workspaceId: props.workspaceId, accountId: props.accountId, region: props.region, namePrefix: props.namePrefix })) {
    literal(field, value);
  }
  const id = props.workspaceId;
  if (typeof id !== 'string' || id.length < 2 || id.length > 128 || !WORKSPACE_ID_PATTERN.test(id)) {
    invalid(what, 'workspaceId', '2-128 characters matching ^[A-Za-z0-9_][A-Za-z0-9_-]*[A-Za-z0-9]$', id);
  }
  if (!/^\d{12}$/.test(props.accountId)) invalid(what, 'accountId', 'a 12-digit account id', props.accountId);
  if (!/^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d$/.test(props.region)) invalid(what, 'region', 'an AWS region name', props.region);
  const description = props.description ?? `TwinMaker workspace ${id}`;
  if (!Token.isUnresolved(description) && description.length > 512) {
    invalid(what, 'description', 'at most 512 characters', `${description.length} characters`);
  }
  const deletionWindow = props.keyDeletionWindowDays ?? 30;
  if (!Number.isInteger(deletionWindow) || deletionWindow < 7 || deletionWindow > 30) {
    invalid(what, 'keyDeletionWindowDays', 'an integer from 7 to 30', deletionWindow);
  }
  const retention = props.logRetentionDays ?? 365;
  if (!Number.isInteger(retention) || retention < 1 || retention > 3650) {
    invalid(what, 'logRetentionDays', 'an integer from 1 to 3650', retention);
  }
  const prefix = props.namePrefix ?? id.toLowerCase().replace(/[_-]+/g, '-').replace(/^-|-$/g, '');
  if (!NAME_PREFIX_PATTERN.test(prefix)) {
    invalid(what, 'namePrefix', 'lowercase letters and digits, single hyphens between them (CloudTrail refuses "--" in the trail name)', prefix);
  }
  const buckets = workspaceBucketNames(prefix, props.accountId, props.region);
  for (const name of Object.values(buckets)) {
    if (!BUCKET_NAME_PATTERN.test(name)) invalid(what, 'bucket name', '3-63 lowercase letters, digits or hyphens (no dots); shorten namePrefix', name);
    if (reservedBucketAffix(name) !== undefined) invalid(what, 'bucket name', `no prefix or suffix S3 reserves (${S3_RESERVED}); change namePrefix`, name);
  }
  const roleName = `${prefix}-workspace-role`;
  if (roleName.length > 64) invalid(what, 'role name', 'at most 64 characters; shorten namePrefix', roleName);
  validateTags(what, props.tags ?? {});
  const trailWanted = props.cloudTrail ?? true;
  return {
    ctx: { partition: props.partition ?? partitionOf(props.region), region: props.region, accountId: props.accountId },
    prefix,
    description,
    deletionWindow,
    retention,
    names: {
      workspaceId: id,
      bucketName: buckets.bucket,
      logBucketName: buckets.logBucket,
      roleName,
      trail: trailWanted ? { trailName: `${prefix}-trail`, bucketName: buckets.trailBucket } : undefined,
    },
  };
}

/**
 * The prefix each workspace of an app has taken, by partition and account, with the workspace's path: two workspaces
 * with one prefix in one account name the same role (IAM names are the account's), and in one region the same buckets,
 * trail and key alias too, which fails only when the second is applied.
 */
const PREFIXES_TAKEN = new WeakMap<IConstruct, Map<string, string>>();

/** Takes the prefix in this app for the workspace at `path`; throws when another workspace of the app has it. */
function takePrefix(scope: IConstruct, path: string, ctx: ArnContext, prefix: string): void {
  const taken = PREFIXES_TAKEN.get(scope.node.root) ?? new Map<string, string>();
  PREFIXES_TAKEN.set(scope.node.root, taken);
  const key = `${ctx.partition}:${ctx.accountId}:${prefix}`;
  const other = taken.get(key);
  if (other !== undefined) {
    invalid(`CompliantTwinMakerWorkspace ${path}`, 'namePrefix', `a prefix of its own (the workspace ${other} in account ${ctx.accountId} has it: their role, and in one region their buckets, trail and key alias, would have the same names; set namePrefix on one of them)`, prefix);
  }
  taken.set(key, path);
}

/**
 * An AWS IoT TwinMaker workspace that meets AWS's data-protection guidance: a rotating customer-managed key, an
 * encrypted, versioned, private, TLS-only and access-logged workspace bucket, a least-privilege service role with
 * confused-deputy conditions, and (optionally) a multi-region CloudTrail trail with S3 data events.
 *
 * Every ARN and policy document is built from known names, account, region and partition, so a plan gate can verify
 * all of it before the first apply. The stack must hold an `aws` provider and an `awscc` provider.
 */
export class CompliantTwinMakerWorkspace extends Construct {
  /** The workspace (awscc_iottwinmaker_workspace). */
  public readonly workspace: IottwinmakerWorkspace;
  /** The workspace's ARN, built from known values. */
  public readonly workspaceArn: string;
  /** The customer-managed key for the workspace and trail buckets. */
  public readonly key: KmsKey;
  /** The key's alias (`alias/<prefix>`). */
  public readonly keyAlias: KmsAlias;
  /** The workspace bucket. */
  public readonly workspaceBucket: SecureBucket;
  /** The server access log bucket. */
  public readonly accessLogBucket: SecureBucket;
  /** The TwinMaker service role. */
  public readonly role: IamRole;
  /** The role's ARN, built from known values. */
  public readonly roleArn: string;
  /** The role's permissions policy. */
  public readonly rolePolicy: IamRolePolicy;
  /** The trail, when `cloudTrail` is on. */
  public readonly trail?: Cloudtrail;
  /** The trail's bucket, when `cloudTrail` is on. */
  public readonly trailBucket?: SecureBucket;

  public constructor(scope: Construct, id: string, props: CompliantTwinMakerWorkspaceProps) {
    super(scope, id);
    const r = resolveProps(this.node.path, props);
    const { ctx, names } = r;
    takePrefix(this, this.node.path, ctx, r.prefix);
    this.roleArn = roleArn(ctx, names.roleName);
    this.workspaceArn = workspaceArn(ctx, names.workspaceId);

    this.role = new IamRole(this, 'role', {
      name: names.roleName,
      description: `Service role of the TwinMaker workspace ${names.workspaceId}`,
      assumeRolePolicy: twinMakerTrustPolicy(ctx, names.workspaceId, props.trustPolicyConditions ?? true),
    });
    this.rolePolicy = new IamRolePolicy(this, 'role-policy', {
      name: 'workspace-bucket-access',
      role: this.role.name,
      policy: twinMakerRolePolicy(ctx, names.bucketName),
    });

    // The key policy names the role as a principal, so the role must exist first.
    this.key = new KmsKey(this, 'key', {
      description: `TwinMaker workspace ${names.workspaceId}: workspace and trail buckets`,
      enableKeyRotation: true,
      deletionWindowInDays: r.deletionWindow,
      policy: keyPolicy(ctx, names),
      dependsOn: [this.role],
    });
    this.keyAlias = new KmsAlias(this, 'key-alias', { name: `alias/${r.prefix}`, targetKeyId: this.key.keyId });

    const logSources = [names.bucketName, ...(names.trail ? [names.trail.bucketName] : [])];
    this.accessLogBucket = new SecureBucket(this, 'access-log-bucket', {
      arnContext: ctx,
      bucketName: names.logBucketName,
      // S3 server access logging supports SSE-S3 targets (design note, section 3): a documented exception to S3.17.
      encryption: 'SSE-S3',
      policyStatements: accessLogDeliveryStatements(ctx, names.logBucketName, logSources),
      retentionDays: r.retention,
    });
    this.workspaceBucket = new SecureBucket(this, 'workspace-bucket', {
      arnContext: ctx,
      bucketName: names.bucketName,
      encryption: { kmsKeyArn: this.key.arn },
      accessLogs: { targetBucket: this.accessLogBucket.bucket, prefix: 'workspace/' },
    });

    if (names.trail !== undefined) {
      this.trailBucket = new SecureBucket(this, 'trail-bucket', {
        arnContext: ctx,
        bucketName: names.trail.bucketName,
        encryption: { kmsKeyArn: this.key.arn },
        policyStatements: cloudTrailBucketStatements(ctx, names.trail.trailName, names.trail.bucketName),
        accessLogs: { targetBucket: this.accessLogBucket.bucket, prefix: 'trail/' },
        retentionDays: r.retention,
      });
      this.trail = new Cloudtrail(this, 'trail', {
        name: names.trail.trailName,
        s3BucketName: this.trailBucket.bucket.bucket,
        kmsKeyId: this.key.arn,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
        enableLogging: true,
        eventSelector: [
          {
            readWriteType: 'All',
            includeManagementEvents: true,
            dataResource: [{ type: 'AWS::S3::Object', values: [`${bucketArn(ctx, names.bucketName)}/`] }],
          },
        ],
        dependsOn: [this.trailBucket.policy],
      });
    }

    this.workspace = new IottwinmakerWorkspace(this, 'workspace', {
      workspaceId: names.workspaceId,
      role: this.roleArn,
      s3Location: this.workspaceBucket.bucketArn,
      description: r.description,
      tags: props.tags === undefined ? undefined : { ...props.tags },
      dependsOn: [this.role, this.rolePolicy, this.key, this.workspaceBucket.encryption, this.workspaceBucket.policy],
    });
  }
}
