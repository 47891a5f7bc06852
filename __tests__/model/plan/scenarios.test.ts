/**
 * What the plan loader keeps from a plan: the resources an apply leaves behind, with addresses,
 * masks, provider keys and configuration, and the providers, module calls, outputs and variables.
 */
import { parsePlanDocument } from '../../../checks/model/plan';
import type { ConfigNode, LoadedInput, ResourceData } from '../../../checks/model/types';
import { ValueView } from '../../../checks/model/value';
import { change, minimalPlan, scenarioPlan } from './docs';

const loaded: LoadedInput = parsePlanDocument(scenarioPlan(), 'plan.json');
const byAddress = (address: string): ResourceData | undefined => loaded.resources.find((r) => r.address === address);
const view = (r: ResourceData | undefined): ValueView => new ValueView(r?.after, r?.afterUnknown, r?.afterSensitive);
const attr = (node: ConfigNode | undefined, ...path: (string | number)[]): ConfigNode | undefined =>
  path.reduce<ConfigNode | undefined>((n, key) => (n?.kind === 'block' ? n.attrs[key as string] : n?.kind === 'list' ? n.items[key as number] : undefined), node);

describe('which resources the plan loader keeps', () => {
  it('drops resources that are only deleted, forgotten or deposed', () => {
    expect(byAddress('aws_s3_bucket.old')).toBeUndefined();
    expect(byAddress('aws_s3_bucket.gone')).toBeUndefined();
    expect(loaded.resources.filter((r) => r.address === 'aws_s3_bucket.data')).toHaveLength(1);
    expect(byAddress('aws_s3_bucket.data')?.actions).toEqual(['create']);
  });

  it('keeps replacements in both action orders', () => {
    expect(byAddress('aws_db_instance.db')?.actions).toEqual(['delete', 'create']);
    expect(byAddress('aws_secretsmanager_secret.s')?.actions).toEqual(['create', 'delete']);
    expect(view(byAddress('aws_db_instance.db')).get('storage_encrypted').bool()).toEqual({ kind: 'known', value: true });
  });

  it('keeps updates, no-ops and data sources read at apply', () => {
    expect(byAddress('aws_sns_topic.t')?.actions).toEqual(['update']);
    expect(byAddress('aws_sqs_queue.q')?.actions).toEqual(['no-op']);
    const data = byAddress('data.aws_iam_policy_document.p');
    expect(data).toMatchObject({ mode: 'data', type: 'aws_iam_policy_document', name: 'p', actions: ['read'] });
    expect(view(data).get('json').string()).toEqual({ kind: 'unknown' });
  });

  it('adds resources found only in planned_values or prior_state as no-ops, planned values first', () => {
    const key = byAddress('aws_kms_key.k');
    expect(key?.actions).toEqual(['no-op']);
    expect(view(key).get('enable_key_rotation').bool()).toEqual({ kind: 'known', value: true });
    expect(view(key).get('policy').isSensitive).toBe(true);
    const identity = byAddress('data.aws_caller_identity.me');
    expect(identity).toMatchObject({ mode: 'data', actions: ['no-op'], module: '' });
    expect(view(identity).get('account_id').string()).toEqual({ kind: 'known', value: '123456789012' });
  });

  it('keeps unknown and sensitive masks as the plan writes them', () => {
    const bucket = view(byAddress('aws_s3_bucket.data'));
    expect(bucket.get('id').isUnknown).toBe(true);
    expect(bucket.get('tags_all').stringMap()).toEqual({ kind: 'unknown' });
    expect(bucket.get('tags', 'token').isSensitive).toBe(true);
    expect(bucket.get('tags', 'owner').isSensitive).toBe(false);
    expect(view(byAddress('module.app["eu"].aws_s3_bucket.logs[1]')).get('bucket').isUnknown).toBe(true);
  });
});

describe('addresses, modules and configuration blocks', () => {
  it('gives module instances with count and for_each keys their full addresses', () => {
    const logs = byAddress('module.app["eu"].aws_s3_bucket.logs[1]');
    expect(logs).toMatchObject({ module: 'module.app["eu"]', type: 'aws_s3_bucket', name: 'logs', index: 1, repetition: 'count' });
    const group = byAddress('module.app["eu"].module.inner[0].aws_cloudwatch_log_group.g["a.b]"]');
    expect(group).toMatchObject({ module: 'module.app["eu"].module.inner[0]', index: 'a.b]', repetition: 'for_each' });
    expect(attr(group?.config, 'name')).toEqual({ kind: 'expr', hasConstant: false, references: ['each.key'] });
  });

  it('rewrites provider keys to full module paths', () => {
    expect(byAddress('aws_s3_bucket.data')?.providerConfigKey).toBe('aws');
    expect(byAddress('aws_kms_key.k')?.providerConfigKey).toBe('aws.east');
    expect(byAddress('module.app["eu"].aws_s3_bucket.logs[0]')?.providerConfigKey).toBe('module.app:aws');
    expect(byAddress('module.app["eu"].module.inner[0].aws_cloudwatch_log_group.g["a.b]"]')?.providerConfigKey).toBe('module.app.module.inner:aws');
    expect(byAddress('aws_s3_bucket.data')?.providerName).toBe('registry.terraform.io/hashicorp/aws');
  });

  it('converts expressions: constants, references, nested block lists and unrendered values', () => {
    const config = byAddress('aws_s3_bucket.data')?.config;
    expect(attr(config, 'bucket')).toEqual({ kind: 'expr', hasConstant: true, constant: 'data-bucket', references: [] });
    expect(attr(config, 'tags')).toEqual({ kind: 'expr', hasConstant: false, references: ['local.tags'] });
    expect(attr(config, 'policy')).toEqual({ kind: 'expr', hasConstant: false, references: [] });
    const sse = attr(config, 'server_side_encryption_configuration', 0, 'rule', 0, 'apply_server_side_encryption_by_default', 0);
    expect(sse?.kind).toBe('block');
    expect(attr(sse, 'sse_algorithm')).toMatchObject({ constant: 'aws:kms' });
    expect(attr(sse, 'kms_master_key_id')).toMatchObject({ references: ['aws_kms_key.k.arn', 'aws_kms_key.k'] });
    expect(attr(byAddress('data.aws_iam_policy_document.p')?.config, 'statement', 0, 'resources')).toMatchObject({ references: ['aws_s3_bucket.data.arn'] });
  });

  it('reads providers with aliases, modules and expressions', () => {
    expect(loaded.providers.map((p) => [p.key, p.name, p.alias, p.module])).toEqual([
      ['aws', 'aws', undefined, ''],
      ['aws.east', 'aws', 'east', ''],
      ['module.app:aws', 'aws', undefined, 'module.app'],
    ]);
    const root = loaded.providers[0];
    expect(root.fullName).toBe('registry.terraform.io/hashicorp/aws');
    expect(attr(root.config, 'default_tags', 0, 'tags')).toEqual({ kind: 'expr', hasConstant: true, constant: { team: 'twin' }, references: [] });
    expect(attr(loaded.providers[1].config, 'use_fips_endpoint')).toMatchObject({ references: ['var.fips'] });
  });

  it('reads module calls recursively, outputs of every module, variables and versions', () => {
    expect(loaded.moduleCalls).toEqual([
      expect.objectContaining({ parent: '', name: 'app', source: './modules/app', providers: { aws: 'aws.east' }, repetition: 'for_each' }),
      expect.objectContaining({ parent: 'module.app', name: 'inner', source: '../inner', repetition: 'count' }),
    ]);
    expect(loaded.moduleCalls[0].inputs.bucket_arn).toMatchObject({ references: ['aws_s3_bucket.data.arn', 'aws_s3_bucket.data'] });
    expect(loaded.moduleCalls[1].providers).toBeUndefined();
    expect(loaded.outputs.map((o) => [o.module, o.name, o.sensitive])).toEqual([
      ['', 'bucket_id', undefined],
      ['', 'secret', true],
      ['module.app', 'logs_arn', undefined],
    ]);
    expect(loaded.variables).toEqual({ env: 'prod', sizes: { a: 1 } });
    expect(loaded.meta).toEqual({ formatVersion: '1.2', terraformVersion: '1.9.5' });
    expect(loaded).toMatchObject({ input: 'plan.json', kind: 'plan' });
  });
});

describe('plan formats and versions', () => {
  it.each(['0.1', '0.2', '1.0', '1.1', '1.2', '1.9'])('accepts format_version %s', (version) => {
    expect(parsePlanDocument(minimalPlan({ format_version: version }), 'p.json').meta.formatVersion).toBe(version);
  });

  it('accepts a plan with nothing to do', () => {
    expect(parsePlanDocument(minimalPlan(), 'p.json').resources).toEqual([]);
    expect(parsePlanDocument({ format_version: '1.2', planned_values: { root_module: {} } }, 'p.json').resources).toEqual([]);
  });

  it("rewrites Terraform 0.12's bare module names in provider keys", () => {
    const doc = minimalPlan({
      format_version: '0.1',
      resource_changes: [change({ address: 'module.foo.null_resource.a', module: 'module.foo', type: 'null_resource', name: 'a', actions: ['create'] })],
      configuration: {
        provider_config: { 'foo:null.aliased': { name: 'null', alias: 'aliased', module_address: 'foo' } },
        root_module: { module_calls: { foo: { source: './foo', module: { resources: [{ address: 'null_resource.a', mode: 'managed', type: 'null_resource', name: 'a', provider_config_key: 'foo:null.aliased' }] } } } },
      },
    });
    const result = parsePlanDocument(doc, 'p.json');
    expect(result.providers).toEqual([expect.objectContaining({ key: 'module.foo:null.aliased', module: 'module.foo', alias: 'aliased', name: 'null' })]);
    expect(result.resources[0].providerConfigKey).toBe('module.foo:null.aliased');
  });

  it("gives Terraform 0.12's state instances, written without their key, their full addresses", () => {
    const instance = (index: number | string) => ({ address: 'aws_instance.web', mode: 'managed', type: 'aws_instance', name: 'web', index, provider_name: 'aws', values: { index } });
    const doc = minimalPlan({ format_version: '0.1', prior_state: { values: { root_module: { resources: [instance(0), instance(1), instance('a.b')] } } } });
    expect(parsePlanDocument(doc, 'p.json').resources.map((r) => [r.address, r.index, r.actions])).toEqual([
      ['aws_instance.web[0]', 0, ['no-op']],
      ['aws_instance.web[1]', 1, ['no-op']],
      ['aws_instance.web["a.b"]', 'a.b', ['no-op']],
    ]);
  });

  it("does not read Terraform 0.12's module-relative prior_state addresses as root resources", () => {
    const db = (address: string) => ({ address, mode: 'managed', type: 'aws_db_instance', name: 'this', provider_name: 'aws', values: { parameter_group_name: 'demodb' } });
    const doc = minimalPlan({
      format_version: '0.1',
      resource_changes: [change({ address: 'module.db.aws_db_instance.this', module: 'module.db', type: 'aws_db_instance', name: 'this', actions: ['no-op'] })],
      // Terraform 0.12 wrote the child module's resource as `aws_db_instance.this`.
      prior_state: { values: { root_module: { child_modules: [{ address: 'module.db', resources: [db('aws_db_instance.this')] }] } } },
      configuration: { root_module: { module_calls: { db: { source: './db', module: { resources: [{ address: 'aws_db_instance.this', mode: 'managed', type: 'aws_db_instance', name: 'this', provider_config_key: 'db:aws' }] } } } } },
    });
    expect(parsePlanDocument(doc, 'p.json').resources.map((r) => r.address)).toEqual(['module.db.aws_db_instance.this']);
    // A root resource the configuration declares is read from prior_state as before.
    const declared = { ...doc, configuration: { root_module: { resources: [{ address: 'aws_db_instance.this', mode: 'managed', type: 'aws_db_instance', name: 'this' }] } } };
    expect(parsePlanDocument(declared, 'p.json').resources.map((r) => r.address).sort()).toEqual(['aws_db_instance.this', 'module.db.aws_db_instance.this']);
  });

  it('names the provider from provider_name when the configuration has no block for the resource', () => {
    const doc = minimalPlan({ resource_changes: [change({ address: 'module.m[0].aws_s3_bucket.b', module: 'module.m[0]', type: 'aws_s3_bucket', name: 'b', actions: ['create'] })] });
    const [resource] = parsePlanDocument(doc, 'p.json').resources;
    expect(resource).toMatchObject({ providerConfigKey: 'module.m:aws', module: 'module.m[0]' });
    expect(resource.config).toBeUndefined();
  });
});
