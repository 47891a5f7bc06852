import type { Graph, Resource } from '../../model/types';
import type { Val } from '../../model/value';
import { awsDoc } from '../support/references';
import { sameRegion } from '../support/regions';
import { managedOnly, requireOneOf, setting } from '../support/verdict';
import { defineRule, fail, pass, unknown, type Outcome } from '../types';

const TEMPLATE = 'aws_ecr_repository_creation_template';
const CACHE_RULE = 'aws_ecr_pull_through_cache_rule';
/**
 * The awscc twins, AWS::ECR::RepositoryCreationTemplate and AWS::ECR::PullThroughCacheRule: the same
 * `prefix`, `applied_for`, `encryption_configuration.encryption_type` and `ecr_repository_prefix`
 * (hashicorp/terraform-provider-awscc docs/resources/ecr_repository_creation_template.md,
 * ecr_pull_through_cache_rule.md), `encryption_configuration` an object rather than a block.
 */
const AWSCC_TEMPLATE = 'awscc_ecr_repository_creation_template';
const AWSCC_CACHE_RULE = 'awscc_ecr_pull_through_cache_rule';
const TEMPLATES: readonly string[] = [TEMPLATE, AWSCC_TEMPLATE];
const CACHE_RULES: ReadonlySet<string> = new Set([CACHE_RULE, AWSCC_CACHE_RULE]);

/** The block that encrypts with KMS, as a resource of `type` writes it: a block in aws, an object in awscc. */
const kmsBlock = (type: string): string => `\`encryption_configuration ${type.startsWith('awscc_') ? '= ' : ''}{ encryption_type = "KMS", kms_key = aws_kms_key.<key>.arn }\``;
const repositoryFix = (type: string): string => `Add ${kmsBlock(type)}. It replaces the repository.`;
const templateFix = (type: string): string =>
  `Add ${kmsBlock(type)} to the template: the repositories ECR creates from it (pull through cache, replication, create on push) are then encrypted with KMS. Those it created before keep their encryption.`;
/** For a pull through cache rule of `type`: the template of its provider to add. */
const cacheFix = (type: string): string => {
  const template = type.startsWith('awscc_') ? AWSCC_TEMPLATE : TEMPLATE;
  return `Add an ${template} with \`applied_for = ["PULL_THROUGH_CACHE"]\`, the rule's \`ecr_repository_prefix\` as its \`prefix\` (or "ROOT") and ${kmsBlock(template)}.`;
};
const ROOT = 'ROOT';
/** Why a template may or may not apply to a rule. */
const UNTOLD = 'an `applied_for`, a `prefix`, a Region or a provider configuration the gate cannot tell';

/** `encryption_configuration.encryption_type` of a repository or a creation template is KMS or KMS_DSSE (unset is AES256). */
const encryption = (resource: Resource, what: string, fix: string): Outcome =>
  requireOneOf(setting(resource, 'encryption_configuration', 'encryption_type'), ['KMS', 'KMS_DSSE'], { what, fix, absent: 'fail', absentMeans: 'AES256 with S3-managed keys' });

/** 'yes', 'no' or 'unknown': a value known or not, against a test. */
const decide = <T>(value: Val<T>, test: (value: T) => boolean): 'yes' | 'no' | 'unknown' => (value.kind === 'unknown' ? 'unknown' : value.kind === 'known' && test(value.value) ? 'yes' : 'no');

/**
 * How specifically a creation template covers every repository a pull through cache rule with prefix `rule` creates
 * (`<rule>/<upstream name>`; with "ROOT", any name): the length of a prefix that is the rule's or above it, 0 for
 * "ROOT" (it covers what no other template does), undefined for a template that covers only some of them (a prefix
 * below the rule's: judged itself) or none, 'unknown' where a prefix is known only after apply. ECR applies the most
 * specific template: "a prefix of prod/team would apply to all repositories beginning with prod/team/".
 */
function coverage(template: Val<string>, rule: Val<string>): number | 'unknown' | undefined {
  if (template.kind !== 'known') return template.kind === 'unknown' ? 'unknown' : undefined;
  if (template.value === ROOT) return 0;
  if (rule.kind !== 'known') return rule.kind === 'unknown' ? 'unknown' : undefined;
  if (rule.value === ROOT) return undefined;
  return rule.value === template.value || rule.value.startsWith(`${template.value}/`) ? template.value.length : undefined;
}

/**
 * The encryption of the repositories a pull through cache rule creates: those of the repository creation template of
 * the input (the same provider configuration and Region: one registry) that applies to pull through cache and covers
 * its prefix most specifically; with none, ECR's default, AES256. A template that may apply or may be more specific
 * (an `applied_for`, a prefix known only after apply, a Region or a provider configuration not known to be the rule's) makes it unknown unless it encrypts with KMS too.
 */
function cacheRuleEncryption(rule: Resource, graph: Graph): Outcome {
  const prefixView = setting(rule, 'ecr_repository_prefix');
  const prefix = prefixView.string();
  const shown = prefix.kind === 'known' && !prefixView.isSensitive ? `"${prefix.value}"` : 'its `ecr_repository_prefix`';
  const candidates = TEMPLATES.flatMap((type) => graph.ofType(type)).flatMap((template) => {
    if (template.mode !== 'managed') return [];
    const level = coverage(setting(template, 'prefix').string(), prefix);
    const applies = decide(setting(template, 'applied_for').stringList(), (kinds) => kinds.includes('PULL_THROUGH_CACHE'));
    const region = sameRegion(graph, template, rule);
    if (level === undefined || applies === 'no' || region === 'no') return [];
    const certain = applies === 'yes' && region === 'yes' && graph.providerOf(template) === graph.providerOf(rule);
    // The level of a template that certainly covers them all; undefined for one that may.
    return [{ template, level, certainly: certain && typeof level === 'number' ? level : undefined }];
  });
  const cover = candidates
    .filter((c) => c.certainly !== undefined)
    .reduce<(typeof candidates)[number] | undefined>((best, c) => (best === undefined || (c.certainly ?? 0) > (best.certainly ?? 0) ? c : best), undefined);
  if (cover === undefined) {
    if (candidates.length > 0) {
      const which = candidates.map((c) => c.template.address).join(', ');
      return unknown(`No repository creation template of the input certainly covers the repositories this pull through cache rule creates under ${shown}; ${which} may (${UNTOLD}), so the gate cannot vouch for their encryption. ${cacheFix(rule.type)}`, { path: 'ecr_repository_prefix' });
    }
    return fail(
      `No repository creation template of the input (${TEMPLATES.join(', ')}) applies to pull through cache (\`applied_for\` with "PULL_THROUGH_CACHE") with a \`prefix\` covering ${shown}, so ECR creates the repositories this rule caches with its defaults: AES256 with S3-managed keys. ${cacheFix(rule.type)}`,
      { path: 'ecr_repository_prefix' },
    );
  }
  const judged = encryption(cover.template, `\`encryption_configuration.encryption_type\` of ${cover.template.address}, whose settings the repositories this rule caches take,`, templateFix(cover.template.type));
  if (judged.status === 'fail' || judged.status === 'unknown') return { ...judged, path: 'ecr_repository_prefix' };
  // A template that may apply more specifically: its encryption, unknown unless KMS (it may or may not apply).
  const coverLevel = cover.certainly ?? 0;
  const contenders = candidates.filter((c) => c !== cover && (c.level === 'unknown' || c.level > coverLevel));
  const doubtful = contenders.filter((c) => encryption(c.template, 'its encryption', templateFix(c.template.type)).status !== 'pass').map((c) => c.template);
  if (doubtful.length === 0) return pass();
  return unknown(
    `The repositories this pull through cache rule creates under ${shown} may take the settings of ${doubtful.map((t) => t.address).join(', ')} rather than ${cover.template.address} (${UNTOLD}), which do not encrypt with KMS. ${templateFix(doubtful[0].type)}`,
    { path: 'ecr_repository_prefix' },
  );
}

/**
 * ECR repositories encrypt images under a KMS key; so do the repositories ECR creates itself from a repository
 * creation template, which takes the same `encryption_configuration` ("when no encryption configuration is set or
 * the AES256 encryption type is used", S3-managed keys: AWS::ECR::RepositoryCreationTemplate), and those a pull through
 * cache rule creates, through the template that covers its prefix (with none, "AES-256 encryption").
 */
export default defineRule({
  id: 'ecr-repository-kms',
  title: 'ECR repositories, repository creation templates and pull through cache rules encrypt images with KMS',
  category: 'encryption-at-rest',
  severity: 'low',
  rationale:
    'ECR always encrypts images, by default (AES256) with S3-managed keys that no key policy governs and whose use is not logged. KMS (or KMS_DSSE) puts image layers under a KMS key, auditable in CloudTrail. A repository creation template sets the encryption of every repository ECR creates from it; a pull through cache rule creates its repositories from the template that covers its prefix, or with the defaults.',
  remediation: `${repositoryFix(TEMPLATE)} For an ${TEMPLATE}: ${templateFix(TEMPLATE)} For an ${CACHE_RULE}: ${cacheFix(CACHE_RULE)} On awscc resources, \`encryption_configuration\` is an object (\`encryption_configuration = { … }\`).`,
  references: [
    awsDoc('Encryption at rest in Amazon ECR', 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html'),
    awsDoc('AWS::ECR::RepositoryCreationTemplate EncryptionConfiguration', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ecr-repositorycreationtemplate-encryptionconfiguration.html'),
    awsDoc('Templates to control repositories created during a pull through cache or replication action', 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-creation-templates.html'),
  ],
  appliesTo: ['aws_ecr_repository', 'awscc_ecr_repository', ...TEMPLATES, ...CACHE_RULES],
  evaluate: managedOnly((resource, { graph }) => {
    if (CACHE_RULES.has(resource.type)) return cacheRuleEncryption(resource, graph);
    return encryption(resource, '`encryption_configuration.encryption_type`', TEMPLATES.includes(resource.type) ? templateFix(resource.type) : repositoryFix(resource.type));
  }),
});
