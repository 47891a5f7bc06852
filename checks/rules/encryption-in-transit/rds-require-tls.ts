/**
 * RDS databases refuse connections without TLS: the parameter group a database uses turns on its
 * engine's "require TLS" parameter (`rds.force_ssl` for PostgreSQL and SQL Server,
 * `require_secure_transport` for MySQL and MariaDB). A DB instance names an
 * `aws_db_parameter_group` (`parameter_group_name`); an Aurora or Multi-AZ DB cluster names an
 * `aws_rds_cluster_parameter_group` (`db_cluster_parameter_group_name`), whose setting covers its
 * instances. The awscc twins are judged alike: an `awscc_rds_db_instance` names an
 * `awscc_rds_db_parameter_group` (`db_parameter_group_name`), an `awscc_rds_db_cluster` an
 * `awscc_rds_db_cluster_parameter_group`, each group's `parameters` a map; an awscc instance in a
 * cluster takes TLS from its cluster, which is judged instead.
 *
 * A read replica without a group of its own takes its source's when in the same Region, the
 * engine's default group when in another (CreateDBInstanceReadReplica, DBParameterGroupName).
 *
 * A database on an AWS default group, or on a group of the input that leaves the parameter unset,
 * gets the engine's default. Only defaults AWS documents are used, by engine version: on for
 * PostgreSQL 15 and later, MySQL 9.7 and MariaDB 11.8 and later; off for older PostgreSQL, MySQL up to 8.4,
 * MariaDB up to 11.4, Aurora PostgreSQL and SQL Server. Any other default (MySQL 9.0 to 9.6 or after 9.7,
 * Aurora MySQL, a version known only after apply) is `unknown`, never a guess. Oracle and Db2 configure TLS
 * outside parameter groups (an option group, a listener): `unknown`, with a word on where to look.
 */
import type { Graph, Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import { awsDoc } from '../support/references';
import { knownString } from '../support/s3';
import { failed, outcomesOf, pathOf, type Problem, shown, undecided } from '../support/findings';
import { parameterGroupOf, parameterOf } from '../support/parameters';
import { regionOf, sameRegion } from '../support/regions';
import { managedOnly, setting } from '../support/verdict';
import { defineRule, notApplicable } from '../types';

/** A version as `major.minor`; `15` reads as 15.0. */
interface Version {
  readonly major: number;
  readonly minor: number;
  readonly text: string;
}

type Default = 'on' | 'off' | undefined;

interface EngineTls {
  /** The parameter that requires TLS when set to 1. */
  readonly parameter: 'rds.force_ssl' | 'require_secure_transport';
  /** What a message calls the engine. */
  readonly label: string;
  /** The parameter's default in AWS's default groups at `version`; undefined when AWS does not document it. */
  defaultAt(version: Version | undefined): Default;
}

const atLeast = (version: Version, major: number, minor = 0): boolean => version.major > major || (version.major === major && version.minor >= minor);

const POSTGRES: EngineTls = { parameter: 'rds.force_ssl', label: 'RDS for PostgreSQL', defaultAt: (v) => (v ? (atLeast(v, 15) ? 'on' : 'off') : undefined) };
/** AWS documents the default for 8.4 and lower (off) and for 9.7 (on) only: 9.0 to 9.6 and anything after 9.7 stay undocumented. */
const MYSQL: EngineTls = {
  parameter: 'require_secure_transport',
  label: 'RDS for MySQL',
  defaultAt: (v) => (!v ? undefined : !atLeast(v, 8, 5) ? 'off' : v.major === 9 && v.minor === 7 ? 'on' : undefined),
};
const MARIADB: EngineTls = {
  parameter: 'require_secure_transport',
  label: 'RDS for MariaDB',
  defaultAt: (v) => (!v ? undefined : atLeast(v, 11, 8) ? 'on' : atLeast(v, 11, 5) ? undefined : 'off'),
};
const AURORA_POSTGRES: EngineTls = { parameter: 'rds.force_ssl', label: 'Aurora PostgreSQL', defaultAt: () => 'off' };
const AURORA_MYSQL: EngineTls = { parameter: 'require_secure_transport', label: 'Aurora MySQL', defaultAt: () => undefined };
const SQL_SERVER: EngineTls = { parameter: 'rds.force_ssl', label: 'RDS for SQL Server', defaultAt: () => 'off' };

/** The engine's TLS parameter, or what to say when TLS is configured elsewhere (Oracle, Db2). */
function engineTls(engine: string): EngineTls | string {
  switch (engine) {
    case 'postgres':
      return POSTGRES;
    case 'mysql':
      return MYSQL;
    case 'mariadb':
      return MARIADB;
    case 'aurora-postgresql':
      return AURORA_POSTGRES;
    case 'aurora':
    case 'aurora-mysql':
      return AURORA_MYSQL;
    default:
      if (engine.startsWith('sqlserver-')) return SQL_SERVER;
      if (engine.includes('oracle')) return 'Oracle takes TLS from the SSL option of an option group (`aws_db_option_group`), which this rule does not read';
      return `the gate does not know how engine "${engine}" is made to require TLS`;
  }
}

/** Where a database names its parameter group, and how to fix one that does not require TLS. */
interface GroupOf {
  /** The attribute that names the group. */
  readonly attribute: string;
  /** The group types it may name: its own provider's first, the other provider's twin after. */
  readonly types: readonly string[];
  /** How to set `parameter` to 1 in a group of `types[0]`. */
  readonly setting: (parameter: string) => string;
  /** For an instance: the attribute that makes it a read replica of another instance. */
  readonly replicaOf?: string;
}

const AWS_SETTING = (parameter: string): string => `\`parameter { name = "${parameter}" value = "1" }\``;
const AWSCC_SETTING = (parameter: string): string => `\`parameters\` that set "${parameter}" to "1"`;

const GROUP_OF: Readonly<Record<string, GroupOf>> = {
  aws_db_instance: { attribute: 'parameter_group_name', types: ['aws_db_parameter_group', 'awscc_rds_db_parameter_group'], setting: AWS_SETTING, replicaOf: 'replicate_source_db' },
  aws_rds_cluster: { attribute: 'db_cluster_parameter_group_name', types: ['aws_rds_cluster_parameter_group', 'awscc_rds_db_cluster_parameter_group'], setting: AWS_SETTING },
  // CloudFormation AWS::RDS::DBInstance (DBParameterGroupName, SourceDBInstanceIdentifier) and AWS::RDS::DBCluster.
  awscc_rds_db_instance: { attribute: 'db_parameter_group_name', types: ['awscc_rds_db_parameter_group', 'aws_db_parameter_group'], setting: AWSCC_SETTING, replicaOf: 'source_db_instance_identifier' },
  awscc_rds_db_cluster: { attribute: 'db_cluster_parameter_group_name', types: ['awscc_rds_db_cluster_parameter_group', 'aws_rds_cluster_parameter_group'], setting: AWSCC_SETTING },
};

/** The DB instance types a read replica's source may be. */
const INSTANCE_TYPES: readonly string[] = ['aws_db_instance', 'awscc_rds_db_instance'];

const ON_VALUES = new Set(['1', 'on', 'true']);

function versionOf(database: Resource): Version | undefined {
  const text = knownString(setting(database, 'engine_version')) ?? knownString(database.attr('engine_version_actual'));
  const match = text ? /^(\d+)(?:\.(\d+))?/.exec(text) : null;
  return text && match ? { major: Number(match[1]), minor: Number(match[2] ?? 0), text } : undefined;
}

/** Everything a problem message needs about one database. */
interface Subject {
  readonly engine: EngineTls;
  readonly version: Version | undefined;
  readonly fix: string;
}

/** `whose` leaves the parameter at the engine's default: a problem unless AWS documents the default as on. */
function defaultProblems(subject: Subject, whose: string, view: ValueView): Problem[] {
  const { engine, version, fix } = subject;
  const at = version ? `${engine.label} ${version.text}` : engine.label;
  const found = engine.defaultAt(version);
  if (found === 'on') return [];
  if (found === 'off') return [failed(`${whose} leaves ${engine.parameter} at its default, which is off for ${at}: clients may connect without TLS. ${fix}`, view)];
  const why = version ? `AWS does not document it for ${at}` : `it depends on the ${engine.label} version, and \`engine_version\` is not known at plan time`;
  return [undecided(`${whose} leaves ${engine.parameter} at its default, and ${why}. ${fix}`, view)];
}

/** What a parameter group of the input says. */
function groupProblems(subject: Subject, group: Resource): Problem[] {
  const { engine, fix } = subject;
  const parameter = parameterOf(group, engine.parameter);
  if (parameter.kind === 'undecidable') return [undecided(`${parameter.why}, so the gate cannot vouch for ${engine.parameter}. ${fix}`, parameter.view)];
  if (parameter.kind === 'unset') return defaultProblems(subject, group.address, group.attr(group.type.startsWith('awscc_') ? 'parameters' : 'parameter'));
  return parameter.values.flatMap((view): Problem[] => {
    const value = view.string();
    if (value.kind === 'unknown') return [undecided(`${engine.parameter} of ${group.address} is known only after apply. ${fix}`, view)];
    if (value.kind === 'known' && ON_VALUES.has(value.value.toLowerCase())) return [];
    const what = value.kind === 'known' ? shown(view, value.value) : 'nothing';
    return [failed(`${group.address} sets ${engine.parameter} to ${what}: clients may connect without TLS. ${fix}`, view)];
  });
}

/**
 * The resource that says the engine: the database, or the source of a read replica that does not
 * repeat it, or whose own is known only after apply (a replica takes its source's engine:
 * terraform-aws-modules/rds writes `engine = local.metadata_already_exists ? null : var.engine`).
 */
function engineHolder(graph: Graph, database: Resource): Resource {
  const own = setting(database, 'engine');
  const replicaOf = GROUP_OF[database.type].replicaOf;
  if (replicaOf === undefined || !(own.isAbsent || own.isUnknown)) return database;
  const source = graph.resolve(database, [replicaOf], INSTANCE_TYPES);
  return source.status === 'resources' && source.targets.length === 1 ? source.targets[0] : database;
}

function problems(graph: Graph, database: Resource): Problem[] {
  const group = GROUP_OF[database.type];
  const holder = engineHolder(graph, database);
  const engineView = setting(holder, 'engine');
  const engineName = engineView.string();
  const whose = holder === database ? '`engine`' : `\`engine\` of ${holder.address}, the replica's source,`;
  if (engineName.kind === 'unknown') return [undecided(`${whose} is known only after apply, so the gate cannot tell which parameter requires TLS. Set \`engine\`.`, engineView)];
  if (engineName.kind !== 'known') return [undecided(`${whose} is not set, so the gate cannot tell which parameter requires TLS. Set \`engine\`.`, engineView)];
  const engine = engineTls(engineName.value);
  if (typeof engine === 'string') return [undecided(`TLS cannot be checked here: ${engine}. Check it there, then waive this finding with a reason.`, engineView)];
  const fix = `Name an ${group.types[0]} with ${group.setting(engine.parameter)} in \`${group.attribute}\`.`;
  const subject: Subject = { engine, version: versionOf(holder), fix };

  return databaseGroupProblems(graph, subject, database, 0);
}

/** Whether the configuration sets `attribute` (a value, or one known only after apply). */
function isWritten(database: Resource, attribute: string): boolean {
  const view = setting(database, attribute);
  return !view.isAbsent || database.references(attribute).length > 0;
}

/** How many read replicas of read replicas are followed to the group they take. */
const MAX_REPLICA_CHAIN = 8;

/** What the parameter group `database` uses says (for a replica without one, its source's). */
function databaseGroupProblems(graph: Graph, subject: Subject, database: Resource, depth: number): Problem[] {
  const { engine, fix } = subject;
  const group = GROUP_OF[database.type];
  const lookup = parameterGroupOf(graph, database, group.attribute, group.types, 'database');
  switch (lookup.kind) {
    case 'groups':
      return lookup.groups.flatMap((target) => groupProblems(subject, target));
    case 'named':
      if (lookup.name.startsWith('default.')) return defaultProblems(subject, `the AWS default parameter group "${lookup.name}"`, lookup.view);
      return [undecided(`the parameter group "${lookup.name}" is not managed in this input, so the gate cannot see its ${engine.parameter}. ${fix}`, lookup.view)];
    case 'undecidable':
      return [undecided(`${lookup.why}. ${fix}`, lookup.view)];
    default:
      break;
  }
  const inherited = inheritedGroup(graph, database);
  if (inherited === undefined) return defaultProblems(subject, 'the AWS default parameter group', lookup.view);
  const own = `\`${group.attribute}\``;
  if (inherited.kind === 'default') {
    return defaultProblems(subject, `the AWS default parameter group (a cross-Region read replica without ${own} gets the engine's default)`, lookup.view);
  }
  if (inherited.kind === 'undecidable') return [undecided(`a same-Region read replica without ${own} takes its source's parameter group, and ${inherited.why}. ${fix}`, lookup.view)];
  if (depth >= MAX_REPLICA_CHAIN) return [undecided(`the chain of read replicas to the database whose parameter group this one takes is too long to follow. ${fix}`, lookup.view)];
  const source = inherited.source;
  return databaseGroupProblems(graph, subject, source, depth + 1).map((problem) => ({
    ...problem,
    message: `a same-Region read replica without ${own} takes the parameter group of its source ${source.address}: ${problem.message}`,
    path: pathOf(lookup.view),
  }));
}

/**
 * The group a DB instance without one of its own takes, when it is a read replica: RDS gives a
 * same-Region replica its source's group and a cross-Region one the engine's default
 * (CreateDBInstanceReadReplica, DBParameterGroupName). Terraform names a same-Region source by its
 * identifier (by its ARN where the replica names a subnet group) and a cross-Region one by its ARN.
 * Undefined for a database that is not a replica.
 */
function inheritedGroup(graph: Graph, database: Resource): { readonly kind: 'source'; readonly source: Resource } | { readonly kind: 'default' } | { readonly kind: 'undecidable'; readonly why: string } | undefined {
  const replicaOf = GROUP_OF[database.type].replicaOf;
  if (replicaOf === undefined) return undefined;
  if (database.type === 'awscc_rds_db_instance' && isWritten(database, 'source_db_cluster_identifier')) {
    return { kind: 'undecidable', why: 'its source is a DB cluster (`source_db_cluster_identifier`), whose parameter group for replicas AWS does not document' };
  }
  const view = setting(database, replicaOf);
  const refs = database.references(replicaOf);
  if (view.isAbsent && refs.length === 0) return undefined;
  const value = view.string();
  const source = graph.resolve(database, [replicaOf], INSTANCE_TYPES);
  const byArn = value.kind === 'known' ? value.value.startsWith('arn:') : refs.some((ref) => ref.endsWith('.arn'));
  if (byArn) return sourceByArn(graph, database, value.kind === 'known' ? value.value : undefined, source.status === 'resources' && source.targets.length === 1 ? source.targets[0] : undefined);
  if (source.status === 'resources' && source.targets.length === 1) return { kind: 'source', source: source.targets[0] };
  if (source.status === 'value') return { kind: 'undecidable', why: `its source "${source.value}" is not in this input` };
  if (source.status === 'ambiguous') return { kind: 'undecidable', why: `\`${replicaOf}\` may name any of several databases` };
  return { kind: 'undecidable', why: `\`${replicaOf}\` is known only after apply and names no database of this input` };
}

/**
 * A source named by its ARN: Terraform asks for the ARN of a cross-Region source, and of a
 * same-Region one where the replica names its `db_subnet_group_name`. Same Region (the ARN's, or
 * the source's in the input, against the replica's): the source's group; another: the default.
 */
function sourceByArn(graph: Graph, replica: Resource, arn: string | undefined, source: Resource | undefined): ReturnType<typeof inheritedGroup> {
  const sourceRegion = arn !== undefined ? /^arn:[^:]+:rds:([^:]*):/.exec(arn)?.[1] : source && regionOf(graph, source);
  const replicaRegion = regionOf(graph, replica);
  if (sourceRegion === undefined || sourceRegion === '' || replicaRegion === undefined) {
    if (source !== undefined && sameRegion(graph, replica, source) === 'yes') return { kind: 'source', source };
    return { kind: 'undecidable', why: 'whether its source, named by its ARN, is in its Region is not known' };
  }
  if (sourceRegion !== replicaRegion) return { kind: 'default' };
  if (source !== undefined) return { kind: 'source', source };
  return { kind: 'undecidable', why: `its source "${arn}" is not in this input` };
}

export default defineRule({
  id: 'rds-require-tls',
  title: 'RDS and Aurora databases require TLS for client connections',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'RDS and Aurora offer TLS but, for most engines and versions, also accept clients that do not ask for it: credentials, queries and results then cross the network in clear text. Only the parameter group can refuse them (`rds.force_ssl`, `require_secure_transport`).',
  remediation:
    'Give the database a parameter group of its own in the same configuration (`aws_db_parameter_group` for an instance, `aws_rds_cluster_parameter_group` for a cluster; with awscc, `awscc_rds_db_parameter_group` and `awscc_rds_db_cluster_parameter_group`, in `parameters`) that sets `rds.force_ssl` (PostgreSQL, SQL Server) or `require_secure_transport` (MySQL, MariaDB) to 1.',
  references: [
    awsDoc('Requiring an SSL connection to a PostgreSQL DB instance', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html'),
    awsDoc('Requiring SSL/TLS for all connections to a MySQL DB instance', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.require-ssl.html'),
    awsDoc('Requiring SSL/TLS for all connections to a MariaDB DB instance', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mariadb-ssl-connections.require-ssl.html'),
    awsDoc('Using SSL with a Microsoft SQL Server DB instance', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/SQLServer.Concepts.General.SSL.Using.html'),
    awsDoc('Securing Aurora PostgreSQL data with SSL/TLS', 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraPostgreSQL.Security.html'),
    awsDoc('Security with Amazon Aurora MySQL', 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Security.html'),
    awsDoc('CreateDBInstanceReadReplica (DBParameterGroupName)', 'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html'),
  ],
  appliesTo: Object.keys(GROUP_OF),
  evaluate: managedOnly((database, { graph }) => {
    // An awscc instance of a cluster takes TLS from the cluster's parameter group: the cluster is judged.
    if (database.type === 'awscc_rds_db_instance' && isWritten(database, 'db_cluster_identifier')) return notApplicable();
    return outcomesOf(problems(graph, database));
  }),
});
