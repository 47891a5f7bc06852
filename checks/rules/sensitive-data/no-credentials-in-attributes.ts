/**
 * No credential in clear in any string attribute: a URL with a password (`scheme://user:pass@host`)
 * or a secret in its query (`?token=`, `access_token=`, `X-Amz-Signature=`, `sig=`, `password=`),
 * an AWS access key id (and a secret access key beside it), a private key, a well-known token
 * (JWT, GitHub, Slack, Stripe, Google). Only shapes that are credentials beyond doubt count here;
 * tags and free-form fields, where personal data matters too, are the other sensitive-data rules'
 * business. A value Terraform marks sensitive is read only where the configuration writes it as a
 * literal: the plan's `configuration` block carries that literal in clear (and a `.tf` file or
 * cdk.tf.json holds it too), so the verdict is the same whichever form is checked.
 */
import type { ConfigNode, Resource } from '../../model/types';
import type { PathSeg } from '../../model/value';
import { detectAll, displayPath, fieldName, isFreeForm, isTags, sensitiveFinding, stringLeaves } from '../support/detect';
import { awsDoc } from '../support/references';
import { defineRule, notApplicable, pass } from '../types';

/** Attributes whose job is to name a credential: `aws_iam_access_key.id` is the access key id it creates. */
const BY_DESIGN: Readonly<Record<string, readonly string[]>> = { aws_iam_access_key: ['id'] };

/**
 * String literals the configuration writes into attributes whose values Terraform marks sensitive,
 * with the value path they land on. The values themselves are never read.
 */
function sensitiveLiterals(resource: Resource): { text: string; path: PathSeg[] }[] {
  const out: { text: string; path: PathSeg[] }[] = [];
  const constants = (value: unknown, path: PathSeg[]): void => {
    if (typeof value === 'string') {
      if (value.length > 0 && resource.values.get(...path).isSensitive) out.push({ text: value, path });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) constants(inner, [...path, Array.isArray(value) ? Number(key) : key]);
    }
  };
  const visit = (node: ConfigNode, path: PathSeg[]): void => {
    if (node.kind === 'expr') {
      if (node.hasConstant && resource.values.get(...path).isSensitive) constants(node.constant, path);
    } else if (node.kind === 'block') {
      for (const [key, inner] of Object.entries(node.attrs)) visit(inner, [...path, key]);
    } else {
      node.items.forEach((inner, i) => visit(inner, [...path, i]));
    }
  };
  if (resource.data.config) visit(resource.data.config, []);
  return out;
}

const byDesign = (resource: Resource, path: readonly PathSeg[]): boolean => path.length === 1 && (BY_DESIGN[resource.type] ?? []).includes(String(path[0]));

export default defineRule({
  id: 'no-credentials-in-attributes',
  title: 'No credentials in clear in attribute values',
  category: 'sensitive-data',
  severity: 'critical',
  rationale:
    'A password in a URL, a presigned URL, an access key in an environment variable or a private key in a template is in clear in the plan, the state, CI logs and every report built from them; anyone who can read one of those can use it.',
  remediation:
    'Revoke the credential. Keep secrets in AWS Secrets Manager or SSM Parameter Store (SecureString) and reference them (Lambda and ECS can read them at run time); pass what Terraform must know through a `sensitive = true` variable; give workloads IAM roles instead of access keys.',
  references: [
    awsDoc('AWS IAM: Security best practices (use temporary credentials, not long-term keys)', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html'),
    awsDoc('AWS Secrets Manager: what it is for', 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/intro.html'),
    awsDoc('Terraform: sensitive data in state and plans', 'https://developer.hashicorp.com/terraform/language/manage-sensitive-data'),
  ],
  appliesTo: '*',
  evaluate(resource, { settings }) {
    if (resource.mode !== 'managed') return notApplicable();
    const leaves = [
      ...stringLeaves(resource.values, isTags).map((leaf) => ({ text: leaf.raw as string, path: leaf.path })),
      ...sensitiveLiterals(resource),
    ].filter((leaf) => !isTags(leaf.path.slice(0, 1)) && !isFreeForm(leaf.path) && !byDesign(resource, leaf.path));
    const detections = detectAll(leaves.map((leaf) => ({ text: leaf.text, label: fieldName(leaf.path) })), { scope: 'credentials' });
    const outcomes = leaves.flatMap((leaf, i) => {
      if (detections[i].length === 0) return [];
      const path = displayPath(leaf.path, settings.sensitivePatterns);
      return [sensitiveFinding(`\`${path}\``, detections[i], { path })];
    });
    return outcomes.length > 0 ? outcomes : pass();
  },
});
