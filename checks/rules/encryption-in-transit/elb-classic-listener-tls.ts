/**
 * Classic Load Balancer listeners terminate TLS: every `listener` of an `aws_elb` has `lb_protocol`
 * HTTPS or SSL (Security Hub ELB.3). A Classic Load Balancer cannot redirect HTTP to HTTPS, so an
 * HTTP listener serves plain HTTP, and a TCP listener passes whatever clients send; unlike a
 * Network Load Balancer's TCP listener, it could be an SSL listener instead. The security policy of
 * an HTTPS/SSL listener (aws_load_balancer_policy, ELB.8) is elb-classic-tls-policy's.
 */
import type { Resource } from '../../model/types';
import { awsDoc, configRule, securityHub } from '../support/references';
import { managedOnly } from '../support/verdict';
import { failed, outcomesOf, type Problem, shown, undecided } from '../support/findings';
import { defineRule } from '../types';

const TLS_PROTOCOLS = new Set(['HTTPS', 'SSL']);
const FIX = 'Set `lb_protocol = "HTTPS"` (or "SSL" for TCP traffic) with an ACM certificate in `ssl_certificate_id`, and remove listeners that serve HTTP or TCP.';

function problems(balancer: Resource): Problem[] {
  const view = balancer.attr('listener');
  const listeners = view.blocks();
  if (listeners.kind === 'unknown') return [undecided(`listener is known only after apply, so the gate cannot tell whether it uses TLS. ${FIX}`, view)];
  if (listeners.kind === 'absent') return [];
  return listeners.value.flatMap((listener): Problem[] => {
    const protocolView = listener.get('lb_protocol');
    const protocol = protocolView.string();
    const port = listener.get('lb_port').number();
    const where = port.kind === 'known' ? `the listener on port ${port.value}` : 'a listener';
    if (protocol.kind === 'unknown') return [undecided(`lb_protocol of ${where} is known only after apply. ${FIX}`, protocolView)];
    if (protocol.kind === 'known' && TLS_PROTOCOLS.has(protocol.value.toUpperCase())) return [];
    const what = protocol.kind === 'known' ? shown(protocolView, protocol.value) : 'not set';
    return [failed(`lb_protocol of ${where} is ${what}: clients talk to the load balancer without TLS. ${FIX}`, protocolView)];
  });
}

export default defineRule({
  id: 'elb-classic-listener-tls',
  title: 'Classic Load Balancer listeners use HTTPS or SSL',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'A Classic Load Balancer listener with `lb_protocol` HTTP or TCP carries requests, cookies and credentials in clear text. A Classic Load Balancer cannot redirect HTTP to HTTPS, so such a listener serves plain traffic.',
  remediation: FIX,
  references: [
    securityHub('ELB.3', 'Classic Load Balancer listeners should be configured with HTTPS or TLS termination'),
    configRule('elb-tls-https-listeners-only'),
    awsDoc('Listeners for your Classic Load Balancer', 'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-listener-config.html'),
  ],
  appliesTo: ['aws_elb'],
  evaluate: managedOnly((balancer) => outcomesOf(problems(balancer))),
});
