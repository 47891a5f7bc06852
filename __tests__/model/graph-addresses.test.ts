import { attributePath, moduleAddress, parseModuleAddress, parseRef } from '../../checks/model/graph/addresses';

describe('reference strings as Terraform and the configuration loaders write them', () => {
  it.each([
    ['aws_s3_bucket.this[0].id', { kind: 'resource', mode: 'managed', type: 'aws_s3_bucket', name: 'this', index: { kind: 'literal', value: 0 }, attr: ['id'] }],
    ['aws_instance.named["test.1"]', { kind: 'resource', type: 'aws_instance', name: 'named', index: { kind: 'literal', value: 'test.1' }, attr: [] }],
    ['data.aws_iam_policy_document.combined[0].json', { kind: 'resource', mode: 'data', type: 'aws_iam_policy_document', name: 'combined', attr: ['json'] }],
    ['aws_s3_bucket.b[count.index].id', { kind: 'resource', name: 'b', index: { kind: 'self' } }],
    ['aws_s3_bucket.b[each.key]', { kind: 'resource', name: 'b', index: { kind: 'self' } }],
    ['aws_s3_bucket.b[*].arn', { kind: 'resource', name: 'b', index: { kind: 'dynamic' }, attr: ['arn'] }],
    ['aws_s3_bucket.b.*.arn', { kind: 'resource', name: 'b', index: { kind: 'dynamic' }, attr: ['arn'] }],
    ['module.store.bucket_id', { kind: 'module', name: 'store', output: 'bucket_id' }],
    ['module.store["eu"].bucket_id', { kind: 'module', name: 'store', index: { kind: 'literal', value: 'eu' }, output: 'bucket_id' }],
    ['module.store', { kind: 'module', name: 'store' }],
    ['var.versioning["status"]', { kind: 'var', name: 'versioning' }],
    ['local.tags', { kind: 'local', name: 'tags' }],
    ['count.index', { kind: 'instance-key' }],
    ['each.key', { kind: 'instance-key' }],
    ['each.value.bucket', { kind: 'each-value' }],
    ['path.module', { kind: 'other' }],
  ])('%s', (text, expected) => {
    expect(parseRef(text)).toMatchObject(expected);
  });

  it('parses and prints module instance addresses', () => {
    const steps = parseModuleAddress('module.a["x.y"].module.b[0].module.c');
    expect(steps).toEqual([{ name: 'a', key: 'x.y' }, { name: 'b', key: 0 }, { name: 'c' }]);
    expect(moduleAddress(steps)).toBe('module.a["x.y"].module.b[0].module.c');
    expect(parseModuleAddress('')).toEqual([]);
  });
});

describe('the path a traversal steps to inside a resource instance (attributePath)', () => {
  it.each([
    ['aws_lambda_function.f.environment[0].variables["GITHUB_TOKEN"]', ['environment', 0, 'variables', 'GITHUB_TOKEN']],
    ['aws_lambda_function.this[0].environment', ['environment']],
    ['aws_s3_bucket.m["a.b"].tags.Owner', ['tags', 'Owner']],
    ['data.aws_iam_policy_document.p[1].json', ['json']],
    ['data.aws_caller_identity.c', []],
    ['aws_s3_bucket.b', []],
  ])('%s', (text, path) => expect(attributePath(text)).toEqual(path));

  it.each(['aws_s3_bucket.b[*].arn', 'aws_s3_bucket.b.rule[var.i].id', 'module.m.out', 'var.x'])('%s: none', (text) => expect(attributePath(text)).toBeUndefined());
});
