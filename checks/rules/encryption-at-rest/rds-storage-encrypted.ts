import type { Graph, Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import { awsDoc, configRule, securityHub } from '../support/references';
import { keyOwner } from '../support/kms';
import { soleTarget } from '../support/links';
import { managedOnly, nested, requireTrue, setting, type WhenAbsent } from '../support/verdict';
import { defineRule, fail, isFinding, notApplicable, pass, unknown, type Outcome } from '../types';

const FIX = 'Set `storage_encrypted = true` (with `kms_key_id` for a customer-managed key). Encryption cannot be turned on in place: it replaces the database.';

/**
 * What an unset `storage_encrypted` means: false for instances, Multi-AZ DB clusters (provider
 * default), DocumentDB and Neptune. A plan shows the computed value as unknown instead. An Aurora
 * cluster AWS creates is encrypted whatever it says (`auroraEncrypted`).
 */
const ABSENT: WhenAbsent = 'fail';

/** Aurora Serverless v1 clusters are always encrypted. */
function alwaysEncrypted(resource: Resource): boolean {
  const mode = setting(resource, 'engine_mode').string();
  return (resource.type === 'aws_rds_cluster' || resource.type === 'awscc_rds_db_cluster') && mode.kind === 'known' && mode.value === 'serverless';
}

/**
 * An Aurora cluster (`aurora`, `aurora-mysql`, `aurora-postgresql`), by an engine the input
 * knows; not a Multi-AZ DB cluster (`mysql`, `postgres`), which `aws_rds_cluster` also creates.
 */
function isAurora(resource: Resource): boolean {
  return RDS_CLUSTERS.includes(resource.type) && auroraEngine(setting(resource, 'engine'));
}

/** Whether an `engine` is known and Aurora's (`aurora`, `aurora-mysql`, `aurora-postgresql`). */
function auroraEngine(view: ValueView): boolean {
  const engine = view.string();
  return engine.kind === 'known' && engine.value.startsWith('aurora');
}

/**
 * Aurora encrypts every cluster created on or after 18 February 2026, by default with an
 * AWS-owned key (`StorageEncryptionType` `sse-rds`), whatever `StorageEncrypted` says: the
 * Aurora User Guide lists that key, an AWS managed key and a customer managed key as the
 * choices for a new cluster, and no unencrypted one. Such a cluster still reports
 * `StorageEncrypted` false, so the `storage_encrypted = false` a plan reads back from an
 * existing cluster does not tell an unencrypted cluster from one created since then.
 */
const AURORA_DEFAULT =
  'Aurora encrypts a cluster it creates (since 18 February 2026, with an AWS-owned key when `storage_encrypted` is not true), but this cluster already exists and reports `storage_encrypted = false`, which a cluster encrypted with the AWS-owned key reports too: one created before that date is unencrypted, and the plan does not show which (AWS reports it as `StorageEncryptionType`: `none` or `sse-rds`).';

/**
 * A new Aurora cluster is encrypted whatever `storage_encrypted` says; an existing one with it false
 * may be either. Not a cluster joining a global database (`global_cluster_identifier`), which is
 * judged here only as the source its global database takes its setting from (`member`): the
 * default is documented for a cluster, not for a global database, so `storage_encrypted` is judged
 * as written. (A read replica cluster is a copy, judged by its source before this.)
 */
function auroraEncrypted(resource: Resource): Outcome {
  const verdict = storageEncrypted(resource);
  if (verdict.status === 'pass') return verdict;
  if (resource.actions.includes('create')) return isSet(resource, 'global_cluster_identifier') ? verdict : pass();
  return verdict.status === 'fail' ? unknown(`${AURORA_DEFAULT} ${FIX}`, { path: 'storage_encrypted' }) : verdict;
}

/** Whether the configuration sets the attribute or block (a value, or an expression known only after apply); `""` and `[]` are not set. */
function isSet(resource: Resource, ...path: string[]): boolean {
  const view = setting(resource, ...path);
  if (view.isUnknown) return true;
  const raw = view.raw;
  return raw !== undefined && raw !== null && raw !== '' && !(Array.isArray(raw) && raw.length === 0);
}

const INSTANCES = ['aws_db_instance', 'awscc_rds_db_instance'];
const RDS_CLUSTERS = ['aws_rds_cluster', 'awscc_rds_db_cluster'];
const NEPTUNE_CLUSTERS = ['aws_neptune_cluster', 'awscc_neptune_db_cluster'];

/**
 * The global databases of each engine: `globals` the types that are one, `members` the clusters
 * that join one (`global_cluster_identifier`, awscc's Neptune cluster's too: awscc 1.98.0 documents
 * it, "the ID of the Neptune global database to which this new DB cluster should be added"),
 * `sources` the clusters one is created from (`source_db_cluster_identifier`), `noun` what AWS calls
 * one (DocumentDB a global cluster, Aurora and Neptune a global database). The awscc provider has
 * no DocumentDB cluster.
 */
interface GlobalKind {
  readonly globals: readonly string[];
  readonly members: readonly string[];
  readonly sources: readonly string[];
  readonly noun: GlobalNoun;
}

type GlobalNoun = 'global database' | 'global cluster';

const GLOBAL_KINDS: readonly GlobalKind[] = [
  { globals: ['aws_rds_global_cluster', 'awscc_rds_global_cluster'], members: RDS_CLUSTERS, sources: RDS_CLUSTERS, noun: 'global database' },
  { globals: ['aws_docdb_global_cluster', 'awscc_docdb_global_cluster'], members: ['aws_docdb_cluster'], sources: ['aws_docdb_cluster'], noun: 'global cluster' },
  { globals: ['aws_neptune_global_cluster', 'awscc_neptune_global_cluster'], members: NEPTUNE_CLUSTERS, sources: NEPTUNE_CLUSTERS, noun: 'global database' },
];
const GLOBAL_CLUSTERS = GLOBAL_KINDS.flatMap((kind) => kind.globals);

/** What AWS calls a global database of `type`'s engine (`type` one of GLOBAL_CLUSTERS). */
const nounOf = (type: string): GlobalNoun => GLOBAL_KINDS.find((kind) => kind.globals.includes(type))?.noun ?? 'global database';

const globalFix = (noun: GlobalNoun): string =>
  `Set \`storage_encrypted = true\` on the ${noun}, or create it from an encrypted cluster (\`source_db_cluster_identifier\`). Its encryption cannot be turned on in place: it replaces the ${noun}.`;

/** A global database's own setting (CreateGlobalCluster `StorageEncrypted`; unset is false, the API's and the provider's default). */
function globalEncrypted(resource: Resource): Outcome {
  const noun = nounOf(resource.type);
  return requireTrue(setting(resource, 'storage_encrypted'), { what: '`storage_encrypted`', fix: globalFix(noun), absent: ABSENT, absentMeans: `an unencrypted ${noun}` });
}

const oneSetting = (noun: GlobalNoun): string => `a ${noun} holds one encryption setting, which every cluster in it shares whatever the cluster's own \`storage_encrypted\` says`;

/**
 * An Aurora, DocumentDB or Neptune cluster in a global database (DocumentDB's global cluster;
 * `global_cluster_identifier`) is encrypted as the global database is: its verdict when the input
 * holds it, else unknown. Undefined for a cluster in none, and for the cluster the global database
 * was created from (`source_db_cluster_identifier`) when reached from it (`seen`): the global
 * database takes that cluster's own setting.
 */
function member(graph: Graph, resource: Resource, seen: ReadonlySet<Resource>): Outcome | undefined {
  const kind = GLOBAL_KINDS.find((candidate) => candidate.members.includes(resource.type));
  if (kind === undefined || !isSet(resource, 'global_cluster_identifier')) return undefined;
  const path = 'global_cluster_identifier';
  const global = soleTarget(graph.resolve(resource, [path], kind.globals));
  if (global === undefined) {
    return unknown(`This cluster joins the ${kind.noun} \`${path}\` names, which the gate cannot judge (it is not in the input): ${oneSetting(kind.noun)}. Make sure the ${kind.noun} is encrypted.`, { path });
  }
  if (seen.has(global)) return undefined;
  return takenFrom(global, judge(graph, global, seen), `This cluster is in the ${kind.noun} ${global.address} (\`${path}\`): ${oneSetting(kind.noun)}.`, path);
}

/**
 * The outcome of a database whose encryption is `from`'s, judged `verdict`: a pass, else `said` with
 * `from`'s own message after it (and `after`), failing or unknown as `from` does.
 */
function takenFrom(from: Resource, verdict: Outcome, said: string, path: string, after = ''): Outcome {
  if (verdict.status === 'pass') return pass();
  const told = isFinding(verdict) ? ` ${from.address}: ${verdict.message}` : '';
  const message = `${said}${told}${after}`;
  return verdict.status === 'fail' ? fail(message, { path }) : unknown(message, { path });
}

/**
 * How a database becomes a copy of another: `from` is the attribute or block that makes it one,
 * `sources` where it names its source, `types` what that source may be in the input (a database,
 * or a snapshot that `SNAPSHOT_OF` follows to its database).
 */
interface CopyKind {
  readonly from: string;
  readonly what: 'read replica' | 'restore' | GlobalNoun;
  readonly sources: readonly (readonly string[])[];
  readonly types: readonly string[];
}

const DB_SNAPSHOTS = ['aws_db_snapshot', 'aws_db_snapshot_copy'];
const CLUSTER_SNAPSHOTS = ['aws_db_cluster_snapshot', 'aws_rds_cluster_snapshot_copy'];
/** An Aurora cluster restores from a cluster snapshot or an RDS instance's (a migration). */
const SNAPSHOTS = [...DB_SNAPSHOTS, ...CLUSTER_SNAPSHOTS];

/**
 * The copies per type. AWS ignores a copy's own `storage_encrypted`: the provider sends it only
 * when it creates a database or imports one from S3, and a replica or a restore takes its
 * source's encryption (a replica of an unencrypted database cannot be encrypted, even with a
 * `kms_key_id`). CloudFormation says the same of the awscc attributes.
 */
const COPY_OF: Readonly<Record<string, readonly CopyKind[]>> = {
  aws_db_instance: [
    { from: 'replicate_source_db', what: 'read replica', sources: [['replicate_source_db']], types: INSTANCES },
    { from: 'snapshot_identifier', what: 'restore', sources: [['snapshot_identifier']], types: DB_SNAPSHOTS },
    {
      from: 'restore_to_point_in_time',
      what: 'restore',
      sources: [['restore_to_point_in_time', 'source_db_instance_identifier'], ['restore_to_point_in_time', 'source_dbi_resource_id']],
      types: INSTANCES,
    },
  ],
  aws_rds_cluster: [
    // An Aurora replica cluster (also across Regions) is encrypted as its source is: "You can't create an encrypted
    // Aurora Replica from an unencrypted Aurora DB cluster", nor the reverse (Aurora User Guide, encryption limitations).
    { from: 'replication_source_identifier', what: 'read replica', sources: [['replication_source_identifier']], types: RDS_CLUSTERS },
    { from: 'snapshot_identifier', what: 'restore', sources: [['snapshot_identifier']], types: SNAPSHOTS },
    { from: 'restore_to_point_in_time', what: 'restore', sources: [['restore_to_point_in_time', 'source_cluster_identifier']], types: RDS_CLUSTERS },
  ],
  aws_docdb_cluster: [
    { from: 'snapshot_identifier', what: 'restore', sources: [['snapshot_identifier']], types: ['aws_docdb_cluster_snapshot'] },
    { from: 'restore_to_point_in_time', what: 'restore', sources: [['restore_to_point_in_time', 'source_cluster_identifier']], types: ['aws_docdb_cluster'] },
  ],
  aws_neptune_cluster: [{ from: 'snapshot_identifier', what: 'restore', sources: [['snapshot_identifier']], types: ['aws_neptune_cluster_snapshot'] }],
  awscc_neptune_db_cluster: [
    { from: 'source_db_cluster_identifier', what: 'restore', sources: [['source_db_cluster_identifier']], types: NEPTUNE_CLUSTERS },
    { from: 'snapshot_identifier', what: 'restore', sources: [['snapshot_identifier']], types: ['aws_neptune_cluster_snapshot'] },
  ],
  awscc_rds_db_instance: [
    { from: 'source_db_instance_identifier', what: 'read replica', sources: [['source_db_instance_identifier']], types: INSTANCES },
    { from: 'source_dbi_resource_id', what: 'read replica', sources: [['source_dbi_resource_id']], types: INSTANCES },
    { from: 'source_db_cluster_identifier', what: 'read replica', sources: [['source_db_cluster_identifier']], types: RDS_CLUSTERS },
    { from: 'db_snapshot_identifier', what: 'restore', sources: [['db_snapshot_identifier']], types: DB_SNAPSHOTS },
  ],
  // "Amazon Aurora uses the setting from the source DB cluster" (CreateGlobalCluster `StorageEncrypted`); DocumentDB
  // "uses the values from the specified source DB cluster" (AWS::DocDB::GlobalCluster); Neptune's provider default is
  // "false unless source_db_cluster_identifier is specified and encrypted".
  ...Object.fromEntries(
    GLOBAL_KINDS.flatMap((kind) =>
      kind.globals.map((type) => [type, [{ from: 'source_db_cluster_identifier', what: kind.noun, sources: [['source_db_cluster_identifier']], types: kind.sources }]]),
    ),
  ),
  awscc_rds_db_cluster: [
    { from: 'replication_source_identifier', what: 'read replica', sources: [['replication_source_identifier']], types: RDS_CLUSTERS },
    { from: 'source_db_cluster_identifier', what: 'restore', sources: [['source_db_cluster_identifier']], types: RDS_CLUSTERS },
    { from: 'snapshot_identifier', what: 'restore', sources: [['snapshot_identifier']], types: SNAPSHOTS },
  ],
};

/**
 * A snapshot of the input, followed to the database it was taken of; a snapshot copy to the
 * snapshot it copies, unless a KMS key encrypts it (`KEY_ENCRYPTS`).
 */
const SNAPSHOT_OF: Readonly<Record<string, { readonly attribute: string; readonly types: readonly string[] }>> = {
  aws_db_snapshot: { attribute: 'db_instance_identifier', types: INSTANCES },
  aws_db_snapshot_copy: { attribute: 'source_db_snapshot_identifier', types: DB_SNAPSHOTS },
  aws_db_cluster_snapshot: { attribute: 'db_cluster_identifier', types: RDS_CLUSTERS },
  aws_rds_cluster_snapshot_copy: { attribute: 'source_db_cluster_snapshot_identifier', types: CLUSTER_SNAPSHOTS },
  aws_docdb_cluster_snapshot: { attribute: 'db_cluster_identifier', types: ['aws_docdb_cluster'] },
  aws_neptune_cluster_snapshot: { attribute: 'db_cluster_identifier', types: NEPTUNE_CLUSTERS },
};

/**
 * What a KMS key encrypts whatever its source is, by the attribute that holds the key: a restored
 * Aurora, DocumentDB or Neptune cluster (from a snapshot or to a point in time, `keyDocumented`; the
 * provider sends the key with the restore, Neptune's `kms_key_arn` since AWS provider 5.17,
 * terraform-provider-aws#33413),
 * and a copy of an instance's snapshot (CopyDBSnapshot: a key given for an unencrypted snapshot
 * encrypts the copy). Not instances: neither restore nor replica takes a key that encrypts an
 * unencrypted source. Not a cluster snapshot's copy: CopyDBClusterSnapshot refuses a key for an
 * unencrypted snapshot, so the copy is encrypted as its source is. Not the awscc clusters: what
 * CloudFormation sends with a restore is not documented.
 */
const KEY_ENCRYPTS: Readonly<Record<string, string>> = {
  aws_rds_cluster: 'kms_key_id',
  aws_docdb_cluster: 'kms_key_id',
  aws_neptune_cluster: 'kms_key_arn',
  aws_db_snapshot_copy: 'kms_key_id',
};

/**
 * The key attribute of an awscc cluster a restore does not credit, and why: CloudFormation's
 * AWS::Neptune::DBCluster page says a cluster restored from a snapshot inherits its encryption
 * ("The value is inherited from the snapshot, and the specified KmsKeyId property from the snapshot
 * is used"), and not what it sends with `storage_encrypted = true`.
 */
const RESTORE_KEY_NOT_COUNTED: Readonly<Record<string, string>> = {
  awscc_neptune_db_cluster: 'kms_key_id',
};

/** What a message says of a restore's key that is not counted (`RESTORE_KEY_NOT_COUNTED`), if it sets one. */
function keyNotCounted(resource: Resource): string {
  const attribute = RESTORE_KEY_NOT_COUNTED[resource.type];
  if (attribute === undefined || !isSet(resource, attribute)) return '';
  return ` Its \`${attribute}\` is not counted: CloudFormation documents that a cluster restored from a snapshot inherits the snapshot's encryption and key, and not what it does with \`storage_encrypted = true\` beside a key (\`aws_neptune_cluster\` with \`kms_key_arn\` encrypts a restore with its key).`;
}

/**
 * The one database of the input `path` of `resource` leads to, through snapshots and snapshot
 * copies of the input, or the copy a KMS key encrypts; undefined when it leads elsewhere or to several.
 */
function sourceAt(graph: Graph, resource: Resource, path: readonly string[], types: readonly string[]): Resource | undefined {
  const target = soleTarget(graph.resolve(resource, nested(resource.values, ...path).path, types));
  if (target === undefined) return undefined;
  const snapshot = SNAPSHOT_OF[target.type];
  return snapshot && !keyEncrypts(graph, target) ? sourceAt(graph, target, [snapshot.attribute], snapshot.types) : target;
}

/**
 * A restore from a snapshot that a key is documented to encrypt whatever the snapshot: Aurora's
 * ("you can restore an unencrypted snapshot to an encrypted Aurora DB cluster … specify a KMS
 * key", Aurora User Guide), DocumentDB's and Neptune's user guides say the same. The RDS API
 * describes `KmsKeyId` only as the key to restore an encrypted cluster with, and nothing says it
 * for a Multi-AZ DB cluster: its key is not credited. A point-in-time restore needs no such
 * statement: AWS refuses one with a key from an unencrypted cluster, so no unencrypted cluster results.
 */
function keyDocumented(resource: Resource): boolean {
  // A replica takes its source's encryption: a key encrypts none of an unencrypted source.
  if (resource.type === 'aws_rds_cluster' && isSet(resource, 'replication_source_identifier')) return false;
  return resource.type !== 'aws_rds_cluster' || !isSet(resource, 'snapshot_identifier') || isAurora(resource);
}

/** Whether a restored cluster or a snapshot copy sets a KMS key (a key of the input, or a literal other than `""`), which encrypts it. */
function keyEncrypts(graph: Graph, resource: Resource): boolean {
  const attribute = KEY_ENCRYPTS[resource.type];
  if (attribute === undefined || setting(resource, attribute).isAbsent || !keyDocumented(resource)) return false;
  const key = keyOwner(graph, resource, [attribute]);
  return key.owner === 'customer' || (key.owner === 'aws' && !key.empty);
}

/**
 * A database copied from another takes its encryption from its source, whatever its own
 * `storage_encrypted` says: the source's verdict when the input holds it, else unknown. A
 * restored RDS or DocumentDB cluster with a `kms_key_id` is encrypted by that key. Undefined for
 * a database that is not a copy.
 */
function copied(graph: Graph, resource: Resource, seen: ReadonlySet<Resource>): Outcome | undefined {
  const copy = (COPY_OF[resource.type] ?? []).find((kind) => isSet(resource, kind.from));
  if (copy === undefined) return undefined;
  if (keyEncrypts(graph, resource)) return pass();
  const keyAttribute = KEY_ENCRYPTS[resource.type];
  const orKey =
    keyAttribute === undefined || !keyDocumented(resource)
      ? ''
      : copy.from === 'restore_to_point_in_time'
        ? ` Or set \`${keyAttribute}\`: AWS then encrypts the restored cluster with that key, or refuses the restore of an unencrypted source.`
        : ` Or set \`${keyAttribute}\`: the restored cluster is then encrypted with that key, whatever its source.`;
  const global = GLOBAL_CLUSTERS.includes(resource.type);
  const ignored = global
    ? `AWS takes the source cluster's setting, and a ${copy.what} created from one cannot set its own \`storage_encrypted\``
    : `AWS ignores a ${copy.what}'s own \`storage_encrypted\``;
  const path = copy.from;
  for (const sourcePath of copy.sources) {
    if (!isSet(resource, ...sourcePath)) continue;
    const source = sourceAt(graph, resource, sourcePath, copy.types);
    if (source === undefined || seen.has(source)) continue;
    if (keyEncrypts(graph, source)) return pass();
    return takenFrom(source, judge(graph, source, new Set([...seen, resource])), `This ${copy.what} takes its encryption from ${source.address} (\`${copy.from}\`); ${ignored}.`, path, `${orKey}${keyNotCounted(resource)}`);
  }
  const fix = global
    ? 'Make sure the source cluster is encrypted.'
    : copy.what === 'read replica'
      ? 'Make sure the source is encrypted: a replica of an unencrypted database cannot be encrypted (restore an encrypted copy of its snapshot instead).'
      : INSTANCES.includes(resource.type)
        ? 'Restore from an encrypted source (copy an unencrypted snapshot with a KMS key first: `aws_db_snapshot_copy` with `kms_key_id`).'
        : 'Restore from an encrypted source (a copy of an unencrypted cluster snapshot cannot be encrypted: AWS refuses its KMS key).';
  return unknown(`This ${copy.what} takes its encryption from the source \`${copy.from}\` names, which the gate cannot judge; ${ignored}. ${fix}${orKey}${keyNotCounted(resource)}`, { path });
}

/** The verdict on a database or global database; `seen` holds the copies and global databases that led to it. */
function judge(graph: Graph, resource: Resource, seen: ReadonlySet<Resource> = new Set()): Outcome {
  // An awscc instance of a cluster is encrypted as its cluster is: the cluster is judged.
  if (resource.type === 'awscc_rds_db_instance' && isSet(resource, 'db_cluster_identifier')) return notApplicable();
  const own = GLOBAL_CLUSTERS.includes(resource.type) ? globalEncrypted : isAurora(resource) ? auroraEncrypted : storageEncrypted;
  const verdict = member(graph, resource, seen) ?? copied(graph, resource, seen) ?? own(resource);
  return verdict.status !== 'pass' && alwaysEncrypted(resource) ? pass() : verdict;
}

/**
 * The attribute in which a snapshot reports its encryption. The provider computes it: known in a
 * plan for a snapshot that exists (read back from AWS), known only after apply for a new one.
 */
const SNAPSHOT_ENCRYPTED: Readonly<Record<string, string>> = {
  aws_db_snapshot: 'encrypted',
  aws_db_snapshot_copy: 'encrypted',
  aws_db_cluster_snapshot: 'storage_encrypted',
  aws_rds_cluster_snapshot_copy: 'storage_encrypted',
  aws_docdb_cluster_snapshot: 'storage_encrypted',
  aws_neptune_cluster_snapshot: 'storage_encrypted',
};

const SNAPSHOT_FIX =
  'A snapshot is encrypted as the database it is taken of: encrypt the database (see its finding), or copy the snapshot with a KMS key (`aws_db_snapshot_copy` with `kms_key_id`; a cluster snapshot cannot be encrypted by copying) and delete the unencrypted one.';

/** A cluster snapshot (or its copy) that reports an Aurora engine, as an existing one does. */
function isAuroraSnapshot(snapshot: Resource): boolean {
  return (snapshot.type === 'aws_db_cluster_snapshot' || snapshot.type === 'aws_rds_cluster_snapshot_copy') && auroraEngine(snapshot.attr('engine'));
}

/**
 * A snapshot (Security Hub RDS.4, Neptune.6): what AWS reports when the plan knows it; a copy a KMS
 * key encrypts (`KEY_ENCRYPTS`); else the verdict on the database of the input it was taken of,
 * through any copies, as a restore from it is judged; else unknown, as the value is known only
 * after apply.
 */
function snapshotEncrypted(graph: Graph, snapshot: Resource): Outcome {
  const attribute = SNAPSHOT_ENCRYPTED[snapshot.type];
  const reported = snapshot.attr(attribute).bool();
  if (reported.kind === 'known' && !reported.value && isAuroraSnapshot(snapshot)) {
    return unknown(`This snapshot of an Aurora cluster reports \`${attribute} = false\`, which a snapshot of a cluster Aurora encrypts by default (since 18 February 2026, with an AWS-owned key) reports too: the plan does not show whether it is encrypted. ${SNAPSHOT_FIX}`, { path: attribute });
  }
  if (reported.kind === 'known') return reported.value ? pass() : fail(`This snapshot is unencrypted (\`${attribute} = false\`). ${SNAPSHOT_FIX}`, { path: attribute });
  if (keyEncrypts(graph, snapshot)) return pass();
  const of = SNAPSHOT_OF[snapshot.type];
  const source = sourceAt(graph, snapshot, [of.attribute], of.types);
  if (source !== undefined && keyEncrypts(graph, source)) return pass();
  const verdict = source === undefined ? undefined : judge(graph, source);
  if (verdict?.status === 'pass') return pass();
  if (source !== undefined && verdict !== undefined && isFinding(verdict)) {
    const message = `This snapshot is encrypted as ${source.address} is (\`${of.attribute}\`). ${source.address}: ${verdict.message}`;
    return verdict.status === 'fail' ? fail(message, { path: of.attribute }) : unknown(message, { path: of.attribute });
  }
  return unknown(
    `\`${attribute}\` is known only after apply: the snapshot is encrypted as the database \`${of.attribute}\` names, which the gate cannot judge (it is not in the input). ${SNAPSHOT_FIX}`,
    { path: attribute },
  );
}

function storageEncrypted(resource: Resource): Outcome {
  return requireTrue(setting(resource, 'storage_encrypted'), { what: '`storage_encrypted`', fix: FIX, absent: ABSENT, absentMeans: 'unencrypted storage' });
}

/**
 * RDS instances and clusters (aws and awscc), DocumentDB and Neptune clusters (Neptune's aws and
 * awscc) and the global databases of Aurora, DocumentDB and Neptune (aws and awscc) encrypt their
 * storage, and the snapshots of them the input manages are encrypted.
 */
export default defineRule({
  id: 'rds-storage-encrypted',
  title: 'RDS, Aurora, DocumentDB and Neptune storage and snapshots are encrypted',
  category: 'encryption-at-rest',
  severity: 'high',
  rationale:
    'Storage encryption covers the database volumes, automated backups, read replicas and snapshots. It can only be chosen when the database is created, and the provider default is off for RDS instances, Multi-AZ DB clusters, DocumentDB and Neptune. Aurora encrypts every cluster created since 18 February 2026 (with an AWS-owned key unless told otherwise); an older one may be unencrypted.',
  remediation: FIX,
  references: [
    securityHub('RDS.3', 'RDS DB instances should have encryption at-rest enabled'),
    securityHub('RDS.27', 'RDS DB clusters should be encrypted at rest'),
    securityHub('DocumentDB.1', 'Amazon DocumentDB clusters should be encrypted at rest'),
    securityHub('Neptune.1', 'Neptune DB clusters should be encrypted at rest'),
    securityHub('RDS.4', 'RDS cluster snapshots and database snapshots should be encrypted at rest'),
    securityHub('Neptune.6', 'Neptune DB cluster snapshots should be encrypted at rest'),
    awsDoc('Encrypting Amazon RDS resources', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html'),
    awsDoc('Encrypting Amazon Aurora resources', 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html'),
    awsDoc('Use default encryption at rest for new Amazon Aurora clusters', 'https://aws.amazon.com/blogs/database/use-default-encryption-at-rest-for-new-amazon-aurora-clusters'),
    configRule('aurora-global-database-encryption-at-rest'),
    awsDoc('CreateGlobalCluster: a global database created from a cluster takes its StorageEncrypted', 'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateGlobalCluster.html'),
    awsDoc('AWS::RDS::GlobalCluster StorageEncrypted (awscc_rds_global_cluster)', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-globalcluster.html'),
    awsDoc('Terraform AWS provider: aws_docdb_global_cluster storage_encrypted', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/docdb_global_cluster'),
    awsDoc('Terraform AWS provider: aws_neptune_global_cluster storage_encrypted', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/neptune_global_cluster'),
    awsDoc('AWS::DocDB::GlobalCluster StorageEncrypted (awscc_docdb_global_cluster)', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-docdb-globalcluster.html'),
    awsDoc('AWS::Neptune::GlobalCluster StorageEncrypted (awscc_neptune_global_cluster)', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-neptune-globalcluster.html'),
  ],
  appliesTo: [...Object.keys(COPY_OF), ...Object.keys(SNAPSHOT_ENCRYPTED)],
  evaluate: managedOnly((resource, { graph }) => (SNAPSHOT_ENCRYPTED[resource.type] !== undefined ? snapshotEncrypted(graph, resource) : judge(graph, resource))),
});
