import { runRules } from '../../../checks/engine';
import rule from '../../../checks/rules/encryption-at-rest/ecr-repository-kms';
import { DEFAULT_SETTINGS } from '../../../checks/settings';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';

const R = 'aws_ecr_repository.r';
const C = 'aws_ecr_pull_through_cache_rule.hub';
const KMS = [{ encryption_type: 'KMS', kms_key: '' }];
const AES = [{ encryption_type: 'AES256', kms_key: '' }];
/** A pull through cache rule caching Docker Hub under `prefix`. */
const cacheRule = (prefix: string, address = C, options: { unknown?: Record<string, unknown>; refs?: Record<string, string[]>; provider?: string } = {}) =>
  res(address, { ecr_repository_prefix: prefix, upstream_registry_url: 'registry-1.docker.io', upstream_repository_prefix: 'ROOT' }, { unknown: { id: true, registry_id: true, ...options.unknown }, refs: options.refs, provider: options.provider });
const CC = 'awscc_ecr_pull_through_cache_rule.hub';
/** An awscc pull through cache rule caching Docker Hub under `prefix` (AWS::ECR::PullThroughCacheRule). */
const awsccCacheRule = (prefix: string, name = 'hub') => res(`awscc_ecr_pull_through_cache_rule.${name}`, { ecr_repository_prefix: prefix, upstream_registry_url: 'registry-1.docker.io' }, { unknown: { id: true } });
/** A repository creation template of `prefix` for `appliedFor` (of the account `registryId`: one the plan knows, else a new one). */
const template = (name: string, prefix: string, appliedFor: string[], encryption: unknown[], options: { unknown?: Record<string, unknown>; refs?: Record<string, string[]>; provider?: string; registryId?: string } = {}) =>
  res(
    `aws_ecr_repository_creation_template.${name}`,
    { prefix, applied_for: appliedFor, encryption_configuration: encryption, ...(options.registryId === undefined ? {} : { registry_id: options.registryId }) },
    { unknown: { id: true, ...(options.registryId === undefined ? { registry_id: true } : {}), ...options.unknown }, refs: options.refs, provider: options.provider },
  );
const REP = 'aws_ecr_replication_configuration.r';
const ACCOUNT = '111122223333';
/** A registry's replication of the repositories whose names begin with each of `filters` (all where none) to `destinations`. */
const replication = (destinations: { region: string; registry_id: string }[], filters: string[], address = REP) =>
  res(address, { replication_configuration: [{ rule: [{ destination: destinations, repository_filter: filters.map((filter) => ({ filter, filter_type: 'PREFIX_MATCH' })) }] }] }, { unknown: { registry_id: true } });
/** The default aws provider in us-east-1 and `aws.west` in us-west-2. */
const WEST = {
  providers: {
    aws: { name: 'aws', expressions: { region: { constant_value: 'us-east-1' } } },
    'aws.west': { name: 'aws', alias: 'west', expressions: { region: { constant_value: 'us-west-2' } } },
  },
};

ruleTable(rule, [
  { name: 'KMS passes', plan: plan([res(R, { name: 'r', encryption_configuration: [{ encryption_type: 'KMS', kms_key: '' }] })]), expect: { [R]: 'pass' } },
  { name: 'KMS_DSSE passes', plan: plan([res(R, { name: 'r', encryption_configuration: [{ encryption_type: 'KMS_DSSE' }] })]), expect: { [R]: 'pass' } },
  { name: 'AES256 fails', plan: plan([res(R, { name: 'r', encryption_configuration: [{ encryption_type: 'AES256' }] })]), expect: { [R]: 'fail' }, message: /"AES256"/ },
  { name: 'no configuration (AES256) fails', plan: plan([res(R, { name: 'r', encryption_configuration: [] })]), expect: { [R]: 'fail' } },
  { name: 'known only after apply is unknown', plan: plan([res(R, { name: 'r' }, { unknown: { encryption_configuration: true }, refs: { encryption_configuration: ['var.encryption'] } })]), expect: { [R]: 'unknown' } },
  { name: 'an awscc repository with KMS (an object, not a block list) passes', plan: plan([res('awscc_ecr_repository.r', { repository_name: 'r', encryption_configuration: { encryption_type: 'KMS' } }, { unknown: { arn: true } })]), expect: { 'awscc_ecr_repository.r': 'pass' } },
  { name: 'an awscc repository with AES256 fails', plan: plan([res('awscc_ecr_repository.r', { repository_name: 'r', encryption_configuration: { encryption_type: 'AES256' } }, { unknown: { arn: true } })]), expect: { 'awscc_ecr_repository.r': 'fail' } },
  // Sweep h2: a creation template sets the encryption of each repository ECR creates from it (AES256 when unset).
  {
    name: 'a repository creation template without KMS fails, naming the template fix; with KMS passes',
    plan: plan([
      res('aws_ecr_repository_creation_template.plain', { prefix: 'cache', applied_for: ['PULL_THROUGH_CACHE'], encryption_configuration: [] }),
      res('aws_ecr_repository_creation_template.aes', { prefix: 'copy', applied_for: ['REPLICATION'], encryption_configuration: [{ encryption_type: 'AES256', kms_key: '' }] }),
      res('aws_ecr_repository_creation_template.kms', { prefix: 'kms', applied_for: ['CREATE_ON_PUSH'], encryption_configuration: [{ encryption_type: 'KMS', kms_key: '' }] }),
    ]),
    expect: { 'aws_ecr_repository_creation_template.plain': 'fail', 'aws_ecr_repository_creation_template.aes': 'fail', 'aws_ecr_repository_creation_template.kms': 'pass' },
    message: /repositories ECR creates from it/,
  },
  // Sweep h2 (ECR): "When there isn't a repository creation template that matches your pull through cache rule ... Amazon ECR uses the default settings ... AES-256 encryption".
  {
    name: 'a pull through cache rule that no template of the input covers fails: ECR creates its repositories AES256',
    plan: plan([cacheRule('docker-hub'), template('replica', 'docker-hub', ['REPLICATION'], KMS), template('other', 'quay', ['PULL_THROUGH_CACHE'], KMS), template('below', 'docker-hub/team', ['PULL_THROUGH_CACHE'], KMS)]),
    expect: { [C]: 'fail' },
    message: /No repository creation template of the input \(aws_ecr_repository_creation_template, awscc_ecr_repository_creation_template\) applies to pull through cache .* covering "docker-hub", so ECR creates the repositories this rule caches with its defaults: AES256.* Add an aws_ecr_repository_creation_template/,
  },
  {
    name: 'a pull through cache rule passes under a KMS template of its prefix, of a prefix above it, or ROOT',
    plan: plan([
      cacheRule('docker-hub'),
      template('own', 'docker-hub', ['PULL_THROUGH_CACHE', 'REPLICATION'], KMS),
      cacheRule('mirror/quay', 'aws_ecr_pull_through_cache_rule.quay'),
      template('above', 'mirror', ['PULL_THROUGH_CACHE'], [{ encryption_type: 'KMS_DSSE', kms_key: '' }]),
      cacheRule('ROOT', 'aws_ecr_pull_through_cache_rule.root'),
      template('root', 'ROOT', ['PULL_THROUGH_CACHE'], KMS),
    ]),
    expect: { [C]: 'pass', 'aws_ecr_pull_through_cache_rule.quay': 'pass', 'aws_ecr_pull_through_cache_rule.root': 'pass' },
  },
  {
    name: 'the most specific template decides: an AES256 template of the rule\'s prefix fails it (and itself) although ROOT encrypts with KMS',
    plan: plan([cacheRule('docker-hub'), template('own', 'docker-hub', ['PULL_THROUGH_CACHE'], AES), template('root', 'ROOT', ['PULL_THROUGH_CACHE'], KMS)]),
    expect: { [C]: 'fail', 'aws_ecr_repository_creation_template.own': 'fail' },
    message: /"AES256"/,
  },
  {
    name: 'a template of another Region (AWS provider 6 `region`) does not cover the rule; one of another provider configuration whose Region is not known may: unknown',
    plan: plan([
      res(C, { ecr_repository_prefix: 'docker-hub', upstream_registry_url: 'registry-1.docker.io', region: 'eu-west-1' }, { unknown: { id: true } }),
      res('aws_ecr_repository_creation_template.east', { prefix: 'docker-hub', applied_for: ['PULL_THROUGH_CACHE'], encryption_configuration: KMS, region: 'us-east-1' }, { unknown: { id: true } }),
      cacheRule('quay', 'aws_ecr_pull_through_cache_rule.quay'),
      template('aliased', 'quay', ['PULL_THROUGH_CACHE'], KMS, { provider: 'aws.east' }),
    ]),
    expect: { [C]: 'fail', 'aws_ecr_pull_through_cache_rule.quay': 'unknown' },
  },
  {
    name: 'a template whose prefix or applied_for is known only after apply leaves the rule unknown, unless it encrypts with KMS under a cover',
    plan: plan([
      cacheRule('docker-hub'),
      template('later', 'x', ['PULL_THROUGH_CACHE'], KMS, { unknown: { prefix: true }, refs: { prefix: ['var.prefix'] } }),
      cacheRule('quay', 'aws_ecr_pull_through_cache_rule.quay'),
      template('quay', 'quay', ['PULL_THROUGH_CACHE'], KMS),
      template('maybe', 'x', ['PULL_THROUGH_CACHE'], AES, { unknown: { prefix: true }, refs: { prefix: ['var.other_prefix'] } }),
      template('kinds', 'ROOT', [], KMS, { unknown: { applied_for: true }, refs: { applied_for: ['var.kinds'] } }),
    ]),
    expect: { [C]: 'unknown', 'aws_ecr_pull_through_cache_rule.quay': 'unknown', 'aws_ecr_repository_creation_template.maybe': 'fail' },
  },
  {
    name: 'a pull through cache rule whose prefix is known only after apply passes only when every template that may cover it, ROOT included, encrypts with KMS',
    plan: plan([
      cacheRule('', C, { unknown: { ecr_repository_prefix: true }, refs: { ecr_repository_prefix: ['var.cache_prefix'] } }),
      cacheRule('', 'aws_ecr_pull_through_cache_rule.open', { unknown: { ecr_repository_prefix: true }, refs: { ecr_repository_prefix: ['var.cache_prefix'] } }),
      template('root', 'ROOT', ['PULL_THROUGH_CACHE'], KMS),
      template('team', 'team', ['PULL_THROUGH_CACHE'], KMS),
    ]),
    expect: { [C]: 'pass', 'aws_ecr_pull_through_cache_rule.open': 'pass' },
  },
  {
    name: 'with an AES256 template that may be above a prefix known only after apply, the rule is unknown',
    plan: plan([
      cacheRule('', C, { unknown: { ecr_repository_prefix: true }, refs: { ecr_repository_prefix: ['var.cache_prefix'] } }),
      template('root', 'ROOT', ['PULL_THROUGH_CACHE'], KMS),
      template('team', 'team', ['PULL_THROUGH_CACHE'], AES),
    ]),
    expect: { [C]: 'unknown', 'aws_ecr_repository_creation_template.team': 'fail' },
  },
  // The awscc twins (AWS::ECR::RepositoryCreationTemplate, AWS::ECR::PullThroughCacheRule) were not judged: they passed.
  {
    name: 'an awscc repository creation template without KMS fails, naming the awscc fix (an object); with KMS passes',
    plan: plan([
      res('awscc_ecr_repository_creation_template.plain', { prefix: 'cache', applied_for: ['PULL_THROUGH_CACHE'], encryption_configuration: null }),
      res('awscc_ecr_repository_creation_template.aes', { prefix: 'copy', applied_for: ['REPLICATION'], encryption_configuration: { encryption_type: 'AES256', kms_key: null } }),
      res('awscc_ecr_repository_creation_template.kms', { prefix: 'kms', applied_for: ['CREATE_ON_PUSH'], encryption_configuration: { encryption_type: 'KMS', kms_key: null } }),
      res('awscc_ecr_repository_creation_template.later', { prefix: 'later', applied_for: ['PULL_THROUGH_CACHE'] }, { unknown: { encryption_configuration: true }, refs: { encryption_configuration: ['var.encryption'] } }),
    ]),
    expect: {
      'awscc_ecr_repository_creation_template.plain': 'fail',
      'awscc_ecr_repository_creation_template.aes': 'fail',
      'awscc_ecr_repository_creation_template.kms': 'pass',
      'awscc_ecr_repository_creation_template.later': 'unknown',
    },
    message: /encryption_configuration = \{ encryption_type = "KMS", kms_key = aws_kms_key\.<key>\.arn \}` to the template|known only after apply/,
  },
  {
    name: 'an awscc pull through cache rule is judged by the awscc templates of its provider configuration as the aws rule by the aws ones',
    plan: plan([
      awsccCacheRule('docker-hub'),
      res('awscc_ecr_repository_creation_template.replica', { prefix: 'docker-hub', applied_for: ['REPLICATION'], encryption_configuration: { encryption_type: 'KMS' } }),
      awsccCacheRule('quay', 'quay'),
      res('awscc_ecr_repository_creation_template.quay', { prefix: 'quay', applied_for: ['PULL_THROUGH_CACHE'], encryption_configuration: { encryption_type: 'KMS' } }),
      awsccCacheRule('mirror/ghcr', 'ghcr'),
      res('awscc_ecr_repository_creation_template.mirror', { prefix: 'mirror', applied_for: ['PULL_THROUGH_CACHE'], encryption_configuration: { encryption_type: 'AES256' } }),
    ]),
    expect: { [CC]: 'fail', 'awscc_ecr_pull_through_cache_rule.quay': 'pass', 'awscc_ecr_pull_through_cache_rule.ghcr': 'fail', 'awscc_ecr_repository_creation_template.mirror': 'fail' },
    message: /Add an awscc_ecr_repository_creation_template with `applied_for = \["PULL_THROUGH_CACHE"\]`.*`encryption_configuration = \{|"AES256"/,
  },
  {
    name: 'a template of the other provider (aws for an awscc rule, awscc for an aws one) may be of another registry: the rule is unknown under a KMS one',
    plan: plan([awsccCacheRule('docker-hub'), template('hub', 'docker-hub', ['PULL_THROUGH_CACHE'], KMS), cacheRule('quay'), res('awscc_ecr_repository_creation_template.quay', { prefix: 'quay', applied_for: ['PULL_THROUGH_CACHE'], encryption_configuration: { encryption_type: 'KMS' } })]),
    expect: { [CC]: 'unknown', [C]: 'unknown' },
    message: /may \(an `applied_for`, a `prefix`, a Region or a provider configuration the gate cannot tell\)/,
  },
  // w6: the repositories replication creates in another Region or account were not judged: the configuration was not-applicable.
  {
    name: 'a replication configuration whose destination has no REPLICATION template of the input fails: ECR creates the replicas AES256',
    plan: plan([replication([{ region: 'us-west-2', registry_id: ACCOUNT }], []), template('cache', 'ROOT', ['PULL_THROUGH_CACHE'], KMS, { provider: 'aws.west', registryId: ACCOUNT })], WEST),
    expect: { [REP]: 'fail' },
    message: /applies to replication \(`applied_for` with "REPLICATION"\) in that Region and account with a `prefix` covering every repository \("ROOT"\), so ECR creates the repositories replication creates in us-west-2 \(account 111122223333\) for every repository with its defaults: AES256.*applied_for = \["REPLICATION"\]/,
  },
  {
    name: 'a replication destination passes under a KMS template of its Region and account: ROOT, or a prefix every filtered name is under',
    plan: plan([
      replication([{ region: 'us-west-2', registry_id: ACCOUNT }], []),
      template('root', 'ROOT', ['REPLICATION'], KMS, { provider: 'aws.west', registryId: ACCOUNT }),
      replication([{ region: 'us-west-2', registry_id: ACCOUNT }], ['prod/api', 'prod/'], 'aws_ecr_replication_configuration.prod'),
      template('prod', 'prod', ['REPLICATION'], KMS, { provider: 'aws.west', registryId: ACCOUNT }),
    ], WEST),
    expect: { [REP]: 'pass', 'aws_ecr_replication_configuration.prod': 'pass' },
  },
  {
    name: 'a filter is a prefix of the name ("prod" sends "prod-api"): a template of prefix "prod" covers only some of them, so with no ROOT it fails',
    plan: plan([replication([{ region: 'us-west-2', registry_id: ACCOUNT }], ['prod']), template('prod', 'prod', ['REPLICATION'], KMS, { provider: 'aws.west', registryId: ACCOUNT })], WEST),
    expect: { [REP]: 'fail' },
    message: /whose names begin with "prod"/,
  },
  {
    name: 'an AES256 template covering the replicas fails the configuration; one of another Region or account does not cover them',
    plan: plan([
      replication([{ region: 'us-west-2', registry_id: ACCOUNT }], []),
      template('root', 'ROOT', ['REPLICATION'], AES, { provider: 'aws.west', registryId: ACCOUNT }),
      replication([{ region: 'eu-west-1', registry_id: ACCOUNT }, { region: 'us-west-2', registry_id: '444455556666' }], [], 'aws_ecr_replication_configuration.far'),
    ], WEST),
    expect: { [REP]: 'fail', 'aws_ecr_replication_configuration.far': 'fail', 'aws_ecr_repository_creation_template.root': 'fail' },
  },
  {
    name: 'a template of the destination Region whose account is not known (a new template, no caller identity) leaves it unknown; the caller identity of its provider configuration decides',
    plan: plan([
      replication([{ region: 'us-west-2', registry_id: ACCOUNT }], []),
      template('root', 'ROOT', ['REPLICATION'], KMS, { provider: 'aws.west' }),
    ], WEST),
    expect: { [REP]: 'unknown' },
    message: /may \(an `applied_for`, a `prefix`, a Region, or an account not shown to be the destination's\)/,
  },
  {
    name: 'the account of a new template is its provider configuration\'s data.aws_caller_identity',
    plan: plan([
      replication([{ region: 'us-west-2', registry_id: ACCOUNT }], []),
      template('root', 'ROOT', ['REPLICATION'], KMS, { provider: 'aws.west' }),
      res('data.aws_caller_identity.west', { account_id: ACCOUNT, arn: 'arn:aws:iam::111122223333:user/ci', id: ACCOUNT, user_id: 'AIDA' }, { provider: 'aws.west' }),
    ], WEST),
    expect: { [REP]: 'pass' },
  },
  {
    name: 'the caller identity of another provider configuration counts where both set only a Region (one account); not where one assumes a role',
    plan: plan([
      replication([{ region: 'us-west-2', registry_id: ACCOUNT }], []),
      template('root', 'ROOT', ['REPLICATION'], KMS, { provider: 'aws.west' }),
      res('data.aws_caller_identity.current', { account_id: ACCOUNT, arn: 'arn:aws:iam::111122223333:user/ci', id: ACCOUNT, user_id: 'AIDA' }),
    ], WEST),
    expect: { [REP]: 'pass' },
  },
  {
    name: 'a template under a provider configuration that assumes a role is not known to be of the destination account: unknown',
    plan: plan(
      [
        replication([{ region: 'us-west-2', registry_id: ACCOUNT }], []),
        template('root', 'ROOT', ['REPLICATION'], KMS, { provider: 'aws.west' }),
        res('data.aws_caller_identity.current', { account_id: ACCOUNT, arn: 'arn:aws:iam::111122223333:user/ci', id: ACCOUNT, user_id: 'AIDA' }),
      ],
      { providers: { ...WEST.providers, 'aws.west': { name: 'aws', alias: 'west', expressions: { region: { constant_value: 'us-west-2' }, assume_role: [{ role_arn: { constant_value: 'arn:aws:iam::444455556666:role/deploy' } }] } } } },
    ),
    expect: { [REP]: 'unknown' },
  },
  {
    name: 'replication rules known only after apply are unknown; an awscc replication configuration with no template fails',
    plan: plan([
      res(REP, {}, { unknown: { replication_configuration: true, registry_id: true }, refs: { replication_configuration: ['var.rules'] } }),
      res('awscc_ecr_replication_configuration.r', { replication_configuration: { rules: [{ destinations: [{ region: 'us-west-2', registry_id: ACCOUNT }], repository_filters: null }] } }, { unknown: { registry_id: true } }),
    ]),
    expect: { [REP]: 'unknown', 'awscc_ecr_replication_configuration.r': 'fail' },
  },
  { name: 'other resource types are not-applicable', plan: plan([res('aws_ecr_lifecycle_policy.p', {})]), expect: { 'aws_ecr_lifecycle_policy.p': 'not-applicable' } },
]);

/**
 * In `.tf`, two pull through cache rules of `provider`: `hub` under no template, `quay` under a KMS template that names
 * its prefix by reference (awscc's `encryption_configuration` an object, aws's a block).
 */
function cacheRulesTf(provider: 'aws' | 'awscc'): string {
  const rules = [['hub', 'docker-hub', 'registry-1.docker.io'], ['quay', 'quay', 'quay.io']].map(
    ([name, prefix, url]) => `resource "${provider}_ecr_pull_through_cache_rule" "${name}" {\n  ecr_repository_prefix = "${prefix}"\n  upstream_registry_url = "${url}"\n}\n`,
  );
  const encryption = provider === 'aws' ? 'encryption_configuration {\n    encryption_type = "KMS"\n  }' : 'encryption_configuration = { encryption_type = "KMS" }\n  resource_tags            = [{ key = "Team", value = "iot" }]';
  return `${rules.join('')}resource "${provider}_ecr_repository_creation_template" "quay" {
  prefix      = ${provider}_ecr_pull_through_cache_rule.quay.ecr_repository_prefix
  applied_for = ["PULL_THROUGH_CACHE"]
  ${encryption}
}
`;
}

describe('ecr-repository-kms: a pull through cache rule written in code', () => {
  it.each(['aws', 'awscc'] as const)('.tf (%s): a rule with no template fails; one whose template names its prefix by reference and encrypts with KMS passes', async (provider) => {
    const graph = await tfGraph(cacheRulesTf(provider));
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({
      [`${provider}_ecr_pull_through_cache_rule.hub`]: 'fail',
      [`${provider}_ecr_pull_through_cache_rule.quay`]: 'pass',
      [`${provider}_ecr_repository_creation_template.quay`]: 'pass',
    });
  });

  it('.tf and cdk.tf.json: an awscc rule under an awscc KMS template of its prefix passes, one under none fails; the awscc templates and rules are no types required-tags cannot tell', async () => {
    const cdktf = cdktfGraph({
      awscc_ecr_pull_through_cache_rule: { hub: { ecr_repository_prefix: 'docker-hub', upstream_registry_url: 'registry-1.docker.io' }, quay: { ecr_repository_prefix: 'quay', upstream_registry_url: 'quay.io' } },
      awscc_ecr_repository_creation_template: { quay: { prefix: 'quay', applied_for: ['PULL_THROUGH_CACHE'], encryption_configuration: { encryption_type: 'KMS' }, resource_tags: [{ key: 'Team', value: 'iot' }] } },
    });
    for (const graph of [await tfGraph(cacheRulesTf('awscc')), cdktf]) {
      expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [CC]: 'fail', 'awscc_ecr_pull_through_cache_rule.quay': 'pass', 'awscc_ecr_repository_creation_template.quay': 'pass' });
      expect(runRules(graph, DEFAULT_SETTINGS).coverage.taggingUntoldTypes).toBeUndefined();
    }
  });

  it.each([
    ['the template\'s own provider configuration', 'provider = aws.west', '', 'pass'],
    ['the default provider configuration, which like aws.west sets only a Region', '', '', 'pass'],
    ['a provider configuration that assumes a role (another account, maybe)', '', '  assume_role {\n    role_arn = "arn:aws:iam::444455556666:role/deploy"\n  }\n', 'unknown'],
  ])('.tf: replication reading its account from the caller identity of %s, under a new KMS template of the destination Region (the account is no value a .tf input knows; with no template, it fails)', async (_what, identityProvider, westExtra, expected) => {
    const code = (template: string) => `provider "aws" {
  region = "us-east-1"
}
provider "aws" {
  alias  = "west"
  region = "us-west-2"
${westExtra}}
data "aws_caller_identity" "me" {
  ${identityProvider}
}
resource "aws_ecr_replication_configuration" "r" {
  replication_configuration {
    rule {
      destination {
        region      = "us-west-2"
        registry_id = data.aws_caller_identity.me.account_id
      }
    }
  }
}
${template}`;
    const kms = `resource "aws_ecr_repository_creation_template" "root" {
  provider    = aws.west
  prefix      = "ROOT"
  applied_for = ["REPLICATION"]
  encryption_configuration {
    encryption_type = "KMS"
  }
}
`;
    expect(worstByAddress(evaluateRule(rule, await tfGraph(code(''))))).toEqual({ [REP]: 'fail' });
    expect(worstByAddress(evaluateRule(rule, await tfGraph(code(kms))))).toEqual({ [REP]: expected, 'aws_ecr_repository_creation_template.root': 'pass' });
  });

  it('cdk.tf.json: an awscc replication configuration with no template fails, and is no type required-tags cannot tell (AWS::ECR::ReplicationConfiguration takes no tags)', () => {
    const graph = cdktfGraph({
      awscc_ecr_replication_configuration: { r: { replication_configuration: { rules: [{ destinations: [{ region: 'us-west-2', registry_id: ACCOUNT }], repository_filters: [{ filter: 'prod/', filter_type: 'PREFIX_MATCH' }] }] } } },
    });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ 'awscc_ecr_replication_configuration.r': 'fail' });
    expect(runRules(graph, DEFAULT_SETTINGS).coverage.taggingUntoldTypes).toBeUndefined();
  });

  it('cdk.tf.json: a rule under an AES256 template fails', () => {
    const graph = cdktfGraph({
      aws_ecr_pull_through_cache_rule: { hub: { ecr_repository_prefix: 'docker-hub', upstream_registry_url: 'registry-1.docker.io' } },
      aws_ecr_repository_creation_template: { hub: { prefix: 'docker-hub', applied_for: ['PULL_THROUGH_CACHE'], encryption_configuration: { encryption_type: 'AES256' } } },
    });
    expect(worstByAddress(evaluateRule(rule, graph))).toEqual({ [C]: 'fail', 'aws_ecr_repository_creation_template.hub': 'fail' });
  });
});
