import * as path from 'node:path';
import { runRules } from '../../../checks/engine';
import { buildGraph } from '../../../checks/model/graph';
import { loadPlanFile } from '../../../checks/model/plan';
import rule from '../../../checks/rules/tagging/required-tags';
import { DEFAULT_SETTINGS } from '../../../checks/settings';
import { describeWithShared, REAL_PLANS_DIR } from '../../helpers/shared';
import { graphOf, plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable } from '../../helpers/rule-table';
import { awsProvider, FULL, lexBot, tagListTf } from './fixtures';
import { parseCdktfDocument } from '../../../checks/model/cdktf';
import { loadHcl } from '../../../checks/model/hcl';
import { twinguard, withFiles } from '../../cli/run';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';

ruleTable(rule, [
  {
    name: "an Auto Scaling group carries its `tag` blocks only: the provider's default_tags do not reach it",
    plan: plan(
      [
        res('aws_autoscaling_group.bare', { name: 'bare', max_size: 2, min_size: 1, tag: [] }),
        res('aws_autoscaling_group.tagged', { name: 'tagged', max_size: 2, min_size: 1, tag: Object.entries(FULL).map(([key, value]) => ({ key, value, propagate_at_launch: true })) }),
        res('aws_autoscaling_group.later', { name: 'later', max_size: 2, min_size: 1 }, { unknown: { tag: true } }),
      ],
      { providers: awsProvider(FULL) },
    ),
    expect: { 'aws_autoscaling_group.bare': 'fail', 'aws_autoscaling_group.tagged': 'pass', 'aws_autoscaling_group.later': 'unknown' },
    message: /default_tags` do not reach an Auto Scaling group|known only after apply/,
  },
  {
    name: 'compliant: the resource’s own tags carry every required tag',
    plan: plan([res('aws_s3_bucket.data', { bucket: 'data', tags: FULL, tags_all: FULL })]),
    expect: { 'aws_s3_bucket.data': 'pass' },
  },
  {
    name: 'compliant: tagged only through default_tags (tags_all known, tags null)',
    plan: plan([res('aws_s3_bucket.data', { bucket: 'data', tags: null, tags_all: FULL })], { providers: awsProvider(FULL) }),
    expect: { 'aws_s3_bucket.data': 'pass' },
  },
  {
    name: 'compliant: tags_all unknown, default_tags of the provider supply the rest',
    plan: plan([res('aws_s3_bucket.data', { bucket: 'data', tags: { Owner: 'data-team' } }, { unknown: { tags_all: true } })], {
      providers: awsProvider({ Environment: 'dev', DataClassification: 'internal' }),
    }),
    expect: { 'aws_s3_bucket.data': 'pass' },
  },
  {
    name: 'compliant: a required tag whose value is known only after apply is present',
    plan: plan([res('aws_sqs_queue.q', { name: 'q', tags: FULL, tags_all: { ...FULL, Owner: null } }, { unknown: { tags_all: { Owner: true } } })]),
    expect: { 'aws_sqs_queue.q': 'pass' },
  },
  {
    name: 'compliant: awscc resources carry their own tags (list of key/value)',
    plan: plan([res('awscc_iottwinmaker_workspace.ws', { workspace_id: 'ws', tags: Object.entries(FULL).map(([key, value]) => ({ key, value })) })]),
    expect: { 'awscc_iottwinmaker_workspace.ws': 'pass' },
  },
  {
    name: 'fail: tags_all lacks a key even though tags is empty and default_tags exist',
    plan: plan([res('aws_s3_bucket.data', { bucket: 'data', tags: {}, tags_all: { Environment: 'dev', DataClassification: 'internal' } })], {
      providers: awsProvider({ Environment: 'dev', DataClassification: 'internal' }),
    }),
    expect: { 'aws_s3_bucket.data': 'fail' },
    message: /missing the required tag "Owner".*default_tags/,
  },
  {
    name: 'fail: no tags at all',
    plan: plan([res('aws_kms_key.k', { description: 'key', tags: null, tags_all: {} })]),
    expect: { 'aws_kms_key.k': 'fail' },
    message: /"Environment", "Owner", "DataClassification"/,
  },
  {
    name: 'fail: a required tag with an empty value',
    plan: plan([res('aws_sns_topic.t', { name: 't', tags_all: { ...FULL, Owner: '' } })]),
    expect: { 'aws_sns_topic.t': 'fail' },
    message: /^The resource has an empty value for "Owner"\./,
  },
  {
    // A blank owner names nobody: the rule fails it, and says it is whitespace (the value looks set in the code).
    name: 'fail: a required tag whose value is whitespace alone',
    plan: plan([
      res('aws_sns_topic.t', { name: 't', tags_all: { ...FULL, Owner: ' ' } }),
      res('aws_sqs_queue.q', { name: 'q', tags_all: { ...FULL, Owner: '\t', Environment: '' } }),
    ]),
    expect: { 'aws_sns_topic.t': 'fail', 'aws_sqs_queue.q': 'fail' },
    message: /^The resource (has an empty value for "Environment" and )?has a value of only whitespace for "Owner"\./,
  },
  // As `.tf` and cdk.tf.json write them: no `tags` at all (a plan writes it null); CloudFormation's types have `Tags`.
  {
    name: 'fail: awscc resources of the IoT estate that write no tags (SiteWise asset model, IoT topic rule, Kinesis stream); a type without tags is not applicable',
    plan: plan([
      res('awscc_iotsitewise_asset_model.m', { asset_model_name: 'm' }),
      res('awscc_iot_topic_rule.r', { rule_name: 'r' }),
      res('awscc_kinesis_stream.s', { name: 's' }),
      res('awscc_iot_thing.t', { thing_name: 't' }),
    ]),
    expect: { 'awscc_iotsitewise_asset_model.m': 'fail', 'awscc_iot_topic_rule.r': 'fail', 'awscc_kinesis_stream.s': 'fail', 'awscc_iot_thing.t': 'not-applicable' },
  },
  {
    name: 'fail: untagged awscc types the rules judge, as .tf and cdktf write them (ECR repository, RDS instance, VPC, MSK cluster, IAM user, CloudTrail Lake event data store); an IAM managed policy takes no tags',
    plan: plan([
      res('awscc_ecr_repository.r', { repository_name: 'r' }),
      res('awscc_cloudtrail_event_data_store.lake', { name: 'lake' }),
      res('awscc_rds_db_instance.db', { db_instance_class: 'db.t3.micro', engine: 'postgres', storage_encrypted: true }),
      res('awscc_ec2_vpc.v', { cidr_block: '10.0.0.0/16' }),
      res('awscc_msk_cluster.k', { cluster_name: 'k', tags: { Owner: 'platform-team' } }),
      res('awscc_iam_user.u', { user_name: 'u' }),
      res('awscc_iam_managed_policy.p', { policy_document: '{}' }),
    ]),
    expect: { 'awscc_ecr_repository.r': 'fail', 'awscc_cloudtrail_event_data_store.lake': 'fail', 'awscc_rds_db_instance.db': 'fail', 'awscc_ec2_vpc.v': 'fail', 'awscc_msk_cluster.k': 'fail', 'awscc_iam_user.u': 'fail', 'awscc_iam_managed_policy.p': 'not-applicable' },
    message: /^The resource is missing the required tags/,
  },
  // AWS provider 6.28 (its CHANGELOG): types newer than the bindings the taggable list is generated from, as .tf writes them untagged.
  {
    name: 'fail: untagged types that took tags after provider 6.25 (CloudFront multi-tenant distribution and tenant, SES tenant, Direct Connect gateway)',
    plan: plan([
      res('aws_cloudfront_multitenant_distribution.d', { enabled: true, comment: 'tenant dist' }),
      res('aws_cloudfront_distribution_tenant.t', { name: 't', distribution_id: 'E1' }),
      res('aws_sesv2_tenant.t', { tenant_name: 't' }),
      res('aws_dx_gateway.g', { name: 'g', amazon_side_asn: '64512' }),
    ]),
    expect: { 'aws_cloudfront_multitenant_distribution.d': 'fail', 'aws_cloudfront_distribution_tenant.t': 'fail', 'aws_sesv2_tenant.t': 'fail', 'aws_dx_gateway.g': 'fail' },
    message: /^The resource is missing the required tags/,
  },
  // Their `tags` select what to assess: no tags of their own, no tags_all, and default_tags never reach them.
  {
    name: 'not applicable: an Inspector resource group and a DevOps Guru resource collection, whose `tags` select other resources, with default_tags on the provider',
    plan: plan(
      [
        res('aws_inspector_resource_group.web', { tags: { Role: 'web' } }),
        res('aws_devopsguru_resource_collection.c', { type: 'AWS_TAGS', tags: [{ app_boundary_key: 'DevOps-Guru-app', tag_values: ['*'] }] }),
      ],
      { providers: awsProvider(FULL) },
    ),
    expect: { 'aws_inspector_resource_group.web': 'not-applicable', 'aws_devopsguru_resource_collection.c': 'not-applicable' },
  },
  {
    name: 'fail: an awscc resource without the tags (no default_tags to help)',
    plan: plan([res('awscc_iottwinmaker_workspace.ws', { workspace_id: 'ws', tags: { Owner: 'platform-team' } })]),
    expect: { 'awscc_iottwinmaker_workspace.ws': 'fail' },
    message: /awscc has no `default_tags`/,
  },
  {
    name: 'fail: the configured required tags replace the defaults',
    plan: plan([res('aws_s3_bucket.data', { bucket: 'data', tags_all: FULL })]),
    settings: { requiredTags: ['CostCenter'] },
    expect: { 'aws_s3_bucket.data': 'fail' },
    message: /"CostCenter"/,
  },
  {
    name: 'not applicable: types without tags, other providers, data sources',
    plan: plan([
      res('aws_s3_bucket_public_access_block.data', { bucket: 'data', block_public_acls: true }),
      res('google_storage_bucket.g', { name: 'g' }, { provider: 'google' }),
      res('data.aws_s3_bucket.existing', { bucket: 'existing', tags: {} }),
    ]),
    expect: { 'aws_s3_bucket_public_access_block.data': 'not-applicable', 'google_storage_bucket.g': 'not-applicable', 'data.aws_s3_bucket.existing': 'not-applicable' },
  },
  {
    name: 'unknown: tags_all unknown and default_tags not constants',
    plan: plan([res('aws_s3_bucket.data', { bucket: 'data', tags: { Name: 'data' } }, { unknown: { tags_all: true } })], {
      providers: awsProvider({ references: ['var.default_tags'] }),
    }),
    expect: { 'aws_s3_bucket.data': 'unknown' },
    message: /known only after apply/,
  },
  {
    name: 'unknown: the tags themselves are known only after apply',
    plan: plan([res('aws_s3_bucket.data', { bucket: 'data' }, { unknown: { tags: true, tags_all: true } })]),
    expect: { 'aws_s3_bucket.data': 'unknown' },
  },
  // cloudposse modules with the provider's default_tags: `tags = module.this.tags` known only after apply.
  {
    name: 'compliant: the tags known only after apply, default_tags give every required key a value (tags replace values, never remove keys)',
    plan: plan([res('aws_sqs_queue.q', { name: 'q' }, { unknown: { tags: true, tags_all: true } })], { providers: awsProvider(FULL) }),
    expect: { 'aws_sqs_queue.q': 'pass' },
  },
  {
    name: 'unknown: the tags known only after apply, default_tags without a required key or with an empty one',
    plan: plan(
      [res('aws_sqs_queue.q', { name: 'q' }, { unknown: { tags: true, tags_all: true } }), res('aws_sns_topic.t', { name: 't' }, { unknown: { tags: true, tags_all: true }, provider: 'aws.empty' })],
      { providers: { ...awsProvider({ Environment: 'dev', Owner: 'platform' }), ...awsProvider({ ...FULL, Owner: '' }, {}, 'aws.empty') } },
    ),
    expect: { 'aws_sqs_queue.q': 'unknown', 'aws_sns_topic.t': 'unknown' },
  },
]);

// awscc types whose CloudFormation type keeps its tags elsewhere than `Tags`, as a plan writes them (null when unset).
describe('awscc types whose tags are not a top-level `tags`', () => {
  const list = (tags: Record<string, string>) => Object.entries(tags).map(([key, value]) => ({ key, value }));
  const verdicts = (resources: ReturnType<typeof res>[]) => Object.fromEntries(evaluateRule(rule, graphOf(plan(resources))).map((v) => [v.address, [v.status, v.path]]));
  it('judges an EFS file system, an access point, a backup vault, a logically air-gapped one and a backup plan by the attribute that holds their tags', () => {
    expect(
      verdicts([
        res('awscc_efs_file_system.tagged', { encrypted: true, file_system_tags: list(FULL) }),
        res('awscc_efs_file_system.bare', { encrypted: true, file_system_tags: null }),
        res('awscc_efs_access_point.tagged', { file_system_id: 'fs-1', access_point_tags: list(FULL) }),
        res('awscc_efs_access_point.partly', { file_system_id: 'fs-1', access_point_tags: list({ Owner: 'platform-team' }) }),
        res('awscc_backup_backup_vault.tagged', { backup_vault_name: 'v', backup_vault_tags: FULL }),
        res('awscc_backup_backup_vault.bare', { backup_vault_name: 'w' }),
        res('awscc_backup_logically_air_gapped_backup_vault.tagged', { backup_vault_name: 'v', min_retention_days: 7, max_retention_days: 30, backup_vault_tags: FULL }),
        res('awscc_backup_logically_air_gapped_backup_vault.bare', { backup_vault_name: 'w', min_retention_days: 7, max_retention_days: 30 }),
        res('awscc_backup_backup_plan.bare', { backup_plan: { backup_plan_name: 'p' }, backup_plan_tags: null }),
      ]),
    ).toEqual({
      'awscc_efs_file_system.tagged': ['pass', undefined],
      'awscc_efs_file_system.bare': ['fail', 'file_system_tags'],
      'awscc_efs_access_point.tagged': ['pass', undefined],
      'awscc_efs_access_point.partly': ['fail', 'access_point_tags'],
      'awscc_backup_backup_vault.tagged': ['pass', undefined],
      'awscc_backup_backup_vault.bare': ['fail', 'backup_vault_tags'],
      'awscc_backup_logically_air_gapped_backup_vault.tagged': ['pass', undefined],
      'awscc_backup_logically_air_gapped_backup_vault.bare': ['fail', 'backup_vault_tags'],
      'awscc_backup_backup_plan.bare': ['fail', 'backup_plan_tags'],
    });
  });
  it("judges a DynamoDB global table by each replica's tags: a key one replica lacks or leaves blank fails on that replica, and values that differ between replicas are no matter", () => {
    const replica = (region: string, tags: Record<string, string>) => ({ region, tags: list(tags) });
    const found = evaluateRule(
      rule,
      graphOf(plan([
        res('awscc_dynamodb_global_table.all', { table_name: 'a', replicas: [replica('eu-west-1', FULL), replica('eu-central-1', FULL)] }),
        res('awscc_dynamodb_global_table.one', { table_name: 'b', replicas: [replica('eu-west-1', FULL), replica('eu-central-1', { ...FULL, Owner: '' }), replica('us-east-1', { Environment: 'dev' })] }),
        res('awscc_dynamodb_global_table.none', { table_name: 'c', replicas: [{ region: 'eu-west-1' }] }),
        // Name = "orders-${region}": a tag each replica gives its own value, beside the required ones.
        res('awscc_dynamodb_global_table.apart', { table_name: 'd', replicas: [replica('eu-west-1', { ...FULL, Name: 'orders-eu-west-1' }), replica('eu-central-1', { ...FULL, Name: 'orders-eu-central-1', Owner: 'other-team' })] }),
      ])),
    );
    expect(found.map((v) => [v.address, v.status, v.path])).toEqual([
      ['awscc_dynamodb_global_table.all', 'pass', undefined],
      ['awscc_dynamodb_global_table.one', 'fail', 'replicas.1.tags'],
      ['awscc_dynamodb_global_table.one', 'fail', 'replicas.2.tags'],
      ['awscc_dynamodb_global_table.none', 'fail', 'replicas.0.tags'],
      ['awscc_dynamodb_global_table.apart', 'pass', undefined],
    ]);
    expect(found[1].message).toMatch(/^The replica in eu-central-1 \(replicas\.1\) has an empty value for "Owner"\./);
    expect(found[2].message).toMatch(/^The replica in us-east-1 \(replicas\.2\) is missing the required tags "Owner", "DataClassification"\. Set them in the resource's `replicas` \(each replica's `tags`\)/);
  });

  // Route 53's twins keep theirs in hosted_zone_tags and health_check_tags (a set of { key, value }):
  // they read as untaggable, and no tag rule judged them in any input.
  const ROUTE53_TF = `resource "awscc_route53_hosted_zone" "z" {
  name             = "example.com"
  hosted_zone_tags = [{ key = "Owner", value = "platform" }]
}
resource "awscc_route53_hosted_zone" "bare" {
  name = "example.org"
}
resource "awscc_route53_health_check" "h" {
  health_check_config = { type = "HTTPS", fully_qualified_domain_name = "example.com" }
  health_check_tags   = [${Object.entries(FULL).map(([key, value]) => `{ key = "${key}", value = "${value}" }`).join(', ')}]
}
`;
  const ROUTE53_CDKTF = {
    awscc_route53_hosted_zone: { z: { name: 'example.com', hosted_zone_tags: list({ Owner: 'platform' }) }, bare: { name: 'example.org' } },
    awscc_route53_health_check: { h: { health_check_config: { type: 'HTTPS', fully_qualified_domain_name: 'example.com' }, health_check_tags: list(FULL) } },
  };
  const ROUTE53_PLAN = plan([
    res('awscc_route53_hosted_zone.z', { name: 'example.com', hosted_zone_tags: list({ Owner: 'platform' }) }),
    res('awscc_route53_hosted_zone.bare', { name: 'example.org', hosted_zone_tags: null }),
    res('awscc_route53_health_check.h', { health_check_config: { type: 'HTTPS', fully_qualified_domain_name: 'example.com' }, health_check_tags: list(FULL) }),
  ]);
  it('judges a Route 53 hosted zone and health check by hosted_zone_tags and health_check_tags, in a plan, a .tf and a cdk.tf.json', async () => {
    for (const graph of [graphOf(ROUTE53_PLAN), await tfGraph(ROUTE53_TF), cdktfGraph(ROUTE53_CDKTF)]) {
      const found = evaluateRule(rule, graph);
      expect(Object.fromEntries(found.map((v) => [v.address, [v.status, v.path]]))).toEqual({
        'awscc_route53_hosted_zone.z': ['fail', 'hosted_zone_tags'],
        'awscc_route53_hosted_zone.bare': ['fail', 'hosted_zone_tags'],
        'awscc_route53_health_check.h': ['pass', undefined],
      });
      expect(found.find((v) => v.address === 'awscc_route53_hosted_zone.z')?.message).toMatch(/missing the required tags "Environment", "DataClassification"\. Set them in the resource's `hosted_zone_tags`/);
    }
  });

  // A launch template's own tags are the `tags` of its tag_specifications entry of resource type
  // launch-template (AWS::EC2::LaunchTemplate TagSpecifications), a capacity reservation's of
  // capacity-reservation: neither was judged in a plan (nor listed in its coverage: no attribute ends in
  // `_tags`), and both were told as types that may take tags in .tf and cdktf. A Lex bot's
  // test_bot_alias_tags tag its test alias, not it.
  const spec = (resourceType: string, tags: Record<string, string>) => ({ resource_type: resourceType, tags: list(tags) });
  const LT = {
    tagged: { launch_template_data: { instance_type: 't3.micro' }, tag_specifications: [spec('launch-template', FULL)] },
    partly: { launch_template_data: { instance_type: 't3.micro' }, tag_specifications: [spec('launch-template', { Owner: 'platform' })] },
    launched: { launch_template_data: { instance_type: 't3.micro', tag_specifications: [spec('instance', FULL)] }, tag_specifications: [spec('instance', FULL)] },
    bare: { launch_template_data: { instance_type: 't3.micro' } },
  };
  const CR = { instance_type: 't3.micro', instance_platform: 'Linux/UNIX', availability_zone: 'eu-west-1a', instance_count: 1 };
  const CR_TAGGED = { ...CR, tag_specifications: [spec('capacity-reservation', FULL)] };
  const BOT = lexBot('b', { Owner: 'platform' }, FULL);
  const LT_TF = `resource "awscc_ec2_launch_template" "tagged" {
  launch_template_data = { instance_type = "t3.micro" }
  tag_specifications   = [{ resource_type = "launch-template", tags = ${tagListTf(FULL)} }]
}
resource "awscc_ec2_launch_template" "partly" {
  launch_template_data = { instance_type = "t3.micro" }
  tag_specifications   = [{ resource_type = "launch-template", tags = [{ key = "Owner", value = "platform" }] }]
}
resource "awscc_ec2_launch_template" "launched" {
  launch_template_data = {
    instance_type      = "t3.micro"
    tag_specifications = [{ resource_type = "instance", tags = ${tagListTf(FULL)} }]
  }
  tag_specifications = [{ resource_type = "instance", tags = ${tagListTf(FULL)} }]
}
resource "awscc_ec2_launch_template" "bare" {
  launch_template_data = { instance_type = "t3.micro" }
}
resource "awscc_ec2_capacity_reservation" "tagged" {
  instance_type      = "t3.micro"
  instance_platform  = "Linux/UNIX"
  availability_zone  = "eu-west-1a"
  instance_count     = 1
  tag_specifications = [{ resource_type = "capacity-reservation", tags = ${tagListTf(FULL)} }]
}
resource "awscc_ec2_capacity_reservation" "bare" {
  instance_type     = "t3.micro"
  instance_platform = "Linux/UNIX"
  availability_zone = "eu-west-1a"
  instance_count    = 1
}
${BOT.tf}`;
  it("judges an awscc launch template and a capacity reservation by the tags of their tag_specifications entry of their resource type (launch-template, capacity-reservation), and a Lex bot by its bot_tags, not its test alias's, in a plan, a .tf and a cdk.tf.json", async () => {
    const planned = plan([
      ...Object.entries(LT).map(([name, values]) => res(`awscc_ec2_launch_template.${name}`, { tag_specifications: null, ...values })),
      res('awscc_ec2_capacity_reservation.tagged', CR_TAGGED),
      res('awscc_ec2_capacity_reservation.bare', { ...CR, tag_specifications: null }),
      res('awscc_lex_bot.b', BOT.values),
    ]);
    for (const graph of [graphOf(planned), await tfGraph(LT_TF), cdktfGraph({ awscc_ec2_launch_template: LT, awscc_ec2_capacity_reservation: { tagged: CR_TAGGED, bare: CR }, awscc_lex_bot: { b: BOT.values } })]) {
      const found = evaluateRule(rule, graph);
      expect(Object.fromEntries(found.map((v) => [v.address, [v.status, v.path]]))).toEqual({
        'awscc_ec2_launch_template.tagged': ['pass', undefined],
        'awscc_ec2_launch_template.partly': ['fail', 'tag_specifications.0.tags'],
        'awscc_ec2_launch_template.launched': ['fail', 'tag_specifications'],
        'awscc_ec2_launch_template.bare': ['fail', 'tag_specifications'],
        'awscc_ec2_capacity_reservation.tagged': ['pass', undefined],
        'awscc_ec2_capacity_reservation.bare': ['fail', 'tag_specifications'],
        'awscc_lex_bot.b': ['fail', 'bot_tags'],
      });
      expect(found.find((v) => v.address === 'awscc_ec2_launch_template.bare')?.message).toMatch(
        /missing the required tags "Environment", "Owner", "DataClassification"\. Set them in the `tags` of the resource's `tag_specifications` entry with `resource_type = "launch-template"`/,
      );
      expect(runRules(graph, DEFAULT_SETTINGS).coverage.taggingUntoldTypes).toBeUndefined();
    }
  });
  it('a launch template whose tag_specifications, or the resource_type of an entry, is known only after apply is unknown', () => {
    const found = evaluateRule(rule, graphOf(plan([
      res('awscc_ec2_launch_template.later', { launch_template_data: { instance_type: 't3.micro' } }, { unknown: { tag_specifications: true } }),
      res('awscc_ec2_launch_template.kind', { launch_template_data: { instance_type: 't3.micro' }, tag_specifications: [{ resource_type: null, tags: list(FULL) }] }, { unknown: { tag_specifications: [{ resource_type: true }] } }),
    ])));
    expect(found.map((v) => [v.address, v.status, v.path])).toEqual([
      ['awscc_ec2_launch_template.later', 'unknown', 'tag_specifications'],
      ['awscc_ec2_launch_template.kind', 'unknown', 'tag_specifications'],
    ]);
    expect(found[1].message).toMatch(/the resource_type of tag_specifications\[0\] is known only after apply/);
  });

  // An EC2 Fleet's own tags are its tag_specifications entry of resource type fleet (CreateFleet: "specify a
  // resource type of fleet to tag the fleet"), a Capacity Reservation Fleet's of capacity-reservation-fleet, a Spot
  // Fleet's the entry of spot-fleet-request in spot_fleet_request_config_data.tag_specifications (its
  // launch_specifications' tag the instances): in a plan none was judged nor listed in the coverage, and in .tf and
  // cdktf each was only listed as a type that may take tags.
  const FLEET = {
    launch_template_configs: [{ launch_template_specification: { launch_template_id: 'lt-0123456789abcdef0', version: '1' } }],
    target_capacity_specification: { total_target_capacity: 1 },
  };
  const EC2_FLEET = {
    tagged: { ...FLEET, tag_specifications: [spec('instance', { Owner: 'platform' }), spec('fleet', FULL)] },
    launched: { ...FLEET, tag_specifications: [spec('instance', FULL)] },
    bare: FLEET,
  };
  const CRF = { instance_type_specifications: [{ instance_type: 'm5.large', instance_platform: 'Linux/UNIX', availability_zone: 'eu-west-1a' }], total_target_capacity: 1 };
  const CR_FLEET = { tagged: { ...CRF, tag_specifications: [spec('capacity-reservation-fleet', FULL)] }, partly: { ...CRF, tag_specifications: [spec('capacity-reservation-fleet', { Owner: 'platform' })] } };
  const SPOT = { iam_fleet_role: 'arn:aws:iam::123456789012:role/spot-fleet', target_capacity: 1 };
  const SPOT_FLEET = {
    tagged: { spot_fleet_request_config_data: { ...SPOT, tag_specifications: [spec('spot-fleet-request', FULL)] } },
    launched: { spot_fleet_request_config_data: { ...SPOT, launch_specifications: [{ image_id: 'ami-0123456789abcdef0', tag_specifications: [spec('instance', FULL)] }] } },
  };
  const specTf = (resourceType: string, tags: Record<string, string>) => `{ resource_type = "${resourceType}", tags = ${tagListTf(tags)} }`;
  const FLEET_TF = `locals {
  fleet = {
    launch_template_configs       = [{ launch_template_specification = { launch_template_id = "lt-0123456789abcdef0", version = "1" } }]
    target_capacity_specification = { total_target_capacity = 1 }
  }
}
resource "awscc_ec2_ec2_fleet" "tagged" {
  launch_template_configs       = local.fleet.launch_template_configs
  target_capacity_specification = local.fleet.target_capacity_specification
  tag_specifications            = [${specTf('instance', { Owner: 'platform' })}, ${specTf('fleet', FULL)}]
}
resource "awscc_ec2_ec2_fleet" "launched" {
  launch_template_configs       = local.fleet.launch_template_configs
  target_capacity_specification = local.fleet.target_capacity_specification
  tag_specifications            = [${specTf('instance', FULL)}]
}
resource "awscc_ec2_ec2_fleet" "bare" {
  launch_template_configs       = local.fleet.launch_template_configs
  target_capacity_specification = local.fleet.target_capacity_specification
}
resource "awscc_ec2_capacity_reservation_fleet" "tagged" {
  instance_type_specifications = [{ instance_type = "m5.large", instance_platform = "Linux/UNIX", availability_zone = "eu-west-1a" }]
  total_target_capacity        = 1
  tag_specifications           = [${specTf('capacity-reservation-fleet', FULL)}]
}
resource "awscc_ec2_capacity_reservation_fleet" "partly" {
  instance_type_specifications = [{ instance_type = "m5.large", instance_platform = "Linux/UNIX", availability_zone = "eu-west-1a" }]
  total_target_capacity        = 1
  tag_specifications           = [${specTf('capacity-reservation-fleet', { Owner: 'platform' })}]
}
resource "awscc_ec2_spot_fleet" "tagged" {
  spot_fleet_request_config_data = {
    iam_fleet_role     = "${SPOT.iam_fleet_role}"
    target_capacity    = 1
    tag_specifications = [${specTf('spot-fleet-request', FULL)}]
  }
}
resource "awscc_ec2_spot_fleet" "launched" {
  spot_fleet_request_config_data = {
    iam_fleet_role        = "${SPOT.iam_fleet_role}"
    target_capacity       = 1
    launch_specifications = [{ image_id = "ami-0123456789abcdef0", tag_specifications = [${specTf('instance', FULL)}] }]
  }
}
`;
  it('judges an awscc EC2 Fleet, Capacity Reservation Fleet and Spot Fleet by the tags of their own tag_specifications entry (fleet, capacity-reservation-fleet, spot-fleet-request in spot_fleet_request_config_data), not those of the instances they launch, in a plan, a .tf and a cdk.tf.json', async () => {
    const planned = plan([
      ...Object.entries(EC2_FLEET).map(([name, values]) => res(`awscc_ec2_ec2_fleet.${name}`, { tag_specifications: null, ...values })),
      ...Object.entries(CR_FLEET).map(([name, values]) => res(`awscc_ec2_capacity_reservation_fleet.${name}`, values)),
      ...Object.entries(SPOT_FLEET).map(([name, values]) => res(`awscc_ec2_spot_fleet.${name}`, values)),
    ]);
    const cdktf = { awscc_ec2_ec2_fleet: EC2_FLEET, awscc_ec2_capacity_reservation_fleet: CR_FLEET, awscc_ec2_spot_fleet: SPOT_FLEET };
    for (const graph of [graphOf(planned), await tfGraph(FLEET_TF), cdktfGraph(cdktf)]) {
      const found = evaluateRule(rule, graph);
      expect(Object.fromEntries(found.map((v) => [v.address, [v.status, v.path]]))).toEqual({
        'awscc_ec2_ec2_fleet.tagged': ['pass', undefined],
        'awscc_ec2_ec2_fleet.launched': ['fail', 'tag_specifications'],
        'awscc_ec2_ec2_fleet.bare': ['fail', 'tag_specifications'],
        'awscc_ec2_capacity_reservation_fleet.tagged': ['pass', undefined],
        'awscc_ec2_capacity_reservation_fleet.partly': ['fail', 'tag_specifications.0.tags'],
        'awscc_ec2_spot_fleet.tagged': ['pass', undefined],
        'awscc_ec2_spot_fleet.launched': ['fail', 'spot_fleet_request_config_data.tag_specifications'],
      });
      expect(found.find((v) => v.address === 'awscc_ec2_spot_fleet.launched')?.message).toMatch(
        /missing the required tags "Environment", "Owner", "DataClassification"\. Set them in the `tags` of the resource's `spot_fleet_request_config_data\.tag_specifications` entry with `resource_type = "spot-fleet-request"`/,
      );
      expect(found.find((v) => v.address === 'awscc_ec2_ec2_fleet.bare')?.message).toMatch(/`tag_specifications` entry with `resource_type = "fleet"`/);
      expect(runRules(graph, DEFAULT_SETTINGS).coverage.taggingUntoldTypes).toBeUndefined();
    }
  });
  it('a Spot Fleet whose spot_fleet_request_config_data or its tag_specifications is known only after apply is unknown', () => {
    const found = evaluateRule(rule, graphOf(plan([
      res('awscc_ec2_spot_fleet.later', {}, { unknown: { spot_fleet_request_config_data: true } }),
      res('awscc_ec2_spot_fleet.list', { spot_fleet_request_config_data: SPOT }, { unknown: { spot_fleet_request_config_data: { tag_specifications: true } } }),
    ])));
    expect(found.map((v) => [v.address, v.status, v.path])).toEqual([
      ['awscc_ec2_spot_fleet.later', 'unknown', 'spot_fleet_request_config_data.tag_specifications'],
      ['awscc_ec2_spot_fleet.list', 'unknown', 'spot_fleet_request_config_data.tag_specifications'],
    ]);
    expect(found[1].message).toMatch(/spot_fleet_request_config_data\.tag_specifications is known only after apply/);
  });

  // Each awscc type whose CloudFormation tag property is not `Tags` (tags.ts AWSCC_TAGS_ATTRIBUTE names the source of each).
  it.each([
    ['awscc_backup_framework', 'framework_tags', list],
    ['awscc_backup_logically_air_gapped_backup_vault', 'backup_vault_tags', (tags: Record<string, string>) => tags],
    ['awscc_backup_report_plan', 'report_plan_tags', list],
    // w6: AWS::Budgets::BudgetsAction `ResourceTags`, "tags to associate with the specified budget action": not judged before.
    ['awscc_budgets_budgets_action', 'resource_tags', list],
    ['awscc_ce_anomaly_monitor', 'resource_tags', list],
    ['awscc_ce_anomaly_subscription', 'resource_tags', list],
    ['awscc_cognito_identity_pool', 'identity_pool_tags', list],
    ['awscc_datapipeline_pipeline', 'pipeline_tags', list],
    ['awscc_lex_bot', 'bot_tags', list],
    ['awscc_lex_bot_alias', 'bot_alias_tags', list],
  ])('judges %s by %s', (type, attribute, shape) => {
    expect(
      verdicts([
        res(`${type}.tagged`, { name: 'a', [attribute]: shape(FULL) }),
        res(`${type}.partly`, { name: 'b', [attribute]: shape({ Owner: 'platform-team' }) }),
        res(`${type}.bare`, { name: 'c', [attribute]: null }),
      ]),
    ).toEqual({ [`${type}.tagged`]: ['pass', undefined], [`${type}.partly`]: ['fail', attribute], [`${type}.bare`]: ['fail', attribute] });
  });
});

describeWithShared('required-tags on real plans', () => {
  // terraform-compliance test_issue-249 passes "aws_alb must contain waf_custom" on this plan, where
  // waf_custom = "" on the load balancer. twinguard fails it on purpose: an empty tag names no owner,
  // environment or classification, so it does not carry the tag (upstream checks presence only).
  it('tc.tags-alb-modules: the load balancer carries waf_policy, but waf_custom is empty', async () => {
    const file = 'terraform-compliance__cli/tc.tags-alb-modules.plan.json';
    const graph = buildGraph([await loadPlanFile(path.join(REAL_PLANS_DIR, file), file)]);
    const { findings } = runRules(graph, { ...DEFAULT_SETTINGS, requiredTags: ['waf_policy', 'waf_custom'] }, [rule]);
    const albs = findings.filter((f) => /aws_alb\.alb$/.test(f.address));
    // Not `aws_alb.alb` too: that is how Terraform 0.12 wrote module.alb's load balancer in prior_state.
    expect(albs.map((f) => f.address)).toEqual(['module.alb.aws_alb.alb']);
    for (const f of albs) expect(f.message).toMatch(/^The resource has an empty value for "waf_custom"\./);
  });
});

describe('an aws type in no list of the tag model (newer than the bindings), written untagged in .tf or cdktf', () => {
  const UNTAGGED = `provider "aws" {
  region = "eu-west-1"
}
resource "aws_brand_new_widget" "w" {
  name = "w"
}
`;
  const TF = `${UNTAGGED}resource "aws_brand_new_widget" "tagged" {
  name = "t"
  tags = { Team = "iot" }
}
resource "aws_s3_bucket_policy" "p" {
  bucket = "b"
  policy = "{}"
}
`;
  const CDKTF = { provider: { aws: [{ region: 'eu-west-1' }] }, resource: { aws_brand_new_widget: { w: { name: 'w' } } } };

  it('is not judged, and the coverage says required-tags could not tell whether it takes tags (a plan, or tags written, can tell; a type known untaggable is no gap)', async () => {
    const fromTf = await withFiles({ 'main.tf': TF }, async (dir) => buildGraph([await loadHcl(dir, {})]));
    const fromCdktf = buildGraph([parseCdktfDocument(CDKTF, 'cdk.tf.json')]);
    for (const graph of [fromTf, fromCdktf]) {
      expect(evaluateRule(rule, graph).filter((v) => v.address === 'aws_brand_new_widget.w')).toEqual([{ address: 'aws_brand_new_widget.w', status: 'not-applicable' }]);
      expect(runRules(graph, DEFAULT_SETTINGS).coverage.taggingUntoldTypes).toEqual([{ type: 'aws_brand_new_widget', count: 1 }]);
    }
    // The tagged one is taggable, and judged: it lacks the required tags.
    expect(Object.fromEntries(evaluateRule(rule, fromTf).map((v) => [v.address, v.status]))).toEqual({
      'aws_brand_new_widget.w': 'not-applicable',
      'aws_brand_new_widget.tagged': 'fail',
      'aws_s3_bucket_policy.p': 'not-applicable',
    });
    // With no tags to require, required-tags judges nothing, and misses nothing.
    expect(runRules(fromTf, { ...DEFAULT_SETTINGS, requiredTags: [] }).coverage.taggingUntoldTypes).toBeUndefined();
    // A plan writes every attribute of the type's schema: no tags_all, no tags.
    expect(runRules(graphOf(plan([res('aws_brand_new_widget.w', { name: 'w' })])), DEFAULT_SETTINGS).coverage.taggingUntoldTypes).toBeUndefined();
  });

  it('says so in the report, and --strict blocks on it unless acceptUnchecked names the type', async () => {
    await withFiles({ 'main.tf': UNTAGGED, 'accept.yaml': 'acceptUnchecked:\n  - type: aws_brand_new_widget\n    reason: takes no tags (provider 6.40 docs)\n' }, async (dir) => {
      const text = await twinguard(['check', dir, '--input-kind', 'hcl', '--format', 'text']);
      expect(text.stdout).toMatch(/required-tags could not tell whether these types take tags \([^)]*\), not judged: aws_brand_new_widget \(1\)/);
      const report = async (args: string[]) => JSON.parse((await twinguard(['check', dir, '--input-kind', 'hcl', '--format', 'json', ...args])).stdout);
      const strict = await report(['--strict']);
      expect(strict.coverage.taggingUntoldTypes).toEqual([{ type: 'aws_brand_new_widget', count: 1 }]);
      // One item for the type no rule understands, one for the tags nothing could judge.
      expect(strict.summary.blocking).toBe(2);
      const sarif = JSON.parse((await twinguard(['check', dir, '--input-kind', 'hcl', '--format', 'sarif', '--strict'])).stdout);
      expect(sarif.runs[0].results.map((r: { message: { text: string } }) => r.message.text)).toContainEqual(expect.stringMatching(/^Strict mode: required-tags could not tell whether resource type aws_brand_new_widget takes tags/));
      const accepted = await report(['--strict', '--config', path.join(dir, 'accept.yaml')]);
      expect([accepted.coverage.taggingUntoldTypes, accepted.summary.blocking]).toEqual([[], 0]);
    });
  });
});

// An awscc type in no list of the tag model may keep its tags in `tags` or under another name
// (hosted_zone_tags was one): written untagged in .tf or cdktf, or shown in a plan with an attribute
// `…_tags` and no `tags`, it is told in coverage, not read as untaggable in silence.
describe('an awscc type in no list of the tag model, written untagged in .tf or cdktf, or planned with tags under another name', () => {
  const TF = `resource "awscc_brand_new_widget" "w" {
  name = "w"
}
resource "awscc_brand_new_widget" "tagged" {
  name = "t"
  tags = [{ key = "Team", value = "iot" }]
}
resource "awscc_iam_managed_policy" "p" {
  policy_document = "{}"
}
resource "awscc_route53_hosted_zone" "z" {
  name = "example.com"
}
resource "awscc_ses_configuration_set" "s" {
  name = "s"
}
`;
  const CDKTF = {
    awscc_brand_new_widget: { w: { name: 'w' }, tagged: { name: 't', tags: [{ key: 'Team', value: 'iot' }] } },
    awscc_iam_managed_policy: { p: { policy_document: '{}' } },
    awscc_route53_hosted_zone: { z: { name: 'example.com' } },
    awscc_ses_configuration_set: { s: { name: 's' } },
  };

  it('is not judged, and the coverage says required-tags could not tell whether it takes tags (tags written, a type known untaggable or one whose tags the model reads is no gap)', async () => {
    for (const graph of [await tfGraph(TF), cdktfGraph(CDKTF)]) {
      expect(Object.fromEntries(evaluateRule(rule, graph).map((v) => [v.address, v.status]))).toEqual({
        'awscc_brand_new_widget.w': 'not-applicable',
        'awscc_brand_new_widget.tagged': 'fail',
        'awscc_iam_managed_policy.p': 'not-applicable',
        'awscc_route53_hosted_zone.z': 'fail',
        // Its schema takes `tags` (a list of { key, value }): untagged, it lacks them.
        'awscc_ses_configuration_set.s': 'fail',
      });
      expect(runRules(graph, DEFAULT_SETTINGS).coverage.taggingUntoldTypes).toEqual([{ type: 'awscc_brand_new_widget', count: 1 }]);
    }
  });

  it('in a plan, is told where an attribute ending in _tags is shown (known, null or known only after apply) and no tags', () => {
    const graph = graphOf(plan([
      res('awscc_brand_new_widget.named', { name: 'n', widget_tags: [{ key: 'Team', value: 'iot' }] }),
      res('awscc_brand_new_widget.unset', { name: 'u', widget_tags: null }),
      res('awscc_brand_new_widget.later', { name: 'l' }, { unknown: { widget_tags: true } }),
      res('awscc_other_widget.none', { name: 'o' }),
      res('awscc_third_widget.tagged', { name: 't', tags: null, propagate_tags: 'SERVICE' }),
      res('awscc_inspector_resource_group.g', { resource_group_tags: [{ key: 'Team', value: 'iot' }] }),
    ]));
    expect(runRules(graph, DEFAULT_SETTINGS).coverage.taggingUntoldTypes).toEqual([{ type: 'awscc_brand_new_widget', count: 3 }]);
    expect(evaluateRule(rule, graph).filter((v) => v.address.startsWith('awscc_brand_new_widget.')).map((v) => v.status)).toEqual(['not-applicable', 'not-applicable', 'not-applicable']);
  });

  it('says so in the report, and --strict blocks on it', async () => {
    await withFiles({ 'main.tf': TF }, async (dir) => {
      const text = await twinguard(['check', dir, '--input-kind', 'hcl', '--format', 'text']);
      expect(text.stdout).toMatch(/required-tags could not tell whether these types take tags \([^)]*\), not judged: awscc_brand_new_widget \(1\)/);
      const report = async (args: string[]) => JSON.parse((await twinguard(['check', dir, '--input-kind', 'hcl', '--format', 'json', ...args])).stdout);
      const [loose, strict] = [await report([]), await report(['--strict'])];
      expect(strict.coverage.taggingUntoldTypes).toEqual([{ type: 'awscc_brand_new_widget', count: 1 }]);
      // One item for the tags nothing could judge, beside the findings and one item per type no rule understands.
      expect(strict.summary.blocking).toBe(loose.summary.blocking + strict.coverage.uncheckedTypes.length + 1);
      const sarif = JSON.parse((await twinguard(['check', dir, '--input-kind', 'hcl', '--format', 'sarif', '--strict'])).stdout);
      expect(sarif.runs[0].results.map((r: { message: { text: string } }) => r.message.text)).toContainEqual(expect.stringMatching(/^Strict mode: required-tags could not tell whether resource type awscc_brand_new_widget takes tags/));
    });
  });
});
