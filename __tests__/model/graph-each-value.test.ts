/**
 * `each.value` under a for_each over a resource (`for_each = aws_s3_bucket.m`, `bucket =
 * each.value.id`): instance K's each.value is `aws_s3_bucket.m[K]`, a link, never a guess. Any other
 * for_each (a local, a variable, several objects, an attribute of the resource) keeps `unknown`.
 */
import type { Graph, ResourceData, Resource, Resolution } from '../../checks/model/types';
import { get, graphOf, moduleCall, newBucket, output, ref, resource, satellite } from './graph-fixtures';

const SSE = 'aws_s3_bucket_server_side_encryption_configuration';
/** How Terraform's plan lists `bucket = each.value.id`. */
const EACH_VALUE_ID = ['each.value.id', 'each.value'];

const addresses = (resources: readonly Resource[]): string[] => resources.map((r) => r.address).sort();
const resolveBucket = (graph: Graph, address: string): Resolution => graph.resolve(get(graph, address), ['bucket'], ['aws_s3_bucket']);

/** An SSE instance whose for_each has these references and whose bucket is written as `refs`. */
const chained = (address: string, forEachRefs: readonly string[] | undefined, ...refs: string[]): ResourceData => ({
  ...satellite(address, ...refs),
  ...(forEachRefs ? { forEachRefs } : {}),
});

const buckets = (...keys: string[]): ResourceData[] => keys.map((k) => newBucket(`aws_s3_bucket.m["${k}"]`));

describe('each.value of a for_each over one resource', () => {
  it.each([
    ['each.value.id', EACH_VALUE_ID],
    ['each.value.bucket', ['each.value.bucket', 'each.value']],
    ['as written in configuration', ['each.value.id']],
  ])('links instance K to the resource instance K (%s)', (_, refs) => {
    const graph = graphOf({
      resources: [...buckets('a', 'b'), chained(`${SSE}.m["a"]`, ['aws_s3_bucket.m'], ...refs), chained(`${SSE}.m["b"]`, ['aws_s3_bucket.m'], ...refs)],
    });
    for (const key of ['a', 'b']) {
      const attached = graph.attached(get(graph, `aws_s3_bucket.m["${key}"]`), SSE);
      expect(addresses(attached.linked)).toEqual([`${SSE}.m["${key}"]`]);
      expect(attached.undetermined).toEqual([]);
    }
  });

  it('follows a for_each over a data source to the existing bucket of the same key', () => {
    const existing: ResourceData = { ...resource('data.aws_s3_bucket.x["a"]', { bucket: 'existing-a', id: 'existing-a' }), actions: ['read'] };
    const graph = graphOf({ resources: [existing, chained(`${SSE}.s["a"]`, ['data.aws_s3_bucket.x'], ...EACH_VALUE_ID)] });
    expect(resolveBucket(graph, `${SSE}.s["a"]`)).toEqual({ status: 'value', value: 'existing-a' });
  });

  it('is unknown, naming the missing instance, when the resource has no instance with that key', () => {
    const graph = graphOf({ resources: [...buckets('a'), chained(`${SSE}.m["z"]`, ['aws_s3_bucket.m'], ...EACH_VALUE_ID)] });
    const resolution = resolveBucket(graph, `${SSE}.m["z"]`);
    expect(resolution).toMatchObject({ status: 'unknown', reason: expect.stringContaining('an instance of aws_s3_bucket.m that is not in plan.json') });
  });

  it('still links each.key used as an index (aws_s3_bucket.m[each.key].id)', () => {
    const graph = graphOf({
      resources: [...buckets('a', 'b'), chained(`${SSE}.m["b"]`, ['aws_s3_bucket.m'], 'aws_s3_bucket.m', 'each.key')],
    });
    expect(resolveBucket(graph, `${SSE}.m["b"]`)).toMatchObject({ status: 'resources', targets: [expect.objectContaining({ address: 'aws_s3_bucket.m["b"]' })] });
  });

  it('links a module instance’s input each.value.id to the same-key resource instance', () => {
    const graph = graphOf({
      resources: [...buckets('a', 'b'), satellite(`module.enc["a"].${SSE}.this`, 'var.bucket_id'), satellite(`module.enc["b"].${SSE}.this`, 'var.bucket_id')],
      moduleCalls: [moduleCall('module.enc', { bucket_id: ref(...EACH_VALUE_ID) }, { repetition: 'for_each', forEachRefs: ['aws_s3_bucket.m'] })],
    });
    for (const key of ['a', 'b']) {
      expect(addresses(graph.attached(get(graph, `aws_s3_bucket.m["${key}"]`), SSE).linked)).toEqual([`module.enc["${key}"].${SSE}.this`]);
    }
  });

  it('links a module input that takes each.value whole (an object variable)', () => {
    const graph = graphOf({
      resources: [...buckets('a', 'b'), satellite(`module.enc["b"].${SSE}.this`, 'var.bucket.id', 'var.bucket')],
      moduleCalls: [moduleCall('module.enc', { bucket: ref('each.value') }, { repetition: 'for_each', forEachRefs: ['aws_s3_bucket.m'] })],
    });
    expect(resolveBucket(graph, `module.enc["b"].${SSE}.this`)).toMatchObject({ status: 'resources', targets: [expect.objectContaining({ address: 'aws_s3_bucket.m["b"]' })] });
  });
});

describe('each.value of a for_each over a module call’s instances (a plan’s for_each_expression: module.one)', () => {
  /** Module one, called with for_each ["a", "b"]; in each instance buckets K and K-logs and `output "ids"`. */
  const moduleParts = {
    resources: ['a', 'b'].flatMap((k) => [newBucket(`module.one["${k}"].aws_s3_bucket.this["${k}"]`), newBucket(`module.one["${k}"].aws_s3_bucket.this["${k}-logs"]`)]),
    moduleCalls: [moduleCall('module.one', {}, { repetition: 'for_each' })],
    outputs: [output('module.one', 'ids', ref('aws_s3_bucket.this'))],
  };
  const key = { ...moduleParts, outputs: [output('module.one', 'key_arn', ref('aws_kms_key.this.arn', 'aws_kms_key.this'))] };

  it('links each.value.<output> to the output of the instance of the same key', () => {
    const graph = graphOf({
      ...key,
      resources: ['a', 'b'].flatMap((k) => [
        resource(`module.one["${k}"].aws_kms_key.this`, {}, { unknown: { arn: true } }),
        resource(`aws_sns_topic.t["${k}"]`, {}, { unknown: { kms_master_key_id: true }, config: { kms_master_key_id: ref('each.value.key_arn', 'each.value') } }),
      ]).map((r) => (r.type === 'aws_sns_topic' ? { ...r, forEachRefs: ['module.one'] } : r)),
    });
    for (const k of ['a', 'b']) {
      expect(graph.resolve(get(graph, `aws_sns_topic.t["${k}"]`), ['kms_master_key_id'], ['aws_kms_key'])).toMatchObject({
        status: 'resources',
        targets: [expect.objectContaining({ address: `module.one["${k}"].aws_kms_key.this` })],
      });
    }
  });

  it('is ambiguous, not a guess, where the output names several buckets of the instance and the plan has no code', () => {
    const graph = graphOf({ ...moduleParts, resources: [...moduleParts.resources, chained(`${SSE}.a["b"]`, ['module.one'], 'each.value.ids', 'each.value', 'each.key')] });
    expect(resolveBucket(graph, `${SSE}.a["b"]`)).toMatchObject({ status: 'ambiguous' });
    expect(addresses((resolveBucket(graph, `${SSE}.a["b"]`) as Extract<Resolution, { status: 'ambiguous' }>).candidates)).toEqual([
      'module.one["b"].aws_s3_bucket.this["b"]',
      'module.one["b"].aws_s3_bucket.this["b-logs"]',
    ]);
  });

  it('stays unknown where a resource attribute takes each.value whole (a module instance is an object)', () => {
    const graph = graphOf({ ...moduleParts, resources: [...moduleParts.resources, chained(`${SSE}.a["b"]`, ['module.one'], 'each.value')] });
    expect(resolveBucket(graph, `${SSE}.a["b"]`)).toMatchObject({ status: 'unknown', reason: expect.stringContaining('transformation') });
  });
});

describe('each.value stays unknown when the for_each is not one resource', () => {
  it.each([
    ['a local', ['local.buckets']],
    ['a variable', ['var.buckets']],
    ['an attribute of the resource', ['aws_s3_bucket.m.tags', 'aws_s3_bucket.m']],
    ['two resources', ['aws_s3_bucket.m', 'aws_s3_bucket.n']],
    ['an indexed instance', ['aws_s3_bucket.m["a"]', 'aws_s3_bucket.m']],
    ['a module output', ['module.store.buckets', 'module.store']],
    ['nothing the loader kept (a for expression in configuration)', undefined],
  ])('%s', (_, forEachRefs) => {
    const graph = graphOf({ resources: [...buckets('a'), newBucket('aws_s3_bucket.n["a"]'), chained(`${SSE}.m["a"]`, forEachRefs, ...EACH_VALUE_ID)] });
    expect(resolveBucket(graph, `${SSE}.m["a"]`)).toMatchObject({ status: 'unknown', reason: expect.stringContaining('each.value') });
    expect(graph.attached(get(graph, 'aws_s3_bucket.m["a"]'), SSE)).toEqual({ linked: [], undetermined: [get(graph, `${SSE}.m["a"]`)] });
  });

  it('when a resource attribute takes each.value whole: the for_each must have transformed the objects', () => {
    const graph = graphOf({ resources: [...buckets('a'), chained(`${SSE}.m["a"]`, ['aws_s3_bucket.m'], 'each.value')] });
    expect(resolveBucket(graph, `${SSE}.m["a"]`)).toMatchObject({ status: 'unknown', reason: expect.stringContaining('transformation') });
  });

  it('when the module call’s for_each is a local', () => {
    const graph = graphOf({
      resources: [...buckets('a'), satellite(`module.enc["a"].${SSE}.this`, 'var.bucket_id')],
      moduleCalls: [moduleCall('module.enc', { bucket_id: ref(...EACH_VALUE_ID) }, { repetition: 'for_each', forEachRefs: ['local.buckets'] })],
    });
    expect(resolveBucket(graph, `module.enc["a"].${SSE}.this`).status).toBe('unknown');
  });

  it('when the instance is not keyed by a string (a count instance)', () => {
    const graph = graphOf({ resources: [...buckets('a'), chained(`${SSE}.m[0]`, ['aws_s3_bucket.m'], ...EACH_VALUE_ID)] });
    expect(resolveBucket(graph, `${SSE}.m[0]`).status).toBe('unknown');
  });
});
