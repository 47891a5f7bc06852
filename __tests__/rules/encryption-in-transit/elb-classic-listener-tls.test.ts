import rule from '../../../checks/rules/encryption-in-transit/elb-classic-listener-tls';
import { plan, res } from '../../helpers/plan-builder';
import { ruleTable } from '../../helpers/rule-table';

const E = 'aws_elb.web';
const https = { instance_port: 8443, instance_protocol: 'https', lb_port: 443, lb_protocol: 'https', ssl_certificate_id: 'arn:aws:acm:eu-west-1:111111111111:certificate/c' };
const ssl = { instance_port: 5000, instance_protocol: 'tcp', lb_port: 5443, lb_protocol: 'SSL', ssl_certificate_id: 'arn:aws:acm:eu-west-1:111111111111:certificate/c' };
const http = { instance_port: 80, instance_protocol: 'http', lb_port: 80, lb_protocol: 'http', ssl_certificate_id: '' };
const tcp = { instance_port: 5000, instance_protocol: 'tcp', lb_port: 5000, lb_protocol: 'tcp', ssl_certificate_id: '' };
const elb = (listener: unknown, unknown: Record<string, unknown> = {}) =>
  res(E, { name: 'web', availability_zones: ['eu-west-1a'], listener }, { unknown: { arn: true, id: true, dns_name: true, ...unknown } });

ruleTable(rule, [
  { name: 'elb-classic-listener-tls: HTTPS and SSL listeners pass', plan: plan([elb([https, ssl])]), expect: { [E]: 'pass' } },
  { name: 'an HTTP listener fails, beside an HTTPS one', plan: plan([elb([https, http])]), expect: { [E]: 'fail' }, message: /lb_protocol of the listener on port 80 is "http": clients talk to the load balancer without TLS/ },
  { name: 'a TCP listener fails: it could be an SSL listener', plan: plan([elb([tcp])]), expect: { [E]: 'fail' }, message: /is "tcp"/ },
  {
    name: 'a listener whose protocol is known only after apply is unknown',
    plan: plan([elb([{ ...https, lb_protocol: null }], { listener: [{ lb_protocol: true }] })]),
    expect: { [E]: 'unknown' },
    message: /known only after apply/,
  },
  { name: 'listeners known only after apply are unknown', plan: plan([elb(null, { listener: true })]), expect: { [E]: 'unknown' } },
  {
    name: 'a data source and the ELBv2 types are not applicable',
    plan: plan([res('data.aws_elb.old', { name: 'old', listener: [http] }, { actions: ['read'] }), res('aws_lb.alb', { name: 'alb', load_balancer_type: 'application' })]),
    expect: { 'data.aws_elb.old': 'not-applicable', 'aws_lb.alb': 'not-applicable' },
  },
]);
