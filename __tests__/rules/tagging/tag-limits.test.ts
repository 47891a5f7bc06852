import rule from '../../../checks/rules/tagging/tag-limits';
import { graphOf, plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable } from '../../helpers/rule-table';
import { awsProvider, FULL } from './fixtures';
import { checkFindings, withFiles } from '../../cli/run';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';

const manyTags = (n: number): Record<string, string> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`Tag${i}`, 'x']));

ruleTable(rule, [
  {
    name: 'compliant: keys of 128 and values of 256 characters, 50 tags, aws-like keys without the prefix',
    plan: plan([
      res('aws_s3_bucket.edge', { bucket: 'edge', tags_all: { ['k'.repeat(128)]: 'v'.repeat(256), 'awsAccount': 'x', 'team:aws': 'y' } }),
      res('aws_s3_bucket.fifty', { bucket: 'fifty', tags_all: manyTags(50) }),
    ]),
    expect: { 'aws_s3_bucket.edge': 'pass', 'aws_s3_bucket.fifty': 'pass' },
  },
  {
    name: 'fail: a key longer than 128 characters',
    plan: plan([res('aws_s3_bucket.b', { bucket: 'b', tags_all: { ...FULL, ['k'.repeat(129)]: 'x' } })]),
    expect: { 'aws_s3_bucket.b': 'fail' },
    message: /129 characters long; AWS allows at most 128/,
  },
  {
    name: 'fail: a value longer than 256 characters (counted in characters, not bytes)',
    plan: plan([res('aws_sqs_queue.q', { name: 'q', tags_all: { ...FULL, Notes: 'é'.repeat(257) } })]),
    expect: { 'aws_sqs_queue.q': 'fail' },
    message: /257 characters long; AWS allows at most 256/,
  },
  {
    name: 'fail: a key with the reserved aws: prefix, in any case, from default_tags',
    plan: plan([res('aws_sns_topic.t', { name: 't' }, { unknown: { tags_all: true } })], { providers: awsProvider({ ...FULL, 'AWS:team': 'x' }) }),
    expect: { 'aws_sns_topic.t': 'fail' },
    message: /"AWS:team" starts with "aws:"/,
  },
  {
    // after_sensitive.tags = true (tags = var.secret_tags): the keys are as secret as the values.
    name: 'fail: a map of tags marked sensitive as a whole: the problem named, not the key',
    plan: plan([res('aws_sqs_queue.q', { name: 'q', tags_all: { ...FULL, 'aws:codename-nightingale': 'x', [`Project-Nightingale-${'x'.repeat(120)}`]: 'y' } }, { sensitive: { tags_all: true } })]),
    expect: { 'aws_sqs_queue.q': 'fail' },
    message: /^Tag key \(one whose value is marked sensitive, not shown\) (is longer than that; AWS allows at most 128|starts with "aws:")/,
  },
  {
    // AWS's Tag Key: 1 to 128 characters.
    name: 'fail: an empty tag key, from the resource or from default_tags',
    plan: plan(
      [
        res('aws_sqs_queue.q', { name: 'q', tags_all: { ...FULL, '': 'x' } }),
        res('aws_sns_topic.t', { name: 't' }, { unknown: { tags_all: true } }),
      ],
      { providers: awsProvider({ ...FULL, '': 'y' }) },
    ),
    expect: { 'aws_sqs_queue.q': 'fail', 'aws_sns_topic.t': 'fail' },
    message: /^A tag key is empty; AWS requires at least one character/,
  },
  {
    name: 'fail: more than 50 tags',
    plan: plan([res('aws_s3_bucket.b', { bucket: 'b', tags_all: manyTags(51) })]),
    expect: { 'aws_s3_bucket.b': 'fail' },
    message: /carries 51 tags; AWS allows at most 50/,
  },
  // S3 user guide, "Managing object tags"; hashicorp/terraform-provider-aws #19895, #21273, #24692.
  {
    name: 'compliant: an S3 object with 10 tags, and keys and values at the limit in UTF-16 code units',
    plan: plan([
      res('aws_s3_object.ten', { bucket: 'b', key: 'k', tags_all: manyTags(10) }),
      res('aws_s3_object.edge', { bucket: 'b', key: 'k', tags_all: { ['🔑'.repeat(64)]: '📦'.repeat(128) } }),
    ]),
    expect: { 'aws_s3_object.ten': 'pass', 'aws_s3_object.edge': 'pass' },
  },
  {
    name: 'fail: an S3 object (current, copy, legacy) with 11 tags, the provider\'s default_tags included',
    plan: plan(
      [
        res('aws_s3_object.o', { bucket: 'b', key: 'k', tags: { A: '1', B: '2', C: '3' }, tags_all: { A: '1', B: '2', C: '3', ...manyTags(8) } }),
        res('aws_s3_object_copy.c', { bucket: 'b', key: 'k', source: 'b/x', tags: null }, { unknown: { tags_all: true } }),
        res('aws_s3_bucket_object.l', { bucket: 'b', key: 'k', tags_all: manyTags(11) }),
      ],
      { providers: awsProvider(manyTags(11)) },
    ),
    expect: { 'aws_s3_object.o': 'fail', 'aws_s3_object_copy.c': 'fail', 'aws_s3_bucket_object.l': 'fail' },
    message: /^The object carries 11 tags, (8|11) of them not its own \(the provider's `default_tags` reach objects too\); S3 allows at most 10 per object/,
  },
  {
    name: 'fail: an S3 object tag counted in UTF-16 code units: 65 emoji are 130',
    plan: plan([res('aws_s3_object.o', { bucket: 'b', key: 'k', tags_all: { ['🔑'.repeat(65)]: 'x', Note: '📦'.repeat(129) } })]),
    expect: { 'aws_s3_object.o': 'fail' },
    message: /(Tag key "🔑+\.\.\." is 130|The value of tag "Note" is 258) UTF-16 code units long; S3 allows at most (128|256)/u,
  },
  {
    name: 'compliant: 11 tags and emoji that fit in code points on a resource other than an S3 object',
    plan: plan([res('aws_s3_bucket.b', { bucket: 'b', tags_all: { ...manyTags(11), ['🔑'.repeat(65)]: '📦'.repeat(129) } })]),
    expect: { 'aws_s3_bucket.b': 'pass' },
  },
  // Route 53 API Reference, ChangeTagsForResource: "You can add a maximum of 10 tags to a health check or a hosted zone".
  {
    name: 'fail: a Route 53 hosted zone or health check with 11 tags, the provider\'s default_tags included; 10 pass',
    plan: plan(
      [
        res('aws_route53_zone.z', { name: 'example.com', tags: { A: '1', B: '2' }, tags_all: { A: '1', B: '2', ...manyTags(9) } }),
        res('aws_route53_health_check.h', { type: 'HTTPS', tags: manyTags(11), tags_all: manyTags(11) }),
        res('aws_route53_zone.ten', { name: 'example.org', tags_all: manyTags(10) }),
      ],
      { providers: awsProvider(manyTags(9)) },
    ),
    expect: { 'aws_route53_zone.z': 'fail', 'aws_route53_health_check.h': 'fail', 'aws_route53_zone.ten': 'pass' },
    message: /^The (hosted zone carries 11 tags, 9 of them not its own \(the provider's `default_tags` reach hosted zones too\); Route 53 allows at most 10 per hosted zone|health check carries 11 tags; Route 53 allows at most 10 per health check)\. Remove some\.$/,
  },
  {
    name: 'fail: an awscc resource with an over-long value',
    plan: plan([res('awscc_iottwinmaker_workspace.ws', { workspace_id: 'ws', tags: { ...FULL, Notes: 'n'.repeat(300) } })]),
    expect: { 'awscc_iottwinmaker_workspace.ws': 'fail' },
  },
  // IAM User Guide, "Tagging IAM resources", Case sensitivity: a user's or role's tag keys are not case sensitive.
  {
    name: 'fail: tag keys that differ only in case on an IAM role or user (aws or awscc), as default_tags beside the resource\'s own tags make them',
    plan: plan(
      [
        res('aws_iam_role.r', { name: 'r', tags: { environment: 'junk' }, tags_all: { ...FULL, environment: 'junk' } }),
        res('aws_iam_user.u', { name: 'u' }, { unknown: { tags_all: true } }),
        res('awscc_iam_user.cc', { user_name: 'cc', tags: [{ key: 'Owner', value: 'a' }, { key: 'OWNER', value: 'b' }, { key: 'owner', value: 'c' }] }),
      ],
      { providers: awsProvider({ ...FULL, environment: 'x' }) },
    ),
    expect: { 'aws_iam_role.r': 'fail', 'aws_iam_user.u': 'fail', 'awscc_iam_user.cc': 'fail' },
    message: /^Tag keys "(Environment", "environment|OWNER", "Owner", "owner)" differ only in case: IAM does not tell the tag keys of a user or role apart by case/,
  },
  {
    name: 'compliant: keys that differ only in case on types whose service keeps them apart (an IAM policy, an S3 bucket)',
    plan: plan([
      res('aws_iam_policy.p', { name: 'p', policy: '{}', tags_all: { ...FULL, environment: 'x' } }),
      res('aws_s3_bucket.b', { bucket: 'b', tags_all: { ...FULL, environment: 'x' } }),
    ]),
    expect: { 'aws_iam_policy.p': 'pass', 'aws_s3_bucket.b': 'pass' },
  },
  {
    name: 'not applicable: a type without tags',
    plan: plan([res('aws_s3_bucket_policy.p', { bucket: 'b', policy: '{}' })]),
    expect: { 'aws_s3_bucket_policy.p': 'not-applicable' },
  },
  {
    name: 'unknown: a tag value known only after apply',
    plan: plan([res('aws_s3_bucket.b', { bucket: 'b', tags_all: { ...FULL, Arn: null } }, { unknown: { tags_all: { Arn: true } } })]),
    expect: { 'aws_s3_bucket.b': 'unknown' },
    // The finding blocks: the message says what to do about it, as the other tag rules' do.
    message: /^The value of tag "Arn" is known only after apply, so the gate cannot vouch that it fits in 256 characters\. Write the value as a literal, or waive this finding where you know the value fits\.$/,
  },
  {
    name: 'unknown: the tags are known only after apply',
    plan: plan([res('aws_s3_bucket.b', { bucket: 'b' }, { unknown: { tags: true, tags_all: true } })]),
    expect: { 'aws_s3_bucket.b': 'unknown' },
  },
]);

describe('tag-limits on a map marked sensitive as a whole', () => {
  it('names neither the key nor its length, in the message or the path', () => {
    const resource = plan([res('aws_sqs_queue.q', { name: 'q', tags_all: { ...FULL, 'aws:codename-nightingale': 'x', [`Project-Nightingale-${'x'.repeat(120)}`]: 'y' } }, { sensitive: { tags_all: true } })]);
    const verdicts = evaluateRule(rule, graphOf(resource));
    expect(verdicts.map((v) => v.path)).toEqual(['tags', 'tags']);
    const shown = JSON.stringify(verdicts);
    expect(shown).not.toMatch(/[Nn]ightingale|140/);
  });
});

describe('tag-limits on awscc types whose tags are not a top-level `tags`', () => {
  it("finds the reserved prefix and a value too long in an EFS file system's file_system_tags, a backup vault's backup_vault_tags and a global table's replicas", () => {
    const verdicts = evaluateRule(
      rule,
      graphOf(plan([
        res('awscc_efs_file_system.fs', { encrypted: true, file_system_tags: [{ key: 'Name', value: 'fs' }, { key: 'aws:foo', value: 'x' }] }),
        res('awscc_backup_backup_vault.v', { backup_vault_name: 'v', backup_vault_tags: { Name: 'v', 'aws:cost': 'x' } }),
        res('awscc_dynamodb_global_table.g', { table_name: 'g', replicas: [{ region: 'eu-west-1', tags: [{ key: 'Notes', value: 'n'.repeat(257) }] }] }),
        res('awscc_efs_access_point.ok', { file_system_id: 'fs-1', access_point_tags: [{ key: 'Name', value: 'ap' }] }),
      ])),
    );
    expect(verdicts.map((v) => [v.address, v.status, v.path])).toEqual([
      ['awscc_efs_file_system.fs', 'fail', 'file_system_tags.aws:foo'],
      ['awscc_backup_backup_vault.v', 'fail', 'backup_vault_tags.aws:cost'],
      ['awscc_dynamodb_global_table.g', 'fail', 'replicas.0.tags.Notes'],
      ['awscc_efs_access_point.ok', 'pass', undefined],
    ]);
    expect(verdicts[0].message).toMatch(/^Tag key "aws:foo" starts with "aws:"/);
    expect(verdicts[2].message).toMatch(/^On the replica in eu-west-1 \(replicas\.0\): The value of tag "Notes" is 257 characters long; AWS allows at most 256/);
  });

  it("finds the reserved prefix and 51 tags in an awscc launch template's tag_specifications entry of resource type launch-template and a Spot Fleet's spot_fleet_request_config_data.tag_specifications entry of spot-fleet-request, in a plan, a .tf and a cdk.tf.json; an entry for another resource type, or of a Spot Fleet's launch_specifications, is not its tags", async () => {
    type Entries = { key: string; value: string }[];
    const tags = [{ key: 'Name', value: 'lt' }, { key: 'aws:foo', value: 'x' }];
    const many = Object.entries(manyTags(51)).map(([key, value]) => ({ key, value }));
    const tagsTf = (entries: Entries) => `[${entries.map(({ key, value }) => `{ key = "${key}", value = "${value}" }`).join(', ')}]`;
    const values = (entries: Entries, resourceType = 'launch-template') => ({ launch_template_data: { instance_type: 't3.micro' }, tag_specifications: [{ resource_type: resourceType, tags: entries }] });
    const hcl = (name: string, entries: Entries, resourceType = 'launch-template') => `resource "awscc_ec2_launch_template" "${name}" {
  launch_template_data = { instance_type = "t3.micro" }
  tag_specifications   = [{ resource_type = "${resourceType}", tags = ${tagsTf(entries)} }]
}
`;
    // A Spot Fleet's own entry, or the instances' in its launch_specifications.
    const spot = (entries: Entries, launched = false) => ({
      spot_fleet_request_config_data: {
        iam_fleet_role: 'arn:aws:iam::123456789012:role/spot-fleet',
        target_capacity: 1,
        ...(launched ? { launch_specifications: [{ image_id: 'ami-0123456789abcdef0', tag_specifications: [{ resource_type: 'instance', tags: entries }] }] } : { tag_specifications: [{ resource_type: 'spot-fleet-request', tags: entries }] }),
      },
    });
    const spotHcl = (name: string, entries: Entries, launched = false) => `resource "awscc_ec2_spot_fleet" "${name}" {
  spot_fleet_request_config_data = {
    iam_fleet_role = "arn:aws:iam::123456789012:role/spot-fleet"
    target_capacity = 1
    ${launched ? `launch_specifications = [{ image_id = "ami-0123456789abcdef0", tag_specifications = [{ resource_type = "instance", tags = ${tagsTf(entries)} }] }]` : `tag_specifications = [{ resource_type = "spot-fleet-request", tags = ${tagsTf(entries)} }]`}
  }
}
`;
    const graphs = [
      graphOf(plan([
        res('awscc_ec2_launch_template.lt', values(tags)), res('awscc_ec2_launch_template.many', values(many)), res('awscc_ec2_launch_template.other', values(tags, 'instance')),
        res('awscc_ec2_spot_fleet.sf', spot(tags)), res('awscc_ec2_spot_fleet.many', spot(many)), res('awscc_ec2_spot_fleet.launched', spot(tags, true)),
      ])),
      await tfGraph(hcl('lt', tags) + hcl('many', many) + hcl('other', tags, 'instance') + spotHcl('sf', tags) + spotHcl('many', many) + spotHcl('launched', tags, true)),
      cdktfGraph({
        awscc_ec2_launch_template: { lt: values(tags), many: values(many), other: values(tags, 'instance') },
        awscc_ec2_spot_fleet: { sf: spot(tags), many: spot(many), launched: spot(tags, true) },
      }),
    ];
    for (const graph of graphs) {
      const verdicts = evaluateRule(rule, graph);
      expect(Object.fromEntries(verdicts.map((v) => [v.address, [v.status, v.path]]))).toEqual({
        'awscc_ec2_launch_template.lt': ['fail', 'tag_specifications.0.tags.aws:foo'],
        'awscc_ec2_launch_template.many': ['fail', 'tag_specifications.0.tags'],
        'awscc_ec2_launch_template.other': ['pass', undefined],
        'awscc_ec2_spot_fleet.sf': ['fail', 'spot_fleet_request_config_data.tag_specifications.0.tags.aws:foo'],
        'awscc_ec2_spot_fleet.many': ['fail', 'spot_fleet_request_config_data.tag_specifications.0.tags'],
        'awscc_ec2_spot_fleet.launched': ['pass', undefined],
      });
      for (const many of ['awscc_ec2_launch_template.many', 'awscc_ec2_spot_fleet.many']) expect(verdicts.find((v) => v.address === many)?.message).toMatch(/carries 51 tags; AWS allows at most 50/);
    }
  });

  it("judges each replica of a global table on its own: a limit one replica breaks fails there, whatever the other replicas carry, and values that differ between replicas are each judged", () => {
    // Each replica is a table tagged alone (CloudFormation's ReplicaSpecification Tags): AWS refuses
    // the first replica's tags even though the second carries neither key.
    const verdicts = evaluateRule(
      rule,
      graphOf(plan([
        res('awscc_dynamodb_global_table.g', {
          table_name: 'g',
          replicas: [
            { region: 'eu-west-1', tags: [{ key: 'Name', value: 'g' }, { key: 'aws:reserved', value: 'x' }, { key: 'Notes', value: 'n'.repeat(280) }] },
            { region: 'eu-central-1', tags: [{ key: 'Name', value: 'g' }] },
          ],
        }),
        // Name = "orders-${region}": values that differ by replica are each within the limits.
        res('awscc_dynamodb_global_table.apart', { table_name: 'apart', replicas: [{ region: 'eu-west-1', tags: [{ key: 'Name', value: 'orders-eu-west-1' }] }, { region: 'eu-central-1', tags: [{ key: 'Name', value: 'orders-eu-central-1' }] }] }),
        res('awscc_dynamodb_global_table.many', {
          table_name: 'many',
          replicas: [{ region: 'eu-west-1', tags: [] }, { region: 'us-east-1', tags: Object.entries(manyTags(51)).map(([key, value]) => ({ key, value })) }],
        }),
      ])),
    );
    expect(verdicts.map((v) => [v.address, v.status, v.path])).toEqual([
      ['awscc_dynamodb_global_table.g', 'fail', 'replicas.0.tags.Notes'],
      ['awscc_dynamodb_global_table.g', 'fail', 'replicas.0.tags.aws:reserved'],
      ['awscc_dynamodb_global_table.apart', 'pass', undefined],
      ['awscc_dynamodb_global_table.many', 'fail', 'replicas.1.tags'],
    ]);
    expect(verdicts[0].message).toMatch(/^On the replica in eu-west-1 \(replicas\.0\): The value of tag "Notes" is 280 characters long/);
    expect(verdicts[1].message).toMatch(/^On the replica in eu-west-1 \(replicas\.0\): Tag key "aws:reserved" starts with "aws:"/);
    expect(verdicts[3].message).toMatch(/^On the replica in us-east-1 \(replicas\.1\): The replica carries 51 tags; AWS allows at most 50 per resource/);
  });

  // Route 53 takes at most 10 tags per hosted zone or health check, from Cloud Control as from the aws provider.
  it("fails an awscc Route 53 hosted zone or health check with 11 tags in its hosted_zone_tags or health_check_tags, in a plan, a .tf and a cdk.tf.json; 10 pass", async () => {
    const list = (n: number) => Object.entries(manyTags(n)).map(([key, value]) => ({ key, value }));
    const hcl = (n: number) => `[${list(n).map(({ key, value }) => `{ key = "${key}", value = "${value}" }`).join(', ')}]`;
    const graphs = [
      graphOf(plan([
        res('awscc_route53_hosted_zone.z', { name: 'example.com', hosted_zone_tags: list(11) }),
        res('awscc_route53_health_check.h', { health_check_config: { type: 'HTTPS' }, health_check_tags: list(11) }),
        res('awscc_route53_hosted_zone.ten', { name: 'example.org', hosted_zone_tags: list(10) }),
      ])),
      await tfGraph(`resource "awscc_route53_hosted_zone" "z" {
  name             = "example.com"
  hosted_zone_tags = ${hcl(11)}
}
resource "awscc_route53_health_check" "h" {
  health_check_config = { type = "HTTPS" }
  health_check_tags   = ${hcl(11)}
}
resource "awscc_route53_hosted_zone" "ten" {
  name             = "example.org"
  hosted_zone_tags = ${hcl(10)}
}
`),
      cdktfGraph({
        awscc_route53_hosted_zone: { z: { name: 'example.com', hosted_zone_tags: list(11) }, ten: { name: 'example.org', hosted_zone_tags: list(10) } },
        awscc_route53_health_check: { h: { health_check_config: { type: 'HTTPS' }, health_check_tags: list(11) } },
      }),
    ];
    for (const graph of graphs) {
      const verdicts = evaluateRule(rule, graph);
      expect(Object.fromEntries(verdicts.map((v) => [v.address, [v.status, v.path]]))).toEqual({
        'awscc_route53_hosted_zone.z': ['fail', 'hosted_zone_tags'],
        'awscc_route53_health_check.h': ['fail', 'health_check_tags'],
        'awscc_route53_hosted_zone.ten': ['pass', undefined],
      });
      expect(verdicts.filter((v) => v.status === 'fail').map((v) => v.message).sort()).toEqual([
        'The health check carries 11 tags; Route 53 allows at most 10 per health check. Remove some.',
        'The hosted zone carries 11 tags; Route 53 allows at most 10 per hosted zone. Remove some.',
      ]);
    }
  });
});

describe('characters: IAM and EFS take only letters, numbers and separators of any script and _ . : / = + - @ (their API references\' Tag pattern)', () => {
  it('fails a key or a known value with another character on an IAM or EFS resource (aws or awscc), naming the character and the key, never the value', () => {
    const verdicts = evaluateRule(
      rule,
      graphOf(plan([
        res('aws_iam_role.r', { name: 'r', tags_all: { ...FULL, 'Cost#Center': 'x' } }),
        res('aws_efs_file_system.fs', { creation_token: 'fs', tags_all: { ...FULL, Teams: 'iot,ops' } }),
        res('awscc_efs_file_system.cc', { file_system_tags: [{ key: 'Notes', value: 'line one\nline two' }] }),
        res('awscc_iam_role.world', { role_name: 'w', tags: [{ key: 'Owner', value: 'Zoë Müller-Straße 1 / ops@team' }, { key: 'Zähler', value: '٣+٤=٧' }, { key: 'Empty', value: '' }] }),
        res('aws_iam_user.u', { name: 'u', tags_all: { ...FULL, 'jane.roe@example.com;x': 'y' } }),
        // Not judged by characters: S3 and EC2 publish no such pattern (EC2 takes any character).
        res('aws_s3_bucket.b', { bucket: 'b', tags_all: { ...FULL, 'Cost#Center': 'a,b' } }),
        res('aws_instance.i', { ami: 'ami-1', tags_all: { ...FULL, 'Cost#Center': 'a,b' } }),
      ])),
    );
    expect(verdicts.map((v) => [v.address, v.status, v.path])).toEqual([
      ['aws_iam_role.r', 'fail', 'tags.Cost#Center'],
      ['aws_efs_file_system.fs', 'fail', 'tags.Teams'],
      ['awscc_efs_file_system.cc', 'fail', 'file_system_tags.Notes'],
      ['awscc_iam_role.world', 'pass', undefined],
      ['aws_iam_user.u', 'fail', 'tags.j***@e***.com;x'],
      ['aws_s3_bucket.b', 'pass', undefined],
      ['aws_instance.i', 'pass', undefined],
    ]);
    expect(verdicts[0].message).toBe('Tag key "Cost#Center" holds "#" (U+0023), which IAM does not take in a tag: letters, numbers and spaces (in any script) and _ . : / = + - @ only. Rename it.');
    expect(verdicts[1].message).toBe('The value of tag "Teams" holds "," (U+002C), which EFS does not take in a tag: letters, numbers and spaces (in any script) and _ . : / = + - @ only. Change the value.');
    expect(verdicts[2].message).toMatch(/^The value of tag "Notes" holds U\+000A, which EFS does not take/);
    expect(JSON.stringify(verdicts)).not.toMatch(/iot,ops|line one|jane\.roe/);
  });

  it('judges every awscc IAM type whose schema takes tags (OIDC and SAML providers, server certificates, virtual MFA devices) by IAM\'s characters', () => {
    const types = ['awscc_iam_oidc_provider', 'awscc_iam_saml_provider', 'awscc_iam_server_certificate', 'awscc_iam_virtual_mfa_device'];
    const verdicts = evaluateRule(rule, graphOf(plan(types.map((type) => res(`${type}.x`, { tags: [{ key: 'Cost#Center', value: 'ops' }, { key: 'Teams', value: 'iot,ops' }] })))));
    expect(verdicts.map((v) => [v.address, v.status, v.path])).toEqual(types.flatMap((type) => [[`${type}.x`, 'fail', 'tags.Cost#Center'], [`${type}.x`, 'fail', 'tags.Teams']]));
    expect(verdicts[0].message).toBe('Tag key "Cost#Center" holds "#" (U+0023), which IAM does not take in a tag: letters, numbers and spaces (in any script) and _ . : / = + - @ only. Rename it.');
  });

  it('judges known values only: a value known only after apply is unknown for its length, not for its characters; a value marked sensitive is judged but neither it nor its character is shown', () => {
    const verdicts = evaluateRule(
      rule,
      graphOf(plan([
        res('aws_iam_role.later', { name: 'r', tags_all: { ...FULL, Ref: null } }, { unknown: { tags_all: { Ref: true } } }),
        res('aws_iam_user.secret', { name: 'u', tags_all: { ...FULL, Pin: 'p#ss' } }, { sensitive: { tags_all: { Pin: true } } }),
      ])),
    );
    expect(verdicts.map((v) => [v.address, v.status])).toEqual([
      ['aws_iam_role.later', 'unknown'],
      ['aws_iam_user.secret', 'fail'],
    ]);
    expect(verdicts[0].message).toMatch(/known only after apply/);
    expect(verdicts[1].message).toBe('The value of tag (one whose value is marked sensitive, not shown) holds a character IAM does not take in a tag: letters, numbers and spaces (in any script) and _ . : / = + - @ only. Change the value.');
  });
});

// A map key written as a template whose every part the code fixes (a local, a variable's default) is known at
// plan time: `terraform plan` gives `"${local.prefix}:owner"` as `acme:owner` (terraform 1.11.4, a terraform_data
// input written so). Only a key known only after apply (a resource's attribute) leaves the map unknown whole.
describe('tags whose keys the code computes, judged as Terraform plans them (required-tags, tag-limits)', () => {
  const TF = `variable "stage" {
  type    = string
  default = "prod"
}
locals {
  env_key = "Environment"
  prefix  = "aws"
}
resource "aws_sqs_queue" "known" {
  name = "known"
  tags = { "\${local.env_key}" = "prod", Owner = "team", DataClassification = "internal", "team:\${var.stage}" = "x" }
}
resource "aws_sqs_queue" "reserved" {
  name = "reserved"
  tags = { Environment = "prod", Owner = "team", DataClassification = "internal", "\${local.prefix}:owner" = "x" }
}
resource "aws_sqs_queue" "missing" {
  name = "missing"
  tags = { "\${local.prefix}x:cost" = "cc" }
}
resource "aws_sqs_queue" "later" {
  name = "later"
  tags = { "\${aws_sqs_queue.known.arn}:owner" = "x" }
}
`;
  const CDK = JSON.stringify({
    variable: { stage: { type: 'string', default: 'prod' } },
    locals: { env_key: 'Environment', prefix: 'aws' },
    resource: {
      aws_sqs_queue: {
        known: { name: 'known', tags: { '${local.env_key}': 'prod', Owner: 'team', DataClassification: 'internal', 'team:${var.stage}': 'x' } },
        reserved: { name: 'reserved', tags: { Environment: 'prod', Owner: 'team', DataClassification: 'internal', '${local.prefix}:owner': 'x' } },
        missing: { name: 'missing', tags: { '${local.prefix}x:cost': 'cc' } },
        later: { name: 'later', tags: { '${aws_sqs_queue.known.arn}:owner': 'x' } },
      },
    },
  });

  it.each([
    ['.tf', 'main.tf', TF, 'hcl'],
    ['cdk.tf.json', 'cdk.tf.json', CDK, 'cdktf'],
  ])('%s', async (_form, file, text, kind) => {
    await withFiles({ [file]: text }, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', kind]);
      // A resource that passes has no finding.
      const of = (id: string): Record<string, string> => Object.fromEntries(findings.filter((f) => f.ruleId === id).map((f) => [f.address, f.status]));
      expect(of('required-tags')).toEqual({ 'aws_sqs_queue.missing': 'fail', 'aws_sqs_queue.later': 'unknown' });
      expect(of(rule.id)).toEqual({ 'aws_sqs_queue.reserved': 'fail', 'aws_sqs_queue.later': 'unknown' });
      expect(findings.find((f) => f.ruleId === rule.id && f.address === 'aws_sqs_queue.reserved')?.message).toMatch(/Tag key "aws:owner" starts with "aws:"/);
    });
  });
});
