/**
 * Every taggable resource carries the required tags (default `Environment`, `Owner`,
 * `DataClassification`) through its effective tags: `tags_all` when the plan knows it, otherwise
 * the resource's `tags` over its aws provider's `default_tags` (awscc resources: `tags` only; an Auto
 * Scaling group: its `tag` blocks only).
 * A tag whose value is known only after apply is present; an empty value, or one of whitespace alone
 * (`Owner = " "` names no owner either), is not. A key of the
 * provider's constant `default_tags` is present even where the resource's own tags are known only
 * after apply: they can replace its value, not remove it. So is a key those tags hold whatever their
 * unknown part (`merge(var.tags, { Owner = "team-a" })`: a later `merge` argument's keys, which the
 * variable cannot replace), judged with the value written there (empty fails; null sends no tag).
 * A required key the provider's `ignore_tags` names (or `TF_AWS_IGNORE_TAGS_*`) is unknown, whether
 * the code writes it or not: the provider sends it on create but never manages it after, so it may
 * be changed or removed outside Terraform (which is what ignore_tags is for), and a plan's `tags_all`
 * leaves it out. Failing it as missing would say what the plan does not show; passing it would vouch
 * for a tag Terraform does not keep.
 */
import { awsDoc } from '../support/references';
import { REQUIRED_TAGS_ID } from '../support/rule-ids';
import { tagSets, tagsAttribute, ownTagsShown } from '../../model/graph/tags';
import type { IgnoredBy } from '../../model/types';
import { defineRule, fail, notApplicable, type Outcome, pass, unknown } from '../types';
import { unknownTagsMessage } from '../support/unknown-tags';

const fixFor = (type: string, withoutDefaultTags: boolean): string =>
  withoutDefaultTags
    ? 'Set them in the resource\'s `tags`: its `override_provider { default_tags { tags = {} } }` keeps the provider\'s `default_tags` off it.'
    : type === 'aws_autoscaling_group'
    ? 'Set them in `tag { key = …, value = …, propagate_at_launch = true }` blocks: the provider\'s `default_tags` do not reach an Auto Scaling group (the `aws_default_tags` data source can feed them in a `dynamic "tag"` block).'
    : type.startsWith('awscc_')
      ? `Set them in ${ownTagsShown(type)} (awscc has no \`default_tags\`; a cdktf Aspect can add them to every awscc resource).`
      : 'Set them in `default_tags` of the aws provider so every resource gets them, or in the resource\'s `tags`.';

const list = (keys: readonly string[]): string => keys.map((k) => `"${k}"`).join(', ');

/** A set of tags as a rule reads it: a resource's (`JudgedTags`), or what unknown tags hold for certain (`TagsAtLeast`). */
interface HeldTags {
  readonly tags: Readonly<Record<string, string>>;
  readonly unknownValues: readonly string[];
  readonly sensitiveKeys: readonly string[];
}

/** `key` is in `set`, with a value known or not. */
const holds = (set: HeldTags, key: string): boolean => Object.hasOwn(set.tags, key) || set.unknownValues.includes(key) || set.sensitiveKeys.includes(key);

/** `key`'s known value in `set` is empty or only whitespace. */
const blankIn = (set: HeldTags, key: string): boolean => set.tags[key] !== undefined && set.tags[key].trim() === '';

/** What a set of tags lacks of the required keys (`missing`) and holds blank (`blank`, their values in `values`): "is missing the required tag "Owner" and has an empty value for "Environment""; undefined for nothing. */
function missingOrBlank(missing: readonly string[], blank: readonly string[], values: Readonly<Record<string, string>>): string | undefined {
  const empty = blank.filter((key) => values[key] === '');
  const whitespace = blank.filter((key) => values[key] !== '');
  const problems = [
    ...(missing.length > 0 ? [`is missing the required tag${missing.length > 1 ? 's' : ''} ${list(missing)}`] : []),
    ...(empty.length > 0 ? [`has an empty value for ${list(empty)}`] : []),
    ...(whitespace.length > 0 ? [`has a value of only whitespace for ${list(whitespace)}`] : []),
  ];
  return problems.length > 0 ? problems.join(' and ') : undefined;
}

/** The unknown for required keys `ignore_tags` names, or undefined when it names none. */
function ignoredRequired(required: readonly string[], ignoredBy: IgnoredBy | undefined) {
  // Most resources' providers ignore no tag: then no list of the ignored is made for each.
  if (ignoredBy === undefined) return undefined;
  const ignored = required.flatMap((key) => {
    const by = ignoredBy(key);
    return by === undefined ? [] : [`"${key}" (${by})`];
  });
  if (ignored.length === 0) return undefined;
  return unknown(
    `The provider ignores the required tag${ignored.length > 1 ? 's' : ''} ${ignored.join(', ')}: it sends such a tag when it creates the resource but never manages it after (it may be changed or removed outside Terraform, and tags_all leaves it out), so the gate cannot vouch for it. Take the key out of ignore_tags, or waive this finding where another system keeps the tag.`,
    { path: 'tags' },
  );
}

export default defineRule({
  id: REQUIRED_TAGS_ID,
  title: 'Resources carry the required tags',
  category: 'tagging',
  severity: 'medium',
  rationale:
    'Tags say which environment a resource belongs to, who owns it and how sensitive its data is: cost allocation, access control by tag (ABAC), incident response and data-handling rules depend on them.',
  remediation:
    'Set the required tags once in the aws provider\'s `default_tags { tags = { … } }` block (every aws resource inherits them through `tags_all`), and on awscc resources in their own `tags` (or where their type keeps them: an EFS file system\'s `file_system_tags`, the `tags` of each replica of a global table, a launch template\'s `tag_specifications` entry of resource type `launch-template`, an EC2 Fleet\'s of `fleet`, a Spot Fleet\'s `spot_fleet_request_config_data.tag_specifications` entry of `spot-fleet-request`). The list is `requiredTags` in the configuration file.',
  references: [
    awsDoc('AWS: Best practices for tagging AWS resources', 'https://docs.aws.amazon.com/whitepapers/latest/tagging-best-practices/tagging-best-practices.html'),
    awsDoc('Terraform AWS provider: resource tagging and default_tags', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/resource-tagging'),
  ],
  appliesTo: '*',
  offWhen: { setting: 'requiredTags', off: (settings) => settings.requiredTags.length === 0 },
  evaluate(resource, { graph, settings }) {
    if (resource.mode !== 'managed' || settings.requiredTags.length === 0) return notApplicable();
    const tags = graph.effectiveTags(resource);
    if (tags.status === 'not-taggable') return notApplicable();
    // A missing or blank key ignore_tags does not name fails, whatever the ignored ones turn out to be.
    const judged = tags.ignoredBy === undefined ? settings.requiredTags : settings.requiredTags.filter((key) => tags.ignoredBy?.(key) === undefined);
    if (tags.status === 'unknown') {
      const at = tags.atLeast;
      const present = (key: string): boolean => at !== undefined && holds(at, key);
      const blank = (key: string): boolean => at !== undefined && blankIn(at, key);
      // Settled whatever the unknown part is: a key a later `merge` argument writes (missing where it writes null and no
      // default tag gives it, blank where it writes blank).
      const fixed = judged.filter((key) => at?.fixed.has(key) === true);
      const problems = missingOrBlank(fixed.filter((key) => !present(key)), fixed.filter(blank), at?.tags ?? {});
      if (problems !== undefined) return fail(`The resource ${problems}. ${fixFor(resource.type, tags.withoutDefaultTags === true)}`, { path: tagsAttribute(resource.type) });
      // A key the provider's default_tags give a value: the resource's tags may replace the value, never remove the key.
      const open = settings.requiredTags.filter((key) => !present(key) || blank(key));
      if (open.length === 0) return ignoredRequired(settings.requiredTags, tags.ignoredBy) ?? pass();
      return unknown(unknownTagsMessage(tags, `the required tag${open.length > 1 ? 's' : ''} ${list(open)}`), { path: tagsAttribute(resource.type) });
    }
    // A global table's replicas each carry their own tags: a key is present on the table when every replica has it.
    const outcomes: Outcome[] = [];
    for (const set of tagSets(resource.type, tags)) {
      // Asked of the set's own parts, not of one set of all their keys made for every resource.
      // Most resources carry every required tag with a value: then no list of keys is made.
      if (judged.every((key) => holds(set, key) && !blankIn(set, key))) continue;
      const problems = missingOrBlank(
        judged.filter((key) => !holds(set, key)),
        judged.filter((key) => holds(set, key) && blankIn(set, key)),
        set.tags,
      );
      const who = set.replica === undefined ? 'The resource' : `${set.replica[0].toUpperCase()}${set.replica.slice(1)}`;
      outcomes.push(fail(`${who} ${problems}. ${fixFor(resource.type, tags.withoutDefaultTags === true)}`, { path: resource.type === 'aws_autoscaling_group' ? 'tag' : set.path.join('.') }));
    }
    return outcomes.length > 0 ? outcomes : ignoredRequired(settings.requiredTags, tags.ignoredBy) ?? pass();
  },
});
