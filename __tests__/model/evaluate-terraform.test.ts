/**
 * The evaluator against Terraform itself: every expression twinguard evaluates to a known value
 * must be the value `terraform console` gives for it, byte for byte once jsonencoded. Runs when a
 * `terraform` executable is on PATH (it needs no provider and no network: only locals); skips with
 * one line otherwise, as in a checkout on a machine without Terraform.
 */
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bodiesOf } from '../../checks/model/cdktf';
import { evaluateTemplate, LocalScope, UNKNOWN } from '../../checks/model/evaluate';
import { buildGraph } from '../../checks/model/graph';
import { loadHcl } from '../../checks/model/hcl';
import { jsonencodeValue } from '../../checks/model/jsonencode';

/** Locals the cases use. */
const BASE = `
  nothing  = null
  name     = "twin"
  env      = "prod"
  count    = 3
  ratio    = 0.25
  flag     = true
  list     = ["b", "a", "c", "a"]
  tags     = { Owner = "platform", Team = "iot" }
  nested   = { inner = { value = "deep", list = [1, 2] } }
  arn      = "arn:aws:s3:::\${local.name}-\${local.env}"
  policy   = { Version = "2012-10-17", Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ["\${local.arn}", "\${local.arn}/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } }] }
  doc      = <<EOT
Owner: \${local.tags.Owner}
Plain line with $\${literal}
EOT
  inner    = [trimspace(<<-EOT
    Sup3rHeredocPw!
  EOT
  ), upper(<<-X
  a

    b
  X
  ), upper(<<-EOT
    
    ws
    EOT
  ), jsondecode(<<EOF
{"a": 1, "b": "\${local.name}"}
EOF
  ), [<<-EOT
\ttab
\t  more
\tEOT
  , "x"], <<EOT
  keep \${local.name}
%{ for v in local.list ~}
- \${v}
%{ endfor ~}
EOT
  ]
  listing  = <<EOT
[
%{ for i, v in local.list ~}
    - \${i}: \${v}%{ if i < length(local.list) - 1 },%{ endif }
%{ endfor ~}
  end  \${~ "!" ~}
  %{~ if local.flag }flag%{ endif }
EOT
`;

/** Expressions over BASE; each must be known to twinguard and to Terraform. */
const CASES: readonly string[] = [
  'local.arn',
  'local.policy',
  'merge(local.tags, { Team = "ops", Stage = "dev" }, null)',
  'merge({ a = { x = 1 } }, { a = { y = 2 } })',
  'concat(local.list, ["d"], [])',
  'lookup(local.tags, "Owner", "none")',
  'lookup(local.tags, "Nope", "none")',
  'join("-", local.list, ["z"])',
  'coalesce("", local.name)',
  'coalesce(null, "", "x")',
  'toset(local.list)',
  'toset(["zeta", "Alpha", "alpha", "_x", "Ω", "é"])',
  'lower("MiXeD-123")',
  'upper("mixed_ok")',
  'trimspace("  \\t spaced \\n ")',
  'trimspace("\\u0085x\\u00a0")',
  'tostring(local.count)',
  'tostring(local.flag)',
  'tomap(local.tags)',
  'tolist(["x", "y"])',
  '"n-${local.count}-${local.flag}-${local.ratio}"',
  'local.nested.inner.list[1]',
  'local.nested["inner"]["value"]',
  'local.doc',
  'local.listing',
  // Heredocs inside an expression (`trimspace(<<-EOT … EOT)`), indented or not.
  'local.inner',
  '{ "10" = 1, "9" = 2, b = 3, "B" = 4, "é" = 5, "_" = 6 }',
  '["<a href=\\"x\\">&</a>", "\\u2028", "tab\\there"]',
  '[0.1, 1.5, -3, 100, 2.5e1, 0, -0.5]',
  '"e\\u0301"',
  '"$${not} %%{directive}"',
  '{ (local.name) = "keyed" }',
  'jsonencode(local.policy)',
  'format("arn:aws:s3:::%s/*", local.name)',
  'format("%s-%d-%v-%s %%", local.env, local.count, local.ratio, local.flag)',
  'format("%v", 100)',
  'replace("a.b.c", ".", "-")',
  'replace("aaa", "aa", "b")',
  'split(",", "a,,b")',
  'split(",", "")',
  'keys({ b = 1, a = 2, "B" = 3, "é" = 4 })',
  'values({ b = 1, a = 2, "B" = 3 })',
  'length(local.list)',
  'length(local.tags)',
  'element(local.list, 5)',
  'flatten([["a", ["b"]], [], "c"])',
  'distinct(local.list)',
  'compact(["a", "", null, "b"])',
  '{ "$${ x" = "%%{ y }", "] " = ["$${"] }',
  'local.flag && local.count > 2 ? "many" : "few"',
  '[1 + 2 * 3 - 4 / 2, -7 % 3, local.count >= 3, "5" > 3, 1 == "1", !local.flag || true]',
  'local.flag ? 1 : "a"',
  '[for i, s in local.list : "${i}-${upper(s)}" if s != "c"]',
  '{ for k, v in local.tags : lower(k) => v }',
  '{ for s in local.list : s => s... }',
  '[for k, v in toset(local.list) : k]',
  'try(local.tags.Nope, local.list[9], "fallback")',
  '[can(local.nested.inner.value), can(local.nested.nope)]',
  '[anytrue([false, local.flag]), alltrue([]), contains(local.list, "a"), contains(["1"], 1)]',
  '[try(toset(local.list)[0], "x"), can(toset(local.list).0), try(element(toset(local.list), 0), "e"), try(concat(toset(local.list), ["c"]), "c"), join(",", toset(local.list))]',
  // terraform_data.u.output is known only after apply (UNKNOWN_RESOURCE): a collection holding it is still not null.
  '[{ a = terraform_data.u.output } != null, [terraform_data.u.output] == null, null == { b = [terraform_data.u.output] }]',
  '[contains(["a", terraform_data.u.output], "a"), length([terraform_data.u.output])]',
  '[tobool("true"), tobool("0"), tobool(false), tobool(null), try(tobool("TRUE"), "refused"), title("hello world-foo_bar.baz9x a1b c!d ABC"), max(1, 2.5, -3), min(0.1, 0.2, 7)]',
  // A condition or a logical operand converts as tobool does ("1", "0"; not "True").
  '["1" ? "on" : "off", "0" ? "on" : "off", "1" && true, "0" || false, !"1", !"false", alltrue(["1", true]), anytrue(["0"])]',
  // As terraform-aws-modules/s3-bucket writes a versioning status.
  'try(tobool("Enabled") ? "Enabled" : "Suspended", title(lower("ENABLED")), "Enabled")',
  'zipmap(["b", "a", "b"], [1, "x", true])',
  'zipmap(keys(local.tags), values(local.tags))',
  '[try(zipmap(["a"], [1, 2]), "refused"), try(zipmap(["a"], "x"), "not a list")]',
  // As terraform-aws-modules/s3-bucket (v3) reads a rule given as JSON text or as a list.
  '[try(jsondecode(local.list), local.list), try(jsondecode("[\\"x\\"]"), local.list)]',
  'jsondecode("{\\"b\\": [1, 2.5, null, true, -0.125], \\"a\\": {\\"x\\": \\"y\\"}, \\"é\\": \\"\\\\u00e9\\"}")',
  '[jsondecode(5), jsondecode(true), jsondecode(" 1e2 "), try(jsondecode("{"), "bad"), try(jsondecode(null), "null")]',
  // A conditional whose other side is known only after apply: the chosen side as a conversion leaves it.
  '[false ? terraform_data.u.output : {}, true ? [] : terraform_data.u.output, false ? terraform_data.u.output : "x", false ? terraform_data.u.output : null]',
  '[merge([{ a = 1 }, { b = 2, a = 3 }]...), concat([["a"], ["b"]]...), join("-", ["x"], [["y"], ["z"]]...), try(merge(local.name...), "refused"), merge([]...)]',
  '[length("abc"), length(""), length("a\\r\\nb\\n"), length(local.name)]',
  // As every terraform-aws-modules example names its resources.
  '["ex-${basename(path.cwd)}", path.module, path.root, dirname(path.cwd), "${path.module}/policy.json"]',
  '[basename("a/b/"), basename(""), basename("///"), basename("x"), dirname("a//b/c"), dirname("x"), dirname("/"), dirname("/x"), dirname("./a/b"), dirname("../../m/x"), dirname("")]',
  // Terraform drops the errors of the side a known condition does not choose (terraform-aws-modules/eks: `var.create_kms_key ? module.kms.key_arn : var.cluster_encryption_config.provider_key_arn`).
  '[false ? local.tags.Nope : "y", true ? local.name : local.list[9], local.flag ? "a" : tobool("maybe"), !local.flag ? format("%d", "x") : "z"]',
  // terraform-aws-modules/sqs: dlq_kms_master_key_id = try(coalesce(var.dlq_kms_master_key_id, var.kms_master_key_id), null)
  '[try(coalesce(null, null), "none"), try(coalesce("", null), "empty"), try(coalesce(null, "k"), "none")]',
  // Launch template user data (terraform-aws-modules/autoscaling: user_data = base64encode(local.user_data)).
  '[base64encode("#!/bin/bash\\necho héllo ✓"), base64decode(base64encode(local.name)), base64decode("aGk="), try(base64decode("/w=="), "not utf-8"), base64encode("")]',
  // terraform-aws-modules/rds-proxy: resources = coalescelist(var.kms_key_arns, ["arn:aws:kms:*:*:key/*"])
  '[coalescelist([], ["arn:aws:kms:*:*:key/*"]), coalescelist(local.list, []), coalescelist([], [], [1, 2]), try(coalescelist([], []), "none")]',
  '[try(local.flag.value, "no attribute"), try(local.name[0], "no index"), try(local.count.x, "none")]',
  // cloudposse/label/null 0.25.0 builds every id and tag with these.
  '[replace("My_App!", "/[^-a-zA-Z0-9]/", ""), replace("abc", "/x*/", "-"), replace("abc", "/b*/", "-"), replace("aaa", "/a/", "$0"), replace("hello world", "/o(.)/", "$1$$"), replace("héllo wörld", "/[^a-z]/", "_"), replace("a.b\\rc", "/./", "x"), replace("ab\\ncd", "/.$/", "X"), replace("a1b22", "/[0-9]+/", "<$${0}>"), replace("hello", "/(l)/", "$1x|$${1}x|$01|$|$${|$${1|$-|$$1|$9"), replace("hello", "/l/", "a$")]',
  '[substr("hello", 1, 100), substr("hello", -3, 2), substr("hello", 5, 1), substr("hello", 6, 1), substr("hello", 0, -1), substr("hello", 2, 0), substr("hello", -6, 1), substr("", 0, 1), substr("hello", -2, 0), substr("hello", -7, 3), substr("hello", 1, -2), substr("", -1, 0)]',
  '[trimsuffix("cp-uw2-", "-"), trimsuffix("abc", ""), trimprefix("abc", "ab"), trimprefix("abc", "x"), md5("a"), md5(""), sha1("twin"), sha256("héllo")]',
  '[trim("?!hello?!", "!?"), trim("  hello! world.!  ", "! "), trim(" true ", " "), trim("abc", ""), trim("", "x"), trim("xxx", "x"), trim("éaé", "é"), trim("☃x☃", "☃"), trim("e\\u0301x", "\\u0301")]',
  '[urlencode("Hello World!"), urlencode("☃"), urlencode("foo:bar@localhost?foo=bar&bar=baz"), urlencode("alias/aws/sqs"), urlencode(""), urlencode("a-b_c.d~e*f\'g(h)i+j"), urlencode("\\n\\t%"), urlencode("é")]',
  '[cidrsubnet("172.16.0.0/12", 4, 2), cidrsubnet("10.1.2.0/24", 4, 15), cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162), cidrsubnet("10.1.2.3/24", 0, 0), cidrsubnet("0.0.0.0/0", 8, 255), cidrsubnet("10.0.0.0/16", 16, 65535), cidrsubnet("2001:db8::/32", 32, 1), cidrsubnet("::/0", 1, 1), cidrsubnet("2001:db8:0:0:1::/64", 64, 1), cidrsubnet("2001:0:0:1::/48", 16, 0), try(cidrsubnet("10.0.0.0/30", 4, 0), "no room"), try(cidrsubnet("10.0.0.0/24", 2, 4), "no such subnet")]',
  '[setintersection(["b", "a", "c"], ["a", "b"]), setintersection(["a"], []), setunion(["b"], ["a", "b"]), setsubtract(["a", "b", "c"], ["b"]), sort(["b", "a", "B", "10", "9", "é", "z"]), sort([])]',
  '[one([]), one(["x"]), try(one(["x", "y"]), "many"), try(one(null), "null"), one(toset(["a", "a"])), coalesce([], ["x"]), coalesce(null, ["a"], []), try(length(null), 0)]',
  '[terraform.workspace, "ws-${terraform.workspace}"]',
  '[index(local.list, "a"), index(local.list, "c"), try(index(local.list, "z"), "absent"), try(index(["1"], 1), "absent")]',
  // Terraform holds every string in NFC, built ones too.
  '["Caf${"e"}${"\u0301"}", md5("Caf${"e"}${"\u0301"}"), join("", ["e", "\u0301"]), replace("e-", "-", "\u0301"), split(",", "e\u0301,x"), try(contains(["a"], null), "refused")]',
  // A side not chosen whose step Terraform refuses has no type (cloudposse/label/null 0.25 beside an older context.tf).
  '[true ? ["x"] : local.tags.Nope, true ? toset(["default"]) : local.tags.Nope, false ? local.nested.nope : 1, true ? true : local.tags.Nope]',
  // cloudposse security-group-inputs.tf: `var.use_existing_security_groups == null ? var.create_security_group : !var.use_existing_security_groups`.
  '[local.nothing == null ? true : !local.nothing, local.nothing == null ? 1 : -local.nothing, local.nothing == null ? false : local.nothing > 0, true ? 1 : terraform_data.u.output * 2, false ? terraform_data.u.output > 1 : true, try(!local.nothing, "refused")]',
  '[local.list[*], [{ a = ["x", "y"] }, { a = ["z"] }][*].a[0], [{ a = 1 }].*.a, null[*], local.tags["Owner"], { "0" = "zero" }[0], ["a", "b"]["1"], try(local.list[*].nope, "refused")]',
  // The condition first: the value of an element left out is never read (terraform-aws-modules/appsync).
  '[for k, v in { a = { t = "x", n = 1 }, b = { t = "y" } } : v.n if v.t == "x"]',
  '{ for k, v in { a = { t = "x", n = 1 }, b = { t = "y" } } : v.n => k if v.t == "x" }',
  // Tests modules make of ARNs and names (terraform-aws-modules: `startswith(var.kms_key_id, "arn:")`, `length(regexall(…)) > 0`).
  '[startswith("abc", "ab"), startswith("abc", ""), endswith("abc", "bc"), strcontains("abc", "b"), startswith("Abc", "a"), try(startswith(null, "a"), "null"), startswith("e${"́"}x", "e")]',
  '[regexall("a(b)?", "a ab"), regexall("[0-9]+", "a1b22"), regexall("x*", "ab"), regexall("(a)|(b)", "ab"), regexall("b*", "abb"), regexall("a|", "ba"), regexall("", "ab"), regexall("a{2}", "aaaaa"), regexall(".", "a\\nb"), regexall("é", "éé")]',
  '[regex("a(b)?", "a ab"), regex("[0-9]+", "a1b22"), regex("(a)(b)", "ab"), try(regex("z", "ab"), "no match"), regex("^arn:aws:kms:[^:]+:([0-9]+):key/(.*)$", "arn:aws:kms:eu-west-1:123456789012:key/abc-1"), can(regex("^arn:", "alias/x"))]',
  '[range(3), range(1, 4), range(0, 10, 3), range(5, 0, -2), range(0), range(3, 1), range(-2), length(range(1024)), try(range(1025), "too many"), try(range(0, 1, 0), "step 0"), try(range(1, 2, -1), "wrong way")]',
  '[reverse(["a", "b"]), reverse([]), slice(["a", "b", "c"], 1, 3), slice(["a", "b"], 0, 0), try(slice(["a"], 0, 2), "past the end"), try(slice(["a", "b"], 2, 1), "backwards")]',
  // Sets and distinct lists of lists or objects of strings, in cty's order (cdktf's iterators write `toset([{ alg = "AES256" }])`).
  '[toset([["b"], ["a"], ["b"]]), toset([["a", "b"], ["a"]]), toset([{ alg = "AES256" }]), toset([{ a = "z", b = "1" }, { a = "y", b = "2" }]), toset([{ a = "z" }, { b = "y" }]), distinct([["a"], ["a"], ["b"]]), length(toset([["a"], ["a"]])), { for k, v in toset([["a"]]) : "x" => v if false }, toset([["a b!"], ["a b"]]), toset([{ b = "x", a = "y" }, { a = "x", b = "y" }]), toset([{ a = "x\\"y" }, { a = "x" }])]',
  // Sets and distinct lists of objects and lists of any known values (cdktf's `TerraformIterator.fromList` of `{ dev, size, enc }`):
  // converted to one element type as Terraform converts them, in cty's order (by the bytes it hashes them as: numbers as `%.10g`).
  '[[for x in toset([{ dev = "/dev/xvda", size = 20, enc = true }, { dev = "/dev/xvdb", size = 50, enc = false }]) : x.enc], toset([{ a = true }, { a = "x" }]), toset([{ a = 1 }, { a = "1" }]), toset([{ a = [1] }, { a = [1, 2] }]), toset([{ a = null }, { a = "x" }]), [for x in toset([{ a = 1e10, n = "p" }, { a = 1, n = "q" }]) : x.n], [for x in toset([{ a = 0.00001, n = "p" }, { a = 0.0001, n = "q" }]) : x.n], toset([{ a = -5 }, { a = 3 }, { a = 1.5 }, { a = 15 }])]',
  '[toset([3, 1, 20, 1]), toset([true, false, true]), toset(["a", 1]), toset([{ x = [{ y = true }] }, { x = [{ y = false }] }]), toset([{ a = {} }, { a = { b = "x" } }]), toset([{ "b c" = "1" }, { a = 2 }]), toset([{ a = toset(["b", "a"]) }, { a = toset(["c"]) }]), toset([[], ["x"]]), toset([[1], ["a"]]), toset([{ a = true, b = 1 }, { a = "x", b = 2 }])]',
  '[distinct([1, "1", true]), distinct([{ a = 1 }, { a = "1" }, { a = 2 }]), distinct([[1], ["1"], [true]]), setunion([{ a = 1 }], [{ a = "x" }]), setunion([{ a = 1 }], [{ b = "x" }]), setintersection([{ a = 1, b = true }], [{ a = 1, b = true }, { a = 2, b = false }]), setsubtract([{ a = 1 }, { a = 2 }], [{ a = 1 }]), setunion([{ a = 1 }], []), setunion([[1]], [[1, 2]]), setunion(["a"], [1]), setunion([10, 2], ["b"]), setunion(["a"], [true]), setunion([{ a = "x" }], [{ a = true }]), distinct(toset([{ a = 1 }, { a = 2 }])), distinct(["a", null, "a"])]',
  // Template directives and strip markers (IAM policies and user data written as templates).
  '["%{ if local.flag }yes%{ else }no%{ endif }", "x %{~ if false ~} y %{~ else ~} z %{~ endif ~} w", "%{ for i, v in local.list }${i}=${v},%{ endfor }", "%{ for k, v in local.tags }${k}:${v} %{ endfor }", "%{if true}${5}%{endif}", "${~ local.name ~}", "  ${~ local.name ~}  ", "a\\n%{ for v in local.list ~}\\n  - ${v}\\n%{ endfor ~}\\nend", "%{ for v in [] }x%{ endfor }", "%{ if "true" }s%{ endif }", "%{ for v in toset(local.list) }${v}%{ endfor }", "%{ if local.count > 2 }%{ for v in local.list }[${v}]%{ endfor }%{ endif }", "%{ if false }${local.tags.Nope}%{ endif }ok"]',
  'try("%{ if null }a%{ endif }", "null condition")',
  '[tonumber("42"), tonumber("+1"), tonumber("007"), tonumber(5), tonumber(null), try(tonumber("1_000"), "no"), try(tonumber(" 1"), "no"), try(tonumber("0x1"), "no"), try(tonumber(true), "no"), try(tonumber(""), "no")]',
  // Decimal text as a decimal literal; a splat of a value that is no list, set or tuple: a tuple of it alone.
  '[tonumber("1.0"), tonumber("1.50"), tonumber("-0.5"), tonumber("2e3"), tonumber(".5"), tonumber("1.0") == 1, tostring(tonumber("2.50")), try(tonumber("1.2.3"), "no")]',
  '[{ a = 1 }[*], length({ a = 1 }[*]), "x"[*], 5[*], true[*], { a = 1 }[*].a, { a = 1 }.*.a, local.tags[*], tomap({ a = "b" })[*]]',
];

/** A resource of Terraform's built-in provider (no download): its `output` is known only after apply, to the console and to twinguard. */
const UNKNOWN_RESOURCE = 'resource "terraform_data" "u" {\n  input = "a"\n}\n';

/** What `terraform console` prints for a value it does not know. */
const UNKNOWN_TO_TERRAFORM = '(known after apply)';

const hasTerraform = spawnSync('terraform', ['version'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } }).status === 0;

/** `describe` when terraform is on PATH, otherwise a skipped block that says why (as `describeWithShared`). */
const describeWithTerraform: (name: string, fn: () => void) => void = hasTerraform
  ? describe
  : (name) => {
      describe(name, () => {
        it.skip('skipped: no `terraform` on PATH to compare with', () => undefined);
      });
    };

/**
 * What `terraform console` gives for each of `expressions` (each must give a string: a jsonencode),
 * in a directory holding `main`; and the LocalScope twinguard reads from the same `main`. The console
 * prints only the value of the last line it reads, and reads lines of at most 64 KiB: one line per
 * batch, a tuple of the batch's strings, jsonencoded.
 */
async function evaluateBoth(main: string, expressions: readonly string[], files: Readonly<Record<string, string>> = {}): Promise<{ terraform: string[]; twinguard: LocalScope }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-console-'));
  // Files the expressions read stay until the test's end (its TMPDIR is removed then): twinguard reads them when asked.
  const keep = Object.keys(files).length > 0;
  try {
    fs.writeFileSync(path.join(dir, 'main.tf'), main);
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    const terraform: string[] = [];
    const consoleLine = (line: string): string => {
      const run = spawnSync('terraform', ['console'], { cwd: dir, input: `${line}\n`, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' }, maxBuffer: 64 << 20 });
      if (run.status !== 0 || run.stdout.trim() === '') throw new Error(`terraform console failed: ${run.stderr}`);
      return run.stdout.trim();
    };
    // One expression Terraform leaves unknown (format() of a null) makes the whole line unknown: halves, then.
    const values = (batch: readonly string[]): string[] => {
      const printed = consoleLine(`jsonencode([${batch.join(', ')}])`);
      // The console prints the string as an HCL quoted string, which JSON reads.
      if (printed !== UNKNOWN_TO_TERRAFORM) return JSON.parse(JSON.parse(printed) as string) as string[];
      if (batch.length === 1) return [UNKNOWN_TO_TERRAFORM];
      const half = Math.ceil(batch.length / 2);
      return [...values(batch.slice(0, half)), ...values(batch.slice(half))];
    };
    for (let from = 0; from < expressions.length; from += 100) terraform.push(...values(expressions.slice(from, from + 100)));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parse } = require('@cdktf/hcl2json') as typeof import('@cdktf/hcl2json');
    // The root module, where Terraform runs: as the .tf loader gives its paths.
    const paths = { module: '.', root: '.', cwd: dir, workspace: 'default' };
    return { terraform, twinguard: new LocalScope(bodiesOf(((await parse('main.tf', main)) as Record<string, unknown>).locals), undefined, paths) };
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}


/** `terraform plan` of the configuration in `dir`, as `terraform show -json` writes it. */
function plannedJson(dir: string): string {
  const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
  const planned = spawnSync('terraform', ['plan', '-input=false', '-lock=false', '-out=p.tfplan'], { cwd: dir, encoding: 'utf8', env });
  if (planned.status !== 0) throw new Error(`terraform plan failed: ${planned.stderr}`);
  const shown = spawnSync('terraform', ['show', '-json', 'p.tfplan'], { cwd: dir, encoding: 'utf8', env, maxBuffer: 64 << 20 });
  if (shown.status !== 0) throw new Error(`terraform show failed: ${shown.stderr}`);
  return shown.stdout;
}

describeWithTerraform('the evaluator gives what terraform console gives', () => {
  const main = `locals {\n${BASE}\n${CASES.map((c, i) => `  case_${i} = ${c}`).join('\n')}\n}\n${UNKNOWN_RESOURCE}`;
  let terraform: string[];
  let twinguard: LocalScope;

  beforeAll(async () => {
    ({ terraform, twinguard } = await evaluateBoth(main, CASES.map((_, i) => `jsonencode(local.case_${i})`)));
  });

  it.each(CASES.map((c, i) => [i, c] as const))('case %d: %s', (i) => {
    const ours = twinguard.template(`\${jsonencode(local.case_${i})}`);
    expect(ours?.whollyKnown).toBe(true);
    expect(ours?.after).toBe(terraform[i]);
  });
});

// As modules write IAM policies and user data: a template file beside the code.
describeWithTerraform('templatefile gives what terraform console gives', () => {
  const FILES = {
    'policy.json.tpl': '{\n  "Statement": [\n%{ for i, arn in arns ~}\n    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "${arn}/*"}%{ if i < length(arns) - 1 },%{ endif }\n%{ endfor ~}\n  ]\n}\n',
    'lines.tpl': 'A  \n  ${~ name ~}  \n  B\n%{ if enabled ~}\n  on\n%{~ else ~}\n  off\n%{~ endif }\n',
    'value.tpl': '${items}',
    // A line that is a newline alone, stripped by the marker of the directive after it.
    'strip.tpl': '%{ for s in parts ~}\n${s}\n%{~ endfor ~}\n',
    // A byte order mark is not part of the template (file() keeps it).
    'bom.tpl': '\ufeffA${name}',
  };
  const CALLS = [
    'templatefile("policy.json.tpl", { arns = ["arn:aws:s3:::a", "arn:aws:s3:::b"] })',
    'templatefile("${path.module}/lines.tpl", { name = "x", enabled = true })',
    'templatefile("lines.tpl", { name = 5, enabled = false, unused = [1] })',
    'templatefile("value.tpl", { items = [1, "a"] })',
    'try(templatefile("value.tpl", { items = null }), "a null result")',
    'try(templatefile("lines.tpl", null), "null vars")',
    'try(templatefile("lines.tpl", { "1x" = 1, name = "n", enabled = true }), "not an identifier")',
    'try(templatefile("missing.tpl", {}), "no such file")',
    'templatefile("bom.tpl", { name = "b" })',
    'templatefile("strip.tpl", { parts = ["pr", "od"] })',
  ];
  let terraform: string[];
  let twinguard: LocalScope;

  beforeAll(async () => {
    ({ terraform, twinguard } = await evaluateBoth(`locals {\n${CALLS.map((c, i) => `  call_${i} = ${c}`).join('\n')}\n}\n`, CALLS.map((_, i) => `jsonencode(local.call_${i})`), FILES));
  });

  it.each(CALLS.map((c, i) => [i, c] as const))('call %d: %s', (i) => {
    const ours = twinguard.template(`\${jsonencode(local.call_${i})}`);
    expect(ours?.whollyKnown).toBe(true);
    expect(ours?.after).toBe(terraform[i]);
  });
});

/** The path where what `ours` knows differs from `theirs` (Terraform's value, through JSON); undefined when it does not. */
function knownPartsDiffer(ours: unknown, theirs: unknown, at: string): string | undefined {
  if (ours === UNKNOWN) return undefined;
  if (Array.isArray(ours)) {
    if (!Array.isArray(theirs) || theirs.length !== ours.length) return at;
    for (let i = 0; i < ours.length; i++) {
      const inner = knownPartsDiffer(ours[i], theirs[i], `${at}[${i}]`);
      if (inner !== undefined) return inner;
    }
    return undefined;
  }
  if (ours !== null && typeof ours === 'object') {
    if (theirs === null || typeof theirs !== 'object' || Array.isArray(theirs)) return at;
    const keys = Object.keys(ours).sort();
    if (JSON.stringify(keys) !== JSON.stringify(Object.keys(theirs).sort())) return at;
    for (const key of keys) {
      const inner = knownPartsDiffer((ours as Record<string, unknown>)[key], (theirs as Record<string, unknown>)[key], `${at}.${key}`);
      if (inner !== undefined) return inner;
    }
    return undefined;
  }
  return ours === theirs ? undefined : at;
}

/** Random one-line HCL expressions over a few locals: literals, collections, the evaluated functions, templates, steps, and things not evaluated. */
function expressionArbitrary(): fc.Arbitrary<string> {
  const strings = fc.constantFrom('"twin"', '"Owner"', '""', '"a b"', '"x<&>y"', '"\\u00e9"', '"q\\"t"', '"$${lit}"', '"straße"', '"  pad "', '"10"', '"9"', '"İ"', '"true"', '"0"', '"a-b_c.d e"', '"/a//b/"', '"../m/x"');
  const numbers = fc.constantFrom('0', '1', '-2', '3.5', '0.25', '2e3', '10', '007', '1.50', '-0.5');
  const atoms = fc.oneof(strings, numbers, fc.constantFrom('true', 'false', 'null', '"true"', 'local.s', 'local.n', 'local.m', 'local.l', 'local.m.k1', 'local.l[0]', 'local.l[9]', 'local.m["k 2"]', 'local.m.nope', 'local.b', 'local.set', 'var.x', 'terraform_data.u.output'));
  const { expr } = fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      atoms,
      fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `{ k1 = ${a}, "k 2" = ${b} }`),
      fc.array(tie('expr'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
      fc.tuple(fc.constantFrom('merge', 'concat', 'coalesce', 'join', 'lookup', 'format', 'replace', 'split', 'element'), fc.array(tie('expr'), { minLength: 0, maxLength: 3 })).map(([fn, args]) => `${fn}(${args.join(', ')})`),
      fc.tuple(fc.constantFrom('lower', 'upper', 'trimspace', 'tostring', 'toset', 'tomap', 'tolist', 'jsonencode', 'jsondecode', 'keys', 'values', 'length', 'flatten', 'distinct', 'compact', 'tobool', 'title', 'basename', 'dirname', 'base64encode', 'base64decode', 'md5', 'sha256', 'sort', 'one', 'urlencode'), tie('expr')).map(([fn, arg]) => `${fn}(${arg})`),
      fc.tuple(fc.constantFrom('trimsuffix', 'trimprefix', 'trim', 'setintersection', 'setunion', 'setsubtract', 'startswith', 'endswith', 'strcontains'), tie('expr'), tie('expr')).map(([fn, a, b]) => `${fn}(${a}, ${b})`),
      fc.tuple(fc.constantFrom('regex', 'regexall'), fc.constantFrom('"[a-z]+"', '"a*"', '"(.)b"', '"^t"', '"([0-9]+)|(x)"', '"."', '"w|"', '""'), tie('expr')).map(([fn, pattern, text]) => `${fn}(${pattern}, ${text})`),
      fc.tuple(fc.constantFrom('range', 'tonumber', 'reverse'), tie('expr')).map(([fn, arg]) => `${fn}(${arg})`),
      fc.tuple(fc.oneof(numbers, tie('expr')), fc.oneof(numbers, tie('expr'))).map(([a, b]) => `range(${a}, ${b})`),
      fc.tuple(tie('expr'), fc.constantFrom('0', '1', '-1', '"1"'), fc.constantFrom('0', '1', '2', '5')).map(([list, start, end]) => `slice(${list}, ${start}, ${end})`),
      fc.tuple(tie('expr'), fc.constantFrom('0', '1', '-2', '9', '"1"'), fc.constantFrom('-1', '0', '2', '100')).map(([text, offset, length]) => `substr(${text}, ${offset}, ${length})`),
      fc.tuple(tie('expr'), fc.constantFrom('"/[^a-z]/"', '"/a*/"', '"/(.)b/"', '"/^t/"', '"/[0-9]+$/"', '"/./"', '"/x|w/"'), fc.constantFrom('""', '"-"', '"$1"', '"$$"', '"${1}!"')).map(([text, pattern, by]) => `replace(${text}, ${pattern}, ${by})`),
      fc.tuple(fc.constantFrom('max', 'min'), fc.array(fc.oneof(numbers, tie('expr')), { minLength: 1, maxLength: 3 })).map(([fn, args]) => `${fn}(${args.join(', ')})`),
      fc.tuple(fc.constantFrom('"%s-%d"', '"%v/%s"', '"x%%%s"', '"%s"'), tie('expr'), tie('expr')).map(([spec, a, b]) => `format(${spec}, ${a}, ${b})`),
      tie('expr').map((e) => `"x-\${${e}}-y"`),
      fc.tuple(tie('expr'), tie('expr'), fc.constantFrom(' ', '~ ', ' ~')).map(([c, e, strip]) => `"a %{${strip.startsWith('~') ? '~' : ''} if ${c} ${strip.endsWith('~') ? '~' : ''}} \${${e}} %{ else }b%{ endif } c"`),
      fc.tuple(tie('expr'), fc.constantFrom('%{ for v in COLL }[${v}]%{ endfor }', '%{ for k, v in COLL ~} ${k}=${v} %{~ endfor }', '%{ for v in COLL }%{ if v != "" }${v},%{ endif }%{ endfor }')).map(([e, body]) => `"${body.replace('COLL', () => e)}"`),
      fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `${a} == ${b} ? ${a} : ${b}`),
      fc.tuple(tie('expr'), fc.constantFrom('.k1', '[0]', '["k 2"]', '[1]', '.0', '["0"]', '[*]', '[*].k1', '.*.k1', '[*][0]')).map(([e, step]) => `(${e})${step}`),
      fc.tuple(tie('expr'), tie('expr')).map(([k, v]) => `{ (${k}) = ${v} }`),
      fc.tuple(tie('expr'), tie('expr')).map(([m, d]) => `lookup(${m}, "k1", ${d})`),
      fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `"\${${a}}\${${b}}"`),
      fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '%', '==', '!=', '<', '>', '<=', '>=', '&&', '||'), tie('expr')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
      fc.tuple(fc.oneof(numbers, fc.constantFrom('local.n', '"7"', 'length(local.l)')), fc.constantFrom('+', '-', '*', '/', '%', '<', '>=', '=='), fc.oneof(numbers, fc.constantFrom('local.n', '"2"'))).map(([a, op, b]) => `${a} ${op} ${b}`),
      fc.tuple(fc.constantFrom('true', 'false', '"false"', 'local.b[0]', 'local.n > 2', 'var.x == "a"'), fc.constantFrom('&&', '||', '==', '!='), fc.constantFrom('true', 'false', '!local.b[1]', 'local.s == "twin"')).map(([a, op, b]) => `${a} ${op} ${b}`),
      fc.tuple(fc.constantFrom('!', '-'), tie('expr')).map(([op, e]) => `${op}(${e})`),
      fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([c, a, b]) => `(${c}) ? (${a}) : (${b})`),
      fc.tuple(fc.constantFrom('[for v in', '[for k, v in'), tie('expr'), fc.constantFrom(': v]', ': "${v}"]', ': v if v != ""]', ': k]', ': upper(v)]')).map(([head, e, body]) => (body === ': k]' && head === '[for v in' ? `[for v in ${e} : v]` : `${head} ${e} ${body}`)),
      fc.tuple(fc.constantFrom('{for k, v in', '{for v in'), tie('expr'), fc.constantFrom(': v => v}', ': v => v...}', ': "x" => v...}')).map(([head, e, body]) => `${head} ${e} ${body}`),
      fc.tuple(tie('expr'), fc.constantFrom(': k => v}', ': k => v if k != "k1"}')).map(([e, body]) => `{for k, v in ${e} ${body}`),
      fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `try(${a}, ${b})`),
      tie('expr').map((e) => `can(${e})`),
      fc.tuple(fc.constantFrom('anytrue', 'alltrue'), fc.array(tie('expr'), { maxLength: 3 })).map(([fn, items]) => `${fn}([${items.join(', ')}])`),
      fc.tuple(tie('expr'), tie('expr')).map(([l, v]) => `contains(${l}, ${v})`),
      fc.tuple(tie('expr'), tie('expr')).map(([l, v]) => `index(${l}, ${v})`),
      fc.tuple(tie('expr'), tie('expr')).map(([k, v]) => `zipmap(${k}, ${v})`),
      fc.tuple(fc.constantFrom('merge', 'concat', 'coalesce', 'join', 'format', 'max'), fc.array(tie('expr'), { minLength: 0, maxLength: 2 }), tie('expr')).map(([fn, args, last]) => `${fn}(${[...args, last].join(', ')}...)`),
      tie('expr').map((e) => `jsondecode(jsonencode(${e}))`),
    ),
  }));
  return expr;
}

describeWithTerraform('random expressions: what the evaluator says it knows, Terraform computes the same (property)', () => {
  // `var.x` has a value for Terraform (its default) and none for twinguard: never a claim to compare.
  const LOCALS_TF = `locals {\n  s = "twin"\n  n = 3\n  m = { k1 = "v1", "k 2" = 2 }\n  l = ["b", "a"]\n  b = [true, false]\n  set = toset(["b", "a", "c"])\n}\n\nvariable "x" {\n  default = "from-default"\n}\n${UNKNOWN_RESOURCE}`;
  // The suite's fixed seed (__tests__/setup.ts), so CI runs the same cases; TWINGUARD_FUZZ_SEED / TWINGUARD_FUZZ_RUNS explore more by hand.
  const CASES = fc.sample(expressionArbitrary(), { numRuns: Number(process.env.TWINGUARD_FUZZ_RUNS ?? 400) });
  let terraform: string[];
  let scope: LocalScope;

  beforeAll(async () => {
    // try(): a case Terraform refuses gives "ERR" instead of failing the whole run.
    ({ terraform, twinguard: scope } = await evaluateBoth(LOCALS_TF, CASES.map((c) => `try(jsonencode(${c}), "ERR")`)));
  });

  // Where Terraform refuses an expression (`"ERR"`), the code never plans, let alone applies: a part
  // twinguard knows around the refused one (an element of a tuple whose other element fails) is moot.
  it('where Terraform computes a value, what the evaluator knows of it is that value', () => {
    expect(terraform).toHaveLength(CASES.length);
    const wrong = CASES.flatMap((c, i) => {
      const ours = evaluateTemplate(`\${jsonencode(${c})}`, scope);
      if (typeof ours !== 'string' || terraform[i] === 'ERR') return [];
      return ours === terraform[i] ? [] : [`${c}: twinguard ${ours}, terraform ${terraform[i]}`];
    });
    expect(wrong).toEqual([]);
    // Partly known values too: every part twinguard knows is the part Terraform computes, keys and lengths included.
    const partly = CASES.flatMap((c, i) => {
      if (terraform[i] === 'ERR' || terraform[i] === UNKNOWN_TO_TERRAFORM) return [];
      const mismatch = knownPartsDiffer(evaluateTemplate(`\${${c}}`, scope), JSON.parse(terraform[i]), '');
      return mismatch === undefined ? [] : [`${c}: at "${mismatch}" twinguard differs from terraform ${terraform[i]}`];
    });
    expect(partly).toEqual([]);
    // The comparison means something: many cases are known to both.
    expect(CASES.filter((c, i) => terraform[i] !== 'ERR' && typeof evaluateTemplate(`\${jsonencode(${c})}`, scope) === 'string').length).toBeGreaterThan(40);
  });
});

describeWithTerraform('root variables take the values terraform console gives them (variable files, then defaults; types converted)', () => {
  const VARIABLES = `
variable "a" {
  type    = string
  default = "x"
}
variable "b" {
  type    = number
  default = 3
}
variable "c" {
  type    = bool
  default = true
}
variable "d" {
  type    = list(string)
  default = ["b", "a"]
}
variable "e" {
  type    = set(string)
  default = ["b", "a", "b", "A"]
}
variable "f" {
  type = map(string)
}
variable "g" {
  default = { x = [1, "y"], z = null }
}
variable "h" {
  type = string
}
variable "i" {
  type = string
}
variable "j" {
  type    = any
  default = "j"
}
variable "k" {
  type = number
}
variable "l" {
  type    = list(number)
  default = [1, 2.5]
}
variable "m" {
  type    = object({ a = string })
  default = { a = "x" }
}
variable "n" {
  type    = object({ a = string })
  default = { a = "x", dropped = "y" }
}
variable "o" {
  # optional attributes: defaults, nested defaults, null
  type = object({
    a = optional(string, "d")
    n = optional(object({ z = optional(bool, true) }), {})
    m = optional(list(string))
  })
  default = { a = null }
}
variable "p" {
  type    = list(object({ name = string, f = optional(number), tags = optional(map(string), {}) }))
  default = [{ name = "x" }, { name = "y", f = 2, tags = { k = "v" } }]
}
variable "q" {
  type    = map(object({ create = optional(bool, true) }))
  default = {}
}
variable "r" {
  type    = string
  default = null
}
variable "s" {
  # a set of objects: optional attributes filled in, then repeats dropped, in cty's order
  type = set(object({ name = string, env = optional(string, "dev"), n = optional(number), l = optional(list(string)) }))
  default = [{ name = "y", env = "prod", n = 2, l = ["b"] }, { name = "x" }, { name = "x", env = "dev" }, { name = "a", n = 10 }]
}
variable "t" {
  type    = set(number)
  default = [10, 2, 2, 1.5, -3]
}
variable "u" {
  type    = set(bool)
  default = [true, false, "true"]
}
variable "v" {
  type = set(object({ k = string, tags = optional(map(string), {}) }))
}
`;
  const NAMES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v'];
  const FILES: Record<string, string> = {
    'terraform.tfvars': 'a = 5\nf = { k = 1, j = true, s = "s" }\ni = "from-tfvars"\nk = "7"\nv = [{ k = "b", tags = { x = "1" } }, { k = "a" }, { k = "c", tags = null }]\n',
    'terraform.tfvars.json': '{ "i": "from-json" }\n',
    '10-first.auto.tfvars': 'h = "first"\nc = false\n',
    '2-second.auto.tfvars': 'h = "second"\n',
  };

  it('for every variable twinguard knows, byte for byte once jsonencoded; the rest are unknown, never guessed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-variables-'));
    try {
      // Read where a resource uses them (a local's value is what its own code writes, variables unknown).
      fs.writeFileSync(path.join(dir, 'main.tf'), `${VARIABLES}\n${NAMES.map((n) => `resource "terraform_data" "v_${n}" {\n  input = var.${n}\n}\n`).join('')}`);
      for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, name), text);
      const line = `jsonencode([${NAMES.map((n) => `var.${n}`).join(', ')}])`;
      const run = spawnSync('terraform', ['console'], { cwd: dir, input: `${line}\n`, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' } });
      if (run.status !== 0) throw new Error(`terraform console failed: ${run.stderr}`);
      const terraform = (JSON.parse(JSON.parse(run.stdout.trim()) as string) as unknown[]).map((v) => jsonencodeValue(v));
      const loaded = await loadHcl(dir);
      const ours = NAMES.map((n) => {
        const resource = loaded.resources.find((r) => r.address === `terraform_data.v_${n}`);
        return resource?.afterUnknown !== null && typeof resource?.afterUnknown === 'object' && (resource.afterUnknown as Record<string, unknown>).input === true ? undefined : (resource?.after as Record<string, unknown> | undefined)?.input;
      });
      const known = NAMES.filter((_, i) => ours[i] !== undefined);
      // Every one: a number given as a string ("7") too, converted as Terraform converts it.
      expect(known).toEqual(NAMES);
      for (const name of known) {
        const i = NAMES.indexOf(name);
        expect({ name, value: jsonencodeValue(ours[i]) }).toEqual({ name, value: terraform[i] });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// each.value of a for_each made by a `for` over a block's instances (`{ for k, b in m : k => b }`,
// over values(m), under any key known at plan time, "z-${k}" or b.input) is the instance the element
// was made of, and an `if` only leaves keys out, also one on an attribute each instance's
// configuration writes (`b.input`, known at plan time): what the graph links (for-each-chain.test.ts)
// is what terraform plans. terraform_data needs no provider download.
describeWithTerraform('each.value of a for over a block\'s instances is the instance terraform plans', () => {
  const MAIN = `
resource "terraform_data" "m" {
  for_each = toset(["a", "b", "c"])
  input    = "in-\${each.key}"
}
resource "terraform_data" "x" {
  for_each = { for k, b in terraform_data.m : k => b if k != "b" }
  input    = each.value.input
}
resource "terraform_data" "y" {
  for_each = { for k, b in terraform_data.m : k => b.input }
  input    = each.value
}
resource "terraform_data" "z" {
  for_each = { for k, b in terraform_data.m : "z-\${k}" => b }
  input    = each.value.input
}
resource "terraform_data" "w" {
  for_each = { for k, b in terraform_data.m : k => b if b.input != "in-a" }
  input    = each.value.input
}
resource "terraform_data" "v" {
  for_each = { for b in values(terraform_data.m) : b.input => b }
  input    = each.value.input
}
resource "terraform_data" "u" {
  for_each = { for k in keys(terraform_data.m) : "u-\${k}" => terraform_data.m[k] }
  input    = each.value.input
}
`;

  it('the instances, and the instance each one links to where it links, are terraform\'s', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-for-each-'));
    try {
      fs.writeFileSync(path.join(dir, 'main.tf'), MAIN);
      const resources = (JSON.parse(plannedJson(dir)) as { planned_values: { root_module: { resources: { address: string; values: { input: string } }[] } } }).planned_values.root_module.resources;
      const inputOf = new Map(resources.map((r) => [r.address, r.values.input]));
      // The instance of m whose input each instance of x, y and z plans with.
      const source = (address: string) => resources.find((r) => r.address.startsWith('terraform_data.m[') && r.values.input === inputOf.get(address))?.address;
      const graph = buildGraph([await loadHcl(dir)]);
      const made = graph.resources.filter((r) => r.name !== 'm').map((r) => r.address).sort();
      expect(made).toEqual(resources.filter((r) => !r.address.startsWith('terraform_data.m[')).map((r) => r.address).sort());
      const links = made.map((address) => {
        const resolution = graph.resolve(graph.resources.find((r) => r.address === address)!, ['input'], ['terraform_data']);
        const linked = resolution.status === 'resources' ? resolution.targets.map((t) => t.address) : resolution.status === 'value' ? { value: resolution.value } : resolution.status;
        return { address, linked };
      });
      // x, z, w, v and u link, each to terraform's instance; y's each.value is b.input, which m's
      // configuration writes: the value terraform plans.
      const expected = (address: string) => (address.startsWith('terraform_data.y[') ? { value: inputOf.get(address) } : [source(address)]);
      expect(links).toEqual(made.map((address) => ({ address, linked: expected(address) })));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// A `%{ for }` directive over a block's instances (or values() of them) binds its symbol to one
// instance, as a `for` expression does: an attribute its configuration writes is known there, and
// terraform plans the text; one known only after apply (b.id) leaves the text unknown.
describeWithTerraform('a template directive over a block\'s instances gives the text terraform plans', () => {
  const MAIN = `
resource "terraform_data" "m" {
  for_each = toset(["a", "b"])
  input    = "in-\${each.key}"
}
resource "terraform_data" "c" {
  count = 2
  input = "c-\${count.index}"
}
resource "terraform_data" "t" {
  input = {
    all  = "%{ for b in values(terraform_data.m) }\${b.input},%{ endfor }"
    keys = "%{ for k, b in terraform_data.m }\${k}=\${b.input};%{ endfor }"
    cnt  = "%{ for i, b in terraform_data.c }%{ if i > 0 },%{ endif }\${b.input}%{ endfor }"
    cond = "%{ for b in values(terraform_data.m) }%{ if b.input == "in-a" }\${b.input}%{ endif }%{ endfor }"
    id   = "%{ for b in values(terraform_data.m) }\${b.id},%{ endfor }"
  }
}
`;

  it('each text terraform knows at plan time is known and the same; the one it knows after apply is unknown', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-directive-'));
    try {
      fs.writeFileSync(path.join(dir, 'main.tf'), MAIN);
      const change = (JSON.parse(plannedJson(dir)) as { resource_changes: { address: string; change: { after: { input?: Record<string, string> }; after_unknown: { input?: Record<string, boolean> } } }[] }).resource_changes.find(
        (r) => r.address === 'terraform_data.t',
      )!.change;
      const graph = buildGraph([await loadHcl(dir)]);
      const input = graph.resources.find((r) => r.address === 'terraform_data.t')!.attr('input');
      const ours = Object.fromEntries(['all', 'keys', 'cnt', 'cond', 'id'].map((name) => [name, input.get(name).isUnknown ? 'unknown' : input.get(name).raw]));
      const theirs = Object.fromEntries(['all', 'keys', 'cnt', 'cond', 'id'].map((name) => [name, change.after_unknown.input?.[name] === true ? 'unknown' : change.after.input?.[name]]));
      expect(theirs.id).toBe('unknown');
      expect(ours).toEqual(theirs);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
