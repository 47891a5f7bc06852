/**
 * The split-sse scenario written two ways (main.tf, cdk.tf.json): a bucket, a separate SSE
 * configuration that refers to it by `aws_s3_bucket.b.id`, a KMS key and provider default_tags.
 * Both loaders must give the same resources, references, values and tags.
 */
import * as path from 'node:path';
import { loadCdktf } from '../../checks/model/cdktf';
import { loadHcl } from '../../checks/model/hcl';
import type { ConfigNode, LoadedInput } from '../../checks/model/types';

const SCENARIO = path.join(__dirname, '..', 'fixtures', 'split-sse');

/** What a rule could observe of an input, leaving out where it came from. */
function observable(input: LoadedInput) {
  const refs = (node: ConfigNode | undefined): unknown => {
    if (node === undefined) return undefined;
    if (node.kind === 'expr') return node.hasConstant ? { constant: node.constant } : { references: node.references };
    if (node.kind === 'list') return node.items.map(refs);
    return Object.fromEntries(Object.entries(node.attrs).map(([k, v]) => [k, refs(v)]));
  };
  return {
    resources: input.resources
      .map((r) => ({ address: r.address, type: r.type, provider: r.providerConfigKey, providerName: r.providerName, after: r.after, unknown: r.afterUnknown, config: refs(r.config) }))
      .sort((a, b) => a.address.localeCompare(b.address)),
    providers: input.providers.map((p) => ({ key: p.key, config: refs(p.config) })),
  };
}

describe('split-sse: the same infrastructure from .tf and from cdk.tf.json', () => {
  let hcl: LoadedInput;
  let cdktf: LoadedInput;
  beforeAll(async () => {
    hcl = await loadHcl(SCENARIO);
    [cdktf] = await loadCdktf(path.join(SCENARIO, 'cdk.tf.json'));
  });

  it('gives the resources, links and tags the scenario states', () => {
    const view = observable(hcl);
    expect(view.resources.map((r) => r.address)).toEqual([
      'aws_kms_key.k',
      'aws_s3_bucket_server_side_encryption_configuration.b',
      'aws_s3_bucket.b',
    ]);
    const sse = view.resources.find((r) => r.type === 'aws_s3_bucket_server_side_encryption_configuration');
    expect(sse).toMatchObject({
      after: { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }], bucket_key_enabled: true }] },
      unknown: { bucket: true, rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: true }] }] },
      config: {
        bucket: { references: ['aws_s3_bucket.b.id', 'aws_s3_bucket.b'] },
        rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: { references: ['aws_kms_key.k.arn', 'aws_kms_key.k'] } }] }],
      },
    });
    expect(view.resources.find((r) => r.address === 'aws_s3_bucket.b')?.after).toEqual({ bucket: 'twinguard-split-sse', tags: { Name: 'split-sse-data' } });
    expect(view.providers).toEqual([
      { key: 'aws', config: { region: { constant: 'eu-west-1' }, default_tags: [{ tags: { constant: { Project: 'twinguard', Owner: 'platform' } } }] } },
    ]);
  });

  it('cdk.tf.json gives exactly what main.tf gives', () => {
    expect(observable(cdktf)).toEqual(observable(hcl));
  });

  it('cdk.tf.json adds the construct paths', () => {
    expect(cdktf.resources.map((r) => r.constructPath).sort()).toEqual(['split-sse/b', 'split-sse/k', 'split-sse/sse']);
  });
});
