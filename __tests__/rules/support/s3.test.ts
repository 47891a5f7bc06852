/** The shared S3 helpers other rule categories import: who uses a bucket, which satellite configures it. */
import { bucketSatellite, bucketUsage, targetBucket } from '../../../checks/rules/support/s3';
import type { Graph } from '../../../checks/model/types';
import { graphOf, plan } from '../../helpers/plan-builder';
import { bucket, sse, trail, workspace } from '../encryption-at-rest/fixtures';

const SSE = 'aws_s3_bucket_server_side_encryption_configuration';
const at = (graph: Graph, address: string) => {
  const found = graph.resources.find((r) => r.address === address);
  if (!found) throw new Error(`no ${address}`);
  return found;
};
const addressesOf = (resources: readonly { address: string }[]) => resources.map((r) => r.address);

describe('bucketUsage', () => {
  const graph = graphOf(
    plan([
      bucket('aws_s3_bucket.twin'),
      bucket('aws_s3_bucket.trail'),
      bucket('aws_s3_bucket.plain'),
      workspace('awscc_iottwinmaker_workspace.w', 'aws_s3_bucket.twin'),
      trail('aws_cloudtrail.t', 'aws_s3_bucket.trail'),
    ]),
  );

  it('finds the workspace of a TwinMaker bucket and the trail of a CloudTrail bucket', () => {
    expect(addressesOf(bucketUsage(graph, at(graph, 'aws_s3_bucket.twin')).twinmaker)).toEqual(['awscc_iottwinmaker_workspace.w']);
    expect(addressesOf(bucketUsage(graph, at(graph, 'aws_s3_bucket.trail')).cloudtrail)).toEqual(['aws_cloudtrail.t']);
  });

  it('finds no user of a bucket nobody names', () => {
    expect(bucketUsage(graph, at(graph, 'aws_s3_bucket.plain'))).toEqual({ twinmaker: [], cloudtrail: [], undetermined: [] });
  });

  it('lists a workspace whose bucket cannot be determined as a possible user of every bucket', () => {
    const open = graphOf(plan([bucket('aws_s3_bucket.a'), workspace('awscc_iottwinmaker_workspace.w', 'var.bucket_arn')]));
    expect(addressesOf(bucketUsage(open, at(open, 'aws_s3_bucket.a')).undetermined)).toEqual(['awscc_iottwinmaker_workspace.w']);
    expect(targetBucket(open, at(open, 'awscc_iottwinmaker_workspace.w')).status).toBe('unknown');
  });

  it('matches a known bucket ARN to the bucket of that name, and calls another name external', () => {
    const byArn = graphOf(plan([bucket('aws_s3_bucket.a', { name: 'data-a' }), workspace('awscc_iottwinmaker_workspace.w', undefined, 'arn:aws:s3:::data-a'), workspace('awscc_iottwinmaker_workspace.x', undefined, 'arn:aws:s3:::elsewhere')]));
    expect(addressesOf(bucketUsage(byArn, at(byArn, 'aws_s3_bucket.a')).twinmaker)).toEqual(['awscc_iottwinmaker_workspace.w']);
    expect(targetBucket(byArn, at(byArn, 'awscc_iottwinmaker_workspace.x'))).toEqual({ status: 'external', name: 'elsewhere' });
  });
});

describe('bucketSatellite', () => {
  it('answers linked with the satellite that references the bucket', () => {
    const graph = graphOf(plan([bucket('aws_s3_bucket.a'), sse(`${SSE}.a`, 'aws_s3_bucket.a')]));
    const lookup = bucketSatellite(graph, at(graph, 'aws_s3_bucket.a'), SSE);
    expect(lookup.status === 'linked' && addressesOf(lookup.satellites)).toEqual([`${SSE}.a`]);
  });

  it('answers none, naming the satellite type, when nothing points at the bucket', () => {
    const graph = graphOf(plan([bucket('aws_s3_bucket.a')]));
    expect(bucketSatellite(graph, at(graph, 'aws_s3_bucket.a'), SSE)).toEqual({ status: 'none', message: `no ${SSE} points at this bucket` });
  });

  it('answers undetermined, naming the candidate, when a satellite\'s bucket cannot be followed', () => {
    const graph = graphOf(plan([bucket('aws_s3_bucket.a'), sse(`${SSE}.x`, 'aws_s3_bucket.a', { bucketRefs: ['var.bucket'] })]));
    const lookup = bucketSatellite(graph, at(graph, 'aws_s3_bucket.a'), SSE);
    expect(lookup.status).toBe('undetermined');
    expect(lookup.status === 'undetermined' && lookup.message).toMatch(new RegExp(`${SSE}\\.x`));
  });
});
