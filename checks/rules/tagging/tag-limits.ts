/**
 * Tags stay within the limits AWS enforces at apply time, so a plan that would fail to apply (or
 * that uses the prefix AWS reserves) is stopped at review: keys of 1 to 128 characters, values
 * of at most 256, no key starting with `aws:` (any case), at most 50 user tags per resource, on a
 * Route 53 hosted zone or health check at most 10, and on an S3 object at most 10 tags, their
 * lengths counted in UTF-16 code units (`OBJECT_LIMITS`);
 * on IAM and EFS resources, only the characters their APIs take (`TAG_CHARACTER`); on IAM users and
 * roles, no two keys that differ only in case (`CASE_BLIND`).
 */
import { AWS_TAGGABLE_TYPES } from '../../model/graph/aws-taggable-types';
import { type JudgedTags, tagsAttribute, tagSets } from '../../model/graph/tags';
import { displayPath, safeText } from '../support/detect';
import { awsDoc } from '../support/references';
import { defineRule, fail, notApplicable, pass, unknown, type Outcome } from '../types';
import { unknownTagsMessage } from '../support/unknown-tags';

const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 256;
const MAX_TAGS = 50;
/** S3 object tagging: at most 10 tags per object. */
const MAX_OBJECT_TAGS = 10;

/** What a resource's tags must keep to, and how the service counts their lengths. */
interface Limits {
  /** Who refuses more, in a message: `AWS`, `S3`. */
  readonly who: string;
  readonly maxTags: number;
  /** What carries them, in a message: `resource`, `object`. */
  readonly per: string;
  readonly length: (text: string) => number;
  /** What `length` counts, in a message. */
  readonly unit: string;
}

/** Tag Editor's limits: lengths in characters (code points), as AWS counts them. */
const RESOURCE_LIMITS: Limits = { who: 'AWS', maxTags: MAX_TAGS, per: 'resource', length: (text) => [...text].length, unit: 'characters' };

/**
 * Whether `text` is longer than `max` as `limits` count it. A text has no more code points than UTF-16
 * code units, so only one longer than `max` in code units is counted: `[...text]` made an array of
 * every key and value of every resource.
 */
const longerThan = (limits: Limits, text: string, max: number): boolean => text.length > max && limits.length(text) > max;

/**
 * An S3 object's: at most 10 tags, and S3 keeps object tags in UTF-16, so a character outside the
 * Basic Multilingual Plane (an emoji) takes two of the 128 or 256 (S3 user guide, "Managing object
 * tags"). The provider's `default_tags` reach objects too, through `tags_all` (hashicorp/terraform-provider-aws
 * #19895, #21273, #24692: an object with a few tags of its own fails at apply).
 */
const OBJECT_LIMITS: Limits = { who: 'S3', maxTags: MAX_OBJECT_TAGS, per: 'object', length: (text) => text.length, unit: 'UTF-16 code units' };

/**
 * A Route 53 hosted zone's or health check's: at most 10 tags (Route 53 API Reference,
 * ChangeTagsForResource: "You can add a maximum of 10 tags to a health check or a hosted zone"),
 * which the provider sends in one such call when it creates either; Cloud Control (awscc) makes the
 * same call with the `hosted_zone_tags` or `health_check_tags`.
 */
const route53Limits = (per: string): Limits => ({ ...RESOURCE_LIMITS, who: 'Route 53', maxTags: 10, per });

/** The aws provider's S3 object types, current and legacy. */
const S3_OBJECTS: ReadonlySet<string> = new Set(['aws_s3_object', 'aws_s3_object_copy', 'aws_s3_bucket_object']);

/** The types whose service allows fewer tags than 50, with its limits. */
const FEWER_TAGS: ReadonlyMap<string, Limits> = new Map([
  ...[...S3_OBJECTS].map((type): [string, Limits] => [type, OBJECT_LIMITS]),
  ['aws_route53_zone', route53Limits('hosted zone')],
  ['aws_route53_health_check', route53Limits('health check')],
  ['awscc_route53_hosted_zone', route53Limits('hosted zone')],
  ['awscc_route53_health_check', route53Limits('health check')],
]);

const reserved = (key: string): boolean => key.toLowerCase().startsWith('aws:');

/**
 * The characters a tag may hold where the service's API reference gives its `Tag` a pattern:
 * `[\p{L}\p{Z}\p{N}_.:/=+\-@]` for IAM (its Tag data type) and EFS (its Tag data type, and
 * CloudFormation's `ElasticFileSystemTag`). Other types are not judged by characters: the general
 * rule of Tag Editor's "Tag naming limits and requirements" (the same set) is advice that some
 * services go beyond (EC2 takes any character), and no per-type pattern was at hand to cite.
 */
const TAG_CHARACTER = /[\p{L}\p{Z}\p{N}_.:/=+\-@]/u;

/** The service whose tag pattern a type keeps to (`TAG_CHARACTER`), by type. */
const CHARACTERS_CHECKED: ReadonlyMap<string, string> = new Map([
  ...[
    // Every aws IAM type that takes tags (instance profiles, OIDC and SAML providers, policies, roles, server
    // certificates, service-linked roles, users, virtual MFA devices).
    ...[...AWS_TAGGABLE_TYPES].filter((type) => type.startsWith('aws_iam_')),
    // The awscc IAM types whose schema takes `tags` (the provider's docs): managed policies, groups and
    // instance profiles take none there.
    'awscc_iam_oidc_provider',
    'awscc_iam_role',
    'awscc_iam_saml_provider',
    'awscc_iam_server_certificate',
    'awscc_iam_user',
    'awscc_iam_virtual_mfa_device',
  ].map((type): [string, string] => [type, 'IAM']),
  ...['aws_efs_file_system', 'aws_efs_access_point', 'awscc_efs_file_system', 'awscc_efs_access_point'].map((type): [string, string] => [type, 'EFS']),
]);

/**
 * The types whose service does not tell tag keys apart by case: IAM users and roles (IAM User Guide,
 * "Tagging IAM resources", Case sensitivity: "Tag key values for IAM users and roles are not case
 * sensitive, but case is preserved. This means that you cannot have separate Department and
 * department tag keys"). `Environment` from `default_tags` beside the resource's own `environment`
 * is one key to IAM, which refuses the two together; other IAM types keep keys apart by case.
 */
const CASE_BLIND: ReadonlySet<string> = new Set(['aws_iam_role', 'aws_iam_user', 'awscc_iam_role', 'awscc_iam_user']);

/** Keys that differ only in case, in groups of two or more (in `keys`' order). */
function caseTwins(keys: readonly string[]): string[][] {
  const byFolded = new Map<string, string[]>();
  for (const key of keys) byFolded.set(key.toLowerCase(), [...(byFolded.get(key.toLowerCase()) ?? []), key]);
  return [...byFolded.values()].filter((group) => group.length > 1);
}

const ALLOWED_CHARACTERS = 'letters, numbers and spaces (in any script) and _ . : / = + - @ only';

/** The first character of `text` outside `TAG_CHARACTER`, as a message shows it: `"#" (U+0023)`, a control character by its code alone. */
function offending(text: string): string | undefined {
  let found: string | undefined;
  for (const ch of text) {
    if (TAG_CHARACTER.test(ch)) continue;
    found = ch;
    break;
  }
  if (found === undefined) return undefined;
  const code = `U+${(found.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  return /[\p{P}\p{S}]/u.test(found) ? `"${found}" (${code})` : code;
}

/** A limit one tag breaks: its verdict, and its message for the key as shown (masked, or hidden when its value is sensitive). */
interface Problem {
  readonly status: 'fail' | 'unknown';
  readonly text: (shownKey: string) => string;
}

/** How a message says a key or value holds a character `service` refuses: which one, unless the value is sensitive. */
const holds = (service: string | undefined, hidden: boolean, what: string | undefined): string =>
  hidden || what === undefined ? `holds a character ${service} does not take` : `holds ${what}, which ${service} does not take`;

/**
 * Adds to `into` the limits the tag `key` of `set` breaks, in the order its messages go. Most tags
 * break none, and then nothing is added: an array per limit for every key, and a sort of the keys of
 * every resource, were more than half of what the rule allocated on the 30k bench plan.
 */
function addProblems(into: Problem[], key: string, set: JudgedTags, limits: Limits, service: string | undefined): void {
  const value = set.tags[key];
  const { length, unit, who } = limits;
  const hidden = set.sensitiveKeys.includes(key);
  // Known values only; a value marked sensitive is judged, but neither it nor what it holds is shown.
  const inKey = service === undefined ? undefined : offending(key);
  const inValue = service === undefined || value === undefined ? undefined : offending(value);
  if (key.length === 0) into.push({ status: 'fail', text: () => `A tag key is empty; ${who} requires at least one character. Name the tag or remove it.` });
  if (longerThan(limits, key, MAX_KEY_LENGTH)) into.push({ status: 'fail', text: (k) => `Tag key ${k} is ${hidden ? 'longer than that' : `${length(key)} ${unit} long`}; ${who} allows at most ${MAX_KEY_LENGTH}. Shorten it.` });
  if (reserved(key)) into.push({ status: 'fail', text: (k) => `Tag key ${k} starts with "aws:", a prefix AWS reserves for its own tags. Rename it.` });
  if (value !== undefined && longerThan(limits, value, MAX_VALUE_LENGTH)) {
    into.push({ status: 'fail', text: (k) => `The value of tag ${k} is ${length(value)} ${unit} long; ${who} allows at most ${MAX_VALUE_LENGTH}. Shorten it.` });
  }
  if (inKey !== undefined) into.push({ status: 'fail', text: (k) => `Tag key ${k} ${holds(service, hidden, inKey)} in a tag: ${ALLOWED_CHARACTERS}. Rename it.` });
  if (inValue !== undefined) into.push({ status: 'fail', text: (k) => `The value of tag ${k} ${holds(service, hidden, inValue)} in a tag: ${ALLOWED_CHARACTERS}. Change the value.` });
  if (set.unknownValues.includes(key)) into.push({ status: 'unknown', text: (k) => `The value of tag ${k} is known only after apply, so the gate cannot vouch that it fits in ${MAX_VALUE_LENGTH} ${unit}. Write the value as a literal, or waive this finding where you know the value fits.` });
}

export default defineRule({
  id: 'tag-limits',
  title: 'Tags stay within the AWS tag limits',
  category: 'tagging',
  severity: 'low',
  rationale:
    'AWS rejects an empty tag key, a key longer than 128 characters, a value longer than 256, more than 50 user tags on a resource (10 on an S3 object, a Route 53 hosted zone or health check), keys with the reserved `aws:` prefix, on IAM and EFS resources characters other than letters, numbers, spaces and `_ . : / = + - @`, and on IAM users and roles two keys that differ only in case: such a plan fails at apply, often half-way through.',
  remediation: 'Name an empty key, shorten the key or value, drop tags beyond 50 (beyond 10 on an S3 object, a Route 53 hosted zone or health check, the provider\'s `default_tags` included), rename keys that start with `aws:` (the prefix is reserved for AWS), on IAM and EFS resources replace other characters (`#`, `,`, `;`, a line break) in keys and values, and on IAM users and roles keep one spelling of a key (not `Environment` and `environment`).',
  references: [
    awsDoc('AWS: Tag naming limits and requirements', 'https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html'),
    awsDoc('Amazon S3: Managing object tags (10 tags per object, lengths in UTF-16)', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/tagging-managing.html'),
    awsDoc('AWS IAM API Reference: Tag (key and value pattern)', 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html'),
    awsDoc('Amazon EFS API Reference: Tag (key and value pattern)', 'https://docs.aws.amazon.com/efs/latest/ug/API_Tag.html'),
    awsDoc('Amazon Route 53 API Reference: ChangeTagsForResource (10 tags per hosted zone or health check)', 'https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeTagsForResource.html'),
    awsDoc('IAM User Guide: Tagging IAM resources (case sensitivity of tag keys)', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html'),
  ],
  appliesTo: '*',
  evaluate(resource, { graph, settings }) {
    if (resource.mode !== 'managed') return notApplicable();
    const tags = graph.effectiveTags(resource);
    if (tags.status === 'not-taggable') return notApplicable();
    if (tags.status === 'unknown') {
      return unknown(unknownTagsMessage(tags, 'the AWS tag limits'), { path: tagsAttribute(resource.type) });
    }
    const limits = FEWER_TAGS.get(resource.type) ?? RESOURCE_LIMITS;
    const service = CHARACTERS_CHECKED.get(resource.type);
    const outcomes: Outcome[] = [];
    // A global table's replicas each hold their own set: a limit one breaks fails there, whatever the others hold.
    for (const set of tagSets(resource.type, tags)) {
      const on = set.replica === undefined ? '' : `On ${set.replica}: `;
      const per = set.replica === undefined ? limits.per : 'replica';
      const keys = [...new Set([...Object.keys(set.tags), ...set.unknownValues])];
      // The keys that break a limit, with their problems, told in the order of the keys: sorted only when some do.
      const broken: { readonly key: string; readonly problems: readonly Problem[] }[] = [];
      let problems: Problem[] = [];
      for (const key of keys) {
        addProblems(problems, key, set, limits, service);
        if (problems.length === 0) continue;
        broken.push({ key, problems });
        problems = [];
      }
      if (broken.length > 1) broken.sort((a, b) => (a.key < b.key ? -1 : 1));
      for (const { key, problems: found } of broken) {
        // Only a key with a problem is shown, masked if it holds personal data. A key whose value Terraform
        // marks sensitive is not shown at all: a map marked sensitive as a whole (`tags = var.tags`) hides its keys too.
        const hidden = set.sensitiveKeys.includes(key);
        const path = hidden || key.length === 0 ? set.path.join('.') : displayPath([...set.path, key], settings.sensitivePatterns);
        const shownKey = hidden ? '(one whose value is marked sensitive, not shown)' : `"${safeText(key, settings.sensitivePatterns)}"`;
        for (const problem of found) outcomes.push(problem.status === 'fail' ? fail(on + problem.text(shownKey), { path }) : unknown(on + problem.text(shownKey), { path }));
      }
      if (CASE_BLIND.has(resource.type)) {
        // In the order of the keys, as the message lists them.
        for (const twins of caseTwins([...keys].sort())) {
          const shown = twins.some((key) => set.sensitiveKeys.includes(key)) ? 'whose values are marked sensitive (not shown)' : twins.map((key) => `"${safeText(key, settings.sensitivePatterns)}"`).join(', ');
          outcomes.push(
            fail(`${on}Tag keys ${shown} differ only in case: IAM does not tell the tag keys of a user or role apart by case (they are one key to it), so it refuses them together. Keep one spelling (the provider's \`default_tags\` included).`, { path: set.path.join('.') }),
          );
        }
      }
      let userTags = 0;
      for (const key of keys) if (!reserved(key)) userTags++;
      if (userTags > limits.maxTags) {
        // An object's (a hosted zone's) own tags fit more often than not: say how many it inherits (the provider issues above).
        // An awscc resource inherits none (awscc has no `default_tags`).
        const own = resource.type.startsWith('aws_') ? resource.attr('tags').map() : undefined;
        const ownCount = own?.kind === 'known' ? Object.keys(own.value).length : own?.kind === 'absent' ? 0 : userTags;
        const inherited = limits !== RESOURCE_LIMITS && ownCount < userTags ? `, ${userTags - ownCount} of them not its own (the provider's \`default_tags\` reach ${limits.per}s too)` : '';
        outcomes.push(fail(`${on}The ${per} carries ${userTags} tags${inherited}; ${limits.who} allows at most ${limits.maxTags} per ${limits.per}. Remove some.`, { path: set.path.join('.') }));
      }
    }
    return outcomes.length > 0 ? outcomes : pass();
  },
});
