/**
 * The service endpoints an `endpoints` setting overrides, as the aws and awscc providers, the s3 backend
 * and OpenTofu's aws_kms key provider write it: the aws provider's `endpoints` blocks (a set of blocks,
 * in a plan `[ { "s3": { "constant_value": … } } ]`: the provider reads every one), awscc's and the s3
 * backend's single nested attribute (`endpoints = { sts = … }`, one object), the key provider's block.
 */
import type { ValueView } from '../../model/value';

/** One service's endpoint (`name` is the service: `s3`, `sts`), or an `endpoints` block the input does not fix. */
export type EndpointEntry = { readonly kind: 'entry'; readonly name: string; readonly view: ValueView } | { readonly kind: 'unknown'; readonly view: ValueView };

/** Entries in name order, so that every loader reports them alike. */
const byName = (entries: Record<string, ValueView>): [string, ValueView][] => Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The entries of `endpoints`, block by block, each block's in name order; one `unknown` for the whole
 * setting, or for a block, whose entries a value the input does not fix gives (`endpoints = var.e`).
 * An entry may be absent or empty: the providers take either as not set.
 */
export function endpointEntries(endpoints: ValueView): EndpointEntry[] {
  const blocks = endpoints.blocks();
  if (blocks.kind === 'unknown') return [{ kind: 'unknown', view: endpoints }];
  if (blocks.kind === 'absent') return [];
  return blocks.value.flatMap((block): EndpointEntry[] => {
    const entries = block.map();
    if (entries.kind === 'unknown') return [{ kind: 'unknown', view: block }];
    return entries.kind === 'known' ? byName(entries.value).map(([name, view]) => ({ kind: 'entry', name, view })) : [];
  });
}
