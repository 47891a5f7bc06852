import rule from '../../../checks/rules/encryption-at-rest/rds-storage-encrypted';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const DB = 'aws_db_instance.db';
const C = 'aws_rds_cluster.c';
const db = (after: Record<string, unknown>, options: Parameters<typeof res>[2] = {}) =>
  res(DB, { engine: 'postgres', instance_class: 'db.t3.micro', ...after }, { ...options, unknown: { id: true, arn: true, ...options.unknown } });

ruleTable(rule, [
  { name: 'an encrypted instance passes', plan: plan([db({ storage_encrypted: true })]), expect: { [DB]: 'pass' } },
  { name: 'an unencrypted instance fails', plan: plan([db({ storage_encrypted: false })]), expect: { [DB]: 'fail' }, message: /storage_encrypted = true/ },
  { name: 'an encrypted Aurora cluster passes', plan: plan([res(C, { engine: 'aurora-postgresql', storage_encrypted: true })]), expect: { [C]: 'pass' } },
  {
    name: 'a provisioned cluster that does not set storage_encrypted (computed in a plan) gets the default false: fail',
    plan: plan([res(C, { engine: 'aurora-postgresql' }, { unknown: { storage_encrypted: true } })]),
    expect: { [C]: 'fail' },
  },
  { name: 'an Aurora Serverless v1 cluster is always encrypted', plan: plan([res(C, { engine: 'aurora-mysql', engine_mode: 'serverless' }, { unknown: { storage_encrypted: true } })]), expect: { [C]: 'pass' } },
  { name: 'an unencrypted DocumentDB cluster fails', plan: plan([res('aws_docdb_cluster.d', { storage_encrypted: false })]), expect: { 'aws_docdb_cluster.d': 'fail' } },
  { name: 'a Neptune cluster without storage_encrypted fails (default false)', plan: plan([res('aws_neptune_cluster.n', { engine: 'neptune' })]), expect: { 'aws_neptune_cluster.n': 'fail' } },
  {
    name: 'a read replica inherits from its source in the plan',
    plan: plan([
      db({ storage_encrypted: false }),
      res('aws_db_instance.replica', { instance_class: 'db.t3.micro' }, { unknown: { replicate_source_db: true, storage_encrypted: true }, refs: { replicate_source_db: ['aws_db_instance.db.identifier', 'aws_db_instance.db'] } }),
    ]),
    expect: { [DB]: 'fail', 'aws_db_instance.replica': 'fail' },
  },
  {
    name: 'a read replica of a source outside the plan is unknown',
    plan: plan([res('aws_db_instance.replica', { instance_class: 'db.t3.micro', replicate_source_db: 'arn:aws:rds:eu-west-1:123456789012:db:elsewhere' }, { unknown: { storage_encrypted: true } })]),
    expect: { 'aws_db_instance.replica': 'unknown' },
  },
  { name: 'storage_encrypted known only after apply is unknown', plan: plan([db({}, { unknown: { storage_encrypted: true }, refs: { storage_encrypted: ['var.encrypt'] } })]), expect: { [DB]: 'unknown' } },
  { name: 'data sources and other types are not-applicable', plan: plan([res('data.aws_db_instance.existing', { storage_encrypted: false }), res('aws_rds_cluster_instance.i', {})]), expect: { 'data.aws_db_instance.existing': 'not-applicable', 'aws_rds_cluster_instance.i': 'not-applicable' } },
]);
