/**
 * A Classic Load Balancer's HTTPS and SSL listeners negotiate with the predefined security policy
 * ELBSecurityPolicy-TLS-1-2-2017-01 (Security Hub ELB.8): TLS 1.2 only. A listener's policy is an
 * `aws_load_balancer_policy` of type SSLNegotiationPolicyType named by the
 * `aws_load_balancer_listener_policy` of its port, or an `aws_lb_ssl_negotiation_policy` on its port;
 * the policy is predefined when its `Reference-Security-Policy` attribute names one. A listener with
 * neither gets ELBSecurityPolicy-2016-08, which allows TLS 1.0 and 1.1. Whether a listener uses TLS
 * at all is elb-classic-listener-tls's question; this rule judges the listeners that do.
 */
import type { Graph, Resource } from '../../model/types';
import type { ValueView } from '../../model/value';
import { failed, listed, outcomesOf, type Problem, shown, undecided } from '../support/findings';
import { awsDoc, configRule, securityHub } from '../support/references';
import { knownString } from '../support/s3';
import { managedOnly } from '../support/verdict';
import { defineRule } from '../types';

const STRONG = 'ELBSecurityPolicy-TLS-1-2-2017-01';
const TLS_PROTOCOLS = new Set(['HTTPS', 'SSL']);
const LISTENER_POLICY = 'aws_load_balancer_listener_policy';
const POLICY = 'aws_load_balancer_policy';
const NEGOTIATION_POLICY = 'aws_lb_ssl_negotiation_policy';
const FIX = `Attach an \`aws_load_balancer_policy\` with \`policy_type_name = "SSLNegotiationPolicyType"\` and \`policy_attribute { name = "Reference-Security-Policy", value = "${STRONG}" }\` to the listener's port with an \`aws_load_balancer_listener_policy\`.`;

/** Whether `resource`'s attribute `via` names `balancer`: by reference, or by its known name. `undefined`: cannot tell. */
function pointsAt(graph: Graph, resource: Resource, via: string, balancer: Resource): boolean | undefined {
  const target = graph.resolve(resource, [via], ['aws_elb']);
  if (target.status === 'resources') return target.partly ? (target.targets.includes(balancer) ? undefined : false) : target.targets.includes(balancer);
  if (target.status === 'absent') return false;
  const name = knownString(balancer.attr('name'));
  if (target.status === 'value') return name === undefined ? undefined : target.value === name;
  return undefined;
}

/** Whether a resource's port attribute is `port`. `undefined`: known only after apply. */
function onPort(resource: Resource, attribute: string, port: number): boolean | undefined {
  const value = resource.attr(attribute).number();
  return value.kind === 'known' ? value.value === port : value.kind === 'unknown' ? undefined : false;
}

/** The problem with a policy's attributes (`name`/`value` blocks), or none when it references the strong predefined policy. */
function attributeProblems(attributes: ValueView, owner: Resource, where: string): Problem[] {
  const blocks = attributes.blocks();
  if (blocks.kind === 'unknown') return [undecided(`the attributes of ${owner.address} are known only after apply. ${FIX}`, attributes)];
  const reference = (blocks.kind === 'known' ? blocks.value : []).find((attribute) => knownString(attribute.get('name')) === 'Reference-Security-Policy');
  if (reference === undefined) return [failed(`${where} uses ${owner.address}, a custom policy: Security Hub ELB.8 asks for the predefined ${STRONG}. ${FIX}`, attributes)];
  const valueView = reference.get('value');
  const value = valueView.string();
  if (value.kind === 'unknown') return [undecided(`the Reference-Security-Policy of ${owner.address} is known only after apply. ${FIX}`, valueView)];
  if (value.kind === 'known' && value.value === STRONG) return [];
  return [failed(`${where} uses ${value.kind === 'known' ? shown(valueView, value.value) : 'no named policy'} (${owner.address}), not ${STRONG}: it allows protocols or ciphers older than TLS 1.2. ${FIX}`, valueView)];
}

/** The problems of one HTTPS/SSL listener on `port`. */
function listenerProblems(graph: Graph, balancer: Resource, port: number): Problem[] {
  const where = `the listener on port ${port}`;
  const found: Problem[] = [];
  let policies = 0;
  const undetermined: string[] = [];
  const consider = (resource: Resource, via: string, portAttribute: string): boolean => {
    const at = pointsAt(graph, resource, via, balancer);
    const here = at === false ? false : onPort(resource, portAttribute, port);
    if (at === undefined || (at && here === undefined)) undetermined.push(resource.address);
    return at === true && here === true;
  };
  for (const listenerPolicy of graph.ofType(LISTENER_POLICY)) {
    if (listenerPolicy.mode === 'data' || !consider(listenerPolicy, 'load_balancer_name', 'load_balancer_port')) continue;
    const names = listenerPolicy.attr('policy_names').stringList();
    if (names.kind === 'unknown') {
      found.push(undecided(`the policy_names of ${listenerPolicy.address} are known only after apply. ${FIX}`));
      policies++;
      continue;
    }
    for (const policy of graph.ofType(POLICY)) {
      if (policy.mode === 'data' || pointsAt(graph, policy, 'load_balancer_name', balancer) === false) continue;
      const name = knownString(policy.attr('policy_name'));
      const byReference = listenerPolicy.references('policy_names').some((ref) => ref === policy.address || ref.startsWith(`${policy.address}.`));
      if (!byReference && (name === undefined || names.kind !== 'known' || !names.value.includes(name))) continue;
      if (knownString(policy.attr('policy_type_name')) !== 'SSLNegotiationPolicyType') continue;
      policies++;
      found.push(...attributeProblems(policy.attr('policy_attribute'), policy, where));
    }
  }
  for (const negotiation of graph.ofType(NEGOTIATION_POLICY)) {
    if (negotiation.mode === 'data' || !consider(negotiation, 'load_balancer', 'lb_port')) continue;
    policies++;
    found.push(...attributeProblems(negotiation.attr('attribute'), negotiation, where));
  }
  if (policies > 0) return found;
  if (undetermined.length > 0)
    return [undecided(`cannot tell whether ${listed(undetermined)} set the security policy of ${where} (their load balancer or port is known only after apply). ${FIX}`)];
  return [failed(`${where} has no security policy, so it uses ELBSecurityPolicy-2016-08, which allows TLS 1.0 and 1.1. ${FIX}`)];
}

function problems(graph: Graph, balancer: Resource): Problem[] {
  const listeners = balancer.attr('listener').blocks();
  if (listeners.kind !== 'known') return [];
  return listeners.value.flatMap((listener): Problem[] => {
    const protocol = knownString(listener.get('lb_protocol'))?.toUpperCase();
    // A listener without TLS, or whose protocol is not known, is elb-classic-listener-tls's finding.
    if (protocol === undefined || !TLS_PROTOCOLS.has(protocol)) return [];
    const portView = listener.get('lb_port');
    const port = portView.number();
    if (port.kind !== 'known') return [undecided(`lb_port of a TLS listener is known only after apply, so the gate cannot find its security policy. ${FIX}`, portView)];
    return listenerProblems(graph, balancer, port.value);
  });
}

export default defineRule({
  id: 'elb-classic-tls-policy',
  title: 'Classic Load Balancer TLS listeners use the TLS 1.2 security policy',
  category: 'encryption-in-transit',
  severity: 'medium',
  rationale: `An HTTPS or SSL listener negotiates with clients under its security policy. Without one it gets ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and 1.1; ${STRONG} accepts TLS 1.2 only, with strong ciphers.`,
  remediation: FIX,
  references: [
    securityHub('ELB.8', 'Classic Load Balancers with SSL listeners should use a predefined security policy that has strong AWS Configuration'),
    configRule('elb-predefined-security-policy-ssl-check'),
    awsDoc('SSL negotiation configurations for Classic Load Balancers', 'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-ssl-security-policy.html'),
    awsDoc('Predefined SSL security policies for Classic Load Balancers', 'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html'),
  ],
  appliesTo: ['aws_elb'],
  evaluate: managedOnly((balancer, { graph }) => outcomesOf(problems(graph, balancer))),
});
