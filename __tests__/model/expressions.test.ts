import { fromOutsideTheCode, LocalScope, UNKNOWN } from '../../checks/model/evaluate';
import { parseTemplate, splitAttribute, splitBlock } from '../../checks/model/expressions';
import { referencesIn } from '../../checks/model/graph/config';
import type { ConfigNode } from '../../checks/model/types';

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
    // terraform 1.11.4 lists the call's instance after an instance's output (terraform show -json of module.labels[0].tags).
    ['${module.m[0].bucket_id}', ['module.m[0].bucket_id', 'module.m[0]']],
    ['${module.m["a"].tags.Owner}', ['module.m["a"].tags.Owner', 'module.m["a"].tags', 'module.m["a"]']],
    ['${module.m[0]}', ['module.m[0]', 'module.m']],
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
    // The parts written as literals stay readable where the code is (a plan records no constant for the map).
    expect(tags.config).toEqual({ kind: 'expr', hasConstant: false, references: ['var.env'], literalParts: { Name: 'data' } });
    const list = splitAttribute(['a', '${var.b}']);
    expect(list.after).toEqual(['a', null]);
    expect(list.unknown).toEqual([false, true]);
    expect(list.config).toMatchObject({ literalParts: ['a', undefined] });
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

describe('dynamic blocks whose for_each the code fixes become the blocks Terraform makes', () => {
  const locals = new LocalScope([{ rules: { b: { algorithm: 'aws:kms' }, a: { algorithm: 'AES256' } }, names: ['x', 'y'] }]);
  const hcl = { objectsAreBlocks: false, evaluator: locals };
  const json = { objectsAreBlocks: true, evaluator: locals };

  it('one block per element, in Terraform\'s order (a map by its keys), with the iterator\'s key and value', () => {
    const split = splitBlock({ dynamic: { rule: [{ for_each: '${local.rules}', content: [{ id: '${rule.key}', algorithm: '${rule.value.algorithm}' }] }] } }, hcl);
    expect(split.after).toEqual({ rule: [{ id: 'a', algorithm: 'AES256' }, { id: 'b', algorithm: 'aws:kms' }] });
    expect(split.unknown).toBeUndefined();
    expect(split.config.attrs.rule).toMatchObject({ kind: 'list', dynamic: true, items: [{ kind: 'block' }, { kind: 'block' }] });
  });

  it('a list by index; the iterator named by `iterator`, as hcl2json (`${it}`) and Terraform JSON (`it`) write it', () => {
    const hclForm = splitBlock({ dynamic: { tag: [{ for_each: '${local.names}', iterator: '${it}', content: [{ key: '${it.key}', value: '${upper(it.value)}' }] }] } }, hcl);
    const jsonForm = splitBlock({ dynamic: { tag: { for_each: '${local.names}', iterator: 'it', content: { key: '${it.key}', value: '${upper(it.value)}' } } } }, json);
    for (const split of [hclForm, jsonForm]) expect(split.after).toEqual({ tag: [{ key: 0, value: 'X' }, { key: 1, value: 'Y' }] });
  });

  it('nested dynamic blocks, the inner for_each read where the outer iterator is bound (cdktf names both `each`)', () => {
    const split = splitBlock(
      { dynamic: { rule: { for_each: { kms: { algorithms: ['aws:kms', 'aws:kms:dsse'] } }, iterator: 'each', content: { dynamic: { by_default: { for_each: '${each.value.algorithms}', iterator: 'each', content: { sse_algorithm: '${each.value}', rule: '${each.key}' } } } } } } },
      json,
    );
    expect(split.after).toEqual({ rule: [{ by_default: [{ sse_algorithm: 'aws:kms', rule: 0 }, { sse_algorithm: 'aws:kms:dsse', rule: 1 }] }] });
  });

  it("a part not known stays unknown in its block; a reference through the iterator is one of the for_each's", () => {
    const split = splitBlock({ dynamic: { rule: [{ for_each: ['${aws_kms_key.k.arn}'], content: [{ kms_master_key_id: '${rule.value}', sse_algorithm: 'aws:kms' }] }] } }, hcl);
    expect(split.after).toEqual({ rule: [{ sse_algorithm: 'aws:kms' }] });
    expect(split.unknown).toEqual({ rule: [{ kms_master_key_id: true }] });
    const [block] = (split.config.attrs.rule as Extract<ConfigNode, { kind: 'list' }>).items as Extract<ConfigNode, { kind: 'block' }>[];
    expect(block.attrs.kms_master_key_id).toMatchObject({ kind: 'expr', hasConstant: false, references: ['aws_kms_key.k.arn', 'aws_kms_key.k'] });
  });

  it("in a symbolic evaluation, the element's references stand for what they name", () => {
    const split = splitBlock({ dynamic: { statement: [{ for_each: '${{ own = aws_s3_bucket.b.arn }}', content: [{ resources: ['${statement.value}/*'] }] }] } }, hcl);
    const [block] = (split.config.attrs.statement as Extract<ConfigNode, { kind: 'list' }>).items as Extract<ConfigNode, { kind: 'block' }>[];
    const resources = block.attrs.resources as Extract<ConfigNode, { kind: 'expr' }>;
    expect(resources.source?.evaluate((traversal) => `<${traversal}>`)).toEqual(['<aws_s3_bucket.b.arn>/*']);
  });

  it('blocks written both ways (terraform-aws-modules/efs: `statement { … }` beside `dynamic "statement"`) are the written ones, then the made ones', () => {
    const both = { statement: [{ sid: 'Deny' }], dynamic: { statement: [{ for_each: '${local.names}', content: [{ sid: '${statement.value}' }] }] } };
    const split = splitBlock(both, hcl);
    expect(split.after).toEqual({ statement: [{ sid: 'Deny' }, { sid: 'x' }, { sid: 'y' }] });
    expect(split.unknown).toBeUndefined();
    expect(splitBlock({ statement: [{ sid: 'Deny' }], dynamic: { statement: [{ for_each: '${local.none}', content: [{ sid: 'x' }] }] } }, { ...hcl, evaluator: new LocalScope([{ none: {} }]) }).after).toEqual({
      statement: [{ sid: 'Deny' }],
    });
    // The made blocks not known: the whole list is unknown, with the references of both; the written ones stay in the configuration.
    const open = splitBlock({ statement: [{ sid: '${var.sid}', effect: 'Deny' }], dynamic: { statement: [{ for_each: '${var.more}', content: [{ sid: 'x' }] }] } }, hcl);
    expect(open.unknown).toEqual({ statement: true });
    const statements = open.config.attrs.statement as Extract<ConfigNode, { kind: 'list' }>;
    expect(statements).toMatchObject({ kind: 'list', more: true, items: [{ kind: 'block', attrs: { effect: { constant: 'Deny' } } }, { kind: 'expr', references: ['var.more'] }] });
    expect(referencesIn(statements)).toEqual(expect.arrayContaining(['var.more', 'var.sid']));
  });

  it('no element, no block', () => {
    expect(splitBlock({ dynamic: { rule: [{ for_each: '${[]}', content: [{ id: 'x' }] }] } }, hcl).after).toEqual({ rule: [] });
  });

  it("a list from outside the code (a plan's variable) may be a set: its blocks are made, each element's key unknown (a set's key is its value)", () => {
    const given = { objectsAreBlocks: false, evaluator: new LocalScope([], new Map([['names', fromOutsideTheCode(['p', 'q'])]])) };
    const split = splitBlock({ dynamic: { tag: [{ for_each: '${var.names}', content: [{ key: '${tag.key}', value: '${tag.value}' }] }] } }, given);
    expect(split.after).toEqual({ tag: [{ value: 'p' }, { value: 'q' }] });
    expect(split.unknown).toEqual({ tag: [{ key: true }, { key: true }] });
  });

  it('as many as 1,000 blocks of one dynamic block', () => {
    const many = { objectsAreBlocks: false, evaluator: new LocalScope([{ many: Array.from({ length: 1000 }, (_, i) => i) }]) };
    expect((splitBlock({ dynamic: { rule: [{ for_each: '${local.many}', content: [{ id: '${rule.value}' }] }] } }, many).after as { rule: unknown[] }).rule).toHaveLength(1000);
  });

  it('as many as 10,000 blocks of the dynamic blocks of one module (nested ones multiply), then unknown', () => {
    const module = { objectsAreBlocks: false, evaluator: new LocalScope([{ hundred: Array.from({ length: 100 }, (_, i) => i) }]) };
    const nested = { dynamic: { rule: [{ for_each: '${local.hundred}', content: [{ dynamic: { inner: [{ for_each: '${local.hundred}', content: [{ id: '${inner.value}' }] }] } }] }] } };
    const split = splitBlock(nested, module);
    const rules = (split.after as { rule: { inner?: unknown[] }[] }).rule;
    expect(rules).toHaveLength(100);
    // 100 outer blocks, then 99 of the inner ones fit (99 x 100 + 100 = 10,000); the last is unknown.
    expect(rules.filter((r) => r.inner?.length === 100)).toHaveLength(99);
    expect(rules[99].inner).toBeUndefined();
    expect(splitBlock(nested, module).unknown).toEqual({ rule: true });
  });

  const variables = new Map<string, unknown>([['partly', fromOutsideTheCode(['a', UNKNOWN])]]);
  const outside = new LocalScope([{ many: Array.from({ length: 1001 }, (_, i) => i) }], variables);
  it.each([
    ['a for_each not known', '${var.rules}'],
    ['a list from outside the code (maybe a set) with a part not known: equal elements would be one', '${var.partly}'],
    ['null, which Terraform refuses', null],
    ['a string, which Terraform refuses', 'rules'],
    ['more blocks than twinguard makes of one dynamic block (1,000)', '${local.many}'],
  ])('%s stays unknown, with its references', (_what, forEach) => {
    const split = splitBlock({ dynamic: { rule: [{ for_each: forEach, content: [{ id: '${rule.value}', prefix: '${var.prefix}' }] }] } }, { objectsAreBlocks: false, evaluator: outside });
    expect(split.unknown).toEqual({ rule: true });
    expect(split.after).toEqual({});
    expect(split.config.attrs.rule).toMatchObject({ kind: 'expr', hasConstant: false });
    expect((split.config.attrs.rule as Extract<ConfigNode, { kind: 'expr' }>).references).toContain('var.prefix');
  });
});
