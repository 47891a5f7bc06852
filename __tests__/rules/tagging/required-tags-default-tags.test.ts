/**
 * required-tags where the provider's default_tags are resolved from the code: the same code read as
 * a plan, a directory of .tf files and a cdk.tf.json gets the same verdict.
 */
import { buildGraph } from '../../../checks/model/graph';
import { parseCdktfDocument } from '../../../checks/model/cdktf';
import { readCode, withCode } from '../../../checks/model/code-sources';
import { loadHcl } from '../../../checks/model/hcl';
import { parsePlanDocument } from '../../../checks/model/plan';
import type { LoadedInput } from '../../../checks/model/types';
import rule from '../../../checks/rules/tagging/required-tags';
import { type ReportFinding, requireBuilt, twinguard, withFiles } from '../../cli/run';
import { graphOf, plan, res } from '../../helpers/plan-builder';
import { evaluateRule, type RuleVerdict, worstByAddress } from '../../helpers/rule-table';
import { awsProvider, FULL } from './fixtures';

const verdictsOf = (input: LoadedInput): RuleVerdict[] => evaluateRule(rule, buildGraph([input]));
const statusesOf = (input: LoadedInput) => worstByAddress(verdictsOf(input));
/** The verdicts that judge something (data sources are not applicable). */
const judged = (verdicts: RuleVerdict[]) => Object.fromEntries(Object.entries(worstByAddress(verdicts)).filter(([, status]) => status !== 'not-applicable'));
const tfVerdicts = (files: Record<string, string>, env: Record<string, string> = {}): Promise<RuleVerdict[]> => withFiles(files, async (dir) => verdictsOf(await loadHcl(dir, { env })));

const PROVIDER = `provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = { Environment = "prod", Owner = "platform", DataClassification = "internal" }
  }
}
`;

describe("an S3 object's override_provider { default_tags { tags = {} } } keeps the provider's default_tags off it", () => {
  const tf = `${PROVIDER}
resource "aws_s3_object" "bare" {
  bucket  = "b"
  key     = "scene.json"
  content = "{}"
  override_provider {
    default_tags {
      tags = {}
    }
  }
}
resource "aws_s3_object_copy" "copy" {
  bucket = "b"
  key    = "copy.json"
  source = "b/scene.json"
  override_provider {
    default_tags {}
  }
}
resource "aws_s3_object" "own" {
  bucket  = "b"
  key     = "own.json"
  content = "{}"
  tags    = { Environment = "prod", Owner = "platform", DataClassification = "internal" }
  override_provider {
    default_tags {
      tags = {}
    }
  }
}
resource "aws_s3_object" "inherits" {
  bucket  = "b"
  key     = "inherits.json"
  content = "{}"
  override_provider {}
}
`;
  const expected = { 'aws_s3_object.bare': 'fail', 'aws_s3_object_copy.copy': 'fail', 'aws_s3_object.own': 'pass', 'aws_s3_object.inherits': 'pass' };

  it('in .tf: an object without tags of its own fails, naming the override; with its own tags, or an override without default_tags, it passes', async () => {
    const verdicts = await tfVerdicts({ 'main.tf': tf });
    expect(worstByAddress(verdicts)).toEqual(expected);
    expect(verdicts.find((v) => v.address === 'aws_s3_object.bare')?.message).toMatch(/missing the required tags.*override_provider.*keeps the provider's `default_tags` off it/);
  });

  it('in cdk.tf.json (single blocks written as objects)', () => {
    const object = (key: string, extra: Record<string, unknown>) => ({ bucket: 'b', key, content: '{}', ...extra });
    const doc = {
      provider: { aws: [{ region: 'eu-west-1', default_tags: [{ tags: FULL }] }] },
      resource: {
        aws_s3_object: {
          bare: object('scene.json', { override_provider: { default_tags: { tags: {} } } }),
          own: object('own.json', { tags: FULL, override_provider: { default_tags: { tags: {} } } }),
          inherits: object('inherits.json', { override_provider: {} }),
        },
        aws_s3_object_copy: { copy: { bucket: 'b', key: 'copy.json', source: 'b/scene.json', override_provider: { default_tags: {} } } },
      },
    };
    expect(statusesOf(parseCdktfDocument(doc, 'cdk.tf.json'))).toEqual(expected);
  });

  it("in a plan whose tags_all is not known, as in one whose tags_all is the object's tags (the provider plans it so)", () => {
    const override = { override_provider: [{ default_tags: [{ tags: {} }] }] };
    const graph = graphOf(
      plan(
        [
          res('aws_s3_object.bare', { bucket: 'b', key: 'k', ...override }, { unknown: { tags_all: true } }),
          res('aws_s3_object.planned', { bucket: 'b', key: 'p', tags: null, tags_all: {}, ...override }),
        ],
        { providers: awsProvider(FULL) },
      ),
    );
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'aws_s3_object.bare': 'fail', 'aws_s3_object.planned': 'fail' });
  });

  it('is unknown where the override sets tags (the provider takes only an empty map) or they are not known', async () => {
    const verdicts = await tfVerdicts({
      'main.tf': `${PROVIDER}
variable "t" {}
resource "aws_s3_object" "set" {
  bucket = "b"
  key    = "k"
  override_provider {
    default_tags {
      tags = { Owner = "x" }
    }
  }
}
resource "aws_s3_object" "var" {
  bucket = "b"
  key    = "v"
  override_provider {
    default_tags {
      tags = var.t
    }
  }
}
`,
    });
    expect(worstByAddress(verdicts)).toEqual({ 'aws_s3_object.set': 'unknown', 'aws_s3_object.var': 'unknown' });
    expect(verdicts.find((v) => v.address === 'aws_s3_object.set')?.message).toMatch(/only an empty map/);
  });
});

describe("a plan's default_tags { tags = var.tags }, read with the code that made it (--code, the gate)", () => {
  const code = `variable "tags" {
  type = map(string)
}
provider "aws" {
  region = "eu-west-1"
  default_tags { tags = var.tags }
}
resource "random_id" "r" {
  byte_length = 4
}
resource "aws_sqs_queue" "q" {
  name                    = "a"
  sqs_managed_sse_enabled = true
  tags                    = { Name = "q-\${random_id.r.hex}" }
}
`;
  // The queue's one tag is known only after apply, so Terraform plans its tags_all unknown too.
  const planned = (tags: Record<string, string>) =>
    parsePlanDocument(
      plan([res('aws_sqs_queue.q', { name: 'a', sqs_managed_sse_enabled: true, tags: {} }, { unknown: { tags: { Name: true }, tags_all: true }, refs: { tags: ['random_id.r.hex', 'random_id.r'] } })], {
        providers: awsProvider({ references: ['var.tags'] }, { region: { constant_value: 'eu-west-1' } }),
        variables: { tags },
      }),
      'plan.json',
    );

  it("takes the tags the code gives with the plan's variables: every required tag passes, a missing one fails", async () => {
    const statuses = await withFiles({ 'main.tf': code }, async (dir) => {
      const read = async (tags: Record<string, string>) => statusesOf(withCode(planned(tags), await readCode(dir, planned(tags))));
      return [await read(FULL), await read({ Environment: 'prod', Owner: 'platform' })];
    });
    expect(statuses).toEqual([{ 'aws_sqs_queue.q': 'pass' }, { 'aws_sqs_queue.q': 'fail' }]);
  });

  it('is unknown without the code (the plan records only the reference)', () => {
    expect(statusesOf(planned(FULL))).toEqual({ 'aws_sqs_queue.q': 'unknown' });
  });

  it('lays TF_AWS_DEFAULT_TAGS_<key> of the environment terraform planned in beneath them, as the provider does', async () => {
    const partial = { Environment: 'prod', DataClassification: 'internal' };
    const statuses = await withFiles({ 'main.tf': code }, async (dir) => [
      statusesOf(withCode(planned(partial), await readCode(dir, planned(partial), { TF_AWS_DEFAULT_TAGS_Owner: 'platform' }))),
      statusesOf(withCode(planned(partial), await readCode(dir, planned(partial), {}))),
    ]);
    expect(statuses).toEqual([{ 'aws_sqs_queue.q': 'pass' }, { 'aws_sqs_queue.q': 'fail' }]);
  });

  it('and TF_AWS_IGNORE_TAGS_KEYS of that environment: a required key the provider ignores is unknown', async () => {
    const statuses = await withFiles({ 'main.tf': code }, async (dir) => statusesOf(withCode(planned(FULL), await readCode(dir, planned(FULL), { TF_AWS_IGNORE_TAGS_KEYS: 'Owner' }))));
    expect(statuses).toEqual({ 'aws_sqs_queue.q': 'unknown' });
  });
});

describe('TF_AWS_DEFAULT_TAGS_<key> in the environment of a .tf or cdktf check: default tags of every aws provider configuration, beneath its default_tags block', () => {
  const env = { TF_AWS_DEFAULT_TAGS_Environment: 'prod', TF_AWS_DEFAULT_TAGS_Owner: 'platform', TF_AWS_DEFAULT_TAGS_DataClassification: 'internal' };
  const tf = `provider "aws" {
  region = "eu-west-1"
}
provider "aws" {
  alias  = "empty"
  region = "eu-west-1"
  default_tags {}
}
provider "aws" {
  alias  = "blank"
  region = "eu-west-1"
  default_tags {
    tags = { Owner = "" }
  }
}
resource "aws_sqs_queue" "plain" {
  name = "a"
}
resource "aws_sqs_queue" "empty" {
  provider = aws.empty
  name     = "b"
}
resource "aws_sqs_queue" "blank" {
  provider = aws.blank
  name     = "c"
}
`;

  it('in .tf: a resource with no tags of its own passes on them; a key the block sets wins over them', async () => {
    expect(worstByAddress(await tfVerdicts({ 'main.tf': tf }, env))).toEqual({ 'aws_sqs_queue.plain': 'pass', 'aws_sqs_queue.empty': 'pass', 'aws_sqs_queue.blank': 'fail' });
    expect(worstByAddress(await tfVerdicts({ 'main.tf': tf }))).toEqual({ 'aws_sqs_queue.plain': 'fail', 'aws_sqs_queue.empty': 'fail', 'aws_sqs_queue.blank': 'fail' });
  });

  it('in .tf without any provider block (the implicit configuration takes them too)', async () => {
    expect(worstByAddress(await tfVerdicts({ 'main.tf': 'resource "aws_sns_topic" "t" {\n  name = "t"\n}\n' }, env))).toEqual({ 'aws_sns_topic.t': 'pass' });
  });

  it('in cdk.tf.json', () => {
    const doc = { provider: { aws: [{ region: 'eu-west-1' }] }, resource: { aws_sqs_queue: { plain: { name: 'a' } } } };
    expect(statusesOf(parseCdktfDocument(doc, 'cdk.tf.json', undefined, env))).toEqual({ 'aws_sqs_queue.plain': 'pass' });
    expect(statusesOf(parseCdktfDocument(doc, 'cdk.tf.json'))).toEqual({ 'aws_sqs_queue.plain': 'fail' });
  });

  it('twinguard check reads them from its environment', async () => {
    requireBuilt();
    const requiredTags = (run: { stdout: string }) => (JSON.parse(run.stdout).findings as ReportFinding[]).filter((f) => f.ruleId === 'required-tags').map((f) => `${f.address} ${f.status}`);
    const runs = await withFiles({ 'main.tf': tf }, async (dir) => [await twinguard(['check', dir, '--format', 'json'], { env }), await twinguard(['check', dir, '--format', 'json'])]);
    expect(runs.map(requiredTags)).toEqual([['aws_sqs_queue.blank fail'], ['aws_sqs_queue.blank fail', 'aws_sqs_queue.empty fail', 'aws_sqs_queue.plain fail']]);
  });
});

describe('data.aws_default_tags.<name>.tags in .tf: the default tags of the provider configuration the data source names', () => {
  const asg = (name: string, forEach: string) => `resource "aws_autoscaling_group" "${name}" {
  name     = "${name}"
  max_size = 1
  min_size = 1
  dynamic "tag" {
    for_each = ${forEach}
    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }
}
`;
  const tf = `locals {
  tags = { Environment = "prod", Owner = "platform", DataClassification = "internal" }
}
provider "aws" {
  region = "eu-west-1"
  default_tags { tags = local.tags }
}
provider "aws" {
  alias  = "east"
  region = "us-east-1"
  default_tags { tags = merge(local.tags, { Owner = "east" }) }
  ignore_tags { keys = ["DataClassification"] }
}
data "aws_default_tags" "d" {}
data "aws_default_tags" "east" {
  provider = aws.east
}
${asg('fromdata', 'data.aws_default_tags.d.tags')}
${asg('east', 'data.aws_default_tags.east.tags')}
resource "awscc_iottwinmaker_workspace" "w" {
  workspace_id = "w"
  role         = "r"
  s3_location  = "s"
  tags         = { for k, v in data.aws_default_tags.d.tags : k => v }
}
resource "awscc_s3_bucket" "b" {
  tags = [for k, v in data.aws_default_tags.d.tags : { key = k, value = v }]
}
`;

  it("the dynamic \"tag\" block the required-tags message recommends passes; the provider's ignore_tags leave a key out, as the data source does", async () => {
    const verdicts = await tfVerdicts({ 'main.tf': tf });
    expect(judged(verdicts)).toEqual({
      'aws_autoscaling_group.fromdata': 'pass',
      'aws_autoscaling_group.east': 'fail',
      'awscc_iottwinmaker_workspace.w': 'pass',
      'awscc_s3_bucket.b': 'pass',
    });
    expect(verdicts.find((v) => v.address === 'aws_autoscaling_group.east')?.message).toMatch(/missing the required tag "DataClassification"/);
  });

  it('takes TF_AWS_DEFAULT_TAGS_<key> beneath the block, and the implicit configuration of a root module without a provider block', async () => {
    const env = { TF_AWS_DEFAULT_TAGS_DataClassification: 'internal', TF_AWS_DEFAULT_TAGS_Owner: 'env' };
    const code = `provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = { Environment = "prod", Owner = "platform" }
  }
}
data "aws_default_tags" "d" {}
${asg('g', 'data.aws_default_tags.d.tags')}`;
    expect(judged(await tfVerdicts({ 'main.tf': code }, env))).toEqual({ 'aws_autoscaling_group.g': 'pass' });
    expect(judged(await tfVerdicts({ 'main.tf': code }))).toEqual({ 'aws_autoscaling_group.g': 'fail' });
    const implicit = `data "aws_default_tags" "d" {}\n${asg('g', 'data.aws_default_tags.d.tags')}`;
    expect(judged(await tfVerdicts({ 'main.tf': implicit }, { ...env, TF_AWS_DEFAULT_TAGS_Environment: 'prod' }))).toEqual({ 'aws_autoscaling_group.g': 'pass' });
  });

  it('is unknown in a module without its own provider block (its provider is its caller’s)', async () => {
    const module = `data "aws_default_tags" "d" {}\n${asg('g', 'data.aws_default_tags.d.tags')}`;
    const root = `${PROVIDER}module "m" {\n  source = "./m"\n}\n`;
    expect(judged(await tfVerdicts({ 'main.tf': root, 'm/main.tf': module }))).toEqual({ 'module.m.aws_autoscaling_group.g': 'unknown' });
  });

  it('leaves out the keys TF_AWS_IGNORE_TAGS_KEYS / _KEY_PREFIXES name, as the data source does: the group lacks them', async () => {
    const module = `data "aws_default_tags" "d" {}\n${asg('g', 'data.aws_default_tags.d.tags')}`;
    expect(judged(await tfVerdicts({ 'main.tf': `${PROVIDER}${module}` }, { TF_AWS_IGNORE_TAGS_KEYS: 'Owner' }))).toEqual({ 'aws_autoscaling_group.g': 'fail' });
    expect(judged(await tfVerdicts({ 'main.tf': `${PROVIDER}${module}` }, { TF_AWS_IGNORE_TAGS_KEY_PREFIXES: 'Data' }))).toEqual({ 'aws_autoscaling_group.g': 'fail' });
    expect(judged(await tfVerdicts({ 'main.tf': `${PROVIDER}${module}` }, { TF_AWS_IGNORE_TAGS_KEYS: 'CostCenter' }))).toEqual({ 'aws_autoscaling_group.g': 'pass' });
  });
});

// The AWS provider ignores null tag values in the configuration when it computes the tags to apply (5.1+,
// hashicorp/terraform-provider-aws#31687; its tags interceptor skips them before merging over default_tags):
// a null resource tag sends nothing, and the default tag of that key stays.
describe('a resource tag whose value is null keeps the default tag of its key, and is no tag without one', () => {
  const code = (defaults: string): string => `provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = { ${defaults} }
  }
}
variable "owner" {
  type    = string
  default = null
}
resource "aws_sqs_queue" "literal" {
  name = "a"
  tags = { Owner = null }
}
resource "aws_sqs_queue" "variable" {
  name = "b"
  tags = { Owner = var.owner }
}
`;
  const queues = (tags: Record<string, unknown>) => ({ literal: { name: 'a', tags }, variable: { name: 'b', tags: { Owner: '${var.owner}' } } });
  const cdk = (defaults: Record<string, string>): Record<string, unknown> => ({
    provider: { aws: [{ region: 'eu-west-1', default_tags: [{ tags: defaults }] }] },
    variable: { owner: { type: 'string', default: null } },
    resource: { aws_sqs_queue: queues({ Owner: null }) },
  });

  it('in .tf', async () => {
    expect(judged(await tfVerdicts({ 'main.tf': code('Environment = "prod", Owner = "platform", DataClassification = "internal"') }))).toEqual({ 'aws_sqs_queue.literal': 'pass', 'aws_sqs_queue.variable': 'pass' });
    const verdicts = await tfVerdicts({ 'main.tf': code('Environment = "prod", DataClassification = "internal"') });
    expect(judged(verdicts)).toEqual({ 'aws_sqs_queue.literal': 'fail', 'aws_sqs_queue.variable': 'fail' });
    expect(verdicts.find((v) => v.address === 'aws_sqs_queue.literal')?.message).toMatch(/missing the required tag "Owner"/);
  });

  it('in cdk.tf.json', () => {
    expect(statusesOf(parseCdktfDocument(cdk(FULL), 'cdk.tf.json'))).toEqual({ 'aws_sqs_queue.literal': 'pass', 'aws_sqs_queue.variable': 'pass' });
    const { Owner: _owner, ...withoutOwner } = FULL;
    expect(statusesOf(parseCdktfDocument(cdk(withoutOwner), 'cdk.tf.json'))).toEqual({ 'aws_sqs_queue.literal': 'fail', 'aws_sqs_queue.variable': 'fail' });
  });

  it('in a plan, whose tags_all the provider computed so', () => {
    const graph = graphOf(plan([res('aws_sqs_queue.q', { name: 'q', tags: { Owner: null }, tags_all: FULL })], { providers: awsProvider(FULL) }));
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'aws_sqs_queue.q': 'pass' });
  });
});
