/**
 * No personal data or secret in `for_each` keys: an instance key is part of the resource's address
 * (`aws_iam_user.dev["jane.roe@example.com"]`, `module.team["…"]`), which Terraform prints in every
 * plan and apply log, keeps in the state, and every report of a plan repeats. Keys of the resource
 * itself are reported on the resource; keys of the module instances it sits in, once, on the
 * module instance. A data source, an `ephemeral` block and an action have an address as a resource
 * has, which Terraform prints as it reads or runs them (`data.http.probe["…"]: Reading...`): their
 * keys are judged alike. The names in the address (the block's, each module call's) and a cdktf
 * construct path's ids are printed and kept alike (`aws_sqs_queue.rk_live_…`, `s1/sk_live_…/q`): judged
 * as keys are. A module call the loader did not read (a remote source) has no resource to carry its
 * name, which the coverage and every message that follows a reference into it print: judged on the
 * input, on the call. Once found, the key or name is masked in every report twinguard writes,
 * addresses included.
 */
import { callPath, moduleAddress, parseBlockAddress, parseModuleAddress } from '../../model/graph/addresses';
import type { Graph, LoadedInput } from '../../model/types';
import type { SensitivePattern } from '../../settings';
import { type Detection, detect, sensitiveFinding } from '../support/detect';
import { awsDoc } from '../support/references';
import { defineRule, notApplicable, pass, type Outcome } from '../types';

/**
 * A key or a name that holds something: the module instance it names (none for the resource's own), what it is as the
 * message opens (`The for_each key of`, `The name of`, `The construct path of`), the text masked whole, and what was found.
 */
interface Found {
  readonly address?: string;
  readonly what: string;
  readonly key: string;
  readonly detections: readonly Detection[];
}

const searchKey = (key: string, patterns: readonly SensitivePattern[]): Detection[] => detect(key, { scope: 'all', patterns, label: 'for_each key' });

/**
 * What a name holds (a block's, a module call's, a construct's id), once per check and name: every instance of a
 * block shares it, and names repeat across module instances.
 */
const NAMES = new WeakMap<Graph, Map<string, readonly Detection[]>>();

function searchName(graph: Graph, name: string, patterns: readonly SensitivePattern[]): readonly Detection[] {
  let byName = NAMES.get(graph);
  if (!byName) NAMES.set(graph, (byName = new Map()));
  let found = byName.get(name);
  if (!found) byName.set(name, (found = detect(name, { scope: 'all', patterns, label: 'name' })));
  return found;
}

/**
 * What the module instance keys of a module address hold, once per check (a graph; its settings do
 * not change): the resources of one module instance share it. Measured on the 100k bench plan,
 * whose resources sit in module instances: parsed and searched per resource, the rule took 557 ms.
 */
const MODULE_KEYS = new WeakMap<Graph, Map<string, readonly Found[]>>();

function moduleKeys(graph: Graph, module: string, patterns: readonly SensitivePattern[]): readonly Found[] {
  let byModule = MODULE_KEYS.get(graph);
  if (!byModule) MODULE_KEYS.set(graph, (byModule = new Map()));
  let found = byModule.get(module);
  if (!found) {
    const steps = parseModuleAddress(module);
    found = steps.flatMap((step, i) => {
      const address = moduleAddress(steps.slice(0, i + 1));
      const inName = searchName(graph, step.name, patterns);
      const detections = typeof step.key === 'string' ? searchKey(step.key, patterns) : [];
      return [
        ...(inName.length > 0 ? [{ address, what: 'The name of', key: step.name, detections: inName }] : []),
        ...(detections.length > 0 ? [{ address, what: 'The for_each key of', key: step.key as string, detections }] : []),
      ];
    });
    byModule.set(module, found);
  }
  return found;
}

export default defineRule({
  id: 'no-sensitive-data-in-instance-keys',
  title: 'for_each keys hold no personal data or secrets',
  category: 'sensitive-data',
  severity: 'medium',
  rationale:
    'A `for_each` key becomes part of the resource address: Terraform prints it in every plan and apply, CI keeps those logs, the state stores it, and every tool that reads the plan repeats it. A set of users keyed by email address spreads those addresses to everyone who can read a pipeline log.',
  remediation:
    'Key the instances by a user name, a team or an opaque id, and keep the personal detail (if it is needed at all) in an attribute marked sensitive. Extra patterns to catch go in `sensitivePatterns` of the configuration file.',
  references: [
    awsDoc('Terraform: the for_each meta-argument (instance keys in resource addresses)', 'https://developer.hashicorp.com/terraform/language/meta-arguments/for_each'),
    awsDoc('AWS IoT TwinMaker: Data protection', 'https://docs.aws.amazon.com/iot-twinmaker/latest/guide/data-protection.html'),
  ],
  appliesTo: '*',
  evaluate(resource, { graph, settings }) {
    // A data source is judged as a block (`evaluateBlock`), with the ephemeral blocks and actions.
    if (resource.mode !== 'managed') return notApplicable();
    return judged(graph, resource, settings.sensitivePatterns);
  },
  evaluateBlock(block, { graph, settings }) {
    const instance = parseBlockAddress(block.address);
    if (instance !== undefined) {
      const name = instance.block.slice(instance.block.lastIndexOf('.') + 1);
      return judged(graph, { module: moduleAddress(instance.module), name, index: instance.key, constructPath: block.constructPath }, settings.sensitivePatterns);
    }
    // An address no parser reads (a plan's action invocation writes any string): what it holds is searched whole.
    const detections = searchKey(block.address, settings.sensitivePatterns);
    return detections.length > 0 ? sensitiveFinding('The address of this block', detections, { path: '' }) : pass();
  },
  evaluateInput(input, { graph, settings }) {
    return notLoadedCalls(graph, input, settings.sensitivePatterns);
  },
});

/**
 * The names of the module calls of `input` its loader did not read, and of the calls they sit in: no resource of theirs
 * is judged. A call a resource sits in is reported by that resource too, in the same words (the findings merge).
 */
function notLoadedCalls(graph: Graph, input: LoadedInput, patterns: readonly SensitivePattern[]): Outcome[] {
  const found = input.moduleCalls.filter((call) => call.notLoaded !== undefined).flatMap((call) => moduleKeys(graph, callPath(call.parent, call.name), patterns));
  return found.map(toOutcome);
}

/** A finding on what `found` names (the instance judged where it names none), the key or name masked whole. */
const toOutcome = ({ address, what, key: held, detections }: Found): Outcome =>
  // The whole key or name is masked, not only what was found in it: a short match inside a longer key
  // (`E1234` of `"E1234-x"`) is masked only as a whole key in an address (mask.ts, MIN_REDACT_LENGTH).
  sensitiveFinding(`${what} ${address ?? 'this instance'}`, detections, { path: '', ...(address ? { address } : {}), redact: [held] });

/** An instance as this rule judges it: where it sits, its name, its key and its construct path. */
interface Instance {
  readonly module: string;
  readonly name: string;
  readonly index?: number | string;
  readonly constructPath?: string;
}

/**
 * The outcomes of an instance's keys and names: its own (`index`, `name`), those of the module instances it sits in
 * (`module`), and each id of its construct path.
 */
function judged(graph: Graph, { module, name, index, constructPath }: Instance, patterns: readonly SensitivePattern[]): Outcome | Outcome[] {
  const own = typeof index === 'string' ? searchKey(index, patterns) : [];
  const inName = searchName(graph, name, patterns);
  const inPath = (constructPath ?? '').split('/').flatMap((id): Found[] => {
    const detections = id === '' || id === name ? [] : searchName(graph, id, patterns);
    return detections.length > 0 ? [{ what: 'The construct path of', key: id, detections }] : [];
  });
  const found: Found[] = [
    ...moduleKeys(graph, module, patterns),
    ...(inName.length > 0 ? [{ what: 'The name of', key: name, detections: inName }] : []),
    ...(own.length > 0 ? [{ what: 'The for_each key of', key: index as string, detections: own }] : []),
    ...inPath,
  ];
  const outcomes: Outcome[] = found.map(toOutcome);
  return outcomes.length > 0 ? outcomes : pass();
}
