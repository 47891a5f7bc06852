import rule from '../../../checks/rules/encryption-in-transit/cloudfront-vpc-origin-tls';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

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
]);
