import rule from '../../../checks/rules/encryption-in-transit/cloudfront-vpc-origin-tls';
import { plan, res } from '../../helpers/plan-builder';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';

const V = 'aws_cloudfront_vpc_origin.alb';
const endpoint = (config: Record<string, unknown>) => ({
  name: 'alb',
  arn: 'arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/app/x/1',
  http_port: 80,
  https_port: 443,
  origin_protocol_policy: 'https-only',
  origin_ssl_protocols: [{ items: ['TLSv1.2'], quantity: 1 }],
  ...config,
});
const origin = (config: Record<string, unknown>, unknown: Record<string, unknown> = {}) =>
  res(V, { vpc_origin_endpoint_config: [endpoint(config)] }, { unknown: { arn: true, id: true, etag: true, ...unknown } });

ruleTable(rule, [
  { name: 'cloudfront-vpc-origin-tls: https-only with TLSv1.2 passes', plan: plan([origin({})]), expect: { [V]: 'pass' } },
  { name: 'http-only fails', plan: plan([origin({ origin_protocol_policy: 'http-only' })]), expect: { [V]: 'fail' }, message: /"http-only": CloudFront reaches the origin over plain HTTP/ },
  {
    name: 'TLSv1 beside TLSv1.2 fails',
    plan: plan([origin({ origin_ssl_protocols: [{ items: ['TLSv1', 'TLSv1.2'], quantity: 2 }] })]),
    expect: { [V]: 'fail' },
    message: /allows TLSv1, TLSv1\.2, not only TLSv1\.2/,
  },
  {
    name: 'match-viewer is unknown: the distributions decide whether HTTP reaches the origin',
    plan: plan([origin({ origin_protocol_policy: 'match-viewer' })]),
    expect: { [V]: 'unknown' },
    message: /"match-viewer"/,
  },
  {
    name: 'a policy known only after apply is unknown',
    plan: plan([origin({ origin_protocol_policy: null }, { vpc_origin_endpoint_config: [{ origin_protocol_policy: true }] })]),
    expect: { [V]: 'unknown' },
    message: /known only after apply/,
  },
  {
    name: 'a data source and distributions are not applicable',
    plan: plan([res('data.aws_cloudfront_vpc_origin.x', { vpc_origin_endpoint_config: [endpoint({ origin_protocol_policy: 'http-only' })] }, { actions: ['read'] }), res('aws_cloudfront_distribution.d', { enabled: true })]),
    expect: { 'data.aws_cloudfront_vpc_origin.x': 'not-applicable', 'aws_cloudfront_distribution.d': 'not-applicable' },
  },
  {
    name: 'an awscc VPC origin lists its protocols: https-only with ["TLSv1.2"] passes, http-only or TLSv1 fails',
    plan: plan([
      res('awscc_cloudfront_vpc_origin.ok', { vpc_origin_endpoint_config: { name: 'ok', arn: 'arn:x', origin_protocol_policy: 'https-only', origin_ssl_protocols: ['TLSv1.2'] } }),
      res('awscc_cloudfront_vpc_origin.http', { vpc_origin_endpoint_config: { name: 'http', arn: 'arn:x', origin_protocol_policy: 'http-only', origin_ssl_protocols: ['TLSv1.2'] } }),
      res('awscc_cloudfront_vpc_origin.old', { vpc_origin_endpoint_config: { name: 'old', arn: 'arn:x', origin_protocol_policy: 'https-only', origin_ssl_protocols: ['TLSv1', 'TLSv1.2'] } }),
    ]),
    expect: { 'awscc_cloudfront_vpc_origin.ok': 'pass', 'awscc_cloudfront_vpc_origin.http': 'fail', 'awscc_cloudfront_vpc_origin.old': 'fail' },
    message: /"http-only"|allows TLSv1, TLSv1\.2.*origin_ssl_protocols = \["TLSv1\.2"\]/,
  },
  {
    name: 'an awscc VPC origin leaving both unset (computed by Cloud Control) fails, as an aws one does',
    plan: plan([
      res('awscc_cloudfront_vpc_origin.unset', { vpc_origin_endpoint_config: { name: 'unset', arn: 'arn:x' } }, { unknown: { vpc_origin_endpoint_config: { origin_protocol_policy: true, origin_ssl_protocols: true } } }),
    ]),
    expect: { 'awscc_cloudfront_vpc_origin.unset': 'fail' },
    message: /not set|allows nothing/,
  },
  {
    name: 'an awscc VPC origin whose policy is known only after apply is unknown',
    plan: plan([
      res('awscc_cloudfront_vpc_origin.later', { vpc_origin_endpoint_config: { name: 'later', arn: 'arn:x', origin_ssl_protocols: ['TLSv1.2'] } }, {
        unknown: { vpc_origin_endpoint_config: { origin_protocol_policy: true } },
        refs: { vpc_origin_endpoint_config: ['var.policy'] },
      }),
    ]),
    expect: { 'awscc_cloudfront_vpc_origin.later': 'unknown' },
  },
]);

describe('cloudfront-vpc-origin-tls on awscc_cloudfront_vpc_origin in .tf and cdk.tf.json', () => {
  const A = 'awscc_cloudfront_vpc_origin.alb';
  it.each([
    ['origin_protocol_policy = "https-only"\n    origin_ssl_protocols   = ["TLSv1.2"]', 'pass'],
    ['origin_protocol_policy = "http-only"\n    origin_ssl_protocols   = ["TLSv1.2"]', 'fail'],
    ['origin_protocol_policy = "https-only"', 'fail'],
  ])('.tf %p is %s', async (settings, verdict) => {
    const graph = await tfGraph(`resource "awscc_cloudfront_vpc_origin" "alb" {\n  vpc_origin_endpoint_config = {\n    name = "alb"\n    arn  = "arn:x"\n    ${settings}\n  }\n}\n`);
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [A]: verdict });
  });

  it('cdk.tf.json: SSLv3 allowed fails', () => {
    const graph = cdktfGraph({ awscc_cloudfront_vpc_origin: { alb: { vpc_origin_endpoint_config: { name: 'alb', arn: 'arn:x', origin_protocol_policy: 'https-only', origin_ssl_protocols: ['SSLv3', 'TLSv1.2'] } } } });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [A]: 'fail' });
  });
});
