/**
 * No personal data or secret in free-form fields — `name`, `description` and the like, at any depth
 * (a security group rule's `description` too), `…_description`, and the resource's own name called
 * after its type (`alarm_name`, `asset_name`: `isFreeForm`) — nor in tags nested in blocks, keys and values (a launch
 * template's `tag_specifications`, an instance's `root_block_device.0.tags`, an auto scaling group's `tag` blocks): email addresses, phone numbers, AWS keys, private
 * keys, tokens, long random strings, credentials in URLs, and the configured `sensitivePatterns`.
 * Values Terraform marks sensitive are not read; values known only after apply are produced by AWS
 * or other resources, not written in the code, and are not judged. But a map the code writes with a
 * key known only after apply (`description = jsonencode({ "${var.p}" = "…" })`) is known only after
 * apply whole while each of its values is written in the code: those are searched
 * (`unknownMapStrings`; .tf, cdk.tf.json, a plan read with `--code`), under their key where the code fixes it.
 */
import { byPlace, CREDENTIALS, detectAll, displayPath, fieldName, fromUnknownMap, isFreeForm, mayFind, resourceStrings, sensitiveFinding, unknownMapStrings, droppedLiteralStrings, isDropped, type UnknownMapString, withoutRepeats, writtenWhere } from '../support/detect';
import type { StringLeaf } from '../../model/value';
import { awsDoc } from '../support/references';
import { defineRule, notApplicable, pass } from '../types';

/** Stands for a key known only after apply in a path: it names no field. */
const UNKNOWN_KEY = '\u0000';

/**
 * Whether a value written in a map known only after apply is in a free-form field: the map is one, or is
 * inside one (`description = jsonencode({ "${var.p}" = { owner = "…" } })`: the whole text is the description),
 * or the value sits, under its key, in a nested tag map (`root_block_device.0.tags`, `rule.0.recovery_point_tags`).
 */
function inFreeForm(leaf: UnknownMapString, type: string): boolean {
  const path = leaf.unknownKey ? [...leaf.path, UNKNOWN_KEY] : leaf.path;
  return path.some((_, i) => isFreeForm(path.slice(0, i + 1), type));
}

/** The name a string is searched under: its own key in a map known only after apply, `tag key` for a nested tag's key, else its field's. */
const labelOf = (leaf: StringLeaf | UnknownMapString): string | undefined => (fromUnknownMap(leaf) ? leaf.label : leaf.key ? 'tag key' : fieldName(leaf.path));

export default defineRule({
  id: 'no-sensitive-data-in-free-form-fields',
  title: 'Names, descriptions and other free-form fields hold no personal data or secrets',
  category: 'sensitive-data',
  severity: 'high',
  rationale:
    'Names and descriptions show up in consoles, ARNs, CloudTrail events, billing reports and API listings that many more people can read than the data itself. AWS advises never to put confidential or sensitive information, such as customers\' email addresses, into free-form fields such as a Name field.',
  remediation:
    'Rewrite the name or description without the personal datum or secret (name a team, a role or an id); move credentials to AWS Secrets Manager. Extra patterns to catch go in `sensitivePatterns` of the configuration file.',
  references: [
    awsDoc('AWS IoT TwinMaker: Data protection', 'https://docs.aws.amazon.com/iot-twinmaker/latest/guide/data-protection.html'),
    awsDoc('AWS IAM: Data protection (no sensitive data in tags or free-form fields)', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/security-data-protection.html'),
  ],
  appliesTo: '*',
  evaluate(resource, { graph, settings }) {
    if (resource.mode !== 'managed') return notApplicable();
    const strings = resourceStrings(resource, graph);
    const inField = (leaf: StringLeaf): boolean => isFreeForm(leaf.path, resource.type);
    const all = { scope: 'all', patterns: settings.sensitivePatterns } as const;
    // Most resources hold nothing a detector could report (`mayFind`, the test `detectAll` makes of each text): then there
    // is nothing to find or place. Most configurations write no map known only after apply and no literal a value drops: then
    // that is told from the values' strings alone, and no array of them is made.
    const mayFindIn = (leaf: StringLeaf | UnknownMapString): boolean => mayFind(leaf.text, labelOf(leaf), all);
    const unknownMaps = resource.data.config ? unknownMapStrings(resource.data.config) : [];
    const droppedAll = resource.data.config ? droppedLiteralStrings(resource.data.config) : [];
    if (unknownMaps.length === 0 && droppedAll.length === 0 && !strings.some((leaf) => inField(leaf) && mayFindIn(leaf))) return pass();
    const known = strings.filter(inField);
    // A map written with a key known only after apply (`description = jsonencode({ "${var.p}" = "…" })`) is unknown whole,
    // yet each value in it is written in the code; one the plan knows after all is searched there, once.
    // Most configurations write no such map: then the known texts are not gathered (a Set per resource).
    const texts = unknownMaps.length > 0 ? new Set(known.map((leaf) => leaf.text)) : undefined;
    const written = unknownMaps.filter((leaf) => inFreeForm(leaf, resource.type) && !texts?.has(leaf.text));
    // The literal text a known value does not keep (`description = var.flag ? "AKIA…" : "x"`): in clear in the repository, not in a
    // console; searched for credentials, by its shape alone (no-credentials-in-attributes leaves free-form fields to this rule).
    const dropped = droppedAll.filter((leaf) => inFreeForm(leaf, resource.type));
    if (!known.some(mayFindIn) && !written.some(mayFindIn) && !dropped.some((leaf) => mayFind(leaf.text, undefined, CREDENTIALS))) return pass();
    const leaves: (StringLeaf | UnknownMapString)[] = [...known, ...written, ...dropped];
    const detections = withoutRepeats(leaves, [
      ...detectAll([...known, ...written].map((leaf) => ({ text: leaf.text, label: labelOf(leaf) })), all),
      ...(dropped.length === 0 ? [] : detectAll(dropped.map((leaf) => ({ text: leaf.text, label: undefined })), CREDENTIALS)),
    ]);
    // One finding per path: the values under keys not known of one map share its path.
    const places = byPlace(leaves, (_, i) => detections[i], (leaf) => JSON.stringify([fromUnknownMap(leaf) ? leaf.unknownKey : leaf.key === true, isDropped(leaf), leaf.path]));
    const outcomes = places.map(({ leaf, found }) => {
      const path = displayPath(leaf.path, settings.sensitivePatterns);
      const where = fromUnknownMap(leaf) ? writtenWhere(leaf, path) : leaf.key ? `Tag key \`${path}\`` : `\`${path}\``;
      return sensitiveFinding(where, found, { path });
    });
    return outcomes.length > 0 ? outcomes : pass();
  },
});
