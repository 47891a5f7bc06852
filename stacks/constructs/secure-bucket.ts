import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { ArnContext, Statement, bucketArn, policyDocument, tlsOnlyStatements } from './policies';

/** Default encryption of a bucket: SSE-KMS with a customer key (plus an S3 Bucket Key), or SSE-S3. */
export type BucketEncryption = { readonly kmsKeyArn: string } | 'SSE-S3';

/** Properties of {@link SecureBucket}. */
export interface SecureBucketProps {
  /** Where ARNs point. */
  readonly arnContext: ArnContext;
  /** Bucket name (already validated: 3–63 characters, lowercase, no dots). */
  readonly bucketName: string;
  /** Default encryption. */
  readonly encryption: BucketEncryption;
  /** Statements added to the TLS-only bucket policy. Default: none. */
  readonly policyStatements?: readonly Statement[];
  /** Server access logging target. Default: no access logging (only for a log bucket itself). */
  readonly accessLogs?: { readonly targetBucket: S3Bucket; readonly prefix: string };
  /** Expire current objects after this many days. Default: keep forever. */
  readonly retentionDays?: number;
}

/**
 * An S3 bucket with its controls as separate resources, each linked to the bucket by reference (`bucket.bucket`):
 * default encryption with SSE-C blocked, versioning, the four public-access blocks, BucketOwnerEnforced ownership, a TLS-only bucket
 * policy, and optionally server access logging and a retention lifecycle.
 */
export class SecureBucket extends Construct {
  /** The bucket. */
  public readonly bucket: S3Bucket;
  /** The bucket's name (a literal, known at plan time). */
  public readonly bucketName: string;
  /** The bucket's ARN, built from its name (known at plan time). */
  public readonly bucketArn: string;
  /** The bucket policy resource. */
  public readonly policy: S3BucketPolicy;
  /** The default-encryption resource. */
  public readonly encryption: S3BucketServerSideEncryptionConfigurationA;

  public constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    this.bucketName = props.bucketName;
    this.bucketArn = bucketArn(props.arnContext, props.bucketName);
    this.bucket = new S3Bucket(this, 'bucket', { bucket: props.bucketName, forceDestroy: false });
    const bucket = this.bucket.bucket;

    // SSE-C blocked explicitly: S3 blocks it by default only on buckets created since April 2026, and a write with a
    // key of the writer's own would store an object the bucket's key never encrypts (S3 user guide, "Blocking or
    // unblocking SSE-C for a general purpose bucket"; AWS provider >= 6.22).
    const blockedEncryptionTypes = ['SSE-C'];
    this.encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket,
      rule: [
        props.encryption === 'SSE-S3'
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' }, blockedEncryptionTypes }
          : {
              applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.encryption.kmsKeyArn },
              bucketKeyEnabled: true,
              blockedEncryptionTypes,
            },
      ],
    });
    new S3BucketVersioningA(this, 'versioning', { bucket, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', { bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket,
      policy: policyDocument([...tlsOnlyStatements(this.bucketArn), ...(props.policyStatements ?? [])]),
    });
    if (props.accessLogs !== undefined) {
      new S3BucketLoggingA(this, 'access-logging', {
        bucket,
        targetBucket: props.accessLogs.targetBucket.bucket,
        targetPrefix: props.accessLogs.prefix,
      });
    }
    if (props.retentionDays !== undefined) {
      new S3BucketLifecycleConfiguration(this, 'retention', {
        bucket,
        rule: [
          {
            id: 'retention',
            status: 'Enabled',
            filter: [{ prefix: '' }],
            expiration: [{ days: props.retentionDays }],
            noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
            abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
          },
        ],
      });
    }
  }
}
