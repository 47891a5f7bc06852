/**
 * A plan's references to locals replaced by what the code's locals reference (checks/model/local-references.ts):
 * module by module, leaving undeclared locals as written and shared configuration objects shared.
 */
import { localLookup, withLocalReferences } from '../../checks/model/local-references';
import type { ConfigNode, LoadedInput, ResourceData } from '../../checks/model/types';

const expr = (...references: string[]): ConfigNode => ({ kind: 'expr', hasConstant: false, references });
const block = (attrs: Record<string, ConfigNode>): ConfigNode => ({ kind: 'block', attrs });
const resource = (address: string, module: string, config: ConfigNode): ResourceData =>
  ({ address, mode: 'managed', type: 'aws_s3_bucket_policy', name: address.split('.').pop(), module, providerConfigKey: 'aws', actions: ['create'], after: {}, afterUnknown: {}, afterSensitive: {}, config }) as unknown as ResourceData;
const input = (resources: ResourceData[]): LoadedInput => ({ input: 'plan.json', kind: 'plan', resources, providers: [], moduleCalls: [], outputs: [], meta: {} });

const LOCALS = localLookup([
  { module: '', name: 'bucket_id', value: undefined, references: ['aws_s3_bucket.b.id', 'aws_s3_bucket.b'] },
  { module: 'module.store', name: 'bucket_id', value: undefined, references: ['aws_s3_bucket.this.id', 'aws_s3_bucket.this'] },
]);

describe('withLocalReferences', () => {
  it('replaces a reference to a local by what the local of the same module references', () => {
    const shared = block({ bucket: expr('local.bucket_id'), policy: expr('data.aws_iam_policy_document.p.json', 'data.aws_iam_policy_document.p') });
    const out = withLocalReferences(
      input([resource('aws_s3_bucket_policy.a', '', shared), resource('module.store["x"].aws_s3_bucket_policy.p', 'module.store["x"]', shared), resource('module.store["y"].aws_s3_bucket_policy.p', 'module.store["y"]', shared)]),
      LOCALS,
    );
    const bucketRefs = out.resources.map((r) => (r.config as Extract<ConfigNode, { kind: 'block' }>).attrs.bucket);
    expect(bucketRefs[0]).toEqual(expr('aws_s3_bucket.b.id', 'aws_s3_bucket.b'));
    expect(bucketRefs[1]).toEqual(expr('aws_s3_bucket.this.id', 'aws_s3_bucket.this'));
    // Instances of one module block keep sharing one configuration object; untouched parts are the same objects.
    expect(out.resources[1].config).toBe(out.resources[2].config);
    expect((out.resources[0].config as Extract<ConfigNode, { kind: 'block' }>).attrs.policy).toBe((shared as Extract<ConfigNode, { kind: 'block' }>).attrs.policy);
  });

  it('leaves a local the code does not declare as written, and a plan without locals as it is', () => {
    const plan = input([resource('aws_s3_bucket_policy.a', '', block({ bucket: expr('local.other', 'var.x') }))]);
    expect((withLocalReferences(plan, LOCALS).resources[0].config as Extract<ConfigNode, { kind: 'block' }>).attrs.bucket).toEqual(expr('local.other', 'var.x'));
    const none = input([resource('aws_s3_bucket_policy.a', '', block({ bucket: expr('aws_s3_bucket.b.id') }))]);
    expect(withLocalReferences(none, LOCALS).resources[0]).toBe(none.resources[0]);
  });
});
