/**
 * EMR security configurations, shared by the at-rest and in-transit rules: one parse of a
 * configuration's JSON, and the security configuration a cluster launches with. A cluster takes
 * its encryption from the security configuration it names, so each rule judges the configuration
 * on its own address and a cluster by the configuration it names.
 */
import type { Graph, Resource } from '../../model/types';
import { own } from '../../model/records';
import { failed, outcomesOf, pathOf, undecided, type Problem } from './findings';
import { namedConfiguration, throughConfiguration } from './security-configuration';
import { managedOnly, setting } from './verdict';
import type { Outcome, ResourceRule } from '../types';
import { notApplicable } from '../types';

/** An EMR security configuration's `configuration`, read as a JSON object, or why it cannot be. */
export type EmrConfiguration =
  | { readonly kind: 'known'; readonly document: Readonly<Record<string, unknown>> }
  | { readonly kind: 'unknown'; readonly reason: string };

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function readConfiguration(graph: Graph, configuration: Resource): EmrConfiguration {
  const view = setting(configuration, 'configuration');
  // Known only after apply (a KMS key ARN of the same apply, say): the code, where the input has it,
  // still says which encryption it turns on; a value it cannot settle is a token, never a boolean.
  const text = view.isUnknown ? graph.codeString(configuration, view.path) : view.string();
  if (text.kind === 'unknown') return { kind: 'unknown', reason: '`configuration` is known only after apply' };
  if (text.kind === 'absent') return { kind: 'unknown', reason: '`configuration` is not set' };
  let document: unknown;
  try {
    document = JSON.parse(text.value);
  } catch {
    return { kind: 'unknown', reason: '`configuration` is not JSON (EMR refuses it)' };
  }
  return isObject(document) ? { kind: 'known', document } : { kind: 'unknown', reason: '`configuration` is not a JSON object (EMR refuses it)' };
}

/** The configuration's JSON, parsed once for both rules. */
const emrConfiguration = (graph: Graph, configuration: Resource): EmrConfiguration =>
  graph.recall(configuration, 'emr configuration', () => readConfiguration(graph, configuration));

/** The value at `path` of the JSON document, undefined where any step is missing or not an object. */
export function documentAt(document: Readonly<Record<string, unknown>>, ...path: string[]): unknown {
  let value: unknown = document;
  for (const key of path) {
    if (!isObject(value)) return undefined;
    value = own(value, key);
  }
  return value;
}

/** A boolean switch of the document: EMR reads JSON booleans only (a token of unsettled code is neither). */
export function documentFlag(document: Readonly<Record<string, unknown>>, ...path: string[]): 'on' | 'off' | 'unset' | 'other' {
  const value = documentAt(document, ...path);
  if (value === true) return 'on';
  if (value === false) return 'off';
  return value === undefined || value === null ? 'unset' : 'other';
}

/** What one rule asks of an EMR security configuration. */
export interface EmrJudge {
  /** What the rule vouches for, in a message: "at-rest encryption". */
  readonly what: string;
  readonly fix: string;
  /** The problems of a parsed configuration (messages name the JSON keys). */
  readonly judge: (document: Readonly<Record<string, unknown>>) => Problem[];
  /** Why a cluster with no security configuration fails. */
  readonly withoutConfiguration: string;
}

/** The problems of one security configuration of the input, reported on `configuration`. */
function configurationProblems(graph: Graph, configuration: Resource, spec: EmrJudge): Problem[] {
  const read = emrConfiguration(graph, configuration);
  const at = setting(configuration, 'configuration');
  if (read.kind === 'unknown') return [undecided(`${read.reason}, so the gate cannot vouch for ${spec.what}. ${spec.fix}`, at)];
  return spec.judge(read.document).map((problem) => ({ ...problem, path: pathOf(at) }));
}

/**
 * A cluster's problems: none without a security configuration is a failure (EMR then encrypts
 * nothing of what the rule asks); one of the input is judged and its problems told on the cluster;
 * one the gate cannot see (a name of an existing configuration, a value known only after apply
 * that no reference follows) is unknown.
 */
function clusterProblems(graph: Graph, cluster: Resource, spec: EmrJudge): Problem[] {
  const named = namedConfiguration(graph, cluster, 'aws_emr_security_configuration');
  if (named.kind === 'none') return [failed(`The cluster sets no \`security_configuration\`, so ${spec.withoutConfiguration}. ${spec.fix}`, named.view)];
  if (named.kind === 'unfollowed') {
    return [undecided(`\`security_configuration\` names no security configuration of the input the gate can follow, so it cannot vouch for ${spec.what}. Manage the configuration in the same input. ${spec.fix}`, named.view)];
  }
  return throughConfiguration(configurationProblems(graph, named.configuration, spec), named.configuration, pathOf(named.view));
}

/** The `evaluate` of an EMR rule: security configurations and clusters. */
export const emrEvaluate = (spec: EmrJudge): ResourceRule['evaluate'] =>
  managedOnly((resource, { graph }): Outcome | Outcome[] => {
    if (resource.type === 'aws_emr_security_configuration') return outcomesOf(configurationProblems(graph, resource, spec));
    if (resource.type === 'aws_emr_cluster') return outcomesOf(clusterProblems(graph, resource, spec));
    return notApplicable();
  });

export const EMR_TYPES = ['aws_emr_security_configuration', 'aws_emr_cluster'];
