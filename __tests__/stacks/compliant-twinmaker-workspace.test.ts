import { Token } from 'cdktf';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import {
  CompliantTwinMakerWorkspace,
  CompliantTwinMakerWorkspaceProps,
} from '../../stacks/constructs/compliant-twinmaker-workspace';
import { IottwinmakerWorkspace } from '../../stacks/providers/awscc/iottwinmaker-workspace';
import { DEFAULT_CONFIG } from '../../checks/config';
import { checkSynthesized } from '../../checks/synth/validation';
import {
  SynthDoc,
  addressOfOnly,
  bucketPolicyStatements,
  bucketRef,
  refOfOnly,
  resourceWhere,
  resourcesOf,
  satelliteOf,
  statement,
  synthWith,
} from './synth-helpers';

const BASE: CompliantTwinMakerWorkspaceProps = {
  workspaceId: 'plant_42',
  accountId: '123456789012',
  region: 'us-east-1',
  namePrefix: 'twinmaker-test',
  keyDeletionWindowDays: 10,
  logRetentionDays: 120,
  tags: { Team: 'platform' },
};
const BUCKET = 'twinmaker-test-123456789012-us-east-1';
const LOG_BUCKET = `${BUCKET}-logs`;
const TRAIL_BUCKET = `${BUCKET}-trail`;
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const ROLE_ARN = 'arn:aws:iam::123456789012:role/twinmaker-test-workspace-role';
const TRAIL_ARN = 'arn:aws:cloudtrail:us-east-1:123456789012:trail/twinmaker-test-trail';
const WORKSPACE_ARN = 'arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant_42';

function synthWorkspace(overrides: Partial<CompliantTwinMakerWorkspaceProps> = {}) {
  return synthWith((stack) => new CompliantTwinMakerWorkspace(stack, 'ws', { ...BASE, ...overrides }));
}

/** The address of the workspace bucket (the one named BUCKET). */
function addressOfOnlyBucket(doc: SynthDoc): string {
  const [id] = Object.entries(doc.resource.aws_s3_bucket).find(([, body]) => body.bucket === BUCKET) ?? [];
  return `aws_s3_bucket.${id}`;
}

function keyStatements(doc: SynthDoc): any[] {
  return JSON.parse(resourcesOf(doc, 'aws_kms_key')[0].policy).Statement;
}

let json: string;
let doc: SynthDoc;
beforeAll(() => {
  ({ json, doc } = synthWorkspace());
});

describe('customer-managed key', () => {
  test('rotates and has the configured deletion window', () => {
    expect(json).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 10 });
  });

  test('has an alias pointing at the key', () => {
    const alias = resourcesOf(doc, 'aws_kms_alias')[0];
    expect(alias.name).toBe('alias/twinmaker-test');
    expect(alias.target_key_id).toBe(refOfOnly(doc, 'aws_kms_key', 'key_id'));
  });

  test('lets the account administer it', () => {
    expect(statement(keyStatements(doc), 'AccountAdministersKey')).toMatchObject({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789012:root' },
      Action: 'kms:*',
    });
  });

  test('lets the TwinMaker role use it only via S3, for the workspace bucket', () => {
    const statements = keyStatements(doc);
    expect(statement(statements, 'TwinMakerRoleUsesKeyViaS3')).toMatchObject({
      Effect: 'Allow',
      Principal: { AWS: ROLE_ARN },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Condition: {
        StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:EncryptionContext:aws:s3:arn': BUCKET_ARN },
      },
    });
    expect(statement(statements, 'TwinMakerRoleOnlyViaS3')).toMatchObject({
      Effect: 'Deny',
      Principal: { AWS: ROLE_ARN },
      Action: 'kms:*',
      Condition: { StringNotEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
    });
  });

  test('lets CloudTrail encrypt only this account trail logs', () => {
    const encrypt = statement(keyStatements(doc), 'CloudTrailEncryptsThisAccountsTrails');
    expect(encrypt).toMatchObject({
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Condition: {
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:123456789012:trail/*' },
        StringEquals: { 'aws:SourceArn': TRAIL_ARN },
      },
    });
    // Without the condition, CloudTrail describes the key for any account's trail (a confused deputy).
    expect(statement(keyStatements(doc), 'CloudTrailDescribesKey')).toMatchObject({
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:DescribeKey',
      Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
    });
  });

  test('is created after the role its policy names', () => {
    expect(resourcesOf(doc, 'aws_kms_key')[0].depends_on).toContain(addressOfOnly(doc, 'aws_iam_role'));
  });
});

describe.each([
  ['workspace bucket', BUCKET],
  ['access-log bucket', LOG_BUCKET],
  ['trail bucket', TRAIL_BUCKET],
])('%s', (_label, name) => {
  test('has a name without dots, 3-63 characters', () => {
    expect(name).toMatch(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/);
    expect(bucketRef(doc, name)).toContain('aws_s3_bucket.');
  });

  test('is not deleted with its objects: force_destroy false (a destroy of a bucket holding data or logs fails)', () => {
    expect(resourceWhere(doc, 'aws_s3_bucket', 'bucket', name).force_destroy).toBe(false);
  });

  test('is versioned', () => {
    expect(satelliteOf(doc, 'aws_s3_bucket_versioning', name).versioning_configuration).toEqual({ status: 'Enabled' });
    expect(json).toHaveResourceWithProperties(S3BucketVersioningA, { bucket: bucketRef(doc, name) });
  });

  test('blocks all public access', () => {
    expect(json).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      bucket: bucketRef(doc, name),
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test('enforces bucket-owner ownership (no ACLs)', () => {
    expect(json).toHaveResourceWithProperties(S3BucketOwnershipControls, {
      bucket: bucketRef(doc, name),
      rule: { object_ownership: 'BucketOwnerEnforced' },
    });
  });

  test('denies requests without TLS and with TLS older than 1.2', () => {
    const statements = bucketPolicyStatements(doc, name);
    const arn = `arn:aws:s3:::${name}`;
    const common = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn, `${arn}/*`] };
    expect(statement(statements, 'DenyInsecureTransport')).toEqual({
      Sid: 'DenyInsecureTransport', ...common, Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    expect(statement(statements, 'DenyTlsOlderThan12')).toEqual({
      Sid: 'DenyTlsOlderThan12', ...common, Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } },
    });
  });

  test('has an explicit default encryption', () => {
    const rule = satelliteOf(doc, 'aws_s3_bucket_server_side_encryption_configuration', name).rule[0];
    expect(['aws:kms', 'AES256']).toContain(rule.apply_server_side_encryption_by_default.sse_algorithm);
  });

  test('refuses writes encrypted with a key the writer sends (SSE-C blocked, whenever the bucket was created)', () => {
    expect(satelliteOf(doc, 'aws_s3_bucket_server_side_encryption_configuration', name).rule[0].blocked_encryption_types).toEqual(['SSE-C']);
  });
});

describe.each([
  ['workspace bucket', BUCKET],
  ['trail bucket', TRAIL_BUCKET],
])('%s encryption and logging', (_label, name) => {
  test('uses SSE-KMS with the workspace key and a bucket key', () => {
    expect(satelliteOf(doc, 'aws_s3_bucket_server_side_encryption_configuration', name).rule).toEqual([
      {
        apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: refOfOnly(doc, 'aws_kms_key', 'arn') },
        bucket_key_enabled: true,
        blocked_encryption_types: ['SSE-C'],
      },
    ]);
  });

  test('sends server access logs to the access-log bucket', () => {
    expect(satelliteOf(doc, 'aws_s3_bucket_logging', name).target_bucket).toBe(bucketRef(doc, LOG_BUCKET));
  });
});

describe('access-log bucket', () => {
  test('is encrypted with SSE-S3 (log delivery target)', () => {
    expect(satelliteOf(doc, 'aws_s3_bucket_server_side_encryption_configuration', LOG_BUCKET).rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' }, blocked_encryption_types: ['SSE-C'] },
    ]);
  });

  test('accepts log delivery only from this account and its own buckets', () => {
    expect(statement(bucketPolicyStatements(doc, LOG_BUCKET), 'S3ServerAccessLogsDelivery')).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Condition: {
        ArnLike: { 'aws:SourceArn': [BUCKET_ARN, `arn:aws:s3:::${TRAIL_BUCKET}`] },
        StringEquals: { 'aws:SourceAccount': '123456789012' },
      },
    });
  });

  test.each([LOG_BUCKET, TRAIL_BUCKET])('keeps %s logs for the retention period', (name) => {
    expect(satelliteOf(doc, 'aws_s3_bucket_lifecycle_configuration', name).rule[0].expiration).toEqual([{ days: 120 }]);
  });
});

describe('TwinMaker role', () => {
  const role = () => resourcesOf(doc, 'aws_iam_role')[0];

  test('trusts only TwinMaker for this account and workspace', () => {
    expect(role().name).toBe('twinmaker-test-workspace-role');
    expect(JSON.parse(role().assume_role_policy).Statement).toEqual([
      {
        Sid: 'TwinMakerAssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'iottwinmaker.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': '123456789012' },
          ArnLike: { 'aws:SourceArn': WORKSPACE_ARN },
        },
      },
    ]);
  });

  test('trust conditions can be switched off', () => {
    const { doc: plain } = synthWorkspace({ trustPolicyConditions: false });
    const trust = JSON.parse(resourcesOf(plain, 'aws_iam_role')[0].assume_role_policy).Statement[0];
    expect(trust.Principal).toEqual({ Service: 'iottwinmaker.amazonaws.com' });
    expect(trust.Condition).toBeUndefined();
  });

  test('may only read and write the workspace bucket as AWS documents it', () => {
    const policy = resourcesOf(doc, 'aws_iam_role_policy')[0];
    expect(policy.role).toBe(refOfOnly(doc, 'aws_iam_role', 'name'));
    expect(JSON.parse(policy.policy).Statement).toEqual([
      {
        Sid: 'WorkspaceBucketReadWrite',
        Effect: 'Allow',
        Action: ['s3:GetBucket*', 's3:GetObject', 's3:ListBucket', 's3:PutObject'],
        Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`],
      },
      {
        Sid: 'WorkspaceBucketDeleteMarkerObjects',
        Effect: 'Allow',
        Action: 's3:DeleteObject',
        Resource: `${BUCKET_ARN}/DO_NOT_DELETE_WORKSPACE_*`,
      },
    ]);
  });
});

describe('CloudTrail', () => {
  test('is multi-region with global events, log validation, KMS and S3 data events for the workspace bucket', () => {
    expect(json).toHaveResourceWithProperties(Cloudtrail, {
      name: 'twinmaker-test-trail',
      s3_bucket_name: bucketRef(doc, TRAIL_BUCKET),
      kms_key_id: refOfOnly(doc, 'aws_kms_key', 'arn'),
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      event_selector: [
        {
          read_write_type: 'All',
          include_management_events: true,
          data_resource: [{ type: 'AWS::S3::Object', values: [`${BUCKET_ARN}/`] }],
        },
      ],
    });
  });

  test('is created after its bucket policy: CloudTrail refuses a bucket it may not yet write to', () => {
    const policy = Object.entries(doc.resource.aws_s3_bucket_policy).find(([, body]) => body.bucket === bucketRef(doc, TRAIL_BUCKET));
    expect(resourcesOf(doc, 'aws_cloudtrail')[0].depends_on).toEqual([`aws_s3_bucket_policy.${policy?.[0]}`]);
  });

  test('its bucket policy lets only this trail write', () => {
    const statements = bucketPolicyStatements(doc, TRAIL_BUCKET);
    expect(statement(statements, 'CloudTrailAclCheck')).toMatchObject({
      Action: 's3:GetBucketAcl',
      Resource: `arn:aws:s3:::${TRAIL_BUCKET}`,
      Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
    });
    expect(statement(statements, 'CloudTrailWrite')).toMatchObject({
      Action: 's3:PutObject',
      Resource: `arn:aws:s3:::${TRAIL_BUCKET}/AWSLogs/123456789012/*`,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': TRAIL_ARN } },
    });
  });

  test('can be left out (organization trail), with its bucket and key statements', () => {
    const { doc: noTrail } = synthWorkspace({ cloudTrail: false });
    expect(resourcesOf(noTrail, 'aws_cloudtrail')).toHaveLength(0);
    expect(resourcesOf(noTrail, 'aws_s3_bucket').map((b) => b.bucket).sort()).toEqual([BUCKET, LOG_BUCKET]);
    const sids = keyStatements(noTrail).map((s: any) => s.Sid);
    expect(sids).not.toContain('CloudTrailEncryptsThisAccountsTrails');
  });

  test('left out, nothing the gate can see records the workspace bucket\'s object-level events: unknown, not a pass', () => {
    const { json: noTrail } = synthWorkspace({ cloudTrail: false });
    const { report } = checkSynthesized(JSON.parse(noTrail), 'test', { config: DEFAULT_CONFIG });
    expect(report.findings.filter((f) => f.ruleId === 's3-bucket-object-level-logging').map((f) => [f.address, f.status])).toEqual([[addressOfOnlyBucket(JSON.parse(noTrail)), 'unknown']]);
    const { report: withTrail } = checkSynthesized(JSON.parse(json), 'test', { config: DEFAULT_CONFIG });
    expect(withTrail.findings.filter((f) => f.ruleId === 's3-bucket-object-level-logging')).toEqual([]);
  });
});

describe('workspace', () => {
  test('points at the role and bucket by known ARNs and waits for the role policy', () => {
    expect(json).toHaveResourceWithProperties(IottwinmakerWorkspace, {
      workspace_id: 'plant_42',
      role: ROLE_ARN,
      s3_location: BUCKET_ARN,
      description: 'TwinMaker workspace plant_42',
      tags: { Team: 'platform' },
    });
    const dependsOn: string[] = resourcesOf(doc, 'awscc_iottwinmaker_workspace')[0].depends_on;
    expect(dependsOn).toContain(addressOfOnly(doc, 'aws_iam_role_policy'));
  });
});

describe('verifiable at plan time', () => {
  test('every policy document and ARN argument is a constant (no references inside)', () => {
    const constants = [
      ...resourcesOf(doc, 'aws_s3_bucket_policy').map((r) => r.policy),
      ...resourcesOf(doc, 'aws_kms_key').map((r) => r.policy),
      ...resourcesOf(doc, 'aws_iam_role').map((r) => r.assume_role_policy),
      ...resourcesOf(doc, 'aws_iam_role_policy').map((r) => r.policy),
      ...resourcesOf(doc, 'awscc_iottwinmaker_workspace').flatMap((r) => [r.role, r.s3_location]),
    ];
    expect(constants.length).toBeGreaterThan(5);
    for (const value of constants) expect(value).not.toContain('${');
  });

  test('every bucket satellite refers to its bucket by reference', () => {
    for (const type of ['aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_versioning', 'aws_s3_bucket_public_access_block', 'aws_s3_bucket_ownership_controls', 'aws_s3_bucket_policy']) {
      for (const body of resourcesOf(doc, type)) expect(body.bucket).toMatch(/^\$\{aws_s3_bucket\.[^.]+\.bucket\}$/);
    }
  });

  test('uses the partition of the region in every ARN', () => {
    const { doc: gov } = synthWorkspace({ region: 'us-gov-west-1' });
    const role = resourcesOf(gov, 'aws_iam_role_policy')[0];
    expect(JSON.parse(role.policy).Statement[0].Resource[0]).toBe('arn:aws-us-gov:s3:::twinmaker-test-123456789012-us-gov-west-1');
    expect(resourceWhere(gov, 'awscc_iottwinmaker_workspace', 'workspace_id', 'plant_42').role).toMatch(/^arn:aws-us-gov:iam::/);
  });
});

describe('validation at construction', () => {
  const badProps: Array<[string, Partial<CompliantTwinMakerWorkspaceProps>]> = [
    ['workspaceId', { workspaceId: 'a' }],
    ['workspaceId', { workspaceId: '-starts-with-hyphen' }],
    ['workspaceId', { workspaceId: 'ends-with-hyphen-' }],
    ['workspaceId', { workspaceId: 'has space' }],
    ['workspaceId', { workspaceId: `x${'y'.repeat(128)}` }],
    ['workspaceId', { workspaceId: Token.asString({ Ref: 'x' }) }],
    ['description', { description: 'd'.repeat(513) }],
    ['accountId', { accountId: '1234' }],
    ['region', { region: 'mars-1' }],
    ['keyDeletionWindowDays', { keyDeletionWindowDays: 6 }],
    ['keyDeletionWindowDays', { keyDeletionWindowDays: 31 }],
    ['logRetentionDays', { logRetentionDays: 0 }],
    ['namePrefix', { namePrefix: 'Has.Dots' }],
    ['namePrefix', { namePrefix: 'plant--a' }],
    ['namePrefix', { namePrefix: 'xn--plant' }],
    ['bucket name', { namePrefix: 'sthree-plant' }],
    ['bucket name', { namePrefix: 'amzn-s3-demo-plant' }],
    ['bucket name', { namePrefix: 'p'.repeat(40) }],
    ['tags', { tags: { 'aws:owner': 'x' } }],
    ['tags.Team', { tags: { Team: '' } }],
  ];

  test.each(badProps)('rejects a bad %s with one "expected / got" line', (field, overrides) => {
    expect(() => synthWorkspace(overrides)).toThrow(new RegExp(`^CompliantTwinMakerWorkspace test/ws: ${field}: expected .+, got .+$`));
  });

  test.each([
    ['workspaceId', { workspaceId: 'jane.doe@example.com' }],
    ['namePrefix', { namePrefix: 'jane.doe@example.com' }],
    ['tags', { tags: { 'aws:jane.doe@example.com': 'x' } }],
    ['tags.<j***@e***.com>', { tags: { '<jane.doe@example.com>': '' } }],
    ['tags.Team', { tags: { Team: `jane.doe@example.com ${'x'.repeat(260)}` } }],
  ] as Array<[string, Partial<CompliantTwinMakerWorkspaceProps>]>)('shows an email address in a bad %s masked', (field, overrides) => {
    let message = '';
    try {
      synthWorkspace(overrides);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.startsWith(`CompliantTwinMakerWorkspace test/ws: ${field}: expected `)).toBe(true);
    expect(message).toContain('j***@e***.com');
    expect(message).not.toContain('jane');
  });

  test.each(['Plant__A', 'plant_-a', '_plant--a_1'])('derives from workspace id %s a prefix with single hyphens, as CloudTrail and S3 take it', (workspaceId) => {
    const { doc: derived } = synthWorkspace({ workspaceId, namePrefix: undefined });
    const prefix = workspaceId === '_plant--a_1' ? 'plant-a-1' : 'plant-a';
    expect(resourcesOf(derived, 'aws_cloudtrail')[0].name).toBe(`${prefix}-trail`);
    expect(resourcesOf(derived, 'aws_s3_bucket').map((b) => b.bucket).sort()).toEqual([`${prefix}-123456789012-us-east-1`, `${prefix}-123456789012-us-east-1-logs`, `${prefix}-123456789012-us-east-1-trail`]);
  });

  test('refuses a second workspace in the app with the same prefix in the same account, naming the first', () => {
    expect(() =>
      synthWith((stack) => {
        new CompliantTwinMakerWorkspace(stack, 'a', { ...BASE, workspaceId: 'Plant__A', namePrefix: undefined });
        new CompliantTwinMakerWorkspace(stack, 'b', { ...BASE, workspaceId: 'plant_-a', namePrefix: undefined });
      }),
    ).toThrow(/^CompliantTwinMakerWorkspace test\/b: namePrefix: expected a prefix of its own \(the workspace test\/a in account 123456789012 has it: .*\), got "plant-a"$/);
  });

  test('takes the same prefix in another account, and two prefixes in one', () => {
    expect(() =>
      synthWith((stack) => {
        new CompliantTwinMakerWorkspace(stack, 'a', { ...BASE, workspaceId: 'Plant__A', namePrefix: undefined });
        new CompliantTwinMakerWorkspace(stack, 'b', { ...BASE, workspaceId: 'plant_-a', namePrefix: undefined, accountId: '210987654321' });
        new CompliantTwinMakerWorkspace(stack, 'c', { ...BASE, workspaceId: 'plant_-a', namePrefix: 'plant-b' });
      }),
    ).not.toThrow();
  });

  test('accepts the boundaries: 2 and 128 characters, 512-character description, 7 and 30 days', () => {
    expect(() => synthWorkspace({ workspaceId: 'ab', description: 'd'.repeat(512), keyDeletionWindowDays: 7 })).not.toThrow();
    expect(() => synthWorkspace({ workspaceId: `a${'b'.repeat(127)}`, keyDeletionWindowDays: 30 })).not.toThrow();
  });
});
