import { parseTemplate, splitAttribute, splitBlock } from '../../checks/model/expressions';

const refs = (text: string): string[] | 'literal' => {
  const parsed = parseTemplate(text);
  return parsed.literal ? 'literal' : parsed.references;
};

describe('references, written as Terraform writes them in a plan', () => {
  it.each([
    ['${aws_s3_bucket.b.id}', ['aws_s3_bucket.b.id', 'aws_s3_bucket.b']],
    ['${aws_s3_bucket.b[0].id}', ['aws_s3_bucket.b[0].id', 'aws_s3_bucket.b[0]', 'aws_s3_bucket.b']],
    ['${aws_s3_bucket.b["k"].arn}', ['aws_s3_bucket.b["k"].arn', 'aws_s3_bucket.b["k"]', 'aws_s3_bucket.b']],
    ['${aws_s3_bucket.b[count.index].id}', ['aws_s3_bucket.b', 'count.index']],
    ['${aws_s3_bucket.b[each.key].id}', ['aws_s3_bucket.b', 'each.key']],
    ['${module.m.bucket_id}', ['module.m.bucket_id', 'module.m']],
    ['${module.m[0].bucket_id}', ['module.m[0].bucket_id', 'module.m']],
    ['${data.aws_iam_policy_document.p.json}', ['data.aws_iam_policy_document.p.json', 'data.aws_iam_policy_document.p']],
    ['${var.x}', ['var.x']],
    ['${var.m["a"]}', ['var.m["a"]', 'var.m']],
    ['${local.tags}', ['local.tags']],
    ['${each.key}', ['each.key']],
    ['${each.value.bucket}', ['each.value.bucket', 'each.value']],
    ['${count.index}', ['count.index']],
    ['${path.module}/policy.json', ['path.module']],
    ['${aws_s3_bucket.b[*].id}', ['aws_s3_bucket.b']],
    ['${aws_s3_bucket.b.*.id}', ['aws_s3_bucket.b']],
  ])('%s', (text, expected) => {
    expect(refs(text)).toEqual(expected);
  });

  it('lists the references of every part of a composite expression, in order', () => {
    expect(refs('${var.on ? aws_kms_key.k.arn : null}')).toEqual(['var.on', 'aws_kms_key.k.arn', 'aws_kms_key.k']);
    expect(refs('logs-${var.env}-${count.index}')).toEqual(['var.env', 'count.index']);
    expect(refs('%{ if var.x }a%{ endif }')).toEqual(['var.x']);
  });

  it('does not take function names, object keys, keywords or for-expression variables for references', () => {
    expect(refs('${merge(var.tags, { Name = "x", Flag = true })}')).toEqual(['var.tags']);
    expect(refs('${[for s in var.list : s.id if s.enabled]}')).toEqual(['var.list']);
    expect(refs('${{ for k, v in var.map : k => v.arn }}')).toEqual(['var.map']);
    expect(refs('${jsondecode(local.doc).Statement[0]}')).toEqual(['local.doc']);
    expect(refs('${provider::aws::arn_parse(var.arn).region}')).toEqual(['var.arn']);
    expect(refs('${lower("X")}')).toEqual([]);
  });

  it('reads references inside strings nested in an expression', () => {
    expect(refs('${format("%s/*", "${aws_s3_bucket.b.arn}")}')).toEqual(['aws_s3_bucket.b.arn', 'aws_s3_bucket.b']);
  });

  it('treats escaped interpolation as literal text', () => {
    expect(parseTemplate('arn:$${aws:username}')).toEqual({ literal: true, value: 'arn:${aws:username}' });
    expect(parseTemplate('100%%{x}')).toEqual({ literal: true, value: '100%{x}' });
  });
});

describe('values: literals known, expressions unknown', () => {
  it('keeps a literal and marks an expression unknown, never guessing its value', () => {
    expect(splitAttribute('AES256')).toMatchObject({ after: 'AES256', unknown: undefined, config: { kind: 'expr', hasConstant: true, constant: 'AES256' } });
    const expression = splitAttribute('${aws_kms_key.k.arn}');
    expect(expression.after).toBeUndefined();
    expect(expression.unknown).toBe(true);
    expect(expression.config).toEqual({ kind: 'expr', hasConstant: false, references: ['aws_kms_key.k.arn', 'aws_kms_key.k'] });
  });

  it('a string mixing literal text and interpolation is unknown', () => {
    expect(splitAttribute('logs-${var.env}').unknown).toBe(true);
  });

  it('marks only the unknown entries of a map, and the unknown elements of a list', () => {
    const tags = splitAttribute({ Name: 'data', Env: '${var.env}' });
    expect(tags.after).toEqual({ Name: 'data' });
    expect(tags.unknown).toEqual({ Env: true });
    expect(tags.config).toEqual({ kind: 'expr', hasConstant: false, references: ['var.env'] });
    const list = splitAttribute(['a', '${var.b}']);
    expect(list.after).toEqual(['a', null]);
    expect(list.unknown).toEqual([false, true]);
  });

  it('a map with a computed key is wholly unknown', () => {
    expect(splitAttribute({ '${var.k}': 'v' }).unknown).toBe(true);
  });
});

describe('blocks', () => {
  const sse = {
    bucket: '${aws_s3_bucket.b.id}',
    rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.k.arn}' }, bucket_key_enabled: true }],
    tags: { owner: 'team' },
  };

  it('normalizes a block written as one object (cdk.tf.json) to a list of one, as in a plan', () => {
    const split = splitBlock(sse, { objectsAreBlocks: true });
    expect(split.after).toEqual({ rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }], bucket_key_enabled: true }], tags: { owner: 'team' } });
    expect(split.unknown).toEqual({ bucket: true, rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: true }] }] });
    expect(split.config.attrs.rule).toMatchObject({ kind: 'list', items: [{ kind: 'block', attrs: { apply_server_side_encryption_by_default: { kind: 'list' } } }] });
  });

  it('keeps objects as attribute values where the provider has no blocks (awscc) or hcl2json already listed blocks', () => {
    const split = splitBlock({ s3_location: { bucket_name: 'b' } }, { objectsAreBlocks: false });
    expect(split.after).toEqual({ s3_location: { bucket_name: 'b' } });
  });

  it('makes a dynamic block unknown, with the references of its for_each and content', () => {
    const split = splitBlock(
      { dynamic: { rule: [{ for_each: '${var.rules}', content: [{ id: '${rule.value.id}', prefix: '${var.prefix}' }] }] } },
      { objectsAreBlocks: false },
    );
    expect(split.unknown).toEqual({ rule: true });
    expect(split.after).toEqual({});
    expect(split.config.attrs.rule).toEqual({ kind: 'expr', hasConstant: false, references: ['var.rules', 'var.prefix'] });
  });
});
