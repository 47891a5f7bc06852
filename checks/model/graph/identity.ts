/**
 * Identifying values per resource type: the attributes whose known values name a resource
 * (a bucket's name, id and ARN; a key's id, key id and ARN…), and the other spellings a value may
 * take (an S3 ARN names the bucket, a KMS key ARN its key id). Matching by value uses only these:
 * never a resource's Terraform name.
 */
import type { Resource } from '../types';
import { addOne, allOf, type OneOrMany } from './one-or-many';

/** Attributes whose known values identify a resource of the type. */
export const IDENTITY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_s3_bucket: ['bucket', 'id', 'arn'],
  aws_kms_key: ['id', 'key_id', 'arn'],
  aws_kms_replica_external_key: ['id', 'key_id', 'arn'],
  aws_kms_alias: ['name', 'arn', 'id'],
  aws_kms_replica_key: ['id', 'key_id', 'arn'],
  aws_kms_external_key: ['id', 'arn'],
  aws_iam_role: ['name', 'arn', 'id'],
  aws_iam_policy: ['arn', 'id', 'name'],
  aws_iam_user: ['name', 'arn', 'id'],
  aws_sns_topic: ['arn', 'id', 'name'],
  aws_sqs_queue: ['arn', 'id', 'url', 'name'],
  aws_cloudwatch_log_group: ['name', 'arn', 'id'],
  aws_cloudtrail: ['name', 'arn', 'id'],
  aws_lambda_function: ['function_name', 'arn', 'id'],
  aws_dynamodb_table: ['name', 'arn', 'id'],
  aws_secretsmanager_secret: ['arn', 'id', 'name'],
  aws_db_instance: ['identifier', 'arn'],
  aws_rds_cluster: ['cluster_identifier', 'arn', 'id'],
  aws_rds_global_cluster: ['global_cluster_identifier', 'arn', 'id'],
  aws_docdb_cluster: ['cluster_identifier', 'arn', 'id'],
  aws_docdb_global_cluster: ['global_cluster_identifier', 'arn', 'id'],
  aws_neptune_cluster: ['cluster_identifier', 'arn', 'id'],
  aws_neptune_global_cluster: ['global_cluster_identifier', 'arn', 'id'],
  aws_redshift_parameter_group: ['name', 'id'],
  aws_db_parameter_group: ['name', 'id'],
  aws_rds_cluster_parameter_group: ['name', 'id'],
  aws_docdb_cluster_parameter_group: ['name', 'id'],
  aws_lb: ['arn', 'id', 'name'],
  aws_alb: ['arn', 'id', 'name'],
  aws_lb_listener: ['arn', 'id'],
  aws_alb_listener: ['arn', 'id'],
  aws_lb_target_group: ['arn', 'id', 'name'],
  aws_efs_file_system: ['id', 'arn'],
  aws_emr_security_configuration: ['name', 'id'],
  aws_glue_security_configuration: ['name', 'id'],
  aws_ebs_volume: ['id', 'arn'],
  aws_ebs_snapshot: ['id', 'arn'],
  aws_ebs_snapshot_copy: ['id', 'arn'],
  aws_ami: ['id', 'arn'],
  aws_ami_copy: ['id', 'arn'],
  awscc_iottwinmaker_workspace: ['workspace_id', 'arn', 'id'],
  awscc_s3_bucket: ['bucket_name', 'arn', 'id'],
  awscc_kms_key: ['key_id', 'arn', 'id'],
  awscc_iam_role: ['role_name', 'arn', 'id'],
  awscc_efs_file_system: ['file_system_id', 'arn', 'id'],
  awscc_rds_db_instance: ['db_instance_identifier', 'db_instance_arn', 'id'],
  awscc_rds_db_cluster: ['db_cluster_identifier', 'db_cluster_arn', 'id'],
  awscc_rds_global_cluster: ['global_cluster_identifier', 'id'],
  awscc_docdb_global_cluster: ['global_cluster_identifier', 'global_cluster_arn', 'id'],
  awscc_neptune_global_cluster: ['global_cluster_identifier', 'id'],
  awscc_rds_db_parameter_group: ['db_parameter_group_name', 'id'],
  awscc_rds_db_cluster_parameter_group: ['db_cluster_parameter_group_name', 'id'],
};

/** The attributes of a bucket that are its name, by type (its ARN is `arn`, or the S3 ARN prefix before its name). */
export const BUCKET_NAMES: Readonly<Record<string, readonly string[]>> = {
  aws_s3_bucket: ['id', 'bucket'],
  awscc_s3_bucket: ['id', 'bucket_name'],
  aws_s3_directory_bucket: ['id', 'bucket'],
};

/** Whether an attribute of a bucket type names the bucket: its name, id or ARN (not its region, domain name or a tag). */
export const namesBucket = (type: string, attribute: string): boolean => attribute === 'arn' || (BUCKET_NAMES[type]?.includes(attribute) ?? false);

/** Types that are looked up when a caller does not restrict the target types. */
export const IDENTIFIED_TYPES: readonly string[] = Object.keys(IDENTITY_ATTRIBUTES);

/** Other spellings of a value: the name inside an ARN. */
function valueForms(value: string): string[] {
  const forms = [value];
  const s3 = /^arn:[^:]+:s3:::([^/]+)\/?$/.exec(value);
  if (s3) forms.push(s3[1]);
  const kmsKey = /^arn:[^:]+:kms:[^:]*:[^:]*:key\/(.+)$/.exec(value);
  if (kmsKey) forms.push(kmsKey[1]);
  const kmsAlias = /^arn:[^:]+:kms:[^:]*:[^:]*:(alias\/.+)$/.exec(value);
  if (kmsAlias) forms.push(kmsAlias[1]);
  const iam = /^arn:[^:]+:iam::[^:]*:(?:role|user|policy)\/(?:.*\/)?([^/]+)$/.exec(value);
  if (iam) forms.push(iam[1]);
  return forms;
}

/** True for a KMS alias name or alias ARN, which names a key through an `aws_kms_alias`. */
export const isKmsAlias = (value: string): boolean => value.startsWith('alias/') || /^arn:[^:]+:kms:[^:]*:[^:]*:alias\//.test(value);

/** The known identifying values of a resource. */
function identityValues(resource: Resource): string[] {
  const out: string[] = [];
  for (const attr of IDENTITY_ATTRIBUTES[resource.type] ?? []) {
    const value = resource.attr(attr).string();
    if (value.kind === 'known' && value.value !== '') out.push(...valueForms(value.value));
  }
  return out;
}

/** A lazily built map, per type, from identifying value to the managed resources it names. */
export class IdentityIndex {
  /** By type, then value: the one resource with that value, or all of them (most values name one). */
  private readonly byType = new Map<string, Map<string, OneOrMany>>();

  constructor(private readonly resourcesOfType: (type: string) => readonly Resource[]) {}

  /** The distinct managed resources of `types` that a value names. */
  find(value: string, types: readonly string[]): Resource[] {
    const found = new Set<Resource>();
    // Once per lookup, not once per type: a lookup names up to 52 types (`IDENTIFIED_TYPES`).
    const forms = valueForms(value);
    for (const type of types) {
      const index = this.indexOf(type);
      for (const form of forms) for (const r of allOf(index.get(form))) found.add(r);
    }
    return [...found];
  }

  private indexOf(type: string): Map<string, OneOrMany> {
    let index = this.byType.get(type);
    if (index) return index;
    index = new Map();
    for (const r of this.resourcesOfType(type)) {
      for (const value of new Set(identityValues(r))) addOne(index, value, r);
    }
    this.byType.set(type, index);
    return index;
  }
}
