/**
 * What an attribute that names another object leads to, as the rules that follow one link ask it:
 * the one resource of the input it names, or nothing they can judge by.
 */
import type { Resolution, Resource } from '../../model/types';

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
