/**
 * The AWS provider's default tags from the environment it runs in (provider 5.62):
 * `TF_AWS_DEFAULT_TAGS_<key>=<value>` gives every aws provider configuration the tag `<key>`, and
 * its `default_tags { tags = … }` win over them key by key (the provider's expandDefaultTags lays
 * the environment's first and copies the block's over them).
 *
 * Only the configuration loaders read them (.tf, cdk.tf.json), from the environment the check runs
 * in, as Terraform run there would: a plan's `tags_all` holds those of the environment it was made
 * in, which the check's environment need not be.
 *
 * `TF_AWS_IGNORE_TAGS_KEYS` and `TF_AWS_IGNORE_TAGS_KEY_PREFIXES` are read the same way: they add to
 * every configuration's `ignore_tags` (graph/tags.ts says what that does to a resource's tags).
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

export const IGNORE_TAGS_KEYS_VARIABLE = 'TF_AWS_IGNORE_TAGS_KEYS';
export const IGNORE_TAGS_KEY_PREFIXES_VARIABLE = 'TF_AWS_IGNORE_TAGS_KEY_PREFIXES';

/**
 * The tag keys and key prefixes `TF_AWS_IGNORE_TAGS_KEYS` and `TF_AWS_IGNORE_TAGS_KEY_PREFIXES`
 * (comma-separated, provider 5.x) add to the `ignore_tags` of every aws provider configuration, as
 * the provider's expandIgnoreTags reads them: each item trimmed, empty ones dropped. Undefined when
 * neither names any. Read, like the default tags above, only for configuration inputs.
 */
export function environmentIgnoreTags(env: Readonly<Record<string, string | undefined>>): EnvironmentIgnoreTags | undefined {
  const items = (name: string): string[] => (env[name] ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
  const keys = items(IGNORE_TAGS_KEYS_VARIABLE);
  const keyPrefixes = items(IGNORE_TAGS_KEY_PREFIXES_VARIABLE);
  return keys.length > 0 || keyPrefixes.length > 0 ? { keys, keyPrefixes } : undefined;
}

/** The keys and key prefixes the environment's `TF_AWS_IGNORE_TAGS_*` variables name. */
export interface EnvironmentIgnoreTags {
  readonly keys: readonly string[];
  readonly keyPrefixes: readonly string[];
}
