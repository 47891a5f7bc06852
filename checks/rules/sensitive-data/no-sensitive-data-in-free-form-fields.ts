/**
 * No personal data or secret in free-form fields — `name`, `description` and the like, at any depth
 * (a security group rule's `description` too), `…_description`, and the resource's own name called
 * after its type (`alarm_name`, `asset_name`: `isFreeForm`) — nor in tags nested in blocks, keys and values (a launch
 * template's `tag_specifications`, an instance's `root_block_device.0.tags`, an auto scaling group's `tag` blocks): email addresses, phone numbers, AWS keys, private
 * keys, tokens, long random strings, credentials in URLs, and the configured `sensitivePatterns`.
 * Values Terraform marks sensitive are not read; values known only after apply are produced by AWS
 * or other resources, not written in the code, and are not judged.
 */
import { detectAll, displayPath, fieldName, isFreeForm, resourceStrings, sensitiveFinding } from '../support/detect';
import { awsDoc } from '../support/references';
import { defineRule, notApplicable, pass } from '../types';

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
    const leaves = resourceStrings(resource, graph).filter((leaf) => isFreeForm(leaf.path, resource.type));
    const detections = detectAll(
      leaves.map((leaf) => ({ text: leaf.text, label: leaf.key ? 'tag key' : fieldName(leaf.path) })),
      { scope: 'all', patterns: settings.sensitivePatterns },
    );
    const outcomes = leaves.flatMap((leaf, i) => {
      if (detections[i].length === 0) return [];
      const path = displayPath(leaf.path, settings.sensitivePatterns);
      return [sensitiveFinding(leaf.key ? `Tag key \`${path}\`` : `\`${path}\``, detections[i], { path })];
    });
    return outcomes.length > 0 ? outcomes : pass();
  },
});
