/**
 * No personal data or secret in `for_each` keys: an instance key is part of the resource's address
 * (`aws_iam_user.dev["jane.roe@example.com"]`, `module.team["…"]`), which Terraform prints in every
 * plan and apply log, keeps in the state, and every report of a plan repeats. Keys of the resource
 * itself are reported on the resource; keys of the module instances it sits in, once, on the
 * module instance. A data source, an `ephemeral` block and an action have an address as a resource
 * has, which Terraform prints as it reads or runs them (`data.http.probe["…"]: Reading...`): their
 * keys are judged alike. Once found, the key is masked in every report twinguard writes, addresses
 * included.
 */
import { moduleAddress, parseBlockAddress, parseModuleAddress } from '../../model/graph/addresses';
import type { Graph } from '../../model/types';
import type { SensitivePattern } from '../../settings';
import { type Detection, detect, sensitiveFinding } from '../support/detect';
import { awsDoc } from '../support/references';
import { defineRule, notApplicable, pass, type Outcome } from '../types';

/** A key that holds something: the module instance it names (none for the resource's own key), the key, and what was found. */
interface Found {
  readonly address?: string;
  readonly key: string;
  readonly detections: readonly Detection[];
}

const searchKey = (key: string, patterns: readonly SensitivePattern[]): Detection[] => detect(key, { scope: 'all', patterns, label: 'for_each key' });

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
      const detections = typeof step.key === 'string' ? searchKey(step.key, patterns) : [];
      return detections.length > 0 ? [{ address: moduleAddress(steps.slice(0, i + 1)), key: step.key as string, detections }] : [];
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
    return judged(graph, resource.module, resource.index, settings.sensitivePatterns);
  },
  evaluateBlock(block, { graph, settings }) {
    const instance = parseBlockAddress(block.address);
    if (instance !== undefined) return judged(graph, moduleAddress(instance.module), instance.key, settings.sensitivePatterns);
    // An address no parser reads (a plan's action invocation writes any string): what it holds is searched whole.
    const detections = searchKey(block.address, settings.sensitivePatterns);
    return detections.length > 0 ? sensitiveFinding('The address of this block', detections, { path: '' }) : pass();
  },
});

/** The outcomes of an instance's keys: its own (`key`) and those of the module instances it sits in (`module`). */
function judged(graph: Graph, module: string, key: number | string | undefined, patterns: readonly SensitivePattern[]): Outcome | Outcome[] {
  const own = typeof key === 'string' ? searchKey(key, patterns) : [];
  const found = [...moduleKeys(graph, module, patterns), ...(own.length > 0 ? [{ key: key as string, detections: own }] : [])];
  // The whole key is masked, not only what was found in it: a short match inside a longer key
  // (`E1234` of `"E1234-x"`) is masked only as a whole key in an address (mask.ts, MIN_REDACT_LENGTH).
  const outcomes: Outcome[] = found.map(({ address, key: held, detections }) =>
    sensitiveFinding(`The for_each key of ${address ?? 'this instance'}`, detections, { path: '', ...(address ? { address } : {}), redact: [held] }),
  );
  return outcomes.length > 0 ? outcomes : pass();
}
