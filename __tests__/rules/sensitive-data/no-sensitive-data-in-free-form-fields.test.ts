import * as path from 'node:path';
import rule from '../../../checks/rules/sensitive-data/no-sensitive-data-in-free-form-fields';
import { evaluateRule, ruleTable } from '../../helpers/rule-table';
import { graphOf, plan, res } from '../../helpers/plan-builder';
import { checkFindings, twinguard, withFiles } from '../../cli/run';

/** A self-signed certificate's first lines (public data). */
const CERTIFICATE = '-----BEGIN CERTIFICATE-----\nMIIDDTCCAfWgAwIBAgIUPEtn9TXMWK6LHK6gUpdanXCfecwwDQYJKoZIhvcNAQEL\nBQAwFjEUMBIGA1UEAwwLZXhhbXBsZS5jb20wHhcNMjYxMjAyMDMwODQ3WhcNMjYx\nMjAzMDMwODQ3WjAWMRQwEgYDVQQDDAtleGFtcGxlLmNvbTCCASIwDQYJKoZIhvcN\nAQEBBQADggEPADCCAQoCggEBALdYOsd9YI4LDMIU6k6UoEOd4OgQ2YqErxbgWajF\n06IB0aPpY7xdlZU1vnuDlqzrUaWaRaVKveHS/jIUcD/I95qzatdRuSG/9rM/XGB0\n3R1B8GVsCVqBsg6Oyux6gPk5k+LwP5NB4ta5kLTXWHgJWV5HJkuBHAU2A3FQMMZJ\n-----END CERTIFICATE-----\n';

ruleTable(rule, [
  {
    name: 'compliant: ordinary names and descriptions',
    plan: plan([
      res('aws_iam_role.r', { name: 'TwinMakerWorkspaceRole2024', description: 'Role for workspace v1.2.3, account 123456789012, created 2024-01-15 12:00:00 (port 8080-8090, 10.0.0.0/16)' }),
      res('aws_security_group.sg', { name: 'app', description: 'app', ingress: [{ description: 'HTTPS from 192.168.100.200', from_port: 443, to_port: 443 }] }),
      res('aws_kms_key.k', { description: 'Key for build 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b (run 123e4567-e89b-12d3-a456-426614174000)' }),
      res('aws_ssm_document.d', { name: 'restart-getty', description: 'Restarts getty@tty1.service and user@1000.slice' }),
    ]),
    expect: { 'aws_iam_role.r': 'pass', 'aws_security_group.sg': 'pass', 'aws_kms_key.k': 'pass', 'aws_ssm_document.d': 'pass' },
  },
  {
    // Public data with the shape of a random string: a bastion's SSH public key, a CA certificate in base64.
    name: 'compliant: an SSH public key and a base64 certificate in descriptions',
    plan: plan([
      res('aws_security_group.bastion', { name: 'bastion', description: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@bastion' }),
      res('aws_kms_key.k', { description: Buffer.from('-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----\n').toString('base64') }),
      // A whole certificate's body holds runs a random token has the shape of: decoded, it is not searched.
      res('aws_ssm_parameter.ca', { name: 'ca', description: Buffer.from(CERTIFICATE).toString('base64') }),
      res('aws_ssm_parameter.bundle', { name: 'bundle', description: `CA bundle ${Buffer.from(CERTIFICATE).toString('base64')} for the cluster` }),
    ]),
    expect: { 'aws_security_group.bastion': 'pass', 'aws_kms_key.k': 'pass', 'aws_ssm_parameter.ca': 'pass', 'aws_ssm_parameter.bundle': 'pass' },
  },
  {
    name: 'fail: an email address in a description',
    plan: plan([res('aws_kms_key.k', { description: 'Key owned by jane.roe@example.com' })]),
    expect: { 'aws_kms_key.k': 'fail' },
    message: /^`description` holds an email address \(j\*\*\*@e\*\*\*\.com\)/,
  },
  {
    name: 'fail: a phone number in a nested block’s description',
    plan: plan([res('aws_security_group.sg', { name: 'app', ingress: [{ description: 'call +1 555 123 4567 before changing', from_port: 22 }] })]),
    expect: { 'aws_security_group.sg': 'fail' },
    message: /^`ingress\.0\.description` holds a phone number \(\+\* \*\*\* \*\*\* \*\*67\)/,
  },
  {
    name: 'fail: a phone number written in pairs of digits as a whole description',
    plan: plan([res('aws_security_group.sg', { name: 'sg', description: '+31 6 12 34 56 78' })]),
    expect: { 'aws_security_group.sg': 'fail' },
    message: /^`description` holds a phone number \(\+\*\* \* \*\* \*\* \*\* 78\)/,
  },
  // AWS IoT TwinMaker's data protection page: "free-form text fields such as a Name field".
  {
    name: "fail: prefixed free-form fields: a description of any part, a resource's own name called after its type",
    plan: plan([
      res('awscc_iotsitewise_asset.pump', { asset_model_id: 'm', asset_name: 'Pump 7 (on call: alice@example.com)', asset_description: 'Maintained by +1 415 555 2671' }),
      res('awscc_iottwinmaker_entity.e', { workspace_id: 'factory', entity_name: 'Desk of carol@example.com' }),
      res('aws_cloudwatch_metric_alarm.a', { alarm_name: 'pump-errors', alarm_description: 'Page dave@example.com', metric_name: 'Errors' }),
      res('aws_lambda_function.f', { function_name: 'report-for-erin@example.com', role: 'r' }),
    ]),
    expect: { 'awscc_iotsitewise_asset.pump': 'fail', 'awscc_iottwinmaker_entity.e': 'fail', 'aws_cloudwatch_metric_alarm.a': 'fail', 'aws_lambda_function.f': 'fail' },
    message: /^`(asset_name|asset_description|entity_name|alarm_description|function_name)` holds (an email address|a phone number)/,
  },
  {
    name: "compliant: a `…_name` that names another resource is an identifier, found on the resource it names",
    plan: plan([
      res('aws_lambda_permission.p', { function_name: 'report-for-erin@example.com', action: 'lambda:InvokeFunction', principal: 's3.amazonaws.com' }),
      res('aws_cloudwatch_log_subscription_filter.s', { name: 's', log_group_name: '/aws/lambda/report-for-erin@example.com', filter_pattern: '', destination_arn: 'arn:aws:lambda:eu-west-1:123456789012:function:x' }),
    ]),
    expect: { 'aws_lambda_permission.p': 'pass', 'aws_cloudwatch_log_subscription_filter.s': 'pass' },
  },
  {
    name: 'fail: an email address as an IAM user name',
    plan: plan([res('aws_iam_user.u', { name: 'jane.roe@example.com', path: '/' })]),
    expect: { 'aws_iam_user.u': 'fail' },
  },
  {
    name: 'fail: secrets in free-form fields: an access key, a private key, a long random token, a JWT',
    plan: plan([
      res('aws_ssm_document.d', { name: 'doc', description: 'use AKIAIOSFODNN7EXAMPLE' }),
      res('aws_iam_policy.p', { name: 'p', description: '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----' }),
      res('aws_sns_topic.t', { name: 't', display_name: 'Km8dPq2Lx9Vr4Tz7Nw1Hb6Jc3Fg5Ys0Ae' }),
      res('aws_sqs_queue.q', { name: 'q', description: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U' }),
    ]),
    expect: { 'aws_ssm_document.d': 'fail', 'aws_iam_policy.p': 'fail', 'aws_sns_topic.t': 'fail', 'aws_sqs_queue.q': 'fail' },
    message: /holds (an AWS access key id|a private key|a long random string|a JSON Web Token)/,
  },
  {
    name: 'fail: tags nested in blocks (launch template tag_specifications, auto scaling group tag blocks, a backup plan rule\'s recovery_point_tags)',
    plan: plan([
      res('aws_launch_template.lt', { name: 'lt', tag_specifications: [{ resource_type: 'instance', tags: { Owner: 'jane.roe@example.com' } }] }),
      res('aws_autoscaling_group.asg', { name: 'asg', tag: [{ key: 'Contact', value: '+1 555 123 4567', propagate_at_launch: true }] }),
      res('aws_backup_plan.p', { name: 'p', rule: [{ rule_name: 'daily', target_vault_name: 'v', recovery_point_tags: { Owner: 'bob.smith@example.com' } }] }),
      res('aws_ecs_service.s', { name: 's', propagate_tags: 'SERVICE' }),
    ]),
    expect: { 'aws_launch_template.lt': 'fail', 'aws_autoscaling_group.asg': 'fail', 'aws_backup_plan.p': 'fail', 'aws_ecs_service.s': 'pass' },
    message: /^`(tag_specifications\.0\.tags\.Owner|tag\.0\.value|rule\.0\.recovery_point_tags\.Owner)` holds/,
  },
  {
    name: 'fail: a tag key nested in a block holds an email address, its value known, empty or known only after apply',
    plan: plan([
      res('aws_launch_template.lt', { name: 'lt', tag_specifications: [{ resource_type: 'instance', tags: { 'john.doe@example.com': 'owner' } }] }),
      res('aws_backup_plan.p', { name: 'p', rule: [{ rule_name: 'daily', target_vault_name: 'v', recovery_point_tags: { 'jane.roe@example.com': '' } }] }),
      // Terraform leaves an entry whose value is unknown out of `after`; its key is in `after_unknown`.
      res('aws_instance.i', { ami: 'ami-1', root_block_device: [{ encrypted: true, tags: {} }] }, { unknown: { root_block_device: [{ tags: { 'tim.orr@example.com': true } }] } }),
      res('aws_launch_template.plain', { name: 'plain', tag_specifications: [{ resource_type: 'instance', tags: { Owner: 'platform', 'Cost.Center': 'cc-1' } }] }),
    ]),
    expect: { 'aws_launch_template.lt': 'fail', 'aws_backup_plan.p': 'fail', 'aws_instance.i': 'fail', 'aws_launch_template.plain': 'pass' },
    message: /^Tag key `(tag_specifications\.0\.tags|rule\.0\.recovery_point_tags|root_block_device\.0\.tags)\.[jt]\*\*\*@e\*\*\*\.com` holds an email address \([jt]\*\*\*@e\*\*\*\.com\)/,
  },
  {
    name: 'fail: a configured sensitive pattern in a name',
    plan: plan([res('aws_s3_bucket.b', { bucket: 'b', name: 'case-CUST-0042' })]),
    settings: { sensitivePatterns: [{ name: 'customer id', pattern: 'CUST-\\d{4}' }] },
    expect: { 'aws_s3_bucket.b': 'fail' },
  },
  {
    name: 'not applicable: data sources; other attributes are not free-form (sns subscription endpoints hold addresses by design)',
    plan: plan([
      res('data.aws_iam_user.u', { user_name: 'jane.roe@example.com', name: 'jane.roe@example.com' }),
      res('aws_sns_topic_subscription.s', { protocol: 'email', endpoint: 'jane.roe@example.com', topic_arn: 'arn:aws:sns:eu-west-1:123456789012:t' }),
    ]),
    expect: { 'data.aws_iam_user.u': 'not-applicable', 'aws_sns_topic_subscription.s': 'pass' },
  },
  {
    name: 'unknown at plan: a name known only after apply, or marked sensitive, is not read (pass)',
    plan: plan([
      res('aws_kms_key.k', { description: null }, { unknown: { description: true } }),
      res('aws_sqs_queue.q', { name: 'jane.roe@example.com' }, { sensitive: { name: true } }),
    ]),
    expect: { 'aws_kms_key.k': 'pass', 'aws_sqs_queue.q': 'pass' },
  },
]);

it('reports each field on its own path and redacts what it found', () => {
  const graph = graphOf(plan([res('aws_iam_role.r', { name: 'jane.roe@example.com', description: 'jane.roe@example.com, +1 555 123 4567' })]));
  const verdicts = evaluateRule(rule, graph);
  expect(verdicts.map((v) => v.path).sort()).toEqual(['description', 'name']);
  for (const v of verdicts) expect(v.message).not.toMatch(/jane\.roe|555 123/);
});

it('reports a nested tag key on its path, masked, and redacts it', () => {
  const graph = graphOf(plan([res('aws_launch_template.lt', { name: 'lt', tag_specifications: [{ resource_type: 'instance', tags: { 'john.doe@example.com': 'owner', Contact: 'amy.lee@example.com' } }] })]));
  const verdicts = evaluateRule(rule, graph);
  expect(verdicts.map((v) => v.path).sort()).toEqual(['tag_specifications.0.tags.Contact', 'tag_specifications.0.tags.j***@e***.com']);
  for (const v of verdicts) expect(v.message).not.toMatch(/john\.doe|amy\.lee/);
});

const NESTED_TAG_KEYS = `
resource "aws_launch_template" "lt" {
  name = "lt"
  tag_specifications {
    resource_type = "instance"
    tags          = { "john.doe@example.com" = "owner" }
  }
}
resource "aws_instance" "i" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  root_block_device {
    encrypted = true
    tags      = { "jane.roe@example.com" = "x" }
  }
}
`;

it('a nested tag key written in .tf fails, on its masked path, and is masked in every format', async () => {
  await withFiles({ 'main.tf': NESTED_TAG_KEYS }, async (dir) => {
    const { findings } = await checkFindings([dir, '--input-kind', 'hcl']);
    expect(findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.path])).toEqual([
      ['aws_instance.i', 'root_block_device.0.tags.j***@e***.com'],
      ['aws_launch_template.lt', 'tag_specifications.0.tags.j***@e***.com'],
    ]);
    for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'codequality']) {
      const { stdout } = await twinguard(['check', dir, '--input-kind', 'hcl', '--format', format]);
      expect(stdout).not.toMatch(/john\.doe|jane\.roe/);
    }
  });
});

describe('explain no-sensitive-data-in-free-form-fields', () => {
  // awscc generates no awscc_iottwinmaker_entity or _component_type (suppressed for recursive attributes; awscc #95).
  it('cites no TwinMaker resource type that awscc does not have', async () => {
    const run = await twinguard(['explain', rule.id]);
    expect(run.stdout).toContain('Name field');
    expect(run.stdout).not.toMatch(/awscc_iottwinmaker_(entity|component_type)\b/);
  });
});

// A map written with a key known only after apply is unknown whole in a plan, yet each value in it is written in the code.
describe('a value written in a map under a key known only after apply, in a free-form field', () => {
  const ACCESS_KEY_ID = 'AKIAZ3MHQ7XBV2PLK4ZB';
  const EMAIL = 'jane.roe@example.com';
  const failed = async (args: string[]): Promise<string[][]> =>
    (await checkFindings(args)).findings.filter((f) => f.ruleId === rule.id && f.status === 'fail').map((f) => [f.address, f.path ?? '']).sort();
  const expectMasked = async (args: string[]): Promise<void> => {
    for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'codequality']) {
      const { stdout } = await twinguard(['check', ...args, '--format', format]);
      expect(stdout).toMatch(/aws_iam_role\.r\b/);
      expect(stdout).not.toMatch(/AKIAZ3MHQ7XBV2PLK4ZB|jane\.roe/);
    }
  };
  const role = (name: string, description: string): string => `resource "aws_iam_role" "${name}" {\n  name               = "${name}"\n  description        = ${description}\n  assume_role_policy = "{}"\n}\n`;

  it('.tf: fails on the field, masked in every format; a value under a known key in such a map too, and in a nested tag map; not a plain one, nor one outside a free-form field', async () => {
    const code = [
      'variable "p" { type = string }',
      role('r', `jsonencode({ "\${var.p}" = "${ACCESS_KEY_ID}" })`),
      role('owner', `jsonencode({ "\${var.p}" = { owner = "${EMAIL}" } })`),
      role('plain', 'jsonencode({ "${var.p}" = "team iot" })'),
      // A nested tag map's values are this rule's; the resource's own tags are no-sensitive-data-in-tags'.
      `resource "aws_instance" "i" {\n  ami           = "ami-12345678"\n  instance_type = "t3.micro"\n  tags          = { "\${var.p}" = "${EMAIL}" }\n  root_block_device {\n    encrypted = true\n    tags      = { "\${var.p}" = "${EMAIL}" }\n  }\n}\n`,
      `resource "aws_lambda_function" "f" {\n  function_name = "f"\n  role          = "arn:aws:iam::123456789012:role/r"\n  environment {\n    variables = { "\${var.p}" = "${EMAIL}" }\n  }\n}\n`,
    ].join('\n');
    await withFiles({ 'main.tf': code }, async (dir) => {
      expect(await failed([dir])).toEqual([
        ['aws_iam_role.owner', 'description.owner'],
        ['aws_iam_role.r', 'description'],
        ['aws_instance.i', 'root_block_device.0.tags'],
      ]);
      const { findings } = await checkFindings([dir]);
      expect(findings.find((f) => f.ruleId === rule.id && f.address === 'aws_iam_role.r')?.message).toMatch(
        /^A value written in `description` under a key known only after apply holds an AWS access key id \(AKIA\*\*\*\)/,
      );
      await expectMasked([dir]);
    });
  });

  it('.tf and cdk.tf.json: nested in an encoded document, through a for, a step into a local, zipmap() or values()', async () => {
    const DESCRIPTIONS: Record<string, string> = {
      r: `jsonencode({ outer = { "\${var.p}" = "${ACCESS_KEY_ID}" } })`,
      listed: `jsonencode([{ name = "x", labels = { "\${var.p}" = "${EMAIL}" } }])`,
      forl: `jsonencode({ for k in var.names : k => "${EMAIL}" })`,
      stepped: 'jsonencode(local.cfg.outer)',
      zipped: `jsonencode(zipmap(["\${var.p}"], ["${EMAIL}"]))`,
      valued: 'jsonencode(values(local.cfg))',
    };
    const tf = [
      'variable "p" { type = string }',
      'variable "names" { type = list(string) }',
      `locals {\n  cfg = { outer = { "\${var.p}" = "${EMAIL}" } }\n}`,
      ...Object.entries(DESCRIPTIONS).map(([name, code]) => role(name, code)),
    ].join('\n');
    const cdk = JSON.stringify({
      variable: { p: { type: 'string' }, names: { type: 'list(string)' } },
      locals: { cfg: { outer: { '${var.p}': EMAIL } } },
      resource: { aws_iam_role: Object.fromEntries(Object.entries(DESCRIPTIONS).map(([name, code]) => [name, { name, description: `\${${code}}`, assume_role_policy: '{}' }])) },
    });
    for (const [file, text, kind] of [['main.tf', tf, 'hcl'], ['cdk.tf.json', cdk, 'cdktf']]) {
      await withFiles({ [file]: text }, async (dir) => {
        const args = [dir, '--input-kind', kind];
        expect(await failed(args)).toEqual([
          ['aws_iam_role.forl', 'description'],
          ['aws_iam_role.listed', 'description.0.labels'],
          ['aws_iam_role.r', 'description.outer'],
          ['aws_iam_role.stepped', 'description'],
          ['aws_iam_role.valued', 'description.0'],
          ['aws_iam_role.zipped', 'description'],
        ]);
        await expectMasked(args);
      });
    }
  });

  it('cdk.tf.json: the same', async () => {
    const document = {
      variable: { p: { type: 'string' } },
      resource: { aws_iam_role: { r: { name: 'r', description: `\${jsonencode({ "\${var.p}" = "${ACCESS_KEY_ID}" })}`, assume_role_policy: '{}' } } },
    };
    await withFiles({ 'cdk.tf.json': JSON.stringify(document) }, async (dir) => {
      const args = [dir, '--input-kind', 'cdktf'];
      expect(await failed(args)).toEqual([['aws_iam_role.r', 'description']]);
      await expectMasked(args);
    });
  });

  // The key is a resource's attribute, known only after apply in the plan too (a variable's is known at plan time).
  it('a plan read with --code: found from the code (a plan records the field as references only)', async () => {
    const refs = ['terraform_data.p.output', 'terraform_data.p'];
    const planJson = JSON.stringify({
      format_version: '1.2',
      terraform_version: '1.11.4',
      planned_values: { root_module: { resources: [{ address: 'aws_iam_role.r', mode: 'managed', type: 'aws_iam_role', name: 'r', provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values: { name: 'r', assume_role_policy: '{}' }, sensitive_values: {} }] } },
      resource_changes: [
        {
          address: 'aws_iam_role.r', mode: 'managed', type: 'aws_iam_role', name: 'r', provider_name: 'registry.terraform.io/hashicorp/aws',
          change: { actions: ['create'], before: null, after: { name: 'r', assume_role_policy: '{}' }, after_unknown: { description: true, arn: true }, before_sensitive: false, after_sensitive: {} },
        },
      ],
      configuration: {
        provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws' } },
        root_module: {
          resources: [{ address: 'aws_iam_role.r', mode: 'managed', type: 'aws_iam_role', name: 'r', provider_config_key: 'aws', expressions: { name: { constant_value: 'r' }, description: { references: refs }, assume_role_policy: { constant_value: '{}' } }, schema_version: 0 }],
        },
      },
    });
    const code = `resource "terraform_data" "p" {\n  input = "p"\n}\n${role('r', `jsonencode({ "\${terraform_data.p.output}" = "${ACCESS_KEY_ID}" })`)}`;
    await withFiles({ 'plan.json': planJson, 'code/main.tf': code }, async (dir) => {
      const planFile = path.join(dir, 'plan.json');
      expect(await failed([planFile])).toEqual([]);
      const args = [planFile, '--code', path.join(dir, 'code')];
      expect(await failed(args)).toEqual([['aws_iam_role.r', 'description']]);
      await expectMasked(args);
    });
  });
});

// A free-form field whose value is known keeps only part of what its expression writes: the rest is in clear in the repository,
// searched for credentials by its shape alone (no-credentials-in-attributes leaves free-form fields to this rule).
it('.tf: a credential the code writes in a free-form field\'s expression that its known value does not keep fails, masked; a personal datum there does not', async () => {
  const KEY = 'AKIAIOSFODNN7EXAMPLQ';
  const tf = [
    'variable "flag" {\n  type    = bool\n  default = false\n}',
    `resource "aws_sns_topic" "t" {\n  name         = "t"\n  display_name = var.flag ? "${KEY}" : "x"\n  tags = {\n    Name    = lower("${KEY}")\n    Contact = var.flag ? "jane.doe@example.com" : "team"\n  }\n}`,
    'resource "aws_sns_topic" "clean" {\n  name         = "clean"\n  display_name = var.flag ? "jane.doe@example.com" : "x"\n}',
  ].join('\n');
  await withFiles({ 'main.tf': tf }, async (dir) => {
    const { findings } = await checkFindings([dir]);
    const failed = findings.filter((f) => f.ruleId === rule.id && f.status === 'fail');
    expect(failed.map((f) => [f.address, f.path]).sort()).toEqual([
      ['aws_sns_topic.t', 'display_name'],
      ['aws_sns_topic.t', 'tags.Name'],
    ]);
    expect(failed[0].message).toMatch(/^A literal written in the code of `(display_name|tags\.Name)` that its value does not keep holds an AWS access key id \(AKIA\*+\)/);
    for (const format of ['text', 'json', 'sarif']) expect((await twinguard(['check', dir, '--format', format])).stdout).not.toContain(KEY);
  });
});

/** An SNS topic per name whose `display_name` is its template with `var.x`, in .tf (`hcl`) or cdk.tf.json. */
const topicsText = (kind: string, topics: Record<string, string>): string =>
  kind === 'hcl'
    ? ['variable "x" {\n  type = string\n}', ...Object.entries(topics).map(([name, display]) => `resource "aws_sns_topic" "${name}" {\n  name         = "${name}"\n  display_name = "${display}"\n}`)].join('\n')
    : JSON.stringify({ variable: { x: { type: 'string' } }, resource: { aws_sns_topic: Object.fromEntries(Object.entries(topics).map(([name, display]) => [name, { name, display_name: display }])) } });

/** This rule's failures in `dir` checked as `kind`, once every format is seen to block (exit 1) and write nothing `raw` matches. */
async function failedTopics(dir: string, kind: string, raw: RegExp): Promise<Awaited<ReturnType<typeof checkFindings>>['findings']> {
  for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'codequality']) {
    const { stdout, code } = await twinguard(['check', dir, '--input-kind', kind, '--format', format]);
    expect(code).toBe(1);
    expect(stdout).not.toMatch(raw);
  }
  return (await checkFindings([dir, '--input-kind', kind])).findings.filter((f) => f.ruleId === rule.id && f.status === 'fail');
}

// An email address an interpolation cuts, in a name or description: the literal text around the value still shows a personal
// address where it starts the local part and the value is inside it or in a label of its domain.
it.each([
  ['.tf', 'main.tf', 'hcl'],
  ['cdk.tf.json', 'cdk.tf.json', 'cdktf'],
])('%s: an email address with a value not known inside a free-form field\'s template fails, masked in every format; one whose local part or domain is all the value passes', async (_form, file, kind) => {
  const TOPICS: Record<string, string> = {
    local: 'Alerts for jane.${var.x}@example.com',
    domain_label: 'Alerts for jane@${var.x}.example.com',
    team: 'Alerts for ${var.x}@example.com',
    host: 'Alerts for ec2-user@${var.x}',
  };
  const RAW = /jane|example\.com|\u2179/;
  await withFiles({ [file]: topicsText(kind, TOPICS) }, async (dir) => {
    const failed = await failedTopics(dir, kind, RAW);
    expect(failed.map((f) => [f.address, f.path]).sort()).toEqual([
      ['aws_sns_topic.domain_label', 'display_name'],
      ['aws_sns_topic.local', 'display_name'],
    ]);
    expect(failed.find((f) => f.address === 'aws_sns_topic.local')?.message).toMatch(/^The literal text of a template written in `display_name` holds an email address \(j\*\*\*@e\*\*\*\.com\)/);
    expect(failed.find((f) => f.address === 'aws_sns_topic.domain_label')?.message).toMatch(/holds an email address \(j\*\*\*@\*\*\*\.com\)/);
  });
});

// An address written whole before a value, the value and a file's extension after it: read as one, with the value inside,
// the address would end in the extension and name a file; the address before the value is found.
it.each([
  ['.tf', 'main.tf', 'hcl'],
  ['cdk.tf.json', 'cdk.tf.json', 'cdktf'],
])('%s: a free-form field\'s template with an email address written whole, then a value not known and a file extension ("Report for jane.doe@example.com-${var.x}.csv"), fails, masked in every format; a systemd unit\'s name passes', async (_form, file, kind) => {
  const TOPICS: Record<string, string> = {
    a: 'Report exports/jane.doe@example.com-${var.x}.csv',
    b: 'Report jane.doe@example.com-${var.x}.json',
    d: 'Chart jane.doe@example.com.${var.x}.png',
    e: 'Report jane.doe@example.com${var.x}.pdf',
  };
  // A systemd unit's name, `template@instance.service`, holds none (`certbot@example.com-prod.service` written whole is none): it passes.
  const UNITS: Record<string, string> = { unit: 'Runs certbot@example.com-${var.x}.service', person: 'Runs jane.doe@example.com-${var.x}.service' };
  const RAW = /jane|\.doe|doe@|example\.com|exports\/|\.csv|\.service|\.png|\.pdf|\u2179/;
  await withFiles({ [file]: topicsText(kind, { ...TOPICS, ...UNITS }) }, async (dir) => {
    const failed = await failedTopics(dir, kind, RAW);
    expect(failed.map((f) => [f.address, f.path]).sort()).toEqual(Object.keys(TOPICS).map((name) => [`aws_sns_topic.${name}`, 'display_name']));
    for (const f of failed) expect(f.message).toMatch(/^The literal text of a template written in `display_name` holds an email address \(j\*\*\*@e\*\*\*\.com\)\./);
  });
});
