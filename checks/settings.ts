/**
 * The settings rules read: defaults here, overridden by the configuration file
 * (`twinguard.config.yaml`), validated by the CLI before any rule runs.
 */

export interface SensitivePattern {
  readonly name: string;
  /** A JavaScript regular expression source. */
  readonly pattern: string;
}

export interface Settings {
  /** Tags every taggable resource must carry through its effective tags. */
  readonly requiredTags: readonly string[];
  /** Allowed values per tag key. A key not listed takes any value. */
  readonly allowedTagValues: Readonly<Record<string, readonly string[]>>;
  /** SSE-KMS with a customer-managed key on every bucket, not only TwinMaker and CloudTrail buckets. */
  readonly requireKmsForAllBuckets: boolean;
  /** Which buckets need a policy that denies `s3:TlsVersion < 1.2`. */
  readonly requireTlsVersionPolicy: 'twinmaker-and-cloudtrail' | 'all' | 'none';
  /** Check that SNS topic and SQS queue policies deny insecure transport. */
  readonly requireTopicQueueTransportPolicy: boolean;
  /**
   * FIPS endpoints: required everywhere, or only for the environments named here (matched against
   * the `Environment` tag of the aws provider's default_tags and against the cdktf stack name suffix).
   */
  readonly fips: { readonly required: boolean; readonly environments: readonly string[] };
  /** Extra patterns of sensitive data, beyond the built-in ones. */
  readonly sensitivePatterns: readonly SensitivePattern[];
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  requiredTags: Object.freeze(['Environment', 'Owner', 'DataClassification']),
  allowedTagValues: Object.freeze({}),
  requireKmsForAllBuckets: false,
  requireTlsVersionPolicy: 'twinmaker-and-cloudtrail' as const,
  requireTopicQueueTransportPolicy: false,
  fips: Object.freeze({ required: false, environments: Object.freeze([]) }),
  sensitivePatterns: Object.freeze([]),
});
