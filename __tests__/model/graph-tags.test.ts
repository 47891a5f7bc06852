import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { buildGraph } from '../../checks/model/graph';
import { loadHcl } from '../../checks/model/hcl';
import { withFiles } from '../cli/run';
import { block, c, defaultTags, get, graphOf, list, moduleCall, provider, ref, resource } from './graph-fixtures';

const knownTags = (tags: Record<string, string>, unknownValues: string[] = [], sensitiveKeys: string[] = []) => ({ status: 'known', tags, unknownValues, sensitiveKeys });

describe('effective tags of aws resources', () => {
  const providers = [
    provider('aws', defaultTags(c({ Owner: 'platform', Env: 'dev' }))),
    provider('aws.east', defaultTags(c({ Owner: 'east-team' }))),
  ];

  it('uses tags_all when Terraform knows it', () => {
    const graph = graphOf({ providers, resources: [resource('aws_s3_bucket.b', { tags: { Name: 'b' }, tags_all: { Name: 'b', Owner: 'from-plan' } })] });
    expect(graph.effectiveTags(get(graph, 'aws_s3_bucket.b'))).toEqual(knownTags({ Name: 'b', Owner: 'from-plan' }));
  });

  it('merges tags over the default_tags of the provider when tags_all is unknown', () => {
    const graph = graphOf({
      providers,
      resources: [resource('aws_s3_bucket.b', { tags: { Name: 'b', Env: 'prod' } }, { unknown: { tags_all: true } })],
    });
    expect(graph.effectiveTags(get(graph, 'aws_s3_bucket.b'))).toEqual(knownTags({ Owner: 'platform', Env: 'prod', Name: 'b' }));
  });

  it('merges over the default_tags when there is no tags_all at all (cdk.tf.json, .tf)', () => {
    const graph = graphOf({ providers, resources: [resource('aws_s3_bucket.b', {}, { provider: 'aws.east' })] });
    expect(graph.effectiveTags(get(graph, 'aws_s3_bucket.b'))).toEqual(knownTags({ Owner: 'east-team' }));
  });

  it('takes the default_tags of the aliased provider a resource names', () => {
    const graph = graphOf({
      providers,
      resources: [resource('aws_s3_bucket.b', { tags: { Name: 'b' } }, { provider: 'aws.east', unknown: { tags_all: true } })],
    });
    expect(graph.providerOf(get(graph, 'aws_s3_bucket.b'))?.key).toBe('aws.east');
    expect(graph.effectiveTags(get(graph, 'aws_s3_bucket.b'))).toEqual(knownTags({ Owner: 'east-team', Name: 'b' }));
  });

  it('inherits the root provider inside a module that has no provider block (only the plan’s placeholder)', () => {
    const graph = graphOf({
      providers: [...providers, provider('module.app:aws')],
      moduleCalls: [moduleCall('module.app')],
      resources: [resource('module.app.aws_sqs_queue.q')],
    });
    expect(graph.providerOf(get(graph, 'module.app.aws_sqs_queue.q'))?.key).toBe('aws');
    expect(graph.effectiveTags(get(graph, 'module.app.aws_sqs_queue.q'))).toEqual(knownTags({ Owner: 'platform', Env: 'dev' }));
  });

  it('follows the providers map of nested module calls', () => {
    const graph = graphOf({
      providers,
      moduleCalls: [moduleCall('module.outer', {}, { providers: { aws: 'aws.east' } }), moduleCall('module.outer.module.inner')],
      resources: [resource('module.outer.module.inner.aws_sns_topic.t')],
    });
    expect(graph.providerOf(get(graph, 'module.outer.module.inner.aws_sns_topic.t'))?.key).toBe('aws.east');
    expect(graph.effectiveTags(get(graph, 'module.outer.module.inner.aws_sns_topic.t'))).toEqual(knownTags({ Owner: 'east-team' }));
  });

  it('uses a module’s own provider block', () => {
    const graph = graphOf({
      providers: [...providers, provider('module.legacy:aws', { region: c('eu-west-1'), ...defaultTags(c({ Owner: 'legacy' })) })],
      moduleCalls: [moduleCall('module.legacy')],
      resources: [resource('module.legacy.aws_s3_bucket.b')],
    });
    expect(graph.effectiveTags(get(graph, 'module.legacy.aws_s3_bucket.b'))).toEqual(knownTags({ Owner: 'legacy' }));
  });

  it('is unknown when default_tags are not constants', () => {
    const graph = graphOf({ providers: [provider('aws', defaultTags(ref('var.tags')))], resources: [resource('aws_s3_bucket.b', { tags: { Name: 'b' } })] });
    expect(graph.effectiveTags(get(graph, 'aws_s3_bucket.b'))).toEqual({ status: 'unknown', reason: expect.stringContaining('default_tags') });
  });

  it('is unknown when the provider a resource names cannot be found', () => {
    const graph = graphOf({ providers, resources: [resource('aws_s3_bucket.b', {}, { provider: 'aws.west' })] });
    expect(graph.providerOf(get(graph, 'aws_s3_bucket.b'))).toBeUndefined();
    expect(graph.effectiveTags(get(graph, 'aws_s3_bucket.b')).status).toBe('unknown');
  });

  it('has no default tags without a provider block, and reads provider values as a view', () => {
    const graph = graphOf({ resources: [resource('aws_s3_bucket.b', { tags: { Name: 'b' } })] });
    expect(graph.effectiveTags(get(graph, 'aws_s3_bucket.b'))).toEqual(knownTags({ Name: 'b' }));
    const withProvider = graphOf({ providers, resources: [resource('aws_s3_bucket.b')] });
    const values = withProvider.providerOf(get(withProvider, 'aws_s3_bucket.b'))?.values;
    expect(values?.get('default_tags', 0, 'tags', 'Owner').string()).toEqual({ kind: 'known', value: 'platform' });
  });

  it('is unknown when the tags map itself is unknown', () => {
    const graph = graphOf({ providers, resources: [resource('aws_s3_bucket.b', {}, { unknown: { tags: true, tags_all: true } })] });
    // The provider's default tags stay, whatever the resource's own tags turn out to be (they may replace the values: none is fixed).
    expect(graph.effectiveTags(get(graph, 'aws_s3_bucket.b'))).toEqual({
      status: 'unknown',
      reason: expect.stringContaining('tags'),
      atLeast: { tags: { Owner: 'platform', Env: 'dev' }, unknownValues: [], sensitiveKeys: [], fixed: new Set() },
    });
  });

  it('lists tags whose values are unknown (left out of after, as Terraform does) and sensitive ones', () => {
    const graph = graphOf({
      resources: [
        resource(
          'aws_s3_bucket.b',
          { tags_all: { Name: 'b', Secret: 'x' } },
          { unknown: { tags_all: { Build: true } }, sensitive: { tags_all: { Secret: true } } },
        ),
      ],
    });
    expect(graph.effectiveTags(get(graph, 'aws_s3_bucket.b'))).toEqual(knownTags({ Name: 'b', Secret: 'x' }, ['Build'], ['Secret']));
  });

  it('decides what is taggable', () => {
    const graph = graphOf({
      resources: [
        resource('aws_s3_bucket_policy.p', { policy: '{}' }),
        resource('data.aws_s3_bucket.d', { bucket: 'x', tags: {} }),
        resource('aws_kms_key.k'),
        resource('aws_some_new_service_thing.x', { tags: null }),
        resource('google_storage_bucket.g', { labels: {} }),
      ],
    });
    expect(graph.effectiveTags(get(graph, 'aws_s3_bucket_policy.p')).status).toBe('not-taggable');
    expect(graph.effectiveTags(get(graph, 'data.aws_s3_bucket.d')).status).toBe('not-taggable');
    expect(graph.effectiveTags(get(graph, 'aws_kms_key.k'))).toEqual(knownTags({}));
    expect(graph.effectiveTags(get(graph, 'aws_some_new_service_thing.x'))).toEqual(knownTags({}));
    expect(graph.effectiveTags(get(graph, 'google_storage_bucket.g')).status).toBe('not-taggable');
  });

  // A .tf or cdktf input writes no unset `tags` (a plan does): every type of the provider that takes them counts.
  it('counts an untagged resource of any aws type that takes tags as taggable, as a plan would show it', () => {
    const graph = graphOf({
      resources: [resource('aws_eks_node_group.n', { cluster_name: 'c' }), resource('aws_appautoscaling_target.t', { max_capacity: 2 }), resource('aws_lb_listener_rule.r', { priority: 1 }), resource('aws_lb_target_group_attachment.a', { port: 80 })],
    });
    expect(graph.effectiveTags(get(graph, 'aws_eks_node_group.n'))).toEqual(knownTags({}));
    expect(graph.effectiveTags(get(graph, 'aws_appautoscaling_target.t'))).toEqual(knownTags({}));
    expect(graph.effectiveTags(get(graph, 'aws_lb_listener_rule.r'))).toEqual(knownTags({}));
    expect(graph.effectiveTags(get(graph, 'aws_lb_target_group_attachment.a')).status).toBe('not-taggable');
  });

  it('takes the list of taggable aws types from the provider the stacks pin (scripts/taggable-types.mjs --check)', () => {
    const run = spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'taggable-types.mjs'), '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('effective tags of awscc resources', () => {
  const providers = [provider('aws', defaultTags(c({ Owner: 'platform' }))), provider('awscc')];

  it('reads a tags map and ignores aws default_tags', () => {
    const graph = graphOf({ providers, resources: [resource('awscc_iottwinmaker_workspace.w', { tags: { Name: 'twin' } })] });
    expect(graph.effectiveTags(get(graph, 'awscc_iottwinmaker_workspace.w'))).toEqual(knownTags({ Name: 'twin' }));
  });

  it('reads a list of { key, value }', () => {
    const graph = graphOf({
      providers,
      resources: [resource('awscc_s3_bucket.b', { tags: [{ key: 'Name', value: 'b' }, { key: 'Build' }] }, { unknown: { tags: [{}, { value: true }] } })],
    });
    expect(graph.effectiveTags(get(graph, 'awscc_s3_bucket.b'))).toEqual(knownTags({ Name: 'b' }, ['Build']));
  });

  it('is unknown when a key is unknown', () => {
    const graph = graphOf({ resources: [resource('awscc_s3_bucket.b', { tags: [{ value: 'b' }] }, { unknown: { tags: [{ key: true }] } })] });
    expect(graph.effectiveTags(get(graph, 'awscc_s3_bucket.b')).status).toBe('unknown');
  });

  it('counts an untagged TwinMaker workspace as taggable with no tags', () => {
    const graph = graphOf({ resources: [resource('awscc_iottwinmaker_workspace.w', { workspace_id: 'twin' })] });
    expect(graph.effectiveTags(get(graph, 'awscc_iottwinmaker_workspace.w'))).toEqual(knownTags({}));
  });

  it('treats an awscc type with no tags in schema or configuration as not taggable', () => {
    const graph = graphOf({ resources: [resource('awscc_iottwinmaker_thing.x', { a: 1 })] });
    expect(graph.effectiveTags(get(graph, 'awscc_iottwinmaker_thing.x')).status).toBe('not-taggable');
  });

  it('counts a configured tags block (config only) as taggable', () => {
    const graph = graphOf({ resources: [resource('awscc_other_thing.x', {}, { unknown: { tags: true }, config: { tags: list(block({ key: c('a'), value: ref('var.v') })) } })] });
    expect(graph.effectiveTags(get(graph, 'awscc_other_thing.x')).status).toBe('unknown');
  });
});

describe('an OpenTofu provider repeated with for_each (1.9), in .tf', () => {
  it('a resource of aws.by_region[each.key] (or [each.value] of a set), and each instance of a module given aws.by_region[each.key], take the default_tags of their own provider instance', async () => {
    const main = `
variable "regions" {
  default = ["eu-west-1", "us-east-1"]
}
provider "aws" {
  alias    = "by_region"
  for_each = toset(var.regions)
  region   = each.key
  default_tags {
    tags = { Environment = "prod", Owner = "platform", Region = each.key }
  }
}
resource "aws_sqs_queue" "q" {
  for_each = toset(var.regions)
  provider = aws.by_region[each.key]
  name     = "q-\${each.key}"
}
resource "aws_sqs_queue" "v" {
  for_each = toset(var.regions)
  provider = aws.by_region[each.value]
  name     = "q-\${each.key}"
}
module "m" {
  source    = "./m"
  for_each  = toset(var.regions)
  providers = { aws = aws.by_region[each.key] }
}
`;
    await withFiles({ 'main.tf': main, 'm/main.tf': 'resource "aws_sns_topic" "t" {\n  name = "t"\n}\n' }, async (dir) => {
      const graph = buildGraph([await loadHcl(dir)]);
      const queue = get(graph, 'aws_sqs_queue.q["eu-west-1"]', dir);
      expect(graph.effectiveTags(queue)).toEqual(knownTags({ Environment: 'prod', Owner: 'platform', Region: 'eu-west-1' }));
      expect(graph.providerOf(queue)?.key).toBe('aws.by_region["eu-west-1"]');
      expect(graph.providerOf(get(graph, 'aws_sqs_queue.v["us-east-1"]', dir))?.key).toBe('aws.by_region["us-east-1"]');
      const topic = get(graph, 'module.m["us-east-1"].aws_sns_topic.t', dir);
      expect(graph.providerOf(topic)?.key).toBe('aws.by_region["us-east-1"]');
      expect(graph.effectiveTags(topic)).toEqual(knownTags({ Environment: 'prod', Owner: 'platform', Region: 'us-east-1' }));
    });
  });
});
