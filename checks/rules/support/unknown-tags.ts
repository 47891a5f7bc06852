/**
 * The message of a tag rule whose resource's tags are not known: why, what the gate cannot vouch for, and what to do.
 */
import { notLoadedTold } from '../../model/graph/references';
import type { EffectiveTags } from '../../model/types';

/** How to follow tags a module not loaded gives: a plan holds them, and `terraform init` installs a remote module for .tf code. */
const FOLLOW_MODULE = 'Check a plan (`terraform show -json`) to follow them, or run `terraform init` so that twinguard reads the module from .tf code.';

/** `vouchFor`: what the rule cannot vouch for (`the AWS tag limits`). */
export function unknownTagsMessage(tags: Extract<EffectiveTags, { status: 'unknown' }>, vouchFor: string): string {
  if (tags.notLoaded !== undefined) return `The tags this resource will carry come from ${notLoadedTold(tags.notLoaded)}, so the gate cannot vouch for ${vouchFor}. ${FOLLOW_MODULE}`;
  return `The tags this resource will carry are known only after apply (${tags.reason}), so the gate cannot vouch for ${vouchFor}. Write the tags as literal values.`;
}
