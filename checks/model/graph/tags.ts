/**
 * The tags a resource will carry after apply.
 *
 * aws resources: `tags_all` when Terraform knows it (plans, AWS provider >= 3.38); otherwise the
 * resource's `tags` merged over its provider's `default_tags`, and those over the tags of the
 * environment's `TF_AWS_DEFAULT_TAGS_<key>` in .tf and cdk.tf.json input (which never has `tags_all`). awscc resources have no `default_tags`: their `tags` — a map, or a list of
 * `{ key, value }` — is all they carry, or the attribute their CloudFormation type keeps them in
 * (`AWSCC_TAGS_ATTRIBUTE`: an EFS file system's `file_system_tags`), or, for a DynamoDB global table,
 * the tags of its replicas (`replicas[].tags`; the table has none of its own): each replica is a
 * table tagged alone, and rules judge each replica's set (`tagSets`); for a launch template, a
 * capacity reservation or an EC2, Capacity Reservation or Spot Fleet, the `tags` of its
 * `tag_specifications` entry of its own resource type (`AWSCC_TAG_SPECIFIED`: `launch-template`,
 * a Spot Fleet's in `spot_fleet_request_config_data`).
 *
 * Which resources are taggable (a heuristic, since the graph has no provider schemas):
 * - data sources never are;
 * - an aws resource is when `tags` or `tags_all` appears in its values (a plan writes every schema
 *   attribute, null when unset), in its unknown mask or in its configuration, or when its type is in
 *   `AWS_TAGGABLE_TYPES` (every type of the AWS provider that takes `tags`: an untagged node group
 *   written in cdktf or HCL counts, as in a plan) or `AWS_TAGGABLE_SINCE_BINDINGS`, unless its type is in `AWS_SELECTOR_TAGS_TYPES`,
 *   whose `tags` are no tags of its own (an `aws_inspector_resource_group`'s select the instances to
 *   assess; the provider's `default_tags` never reach it, and it has no `tags_all`); a type in no list
 *   written untagged in cdktf or HCL may take tags or not (`taggingUntold`): it is not judged, and the
 *   coverage says so;
 * - an awscc resource is when `tags` appears the same way, or its type is in `TAGGABLE_AWSCC_TYPES` or
 *   keeps its tags elsewhere (`AWSCC_TAGS_ATTRIBUTE`, a global table's replicas, `AWSCC_TAG_SPECIFIED`'s
 *   `tag_specifications`); a type in none of
 *   these nor in `AWSCC_UNTAGGED_TYPES` written untagged in cdktf or HCL, or shown in a plan with an
 *   attribute `…_tags` and no `tags` (its tags under a name no list knows), is `taggingUntold` too;
 * - an `aws_autoscaling_group` always is, through its `tag` blocks (`{ key, value, propagate_at_launch }`),
 *   the one aws resource the provider's `default_tags` do not reach (nor `tags_all`: it has none).
 *
 * Where a resource's own tags (a map) are known only after apply whole, the status is unknown, with
 * what they hold whatever their unknown part (`atLeast`): the provider's constant `default_tags`,
 * whose keys they cannot remove, and over them the entries the code's map holds for certain
 * (`ConfigNode.held`: `merge(var.tags, { Owner = "…" })` in a .tf or cdk.tf.json input), whose keys
 * and values are `fixed`. A tag whose value is null is no tag: the provider leaves it out and keeps
 * the default tag of its key (`setTag` lays nothing for it).
 *
 * An `aws_s3_object` or `aws_s3_object_copy` with `override_provider { default_tags { tags = {} } }`
 * carries its own `tags` only: the provider leaves its `default_tags` off that object (and plans its
 * `tags_all` as its `tags`). The provider takes only an empty map there.
 *
 * The provider's `ignore_tags { keys, key_prefixes }` (and `TF_AWS_IGNORE_TAGS_KEYS` /
 * `_KEY_PREFIXES`, which add to it) name keys the provider sends when it creates a resource (its
 * `tags` over `default_tags`, ignored keys included) but never manages after: `tags_all` leaves them
 * out, and an update neither sets nor removes them, so they may be changed or removed outside
 * Terraform. The effective tags hold what the code writes, ignored keys included (they are sent, and
 * tag-limits and the sensitive-data rules judge them), in every input: in a plan such a key is taken
 * from the resource's `tags` and its provider's `default_tags` where `tags_all` lacks it. `ignoredBy`
 * says which keys `ignore_tags` names, for a rule that must not vouch for them (required-tags). In a
 * plan, a key the code writes that `tags_all` lacks is ignored too: the provider drops nothing else
 * from it but `aws:` keys, so the plan was made with `TF_AWS_IGNORE_TAGS_*` naming it. An Auto
 * Scaling group's `tag` blocks are read as written (they are no `tags`/`tags_all` pair).
 */
import { type EnvironmentIgnoreTags, IGNORE_TAGS_KEY_PREFIXES_VARIABLE, IGNORE_TAGS_KEYS_VARIABLE } from '../default-tags';
import type { EffectiveTags, IgnoredBy, LoadedInput, ReplicaTags, Resource } from '../types';
import { record } from '../records';
import { type PathSeg, ValueView } from '../value';
import { AWS_SELECTOR_TAGS_TYPES, AWS_TAGGABLE_TYPES, AWS_UNTAGGED_TYPES } from './aws-taggable-types';
import { configAt } from './config';
import type { ProviderLookup } from './providers';

/**
 * awscc types whose schema has `tags` (their CloudFormation type's `Tags`), for inputs that do not
 * show it unset (.tf and cdk.tf.json: a plan writes every attribute, null when unset): TwinMaker's
 * (awscc generates no `_component_type` or `_entity`: their schemas recurse), those of the estate
 * around it (SiteWise, IoT Core rules and policies, IoT Events and Analytics, the streams, stores and
 * functions a twin's connectors read), and every other type a rule judges whose schema has `tags`
 * (the README's awscc list) and `awscc_ec2_vpc` (not `awscc_apigateway_deployment`, the IAM
 * groups, managed and inline policies, `awscc_sns_subscription`, whose CloudFormation types take no
 * `Tags`: `AWSCC_UNTAGGED_TYPES`; nor `awscc_ec2_launch_template` and the others tagged in `tag_specifications`: `AWSCC_TAG_SPECIFIED`; `awscc_ses_configuration_set` and `awscc_kafkaconnect_connector` are
 * in, their `tags` a list of { key, value } in the awscc bindings, SesConfigurationSet#tags and
 * KafkaconnectConnector#tags). Not every awscc type: the graph has no provider schema, and a type
 * outside the lists is judged where its input shows `tags`, and otherwise `taggingUntold`.
 */
const TAGGABLE_AWSCC_TYPES: ReadonlySet<string> = new Set([
  'awscc_iottwinmaker_workspace',
  'awscc_iottwinmaker_scene',
  'awscc_iottwinmaker_sync_job',
  'awscc_s3_bucket',
  'awscc_kms_key',
  'awscc_iam_role',
  'awscc_logs_log_group',
  'awscc_iotsitewise_asset',
  'awscc_iotsitewise_asset_model',
  'awscc_iotsitewise_dashboard',
  'awscc_iotsitewise_gateway',
  'awscc_iotsitewise_portal',
  'awscc_iotsitewise_project',
  'awscc_iot_topic_rule',
  'awscc_kafkaconnect_connector',
  'awscc_iot_policy',
  'awscc_iot_role_alias',
  'awscc_iot_thing_group',
  'awscc_iotevents_detector_model',
  'awscc_iotevents_input',
  'awscc_iotanalytics_channel',
  'awscc_iotanalytics_datastore',
  'awscc_iotanalytics_pipeline',
  'awscc_iotanalytics_dataset',
  'awscc_kinesis_stream',
  'awscc_kinesisvideo_stream',
  'awscc_kinesisfirehose_delivery_stream',
  'awscc_timestream_database',
  'awscc_timestream_table',
  'awscc_lambda_function',
  'awscc_dynamodb_table',
  'awscc_sqs_queue',
  'awscc_sns_topic',
  'awscc_secretsmanager_secret',
  'awscc_ses_configuration_set',
  'awscc_cloudtrail_trail',
  'awscc_cloudtrail_event_data_store',
  'awscc_apigateway_stage',
  'awscc_cloudfront_vpc_origin',
  'awscc_codebuild_report_group',
  'awscc_ec2_instance',
  'awscc_ec2_volume',
  'awscc_ec2_vpc',
  'awscc_ecr_repository',
  'awscc_ecs_task_definition',
  'awscc_elasticache_replication_group',
  'awscc_elasticache_serverless_cache',
  'awscc_iam_user',
  'awscc_memorydb_cluster',
  'awscc_msk_cluster',
  'awscc_neptune_db_cluster',
  'awscc_opensearchservice_domain',
  'awscc_rds_db_cluster',
  'awscc_rds_db_instance',
  'awscc_rds_db_proxy',
  'awscc_redshift_cluster',
  'awscc_redshiftserverless_workgroup',
  'awscc_timestream_database',
  'awscc_transfer_server',
]);

/**
 * awscc types whose tags are not a top-level `tags`: the attribute their CloudFormation type keeps
 * them in (its `tagging.tagProperty`), as hashicorp/terraform-provider-awscc's docs/resources name it.
 * A map or a list of `{ key, value }`, read as `tags` is.
 */
const AWSCC_TAGS_ATTRIBUTE: ReadonlyMap<string, string> = new Map([
  ['awscc_backup_backup_plan', 'backup_plan_tags'],
  ['awscc_backup_backup_vault', 'backup_vault_tags'],
  // docs/resources/backup_framework.md, backup_report_plan.md: a list of { key, value }.
  ['awscc_backup_framework', 'framework_tags'],
  // docs/resources/backup_logically_air_gapped_backup_vault.md: a map, as the vault's.
  ['awscc_backup_logically_air_gapped_backup_vault', 'backup_vault_tags'],
  ['awscc_backup_report_plan', 'report_plan_tags'],
  // AWS::Budgets::BudgetsAction `ResourceTags`, "an optional list of tags to associate with the specified budget
  // action" (CreateBudgetAction), a list of { key, value } (docs/resources/budgets_budgets_action.md).
  ['awscc_budgets_budgets_action', 'resource_tags'],
  // AWS::CE::AnomalyMonitor and AnomalySubscription `ResourceTags` ("Tags to assign to"), a list of { key, value }
  // (the awscc bindings' CeAnomalyMonitor#resource_tags, CeAnomalySubscription#resource_tags).
  ['awscc_ce_anomaly_monitor', 'resource_tags'],
  ['awscc_ce_anomaly_subscription', 'resource_tags'],
  // docs/resources/cognito_identity_pool.md (awscc generates no user pool, whose UserPoolTags is a map).
  ['awscc_cognito_identity_pool', 'identity_pool_tags'],
  // AWS::DataPipeline::Pipeline `PipelineTags` (the awscc bindings' DatapipelinePipeline#pipeline_tags).
  ['awscc_datapipeline_pipeline', 'pipeline_tags'],
  ['awscc_efs_access_point', 'access_point_tags'],
  ['awscc_efs_file_system', 'file_system_tags'],
  // AWS::Lex::Bot `BotTags` (LexBot#bot_tags; its `test_bot_alias_tags` are the test alias's, not read),
  // docs/resources/lex_bot_alias.md.
  ['awscc_lex_bot', 'bot_tags'],
  ['awscc_lex_bot_alias', 'bot_alias_tags'],
  // docs/resources/route53_health_check.md, route53_hosted_zone.md (tagging.tagProperty /properties/HostedZoneTags).
  ['awscc_route53_health_check', 'health_check_tags'],
  ['awscc_route53_hosted_zone', 'hosted_zone_tags'],
]);

/**
 * awscc types that take no tags of their own, so that one written untagged is no gap
 * (`taggingUntold`): CloudFormation types with no `Tags` (API Gateway deployments, IAM groups,
 * managed and inline policies, SNS subscriptions, bucket policies, key aliases, IoT things,
 * ElastiCache global replication groups, ECR pull through cache rules and replication configurations), and those whose `_tags`
 * attribute is not theirs: `awscc_inspector_resource_group`'s `resource_group_tags` select the
 * instances to assess (as `aws_inspector_resource_group`'s `tags`), `awscc_lakeformation_tag_association`'s
 * `lf_tags` are Lake Formation tags that grant data permissions, not resource tags, and
 * `awscc_ecr_repository_creation_template`'s `resource_tags` tag the repositories ECR creates from it
 * (AWS::ECR::RepositoryCreationTemplate takes no `Tags`; its aws twin takes none either).
 */
const AWSCC_UNTAGGED_TYPES: ReadonlySet<string> = new Set([
  'awscc_apigateway_deployment',
  'awscc_ecr_pull_through_cache_rule',
  'awscc_ecr_replication_configuration',
  'awscc_ecr_repository_creation_template',
  'awscc_elasticache_global_replication_group',
  'awscc_iam_group',
  'awscc_iam_group_policy',
  'awscc_iam_managed_policy',
  'awscc_iam_role_policy',
  'awscc_iam_user_policy',
  'awscc_inspector_resource_group',
  'awscc_iot_thing',
  'awscc_kms_alias',
  'awscc_lakeformation_tag_association',
  'awscc_s3_bucket_policy',
  'awscc_sns_subscription',
]);

/**
 * The awscc type with no tags of its own whose replicas each carry theirs (`replicas[].tags`, a list
 * of `{ key, value }`): each replica is a table in its region, tagged alone.
 */
const AWSCC_REPLICATED = 'awscc_dynamodb_global_table';

/**
 * awscc types that write their own tags in a `tag_specifications`, a list of `{ resource_type, tags }`
 * (`tags` a list of `{ key, value }`): where the list is (`at`) and the resource type of the entry that
 * tags the resource itself (`own`), as hashicorp/terraform-provider-awscc docs/resources name the
 * attributes and the CloudFormation and EC2 API references the resource type:
 * - AWS::EC2::LaunchTemplate `TagSpecifications` ("To tag the launch template, the resource type must
 *   be `launch-template`"; its `launch_template_data.tag_specifications` tag the instances and volumes
 *   launched from it, not it);
 * - AWS::EC2::CapacityReservation `TagSpecifications` ("Specify `capacity-reservation`");
 * - AWS::EC2::CapacityReservationFleet `TagSpecifications` ("Specify `capacity-reservation-fleet`");
 * - AWS::EC2::EC2Fleet `TagSpecifications` (CreateFleet: "specify a resource type of `fleet` to tag the
 *   fleet", `instance` the instances of an instant fleet);
 * - AWS::EC2::SpotFleet, in `spot_fleet_request_config_data.tag_specifications`
 *   (SpotFleetRequestConfigData `TagSpecifications`: "The value for ResourceType must be
 *   `spot-fleet-request`"; the `tag_specifications` of its `launch_specifications` tag the instances).
 */
interface TagSpecified {
  /** The path of the list of tag specifications. */
  readonly at: readonly string[];
  /** The `resource_type` of the entry that tags the resource itself. */
  readonly own: string;
}

const AWSCC_TAG_SPECIFIED: ReadonlyMap<string, TagSpecified> = new Map([
  ['awscc_ec2_launch_template', { at: ['tag_specifications'], own: 'launch-template' }],
  ['awscc_ec2_capacity_reservation', { at: ['tag_specifications'], own: 'capacity-reservation' }],
  ['awscc_ec2_capacity_reservation_fleet', { at: ['tag_specifications'], own: 'capacity-reservation-fleet' }],
  ['awscc_ec2_ec2_fleet', { at: ['tag_specifications'], own: 'fleet' }],
  ['awscc_ec2_spot_fleet', { at: ['spot_fleet_request_config_data', 'tag_specifications'], own: 'spot-fleet-request' }],
]);

/** The awscc types whose own tags are the `tags` of the items of a list (`itemsAt`): the global table's replicas, `AWSCC_TAG_SPECIFIED`'s tag specifications. */
const TAGS_IN_ITEMS: ReadonlySet<string> = new Set([AWSCC_REPLICATED, ...AWSCC_TAG_SPECIFIED.keys()]);

/** Whether an awscc type keeps its own tags elsewhere than `tags`: `file_system_tags`, a global table's replicas, a launch template's `tag_specifications`. */
const tagsElsewhere = (type: string): boolean => AWSCC_TAGS_ATTRIBUTE.has(type) || TAGS_IN_ITEMS.has(type);

/**
 * Where a resource of `type` writes its own tags, for a finding's path: `tags`, an awscc type's
 * `file_system_tags`, a global table's `replicas`, a launch template's `tag_specifications`, a Spot
 * Fleet's `spot_fleet_request_config_data.tag_specifications`.
 */
export function tagsAttribute(type: string): string {
  return AWSCC_TAGS_ATTRIBUTE.get(type) ?? (type === AWSCC_REPLICATED ? 'replicas' : AWSCC_TAG_SPECIFIED.get(type)?.at.join('.') ?? 'tags');
}

/** For a type of `TAGS_IN_ITEMS`, the path of the list whose items' `tags` are its own: `replicas`, `tag_specifications`, `spot_fleet_request_config_data.tag_specifications`. */
const itemsAt = (type: string): readonly string[] => AWSCC_TAG_SPECIFIED.get(type)?.at ?? [tagsAttribute(type)];

/** Where a resource of `type` takes its own tags, for a message: "the resource's `file_system_tags`", "the resource's `replicas` (each replica's `tags`)". */
export function ownTagsShown(type: string): string {
  const attribute = `\`${tagsAttribute(type)}\``;
  const specified = AWSCC_TAG_SPECIFIED.get(type);
  if (specified !== undefined) return `the \`tags\` of the resource's ${attribute} entry with \`resource_type = "${specified.own}"\``;
  return type === AWSCC_REPLICATED ? `the resource's ${attribute} (each replica's \`tags\`)` : `the resource's ${attribute}`;
}

/**
 * Where a resource writes its own tags, each set with its path in the values: `tags`, the attribute
 * an awscc type keeps them in (`tagsAttribute`: `file_system_tags`), or the `tags` of each item of a
 * list (`TAGS_IN_ITEMS`: `replicas.<i>.tags` of a global table, `tag_specifications.<i>.tags` of a
 * launch template, `spot_fleet_request_config_data.tag_specifications.<i>.tags` of a Spot Fleet,
 * whatever the entry's `resource_type`: a tag written there is a tag all the same), read as
 * `effectiveTags` reads them. For the rules that search the written text
 * (no-sensitive-data-in-tags), and for those that leave it to them (`ownTagsAt`).
 */
export function ownTagPlaces(r: Resource): { readonly path: readonly PathSeg[]; readonly view: ValueView }[] {
  if (!TAGS_IN_ITEMS.has(r.type)) {
    const attribute = tagsAttribute(r.type);
    return [{ path: [attribute], view: r.values.get(attribute) }];
  }
  const at = itemsAt(r.type);
  const items = r.values.get(...at).list();
  return items.kind === 'known' ? items.value.map((item, i) => ({ path: [...at, i, 'tags'], view: item.get('tags') })) : [];
}

/**
 * Whether a path of a resource of `type` is one of its `ownTagPlaces` (`tags`, `file_system_tags`,
 * `replicas.<i>.tags`, `tag_specifications.<i>.tags`), as a test made once per resource: a walk of
 * its values asks at every node.
 */
export function ownTagsAt(type: string): (path: readonly PathSeg[]) => boolean {
  if (!TAGS_IN_ITEMS.has(type)) {
    const attribute = tagsAttribute(type);
    return (path) => path.length === 1 && path[0] === attribute;
  }
  const at = itemsAt(type);
  const n = at.length;
  return (path) => path.length === n + 2 && typeof path[n] === 'number' && path[n + 1] === 'tags' && at.every((seg, i) => path[i] === seg);
}

/** A set of tags a rule judges on its own: a resource's, or one replica's of a global table. */
export interface JudgedTags extends Omit<ReplicaTags, 'region'> {
  /** The replica that carries it, for a message (`the replica in eu-west-1 (replicas.1)`); undefined for the resource itself. */
  readonly replica?: string;
}

/**
 * The tag sets of a resource whose tags are known, each judged alone: a global table's replicas (each
 * a table tagged on its own, CloudFormation's ReplicaSpecification `Tags`: a limit broken on one is
 * broken, and a required key one lacks is missing there), otherwise the resource's one set.
 */
export function tagSets(type: string, tags: Extract<EffectiveTags, { status: 'known' }>): readonly JudgedTags[] {
  if (tags.replicas !== undefined && tags.replicas.length > 0) {
    return tags.replicas.map((replica) => ({ ...replica, replica: `the replica ${replica.region === undefined ? '' : `in ${replica.region} `}(${replica.path.slice(0, 2).join('.')})` }));
  }
  return [{ path: tags.path ?? [tagsAttribute(type)], tags: tags.tags, unknownValues: tags.unknownValues, sensitiveKeys: tags.sensitiveKeys }];
}

/**
 * aws types that take `tags` in AWS provider releases newer than the bindings `AWS_TAGGABLE_TYPES` is
 * generated from (6.25), as the provider's CHANGELOG records them: 6.28 added the CloudFront
 * multi-tenant distribution, its tenants and connection groups, SES tenants, and `tags` to
 * `aws_dx_gateway`. Another type newer than the list is taggable where its input writes `tags` or
 * `tags_all` (a plan writes both, null when unset).
 */
const AWS_TAGGABLE_SINCE_BINDINGS: ReadonlySet<string> = new Set([
  'aws_cloudfront_connection_group',
  'aws_cloudfront_distribution_tenant',
  'aws_cloudfront_multitenant_distribution',
  'aws_dx_gateway',
  'aws_sesv2_tenant',
]);

const isAwscc = (r: Resource): boolean => r.type.startsWith('awscc_');
const isAws = (r: Resource): boolean => r.type.startsWith('aws_');

/** True when the attribute appears in the values (even as null), the unknown mask or the configuration. */
function mentions(r: Resource, attr: string): boolean {
  const after = r.data.after;
  if (after !== null && typeof after === 'object' && attr in after) return true;
  if (r.values.get(attr).isUnknown) return true;
  return configAt(r.data.config, [attr]) !== undefined;
}

/** The aws type whose tags are `tag` blocks, which the provider's `default_tags` do not reach. */
const AUTOSCALING_GROUP = 'aws_autoscaling_group';

/** The aws types whose `override_provider { default_tags { … } }` block keeps the provider's `default_tags` off them. */
const OVERRIDES_PROVIDER: ReadonlySet<string> = new Set(['aws_s3_object', 'aws_s3_object_copy']);

/**
 * Whether the resource's `override_provider` block keeps the provider's `default_tags` off it: a
 * `default_tags` block in it whose `tags` are empty or unset does (the provider's
 * ignoreProviderDefaultTags); a string when that cannot be told.
 */
function overridesDefaultTags(r: Resource): boolean | string {
  if (!OVERRIDES_PROVIDER.has(r.type)) return false;
  const override = r.values.get('override_provider').block();
  if (override.kind !== 'known') return override.kind === 'unknown' ? `${r.address}: override_provider is known only after apply` : false;
  const defaults = override.value.get('default_tags').block();
  if (defaults.kind !== 'known') return defaults.kind === 'unknown' ? `${r.address}: override_provider's default_tags are known only after apply` : false;
  const tags = defaults.value.get('tags').map();
  if (tags.kind === 'unknown') return `${r.address}: the tags of override_provider's default_tags are known only after apply`;
  if (tags.kind === 'known' && Object.keys(tags.value).length > 0) return `${r.address}: override_provider's default_tags set tags, which the provider refuses (it takes only an empty map)`;
  return true;
}

function isTaggable(r: Resource): boolean {
  if (r.mode === 'data') return false;
  if (r.type === AUTOSCALING_GROUP) return true;
  if (isAwscc(r)) return TAGGABLE_AWSCC_TYPES.has(r.type) || tagsElsewhere(r.type) || mentions(r, 'tags');
  if (isAws(r)) return !AWS_SELECTOR_TAGS_TYPES.has(r.type) && (AWS_TAGGABLE_TYPES.has(r.type) || AWS_TAGGABLE_SINCE_BINDINGS.has(r.type) || mentions(r, 'tags') || mentions(r, 'tags_all'));
  return false;
}

/**
 * Whether it cannot be told if a managed aws or awscc resource takes tags (awscc: `awsccTaggingUntold`).
 * aws: its type is in none of the lists
 * (newer than the bindings, or gone from the provider), and its input, a configuration (.tf,
 * cdk.tf.json), writes no `tags`. A plan can tell (it writes every attribute of the type's schema,
 * null when unset: `tags_all` is there when the type takes tags), and so can a resource that writes
 * tags. `effectiveTags` calls such a resource not taggable, as it cannot vouch otherwise: the
 * coverage names its type (engine.ts), and strict mode blocks on it. Not a guess either way.
 */
export function taggingUntold(r: Resource): boolean {
  if (r.mode !== 'managed') return false;
  if (isAwscc(r)) return awsccTaggingUntold(r);
  if (!isAws(r) || r.inputKind === 'plan') return false;
  if (AWS_TAGGABLE_TYPES.has(r.type) || AWS_TAGGABLE_SINCE_BINDINGS.has(r.type) || AWS_UNTAGGED_TYPES.has(r.type) || AWS_SELECTOR_TAGS_TYPES.has(r.type)) return false;
  // In no list, so `isTaggable` would ask only this: whether the resource writes tags.
  return !mentions(r, 'tags') && !mentions(r, 'tags_all');
}

/**
 * `taggingUntold` for an awscc resource of a type in no list (`TAGGABLE_AWSCC_TYPES`,
 * `AWSCC_TAGS_ATTRIBUTE`, `AWSCC_UNTAGGED_TYPES`, the global table) that writes no `tags`: in a
 * configuration, the type may keep its tags in `tags` or under another name (a hosted zone's
 * `hosted_zone_tags`); in a plan, which writes every attribute of the type's schema, when an
 * attribute's name ends in `_tags` (its CloudFormation tag property under another name, as far as
 * the plan can tell). awscc has no `tags_all` to tell by.
 */
function awsccTaggingUntold(r: Resource): boolean {
  if (TAGGABLE_AWSCC_TYPES.has(r.type) || tagsElsewhere(r.type) || AWSCC_UNTAGGED_TYPES.has(r.type)) return false;
  if (mentions(r, 'tags')) return false;
  if (r.inputKind !== 'plan') return true;
  return [r.data.after, r.data.afterUnknown].some((mask) => mask !== null && typeof mask === 'object' && Object.keys(mask).some((attr) => attr.endsWith('_tags')));
}

/** Tags being assembled: known values, keys with unknown values, keys with sensitive values. */
interface TagSet {
  readonly tags: Record<string, string>;
  readonly unknownValues: Set<string>;
  readonly sensitiveKeys: Set<string>;
}

const emptyTags = (): TagSet => ({ tags: record<string>(), unknownValues: new Set(), sensitiveKeys: new Set() });

/** Lays a map of tags over `into`; a string when its keys cannot be known. */
function layMap(view: ValueView, into: TagSet, what: string): string | undefined {
  const kind = view.eachEntry((key, entry) => setTag(into, key, entry));
  return kind === 'unknown' ? `${what} ${view.isUnknown ? 'is known only after apply' : 'is not a map'}` : undefined;
}

/** Lays a `[{ key, value }]` list (awscc) over `into`. */
function layList(view: ValueView, into: TagSet, what: string): string | undefined {
  const items = view.list();
  if (items.kind === 'absent') return undefined;
  if (items.kind === 'unknown') return `${what} is known only after apply`;
  for (const item of items.value) {
    const key = item.get('key').string();
    if (key.kind === 'unknown') return `a key of ${what} is known only after apply`;
    if (key.kind === 'known') setTag(into, key.value, item.get('value'));
  }
  return undefined;
}

function setTag(into: TagSet, key: string, entry: ValueView): void {
  const value = entry.string();
  if (value.kind === 'absent') return;
  into.unknownValues.delete(key);
  into.sensitiveKeys.delete(key);
  delete into.tags[key];
  if (value.kind === 'known') into.tags[key] = value.value;
  else into.unknownValues.add(key);
  if (entry.isSensitive) into.sensitiveKeys.add(key);
}

const finish = (set: TagSet, withoutDefaultTags = false, ignoredBy?: IgnoredBy): EffectiveTags => ({
  status: 'known',
  tags: set.tags,
  unknownValues: [...set.unknownValues].sort(),
  sensitiveKeys: [...set.sensitiveKeys].sort(),
  ...(withoutDefaultTags ? { withoutDefaultTags: true as const } : {}),
  ...(ignoredBy ? { ignoredBy } : {}),
});

const has = (set: TagSet, key: string): boolean => key in set.tags || set.unknownValues.has(key) || set.sensitiveKeys.has(key);

const holdsNone = (set: TagSet): boolean => Object.keys(set.tags).length === 0 && set.unknownValues.size === 0 && set.sensitiveKeys.size === 0;

/** Copies `key` of `from`, its value known or not and whether sensitive, into `into`. */
function copyTag(from: TagSet, into: TagSet, key: string): void {
  if (key in from.tags) into.tags[key] = from.tags[key];
  if (from.unknownValues.has(key)) into.unknownValues.add(key);
  if (from.sensitiveKeys.has(key)) into.sensitiveKeys.add(key);
}

/**
 * What the provider's `ignore_tags` names, as `IgnoredBy`: the block's `keys` (exact) and
 * `key_prefixes` (case-sensitive prefixes, as the provider's IgnoreConfig matches them), and those
 * the environment's `TF_AWS_IGNORE_TAGS_*` add (configuration inputs only). A block whose lists are
 * not constants may name any key. Undefined when nothing is ignored.
 */
function ignoreTagsOf(provider: ProviderLookup, fromEnvironment: EnvironmentIgnoreTags | undefined): IgnoredBy | undefined {
  if (provider.kind !== 'found') return fromEnvironment === undefined ? undefined : readIgnoreTags(provider, fromEnvironment);
  // Once per provider configuration (its input's environment is one): every resource of a large plan asks.
  const memo = ignoreTagsRead.get(provider.provider);
  if (memo !== undefined) return memo ?? undefined;
  const read = readIgnoreTags(provider, fromEnvironment);
  ignoreTagsRead.set(provider.provider, read ?? null);
  return read;
}

const ignoreTagsRead = new WeakMap<object, IgnoredBy | null>();

function readIgnoreTags(provider: ProviderLookup, fromEnvironment: EnvironmentIgnoreTags | undefined): IgnoredBy | undefined {
  const keys = new Map<string, string>();
  const prefixes = new Map<string, string>();
  for (const key of fromEnvironment?.keys ?? []) keys.set(key, IGNORE_TAGS_KEYS_VARIABLE);
  for (const prefix of fromEnvironment?.keyPrefixes ?? []) prefixes.set(prefix, `${IGNORE_TAGS_KEY_PREFIXES_VARIABLE} "${prefix}"`);
  if (provider.kind === 'found') {
    const name = provider.provider.key;
    const block = provider.provider.values.get('ignore_tags').block();
    if (block.kind === 'unknown') return () => `ignore_tags of provider ${name}, not constants`;
    if (block.kind === 'known') {
      const written = (attr: string): string[] | undefined => {
        const list = block.value.get(attr).stringList();
        return list.kind === 'unknown' ? undefined : list.kind === 'known' ? list.value : [];
      };
      const [blockKeys, blockPrefixes] = [written('keys'), written('key_prefixes')];
      if (blockKeys === undefined || blockPrefixes === undefined) return () => `ignore_tags of provider ${name}, not constants`;
      for (const key of blockKeys) keys.set(key, `ignore_tags.keys of provider ${name}`);
      for (const prefix of blockPrefixes) prefixes.set(prefix, `ignore_tags.key_prefixes "${prefix}" of provider ${name}`);
    }
  }
  if (keys.size === 0 && prefixes.size === 0) return undefined;
  return (key) => keys.get(key) ?? [...prefixes].find(([prefix]) => key.startsWith(prefix))?.[1];
}

/** `ignoredBy`, and keys a plan shows ignored (`dropped`: the code writes them, `tags_all` lacks them). */
function ignoring(ignoredBy: IgnoredBy | undefined, dropped: ReadonlySet<string>): IgnoredBy | undefined {
  if (dropped.size === 0) return ignoredBy;
  return (key) => ignoredBy?.(key) ?? (dropped.has(key) ? 'tags_all leaves it out though the code sets it: ignore_tags or TF_AWS_IGNORE_TAGS_* where the plan was made' : undefined);
}

/** Whether every key of a resource's own tags (a map, or none) is a key of its `tags_all`. */
function withinTagsAll(own: unknown, all: unknown): boolean {
  if (own === null || own === undefined) return true;
  if (typeof own !== 'object' || Array.isArray(own) || typeof all !== 'object' || all === null) return false;
  for (const key in own) if (!Object.prototype.hasOwnProperty.call(all, key)) return false;
  return true;
}

/** A resource's own `tags` (or an awscc type's `file_system_tags`…): a map or, for awscc, a list of `{ key, value }`. */
function layOwnTags(r: Resource, into: TagSet): string | undefined {
  const attribute = tagsAttribute(r.type);
  const tags = r.values.get(attribute);
  return Array.isArray(tags.raw) ? layList(tags, into, `${r.address}: ${attribute}`) : layMap(tags, into, `${r.address}: ${attribute}`);
}

/**
 * A global table's tags: each replica's set (`replicas`), and as the table's one set the keys every
 * replica carries, with the first replica's value (replicas may give a key different values, as
 * `Name = "orders-${region}"`: rules judge values per replica). A string when a replica's tags
 * cannot be read.
 */
function layReplicaTags(r: Resource, into: TagSet, replicas: ReplicaTags[]): string | undefined {
  const list = r.values.get('replicas').list();
  if (list.kind === 'absent') return undefined;
  if (list.kind === 'unknown') return `${r.address}: replicas are known only after apply`;
  const sets: TagSet[] = [];
  for (const [i, replica] of list.value.entries()) {
    const set = emptyTags();
    const problem = layList(replica.get('tags'), set, `${r.address}: replicas[${i}].tags`);
    if (problem !== undefined) return problem;
    sets.push(set);
    const region = replica.get('region').string();
    const { tags, unknownValues, sensitiveKeys } = finish(set) as Extract<EffectiveTags, { status: 'known' }>;
    replicas.push({ path: ['replicas', String(i), 'tags'], ...(region.kind === 'known' ? { region: region.value } : {}), tags, unknownValues, sensitiveKeys });
  }
  const [first, ...others] = sets;
  if (first === undefined) return undefined;
  const keys = [...Object.keys(first.tags), ...first.unknownValues, ...first.sensitiveKeys].filter((key) => others.every((set) => has(set, key)));
  for (const key of new Set(keys)) {
    copyTag(first, into, key);
    if (sets.some((set) => set.unknownValues.has(key))) {
      delete into.tags[key];
      into.unknownValues.add(key);
    }
    if (sets.some((set) => set.sensitiveKeys.has(key))) into.sensitiveKeys.add(key);
  }
  return undefined;
}

/**
 * The own tags of a type of `AWSCC_TAG_SPECIFIED`: the `tags` of each entry of its tag specifications
 * (`at`: `tag_specifications`, a Spot Fleet's `spot_fleet_request_config_data.tag_specifications`)
 * whose `resource_type` is `own` (a launch template's `launch-template`), laid in order (EC2 takes one
 * entry per resource type), and where the first is written (`tag_specifications.0.tags`), for
 * findings. A string when the list, an entry's `resource_type` or the tags of one that tags the
 * resource are known only after apply.
 */
function layTagSpecifications(r: Resource, { at, own }: TagSpecified, into: TagSet): { readonly problem: string } | { readonly path?: readonly string[] } {
  const where = at.join('.');
  const list = r.values.get(...at).list();
  if (list.kind === 'unknown') return { problem: `${r.address}: ${where} is known only after apply` };
  let path: readonly string[] | undefined;
  for (const [i, entry] of (list.kind === 'known' ? list.value : []).entries()) {
    const type = entry.get('resource_type').string();
    if (type.kind === 'unknown') return { problem: `${r.address}: the resource_type of ${where}[${i}] is known only after apply` };
    if (type.kind !== 'known' || type.value !== own) continue;
    const problem = layList(entry.get('tags'), into, `${r.address}: ${where}[${i}].tags`);
    if (problem !== undefined) return { problem };
    path ??= [...at, String(i), 'tags'];
  }
  return { path };
}

/**
 * The provider's `default_tags { tags = {…} }`, over the tags `TF_AWS_DEFAULT_TAGS_<key>` variables
 * give every aws provider configuration, an implicit one too (`fromEnvironment`, default-tags.ts).
 */
function layDefaultTags(provider: ProviderLookup, into: TagSet, fromEnvironment: Readonly<Record<string, string>> | undefined): string | undefined {
  if (provider.kind === 'lost') return `cannot tell which provider configuration applies its default_tags: ${provider.reason}`;
  for (const [key, value] of Object.entries(fromEnvironment ?? {})) setTag(into, key, new ValueView(value));
  if (provider.kind === 'implicit') return undefined;
  const what = `default_tags of provider ${provider.provider.key}`;
  const block = provider.provider.values.get('default_tags').block();
  if (block.kind === 'absent') return undefined;
  if (block.kind === 'unknown') return `${what} ${provider.provider.values.get('default_tags').isUnknown ? 'are not constants' : 'are not a block'}`;
  const tags = block.value.get('tags');
  if (tags.isUnknown) return `${what} are not constants`;
  return layMap(tags, into, what);
}

/** What the environment of a configuration input gives every aws provider configuration (default-tags.ts), and the input's provider blocks. */
export type TagEnvironment = Pick<LoadedInput, 'environmentDefaultTags' | 'environmentIgnoreTags'> & Partial<Pick<LoadedInput, 'providers'>>;

const ignoringInputs = new WeakMap<TagEnvironment, boolean>();

/**
 * Whether a tag may be ignored in the input: the environment lists some, or a provider block writes
 * `ignore_tags`. Most estates write none, and then no resource looks its provider up for it (a
 * 100k-resource plan spent ~30% more in required-tags doing so).
 */
function mayIgnoreTags(environment: TagEnvironment): boolean {
  if (environment.environmentIgnoreTags !== undefined || environment.providers === undefined) return true;
  let found = ignoringInputs.get(environment);
  if (found === undefined) ignoringInputs.set(environment, (found = environment.providers.some((p) => configAt(p.config, ['ignore_tags']) !== undefined)));
  return found;
}

export function effectiveTags(r: Resource, provider: () => ProviderLookup, environment: TagEnvironment = {}): EffectiveTags {
  if (!isTaggable(r)) return { status: 'not-taggable' };
  const set = emptyTags();
  if (r.type === AUTOSCALING_GROUP) {
    // `tag` blocks; the list of maps of AWS provider 4 and older (`tags = [{ key, value, … }]`) laid over them.
    const problem = layList(r.values.get('tag'), set, `${r.address}: tag`) ?? (Array.isArray(r.values.get('tags').raw) ? layOwnTags(r, set) : undefined);
    return problem === undefined ? finish(set) : { status: 'unknown', reason: problem };
  }
  if (r.type === AWSCC_REPLICATED) {
    const replicas: ReplicaTags[] = [];
    const problem = layReplicaTags(r, set, replicas);
    return problem === undefined ? { ...finish(set), ...(replicas.length > 0 ? { replicas } : {}) } : { status: 'unknown', reason: problem };
  }
  const specified = AWSCC_TAG_SPECIFIED.get(r.type);
  if (specified !== undefined) {
    const laid = layTagSpecifications(r, specified, set);
    if ('problem' in laid) return { status: 'unknown', reason: laid.problem };
    return { ...finish(set), ...(laid.path !== undefined ? { path: laid.path } : {}) };
  }
  const overridden = isAws(r) ? overridesDefaultTags(r) : false;
  if (typeof overridden === 'string') return { status: 'unknown', reason: overridden };
  const ignoredBy = isAws(r) && mayIgnoreTags(environment) ? ignoreTagsOf(provider(), environment.environmentIgnoreTags) : undefined;
  if (isAws(r)) {
    const tagsAll = r.values.get('tags_all');
    if (!tagsAll.isUnknown && !tagsAll.isAbsent) {
      const problem = layMap(tagsAll, set, `${r.address}: tags_all`);
      if (problem) return { status: 'unknown', reason: problem, ...(ignoredBy ? { ignoredBy } : {}) };
      // Most resources: nothing ignored, and every key of their own tags in tags_all (the bench's 100k
      // plan spent ~40% more in required-tags reading them again below).
      if (ignoredBy === undefined && withinTagsAll(r.values.get('tags').raw, tagsAll.raw)) return finish(set, overridden);
      // The ignored keys the code writes, which tags_all leaves out: the provider still sends them on
      // create. A key of the resource's own tags that tags_all lacks is one (the plan shows both, and the
      // provider drops nothing else but `aws:` keys); a default_tags key only where ignore_tags names it,
      // the provider configuration being read from the code rather than planned.
      const defaults = emptyTags();
      const own = emptyTags();
      const readDefaults = !overridden && ignoredBy !== undefined && layDefaultTags(provider(), defaults, environment.environmentDefaultTags) === undefined;
      if (layOwnTags(r, own) !== undefined) return finish(set, overridden, ignoredBy);
      const keysOf = (tags: TagSet): string[] => [...Object.keys(tags.tags), ...tags.unknownValues, ...tags.sensitiveKeys].filter((key) => !has(set, key) && !key.startsWith('aws:'));
      const fromDefaults = readDefaults ? keysOf(defaults).filter((key) => !has(own, key) && ignoredBy?.(key) !== undefined) : [];
      for (const key of fromDefaults) copyTag(defaults, set, key);
      const dropped = new Set(keysOf(own));
      for (const key of dropped) copyTag(own, set, key);
      return finish(set, overridden, ignoring(ignoredBy, dropped));
    }
    const problem = overridden ? undefined : layDefaultTags(provider(), set, environment.environmentDefaultTags);
    if (problem) return { status: 'unknown', reason: `${r.address}: ${problem}`, ...(ignoredBy ? { ignoredBy } : {}) };
  }
  const problem = layOwnTags(r, set);
  if (problem === undefined) return finish(set, overridden, ignoredBy);
  // Own tags (a map) known only after apply leave the default tags laid: their keys stay whatever the tags turn out to
  // be (tags only replace values); over them, the entries the tags hold for certain. Made only here: every resource comes by.
  const fixed = layHeld(r, set);
  const ignored = { ...(overridden ? { withoutDefaultTags: true as const } : {}), ...(ignoredBy ? { ignoredBy } : {}) };
  if (fixed.size === 0 && holdsNone(set)) return { status: 'unknown', reason: problem, ...ignored };
  const { tags, unknownValues, sensitiveKeys } = finish(set) as Extract<EffectiveTags, { status: 'known' }>;
  return { status: 'unknown', reason: problem, atLeast: { tags, unknownValues, sensitiveKeys, fixed }, ...ignored };
}

const NONE: ReadonlySet<string> = new Set();

/**
 * The entries a resource's own tags, known only after apply whole, hold whatever their unknown part (`ConfigNode.held`:
 * `merge(var.tags, { Owner = "…" })`), laid over `into`; their keys, whose presence and value are so fixed (a key held
 * with null gives no tag, as the provider leaves a null tag out: `into` keeps the default tags' value, or none).
 */
function layHeld(r: Resource, into: TagSet): ReadonlySet<string> {
  const node = configAt(r.data.config, [tagsAttribute(r.type)]);
  const held = node?.kind === 'expr' ? node.held : undefined;
  if (held === undefined) return NONE;
  const fixed = new Set<string>();
  new ValueView(held.after, held.unknown).eachEntry((key, entry) => {
    fixed.add(key);
    setTag(into, key, entry);
  });
  return fixed;
}
