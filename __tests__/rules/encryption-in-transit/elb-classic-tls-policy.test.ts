import rule from '../../../checks/rules/encryption-in-transit/elb-classic-tls-policy';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';

const E = 'aws_elb.web';
const https = { instance_port: 8443, instance_protocol: 'https', lb_port: 443, lb_protocol: 'https', ssl_certificate_id: 'arn:aws:acm:eu-west-1:111111111111:certificate/c' };
const http = { instance_port: 80, instance_protocol: 'http', lb_port: 80, lb_protocol: 'http', ssl_certificate_id: '' };
const elb = (listener: unknown[]) => res(E, { name: 'web', availability_zones: ['eu-west-1a'], listener }, { unknown: { arn: true, id: true, dns_name: true } });
const ELB_NAME = { load_balancer_name: ['aws_elb.web.name', 'aws_elb.web'] };

/** An SSLNegotiationPolicyType policy of the load balancer referencing `reference` (or with `attributes` as given). */
const policy = (reference: string | undefined, attributes?: { name: string; value: string }[]) =>
  res('aws_load_balancer_policy.tls', {
    load_balancer_name: 'web',
    policy_name: 'tls',
    policy_type_name: 'SSLNegotiationPolicyType',
    policy_attribute: attributes ?? [{ name: 'Reference-Security-Policy', value: reference }],
  }, { refs: ELB_NAME });
const listenerPolicy = (port: number, names: string[] = ['tls'], options: { unknown?: Record<string, unknown>; refs?: Record<string, string[]> } = {}) =>
  res('aws_load_balancer_listener_policy.p443', { load_balancer_name: 'web', load_balancer_port: port, policy_names: names }, {
    unknown: { id: true, ...options.unknown },
    refs: { ...ELB_NAME, policy_names: ['aws_load_balancer_policy.tls.policy_name', 'aws_load_balancer_policy.tls'], ...options.refs },
  });

ruleTable(rule, [
  {
    name: 'elb-classic-tls-policy: an HTTPS listener with ELBSecurityPolicy-TLS-1-2-2017-01 passes',
    plan: plan([elb([https, http]), policy('ELBSecurityPolicy-TLS-1-2-2017-01'), listenerPolicy(443)]),
    expect: { [E]: 'pass' },
  },
  {
    name: 'an HTTPS listener without a security policy fails: AWS gives it ELBSecurityPolicy-2016-08',
    plan: plan([elb([https])]),
    expect: { [E]: 'fail' },
    message: /listener on port 443 has no security policy, so it uses ELBSecurityPolicy-2016-08/,
  },
  {
    name: 'an older predefined policy fails',
    plan: plan([elb([https]), policy('ELBSecurityPolicy-2016-08'), listenerPolicy(443)]),
    expect: { [E]: 'fail' },
    message: /uses "ELBSecurityPolicy-2016-08" \(aws_load_balancer_policy\.tls\), not ELBSecurityPolicy-TLS-1-2-2017-01/,
  },
  {
    name: 'a custom policy fails: ELB.8 asks for a predefined one',
    plan: plan([elb([https]), policy(undefined, [{ name: 'Protocol-TLSv1.2', value: 'true' }, { name: 'ECDHE-RSA-AES128-GCM-SHA256', value: 'true' }]), listenerPolicy(443)]),
    expect: { [E]: 'fail' },
    message: /a custom policy/,
  },
  {
    name: 'a policy attached to another port leaves the listener without one: fail',
    plan: plan([elb([https]), policy('ELBSecurityPolicy-TLS-1-2-2017-01'), listenerPolicy(8443)]),
    expect: { [E]: 'fail' },
    message: /no security policy/,
  },
  {
    name: 'an aws_lb_ssl_negotiation_policy with the strong reference passes; with another fails',
    plan: plan([
      elb([https]),
      res('aws_lb_ssl_negotiation_policy.n', { name: 'n', load_balancer: 'web', lb_port: 443, attribute: [{ name: 'Reference-Security-Policy', value: 'ELBSecurityPolicy-TLS-1-2-2017-01' }] }, { refs: { load_balancer: ['aws_elb.web.id', 'aws_elb.web'] } }),
      res('aws_elb.old', { name: 'old', availability_zones: ['eu-west-1a'], listener: [https] }, { unknown: { arn: true, id: true } }),
      res('aws_lb_ssl_negotiation_policy.o', { name: 'o', load_balancer: 'old', lb_port: 443, attribute: [{ name: 'Reference-Security-Policy', value: 'ELBSecurityPolicy-2015-05' }] }, { refs: { load_balancer: ['aws_elb.old.id', 'aws_elb.old'] } }),
    ]),
    expect: { [E]: 'pass', 'aws_elb.old': 'fail' },
    message: /"ELBSecurityPolicy-2015-05" \(aws_lb_ssl_negotiation_policy\.o\)/,
  },
  {
    name: 'a policy whose reference is known only after apply is unknown',
    plan: plan([
      elb([https]),
      res('aws_load_balancer_policy.tls', { load_balancer_name: 'web', policy_name: 'tls', policy_type_name: 'SSLNegotiationPolicyType', policy_attribute: [{ name: 'Reference-Security-Policy' }] }, {
        unknown: { policy_attribute: [{ value: true }] },
        refs: { ...ELB_NAME, policy_attribute: ['var.policy'] },
      }),
      listenerPolicy(443),
    ]),
    expect: { [E]: 'unknown' },
    message: /known only after apply/,
  },
  {
    name: 'a listener policy whose load balancer is known only after apply makes a policy-less listener unknown',
    plan: plan([elb([https]), res('aws_load_balancer_listener_policy.p', { load_balancer_port: 443, policy_names: ['tls'] }, { unknown: { load_balancer_name: true }, refs: { load_balancer_name: ['var.elb'] } })]),
    expect: { [E]: 'unknown' },
    message: /cannot tell whether aws_load_balancer_listener_policy\.p set the security policy/,
  },
  {
    name: 'HTTP listeners are not judged here (elb-classic-listener-tls fails them); other types are not applicable',
    plan: plan([elb([http]), res('aws_lb_listener.l', { protocol: 'HTTPS', port: 443 })]),
    expect: { [E]: 'pass', 'aws_lb_listener.l': 'not-applicable' },
  },
]);

describe('elb-classic-tls-policy in .tf and cdk.tf.json', () => {
  const tf = (reference: string) => `resource "aws_elb" "web" {
  name               = "web"
  availability_zones = ["eu-west-1a"]
  listener {
    instance_port      = 8443
    instance_protocol  = "https"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111111111111:certificate/c"
  }
}
resource "aws_load_balancer_policy" "tls" {
  load_balancer_name = aws_elb.web.name
  policy_name        = "tls"
  policy_type_name   = "SSLNegotiationPolicyType"
  policy_attribute {
    name  = "Reference-Security-Policy"
    value = "${reference}"
  }
}
resource "aws_load_balancer_listener_policy" "p443" {
  load_balancer_name = aws_elb.web.name
  load_balancer_port = 443
  policy_names       = [aws_load_balancer_policy.tls.policy_name]
}
`;
  it.each([
    ['ELBSecurityPolicy-TLS-1-2-2017-01', 'pass'],
    ['ELBSecurityPolicy-TLS-1-1-2017-01', 'fail'],
  ])('.tf with %s is %s', async (reference, verdict) => {
    expect(worstByAddress(evaluateRule(rule, await tfGraph(tf(reference))))).toEqual({ [E]: verdict });
  });

  it('cdk.tf.json: a listener without a policy fails; one with the strong policy by literal names passes', () => {
    const listener = [{ instance_port: 8443, instance_protocol: 'https', lb_port: 443, lb_protocol: 'https', ssl_certificate_id: 'arn:aws:acm:eu-west-1:111111111111:certificate/c' }];
    const graph = cdktfGraph({
      aws_elb: { web: { name: 'web', listener }, bare: { name: 'bare', listener } },
      aws_load_balancer_policy: { tls: { load_balancer_name: 'web', policy_name: 'tls', policy_type_name: 'SSLNegotiationPolicyType', policy_attribute: [{ name: 'Reference-Security-Policy', value: 'ELBSecurityPolicy-TLS-1-2-2017-01' }] } },
      aws_load_balancer_listener_policy: { p443: { load_balancer_name: 'web', load_balancer_port: 443, policy_names: ['tls'] } },
    });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [E]: 'pass', 'aws_elb.bare': 'fail' });
  });
});
