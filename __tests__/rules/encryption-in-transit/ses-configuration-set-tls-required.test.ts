import rule from '../../../checks/rules/encryption-in-transit/ses-configuration-set-tls-required';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';

const V1 = 'aws_ses_configuration_set.mail';
const V2 = 'aws_sesv2_configuration_set.mail';
const CC = 'awscc_ses_configuration_set.mail';
const v1 = (delivery: Record<string, unknown> | undefined) => res(V1, { name: 'mail', ...(delivery ? { delivery_options: [delivery] } : {}) }, { unknown: { arn: true, id: true } });
const v2 = (delivery: Record<string, unknown> | undefined) =>
  res(V2, { configuration_set_name: 'mail', ...(delivery ? { delivery_options: [{ sending_pool_name: null, max_delivery_seconds: null, ...delivery }] } : {}) }, { unknown: { arn: true, id: true } });

ruleTable(rule, [
  {
    name: 'ses-configuration-set-tls-required: "Require" (SES v1) and "REQUIRE" (v2, awscc) pass',
    plan: plan([v1({ tls_policy: 'Require' }), v2({ tls_policy: 'REQUIRE' }), res(CC, { name: 'mail', delivery_options: { tls_policy: 'REQUIRE' } })]),
    expect: { [V1]: 'pass', [V2]: 'pass', [CC]: 'pass' },
  },
  {
    name: '"Optional" (what a v1 plan shows for an empty delivery_options) and "OPTIONAL" fail',
    plan: plan([v1({ tls_policy: 'Optional' }), v2({ tls_policy: 'OPTIONAL' }), res(CC, { name: 'mail', delivery_options: { tls_policy: 'OPTIONAL' } })]),
    expect: { [V1]: 'fail', [V2]: 'fail', [CC]: 'fail' },
    message: /`delivery_options\.tls_policy` is "(Optional|OPTIONAL)", not "(Require|REQUIRE)"\. Set `delivery_options( =)? \{ tls_policy = "(Require|REQUIRE)" \}`/,
  },
  {
    name: 'no delivery_options, or one without tls_policy, fails: SES then uses opportunistic TLS',
    plan: plan([v1(undefined), v2({ tls_policy: null }), res(CC, { name: 'mail' })]),
    expect: { [V1]: 'fail', [V2]: 'fail', [CC]: 'fail' },
    message: /is not set, so the default applies: opportunistic TLS, so SES delivers in plain text to a server that offers no TLS/,
  },
  {
    name: 'a tls_policy known only after apply is unknown',
    plan: plan([
      res(V2, { configuration_set_name: 'mail', delivery_options: [{}] }, {
        unknown: { delivery_options: [{ tls_policy: true }] },
        expressions: { configuration_set_name: { constant_value: 'mail' }, delivery_options: [{ tls_policy: { references: ['var.tls_policy'] } }] },
      }),
    ]),
    expect: { [V2]: 'unknown' },
    message: /known only after apply/,
  },
  {
    name: 'a data source and other SES types are not applicable',
    plan: plan([res('data.aws_sesv2_configuration_set.existing', { configuration_set_name: 'x' }, { actions: ['read'] }), res('aws_ses_domain_identity.d', { domain: 'example.com' })]),
    expect: { 'data.aws_sesv2_configuration_set.existing': 'not-applicable', 'aws_ses_domain_identity.d': 'not-applicable' },
  },
]);

describe('ses-configuration-set-tls-required in .tf and cdk.tf.json gives the plan\'s verdicts', () => {
  it.each([
    ['aws_ses_configuration_set', 'name = "mail"\n  delivery_options {}', 'fail'],
    ['aws_ses_configuration_set', 'name = "mail"', 'fail'],
    ['aws_ses_configuration_set', 'name = "mail"\n  delivery_options { tls_policy = "Require" }', 'pass'],
    ['aws_sesv2_configuration_set', 'configuration_set_name = "mail"\n  delivery_options { tls_policy = "OPTIONAL" }', 'fail'],
    ['aws_sesv2_configuration_set', 'configuration_set_name = "mail"\n  delivery_options { tls_policy = "REQUIRE" }', 'pass'],
    ['aws_sesv2_configuration_set', 'configuration_set_name = "mail"\n  delivery_options { tls_policy = var.tls_policy }', 'unknown'],
  ])('.tf %s { %s } is %s', async (type, body, verdict) => {
    const graph = await tfGraph(`variable "tls_policy" { type = string }\nresource "${type}" "mail" {\n  ${body}\n}\n`);
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [`${type}.mail`]: verdict });
  });

  it('cdk.tf.json: an aws_sesv2_configuration_set with OPTIONAL fails', () => {
    const graph = cdktfGraph({ aws_sesv2_configuration_set: { mail: { configuration_set_name: 'mail', delivery_options: { tls_policy: 'OPTIONAL' } } } });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [V2]: 'fail' });
  });
});
