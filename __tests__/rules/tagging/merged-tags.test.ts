/**
 * The tagging rules on tags a module merges over a variable it does not know (`tags = merge(var.tags, { Owner = "…" })`,
 * a module directory checked without a plan): a later `merge` argument's literal keys replace whatever the variable
 * holds, so they are present with those values; the keys the variable alone may hold are not known, nor is the count.
 */
import { buildGraph } from '../../../checks/model/graph';
import { parseCdktfDocument } from '../../../checks/model/cdktf';
import { loadHcl } from '../../../checks/model/hcl';
import type { LoadedInput } from '../../../checks/model/types';
import allowedTagValues from '../../../checks/rules/tagging/allowed-tag-values';
import requiredTags from '../../../checks/rules/tagging/required-tags';
import tagLimits from '../../../checks/rules/tagging/tag-limits';
import type { RuleDefinition } from '../../../checks/rules/types';
import type { Settings } from '../../../checks/settings';
import { withFiles } from '../../cli/run';
import { evaluateRule, type RuleVerdict, worstByAddress } from '../../helpers/rule-table';

const ENVIRONMENTS: Partial<Settings> = { allowedTagValues: { Environment: ['dev', 'staging', 'prod'] } };

const verdictsOf = (rule: RuleDefinition, input: LoadedInput, settings: Partial<Settings> = {}): RuleVerdict[] => evaluateRule(rule, buildGraph([input]), settings);
const tf = (files: Record<string, string>): Promise<LoadedInput> => withFiles(files, (dir) => loadHcl(dir, { env: {} }));
const messageOf = (verdicts: RuleVerdict[], address: string): string | undefined => verdicts.find((v) => v.address === address && v.status !== 'pass')?.message;

/** A queue tagged with `tags`, in a module whose `var.tags` has no default. */
const queues = (tags: Record<string, string>, extra = ''): string => `variable "tags" {
  type = map(string)
}
${extra}
${Object.entries(tags)
  .map(([name, expression]) => `resource "aws_sqs_queue" "${name}" {
  name = "${name}"
  tags = ${expression}
}
`)
  .join('')}`;

describe('required-tags on merge(var.tags, { … }) in a module checked without a plan', () => {
  const code = queues({
    after: 'merge(var.tags, { Owner = "team-a", Environment = "dev", DataClassification = "internal" })',
    before: 'merge({ Owner = "team-a", Environment = "dev", DataClassification = "internal" }, var.tags)',
    some: 'merge(var.tags, { Owner = "team-a", Environment = "dev" })',
    empty: 'merge(var.tags, { Owner = "", Environment = "dev", DataClassification = "internal" })',
    nulled: 'merge(var.tags, { Owner = null, Environment = "dev", DataClassification = "internal" })',
    parenthesized: '(merge(var.tags, { Owner = "team-a" }, { Environment = "dev", DataClassification = "internal" }))',
    overridden: 'merge(var.tags, { Owner = "team-a", Environment = "dev", DataClassification = "internal" }, var.more)',
  }, 'variable "more" {\n  type = map(string)\n}');

  it("passes where a later argument writes every required key; the variable may replace none of them", async () => {
    const verdicts = verdictsOf(requiredTags, await tf({ 'main.tf': code }));
    expect(worstByAddress(verdicts)).toEqual({
      'aws_sqs_queue.after': 'pass',
      'aws_sqs_queue.before': 'unknown',
      'aws_sqs_queue.some': 'unknown',
      'aws_sqs_queue.empty': 'fail',
      'aws_sqs_queue.nulled': 'fail',
      'aws_sqs_queue.parenthesized': 'pass',
      'aws_sqs_queue.overridden': 'unknown',
    });
    // The variable may hold DataClassification, or not: that key alone is not known.
    expect(messageOf(verdicts, 'aws_sqs_queue.some')).toMatch(/cannot vouch for the required tag "DataClassification"\./);
    // A key a later argument sets empty or null is so whatever the variable holds (the provider sends no tag for null).
    expect(messageOf(verdicts, 'aws_sqs_queue.empty')).toMatch(/has an empty value for "Owner"/);
    expect(messageOf(verdicts, 'aws_sqs_queue.nulled')).toMatch(/missing the required tag "Owner"/);
  });

  it("with the provider's default_tags beneath: a key only default_tags give is present (tags replace values, never remove keys)", async () => {
    const provider = `provider "aws" {
  default_tags {
    tags = { DataClassification = "internal", Owner = "platform" }
  }
}`;
    const verdicts = verdictsOf(requiredTags, await tf({ 'main.tf': queues({ q: 'merge(var.tags, { Environment = "dev" })', nulled: 'merge(var.tags, { Owner = null, Environment = "dev" })' }, provider) }));
    expect(worstByAddress(verdicts)).toEqual({ 'aws_sqs_queue.q': 'pass', 'aws_sqs_queue.nulled': 'pass' });
  });

  it('through locals: a local merged so, and a merge over that local', async () => {
    const locals = `locals {
  tags   = merge(var.tags, { Owner = "team-a", Environment = "dev", DataClassification = "internal" })
  base   = merge(var.tags, { Owner = "team-a" })
  common = { Owner = "team-a", Environment = "dev", DataClassification = "internal" }
}`;
    const verdicts = verdictsOf(requiredTags, await tf({ 'main.tf': queues({ local: 'local.tags', over: 'merge(local.tags, { Name = "q" })', partly: 'merge(local.base, { Environment = "dev" })', literal: 'merge(local.common, { Name = "q" })' }, locals) }));
    expect(worstByAddress(verdicts)).toEqual({ 'aws_sqs_queue.local': 'pass', 'aws_sqs_queue.over': 'pass', 'aws_sqs_queue.partly': 'unknown', 'aws_sqs_queue.literal': 'pass' });
    expect(messageOf(verdicts, 'aws_sqs_queue.partly')).toMatch(/the required tag "DataClassification"\./);
  });

  it('stays unknown where the map is not the merge itself: a step into it, a conditional, an expanded list, a local that reads itself', async () => {
    const all = '{ Owner = "team-a", Environment = "dev", DataClassification = "internal" }';
    const locals = `variable "on" {
  type = bool
}
locals {
  maps  = [var.tags, ${all}]
  cycle = merge(local.cycle, ${all})
}`;
    const verdicts = verdictsOf(
      requiredTags,
      await tf({
        'main.tf': queues(
          {
            step: `merge(var.tags, { inner = ${all} })["inner"]`,
            conditional: `var.on ? merge(var.tags, ${all}) : ${all}`,
            expanded: 'merge(local.maps...)',
            cycle: 'local.cycle',
          },
          locals,
        ),
      }),
    );
    expect(worstByAddress(verdicts)).toEqual({ 'aws_sqs_queue.step': 'unknown', 'aws_sqs_queue.conditional': 'unknown', 'aws_sqs_queue.expanded': 'unknown', 'aws_sqs_queue.cycle': 'unknown' });
  });

  it('in cdk.tf.json, merge(var.tags, { … }) as cdktf writes it', () => {
    const queue = (tags: string) => ({ name: 'q', tags });
    const doc = {
      variable: { tags: { type: 'map(string)' } },
      resource: {
        aws_sqs_queue: {
          after: queue('${merge(var.tags, {"Owner" = "team-a", "Environment" = "dev", "DataClassification" = "internal"})}'),
          before: queue('${merge({"Owner" = "team-a", "Environment" = "dev", "DataClassification" = "internal"}, var.tags)}'),
        },
      },
    };
    expect(worstByAddress(verdictsOf(requiredTags, parseCdktfDocument(doc, 'cdk.tf.json')))).toEqual({ 'aws_sqs_queue.after': 'pass', 'aws_sqs_queue.before': 'unknown' });
  });
});

describe('allowed-tag-values and tag-limits on merge(var.tags, { … })', () => {
  const code = queues({
    allowed: 'merge(var.tags, { Environment = "dev" })',
    refused: 'merge(var.tags, { Environment = "qa" })',
    before: 'merge({ Environment = "dev" }, var.tags)',
    other: 'merge(var.tags, { Owner = "team-a" })',
  });

  it("judges a constrained key a later argument writes; one the variable may hold or replace stays unknown", async () => {
    const verdicts = verdictsOf(allowedTagValues, await tf({ 'main.tf': code }), ENVIRONMENTS);
    expect(worstByAddress(verdicts)).toEqual({ 'aws_sqs_queue.allowed': 'pass', 'aws_sqs_queue.refused': 'fail', 'aws_sqs_queue.before': 'unknown', 'aws_sqs_queue.other': 'unknown' });
    expect(messageOf(verdicts, 'aws_sqs_queue.refused')).toMatch(/Tag "Environment" is "qa", not one of "dev", "staging", "prod"/);
  });

  it('tag-limits stays unknown: how many tags the variable adds is not known', async () => {
    expect(worstByAddress(verdictsOf(tagLimits, await tf({ 'main.tf': code })))).toEqual({
      'aws_sqs_queue.allowed': 'unknown',
      'aws_sqs_queue.refused': 'unknown',
      'aws_sqs_queue.before': 'unknown',
      'aws_sqs_queue.other': 'unknown',
    });
  });
});

describe('merges over locals that name earlier locals more than once', () => {
  const l0 = 'merge(var.tags, { Owner = "team-a", Environment = "dev", DataClassification = "internal" })';
  const chain = (depth: number, write: (j: number) => string): string =>
    `locals {\n  l0 = ${l0}\n${Array.from({ length: depth }, (_, i) => `  l${i + 1} = ${write(i + 1)}\n`).join('')}}`;

  // Each local's held entries are read once per module. Read again at each mention, `l30 = merge(local.l29, local.l29)`
  // was 2^30 reads of l0 (D=20 took 16 s, each level doubling): far past jest's 5 s timeout, which cannot stop synchronous
  // work, so the run hung (killed after 120 s before the change); it now finishes at once.
  it('a local merging the one before it twice, thirty deep, holds what the first holds', async () => {
    const code = queues({ q: 'local.l30', over: 'merge(local.l30, { Name = "q" })' }, chain(30, (j) => `merge(local.l${j - 1}, local.l${j - 1})`));
    expect(worstByAddress(verdictsOf(requiredTags, await tf({ 'main.tf': code })))).toEqual({ 'aws_sqs_queue.q': 'pass', 'aws_sqs_queue.over': 'pass' });
  });

  // Read again at each mention, the thirty locals below were read some 1.6 million times per queue (Fibonacci), far past
  // jest's 5 s timeout (the run hung, killed after 120 s before the change); each local is now read once for all 200 queues.
  it('locals each merging the two before them, read by 200 queues, judged as one', async () => {
    const code = queues(
      Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`q${i}`, i % 2 === 0 ? 'local.l30' : 'merge(local.l30, { Environment = "qa" })'])),
      chain(30, (j) => `merge(local.l${j - 1}, local.l${Math.max(0, j - 2)}, { K${j} = "v" })`),
    );
    const verdicts = verdictsOf(allowedTagValues, await tf({ 'main.tf': code }), ENVIRONMENTS);
    const worst = worstByAddress(verdicts);
    expect(new Set(Object.entries(worst).map(([address, status]) => `${Number(address.slice('aws_sqs_queue.q'.length)) % 2}:${status}`))).toEqual(new Set(['0:pass', '1:fail']));
    expect(Object.keys(worst)).toHaveLength(200);
  });
});

describe("required-tags' fix on merged tags of an S3 object that keeps default_tags off", () => {
  const object = (tags: string): string => `variable "tags" {
  type = map(string)
}
resource "aws_s3_object" "o" {
  bucket = "b"
  key    = "k"
  tags   = ${tags}
  override_provider {
    default_tags {
      tags = {}
    }
  }
}`;

  it('tells the user to set them in its tags, as for a literal map, not in default_tags', async () => {
    const merged = messageOf(verdictsOf(requiredTags, await tf({ 'main.tf': object('merge(var.tags, { Owner = "", Environment = "dev", DataClassification = "internal" })') })), 'aws_s3_object.o');
    const literal = messageOf(verdictsOf(requiredTags, await tf({ 'main.tf': object('{ Owner = "", Environment = "dev", DataClassification = "internal" }') })), 'aws_s3_object.o');
    expect(merged).toMatch(/has an empty value for "Owner"\. Set them in the resource's `tags`: its `override_provider \{ default_tags \{ tags = \{\} \} \}` keeps the provider's `default_tags` off it\.$/);
    expect(merged).toBe(literal);
  });
});
