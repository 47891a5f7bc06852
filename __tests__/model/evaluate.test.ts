/**
 * `local` values and the expressions built from them, as the configuration loaders evaluate them
 * (checks/model/evaluate.ts): what the code fixes is known, what comes from outside is an unknown
 * part, and any syntax not evaluated leaves the whole value unknown.
 */
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fromOutsideTheCode, LocalScope, markGiven, stringSet, takeSensitiveLiterals, UNKNOWN, evaluateTemplate, splitPartial } from '../../checks/model/evaluate';
import { ExpressionTooDeep } from '../../checks/model/expressions';
import { buildGraph } from '../../checks/model/graph';
import { loadHcl } from '../../checks/model/hcl';
import type { Graph, LoadedInput } from '../../checks/model/types';
import { runRules } from '../../checks/engine';
import credentialsRule from '../../checks/rules/sensitive-data/no-credentials-in-attributes';
import ebsVolumesRule from '../../checks/rules/encryption-at-rest/ebs-volumes-encrypted';
import { DEFAULT_SETTINGS } from '../../checks/settings';
import { tempDir, twinguard } from '../cli/run';

/** The graph of a directory of .tf files written from `files`. */
async function parseHclDirectory(files: Record<string, string>): Promise<Graph> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-locals-'));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return buildGraph([await loadHcl(dir)]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A directory of .tf files written from `files`, loaded. */
async function loadHclDirectory(files: Record<string, string>): Promise<LoadedInput> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-locals-'));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return await loadHcl(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const LOCALS = new LocalScope([
  {
    name: 'twin',
    env: '${var.environment}',
    tags: { Environment: '${var.environment}', Owner: 'platform' },
    more_tags: { Team: 'iot' },
    list: ['a', 'b'],
    nothing: null,
    count: 3,
    flag: true,
    nested: { inner: { value: 'deep' } },
    arn: 'arn:aws:s3:::${local.name}',
    self_loop: '${local.self_loop}',
    a_to_b: '${local.b_to_a}',
    b_to_a: '${local.a_to_b}',
    bucket_id: '${aws_s3_bucket.b.id}',
    via_bucket: '${local.bucket_id}',
    // As hcl2json gives `"postgres://admin:$${password}@db"` and `"%%{ for n in names }$${n},%%{ endfor }"`.
    url_template: 'postgres://admin:$${password}@db.example.com:5432/app',
    list_template: '%%{ for n in names }$${n},%%{ endfor }',
    lone: '$${x}',
  },
  { name: 'twinmaker' }, // a second locals block adds to the first (a name twice is refused by Terraform; the last one counts here)
]);

const value = (template: string): unknown => evaluateTemplate(template, LOCALS);

describe('evaluated to a known value', () => {
  it.each([
    ['a literal local', '${local.name}', 'twinmaker'],
    ['sensitive() gives its argument (the mark is not modelled)', '${sensitive(local.name)}', 'twinmaker'],
    // Each as terraform console gives it (Terraform 1.9's templatestring).
    ['templatestring() of a local, with its vars', '${templatestring(local.url_template, { password = "Sup3rS3cretP4ss" })}', 'postgres://admin:Sup3rS3cretP4ss@db.example.com:5432/app'],
    // The AWS provider's functions, as its code (aws-sdk-go-v2's arn.Parse and ARN.String) computes them.
    ['provider::aws::arn_build', '${provider::aws::arn_build("aws", "kms", "us-east-1", "123456789012", "key/1234abcd")}', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd'],
    ['provider::aws::arn_parse, the resource keeping its colons', '${provider::aws::arn_parse("arn:aws:logs:eu-west-1:123456789012:log-group:/app:*")}', { partition: 'aws', service: 'logs', region: 'eu-west-1', account_id: '123456789012', resource: 'log-group:/app:*' }],
    ['provider::aws::arn_parse refuses what is no ARN', '${try(provider::aws::arn_parse("arn:aws:s3"), "refused")}', 'refused'],
    ['another provider function is not evaluated', '${{ a = provider::time::rfc3339_parse("2024-01-01T00:00:00Z"), b = 1 }}', { a: UNKNOWN, b: 1 }],
    ['templatestring() with a directive', '${templatestring(local.list_template, { names = ["x", "y"] })}', 'x,y,'],
    ['templatestring() gives a string: a lone interpolation of a number or a bool is its text, of null or a list an error', '${[templatestring(local.lone, { x = 5 }), templatestring(local.lone, { x = false }), try(templatestring(local.lone, { x = null }), "refused"), try(templatestring(local.lone, { x = ["a"] }), "refused")]}', ['5', 'false', 'refused', 'refused']],
    ['a template of locals', 'arn:aws:s3:::${local.name}/*', 'arn:aws:s3:::twinmaker/*'],
    ['a local that is a template of locals', '${local.arn}', 'arn:aws:s3:::twinmaker'],
    ['a number keeps its type alone', '${local.count}', 3],
    ['a number in text', 'n-${local.count}', 'n-3'],
    ['a boolean in text', '${local.flag}-x', 'true-x'],
    ['attribute steps', '${local.nested.inner.value}', 'deep'],
    ['index steps', '${local.list[1]}', 'b'],
    ['a quoted key index', '${local.more_tags["Team"]}', 'iot'],
    ['merge of known maps, the last key wins', '${merge(local.more_tags, { Team = "ops", Stage = "x" })}', { Team: 'ops', Stage: 'x' }],
    ['merge skips null', '${merge(local.more_tags, null)}', { Team: 'iot' }],
    ['concat', '${concat(local.list, ["c"])}', ['a', 'b', 'c']],
    ['lower, upper, trimspace', '${lower("AB")}${upper("cd")}${trimspace("  e ")}', 'abCDe'],
    ['join', '${join(",", local.list, ["c"])}', 'a,b,c'],
    ['lookup with a key present', '${lookup(local.more_tags, "Team", "none")}', 'iot'],
    ['lookup falls back to its default', '${lookup(local.more_tags, "Nope", "none")}', 'none'],
    ['coalesce skips null and empty strings', '${coalesce(null, "", local.name)}', 'twinmaker'],
    ['tostring of a number', '${tostring(local.count)}', '3'],
    ['tolist of strings', '${tolist(local.list)}', ['a', 'b']],
    ['tomap of strings', '${tomap(local.more_tags)}', { Team: 'iot' }],
    ['jsonencode sorts keys and escapes as Terraform does', '${jsonencode({ b = 1, a = ["<&>"], c = local.name })}', '{"a":["\\u003c\\u0026\\u003e"],"b":1,"c":"twinmaker"}'],
    ['escapes in a quoted string', '${"a\\"b\\n\\u0041"}', 'a"b\nA'],
    ['$${ and %%{ stand for literal ${ and %{', 'x-$${local.name}-%%{y}', 'x-${local.name}-%{y}'],
    ['parentheses', '${(local.name)}', 'twinmaker'],
    ['a negative number literal', '${[-1, -2.5e1]}', [-1, -25]],
    ['a key computed from a local', '${{ (local.name) = 1 }}', { twinmaker: 1 }],
    ['toset: unique, in the order Terraform iterates it', '${toset(["b", "a", "b"])}', ['a', 'b']],
    // Checked against terraform console (1.11): where JavaScript and Go differ, as Terraform does.
    ['trimspace trims U+0085 (Go does) and keeps U+FEFF (Go does not trim it)', '${trimspace("\u0085x\ufeff")}', 'x\ufeff'],
    ['jsonencode orders keys as Go does: "10" before "9" (JavaScript puts integer keys first)', '${jsonencode({ b = 1, "10" = 2, "9" = 3 })}', '{"10":2,"9":3,"b":1}'],
    ['string literals are NFC, as HCL makes them', '${jsonencode("e\u0301")}', '"\u00e9"'],
    ['comments and newlines inside', '${merge(\n  # the team\n  local.more_tags, /* none */ {}\n)}', { Team: 'iot' }],
    // cloudposse/label/null 0.25.0 (checked against terraform console, evaluate-terraform.test.ts).
    ['regexall and regex of several quantifiers on short text, as RE2 and Go find', '${[regexall("a*a*a*b", "aab"), regex("^arn:aws:kms:[^:]+:([0-9]+):key/(.*)$", "arn:aws:kms:eu-west-1:123456789012:key/k-1")]}', [['aab'], ['123456789012', 'k-1']]],
    ['a heredoc inside an expression, indented or not', '${[<<EOT\nx ${local.name}\nEOT\n, trimspace(<<-EOT\n    y\n  EOT\n)]}', ['x twinmaker\n', 'y']],
    ['directives and strip markers, as HCL writes a quoted template', '${"x ${~local.name~} y %{ if local.flag }yes%{ else }no%{ endif } %{ for i, t in local.list ~} ${i}${t} %{~ endfor }"}', 'xtwinmakery yes 0a1b'],
    ['replace of a regular expression, as RE2 and Go replace', '${[replace("My_App!", "/[^-a-zA-Z0-9]/", ""), replace("abc", "/b*/", "-"), replace("hello", "/o(.)?/", "[$1$$]")]}', ['MyApp', '-a-c-', 'hell[$]']],
    ['substr, trimsuffix, md5, setintersection, one, sort', '${[substr("eg-prod-app", 0, 7), trimsuffix("eg-prod-", "-"), md5("a"), setintersection(["name", "stage"], ["stage"]), one([]), sort(["b", "A"])]}', ['eg-prod', 'eg-prod', '0cc175b9c0f1b6a831c399e269772661', ['stage'], null, ['A', 'b']]],
    // The examples of Terraform's pages for trim, urlencode and cidrsubnet (checked against terraform console too, evaluate-terraform.test.ts).
    ['trim, as Terraform\'s documentation gives it', '${[trim("?!hello?!", "!?"), trim("  hello! world.!  ", "! "), trim(" true ", " ")]}', ['hello', 'hello! world.', 'true']],
    ['urlencode, as Terraform\'s documentation gives it', '${[urlencode("Hello World!"), urlencode("\u2603"), urlencode("foo:bar@localhost?foo=bar&bar=baz"), urlencode("alias/aws/sqs")]}', ['Hello+World%21', '%E2%98%83', 'foo%3Abar%40localhost%3Ffoo%3Dbar%26bar%3Dbaz', 'alias%2Faws%2Fsqs']],
    ['cidrsubnet, as Terraform\'s documentation gives it', '${[cidrsubnet("172.16.0.0/12", 4, 2), cidrsubnet("10.1.2.0/24", 4, 15), cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162), try(cidrsubnet("10.0.0.0/30", 4, 0), "refused")]}', ['172.18.0.0/16', '10.1.2.240/28', 'fd00:fd12:3456:7800:a200::/72', 'refused']],
    ['try over length(null), which Terraform refuses', '${try(length(null), 0)}', 0],
    ['a null operand, which Terraform refuses, in the side a known condition does not choose', '${[local.nothing == null ? true : !local.nothing, local.nothing == null ? 1 : -local.nothing, try(!local.nothing, "refused")]}', [true, 1, 'refused']],
    // Checked against terraform console (evaluate-terraform.test.ts).
    ['splats of a known list: each element\'s steps; null is an empty list', '${[local.list[*], [{ a = ["x", "y"] }, { a = ["z"] }][*].a[0], [{ a = 1 }].*.a, null[*]]}', [['a', 'b'], ['x', 'z'], [1], []]],
    ['a map indexed by a whole number, a list by a string of digits', '${[{ "0" = "zero" }[0], ["a", "b"]["1"]]}', ['zero', 'b']],
    ['coalesce of lists: the first not null, empty or not', '${[coalesce(null, []), coalesce(["x"], [])]}', [[], ['x']]],
    // terraform-aws-modules/appsync: the elements of other types have no table_name.
    ['a for reads the condition first: a value left out is never read', '${{ for k, v in { a = { t = "db", n = "orders" }, b = { t = "fn" } } : k => v.n if v.t == "db" }}', { a: 'orders' }],
  ])('%s: %s', (_, template, expected) => {
    expect(value(template)).toEqual(expected);
  });
});

describe('what the evaluator does not compute is unknown where it stands: the values around it stay known', () => {
  it.each([
    ['an operator in a template', '${merge(local.more_tags, { Name = "x-${count.index + 1}" })}', { Team: 'iot', Name: UNKNOWN }],
    ['arithmetic Terraform does in exact decimals', '${{ a = local.count / 2, b = 0.1 + 0.2, c = local.count % 0, d = local.name }}', { a: UNKNOWN, b: UNKNOWN, c: UNKNOWN, d: 'twinmaker' }],
    ['an operator on an unknown value', '${{ a = var.x + 1, b = var.x == "a" && local.flag, c = !var.x, d = 1 }}', { a: UNKNOWN, b: UNKNOWN, c: UNKNOWN, d: 1 }],
    // Terraform 1.12 short-circuits (hashicorp/terraform#36224); 1.11 read both sides, giving unknown, and the same value at apply.
    ['`false &&` and `true ||` an unknown value: decided by the left side', '${{ a = false && var.x, b = true || var.x, c = 2, d = true && var.x, e = false || var.x }}', { a: false, b: true, c: 2, d: UNKNOWN, e: UNKNOWN }],
    ['the right side is not read where the left decides: a step into null there is no error', '${{ a = local.nothing == null || local.nothing.encrypted, b = local.nothing != null && local.nothing.enabled }}', { a: true, b: false }],
    ['the right side decides where the left is not known', '${{ a = var.x || true, b = var.x && false, c = var.x || false }}', { a: true, b: false, c: UNKNOWN }],
    // HCL converts both sides to bool before it short-circuits: terraform console gives false for can(false && "x").
    ['a right side that is no bool is refused even where the left decides', '${{ a = can(false && "x"), b = try(true || {}, "refused") }}', { a: UNKNOWN, b: UNKNOWN }],
    ['a null side is refused even where the other decides (terraform console: can(true || null) is false)', '${[can(true || null), can(false && null), can(null || true)]}', [false, false, false]],
    ['equality of collections (a list is not the tuple of the same strings)', '${{ a = local.list == ["a", "b"], b = 3 }}', { a: UNKNOWN, b: 3 }],
    ['a conditional on an unknown value', '${{ a = var.x ? "x" : "y", b = 1 }}', { a: UNKNOWN, b: 1 }],
    // Objects of other attributes unify to a map (of strings here): the keys stay, the number becomes text.
    ['a conditional whose results Terraform converts', '${{ a = local.flag ? { k = 1 } : { j = "x" }, b = local.flag ? [1, "a"] : [], c = 5 }}', { a: { k: UNKNOWN }, b: UNKNOWN, c: 5 }],
    ['a conditional beside a result known only after apply', '${[local.flag ? aws_s3_bucket.b.tags : {}, local.flag ? { k = "v", n = 1, l = [] } : aws_s3_bucket.b.tags, local.flag ? aws_s3_bucket.b.id : [], local.flag ? 0 : length(aws_s3_bucket.b.tags)]}', [UNKNOWN, { k: 'v', n: UNKNOWN, l: [] }, UNKNOWN, UNKNOWN]],
    ['a for with a condition false whatever the element', '${[[for v in aws_s3_bucket.b.tags : v if local.flag && false], { for k, v in aws_s3_bucket.b.tags : k => v if !local.flag }, [for v in aws_s3_bucket.b.tags : v if v != ""]]}', [[], {}, UNKNOWN]],
    ['a for expression over an unknown value', '${{ a = [for t in var.list : upper(t)], b = { for k, v in var.tags : k => v }, c = 2 }}', { a: UNKNOWN, b: UNKNOWN, c: 2 }],
    ['a for expression whose condition is not known', '${{ a = [for t in local.list : t if t == var.x], c = 2 }}', { a: UNKNOWN, c: 2 }],
    ['a for expression with an element not known', '${{ a = [for t in local.list : "${t}-${var.x}"], c = 2 }}', { a: [UNKNOWN, UNKNOWN], c: 2 }],
    ['a function not evaluated', '${{ a = bcrypt(local.name), b = 3 }}', { a: UNKNOWN, b: 3 }],
    ['a provider function other than the AWS provider ARN functions', '${{ a = provider::time::rfc3339_parse(local.name), b = 7 }}', { a: UNKNOWN, b: 7 }],
    ['a splat of a value not known and the steps after it', '${{ a = var.list[*].id, b = aws_instance.x.*.id[0], c = 4 }}', { a: UNKNOWN, b: UNKNOWN, c: 4 }],
    ['a directive on an unknown value', '${{ a = "%{if var.x}y%{endif}", c = "%{ for t in var.list }${t}%{ endfor }", b = 5 }}', { a: UNKNOWN, c: UNKNOWN, b: 5 }],
    ['strip markers beside an unknown value', '${{ a = "x ${~var.x} y", b = 5 }}', { a: UNKNOWN, b: 5 }],
    ['argument expansion', '${{ a = merge([local.more_tags, { X = "y" }]...), c = merge(var.maps...), b = 8 }}', { a: { Team: 'iot', X: 'y' }, c: UNKNOWN, b: 8 }],
    ['a comment holding an operator', '${{ a = local.name // + 1\n b = 9 }}', { a: 'twinmaker', b: 9 }],
  ])('%s: %s', (_, template, expected) => {
    expect(value(template)).toEqual(expected);
  });
});

describe('nested deeper than any real code (a crafted file)', () => {
  it('brackets: unknown, without overflowing the stack', () => {
    expect(value(`\${${'('.repeat(20_000)}local.name${')'.repeat(20_000)}}`)).toBe(UNKNOWN);
    expect(value(`\${${'('.repeat(40)}local.name${')'.repeat(40)}}`)).toBe('twinmaker');
  });

  it('templates in templates: refused as the loaders refuse the input (ExpressionTooDeep), without overflowing the stack', () => {
    expect(() => value(`\${${'"\${'.repeat(3000)}local.name${'}"'.repeat(3000)}}`)).toThrow(ExpressionTooDeep);
  });

  it('directives in directives (a template file): unknown, without overflowing the stack', () => {
    expect(value(`${'%{ if true }'.repeat(10_000)}x${'%{ endif }'.repeat(10_000)}`)).toBe(UNKNOWN);
    expect(value(`${'%{ if true }'.repeat(20)}x${'%{ endif }'.repeat(20)}`)).toBe('x');
  });

  // Terraform computes these, slowly; a check must end, quickly, with an unknown value.
  it('text doubled in a chain of locals, and regular expressions searched in nested for expressions: unknown, in bounded time', () => {
    const doubling = new LocalScope([Object.fromEntries([['s0', 'aaaaaaaaaaaaaaaa'], ...Array.from({ length: 25 }, (_, i) => [`s${i + 1}`, `\${local.s${i}}\${local.s${i}}`])])]);
    expect(evaluateTemplate('${length(local.s25)}', doubling)).toBe(UNKNOWN);
    expect(evaluateTemplate('${length(local.s4)}', doubling)).toBe(256);
    const searching = new LocalScope([{ s: `\${join("", [for i in range(1024) : "aaaa"])}` }]);
    expect(evaluateTemplate('${length(flatten([for i in range(90) : [for j in range(90) : regexall("a*b", local.s)]]))}', searching)).toBe(UNKNOWN);
    expect(evaluateTemplate('${length(regexall("a*b", local.s))}', searching)).toBe(0);
  });
});

describe('operators, conditionals, for expressions and try: computed as Terraform computes them (terraform console gave each)', () => {
  it.each([
    ['precedence', '${1 + 2 * 3 - 4 / 2}', 5],
    ['logical precedence', '${true || false && false}', true],
    ['comparison then equality', '${1 < 2 == true}', true],
    ['negation then equality', '${!true == false}', true],
    ['values of different types are never equal', '${1 == "1"}', false],
    ['a bool is not its text', '${true == "true"}', false],
    ['strings compare in NFC', '${"\u00e9" == "e\u0301"}', true],
    ['a number from a plain decimal string', '${"5" > 3}', true],
    ['remainder keeps the sign', '${-7 % 3}', -1],
    ['a condition from the string "true"', '${"true" ? 1 : 0}', 1],
    ['a conditional count', '${local.flag && local.count > 2 ? 1 : 0}', 1],
    ['the chosen result beside a string becomes text', '${local.flag ? 1 : "a"}', '1'],
    ['an empty result beside a list', '${!local.flag ? [1] : []}', []],
    ['the chosen result beside one not known', '${local.flag ? "x" : var.x}', 'x'],
    // Terraform drops the errors of the side not chosen: `{a = 1}.b` is one.
    ['the chosen result beside one Terraform would refuse', '${[false ? {a = 1}.b : "x", true ? local.name : local.more_tags.Nope]}', ['x', 'twinmaker']],
    ['a refused result where the condition is not known: Terraform refuses the whole', '${try(var.x ? {a = 1}.b : "x", "refused")}', UNKNOWN],
    ['for over a list', '${[for t in local.list : upper(t)]}', ['A', 'B']],
    ['for over a list with its index', '${[for i, t in local.list : "${i}${t}"]}', ['0a', '1b']],
    ['for over an object, by its keys in byte order, filtered', '${[for k, v in { b = 1, a = 2, "10" = 3, "9" = 4 } : v if v > 1]}', [3, 4, 2]],
    ['for making an object, with a number key as text', '${{ for i, v in ["a"] : i => v }}', { 0: 'a' }],
    ['for grouping values by key', '${{ for s in ["a", "b", "a"] : s => s... }}', { a: ['a', 'a'], b: ['b'] }],
    ['for with two symbols over a set: each element twice', '${[for k, v in toset(["b", "a"]) : k]}', ['a', 'b']],
    ['nested for expressions', '${flatten([for a in ["x", "y"] : [for b in [1, 2] : "${a}${b}"]])}', ['x1', 'x2', 'y1', 'y2']],
    ['try: the first argument Terraform does not refuse', '${try(local.more_tags.Nope, local.list[5], "fallback")}', 'fallback'],
    ['try: a known first argument', '${try(local.name, "fallback")}', 'twinmaker'],
    ['can of a missing key', '${can(local.more_tags.Nope)}', false],
    ['can of a known value', '${can(local.list[1])}', true],
    ['a set has no index: try goes on, can is false', '${[try(toset(local.list)[0], "x"), can(toset(local.list).0)]}', ['x', false]],
    ['a set is not a list for element or concat', '${[try(element(toset(local.list), 0), "e"), try(concat(toset(local.list), ["c"]), "c")]}', ['e', 'c']],
    ['anytrue and alltrue of known elements', '${[anytrue([false, true]), alltrue([true, "false"]), anytrue([])]}', [true, false, false]],
    // Terraform converts every element to bool first: one not known may be one it refuses, which a try would catch.
    ['anytrue and alltrue with an element not known, even beside a deciding one', '${[anytrue([var.x, true]), alltrue([false, var.x])]}', [UNKNOWN, UNKNOWN]],
    ['contains compares as == does', '${[contains(["1"], 1), contains(["a", var.x], "a")]}', [false, true]],
    ['contains of a value not known, even in an empty list', '${[contains([], var.x), contains(["a"], var.x)]}', [UNKNOWN, UNKNOWN]],
    ['a collection with a part not known is not null', '${[{ a = var.x } != null, [var.x] == null, null == { a = [var.x] }, var.x == null]}', [true, false, false, UNKNOWN]],
  ])('%s: %s', (_, template, expected) => {
    expect(value(template)).toEqual(expected);
  });

  it('a list from outside the code (a plan) may be a set: a for with two symbols over it is not followed, with one it is', () => {
    const scope = new LocalScope([], new Map([['list', fromOutsideTheCode(['p', 'q'])]]));
    expect(evaluateTemplate('${[for i, v in var.list : i]}', scope)).toBe(UNKNOWN);
    expect(evaluateTemplate('${[for v in var.list : upper(v)]}', scope)).toEqual(['P', 'Q']);
  });

  it('a list the code gives a variable (a default, a variable file, an argument) is a list: a for with two symbols binds its index', () => {
    const scope = new LocalScope([], new Map<string, unknown>([['list', ['p', 'q']], ['set', stringSet(['q', 'p'])]]));
    expect(evaluateTemplate('${{ for i, v in var.list : "q${i}" => v }}', scope)).toEqual({ q0: 'p', q1: 'q' });
    expect(evaluateTemplate('${[for k, v in var.set : k]}', scope)).toEqual(['p', 'q']);
  });

  it('a for expression whose body is refused only for elements its condition leaves out is not guessed', () => {
    expect(value('${try([for k, v in { a = { x = 1 }, b = {} } : v.x if can(v.x)], [])}')).toBe(UNKNOWN);
  });

  it('each instance of a repeated resource is read with its own count.index, each.key and each.value', async () => {
    const loaded = await loadHclDirectory({
      'main.tf': `locals {
  buckets = {
    raw     = { name = "twin-raw", class = "internal" }
    curated = { name = "twin-curated", class = "confidential" }
  }
}
resource "aws_s3_bucket" "data" {
  for_each = local.buckets
  bucket   = each.value.name
  tags     = { DataClassification = each.value.class, Key = each.key }
}
resource "aws_s3_bucket" "logs" {
  count  = 2
  bucket = "twin-logs-\${count.index}"
}
resource "aws_s3_bucket" "named" {
  for_each = toset(["a", "b"])
  bucket   = "twin-\${each.value}"
}
resource "aws_s3_bucket_versioning" "data" {
  for_each = aws_s3_bucket.data
  bucket   = each.value.id
  versioning_configuration {
    status = each.key == "raw" ? "Suspended" : "Enabled"
  }
}
`,
    });
    const after = (address: string) => loaded.resources.find((r) => r.address === address)?.after;
    expect(after('aws_s3_bucket.data["curated"]')).toEqual({ bucket: 'twin-curated', tags: { DataClassification: 'confidential', Key: 'curated' } });
    expect(after('aws_s3_bucket.data["raw"]')).toEqual({ bucket: 'twin-raw', tags: { DataClassification: 'internal', Key: 'raw' } });
    expect([after('aws_s3_bucket.logs[0]'), after('aws_s3_bucket.logs[1]')]).toEqual([{ bucket: 'twin-logs-0' }, { bucket: 'twin-logs-1' }]);
    expect(after('aws_s3_bucket.named["b"]')).toEqual({ bucket: 'twin-b' });
    // A for_each over a resource: each.key is known, each.value (the instance) is not; its reference stays as written for the graph to follow.
    const versioning = loaded.resources.find((r) => r.address === 'aws_s3_bucket_versioning.data["raw"]');
    expect(versioning?.after).toEqual({ versioning_configuration: [{ status: 'Suspended' }] });
    expect(versioning?.config).toMatchObject({ attrs: { bucket: { kind: 'expr', references: ['each.value.id', 'each.value'] } } });
  });

  it('a module whose `count` is `var.create ? 1 : 0` has the instances its variables give', async () => {
    const loaded = await loadHclDirectory({
      'main.tf': `variable "create" {\n  type    = bool\n  default = false\n}\nvariable "is_directory" {\n  type    = bool\n  default = false\n}\nvariable "file_systems" {\n  type    = map(object({ create = optional(bool, true) }))\n  default = {}\n}\nlocals {\n  systems = { for k, v in var.file_systems : k => v if !var.is_directory }\n}\nresource "aws_s3_bucket" "gone" {\n  count = var.create && !var.is_directory ? 1 : 0\n}\nresource "aws_s3_bucket" "kept" {\n  count = !var.create ? 2 : 0\n}\nresource "aws_security_group" "per_system" {\n  count = anytrue([for k, v in local.systems : v.create]) ? 1 : 0\n}\n`,
    });
    expect(loaded.resources.map((r) => r.address).sort()).toEqual(['aws_s3_bucket.kept[0]', 'aws_s3_bucket.kept[1]']);
  });
});

describe('partly known: the keys around an outside value stay known', () => {
  it('a map with a variable in it', () => {
    expect(value('${local.tags}')).toEqual({ Environment: UNKNOWN, Owner: 'platform' });
    expect(splitPartial(value('${merge(local.tags, local.more_tags)}'))).toEqual({ after: { Owner: 'platform', Team: 'iot' }, unknown: { Environment: true } });
  });

  it('a list with an unknown element keeps its length and the known elements', () => {
    expect(splitPartial(value('${concat(local.list, [var.x])}'))).toEqual({ after: ['a', 'b', null], unknown: [false, false, true] });
  });

  it('an unknown part makes a template, a string function or jsonencode unknown', () => {
    expect(value('twin-${var.environment}')).toBe(UNKNOWN);
    expect(value('${lower(local.env)}')).toBe(UNKNOWN);
    expect(value('${jsonencode(local.tags)}')).toBe(UNKNOWN);
    expect(value('${join("-", [local.name, var.x])}')).toBe(UNKNOWN);
  });
});

describe('unknown as a whole, never guessed', () => {
  it.each([
    ['a variable', '${var.environment}'],
    // RE2 runs in linear time; JavaScript's engine backtracks: a pattern of two quantifiers is not run.
    ['a regular expression of more than one quantifier', '${replace("aaaa", "/(a+)+b/", "")}'],
    // A quantified alternation backtracks exponentially in JavaScript (2 ** 40 steps here): not run, so the check ends.
    ['a quantified group with an alternation', `\${[replace("${'a'.repeat(40)}c", "/(a|a)*b/", ""), regexall("(a|aa)*b", "${'a'.repeat(40)}c")]}`],
    // Polynomial backtracking, bounded by the text's length: `a*a*a*b` runs on up to 64 characters.
    ['quantifiers on longer text than their count allows', `\${regexall("a*a*a*b", "${'a'.repeat(65)}c")}`],
    // Each alternation may double the backtracking: 30 of them are 2 ** 30 steps on failing text.
    ['a pattern of many alternations', `\${regexall("${'(a|a)'.repeat(30)}b", "${'a'.repeat(30)}c")}`],
    // HCL's tryfunc: an argument that reads a value not known makes try and can unknown, refused or not (found by the random comparison).
    ['can of an argument Terraform refuses that reads a value known only after apply', '${can(max((-2)["0"], aws_s3_bucket.b.id))}'],
    ['a regular expression with flags', '${replace("x", "/(?i)X/", "y")}'],
    // RE2 reads `{01}` as text and refuses a count over 1000; JavaScript repeats both.
    ['a regular expression count with a leading zero or over 1000', '${[replace("aab", "/a{01}/", "x"), replace("a", "/a{0,1001}/", "x")]}'],
    ['a regular expression with \\s (RE2\'s leaves out the vertical tab)', '${replace("x y", "/\\\\s/", "")}'],
    ['substr of text beyond ASCII (Terraform counts grapheme clusters)', '${substr("héllo", 0, 2)}'],
    ['a resource attribute', '${aws_s3_bucket.b.arn}'],
    ['a local made of a resource attribute', '${local.via_bucket}'],
    ['count.index and each.key', 'x-${count.index}-${each.key}'],
    ['an undeclared local', '${local.nope}'],
    ['a local that refers to itself', '${local.self_loop}'],
    ['locals that refer to each other', '${local.a_to_b}'],
    ['an operator on an unknown value', '${var.count + 1}'],
    ['a comparison with an unknown value', '${local.name == var.x}'],
    ['a conditional on an unknown value', '${var.flag ? "a" : "b"}'],
    ['a for expression over an unknown value', '${[for t in var.list : upper(t)]}'],
    ['a for expression making an unknown key', '${{for k, v in local.more_tags : "${k}${var.x}" => v}}'],
    ['a for expression making a key twice (Terraform refuses it)', '${{for t in ["a", "a"] : t => 1}}'],
    ['a function not evaluated', '${bcrypt(local.name)}'],
    ['a provider function other than the AWS provider ARN functions', '${provider::time::rfc3339_parse(local.name)}'],
    ['argument expansion of strings, which merge refuses', '${merge(local.list...)}'],
    ['a directive out of place (HCL refuses it)', '%{ endif }yes'],
    ['a directive not closed', '%{ if local.flag }yes'],
    ['a for directive over a value not known', '%{ for t in var.list }${t}%{ endfor }'],
    ['a missing key (Terraform refuses it)', '${local.more_tags.Nope}'],
    ['an index out of range', '${local.list[5]}'],
    ['merge of a list', '${merge(local.list)}'],
    ['lookup of a missing key without default', '${lookup(local.more_tags, "Nope")}'],
    ['coalesce of mixed types (Terraform converts them first)', '${coalesce(local.count, "x")}'],
    ['lower and upper of text beyond ASCII (Go maps ß and İ differently)', '${upper("straße")}'],
    ['concat of nothing (Terraform refuses it)', '${concat()}'],
    ['a number beyond 15 significant digits (Terraform keeps every digit)', '${jsonencode(12345678901234567890)}'],
    ['a number JavaScript writes with an exponent (Terraform writes it in full)', '${jsonencode(1e21)}'],
    ['a number Terraform writes in full', '${"n-${1e21}"}'],
    ['a unary minus of zero (Terraform keeps -0)', '${-(local.count - 3)}'],
    ['a null condition (Terraform refuses it)', '${null ? 1 : 2}'],
    ['try of a value not known', '${try(var.x, "fallback")}'],
    ['an unclosed interpolation', '${local.name'],
    ['a key known only later', '${{ (var.k) = 1, b = 2 }}'],
  ])('%s: %s', (_, template) => {
    expect(value(template)).toBe(UNKNOWN);
  });
});

describe('any text', () => {
  it('evaluates to a value or UNKNOWN, never throws, and gives the same answer twice (property)', () => {
    const token = fc.constantFrom('${', '}', '"', '\\', '(', ')', '[', ']', '{', '}', ',', '=', ':', '.', '*', '-', '1', 'local', 'name', 'tags', 'var', 'merge', 'jsonencode', 'lookup', 'for', ' ', '\n', '#', '/*', '$${', '%{', '~', '<<EOT\n', 'EOT', 'x');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), (tokens) => {
        const text = tokens.join('');
        const first = evaluateTemplate(text, LOCALS);
        expect(evaluateTemplate(text, LOCALS)).toEqual(first);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('references through locals (for linking resources)', () => {
  it('a reference to a local is replaced by what the local references, transitively', () => {
    expect(LOCALS.expand(['local.via_bucket'])).toEqual(['aws_s3_bucket.b.id', 'aws_s3_bucket.b']);
    expect(LOCALS.expand(['local.tags', 'aws_kms_key.k.arn'])).toEqual(['var.environment', 'aws_kms_key.k.arn']);
  });

  it('an undeclared local, a cycle and a chain too long to follow stay as written: they resolve to nothing', () => {
    expect(LOCALS.expand(['local.nope.x', 'local.nope'])).toEqual(['local.nope.x', 'local.nope']);
    expect(LOCALS.expand(['local.a_to_b'])).toEqual(['local.a_to_b']);
    const chain = new LocalScope([Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`l${i}`, i === 499 ? '${aws_s3_bucket.b.id}' : `\${local.l${i + 1}}`]))]);
    expect(chain.expand(['local.l0'])).toEqual([expect.stringMatching(/^local\.l\d+$/)]);
    expect(evaluateTemplate('${local.l0}', chain)).toBe(UNKNOWN);
  });

  it('locals each reading the two before them: each local is read once, not once per path (2^n paths)', () => {
    // l2 = "${local.l1}${local.l0}", … as in a file that took minutes at 40 locals.
    const n = 25;
    const fan = new LocalScope([
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`l${i}`, i === 0 ? '${aws_s3_bucket.b.id}' : i === 1 ? '${var.name}' : `\${substr("\${local.l${i - 1}}\${local.l${i - 2}}", 0, 8)}`])),
    ]);
    // The hook every step down a local goes through: the old walk took it once per path (about 2^18 times here).
    const reads = jest.spyOn(fan as unknown as { referencesOf(name: string): string[] }, 'referencesOf');
    expect(fan.expand([`local.l${n - 1}`, 'aws_kms_key.k.arn'])).toEqual(['var.name', 'aws_s3_bucket.b.id', 'aws_s3_bucket.b', 'aws_kms_key.k.arn']);
    expect(reads.mock.calls.length).toBeLessThanOrEqual(3 * n);
  });

  it('a local past a cycle or a too-long chain stays as written; what it reads beside them is followed', () => {
    const scope = new LocalScope([
      {
        a: '${local.b}',
        b: '${local.a}-${var.b}',
        self: '${local.self}',
        beside_cycle: '${aws_s3_bucket.b.id}-${local.a}',
        beside_chain: '${aws_kms_key.k.arn}-${local.c0}',
        ...Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`c${i}`, i === 69 ? '${aws_s3_bucket.deep.id}' : `\${local.c${i + 1}}`])),
      },
    ]);
    expect(scope.expand(['local.a', 'local.self'])).toEqual(['local.a', 'local.self']);
    expect(scope.expand(['local.beside_cycle'])).toEqual(['aws_s3_bucket.b.id', 'aws_s3_bucket.b', 'local.a']);
    expect(scope.expand(['local.beside_chain'])).toEqual(['aws_kms_key.k.arn', 'aws_kms_key.k', 'local.c0']);
    // A chain of 64 locals is followed to its end; of 65, it is not.
    expect(scope.expand(['local.c6'])).toEqual(['aws_s3_bucket.deep.id', 'aws_s3_bucket.deep']);
    expect(scope.expand(['local.c5'])).toEqual(['local.c6']);
  });
});

describe('in a .tf directory', () => {
  it('a resource and a provider get the values their locals give; an SSE configuration links through a local', async () => {
    const graph = await parseHclDirectory({
      'main.tf': `
locals {
  tags      = { Environment = var.environment, Owner = "platform" }
  bucket_id = aws_s3_bucket.b.id
  key_arn   = aws_kms_key.k.arn
}
variable "environment" {
  type = string
}
provider "aws" {
  default_tags {
    tags = merge(local.tags, { DataClassification = "internal" })
  }
}
resource "aws_kms_key" "k" {
  enable_key_rotation = true
}
resource "aws_s3_bucket" "b" {
  bucket = "twin-\${local.tags.Owner}"
}
resource "aws_s3_bucket_server_side_encryption_configuration" "b" {
  bucket = local.bucket_id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = local.key_arn
    }
  }
}
`,
    });
    const bucket = graph.ofType('aws_s3_bucket')[0];
    expect(bucket.attr('bucket').string()).toEqual({ kind: 'known', value: 'twin-platform' });
    const tags = graph.effectiveTags(bucket);
    expect(tags).toEqual(expect.objectContaining({ status: 'known', tags: { Owner: 'platform', DataClassification: 'internal' }, unknownValues: ['Environment'] }));
    const attached = graph.attached(bucket, 'aws_s3_bucket_server_side_encryption_configuration');
    expect(attached.linked.map((r) => r.address)).toEqual(['aws_s3_bucket_server_side_encryption_configuration.b']);
    expect(attached.undetermined).toEqual([]);
    const sse = graph.ofType('aws_s3_bucket_server_side_encryption_configuration')[0];
    const key = graph.resolve(sse, ['rule', 0, 'apply_server_side_encryption_by_default', 0, 'kms_master_key_id'], ['aws_kms_key']);
    expect(key).toEqual(expect.objectContaining({ status: 'resources', targets: [expect.objectContaining({ address: 'aws_kms_key.k' })] }));
  });
});

describe('count and for_each the locals fix: the instances the plan would have', () => {
  it('for_each over a local map or toset of a local list, count of a local number, a conditional count', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-locals-'));
    try {
      fs.mkdirSync(path.join(dir, 'modules', 'store'), { recursive: true });
      fs.writeFileSync(
        path.join(dir, 'main.tf'),
        `
locals {
  buckets = { raw = "twin-raw", curated = "twin-curated" }
  regions = ["eu-west-1", "us-east-1", "eu-west-1"]
  replicas = 2
}
resource "aws_s3_bucket" "data" {
  for_each = local.buckets
  bucket   = each.value
}
resource "aws_sqs_queue" "q" {
  count = local.replicas
  name  = "q-\${count.index}"
}
resource "aws_sqs_queue" "maybe" {
  count = local.replicas > 1 ? 1 : 0
}
module "store" {
  for_each = toset(local.regions)
  source   = "./modules/store"
}
`,
      );
      fs.writeFileSync(path.join(dir, 'modules', 'store', 'main.tf'), 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n');
      const addresses = (await loadHcl(dir)).resources.map((r) => r.address).sort();
      expect(addresses).toEqual([
        'aws_s3_bucket.data["curated"]',
        'aws_s3_bucket.data["raw"]',
        'aws_sqs_queue.maybe[0]',
        'aws_sqs_queue.q[0]',
        'aws_sqs_queue.q[1]',
        'module.store["eu-west-1"].aws_s3_bucket.b',
        'module.store["us-east-1"].aws_s3_bucket.b',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// aws-ia/terraform-aws-mwaa: `{ for k, v in toset(concat([var.policies])) : k => v if var.execution_role_arn != null }`,
// and cdktf's iterators over objects: `for_each = "${toset([{ alg = "AES256" }])}"`.
describe('sets of lists and of objects of strings', () => {
  it('count and for_each over them have the instances Terraform plans; a dynamic block over them makes its blocks', async () => {
    const loaded = await loadHclDirectory({
      'main.tf': `
locals {
  extra = { for k, v in toset([["a"]]) : "x" => v if false }
}
resource "aws_kinesis_stream" "phantom" {
  for_each = local.extra
  name     = "s"
}
resource "aws_kinesis_stream" "counted" {
  count = length(toset([["a"], ["a"]])) == 1 ? 0 : 1
  name  = "c"
}
resource "aws_kinesis_stream" "distinct" {
  count = length(distinct([{ a = "x" }, { a = "x" }, { a = "y" }]))
  name  = "d"
}
resource "aws_s3_bucket_server_side_encryption_configuration" "sse" {
  bucket = "b"
  dynamic "rule" {
    for_each = toset([{ alg = "AES256" }])
    content {
      apply_server_side_encryption_by_default {
        sse_algorithm = rule.value.alg
      }
    }
  }
}
`,
    });
    expect(loaded.resources.map((r) => r.address).sort()).toEqual(['aws_kinesis_stream.distinct[0]', 'aws_kinesis_stream.distinct[1]', 'aws_s3_bucket_server_side_encryption_configuration.sse']);
    const sse = loaded.resources.find((r) => r.type === 'aws_s3_bucket_server_side_encryption_configuration');
    expect(sse?.after).toEqual(expect.objectContaining({ rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'AES256' }] }] }));
  });
});

// cdktf's `TerraformIterator.fromList([{ dev: '/dev/xvdb', enc: true }])` writes `for_each = toset([{ dev = "/dev/xvdb", enc = true }])`:
// Terraform converts the elements to one type and iterates them in cty's order; the values are the ones written.
describe('sets of objects and lists of any known values', () => {
  it('a dynamic block over them makes its blocks, so each volume is judged: an unencrypted one fails, encrypted ones pass', async () => {
    const instance = (name: string, second: string): string => `
resource "aws_instance" "${name}" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  root_block_device {
    encrypted = true
  }
  dynamic "ebs_block_device" {
    for_each = toset([{ dev = "/dev/xvdb", size = 20, enc = true }, ${second}])
    content {
      device_name = ebs_block_device.value.dev
      volume_size = ebs_block_device.value.size
      encrypted   = ebs_block_device.value.enc
    }
  }
}
`;
    const loaded = await loadHclDirectory({
      'main.tf': instance('encrypted', '{ dev = "/dev/xvdc", size = 50, enc = true }') + instance('plain', '{ dev = "/dev/xvdc", size = 50, enc = false }'),
    });
    const plain = loaded.resources.find((r) => r.address === 'aws_instance.plain');
    expect(plain?.after).toEqual(
      expect.objectContaining({
        ebs_block_device: [
          { device_name: '/dev/xvdb', volume_size: 20, encrypted: true },
          { device_name: '/dev/xvdc', volume_size: 50, encrypted: false },
        ],
      }),
    );
    const { findings } = runRules(buildGraph([loaded]), DEFAULT_SETTINGS, [ebsVolumesRule]);
    expect(findings.map((f) => [f.address, f.status])).toEqual([['aws_instance.plain', 'fail']]);
  });

  it('are converted to one element type as Terraform converts them, in the order terraform console gives; a mix Terraform refuses stays unknown', () => {
    const scope = new LocalScope([]);
    const value = (expression: string): unknown => evaluateTemplate(`\${jsonencode(${expression})}`, scope);
    // terraform 1.11.4 console, each.
    expect(value('toset([{ a = true }, { a = "x" }])')).toBe('[{"a":"true"},{"a":"x"}]');
    expect(value('toset([{ a = 1 }, { a = "1" }])')).toBe('[{"a":"1"}]');
    expect(value('toset([{ a = [1] }, { a = [1, 2] }])')).toBe('[{"a":[1,2]},{"a":[1]}]');
    // cty orders them by the bytes it hashes them as, a number as `%.10g`: 1 ("1;") before 1e10 ("1e+10;"), 0.0001 before 0.00001 ("1e-05").
    expect(value('[for x in toset([{ a = 1e10, n = "p" }, { a = 1, n = "q" }]) : x.n]')).toBe('["q","p"]');
    expect(value('[for x in toset([{ a = 0.00001, n = "p" }, { a = 0.0001, n = "q" }]) : x.n]')).toBe('["q","p"]');
    expect(value('toset([3, 1, 20, 1])')).toBe('[1,3,20]');
    expect(value('distinct([{ a = 1 }, { a = "1" }, { a = 2 }])')).toBe('[{"a":"1"},{"a":"2"}]');
    expect(value('setunion([{ a = 1 }], [{ b = "x" }])')).toBe('[{"a":"1"},{"b":"x"}]');
    expect(value('setsubtract([{ a = 1, b = true }, { a = 2, b = false }], [{ a = 1, b = true }])')).toBe('[{"a":2,"b":false}]');
    // Terraform refuses these ("cannot convert tuple to set of any single type"): not guessed.
    for (const refused of ['toset([{ a = true }, { a = 1 }])', 'toset([{ a = "x" }, null])', 'toset([{ a = ["x"] }, { a = "y" }])', 'distinct([true, 1])']) expect(value(refused)).toBe(UNKNOWN);
  });
});

// A template line that is a newline alone, between `${s}` and `%{~ endfor }`: the marker strips it.
describe('strip markers in heredocs and template files', () => {
  it('take off a text that is a newline alone, as terraform console gives it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-strip-'));
    try {
      fs.writeFileSync(path.join(dir, 'env.tpl'), '%{ for s in parts ~}\n${s}\n%{~ endfor ~}\n');
      fs.writeFileSync(path.join(dir, 'b.tpl'), 'A\n${x}\n%{~ if true }B%{ endif }\n');
      fs.writeFileSync(
        path.join(dir, 'main.tf'),
        'locals {\n  parts = ["pr", "od"]\n  raw   = <<EOT\n%{ for s in local.parts ~}\n${s}\n%{~ endfor }\nEOT\n  env   = trimspace(<<EOT\n%{ for s in local.parts ~}\n${s}\n%{~ endfor }\nEOT\n  )\n}\n' +
          'resource "aws_s3_bucket" "b" {\n  tags = {\n    Raw  = local.raw\n    Trim = trimspace(local.raw)\n    Inline = local.env\n    Env  = templatefile("${path.module}/env.tpl", { parts = local.parts })\n    B    = templatefile("${path.module}/b.tpl", { x = "x" })\n  }\n}\n',
      );
      const loaded = await loadHcl(dir);
      // terraform 1.11.4 console: "prod\n", "prod", "prod", "prod", "A\nxB\n".
      expect((loaded.resources[0].after as { tags: unknown }).tags).toEqual({ Raw: 'prod\n', Trim: 'prod', Inline: 'prod', Env: 'prod', B: 'A\nxB\n' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// terraform-aws-modules/iam's examples: policy = file("${path.module}/policy.json").
describe('file(): a file of the directory checked, as Terraform reads it at plan time', () => {
  it('reads a file under the directory, not one outside it (nor through a link); a missing file is refused, so try goes on', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-file-'));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-outside-'));
    try {
      fs.mkdirSync(path.join(root, 'modules', 'm'), { recursive: true });
      fs.writeFileSync(path.join(root, 'modules', 'm', 'policy.json'), '{"Statement":[]}\n');
      fs.writeFileSync(path.join(outside, 'secret.txt'), 'outside');
      fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'link.txt'));
      const scope = new LocalScope([], undefined, { module: 'modules/m', root: '.', cwd: root });
      expect(evaluateTemplate('${file("${path.module}/policy.json")}', scope)).toBe('{"Statement":[]}\n');
      expect(evaluateTemplate('${try(file("missing.json"), "none")}', scope)).toBe('none');
      // templatefile: after a carriage return alone HCL reads the rest as text (a template Terraform may refuse): not followed.
      fs.writeFileSync(path.join(root, 'cr.tpl'), 'A\r${"x"}');
      expect(evaluateTemplate('${templatefile("cr.tpl", {})}', scope)).toBe(UNKNOWN);
      expect(evaluateTemplate(`\${file("../${path.basename(outside)}/secret.txt")}`, scope)).toBe(UNKNOWN);
      expect(evaluateTemplate('${file("link.txt")}', scope)).toBe(UNKNOWN);
      // Without the place Terraform runs (a scope with no paths), nothing is read.
      expect(evaluateTemplate('${file("modules/m/policy.json")}', new LocalScope([]))).toBe(UNKNOWN);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('a value from a module call not loaded', () => {
  it('says the module is not loaded, naming its source (it said the module had no such output)', async () => {
    const graph = await parseHclDirectory({
      'main.tf': 'module "kms" {\n  source = "terraform-aws-modules/kms/aws"\n}\nresource "aws_eks_cluster" "c" {\n  encryption_config {\n    resources = ["secrets"]\n    provider {\n      key_arn = module.kms.key_arn\n    }\n  }\n}\n',
    });
    const cluster = graph.ofType('aws_eks_cluster')[0];
    expect(graph.resolve(cluster, ['encryption_config', 0, 'provider', 0, 'key_arn'], ['aws_kms_key'])).toEqual({
      status: 'unknown',
      reason: expect.stringContaining('it comes from module.kms (terraform-aws-modules/kms/aws), which is not loaded (check a plan to follow it)'),
    });
  });
});

describe('the idioms of terraform-aws-modules: no instance where Terraform makes none, and the instances it makes', () => {
  const MAIN = `
data "aws_region" "current" {}
variable "enabled" {
  type    = bool
  default = false
}
variable "logging" {
  type = object({ log_exports = list(string) })
}
variable "cors_rule" {
  type    = any
  default = []
}
variable "integrations" {
  type = any
  default = {
    "ANY /"     = { lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:f" }
    "GET /leak" = { integration_uri = "https://backend.example.com" }
  }
}
locals {
  regions    = distinct(concat([data.aws_region.current.name], ["us-west-2"]))
  qualifiers = zipmap(["current_version", "unqualified_alias"], [true, true])
  cors_rules = try(jsondecode(var.cors_rule), var.cors_rule)
  attachments = merge([for name, group in { web = ["i-1", "i-2"] } : { for id in group : "\${name}.\${id}" => id }]...)
  cfg        = { create_cloudwatch_log_group = false }
}
# dynamodb-table autoscaling.tf
resource "aws_appautoscaling_target" "read" {
  count = var.enabled ? length(local.regions) : 0
}
# lambda event invoke config
resource "aws_lambda_function_event_invoke_config" "this" {
  for_each = var.enabled ? local.qualifiers : {}
}
resource "aws_sqs_queue" "per_region" {
  for_each = var.enabled ? { for r in local.regions : r => r } : {}
}
# redshift log groups: a filter false whatever the list holds
resource "aws_cloudwatch_log_group" "redshift" {
  for_each = toset([for log in var.logging.log_exports : log if var.enabled && true])
}
# elasticache: try() over an attribute of a bool
resource "aws_cloudwatch_log_group" "cache" {
  for_each = { for k, v in local.cfg : k => v if try(v.destination_type, "") == "cloudwatch-logs" }
}
# s3-bucket v3: a rule given as JSON text or as a list
resource "aws_s3_bucket_cors_configuration" "this" {
  count = length(local.cors_rules) > 0 ? 1 : 0
}
# alb: target group attachments, spread into merge
resource "aws_lb_target_group_attachment" "this" {
  for_each = local.attachments
}
# apigateway-v2: objects of other attributes, behind a condition
resource "aws_apigatewayv2_integration" "this" {
  for_each = !var.enabled ? var.integrations : {}
}
`;

  it('reads count and for_each as Terraform does', async () => {
    const { resources } = await loadHclDirectory({ 'main.tf': MAIN });
    expect(resources.map((r) => r.address).filter((a) => !a.startsWith('data.')).sort()).toEqual([
      'aws_apigatewayv2_integration.this["ANY /"]',
      'aws_apigatewayv2_integration.this["GET /leak"]',
      'aws_lb_target_group_attachment.this["web.i-1"]',
      'aws_lb_target_group_attachment.this["web.i-2"]',
    ]);
  });

  // terraform-aws-modules/alb (v5-v8): listener_arn = aws_lb_listener.frontend_http_tcp[lookup(var.rules[count.index], "http_tcp_listener_index", count.index)].arn
  it('links a listener rule to the listener its computed index names, and to none when the index is not known', async () => {
    const listeners = 'resource "aws_lb_listener" "http" {\n  count = 3\n  port  = 80 + count.index\n}\n';
    const graph = await parseHclDirectory({
      'main.tf': `${listeners}variable "rules" {\n  default = [{ listener_index = 2 }, { path = "/x" }]\n}\nvariable "unset" {}\nresource "aws_lb_listener_rule" "r" {\n  count        = length(var.rules)\n  listener_arn = aws_lb_listener.http[lookup(var.rules[count.index], "listener_index", count.index)].arn\n}\nresource "aws_lb_listener_rule" "next" {\n  listener_arn = aws_lb_listener.http[length(var.rules) - 1].arn\n}\nresource "aws_lb_listener_rule" "unknown" {\n  count        = 1\n  listener_arn = aws_lb_listener.http[var.unset].arn\n}\nresource "aws_lb_listener_rule" "same" {\n  count        = 3\n  listener_arn = aws_lb_listener.http[count.index].arn\n}\n`,
    });
    const attached = (i: number) => {
      const { linked, undetermined } = graph.attached(graph.resources.find((r) => r.address === `aws_lb_listener.http[${i}]`)!, 'aws_lb_listener_rule', 'listener_arn');
      return { linked: linked.map((r) => r.address).sort(), undetermined: undetermined.map((r) => r.address).sort() };
    };
    expect(attached(0)).toEqual({ linked: ['aws_lb_listener_rule.same[0]'], undetermined: ['aws_lb_listener_rule.unknown[0]'] });
    expect(attached(1)).toEqual({ linked: ['aws_lb_listener_rule.next', 'aws_lb_listener_rule.r[1]', 'aws_lb_listener_rule.same[1]'], undetermined: ['aws_lb_listener_rule.unknown[0]'] });
    expect(attached(2)).toEqual({ linked: ['aws_lb_listener_rule.r[0]', 'aws_lb_listener_rule.same[2]'], undetermined: ['aws_lb_listener_rule.unknown[0]'] });
  });

  it('knows path.module, path.root and path.cwd where Terraform runs (the directory checked), and basename of them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-paths-'));
    try {
      fs.mkdirSync(path.join(dir, 'modules', 'queue'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'main.tf'), 'locals {\n  name = "ex-${basename(path.cwd)}"\n}\nmodule "queue" {\n  source = "./modules/queue"\n  name   = local.name\n}\n');
      fs.writeFileSync(path.join(dir, 'modules', 'queue', 'main.tf'), 'variable "name" {}\nresource "aws_sqs_queue" "q" {\n  name = var.name\n  tags = { Name = var.name, Module = path.module, Root = path.root, Policy = "${path.module}/policy.json" }\n}\n');
      const graph = buildGraph([await loadHcl(dir)]);
      const queue = graph.ofType('aws_sqs_queue')[0];
      expect(graph.effectiveTags(queue)).toEqual(expect.objectContaining({ status: 'known', tags: { Name: `ex-${path.basename(dir)}`, Module: 'modules/queue', Root: '.', Policy: 'modules/queue/policy.json' } }));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ephemeralasnull() (Terraform 1.10): null for an ephemeral value, the value otherwise', () => {
  it('is unknown (which it is is not told): of an ephemeral variable Terraform makes it null, which the default would hide', async () => {
    const graph = await parseHclDirectory({
      'main.tf': 'variable "flag" {\n  type      = bool\n  default   = true\n  ephemeral = true\n}\nresource "aws_sqs_queue" "q" {\n  name                    = "q"\n  sqs_managed_sse_enabled = coalesce(ephemeralasnull(var.flag), false)\n}\n',
    });
    expect(graph.resources[0].attr('sqs_managed_sse_enabled').isUnknown).toBe(true);
  });
});

describe('a credential written inside sensitive() or a templatestring(), or as an ephemeral variable\'s default (Terraform 1.10), is written in the code', () => {
  it('fails where it lands, as the bare literal does', async () => {
    const graph = await parseHclDirectory({
      'main.tf': `
locals {
  url_template = "postgres://admin:$\${password}@db.example.com:5432/app"
}
resource "aws_lambda_function" "g" {
  function_name = "g"
  role          = "arn:aws:iam::111111111111:role/x"
  environment {
    variables = { DB = templatestring(local.url_template, { password = "Sup3rS3cretP4ss" }) }
  }
}
variable "pw" {
  type      = string
  default   = "EphDefault-Sup3r!"
  ephemeral = true
}
resource "aws_ssm_parameter" "p" {
  name     = "/db/password"
  type     = "SecureString"
  value_wo = var.pw
  value_wo_version = 1
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::111111111111:role/x"
  environment {
    variables = { DB = sensitive("postgres://admin:Sup3rS3cretP4ss@db.example.com:5432/app") }
  }
}
`,
    });
    const { findings } = runRules(graph, DEFAULT_SETTINGS, [credentialsRule]);
    expect(findings.map((f) => [f.address, f.path])).toEqual([
      ['aws_lambda_function.f', 'environment.0.variables.DB'],
      ['aws_lambda_function.g', 'environment.0.variables.DB'],
      ['aws_ssm_parameter.p', 'value_wo'],
    ]);
  });
});

describe('a value computed from a sensitive() one is noted for the reports to mask, as Terraform marks it sensitive', () => {
  /** Fresh locals each time: a local is evaluated, and its sensitive() noted, once per scope. */
  const scope = (): LocalScope =>
    new LocalScope([
      {
        s: '${sensitive("Staging-Secret")}',
        n: '${sensitive(7)}',
        i: '${sensitive(1)}',
        l: '${sensitive(["list-secret"])}',
        mixed: '${{ secret = sensitive("mixed-secret"), pub = "public-value" }}',
        names: ['first-name', 'second-name'],
      },
    ]);
  /** The value of `template` and the strings noted while it was evaluated. */
  const evaluated = (template: string): { value: unknown; noted: string[] } => {
    takeSensitiveLiterals();
    const value = evaluateTemplate(template, scope());
    return { value, noted: takeSensitiveLiterals() };
  };

  it.each([
    ['upper()', '${upper(local.s)}', 'STAGING-SECRET', ['STAGING-SECRET']],
    ['lower()', '${lower(local.s)}', 'staging-secret', ['staging-secret']],
    ['a template', '${local.s}-x', 'Staging-Secret-x', ['Staging-Secret-x']],
    ['format()', '${format("%s!", local.s)}', 'Staging-Secret!', ['Staging-Secret!']],
    ['join()', '${join(",", [local.s, "b"])}', 'Staging-Secret,b', ['Staging-Secret,b']],
    ['replace()', '${replace(local.s, "-", "_")}', 'Staging_Secret', ['Staging_Secret']],
    ['base64encode()', '${base64encode(local.s)}', 'U3RhZ2luZy1TZWNyZXQ=', ['U3RhZ2luZy1TZWNyZXQ=']],
    ['jsonencode() of an object holding it', '${jsonencode({ a = local.s })}', '{"a":"Staging-Secret"}', ['{"a":"Staging-Secret"}']],
    // Terraform unmarks a call's arguments deeply and marks its whole result: the other map's value too.
    ['merge() with a map holding it', '${merge({ a = "plain-value" }, { b = local.s })}', { a: 'plain-value', b: 'Staging-Secret' }, ['plain-value']],
    ['arithmetic', '${local.n * 6}', 42, ['42']],
    ['a conditional on it, whichever side it chooses', '${local.s == "x" ? "chosen-value" : "other-value"}', 'other-value', ['other-value']],
    ['an element chosen by a sensitive index', '${local.names[local.i]}', 'second-name', ['second-name']],
    ['lookup() with a sensitive key', '${lookup({ k1 = "looked-up-value" }, "k${local.i}")}', 'looked-up-value', ['looked-up-value']],
    ['a for over it', '${[for v in local.l : "${v}-for"]}', ['list-secret-for'], ['list-secret-for']],
    ['a for over it, whatever its body', '${[for v in local.l : "constant-value"]}', ['constant-value'], ['constant-value']],
    ['a for filtered by it', '${[for n in local.names : n if n != local.s]}', ['first-name', 'second-name'], ['first-name', 'second-name']],
    ['a template directive on it', '%{ if local.s != "" }directive-text%{ endif }', 'directive-text', ['directive-text']],
  ])('%s', (_, template, expected, noted) => {
    const result = evaluated(template);
    expect(result.value).toEqual(expected); // the value itself is unchanged: the credentials rules read it
    expect(result.noted).toEqual(expect.arrayContaining(noted));
  });

  it.each([
    ['the side a conditional does not choose', '${true ? "plain-value" : local.s}'],
    ['an object beside it', '${{ a = local.s, b = "plain-value" }}'],
    ['another element of a map that holds one', '${local.mixed.pub}'],
    ['a try() argument it does not take', '${try("plain-value", local.s)}'],
    ['code that reads none', '${upper(local.names[0])}-plain-value'],
  ])('not %s', (_, template) => {
    expect(evaluated(template).noted.filter((text) => /plain|public|NAME|name/.test(text))).toEqual([]);
  });

  it("a sensitive map's keys, and those of a map computed from one (no plan shows them either)", () => {
    expect(evaluated('${sensitive({ "jane-private-key" = "v" })}').noted).toEqual(expect.arrayContaining(['jane-private-key']));
    expect(evaluated('${merge(sensitive({ "key-one" = 1 }), { "key-two" = 2 })}').noted).toEqual(expect.arrayContaining(['key-one', 'key-two']));
  });

  it('through a module output computed from one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-sensitive-'));
    try {
      fs.mkdirSync(path.join(dir, 'mod'));
      fs.writeFileSync(path.join(dir, 'mod', 'main.tf'), 'locals {\n  s = sensitive("child-secret")\n}\noutput "x" {\n  value = "${upper(local.s)}-out"\n}\n');
      fs.writeFileSync(path.join(dir, 'main.tf'), 'module "m" {\n  source = "./mod"\n}\nresource "aws_sqs_queue" "q" {\n  name = lower(module.m.x)\n}\n');
      const loaded = await loadHcl(dir);
      expect(loaded.resources[0].after).toMatchObject({ name: 'child-secret-out' });
      expect(loaded.sensitiveLiterals).toEqual(expect.arrayContaining(['CHILD-SECRET-out', 'child-secret-out']));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a for_each over a sensitive value (Terraform refuses it: "Sensitive values, or values derived from sensitive values, cannot be used as for_each arguments")', () => {
  it('has keys not known, so no address shows one; a map whose values alone are sensitive keeps its keys, as Terraform does', async () => {
    const { resources } = await loadHclDirectory({
      'main.tf': [
        'locals {',
        '  users = sensitive({ "alice-private-name" = "a" })',
        '  names = sensitive(["carol-private-name"])',
        '  plain = { "dave-public-name" = sensitive("v") }',
        '}',
        'resource "aws_sqs_queue" "m" {',
        '  for_each = local.users',
        '  name     = "m"',
        '}',
        'resource "aws_sqs_queue" "s" {',
        '  for_each = toset(local.names)',
        '  name     = "s"',
        '}',
        'resource "aws_sqs_queue" "d" {',
        '  for_each = { for k, v in local.users : "${k}-derived" => v }',
        '  name     = "d"',
        '}',
        'resource "aws_sqs_queue" "p" {',
        '  for_each = local.plain',
        '  name     = "p"',
        '}',
      ].join('\n'),
    });
    expect(resources.map((r) => r.address).sort()).toEqual(['aws_sqs_queue.d', 'aws_sqs_queue.m', 'aws_sqs_queue.p["dave-public-name"]', 'aws_sqs_queue.s']);
  });
});

describe('credentials that reach a resource or a provider through a local (they were unknown, so not judged)', () => {
  const PASSWORD = 'S3cr3tPassw0rd';
  const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
  const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

  it('are found where they are used, and no report prints them', async () => {
    const scenario = tempDir();
    try {
      scenario.write(
        'main.tf',
        `
locals {
  db_url = "postgres://admin:${PASSWORD}@db.example.com:5432/twin"
  keys   = { id = "${KEY_ID}", secret = "${SECRET}" }
}
provider "aws" {
  region     = "eu-west-1"
  access_key = local.keys.id
  secret_key = local.keys["secret"]
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::111111111111:role/x"
  environment {
    variables = { DB = local.db_url }
  }
}
`,
      );
      const json = await twinguard(['check', scenario.dir, '--input-kind', 'hcl', '--format', 'json']);
      const text = await twinguard(['check', scenario.dir, '--input-kind', 'hcl', '--format', 'sarif']);
      expect(json.code).toBe(1);
      const found = JSON.parse(json.stdout).findings.map((f: { ruleId: string; address: string; path?: string }) => [f.ruleId, f.address, f.path]);
      expect(found).toEqual(
        expect.arrayContaining([
          ['no-credentials-in-attributes', 'aws_lambda_function.f', 'environment.0.variables.DB'],
          ['no-static-provider-credentials', 'provider.aws', 'access_key'],
          ['no-static-provider-credentials', 'provider.aws', 'secret_key'],
        ]),
      );
      for (const output of [json.stdout, text.stdout, json.stderr]) for (const secret of [PASSWORD, KEY_ID, SECRET]) expect(output).not.toContain(secret);
    } finally {
      scenario.cleanup();
    }
  });
});

// What no-sensitive-data-in-tags searches in a map Terraform knows only after apply whole.
describe('writtenEntries: the values the code writes in a map known only after apply whole', () => {
  const scope = new LocalScope(
    [
      {
        common: { Team: 'iot' },
        prefix: 'acme',
        owned: { '${var.p}-owner': 'jane@example.com', '${local.prefix}:cost': 'cc-1' },
        // A local that reaches itself (Terraform refuses the cycle), twice over: followed once.
        loop: '${merge(local.loop, local.loop, { "${var.p}" = "x" })}',
        // A map of maps, one known only after apply whole; a list of maps.
        nested: { outer: { '${var.p}_ID': 'K3' }, plain: { a: 'b' } },
        maps: [{ '${var.p}': 'K4' }, { e: 'f' }],
      },
    ],
    // var.p: a value given from outside the code (a -var); var.d: a root variable's default, the code's.
    markGiven(
      new Map([
        ['p', 'given'],
        ['d', 'K23'],
      ]),
      ['p'],
    ),
  );
  it.each([
    ['a local, each key where the code knows it (variables not known)', '${local.owned}', [{ value: 'jane@example.com' }, { key: 'acme:cost', value: 'cc-1' }]],
    ['merge(): each argument map, whatever its key', '${merge(var.tags, (local.common), { Owner = "bob", "${var.p}" = upper("k") })}', [{ key: 'Team', value: 'iot' }, { key: 'Owner', value: 'bob' }, { value: 'K' }]],
    ['a local that reaches itself', '${local.loop}', [{ value: 'x' }]],
    ['a value the code does not fix', '${merge({ "${var.p}" = var.p, Team = "iot" })}', [{ key: 'Team', value: 'iot' }]],
    ['a root variable nothing from outside the code sets: its value (its default)', '${merge({ "${var.p}" = var.d })}', [{ value: 'K23' }]],
    ['a conditional: both sides, whichever is chosen', '${var.c ? { "${var.p}" = "jane@example.com" } : local.owned}', [{ value: 'jane@example.com' }, { value: 'jane@example.com' }, { key: 'acme:cost', value: 'cc-1' }]],
    ['a conditional whose condition holds a "?" and a call, nested in a side', '${var.s == "?" && length(var.l) > 0 ? {} : var.c ? null : merge({ "${var.p}" = "K1" })}', [{ value: 'K1' }]],
    ['a conditional a step is taken into is another value: the literal text written in it', '${(var.c ? { a = "x" } : {})["a"]}', [{ value: 'x\na', template: true }]],
    ['tomap(): its argument', '${tomap({ "${var.p}_ID" = "K2" })}', [{ value: 'K2' }]],
    ['a for: the value its code writes, under a key not known', '${{ for k in var.ks : "${k}" => "jane@example.com" }}', [{ value: 'jane@example.com' }]],
    ['a for: a template\'s literal text', '${{ for k in var.ks : "${k}_ID" => "${k}:K5" }}', [{ value: ':K5', template: true }]],
    ['a list for: each element\'s map, any element of the list (an expanded merge)', '${merge([for k in var.ks : { "${k}_ID" = "K30", DB_PASSWORD = "K31" }]...)}', [{ value: 'K30' }, { key: 'DB_PASSWORD', value: 'K31' }]],
    ['a list for over a collection the code fixes: each element at its index', '${[for k in ["a"] : { "${var.p}${k}" = "K32" }][0]}', [{ value: 'K32' }]],
    ['an object for whose values are maps with a key not known: each, and a step into it', '${{ for k, v in var.m : k => { "${v}_KEY" = "K33" } }["a"]}', [{ value: 'K33' }]],
    ['a for: a template\'s literal text is named by no key', '${{ for k in var.ks : "DB_PASSWORD" => "${k}-x"... }}', [{ value: '-x', template: true }]],
    ['a template not known: its literal text, its pieces a line each', '${var.p}:K14-${var.p}-${var.p}/x', [{ value: ':K14-\n-\n/x', template: true }]],
    ['a template whose text is blank writes none', '${var.p} ${var.p}', []],
    ['a template the code fixes whole is no map', '${local.prefix}-K15', []],
    ['a conditional: a template on either side', '${var.c ? "${var.p}-K16" : local.owned}', [{ value: '-K16', template: true }, { value: 'jane@example.com' }, { key: 'acme:cost', value: 'cc-1' }]],
    ['format(): its format string\'s literal text, its verbs apart', '${format("%s-K17:%05d%%", var.p, var.n)}', [{ value: '-K17:\n%', template: true }]],
    ['a template compared is another value: its literal text', '${"${var.p}-K18" == var.q}', [{ value: '-K18', template: true }]],
    ['a template inside a call: its literal text, and a literal beside it', '${join("", [upper("${var.p}-K19"), "K20"])}', [{ value: '-K19\nK20', template: true }]],
    ['a template within an interpolation of a template', '${var.p}-${lower("${var.q}:K21")}', [{ value: '-\n:K21', template: true }]],
    ['a heredoc inside a call: its literal text', '${trimspace(<<EOT\nkey K22 ${var.x}\nEOT\n)}', [{ value: 'key K22 ', template: true }]],
    ['format() inside a call: its verbs apart', '${upper(format("%s:K23", var.p))}', [{ value: ':K23', template: true }]],
    ['a value in a URL\'s user name stands in it: the password after it is written', 'https://${var.u}:K24@host', [{ value: 'https://${…}:K24@host', template: true }]],
    ['a value in a URL\'s password parts its text', 'postgres://admin:${var.p}@h', [{ value: 'postgres://admin:\n@h', template: true }]],
    ['a format verb in a URL\'s user name stands in it', '${format("https://%s:K25@host", var.u)}', [{ value: 'https://${…}:K25@host', template: true }]],
    ['a for: a value known in part keeps its known part', '${{ for k in var.ks : "K" => { a = "K13", b = k } }}', [{ key: 'K', value: { a: 'K13' } }]],
    ['a for: each element of a collection the code fixes', '${{ for k, v in local.common : "${var.p}${k}" => v }}', [{ value: 'iot' }]],
    ['a for: a variable\'s value is not the code\'s', '${{ for k, v in var.m : "${k}_ID" => v }}', []],
    ['a for: what its condition leaves out', '${{ for k in var.ks : k => "x" if false }}', []],
    ['a step into a string of the map is another value', '${local.owned["x"]}', []],
    ['a step into a map of maps: the map there', '${local.nested.outer}', [{ value: 'K3' }]],
    ['a step written as an index', '${local.nested["outer"]}', [{ value: 'K3' }]],
    ['a step not known is none', '${local.nested[var.k]}', []],
    ['a map of maps: each inner map known only after apply within its entry', '${local.nested}', [{ key: 'outer', value: null, within: [{ at: [], entries: [{ value: 'K3' }] }] }, { key: 'plain', value: { a: 'b' } }]],
    ['an expanded list of maps: each element', '${merge(local.maps...)}', [{ value: 'K4' }, { key: 'e', value: 'f' }]],
    ['an expanded list written in place', '${merge([{ "${var.p}" = "jane@example.com" }]...)}', [{ value: 'jane@example.com' }]],
    ['try(): each argument, one Terraform refuses carries none', '${try(local.nested.missing.x, { "${var.p}" = "K6" })}', [{ value: 'K6' }]],
    ['coalesce(): each argument', '${coalesce(var.x, { "${var.p}" = "K7" })}', [{ value: 'K7' }]],
    ['lookup(): the map at its key, and its default', '${lookup(local.nested, "outer", { "${var.p}" = "K8" })}', [{ value: 'K3' }, { value: 'K8' }]],
    ['one(): its list\'s element', '${one([{ "${var.p}" = "K9" }])}', [{ value: 'K9' }]],
    ['another function\'s result is another value: the literal text written in it', '${keys({ "${var.p}" = "K10" })}', [{ value: 'K10', template: true }]],
    // Terraform 1.11.4 plans each of these known only after apply whole (terraform_data's output as the key).
    ['zipmap(): each value under the key at its place', '${zipmap(["${var.p}_ID", "Team"], ["K26", "iot"])}', [{ value: 'K26' }, { key: 'Team', value: 'iot' }]],
    ['values(): a list of the values in the keys\' order', '${merge(values(local.nested)...)}', [{ value: 'K3' }, { key: 'a', value: 'b' }]],
    ['values() of a map with a key not known: each value may be any element', '${one(values({ "${var.p}" = { "${var.q}" = "K27" } }))}', [{ value: 'K27' }]],
    ['a step into values()\' list', '${values(local.nested)[0]}', [{ value: 'K3' }]],
    ['a step into merge()\'s result: the map there', '${merge(local.nested, {})["outer"]}', [{ value: 'K3' }]],
    ['a step into a map with a key not known a call gives: the map under that key or one not known', '${merge({ "${var.p}" = { a = "K28" } }, { b = { c = "K29" } }).b}', [{ key: 'a', value: 'K28' }, { key: 'c', value: 'K29' }]],
  ])('%s', (_name, text, expected) => {
    expect(scope.writtenEntries(text)).toEqual(expected);
  });

  it('writtenOf: a map known only after apply whole at any depth, at its path', () => {
    expect(scope.writtenOf('${[{ name = "x", dockerLabels = { "${var.p}" = "K11" } }, local.nested]}').within).toEqual([
      { at: [0, 'dockerLabels'], entries: [{ value: 'K11' }] },
      { at: [1, 'outer'], entries: [{ value: 'K3' }] },
    ]);
    expect(scope.writtenOf({ a: { outer: '${{ "${var.p}" = "K12" }}' }, b: 'x' }).within).toEqual([{ at: ['a', 'outer'], entries: [{ value: 'K12' }] }]);
    expect(scope.writtenOf('${{ a = "x" }}').within).toEqual([]);
  });
});

describe('the maps known only after apply whole a repeated block\'s attribute holds', () => {
  it('read what each local writes once for the module, not once per instance (n instances, one reading of each local)', () => {
    const scope = new LocalScope([{ cfg: { outer: { '${var.p}_ID': 'K1' }, other: '${local.more}' }, more: { '${var.p}': 'K2' } }], new Map([['p', 'given']]));
    const raw = jest.spyOn(scope, 'rawLocal');
    const maps = Array.from({ length: 200 }, (_, i) => scope.instance('count', i, undefined).writtenOf('${[local.cfg, count.index]}').within);
    for (const found of maps) expect(found).toEqual([{ at: [0, 'outer'], entries: [{ value: 'K1' }] }, { at: [0, 'other'], entries: [{ value: 'K2' }] }]);
    expect(raw.mock.calls.length).toBeLessThanOrEqual(2);
  });
});

describe('the maps known only after apply whole a chain of calls holds', () => {
  // Each merge is known in part (its keys are), so its entries are read from its call: once, not once for its value
  // and again for its entries at each level, which doubles the reads of the level below (counted, not timed).
  it('read each level of merge(local.x, merge(local.x, …)) once (d levels, reads of local.x within d²)', () => {
    const depth = 16;
    const scope = new LocalScope([{ x: { a: '${var.q}', b: { '${var.p}': 'K1' } } }]);
    const text = `\${${'merge(local.x, '.repeat(depth)}{}${')'.repeat(depth)}}`;
    const locals = jest.spyOn(Object.getPrototypeOf(LocalScope.prototype) as { local(name: string): unknown }, 'local');
    try {
      expect(scope.writtenOf(text).within).toEqual([{ at: ['b'], entries: [{ value: 'K1' }] }]);
      expect(locals.mock.calls.length).toBeLessThanOrEqual(depth * depth);
    } finally {
      locals.mockRestore();
    }
  });
});

describe('the maps known only after apply whole the elements of a for hold', () => {
  // Each element's value is read as written once beside its value (counted, not timed): a for of n elements reads n.
  it('read each element of [for k in local.names : { … = local.v }] a bounded number of times (n elements, reads of local.v within 3n)', () => {
    const n = 200;
    const scope = new LocalScope([{ names: Array.from({ length: n }, (_, i) => `n${i}`), v: 'K1' }]);
    const locals = jest.spyOn(Object.getPrototypeOf(LocalScope.prototype) as { local(name: string): unknown }, 'local');
    try {
      expect(scope.writtenEntries('${merge([for k in local.names : { "${var.p}${k}" = local.v }]...)}')).toEqual([{ value: 'K1' }]);
      expect(locals.mock.calls.filter(([name]) => name === 'v').length).toBeLessThanOrEqual(3 * n);
    } finally {
      locals.mockRestore();
    }
  });
});

describe('instances of a repeated block', () => {
  // each.value as the code writes it: the for_each read once for the module, each instance taking its own element.
  it('read what the code writes in the for_each once, not once per instance (each.value of n instances; reads of a local within 3n)', () => {
    const n = 200;
    const forEach = Object.fromEntries(Array.from({ length: n }, (_, i) => [`\${local.prefix}${i}`, { '${var.p}_ID': `K${i}` }]));
    const scope = new LocalScope([{ prefix: 'k' }]);
    const locals = jest.spyOn(Object.getPrototypeOf(LocalScope.prototype) as { local(name: string): unknown }, 'local');
    try {
      const found = Array.from({ length: n }, (_, i) => scope.instance('for_each', `k${i}`, forEach).writtenEntries('${each.value}'));
      found.forEach((entries, i) => expect(entries).toEqual([{ value: `K${i}` }]));
      expect(locals.mock.calls.length).toBeLessThanOrEqual(3 * n);
    } finally {
      locals.mockRestore();
    }
  });

  it('read the for_each once for the block, not once per instance (n instances read n elements each)', () => {
    const names = Array.from({ length: 200 }, (_, i) => `queue-${i}`);
    const scope = new LocalScope([{ names: `\${toset([${names.map((n) => JSON.stringify(n)).join(', ')}])}` }], new Map([['m', Object.fromEntries(names.map((n) => [n, { name: n }]))]]));
    const locals = jest.spyOn(scope, 'local');
    const variables = jest.spyOn(scope, 'variable');
    const fromSet = names.map((name) => scope.instance('for_each', name, '${local.names}').value('${each.value}'));
    const fromMap = names.map((name) => scope.instance('for_each', name, '${var.m}').value('${each.value.name}'));
    expect(fromSet).toEqual(names);
    expect(fromMap).toEqual(names);
    // Each instance reads each.value itself; the for_each behind it is read once per block.
    expect(locals.mock.calls.length).toBeLessThanOrEqual(2);
    expect(variables.mock.calls.length).toBeLessThanOrEqual(2);
  });
});

describe('instances of a repeated block, read symbolically', () => {
  const names = Array.from({ length: 200 }, (_, i) => `b-${i}`);
  const scopeOf = () => new LocalScope([{ names: `\${toset([${names.map((n) => JSON.stringify(n)).join(', ')}])}` }]);

  it('bind each.value without reading the for_each again for every instance (n instances read n names each)', () => {
    const scope = scopeOf();
    // Every scope's locals (a symbolic evaluation's own too) are read through this one method.
    const reads = jest.spyOn(Object.getPrototypeOf(LocalScope.prototype) as { local(name: string): unknown }, 'local');
    try {
      const values = names.map((name) => scope.instance('for_each', name, '${local.names}').symbolic('${each.value}', () => UNKNOWN));
      expect(values).toEqual(names);
      expect(reads.mock.calls.filter(([name]) => name === 'names').length).toBeLessThanOrEqual(3);
    } finally {
      reads.mockRestore();
    }
  });

  it('read the for_each again where a reference it reads gives another value', () => {
    const scope = new LocalScope([{ names: '${toset(["a"])}' }]);
    const forEach = '${{ for k in local.names : k => "${k}-${aws_s3_bucket.b.id}" }}';
    const read = (id: string): unknown => scope.instance('for_each', 'a', forEach).symbolic('${each.value}', (traversal) => (traversal === 'aws_s3_bucket.b.id' ? id : UNKNOWN));
    expect([read('one'), read('one'), read('two')]).toEqual(['a-one', 'a-one', 'a-two']);
  });

  it('read the for_each once with the module instance\'s reference, however many instances ask; again with another module instance\'s', () => {
    const scope = scopeOf();
    const forEach = '${{ for k in local.names : k => "${k}-${aws_s3_bucket.b.id}" }}';
    const moduleReference = (id: string) => {
      const reference = jest.fn((traversal: string): unknown => (traversal === 'aws_s3_bucket.b.id' ? id : UNKNOWN));
      return reference;
    };
    // Each instance's own reference is a new function, as the graph makes one per evaluation.
    const readIn = (of: LocalScope, name: string, module: (traversal: string) => unknown): unknown => of.instance('for_each', name, forEach).symbolic('${each.value}', () => UNKNOWN, module);
    // What one reading of the for_each asks: one reference per element.
    const once = moduleReference('one');
    readIn(scopeOf(), names[0], once);
    const [one, two] = [moduleReference('one'), moduleReference('two')];
    expect(names.map((name) => readIn(scope, name, one))).toEqual(names.map((name) => `${name}-one`));
    expect(one.mock.calls.length).toBe(once.mock.calls.length);
    expect([readIn(scope, 'b-7', two), readIn(scope, 'b-8', two)]).toEqual(['b-7-two', 'b-8-two']);
    expect(two.mock.calls.length).toBeLessThanOrEqual(once.mock.calls.length + 1);
  });
});
