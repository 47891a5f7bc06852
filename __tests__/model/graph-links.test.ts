import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withCode } from '../../checks/model/code-sources';
import { buildGraph } from '../../checks/model/graph';
import { loadHcl } from '../../checks/model/hcl';
import { loadInputs } from '../../checks/model/load';
import type { Resolution, Resource } from '../../checks/model/types';
import { c, get, graphOf, loaded, moduleCall, newBucket, output, ref, resource, satellite } from './graph-fixtures';

const SSE = 'aws_s3_bucket_server_side_encryption_configuration';

const addresses = (resources: readonly Resource[]): string[] => resources.map((r) => r.address).sort();

function targetsOf(resolution: Resolution): string[] {
  if (resolution.status === 'resources') return addresses(resolution.targets);
  throw new Error(`expected resources, got ${JSON.stringify(resolution.status === 'ambiguous' ? addresses(resolution.candidates) : resolution)}`);
}

describe('links by configuration reference (values unknown at plan time)', () => {
  it('links split S3 resources to their new bucket, and not to another one', () => {
    const graph = graphOf({
      resources: [
        newBucket('aws_s3_bucket.data', 'data'),
        newBucket('aws_s3_bucket.logs', 'logs'),
        satellite(`${SSE}.data`, 'aws_s3_bucket.data.id', 'aws_s3_bucket.data'),
        satellite('aws_s3_bucket_versioning.data', 'aws_s3_bucket.data.bucket', 'aws_s3_bucket.data'),
      ],
    });
    const data = get(graph, 'aws_s3_bucket.data');
    expect(addresses(graph.attached(data, SSE).linked)).toEqual([`${SSE}.data`]);
    expect(addresses(graph.attached(data, 'aws_s3_bucket_versioning').linked)).toEqual(['aws_s3_bucket_versioning.data']);
    expect(graph.attached(get(graph, 'aws_s3_bucket.logs'), SSE)).toEqual({ linked: [], undetermined: [] });
    const resolution = graph.resolve(get(graph, `${SSE}.data`), ['bucket'], ['aws_s3_bucket']);
    expect(resolution).toMatchObject({ status: 'resources', via: 'reference' });
  });

  it('follows an SSE inside a module to the bucket passed as the module input', () => {
    const graph = graphOf({
      resources: [newBucket('aws_s3_bucket.data', 'data'), satellite(`module.encryption.${SSE}.this`, 'var.bucket_id')],
      moduleCalls: [moduleCall('module.encryption', { bucket_id: ref('aws_s3_bucket.data.id', 'aws_s3_bucket.data') })],
    });
    expect(addresses(graph.attached(get(graph, 'aws_s3_bucket.data'), SSE).linked)).toEqual([`module.encryption.${SSE}.this`]);
  });

  it('follows an SSE in the root to the bucket a module output names', () => {
    const graph = graphOf({
      resources: [newBucket('module.store.aws_s3_bucket.this', 'store'), satellite(`${SSE}.store`, 'module.store.bucket_id', 'module.store')],
      moduleCalls: [moduleCall('module.store')],
      outputs: [output('module.store', 'bucket_id', ref('aws_s3_bucket.this.id', 'aws_s3_bucket.this'))],
    });
    expect(targetsOf(graph.resolve(get(graph, `${SSE}.store`), ['bucket'], ['aws_s3_bucket']))).toEqual(['module.store.aws_s3_bucket.this']);
  });

  it('keeps a module instance’s SSE on the bucket of the same instance (for_each module)', () => {
    const instance = (key: string) => `module.site["${key}"]`;
    const graph = graphOf({
      resources: ['eu', 'us'].flatMap((key) => [
        newBucket(`${instance(key)}.aws_s3_bucket.this`),
        satellite(`${instance(key)}.${SSE}.this`, 'aws_s3_bucket.this.id', 'aws_s3_bucket.this'),
      ]),
      moduleCalls: [moduleCall('module.site', {}, { repetition: 'for_each' })],
    });
    expect(addresses(graph.attached(get(graph, `${instance('eu')}.aws_s3_bucket.this`), SSE).linked)).toEqual([`${instance('eu')}.${SSE}.this`]);
  });

  it('passes a for_each module instance’s input from the same key of the parent (module.m[each.key])', () => {
    const graph = graphOf({
      resources: [
        newBucket('aws_s3_bucket.b["a"]'),
        newBucket('aws_s3_bucket.b["b"]'),
        satellite(`module.enc["a"].${SSE}.this`, 'var.bucket'),
        satellite(`module.enc["b"].${SSE}.this`, 'var.bucket'),
      ],
      moduleCalls: [moduleCall('module.enc', { bucket: ref('aws_s3_bucket.b', 'each.key') }, { repetition: 'for_each' })],
    });
    expect(targetsOf(graph.resolve(get(graph, `module.enc["b"].${SSE}.this`), ['bucket'], ['aws_s3_bucket']))).toEqual(['aws_s3_bucket.b["b"]']);
  });

  it.each([
    ['as Terraform writes it', ['aws_s3_bucket.b', 'count.index']],
    ['as written in configuration', ['aws_s3_bucket.b[count.index].id']],
  ])('links count instance [i] to instance [i] (%s)', (_, refs) => {
    const graph = graphOf({
      resources: [newBucket('aws_s3_bucket.b[0]'), newBucket('aws_s3_bucket.b[1]'), satellite(`${SSE}.s[0]`, ...refs), satellite(`${SSE}.s[1]`, ...refs)],
    });
    expect(addresses(graph.attached(get(graph, 'aws_s3_bucket.b[1]'), SSE).linked)).toEqual([`${SSE}.s[1]`]);
    expect(graph.attached(get(graph, 'aws_s3_bucket.b[1]'), SSE).undetermined).toEqual([]);
  });

  it('links for_each instances by each.key', () => {
    const graph = graphOf({
      resources: [
        newBucket('aws_s3_bucket.b["raw"]'),
        newBucket('aws_s3_bucket.b["curated"]'),
        satellite(`${SSE}.s["raw"]`, 'aws_s3_bucket.b', 'each.key'),
        satellite(`${SSE}.s["curated"]`, 'aws_s3_bucket.b', 'each.key'),
      ],
    });
    expect(targetsOf(graph.resolve(get(graph, `${SSE}.s["curated"]`), ['bucket']))).toEqual(['aws_s3_bucket.b["curated"]']);
  });

  it('does not pair a count index with a for_each key', () => {
    const graph = graphOf({
      resources: [newBucket('aws_s3_bucket.b["0"]'), newBucket('aws_s3_bucket.b["1"]'), satellite(`${SSE}.s[0]`, 'aws_s3_bucket.b', 'var.names', 'count.index')],
    });
    expect(graph.resolve(get(graph, `${SSE}.s[0]`), ['bucket'], ['aws_s3_bucket']).status).toBe('ambiguous');
  });

  it('links a literal index to that instance', () => {
    const graph = graphOf({
      resources: [
        newBucket('aws_s3_bucket.b["x"]'),
        newBucket('aws_s3_bucket.b["y"]'),
        newBucket('aws_s3_bucket.c[0]'),
        newBucket('aws_s3_bucket.c[1]'),
        satellite(`${SSE}.y`, 'aws_s3_bucket.b["y"].id', 'aws_s3_bucket.b["y"]', 'aws_s3_bucket.b'),
        satellite(`${SSE}.c1`, 'aws_s3_bucket.c[1].id', 'aws_s3_bucket.c[1]', 'aws_s3_bucket.c'),
      ],
    });
    expect(targetsOf(graph.resolve(get(graph, `${SSE}.y`), ['bucket']))).toEqual(['aws_s3_bucket.b["y"]']);
    expect(targetsOf(graph.resolve(get(graph, `${SSE}.c1`), ['bucket']))).toEqual(['aws_s3_bucket.c[1]']);
  });

  it('reports an unindexed reference to a repeated bucket as ambiguous, and the SSE as undetermined for each bucket', () => {
    const graph = graphOf({
      resources: [newBucket('aws_s3_bucket.b[0]'), newBucket('aws_s3_bucket.b[1]'), satellite(`${SSE}.one`, 'aws_s3_bucket.b')],
    });
    const resolution = graph.resolve(get(graph, `${SSE}.one`), ['bucket'], ['aws_s3_bucket']);
    expect(resolution.status).toBe('ambiguous');
    expect(resolution.status === 'ambiguous' && addresses(resolution.candidates)).toEqual(['aws_s3_bucket.b[0]', 'aws_s3_bucket.b[1]']);
    const attachments = graph.attached(get(graph, 'aws_s3_bucket.b[0]'), SSE);
    expect(attachments.linked).toEqual([]);
    expect(addresses(attachments.undetermined)).toEqual([`${SSE}.one`]);
  });

  it('counts a satellite whose references name a bucket and something else as undetermined, not linked (var.f ? aws_s3_bucket.l.id : data…)', () => {
    const graph = graphOf({
      resources: [
        newBucket('aws_s3_bucket.l'),
        resource('data.aws_s3_bucket.other', { bucket: 'existing' }),
        satellite(`${SSE}.e`, 'var.f', 'aws_s3_bucket.l.id', 'aws_s3_bucket.l', 'data.aws_s3_bucket.other.id', 'data.aws_s3_bucket.other'),
      ],
    });
    const attachments = graph.attached(get(graph, 'aws_s3_bucket.l'), SSE);
    expect({ linked: addresses(attachments.linked), undetermined: addresses(attachments.undetermined) }).toEqual({ linked: [], undetermined: [`${SSE}.e`] });
  });

  it.each(['bucket_domain_name', 'region', 'tags_all'])('does not link a satellite to a bucket by its %s, which does not name it', (attr) => {
    const graph = graphOf({ resources: [newBucket('aws_s3_bucket.l'), satellite(`${SSE}.e`, `aws_s3_bucket.l.${attr}`, 'aws_s3_bucket.l')] });
    expect(graph.attached(get(graph, 'aws_s3_bucket.l'), SSE).linked).toEqual([]);
    expect(graph.resolve(get(graph, `${SSE}.e`), ['bucket'], ['aws_s3_bucket'])).toEqual({ status: 'unknown', reason: expect.stringContaining(`aws_s3_bucket.l's ${attr}, which does not name it`) });
  });

  it('links a count resource with a single instance even without an index (one(aws_s3_bucket.b[*].id))', () => {
    const graph = graphOf({ resources: [newBucket('aws_s3_bucket.b[0]'), satellite(`${SSE}.one`, 'aws_s3_bucket.b')] });
    expect(targetsOf(graph.resolve(get(graph, `${SSE}.one`), ['bucket']))).toEqual(['aws_s3_bucket.b[0]']);
  });

  it('says why a link is unknown, and counts the resource as undetermined for every bucket', () => {
    const graph = graphOf({ resources: [newBucket('aws_s3_bucket.a'), newBucket('aws_s3_bucket.b'), satellite(`${SSE}.s`, 'local.bucket_id')] });
    const resolution = graph.resolve(get(graph, `${SSE}.s`), ['bucket'], ['aws_s3_bucket']);
    expect(resolution).toEqual({ status: 'unknown', reason: expect.stringContaining('local.bucket_id') });
    for (const bucket of ['aws_s3_bucket.a', 'aws_s3_bucket.b']) expect(addresses(graph.attached(get(graph, bucket), SSE).undetermined)).toEqual([`${SSE}.s`]);
  });

  it('is unknown, not absent, when the value is unknown and no reference is written', () => {
    const graph = graphOf({ resources: [resource(`${SSE}.s`, {}, { unknown: { bucket: true } })] });
    expect(graph.resolve(get(graph, `${SSE}.s`), ['bucket']).status).toBe('unknown');
  });

  it('is absent when the attribute is not set', () => {
    const graph = graphOf({ resources: [resource(`${SSE}.s`, { bucket: null })] });
    expect(graph.resolve(get(graph, `${SSE}.s`), ['expected_bucket_owner']).status).toBe('absent');
  });

  it('does not link to a resource of another type', () => {
    const graph = graphOf({
      resources: [resource('random_id.suffix', {}, { unknown: { hex: true } }), satellite(`${SSE}.s`, 'random_id.suffix.hex', 'random_id.suffix')],
    });
    expect(graph.resolve(get(graph, `${SSE}.s`), ['bucket'], ['aws_s3_bucket'])).toEqual({ status: 'unknown', reason: expect.stringContaining('random_id.suffix') });
  });

  it('follows a KMS alias reference to the key it targets', () => {
    const graph = graphOf({
      resources: [
        resource('aws_kms_key.k', {}, { unknown: { id: true, arn: true, key_id: true } }),
        resource('aws_kms_alias.a', { name: 'alias/data' }, { unknown: { target_key_id: true, target_key_arn: true }, config: { target_key_id: ref('aws_kms_key.k.key_id', 'aws_kms_key.k') } }),
        resource(`${SSE}.s`, {}, { unknown: { key: true }, config: { key: ref('aws_kms_alias.a.target_key_arn', 'aws_kms_alias.a') } }),
      ],
    });
    expect(targetsOf(graph.resolve(get(graph, `${SSE}.s`), ['key'], ['aws_kms_key']))).toEqual(['aws_kms_key.k']);
  });

  it("follows a bucket policy's id to its bucket (terraform-aws-modules/s3-bucket's public access block)", () => {
    const graph = graphOf({
      resources: [
        newBucket('aws_s3_bucket.this', 'this'),
        newBucket('aws_s3_bucket.other', 'other'),
        satellite('aws_s3_bucket_policy.this', 'aws_s3_bucket.this.id', 'aws_s3_bucket.this'),
        satellite('aws_s3_bucket_public_access_block.this', 'aws_s3_bucket_policy.this.id', 'aws_s3_bucket_policy.this'),
        satellite('aws_s3_bucket_ownership_controls.this', 'aws_s3_bucket_public_access_block.this.id', 'aws_s3_bucket_public_access_block.this'),
      ],
    });
    const bucket = get(graph, 'aws_s3_bucket.this');
    expect(addresses(graph.attached(bucket, 'aws_s3_bucket_public_access_block').linked)).toEqual(['aws_s3_bucket_public_access_block.this']);
    expect(addresses(graph.attached(bucket, 'aws_s3_bucket_ownership_controls').linked)).toEqual(['aws_s3_bucket_ownership_controls.this']);
    expect(graph.attached(get(graph, 'aws_s3_bucket.other'), 'aws_s3_bucket_public_access_block')).toEqual({ linked: [], undetermined: [] });
  });

  it("does not take a versioning resource's id for its bucket's name (it may be bucket,owner)", () => {
    const graph = graphOf({
      resources: [
        newBucket('aws_s3_bucket.this', 'this'),
        satellite('aws_s3_bucket_versioning.this', 'aws_s3_bucket.this.id', 'aws_s3_bucket.this'),
        satellite('aws_s3_bucket_public_access_block.this', 'aws_s3_bucket_versioning.this.id', 'aws_s3_bucket_versioning.this'),
      ],
    });
    expect(graph.attached(get(graph, 'aws_s3_bucket.this'), 'aws_s3_bucket_public_access_block').linked).toEqual([]);
  });
});

describe('links by known value (existing resources)', () => {
  const existing = resource('aws_s3_bucket.logs', { bucket: 'corp-logs', id: 'corp-logs', arn: 'arn:aws:s3:::corp-logs' }, { actions: ['no-op'] });

  it('links a known bucket name to the existing bucket that has it', () => {
    const graph = graphOf({ resources: [existing, resource(`${SSE}.logs`, { bucket: 'corp-logs' })] });
    expect(graph.resolve(get(graph, `${SSE}.logs`), ['bucket'], ['aws_s3_bucket'])).toMatchObject({ status: 'resources', via: 'value' });
    expect(addresses(graph.attached(get(graph, 'aws_s3_bucket.logs'), SSE).linked)).toEqual([`${SSE}.logs`]);
  });

  it('links an S3 ARN to the bucket even when only its name is known', () => {
    const graph = graphOf({
      resources: [newBucket('aws_s3_bucket.data', 'corp-data'), resource('awscc_iottwinmaker_workspace.w', { s3_location: 'arn:aws:s3:::corp-data' })],
    });
    expect(targetsOf(graph.resolve(get(graph, 'awscc_iottwinmaker_workspace.w'), ['s3_location'], ['aws_s3_bucket']))).toEqual(['aws_s3_bucket.data']);
  });

  it('links a KMS key ARN and an alias name to the key', () => {
    const arn = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const graph = graphOf({
      resources: [
        resource('aws_kms_key.k', { arn, key_id: '1234abcd-12ab-34cd-56ef-1234567890ab', id: '1234abcd-12ab-34cd-56ef-1234567890ab' }, { actions: ['no-op'] }),
        resource('aws_kms_alias.a', { name: 'alias/data', target_key_id: '1234abcd-12ab-34cd-56ef-1234567890ab' }, { actions: ['no-op'] }),
        resource('aws_cloudtrail.by_arn', { kms_key_id: arn }),
        resource('aws_cloudtrail.by_alias', { kms_key_id: 'arn:aws:kms:eu-west-1:111122223333:alias/data' }),
      ],
    });
    for (const trail of ['aws_cloudtrail.by_arn', 'aws_cloudtrail.by_alias']) {
      expect(targetsOf(graph.resolve(get(graph, trail), ['kms_key_id'], ['aws_kms_key']))).toEqual(['aws_kms_key.k']);
    }
  });

  it('reports a known value that names nothing in the input as a value', () => {
    const graph = graphOf({ resources: [existing, resource(`${SSE}.other`, { bucket: 'someone-elses-bucket' })] });
    expect(graph.resolve(get(graph, `${SSE}.other`), ['bucket'], ['aws_s3_bucket'])).toEqual({ status: 'value', value: 'someone-elses-bucket' });
    expect(graph.attached(get(graph, 'aws_s3_bucket.logs'), SSE).linked).toEqual([]);
  });

  it('does not let a reference overrule a known value that names nothing', () => {
    const graph = graphOf({
      resources: [
        resource('aws_s3_bucket.b', { bucket: 'b', id: 'b' }, { actions: ['no-op'] }),
        resource(`${SSE}.s`, { bucket: 'b-logs' }, { config: { bucket: ref('aws_s3_bucket.b.id', 'aws_s3_bucket.b') } }),
      ],
    });
    expect(graph.resolve(get(graph, `${SSE}.s`), ['bucket'], ['aws_s3_bucket'])).toEqual({ status: 'value', value: 'b-logs' });
  });

  it('never links by resource name', () => {
    const graph = graphOf({ resources: [newBucket('aws_s3_bucket.data'), resource(`${SSE}.data`, { bucket: 'data' })] });
    expect(graph.resolve(get(graph, `${SSE}.data`), ['bucket'], ['aws_s3_bucket'])).toEqual({ status: 'value', value: 'data' });
  });

  it('resolves a data source of a bucket through its known name', () => {
    const graph = graphOf({
      resources: [
        existing,
        resource('data.aws_s3_bucket.logs', { bucket: 'corp-logs', arn: 'arn:aws:s3:::corp-logs' }, { actions: ['read'] }),
        resource(`${SSE}.s`, {}, { unknown: { bucket: true }, config: { bucket: ref('data.aws_s3_bucket.logs.id', 'data.aws_s3_bucket.logs') } }),
      ],
    });
    expect(targetsOf(graph.resolve(get(graph, `${SSE}.s`), ['bucket'], ['aws_s3_bucket']))).toEqual(['aws_s3_bucket.logs']);
  });
});

describe('inputs are separate worlds', () => {
  it('never links across inputs, by value or by reference', () => {
    const world = (input: string) =>
      loaded({
        input,
        resources: [
          resource('aws_s3_bucket.logs', { bucket: 'corp-logs', id: 'corp-logs' }, { actions: ['no-op'] }),
          newBucket('aws_s3_bucket.data'),
          resource(`${SSE}.logs`, { bucket: 'corp-logs' }),
          satellite(`${SSE}.data`, 'aws_s3_bucket.data.id', 'aws_s3_bucket.data'),
        ],
      });
    const graph = buildGraph([world('plan.json'), world('cdktf.out/stacks/dev/cdk.tf.json')]);
    for (const input of ['plan.json', 'cdktf.out/stacks/dev/cdk.tf.json']) {
      for (const name of ['logs', 'data']) {
        const linked = graph.attached(get(graph, `aws_s3_bucket.${name}`, input), SSE).linked;
        expect(linked.map((r) => [r.input, r.address])).toEqual([[input, `${SSE}.${name}`]]);
      }
    }
    expect(graph.ofType('aws_s3_bucket')).toHaveLength(4);
  });

  it('keeps data sources out of ofType', () => {
    const graph = graphOf({ resources: [resource('data.aws_s3_bucket.x', { bucket: 'x' }), newBucket('aws_s3_bucket.y')] });
    expect(addresses(graph.ofType('aws_s3_bucket'))).toEqual(['aws_s3_bucket.y']);
    expect(graph.byAddress('plan.json', 'data.aws_s3_bucket.x')?.mode).toBe('data');
  });

  it('exposes resource values and references', () => {
    const graph = graphOf({
      resources: [resource(`${SSE}.s`, { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }] }] }, { config: { bucket: ref('aws_s3_bucket.b.id', 'aws_s3_bucket.b'), expected_bucket_owner: c('1') } })],
    });
    const sse = get(graph, `${SSE}.s`);
    expect(sse.attr('rule', 0, 'apply_server_side_encryption_by_default', 0, 'sse_algorithm').string()).toEqual({ kind: 'known', value: 'aws:kms' });
    expect(sse.references('bucket')).toEqual(['aws_s3_bucket.b.id', 'aws_s3_bucket.b']);
    expect(sse.references()).toEqual(['aws_s3_bucket.b.id', 'aws_s3_bucket.b']);
    expect(sse.moduleConfigPath).toBe('');
  });

  it('strips instance keys from the module configuration path', () => {
    const graph = graphOf({ resources: [newBucket('module.a["x"].module.b[0].aws_s3_bucket.c')] });
    expect(get(graph, 'module.a["x"].module.b[0].aws_s3_bucket.c').moduleConfigPath).toBe('module.a.module.b');
  });
});

describe('a bucket name built from another bucket\'s, read with the code', () => {
  const links = async (bucketExpression: string, more = ''): Promise<{ linked: string[]; undetermined: string[] }> => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-built-name-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'main.tf'),
        `${more}resource "aws_s3_bucket" "l" {
  bucket_prefix = "l"
}
resource "${SSE}" "e" {
  bucket = ${bucketExpression}
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
`,
      );
      const graph = buildGraph([await loadHcl(dir)]);
      const attached = graph.attached(get(graph, 'aws_s3_bucket.l', dir), SSE);
      return { linked: addresses(attached.linked), undetermined: addresses(attached.undetermined) };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  it.each(['"${aws_s3_bucket.l.id}-other"', '"logs-${aws_s3_bucket.l.bucket}"', '"${aws_s3_bucket.l.arn}/x"'])('%s names another bucket: not linked to bucket l', async (expression) => {
    expect(await links(expression)).toEqual({ linked: [], undetermined: [`${SSE}.e`] });
  });

  it.each(['aws_s3_bucket.l.id', '"${aws_s3_bucket.l.bucket}"', '"arn:aws:s3:::${aws_s3_bucket.l.id}"', 'aws_s3_bucket.l.arn'])('%s is bucket l', async (expression) => {
    expect(await links(expression)).toEqual({ linked: [`${SSE}.e`], undetermined: [] });
  });

  // What a function makes of the name is another name, whatever it is; what passes the name on is the bucket.
  it.each(['replace(aws_s3_bucket.l.id, "-data-", "-logs-")', 'substr(aws_s3_bucket.l.id, 0, 10)', 'split("-", aws_s3_bucket.l.id)[0]', 'sha1(aws_s3_bucket.l.id)'])('%s may name another bucket: undetermined, not linked', async (expression) => {
    expect(await links(expression)).toEqual({ linked: [], undetermined: [`${SSE}.e`] });
  });

  it.each(['join("", [aws_s3_bucket.l.id])', 'element([aws_s3_bucket.l.id], 0)', 'one([aws_s3_bucket.l.id])', 'coalesce(aws_s3_bucket.l.id, "x")', 'try(aws_s3_bucket.l.id, "")'])('%s passes the name on: bucket l', async (expression) => {
    expect(await links(expression)).toEqual({ linked: [`${SSE}.e`], undetermined: [] });
  });

  // Invalid code (terraform refuses a cycle), as an edit in progress may leave it: four access blocks and four ownership
  // controls each naming two others by a conditional on an unset variable. Following them again and again took hours
  // (2^24 paths); jest cannot stop synchronous work, so without the guard this test hangs rather than fail.
  it('satellites whose conditionals name each other in a cycle are undetermined, and the walk ends', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-link-cycle-'));
    try {
      const P = 'aws_s3_bucket_public_access_block';
      const O = 'aws_s3_bucket_ownership_controls';
      const next = (i: number) => (i % 4) + 1;
      const other = (i: number) => ((i + 1) % 4) + 1;
      const blocks = [1, 2, 3, 4].flatMap((i) => [
        `resource "${P}" "p${i}" {\n  count  = 1\n  bucket = var.on ? ${P}.p${next(i)}[0].id : ${O}.o${other(i)}[0].id\n}\n`,
        `resource "${O}" "o${i}" {\n  count  = 1\n  bucket = var.on ? ${O}.o${next(i)}[0].id : ${P}.p${other(i)}[0].id\n  rule {\n    object_ownership = "BucketOwnerEnforced"\n  }\n}\n`,
      ]);
      fs.writeFileSync(path.join(dir, 'main.tf'), `variable "on" {\n  type = bool\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "acme-b"\n}\n${blocks.join('')}`);
      const graph = buildGraph([await loadHcl(dir)]);
      const bucket = get(graph, 'aws_s3_bucket.b', dir);
      for (const type of [P, O]) {
        const attached = graph.attached(bucket, type);
        expect({ linked: addresses(attached.linked), undetermined: addresses(attached.undetermined).length }).toEqual({ linked: [], undetermined: 4 });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  // Valid code: twelve levels of access blocks and ownership controls, each naming both of the level below by a
  // conditional on an unset variable, down to one bucket, and an SSE naming the top level. Followed path by path, the
  // bottom satellites' bucket was read once per path, the time doubling with every two levels (depth 14: 7 s,
  // 16: 23 s, 18: over 40 s); each satellite's attribute is now resolved once, and a resolution reused.
  it.each(['main.tf', 'cdk.tf.json'])('a chain of satellites whose conditionals name two of the level below links them all, each read a bounded number of times (%s)', async (file) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-link-chain-'));
    try {
      const depth = 12;
      const P = 'aws_s3_bucket_public_access_block';
      const O = 'aws_s3_bucket_ownership_controls';
      const type = (n: number) => (n % 2 === 0 ? P : O);
      const named = (n: number, s: string) => `${type(n)}.s${n}${s}`;
      const bucketOf = (n: number, s: string) => (n === 0 ? 'aws_s3_bucket.b.id' : `var.on ? ${named(n - 1, s)}.id : ${named(n - 1, s === 'a' ? 'b' : 'a')}.id`);
      const satellites = Array.from({ length: depth }, (_, n) => ['a', 'b'].map((s) => ({ n, s }))).flat();
      const sse = { rule: { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } } };
      if (file === 'main.tf') {
        const body = (n: number) => (type(n) === O ? '  rule {\n    object_ownership = "BucketOwnerEnforced"\n  }\n' : '  block_public_acls = true\n');
        const blocks = satellites.map(({ n, s }) => `resource "${type(n)}" "s${n}${s}" {\n  bucket = ${bucketOf(n, s)}\n${body(n)}}\n`);
        const encryption = `resource "${SSE}" "e" {\n  bucket = ${bucketOf(depth, 'a')}\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "AES256"\n    }\n  }\n}\n`;
        fs.writeFileSync(path.join(dir, file), `variable "on" {\n  type = bool\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "acme-b"\n}\n${blocks.join('')}${encryption}`);
      } else {
        const resources: Record<string, Record<string, unknown>> = { aws_s3_bucket: { b: { bucket: 'acme-b' } }, [P]: {}, [O]: {}, [SSE]: { e: { bucket: `\${${bucketOf(depth, 'a')}}`, ...sse } } };
        for (const { n, s } of satellites) resources[type(n)][`s${n}${s}`] = { bucket: `\${${bucketOf(n, s)}}`, ...(type(n) === O ? { rule: { object_ownership: 'BucketOwnerEnforced' } } : { block_public_acls: true }) };
        fs.writeFileSync(path.join(dir, file), JSON.stringify({ variable: { on: { type: 'bool' } }, resource: resources }));
      }
      const [input] = file === 'main.tf' ? [await loadHcl(dir)] : await loadInputs([path.join(dir, file)]);
      const graph = buildGraph([input]);
      const bottom = get(graph, `${P}.s0a`, input.input);
      const reads = jest.spyOn(bottom, 'attr');
      const bucket = get(graph, 'aws_s3_bucket.b', input.input);
      expect(addresses(graph.attached(bucket, SSE).linked)).toEqual([`${SSE}.e`]);
      for (const t of [P, O]) {
        const attached = graph.attached(bucket, t);
        expect({ linked: addresses(attached.linked), undetermined: addresses(attached.undetermined) }).toEqual({ linked: addresses(graph.ofType(t)), undetermined: [] });
      }
      expect(graph.ofType(P).length + graph.ofType(O).length).toBe(2 * depth);
      // A few reads (its attribute and its link, asked for itself and kept once for those leading to it): once per path, 77,824.
      expect(reads.mock.calls.filter(([attribute]) => attribute === 'bucket').length).toBeLessThanOrEqual(8);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  // Invalid code again, a ring: 24 access blocks, each naming the next and the one after it by a conditional. A walk
  // that met the cycle was not kept, so each was walked again by every path leading to it: 7 s of CPU at 20, 51 s at
  // 24, ~15 min at 30 (.tf and a plan with its configuration alike). Each satellite is undetermined for the bucket,
  // and the last one's `bucket` is read a bounded number of times (not once per path).
  it.each(['main.tf', 'plan.json'])('a ring of satellites naming each other is undetermined, each read a bounded number of times (%s)', async (file) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-link-ring-'));
    try {
      const N = 24;
      const P = 'aws_s3_bucket_public_access_block';
      const ring = Array.from({ length: N }, (_, n) => ({ n, a: `${P}.s${(n + 1) % N}`, b: `${P}.s${(n + 2) % N}` }));
      if (file === 'main.tf') {
        const blocks = ring.map(({ n, a, b }) => `resource "${P}" "s${n}" {\n  bucket = var.on ? ${a}.id : ${b}.id\n  block_public_acls = true\n}\n`);
        fs.writeFileSync(path.join(dir, file), `variable "on" {\n  type = bool\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "acme-b"\n}\n${blocks.join('')}`);
      } else {
        const provider_name = 'registry.terraform.io/hashicorp/aws';
        const head = (address: string, type: string, name: string) => ({ address, mode: 'managed', type, name });
        const changes: unknown[] = [{ ...head('aws_s3_bucket.b', 'aws_s3_bucket', 'b'), provider_name, change: { actions: ['create'], before: null, after: { bucket: 'acme-b' }, after_unknown: { id: true, arn: true } } }];
        const values: unknown[] = [{ ...head('aws_s3_bucket.b', 'aws_s3_bucket', 'b'), provider_name, values: { bucket: 'acme-b' } }];
        const config: unknown[] = [{ ...head('aws_s3_bucket.b', 'aws_s3_bucket', 'b'), provider_config_key: 'aws', expressions: { bucket: { constant_value: 'acme-b' } } }];
        for (const { n, a, b } of ring) {
          changes.push({ ...head(`${P}.s${n}`, P, `s${n}`), provider_name, change: { actions: ['create'], before: null, after: { block_public_acls: true }, after_unknown: { bucket: true, id: true } } });
          values.push({ ...head(`${P}.s${n}`, P, `s${n}`), provider_name, values: { block_public_acls: true } });
          config.push({ ...head(`${P}.s${n}`, P, `s${n}`), provider_config_key: 'aws', expressions: { bucket: { references: [`${a}.id`, a, `${b}.id`, b, 'var.on'] }, block_public_acls: { constant_value: true } } });
        }
        const plan = { format_version: '1.2', terraform_version: '1.9.8', variables: { on: { value: true } }, planned_values: { root_module: { resources: values } }, resource_changes: changes, configuration: { root_module: { resources: config, variables: { on: {} } } } };
        fs.writeFileSync(path.join(dir, file), JSON.stringify(plan));
      }
      const [input] = file === 'main.tf' ? [await loadHcl(dir)] : await loadInputs([path.join(dir, file)]);
      const graph = buildGraph([input]);
      const last = get(graph, `${P}.s${N - 1}`, input.input);
      const reads = jest.spyOn(last, 'attr');
      const bucket = get(graph, 'aws_s3_bucket.b', input.input);
      const attached = graph.attached(bucket, P);
      expect({ linked: addresses(attached.linked), undetermined: addresses(attached.undetermined).length }).toEqual({ linked: [], undetermined: N });
      // Its attribute and its link, asked for itself and kept once for those leading to it: 1,218 reads at 14 before.
      expect(reads.mock.calls.filter(([attribute]) => attribute === 'bucket').length).toBeLessThanOrEqual(8);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a conditional between two buckets the code decides links to the one it chooses, and not to the other', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-built-name-'));
    try {
      const sse = `resource "${SSE}" "e" {\n  bucket = var.primary ? aws_s3_bucket.a.id : aws_s3_bucket.b.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "aws:kms"\n    }\n  }\n}\n`;
      fs.writeFileSync(path.join(dir, 'main.tf'), `variable "primary" {\n  default = true\n}\nresource "aws_s3_bucket" "a" {\n  bucket_prefix = "a"\n}\nresource "aws_s3_bucket" "b" {\n  bucket_prefix = "b"\n}\n${sse}`);
      const graph = buildGraph([await loadHcl(dir)]);
      expect(addresses(graph.attached(get(graph, 'aws_s3_bucket.a', dir), SSE).linked)).toEqual([`${SSE}.e`]);
      expect(graph.attached(get(graph, 'aws_s3_bucket.b', dir), SSE)).toEqual({ linked: [], undetermined: [] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  // The module idiom `var.create_bucket ? aws_s3_bucket.this[0].id : var.bucket_name`: its references name a bucket and a variable.
  it('a conditional the code decides links to the bucket it chooses; one it does not decide stays undetermined', async () => {
    expect(await links('var.create ? aws_s3_bucket.l.id : var.name', 'variable "create" {\n  default = true\n}\nvariable "name" {\n  default = null\n}\n')).toEqual({ linked: [`${SSE}.e`], undetermined: [] });
    expect(await links('var.create ? aws_s3_bucket.l.id : var.name', 'variable "create" {}\nvariable "name" {\n  default = null\n}\n')).toEqual({ linked: [], undetermined: [`${SSE}.e`] });
  });

  // terraform-aws-modules' s3-bucket: `bucket = var.attach_policy ? aws_s3_bucket_policy.this[0].id : aws_s3_bucket.this[0].id`,
  // where the policy's `bucket` is the bucket's id (its id is its bucket's name).
  const throughPolicy = (on: string, policyBucket = 'aws_s3_bucket.l.id') =>
    `variable "on" {\n  type = bool\n${on}}\nvariable "name" {\n  default = null\n}\nresource "aws_s3_bucket" "m" {\n  bucket_prefix = "m"\n}\nresource "aws_s3_bucket_policy" "p" {\n  count  = var.on ? 1 : 0\n  bucket = ${policyBucket}\n  policy = "{}"\n}\n`;

  it.each([
    ['true', '  default = true\n'],
    ['false', '  default = false\n'],
    ['not known', ''],
  ])('a conditional between a bucket policy of bucket l and bucket l, its condition %s, links to bucket l', async (_condition, on) => {
    expect(await links('var.on ? aws_s3_bucket_policy.p[0].id : aws_s3_bucket.l.id', throughPolicy(on))).toEqual({ linked: [`${SSE}.e`], undetermined: [] });
  });

  it('a conditional the code decides for a bucket policy of another bucket links to that bucket, not to l', async () => {
    expect(await links('var.on ? aws_s3_bucket_policy.p[0].id : aws_s3_bucket.l.id', throughPolicy('  default = true\n', 'aws_s3_bucket.m.id'))).toEqual({ linked: [], undetermined: [] });
  });

  it.each([
    ['a bucket policy of another bucket', 'var.on ? aws_s3_bucket_policy.p[0].id : aws_s3_bucket.l.id', 'aws_s3_bucket.m.id'],
    ['a variable', 'var.on ? aws_s3_bucket_policy.p[0].id : var.name', 'aws_s3_bucket.l.id'],
  ])('a conditional not decided between bucket l and %s stays undetermined', async (_other, expression, policyBucket) => {
    expect(await links(expression, throughPolicy('', policyBucket))).toEqual({ linked: [], undetermined: [`${SSE}.e`] });
  });
});

// terraform-aws-modules' s3-bucket shape in a plan: `var.on ? aws_s3_bucket_policy.b[0].id : aws_s3_bucket.b.id`, `var.on` true.
describe('a plan of a satellite named through a bucket policy\'s id in a conditional (fixtures/policy-id-conditional)', () => {
  const dir = path.join(__dirname, '..', 'fixtures', 'policy-id-conditional');
  const ownership = async (withItsCode: boolean) => {
    const [plan] = await loadInputs([path.join(dir, 'plan.json')]);
    const graph = buildGraph([withItsCode ? withCode(plan, await loadHcl(dir, { planned: plan.variables ?? {} })) : plan]);
    const attached = graph.attached(get(graph, 'aws_s3_bucket.b', plan.input), 'aws_s3_bucket_ownership_controls');
    return { linked: addresses(attached.linked), undetermined: addresses(attached.undetermined) };
  };

  it('alone, whose references name the bucket and var.on, leaves the ownership controls undetermined', async () => {
    expect(await ownership(false)).toEqual({ linked: [], undetermined: ['aws_s3_bucket_ownership_controls.b'] });
  });

  it('read with its code (--code), links the ownership controls to the bucket through the policy the code chooses', async () => {
    expect(await ownership(true)).toEqual({ linked: ['aws_s3_bucket_ownership_controls.b'], undetermined: [] });
  });
});

describe('a .tf module whose count is not known: `aws_s3_bucket.this[0]` is its one bucket', () => {
  it('each module instance\'s SSE configuration links to its own module\'s bucket, not to every module\'s', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-count-unknown-'));
    try {
      fs.mkdirSync(path.join(dir, 'modules', 'bucket'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'main.tf'), 'variable "enabled" {}\n\nmodule "logs" {\n  source = "./modules/bucket"\n  create = var.enabled\n}\n\nmodule "data" {\n  source = "./modules/bucket"\n  create = var.enabled\n}\n');
      fs.writeFileSync(
        path.join(dir, 'modules', 'bucket', 'main.tf'),
        `variable "create" {}
resource "aws_s3_bucket" "this" {
  count  = var.create ? 1 : 0
  bucket = "b"
}
resource "${SSE}" "this" {
  count  = var.create ? 1 : 0
  bucket = aws_s3_bucket.this[0].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
`,
      );
      const graph = buildGraph([await loadHcl(dir)]);
      for (const module of ['module.logs', 'module.data']) {
        const bucket = get(graph, `${module}.aws_s3_bucket.this`, dir);
        const attached = graph.attached(bucket, SSE);
        expect({ module, linked: addresses(attached.linked), undetermined: addresses(attached.undetermined) }).toEqual({ module, linked: [`${module}.${SSE}.this`], undetermined: [] });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
