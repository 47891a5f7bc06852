import * as path from 'node:path';
import rule from '../../../checks/rules/encryption-at-rest/twinmaker-workspace-bucket-known';
import { ruleStatuses } from '../../cli/run';
import { tfGraph } from '../../helpers/code-forms';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';
import { bucket, scene, workspace } from './fixtures';

const W = 'awscc_iottwinmaker_workspace.w';
const S = 'awscc_iottwinmaker_scene.s';

ruleTable(rule, [
  {
    name: 'a workspace whose bucket is referenced in the plan passes',
    plan: plan([bucket('aws_s3_bucket.twin'), workspace(W, 'aws_s3_bucket.twin')]),
    expect: { [W]: 'pass' },
  },
  {
    name: 'a workspace whose known bucket ARN matches a bucket of the plan passes',
    plan: plan([bucket('aws_s3_bucket.twin', { name: 'twin-data' }), workspace(W, undefined, 'arn:aws:s3:::twin-data')]),
    expect: { [W]: 'pass' },
  },
  {
    name: 'a workspace whose bucket is not in the plan is unknown, naming the bucket',
    plan: plan([workspace(W, undefined, 'arn:aws:s3:::elsewhere')]),
    expect: { [W]: 'unknown' },
    message: /"elsewhere" is not managed in this input/,
  },
  {
    name: 'a workspace whose s3_location is unknown and unfollowable is unknown',
    plan: plan([workspace(W, 'var.bucket_arn')]),
    expect: { [W]: 'unknown' },
    message: /cannot be determined/,
  },
  {
    name: 'a workspace whose bucket is a data source (managed elsewhere) is unknown',
    plan: plan([
      res('data.aws_s3_bucket.existing', { bucket: 'existing' }, { actions: ['read'], unknown: { arn: true } }),
      workspace(W, 'data.aws_s3_bucket.existing'),
    ]),
    expect: { [W]: 'unknown' },
    message: /not managed in this input|managed outside this input/,
  },
  {
    name: 'a sensitive s3_location is not echoed',
    plan: plan([
      res(W, { workspace_id: 'w', role: 'arn:aws:iam::123456789012:role/r', s3_location: 'arn:aws:s3:::hidden-name' }, { sensitive: { s3_location: true } }),
    ]),
    expect: { [W]: 'unknown' },
    message: /^(?!.*hidden-name)/,
  },
  {
    name: 'a scene whose content location is built from a bucket of the plan passes',
    plan: plan([bucket('aws_s3_bucket.twin'), scene(S, 'aws_s3_bucket.twin')]),
    expect: { [S]: 'pass' },
  },
  {
    name: 'a scene whose known s3:// content location names a bucket of the plan passes (S3:// too)',
    plan: plan([bucket('aws_s3_bucket.twin', { name: 'twin-data' }), scene(S, undefined, 'S3://twin-data/scenes/floor.json')]),
    expect: { [S]: 'pass' },
  },
  {
    name: 'a scene whose content is in a bucket not managed here is unknown, naming the bucket',
    plan: plan([bucket('aws_s3_bucket.twin', { name: 'twin-data' }), scene(S, undefined, 's3://shared-scenes/floor.json')]),
    expect: { [S]: 'unknown' },
    message: /The bucket of the scene's content "shared-scenes" is not managed in this input/,
  },
  {
    name: 'a scene whose content location is unknown and unfollowable is unknown',
    plan: plan([scene(S, 'var.scene_bucket')]),
    expect: { [S]: 'unknown' },
    message: /The bucket of the scene's content cannot be determined/,
  },
  {
    name: 'other resource types are not-applicable',
    plan: plan([bucket('aws_s3_bucket.b')]),
    expect: { 'aws_s3_bucket.b': 'not-applicable' },
  },
]);

// In `s3://bucket/key` the bucket's name ends at the first `/`: the URI built from a bucket's name or id names that bucket.
describe('a scene whose content_location is an s3:// URI built from a bucket, read from .tf code', () => {
  const sceneTf = (bucket: string, location: string): string => `resource "aws_s3_bucket" "twin" {
  ${bucket}
}
resource "awscc_iottwinmaker_scene" "s" {
  workspace_id     = "factory"
  scene_id         = "floor"
  content_location = ${location}
}
`;
  const verdict = async (bucket: string, location: string) => worstByAddress(evaluateRule(rule, await tfGraph(sceneTf(bucket, location))))[S];

  it.each([
    ['bucket_prefix = "twin-"', '"s3://${aws_s3_bucket.twin.id}/scene.json"'],
    ['bucket_prefix = "twin-"', '"S3://${aws_s3_bucket.twin.bucket}/scenes/floor.json"'],
    ['bucket_prefix = "twin-"', '"s3://${aws_s3_bucket.twin.id}"'],
    // A literal name: `.bucket` is known, `.id` only after apply; both name the bucket.
    ['bucket = "my-twin-data"', '"s3://${aws_s3_bucket.twin.id}/scene.json"'],
    ['bucket = "my-twin-data"', '"s3://${aws_s3_bucket.twin.bucket}/scene.json"'],
  ])('%s, %s names the bucket: passes', async (bucket, location) => {
    expect(await verdict(bucket, location)).toBe('pass');
  });

  // An ARN is no bucket name, and text after the name before the first `/` makes another name.
  it.each(['"s3://${aws_s3_bucket.twin.arn}/scene.json"', '"s3://${aws_s3_bucket.twin.id}-scenes/scene.json"', '"s3://scenes-${aws_s3_bucket.twin.id}/scene.json"', '"https://${aws_s3_bucket.twin.id}/scene.json"'])(
    '%s names another bucket: unknown',
    async (location) => {
      expect(await verdict('bucket_prefix = "twin-"', location)).toBe('unknown');
    },
  );

  it('a plan alone, the plan read with --code and its .tf code all pass (the plan knows the reference, the code the URI)', async () => {
    const dir = path.join(__dirname, '..', '..', 'fixtures', 'scene-content-location');
    expect(await ruleStatuses(rule.id, [path.join(dir, 'plan.json')])).toEqual({});
    expect(await ruleStatuses(rule.id, [path.join(dir, 'plan.json'), '--code', dir])).toEqual({});
    expect(await ruleStatuses(rule.id, [dir, '--input-kind', 'hcl'])).toEqual({});
  });
});
