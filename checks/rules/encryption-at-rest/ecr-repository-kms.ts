import type { Graph, Resource } from '../../model/types';
import type { Val, ValueView } from '../../model/value';
import { awsDoc } from '../support/references';
import { regionOf, sameConfiguration, sameRegion } from '../support/regions';
import { managedOnly, nested, requireOneOf, setting } from '../support/verdict';
import { defineRule, fail, isFinding, pass, unknown, type Outcome } from '../types';

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
/**
 * A registry's replication configuration, aws (`replication_configuration { rule { destination {…}
 * repository_filter {…} } }`) and awscc (AWS::ECR::ReplicationConfiguration: `replication_configuration = { rules =
 * [{ destinations = [{ region, registry_id }], repository_filters = [{ filter, filter_type }] }] }`).
 */
const REPLICATIONS: ReadonlySet<string> = new Set(['aws_ecr_replication_configuration', 'awscc_ecr_replication_configuration']);

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

/** Repositories ECR creates itself, and how a creation template of the input may cover them. */
interface Created {
  /** The `applied_for` value of the templates that apply: PULL_THROUGH_CACHE or REPLICATION. */
  readonly kind: 'PULL_THROUGH_CACHE' | 'REPLICATION';
  /** What `coverage` says of a template's prefix for these repositories. */
  readonly level: (template: Val<string>) => number | 'unknown' | undefined;
  /** Whether a template is of the registry and Region ECR creates them in. */
  readonly registry: (template: Resource) => 'yes' | 'no' | 'unknown';
  /** The repositories, as the messages name them ("the repositories this pull through cache rule creates under …"). */
  readonly what: string;
  /** The same, shorter, where the sentence has named them ("the repositories this rule caches"). */
  readonly made: string;
  /** Which templates would cover them, for the message when none does ("with a `prefix` covering …"). */
  readonly covering: string;
  /** Why a template may or may not apply to them. */
  readonly untold: string;
  readonly fix: string;
  readonly path: string;
}

/**
 * The encryption of repositories ECR creates itself: those of the repository creation template of the input that
 * applies to them (its registry and Region, `applied_for`) and covers them most specifically; with none, ECR's
 * default, AES256. A template that may apply or may be more specific (an `applied_for`, a prefix known only after
 * apply, a Region, a provider configuration or an account not known to be theirs) makes it unknown unless it encrypts
 * with KMS too.
 */
function createdEncryption(created: Created, graph: Graph): Outcome {
  const { what, path } = created;
  const candidates = TEMPLATES.flatMap((type) => graph.ofType(type)).flatMap((template) => {
    if (template.mode !== 'managed') return [];
    const level = created.level(setting(template, 'prefix').string());
    const applies = decide(setting(template, 'applied_for').stringList(), (kinds) => kinds.includes(created.kind));
    const registry = created.registry(template);
    if (level === undefined || applies === 'no' || registry === 'no') return [];
    const certain = applies === 'yes' && registry === 'yes';
    // The level of a template that certainly covers them all; undefined for one that may.
    return [{ template, level, certainly: certain && typeof level === 'number' ? level : undefined }];
  });
  const cover = candidates
    .filter((c) => c.certainly !== undefined)
    .reduce<(typeof candidates)[number] | undefined>((best, c) => (best === undefined || (c.certainly ?? 0) > (best.certainly ?? 0) ? c : best), undefined);
  if (cover === undefined) {
    if (candidates.length > 0) {
      const which = candidates.map((c) => c.template.address).join(', ');
      return unknown(`No repository creation template of the input certainly covers ${what}; ${which} may (${created.untold}), so the gate cannot vouch for their encryption. ${created.fix}`, { path });
    }
    return fail(
      `No repository creation template of the input (${TEMPLATES.join(', ')}) applies to ${created.kind === 'REPLICATION' ? 'replication (`applied_for` with "REPLICATION")' : 'pull through cache (`applied_for` with "PULL_THROUGH_CACHE")'} ${created.covering}, so ECR creates ${created.made} with its defaults: AES256 with S3-managed keys. ${created.fix}`,
      { path },
    );
  }
  const judged = encryption(cover.template, `\`encryption_configuration.encryption_type\` of ${cover.template.address}, whose settings ${created.made} take,`, templateFix(cover.template.type));
  if (isFinding(judged)) return { ...judged, path };
  // A template that may apply more specifically: its encryption, unknown unless KMS (it may or may not apply).
  const coverLevel = cover.certainly ?? 0;
  const contenders = candidates.filter((c) => c !== cover && (c.level === 'unknown' || c.level > coverLevel));
  const doubtful = contenders.filter((c) => encryption(c.template, 'its encryption', templateFix(c.template.type)).status !== 'pass').map((c) => c.template);
  if (doubtful.length === 0) return pass();
  return unknown(
    `${what[0].toUpperCase()}${what.slice(1)} may take the settings of ${doubtful.map((t) => t.address).join(', ')} rather than ${cover.template.address} (${created.untold}), which do not encrypt with KMS. ${templateFix(doubtful[0].type)}`,
    { path },
  );
}

/**
 * The encryption of the repositories a pull through cache rule creates: a template of the same provider configuration
 * and Region (one registry) for PULL_THROUGH_CACHE covering its prefix.
 */
function cacheRuleEncryption(rule: Resource, graph: Graph): Outcome {
  const prefixView = setting(rule, 'ecr_repository_prefix');
  const prefix = prefixView.string();
  const shown = prefix.kind === 'known' && !prefixView.isSensitive ? `"${prefix.value}"` : 'its `ecr_repository_prefix`';
  return createdEncryption(
    {
      kind: 'PULL_THROUGH_CACHE',
      level: (template) => coverage(template, prefix),
      registry: (template) => {
        const region = sameRegion(graph, template, rule);
        return region === 'no' ? 'no' : region === 'yes' && graph.providerOf(template) === graph.providerOf(rule) ? 'yes' : 'unknown';
      },
      what: `the repositories this pull through cache rule creates under ${shown}`,
      made: 'the repositories this rule caches',
      covering: `with a \`prefix\` covering ${shown}`,
      untold: UNTOLD,
      fix: cacheFix(rule.type),
      path: 'ecr_repository_prefix',
    },
    graph,
  );
}

/**
 * How specifically a creation template covers every repository a replication filter sends (a repository whose name
 * begins with `filter`, any name without one): "ROOT" 0, a prefix `p` where every such name begins with `p/` its
 * length, undefined for one that covers only some of them (judged itself) or none, 'unknown' where either is known
 * only after apply. A filter is a prefix of the name as written ("prod" sends "prod-api" too); a template's prefix
 * ends with an assumed "/".
 */
function replicationCoverage(template: Val<string>, filter: Val<string> | undefined): number | 'unknown' | undefined {
  if (template.kind !== 'known') return template.kind === 'unknown' ? 'unknown' : undefined;
  if (template.value === ROOT) return 0;
  if (filter === undefined) return undefined;
  if (filter.kind !== 'known') return filter.kind === 'unknown' ? 'unknown' : undefined;
  return filter.value.startsWith(`${template.value}/`) ? template.value.length : undefined;
}

/** Provider settings that choose no credentials, so no account: a block that sets only these authenticates as Terraform's environment does. */
const ACCOUNT_NEUTRAL: ReadonlySet<string> = new Set(['alias', 'region', 'default_tags', 'ignore_tags']);

/** Whether a resource's provider configuration sets nothing that chooses its credentials (Terraform's implied default configuration sets nothing). */
function environmentCredentials(graph: Graph, resource: Resource): boolean {
  const provider = graph.providerOf(resource);
  // No block: Terraform's empty default configuration, unless an alias nothing configures (`aws.east`).
  if (provider === undefined) return !resource.data.providerConfigKey.slice(resource.data.providerConfigKey.lastIndexOf(':') + 1).includes('.');
  const config = provider.data.config;
  return config.kind === 'block' && Object.keys(config.attrs).every((key) => ACCOUNT_NEUTRAL.has(key));
}

/**
 * Whether two resources of one input are certainly managed in one account: by one provider configuration, or by two
 * of the same provider that both set only a Region, an alias and tags (`provider "aws" { alias = "west", region =
 * "us-west-2" }` beside the default one): the same credentials from the same environment, so the same account.
 */
function sameAccount(graph: Graph, a: Resource, b: Resource): boolean {
  if (a.input !== b.input || a.providerName !== b.providerName) return false;
  return sameConfiguration(graph, a, b) || (environmentCredentials(graph, a) && environmentCredentials(graph, b));
}

/** The `data.aws_caller_identity` blocks of a graph (`ofType` lists managed resources only), found once per graph. */
const identities = new WeakMap<Graph, readonly Resource[]>();
function callerIdentities(graph: Graph): readonly Resource[] {
  let found = identities.get(graph);
  if (found === undefined) identities.set(graph, (found = graph.resources.filter((r) => r.mode === 'data' && r.type === 'aws_caller_identity')));
  return found;
}

/**
 * The account a repository creation template is of: its `registry_id`, or else the `account_id` of a
 * `data.aws_caller_identity` read in the same account (`sameAccount`); undefined where neither is known.
 */
function accountOf(graph: Graph, template: Resource): string | undefined {
  const own = template.attr('registry_id').string();
  if (own.kind === 'known') return own.value;
  for (const identity of callerIdentities(graph)) {
    if (!sameAccount(graph, identity, template)) continue;
    const account = identity.attr('account_id').string();
    if (account.kind === 'known') return account.value;
  }
  return undefined;
}

/**
 * The `data.aws_caller_identity` blocks of the replication configuration's module that a destination's `registry_id`
 * reads (`registry_id = data.aws_caller_identity.current.account_id`): their provider configuration's account is the
 * destination, even where the value is known only at apply (a `.tf` input reads no data source).
 */
function identitiesRead(graph: Graph, replication: Resource, registryId: ValueView): Resource[] {
  const names = new Set(replication.references(...registryId.path).flatMap((reference) => /^data\.aws_caller_identity\.([^.[]+)/.exec(reference)?.[1] ?? []));
  if (names.size === 0) return [];
  return callerIdentities(graph).filter((identity) => identity.input === replication.input && identity.module === replication.module && names.has(identity.name));
}

/** Each rule's destinations and repository filters, as aws (blocks) and awscc (`rules`, `destinations`, `repository_filters`) write them. */
function replicationRules(resource: Resource): Val<{ destinations: ValueView[]; filters: ValueView[] }[]> {
  const awscc = resource.type.startsWith('awscc_');
  const rules = (awscc ? setting(resource, 'replication_configuration', 'rules') : nested(resource.values, 'replication_configuration', 'rule')).blocks();
  if (rules.kind !== 'known') return rules.kind === 'unknown' ? rules : { kind: 'known', value: [] };
  const out: { destinations: ValueView[]; filters: ValueView[] }[] = [];
  for (const rule of rules.value) {
    const destinations = rule.get(awscc ? 'destinations' : 'destination').blocks();
    const filters = rule.get(awscc ? 'repository_filters' : 'repository_filter').blocks();
    if (destinations.kind === 'unknown' || filters.kind === 'unknown') return { kind: 'unknown' };
    out.push({ destinations: destinations.kind === 'known' ? destinations.value : [], filters: filters.kind === 'known' ? filters.value : [] });
  }
  return { kind: 'known', value: out };
}

/** For a replication configuration of `type`: the template to add in each destination. */
const replicationFix = (type: string): string => {
  const template = type.startsWith('awscc_') ? AWSCC_TEMPLATE : TEMPLATE;
  return `In each destination Region and account, add an ${template} with \`applied_for = ["REPLICATION"]\`, a \`prefix\` above the filter's (or "ROOT") and ${kmsBlock(template)}; repositories that already exist there keep their own encryption.`;
};

/**
 * The repositories replication creates in each destination (Region and account) of each rule, for each of its
 * filters (every repository where it has none): "When there isn't a repository creation template that matches your
 * ... replicated repository, Amazon ECR uses the default settings", AES-256. A destination's template is one of the
 * input for REPLICATION in its Region whose account (its `registry_id`, or its provider configuration's
 * `data.aws_caller_identity`) is the destination's `registry_id`.
 */
function replicationEncryption(resource: Resource, graph: Graph): Outcome | readonly Outcome[] {
  const rules = replicationRules(resource);
  if (rules.kind === 'unknown') return unknown(`The replication rules are known only after apply, so the gate cannot tell where ECR creates repositories nor how they are encrypted. ${replicationFix(resource.type)}`, { path: 'replication_configuration' });
  if (rules.kind !== 'known') return pass();
  const outcomes: Outcome[] = [];
  for (const [r, rule] of rules.value.entries()) {
    const filters: (ValueView | undefined)[] = rule.filters.length > 0 ? rule.filters : [undefined];
    for (const destination of rule.destinations) {
      const regionView = destination.get('region');
      const accountView = destination.get('registry_id');
      const [region, account] = [regionView.string(), accountView.string()];
      const read = identitiesRead(graph, resource, accountView);
      const where = `${region.kind === 'known' && !regionView.isSensitive ? region.value : 'a Region known only after apply'}${account.kind === 'known' && !accountView.isSensitive ? ` (account ${account.value})` : ''}`;
      for (const filterView of filters) {
        const filter = filterView?.get('filter').string();
        const shown = filter === undefined ? 'every repository' : filter.kind === 'known' && !filterView?.get('filter').isSensitive ? `the repositories whose names begin with "${filter.value}"` : 'the repositories its filter sends';
        outcomes.push(
          createdEncryption(
            {
              kind: 'REPLICATION',
              level: (template) => replicationCoverage(template, filter),
              registry: (template) => {
                const at = regionOf(graph, template);
                if (region.kind === 'known' && at !== undefined && at !== region.value) return 'no';
                const of = accountOf(graph, template);
                if (account.kind === 'known' && of !== undefined && of !== account.value) return 'no';
                const ours = (account.kind === 'known' && of === account.value) || read.some((identity) => sameAccount(graph, identity, template));
                return region.kind === 'known' && at === region.value && ours ? 'yes' : 'unknown';
              },
              what: `the repositories replication creates in ${where} for ${shown}`,
              made: `the repositories replication creates in ${where} for ${shown}`,
              covering: `in that Region and account with a \`prefix\` covering ${shown === 'every repository' ? 'every repository ("ROOT")' : shown}`,
              untold: 'an `applied_for`, a `prefix`, a Region, or an account not shown to be the destination\'s',
              fix: replicationFix(resource.type),
              path: `replication_configuration.${resource.type.startsWith('awscc_') ? 'rules' : 'rule'}[${r}]`,
            },
            graph,
          ),
        );
      }
    }
  }
  return outcomes;
}

/**
 * ECR repositories encrypt images under a KMS key; so do the repositories ECR creates itself from a repository
 * creation template, which takes the same `encryption_configuration` ("when no encryption configuration is set or
 * the AES256 encryption type is used", S3-managed keys: AWS::ECR::RepositoryCreationTemplate), and those a pull through
 * cache rule creates, through the template that covers its prefix (with none, "AES-256 encryption").
 */
export default defineRule({
  id: 'ecr-repository-kms',
  title: 'ECR repositories, repository creation templates, pull through cache rules and replication encrypt images with KMS',
  category: 'encryption-at-rest',
  severity: 'low',
  rationale:
    'ECR always encrypts images, by default (AES256) with S3-managed keys that no key policy governs and whose use is not logged. KMS (or KMS_DSSE) puts image layers under a KMS key, auditable in CloudTrail. A repository creation template sets the encryption of every repository ECR creates from it; a pull through cache rule creates its repositories from the template that covers its prefix, or with the defaults, and replication creates those missing in each destination from that registry\'s template, or with the defaults.',
  remediation: `${repositoryFix(TEMPLATE)} For an ${TEMPLATE}: ${templateFix(TEMPLATE)} For an ${CACHE_RULE}: ${cacheFix(CACHE_RULE)} For an aws_ecr_replication_configuration: ${replicationFix('aws_ecr_replication_configuration')} On awscc resources, \`encryption_configuration\` is an object (\`encryption_configuration = { … }\`).`,
  references: [
    awsDoc('Encryption at rest in Amazon ECR', 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html'),
    awsDoc('AWS::ECR::RepositoryCreationTemplate EncryptionConfiguration', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ecr-repositorycreationtemplate-encryptionconfiguration.html'),
    awsDoc('Templates to control repositories created during a pull through cache or replication action', 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-creation-templates.html'),
  ],
  appliesTo: ['aws_ecr_repository', 'awscc_ecr_repository', ...TEMPLATES, ...CACHE_RULES, ...REPLICATIONS],
  evaluate: managedOnly((resource, { graph }) => {
    if (CACHE_RULES.has(resource.type)) return cacheRuleEncryption(resource, graph);
    if (REPLICATIONS.has(resource.type)) return replicationEncryption(resource, graph);
    return encryption(resource, '`encryption_configuration.encryption_type`', TEMPLATES.includes(resource.type) ? templateFix(resource.type) : repositoryFix(resource.type));
  }),
});
