/**
 * Load balancer listeners carry traffic over TLS 1.2 or later: an HTTPS or TLS listener names a
 * security policy without TLS 1.0/1.1, and an HTTP listener (with its listener rules) only
 * redirects to HTTPS. TCP, UDP, GENEVE, QUIC and TCP_QUIC listeners pass traffic through: TLS is
 * the targets' business, so the rule does not apply to them (a Network Load Balancer's QUIC
 * listeners, since November 2025, pass QUIC through to the targets, which terminate its TLS 1.3).
 */
import type { Graph, Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import { defineRule, notApplicable, type Outcome } from '../types';
import { awsDoc, securityHub } from '../support/references';
import { managedOnly } from '../support/verdict';
import { addresses, mayApply } from '../support/s3';
import { failed, outcomesOf, type Problem, shown, undecided, unsetButComputed } from '../support/findings';

const LISTENER_TYPES = ['aws_lb_listener', 'aws_alb_listener'];
const RULE_TYPES = ['aws_lb_listener_rule', 'aws_alb_listener_rule'];
const PASS_THROUGH = new Set(['TCP', 'UDP', 'TCP_UDP', 'GENEVE', 'QUIC', 'TCP_QUIC']);
const FIX_POLICY = 'Set `ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"` (or another TLS 1.2+ policy).';
const FIX_REDIRECT =
  'Make every action of the HTTP listener `type = "redirect"` with `redirect { protocol = "HTTPS", port = "443", status_code = "HTTP_301" }`.';

/**
 * ELB security policies whose minimum is TLS 1.2 or 1.3: `ELBSecurityPolicy-TLS13-1-2-…`,
 * `-TLS13-1-3-…`, `-TLS-1-2-…`, `-FS-1-2-…` (with their Res/Ext/FIPS/PQ variants). Every other
 * `ELBSecurityPolicy-*` (2016-08, 2015-05, TLS-1-0/1-1, TLS13-1-0/1-1, FS-2018-06, FS-1-1) admits TLS 1.0 or 1.1.
 */
const TLS12_ELB_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)-/;

function policyProblems(listener: Resource): Problem[] {
  const view = listener.attr('ssl_policy');
  const value = view.string();
  if (value.kind === 'known') {
    if (TLS12_ELB_POLICY.test(value.value)) return [];
    return [
      failed(
        `ssl_policy ${shown(view, value.value)} is not a TLS 1.2+ security policy: it admits TLS 1.0/1.1 or is not an ELB policy the gate knows. ${FIX_POLICY}`,
        view
      ),
    ];
  }
  if (unsetButComputed(listener, view, 'ssl_policy')) {
    return [failed(`ssl_policy is not set: AWS then applies ELBSecurityPolicy-2016-08, which admits TLS 1.0 and 1.1. ${FIX_POLICY}`, view)];
  }
  return [undecided(`ssl_policy is known only after apply, so the gate cannot vouch for its TLS versions. ${FIX_POLICY}`, view)];
}

/** Every action in `actions` (blocks of `default_action` or `action`) redirects to HTTPS. */
function redirectProblems(actions: ValueView, where: string): Problem[] {
  const blocks = actions.blocks();
  if (blocks.kind === 'unknown') return [undecided(`the actions of ${where} are known only after apply. ${FIX_REDIRECT}`, actions)];
  if (blocks.kind === 'absent' || blocks.value.length === 0) return [failed(`${where} has no action that redirects to HTTPS. ${FIX_REDIRECT}`, actions)];
  return blocks.value.flatMap((action): Problem[] => {
    const type = action.get('type').string();
    if (type.kind === 'unknown') return [undecided(`the action type of ${where} is known only after apply. ${FIX_REDIRECT}`, action)];
    if (type.kind !== 'known' || type.value !== 'redirect') {
      const what = type.kind === 'known' ? shown(action.get('type'), type.value) : 'an untyped';
      return [failed(`${where} serves plain HTTP: it has a ${what} action, not only a redirect to HTTPS. ${FIX_REDIRECT}`, action)];
    }
    const redirect = action.get('redirect').block();
    const target = redirect.kind === 'known' ? redirect.value.get('protocol').string() : redirect;
    if (target.kind === 'unknown') return [undecided(`the redirect protocol of ${where} is known only after apply. ${FIX_REDIRECT}`, action)];
    if (target.kind === 'known' && target.value.toUpperCase() === 'HTTPS') return [];
    return [failed(`${where} redirects without \`protocol = "HTTPS"\` (the default keeps HTTP). ${FIX_REDIRECT}`, action)];
  });
}

/** Listener rules attached to an HTTP listener must redirect to HTTPS too. */
function listenerRuleProblems(graph: Graph, listener: Resource): Problem[] {
  return RULE_TYPES.flatMap((type) => {
    const { linked, undetermined } = graph.attached(listener, type, 'listener_arn');
    const problems = linked.flatMap((rule) => redirectProblems(rule.attr('action'), `listener rule ${rule.address}`));
    if (undetermined.length > 0) {
      problems.push(
        undecided(
          `${mayApply(undetermined, (others) => `cannot tell whether ${addresses(others)} belong to this HTTP listener (their listener_arn is known only after apply)`)}; any of them may serve plain HTTP. ${FIX_REDIRECT}`
        )
      );
    }
    return problems;
  });
}

/**
 * Whether the listener is a Gateway Load Balancer's: its load balancer, of this input, says
 * `load_balancer_type = "gateway"`. Such a listener takes no protocol (GENEVE, pass-through).
 */
function ofGatewayLoadBalancer(listener: Resource, graph: Graph): boolean {
  const balancer = graph.resolve(listener, ['load_balancer_arn'], ['aws_lb', 'aws_alb']);
  const isGateway = (lb: Resource): boolean => {
    const type = lb.attr('load_balancer_type').string();
    return type.kind === 'known' && type.value === 'gateway';
  };
  return balancer.status === 'resources' && balancer.targets.length > 0 && balancer.targets.every(isGateway);
}

function evaluate(listener: Resource, graph: Graph): Outcome | Outcome[] {
  const view = listener.attr('protocol');
  const protocol = view.string();
  const unset = protocol.kind === 'absent' || unsetButComputed(listener, view, 'protocol');
  if (unset && ofGatewayLoadBalancer(listener, graph)) return notApplicable();
  if (protocol.kind === 'unknown' && !unset) {
    return outcomesOf([
      undecided('protocol is known only after apply, so the gate cannot tell whether the listener uses TLS. Set `protocol = "HTTPS"` (or "TLS").', view),
    ]);
  }
  // Unset, AWS creates an HTTP listener (a Gateway Load Balancer's: GENEVE, above).
  const name = protocol.kind === 'known' ? protocol.value.toUpperCase() : 'HTTP';
  if (PASS_THROUGH.has(name)) return notApplicable();
  if (name === 'HTTPS' || name === 'TLS') return outcomesOf(policyProblems(listener));
  if (name === 'HTTP') return outcomesOf([...redirectProblems(listener.attr('default_action'), 'the HTTP listener'), ...listenerRuleProblems(graph, listener)]);
  return outcomesOf([failed(`protocol "${name}" is not HTTPS or TLS. Set \`protocol = "HTTPS"\` (or "TLS") with a TLS 1.2+ ssl_policy.`, view)]);
}

export default defineRule({
  id: 'lb-listener-tls',
  title: 'Load balancer listeners use TLS 1.2+ or redirect HTTP to HTTPS',
  category: 'encryption-in-transit',
  severity: 'high',
  rationale:
    'A listener that serves plain HTTP, or accepts TLS 1.0/1.1, exposes requests and credentials on the network. HTTPS/TLS listeners need a TLS 1.2+ security policy; HTTP listeners may only redirect to HTTPS.',
  remediation:
    'HTTPS/TLS listener: set `ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"`. HTTP listener: make `default_action` (and the actions of its `aws_lb_listener_rule`s) a `redirect` with `protocol = "HTTPS"`.',
  references: [
    securityHub('ELB.1', 'Application Load Balancer should be configured to redirect all HTTP requests to HTTPS'),
    securityHub('ELB.17', 'Application and Network Load Balancers with listeners should use recommended security policies'),
    awsDoc(
      'Security policies for your Application Load Balancer',
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html'
    ),
  ],
  appliesTo: LISTENER_TYPES,
  evaluate: managedOnly((listener, { graph }) => evaluate(listener, graph)),
});
