/**
 * The aws provider's ignore_tags (and TF_AWS_IGNORE_TAGS_KEYS / _KEY_PREFIXES): the provider sends an
 * ignored key on create but never manages it after, and leaves it out of tags_all. The same code read
 * as a plan, a directory of .tf files and a cdk.tf.json gets the same verdicts: required-tags cannot
 * vouch for an ignored required key (unknown), and tag-limits still judges what the code writes.
 */
import { buildGraph } from '../../../checks/model/graph';
import { parseCdktfDocument } from '../../../checks/model/cdktf';
import { loadHcl } from '../../../checks/model/hcl';
import type { LoadedInput } from '../../../checks/model/types';
import requiredTags from '../../../checks/rules/tagging/required-tags';
import tagLimits from '../../../checks/rules/tagging/tag-limits';
import type { RuleDefinition } from '../../../checks/rules/types';
import { type ReportFinding, requireBuilt, twinguard, withFiles } from '../../cli/run';
import { graphOf, plan, res } from '../../helpers/plan-builder';
import { evaluateRule, type RuleVerdict, worstByAddress } from '../../helpers/rule-table';
import { awsProvider } from './fixtures';

const verdictsOf = (rule: RuleDefinition, input: LoadedInput): RuleVerdict[] => evaluateRule(rule, buildGraph([input]));
const tfVerdicts = (rule: RuleDefinition, files: Record<string, string>, env: Record<string, string> = {}): Promise<RuleVerdict[]> =>
  withFiles(files, async (dir) => verdictsOf(rule, await loadHcl(dir, { env })));
const messages = (verdicts: RuleVerdict[]) => verdicts.filter((v) => v.status !== 'pass').map((v) => `${v.address} ${v.status}: ${v.message}`);

const IGNORE_BLOCK = `  ignore_tags {
    keys         = ["Owner"]
    key_prefixes = ["Data"]
  }
`;
const tf = (ignore: string) => `provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = { Environment = "prod", Owner = "platform", DataClassification = "internal" }
  }
${ignore}}
resource "aws_sqs_queue" "q" {
  name = "a"
}
`;
const DEFAULT_TAGS = { Environment: 'prod', Owner: 'platform', DataClassification: 'internal' };
const cdk = (ignore: Record<string, unknown>) => ({
  provider: { aws: [{ region: 'eu-west-1', default_tags: [{ tags: DEFAULT_TAGS }], ...ignore }] },
  resource: { aws_sqs_queue: { q: { name: 'a' } } },
});
const IGNORE_PLAN = { ignore_tags: [{ keys: { constant_value: ['Owner'] }, key_prefixes: { constant_value: ['Data'] } }] };
/** The plan Terraform makes of that code: tags_all without the ignored keys. */
const planned = (providerExtra: Record<string, unknown> = IGNORE_PLAN, tags: Record<string, string> | null = null) =>
  plan([res('aws_sqs_queue.q', { name: 'a', tags, tags_all: { Environment: 'prod' } })], { providers: awsProvider(DEFAULT_TAGS, providerExtra) });

const IGNORED = /The provider ignores the required tags "Owner" \(ignore_tags\.keys of provider aws\), "DataClassification" \(ignore_tags\.key_prefixes "Data" of provider aws\).*never manages it after/;

describe('required-tags: a required key the provider ignore_tags names is unknown, the same in plan, .tf and cdk.tf.json', () => {
  it('in a plan, whose tags_all leaves the ignored keys out (it failed them as missing)', () => {
    const verdicts = evaluateRule(requiredTags, graphOf(planned()));
    expect(worstByAddress(verdicts)).toEqual({ 'aws_sqs_queue.q': 'unknown' });
    expect(verdicts[0].message).toMatch(IGNORED);
  });

  it('in .tf, where the code writes them in default_tags (it passed them)', async () => {
    const verdicts = await tfVerdicts(requiredTags, { 'main.tf': tf(IGNORE_BLOCK) });
    expect(worstByAddress(verdicts)).toEqual({ 'aws_sqs_queue.q': 'unknown' });
    expect(verdicts[0].message).toMatch(IGNORED);
    expect(worstByAddress(await tfVerdicts(requiredTags, { 'main.tf': tf('') }))).toEqual({ 'aws_sqs_queue.q': 'pass' });
  });

  it('in cdk.tf.json (ignore_tags a block list, or an object)', () => {
    for (const ignore of [[{ keys: ['Owner'], key_prefixes: ['Data'] }], { keys: ['Owner'], key_prefixes: ['Data'] }]) {
      const verdicts = verdictsOf(requiredTags, parseCdktfDocument(cdk({ ignore_tags: ignore }), 'cdk.tf.json'));
      expect(worstByAddress(verdicts)).toEqual({ 'aws_sqs_queue.q': 'unknown' });
      expect(verdicts[0].message).toMatch(IGNORED);
    }
    expect(worstByAddress(verdictsOf(requiredTags, parseCdktfDocument(cdk({}), 'cdk.tf.json')))).toEqual({ 'aws_sqs_queue.q': 'pass' });
  });

  it('a required key ignore_tags does not name still fails when missing', async () => {
    const code = `provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = { Environment = "prod", Owner = "platform" }
  }
  ignore_tags {
    keys = ["Owner"]
  }
}
resource "aws_sqs_queue" "q" {
  name = "a"
}
`;
    const fromTf = await tfVerdicts(requiredTags, { 'main.tf': code });
    const fromPlan = evaluateRule(
      requiredTags,
      graphOf(plan([res('aws_sqs_queue.q', { name: 'a', tags: null, tags_all: { Environment: 'prod' } })], { providers: awsProvider({ Environment: 'prod', Owner: 'platform' }, { ignore_tags: [{ keys: { constant_value: ['Owner'] } }] }) })),
    );
    for (const verdicts of [fromTf, fromPlan]) {
      expect(worstByAddress(verdicts)).toEqual({ 'aws_sqs_queue.q': 'fail' });
      expect(verdicts[0].message).toMatch(/missing the required tag "DataClassification"/);
    }
  });

  it('is unknown where ignore_tags is not constants, since it may name any key', async () => {
    const code = tf('  ignore_tags {\n    keys = var.ignored\n  }\n').concat('variable "ignored" {\n  type = list(string)\n}\n');
    const verdicts = await tfVerdicts(requiredTags, { 'main.tf': code });
    expect(worstByAddress(verdicts)).toEqual({ 'aws_sqs_queue.q': 'unknown' });
    expect(verdicts[0].message).toMatch(/ignore_tags of provider aws, not constants/);
  });

  it("in a plan made with TF_AWS_IGNORE_TAGS_*: a key of the resource's tags that tags_all lacks is ignored", () => {
    const verdicts = evaluateRule(requiredTags, graphOf(planned({}, { Owner: 'jane', DataClassification: 'internal' })));
    expect(worstByAddress(verdicts)).toEqual({ 'aws_sqs_queue.q': 'unknown' });
    expect(verdicts[0].message).toMatch(/"Owner" \(tags_all leaves it out though the code sets it: ignore_tags or TF_AWS_IGNORE_TAGS_\* where the plan was made\), "DataClassification" \(tags_all leaves it out/);
  });

  it('where the resource tags are known only after apply, an ignored key of default_tags is not vouched for either', async () => {
    const code = tf(IGNORE_BLOCK).replace('name = "a"', 'name = "a"\n  tags = { Name = aws_sqs_queue.other.arn }').concat('resource "aws_sqs_queue" "other" {\n  name = "o"\n  tags = { Environment = "prod", Owner = "x", DataClassification = "y" }\n}\n');
    expect(worstByAddress(await tfVerdicts(requiredTags, { 'main.tf': code }))).toMatchObject({ 'aws_sqs_queue.q': 'unknown' });
  });
});

describe('TF_AWS_IGNORE_TAGS_KEYS and TF_AWS_IGNORE_TAGS_KEY_PREFIXES in the environment of a .tf or cdktf check add to every ignore_tags', () => {
  const env = { TF_AWS_IGNORE_TAGS_KEYS: ' Owner ,', TF_AWS_IGNORE_TAGS_KEY_PREFIXES: 'Data' };
  const ENV_IGNORED = /"Owner" \(TF_AWS_IGNORE_TAGS_KEYS\), "DataClassification" \(TF_AWS_IGNORE_TAGS_KEY_PREFIXES "Data"\)/;

  it('in .tf, with a provider block and without one (the implicit configuration)', async () => {
    const verdicts = await tfVerdicts(requiredTags, { 'main.tf': tf('') }, env);
    expect(worstByAddress(verdicts)).toEqual({ 'aws_sqs_queue.q': 'unknown' });
    expect(verdicts[0].message).toMatch(ENV_IGNORED);
    const implicit = 'resource "aws_sns_topic" "t" {\n  name = "t"\n  tags = { Environment = "prod", Owner = "platform", DataClassification = "internal" }\n}\n';
    expect(worstByAddress(await tfVerdicts(requiredTags, { 'main.tf': implicit }, env))).toEqual({ 'aws_sns_topic.t': 'unknown' });
    expect(worstByAddress(await tfVerdicts(requiredTags, { 'main.tf': implicit }))).toEqual({ 'aws_sns_topic.t': 'pass' });
  });

  it('in cdk.tf.json', () => {
    const verdicts = verdictsOf(requiredTags, parseCdktfDocument(cdk({}), 'cdk.tf.json', undefined, env));
    expect(worstByAddress(verdicts)).toEqual({ 'aws_sqs_queue.q': 'unknown' });
    expect(verdicts[0].message).toMatch(ENV_IGNORED);
  });

  it('twinguard check reads them from its environment', async () => {
    requireBuilt();
    const found = (run: { stdout: string }) => (JSON.parse(run.stdout).findings as ReportFinding[]).filter((f) => f.ruleId === 'required-tags').map((f) => `${f.address} ${f.status}`);
    const runs = await withFiles({ 'main.tf': tf('') }, async (dir) => [await twinguard(['check', dir, '--format', 'json'], { env }), await twinguard(['check', dir, '--format', 'json'])]);
    expect(runs.map(found)).toEqual([['aws_sqs_queue.q unknown'], []]);
  });
});

describe('tag-limits still judges an ignored key the code writes: the provider sends it on create', () => {
  const long = 'x'.repeat(300);
  it('in a plan (tags_all leaves it out), as in .tf and cdk.tf.json', async () => {
    const fromPlan = evaluateRule(
      tagLimits,
      graphOf(plan([res('aws_sqs_queue.q', { name: 'a', tags: { Owner: long }, tags_all: { Environment: 'prod' } })], { providers: awsProvider({ Environment: 'prod' }, IGNORE_PLAN) })),
    );
    const code = tf(IGNORE_BLOCK).replace('name = "a"', `name = "a"\n  tags = { Owner = "${long}" }`);
    const fromTf = await tfVerdicts(tagLimits, { 'main.tf': code });
    const doc = cdk({ ignore_tags: [{ keys: ['Owner'] }] });
    (doc.resource.aws_sqs_queue.q as Record<string, unknown>).tags = { Owner: long };
    const fromCdk = verdictsOf(tagLimits, parseCdktfDocument(doc, 'cdk.tf.json'));
    for (const verdicts of [fromPlan, fromTf, fromCdk]) {
      expect(messages(verdicts)).toEqual(['aws_sqs_queue.q fail: The value of tag "Owner" is 300 characters long; AWS allows at most 256. Shorten it.']);
    }
  });
});
