/**
 * Symbolic references (checks/model/symbolic.ts): the code of a value known only after apply,
 * evaluated with each reference standing for the attribute it names. The evaluator's part, then the
 * deny rules on .tf code, then a plan read with and without the code that made it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LocalScope, UNKNOWN } from '../../checks/model/evaluate';
import { OPAQUE, referenceToken, tokenTarget } from '../../checks/model/symbolic';
import { checkFindings, type ReportFinding, tempDir, twinguard, withFiles } from '../cli/run';
import { plan, res } from '../helpers/plan-builder';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** Evaluates `value` symbolically with locals `locals`; references become `<traversal>`. */
const symbolic = (value: unknown, locals: Record<string, unknown> = {}) =>
  new LocalScope([locals]).symbolic(value, (traversal) => (traversal.startsWith('var.') ? UNKNOWN : `<${traversal}>`));

describe('symbolic evaluation', () => {
  it.each([
    ['a reference', '${aws_s3_bucket.b.arn}', '<aws_s3_bucket.b.arn>'],
    ['a reference in a template', '${aws_s3_bucket.b.arn}/*', '<aws_s3_bucket.b.arn>/*'],
    ['an instance of a repeated resource', '${aws_s3_bucket.b[count.index].arn}/*', '<aws_s3_bucket.b[count.index].arn>/*'],
    ['a for_each instance', '${aws_s3_bucket.b["logs"].id}', '<aws_s3_bucket.b["logs"].id>'],
    ['a module output', '${module.store.bucket_arn}', '<module.store.bucket_arn>'],
    ['a data source', 'arn:${data.aws_partition.p.partition}:s3:::x', 'arn:<data.aws_partition.p.partition>:s3:::x'],
    ['a local that holds a reference', '${local.arn}/*', '<aws_s3_bucket.b.arn>/*'],
    ['a part not known, in a template', '${aws_s3_bucket.b.arn}/${var.prefix}/*', `<aws_s3_bucket.b.arn>/${OPAQUE}/*`],
    ['a reference formatted into text', '${format("%s/*", aws_s3_bucket.b.arn)}', '<aws_s3_bucket.b.arn>/*'],
  ])('%s', (_what, text, expected) => {
    expect(symbolic(text, { arn: '${aws_s3_bucket.b.arn}' })).toBe(expected);
  });

  // cloudposse modules: `one(data.aws_iam_policy_document.x[*].json)`, `join("", aws_s3_bucket.default.*.id)`.
  it("reads a splat of a block whose instances the code fixes as each instance's attribute; another splat stays unknown", () => {
    const keys: Record<string, readonly (number | string | undefined)[]> = { 'data.aws_iam_policy_document.tls': [0], 'aws_s3_bucket.b': [undefined], 'aws_s3_bucket.many': [0, 1], 'aws_s3_bucket.keyed': ['a'] };
    const scope = new LocalScope([], undefined, undefined, { instanceKeys: (block) => keys[block] });
    const reference = (traversal: string) => `<${traversal}>`;
    expect(scope.symbolic('${one(data.aws_iam_policy_document.tls[*].json)}', reference)).toBe('<data.aws_iam_policy_document.tls[0].json>');
    expect(scope.symbolic('${join("", aws_s3_bucket.b.*.id)}', reference)).toBe('<aws_s3_bucket.b.id>');
    expect(scope.symbolic('${aws_s3_bucket.many[*].arn}', reference)).toEqual(['<aws_s3_bucket.many[0].arn>', '<aws_s3_bucket.many[1].arn>']);
    // Instances not known (a for_each, a count not fixed), a step after the attribute: not followed.
    expect(scope.symbolic('${one(aws_s3_bucket.other[*].arn)}', reference)).toBe(UNKNOWN);
    // A splat of a for_each block (a map) is not a list of its instances.
    expect(scope.symbolic('${one(aws_s3_bucket.keyed[*].arn)}', reference)).toBe(UNKNOWN);
    expect(scope.symbolic('${aws_s3_bucket.b[*].tags.Name}', reference)).toBe(UNKNOWN);
  });

  it("reads a local that is a resource instance as that instance: its attribute is the instance's", () => {
    expect(symbolic('${local.origin.arn}/*', { origin: '${aws_s3_bucket.b}' })).toBe('<aws_s3_bucket.b.arn>/*');
    expect(symbolic('${local.origin.arn}', { origin: '${var.create ? aws_s3_bucket.b : null}' })).toBe(UNKNOWN);
  });

  it('reads a variable known only in part through its reference (a module argument read with its code), else keeps the part known', () => {
    const scope = new LocalScope([], new Map([['users', ['arn:aws:iam::111111111111:root', UNKNOWN]]]));
    const argument = ['arn:aws:iam::111111111111:root', '<aws_iam_role.r.arn>'];
    expect(scope.symbolic('${var.users}', (traversal) => (traversal === 'var.users' ? argument : UNKNOWN))).toEqual(argument);
    expect(scope.symbolic('${var.users[0]}', () => UNKNOWN)).toBe('arn:aws:iam::111111111111:root');
    expect(scope.symbolic('${var.users}', () => UNKNOWN)).toEqual(['arn:aws:iam::111111111111:root', UNKNOWN]);
    // An object keeps its known part: an optional() attribute's default is not in the argument's code.
    const object = new LocalScope([], new Map([['settings', { enabled: true, key: UNKNOWN }]]));
    expect(object.symbolic('${var.settings.enabled}', () => ({ key: '<aws_kms_key.k.arn>' }))).toBe(true);
    // Read whole (`[var.settings]`, a dynamic block's for_each), its part not known is the argument's reference there; its known part stays.
    const token = referenceToken('aws_kms_key.k', 'arn');
    const settings = (traversal: string) => (traversal === 'var.settings' ? { key: token } : UNKNOWN);
    expect(object.symbolic('${[var.settings]}', settings)).toEqual([{ enabled: true, key: token }]);
    expect(object.symbolic('${var.settings}', (traversal) => (traversal === 'var.settings' ? { key: 'arn:aws:kms:x' } : UNKNOWN))).toEqual({ enabled: true, key: UNKNOWN });
  });

  // terraform-aws-modules/sns: resources = try(statement.value.resources, [aws_sns_topic.this[0].arn]).
  it("takes try's fallback for an attribute the code's own object lacks; an object a plan gives may lack one Terraform has", () => {
    const locals = { deny: { effect: 'Deny' } };
    expect(symbolic('${try(local.deny.resources, [aws_sns_topic.t.arn])}', locals)).toEqual(['<aws_sns_topic.t.arn>']);
    expect(symbolic('${try(local.deny.effect.x, "none")}', locals)).toBe('none');
    // A plan's object (what a reference reads) may leave out an attribute known only after apply.
    const planned = new LocalScope([locals]).symbolic('${try(aws_sns_topic.t.tags.Owner, "none")}', (traversal) => (traversal === 'aws_sns_topic.t.tags' ? { Team: 'iot' } : UNKNOWN));
    expect(planned).toBe(UNKNOWN);
  });

  it('keeps a value not known as a whole unknown (its type is not known)', () => {
    expect(symbolic('${var.resources}')).toBe(UNKNOWN);
    expect(symbolic(['${aws_s3_bucket.b.arn}', '${var.x}'])).toEqual(['<aws_s3_bucket.b.arn>', UNKNOWN]);
  });

  it('encodes jsonencode() with references as text, and its unknown leaves as opaque text', () => {
    const value = symbolic('${jsonencode({ Resource = [aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"], Condition = { StringEquals = { "aws:SourceAccount" = var.account } } })}');
    expect(JSON.parse(value as string)).toEqual({ Condition: { StringEquals: { 'aws:SourceAccount': OPAQUE } }, Resource: ['<aws_s3_bucket.b.arn>', '<aws_s3_bucket.b.arn>/*'] });
  });

  it('does not let a function change a token into other text', () => {
    const tokens = (text: string) => new LocalScope([]).symbolic(text, (traversal) => referenceToken(traversal.replace(/\.arn$/, ''), 'arn'));
    expect(tokens('${lower(aws_s3_bucket.B.arn)}')).toBe(UNKNOWN);
    expect(tokens('${upper(aws_s3_bucket.b.arn)}/*')).toBe(`${OPAQUE}/*`);
    expect(tokens('${replace(aws_s3_bucket.b.arn, "b", "c")}')).toBe(UNKNOWN);
    // A bucket's ARN holds no capital letter: there is nothing to replace, the token stays what it is.
    expect(tokens('${replace(aws_s3_bucket.b.arn, "B", "c")}')).toBe(referenceToken('aws_s3_bucket.b', 'arn'));
    expect(tokens('${split("#", aws_s3_bucket.b.arn)}')).toBe(UNKNOWN);
    expect(tokens('${format(aws_s3_bucket.b.arn)}')).toBe(UNKNOWN);
    expect(tokens('${aws_s3_bucket.b.arn}/*')).toBe(`${referenceToken('aws_s3_bucket.b', 'arn')}/*`);
  });

  it("fills placeholders with a bucket's id and ARN (replace()), where no match can touch the value a token stands for", () => {
    const tokens = (text: string) => new LocalScope([]).symbolic(text, (traversal) => {
      const [, address, attribute] = /^(.*)\.([a-z_]+)$/.exec(traversal) as RegExpExecArray;
      return referenceToken(address, attribute);
    });
    const id = referenceToken('module.s3.aws_s3_bucket.this[0]', 'id');
    const arn = referenceToken('module.s3.aws_s3_bucket.this[0]', 'arn');
    const document = '{"Resource":["_S3_BUCKET_ARN_","_S3_BUCKET_ARN_/*"],"Sid":"_S3_BUCKET_ID_"}';
    const chained = `\${replace(replace(${JSON.stringify(document)}, "_S3_BUCKET_ID_", module.s3.aws_s3_bucket.this[0].id), "_S3_BUCKET_ARN_", module.s3.aws_s3_bucket.this[0].arn)}`;
    expect(tokens(chained)).toBe(`{"Resource":["${arn}","${arn}/*"],"Sid":"${id}"}`);
    // A bucket's name may hold lower-case letters, digits, dots and hyphens: a search with one of them could match inside it.
    expect(tokens(`\${replace(replace("a-b", "a", aws_s3_bucket.b.id), "-b", "x")}`)).toBe(UNKNOWN);
    // A run of such characters as long as a name can be (3) could be the whole name, between underscores of the text around it.
    expect(tokens('${replace(replace("_P_", "P", aws_s3_bucket.b.id), "_abc_", "x")}')).toBe(UNKNOWN);
    expect(tokens('${replace(replace("_P_", "P", aws_s3_bucket.b.id), "_ab_", "x")}')).toBe(`_${referenceToken('aws_s3_bucket.b', 'id')}_`);
    // Values twinguard does not know the characters of: another type's ARN, a data source (an existing bucket, maybe of an older name).
    expect(tokens('${replace("${aws_iam_role.r.arn}:_X_", "_X_", "y")}')).toBe(UNKNOWN);
    expect(tokens('${replace("${data.aws_s3_bucket.e.arn}/_X_", "_X_", "y")}')).toBe(UNKNOWN);
    // A part not known at all may be anything.
    expect(new LocalScope([]).symbolic('${replace("${var.x}_X_", "_X_", "y")}', () => UNKNOWN)).toBe(UNKNOWN);
    // Any token may be what replaces: it is inserted as it stands.
    expect(tokens('${replace("role=_X_", "_X_", aws_iam_role.r.arn)}')).toBe(`role=${referenceToken('aws_iam_role.r', 'arn')}`);
    // A value that may hold a match only within it (a role's ARN in a JSON string) becomes a value not known; the text around it stays
    // (terraform-aws-modules/s3-bucket: a policy naming a new role, its placeholders filled).
    const policy = '{"Principal":"${aws_iam_role.r.arn}","Resource":"_ARN_"}';
    expect(tokens(`\${replace(${JSON.stringify(policy)}, "_ARN_", aws_s3_bucket.b.arn)}`)).toBe(`{"Principal":"${OPAQUE}","Resource":"${referenceToken('aws_s3_bucket.b', 'arn')}"}`);
    // Not where a match could hold a part of it and a part of the text around (`…_AR` + `N_`), or what replaces could leave the string.
    expect(tokens('${replace("x:${aws_iam_role.r.arn}N_", "_ARN_", "y")}')).toBe(UNKNOWN);
    expect(tokens('${replace("\\"${aws_iam_role.r.arn}\\" _X_", "_X_", "\\"")}')).toBe(UNKNOWN);
    expect(tokens('${replace("\\"${aws_iam_role.r.arn}\\" _X_", "_X_", aws_iam_role.r.arn)}')).toBe(UNKNOWN);
  });

  // A heredoc policy writes a token into a JSON string as it is: `"${aws_s3_bucket.m["x"].arn}/*"`.
  it("writes a token without quotes, backslashes or control characters (a for_each key's), and reads its address back", () => {
    const address = 'aws_s3_bucket.m["a\\"b%22\n"]';
    const token = referenceToken(address, 'arn');
    expect(token).not.toMatch(/["\\\u0000-\u001f]/);
    expect(JSON.parse(`"${token}/*"`)).toBe(`${token}/*`);
    expect(tokenTarget(token)).toEqual({ address, attribute: 'arn' });
  });

  it('refuses code whose literal text holds a character of the reserved range', () => {
    expect(symbolic('\uE000aws_s3_bucket.b#arn\uE001/*')).toBe(UNKNOWN);
    expect(symbolic('${jsonencode({ Resource = "\\uE002" })}')).toBe(UNKNOWN);
    expect(symbolic('${aws_s3_bucket.b.arn}\uE002')).toBe(UNKNOWN);
  });

  it('does not take text of the reserved range from the values the code is given either (variables, dynamic block elements)', () => {
    const given = new LocalScope([], new Map<string, unknown>([['self', 'arn:aws:s3:::\uE002'], ['names', { '\uE002': 'x', b: ['ok', '\uE000t\uE001'] }], ['plain', ['ok']]]));
    const reference = (traversal: string) => (traversal.startsWith('var.') ? UNKNOWN : `<${traversal}>`);
    const read = (value: unknown) => given.symbolic(value, reference);
    expect(read('${var.self}')).toBe(UNKNOWN);
    expect(read('${var.names}')).toBe(UNKNOWN);
    expect(read('${var.plain}')).toEqual(['ok']);
    const [block] = given.dynamicBlocks('${{ b = var.self, c = "ok" }}', 'it') ?? [];
    expect(block.symbolic('${it.value}', reference)).toBe(UNKNOWN);
    // Read without references, the same values are what they say: no rule reads them as tokens.
    expect(given.template('${var.self}')?.after).toBe('arn:aws:s3:::\uE002');
  });

  it('keeps a template with a directive on a value not known unknown whole: it decides which text around it is written', () => {
    expect(symbolic('%{ if var.admin }*%{ else }s3:GetObject%{ endif }')).toBe(UNKNOWN);
    expect(symbolic('%{ for a in var.actions }${a}%{ endfor }')).toBe(UNKNOWN);
    expect(symbolic('${jsonencode({ Action = "%{ if var.admin }*%{ endif }s3:GetObject" })}')).toBe(UNKNOWN);
  });

  it('reads a directive on known values beside a reference known only after apply (a templatefile policy)', () => {
    expect(symbolic('%{ if true }*%{ endif }')).toBe('*');
    expect(symbolic('%{ for a in ["s3:GetObject", "s3:PutObject"] }${a},%{ endfor }')).toBe('s3:GetObject,s3:PutObject,');
  });

  it('reads a strip marker: it takes the whitespace beside it off, whatever the value', () => {
    expect(symbolic('s3:Get ${~"Object"}')).toBe('s3:GetObject');
  });

  it('leaves the usual evaluation unchanged: a reference there is unknown', () => {
    expect(new LocalScope([]).template('${aws_s3_bucket.b.arn}/*')).toBeUndefined();
  });
});

/** The findings of `twinguard check ARGS --format json`, which writes nothing on stderr. */
async function findingsOf(args: string[]): Promise<ReportFinding[]> {
  const { findings, stderr } = await checkFindings(args);
  expect(stderr).toBe('');
  return findings;
}

/** The deny rules' statuses for each bucket of a .tf directory, or of a plan with `--code`. */
async function denials(args: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of await findingsOf(args)) if (f.ruleId === 's3-bucket-deny-insecure-transport') out[f.address] = f.status;
  return out;
}

const BUCKET = (name: string, extra = '') => `resource "aws_s3_bucket" "${name}" {\n  bucket_prefix = "${name}-"\n${extra}}\n`;
/** The principal and condition of a statement that denies plain HTTP to everyone, as a statement block holds them. */
const EVERYONE_OVER_HTTP = `    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
`;
/** A bucket policy that is the policy document `name`'s json (`policy`: another expression of it). */
const DOCUMENT_POLICY = (name: string, policy = `data.aws_iam_policy_document.${name}.json`) =>
  `resource "aws_s3_bucket_policy" "${name}" {\n  bucket = aws_s3_bucket.${name}.id\n  policy = ${policy}\n}\n`;
const POLICY = (name: string, resources: string, bucket = `aws_s3_bucket.${name}.id`, extra = '') => `
resource "aws_s3_bucket_policy" "${name}" {
  bucket = ${bucket}
${extra}  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ${resources}
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
`;

describe('deny rules on .tf code that names a bucket known only after apply', () => {
  const scenario = tempDir();
  afterAll(() => scenario.cleanup());

  let cases = 0;
  async function verdicts(files: Record<string, string>): Promise<Record<string, string>> {
    const dir = `case-${(cases += 1)}`;
    for (const [name, text] of Object.entries(files)) scenario.write(path.join(dir, name), text);
    return denials([path.join(scenario.dir, dir), '--input-kind', 'hcl']);
  }

  it.each([
    ['its own ARN and objects', '[aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"]', undefined],
    ['ARNs built from its id and the partition', '["arn:${data.aws_partition.p.partition}:s3:::${aws_s3_bucket.b.id}", "arn:${data.aws_partition.p.partition}:s3:::${aws_s3_bucket.b.id}/*"]', undefined],
    ['its ARN through a local', '[local.arn, "${local.arn}/*"]', undefined],
    ['its ARN alone: objects are not covered', '[aws_s3_bucket.b.arn]', 'fail'],
    ["another bucket's ARN", '[aws_s3_bucket.other.arn, "${aws_s3_bucket.other.arn}/*"]', 'unknown'],
    ['a prefix from a variable', '[aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/${var.prefix}/*"]', 'unknown'],
    ['a list from a variable', 'var.resources', 'unknown'],
  ])('a Deny on %s', async (_what, resources, expected) => {
    const files = {
      'main.tf': `${BUCKET('b')}${BUCKET('other')}${POLICY('b', resources)}data "aws_partition" "p" {}\nlocals {\n  arn = aws_s3_bucket.b.arn\n}\n`,
    };
    expect((await verdicts(files))['aws_s3_bucket.b']).toBe(expected);
  });

  // cloudposse/s3-bucket, tfstate-backend and cloudfront-s3-cdn write their bucket policies so.
  it('a Deny read through a splat of a counted document and bucket, and through a local holding the bucket, passes', async () => {
    const doc = (name: string, resources: string) => `
data "aws_iam_policy_document" "${name}" {
  count = 1
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ${resources}
${EVERYONE_OVER_HTTP}  }
}
resource "aws_s3_bucket_policy" "${name}" {
  count  = 1
  bucket = join("", aws_s3_bucket.${name}[*].id)
  policy = one(data.aws_iam_policy_document.${name}[*].json)
}
`;
    const files = {
      'main.tf': [
        `resource "aws_s3_bucket" "b" {
  count         = 1
  bucket_prefix = "b-"
}
`,
        `locals {
  bucket_arn = "arn:aws:s3:::\${join("", aws_s3_bucket.b[*].id)}"
  origin = aws_s3_bucket.o
}
`,
        doc('b', '[local.bucket_arn, "${local.bucket_arn}/*"]'),
        BUCKET('o'),
        `data "aws_iam_policy_document" "o" {
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [local.origin.arn, "\${local.origin.arn}/*"]
${EVERYONE_OVER_HTTP}  }
}
${DOCUMENT_POLICY('o')}`,
      ].join('\n'),
    };
    expect(await verdicts(files)).toEqual({});
  });

  it('an aws_iam_policy_document whose resources name the bucket passes; naming its objects only fails, beside an Allow whose principals are known only after apply too (an Allow is never the Deny)', async () => {
    const doc = (name: string, resources: string, readers = true) => `
data "aws_iam_policy_document" "${name}" {
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ${resources}
${EVERYONE_OVER_HTTP}  }
${readers ? `  statement {
    sid       = "ReadersFromVariable"
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.${name}.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = var.readers
    }
  }
` : ''}}
${DOCUMENT_POLICY(name)}`;
    const files = {
      'main.tf': `${BUCKET('b')}${BUCKET('c')}${BUCKET('d')}${doc('b', '[aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"]')}${doc('c', '["${aws_s3_bucket.c.arn}/*"]')}${doc('d', '["${aws_s3_bucket.d.arn}/*"]', false)}`,
    };
    expect(await verdicts(files)).toEqual({ 'aws_s3_bucket.c': 'fail', 'aws_s3_bucket.d': 'fail' });
  });

  it("reads statements a dynamic block makes, each element's references standing for what they name", async () => {
    const dynamicDoc = (name: string, forEach: string) => `
data "aws_iam_policy_document" "${name}" {
  dynamic "statement" {
    for_each = ${forEach}
    iterator = deny
    content {
      sid       = deny.key
      effect    = "Deny"
      actions   = ["s3:*"]
      resources = deny.value
${EVERYONE_OVER_HTTP}    }
  }
}
${DOCUMENT_POLICY(name)}`;
    const files = {
      'main.tf': [
        BUCKET('own'),
        BUCKET('objects'),
        BUCKET('other'),
        BUCKET('later'),
        dynamicDoc('own', '{ Bucket = [aws_s3_bucket.own.arn], Objects = ["${aws_s3_bucket.own.arn}/*"] }'),
        dynamicDoc('objects', '{ Objects = ["${aws_s3_bucket.objects.arn}/*"] }'),
        dynamicDoc('other', '{ Both = [aws_s3_bucket.own.arn, "${aws_s3_bucket.own.arn}/*"] }'),
        // Elements known only at plan time: the statements are not known at all.
        dynamicDoc('later', 'var.denials'),
      ].join(''),
    };
    expect(await verdicts(files)).toEqual({ 'aws_s3_bucket.objects': 'fail', 'aws_s3_bucket.other': 'unknown', 'aws_s3_bucket.later': 'unknown' });
  });

  it("reads each instance of a policy repeated by for_each with its own element: a map naming each bucket's id and ARN", async () => {
    const files = {
      'main.tf': `${BUCKET('a')}${BUCKET('b')}
resource "aws_s3_bucket_policy" "p" {
  for_each = {
    a = { id = aws_s3_bucket.a.id, arn = aws_s3_bucket.a.arn }
    b = { id = aws_s3_bucket.b.id, arn = aws_s3_bucket.a.arn }
  }
  bucket = each.value.id
  policy = jsonencode({
    Statement = [{
      Effect = "Deny", Principal = "*", Action = "s3:*",
      Resource = [each.value.arn, "\${each.value.arn}/*"],
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
`,
    };
    // Instance "b" names bucket a's ARN for bucket b: not a Deny on b.
    expect(await verdicts(files)).toEqual({ 'aws_s3_bucket.b': 'unknown' });
  });

  it('reads a policy repeated over buckets (for_each = aws_s3_bucket.all) with each instance\'s own ARN (each.value.arn)', async () => {
    const repeated = (name: string, resources: string) => `
resource "aws_s3_bucket" "${name}" {
  for_each      = toset(["x", "y"])
  bucket_prefix = "\${each.key}-"
}
resource "aws_s3_bucket_policy" "${name}" {
  for_each = aws_s3_bucket.${name}
  bucket   = each.value.id
  policy = jsonencode({
    Statement = [{
      Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ${resources},
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
`;
    const files = { 'main.tf': repeated('all', '[each.value.arn, "${each.value.arn}/*"]') + repeated('half', '[each.value.arn]') };
    expect(await verdicts(files)).toEqual({ 'aws_s3_bucket.half["x"]': 'fail', 'aws_s3_bucket.half["y"]': 'fail' });
  });

  it("reads a policy module called once per bucket (for_each = aws_s3_bucket.all, arn = each.value.arn) with each instance's own ARN", async () => {
    const files = {
      'main.tf': `
resource "aws_s3_bucket" "all" {
  for_each      = toset(["x", "y"])
  bucket_prefix = "\${each.key}-"
}
module "tls" {
  source   = "./policy"
  for_each = aws_s3_bucket.all
  bucket   = each.value.id
  arn      = each.value.arn
}
resource "aws_s3_bucket" "half" {
  for_each      = toset(["x"])
  bucket_prefix = "half-"
}
module "half" {
  source   = "./policy"
  for_each = aws_s3_bucket.half
  bucket   = each.value.id
  arn      = "\${each.value.arn}/*"
}
`,
      'policy/main.tf': `variable "bucket" {}\nvariable "arn" {}\n${POLICY('this', '[var.arn, "${var.arn}/*"]', 'var.bucket')}`,
    };
    expect(await verdicts(files)).toEqual({ 'aws_s3_bucket.half["x"]': 'fail' });
  });

  it('reads policy documents merged as the provider merges them (source_policy_documents, override_policy_documents), placeholders replaced', async () => {
    const doc = (name: string, body: string) => `data "aws_iam_policy_document" "${name}" {\n${body}\n}\n`;
    const statement = (sid: string, effect: string, actions: string, resources: string, rest: string) =>
      `  statement {\n    sid = "${sid}"\n    effect = "${effect}"\n    actions = ${actions}\n    resources = ${resources}\n${rest}  }`;
    const root = '    principals {\n      type = "AWS"\n      identifiers = ["arn:aws:iam::123456789012:root"]\n    }\n';
    const placed = (name: string) => DOCUMENT_POLICY(name, `replace(data.aws_iam_policy_document.${name}.json, "_ARN_", aws_s3_bucket.${name}.arn)`);
    const files = {
      'main.tf': [
        BUCKET('merged'),
        BUCKET('overridden'),
        BUCKET('repeated'),
        doc('deny', statement('DenyInsecure', 'Deny', '["s3:*"]', '["_ARN_", "_ARN_/*"]', EVERYONE_OVER_HTTP)),
        doc('read', statement('Read', 'Allow', '["s3:GetObject"]', '["_ARN_/*"]', root)),
        doc('same_sid', statement('DenyInsecure', 'Allow', '["s3:GetObject"]', '["_ARN_/*"]', root)),
        // As terraform-aws-modules/s3-bucket combines its documents.
        doc('merged', '  source_policy_documents = compact([data.aws_iam_policy_document.deny.json, "", data.aws_iam_policy_document.read.json])'),
        // An override with the Deny's Sid takes its place: no Deny is left.
        doc('overridden', '  source_policy_documents = [data.aws_iam_policy_document.deny.json]\n  override_policy_documents = [data.aws_iam_policy_document.same_sid.json]'),
        // Source documents that repeat a Sid: the provider refuses them.
        doc('repeated', '  source_policy_documents = [data.aws_iam_policy_document.deny.json, data.aws_iam_policy_document.same_sid.json]'),
        // Documents that merge each other (Terraform refuses the cycle), many times over: read once each, unknown.
        BUCKET('cycle'),
        doc('cycle', `  source_policy_documents = [${Array(8).fill('data.aws_iam_policy_document.loop.json').join(', ')}]`),
        doc('loop', `  source_policy_documents = [${Array(8).fill('data.aws_iam_policy_document.cycle.json').join(', ')}]`),
        placed('merged'),
        placed('overridden'),
        placed('repeated'),
        placed('cycle'),
      ].join(''),
    };
    expect(await verdicts(files)).toEqual({ 'aws_s3_bucket.overridden': 'fail', 'aws_s3_bucket.repeated': 'unknown', 'aws_s3_bucket.cycle': 'unknown' });
  });

  // terraform-aws-modules/s3-bucket's log bucket: elb_log_delivery's `dynamic "statement"` over a data source, merged with the deny document, placeholders replaced.
  it('reads the statements written beside a dynamic block whose blocks are known only after apply: a Deny among them counts, and the made ones cannot be read', async () => {
    const doc = (name: string, body: string) => `data "aws_iam_policy_document" "${name}" {\n${body}\n}\n`;
    const deny = `  statement {\n    sid       = "denyInsecureTransport"\n    effect    = "Deny"\n    actions   = ["s3:*"]\n    resources = ["_ARN_", "_ARN_/*"]\n${EVERYONE_OVER_HTTP}  }\n`;
    const delivery = (sid: string) =>
      `  dynamic "statement" {\n    for_each = { for k, v in local.accounts : k => v if k == data.aws_region.current.name }\n    content {\n      sid       = "${sid}"\n      actions   = ["s3:PutObject"]\n      resources = ["_ARN_/*"]\n      principals {\n        type        = "AWS"\n        identifiers = [statement.value]\n      }\n    }\n  }\n`;
    const allow = '  statement {\n    sid       = "Read"\n    actions   = ["s3:GetObject"]\n    resources = ["_ARN_/*"]\n    principals {\n      type        = "AWS"\n      identifiers = ["arn:aws:iam::123456789012:root"]\n    }\n  }\n';
    const placed = (name: string) => DOCUMENT_POLICY(name, `replace(data.aws_iam_policy_document.${name}.json, "_ARN_", aws_s3_bucket.${name}.arn)`);
    const files = {
      'main.tf': [
        'data "aws_region" "current" {}\nlocals {\n  accounts = { "eu-west-1" = "arn:aws:iam::156460612806:root" }\n}\n',
        BUCKET('beside'),
        BUCKET('merged'),
        BUCKET('without'),
        doc('beside', `${deny}${delivery('ELB')}`),
        doc('elb', `${allow}${delivery('ELB')}`),
        doc('tls', deny),
        doc('merged', '  source_policy_documents = [data.aws_iam_policy_document.elb.json, data.aws_iam_policy_document.tls.json]'),
        doc('without', '  source_policy_documents = [data.aws_iam_policy_document.elb.json]'),
        placed('beside'),
        placed('merged'),
        placed('without'),
      ].join(''),
    };
    // Without the Deny, a statement not read may be it: unknown, not a pass.
    expect(await verdicts(files)).toEqual({ 'aws_s3_bucket.without': 'unknown' });
  });

  it('follows a module output and a module variable to the bucket, per instance of a repeated module', async () => {
    const files = {
      'main.tf': `
module "store" {
  source = "./store"
  count  = 2
  name   = "store-\${count.index}"
}
resource "aws_s3_bucket_policy" "p" {
  count  = 2
  bucket = module.store[count.index].bucket_id
  policy = jsonencode({
    Statement = [{
      Effect = "Deny", Principal = "*", Action = "s3:*",
      Resource = [module.store[count.index].bucket_arn, "\${module.store[count.index].bucket_arn}/*"],
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
module "guarded" {
  source = "./guarded"
}
`,
      'store/main.tf': `variable "name" {}\n${BUCKET('this')}output "bucket_id" {\n  value = aws_s3_bucket.this.id\n}\noutput "bucket_arn" {\n  value = aws_s3_bucket.this.arn\n}\n`,
      'guarded/main.tf': `${BUCKET('this')}module "policy" {\n  source = "../policy"\n  bucket = aws_s3_bucket.this.id\n  arn    = aws_s3_bucket.this.arn\n}\n`,
      'policy/main.tf': `variable "bucket" {}\nvariable "arn" {}\n${POLICY('this', '[var.arn, "${var.arn}/*"]', 'var.bucket')}`,
    };
    expect(await verdicts(files)).toEqual({});
  });
});

describe('kms-key-not-public on a key policy written with jsonencode() of a new role\'s ARN', () => {
  const scenario = tempDir();
  afterAll(() => scenario.cleanup());

  it.each([
    ['the role and the account root, by name', '{ AWS = [aws_iam_role.r.arn, "arn:aws:iam::111111111111:root"] }', '{}', undefined],
    ['everyone, with the caller account from a variable', '"*"', '{ StringEquals = { "kms:CallerAccount" = var.account } }', 'unknown'],
    ['everyone, with a fixed caller account', '"*"', '{ StringEquals = { "kms:CallerAccount" = "111111111111" } }', undefined],
    ['everyone, without a condition', '{ AWS = ["*", aws_iam_role.r.arn] }', '{}', 'fail'],
    ['principals from a variable', '{ AWS = var.principals }', '{}', 'unknown'],
    ['a value of another kind of resource', '{ AWS = terraform_data.p.output }', '{}', 'unknown'],
    ['the account root, its id from the caller identity', '{ AWS = ["arn:aws:iam::${data.aws_caller_identity.c.account_id}:root"] }', '{}', undefined],
    ['an account root from a variable (IAM takes no wildcard inside a principal\'s ARN)', '{ AWS = ["arn:aws:iam::${var.account}:root"] }', '{}', undefined],
    ['a wildcard written around the account id', '{ AWS = ["arn:aws:iam::${data.aws_caller_identity.c.account_id}:*"] }', '{}', 'unknown'],
    // terraform-aws-modules/kms: key owners and users from the caller identity; the CloudWatch Logs and DNSSEC service statements.
    ["the caller's ARN", '{ AWS = [data.aws_caller_identity.c.arn] }', '{}', undefined],
    ["a Region's CloudWatch Logs service", '{ Service = ["logs.${data.aws_region.r.name}.amazonaws.com"] }', '{}', undefined],
    ['a service named by a variable whole', '{ Service = [var.service] }', '{}', 'unknown'],
  ])('granting %s', async (what, principal, condition, expected) => {
    const dir = `kms-${what.replace(/\W+/g, '-')}`;
    scenario.write(
      path.join(dir, 'main.tf'),
      `resource "aws_iam_role" "r" {
  assume_role_policy = "{}"
}
resource "terraform_data" "p" {}
data "aws_caller_identity" "c" {}
data "aws_region" "r" {}
resource "aws_kms_key" "k" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = ${principal}, Action = "kms:Decrypt", Resource = "*", Condition = ${condition} }]
  })
}
`,
    );
    const statuses = (await findingsOf([path.join(scenario.dir, dir), '--input-kind', 'hcl'])).filter((f) => f.ruleId === 'kms-key-not-public').map((f) => f.status);
    expect(statuses).toEqual(expected === undefined ? [] : [expected]);
  });
});

describe('kms-key-not-public on a key policy as terraform-aws-modules/kms writes it', () => {
  const scenario = tempDir();
  afterAll(() => scenario.cleanup());

  it("reads the policy document's principals from its code, through the module's arguments and coalesce()", async () => {
    scenario.write(
      'modules/kms/main.tf',
      `variable "policy" {
  type    = string
  default = null
}
variable "key_users" {
  type    = list(string)
  default = []
}
variable "key_statements" {
  type    = any
  default = {}
}
data "aws_partition" "current" {
  count = 1
}
data "aws_caller_identity" "current" {
  count = 1
}
locals {
  account_id = try(data.aws_caller_identity.current[0].account_id, "")
  partition  = try(data.aws_partition.current[0].partition, "")
}
resource "aws_kms_key" "this" {
  enable_key_rotation = true
  policy              = coalesce(var.policy, data.aws_iam_policy_document.this.json)
}
data "aws_iam_policy_document" "this" {
  source_policy_documents = []
  statement {
    sid       = "Default"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:\${local.partition}:iam::\${local.account_id}:root"]
    }
  }
  dynamic "statement" {
    for_each = length(var.key_users) > 0 ? [1] : []
    content {
      sid       = "KeyUsage"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
      resources = ["*"]
      principals {
        type        = "AWS"
        identifiers = var.key_users
      }
    }
  }
  dynamic "statement" {
    for_each = var.key_statements
    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = ["*"]
      dynamic "principals" {
        for_each = statement.value.principals
        content {
          type        = principals.value.type
          identifiers = principals.value.identifiers
        }
      }
    }
  }
}
`,
    );
    scenario.write(
      'main.tf',
      `resource "aws_iam_role" "app" {
  assume_role_policy = "{}"
}
module "kms" {
  source    = "./modules/kms"
  key_users = [aws_iam_role.app.arn]
}
module "kms_public" {
  source = "./modules/kms"
  key_statements = {
    everyone = { sid = "Everyone", actions = ["kms:Decrypt"], principals = [{ type = "AWS", identifiers = ["*"] }] }
  }
}
`,
    );
    const findings = (await findingsOf([scenario.dir, '--input-kind', 'hcl'])).filter((f) => f.ruleId === 'kms-key-not-public');
    expect(findings.map((f) => [f.address, f.status])).toEqual([['module.kms_public.aws_kms_key.this', 'fail']]);
  });
});

describe('IAM policy rules on a jsonencode policy that names new resources', () => {
  const scenario = tempDir();
  afterAll(() => scenario.cleanup());

  it.each([
    ['reading objects of a new bucket', '"s3:GetObject"', '["${aws_s3_bucket.b.arn}/*"]', {}],
    ['decrypting with a new key', '["kms:Decrypt", "kms:GenerateDataKey"]', 'aws_kms_key.k.arn', {}],
    ['every action on a new bucket and its objects (not every resource)', '"*"', '[aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"]', {}],
    ['every action on resources from a variable', '"*"', 'var.resources', { 'iam-policy-no-admin-access': 'unknown', 'iam-policy-no-decrypt-all-keys': 'unknown' }],
    ['every action on a prefix from a variable', '"*"', '"${var.prefix}*"', { 'iam-policy-no-admin-access': 'unknown', 'iam-policy-no-decrypt-all-keys': 'unknown' }],
    ['decrypting with keys from a variable', '"kms:Decrypt"', 'var.keys', { 'iam-policy-no-decrypt-all-keys': 'unknown' }],
    ['decrypting with every key beside a new bucket', '"kms:Decrypt"', '["*", aws_s3_bucket.b.arn]', { 'iam-policy-no-decrypt-all-keys': 'fail' }],
    ['an action named from a variable, on everything', '"${var.service}:*"', '"*"', { 'iam-policy-no-admin-access': 'unknown', 'iam-policy-no-decrypt-all-keys': 'unknown' }],
  ])('allowing %s', async (what, action, resources, expected) => {
    const dir = `iam-${what.replace(/\W+/g, '-')}`;
    scenario.write(
      path.join(dir, 'main.tf'),
      `${BUCKET('b')}resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\nresource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = ${action}, Resource = ${resources} }]\n  })\n}\n`,
    );
    const found = (await findingsOf([path.join(scenario.dir, dir), '--input-kind', 'hcl'])).filter((f) => f.address === 'aws_iam_policy.p' && f.ruleId.startsWith('iam-policy-'));
    expect(Object.fromEntries(found.map((f) => [f.ruleId, f.status]))).toEqual(expected);
  });
});

// cloudposse/transfer-sftp: a role per user of a for_each keyed by list indexes, its policy picked by index().
describe('an index that names an instance of a for_each by a number, as Terraform converts it to the key', () => {
  it('reads the policy of key "0" for [index(…)]: the roles attach policies the gate knows (no unknown), the admin one fails on the policy', async () => {
    const files = {
      'main.tf': [
        'locals {\n  names = ["brad", "kenny"]\n  users = { for i, n in local.names : i => n }\n}',
        'resource "aws_iam_policy" "per_user" {\n  for_each = local.users\n  name     = "u-${each.value}"\n  policy   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = each.value == "brad" ? "*" : "s3:ListBucket", Resource = "*" }] })\n}',
        'resource "aws_iam_role" "per_user" {\n  for_each            = local.users\n  name                = "u-${each.value}"\n  assume_role_policy  = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "transfer.amazonaws.com" } }] })\n  managed_policy_arns = [aws_iam_policy.per_user[index(local.names, each.value)].arn]\n}',
      ].join('\n'),
    };
    const statuses = await withFiles(files, async (dir) =>
      (await checkFindings([dir, '--input-kind', 'hcl'])).findings.filter((f) => f.ruleId === 'iam-policy-no-admin-access').map((f) => [f.address, f.status]),
    );
    expect(statuses).toEqual([['aws_iam_policy.per_user["0"]', 'fail']]);
  });
});

describe('a policy read from its code names the statement that fails by its Sid, as one known at plan time does', () => {
  it('in IAM policies and key policies', async () => {
    const files = {
      'main.tf': `${BUCKET('b')}resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Sid = "DecryptSecrets", Effect = "Allow", Action = "kms:Decrypt", Resource = ["*", aws_s3_bucket.b.arn] }]\n  })\n}\nresource "aws_kms_key" "k" {\n  enable_key_rotation = true\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Sid = "Everyone", Effect = "Allow", Principal = "*", Action = "kms:Decrypt", Resource = aws_s3_bucket.b.arn }]\n  })\n}\n`,
    };
    const { findings } = await withFiles(files, (dir) => checkFindings([dir, '--input-kind', 'hcl']));
    const messages = findings.filter((f) => ['iam-policy-no-decrypt-all-keys', 'kms-key-not-public'].includes(f.ruleId)).map((f) => f.message);
    expect(messages).toEqual([expect.stringContaining('read from its code: statement "DecryptSecrets" allows'), expect.stringContaining('read from its code, statement "Everyone" allows every principal')]);
  });
});

// terraform-aws-modules/eks: Resource = var.cluster_encryption_config.provider_key_arn, given { provider_key_arn = aws_kms_key.eks.arn }.
describe("IAM policy rules in a module on a key named by an attribute of an object argument", () => {
  const scenario = tempDir();
  afterAll(() => scenario.cleanup());

  it.each([
    ['a new key', 'aws_kms_key.k.arn', {}],
    ['every key', '"*"', { 'iam-policy-no-decrypt-all-keys': 'fail' }],
    ['a key from the root variable', 'var.key', { 'iam-policy-no-decrypt-all-keys': 'unknown' }],
  ])('decrypting with %s', async (what, key, expected) => {
    const dir = `object-${what.replace(/\W+/g, '-')}`;
    scenario.write(path.join(dir, 'main.tf'), `variable "key" {}\nresource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\nmodule "m" {\n  source = "./m"\n  cfg    = { resources = ["secrets"], provider_key_arn = ${key} }\n}\n`);
    scenario.write(
      path.join(dir, 'm', 'main.tf'),
      'variable "cfg" {\n  type = any\n}\nresource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = ["kms:Decrypt"], Resource = var.cfg.provider_key_arn }]\n  })\n}\n',
    );
    const found = (await findingsOf([path.join(scenario.dir, dir), '--input-kind', 'hcl'])).filter((f) => f.address === 'module.m.aws_iam_policy.p' && f.ruleId.startsWith('iam-policy-'));
    expect(Object.fromEntries(found.map((f) => [f.ruleId, f.status]))).toEqual(expected);
  });
});

describe('twinmaker-role-s3-scope on a role policy that names the workspace bucket, known only after apply', () => {
  const scenario = tempDir();
  afterAll(() => scenario.cleanup());

  it.each([
    ['the workspace bucket and its objects', '[aws_s3_bucket.ws.arn, "${aws_s3_bucket.ws.arn}/*"]', undefined],
    ['the workspace bucket by its id', '["arn:aws:s3:::${aws_s3_bucket.ws.id}", "arn:aws:s3:::${aws_s3_bucket.ws.id}/*"]', undefined],
    ['another bucket of the input', '[aws_s3_bucket.other.arn, "${aws_s3_bucket.other.arn}/*"]', 'fail'],
    ['buckets from a variable', 'var.buckets', 'unknown'],
  ])('reaching %s', async (what, resources, expected) => {
    const dir = `role-${what.replace(/\W+/g, '-')}`;
    scenario.write(
      path.join(dir, 'main.tf'),
      `resource "aws_s3_bucket" "ws" {
  bucket = "twin-workspace-dev"
}
resource "aws_s3_bucket" "other" {
  bucket = "payroll-exports"
}
resource "aws_iam_role" "tm" {
  name = "twinmaker"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "iottwinmaker.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role_policy" "tm" {
  role = aws_iam_role.tm.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], Resource = ${resources} }] })
}
resource "awscc_iottwinmaker_workspace" "w" {
  workspace_id = "twin"
  role         = aws_iam_role.tm.arn
  s3_location  = aws_s3_bucket.ws.arn
}
`,
    );
    const statuses = (await findingsOf([path.join(scenario.dir, dir), '--input-kind', 'hcl'])).filter((f) => f.ruleId === 'twinmaker-role-s3-scope').map((f) => `${f.address} ${f.status}`);
    expect(statuses).toEqual(expected === undefined ? [] : [`aws_iam_role_policy.tm ${expected}`]);
  });
});

describe('a plan read with the code that made it', () => {
  const dir = path.join(FIXTURES, 'policy-document');

  it("a policy document with placeholders that replace() fills with the new bucket's ARN (terraform-aws-modules/s3-bucket): unknown alone, passes with --code and as .tf code", async () => {
    const placeholders = path.join(FIXTURES, 'policy-placeholders');
    expect(await denials([path.join(placeholders, 'plan.json')])).toEqual({ 'aws_s3_bucket.this': 'unknown' });
    expect(await denials([path.join(placeholders, 'plan.json'), '--code', placeholders])).toEqual({});
    // The .tf files alone: the document's json made from its statements, then the placeholders replaced.
    expect(await denials([placeholders, '--input-kind', 'hcl'])).toEqual({});
  });

  it('is unknown alone, and passes with --code', async () => {
    expect(await denials([path.join(dir, 'plan.json')])).toEqual({ 'aws_s3_bucket.b': 'unknown' });
    expect(await denials([path.join(dir, 'plan.json'), '--code', dir])).toEqual({});
  });

  it("reads each instance's policy with that instance's code (each.key bound), not the first instance's", async () => {
    const scenario = tempDir();
    try {
      // Each policy names its own bucket by name (each.key) and grants a new role (known only after apply).
      scenario.write('main.tf', `
resource "aws_iam_role" "r" {
  name               = "reader"
  assume_role_policy = "{}"
}
resource "aws_s3_bucket" "b" {
  for_each = toset(["x", "y"])
  bucket   = "twin-\${each.key}"
}
resource "aws_s3_bucket_policy" "p" {
  for_each = toset(["x", "y"])
  bucket   = aws_s3_bucket.b[each.key].id
  policy = jsonencode({
    Statement = [
      {
        Effect = "Deny", Principal = "*", Action = "s3:*",
        Resource = ["arn:aws:s3:::twin-\${each.key}", "arn:aws:s3:::twin-\${each.key}/*"],
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      { Effect = "Allow", Principal = { AWS = aws_iam_role.r.arn }, Action = "s3:GetObject", Resource = "arn:aws:s3:::twin-\${each.key}/*" },
    ]
  })
}
`);
      const keyed = (key: string) => [
        res(`aws_s3_bucket.b["${key}"]`, { bucket: `twin-${key}` }, { unknown: { id: true, arn: true }, repetition: 'for_each' }),
        res(`aws_s3_bucket_policy.p["${key}"]`, {}, {
          unknown: { bucket: true, policy: true },
          repetition: 'for_each',
          refs: { bucket: ['aws_s3_bucket.b', 'each.key'], policy: ['each.key', 'aws_iam_role.r.arn', 'aws_iam_role.r'] },
        }),
      ];
      const file = scenario.write('plan.json', plan([res('aws_iam_role.r', { name: 'reader', assume_role_policy: '{}' }, { unknown: { arn: true } }), ...keyed('x'), ...keyed('y')]));
      expect(await denials([file])).toEqual({ 'aws_s3_bucket.b["x"]': 'unknown', 'aws_s3_bucket.b["y"]': 'unknown' });
      expect(await denials([file, '--code', scenario.dir])).toEqual({});
    } finally {
      scenario.cleanup();
    }
  });

  it("reads each instance of a repeated module with that instance's code (its variables), not another instance's", async () => {
    const scenario = tempDir();
    try {
      scenario.write('main.tf', `
resource "aws_s3_bucket" "b" {
  for_each = toset(["a", "b"])
  bucket   = "twin-\${each.key}"
}
module "p" {
  source   = "./p"
  for_each = { a = "deny", b = "allow" }
  mode     = each.value
  bucket   = aws_s3_bucket.b[each.key].id
  arn      = aws_s3_bucket.b[each.key].arn
}
`);
      scenario.write('p/main.tf', `variable "mode" {}
variable "bucket" {}
variable "arn" {}
resource "aws_s3_bucket_policy" "this" {
  bucket = var.bucket
  policy = jsonencode({
    Statement = [{
      Effect = var.mode == "deny" ? "Deny" : "Allow", Principal = "*", Action = "s3:*",
      Resource = [var.arn, "\${var.arn}/*"],
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
`);
      const bucket = (key: string) => res(`aws_s3_bucket.b["${key}"]`, { bucket: `twin-${key}` }, { unknown: { id: true, arn: true }, repetition: 'for_each' });
      const policy = (key: string) =>
        res(`module.p["${key}"].aws_s3_bucket_policy.this`, {}, { unknown: { bucket: true, policy: true }, refs: { bucket: ['var.bucket'], policy: ['var.mode', 'var.arn'] } });
      const document = plan([bucket('a'), bucket('b'), policy('a'), policy('b')], {
        moduleCalls: {
          'module.p': {
            source: './p',
            repetition: 'for_each',
            expressions: { mode: { references: ['each.value'] }, bucket: { references: ['aws_s3_bucket.b', 'each.key'] }, arn: { references: ['aws_s3_bucket.b', 'each.key'] } },
          },
        },
      });
      const file = scenario.write('plan.json', document);
      // Instance b's policy allows: it is no Deny on bucket b, whatever instance a's says.
      expect(await denials([file, '--code', scenario.dir])).toEqual({ 'aws_s3_bucket.b["b"]': 'fail' });
    } finally {
      scenario.cleanup();
    }
  });

  it('adds nothing where the code does not match the plan (its references differ): unknown, as alone', async () => {
    // The plan as if made from code that named another bucket there: the code at hand is not its code.
    const other = tempDir();
    try {
      const planned = fs.readFileSync(path.join(dir, 'plan.json'), 'utf8').replaceAll('"aws_s3_bucket.b.arn"', '"aws_s3_bucket.other.arn"');
      const file = other.write('plan.json', planned);
      expect(await denials([file, '--code', dir])).toEqual({ 'aws_s3_bucket.b': 'unknown' });
    } finally {
      other.cleanup();
    }
  });

  it('refuses a --code directory it cannot read, or --code without a plan, in one line', async () => {
    const missing = await twinguard(['check', path.join(dir, 'plan.json'), '--code', path.join(dir, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^twinguard: --code .*nope: .+\n$/);
    const noPlan = await twinguard(['check', dir, '--input-kind', 'hcl', '--code', dir]);
    expect(noPlan.code).toBe(2);
    expect(noPlan.stderr).toBe('twinguard: --code: applies to plan inputs, and none was given (a .tf or cdktf input is its own code)\n');
  });
});

// IoT projects write policies with templatefile() and %{ for } over a list, beside a new bucket's ARN.
describe('policy rules on a templatefile policy with a for directive and a bucket ARN known only after apply', () => {
  const TEMPLATE = `{
  "Version": "2012-10-17",
  "Statement": [
%{ for a in actions ~}
    { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/reader" }, "Action": "\${a}", "Resource": "\${bucket_arn}/*" },
%{ endfor ~}
    { "Sid": "DenyInsecure", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["\${bucket_arn}", "\${bucket_arn}/*"], "Condition": { "Bool": { "aws:SecureTransport": "false" } } }
  ]
}
`;
  const main = (actions: string) => `resource "aws_s3_bucket" "b" {
  bucket = "iot-archive-x"
}
resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = templatefile("\${path.module}/bucket.json.tftpl", { bucket_arn = aws_s3_bucket.b.arn, actions = ${actions} })
}
resource "aws_iam_policy" "p" {
  policy = templatefile("\${path.module}/identity.json.tftpl", { bucket_arn = aws_s3_bucket.b.arn, actions = ${actions} })
}
`;
  const IDENTITY = `{ "Version": "2012-10-17", "Statement": [
%{ for a in actions ~}
  { "Effect": "Allow", "Action": "\${a}", "Resource": "*" },
%{ endfor ~}
  { "Effect": "Allow", "Action": "s3:PutObject", "Resource": "\${bucket_arn}/*" }
] }
`;
  it.each([
    ['a scoped action: the TLS deny is read, the policy grants no admin access', '["s3:GetObject"]', { insecure: undefined, admin: undefined }],
    ['every action: admin access fails, read from the code', '["*"]', { insecure: undefined, admin: 'fail' }],
    ['a list known only after apply: the policy stays unknown', 'aws_s3_bucket.b.tags_all["Readers"]', { insecure: 'unknown', admin: 'unknown' }],
  ])('%s', async (_name, actions, expected) => {
    const found = await withFiles({ 'main.tf': main(actions), 'bucket.json.tftpl': TEMPLATE, 'identity.json.tftpl': IDENTITY }, (dir) => findingsOf([dir, '--input-kind', 'hcl']));
    const status = (ruleId: string, address: string) => found.find((f) => f.ruleId === ruleId && f.address === address)?.status;
    expect({ insecure: status('s3-bucket-deny-insecure-transport', 'aws_s3_bucket.b'), admin: status('iam-policy-no-admin-access', 'aws_iam_policy.p') }).toEqual(expected);
  });
});

// A heredoc bucket policy (JSON text, not jsonencode) over a for_each of buckets, read with its code:
// the TLS rules judge it as the same policy written with jsonencode() and a `for` expression
// (terraform plans the same text: a `%{ for }` over `terraform_data.m`, `values()` of it, `m[n]`).
describe('TLS rules on a heredoc bucket policy over a for_each of buckets, read with its code', () => {
  const RULES = ['s3-bucket-deny-insecure-transport', 's3-bucket-deny-tls-below-1-2'];
  // Each bucket holds a trail's logs, so both rules judge it.
  const main = (resources: string) => `resource "aws_s3_bucket" "m" {
  for_each = toset(["x", "y"])
  bucket   = "m-\${each.key}"
}
resource "aws_cloudtrail" "t" {
  for_each       = aws_s3_bucket.m
  name           = "t-\${each.key}"
  s3_bucket_name = each.value.id
}
locals {
  names   = ["x", "y"]
  buckets = [aws_s3_bucket.m["x"], aws_s3_bucket.m["y"]]
}
resource "aws_s3_bucket_policy" "p" {
  for_each = aws_s3_bucket.m
  bucket   = each.value.id
  policy   = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Deny", "Principal": "*", "Action": "s3:*",
      "Resource": [${resources}],
      "Condition": { "Bool": { "aws:SecureTransport": "false" } }
    },
    {
      "Effect": "Deny", "Principal": "*", "Action": "s3:*",
      "Resource": [${resources}],
      "Condition": { "NumericLessThan": { "s3:TlsVersion": "1.2" } }
    }
  ]
}
EOF
}
`;
  /** Each bucket's verdict under each rule (`pass`: no finding), as `<rule> <key>`. */
  const verdicts = async (resources: string): Promise<Record<string, string>> => {
    const found = await withFiles({ 'main.tf': main(resources) }, (dir) => findingsOf([dir, '--input-kind', 'hcl']));
    const status = (rule: string, key: string) => found.find((f) => f.ruleId === rule && f.address === `aws_s3_bucket.m["${key}"]`)?.status ?? 'pass';
    return Object.fromEntries(RULES.flatMap((rule) => ['x', 'y'].map((key) => [`${rule} ${key}`, status(rule, key)])));
  };
  /** The verdicts where bucket x has `x` under both rules, and bucket y `y`. */
  const expected = (x: string, y: string) => Object.fromEntries(RULES.flatMap((rule) => [[`${rule} x`, x], [`${rule} y`, y]]));

  it.each([
    ['its own instance, each.value.arn', '"${each.value.arn}", "${each.value.arn}/*"', 'pass'],
    ['its own instance by its key, aws_s3_bucket.m[each.key].arn', '"${aws_s3_bucket.m[each.key].arn}", "${aws_s3_bucket.m[each.key].arn}/*"', 'pass'],
    ['bucket x by a literal key alone: y is not covered', '"${aws_s3_bucket.m["x"].arn}", "${aws_s3_bucket.m["x"].arn}/*"', 'unknown'],
    ['each instance, in a %{ for } over the block', '%{ for b in aws_s3_bucket.m ~}"${b.arn}", "${b.arn}/*", %{ endfor ~}"arn:aws:s3:::none"', 'pass'],
    ['each instance, in a %{ for } over values() of the block', '%{ for b in values(aws_s3_bucket.m) }"${b.arn}", "${b.arn}/*", %{ endfor }"arn:aws:s3:::none"', 'pass'],
    ['each instance, in a %{ for k, b } with a comma but after the last', '%{ for k, b in aws_s3_bucket.m ~}"${b.arn}", "${b.arn}/*"%{ if k != "y" }, %{ endif }%{ endfor ~}', 'pass'],
    ['the instance of bucket m-x alone, in a %{ for } with an %{ if }', '%{ for b in aws_s3_bucket.m ~}%{ if b.bucket == "m-x" }"${b.arn}", "${b.arn}/*", %{ endif }%{ endfor ~}"arn:aws:s3:::none"', 'unknown'],
    ['each instance by a key a %{ for } over a local list binds', '%{ for n in local.names ~}"${aws_s3_bucket.m[n].arn}", "${aws_s3_bucket.m[n].arn}/*", %{ endfor ~}"arn:aws:s3:::none"', 'pass'],
    ['each instance by a key a %{ for } over keys() binds', '%{ for k in keys(aws_s3_bucket.m) ~}"${aws_s3_bucket.m[k].arn}", "${aws_s3_bucket.m[k].arn}/*", %{ endfor ~}"arn:aws:s3:::none"', 'pass'],
    ['bucket x alone by a key a %{ for } binds', '%{ for n in ["x"] ~}"${aws_s3_bucket.m[n].arn}", "${aws_s3_bucket.m[n].arn}/*", %{ endfor ~}"arn:aws:s3:::none"', 'unknown'],
    ['each instance a local list holds, in a %{ for } over it', '%{ for b in local.buckets ~}"${b.arn}", "${b.arn}/*", %{ endfor ~}"arn:aws:s3:::none"', 'pass'],
    ['the first instance a local list holds', '"${local.buckets[0].arn}", "${local.buckets[0].arn}/*"', 'unknown'],
  ])('naming %s', async (_what, resources, y) => {
    expect(await verdicts(resources)).toEqual(expected('pass', y));
  });

  it('in a plan, is unknown alone and read with its code (--code) as the .tf files are', async () => {
    const bucket = (key: string) => res(`aws_s3_bucket.m["${key}"]`, { bucket: `m-${key}` }, { unknown: { id: true, arn: true }, repetition: 'for_each' });
    const policy = (key: string) =>
      res(`aws_s3_bucket_policy.p["${key}"]`, {}, { unknown: { bucket: true, policy: true }, repetition: 'for_each', refs: { bucket: ['each.value.id', 'each.value'], policy: ['aws_s3_bucket.m'] } });
    const document = plan([bucket('x'), bucket('y'), policy('x'), policy('y')]) as { configuration: { root_module: { resources: Record<string, unknown>[] } } };
    // The for_each expressions as terraform records them: a constant set, and the bucket block.
    for (const block of document.configuration.root_module.resources) {
      block.for_each_expression = block.address === 'aws_s3_bucket.m' ? { constant_value: ['x', 'y'] } : { references: ['aws_s3_bucket.m'] };
    }
    const resources = '%{ for b in aws_s3_bucket.m ~}"${b.arn}", "${b.arn}/*", %{ endfor ~}"arn:aws:s3:::none"';
    const code = main(resources).replace(/resource "aws_cloudtrail"[\s\S]*?\n}\n/, '');
    const found = await withFiles({ 'plan.json': JSON.stringify(document), 'code/main.tf': code }, async (dir) => [await denials([path.join(dir, 'plan.json')]), await denials([path.join(dir, 'plan.json'), '--code', path.join(dir, 'code')])]);
    expect(found).toEqual([{ 'aws_s3_bucket.m["x"]': 'unknown', 'aws_s3_bucket.m["y"]': 'unknown' }, {}]);
  });
});

// A plan records `bucket = aws_s3_bucket.b[1 - count.index].id` as `aws_s3_bucket.b` and `count.index`:
// read alone, the satellite of key 0 goes with the bucket of key 0; its code says the bucket of key 1.
describe("a satellite whose bucket index the code computes from its own key, read with its code", () => {
  const bucketRefs = { refs: { bucket: ['aws_s3_bucket.b', 'count.index'] } };
  const sse = (index: number, algorithm: string) =>
    res(`aws_s3_bucket_server_side_encryption_configuration.s[${index}]`, { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: algorithm, kms_master_key_id: algorithm === 'aws:kms' ? 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' : null }], bucket_key_enabled: true }] }, {
      unknown: { bucket: true, id: true },
      repetition: 'count',
      ...bucketRefs,
    });
  const bucket = (index: number) => res(`aws_s3_bucket.b[${index}]`, { bucket_prefix: 'tg-', force_destroy: false }, { unknown: { bucket: true, id: true, arn: true }, repetition: 'count' });
  const code = [
    'resource "aws_s3_bucket" "b" {\n  count         = 2\n  bucket_prefix = "tg-"\n}',
    'locals {\n  alg = ["aws:kms", "AES256"]\n}',
    'resource "aws_s3_bucket_server_side_encryption_configuration" "s" {\n  count  = 2\n  bucket = aws_s3_bucket.b[1 - count.index].id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = local.alg[count.index]\n      kms_master_key_id = count.index == 0 ? "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" : null\n    }\n    bucket_key_enabled = true\n  }\n}',
  ].join('\n');

  // The workspace's bucket must use SSE-KMS.
  const workspace = res('awscc_iottwinmaker_workspace.w', { workspace_id: 'ws', role: 'arn:aws:iam::111122223333:role/tm' }, { unknown: { s3_location: true, arn: true }, refs: { s3_location: ['aws_s3_bucket.b[0].arn', 'aws_s3_bucket.b[0]', 'aws_s3_bucket.b'] } });

  it('links each to the bucket the code names: the AES256 one (key 1) applies to bucket 0, the workspace\'s, which fails s3-bucket-sse-kms', async () => {
    const files = { 'plan.json': JSON.stringify(plan([bucket(0), bucket(1), sse(0, 'aws:kms'), sse(1, 'AES256'), workspace])), 'code/main.tf': code };
    const failing = await withFiles(files, async (dir) =>
      (await checkFindings([path.join(dir, 'plan.json'), '--code', path.join(dir, 'code')])).findings.filter((f) => f.ruleId === 's3-bucket-sse-kms').map((f) => [f.address, f.status]),
    );
    expect(failing).toEqual([['aws_s3_bucket.b[0]', 'fail']]);
  });

  // reverse() of the block's instances is read: instance 0 of the result is bucket 1 (terraform console:
  // reverse([{o="b-0"},{o="b-1"}])[0].o is "b-1"), its id read as that instance's reference.
  it.each([
    ['a function the gate cannot read (matchkeys(aws_s3_bucket.b, [0, 1], [1])[count.index]) is not guessed as the own key: unknown', 'matchkeys(aws_s3_bucket.b, [0, 1], [1])', [['aws_s3_bucket.b[0]', 'unknown', true], ['aws_s3_bucket.b[1]', 'unknown', true]]],
    ['reverse(aws_s3_bucket.b)[count.index] names bucket 1, which passes; bucket 0 fails', 'reverse(aws_s3_bucket.b)', [['aws_s3_bucket.b[0]', 'fail', false]]],
  ])('in .tf, a bucket index the code computes with %s', async (_what, instances, expected) => {
    const files = {
      'main.tf': [
        'resource "aws_s3_bucket" "b" {\n  count         = 2\n  bucket_prefix = "tg-"\n}',
        `resource "aws_s3_bucket_server_side_encryption_configuration" "e" {\n  count  = 1\n  bucket = ${instances}[count.index].id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "AES256"\n    }\n  }\n}`,
      ].join('\n'),
    };
    const statuses = await withFiles(files, async (dir) =>
      (await checkFindings([dir, '--input-kind', 'hcl'])).findings.filter((f) => f.ruleId === 's3-bucket-default-encryption').map((f) => [f.address, f.status, /does not settle what it names/.test(f.message)]),
    );
    // Guessed, b[0] would pass as e[0]'s and b[1] fail.
    expect(statuses).toEqual(expected);
  });

  it("adds nothing from code that cannot be the plan's: a fixed index where the plan lists count.index (code of another version)", async () => {
    const stale = code.replace('aws_s3_bucket.b[1 - count.index].id', 'aws_s3_bucket.b[1].id');
    const files = { 'plan.json': JSON.stringify(plan([bucket(0), bucket(1), sse(0, 'aws:kms'), sse(1, 'AES256'), workspace])), 'code/main.tf': stale };
    const failing = await withFiles(files, async (dir) =>
      (await checkFindings([path.join(dir, 'plan.json'), '--code', path.join(dir, 'code')])).findings.filter((f) => f.ruleId === 's3-bucket-sse-kms').map((f) => [f.address, f.status]),
    );
    // Read as the plan alone reads it: each satellite the bucket of its own key.
    expect(failing).toEqual([]);
  });
});
