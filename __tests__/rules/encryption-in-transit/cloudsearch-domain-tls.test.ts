import rule from '../../../checks/rules/encryption-in-transit/cloudsearch-domain-tls';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';

const D = 'aws_cloudsearch_domain.search';
const domain = (options: Record<string, unknown> | undefined, unknown: Record<string, unknown> = {}, expressions?: Record<string, unknown>) =>
  res(D, { name: 'search', ...(options ? { endpoint_options: [options] } : {}) }, { unknown: { arn: true, id: true, domain_id: true, ...unknown }, ...(expressions ? { expressions } : {}) });

ruleTable(rule, [
  {
    name: 'cloudsearch-domain-tls: HTTPS enforced with Policy-Min-TLS-1-2-2019-07 passes',
    plan: plan([domain({ enforce_https: true, tls_security_policy: 'Policy-Min-TLS-1-2-2019-07' })]),
    expect: { [D]: 'pass' },
  },
  {
    name: 'the sweep reproducer: enforce_https false and Policy-Min-TLS-1-0-2019-07 fail, each on its own path',
    plan: plan([domain({ enforce_https: false, tls_security_policy: 'Policy-Min-TLS-1-0-2019-07' })]),
    expect: { [D]: 'fail' },
    message: /^(enforce_https is false: the domain accepts HTTP|tls_security_policy is "Policy-Min-TLS-1-0-2019-07", which accepts TLS 1\.0 and 1\.1)\./,
  },
  {
    name: 'HTTPS enforced with the TLS 1.0 policy fails',
    plan: plan([domain({ enforce_https: true, tls_security_policy: 'Policy-Min-TLS-1-0-2019-07' })]),
    expect: { [D]: 'fail' },
    message: /tls_security_policy is "Policy-Min-TLS-1-0-2019-07"/,
  },
  {
    // Optional+Computed: a plan shows the block the code never writes as known only after apply; AWS's defaults apply.
    name: 'a plan whose code writes no endpoint_options fails (AWS defaults: HTTP accepted, TLS 1.0)',
    plan: plan([domain(undefined, { endpoint_options: true })]),
    expect: { [D]: 'fail' },
    message: /^endpoint_options is not set: the domain accepts HTTP/,
  },
  {
    name: 'a block that leaves tls_security_policy out fails on the AWS default, shown as known only after apply in a plan',
    plan: plan([domain({ enforce_https: true }, { endpoint_options: [{ tls_security_policy: true }] })]),
    expect: { [D]: 'fail' },
    message: /tls_security_policy is not set: the AWS default, Policy-Min-TLS-1-0-2019-07/,
  },
  {
    name: 'enforce_https from a variable known only after apply is unknown',
    plan: plan([
      domain({ tls_security_policy: 'Policy-Min-TLS-1-2-2019-07' }, { endpoint_options: [{ enforce_https: true }] }, {
        name: { constant_value: 'search' },
        endpoint_options: [{ enforce_https: { references: ['var.https'] }, tls_security_policy: { constant_value: 'Policy-Min-TLS-1-2-2019-07' } }],
      }),
    ]),
    expect: { [D]: 'unknown' },
    message: /enforce_https is known only after apply/,
  },
  {
    name: 'endpoint_options from a variable known only after apply is unknown',
    plan: plan([domain(undefined, { endpoint_options: true }, { name: { constant_value: 'search' }, endpoint_options: { references: ['var.endpoint'] } })]),
    expect: { [D]: 'unknown' },
  },
  { name: 'other resource types are not applicable', plan: plan([res('aws_opensearch_domain.o', { domain_name: 'o' })]), expect: {} },
]);

it('.tf and cdk.tf.json domains are judged as their plan is', async () => {
  const tf = (options: string) => `resource "aws_cloudsearch_domain" "search" {
  name = "search"
  ${options}
}
`;
  const tfStatuses = async (options: string) => worstByAddress(evaluateRule(rule, await tfGraph(tf(options))));
  expect(await tfStatuses('endpoint_options {\n    enforce_https       = true\n    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"\n  }')).toEqual({ [D]: 'pass' });
  expect(await tfStatuses('')).toEqual({ [D]: 'fail' });
  expect(await tfStatuses('endpoint_options {\n    enforce_https = true\n  }')).toEqual({ [D]: 'fail' });
  const cdktf = (options: Record<string, unknown>) => worstByAddress(evaluateRule(rule, cdktfGraph({ aws_cloudsearch_domain: { search: { name: 'search', endpoint_options: options } } })));
  expect(cdktf({ enforce_https: true, tls_security_policy: 'Policy-Min-TLS-1-2-2019-07' })).toEqual({ [D]: 'pass' });
  expect(cdktf({ enforce_https: false, tls_security_policy: 'Policy-Min-TLS-1-2-2019-07' })).toEqual({ [D]: 'fail' });
});
