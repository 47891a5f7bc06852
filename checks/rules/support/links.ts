/**
 * What an attribute that names another object leads to, as the rules that follow one link ask it:
 * the one resource of the input it names, or nothing they can judge by.
 */
import { entryOf } from '../../model/entry-of';
import type { Graph, Resolution, Resource } from '../../model/types';

/**
 * The one resource `resolution` leads to: undefined where it leads to several, to none, to a value,
 * or only partly to resources (another reference of the expression may make it something else).
 * With `mode`, the resource must also be of that mode: a data source is no resource of the input
 * whose configuration a rule can judge.
 */
export function soleTarget(resolution: Resolution, mode?: Resource['mode']): Resource | undefined {
  if (resolution.status !== 'resources' || resolution.partly || resolution.targets.length !== 1) return undefined;
  const [target] = resolution.targets;
  return mode === undefined || target.mode === mode ? target : undefined;
}

/** The attributes of data sources, by type, whose known values name what they read, and each value's spellings (default: itself). */
export interface ReadValues {
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  readonly forms?: (value: string) => readonly string[];
}

const READ = new WeakMap<Graph, Map<ReadValues, Map<string, Map<string, Resource[]>>>>();
const NONE: ReadonlyMap<string, readonly Resource[]> = new Map();

/**
 * The data sources of `input` that a plan read while planning, by each spelling of each known value of the
 * attributes `spec` names: where an attribute is set from one (`volume_id = data.aws_ebs_volume.old.id`), a plan
 * records the value it read, which names nothing of the input, and this says which data source read it. A data
 * source in code (`.tf`, cdk.tf.json) or read only at apply has no values and is in none. Indexed once per graph and
 * spec.
 */
export function dataSourcesRead(graph: Graph, input: string, spec: ReadValues): ReadonlyMap<string, readonly Resource[]> {
  const inputs = entryOf(entryOf(READ, graph, () => new Map()), spec, () => {
    const byInput = new Map<string, Map<string, Resource[]>>();
    for (const r of graph.resources) {
      const attributes = r.mode === 'data' ? spec.attributes[r.type] : undefined;
      if (attributes === undefined) continue;
      const byValue = entryOf(byInput, r.input, () => new Map<string, Resource[]>());
      for (const attribute of attributes) {
        const value = r.attr(attribute).string();
        if (value.kind !== 'known' || value.value === '') continue;
        for (const form of spec.forms?.(value.value) ?? [value.value]) {
          const list = entryOf(byValue, form, () => []);
          // `r`'s own entries are pushed together: one already in the list is its last.
          if (list[list.length - 1] !== r) list.push(r);
        }
      }
    }
    return byInput;
  });
  return inputs.get(input) ?? NONE;
}

/**
 * How a message says that a link's code makes its value from a resource by a function or a template, so it may name
 * another (`Resolution.made`: `lower(aws_iam_role.r.arn)`): `its code makes it from aws_iam_role.r by lower()`;
 * undefined for any other resolution.
 */
export const madeFrom = (resolution: Resolution): string | undefined =>
  resolution.status === 'unknown' && resolution.made !== undefined ? `its code makes it from ${resolution.made.from.address} by ${resolution.made.by}` : undefined;
