/**
 * The AWS provider's default tags from the environment it runs in (provider 5.62):
 * `TF_AWS_DEFAULT_TAGS_<key>=<value>` gives every aws provider configuration the tag `<key>`, and
 * its `default_tags { tags = … }` win over them key by key (the provider's expandDefaultTags lays
 * the environment's first and copies the block's over them).
 *
 * Only the configuration loaders read them (.tf, cdk.tf.json), from the environment the check runs
 * in, as Terraform run there would: a plan's `tags_all` holds those of the environment it was made
 * in, which the check's environment need not be.
 */
import { record } from './records';

export const DEFAULT_TAGS_VARIABLE_PREFIX = 'TF_AWS_DEFAULT_TAGS_';

/** The tags `TF_AWS_DEFAULT_TAGS_<key>` variables of `env` give, by key; undefined when none does. */
export function environmentDefaultTags(env: Readonly<Record<string, string | undefined>>): Readonly<Record<string, string>> | undefined {
  const tags = record<string>();
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith(DEFAULT_TAGS_VARIABLE_PREFIX) && name.length > DEFAULT_TAGS_VARIABLE_PREFIX.length && value !== undefined) tags[name.slice(DEFAULT_TAGS_VARIABLE_PREFIX.length)] = value;
  }
  return Object.keys(tags).length > 0 ? tags : undefined;
}
