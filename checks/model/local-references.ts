/**
 * A plan's configuration names a local by reference only (`bucket = local.bucket_id` is
 * `references: ["local.bucket_id"]`: a plan records no locals), so the graph cannot follow it to
 * the bucket. Where the code that made the plan is at hand (the gate's working directory), its
 * locals say what each one references, and the plan's references to them are replaced by those:
 * `local.bucket_id` becomes `aws_s3_bucket.b.id`, `aws_s3_bucket.b`, as a configuration loader
 * reads the same code. A local the code does not declare is left as written (unresolved).
 */
import { mapConfiguration } from './config-map';
import { localName } from './evaluate';
import { record } from './records';
import type { ConfigNode, LoadedInput, LocalValue } from './types';

/** The references of the local `name` in the module at configuration path `module`, when the code declares it. */
type Lookup = (module: string, name: string) => readonly string[] | undefined;

/** A lookup over the locals a configuration loader read. */
export function localLookup(locals: readonly LocalValue[]): Lookup {
  const byModule = new Map<string, Map<string, readonly string[]>>();
  for (const local of locals) {
    let names = byModule.get(local.module);
    if (!names) byModule.set(local.module, (names = new Map()));
    names.set(local.name, local.references);
  }
  return (module, name) => byModule.get(module)?.get(name);
}

/** `node` with its references to locals of `module` replaced; the same object when it has none. */
function expand(node: ConfigNode, module: string, lookup: Lookup, seen: Map<ConfigNode, ConfigNode>): ConfigNode {
  const done = seen.get(node);
  if (done) return done;
  let out: ConfigNode = node;
  if (node.kind === 'expr') {
    if (node.references.some((ref) => localName(ref) !== undefined)) {
      const references = [...new Set(node.references.flatMap((ref) => {
        const name = localName(ref);
        return (name !== undefined ? lookup(module, name) : undefined) ?? [ref];
      }))];
      out = { ...node, references };
    }
  } else if (node.kind === 'list') {
    const items = node.items.map((item) => expand(item, module, lookup, seen));
    if (items.some((item, i) => item !== node.items[i])) out = { kind: 'list', items };
  } else {
    const attrs = record<ConfigNode>();
    let changed = false;
    for (const [key, child] of Object.entries(node.attrs)) {
      attrs[key] = expand(child, module, lookup, seen);
      changed ||= attrs[key] !== child;
    }
    if (changed) out = { kind: 'block', attrs };
  }
  seen.set(node, out);
  return out;
}

/** `input` (a plan) with its configuration's references to locals replaced by what those locals reference. */
export function withLocalReferences(input: LoadedInput, lookup: Lookup): LoadedInput {
  // Per module path: the nodes already expanded there.
  const seen = new Map<string, Map<ConfigNode, ConfigNode>>();
  return mapConfiguration(input, (node, { module }) => {
    let memo = seen.get(module);
    if (!memo) seen.set(module, (memo = new Map()));
    return expand(node, module, lookup, memo);
  });
}
