/** Reading `ConfigNode` trees: navigation by path, references, constants as a `ValueView`. */
import type { ConfigNode, ProviderData } from '../types';
import { noKnownValue, notEvaluatedReason } from '../not-evaluated';
import { record } from '../records';
import { type PathSeg, ValueView } from '../value';

/**
 * Where `path` leads: the node, and the rest of the path where it stops at an expression (the rest
 * goes on in that expression's value). A number on a single block is that block (cdk.tf.json writes
 * one block as an object); a name on a list of one block goes into it.
 */
export function configWalk(node: ConfigNode | undefined, path: readonly PathSeg[]): { readonly node: ConfigNode | undefined; readonly rest: readonly PathSeg[] } {
  let current = node;
  let at = 0;
  while (at < path.length && current !== undefined && current.kind !== 'expr') {
    const seg = path[at];
    if (current.kind === 'list' && typeof seg !== 'number') {
      current = current.items.length === 1 ? current.items[0] : undefined;
      continue;
    }
    at += 1;
    current = current.kind === 'block' ? (typeof seg === 'number' ? (seg === 0 ? current : undefined) : current.attrs[seg]) : current.items[seg as number];
  }
  return { node: current, rest: path.slice(at) };
}

/** The node at `path`; a path that goes below an expression stops at the expression (its references cover the whole value). */
export const configAt = (node: ConfigNode | undefined, path: readonly PathSeg[]): ConfigNode | undefined => configWalk(node, path).node;

/** The values the expression at `path` may take where it is not known (`ConfigNode.choices`). */
export function choicesAt(node: ConfigNode | undefined, path: readonly PathSeg[]): readonly unknown[] | undefined {
  const at = configAt(node, path);
  return at?.kind === 'expr' ? at.choices : undefined;
}

/**
 * Why the value at `path` is not known where it is not for being known only after apply, for a message: its code
 * calls a function twinguard does not evaluate (`ConfigNode.notEvaluated`: Terraform knows it at plan time), or reads
 * a root variable nothing sets (`ConfigNode.unsetVariables`: terraform plan asks for it, or refuses); undefined otherwise.
 */
export function notEvaluatedAt(node: ConfigNode | undefined, path: readonly PathSeg[]): string | undefined {
  const at = configAt(node, path);
  if (at?.kind !== 'expr') return undefined;
  if (at.notEvaluated !== undefined) return notEvaluatedReason(at.notEvaluated);
  return at.unsetVariables !== undefined ? noKnownValue(at.unsetVariables.map((variable) => `\`${variable}\``)) : undefined;
}

/**
 * Every reference under a node, in order, without repeats; `taken`: of a conditional whose condition the code fixes,
 * only the side it takes (`ConfigNode.taken`), what Terraform's value is made of.
 */
export function referencesIn(node: ConfigNode | undefined, taken = false): string[] {
  const out = new Set<string>();
  const walk = (n: ConfigNode | undefined): void => {
    if (n === undefined) return;
    if (n.kind === 'expr') for (const ref of (taken ? n.taken : undefined) ?? n.references) out.add(ref);
    else if (n.kind === 'block') for (const child of Object.values(n.attrs)) walk(child);
    else for (const item of n.items) walk(item);
  };
  walk(node);
  return [...out];
}

/** The constants of a configuration tree and the mask of its non-constant expressions. */
function constantsOf(node: ConfigNode): { raw: unknown; unknown: unknown } {
  if (node.kind === 'expr') return node.hasConstant ? { raw: node.constant, unknown: undefined } : { raw: undefined, unknown: true };
  if (node.kind === 'list') {
    const parts = node.items.map(constantsOf);
    return { raw: parts.map((p) => p.raw), unknown: parts.map((p) => p.unknown) };
  }
  const raw = record();
  const unknown = record();
  for (const [key, child] of Object.entries(node.attrs)) {
    const part = constantsOf(child);
    raw[key] = part.raw;
    unknown[key] = part.unknown;
  }
  return { raw, unknown };
}

/** A view of a configuration block's constants; expressions that are not constants are unknown. */
export function constantView(node: ConfigNode): ValueView {
  const { raw, unknown } = constantsOf(node);
  return new ValueView(raw, unknown);
}

/** True when the block has no attributes at all (`provider "aws" {}` or a plan's placeholder entry). */
export const isEmptyBlock = (node: ConfigNode): boolean => node.kind === 'block' && Object.keys(node.attrs).length === 0;

/** A provider block's settings: its planned values where a plan gives them, else its configuration's constants. */
export const providerValues = (data: ProviderData): ValueView => (data.values ? new ValueView(data.values.after, data.values.unknown) : constantView(data.config));
