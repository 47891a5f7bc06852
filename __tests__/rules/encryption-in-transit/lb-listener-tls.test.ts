import rule from '../../../checks/rules/encryption-in-transit/lb-listener-tls';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const L = 'aws_lb_listener.front';
const LB_REF = { load_balancer_arn: ['aws_lb.front.arn', 'aws_lb.front'] };
const listener = (after: Record<string, unknown>, unknown: Record<string, unknown> = {}, address = L) =>
  res(address, { port: 443, ...after }, { unknown: { arn: true, id: true, load_balancer_arn: true, ...unknown }, refs: LB_REF });
const redirect = (protocol: string | null = 'HTTPS') => [{ type: 'redirect', redirect: [{ protocol, port: '443', status_code: 'HTTP_301' }] }];
const forward = [{ type: 'forward', target_group_arn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/0123456789abcdef' }];

ruleTable(rule, [
  { name: 'HTTPS with a TLS 1.3/1.2 policy passes', plan: plan([listener({ protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' })]), expect: { [L]: 'pass' } },
  { name: 'TLS (NLB) with a FIPS TLS 1.2 policy passes', plan: plan([listener({ protocol: 'TLS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04' })]), expect: { [L]: 'pass' } },
  { name: 'HTTPS with ELBSecurityPolicy-FS-1-2-Res-2020-10 passes', plan: plan([listener({ protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-FS-1-2-Res-2020-10' })]), expect: { [L]: 'pass' } },
  {
    name: 'an aws_alb_listener is checked the same way',
    plan: plan([listener({ protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-2016-08' }, {}, 'aws_alb_listener.front')]),
    expect: { 'aws_alb_listener.front': 'fail' },
  },
  ...['ELBSecurityPolicy-2016-08', 'ELBSecurityPolicy-TLS-1-1-2017-01', 'ELBSecurityPolicy-TLS13-1-0-2021-06', 'ELBSecurityPolicy-TLS13-1-1-2021-06', 'ELBSecurityPolicy-FS-2018-06', 'ELBSecurityPolicy-FS-1-1-2019-08'].map((policy) => ({
    name: `HTTPS with ${policy} (TLS 1.0/1.1) fails`,
    plan: plan([listener({ protocol: 'HTTPS', ssl_policy: policy })]),
    expect: { [L]: 'fail' as const },
    message: new RegExp(`ssl_policy "${policy}" is not a TLS 1.2\\+ security policy`),
  })),
  {
    name: 'HTTPS with ssl_policy left unset fails (the API default is ELBSecurityPolicy-2016-08)',
    plan: plan([listener({ protocol: 'HTTPS' }, { ssl_policy: true })]),
    expect: { [L]: 'fail' },
    message: /ssl_policy is not set/,
  },
  {
    name: 'an ssl_policy set from a variable and known only after apply is unknown',
    plan: plan([res(L, { protocol: 'HTTPS', port: 443 }, { unknown: { arn: true, ssl_policy: true }, refs: { ...LB_REF, ssl_policy: ['var.ssl_policy'] } })]),
    expect: { [L]: 'unknown' },
    message: /known only after apply/,
  },
  { name: 'HTTP that only redirects to HTTPS passes', plan: plan([listener({ protocol: 'HTTP', port: 80, default_action: redirect() })]), expect: { [L]: 'pass' } },
  {
    name: 'HTTP that forwards fails',
    plan: plan([listener({ protocol: 'HTTP', port: 80, default_action: forward })]),
    expect: { [L]: 'fail' },
    message: /serves plain HTTP: it has a "forward" action/,
  },
  {
    name: 'HTTP that redirects without protocol HTTPS fails',
    plan: plan([listener({ protocol: 'HTTP', port: 80, default_action: redirect('#{protocol}') })]),
    expect: { [L]: 'fail' },
    message: /redirects without `protocol = "HTTPS"`/,
  },
  {
    name: 'an HTTP listener whose listener rule forwards fails',
    plan: plan([
      listener({ protocol: 'HTTP', port: 80, default_action: redirect() }),
      res('aws_lb_listener_rule.api', { priority: 10, action: forward }, { unknown: { arn: true, listener_arn: true }, refs: { listener_arn: ['aws_lb_listener.front.arn', 'aws_lb_listener.front'] } }),
    ]),
    expect: { [L]: 'fail' },
    message: /listener rule aws_lb_listener_rule\.api serves plain HTTP/,
  },
  {
    name: 'an HTTP listener whose listener rules cannot be placed is unknown',
    plan: plan([
      listener({ protocol: 'HTTP', port: 80, default_action: redirect() }),
      res('aws_lb_listener_rule.api', { priority: 10, action: forward }, { unknown: { arn: true, listener_arn: true } }),
    ]),
    expect: { [L]: 'unknown' },
  },
  {
    name: 'a default action known only after apply is unknown',
    plan: plan([listener({ protocol: 'HTTP', port: 80 }, { default_action: true })]),
    expect: { [L]: 'unknown' },
  },
  { name: 'a TCP listener (pass-through) is not applicable', plan: plan([listener({ protocol: 'TCP', port: 5432 })]), expect: { [L]: 'not-applicable' } },
  {
    name: "a Network Load Balancer's QUIC or TCP_QUIC listener (QUIC passthrough, TLS 1.3 ended at the targets) is not applicable: it failed as a protocol that is not HTTPS or TLS",
    plan: plan([listener({ protocol: 'QUIC', default_action: forward }), listener({ protocol: 'tcp_quic', default_action: forward }, {}, 'aws_lb_listener.both')]),
    expect: { [L]: 'not-applicable', 'aws_lb_listener.both': 'not-applicable' },
  },
  // A Gateway Load Balancer's listener takes no protocol (the provider: "Not valid for Gateway Load Balancers"): GENEVE.
  {
    name: "a Gateway Load Balancer's listener, its protocol unset, is not applicable",
    plan: plan([res('aws_lb.front', { name: 'front', load_balancer_type: 'gateway' }, { unknown: { arn: true } }), listener({ port: null, default_action: forward }, { protocol: true })]),
    expect: { [L]: 'not-applicable' },
  },
  {
    name: "an application load balancer's listener, its protocol unset, is HTTP and fails a forward",
    plan: plan([res('aws_lb.front', { name: 'front', load_balancer_type: 'application' }, { unknown: { arn: true } }), listener({ port: 80, default_action: forward }, { protocol: true })]),
    expect: { [L]: 'fail' },
  },
  { name: 'other resource types are not applicable', plan: plan([res('aws_lb.front', { name: 'front' })]), expect: { 'aws_lb.front': 'not-applicable' } },
]);
