/**
 * Tags taken from a module twinguard has not loaded (`tags = module.this.tags` of a registry module `terraform init` has
 * not installed) are not known here, yet Terraform knows them at plan time: the tag rules' unknown says the module is not
 * loaded and how to follow it, never "known only after apply … Write the tags as literal values".
 */
import allowedTagValues from '../../../checks/rules/tagging/allowed-tag-values';
import requiredTags from '../../../checks/rules/tagging/required-tags';
import tagLimits from '../../../checks/rules/tagging/tag-limits';
import { tfGraph } from '../../helpers/code-forms';
import { evaluateRule } from '../../helpers/rule-table';

const TF = `
module "this" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
  name    = "app"
}
resource "aws_sns_topic" "t" {
  name              = "app"
  kms_master_key_id = "alias/aws/sns"
  tags              = module.this.tags
}
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = merge(module.this.tags, { Team = "iot" })
}
`;

const WHY = 'come from module.this (cloudposse/label/null), which is not loaded, so the gate cannot vouch for';
const NEXT = 'Check a plan (`terraform show -json`) to follow them, or run `terraform init` so that twinguard reads the module from .tf code.';

describe('tags from a module not loaded', () => {
  it('say the module is not loaded and how to follow it, in each tag rule', async () => {
    const graph = await tfGraph(TF);
    const verdicts = [
      ...evaluateRule(tagLimits, graph).map((v) => ['tag-limits', v] as const),
      ...evaluateRule(requiredTags, graph, { requiredTags: ['Owner'] }).map((v) => ['required-tags', v] as const),
      ...evaluateRule(allowedTagValues, graph, { allowedTagValues: { Environment: ['prod'] } }).map((v) => ['allowed-tag-values', v] as const),
    ];
    expect(verdicts.map(([rule, v]) => [rule, v.address, v.status, v.path, v.message])).toEqual([
      ['tag-limits', 'aws_sns_topic.t', 'unknown', 'tags', `The tags this resource will carry ${WHY} the AWS tag limits. ${NEXT}`],
      ['tag-limits', 'aws_sqs_queue.q', 'unknown', 'tags', `The tags this resource will carry ${WHY} the AWS tag limits. ${NEXT}`],
      ['required-tags', 'aws_sns_topic.t', 'unknown', 'tags', `The tags this resource will carry ${WHY} the required tag "Owner". ${NEXT}`],
      ['required-tags', 'aws_sqs_queue.q', 'unknown', 'tags', `The tags this resource will carry ${WHY} the required tag "Owner". ${NEXT}`],
      ['allowed-tag-values', 'aws_sns_topic.t', 'unknown', 'tags', `The tags this resource will carry ${WHY} the values of "Environment". ${NEXT}`],
      ['allowed-tag-values', 'aws_sqs_queue.q', 'unknown', 'tags', `The tags this resource will carry ${WHY} the values of "Environment". ${NEXT}`],
    ]);
  });

  it('name every such module', async () => {
    const graph = await tfGraph(`${TF}
module "other" {
  source = "git::https://example.com/labels.git?ref=v1"
}
resource "aws_sns_topic" "both" {
  name = "both"
  tags = merge(module.this.tags, module.other.tags)
}
`);
    const found = evaluateRule(tagLimits, graph).filter((v) => v.address === 'aws_sns_topic.both');
    expect(found.map((v) => [v.status, v.message])).toEqual([
      ['unknown', `The tags this resource will carry come from module.this (cloudposse/label/null) and module.other (git::https://example.com/labels.git?ref=v1), which are not loaded, so the gate cannot vouch for the AWS tag limits. ${NEXT}`],
    ]);
  });
});
