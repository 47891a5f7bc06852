/**
 * No credential in clear in any string attribute: a URL with a password (`scheme://user:pass@host`)
 * or a secret in its query (`?token=`, `access_token=`, `X-Amz-Signature=`, `sig=`, `password=`),
 * an AWS access key id (and a secret access key beside it), a private key, a well-known token
 * (JWT, GitHub, GitLab, Slack, Stripe, Google, SendGrid, npm, OpenAI), an HTTP header's credentials (`Authorization: Bearer …`,
 * an `X-API-Key` header's value), a credential after its name in text (`Password=…;` of a
 * connection string): shapes that are credentials beyond doubt. And, whatever its
 * shape, what the code writes where a credential goes (`password = "…"`, a SecureString's value:
 * `writtenCredentials`). Tags and free-form fields, where personal data matters too, are the other
 * sensitive-data rules' business. A value Terraform marks sensitive is read only where the configuration writes it as a
 * literal: the plan's `configuration` block carries that literal in clear (and a `.tf` file or
 * cdk.tf.json holds it too), so the verdict is the same whichever form is checked.
 *
 * What the code writes is code whatever block holds it: the arguments of data sources, `ephemeral`
 * blocks and actions are searched too (`evaluateBlock`), never what a data source reads.
 *
 * A map written with a key known only after apply (`variables = { "${var.project}_ID" = "AKIA…" }`,
 * `jsonencode({ "${var.project}_KEY" = "…" })`) is known only after apply whole, as Terraform has it,
 * and a plan shows none of its values; the values its code writes are searched all the same
 * (`unknownMapStrings`, at any depth): for credential shapes, and by name under a key the code fixes;
 * a key not known names nothing, so only a value's shape can find a credential there.
 *
 * A value known at plan time keeps only part of what its expression writes (`var.flag ? "AKIA…" : "x"`, `lower("AKIA…")`):
 * the rest is the code's, in clear in the repository whatever the value becomes, and is searched by its shape alone
 * (`droppedLiteralStrings`), a tag's too; once per attribute, where its value holds it if it does.
 */
import { base64Utf8 } from '../../model/evaluate';
import { configAt } from '../../model/graph/config';
import { ownTagsAt } from '../../model/graph/tags';
import type { ConfigNode, Resource } from '../../model/types';
import type { PathSeg } from '../../model/value';
import {
  byFieldName,
  detectAll,
  displayPath,
  fieldName,
  isFreeForm,
  isSingleTag,
  isTags,
  labelAt,
  listedAt,
  literalOf,
  mayFind,
  namesCredential,
  resourceStrings,
  sensitiveConfigLiterals,
  sensitiveFinding,
  startsInTags,
  writtenCredential,
  writtenConstants,
  writtenCredentials,
  writtenCredentialsIn,
  unknownMapStrings,
  droppedLiteralStrings,
  isDropped,
  byPlace,
  CREDENTIALS,
  fromUnknownMap,
  writtenWhere,
  withoutRepeats,
  type UnknownMapString,
  type WrittenLeaf,
  type WrittenString,
} from '../support/detect';
import { awsDoc } from '../support/references';
import { defineRule, notApplicable, type Outcome, pass } from '../types';
import type { Settings } from '../../settings';

/** A connection block's keys that are public: the host key it verifies the server with, a signed certificate, a CA. */
const PUBLIC_KEYS: ReadonlySet<string> = new Set(['host_key', 'bastion_host_key', 'certificate', 'bastion_certificate', 'cacert']);

/** Attributes whose job is to name a credential: `aws_iam_access_key.id` is the access key id it creates. */
const BY_DESIGN: Readonly<Record<string, readonly string[]>> = { aws_iam_access_key: ['id'] };

const byDesign = (resource: Resource, path: readonly PathSeg[]): boolean => path.length === 1 && (BY_DESIGN[resource.type] ?? []).includes(String(path[0]));

/**
 * Arguments the AWS provider keeps as the SHA-1 of their text (`user_data` of an instance, a spot
 * instance request, a launch configuration): a plan shows the hash, and the text is the
 * configuration's literal (`terraform show -json` writes it in clear there).
 */
const HASHED: Readonly<Record<string, string>> = { aws_instance: 'user_data', aws_spot_instance_request: 'user_data', aws_launch_configuration: 'user_data' };

/** The configuration's literal of a hashed argument whose value is its hash, with the path it lands on. */
function hashedConfigLiterals(resource: Resource): { text: string; path: PathSeg[] }[] {
  const name = HASHED[resource.type];
  const value = name === undefined ? undefined : resource.values.get(name).string();
  if (value?.kind !== 'known' || !/^[0-9a-f]{40}$/.test(value.value) || !resource.data.config) return [];
  return writtenConstants(resource.data.config, (path) => path[0] === name);
}

/**
 * Fields that hold text base64-encoded: an instance's user data (a launch template's `user_data`,
 * `user_data_base64`, awscc `UserData`) and an S3 object's body (`content_base64`).
 */
const USER_DATA = new Set(['userdata', 'userdatabase64', 'contentbase64']);

/**
 * The text of user data or an object's body written base64-encoded (`base64encode(local.user_data)`):
 * what the instance or the reader gets, in clear to anyone who can decode the plan. Undefined for a
 * field of another kind, or a value that is not padded base64 of UTF-8 text.
 */
function decodedUserData(path: readonly PathSeg[], text: string): string | undefined {
  // Every string of every resource comes here: the length first, then the field, then the text.
  if (text.length < 8 || text.length % 4 !== 0 || !isUserDataField(fieldName(path) ?? '')) return undefined;
  return base64Utf8(text);
}

/** Whether a field name, in lower case and without underscores, is one of `USER_DATA`. */
const isUserDataField = byFieldName((field) => USER_DATA.has(field.toLowerCase().replace(/_/g, '')));

/**
 * Arguments that hold a credential by their resource's type, not their name: an API Gateway key's
 * `value`, a SecureString parameter's `value` or write-only `value_wo` (a String parameter's is configuration).
 */
function typedCredentials(resource: Resource): (WrittenString & { readonly what: string })[] {
  const type = resource.type === 'aws_ssm_parameter' ? resource.values.get('type').string() : undefined;
  const secureString = type?.kind === 'known' && type.value === 'SecureString';
  if (resource.type !== 'aws_api_gateway_api_key' && !secureString) return [];
  return (secureString ? ['value', 'value_wo'] : ['value']).flatMap((name) => {
    const node = configAt(resource.data.config, [name]);
    const text = literalOf(node);
    const what = secureString ? "a SecureString parameter's value" : 'an API key';
    return typeof text === 'string' ? [{ text, path: [name], what, ...(node?.kind === 'expr' && node.computed === true ? { elsewhere: true as const } : {}) }] : [];
  });
}

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
  evaluate(resource, { graph, settings }) {
    if (resource.mode !== 'managed') return notApplicable();
    const provisioned = resource.data.provisioners ? [...writtenConstants(resource.data.provisioners, undefined, true), ...codeStrings(resource.data.provisioners)] : [];
    const unknownMaps = resource.data.config ? codeStrings(resource.data.config) : [];
    const more = [...sensitiveConfigLiterals(resource), ...hashedConfigLiterals(resource), ...unknownMaps, ...provisioned];
    // Most resources have only their values' strings: then they are not copied, nor filtered where no attribute names a credential by design.
    const strings = more.length === 0 ? resourceStrings(resource, graph) : [...resourceStrings(resource, graph), ...more];
    const leaves = BY_DESIGN[resource.type] === undefined ? strings : strings.filter((leaf) => !byDesign(resource, leaf.path));
    // By name, the AWS providers' arguments only: other providers name secrets (not their values) so (`secret_key_ref.secret`).
    const byName = isAws(resource.type) ? writtenCredentials(resource) : [];
    // A provisioner's or connection's argument named as a credential (`connection { password = "…" }`): Terraform's own.
    const provisionerNamed = provisioned.filter((leaf) => namesCredential(fieldName(leaf.path)) && !PUBLIC_KEYS.has(fieldName(leaf.path) ?? ''));
    const outcomes = credentialsFound(resource.type, resource.values.raw, leaves, [...byName, ...typedCredentials(resource), ...provisionerNamed], settings);
    return outcomes.length > 0 ? outcomes : pass();
  },
  // A data source's, an ephemeral block's or an action's arguments are code as a resource's are; what a data source reads is not.
  evaluateBlock(block, { settings }) {
    const { config, values } = block;
    // A plan's action invocation: its values are its `config` block's arguments, and nothing else.
    if (config === undefined) {
      const outcomes = block.kind === 'action' ? credentialsFound(block.type, values.raw, values.strings(), [], settings) : [];
      return outcomes.length > 0 ? outcomes : pass();
    }
    const configured = config.kind === 'block' ? new Set(Object.keys(config.attrs)) : new Set<string>();
    const argumentValues = values.strings(isTags).filter((leaf) => configured.has(String(leaf.path[0])));
    // A literal, also where no value is known (a plan records none of an ephemeral block), once per path and text.
    const known = new Set(argumentValues.map((leaf) => JSON.stringify([leaf.path, leaf.text])));
    const literals = writtenConstants(config, undefined, true).filter((leaf) => !known.has(JSON.stringify([leaf.path, leaf.text])));
    const outcomes = credentialsFound(block.type, values.raw, [...argumentValues, ...literals, ...codeStrings(config)], isAws(block.type) ? writtenCredentialsIn(config, values) : [], settings);
    return outcomes.length > 0 ? outcomes : pass();
  },
});

/** What the code writes under `node` that no value at plan time shows: in maps known only after apply whole, and literal text a known value does not keep. */
function codeStrings(node: ConfigNode): readonly UnknownMapString[] {
  const maps = unknownMapStrings(node);
  const dropped = droppedLiteralStrings(node);
  // Most configurations write neither: no array is made for each resource.
  return dropped.length === 0 ? maps : maps.length === 0 ? dropped : [...maps, ...dropped];
}

const isAws = (type: string): boolean => type.startsWith('aws_') || type.startsWith('awscc_');


/**
 * The findings of the strings of a resource or block of `type` (`leaves`: credential shapes) and of
 * what its code writes where a credential goes (`written`, whatever its shape): one per path (the
 * values under keys not known of one map share its path, and one finding). A string is searched
 * under its name in `values` (`labelAt`: a header pair's value under the header's name), one of a
 * map known only after apply under its key, under none where that is not known.
 */
function credentialsFound(type: string, values: unknown, strings: readonly WrittenLeaf[], written: readonly (WrittenString & { readonly what?: string })[], settings: Settings): Outcome[] {
  const ownTags = ownTagsAt(type);
  // The literal text a tag's known value does not keep (`tags = { Secret = lower("AKIA…") }`) is code, not a tag: the tags rules
  // read tags' values; a free-form one's (`Name`) is the free-form rule's.
  const searched = (leaf: WrittenLeaf): boolean => (isDropped(leaf) || !startsInTags(leaf.path, type)) && !isFreeForm(leaf.path, type);
  // What the code writes where a credential goes, whatever its shape. A tag written as a `{ key, value }` pair (`aws_ec2_tag`, an
  // auto scaling group's `tag` blocks) is the tags rules' business, as `tags` is, and as an awscc type's own tags elsewhere are
  // (`backup_vault_tags`, `replicas.<i>.tags`, `tag_specifications.<i>.tags`, `spot_fleet_request_config_data.tag_specifications.<i>.tags`:
  // `ownTagsAt`, at any depth) and the tags it puts on others (`test_bot_alias_tags`: `isTags`).
  const named = written.flatMap(({ text, path: at, what, elsewhere }) => {
    const tag = startsInTags(at, type) || at.some((_, i) => ownTags(at.slice(0, i + 1))) || isSingleTag(type, at) || at.includes('tag');
    const detection = tag ? undefined : writtenCredential(text, what, fieldName(at), listedAt(at));
    return detection === undefined ? [] : [{ text, at, elsewhere, detection }];
  });
  const labelOf = (leaf: WrittenLeaf): string | undefined => (fromUnknownMap(leaf) ? leaf.label : labelAt(values, leaf.path));
  // Most resources hold nothing a detector could report (`mayFind`, the test `detectAll` makes of each text): then no
  // string is found, placed or counted, and none is copied.
  const mayFindIn = (leaf: WrittenLeaf): boolean => searched(leaf) && mayFind(decodedUserData(leaf.path, leaf.text) ?? leaf.text, labelOf(leaf), CREDENTIALS);
  if (named.length === 0 && !strings.some(mayFindIn)) return [];
  const leaves = strings.filter(searched);
  const decoded = leaves.map((leaf) => decodedUserData(leaf.path, leaf.text));
  const detections = withoutRepeats(
    leaves,
    detectAll(
      leaves.map((leaf, i) => ({ text: decoded[i] ?? leaf.text, label: labelOf(leaf) })),
      CREDENTIALS,
    ),
    named.map(({ text, at }) => ({ text, path: at })),
  );
  const outcomes = byPlace(leaves, (_, i) => detections[i], (leaf) => JSON.stringify(leaf.path)).map(({ leaf, found, indexes }) => {
    // The encoded value is masked whole too: terraform prints it as it is, and decoding it gives the secret back.
    const redact = indexes.flatMap((i) => (decoded[i] !== undefined ? [leaves[i].text] : []));
    const path = displayPath(leaf.path, settings.sensitivePatterns);
    const where = fromUnknownMap(leaf) ? writtenWhere(leaf, path) : `\`${path}\``;
    return sensitiveFinding(where, found, { path, ...(redact.length === 0 ? {} : { redact }) });
  });
  // One finding per path.
  const found = new Set(named.length === 0 ? [] : leaves.flatMap((leaf, i) => (detections[i].length > 0 ? [leaf.path.join('.')] : [])));
  for (const { at, elsewhere, detection } of named) {
    if (found.has(at.join('.'))) continue;
    found.add(at.join('.'));
    const path = displayPath(at, settings.sensitivePatterns);
    const origin = elsewhere ? 'takes a value the code fixes elsewhere (a variable\'s default, a module argument, a variable file beside the code, a local, a literal `for_each`)' : 'is written in the code';
    outcomes.push(sensitiveFinding(`\`${path}\` ${origin} and`, [detection], { path }));
  }
  return outcomes;
}
