import type { Graph, Resource } from '../../model/types';
import { awsDoc, securityHub } from '../support/references';
import { managedOnly, requireTrue, setting, type WhenAbsent } from '../support/verdict';
import { defineRule, notApplicable, pass, unknown, type Outcome } from '../types';

const FIX = 'Set `storage_encrypted = true` (with `kms_key_id` for a customer-managed key). Encryption cannot be turned on in place: it replaces the database.';

/**
 * What an unset `storage_encrypted` means: false for provisioned instances and clusters (provider
 * default), DocumentDB and Neptune. A plan shows the computed value as unknown instead.
 */
const ABSENT: WhenAbsent = 'fail';

/** Aurora Serverless v1 clusters are always encrypted. */
function alwaysEncrypted(resource: Resource): boolean {
  const mode = setting(resource, 'engine_mode').string();
  return (resource.type === 'aws_rds_cluster' || resource.type === 'awscc_rds_db_cluster') && mode.kind === 'known' && mode.value === 'serverless';
}

/** Whether the configuration sets the attribute or block (a value, or an expression known only after apply); `""` and `[]` are not set. */
function isSet(resource: Resource, attribute: string): boolean {
  const view = setting(resource, attribute);
  if (view.isUnknown) return true;
  const raw = view.raw;
  return raw !== undefined && raw !== null && raw !== '' && !(Array.isArray(raw) && raw.length === 0);
}

/**
 * The attributes and blocks that make a database a copy of another, whose encryption it inherits: a
 * restore from a snapshot or to a point in time, an awscc read replica. (A same-Region
 * `aws_db_instance` replica is `replicaSource`'s: its source can be followed.)
 */
const INHERITED_FROM: Readonly<Record<string, readonly string[]>> = {
  aws_db_instance: ['snapshot_identifier', 'restore_to_point_in_time'],
  aws_rds_cluster: ['snapshot_identifier', 'restore_to_point_in_time'],
  aws_docdb_cluster: ['snapshot_identifier'],
  aws_neptune_cluster: ['snapshot_identifier'],
  awscc_rds_db_instance: ['source_db_instance_identifier', 'source_db_cluster_identifier', 'db_snapshot_identifier'],
  awscc_rds_db_cluster: ['source_db_cluster_identifier', 'snapshot_identifier'],
};

/**
 * A database copied from another inherits its encryption from a source the gate cannot judge (a
 * snapshot, a point in time, an awscc replica's source): unknown unless it sets
 * `storage_encrypted = true` itself; undefined for a database that is not a copy.
 */
function inherited(resource: Resource): Outcome | undefined {
  const from = (INHERITED_FROM[resource.type] ?? []).find((attribute) => isSet(resource, attribute));
  if (from === undefined) return undefined;
  const explicit = setting(resource, 'storage_encrypted').bool();
  if (explicit.kind === 'known' && explicit.value) return pass();
  return unknown(`This database inherits its encryption from the source \`${from}\` names, which the gate cannot judge. Set \`storage_encrypted = true\` (a copy of an unencrypted source cannot be encrypted in place: copy the snapshot encrypted first).`, { path: from });
}

/** A same-Region read replica inherits encryption from its source: judge the source when the graph can find it. */
function replicaSource(graph: Graph, instance: Resource): Outcome | undefined {
  if (instance.type !== 'aws_db_instance') return undefined;
  const source = instance.attr('replicate_source_db');
  if (source.isAbsent && instance.references('replicate_source_db').length === 0) return undefined;
  const explicit = setting(instance, 'storage_encrypted').bool();
  if (explicit.kind === 'known' && explicit.value) return pass();
  const resolution = graph.resolve(instance, ['replicate_source_db'], ['aws_db_instance']);
  if (resolution.status === 'resources' && resolution.targets.length === 1) {
    const [target] = resolution.targets;
    const verdict = storageEncrypted(target);
    if (verdict.status !== 'fail' && verdict.status !== 'unknown') return pass();
    return { ...verdict, message: `This read replica inherits its encryption from ${target.address}: ${verdict.message}` };
  }
  return unknown(`This read replica inherits encryption from a source database the gate cannot see. Make sure the source sets \`storage_encrypted = true\`, or set it on a cross-Region replica.`, { path: 'replicate_source_db' });
}

function storageEncrypted(resource: Resource): Outcome {
  return requireTrue(setting(resource, 'storage_encrypted'), { what: '`storage_encrypted`', fix: FIX, absent: ABSENT, absentMeans: 'unencrypted storage' });
}

/** RDS instances and clusters (aws and awscc), DocumentDB and Neptune clusters encrypt their storage. */
export default defineRule({
  id: 'rds-storage-encrypted',
  title: 'RDS, Aurora, DocumentDB and Neptune storage is encrypted',
  category: 'encryption-at-rest',
  severity: 'high',
  rationale:
    'Storage encryption covers the database volumes, automated backups, read replicas and snapshots. It can only be chosen when the database is created, and the provider default is off for provisioned RDS instances and clusters, DocumentDB and Neptune.',
  remediation: FIX,
  references: [
    securityHub('RDS.3', 'RDS DB instances should have encryption at-rest enabled'),
    securityHub('RDS.27', 'RDS DB clusters should be encrypted at rest'),
    securityHub('DocumentDB.1', 'Amazon DocumentDB clusters should be encrypted at rest'),
    securityHub('Neptune.1', 'Neptune DB clusters should be encrypted at rest'),
    awsDoc('Encrypting Amazon RDS resources', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html'),
  ],
  appliesTo: Object.keys(INHERITED_FROM),
  evaluate: managedOnly((resource, { graph }) => {
    // An awscc instance of a cluster is encrypted as its cluster is: the cluster is judged.
    if (resource.type === 'awscc_rds_db_instance' && isSet(resource, 'db_cluster_identifier')) return notApplicable();
    const verdict = replicaSource(graph, resource) ?? inherited(resource) ?? storageEncrypted(resource);
    return verdict.status !== 'pass' && alwaysEncrypted(resource) ? pass() : verdict;
  }),
});
