import rule from '../../../checks/rules/encryption-in-transit/rds-require-tls';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const DB = 'aws_db_instance.db';
const PG = 'aws_db_parameter_group.tls';
const CLUSTER = 'aws_rds_cluster.aurora';
const REPLICA = 'aws_db_instance.replica';
const CPG = 'aws_rds_cluster_parameter_group.tls';

const instance = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(DB, { identifier: 'db', instance_class: 'db.t4g.micro', storage_encrypted: true, ...after }, { unknown: { arn: true, id: true, ...unknown }, refs });
const group = (address: string, parameters: unknown[], unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(address, { name: 'tls', family: 'postgres16', parameter: parameters }, { unknown: { arn: true, id: true, ...unknown }, refs });
const cluster = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(CLUSTER, { cluster_identifier: 'aurora', storage_encrypted: true, ...after }, { unknown: { arn: true, id: true, ...unknown }, refs });

const FORCE_SSL = { name: 'rds.force_ssl', value: '1' };
const SECURE_TRANSPORT = { name: 'require_secure_transport', value: 'ON' };
const NAMED = { parameter_group_name: 'tls' };
const BY_REFERENCE = { parameter_group_name: [`${PG}.name`, PG] };
const CLUSTER_BY_REFERENCE = { db_cluster_parameter_group_name: [`${CPG}.name`, CPG] };
/** No parameter group in the configuration: a plan shows the computed name as unknown. */
const NO_GROUP = { parameter_group_name: true };

ruleTable(rule, [
  {
    name: 'rds-require-tls: a PostgreSQL instance whose group sets rds.force_ssl = 1 passes',
    plan: plan([instance({ engine: 'postgres', engine_version: '14.12', ...NAMED }, {}, BY_REFERENCE), group(PG, [FORCE_SSL])]),
    expect: { [DB]: 'pass' },
  },
  {
    name: 'a group that sets rds.force_ssl = 0 fails, naming the group',
    plan: plan([instance({ engine: 'postgres', engine_version: '16.4', ...NAMED }, {}, BY_REFERENCE), group(PG, [{ name: 'rds.force_ssl', value: '0' }])]),
    expect: { [DB]: 'fail' },
    message: /aws_db_parameter_group\.tls sets rds\.force_ssl to "0"/,
  },
  {
    name: 'PostgreSQL 15 and later on the default group pass: rds.force_ssl defaults to 1',
    plan: plan([instance({ engine: 'postgres', engine_version: '15.7' }, NO_GROUP)]),
    expect: { [DB]: 'pass' },
  },
  {
    name: 'PostgreSQL 14 on the default group fails: rds.force_ssl defaults to 0',
    plan: plan([instance({ engine: 'postgres', engine_version: '14.12' }, NO_GROUP)]),
    expect: { [DB]: 'fail' },
    message: /default parameter group leaves rds\.force_ssl at its default, which is off for RDS for PostgreSQL 14\.12/,
  },
  {
    name: 'a group of the input that leaves the parameter unset gets the default (off for PostgreSQL 13)',
    plan: plan([instance({ engine: 'postgres', engine_version: '13', ...NAMED }, {}, BY_REFERENCE), group(PG, [{ name: 'log_connections', value: '1' }])]),
    expect: { [DB]: 'fail' },
    message: /aws_db_parameter_group\.tls leaves rds\.force_ssl at its default/,
  },
  {
    name: 'an AWS default group named outright gets the default (on for PostgreSQL 16)',
    plan: plan([instance({ engine: 'postgres', engine_version: '16.4', parameter_group_name: 'default.postgres16' })]),
    expect: { [DB]: 'pass' },
  },
  {
    name: 'PostgreSQL on the default group without a known version is unknown',
    plan: plan([instance({ engine: 'postgres' }, { ...NO_GROUP, engine_version: true })]),
    expect: { [DB]: 'unknown' },
    message: /depends on the RDS for PostgreSQL version/,
  },
  {
    name: 'MySQL 8.0 on the default group fails: require_secure_transport defaults to OFF',
    plan: plan([instance({ engine: 'mysql', engine_version: '8.0.39' }, NO_GROUP)]),
    expect: { [DB]: 'fail' },
    message: /require_secure_transport at its default, which is off for RDS for MySQL 8\.0\.39/,
  },
  {
    name: 'a MySQL group with require_secure_transport = ON passes (names and values without regard to case)',
    plan: plan([instance({ engine: 'mysql', engine_version: '8.4.3', ...NAMED }, {}, BY_REFERENCE), group(PG, [{ name: 'REQUIRE_SECURE_TRANSPORT', value: 'on' }])]),
    expect: { [DB]: 'pass' },
  },
  {
    name: 'a MySQL version whose default AWS does not document is unknown, not a guess',
    plan: plan([instance({ engine: 'mysql', engine_version: '9.1.0' }, NO_GROUP)]),
    expect: { [DB]: 'unknown' },
    message: /AWS does not document it for RDS for MySQL 9\.1\.0/,
  },
  {
    // AWS: "For MySQL 9.7, the require_secure_transport parameter defaults to 1 (ON)".
    name: 'MySQL 9.7 on the default group passes: require_secure_transport defaults to ON; 9.8 is not documented, so unknown',
    plan: plan([instance({ engine: 'mysql', engine_version: '9.7.0' }, NO_GROUP), res('aws_db_instance.next', { engine: 'mysql', engine_version: '9.8.0' }, { unknown: { parameter_group_name: true } })]),
    expect: { [DB]: 'pass', 'aws_db_instance.next': 'unknown' },
    message: /AWS does not document it for RDS for MySQL 9\.8\.0/,
  },
  {
    name: 'MariaDB 11.8 on the default group passes; 10.11 fails',
    plan: plan([instance({ engine: 'mariadb', engine_version: '11.8.2' }, NO_GROUP), res('aws_db_instance.old', { engine: 'mariadb', engine_version: '10.11.9' }, { unknown: { parameter_group_name: true } })]),
    expect: { [DB]: 'pass', 'aws_db_instance.old': 'fail' },
  },
  {
    name: 'SQL Server on the default group fails: rds.force_ssl defaults to 0',
    plan: plan([instance({ engine: 'sqlserver-se', engine_version: '16.00.4150.1.v1', license_model: 'license-included' }, NO_GROUP)]),
    expect: { [DB]: 'fail' },
    message: /off for RDS for SQL Server/,
  },
  {
    name: 'an Oracle instance is unknown and says where its TLS is set',
    plan: plan([instance({ engine: 'oracle-ee', engine_version: '19' }, NO_GROUP)]),
    expect: { [DB]: 'unknown' },
    message: /option group/,
  },
  {
    name: 'an engine known only after apply is unknown',
    plan: plan([instance({}, { engine: true, ...NO_GROUP }, { engine: ['var.engine'] })]),
    expect: { [DB]: 'unknown' },
    message: /`engine` is known only after apply/,
  },
  {
    name: 'a read replica that does not repeat the engine is judged by its source\'s engine and version',
    plan: plan([
      instance({ engine: 'postgres', engine_version: '14.12' }, NO_GROUP),
      res('aws_db_instance.replica', { identifier: 'replica', replicate_source_db: 'db' }, { unknown: { engine: true, engine_version: true, parameter_group_name: true }, refs: { replicate_source_db: [`${DB}.identifier`, DB] } }),
    ]),
    expect: { [DB]: 'fail', 'aws_db_instance.replica': 'fail' },
    message: /off for RDS for PostgreSQL 14\.12/,
  },
  // terraform-aws-modules/rds: engine = local.metadata_already_exists ? null : var.engine, its condition known only after apply for a replica.
  {
    name: "a read replica whose own engine is known only after apply is judged by its source's (a replica takes it)",
    plan: plan([
      instance({ engine: 'postgres', engine_version: '11.10' }, NO_GROUP),
      res('aws_db_instance.replica', { identifier: 'replica' }, { unknown: { engine: true, engine_version: true, parameter_group_name: true, replicate_source_db: true }, refs: { engine: ['local.metadata_already_exists', 'var.engine'], replicate_source_db: [`${DB}.identifier`, DB] } }),
    ]),
    expect: { [DB]: 'fail', 'aws_db_instance.replica': 'fail' },
    message: /off for RDS for PostgreSQL 11\.10/,
  },
  {
    name: "a same-Region read replica without parameter_group_name takes its source's group: one that turns rds.force_ssl off fails on the replica too",
    plan: plan([
      instance({ engine: 'postgres', engine_version: '16.4', ...NAMED }, {}, BY_REFERENCE),
      group(PG, [{ name: 'rds.force_ssl', value: '0' }]),
      res(REPLICA, { identifier: 'replica', replicate_source_db: 'db' }, { unknown: { engine: true, engine_version: true, parameter_group_name: true }, refs: { replicate_source_db: [`${DB}.identifier`, DB] } }),
    ]),
    expect: { [DB]: 'fail', [REPLICA]: 'fail' },
    message: /^(aws_db_parameter_group\.tls sets|a same-Region read replica without `parameter_group_name` takes the parameter group of its source aws_db_instance\.db: aws_db_parameter_group\.tls sets) rds\.force_ssl to "0"/,
  },
  {
    name: "a same-Region read replica of a source whose group requires TLS passes (not the engine's default, off for PostgreSQL 14)",
    plan: plan([
      instance({ engine: 'postgres', engine_version: '14.12', ...NAMED }, {}, BY_REFERENCE),
      group(PG, [FORCE_SSL]),
      res(REPLICA, { identifier: 'replica', replicate_source_db: 'db' }, { unknown: { engine: true, engine_version: true, parameter_group_name: true }, refs: { replicate_source_db: [`${DB}.identifier`, DB] } }),
    ]),
    expect: { [DB]: 'pass', [REPLICA]: 'pass' },
  },
  {
    name: "a cross-Region read replica (its source named by ARN, its provider another Region's) without parameter_group_name gets the engine's default group, not its source's",
    plan: plan(
      [
        instance({ engine: 'postgres', engine_version: '14.12', ...NAMED }, {}, BY_REFERENCE),
        group(PG, [FORCE_SSL]),
        res(REPLICA, { identifier: 'replica', engine: 'postgres', engine_version: '14.12' }, { unknown: { parameter_group_name: true, replicate_source_db: true }, refs: { replicate_source_db: [`${DB}.arn`, DB] }, provider: 'aws.west' }),
      ],
      { providers: { aws: { name: 'aws', expressions: { region: { constant_value: 'eu-west-1' } } }, 'aws.west': { name: 'aws', alias: 'west', expressions: { region: { constant_value: 'us-west-2' } } } } },
    ),
    expect: { [DB]: 'pass', [REPLICA]: 'fail' },
    message: /cross-Region read replica .* off for RDS for PostgreSQL 14\.12/,
  },
  {
    // Terraform's docs: a same-Region replica that names its db_subnet_group_name names its source by ARN.
    name: "a same-Region read replica that names its source by ARN (with a subnet group) takes its source's group",
    plan: plan([
      instance({ engine: 'postgres', engine_version: '14.12', ...NAMED }, {}, BY_REFERENCE),
      group(PG, [FORCE_SSL]),
      res(REPLICA, { identifier: 'replica', engine: 'postgres', engine_version: '14.12', db_subnet_group_name: 'private' }, { unknown: { parameter_group_name: true, replicate_source_db: true }, refs: { replicate_source_db: [`${DB}.arn`, DB] } }),
    ]),
    expect: { [DB]: 'pass', [REPLICA]: 'pass' },
  },
  {
    name: "a read replica of a source ARN in another Region than its provider's gets the engine's default; in its own Region, whose source is not in the input, is unknown",
    plan: plan(
      [
        res('aws_db_instance.far', { identifier: 'far', engine: 'postgres', engine_version: '14.12', replicate_source_db: 'arn:aws:rds:us-east-1:111122223333:db:primary' }, { unknown: { parameter_group_name: true } }),
        res('aws_db_instance.near', { identifier: 'near', engine: 'postgres', engine_version: '14.12', replicate_source_db: 'arn:aws:rds:eu-west-1:111122223333:db:primary' }, { unknown: { parameter_group_name: true } }),
      ],
      { providers: { aws: { name: 'aws', expressions: { region: { constant_value: 'eu-west-1' } } } } },
    ),
    expect: { 'aws_db_instance.far': 'fail', 'aws_db_instance.near': 'unknown' },
  },
  {
    name: 'a same-Region read replica whose source is not in the input is unknown, saying the group is its source\'s',
    plan: plan([res(REPLICA, { identifier: 'replica', engine: 'postgres', engine_version: '16.4', replicate_source_db: 'legacy-db' }, { unknown: { parameter_group_name: true } })]),
    expect: { [REPLICA]: 'unknown' },
    message: /takes its source's parameter group, and its source "legacy-db" is not in this input/,
  },
  {
    name: 'a read replica whose source the gate cannot see is unknown',
    plan: plan([res('aws_db_instance.replica', { identifier: 'replica', replicate_source_db: 'arn:aws:rds:eu-west-1:111122223333:db:elsewhere' }, { unknown: { engine: true, parameter_group_name: true } })]),
    expect: { 'aws_db_instance.replica': 'unknown' },
    message: /`engine` is not set/,
  },
  {
    name: 'a group managed outside the input is unknown',
    plan: plan([instance({ engine: 'postgres', engine_version: '16.4', parameter_group_name: 'shared-tls' })]),
    expect: { [DB]: 'unknown' },
    message: /"shared-tls" is not managed in this input/,
  },
  {
    name: 'rds.force_ssl set from a value known only after apply is unknown',
    plan: plan([instance({ engine: 'postgres', engine_version: '14.12', ...NAMED }, {}, BY_REFERENCE), group(PG, [{ name: 'rds.force_ssl' }], { parameter: [{ value: true }] }, { parameter: ['var.force_ssl'] })]),
    expect: { [DB]: 'unknown' },
  },
  {
    name: 'an Aurora PostgreSQL cluster whose cluster parameter group sets rds.force_ssl passes',
    plan: plan([cluster({ engine: 'aurora-postgresql', engine_version: '16.4' }, { db_cluster_parameter_group_name: true }, CLUSTER_BY_REFERENCE), group(CPG, [FORCE_SSL])]),
    expect: { [CLUSTER]: 'pass' },
  },
  {
    name: 'an Aurora PostgreSQL cluster on the default group fails; an instance group does not count for a cluster',
    plan: plan([cluster({ engine: 'aurora-postgresql', engine_version: '16.4' }, { db_cluster_parameter_group_name: true }), group(PG, [FORCE_SSL])]),
    expect: { [CLUSTER]: 'fail' },
    message: /off for Aurora PostgreSQL/,
  },
  {
    name: 'an Aurora MySQL cluster on the default group is unknown; with require_secure_transport = ON it passes',
    plan: plan([
      cluster({ engine: 'aurora-mysql', engine_version: '8.0.mysql_aurora.3.08.0' }, { db_cluster_parameter_group_name: true }),
      res('aws_rds_cluster.tls', { engine: 'aurora-mysql', db_cluster_parameter_group_name: 'tls' }, { refs: CLUSTER_BY_REFERENCE }),
      group(CPG, [SECURE_TRANSPORT]),
    ]),
    expect: { [CLUSTER]: 'unknown', 'aws_rds_cluster.tls': 'pass' },
  },
  { name: 'a parameter group alone is not applicable', plan: plan([group(PG, [FORCE_SSL])]), expect: { [PG]: 'not-applicable' } },
]);

// The awscc twins (CloudFormation AWS::RDS::DBInstance, DBCluster and their parameter groups): judged as the aws types are.
const CC_DB = 'awscc_rds_db_instance.db';
const CC_PG = 'awscc_rds_db_parameter_group.tls';
const CC_CLUSTER = 'awscc_rds_db_cluster.aurora';
const CC_CPG = 'awscc_rds_db_cluster_parameter_group.tls';
const CC_REPLICA = 'awscc_rds_db_instance.replica';
const ccInstance = (address: string, after: Record<string, unknown>, unknown: Record<string, unknown> = {}, refs?: Record<string, string[]>) =>
  res(address, { db_instance_class: 'db.t4g.micro', storage_encrypted: true, ...after }, { unknown: { id: true, db_instance_arn: true, ...unknown }, refs });
const ccGroup = (address: string, parameters: unknown, unknown: Record<string, unknown> = {}) =>
  res(address, { family: 'postgres14', description: 'tls', parameters }, { unknown: { id: true, ...unknown } });
/** Cloud Control computes what the configuration leaves unset: a plan shows the group's name as unknown. */
const CC_NO_GROUP = { db_parameter_group_name: true };
const CC_BY_REFERENCE = { db_parameter_group_name: [`${CC_PG}.id`, CC_PG] };

ruleTable(rule, [
  {
    name: 'an awscc PostgreSQL 14 instance on the default group fails as its aws twin does (rds.force_ssl defaults to 0)',
    plan: plan([ccInstance(CC_DB, { engine: 'postgres', engine_version: '14.10' }, CC_NO_GROUP)]),
    expect: { [CC_DB]: 'fail' },
    message: /default parameter group leaves rds\.force_ssl at its default, which is off for RDS for PostgreSQL 14\.10.*awscc_rds_db_parameter_group/,
  },
  {
    name: 'an awscc group whose parameters map sets rds.force_ssl = 0 fails, naming the group',
    plan: plan([ccInstance(CC_DB, { engine: 'postgres', engine_version: '14.10' }, CC_NO_GROUP, CC_BY_REFERENCE), ccGroup(CC_PG, { 'rds.force_ssl': '0' })]),
    expect: { [CC_DB]: 'fail' },
    message: /awscc_rds_db_parameter_group\.tls sets rds\.force_ssl to "0"/,
  },
  {
    name: 'an awscc group whose parameters map sets rds.force_ssl = 1 passes',
    plan: plan([ccInstance(CC_DB, { engine: 'postgres', engine_version: '14.10' }, CC_NO_GROUP, CC_BY_REFERENCE), ccGroup(CC_PG, { 'RDS.Force_SSL': '1' })]),
    expect: { [CC_DB]: 'pass' },
  },
  {
    // The provider types `parameters` as a JSON string since CloudFormation made it Json.
    name: 'an awscc group whose parameters are JSON is read the same: "0" fails, "1" passes',
    plan: plan([
      ccInstance(CC_DB, { engine: 'postgres', engine_version: '14.10' }, CC_NO_GROUP, CC_BY_REFERENCE),
      ccGroup(CC_PG, JSON.stringify({ 'rds.force_ssl': '0' })),
      ccInstance('awscc_rds_db_instance.on', { engine: 'postgres', engine_version: '14.10' }, CC_NO_GROUP, { db_parameter_group_name: ['awscc_rds_db_parameter_group.on.id', 'awscc_rds_db_parameter_group.on'] }),
      ccGroup('awscc_rds_db_parameter_group.on', JSON.stringify({ 'rds.force_ssl': '1' })),
    ]),
    expect: { [CC_DB]: 'fail', 'awscc_rds_db_instance.on': 'pass' },
    message: /awscc_rds_db_parameter_group\.tls sets rds\.force_ssl to "0"/,
  },
  {
    name: 'an awscc group whose parameters are known only after apply, or are not a JSON object, is unknown',
    plan: plan([
      ccInstance(CC_DB, { engine: 'postgres', engine_version: '14.10' }, CC_NO_GROUP, CC_BY_REFERENCE),
      res(CC_PG, { family: 'postgres14', description: 'tls' }, { unknown: { id: true, parameters: true }, refs: { parameters: ['var.parameters'] } }),
      ccInstance('awscc_rds_db_instance.odd', { engine: 'postgres', engine_version: '14.10' }, CC_NO_GROUP, { db_parameter_group_name: ['awscc_rds_db_parameter_group.odd.id', 'awscc_rds_db_parameter_group.odd'] }),
      ccGroup('awscc_rds_db_parameter_group.odd', '["rds.force_ssl"]'),
    ]),
    expect: { [CC_DB]: 'unknown', 'awscc_rds_db_instance.odd': 'unknown' },
  },
  {
    name: 'an awscc Aurora PostgreSQL cluster on the default group fails; with an awscc cluster group that sets rds.force_ssl it passes',
    plan: plan([
      res(CC_CLUSTER, { engine: 'aurora-postgresql', engine_version: '15.4', storage_encrypted: true }, { unknown: { id: true, db_cluster_parameter_group_name: true } }),
      res('awscc_rds_db_cluster.tls', { engine: 'aurora-postgresql', engine_version: '15.4', storage_encrypted: true }, { unknown: { id: true, db_cluster_parameter_group_name: true }, refs: { db_cluster_parameter_group_name: [`${CC_CPG}.id`, CC_CPG] } }),
      res(CC_CPG, { family: 'aurora-postgresql15', description: 'tls', parameters: JSON.stringify({ 'rds.force_ssl': '1' }) }, { unknown: { id: true } }),
    ]),
    expect: { [CC_CLUSTER]: 'fail', 'awscc_rds_db_cluster.tls': 'pass' },
    message: /off for Aurora PostgreSQL 15\.4/,
  },
  {
    name: 'an awscc instance in a cluster is not applicable: its cluster is judged',
    plan: plan([ccInstance(CC_DB, { engine: 'aurora-postgresql', db_cluster_identifier: 'aurora' }, CC_NO_GROUP)]),
    expect: { [CC_DB]: 'not-applicable' },
  },
  {
    name: "an awscc same-Region read replica without db_parameter_group_name takes its source's group",
    plan: plan([
      ccInstance(CC_DB, { engine: 'postgres', engine_version: '14.10' }, CC_NO_GROUP, CC_BY_REFERENCE),
      ccGroup(CC_PG, { 'rds.force_ssl': '0' }),
      ccInstance(CC_REPLICA, {}, { ...CC_NO_GROUP, engine: true, engine_version: true, source_db_instance_identifier: true }, { source_db_instance_identifier: [`${CC_DB}.id`, CC_DB] }),
    ]),
    expect: { [CC_DB]: 'fail', [CC_REPLICA]: 'fail' },
    message: /^(awscc_rds_db_parameter_group\.tls sets|a same-Region read replica without `db_parameter_group_name` takes the parameter group of its source awscc_rds_db_instance\.db: awscc_rds_db_parameter_group\.tls sets) rds\.force_ssl to "0"/,
  },
  {
    name: 'an aws instance may name an awscc group, and an awscc instance an aws group',
    plan: plan([
      instance({ engine: 'postgres', engine_version: '14.12' }, { parameter_group_name: true }, { parameter_group_name: [`${CC_PG}.id`, CC_PG] }),
      ccGroup(CC_PG, { 'rds.force_ssl': '1' }),
      ccInstance(CC_DB, { engine: 'postgres', engine_version: '14.10' }, CC_NO_GROUP, { db_parameter_group_name: [`${PG}.name`, PG] }),
      group(PG, [{ name: 'rds.force_ssl', value: '0' }]),
    ]),
    expect: { [DB]: 'pass', [CC_DB]: 'fail' },
  },
  {
    name: 'an awscc group, and an awscc source database, named by their literal names are found by name',
    plan: plan([
      ccInstance(CC_DB, { engine: 'postgres', engine_version: '14.10', db_instance_identifier: 'main', db_parameter_group_name: 'strict-tls' }),
      res(CC_PG, { family: 'postgres14', description: 'tls', db_parameter_group_name: 'strict-tls', parameters: { 'rds.force_ssl': '0' } }, { unknown: { id: true } }),
      ccInstance(CC_REPLICA, { source_db_instance_identifier: 'main' }, { ...CC_NO_GROUP, engine: true, engine_version: true }),
    ]),
    expect: { [CC_DB]: 'fail', [CC_REPLICA]: 'fail' },
    message: /awscc_rds_db_parameter_group\.tls sets rds\.force_ssl to "0"/,
  },
]);
