import credentials from '../../../checks/rules/sensitive-data/no-credentials-in-attributes';
import freeForm from '../../../checks/rules/sensitive-data/no-sensitive-data-in-free-form-fields';
import rule from '../../../checks/rules/sensitive-data/no-sensitive-data-in-tags';
import { evaluateRule, ruleTable } from '../../helpers/rule-table';
import { graphOf, plan, res } from '../../helpers/plan-builder';
import { DEFAULT_SETTINGS } from '../../../checks/settings';
import { awsProvider, FULL, lexBot } from '../tagging/fixtures';
import { buildGraph } from '../../../checks/model/graph';
import { parseCdktfDocument } from '../../../checks/model/cdktf';
import { loadHcl } from '../../../checks/model/hcl';
import { LocalScope } from '../../../checks/model/evaluate';
import { configAt } from '../../../checks/model/graph/config';
import type { LoadedInput } from '../../../checks/model/types';
import * as path from 'node:path';
import { checkFindings, twinguard, withFiles } from '../../cli/run';
import { cdktfGraph, tfGraph } from '../../helpers/code-forms';

/** Values that look like data but are not personal data or secrets. */
const HARMLESS = {
  ...FULL,
  Name: 'twinmaker-data-prod',
  Version: '1.2.3',
  Build: '20241128120000',
  AccountId: '123456789012',
  Arn: 'arn:aws:iam::123456789012:role/TwinMakerWorkspaceRole2024',
  Created: '2024-01-15T10:00:00+01:00',
  Ip: '192.168.100.200',
  Cidr: '10.0.0.0/16',
  Commit: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b',
  RunId: '123e4567-e89b-12d3-a456-426614174000',
  Repo: 'git@github.com:example/infra.git',
  Logo: 'logo@2x.png',
  // At `.zip`, a top-level domain too, a display scale and a version name files.
  Sprite: 'icon@2x.zip',
  Bundle: 'handler@1.4.0.zip',
  Unit: 'openvpn-client@office.service',
  // A template unit's instance that is a domain; a `.target` instance where a unit file lists units; a module's or a variables file's version.
  CertUnit: 'certbot@example.com.service',
  WantedBy: 'WantedBy=multi-user.target backup@home.target',
  Module: 'modules/vpc@v2.tf',
  VarFile: 'terraform@v2.tfvars',
  Component: 'TwinMakerWorkspaceRoleProduction2024Environment',
  // CloudFormation physical names of resources a CDK stack made, and a Lambda package's filebase64sha256.
  Function: 'CdkWorkshopStack-HelloHandler2E4FBA4D-1N4UXA4AAAAA',
  Table: 'ProdApiStack-OrdersTableReplicaEuWest1B7C2D9E1-K2LQ7ZP0W3XA',
  SourceHash: '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=',
};

ruleTable(rule, [
  // Tags a resource puts on others (terraform-aws-modules/ec2-instance's volume_tags; eks's aws_ec2_tag on the cluster's security group).
  {
    name: "an instance's volume_tags are searched, each at its key",
    plan: plan([res('aws_instance.a', { ami: 'ami-1', volume_tags: { Contact: 'john.smith@example.com', Team: 'iot' } })]),
    expect: { 'aws_instance.a': 'fail' },
    message: /^Tag "Contact"/,
  },
  {
    name: "an aws_ec2_tag's key and value are searched",
    plan: plan([res('aws_ec2_tag.t', { resource_id: 'sg-1', key: 'Owner', value: 'jane.doe@example.com' }), res('aws_ec2_tag.ok', { resource_id: 'sg-1', key: 'Team', value: 'iot' })]),
    expect: { 'aws_ec2_tag.t': 'fail' },
    message: /^Tag "Owner"/,
  },
  {
    name: "every single-tag resource's key and value are searched (aws_dynamodb_tag, aws_ecs_tag, aws_transfer_tag, an aws_autoscaling_group_tag's tag block)",
    plan: plan([
      res('aws_dynamodb_tag.t', { resource_arn: 'arn:aws:dynamodb:eu-west-1:111111111111:table/orders', key: 'Contact', value: 'dave@example.com' }),
      res('aws_ecs_tag.t', { resource_arn: 'arn:aws:ecs:eu-west-1:111111111111:cluster/main', key: 'OnCall', value: '+1 415 555 2671' }),
      res('aws_transfer_tag.t', { resource_arn: 'arn:aws:transfer:eu-west-1:111111111111:server/s-1', key: 'DbPassword', value: 'Sup3rS3cret!x' }),
      res('aws_autoscaling_group_tag.t', { autoscaling_group_name: 'asg', tag: [{ key: 'Owner', value: 'erin@example.com', propagate_at_launch: true }] }),
      res('aws_ecs_tag.ok', { resource_arn: 'arn:aws:ecs:eu-west-1:111111111111:cluster/main', key: 'Team', value: 'iot' }),
    ]),
    expect: { 'aws_dynamodb_tag.t': 'fail', 'aws_ecs_tag.t': 'fail', 'aws_transfer_tag.t': 'fail', 'aws_autoscaling_group_tag.t': 'fail', 'aws_ecs_tag.ok': 'pass' },
    message: /^Tag "(Contact|OnCall|DbPassword|Owner)" holds (an email address|a phone number|a value its name marks as a credential)/,
  },
  {
    // `.py`, `.md`, `.zip` and `.tf` are file extensions and top-level domains in IANA's root zone.
    name: 'an email address at a top-level domain that is also a file extension fails, masked',
    plan: plan([
      res('aws_sqs_queue.py', { name: 'py', tags: { Owner: 'jane@gob.py' } }),
      res('aws_sqs_queue.md', { name: 'md', tags: { Contact: 'ops@example.md' } }),
      res('aws_sqs_queue.zip', { name: 'zip', tags: { Owner: 'x@y.zip' } }),
      res('aws_sqs_queue.tf', { name: 'tf', tags: { Owner: 'a@b.tf' } }),
    ]),
    expect: { 'aws_sqs_queue.py': 'fail', 'aws_sqs_queue.md': 'fail', 'aws_sqs_queue.zip': 'fail', 'aws_sqs_queue.tf': 'fail' },
    message: /^Tag "(Owner|Contact)" holds an email address \((j\*\*\*@g\*\*\*\.py|o\*\*\*@e\*\*\*\.md|x\*\*\*@y\*\*\*\.zip|a\*\*\*@b\*\*\*\.tf)\)/,
  },
  {
    name: 'compliant: ids, versions, ARNs, account ids, timestamps, IPs, hashes and systemd units are not sensitive',
    plan: plan([res('aws_s3_bucket.data', { bucket: 'data', tags: HARMLESS, tags_all: HARMLESS })], { providers: awsProvider(FULL) }),
    expect: { 'aws_s3_bucket.data': 'pass' },
  },
  {
    name: 'fail: an email address as the Owner',
    plan: plan([res('aws_s3_bucket.data', { bucket: 'data', tags: { ...FULL, Owner: 'jane.roe@example.com' }, tags_all: { ...FULL, Owner: 'jane.roe@example.com' } })]),
    expect: { 'aws_s3_bucket.data': 'fail' },
    message: /^Tag "Owner" holds an email address \(j\*\*\*@e\*\*\*\.com\)\. AWS advises never/,
  },
  {
    name: 'fail: a tag named as a credential holds one whatever its shape; a tag that names a secret elsewhere does not',
    plan: plan([
      res('aws_cloudwatch_log_group.x', { name: 'x', tags: { ...FULL, DbPassword: 'Sup3rS3cret!x' } }),
      res('aws_cloudwatch_log_group.y', { name: 'y', tags: { ...FULL, DbPasswordSecret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db', TokenRotation: '90d' } }),
    ]),
    expect: { 'aws_cloudwatch_log_group.x': 'fail', 'aws_cloudwatch_log_group.y': 'pass' },
    message: /^Tag "DbPassword" holds a value its name marks as a credential \(Sup\*\*\*\)/,
  },
  {
    name: "fail: a file's name that holds an email address (exports/jane.doe@example.com-2024.csv), masked to the address's",
    plan: plan([
      res('aws_sqs_queue.csv', { name: 'csv', tags: { Export: 'exports/jane.doe@example.com-2024.csv' } }),
      res('aws_sqs_queue.json', { name: 'json', tags: { Export: 'jane.doe@example.com.json' } }),
    ]),
    expect: { 'aws_sqs_queue.csv': 'fail', 'aws_sqs_queue.json': 'fail' },
    message: /^Tag "Export" holds an email address \(j\*\*\*@e\*\*\*\.com\)\./,
  },
  {
    name: 'fail: a phone number written with spaces alone under a tag key that names a phone, or after a word that does; such digits unnamed pass',
    plan: plan([
      res('aws_sqs_queue.oncall', { name: 'oncall', tags: { OnCallPhone: '555 010 9999' } }),
      res('aws_sqs_queue.contact', { name: 'contact', tags: { Contact: 'Tel: 020 7946 0958' } }),
      res('aws_sqs_queue.sizes', { name: 'sizes', tags: { Sizes: '128 256 1024', Ports: '443 8080 9090', Build: '555 010 9999' } }),
    ]),
    expect: { 'aws_sqs_queue.oncall': 'fail', 'aws_sqs_queue.contact': 'fail', 'aws_sqs_queue.sizes': 'pass' },
    message: /^Tag "(OnCallPhone|Contact)" holds a phone number \((\*\*\* \*\*\* \*\*99|\*\*\* \*\*\*\* \*\*58)\)\./,
  },
  {
    name: "fail: an email address given a role after a colon (jane.doe@example.com:admin), which git's host:path shape hid",
    plan: plan([res('aws_sqs_queue.roles', { name: 'roles', tags: { Access: 'jane.doe@example.com:admin' } })]),
    expect: { 'aws_sqs_queue.roles': 'fail' },
    message: /^Tag "Access" holds an email address \(j\*\*\*@e\*\*\*\.com\)\./,
  },
  {
    name: 'fail: a tag key that is an email address (the path masks it)',
    plan: plan([res('aws_sqs_queue.q', { name: 'q', tags: { 'jane.roe@example.com': 'owner' } })]),
    expect: { 'aws_sqs_queue.q': 'fail' },
    message: /^Tag key "j\*\*\*@e\*\*\*\.com" holds an email address/,
  },
  {
    name: 'fail: personal data in default_tags is reported once, on the provider block',
    plan: plan(
      [
        res('aws_s3_bucket.a', { bucket: 'a', tags: null, tags_all: { ...FULL, Contact: '+44 20 7946 0958' } }),
        res('aws_sqs_queue.q', { name: 'q', tags: null, tags_all: { ...FULL, Contact: '+44 20 7946 0958' } }),
      ],
      { providers: awsProvider({ ...FULL, Contact: '+44 20 7946 0958' }) },
    ),
    expect: { 'provider.aws': 'fail' },
    message: /^provider\.aws default_tags, inherited by every resource of that provider: Tag "Contact" holds a phone number \(\+\*\* \*\* \*\*\*\* \*\*58\)/,
  },
  {
    name: 'fail: a tags_all entry whose origin is not a constant of the configuration',
    plan: plan([res('aws_s3_bucket.a', { bucket: 'a', tags: null, tags_all: { ...FULL, Support: '(555) 123-4567' } })], { providers: awsProvider({ references: ['var.default_tags'] }) }),
    expect: { 'aws_s3_bucket.a': 'fail' },
    message: /Tag "Support" holds a phone number/,
  },
  {
    name: 'fail: phone numbers written in pairs of digits (short, no run of three digits)',
    plan: plan([
      res('aws_sns_topic.fr', { name: 'fr', tags: { ...FULL, OnCall: '+33 6 12 34 56 78' } }),
      res('aws_sns_topic.dk', { name: 'dk', tags: { ...FULL, OnCall: '+45 12 34 56 78' } }),
    ]),
    expect: { 'aws_sns_topic.fr': 'fail', 'aws_sns_topic.dk': 'fail' },
    message: /^Tag "OnCall" holds a phone number \(\+\*\* (\* \*\* \*\* \*\* 78|\*\* \*\* \*\* 78)\)/,
  },
  {
    name: 'fail: secrets in tag values: an access key with its secret, a URL with a password, a token',
    plan: plan([
      res('aws_lambda_function.f', { function_name: 'f', tags: { ...FULL, Key: 'AKIAIOSFODNN7EXAMPLE', Secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } }),
      res('aws_sns_topic.t', { name: 't', tags: { ...FULL, Endpoint: 'https://admin:hunter22@hooks.example.com/notify' } }),
      res('aws_sqs_queue.q', { name: 'q', tags: { ...FULL, Deploy: 'ghp_0123456789abcdefghijABCDEFGHIJ012345' } }),
    ]),
    expect: { 'aws_lambda_function.f': 'fail', 'aws_sns_topic.t': 'fail', 'aws_sqs_queue.q': 'fail' },
    message: /revoke it/,
  },
  {
    name: 'fail: a configured sensitive pattern',
    plan: plan([res('aws_s3_bucket.data', { bucket: 'data', tags: { ...FULL, Requester: 'EMP-123456' } })]),
    settings: { sensitivePatterns: [{ name: 'employee number', pattern: 'EMP-\\d{6}' }] },
    expect: { 'aws_s3_bucket.data': 'fail' },
    message: /text matching the sensitive pattern "employee number" \(EM\*\*\*\)/,
  },
  {
    name: 'fail: an awscc resource’s key/value tag list',
    plan: plan([res('awscc_iottwinmaker_workspace.ws', { workspace_id: 'ws', tags: [{ key: 'Owner', value: 'jane.roe@example.com' }] })]),
    expect: { 'awscc_iottwinmaker_workspace.ws': 'fail' },
  },
  {
    name: 'not applicable: data sources',
    plan: plan([res('data.aws_s3_bucket.existing', { bucket: 'existing', tags: { Owner: 'jane.roe@example.com' } })]),
    expect: { 'data.aws_s3_bucket.existing': 'not-applicable' },
  },
  {
    name: 'unknown at plan: values known only after apply and values marked sensitive are not read (pass)',
    plan: plan([
      res('aws_s3_bucket.data', { bucket: 'data', tags: { ...FULL, Ref: null } }, { unknown: { tags: { Ref: true }, tags_all: true } }),
      res('aws_sqs_queue.q', { name: 'q', tags: { ...FULL, Owner: 'jane.roe@example.com' } }, { sensitive: { tags: { Owner: true } } }),
    ]),
    expect: { 'aws_s3_bucket.data': 'pass', 'aws_sqs_queue.q': 'pass' },
  },
]);

it("reports a single-tag resource's tag on its value's path, and the other sensitive-data rules leave it to this one", () => {
  const graph = graphOf(plan([
    res('aws_autoscaling_group_tag.t', { autoscaling_group_name: 'asg', tag: [{ key: 'Deploy', value: 'AKIAIOSFODNN7EXAMPLE', propagate_at_launch: true }] }),
    res('aws_ec2_tag.t', { resource_id: 'sg-1', key: 'Deploy', value: 'AKIAIOSFODNN7EXAMPLE' }),
  ]));
  expect(evaluateRule(rule, graph).map((v) => [v.address, v.status, v.path])).toEqual([
    ['aws_autoscaling_group_tag.t', 'fail', 'tag.0.value'],
    ['aws_ec2_tag.t', 'fail', 'value'],
  ]);
  for (const other of [freeForm, credentials]) expect(evaluateRule(other, graph).map((v) => v.status)).toEqual(['pass', 'pass']);
});

it("searches the single-tag resources of AWS provider 6.28 (aws_secretsmanager_tag, aws_organizations_tag) as aws_ec2_tag, masked, and the other sensitive-data rules leave them to this one", () => {
  const graph = graphOf(plan([
    res('aws_secretsmanager_tag.t', { secret_id: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:x', key: 'Contact', value: 'jane.doe@example.com' }),
    res('aws_organizations_tag.o', { resource_id: '123456789012', key: 'Owner', value: '+1 415 555 0100' }),
    res('aws_organizations_tag.k', { resource_id: 'ou-1a2b-34uvwxyz', key: 'fred.key@example.com', value: 'platform' }),
    res('aws_secretsmanager_tag.ok', { secret_id: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:x', key: 'Team', value: 'iot' }),
  ]));
  const verdicts = evaluateRule(rule, graph);
  expect(verdicts.map((v) => [v.address, v.status, v.path])).toEqual([
    ['aws_secretsmanager_tag.t', 'fail', 'value'],
    ['aws_organizations_tag.o', 'fail', 'value'],
    ['aws_organizations_tag.k', 'fail', 'key'],
    ['aws_secretsmanager_tag.ok', 'pass', undefined],
  ]);
  expect(verdicts[0].message).toMatch(/^Tag "Contact" holds an email address \(j\*\*\*@e\*\*\*\.com\)/);
  expect(verdicts[1].message).toMatch(/^Tag "Owner" holds a phone number/);
  expect(verdicts.map((v) => `${v.message} ${v.path}`).join(' ')).not.toMatch(/jane\.doe|415 555|fred\.key/);
  for (const other of [freeForm, credentials]) expect(evaluateRule(other, graph).map((v) => v.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
});

it("reports a single-tag resource's key on the key's path when the key holds the datum", () => {
  const graph = graphOf(plan([
    res('aws_ec2_tag.e', { resource_id: 'vpc-1', key: 'carl.key@example.com', value: 'owner' }),
    res('aws_autoscaling_group_tag.at', { autoscaling_group_name: 'g', tag: [{ key: 'dan.key@example.com', value: 'y', propagate_at_launch: true }] }),
    res('aws_dynamodb_tag.both', { resource_arn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/t', key: 'erin@example.com', value: '+1 555 123 4567' }),
  ]));
  expect(evaluateRule(rule, graph).map((v) => [v.address, v.status, v.path])).toEqual([
    ['aws_ec2_tag.e', 'fail', 'key'],
    ['aws_autoscaling_group_tag.at', 'fail', 'tag.0.key'],
    ['aws_dynamodb_tag.both', 'fail', 'key'],
  ]);
});

it('lists every raw value it detected in redact, and none of them in the message or path', () => {
  const graph = graphOf(plan([res('aws_s3_bucket.data', { bucket: 'data', tags: { 'jane.roe@example.com': 'AKIAIOSFODNN7EXAMPLE' } })]));
  const result = rule.evaluate(graph.resources[0], { graph, settings: DEFAULT_SETTINGS });
  const outcomes = Array.isArray(result) ? result : [result];
  expect(outcomes).toHaveLength(1);
  const [outcome] = outcomes;
  if (outcome.status !== 'fail') throw new Error('expected a failure');
  expect(outcome.redact).toEqual(expect.arrayContaining(['jane.roe@example.com', 'AKIAIOSFODNN7EXAMPLE']));
  expect(`${outcome.message} ${outcome.path}`).not.toMatch(/jane\.roe|AKIAIOSFODNN7EXAMPLE/);
  expect(evaluateRule(rule, graph)[0].path).toBe('tags.j***@e***.com');
});

it("finds personal data in a tag written in base64's URL-safe alphabet or unpadded, as in base64encode's form, masked in every format", async () => {
  const url = (text: string): string => Buffer.from(text).toString('base64url');
  const tags = { ...FULL, Owner: url('jane.roe@example.com'), Contact: url('Tel +44 20 7946 0958'), Padded: Buffer.from('jane.roe@example.com').toString('base64') };
  await withFiles({ 'plan.json': JSON.stringify(plan([res('aws_sqs_queue.q', { name: 'q', tags })])) }, async (dir) => {
    const { findings } = await checkFindings([path.join(dir, 'plan.json')]);
    expect(findings.filter((f) => f.ruleId === rule.id).map((f) => [f.path, f.message.split(').')[0]])).toEqual([
      ['tags.Contact', 'Tag "Contact" holds a phone number, base64-encoded (+** ** **** **58'],
      ['tags.Owner', 'Tag "Owner" holds an email address, base64-encoded (j***@e***.com'],
      ['tags.Padded', 'Tag "Padded" holds an email address, base64-encoded (j***@e***.com'],
    ]);
    for (const format of FORMATS) {
      const { stdout } = await twinguard(['check', path.join(dir, 'plan.json'), '--format', format]);
      expect(stdout).not.toMatch(/jane\.roe|7946|amFuZS5yb2VAZXhhbXBsZS5jb20|VGVsICs0NCAyMCA3OTQ2IDA5NTg/);
    }
  });
});

describe('TF_AWS_DEFAULT_TAGS_<key> of the environment of a .tf or cdktf check: tags of every aws resource, searched as the provider sends them', () => {
  const env = { TF_AWS_DEFAULT_TAGS_Owner: 'john.doe@example.com' };
  const tf = `provider "aws" {
  region = "eu-west-1"
}
resource "aws_sqs_queue" "plain" {
  name = "a"
}
resource "aws_sqs_queue" "own" {
  name = "b"
  tags = { Owner = "platform" }
}
`;
  const cdktf = {
    provider: { aws: [{ region: 'eu-west-1' }] },
    resource: { aws_sqs_queue: { plain: { name: 'a' }, own: { name: 'b', tags: { Owner: 'platform' } } } },
  };
  const verdicts = (input: LoadedInput) => evaluateRule(rule, buildGraph([input])).map((v) => [v.address, v.status, v.path, v.message]);

  it('fails on the provider block the environment tag reaches, once, masked; a resource whose own tag replaces it passes', async () => {
    const fromTf = await withFiles({ 'main.tf': tf }, async (dir) => verdicts(await loadHcl(dir, { env })));
    const fromCdktf = verdicts(parseCdktfDocument(cdktf, 'cdk.tf.json', undefined, env));
    for (const found of [fromTf, fromCdktf]) {
      expect(Object.fromEntries(found.map(([address, status, path]) => [address, [status, path]]))).toEqual({
        'provider.aws': ['fail', 'TF_AWS_DEFAULT_TAGS_Owner'],
        'aws_sqs_queue.own': ['pass', undefined],
      });
      expect(found.find(([address]) => address === 'provider.aws')?.[3]).toMatch(/^TF_AWS_DEFAULT_TAGS_\* of the environment, inherited by every aws resource: Tag "Owner"/);
      expect(JSON.stringify(found)).not.toContain('john.doe');
    }
  });

  it('fails on the resource where no provider block is written', async () => {
    const implicit = tf.replace(/provider "aws" \{[^}]*\}\n/, '');
    const found = await withFiles({ 'main.tf': implicit }, async (dir) => verdicts(await loadHcl(dir, { env })));
    expect(Object.fromEntries(found.map(([address, status, path]) => [address, [status, path]]))).toEqual({
      'aws_sqs_queue.plain': ['fail', 'TF_AWS_DEFAULT_TAGS_Owner'],
      'aws_sqs_queue.own': ['pass', undefined],
    });
  });

  it('finds nothing without the variable', async () => {
    const found = await withFiles({ 'main.tf': tf }, async (dir) => verdicts(await loadHcl(dir, {})));
    expect(found.map(([, status]) => status)).toEqual(['pass', 'pass']);
  });
});

describe('an awscc type whose own tags are not `tags` (tagsAttribute: file_system_tags, backup_vault_tags; a global table\'s replicas.<i>.tags)', () => {
  it('is searched by this rule, at the place the tag model reads, and the free-form and credentials rules leave it to this one', () => {
    const graph = graphOf(plan([
      res('awscc_efs_file_system.fs', { file_system_tags: [{ key: 'Owner', value: 'jane.roe@example.com' }] }),
      res('awscc_backup_backup_vault.v', { backup_vault_name: 'v', backup_vault_tags: { Contact: '+1 415 555 2671', 'fred.key@example.com': 'x' } }),
      res('awscc_dynamodb_global_table.t', { table_name: 't', replicas: [{ region: 'eu-west-1', tags: [{ key: 'Team', value: 'iot' }] }, { region: 'us-east-1', tags: [{ key: 'Owner', value: 'bob.key@example.com' }] }] }),
      res('awscc_efs_access_point.ok', { file_system_id: 'fs-1', access_point_tags: [{ key: 'Team', value: 'iot' }] }),
    ]));
    const verdicts = evaluateRule(rule, graph);
    expect(verdicts.map((v) => [v.address, v.status, v.path])).toEqual([
      ['awscc_efs_file_system.fs', 'fail', 'file_system_tags.Owner'],
      ['awscc_backup_backup_vault.v', 'fail', 'backup_vault_tags.Contact'],
      ['awscc_backup_backup_vault.v', 'fail', 'backup_vault_tags.f***@e***.com'],
      ['awscc_dynamodb_global_table.t', 'fail', 'replicas.1.tags.Owner'],
      ['awscc_efs_access_point.ok', 'pass', undefined],
    ]);
    expect(verdicts[0].message).toMatch(/^Tag "Owner" holds an email address \(j\*\*\*@e\*\*\*\.com\)/);
    expect(verdicts.map((v) => `${v.message} ${v.path}`).join(' ')).not.toMatch(/jane\.roe|415 555|fred\.key|bob\.key/);
    for (const other of [freeForm, credentials]) expect(evaluateRule(other, graph).map((v) => v.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
  });

  const TF = `resource "awscc_backup_backup_vault" "v" {
  backup_vault_name = "v"
  backup_vault_tags = { DbPassword = "Sup3rS3cret!x", Contact = "jane.roe@example.com" }
}
resource "awscc_dynamodb_global_table" "t" {
  replicas = [{ region = "eu-west-1", tags = [{ key = "Owner", value = "bob.key@example.com" }] }]
}
`;

  it('written in .tf: one finding per datum, all of this rule (a waiver or --ignore of it covers them), masked in every format', async () => {
    await withFiles({ 'main.tf': TF }, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', 'hcl']);
      const sensitive = findings.filter((f) => /^no-(sensitive-data|credentials)-/.test(f.ruleId) && f.status !== 'pass');
      expect(sensitive.map((f) => [f.ruleId, f.address, f.path])).toEqual([
        [rule.id, 'awscc_backup_backup_vault.v', 'backup_vault_tags.Contact'],
        [rule.id, 'awscc_backup_backup_vault.v', 'backup_vault_tags.DbPassword'],
        [rule.id, 'awscc_dynamodb_global_table.t', 'replicas.0.tags.Owner'],
      ]);
      for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'codequality']) {
        const { stdout } = await twinguard(['check', dir, '--input-kind', 'hcl', '--format', format]);
        expect(stdout).not.toMatch(/jane\.roe|bob\.key|Sup3rS3cret/);
      }
    });
  });

  // An entry whose key is known only after apply: its value is still written in the code, and the
  // free-form and credentials rules leave own tags to this rule, so it must search it.
  it('an entry whose key is known only after apply has its value searched, at the value\'s place, in a plan', () => {
    const graph = graphOf(plan([
      res('awscc_efs_file_system.fs', { file_system_tags: [{ key: 'Environment', value: 'dev' }, { key: null, value: 'jane.roe@example.com' }] }, { unknown: { file_system_tags: [{}, { key: true }] } }),
      res('awscc_dynamodb_global_table.t', { table_name: 't', replicas: [{ region: 'us-east-1', tags: [{ key: 'Team', value: 'iot' }, { key: null, value: 'AKIAIOSFODNN7EXAMPLE' }] }] }, {
        unknown: { replicas: [{ tags: [{}, { key: true }] }] },
      }),
      res('awscc_efs_access_point.ok', { file_system_id: 'fs-1', access_point_tags: [{ key: null, value: 'iot' }] }, { unknown: { access_point_tags: [{ key: true }] } }),
    ]));
    const verdicts = evaluateRule(rule, graph);
    expect(verdicts.map((v) => [v.address, v.status, v.path])).toEqual([
      ['awscc_efs_file_system.fs', 'fail', 'file_system_tags.1.value'],
      ['awscc_dynamodb_global_table.t', 'fail', 'replicas.0.tags.1.value'],
      ['awscc_efs_access_point.ok', 'pass', undefined],
    ]);
    expect(verdicts[0].message).toMatch(/^The value of a tag whose key is known only after apply holds an email address \(j\*\*\*@e\*\*\*\.com\)/);
    expect(verdicts.map((v) => `${v.message} ${v.path}`).join(' ')).not.toMatch(/jane\.roe|IOSFODNN7EXAMPLE/);
  });

  it('written in .tf with an interpolated key: found by this rule, masked in every format', async () => {
    const tf = `variable "project" {
  type = string
}
resource "awscc_efs_file_system" "f" {
  file_system_tags = [
    { key = "Environment", value = "dev" },
    { key = "\${var.project}:owner", value = "jane.roe@example.com" },
  ]
}
`;
    await withFiles({ 'main.tf': tf }, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', 'hcl']);
      const sensitive = findings.filter((f) => /^no-(sensitive-data|credentials)-/.test(f.ruleId) && f.status !== 'pass');
      expect(sensitive.map((f) => [f.ruleId, f.address, f.path])).toEqual([[rule.id, 'awscc_efs_file_system.f', 'file_system_tags.1.value']]);
      for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'codequality']) {
        const { stdout } = await twinguard(['check', dir, '--input-kind', 'hcl', '--format', format]);
        expect(stdout).not.toMatch(/jane\.roe/);
      }
    });
  });

  // Route 53's twins keep theirs in hosted_zone_tags and health_check_tags: an email there was this rule's to find.
  it("finds an email in an awscc Route 53 hosted zone's hosted_zone_tags and a health check's health_check_tags, masked, in a plan, a .tf and a cdk.tf.json", async () => {
    const graphs = [
      graphOf(plan([
        res('awscc_route53_hosted_zone.z', { name: 'example.com', hosted_zone_tags: [{ key: 'Owner', value: 'jane.roe@example.com' }] }),
        res('awscc_route53_health_check.h', { health_check_config: { type: 'HTTPS' }, health_check_tags: [{ key: 'Team', value: 'iot' }, { key: 'Contact', value: 'bob.key@example.com' }] }),
      ])),
      await tfGraph(`resource "awscc_route53_hosted_zone" "z" {
  name             = "example.com"
  hosted_zone_tags = [{ key = "Owner", value = "jane.roe@example.com" }]
}
resource "awscc_route53_health_check" "h" {
  health_check_config = { type = "HTTPS" }
  health_check_tags   = [{ key = "Team", value = "iot" }, { key = "Contact", value = "bob.key@example.com" }]
}
`),
      cdktfGraph({
        awscc_route53_hosted_zone: { z: { name: 'example.com', hosted_zone_tags: [{ key: 'Owner', value: 'jane.roe@example.com' }] } },
        awscc_route53_health_check: { h: { health_check_config: { type: 'HTTPS' }, health_check_tags: [{ key: 'Team', value: 'iot' }, { key: 'Contact', value: 'bob.key@example.com' }] } },
      }),
    ];
    for (const graph of graphs) {
      const verdicts = evaluateRule(rule, graph);
      expect(Object.fromEntries(verdicts.map((v) => [v.address, [v.status, v.path]]))).toEqual({
        'awscc_route53_hosted_zone.z': ['fail', 'hosted_zone_tags.Owner'],
        'awscc_route53_health_check.h': ['fail', 'health_check_tags.Contact'],
      });
      expect(verdicts.find((v) => v.address === 'awscc_route53_hosted_zone.z')?.message).toMatch(/^Tag "Owner" holds an email address \(j\*\*\*@e\*\*\*\.com\)/);
      expect(verdicts.map((v) => `${v.message} ${v.path}`).join(' ')).not.toMatch(/jane\.roe|bob\.key/);
      for (const other of [freeForm, credentials]) expect(evaluateRule(other, graph).map((v) => v.status)).toEqual(['pass', 'pass']);
    }
  });

  // A launch template's own tags are the `tags` of its tag_specifications entry of resource type
  // launch-template, an EC2 Fleet's of fleet, a Spot Fleet's of spot-fleet-request in its
  // spot_fleet_request_config_data; a Lex bot's test_bot_alias_tags are its test alias's. Each was left to the
  // free-form and credentials rules (the fleets' to the free-form rule, and a Spot Fleet's credential in its
  // nested tag_specifications to the credentials rule too), so a waiver or --ignore of this rule missed them.
  const BOT = lexBot('b', { Team: 'iot' }, { Contact: 'bob.key@example.com', Team: 'iot' });
  const SECRET_TAGS = [{ key: 'Team', value: 'iot' }, { key: 'Owner', value: 'jane.roe@example.com' }, { key: 'DbPassword', value: 'Sup3rS3cret!x' }];
  const SECRET_TAGS_TF = '[{ key = "Team", value = "iot" }, { key = "Owner", value = "jane.roe@example.com" }, { key = "DbPassword", value = "Sup3rS3cret!x" }]';
  const LT_TF = `resource "awscc_ec2_launch_template" "lt" {
  launch_template_data = { instance_type = "t3.micro" }
  tag_specifications = [{
    resource_type = "launch-template"
    tags          = ${SECRET_TAGS_TF}
  }]
}
resource "awscc_ec2_spot_fleet" "s" {
  spot_fleet_request_config_data = {
    iam_fleet_role     = "arn:aws:iam::123456789012:role/spot-fleet"
    target_capacity    = 1
    tag_specifications = [{ resource_type = "spot-fleet-request", tags = ${SECRET_TAGS_TF} }]
  }
}
resource "awscc_ec2_ec2_fleet" "f" {
  launch_template_configs       = [{ launch_template_specification = { launch_template_id = "lt-0123456789abcdef0", version = "1" } }]
  target_capacity_specification = { total_target_capacity = 1 }
  tag_specifications            = [{ resource_type = "fleet", tags = [{ key = "Contact", value = "bob.key@example.com" }] }]
}
${BOT.tf}`;
  const LT_VALUES = { launch_template_data: { instance_type: 't3.micro' }, tag_specifications: [{ resource_type: 'launch-template', tags: SECRET_TAGS }] };
  const SPOT_VALUES = {
    spot_fleet_request_config_data: { iam_fleet_role: 'arn:aws:iam::123456789012:role/spot-fleet', target_capacity: 1, tag_specifications: [{ resource_type: 'spot-fleet-request', tags: SECRET_TAGS }] },
  };
  const FLEET_VALUES = {
    launch_template_configs: [{ launch_template_specification: { launch_template_id: 'lt-0123456789abcdef0', version: '1' } }],
    target_capacity_specification: { total_target_capacity: 1 },
    tag_specifications: [{ resource_type: 'fleet', tags: [{ key: 'Contact', value: 'bob.key@example.com' }] }],
  };
  it("finds an email and a credential in an awscc launch template's and EC2 Fleet's tag_specifications, a Spot Fleet's spot_fleet_request_config_data.tag_specifications and a Lex bot's test_bot_alias_tags, masked, in a plan, a .tf and a cdk.tf.json; the free-form and credentials rules leave them to this one", async () => {
    const graphs = [
      graphOf(plan([res('awscc_ec2_launch_template.lt', LT_VALUES), res('awscc_ec2_spot_fleet.s', SPOT_VALUES), res('awscc_ec2_ec2_fleet.f', FLEET_VALUES), res('awscc_lex_bot.b', BOT.values)])),
      await tfGraph(LT_TF),
      cdktfGraph({ awscc_ec2_launch_template: { lt: LT_VALUES }, awscc_ec2_spot_fleet: { s: SPOT_VALUES }, awscc_ec2_ec2_fleet: { f: FLEET_VALUES }, awscc_lex_bot: { b: BOT.values } }),
    ];
    for (const graph of graphs) {
      const verdicts = evaluateRule(rule, graph);
      expect(verdicts.map((v) => [v.address, v.status, v.path]).sort()).toEqual([
        ['awscc_ec2_ec2_fleet.f', 'fail', 'tag_specifications.0.tags.Contact'],
        ['awscc_ec2_launch_template.lt', 'fail', 'tag_specifications.0.tags.DbPassword'],
        ['awscc_ec2_launch_template.lt', 'fail', 'tag_specifications.0.tags.Owner'],
        ['awscc_ec2_spot_fleet.s', 'fail', 'spot_fleet_request_config_data.tag_specifications.0.tags.DbPassword'],
        ['awscc_ec2_spot_fleet.s', 'fail', 'spot_fleet_request_config_data.tag_specifications.0.tags.Owner'],
        ['awscc_lex_bot.b', 'fail', 'test_bot_alias_tags.Contact'],
      ]);
      expect(verdicts.find((v) => v.path === 'tag_specifications.0.tags.Owner')?.message).toMatch(/^Tag "Owner" holds an email address \(j\*\*\*@e\*\*\*\.com\)/);
      expect(verdicts.map((v) => `${v.message} ${v.path}`).join(' ')).not.toMatch(/jane\.roe|bob\.key|Sup3rS3cret/);
      for (const other of [freeForm, credentials]) expect(evaluateRule(other, graph).map((v) => v.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
    }
    await withFiles({ 'main.tf': LT_TF }, async (dir) => {
      for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'codequality']) {
        const { stdout } = await twinguard(['check', dir, '--input-kind', 'hcl', '--format', format]);
        expect(stdout).not.toMatch(/jane\.roe|bob\.key|Sup3rS3cret/);
      }
    });
  });
});

// Terraform knows such a map only after apply, whole (a plan shows `tags = (known after apply)`), yet
// its values are written in the code, and the free-form and credentials rules leave tags to this rule.
describe('an aws tags map with a key known only after apply (`"${var.project}:owner" = …`)', () => {
  const TF = `variable "project" {
  type = string
}
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = {
    "\${var.project}:owner" = "jane.doe@example.com"
    Contact                 = "+1 415 555 2671"
    Team                    = "iot"
  }
}
resource "aws_sqs_queue" "ok" {
  name = "ok"
  tags = { "\${var.project}:team" = "iot" }
}
`;
  const CDK = JSON.stringify({
    variable: { project: { type: 'string' } },
    resource: {
      aws_sqs_queue: {
        q: { name: 'q', tags: { '${var.project}:owner': 'jane.doe@example.com', Contact: '+1 415 555 2671', Team: 'iot' } },
        ok: { name: 'ok', tags: { '${var.project}:team': 'iot' } },
      },
    },
  });

  it.each([
    ['.tf', 'main.tf', TF, 'hcl'],
    ['cdk.tf.json', 'cdk.tf.json', CDK, 'cdktf'],
  ])('%s: its written values are searched, the tag verdicts stay unknown, and the datum is masked in every format', async (_form, file, text, kind) => {
    await withFiles({ [file]: text }, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', kind]);
      const of = (id: string): string[][] => findings.filter((f) => f.ruleId === id).map((f) => [f.address, f.status, f.path ?? '']);
      // aws_sqs_queue.ok: nothing found, so no finding.
      expect(of(rule.id)).toEqual([
        ['aws_sqs_queue.q', 'fail', 'tags'],
        ['aws_sqs_queue.q', 'fail', 'tags.Contact'],
      ]);
      const [unknownKey] = findings.filter((f) => f.ruleId === rule.id && f.path === 'tags');
      expect(unknownKey.message).toMatch(/^The value of a tag whose key is known only after apply holds an email address \(j\*\*\*@e\*\*\*\.com\)/);
      for (const id of ['required-tags', 'tag-limits']) expect(of(id).filter(([address]) => address === 'aws_sqs_queue.q').map(([, status]) => status)).toEqual(['unknown']);
      for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'codequality']) {
        const { stdout } = await twinguard(['check', dir, '--input-kind', kind, '--format', format]);
        expect(stdout).not.toMatch(/jane\.doe|415 555/);
      }
    });
  });

  it('the provider\'s default_tags written so: found once, on the provider block, masked', async () => {
    const tf = `variable "project" {
  type = string
}
provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = { "\${var.project}:owner" = "jane.doe@example.com" }
  }
}
resource "aws_sqs_queue" "q" {
  name = "q"
}
`;
    await withFiles({ 'main.tf': tf }, async (dir) => {
      const { findings } = await checkFindings([dir]);
      expect(findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.status, f.path ?? ''])).toEqual([['provider.aws', 'fail', 'default_tags.tags']]);
      const { stdout } = await twinguard(['check', dir, '--format', 'json']);
      expect(stdout).not.toMatch(/jane\.doe/);
    });
  });

  // A key Terraform knows only after apply in a plan too: a resource's attribute (a variable's is known at plan time).
  it('a plan read with --code: found from the code (a plan alone records the map as references only)', async () => {
    const planJson = JSON.stringify({"format_version":"1.2","terraform_version":"1.11.4","variables":{"project":{"value":"p"}},"planned_values":{"root_module":{"resources":[{"address":"aws_sqs_queue.q","mode":"managed","type":"aws_sqs_queue","name":"q","provider_name":"registry.terraform.io/hashicorp/aws","schema_version":0,"values":{"name":"q"},"sensitive_values":{}}]}},"resource_changes":[{"address":"aws_sqs_queue.q","mode":"managed","type":"aws_sqs_queue","name":"q","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,"after":{"name":"q"},"after_unknown":{"tags":true,"tags_all":true,"id":true,"arn":true},"before_sensitive":false,"after_sensitive":{}}}],"configuration":{"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws"}},"root_module":{"resources":[{"address":"aws_sqs_queue.q","mode":"managed","type":"aws_sqs_queue","name":"q","provider_config_key":"aws","expressions":{"name":{"constant_value":"q"},"tags":{"references":["terraform_data.p.output","terraform_data.p"]}},"schema_version":0}],"variables":{"project":{}}}}});
    const code = TF.replace(/resource "aws_sqs_queue" "ok"[\s\S]*/, '').replace('${var.project}', '${terraform_data.p.output}');
    await withFiles({ 'plan.json': planJson, 'code/main.tf': code }, async (dir) => {
      const statuses = async (args: string[]): Promise<string[][]> =>
        (await checkFindings([path.join(dir, 'plan.json'), ...args])).findings.filter((f) => f.ruleId === rule.id && f.status !== 'pass').map((f) => [f.status, f.path ?? '']);
      expect(await statuses([])).toEqual([]);
      expect(await statuses(['--code', path.join(dir, 'code')])).toEqual([
        ['fail', 'tags'],
        ['fail', 'tags.Contact'],
      ]);
    });
  });
});

// The same map reaching `tags` through a local or merge(): Terraform knows it only after apply whole, as
// when written in place, and its values are written in the code all the same.
describe('a tags map known only after apply whole, through a local or merge()', () => {
  const TF = `variable "p" {
  type = string
}
variable "tags" {
  type = map(string)
}
locals {
  common = { Team = "iot" }
  owned  = { "\${var.p}-owner" = "jane@example.com" }
  keyed  = merge(local.common, {
    # the deploy key, for now
    "\${var.p}-x" = "AKIAIOSFODNN7EXAMPLE" // rotated monthly
  })
}
resource "aws_sqs_queue" "local" {
  name = "local"
  tags = local.owned
}
resource "aws_sqs_queue" "merged" {
  name = "merged"
  tags = merge(local.common, { "\${var.p}-x" = "AKIAIOSFODNN7EXAMPLE" })
}
resource "aws_sqs_queue" "nested" {
  name = "nested"
  tags = local.keyed
}
resource "aws_sqs_queue" "var" {
  name = "var"
  tags = merge(var.tags, { Owner = "bob@example.com" })
}
resource "aws_sqs_queue" "ok" {
  name = "ok"
  tags = merge(var.tags, local.common, { "\${var.p}-team" = "iot" })
}
provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = merge(var.tags, { Contact = "+1 415 555 2671" })
  }
}
`;
  const CDK = JSON.stringify({
    variable: { p: { type: 'string' }, tags: { type: 'map(string)' } },
    locals: { common: { Team: 'iot' }, owned: { '${var.p}-owner': 'jane@example.com' }, keyed: '${merge(local.common, {"${var.p}-x" = "AKIAIOSFODNN7EXAMPLE"})}' },
    provider: { aws: [{ region: 'eu-west-1', default_tags: [{ tags: '${merge(var.tags, {Contact = "+1 415 555 2671"})}' }] }] },
    resource: {
      aws_sqs_queue: {
        local: { name: 'local', tags: '${local.owned}' },
        merged: { name: 'merged', tags: '${merge(local.common, {"${var.p}-x" = "AKIAIOSFODNN7EXAMPLE"})}' },
        nested: { name: 'nested', tags: '${local.keyed}' },
        var: { name: 'var', tags: '${merge(var.tags, {Owner = "bob@example.com"})}' },
        ok: { name: 'ok', tags: '${merge(var.tags, local.common, {"${var.p}-team" = "iot"})}' },
      },
    },
  });

  it.each([
    ['.tf', 'main.tf', TF, 'hcl'],
    ['cdk.tf.json', 'cdk.tf.json', CDK, 'cdktf'],
  ])('%s: the values each argument map writes are searched, and masked in every format', async (_form, file, text, kind) => {
    await withFiles({ [file]: text }, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', kind]);
      // aws_sqs_queue.ok: nothing found in what it writes, so no finding.
      expect(findings.filter((f) => f.ruleId === rule.id && f.status !== 'pass').map((f) => [f.address, f.status, f.path ?? ''])).toEqual([
        ['aws_sqs_queue.local', 'fail', 'tags'],
        ['aws_sqs_queue.merged', 'fail', 'tags'],
        ['aws_sqs_queue.nested', 'fail', 'tags'],
        ['aws_sqs_queue.var', 'fail', 'tags.Owner'],
        ['provider.aws', 'fail', 'default_tags.tags.Contact'],
      ]);
      const message = (address: string): string => findings.find((f) => f.ruleId === rule.id && f.address === address)?.message ?? '';
      expect(message('aws_sqs_queue.local')).toMatch(/^The value of a tag whose key is known only after apply holds an email address \(j\*\*\*@e\*\*\*\.com\)/);
      expect(message('aws_sqs_queue.merged')).toMatch(/holds an AWS access key id \(AKIA\*\*\*\)/);
      for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'codequality']) {
        const { stdout } = await twinguard(['check', dir, '--input-kind', kind, '--format', format]);
        expect(stdout).not.toMatch(/jane@|bob@|IOSFODNN7EXAMPLE|415 555/);
      }
    });
  });

  // Each local merges the one before twice: the entry written once is read once, not 2^16 times (counted, not timed).
  it('a chain of locals each merging the one before twice: one entry, one finding', async () => {
    const chain = Array.from({ length: 16 }, (_, i) => `  l${i + 1} = merge(local.l${i}, local.l${i})`).join('\n');
    const tf = `variable "p" {\n  type = string\n}\nlocals {\n  l0 = { "\${var.p}:owner" = "jane.doe@example.com" }\n${chain}\n}\nresource "aws_sqs_queue" "q" {\n  name = "q"\n  tags = local.l16\n}\n`;
    await withFiles({ 'main.tf': tf }, async (dir) => {
      const graph = buildGraph([await loadHcl(dir)]);
      const [q] = graph.resources;
      const tags = configAt(q.data.config, ['tags']);
      expect(tags?.kind === 'expr' ? tags.entriesOfUnknownMap : undefined).toEqual([{ value: 'jane.doe@example.com' }]);
      const outcomes = rule.evaluate(q, { graph, settings: DEFAULT_SETTINGS });
      expect((Array.isArray(outcomes) ? outcomes : [outcomes]).map((o) => [o.status, 'path' in o ? o.path : undefined])).toEqual([['fail', 'tags']]);
    });
  });

  // The plan records `tags = local.owned` as `references: ["local.owned"]` (terraform 1.11.4): the code's locals give the values.
  it('a plan read with --code: found through the locals, masked in every format (a plan alone records references only)', async () => {
    const unknown = { tags: true, tags_all: true, arn: true, id: true };
    const queue = (name: string, locals: string[]) => res(`aws_sqs_queue.${name}`, { name }, { refs: { tags: locals.map((l) => `local.${l}`) }, unknown });
    const planJson = JSON.stringify(
      plan([res('terraform_data.p', { input: 'x' }, { provider: 'terraform', unknown: { id: true, output: true } }), queue('local', ['owned']), queue('nested', ['keyed']), queue('both', ['common', 'owned'])], {
        terraformVersion: '1.11.4',
      }),
    );
    const code = `resource "terraform_data" "p" {
  input = "x"
}
locals {
  common = { Team = "iot" }
  owned  = { "\${terraform_data.p.output}-owner" = "jane@example.com" }
  keyed  = merge(local.common, { "\${terraform_data.p.output}-x" = "AKIAIOSFODNN7EXAMPLE" })
}
resource "aws_sqs_queue" "local" {
  name = "local"
  tags = local.owned
}
resource "aws_sqs_queue" "nested" {
  name = "nested"
  tags = local.keyed
}
resource "aws_sqs_queue" "both" {
  name = "both"
  tags = merge(local.common, local.owned)
}
`;
    await withFiles({ 'plan.json': planJson, 'code/main.tf': code }, async (dir) => {
      const args = [path.join(dir, 'plan.json'), '--code', path.join(dir, 'code')];
      expect(failed((await checkFindings([path.join(dir, 'plan.json')])).findings)).toEqual([]);
      expect(failed((await checkFindings(args)).findings)).toEqual([
        ['aws_sqs_queue.both', 'fail', 'tags'],
        ['aws_sqs_queue.local', 'fail', 'tags'],
        ['aws_sqs_queue.nested', 'fail', 'tags'],
      ]);
      for (const format of FORMATS) expect((await twinguard(['check', ...args, '--format', format])).stdout).not.toMatch(/jane@|IOSFODNN7EXAMPLE/);
    });
  });
});

// A for's values, a function whose result carries an argument map, an expanded list of maps, a step into a map of maps
// a local writes: each reaches `tags` as a map known only after apply whole whose values the code writes.
describe('a tags map known only after apply whole, through a for, try(), an expanded list or a step into a local', () => {
  const FORMS: [string, string][] = [
    ['for', '{ for k in var.names : "${k}:owner" => "jane.doe@example.com" }'],
    ['try', 'try({ "${var.p}:owner" = "jane.doe@example.com" }, {})'],
    ['expanded', 'merge(local.maps...)'],
    ['step', 'local.cfg.tags'],
    ['given', '{ for k, v in var.given : "${var.p}${k}" => v }'],
  ];
  const TF = [
    'variable "p" {\n  type = string\n}\nvariable "names" {\n  type = list(string)\n}\nvariable "given" {\n  type = map(string)\n}',
    'locals {\n  cfg  = { tags = { "${var.p}:owner" = "jane.doe@example.com" } }\n  maps = [{ Team = "iot" }, { "${var.p}:owner" = "jane.doe@example.com" }]\n}',
    ...FORMS.map(([name, form]) => `resource "aws_sqs_queue" "${name}" {\n  name = "${name}"\n  tags = ${form}\n}`),
  ].join('\n');
  const CDK = JSON.stringify({
    variable: { p: { type: 'string' }, names: { type: 'list(string)' }, given: { type: 'map(string)' } },
    locals: { cfg: { tags: { '${var.p}:owner': 'jane.doe@example.com' } }, maps: [{ Team: 'iot' }, { '${var.p}:owner': 'jane.doe@example.com' }] },
    resource: { aws_sqs_queue: Object.fromEntries(FORMS.map(([name, form]) => [name, { name, tags: `\${${form}}` }])) },
  });

  it.each([
    ['.tf', 'main.tf', TF, 'hcl'],
    ['cdk.tf.json', 'cdk.tf.json', CDK, 'cdktf'],
  ])('%s: the values the code writes are searched, masked in every format; a value given from outside is not', async (_form, file, text, kind) => {
    await withFiles({ [file]: text }, async (dir) => {
      const given = kind === 'hcl' ? ['--var', 'given={"-x"="bob@example.com"}'] : [];
      const { findings } = await checkFindings([dir, '--input-kind', kind, ...given]);
      expect(findings.filter((f) => f.ruleId === rule.id && f.status !== 'pass').map((f) => [f.address, f.status, f.path ?? '']).sort()).toEqual(
        ['expanded', 'for', 'step', 'try'].map((name) => [`aws_sqs_queue.${name}`, 'fail', 'tags']),
      );
      for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'codequality']) {
        const { stdout } = await twinguard(['check', dir, '--input-kind', kind, '--format', format, ...given]);
        expect(stdout).not.toMatch(/jane\.doe@|bob@/);
      }
    });
  });
});

const FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown', 'codequality'];

/** This rule's findings that do not pass: address, status, path. */
const failed = (findings: readonly { ruleId: string; status: string; address: string; path?: string }[]): string[][] =>
  findings.filter((f) => f.ruleId === rule.id && f.status !== 'pass').map((f) => [f.address, f.status, f.path ?? '']);

/** A plan's queue whose tags are known only after apply whole (a map with a key known only then). */
const UNKNOWN_TAGS = { tags: true, tags_all: true, arn: true, id: true };

/** `twinguard check` of `args` in every format blocks (exit 1) and writes nothing `raw` matches. */
async function expectBlockedMasked(args: readonly string[], raw: RegExp): Promise<void> {
  for (const format of FORMATS) {
    const { stdout, code } = await twinguard(['check', ...args, '--format', format]);
    expect(code).toBe(1);
    expect(stdout).not.toMatch(raw);
  }
}

/** The findings of `files` checked as `kind` (input kind), once every format of that check is seen to block (exit 1) and write nothing `raw` matches. */
async function checkedMasked(files: Record<string, string>, kind: string, raw: RegExp): Promise<Awaited<ReturnType<typeof checkFindings>>['findings']> {
  return withFiles(files, async (dir) => {
    await expectBlockedMasked([dir, '--input-kind', kind], raw);
    return (await checkFindings([dir, '--input-kind', kind])).findings;
  });
}

/** `plan.json` of `files` checked alone: nothing of this rule; with its code (`code/`): `found` (sorted), every format blocking and writing nothing `raw` matches. */
async function expectFoundWithCode(files: Record<string, string>, found: readonly string[][], raw: RegExp): Promise<void> {
  await withFiles(files, async (dir) => {
    const args = [path.join(dir, 'plan.json'), '--code', path.join(dir, 'code')];
    expect(failed((await checkFindings([path.join(dir, 'plan.json')])).findings)).toEqual([]);
    expect(failed((await checkFindings(args)).findings).sort()).toEqual(found);
    await expectBlockedMasked(args, raw);
  });
}

// A function's result built from the maps its arguments write: terraform 1.11.4 plans each of these known only after
// apply whole (zipmap with a key known only then, values() of a map holding such a map, a step into merge()'s result).
describe('a tags map with a key known only after apply built by zipmap() or values(), or a step into a call\'s result', () => {
  const FORMS: [string, string][] = [
    ['zipmap', 'zipmap(["${var.p}:owner", "Team"], ["jane.doe@example.com", "iot"])'],
    ['values', 'merge(values(local.per_team)...)'],
    ['index', 'values(local.per_team)[0]'],
    ['step', 'merge(local.per_team, { b = { Team = "iot" } })["a"]'],
    ['quiet', 'zipmap(["${var.p}:team"], ["iot"])'],
  ];
  const LOCALS = 'locals {\n  per_team = { a = { "${var.p}:owner" = "jane.doe@example.com" } }\n}';
  const resources = (forms: readonly [string, string][]): string => forms.map(([name, form]) => `resource "aws_sqs_queue" "${name}" {\n  name = "${name}"\n  tags = ${form}\n}`).join('\n');
  const TF = ['variable "p" {\n  type = string\n}', LOCALS, resources(FORMS)].join('\n');
  const CDK = JSON.stringify({
    variable: { p: { type: 'string' } },
    locals: { per_team: { a: { '${var.p}:owner': 'jane.doe@example.com' } } },
    resource: { aws_sqs_queue: Object.fromEntries(FORMS.map(([name, form]) => [name, { name, tags: `\${${form}}` }])) },
  });
  const FOUND = ['index', 'step', 'values', 'zipmap'].map((name) => [`aws_sqs_queue.${name}`, 'fail', 'tags']);

  it.each([
    ['.tf', 'main.tf', TF, 'hcl'],
    ['cdk.tf.json', 'cdk.tf.json', CDK, 'cdktf'],
  ])('%s: the values the code writes are searched, masked in every format', async (_form, file, text, kind) => {
    const findings = await checkedMasked({ [file]: text }, kind, /jane\.doe/);
    // aws_sqs_queue.quiet: nothing found in what it writes, so no finding.
    expect(failed(findings).sort()).toEqual(FOUND);
    expect(findings.find((f) => f.ruleId === rule.id && f.address === 'aws_sqs_queue.zipmap')?.message).toMatch(
      /^The value of a tag whose key is known only after apply holds an email address \(j\*\*\*@e\*\*\*\.com\)/,
    );
  });

  // terraform 1.11.4 records zipmap's arguments by their references (terraform_data.p.output, terraform_data.p) and the others as local.per_team.
  it('a plan read with --code: found from the code, masked in every format (a plan alone records references only)', async () => {
    const refs = (name: string): string[] => (name === 'zipmap' || name === 'quiet' ? ['terraform_data.p.output', 'terraform_data.p'] : ['local.per_team']);
    const planJson = JSON.stringify(
      plan([res('terraform_data.p', { input: 'x' }, { provider: 'terraform', unknown: { id: true, output: true } }), ...FORMS.map(([name]) => res(`aws_sqs_queue.${name}`, { name }, { refs: { tags: refs(name) }, unknown: UNKNOWN_TAGS }))], {
        terraformVersion: '1.11.4',
      }),
    );
    const code = ['resource "terraform_data" "p" {\n  input = "x"\n}', LOCALS, resources(FORMS)].join('\n').replaceAll('var.p', 'terraform_data.p.output');
    await expectFoundWithCode({ 'plan.json': planJson, 'code/main.tf': code }, FOUND, /jane\.doe/);
  });
});

// A tag's value written as a template around a value not known, in a map with a key known only after apply (or a map
// whose keys the code fixes): the template's literal text is the code's, and a value before an address's punctuation
// starts its local part (`"${var.p}-jane.doe@example.com"` is an address whatever var.p is).
describe('a tags map with a key known only after apply whose value is a template around a value not known', () => {
  const FORMS: [string, string][] = [
    ['email', '{ "${var.p}:c" = "${var.p}-jane.doe@example.com" }'],
    ['key', '{ "${var.p}:c" = "${var.p}-AKIAIOSFODNN7EXAMPLQ" }'],
    ['beside', '{ "${var.p}:c" = "iot", Contact = "${var.p}.jane.doe@example.com" }'],
    ['known', '{ Contact = "${var.p}-jane.doe@example.com" }'],
    ['quiet', '{ "${var.p}:c" = "${var.p}-iot", Team = "${var.p}-platform" }'],
    // A list for's elements and an object for's values that are such maps.
    ['list', 'merge([for k in var.names : { "${k}:owner" = "jane.doe@example.com" }]...)'],
    ['object', '{ for k, v in var.m : k => { "${v}:owner" = "${v}-jane.doe@example.com" } }["a"]'],
  ];
  const resources = (forms: readonly [string, string][]): string => forms.map(([name, form]) => `resource "aws_sqs_queue" "${name}" {\n  name = "${name}"\n  tags = ${form}\n}`).join('\n');
  const TF = ['variable "p" {\n  type = string\n}\nvariable "names" {\n  type = list(string)\n}\nvariable "m" {\n  type = map(string)\n}', resources(FORMS)].join('\n');
  const CDK = JSON.stringify({
    variable: { p: { type: 'string' }, names: { type: 'list(string)' }, m: { type: 'map(string)' } },
    resource: { aws_sqs_queue: Object.fromEntries(FORMS.map(([name, form]) => [name, { name, tags: `\${${form}}` }])) },
  });
  const FOUND = [
    ['aws_sqs_queue.beside', 'fail', 'tags.Contact'],
    ['aws_sqs_queue.email', 'fail', 'tags'],
    ['aws_sqs_queue.key', 'fail', 'tags'],
    ['aws_sqs_queue.known', 'fail', 'tags.Contact'],
    ['aws_sqs_queue.list', 'fail', 'tags'],
    ['aws_sqs_queue.object', 'fail', 'tags'],
  ];

  it.each([
    ['.tf', 'main.tf', TF, 'hcl'],
    ['cdk.tf.json', 'cdk.tf.json', CDK, 'cdktf'],
  ])('%s: the literal text is searched, masked in every format', async (_form, file, text, kind) => {
    const findings = await checkedMasked({ [file]: text }, kind, /jane\.doe|AKIAIOSFODNN7EXAMPLQ/);
    // aws_sqs_queue.quiet: nothing found in what it writes, so no finding.
    expect(failed(findings).sort()).toEqual(FOUND);
    const message = (name: string): string | undefined => findings.find((f) => f.ruleId === rule.id && f.address === `aws_sqs_queue.${name}`)?.message;
    expect(message('email')).toMatch(/^The value of a tag whose key is known only after apply holds an email address \(j\*\*\*@e\*\*\*\.com\)/);
    expect(message('key')).toMatch(/^The value of a tag whose key is known only after apply holds an AWS access key id \(AKIA\*\*\*\)/);
    expect(message('beside')).toMatch(/^The literal text of a template written in tag "Contact" holds an email address \(j\*\*\*@e\*\*\*\.com\)/);
  });

  it('a plan read with --code: found from the code, masked in every format (a plan alone records references only)', async () => {
    const planJson = JSON.stringify(
      plan(
        [
          res('terraform_data.p', { input: 'x' }, { provider: 'terraform', unknown: { id: true, output: true } }),
          // Its keys known, the map is known with the value of Contact known only after apply.
          ...FORMS.map(([name]) =>
            res(`aws_sqs_queue.${name}`, name === 'known' ? { name, tags: {} } : { name }, {
              refs: { tags: ['terraform_data.p.output', 'terraform_data.p'] },
              unknown: name === 'known' ? { tags: { Contact: true }, tags_all: true, arn: true, id: true } : UNKNOWN_TAGS,
            }),
          ),
        ],
        { terraformVersion: '1.11.4' },
      ),
    );
    const code = ['resource "terraform_data" "p" {\n  input = "x"\n}', resources(FORMS)].join('\n').replace(/var\.(p|names|m)\b/g, 'terraform_data.p.output');
    await expectFoundWithCode({ 'plan.json': planJson, 'code/main.tf': code }, FOUND, /jane\.doe|AKIAIOSFODNN7EXAMPLQ/);
  });
});

/** Two modules' files: app tags a queue with var.tags, one with merge(var.tags, …), and passes var.tags on to inner, whose queue takes it. */
const MODULES_USING_TAGS = {
  'app/main.tf': `variable "tags" {
  type = map(string)
}
resource "aws_sqs_queue" "b" {
  name = "b"
  tags = var.tags
}
resource "aws_sqs_queue" "m" {
  name = "m"
  tags = merge(var.tags, { Team = "iot" })
}
module "inner" {
  source = "../inner"
  tags   = var.tags
}
`,
  'inner/main.tf': `variable "tags" {
  type = map(string)
}
resource "aws_sqs_queue" "n" {
  name = "n"
  tags = var.tags
}
`,
};

// A module's variable holds what its caller writes: a map given with a key known only after apply is known only after
// apply whole in the module too, and the caller's code holds its values (each module call followed, to any depth).
describe('a tags map with a key known only after apply given to a module, used as var.tags or merge(var.tags, …)', () => {
  /** The root module's code: the key from `key` (HCL), a variable without a value or a resource's attribute. */
  const root = (key: string, head: string): string => `${head}
module "app" {
  source = "./app"
  tags   = { "\${${key}}:owner" = "jane.doe@example.com" }
}
module "quiet" {
  source = "./app"
  tags   = { "\${${key}}:team" = "iot" }
}
`;
  const FOUND = [
    ['module.app.aws_sqs_queue.b', 'fail', 'tags'],
    ['module.app.aws_sqs_queue.m', 'fail', 'tags'],
    ['module.app.module.inner.aws_sqs_queue.n', 'fail', 'tags'],
  ];

  it.each([
    ['.tf', { 'main.tf': root('var.project', 'variable "project" {\n  type = string\n}'), ...MODULES_USING_TAGS }, 'hcl'],
    [
      'cdk.tf.json (a local module)',
      {
        'cdk.tf.json': JSON.stringify({
          variable: { project: { type: 'string' } },
          module: { app: { source: './app', tags: { '${var.project}:owner': 'jane.doe@example.com' } }, quiet: { source: './app', tags: { '${var.project}:team': 'iot' } } },
        }),
        ...MODULES_USING_TAGS,
      },
      'cdktf',
    ],
  ])('%s: the values the call writes are searched in the module, at any depth, and masked in every format', async (_form, files, kind) => {
    await withFiles(files, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', kind]);
      // module.quiet: nothing found in what it writes, so no finding.
      expect(failed(findings)).toEqual(FOUND);
      expect(findings.find((f) => f.ruleId === rule.id && f.address === 'module.app.aws_sqs_queue.b')?.message).toMatch(
        /^The value of a tag whose key is known only after apply holds an email address \(j\*\*\*@e\*\*\*\.com\)/,
      );
      for (const format of FORMATS) {
        const { stdout, code } = await twinguard(['check', dir, '--input-kind', kind, '--format', format]);
        expect(code).toBe(1);
        expect(stdout).not.toMatch(/jane\.doe/);
      }
    });
  });

  // A key Terraform knows only after apply in a plan too: a resource's attribute. The plan records the argument and
  // each var.tags by references only (terraform 1.11.4 writes them so: module_calls.app.expressions.tags).
  const CDK_CODE = JSON.stringify({
    resource: { terraform_data: { p: { input: 'x' } } },
    module: {
      app: { source: './app', tags: { '${terraform_data.p.output}:owner': 'jane.doe@example.com' } },
      quiet: { source: './app', tags: { '${terraform_data.p.output}:team': 'iot' } },
    },
  });
  it.each([
    ['.tf', 'main.tf', root('terraform_data.p.output', 'resource "terraform_data" "p" {\n  input = "x"\n}')],
    ['a cdktf stack with a local module', 'cdk.tf.json', CDK_CODE],
  ])('a plan read with --code (%s): found from the code, masked in every format (a plan alone records references only)', async (_form, file, text) => {
    const key = ['terraform_data.p.output', 'terraform_data.p'];
    const unknown = { tags: true, tags_all: true, arn: true, id: true };
    const queue = (address: string) => res(address, { name: address.split('.').pop() as string }, { refs: { tags: ['var.tags'] }, unknown });
    const planJson = JSON.stringify(
      plan(
        [
          res('terraform_data.p', { input: 'x' }, { provider: 'terraform', unknown: { id: true, output: true } }),
          ...['module.app', 'module.quiet'].flatMap((m) => [queue(`${m}.aws_sqs_queue.b`), queue(`${m}.aws_sqs_queue.m`), queue(`${m}.module.inner.aws_sqs_queue.n`)]),
        ],
        {
          terraformVersion: '1.11.4',
          moduleCalls: Object.fromEntries(
            ['module.app', 'module.quiet'].flatMap((m) => [
              [m, { source: './app', expressions: { tags: { references: key } } }],
              [`${m}.module.inner`, { source: '../inner', expressions: { tags: { references: ['var.tags'] } } }],
            ]),
          ),
        },
      ),
    );
    const files = { 'plan.json': planJson, [`code/${file}`]: text, 'code/app/main.tf': MODULES_USING_TAGS['app/main.tf'], 'code/inner/main.tf': MODULES_USING_TAGS['inner/main.tf'] };
    await withFiles(files, async (dir) => {
      const args = [path.join(dir, 'plan.json'), '--code', path.join(dir, 'code')];
      expect(failed((await checkFindings([path.join(dir, 'plan.json')])).findings)).toEqual([]);
      expect(failed((await checkFindings(args)).findings)).toEqual(FOUND);
      for (const format of FORMATS) expect((await twinguard(['check', ...args, '--format', format])).stdout).not.toMatch(/jane\.doe/);
    });
  });

  // The forms a map is followed through (a function, a conditional, a step into a map of maps) reach a module's
  // variable and a called module's output as they reach a local.
  it('.tf: through try(), a conditional and a step into a module variable or a module output, masked in every format', async () => {
    const main = `variable "project" {
  type = string
}
module "app" {
  source = "./app"
  tags   = { "\${var.project}:owner" = "jane.doe@example.com" }
  cfg    = { outer = { "\${var.project}:owner" = "jane.doe@example.com" } }
}
module "labels" {
  source  = "./labels"
  project = var.project
}
resource "aws_sqs_queue" "step" {
  name = "step"
  tags = module.labels.all["t"]
}
resource "aws_sqs_queue" "try" {
  name = "try"
  tags = try(module.labels.tags, {})
}
`;
    const app = `variable "tags" {
  type = map(string)
}
variable "cfg" {
  type = any
}
resource "aws_sqs_queue" "try" {
  name = "try"
  tags = try(var.tags, {})
}
resource "aws_sqs_queue" "cond" {
  name = "cond"
  tags = var.tags != null ? var.tags : {}
}
resource "aws_sqs_queue" "step" {
  name = "step"
  tags = var.cfg.outer
}
`;
    const labels = `variable "project" {
  type = string
}
output "tags" { value = { "\${var.project}:owner" = "jane.doe@example.com" } }
output "all" { value = { t = { "\${var.project}:owner" = "jane.doe@example.com" } } }
`;
    await withFiles({ 'main.tf': main, 'app/main.tf': app, 'labels/main.tf': labels }, async (dir) => {
      const { findings } = await checkFindings([dir]);
      expect(failed(findings).sort()).toEqual(
        ['aws_sqs_queue.step', 'aws_sqs_queue.try', 'module.app.aws_sqs_queue.cond', 'module.app.aws_sqs_queue.step', 'module.app.aws_sqs_queue.try'].map((a) => [a, 'fail', 'tags']),
      );
      for (const format of FORMATS) expect((await twinguard(['check', dir, '--format', format])).stdout).not.toMatch(/jane\.doe/);
    });
  });
});

// A module's output holds what the module's code writes (a labels module): a map with a key known only after apply
// there is known only after apply whole where the caller uses it, and its values are the code's all the same.
describe('a tags map with a key known only after apply given by a module output (tags = module.labels.tags)', () => {
  const LABELS = `variable "project" {
  type = string
}
output "tags" {
  value = { "\${var.project}:owner" = "jane.doe@example.com", Team = "iot" }
}
output "quiet" {
  value = { "\${var.project}:team" = "iot" }
}
output "contact" {
  value = { "\${var.project}:contact" = "+1 415 555 2671" }
}
output "secret" {
  value     = { "\${var.project}:owner" = "jane.doe@example.com" }
  sensitive = true
}
`;
  /** The root module's code: the project from `project` (HCL), a variable without a value or a resource's attribute. */
  const root = (project: string, head: string): string => `${head}
module "labels" {
  source  = "./labels"
  project = ${project}
}
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = module.labels.tags
}
resource "aws_sqs_queue" "m" {
  name = "m"
  tags = merge(module.labels.quiet, { Env = "prod" })
}
resource "aws_sqs_queue" "c" {
  name = "c"
  tags = merge(module.labels.contact, { Env = "prod" })
}
`;
  const CDK = JSON.stringify({
    variable: { project: { type: 'string' } },
    module: { labels: { source: './labels', project: '${var.project}' } },
    resource: {
      aws_sqs_queue: {
        q: { name: 'q', tags: '${module.labels.tags}' },
        m: { name: 'm', tags: '${merge(module.labels.quiet, { Env = "prod" })}' },
        c: { name: 'c', tags: '${merge(module.labels.contact, { Env = "prod" })}' },
      },
    },
  });

  it.each([
    ['.tf', { 'main.tf': root('var.project', 'variable "project" {\n  type = string\n}'), 'labels/main.tf': LABELS }, 'hcl'],
    ['cdk.tf.json (a local module)', { 'cdk.tf.json': CDK, 'labels/main.tf': LABELS }, 'cdktf'],
  ])('%s: the values the module writes are searched where the output is used, masked in every format', async (_form, files, kind) => {
    await withFiles(files, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', kind]);
      // aws_sqs_queue.m: nothing found in what it writes, so no finding.
      expect(failed(findings)).toEqual([
        ['aws_sqs_queue.c', 'fail', 'tags'],
        ['aws_sqs_queue.q', 'fail', 'tags'],
      ]);
      for (const format of FORMATS) {
        const { stdout, code } = await twinguard(['check', dir, '--input-kind', kind, '--format', format]);
        expect(code).toBe(1);
        expect(stdout).not.toMatch(/jane\.doe|415 555/);
      }
    });
  });

  // Each module's outputs read both of their child's: 2^depth paths to the innermost, each output read once.
  it('nested modules whose outputs merge both of their child\'s: found, each output read once (counted, not timed)', async () => {
    const depth = 14;
    const files: Record<string, string> = {
      'main.tf': 'variable "project" {\n  type = string\n}\nmodule "m" {\n  source = "./m"\n  name   = var.project\n}\nresource "aws_sqs_queue" "q" {\n  name = "q"\n  tags = module.m.a\n}\n',
    };
    for (let level = 1; level <= depth; level++) {
      files[`${Array<string>(level).fill('m').join('/')}/main.tf`] =
        level === depth
          ? 'variable "name" {}\noutput "a" { value = { "${var.name}:owner" = "jane.doe@example.com" } }\noutput "b" { value = { "${var.name}:team" = "iot" } }\n'
          : 'variable "name" {}\nmodule "m" {\n  source = "./m"\n  name   = var.name\n}\noutput "a" { value = merge(module.m.a, module.m.b) }\noutput "b" { value = merge(module.m.b, module.m.a) }\n';
    }
    await withFiles(files, async (dir) => {
      const reads = jest.spyOn(LocalScope.prototype, 'writtenOf');
      try {
        const graph = buildGraph([await loadHcl(dir)]);
        const q = graph.resources.find((r) => r.address === 'aws_sqs_queue.q');
        const outcomes = q ? rule.evaluate(q, { graph, settings: DEFAULT_SETTINGS }) : [];
        expect((Array.isArray(outcomes) ? outcomes : [outcomes]).map((o) => [o.status, 'path' in o ? o.path : undefined])).toEqual([['fail', 'tags']]);
        // Two outputs a level, each read once per module read (each level's code reads the chain below it): reading
        // each path made some 2^15 reads here, and as many copies of the innermost entry.
        expect(reads.mock.calls.length).toBeLessThanOrEqual(2 * depth * depth);
      } finally {
        reads.mockRestore();
      }
    });
  });

  // A sensitive output's value must not reach a report: it is not followed (aws_sqs_queue.q reads it here).
  it('a sensitive output is not read', async () => {
    await withFiles({ 'main.tf': root('var.project', 'variable "project" {\n  type = string\n}').replace('module.labels.tags', 'module.labels.secret'), 'labels/main.tf': LABELS }, async (dir) => {
      expect(failed((await checkFindings([dir])).findings)).toEqual([['aws_sqs_queue.c', 'fail', 'tags']]);
    });
  });

  // The plan records `tags = module.labels.tags` as `references: ["module.labels.tags", "module.labels"]` (terraform 1.11.4).
  it('a plan read with --code: found from the code, masked in every format (a plan alone records references only)', async () => {
    const unknown = { tags: true, tags_all: true, arn: true, id: true };
    const planJson = JSON.stringify(
      plan(
        [
          res('terraform_data.p', { input: 'x' }, { provider: 'terraform', unknown: { id: true, output: true } }),
          res('aws_sqs_queue.q', { name: 'q' }, { refs: { tags: ['module.labels.tags', 'module.labels'] }, unknown }),
          res('aws_sqs_queue.m', { name: 'm' }, { refs: { tags: ['module.labels.quiet', 'module.labels'] }, unknown }),
        ],
        {
          terraformVersion: '1.11.4',
          moduleCalls: {
            'module.labels': {
              source: './labels',
              expressions: { project: { references: ['terraform_data.p.output', 'terraform_data.p'] } },
              outputs: { tags: { expression: { references: ['var.project'] } }, quiet: { expression: { references: ['var.project'] } }, secret: { sensitive: true, expression: { references: ['var.project'] } } },
            },
          },
        },
      ),
    );
    const files = { 'plan.json': planJson, 'code/main.tf': root('terraform_data.p.output', 'resource "terraform_data" "p" {\n  input = "x"\n}'), 'code/labels/main.tf': LABELS };
    await withFiles(files, async (dir) => {
      const args = [path.join(dir, 'plan.json'), '--code', path.join(dir, 'code')];
      expect(failed((await checkFindings([path.join(dir, 'plan.json')])).findings)).toEqual([]);
      expect(failed((await checkFindings(args)).findings)).toEqual([['aws_sqs_queue.q', 'fail', 'tags']]);
      for (const format of FORMATS) expect((await twinguard(['check', ...args, '--format', format])).stdout).not.toMatch(/jane\.doe/);
    });
  });
});

// A module variable's default is its value where the call gives no argument: the module's code writes it, and merged
// with a map whose key is known only after apply (terraform 1.11.4 plans the merge unknown whole), it is searched there.
// A default cannot itself hold such a key (terraform: "Variables not allowed").
describe('a module variable\'s default merged into a tags map with a key known only after apply, where the call gives no argument', () => {
  const APP = `variable "project" {
  type = string
}
variable "tags" {
  type    = map(string)
  default = { Owner = "jane.doe@example.com" }
}
variable "secret" {
  type      = map(string)
  default   = { Owner = "jane.doe@example.com" }
  sensitive = true
}
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = merge(var.tags, { "\${var.project}:team" = "iot" })
}
resource "aws_sqs_queue" "s" {
  name = "s"
  tags = merge(var.secret, { "\${var.project}:team" = "iot" })
}
`;
  /** The root module's code: the project from `project` (HCL), a variable without a value or a resource's attribute. */
  const root = (project: string, head: string): string => `${head}
module "app" {
  source  = "./app"
  project = ${project}
}
module "given" {
  source  = "./app"
  project = ${project}
  tags    = { Team = "iot" }
}
`;
  // module.given: the argument replaces the default; a sensitive default is never read.
  const FOUND = [['module.app.aws_sqs_queue.q', 'fail', 'tags.Owner']];

  it.each([
    ['.tf', { 'main.tf': root('var.project', 'variable "project" {\n  type = string\n}'), 'app/main.tf': APP }, 'hcl'],
    [
      'cdk.tf.json (a local module)',
      {
        'cdk.tf.json': JSON.stringify({
          variable: { project: { type: 'string' } },
          module: { app: { source: './app', project: '${var.project}' }, given: { source: './app', project: '${var.project}', tags: { Team: 'iot' } } },
        }),
        'app/main.tf': APP,
      },
      'cdktf',
    ],
  ])('%s: the default is searched, masked in every format', async (_form, files, kind) => {
    const findings = await checkedMasked(files, kind, /jane\.doe/);
    expect(failed(findings)).toEqual(FOUND);
    expect(findings.find((f) => f.ruleId === rule.id && f.address === 'module.app.aws_sqs_queue.q')?.message).toMatch(/^Tag "Owner" holds an email address \(j\*\*\*@e\*\*\*\.com\)/);
  });

  // terraform 1.11.4 records each tags argument as references: ["var.tags", "var.project"] (var.secret for s).
  it('a plan read with --code: found from the code, masked in every format (a plan alone records references only)', async () => {
    const queues = ['module.app', 'module.given'].flatMap((m) => [
      res(`${m}.aws_sqs_queue.q`, { name: 'q' }, { refs: { tags: ['var.tags', 'var.project'] }, unknown: UNKNOWN_TAGS }),
      res(`${m}.aws_sqs_queue.s`, { name: 's' }, { refs: { tags: ['var.secret', 'var.project'] }, unknown: UNKNOWN_TAGS }),
    ]);
    const project = { project: { references: ['terraform_data.p.output', 'terraform_data.p'] } };
    const planJson = JSON.stringify(
      plan([res('terraform_data.p', { input: 'x' }, { provider: 'terraform', unknown: { id: true, output: true } }), ...queues], {
        terraformVersion: '1.11.4',
        moduleCalls: { 'module.app': { source: './app', expressions: project }, 'module.given': { source: './app', expressions: { ...project, tags: { constant_value: { Team: 'iot' } } } } },
      }),
    );
    const files = { 'plan.json': planJson, 'code/main.tf': root('terraform_data.p.output', 'resource "terraform_data" "p" {\n  input = "x"\n}'), 'code/app/main.tf': APP };
    await expectFoundWithCode(files, FOUND, /jane\.doe/);
  });

  // The root module's variable takes its default where nothing from outside the code sets it (a variable file beside the
  // code would set it too); a value given with --var is not the code's, and is not searched.
  it.each([
    ['.tf', 'main.tf', `resource "terraform_data" "p" {\n  input = "x"\n}\n${APP.replace(/^variable "project" \{\n  type = string\n\}\n/, '').replaceAll('var.project', 'terraform_data.p.output')}`, 'hcl'],
    [
      'cdk.tf.json',
      'cdk.tf.json',
      JSON.stringify({
        variable: { project: { type: 'string' }, tags: { type: 'map(string)', default: { Owner: 'jane.doe@example.com' } } },
        resource: { aws_sqs_queue: { q: { name: 'q', tags: '${merge(var.tags, { "${var.project}:team" = "iot" })}' } } },
      }),
      'cdktf',
    ],
  ])('%s: a root variable\'s default too, masked in every format; a value given with --var is not searched', async (_form, file, text, kind) => {
    expect(failed(await checkedMasked({ [file]: text }, kind, /jane\.doe/))).toEqual([['aws_sqs_queue.q', 'fail', 'tags.Owner']]);
    if (kind === 'hcl') {
      await withFiles({ [file]: text }, async (dir) => {
        expect(failed((await checkFindings([dir, '--var', 'tags={ Owner = "bob@example.com" }'])).findings)).toEqual([]);
      });
    }
  });
});

// each.value of a module call's or a resource's for_each whose element is a map with a key known only after apply: the
// for_each's keys are known, so terraform 1.11.4 plans each instance (the element unknown whole), and the code writes it.
describe('a tags map with a key known only after apply read through each.value of a for_each', () => {
  /** The root module's code: the key from `key` (HCL), a variable without a value or a resource's attribute. */
  const root = (key: string, head: string): string => `${head}
module "app" {
  source   = "./app"
  for_each = { a = { "\${${key}}:owner" = "jane.doe@example.com" }, b = { "\${${key}}:team" = "iot" } }
  tags     = each.value
}
resource "aws_sqs_queue" "e" {
  for_each = { a = { tags = { "\${${key}}:owner" = "jane.doe@example.com" } }, b = { tags = { Team = "iot" } } }
  name     = each.key
  tags     = each.value.tags
}
`;
  // The instances whose element holds the address; module.app["b"] and aws_sqs_queue.e["b"] find nothing.
  const FOUND = [
    ['aws_sqs_queue.e["a"]', 'fail', 'tags'],
    ['module.app["a"].aws_sqs_queue.b', 'fail', 'tags'],
    ['module.app["a"].aws_sqs_queue.m', 'fail', 'tags'],
    ['module.app["a"].module.inner.aws_sqs_queue.n', 'fail', 'tags'],
  ];

  it.each([
    ['.tf', { 'main.tf': root('var.project', 'variable "project" {\n  type = string\n}'), ...MODULES_USING_TAGS }, 'hcl'],
    [
      'cdk.tf.json (a local module)',
      {
        'cdk.tf.json': JSON.stringify({
          variable: { project: { type: 'string' } },
          module: { app: { source: './app', for_each: { a: { '${var.project}:owner': 'jane.doe@example.com' }, b: { '${var.project}:team': 'iot' } }, tags: '${each.value}' } },
          resource: {
            aws_sqs_queue: { e: { for_each: { a: { tags: { '${var.project}:owner': 'jane.doe@example.com' } }, b: { tags: { Team: 'iot' } } }, name: '${each.key}', tags: '${each.value.tags}' } },
          },
        }),
        ...MODULES_USING_TAGS,
      },
      'cdktf',
    ],
  ])('%s: the values the for_each writes are searched in the instance that reads them, masked in every format', async (_form, files, kind) => {
    expect(failed(await checkedMasked(files, kind, /jane\.doe/)).sort()).toEqual(FOUND);
  });

  // terraform 1.11.4 records the call's tags = each.value as references: ["each.value"], and a resource's own
  // tags = each.value.tags as ["each.value.tags", "each.value"], its for_each as the references of its element.
  /** The plan of the root module's code (`root`), the for_each of aws_sqs_queue.e recorded with `forEachRefs`. */
  const planOf = (forEachRefs: string[]): string => {
    const byKey = ['a', 'b'];
    const document = plan(
      [
        res('terraform_data.p', { input: 'x' }, { provider: 'terraform', unknown: { id: true, output: true } }),
        ...byKey.map((k) => res(`aws_sqs_queue.e["${k}"]`, { name: k }, { refs: { tags: ['each.value.tags', 'each.value'] }, unknown: UNKNOWN_TAGS, repetition: 'for_each' })),
        ...byKey.flatMap((k) => [
          res(`module.app["${k}"].aws_sqs_queue.b`, { name: 'b' }, { refs: { tags: ['var.tags'] }, unknown: UNKNOWN_TAGS }),
          res(`module.app["${k}"].aws_sqs_queue.m`, { name: 'm' }, { refs: { tags: ['var.tags'] }, unknown: UNKNOWN_TAGS }),
          res(`module.app["${k}"].module.inner.aws_sqs_queue.n`, { name: 'n' }, { refs: { tags: ['var.tags'] }, unknown: UNKNOWN_TAGS }),
        ]),
      ],
      {
        terraformVersion: '1.11.4',
        moduleCalls: {
          'module.app': { source: './app', expressions: { tags: { references: ['each.value'] } }, repetition: 'for_each' },
          'module.app.module.inner': { source: '../inner', expressions: { tags: { references: ['var.tags'] } } },
        },
      },
    ) as { configuration: { root_module: { resources: { address: string }[] } } };
    Object.assign(document.configuration.root_module.resources.find(({ address }) => address === 'aws_sqs_queue.e') ?? {}, { for_each_expression: { references: forEachRefs } });
    return JSON.stringify(document);
  };
  const code = { 'code/main.tf': root('terraform_data.p.output', 'resource "terraform_data" "p" {\n  input = "x"\n}'), 'code/app/main.tf': MODULES_USING_TAGS['app/main.tf'], 'code/inner/main.tf': MODULES_USING_TAGS['inner/main.tf'] };

  it('a plan read with --code: found from the code, a module call\'s and a resource\'s own, masked in every format (a plan alone records references only)', async () => {
    await expectFoundWithCode({ 'plan.json': planOf(['terraform_data.p.output', 'terraform_data.p']), ...code }, FOUND, /jane\.doe/);
  });

  // terraform 1.11.4 records for_each = local.envs by that reference: what the code's local references is what the element is made of.
  it('a plan read with --code, a resource\'s for_each over a local: found from the code, masked in every format', async () => {
    const local = code['code/main.tf'].replace(/resource "aws_sqs_queue" "e" \{\n  for_each = (.*)\n/, 'locals {\n  envs = $1\n}\nresource "aws_sqs_queue" "e" {\n  for_each = local.envs\n');
    expect(local).toContain('for_each = local.envs');
    await expectFoundWithCode({ 'plan.json': planOf(['local.envs']), ...code, 'code/main.tf': local }, FOUND, /jane\.doe/);
  });

  // A resource's own each.value is matched where the plan's for_each names what the code's element does: code that made another plan adds nothing.
  it('a plan read with --code whose for_each names another object: the resource\'s own each.value is not matched to that code', async () => {
    await expectFoundWithCode({ 'plan.json': planOf(['terraform_data.q.output', 'terraform_data.q']), ...code }, FOUND.filter(([address]) => address.startsWith('module.')), /jane\.doe/);
  });
});

// The output of an instance of a module call with count or for_each: terraform 1.11.4 plans module.labels[0].tags and
// module.labels["a"].tags known only after apply whole where the module writes such a map, as for a call not repeated.
describe('a tags map with a key known only after apply given by the output of a call with count or for_each', () => {
  const LABELS = `variable "project" {
  type = string
}
variable "tags" {
  type    = map(string)
  default = {}
}
output "tags" {
  value = { "\${var.project}:owner" = "jane.doe@example.com" }
}
output "given" {
  value = var.tags
}
`;
  /** The root module's code: the project from `project` (HCL), a variable without a value or a resource's attribute. */
  const root = (project: string, head: string): string => `${head}
module "counted" {
  source  = "./labels"
  count   = 2
  project = ${project}
}
module "named" {
  source   = "./labels"
  for_each = { a = { "\${${project}}:owner" = "jane.doe@example.com" }, b = { "\${${project}}:team" = "iot" } }
  project  = ${project}
  tags     = each.value
}
resource "aws_sqs_queue" "c" {
  name = "c"
  tags = module.counted[0].tags
}
resource "aws_sqs_queue" "i" {
  count = 2
  name  = "i\${count.index}"
  tags  = module.counted[count.index].tags
}
resource "aws_sqs_queue" "a" {
  name = "a"
  tags = module.named["a"].given
}
resource "aws_sqs_queue" "b" {
  name = "b"
  tags = module.named["b"].given
}
`;
  // aws_sqs_queue.b: instance "b" of module.named outputs what its own element writes, in which nothing is found.
  const FOUND = ['aws_sqs_queue.a', 'aws_sqs_queue.c', 'aws_sqs_queue.i[0]', 'aws_sqs_queue.i[1]'].map((address) => [address, 'fail', 'tags']);

  it.each([
    ['.tf', { 'main.tf': root('var.project', 'variable "project" {\n  type = string\n}'), 'labels/main.tf': LABELS }, 'hcl'],
    [
      'cdk.tf.json (a local module)',
      {
        'cdk.tf.json': JSON.stringify({
          variable: { project: { type: 'string' } },
          module: {
            counted: { source: './labels', count: 2, project: '${var.project}' },
            named: { source: './labels', for_each: { a: { '${var.project}:owner': 'jane.doe@example.com' }, b: { '${var.project}:team': 'iot' } }, project: '${var.project}', tags: '${each.value}' },
          },
          resource: {
            aws_sqs_queue: {
              c: { name: 'c', tags: '${module.counted[0].tags}' },
              i: { count: 2, name: 'i${count.index}', tags: '${module.counted[count.index].tags}' },
              a: { name: 'a', tags: '${module.named["a"].given}' },
              b: { name: 'b', tags: '${module.named["b"].given}' },
            },
          },
        }),
        'labels/main.tf': LABELS,
      },
      'cdktf',
    ],
  ])('%s: the values the instance\'s module writes are searched where its output is used, masked in every format', async (_form, files, kind) => {
    expect(failed(await checkedMasked(files, kind, /jane\.doe/)).sort()).toEqual(FOUND);
  });

  // terraform 1.11.4 records tags = module.counted[0].tags as references: ["module.counted[0].tags", "module.counted[0]"].
  it('a plan read with --code: found from the code, masked in every format (a plan alone records references only)', async () => {
    const output = (call: string, name: string): string[] => [`${call}.${name}`, call];
    const planJson = JSON.stringify(
      plan(
        [
          res('terraform_data.p', { input: 'x' }, { provider: 'terraform', unknown: { id: true, output: true } }),
          res('aws_sqs_queue.c', { name: 'c' }, { refs: { tags: output('module.counted[0]', 'tags') }, unknown: UNKNOWN_TAGS }),
          ...[0, 1].map((i) => res(`aws_sqs_queue.i[${i}]`, { name: `i${i}` }, { refs: { tags: ['module.counted', 'count.index'] }, unknown: UNKNOWN_TAGS, repetition: 'count' })),
          res('aws_sqs_queue.a', { name: 'a' }, { refs: { tags: output('module.named["a"]', 'given') }, unknown: UNKNOWN_TAGS }),
          res('aws_sqs_queue.b', { name: 'b' }, { refs: { tags: output('module.named["b"]', 'given') }, unknown: UNKNOWN_TAGS }),
        ],
        {
          terraformVersion: '1.11.4',
          moduleCalls: {
            'module.counted': { source: './labels', expressions: { project: { references: ['terraform_data.p.output', 'terraform_data.p'] } }, repetition: 'count' },
            'module.named': { source: './labels', expressions: { project: { references: ['terraform_data.p.output', 'terraform_data.p'] }, tags: { references: ['each.value'] } }, repetition: 'for_each' },
          },
        },
      ),
    );
    const files = { 'plan.json': planJson, 'code/main.tf': root('terraform_data.p.output', 'resource "terraform_data" "p" {\n  input = "x"\n}'), 'code/labels/main.tf': LABELS };
    await expectFoundWithCode(files, FOUND, /jane\.doe/);
  });
});

// What a module's variable or output holds need not be a map: a value the caller's code gives (owner = "jane@…") or the
// module's code outputs, put in a map with a key known only after apply, is the code's all the same.
describe('a value given to a module or output by one that is no map, used in a tags map with a key known only after apply', () => {
  const APP = `variable "project" {
  type = string
}
variable "owner" {
  type = string
}
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = { "\${var.project}:owner" = var.owner }
}
output "contact" {
  value = "+1 415 555 2671"
}
`;
  /** The root module's code: the project from `project` (HCL), a variable without a value or a resource's attribute. */
  const root = (project: string, head: string): string => `${head}
module "app" {
  source  = "./app"
  project = ${project}
  owner   = "jane.doe@example.com"
}
module "quiet" {
  source  = "./app"
  project = ${project}
  owner   = "platform"
}
resource "aws_sqs_queue" "c" {
  name = "c"
  tags = { "\${${project}}:contact" = module.app.contact }
}
`;
  // module.quiet: its owner is no personal datum.
  const FOUND = [
    ['aws_sqs_queue.c', 'fail', 'tags'],
    ['module.app.aws_sqs_queue.q', 'fail', 'tags'],
  ];

  it.each([
    ['.tf', { 'main.tf': root('var.project', 'variable "project" {\n  type = string\n}'), 'app/main.tf': APP }, 'hcl'],
    [
      'cdk.tf.json (a local module)',
      {
        'cdk.tf.json': JSON.stringify({
          variable: { project: { type: 'string' } },
          module: { app: { source: './app', project: '${var.project}', owner: 'jane.doe@example.com' }, quiet: { source: './app', project: '${var.project}', owner: 'platform' } },
          resource: { aws_sqs_queue: { c: { name: 'c', tags: { '${var.project}:contact': '${module.app.contact}' } } } },
        }),
        'app/main.tf': APP,
      },
      'cdktf',
    ],
  ])('%s: the value the code writes is searched where the map holds it, masked in every format', async (_form, files, kind) => {
    const findings = await checkedMasked(files, kind, /jane\.doe|415 555/);
    expect(failed(findings).sort()).toEqual(FOUND);
    expect(findings.find((f) => f.ruleId === rule.id && f.address === 'module.app.aws_sqs_queue.q')?.message).toMatch(
      /^The value of a tag whose key is known only after apply holds an email address \(j\*\*\*@e\*\*\*\.com\)/,
    );
  });

  // terraform 1.11.4 lists var.project and var.owner among the references of the module's tags, and
  // terraform_data.p.output, terraform_data.p, module.app.contact and module.app among those of aws_sqs_queue.c: the
  // code, which knows var.owner and module.app.contact, lists only the others.
  it('a plan read with --code: found from the code, masked in every format (a plan alone records references only)', async () => {
    const refs = ['terraform_data.p.output', 'terraform_data.p'];
    const planJson = JSON.stringify(
      plan(
        [
          res('terraform_data.p', { input: 'x' }, { provider: 'terraform', unknown: { id: true, output: true } }),
          res('aws_sqs_queue.c', { name: 'c' }, { refs: { tags: [...refs, 'module.app.contact', 'module.app'] }, unknown: UNKNOWN_TAGS }),
          ...['app', 'quiet'].map((call) => res(`module.${call}.aws_sqs_queue.q`, { name: 'q' }, { refs: { tags: ['var.project', 'var.owner'] }, unknown: UNKNOWN_TAGS })),
        ],
        {
          terraformVersion: '1.11.4',
          moduleCalls: Object.fromEntries(
            [['app', 'jane.doe@example.com'], ['quiet', 'platform']].map(([call, owner]) => [`module.${call}`, { source: './app', expressions: { project: { references: refs }, owner: { constant_value: owner } }, outputs: { contact: { expression: { constant_value: '+1 415 555 2671' } } } }]),
          ),
        },
      ),
    );
    const files = { 'plan.json': planJson, 'code/main.tf': root('terraform_data.p.output', 'resource "terraform_data" "p" {\n  input = "x"\n}'), 'code/app/main.tf': APP };
    await expectFoundWithCode(files, FOUND, /jane\.doe|415 555/);
  });

  // A root variable's value is the plan's (given from outside the code): a cdktf stack read with --code holds its default.
  it('a plan read with --code: a root variable the plan gives is not the code\'s default', async () => {
    const planJson = JSON.stringify(
      plan(
        [
          res('terraform_data.p', { input: 'x' }, { provider: 'terraform', unknown: { id: true, output: true } }),
          res('aws_sqs_queue.o', { name: 'o' }, { refs: { tags: ['terraform_data.p.output', 'terraform_data.p', 'var.owner'] }, unknown: UNKNOWN_TAGS }),
        ],
        { terraformVersion: '1.11.4', variables: { owner: { value: 'platform' } } },
      ),
    );
    const stack = JSON.stringify({
      variable: { owner: { type: 'string', default: 'jane.doe@example.com' } },
      resource: { terraform_data: { p: { input: 'x' } }, aws_sqs_queue: { o: { name: 'o', tags: { '${terraform_data.p.output}:owner': '${var.owner}' } } } },
    });
    await withFiles({ 'plan.json': planJson, 'code/cdk.tf.json': stack }, async (dir) => {
      expect(failed((await checkFindings([path.join(dir, 'plan.json'), '--code', path.join(dir, 'code')])).findings)).toEqual([]);
    });
  });
});

// A tag's value may encode a map written with a key known only after apply: a plan knows the other tags, and shows
// that one unknown, yet the code writes its values (the free-form and credentials rules leave tags to this one).
describe('a tag whose value encodes a map with a key known only after apply (Meta = jsonencode({ "${var.project}" = … }))', () => {
  const TF = `variable "project" {
  type = string
}
provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = { Team = "iot", Contact = jsonencode({ "\${var.project}" = "+1 415 555 2671" }) }
  }
}
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = { Team = "iot", Meta = jsonencode({ "\${var.project}" = { owner = "jane.doe@example.com" } }) }
}
resource "aws_sqs_queue" "ok" {
  name = "ok"
  tags = { Team = "iot", Meta = jsonencode({ "\${var.project}" = "iot" }) }
}
resource "awscc_s3_bucket" "b" {
  bucket_name = "b"
  tags = [{ key = "Team", value = "iot" }, { key = "Meta", value = jsonencode({ "\${var.project}" = "jane.doe@example.com" }) }]
}
`;
  const encoded = (value: string): string => `\${jsonencode({ "\${var.project}" = ${value} })}`;
  const CDK = JSON.stringify({
    variable: { project: { type: 'string' } },
    provider: { aws: [{ region: 'eu-west-1', default_tags: [{ tags: { Team: 'iot', Contact: encoded('"+1 415 555 2671"') } }] }] },
    resource: {
      aws_sqs_queue: { q: { name: 'q', tags: { Team: 'iot', Meta: encoded('{ owner = "jane.doe@example.com" }') } }, ok: { name: 'ok', tags: { Team: 'iot', Meta: encoded('"iot"') } } },
      awscc_s3_bucket: { b: { bucket_name: 'b', tags: [{ key: 'Team', value: 'iot' }, { key: 'Meta', value: encoded('"jane.doe@example.com"') }] } },
    },
  });
  it.each([
    ['.tf', 'main.tf', TF, 'hcl'],
    ['cdk.tf.json', 'cdk.tf.json', CDK, 'cdktf'],
  ])('%s: the values written in it are searched, at the tag, and masked in every format', async (_form, file, text, kind) => {
    await withFiles({ [file]: text }, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', kind]);
      // aws_sqs_queue.ok: nothing found in what it writes, so no finding.
      expect(failed(findings)).toEqual([
        ['aws_sqs_queue.q', 'fail', 'tags.Meta'],
        ['awscc_s3_bucket.b', 'fail', 'tags.1.value'],
        ['provider.aws', 'fail', 'default_tags.tags.Contact'],
      ]);
      expect(findings.find((f) => f.ruleId === rule.id && f.address === 'aws_sqs_queue.q')?.message).toMatch(
        /^A value written in tag "Meta" \(in a map with a key known only after apply\) holds an email address \(j\*\*\*@e\*\*\*\.com\)/,
      );
      for (const format of FORMATS) {
        const { stdout, code } = await twinguard(['check', dir, '--input-kind', kind, '--format', format]);
        expect(code).toBe(1);
        expect(stdout).not.toMatch(/jane\.doe|415 555/);
      }
    });
  });

  // A plan knows the tags but Meta (terraform 1.11.4 plans `tags = { Meta = (known after apply), Team = "iot" }`).
  it('a plan read with --code: found from the code, masked in every format (a plan alone records references only)', async () => {
    const key = ['terraform_data.p.output', 'terraform_data.p'];
    const planJson = JSON.stringify(
      plan(
        [
          res('terraform_data.p', { input: 'x' }, { provider: 'terraform', unknown: { id: true, output: true } }),
          res('aws_sqs_queue.q', { name: 'q', tags: { Team: 'iot' }, tags_all: { Team: 'iot' } }, { refs: { tags: key }, unknown: { tags: { Meta: true }, tags_all: { Meta: true }, arn: true, id: true } }),
        ],
        { terraformVersion: '1.11.4' },
      ),
    );
    const code = 'resource "terraform_data" "p" {\n  input = "x"\n}\nresource "aws_sqs_queue" "q" {\n  name = "q"\n  tags = { Team = "iot", Meta = jsonencode({ "${terraform_data.p.output}" = "jane.doe@example.com" }) }\n}\n';
    await withFiles({ 'plan.json': planJson, 'code/main.tf': code }, async (dir) => {
      const args = [path.join(dir, 'plan.json'), '--code', path.join(dir, 'code')];
      expect(failed((await checkFindings([path.join(dir, 'plan.json')])).findings)).toEqual([]);
      expect(failed((await checkFindings(args)).findings)).toEqual([['aws_sqs_queue.q', 'fail', 'tags.Meta']]);
      for (const format of FORMATS) expect((await twinguard(['check', ...args, '--format', format])).stdout).not.toMatch(/jane\.doe/);
    });
  });

  // Given the variable, terraform knows the key, and the plan holds the map: the code read beside it, which may not
  // know the key (a cdktf stack is read with its variables' defaults), adds no second finding.
  it.each([
    ['.tf', 'main.tf', 'variable "project" {\n  type = string\n}\nresource "aws_sqs_queue" "q" {\n  name = "q"\n  tags = { "${var.project}:owner" = "jane.doe@example.com", Team = "iot" }\n}\n'],
    ['cdk.tf.json', 'cdk.tf.json', JSON.stringify({ variable: { project: { type: 'string' } }, resource: { aws_sqs_queue: { q: { name: 'q', tags: { '${var.project}:owner': 'jane.doe@example.com', Team: 'iot' } } } } })],
  ])('a plan that knows the map (its variable given), read with --code (%s): found once, in the plan\'s values', async (_form, file, text) => {
    const tags = { 'p:owner': 'jane.doe@example.com', Team: 'iot' };
    const planJson = JSON.stringify(plan([res('aws_sqs_queue.q', { name: 'q', tags, tags_all: tags }, { refs: { tags: ['var.project'] }, unknown: { arn: true, id: true } })], { terraformVersion: '1.11.4', variables: { project: 'p' } }));
    await withFiles({ 'plan.json': planJson, [`code/${file}`]: text }, async (dir) => {
      for (const args of [[], ['--code', path.join(dir, 'code')]]) {
        expect(failed((await checkFindings([path.join(dir, 'plan.json'), ...args])).findings)).toEqual([['aws_sqs_queue.q', 'fail', 'tags.p:owner']]);
      }
    });
  });
});

// A tag's value written as a template around a value not known, in a map whose keys the code fixes: the plan knows
// the map and every key, and shows that one value unknown; the template's literal text is the code's.
describe('a tag whose value is a template around a value not known (Owner = "${var.team} jane@…")', () => {
  const TF = `variable "team" {
  type = string
}
provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = { Team = "iot", Contact = "\${var.team} +1 415 555 2671" }
  }
}
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = { Team = "iot", Owner = "\${var.team} jane.doe@example.com" }
}
resource "aws_sqs_queue" "call" {
  name = "call"
  tags = { Team = "iot", Owner = lower("\${var.team} jane.doe@example.com") }
}
resource "aws_sqs_queue" "ok" {
  name = "ok"
  tags = { Team = "iot", Owner = "\${var.team} platform" }
}
resource "awscc_s3_bucket" "b" {
  bucket_name = "b"
  tags = [{ key = "Team", value = "iot" }, { key = "Owner", value = "\${var.team} jane.doe@example.com" }]
}
`;
  const CDK = JSON.stringify({
    variable: { team: { type: 'string' } },
    provider: { aws: [{ region: 'eu-west-1', default_tags: [{ tags: { Team: 'iot', Contact: '${var.team} +1 415 555 2671' } }] }] },
    resource: {
      aws_sqs_queue: {
        q: { name: 'q', tags: { Team: 'iot', Owner: '${var.team} jane.doe@example.com' } },
        call: { name: 'call', tags: { Team: 'iot', Owner: '${lower("${var.team} jane.doe@example.com")}' } },
        ok: { name: 'ok', tags: { Team: 'iot', Owner: '${var.team} platform' } },
      },
      awscc_s3_bucket: { b: { bucket_name: 'b', tags: [{ key: 'Team', value: 'iot' }, { key: 'Owner', value: '${var.team} jane.doe@example.com' }] } },
    },
  });
  it.each([
    ['.tf', 'main.tf', TF, 'hcl'],
    ['cdk.tf.json', 'cdk.tf.json', CDK, 'cdktf'],
  ])('%s: found at the tag, worded as a template\'s text (the map\'s keys are known), masked in every format', async (_form, file, text, kind) => {
    await withFiles({ [file]: text }, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', kind]);
      expect(failed(findings)).toEqual([
        ['aws_sqs_queue.call', 'fail', 'tags.Owner'],
        ['aws_sqs_queue.q', 'fail', 'tags.Owner'],
        ['awscc_s3_bucket.b', 'fail', 'tags.1.value'],
        ['provider.aws', 'fail', 'default_tags.tags.Contact'],
      ]);
      const messages = findings.filter((f) => f.ruleId === rule.id && f.status === 'fail').map((f) => f.message);
      for (const message of messages) expect(message).not.toContain('key known only after apply');
      for (const address of ['aws_sqs_queue.q', 'aws_sqs_queue.call', 'awscc_s3_bucket.b']) {
        expect(findings.find((f) => f.ruleId === rule.id && f.address === address)?.message).toMatch(
          /^The literal text of a template written in tag "Owner" holds an email address \(j\*\*\*@e\*\*\*\.com\)/,
        );
      }
      expect(findings.find((f) => f.ruleId === rule.id && f.address === 'provider.aws')?.message).toMatch(
        /^provider\.aws default_tags, inherited by every resource of that provider: The literal text of a template written in tag "Contact" holds a phone number/,
      );
      for (const format of FORMATS) {
        const { stdout, code } = await twinguard(['check', dir, '--input-kind', kind, '--format', format]);
        expect(code).toBe(1);
        expect(stdout).not.toMatch(/jane\.doe|415 555/);
      }
    });
  });
});

/** An SQS queue whose `Owner` tag is `owner`, `var.x` in it as `x`. */
const ownerQueue = (name: string, owner: string, x = 'var.x'): string => `resource "aws_sqs_queue" "${name}" {\n  name = "${name}"\n  tags = { Team = "iot", Owner = "${owner.replace('var.x', x)}" }\n}`;

/** A queue per `[name, owner]`, its `Owner` tag a template with `var.x`, in .tf and cdk.tf.json. */
const ownerQueues = (owners: readonly [string, string][]): { TF: string; CDK: string } => ({
  TF: ['variable "x" {\n  type = string\n}', ...owners.map(([name, owner]) => ownerQueue(name, owner))].join('\n'),
  CDK: JSON.stringify({
    variable: { x: { type: 'string' } },
    resource: { aws_sqs_queue: Object.fromEntries(owners.map(([name, owner]) => [name, { name, tags: { Team: 'iot', Owner: owner } }])) },
  }),
});

/** The queues of `ownerQueues` as a plan records them (`Owner` known only after apply) and their code, `var.x` as `terraform_data.p.output`. */
function ownerQueuesPlan(owners: readonly [string, string][]): Record<string, string> {
  const planJson = JSON.stringify(
    plan(
      [
        res('terraform_data.p', { input: 'x' }, { provider: 'terraform', unknown: { id: true, output: true } }),
        ...owners.map(([name]) =>
          res(`aws_sqs_queue.${name}`, { name, tags: { Team: 'iot' } }, { refs: { tags: ['terraform_data.p.output', 'terraform_data.p'] }, unknown: { tags: { Owner: true }, tags_all: true, arn: true, id: true } }),
        ),
      ],
      { terraformVersion: '1.11.4' },
    ),
  );
  const code = ['resource "terraform_data" "p" {\n  input = "x"\n}', ...owners.map(([name, owner]) => ownerQueue(name, owner, 'terraform_data.p.output'))].join('\n');
  return { 'plan.json': planJson, 'code/main.tf': code };
}

// An email address an interpolation cuts: the literal text around the value still shows a personal address where it
// starts the local part (`jane.${var.last}@…`) and the value is inside it or in a label of its domain.
describe('a tag whose value is an email address with a value not known inside it (Owner = "jane.${var.last}@example.com")', () => {
  const OWNERS: [string, string][] = [
    ['last', 'jane.${var.x}@example.com'],
    ['plus', 'jane.doe+${var.x}@example.com'],
    ['middle', 'jane${var.x}doe@example.com'],
    ['sub', 'jane@${var.x}.example.com'],
    ['label', 'jane.doe@mail-${var.x}.example.com'],
    ['first', '${var.x}.doe@example.com'],
    // `.md` is a file extension and a top-level domain (Moldova's).
    ['moldova', 'jane@${var.x}.md'],
    // The whole local part, or the whole domain, not known: no literal text shows a person's address (`ec2-user@${…}` is an ssh target).
    ['team', 'contact ${var.x}@example.com'],
    ['domain', 'jane.doe@${var.x}'],
    ['ssh', 'ssh ec2-user@${var.x}'],
    // In a URL's authority: a password a value cuts is not written whole.
    ['url', 'postgres://admin:pw${var.x}@db.example.com/app'],
    // A systemd template unit's instance: `.service` is no top-level domain.
    ['unit', 'getty@${var.x}.service'],
  ];
  const FOUND = ['first', 'label', 'last', 'middle', 'moldova', 'plus', 'sub'].map((name) => [`aws_sqs_queue.${name}`, 'fail', 'tags.Owner']);
  const MASKED: Record<string, string> = { last: 'j***@e***.com', plus: 'j***@e***.com', middle: 'j***@e***.com', sub: 'j***@***.com', label: 'j***@m***.com', first: 'd***@e***.com', moldova: 'j***@***.md' };
  // No literal part of an address beyond its mask, nor what stands for the value in the detector's text.
  const RAW = /jane|doe[@+]|\.doe|example\.com|mail-|\u2179/;
  const { TF, CDK } = ownerQueues(OWNERS);
  const messageOf = (findings: readonly { ruleId: string; address: string; message: string }[], name: string): string | undefined =>
    findings.find((f) => f.ruleId === rule.id && f.address === `aws_sqs_queue.${name}`)?.message;
  const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  it.each([
    ['.tf', 'main.tf', TF, 'hcl'],
    ['cdk.tf.json', 'cdk.tf.json', CDK, 'cdktf'],
  ])('%s: found at the tag, masked to the first characters and the top-level domain in every format', async (_form, file, text, kind) => {
    const findings = await checkedMasked({ [file]: text }, kind, RAW);
    expect(failed(findings).sort()).toEqual(FOUND);
    for (const [name, masked] of Object.entries(MASKED)) {
      expect(messageOf(findings, name)).toMatch(new RegExp(`^The literal text of a template written in tag "Owner" holds an email address \\(${escaped(masked)}\\)`));
    }
  });

  it('a plan read with --code: found from the code, masked in every format (a plan alone shows the value unknown)', async () => {
    await expectFoundWithCode(ownerQueuesPlan(OWNERS), FOUND, RAW);
  });
});

// An address written whole before a value, the value and a file's extension after it ("jane.doe@example.com-${var.x}.csv"):
// read as one, with the value inside, the address would end in `.csv` and name a file; the address before the value is found,
// as it is in the name written whole (`jane.doe@example.com-2024.csv`).
describe('a tag whose value is an email address written whole, then a value not known and a file extension (Owner = "jane.doe@example.com-${var.x}.csv")', () => {
  const OWNERS: [string, string][] = [
    ['a', 'exports/jane.doe@example.com-${var.x}.csv'],
    ['b', 'jane.doe@example.com-${var.x}.json'],
    ['d', 'jane.doe@example.com.${var.x}.png'],
    ['e', 'jane.doe@example.com${var.x}.pdf'],
    // A file's name, no address before the value: passes as before.
    ['icon', 'icons/icon@2x-${var.x}.png'],
    // A systemd unit's name, `template@instance.service`, whose instance is a domain and a value: no address, as
    // `certbot@example.com-prod.service` written whole is none.
    ['unit', 'certbot@example.com-${var.x}.service'],
    ['person', 'jane.doe@example.com-${var.x}.service'],
  ];
  const FOUND = ['a', 'b', 'd', 'e'].map((name) => [`aws_sqs_queue.${name}`, 'fail', 'tags.Owner']);
  // No literal part of the address beyond its mask, nor the text after the value, nor what stands for the value.
  const RAW = /jane|\.doe|doe@|example\.com|exports\/|\.csv|\.service|\.png|\.pdf|\u2179/;
  const { TF, CDK } = ownerQueues(OWNERS);

  it.each([
    ['.tf', 'main.tf', TF, 'hcl'],
    ['cdk.tf.json', 'cdk.tf.json', CDK, 'cdktf'],
  ])('%s: found at the tag, masked j***@e***.com in every format', async (_form, file, text, kind) => {
    const findings = await checkedMasked({ [file]: text }, kind, RAW);
    expect(failed(findings).sort()).toEqual(FOUND);
    for (const [name] of FOUND) {
      const message = findings.find((f) => f.ruleId === rule.id && f.address === name)?.message;
      expect(message).toMatch(/^The literal text of a template written in tag "Owner" holds an email address \(j\*\*\*@e\*\*\*\.com\)\./);
    }
  });

  it('a plan read with --code: found from the code, masked in every format', async () => {
    await expectFoundWithCode(ownerQueuesPlan(OWNERS), FOUND, RAW);
  });

  it('two addresses a value joins ("jane.doe@example.com${var.x}ops@example.org") are both found, not one address from "example.com" (e***@e***.org)', async () => {
    const findings = await checkedMasked({ 'main.tf': `variable "x" {\n  type = string\n}\n${ownerQueue('f', 'jane.doe@example.com${var.x}ops@example.org')}` }, 'hcl', RAW);
    expect(findings.find((f) => f.ruleId === rule.id && f.address === 'aws_sqs_queue.f')?.message).toMatch(
      /^The literal text of a template written in tag "Owner" holds an email address \(j\*\*\*@e\*\*\*\.com\) and an email address \(o\*\*\*@e\*\*\*\.org\)\./,
    );
  });
});

// A key the code computes may name a key written beside it: Terraform keeps the one written last (terraform 1.11.4
// plans `{ Owner = "team", "${local.o}" = "jane…" }`, local.o = "Owner", as Owner = "jane…"), and a .tf file's map
// reaches twinguard with its keys sorted, not in the order written. The map is then unknown whole, and every value the
// code writes in it is searched.
describe('a tags map whose computed key repeats another key', () => {
  const TF = `locals {
  owner_key = "Owner"
}
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = { Environment = "prod", Owner = "team", DataClassification = "internal", "\${local.owner_key}" = "jane.doe@example.com" }
}
`;
  const CDK = JSON.stringify({
    locals: { owner_key: 'Owner' },
    resource: { aws_sqs_queue: { q: { name: 'q', tags: { Environment: 'prod', Owner: 'team', DataClassification: 'internal', '${local.owner_key}': 'jane.doe@example.com' } } } },
  });

  it.each([
    ['.tf', 'main.tf', TF, 'hcl'],
    ['cdk.tf.json', 'cdk.tf.json', CDK, 'cdktf'],
  ])('%s: the value that may be kept is searched, and the tags are not vouched for', async (_form, file, text, kind) => {
    await withFiles({ [file]: text }, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', kind]);
      const of = (id: string): string[] => findings.filter((f) => f.ruleId === id && f.address === 'aws_sqs_queue.q').map((f) => f.status);
      expect(of(rule.id)).toEqual(['fail']);
      expect(of('required-tags')).toEqual(['unknown']);
      expect(JSON.stringify(findings)).not.toMatch(/jane\.doe/);
    });
  });
});
