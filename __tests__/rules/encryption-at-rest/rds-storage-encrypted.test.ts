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
    name: 'a Multi-AZ DB cluster that does not set storage_encrypted (computed in a plan) gets the default false: fail',
    plan: plan([res(C, { engine: 'postgres', db_cluster_instance_class: 'db.m6gd.large' }, { unknown: { storage_encrypted: true } })]),
    expect: { [C]: 'fail' },
  },
  {
    // Aurora User Guide, Overview.Encryption: every cluster created since 18 February 2026 is encrypted (AWS-owned key by default).
    name: 'an Aurora cluster this apply creates is encrypted whatever storage_encrypted says (unset, false, known only after apply, replaced)',
    plan: plan([
      res(C, { engine: 'aurora-postgresql' }, { unknown: { storage_encrypted: true } }),
      res('aws_rds_cluster.off', { engine: 'aurora-mysql', storage_encrypted: false }),
      res('aws_rds_cluster.var', { engine: 'aurora-mysql' }, { unknown: { storage_encrypted: true }, refs: { storage_encrypted: ['var.encrypt'] } }),
      res('aws_rds_cluster.replaced', { engine: 'aurora-postgresql', storage_encrypted: false }, { actions: ['delete', 'create'] }),
      res('awscc_rds_db_cluster.cc', { engine: 'aurora-postgresql' }, { unknown: { id: true, storage_encrypted: true } }),
      res('awscc_rds_db_instance.member', { engine: 'aurora-postgresql' }, { unknown: { id: true, storage_encrypted: true, db_cluster_identifier: true }, refs: { db_cluster_identifier: ['awscc_rds_db_cluster.cc.id', 'awscc_rds_db_cluster.cc'] } }),
    ]),
    expect: { [C]: 'pass', 'aws_rds_cluster.off': 'pass', 'aws_rds_cluster.var': 'pass', 'aws_rds_cluster.replaced': 'pass', 'awscc_rds_db_cluster.cc': 'pass', 'awscc_rds_db_instance.member': 'not-applicable' },
  },
  {
    name: 'an existing Aurora cluster that reports storage_encrypted = false is unknown: a cluster encrypted by default with the AWS-owned key reports it too',
    plan: plan([
      res(C, { engine: 'aurora-postgresql', storage_encrypted: false }, { actions: ['no-op'] }),
      res('aws_rds_cluster.on', { engine: 'aurora-postgresql', storage_encrypted: true }, { actions: ['update'] }),
      res('awscc_rds_db_cluster.cc', { engine: 'aurora-mysql', storage_encrypted: false }, { actions: ['update'] }),
      res('aws_rds_cluster.multi_az', { engine: 'mysql', storage_encrypted: false }, { actions: ['no-op'] }),
    ]),
    expect: { [C]: 'unknown', 'aws_rds_cluster.on': 'pass', 'awscc_rds_db_cluster.cc': 'unknown', 'aws_rds_cluster.multi_az': 'fail' },
    message: /(this cluster already exists and reports `storage_encrypted = false`.*StorageEncryptionType|`storage_encrypted` is false)/,
  },
  {
    name: 'a new Aurora replica cluster (replication_source_identifier) is a copy judged by its source, whatever its own storage_encrypted or kms_key_id; a new secondary of a global database outside the input is unknown',
    plan: plan([
      res('aws_rds_cluster.replica', { engine: 'aurora-mysql', replication_source_identifier: 'arn:aws:rds:us-east-1:111122223333:cluster:legacy', storage_encrypted: false }),
      res('aws_rds_cluster.keyed', { engine: 'aurora-mysql', replication_source_identifier: 'arn:aws:rds:us-east-1:111122223333:cluster:legacy', kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/0f0f0f0f-0f0f-0f0f-0f0f-0f0f0f0f0f0f' }, { unknown: { storage_encrypted: true } }),
      res('aws_rds_cluster.of_unencrypted', { engine: 'aurora-postgresql' }, { unknown: { replication_source_identifier: true, storage_encrypted: true }, refs: { replication_source_identifier: ['aws_rds_cluster.old.arn', 'aws_rds_cluster.old'] } }),
      res('aws_rds_cluster.old', { engine: 'aurora-postgresql', storage_encrypted: false }, { actions: ['no-op'] }),
      res('aws_rds_cluster.secondary', { engine: 'aurora-postgresql', global_cluster_identifier: 'legacy-global', storage_encrypted: false }),
      res('awscc_rds_db_cluster.replica', { engine: 'aurora-mysql', replication_source_identifier: 'arn:aws:rds:us-east-1:111122223333:cluster:legacy' }, { unknown: { storage_encrypted: true } }),
    ]),
    expect: {
      'aws_rds_cluster.replica': 'unknown',
      'aws_rds_cluster.keyed': 'unknown',
      'aws_rds_cluster.of_unencrypted': 'unknown',
      'aws_rds_cluster.old': 'unknown',
      'aws_rds_cluster.secondary': 'unknown',
      'awscc_rds_db_cluster.replica': 'unknown',
    },
  },
  {
    name: 'a global database is judged by its storage_encrypted (unset is false); a cluster in one gets its verdict whatever its own storage_encrypted says',
    plan: plan([
      res('aws_rds_global_cluster.enc', { global_cluster_identifier: 'enc', engine: 'aurora-postgresql', storage_encrypted: true }, { unknown: { id: true, arn: true } }),
      res('aws_rds_global_cluster.plain', { global_cluster_identifier: 'plain', engine: 'aurora-postgresql', storage_encrypted: false }, { unknown: { id: true, arn: true } }),
      res('aws_rds_global_cluster.unset', { global_cluster_identifier: 'unset', engine: 'aurora-mysql' }, { unknown: { id: true, arn: true, storage_encrypted: true } }),
      res('aws_rds_global_cluster.var', { global_cluster_identifier: 'var', engine: 'aurora-mysql' }, { unknown: { id: true, arn: true, storage_encrypted: true }, refs: { storage_encrypted: ['var.encrypt'] } }),
      res('awscc_rds_global_cluster.cc', { global_cluster_identifier: 'cc', engine: 'aurora-mysql', storage_encrypted: false }, { unknown: { id: true } }),
      res('aws_rds_cluster.primary', { engine: 'aurora-postgresql' }, { unknown: { global_cluster_identifier: true, storage_encrypted: true }, refs: { global_cluster_identifier: ['aws_rds_global_cluster.enc.id', 'aws_rds_global_cluster.enc'] } }),
      res('aws_rds_cluster.secondary', { engine: 'aurora-postgresql', global_cluster_identifier: 'enc', storage_encrypted: false }),
      res('aws_rds_cluster.in_plain', { engine: 'aurora-postgresql', global_cluster_identifier: 'plain', storage_encrypted: true }),
      res('aws_rds_cluster.in_var', { engine: 'aurora-mysql', global_cluster_identifier: 'var', storage_encrypted: true }),
      res('awscc_rds_db_cluster.in_cc', { engine: 'aurora-mysql', global_cluster_identifier: 'cc', storage_encrypted: true }, { unknown: { id: true } }),
      res('aws_rds_cluster.elsewhere', { engine: 'aurora-postgresql', global_cluster_identifier: 'legacy-global', storage_encrypted: true }),
    ]),
    expect: {
      'aws_rds_global_cluster.enc': 'pass',
      'aws_rds_global_cluster.plain': 'fail',
      'aws_rds_global_cluster.unset': 'fail',
      'aws_rds_global_cluster.var': 'unknown',
      'awscc_rds_global_cluster.cc': 'fail',
      'aws_rds_cluster.primary': 'pass',
      'aws_rds_cluster.secondary': 'pass',
      'aws_rds_cluster.in_plain': 'fail',
      'aws_rds_cluster.in_var': 'unknown',
      'awscc_rds_db_cluster.in_cc': 'fail',
      'aws_rds_cluster.elsewhere': 'unknown',
    },
  },
  {
    name: 'a cluster in a global database outside the input is unknown, whatever its own storage_encrypted says',
    plan: plan([res('aws_rds_cluster.elsewhere', { engine: 'aurora-postgresql', global_cluster_identifier: 'legacy-global', storage_encrypted: true })]),
    expect: { 'aws_rds_cluster.elsewhere': 'unknown' },
    message: /^This cluster joins the global database `global_cluster_identifier` names, which the gate cannot judge \(it is not in the input\)/,
  },
  {
    name: 'a cluster in an unencrypted global database fails naming it',
    plan: plan([
      res('aws_rds_global_cluster.plain', { global_cluster_identifier: 'plain', engine: 'aurora-postgresql', storage_encrypted: false }, { unknown: { id: true, arn: true } }),
      res('aws_rds_cluster.in_plain', { engine: 'aurora-postgresql', global_cluster_identifier: 'plain', storage_encrypted: true }),
    ]),
    expect: { 'aws_rds_global_cluster.plain': 'fail', 'aws_rds_cluster.in_plain': 'fail' },
    message: /(^`storage_encrypted` is false\. Set `storage_encrypted = true` on the global database|^This cluster is in the global database aws_rds_global_cluster\.plain \(`global_cluster_identifier`\): a global database holds one encryption setting)/,
  },
  {
    name: 'a global database created from a cluster (source_db_cluster_identifier) takes that cluster\'s encryption, and so do the clusters in it, also when the source reports being in it',
    plan: plan([
      // A new Aurora cluster is encrypted by default: a global database made from it is too.
      res('aws_rds_cluster.new_src', { engine: 'aurora-postgresql' }, { unknown: { arn: true, id: true, storage_encrypted: true } }),
      res('awscc_rds_global_cluster.from_new', { global_cluster_identifier: 'from-new' }, { unknown: { id: true, source_db_cluster_identifier: true, storage_encrypted: true }, refs: { source_db_cluster_identifier: ['aws_rds_cluster.new_src.arn', 'aws_rds_cluster.new_src'] } }),
      // Existing: the source reads back the global database it is now in (global_cluster_identifier), which names it as source.
      res('aws_rds_cluster.src', { engine: 'aurora-postgresql', cluster_identifier: 'src', arn: 'arn:aws:rds:us-east-1:111122223333:cluster:src', global_cluster_identifier: 'g', storage_encrypted: true }, { actions: ['no-op'] }),
      res('aws_rds_global_cluster.g', { global_cluster_identifier: 'g', arn: 'arn:aws:rds::111122223333:global-cluster:g', source_db_cluster_identifier: 'arn:aws:rds:us-east-1:111122223333:cluster:src', storage_encrypted: true }, { actions: ['no-op'] }),
      res('aws_rds_cluster.g_secondary', { engine: 'aurora-postgresql', global_cluster_identifier: 'g' }, { unknown: { storage_encrypted: true } }),
      res('aws_rds_cluster.old', { engine: 'aurora-postgresql', cluster_identifier: 'old', arn: 'arn:aws:rds:us-east-1:111122223333:cluster:old', global_cluster_identifier: 'h', storage_encrypted: false }, { actions: ['no-op'] }),
      res('aws_rds_global_cluster.h', { global_cluster_identifier: 'h', source_db_cluster_identifier: 'arn:aws:rds:us-east-1:111122223333:cluster:old', storage_encrypted: false }, { actions: ['no-op'] }),
      res('aws_rds_global_cluster.outside', { global_cluster_identifier: 'outside', source_db_cluster_identifier: 'arn:aws:rds:us-east-1:111122223333:cluster:legacy' }, { unknown: { id: true, arn: true, storage_encrypted: true } }),
    ]),
    expect: {
      'aws_rds_cluster.new_src': 'pass',
      'awscc_rds_global_cluster.from_new': 'pass',
      'aws_rds_cluster.src': 'pass',
      'aws_rds_global_cluster.g': 'pass',
      'aws_rds_cluster.g_secondary': 'pass',
      // An existing Aurora cluster reporting false may be encrypted with the AWS-owned key: unknown, and so is what takes its setting.
      'aws_rds_cluster.old': 'unknown',
      'aws_rds_global_cluster.h': 'unknown',
      'aws_rds_global_cluster.outside': 'unknown',
    },
  },
  {
    name: 'a global database whose source cluster is outside the input is unknown, whatever its own storage_encrypted',
    plan: plan([res('aws_rds_global_cluster.outside', { global_cluster_identifier: 'outside', source_db_cluster_identifier: 'arn:aws:rds:us-east-1:111122223333:cluster:legacy', storage_encrypted: true }, { unknown: { id: true, arn: true } })]),
    expect: { 'aws_rds_global_cluster.outside': 'unknown' },
    message: /^This global database takes its encryption from the source `source_db_cluster_identifier` names, which the gate cannot judge; AWS takes the source cluster's setting.*Make sure the source cluster is encrypted\.$/,
  },
  {
    name: 'a DocumentDB or Neptune global database is judged by its storage_encrypted (unset is false); a cluster in one gets its verdict whatever its own storage_encrypted says',
    plan: plan([
      res('aws_docdb_global_cluster.enc', { global_cluster_identifier: 'docs-enc', engine: 'docdb', storage_encrypted: true }, { unknown: { id: true, arn: true } }),
      res('aws_docdb_global_cluster.plain', { global_cluster_identifier: 'docs-plain', engine: 'docdb', storage_encrypted: false }, { unknown: { id: true, arn: true } }),
      res('aws_neptune_global_cluster.unset', { global_cluster_identifier: 'graph-unset', engine: 'neptune' }, { unknown: { id: true, arn: true, storage_encrypted: true } }),
      res('aws_neptune_global_cluster.var', { global_cluster_identifier: 'graph-var', engine: 'neptune' }, { unknown: { id: true, arn: true, storage_encrypted: true }, refs: { storage_encrypted: ['var.encrypt'] } }),
      res('awscc_docdb_global_cluster.cc', { global_cluster_identifier: 'docs-cc', storage_encrypted: false }, { unknown: { id: true, global_cluster_arn: true } }),
      res('awscc_neptune_global_cluster.cc', { global_cluster_identifier: 'graph-cc', storage_encrypted: true }, { unknown: { id: true } }),
      res('aws_docdb_cluster.primary', { engine: 'docdb' }, { unknown: { global_cluster_identifier: true, storage_encrypted: true }, refs: { global_cluster_identifier: ['aws_docdb_global_cluster.enc.id', 'aws_docdb_global_cluster.enc'] } }),
      res('aws_docdb_cluster.secondary', { engine: 'docdb', global_cluster_identifier: 'docs-enc', storage_encrypted: false }),
      res('aws_docdb_cluster.in_plain', { engine: 'docdb', global_cluster_identifier: 'docs-plain', storage_encrypted: true }),
      res('aws_neptune_cluster.in_unset', { engine: 'neptune', global_cluster_identifier: 'graph-unset', storage_encrypted: true }),
      res('aws_neptune_cluster.in_var', { engine: 'neptune', global_cluster_identifier: 'graph-var', storage_encrypted: true }),
      res('aws_neptune_cluster.in_cc', { engine: 'neptune', global_cluster_identifier: 'graph-cc' }, { unknown: { storage_encrypted: true } }),
      res('aws_neptune_cluster.elsewhere', { engine: 'neptune', global_cluster_identifier: 'legacy-global', storage_encrypted: true }),
    ]),
    expect: {
      'aws_docdb_global_cluster.enc': 'pass',
      'aws_docdb_global_cluster.plain': 'fail',
      'aws_neptune_global_cluster.unset': 'fail',
      'aws_neptune_global_cluster.var': 'unknown',
      'awscc_docdb_global_cluster.cc': 'fail',
      'awscc_neptune_global_cluster.cc': 'pass',
      'aws_docdb_cluster.primary': 'pass',
      'aws_docdb_cluster.secondary': 'pass',
      'aws_docdb_cluster.in_plain': 'fail',
      'aws_neptune_cluster.in_unset': 'fail',
      'aws_neptune_cluster.in_var': 'unknown',
      'aws_neptune_cluster.in_cc': 'pass',
      'aws_neptune_cluster.elsewhere': 'unknown',
    },
  },
  {
    name: 'a DocumentDB cluster joins a DocumentDB global database, not an Aurora or Neptune one of the same identifier',
    plan: plan([
      res('aws_rds_global_cluster.same', { global_cluster_identifier: 'same', storage_encrypted: true }, { unknown: { id: true, arn: true } }),
      res('aws_neptune_global_cluster.same', { global_cluster_identifier: 'same', storage_encrypted: true }, { unknown: { id: true, arn: true } }),
      res('aws_docdb_global_cluster.same', { global_cluster_identifier: 'same', storage_encrypted: false }, { unknown: { id: true, arn: true } }),
      res('aws_docdb_cluster.in_same', { engine: 'docdb', global_cluster_identifier: 'same', storage_encrypted: true }),
    ]),
    expect: { 'aws_rds_global_cluster.same': 'pass', 'aws_neptune_global_cluster.same': 'pass', 'aws_docdb_global_cluster.same': 'fail', 'aws_docdb_cluster.in_same': 'fail' },
    // DocumentDB calls its global database a global cluster: so do the messages.
    message: /(^`storage_encrypted` is false\. Set `storage_encrypted = true` on the global cluster, .* it replaces the global cluster\.$|^This cluster is in the global cluster aws_docdb_global_cluster\.same \(`global_cluster_identifier`\): a global cluster holds one encryption setting)/,
  },
  {
    name: 'a Neptune cluster (aws or awscc) in a global database outside the input is unknown, whatever its own storage_encrypted says',
    plan: plan([
      res('aws_neptune_cluster.elsewhere', { engine: 'neptune', global_cluster_identifier: 'legacy-global', storage_encrypted: false }),
      res('awscc_neptune_db_cluster.elsewhere', { db_cluster_identifier: 'cc', global_cluster_identifier: 'legacy-global', storage_encrypted: true }, { unknown: { id: true } }),
    ]),
    expect: { 'aws_neptune_cluster.elsewhere': 'unknown', 'awscc_neptune_db_cluster.elsewhere': 'unknown' },
    message: /^This cluster joins the global database `global_cluster_identifier` names, which the gate cannot judge \(it is not in the input\): a global database holds one encryption setting/,
  },
  {
    name: 'a DocumentDB cluster in a global cluster outside the input is unknown, whatever its own storage_encrypted says',
    plan: plan([res('aws_docdb_cluster.elsewhere', { engine: 'docdb', global_cluster_identifier: 'legacy-global', storage_encrypted: true })]),
    expect: { 'aws_docdb_cluster.elsewhere': 'unknown' },
    message: /^This cluster joins the global cluster `global_cluster_identifier` names, which the gate cannot judge \(it is not in the input\): a global cluster holds one encryption setting, .*Make sure the global cluster is encrypted\.$/,
  },
  {
    // awscc 1.98.0 documents awscc_neptune_db_cluster's global_cluster_identifier: "The ID of the Neptune global database to
    // which this new DB cluster should be added". Judged by its own storage_encrypted, the secondary passed in an
    // unencrypted global database, and failed in an encrypted one.
    name: 'an awscc Neptune cluster in a global database gets its verdict, by reference or by identifier, whatever its own storage_encrypted says',
    plan: plan([
      res('awscc_neptune_global_cluster.plain', { global_cluster_identifier: 'graph-plain', storage_encrypted: false }, { unknown: { id: true } }),
      res('aws_neptune_global_cluster.enc', { global_cluster_identifier: 'graph-enc', engine: 'neptune', storage_encrypted: true }, { unknown: { id: true, arn: true } }),
      res('awscc_neptune_db_cluster.in_plain', { db_cluster_identifier: 'in-plain', global_cluster_identifier: 'graph-plain', storage_encrypted: true }, { unknown: { id: true } }),
      res('awscc_neptune_db_cluster.in_enc', { db_cluster_identifier: 'in-enc' }, { unknown: { id: true, global_cluster_identifier: true, storage_encrypted: true }, refs: { global_cluster_identifier: ['aws_neptune_global_cluster.enc.id', 'aws_neptune_global_cluster.enc'] } }),
    ]),
    expect: { 'awscc_neptune_global_cluster.plain': 'fail', 'aws_neptune_global_cluster.enc': 'pass', 'awscc_neptune_db_cluster.in_plain': 'fail', 'awscc_neptune_db_cluster.in_enc': 'pass' },
    message: /(^`storage_encrypted` is false\. Set `storage_encrypted = true` on the global database|^This cluster is in the global database awscc_neptune_global_cluster\.plain \(`global_cluster_identifier`\): a global database holds one encryption setting)/,
  },
  {
    name: 'a DocumentDB or Neptune global database created from a cluster (source_db_cluster_identifier) takes that cluster\'s encryption, and so do the clusters in it, also when the source reports being in it',
    plan: plan([
      // A new DocumentDB cluster is unencrypted by default (not Aurora's default): so is a global database made from it.
      res('aws_docdb_cluster.new_src', { engine: 'docdb' }, { unknown: { arn: true, id: true, storage_encrypted: true } }),
      res('awscc_docdb_global_cluster.from_new', { global_cluster_identifier: 'from-new' }, { unknown: { id: true, global_cluster_arn: true, source_db_cluster_identifier: true, storage_encrypted: true }, refs: { source_db_cluster_identifier: ['aws_docdb_cluster.new_src.arn', 'aws_docdb_cluster.new_src'] } }),
      res('aws_neptune_cluster.enc_src', { engine: 'neptune', storage_encrypted: true }, { unknown: { arn: true, id: true } }),
      res('aws_neptune_global_cluster.from_enc', { global_cluster_identifier: 'from-enc', storage_encrypted: false }, { unknown: { id: true, arn: true, source_db_cluster_identifier: true }, refs: { source_db_cluster_identifier: ['aws_neptune_cluster.enc_src.arn', 'aws_neptune_cluster.enc_src'] } }),
      // Existing: the source reads back the global database it is now in (global_cluster_identifier), which names it as source.
      res('aws_docdb_cluster.src', { engine: 'docdb', cluster_identifier: 'src', arn: 'arn:aws:rds:us-east-1:111122223333:cluster:src', global_cluster_identifier: 'g', storage_encrypted: true }, { actions: ['no-op'] }),
      res('aws_docdb_global_cluster.g', { global_cluster_identifier: 'g', arn: 'arn:aws:rds::111122223333:global-cluster:g', source_db_cluster_identifier: 'arn:aws:rds:us-east-1:111122223333:cluster:src', storage_encrypted: true }, { actions: ['no-op'] }),
      res('aws_docdb_cluster.g_secondary', { engine: 'docdb', global_cluster_identifier: 'g' }, { unknown: { storage_encrypted: true } }),
      res('aws_neptune_cluster.old', { engine: 'neptune', cluster_identifier: 'old', arn: 'arn:aws:rds:us-east-1:111122223333:cluster:old', global_cluster_identifier: 'h', storage_encrypted: false }, { actions: ['no-op'] }),
      res('aws_neptune_global_cluster.h', { global_cluster_identifier: 'h', source_db_cluster_identifier: 'arn:aws:rds:us-east-1:111122223333:cluster:old', storage_encrypted: false }, { actions: ['no-op'] }),
      res('aws_neptune_cluster.h_secondary', { engine: 'neptune', global_cluster_identifier: 'h', storage_encrypted: true }),
    ]),
    expect: {
      'aws_docdb_cluster.new_src': 'fail',
      'awscc_docdb_global_cluster.from_new': 'fail',
      'aws_neptune_cluster.enc_src': 'pass',
      'aws_neptune_global_cluster.from_enc': 'pass',
      'aws_docdb_cluster.src': 'pass',
      'aws_docdb_global_cluster.g': 'pass',
      'aws_docdb_cluster.g_secondary': 'pass',
      'aws_neptune_cluster.old': 'fail',
      'aws_neptune_global_cluster.h': 'fail',
      'aws_neptune_cluster.h_secondary': 'fail',
    },
  },
  {
    name: 'a Neptune global database whose source cluster is outside the input is unknown, whatever its own storage_encrypted',
    plan: plan([
      res('aws_neptune_global_cluster.outside', { global_cluster_identifier: 'outside', source_db_cluster_identifier: 'arn:aws:rds:us-east-1:111122223333:cluster:legacy' }, { unknown: { id: true, arn: true, storage_encrypted: true } }),
    ]),
    expect: { 'aws_neptune_global_cluster.outside': 'unknown' },
    message: /^This global database takes its encryption from the source `source_db_cluster_identifier` names, which the gate cannot judge; AWS takes the source cluster's setting.*Make sure the source cluster is encrypted\.$/,
  },
  {
    name: 'a DocumentDB global cluster whose source cluster is outside the input is unknown, whatever its own storage_encrypted',
    plan: plan([
      res('aws_docdb_global_cluster.outside', { global_cluster_identifier: 'outside', source_db_cluster_identifier: 'arn:aws:rds:us-east-1:111122223333:cluster:legacy', storage_encrypted: true }, { unknown: { id: true, arn: true } }),
    ]),
    expect: { 'aws_docdb_global_cluster.outside': 'unknown' },
    message: /^This global cluster takes its encryption from the source `source_db_cluster_identifier` names, which the gate cannot judge; AWS takes the source cluster's setting, and a global cluster created from one cannot set its own `storage_encrypted`\. Make sure the source cluster is encrypted\.$/,
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
  {
    name: 'a restore from a snapshot or to a point in time takes the source\'s encryption: unknown, whatever its own storage_encrypted (AWS ignores it)',
    plan: plan([
      db({ snapshot_identifier: 'rds:main-2026-11-01' }, { unknown: { storage_encrypted: true } }),
      res(C, { engine: 'aurora-postgresql', restore_to_point_in_time: [{ source_cluster_identifier: 'main', use_latest_restorable_time: true }] }, { unknown: { storage_encrypted: true } }),
      res('aws_rds_cluster.explicit', { engine: 'aurora-postgresql', snapshot_identifier: 's', storage_encrypted: true }, { unknown: { kms_key_id: true } }),
      res('aws_db_instance.explicit', { instance_class: 'db.t3.micro', snapshot_identifier: 's', storage_encrypted: true }, { unknown: { kms_key_id: true } }),
    ]),
    expect: { [DB]: 'unknown', [C]: 'unknown', 'aws_rds_cluster.explicit': 'unknown', 'aws_db_instance.explicit': 'unknown' },
    // The advice must not be the setting AWS ignores.
    message: /^This restore takes its encryption from the source `(snapshot_identifier|restore_to_point_in_time)` names, which the gate cannot judge; AWS ignores a restore's own `storage_encrypted`\. Restore from an encrypted source/,
  },
  {
    name: 'a read replica with storage_encrypted = true of a source outside the input is unknown: a replica is encrypted only if its source is',
    plan: plan([res('aws_db_instance.replica', { instance_class: 'db.t3.micro', replicate_source_db: 'legacy', storage_encrypted: true, kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/0f0f0f0f-0f0f-0f0f-0f0f-0f0f0f0f0f0f' })]),
    expect: { 'aws_db_instance.replica': 'unknown' },
    message: /read replica takes its encryption from the source `replicate_source_db` names.*Make sure the source is encrypted/,
  },
  {
    name: 'a read replica with storage_encrypted = true of an unencrypted source in the input fails; of an encrypted one passes',
    plan: plan([
      db({ storage_encrypted: false }),
      res('aws_db_instance.enc', { instance_class: 'db.t3.micro', identifier: 'enc', storage_encrypted: true }),
      res('aws_db_instance.replica', { instance_class: 'db.t3.micro', storage_encrypted: true }, { unknown: { replicate_source_db: true }, refs: { replicate_source_db: ['aws_db_instance.db.identifier', 'aws_db_instance.db'] } }),
      res('aws_db_instance.good', { instance_class: 'db.t3.micro', replicate_source_db: 'enc' }, { unknown: { storage_encrypted: true } }),
    ]),
    expect: { [DB]: 'fail', 'aws_db_instance.enc': 'pass', 'aws_db_instance.replica': 'fail', 'aws_db_instance.good': 'pass' },
  },
  {
    name: 'a restored RDS, DocumentDB or Neptune cluster with a KMS key is encrypted by it; a Neptune kms_key_id (no such argument) is not',
    plan: plan([
      res('aws_kms_key.k', {}, { unknown: { arn: true, id: true, key_id: true } }),
      res(C, { engine: 'aurora-postgresql', snapshot_identifier: 'legacy' }, { unknown: { storage_encrypted: true, kms_key_id: true }, refs: { kms_key_id: ['aws_kms_key.k.arn', 'aws_kms_key.k'] } }),
      res('aws_rds_cluster.pitr', { engine: 'aurora-mysql', kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/0f0f0f0f-0f0f-0f0f-0f0f-0f0f0f0f0f0f', restore_to_point_in_time: [{ source_cluster_identifier: 'legacy', use_latest_restorable_time: true }] }, { unknown: { storage_encrypted: true } }),
      res('aws_docdb_cluster.d', { snapshot_identifier: 'legacy', kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/0f0f0f0f-0f0f-0f0f-0f0f-0f0f0f0f0f0f' }, { unknown: { storage_encrypted: true } }),
      res('aws_neptune_cluster.n', { snapshot_identifier: 'legacy', kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/0f0f0f0f-0f0f-0f0f-0f0f-0f0f0f0f0f0f' }, { unknown: { storage_encrypted: true } }),
      // The provider sends kms_key_arn with RestoreDBClusterFromSnapshot (terraform-provider-aws#33413): the restored cluster is encrypted with it.
      res('aws_neptune_cluster.keyed', { snapshot_identifier: 'legacy' }, { unknown: { storage_encrypted: true, kms_key_arn: true }, refs: { kms_key_arn: ['aws_kms_key.k.arn', 'aws_kms_key.k'] } }),
      res('aws_neptune_cluster.literal', { snapshot_identifier: 'legacy', kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:key/0f0f0f0f-0f0f-0f0f-0f0f-0f0f0f0f0f0f' }, { unknown: { storage_encrypted: true } }),
      res('aws_neptune_cluster.empty', { snapshot_identifier: 'legacy', kms_key_arn: '' }, { unknown: { storage_encrypted: true } }),
    ]),
    expect: {
      [C]: 'pass',
      'aws_rds_cluster.pitr': 'pass',
      'aws_docdb_cluster.d': 'pass',
      'aws_neptune_cluster.n': 'unknown',
      'aws_neptune_cluster.keyed': 'pass',
      'aws_neptune_cluster.literal': 'pass',
      'aws_neptune_cluster.empty': 'unknown',
    },
  },
  {
    name: 'a restore from a snapshot of the input, or to a point in time of a cluster of the input, takes that database\'s verdict',
    plan: plan([
      db({ identifier: 'main', storage_encrypted: false }),
      res('aws_db_snapshot.s', { db_snapshot_identifier: 's' }, { unknown: { db_instance_identifier: true }, refs: { db_instance_identifier: ['aws_db_instance.db.identifier', 'aws_db_instance.db'] } }),
      res('aws_db_instance.restored', { instance_class: 'db.t3.micro', storage_encrypted: true }, { unknown: { snapshot_identifier: true }, refs: { snapshot_identifier: ['aws_db_snapshot.s.id', 'aws_db_snapshot.s'] } }),
      res(C, { engine: 'aurora-postgresql', cluster_identifier: 'main', storage_encrypted: true }),
      res('aws_rds_cluster.pitr', { engine: 'aurora-postgresql', restore_to_point_in_time: [{ source_cluster_identifier: 'main', use_latest_restorable_time: true }] }, { unknown: { storage_encrypted: true } }),
    ]),
    expect: { [DB]: 'fail', 'aws_db_snapshot.s': 'fail', 'aws_db_instance.restored': 'fail', [C]: 'pass', 'aws_rds_cluster.pitr': 'pass' },
  },
  {
    name: 'a restore from an aws_db_snapshot_copy with a kms_key_id passes: CopyDBSnapshot encrypts an unencrypted snapshot with that key',
    plan: plan([
      res('aws_kms_key.k', {}, { unknown: { arn: true, id: true, key_id: true } }),
      db({ identifier: 'legacy', storage_encrypted: false }),
      res('aws_db_snapshot.s', { db_snapshot_identifier: 's' }, { unknown: { db_instance_identifier: true }, refs: { db_instance_identifier: ['aws_db_instance.db.identifier', 'aws_db_instance.db'] } }),
      res('aws_db_snapshot_copy.enc', { target_db_snapshot_identifier: 'enc' }, { unknown: { source_db_snapshot_identifier: true, kms_key_id: true }, refs: { source_db_snapshot_identifier: ['aws_db_snapshot.s.id', 'aws_db_snapshot.s'], kms_key_id: ['aws_kms_key.k.arn', 'aws_kms_key.k'] } }),
      res('aws_db_snapshot_copy.plain', { target_db_snapshot_identifier: 'plain' }, { unknown: { source_db_snapshot_identifier: true }, refs: { source_db_snapshot_identifier: ['aws_db_snapshot.s.id', 'aws_db_snapshot.s'] } }),
      res('aws_db_instance.restored', { instance_class: 'db.t3.micro', storage_encrypted: true }, { unknown: { snapshot_identifier: true }, refs: { snapshot_identifier: ['aws_db_snapshot_copy.enc.id', 'aws_db_snapshot_copy.enc'] } }),
      res('aws_db_instance.outside', { instance_class: 'db.t3.micro' }, { unknown: { snapshot_identifier: true, storage_encrypted: true }, refs: { snapshot_identifier: ['aws_db_snapshot_copy.outside.id', 'aws_db_snapshot_copy.outside'] } }),
      res('aws_db_snapshot_copy.outside', { source_db_snapshot_identifier: 'arn:aws:rds:eu-west-1:123456789012:snapshot:legacy', target_db_snapshot_identifier: 'outside', kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/0f0f0f0f-0f0f-0f0f-0f0f-0f0f0f0f0f0f' }, { unknown: { id: true } }),
      res('aws_db_instance.unkeyed', { instance_class: 'db.t3.micro', storage_encrypted: true }, { unknown: { snapshot_identifier: true }, refs: { snapshot_identifier: ['aws_db_snapshot_copy.plain.id', 'aws_db_snapshot_copy.plain'] } }),
      res('awscc_rds_db_instance.restored', { engine: 'postgres' }, { unknown: { id: true, db_snapshot_identifier: true, storage_encrypted: true }, refs: { db_snapshot_identifier: ['aws_db_snapshot_copy.enc.id', 'aws_db_snapshot_copy.enc'] } }),
    ]),
    expect: {
      [DB]: 'fail',
      'aws_db_snapshot.s': 'fail',
      'aws_db_snapshot_copy.enc': 'pass',
      'aws_db_snapshot_copy.plain': 'fail',
      'aws_db_snapshot_copy.outside': 'pass',
      'aws_db_instance.restored': 'pass',
      'aws_db_instance.outside': 'pass',
      'aws_db_instance.unkeyed': 'fail',
      'awscc_rds_db_instance.restored': 'pass',
    },
  },
  {
    name: 'a restore from an aws_rds_cluster_snapshot_copy takes the copied snapshot\'s encryption, whatever the copy\'s kms_key_id (CopyDBClusterSnapshot refuses a key for an unencrypted snapshot)',
    plan: plan([
      res('aws_kms_key.k', {}, { unknown: { arn: true, id: true, key_id: true } }),
      // Multi-AZ DB clusters: a new Aurora cluster is encrypted whatever storage_encrypted says.
      res(C, { engine: 'postgres', cluster_identifier: 'legacy', storage_encrypted: false }),
      res('aws_db_cluster_snapshot.s', { db_cluster_snapshot_identifier: 's' }, { unknown: { db_cluster_identifier: true }, refs: { db_cluster_identifier: ['aws_rds_cluster.c.id', 'aws_rds_cluster.c'] } }),
      res('aws_rds_cluster_snapshot_copy.k', { target_db_cluster_snapshot_identifier: 'k' }, { unknown: { source_db_cluster_snapshot_identifier: true, kms_key_id: true }, refs: { source_db_cluster_snapshot_identifier: ['aws_db_cluster_snapshot.s.id', 'aws_db_cluster_snapshot.s'], kms_key_id: ['aws_kms_key.k.arn', 'aws_kms_key.k'] } }),
      res('aws_rds_cluster.restored', { engine: 'postgres', storage_encrypted: true }, { unknown: { snapshot_identifier: true }, refs: { snapshot_identifier: ['aws_rds_cluster_snapshot_copy.k.id', 'aws_rds_cluster_snapshot_copy.k'] } }),
    ]),
    expect: { [C]: 'fail', 'aws_db_cluster_snapshot.s': 'fail', 'aws_rds_cluster_snapshot_copy.k': 'fail', 'aws_rds_cluster.restored': 'fail' },
  },
  {
    // Security Hub RDS.4 and Neptune.6: a snapshot is encrypted as the database it is taken of.
    name: 'a snapshot of a database of the input takes its verdict; one of a database outside the input is unknown',
    plan: plan([
      db({ identifier: 'main', storage_encrypted: true }),
      res('aws_db_snapshot.s', { db_snapshot_identifier: 's' }, { unknown: { db_instance_identifier: true, encrypted: true }, refs: { db_instance_identifier: ['aws_db_instance.db.identifier', 'aws_db_instance.db'] } }),
      res('aws_db_snapshot.legacy', { db_instance_identifier: 'legacy', db_snapshot_identifier: 'legacy-s' }, { unknown: { encrypted: true, kms_key_id: true } }),
      res('aws_neptune_cluster.n', { engine: 'neptune', cluster_identifier: 'graph' }, { unknown: { storage_encrypted: true } }),
      res('aws_neptune_cluster_snapshot.n', { db_cluster_snapshot_identifier: 'n' }, { unknown: { db_cluster_identifier: true, storage_encrypted: true }, refs: { db_cluster_identifier: ['aws_neptune_cluster.n.id', 'aws_neptune_cluster.n'] } }),
      res('aws_docdb_cluster.d', { cluster_identifier: 'docs', storage_encrypted: true }),
      res('aws_docdb_cluster_snapshot.d', { db_cluster_snapshot_identifier: 'd' }, { unknown: { db_cluster_identifier: true, storage_encrypted: true }, refs: { db_cluster_identifier: ['aws_docdb_cluster.d.id', 'aws_docdb_cluster.d'] } }),
    ]),
    expect: {
      [DB]: 'pass',
      'aws_db_snapshot.s': 'pass',
      'aws_db_snapshot.legacy': 'unknown',
      'aws_neptune_cluster.n': 'fail',
      'aws_neptune_cluster_snapshot.n': 'fail',
      'aws_docdb_cluster.d': 'pass',
      'aws_docdb_cluster_snapshot.d': 'pass',
    },
    message: /(`encrypted` is known only after apply: the snapshot is encrypted as the database `db_instance_identifier` names|storage_encrypted)/,
  },
  {
    name: 'a snapshot the plan reads back (it exists) is judged by what AWS reports',
    plan: plan([
      res('aws_db_snapshot.old', { db_instance_identifier: 'legacy', db_snapshot_identifier: 'old', encrypted: false, tags: { team: 'data' } }, { actions: ['update'] }),
      res('aws_db_cluster_snapshot.old', { db_cluster_identifier: 'legacy', db_cluster_snapshot_identifier: 'old', storage_encrypted: true }, { actions: ['no-op'] }),
    ]),
    expect: { 'aws_db_snapshot.old': 'fail', 'aws_db_cluster_snapshot.old': 'pass' },
    message: /This snapshot is unencrypted \(`encrypted = false`\)/,
  },
  {
    name: 'an existing Aurora cluster snapshot that reports storage_encrypted = false is unknown, as its cluster is (the AWS-owned key reports false too); another engine\'s fails',
    plan: plan([
      res('aws_db_cluster_snapshot.aurora', { db_cluster_identifier: 'legacy', db_cluster_snapshot_identifier: 'a', engine: 'aurora-postgresql', storage_encrypted: false }, { actions: ['no-op'] }),
      res('aws_rds_cluster_snapshot_copy.aurora', { source_db_cluster_snapshot_identifier: 'a', target_db_cluster_snapshot_identifier: 'b', engine: 'aurora-mysql', storage_encrypted: false }, { actions: ['no-op'] }),
      res('aws_db_cluster_snapshot.multi_az', { db_cluster_identifier: 'maz', db_cluster_snapshot_identifier: 'm', engine: 'postgres', storage_encrypted: false }, { actions: ['no-op'] }),
    ]),
    expect: { 'aws_db_cluster_snapshot.aurora': 'unknown', 'aws_rds_cluster_snapshot_copy.aurora': 'unknown', 'aws_db_cluster_snapshot.multi_az': 'fail' },
    message: /(This snapshot of an Aurora cluster reports `storage_encrypted = false`|This snapshot is unencrypted)/,
  },
  {
    name: 'a cluster restored from a snapshot outside the input is not told to encrypt it by a copy with a KMS key (AWS refuses one for an unencrypted cluster snapshot)',
    plan: plan([res(C, { engine: 'aurora-postgresql', snapshot_identifier: 'arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:legacy' }, { unknown: { storage_encrypted: true } })]),
    expect: { [C]: 'unknown' },
    message: /^(?!.*copy an unencrypted snapshot with a KMS key).*a copy of an unencrypted cluster snapshot cannot be encrypted.*Or set `kms_key_id`/,
  },
  {
    // Aurora's, DocumentDB's and Neptune's user guides document a key encrypting a restore of an unencrypted snapshot; nothing does for a Multi-AZ DB cluster.
    name: 'a Multi-AZ DB cluster restored with a kms_key_id from a snapshot not known to be encrypted is unknown, and not told the key encrypts it',
    plan: plan([
      res(C, { engine: 'postgres', snapshot_identifier: 'legacy', kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/0f0f0f0f-0f0f-0f0f-0f0f-0f0f0f0f0f0f' }, { unknown: { storage_encrypted: true } }),
      res('aws_rds_cluster.aurora', { engine: 'aurora-postgresql', snapshot_identifier: 'legacy', kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/0f0f0f0f-0f0f-0f0f-0f0f-0f0f0f0f0f0f' }, { unknown: { storage_encrypted: true } }),
      // AWS refuses a point-in-time restore with a key from an unencrypted cluster: what it creates is encrypted.
      res('aws_rds_cluster.pitr', { engine: 'mysql', kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/0f0f0f0f-0f0f-0f0f-0f0f-0f0f0f0f0f0f', restore_to_point_in_time: [{ source_cluster_identifier: 'legacy', use_latest_restorable_time: true }] }, { unknown: { storage_encrypted: true } }),
    ]),
    expect: { [C]: 'unknown', 'aws_rds_cluster.aurora': 'pass', 'aws_rds_cluster.pitr': 'pass' },
    message: /^(?!.*Or set `kms_key_id`)This restore takes its encryption from the source `snapshot_identifier` names/,
  },
  {
    name: 'a point-in-time restore of a source outside the input is told a key encrypts it or AWS refuses the restore',
    plan: plan([res(C, { engine: 'aurora-mysql', restore_to_point_in_time: [{ source_cluster_identifier: 'legacy', use_latest_restorable_time: true }] }, { unknown: { storage_encrypted: true } })]),
    expect: { [C]: 'unknown' },
    message: /Or set `kms_key_id`: AWS then encrypts the restored cluster with that key, or refuses the restore of an unencrypted source/,
  },
  {
    name: 'an instance restored from a snapshot outside the input is told to copy it with a KMS key',
    plan: plan([db({ snapshot_identifier: 'legacy' }, { unknown: { storage_encrypted: true } })]),
    expect: { [DB]: 'unknown' },
    message: /copy an unencrypted snapshot with a KMS key first: `aws_db_snapshot_copy` with `kms_key_id`/,
  },
  // awscc: CloudFormation's AWS::RDS::DBInstance / DBCluster, unset attributes computed (unknown) in a plan.
  { name: 'an awscc instance with storage_encrypted passes', plan: plan([res('awscc_rds_db_instance.i', { engine: 'postgres', storage_encrypted: true }, { unknown: { id: true } })]), expect: { 'awscc_rds_db_instance.i': 'pass' } },
  {
    name: 'an awscc instance that leaves it unset (computed in the plan) gets the default false: fail',
    plan: plan([res('awscc_rds_db_instance.i', { engine: 'postgres' }, { unknown: { id: true, storage_encrypted: true } })]),
    expect: { 'awscc_rds_db_instance.i': 'fail' },
    message: /`storage_encrypted` is not set/,
  },
  {
    name: 'an awscc instance of a cluster is the cluster\'s business; the unencrypted (Multi-AZ) cluster fails',
    plan: plan([
      res('awscc_rds_db_cluster.c', { engine: 'postgres', storage_encrypted: false }, { unknown: { id: true } }),
      res('awscc_rds_db_instance.member', { engine: 'postgres' }, { unknown: { id: true, storage_encrypted: true, db_cluster_identifier: true }, refs: { db_cluster_identifier: ['awscc_rds_db_cluster.c.id', 'awscc_rds_db_cluster.c'] } }),
    ]),
    expect: { 'awscc_rds_db_cluster.c': 'fail', 'awscc_rds_db_instance.member': 'not-applicable' },
  },
  { name: 'an awscc Aurora Serverless v1 cluster is always encrypted', plan: plan([res('awscc_rds_db_cluster.c', { engine: 'aurora-mysql', engine_mode: 'serverless' }, { unknown: { id: true, storage_encrypted: true } })]), expect: { 'awscc_rds_db_cluster.c': 'pass' } },
  {
    name: 'an awscc replica or restore takes its encryption from a source the gate cannot judge: unknown, whatever its own storage_encrypted',
    plan: plan([
      res('awscc_rds_db_instance.replica', { source_db_instance_identifier: 'arn:aws:rds:eu-west-1:111111111111:db:main' }, { unknown: { id: true, storage_encrypted: true } }),
      res('awscc_rds_db_cluster.restored', { engine: 'aurora-postgresql', snapshot_identifier: 'arn:aws:rds:eu-west-1:111111111111:cluster-snapshot:s' }, { unknown: { id: true, storage_encrypted: true } }),
      res('awscc_rds_db_cluster.restored_encrypted', { engine: 'aurora-postgresql', snapshot_identifier: 'arn:aws:rds:eu-west-1:111111111111:cluster-snapshot:s', storage_encrypted: true }, { unknown: { id: true } }),
    ]),
    expect: { 'awscc_rds_db_instance.replica': 'unknown', 'awscc_rds_db_cluster.restored': 'unknown', 'awscc_rds_db_cluster.restored_encrypted': 'unknown' },
  },
  {
    name: 'an awscc replica of an unencrypted instance of the input fails',
    plan: plan([
      db({ identifier: 'main', storage_encrypted: false }),
      res('awscc_rds_db_instance.replica', { source_db_instance_identifier: 'main', storage_encrypted: true }, { unknown: { id: true } }),
    ]),
    expect: { [DB]: 'fail', 'awscc_rds_db_instance.replica': 'fail' },
  },
  {
    name: 'an awscc Neptune cluster is judged as an aws one: false or unset fails, a restore of a source outside the input is unknown',
    plan: plan([
      res('awscc_neptune_db_cluster.on', { db_cluster_identifier: 'on', storage_encrypted: true }, { unknown: { id: true } }),
      res('awscc_neptune_db_cluster.off', { db_cluster_identifier: 'off', storage_encrypted: false }, { unknown: { id: true } }),
      res('awscc_neptune_db_cluster.unset', { db_cluster_identifier: 'unset' }, { unknown: { id: true, storage_encrypted: true } }),
      res('awscc_neptune_db_cluster.restored', { db_cluster_identifier: 'r', snapshot_identifier: 'legacy', storage_encrypted: true }, { unknown: { id: true } }),
    ]),
    expect: { 'awscc_neptune_db_cluster.on': 'pass', 'awscc_neptune_db_cluster.off': 'fail', 'awscc_neptune_db_cluster.unset': 'fail', 'awscc_neptune_db_cluster.restored': 'unknown' },
  },
  {
    // The awscc page (AWS::Neptune::DBCluster StorageEncrypted): restored from a snapshot, "The value is inherited from the snapshot, and the
    // specified KmsKeyId property from the snapshot is used"; what CloudFormation sends with storage_encrypted = true is not documented.
    name: 'an awscc Neptune cluster restored with a kms_key_id is still unknown, and says why its key is not counted',
    plan: plan([
      res('awscc_neptune_db_cluster.keyed', { db_cluster_identifier: 'k', snapshot_identifier: 'legacy', storage_encrypted: true, kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/0f0f0f0f-0f0f-0f0f-0f0f-0f0f0f0f0f0f' }, { unknown: { id: true } }),
    ]),
    expect: { 'awscc_neptune_db_cluster.keyed': 'unknown' },
    message: /`kms_key_id` is not counted: CloudFormation documents that a cluster restored from a snapshot inherits the snapshot's encryption and key/,
  },
  { name: 'data sources and other types are not-applicable', plan: plan([res('data.aws_db_instance.existing', { storage_encrypted: false }), res('aws_rds_cluster_instance.i', {})]), expect: { 'data.aws_db_instance.existing': 'not-applicable', 'aws_rds_cluster_instance.i': 'not-applicable' } },
]);
