import rule from '../../../checks/rules/encryption-in-transit/cloudfront-tls';
import { graphOf, plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable } from '../../helpers/rule-table';
import { tfGraph } from '../../helpers/code-forms';

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

describe('aws_cloudfront_multitenant_distribution (AWS provider 6.x): the same settings, its own names (`cache_behavior`, an origin\'s `id`)', () => {
  const M = 'aws_cloudfront_multitenant_distribution.tenants';
  const TENANT_CERT = { acm_certificate_arn: CERT.acm_certificate_arn, ssl_support_method: 'sni-only', minimum_protocol_version: 'TLSv1.2_2021' };
  const tenantOrigin = (config: Record<string, unknown> = {}) => ({
    id: 'api',
    domain_name: 'api.example.com',
    custom_origin_config: [{ http_port: 80, https_port: 443, origin_protocol_policy: 'https-only', origin_ssl_protocols: ['TLSv1.2'], ...config }],
  });
  const { minimum_protocol_version: _written, ...UNSET_MINIMUM } = TENANT_CERT;
  interface TenantParts {
    viewer?: string;
    behaviors?: string[];
    cert?: Record<string, unknown>;
    origin?: Record<string, unknown>;
    unknown?: Record<string, unknown>;
    expressions?: Record<string, unknown>;
  }
  const tenants = (parts: TenantParts = {}) =>
    res(
      M,
      {
        comment: 'tenants',
        enabled: true,
        default_cache_behavior: [{ target_origin_id: 'api', viewer_protocol_policy: parts.viewer ?? 'redirect-to-https', cache_policy_id: 'policy' }],
        cache_behavior: (parts.behaviors ?? []).map((policy, i) => ({ path_pattern: `/p${i}/*`, target_origin_id: 'api', viewer_protocol_policy: policy })),
        viewer_certificate: [parts.cert ?? TENANT_CERT],
        origin: [tenantOrigin(parts.origin)],
        tenant_config: [{ parameter_definition: [{ name: 'origin_domain', definition: [{ string_schema: [{ required: true }] }] }] }],
      },
      { unknown: { arn: true, id: true, domain_name: true, ...parts.unknown }, ...(parts.expressions ? { expressions: parts.expressions } : {}) },
    );

  ruleTable(rule, [
    { name: 'a multi-tenant distribution with HTTPS everywhere and TLSv1.2_2021 passes', plan: plan([tenants({ behaviors: ['https-only'] })]), expect: { [M]: 'pass' } },
    {
      name: 'the sweep reproducer: allow-all, the default certificate and an http-only origin with TLSv1 fail',
      plan: plan([
        res(M, {
          comment: 'm',
          enabled: true,
          default_cache_behavior: [{ target_origin_id: 'o', viewer_protocol_policy: 'allow-all', cache_policy_id: 'x' }],
          origin: [{ id: 'o', domain_name: 'origin.example.com', custom_origin_config: [{ http_port: 80, https_port: 443, origin_protocol_policy: 'http-only', origin_ssl_protocols: ['TLSv1'] }] }],
          viewer_certificate: [{ cloudfront_default_certificate: true }],
        }),
      ]),
      expect: { [M]: 'fail' },
    },
    {
      name: 'allow-all on a cache_behavior fails, named as a cache behavior',
      plan: plan([tenants({ behaviors: ['https-only', 'allow-all'] })]),
      expect: { [M]: 'fail' },
      message: /viewer_protocol_policy of cache behavior 1 is "allow-all"/,
    },
    {
      name: "match-viewer on an origin (by its `id`) a behavior that allows plain HTTP sends requests to fails",
      plan: plan([tenants({ behaviors: ['allow-all'], origin: { origin_protocol_policy: 'match-viewer' } })]),
      expect: { [M]: 'fail' },
    },
    {
      name: 'match-viewer on an origin whose every behavior takes viewers on HTTPS only passes',
      plan: plan([tenants({ behaviors: ['https-only'], origin: { origin_protocol_policy: 'match-viewer' } })]),
      expect: { [M]: 'pass' },
    },
    {
      // minimum_protocol_version is Optional+Computed without a default in the provider's schema: a plan shows it unknown.
      name: 'minimum_protocol_version left out of the code fails (the documented default is TLSv1), though the plan shows it as known only after apply',
      plan: plan([tenants({ cert: UNSET_MINIMUM, unknown: { viewer_certificate: [{ minimum_protocol_version: true }] } })]),
      expect: { [M]: 'fail' },
      message: /minimum_protocol_version is not set: CloudFront then accepts TLSv1/,
    },
    {
      name: 'minimum_protocol_version from a variable known only after apply is unknown',
      plan: plan([
        tenants({
          cert: UNSET_MINIMUM,
          unknown: { viewer_certificate: [{ minimum_protocol_version: true }] },
          expressions: {
            comment: { constant_value: 'tenants' },
            viewer_certificate: [{ acm_certificate_arn: { constant_value: CERT.acm_certificate_arn }, minimum_protocol_version: { references: ['var.tls_minimum'] } }],
          },
        }),
      ]),
      expect: { [M]: 'unknown' },
      message: /minimum_protocol_version is known only after apply/,
    },
  ]);

  it('a .tf multi-tenant distribution is judged as its plan is', async () => {
    const tf = (viewer: string, minimum: string) => `resource "aws_cloudfront_multitenant_distribution" "tenants" {
  comment = "tenants"
  enabled = true
  origin {
    id          = "api"
    domain_name = "api.example.com"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }
  default_cache_behavior {
    target_origin_id       = "api"
    viewer_protocol_policy = "${viewer}"
    cache_policy_id        = "policy"
  }
  viewer_certificate {
    acm_certificate_arn = "${CERT.acm_certificate_arn}"
    ssl_support_method  = "sni-only"
    ${minimum}
  }
  tenant_config {
    parameter_definition {
      name = "origin_domain"
      definition {
        string_schema { required = true }
      }
    }
  }
}
`;
    const statuses = async (viewer: string, minimum: string) => evaluateRule(rule, await tfGraph(tf(viewer, minimum))).map((v) => `${v.status}${v.path ? ` ${v.path}` : ''}`);
    expect(await statuses('redirect-to-https', 'minimum_protocol_version = "TLSv1.2_2021"')).toEqual(['pass']);
    expect(await statuses('allow-all', '')).toEqual(['fail default_cache_behavior.0.viewer_protocol_policy', 'fail viewer_certificate.0.minimum_protocol_version']);
  });
});
