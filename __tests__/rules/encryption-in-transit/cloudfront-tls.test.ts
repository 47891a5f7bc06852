import rule from '../../../checks/rules/encryption-in-transit/cloudfront-tls';
import { graphOf, plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable } from '../../helpers/rule-table';

const D = 'aws_cloudfront_distribution.site';
const CERT = { acm_certificate_arn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc', ssl_support_method: 'sni-only', minimum_protocol_version: 'TLSv1.2_2021', cloudfront_default_certificate: false };
const S3_ORIGIN = { origin_id: 's3', domain_name: 'site.s3.amazonaws.com', s3_origin_config: [{ origin_access_identity: '' }] };
const CUSTOM_ORIGIN = (config: Record<string, unknown> = {}) => ({
  origin_id: 'api',
  domain_name: 'api.example.com',
  custom_origin_config: [{ http_port: 80, https_port: 443, origin_protocol_policy: 'https-only', origin_ssl_protocols: ['TLSv1.2'], ...config }],
});

interface Parts {
  viewer?: string;
  ordered?: string[];
  cert?: Record<string, unknown>;
  origins?: Record<string, unknown>[];
  unknown?: Record<string, unknown>;
}
const distribution = (parts: Parts = {}) =>
  res(
    D,
    {
      enabled: true,
      default_cache_behavior: [{ target_origin_id: 's3', viewer_protocol_policy: parts.viewer ?? 'redirect-to-https' }],
      ordered_cache_behavior: (parts.ordered ?? []).map((policy, i) => ({ path_pattern: `/p${i}/*`, target_origin_id: 'api', viewer_protocol_policy: policy })),
      viewer_certificate: [{ ...CERT, ...parts.cert }],
      origin: parts.origins ?? [S3_ORIGIN, CUSTOM_ORIGIN()],
    },
    { unknown: { arn: true, id: true, domain_name: true, ...parts.unknown } },
  );

ruleTable(rule, [
  { name: 'HTTPS everywhere with TLSv1.2_2021 passes', plan: plan([distribution({ ordered: ['https-only'] })]), expect: { [D]: 'pass' } },
  {
    name: 'viewer_protocol_policy allow-all on the default behavior fails',
    plan: plan([distribution({ viewer: 'allow-all' })]),
    expect: { [D]: 'fail' },
    message: /viewer_protocol_policy of the default cache behavior is "allow-all"/,
  },
  {
    name: 'allow-all on an ordered behavior fails',
    plan: plan([distribution({ ordered: ['https-only', 'allow-all'] })]),
    expect: { [D]: 'fail' },
    message: /ordered cache behavior 1/,
  },
  {
    name: 'the CloudFront default certificate fails (it accepts TLSv1)',
    plan: plan([distribution({ cert: { cloudfront_default_certificate: true, acm_certificate_arn: null, minimum_protocol_version: 'TLSv1' } })]),
    expect: { [D]: 'fail' },
    message: /default certificate/,
  },
  {
    name: 'minimum_protocol_version TLSv1.1_2016 fails',
    plan: plan([distribution({ cert: { minimum_protocol_version: 'TLSv1.1_2016' } })]),
    expect: { [D]: 'fail' },
    message: /minimum_protocol_version is "TLSv1.1_2016"/,
  },
  {
    name: 'a custom origin reached with match-viewer by a behavior that allows plain HTTP fails',
    plan: plan([distribution({ viewer: 'allow-all', origins: [{ ...CUSTOM_ORIGIN({ origin_protocol_policy: 'match-viewer' }), origin_id: 's3' }] })]),
    expect: { [D]: 'fail' },
  },
  {
    // CloudFront's origin settings: match-viewer uses the viewer's protocol, and redirect-to-https answers HTTP without reaching the origin.
    name: 'match-viewer on an origin whose every behavior takes viewers on HTTPS only passes',
    plan: plan([distribution({ ordered: ['https-only', 'redirect-to-https'], origins: [S3_ORIGIN, CUSTOM_ORIGIN({ origin_protocol_policy: 'match-viewer' })] })]),
    expect: { [D]: 'pass' },
  },
  {
    name: 'match-viewer on an origin one behavior of which allows plain HTTP fails on the origin too',
    plan: plan([distribution({ ordered: ['https-only', 'allow-all'], origins: [S3_ORIGIN, CUSTOM_ORIGIN({ origin_protocol_policy: 'match-viewer' })] })]),
    expect: { [D]: 'fail' },
  },
  {
    name: 'match-viewer on an origin reached through an origin group whose behaviors take HTTPS only passes',
    plan: plan([
      res(
        D,
        {
          enabled: true,
          default_cache_behavior: [{ target_origin_id: 'group', viewer_protocol_policy: 'redirect-to-https' }],
          viewer_certificate: [CERT],
          origin: [CUSTOM_ORIGIN({ origin_protocol_policy: 'match-viewer' }), { ...CUSTOM_ORIGIN(), origin_id: 'backup' }],
          origin_group: [{ origin_id: 'group', failover_criteria: [{ status_codes: [500] }], member: [{ origin_id: 'api' }, { origin_id: 'backup' }] }],
        },
        { unknown: { arn: true, id: true, domain_name: true } },
      ),
    ]),
    expect: { [D]: 'pass' },
  },
  {
    name: 'a custom origin that allows TLSv1.1 fails',
    plan: plan([distribution({ origins: [CUSTOM_ORIGIN({ origin_ssl_protocols: ['TLSv1.1', 'TLSv1.2'] })] })]),
    expect: { [D]: 'fail' },
    message: /origin_ssl_protocols of origin 0 allows TLSv1.1, TLSv1.2/,
  },
  {
    name: 'a minimum protocol version known only after apply is unknown',
    plan: plan([distribution({ cert: { minimum_protocol_version: null }, unknown: { viewer_certificate: [{ minimum_protocol_version: true }] } })]),
    expect: { [D]: 'unknown' },
  },
  { name: 'other resource types are not applicable', plan: plan([res('aws_s3_bucket.b', { bucket: 'b' })]), expect: { 'aws_s3_bucket.b': 'not-applicable' } },
]);

it('match-viewer where a behavior that allows HTTP has a target known only after apply is unknown on the origin; a behavior that requires HTTPS does not matter, whatever it targets', () => {
  const site = (ordered: string) =>
    res(
      D,
      {
        enabled: true,
        default_cache_behavior: [{ target_origin_id: 'api', viewer_protocol_policy: 'redirect-to-https' }],
        ordered_cache_behavior: [{ path_pattern: '/a/*', viewer_protocol_policy: ordered }],
        viewer_certificate: [CERT],
        origin: [CUSTOM_ORIGIN({ origin_protocol_policy: 'match-viewer' })],
      },
      { unknown: { arn: true, id: true, domain_name: true, ordered_cache_behavior: [{ target_origin_id: true }] } },
    );
  const onOrigin = (ordered: string) =>
    evaluateRule(rule, graphOf(plan([site(ordered)]))).filter((v) => v.path === 'origin.0.custom_origin_config.0.origin_protocol_policy').map((v) => v.status);
  expect(onOrigin('allow-all')).toEqual(['unknown']);
  expect(onOrigin('https-only')).toEqual([]);
});
