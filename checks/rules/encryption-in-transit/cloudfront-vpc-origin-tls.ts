/**
 * CloudFront VPC origins are reached over HTTPS with TLS 1.2 only, as cloudfront-tls asks of a
 * distribution's custom origins: `origin_protocol_policy = "https-only"` and `origin_ssl_protocols`
 * holding TLSv1.2 alone. With "match-viewer", CloudFront uses HTTP to the origin whenever a viewer
 * does, which the distributions that use the origin decide: the gate does not follow them here.
 * An `awscc_cloudfront_vpc_origin` is judged the same way, its `origin_ssl_protocols` a list of the
 * protocols; left unset, either setting fails, as on an aws origin.
 */
import type { Resource } from '../../model/types';
import { awsDoc, securityHub } from '../support/references';
import { managedOnly, nested, setting } from '../support/verdict';
import { failed, outcomesOf, type Problem, shown, undecided } from '../support/findings';
import { defineRule } from '../types';

const FIX = 'In `vpc_origin_endpoint_config` set `origin_protocol_policy = "https-only"` and `origin_ssl_protocols { items = ["TLSv1.2"], quantity = 1 }`.';
const AWSCC_TYPE = 'awscc_cloudfront_vpc_origin';
const AWSCC_FIX = 'In `vpc_origin_endpoint_config` set `origin_protocol_policy = "https-only"` and `origin_ssl_protocols = ["TLSv1.2"]`.';

function problems(origin: Resource): Problem[] {
  const awscc = origin.type === AWSCC_TYPE;
  const fix = awscc ? AWSCC_FIX : FIX;
  // Cloud Control computes what an awscc configuration leaves unset (a plan shows it unknown): judged as unset, as in .tf.
  const config = awscc ? setting(origin, 'vpc_origin_endpoint_config', 'origin_protocol_policy') : nested(origin.values, 'vpc_origin_endpoint_config', 'origin_protocol_policy');
  const policy = config.string();
  const out: Problem[] = [];
  if (policy.kind === 'unknown') out.push(undecided(`origin_protocol_policy is known only after apply. ${fix}`, config));
  else if (policy.kind === 'absent') out.push(failed(`origin_protocol_policy is not set. ${fix}`, config));
  else if (policy.value === 'match-viewer')
    out.push(undecided(`origin_protocol_policy is "match-viewer": CloudFront reaches the origin over plain HTTP whenever a viewer uses HTTP, which the distributions using it decide. ${fix}`, config));
  else if (policy.value !== 'https-only') out.push(failed(`origin_protocol_policy is ${shown(config, policy.value)}: CloudFront reaches the origin over plain HTTP. ${fix}`, config));
  // An awscc origin lists the protocols themselves (CloudFormation's OriginSSLProtocols), not in `items`.
  const protocols = awscc
    ? setting(origin, 'vpc_origin_endpoint_config', 'origin_ssl_protocols')
    : nested(origin.values, 'vpc_origin_endpoint_config', 'origin_ssl_protocols', 'items');
  const list = protocols.stringList();
  if (list.kind === 'unknown') out.push(undecided(`origin_ssl_protocols is known only after apply. ${fix}`, protocols));
  else if (list.kind === 'absent' || list.value.length === 0 || list.value.some((p) => p !== 'TLSv1.2')) {
    const got = list.kind !== 'known' || list.value.length === 0 ? 'nothing' : protocols.isSensitive ? 'values marked sensitive' : list.value.join(', ');
    out.push(failed(`origin_ssl_protocols allows ${got}, not only TLSv1.2. ${fix}`, protocols));
  }
  return out;
}

export default defineRule({
  id: 'cloudfront-vpc-origin-tls',
  title: 'CloudFront VPC origins are reached over HTTPS with TLS 1.2',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'A VPC origin reached over HTTP, or with TLSv1, TLSv1.1 or SSLv3 allowed, carries what viewers send and receive between CloudFront and the load balancer or instance in clear text or over broken protocols.',
  remediation: `${FIX} For an ${AWSCC_TYPE}: ${AWSCC_FIX}`,
  references: [
    securityHub('CloudFront.9', 'CloudFront distributions should encrypt traffic to custom origins'),
    securityHub('CloudFront.10', 'CloudFront distributions should not use deprecated SSL protocols between edge locations and custom origins'),
    awsDoc('Restrict access with VPC origins', 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-vpc-origins.html'),
    awsDoc('AWS::CloudFront::VpcOrigin VpcOriginEndpointConfig', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cloudfront-vpcorigin-vpcoriginendpointconfig.html'),
  ],
  appliesTo: ['aws_cloudfront_vpc_origin', AWSCC_TYPE],
  evaluate: managedOnly((origin) => outcomesOf(problems(origin))),
});
