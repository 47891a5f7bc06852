/**
 * The link index is linear by construction: every lookup goes through a map. These graphs would
 * take minutes with a pass that compares every bucket with every satellite (4·10^8 pairs for 20k buckets); the
 * assertions are about the answers, never about time.
 */
import { buildGraph } from '../../checks/model/graph';
import { loaded, newBucket, resource, satellite } from './graph-fixtures';

const SSE = 'aws_s3_bucket_server_side_encryption_configuration';
const N = 10_000;

describe('a large graph', () => {
  it('links 10k new buckets to their SSE by reference and 10k existing ones by value', () => {
    const resources = [];
    for (let i = 0; i < N; i++) {
      resources.push(newBucket(`aws_s3_bucket.new_${i}`), satellite(`${SSE}.new_${i}`, `aws_s3_bucket.new_${i}.id`, `aws_s3_bucket.new_${i}`));
      resources.push(resource(`aws_s3_bucket.old_${i}`, { bucket: `old-${i}`, id: `old-${i}` }, { actions: ['no-op'] }), resource(`${SSE}.old_${i}`, { bucket: `old-${i}` }));
    }
    const graph = buildGraph([loaded({ resources })]);
    let linked = 0;
    let undetermined = 0;
    for (const bucket of graph.ofType('aws_s3_bucket')) {
      const attachments = graph.attached(bucket, SSE);
      undetermined += attachments.undetermined.length;
      if (attachments.linked.length === 1 && attachments.linked[0].name === bucket.name) linked++;
    }
    expect({ linked, undetermined }).toEqual({ linked: 2 * N, undetermined: 0 });
  });

  it('links 2k count instances [i] to [i] through the instance index', () => {
    const resources = [];
    for (let i = 0; i < 2_000; i++) resources.push(newBucket(`aws_s3_bucket.b[${i}]`), satellite(`${SSE}.s[${i}]`, 'aws_s3_bucket.b', 'count.index'));
    const graph = buildGraph([loaded({ resources })]);
    const last = graph.byAddress('plan.json', 'aws_s3_bucket.b[1999]');
    expect(last && graph.attached(last, SSE).linked.map((r) => r.address)).toEqual([`${SSE}.s[1999]`]);
  });
});
