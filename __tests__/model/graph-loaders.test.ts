/**
 * The graph over what the configuration loaders read: the split-sse scenario written as main.tf
 * and as cdk.tf.json gives the same links and tags, with no link between the two inputs.
 */
import * as path from 'node:path';
import { loadCdktf } from '../../checks/model/cdktf';
import { buildGraph } from '../../checks/model/graph';
import { loadHcl } from '../../checks/model/hcl';
import type { Graph, LoadedInput } from '../../checks/model/types';

const SCENARIO = path.join(__dirname, '..', 'fixtures', 'split-sse');
const SSE = 'aws_s3_bucket_server_side_encryption_configuration';

function facts(graph: Graph, input: LoadedInput) {
  const bucket = graph.byAddress(input.input, 'aws_s3_bucket.b');
  const sse = graph.byAddress(input.input, `${SSE}.b`);
  if (!bucket || !sse) throw new Error(`split-sse: missing resources in ${input.input}`);
  const key = graph.resolve(sse, ['rule', 0, 'apply_server_side_encryption_by_default', 0, 'kms_master_key_id'], ['aws_kms_key']);
  return {
    sse: graph.attached(bucket, SSE).linked.map((r) => [r.input, r.address]),
    key: key.status === 'resources' ? key.targets.map((r) => [r.input, r.address]) : key.status,
    bucketTags: graph.effectiveTags(bucket),
    sseTags: graph.effectiveTags(sse).status,
  };
}

describe('split-sse through the configuration loaders', () => {
  it('links the SSE and its key, and merges default_tags, the same from main.tf and cdk.tf.json', async () => {
    const hcl = await loadHcl(SCENARIO);
    const [cdktf] = await loadCdktf(path.join(SCENARIO, 'cdk.tf.json'));
    const graph = buildGraph([hcl, cdktf]);
    const expected = (input: string) => ({
      sse: [[input, `${SSE}.b`]],
      key: [[input, 'aws_kms_key.k']],
      bucketTags: { status: 'known', tags: { Project: 'twinguard', Owner: 'platform', Name: 'split-sse-data' }, unknownValues: [], sensitiveKeys: [] },
      sseTags: 'not-taggable',
    });
    expect(facts(graph, hcl)).toEqual(expected(hcl.input));
    expect(facts(graph, cdktf)).toEqual(expected(cdktf.input));
  });
});
