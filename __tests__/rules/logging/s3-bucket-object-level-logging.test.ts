import rule from '../../../checks/rules/logging/s3-bucket-object-level-logging';
import { plan, res } from '../../helpers/plan-builder';
import { evaluateRule, ruleTable, worstByAddress } from '../../helpers/rule-table';
import { buildGraph } from '../../../checks/model/graph';
import { parsePlanDocument } from '../../../checks/model/plan';
import { readCode, withCode } from '../../../checks/model/code-sources';
import { loadHcl } from '../../../checks/model/hcl';
import { bucket, ref, scene, trail, workspace } from '../encryption-at-rest/fixtures';
import { checkFindings, ruleStatuses, withFiles } from '../../cli/run';

const B = 'aws_s3_bucket.twin';
const T = 'aws_cloudtrail.audit';
/** The TwinMaker bucket `twin` (known name), its workspace, and the trail's own log bucket. */
const twin = [bucket(B, { name: 'twin' }), workspace('awscc_iottwinmaker_workspace.w', B), bucket('aws_s3_bucket.logs', { name: 'logs' })];
const objects = (values: unknown[], readWrite = 'All') => ({ event_selector: [{ read_write_type: readWrite, include_management_events: true, exclude_management_event_sources: [], data_resource: [{ type: 'AWS::S3::Object', values }] }] });
const auditing = (after: Record<string, unknown>, options: Parameters<typeof trail>[3] = {}) => trail(T, 'aws_s3_bucket.logs', after, options);
const field = (name: string, operator: string, values: string[]) => ({ field: name, [operator]: values });
const advanced = (...fields: Record<string, unknown>[]) => ({ advanced_event_selector: [{ name: 'twin objects', field_selector: fields }] });
const S3_DATA = [field('eventCategory', 'equals', ['Data']), field('resources.type', 'equals', ['AWS::S3::Object'])];

ruleTable(rule, [
  { name: 's3-bucket-object-level-logging: a trail recording the bucket\'s objects, read and write, passes', plan: plan([...twin, auditing(objects(['arn:aws:s3:::twin/']))]), expect: { [B]: 'pass' } },
  { name: 'a trail recording every bucket (arn:aws:s3) passes', plan: plan([...twin, auditing(objects(['arn:aws:s3']))]), expect: { [B]: 'pass' } },
  ...[
    { what: 'arn:aws:s3', selector: objects(['arn:aws:s3']), expect: 'pass' as const },
    { what: 'arn:aws:s3:::', selector: objects(['arn:aws:s3:::']), expect: 'pass' as const },
    { what: 'an advanced selector without resources.ARN', selector: advanced(...S3_DATA), expect: 'pass' as const },
    { what: 'a name prefix (starts_with arn:aws:s3:::tw)', selector: advanced(...S3_DATA, field('resources.ARN', 'starts_with', ['arn:aws:s3:::tw'])), expect: 'unknown' as const },
    { what: 'every bucket but one', selector: advanced(...S3_DATA, field('resources.ARN', 'not_starts_with', ['arn:aws:s3:::logs/'])), expect: 'unknown' as const },
  ].map(({ what, selector, expect }) => ({
    name: `a bucket whose name is generated (bucket_prefix): ${what} ${expect === 'pass' ? 'records every bucket: pass' : 'may or may not record it: unknown'}`,
    plan: plan([
      res(B, { bucket_prefix: 'twin-' }, { unknown: { bucket: true, id: true, arn: true } }),
      workspace('awscc_iottwinmaker_workspace.w', B),
      bucket('aws_s3_bucket.logs', { name: 'logs' }),
      auditing(selector),
    ]),
    expect: { [B]: expect },
  })),
  { name: 'a GovCloud ARN counts as the same bucket', plan: plan([...twin, auditing(objects(['arn:aws-us-gov:s3:::twin/']))]), expect: { [B]: 'pass' } },
  {
    name: 'writes only (WriteOnly) fails for the reads',
    plan: plan([...twin, auditing(objects(['arn:aws:s3:::twin/'], 'WriteOnly'))]),
    expect: { [B]: 'fail' },
    message: /no trail of this input records its object-level read \(GetObject…\) events/,
  },
  {
    name: 'a prefix inside the bucket records part of it only: fail',
    plan: plan([...twin, auditing(objects(['arn:aws:s3:::twin/scenes/']))]),
    expect: { [B]: 'fail' },
    message: /read \(GetObject…\) or write \(PutObject, DeleteObject…\) events/,
  },
  ...['arn:aws:s3:::twin', 'arn:aws:s3:::tw', 'twin/', 'arn:aws:s3:'].map((value) => ({
    name: `a basic selector's value ${value} AWS refuses (a bucket's ARN and a slash, arn:aws:s3 or arn:aws:s3::: only): fail, saying so`,
    plan: plan([...twin, auditing(objects([value]))]),
    expect: { [B]: 'fail' as const },
    message: new RegExp(`AWS refuses "${value}" \\(aws_cloudtrail\\.audit\\) as a data_resource value \\(InvalidEventSelectorsException`),
  })),
  {
    name: 'one value AWS refuses and the trail records none of its values: fail',
    plan: plan([...twin, auditing(objects(['arn:aws:s3:::twin/', 'arn:aws:s3:::logs']))]),
    expect: { [B]: 'fail' },
    message: /AWS refuses "arn:aws:s3:::logs" \(aws_cloudtrail\.audit\) as a data_resource value .*: the apply fails and that trail records no data events/,
  },
  { name: 'advanced: a name prefix (starts_with arn:aws:s3:::tw) records the buckets it starts: pass', plan: plan([...twin, auditing(advanced(...S3_DATA, field('resources.ARN', 'starts_with', ['arn:aws:s3:::tw'])))]), expect: { [B]: 'pass' } },
  { name: 'another bucket\'s objects: fail', plan: plan([...twin, auditing(objects(['arn:aws:s3:::twin-other/']))]), expect: { [B]: 'fail' } },
  ...[
    { trailRegion: 'us-east-1', multi: false, expect: 'fail' as const },
    { trailRegion: 'eu-west-1', multi: false, expect: 'pass' as const },
    { trailRegion: 'us-east-1', multi: true, expect: 'pass' as const },
  ].map(({ trailRegion, multi, expect }) => ({
    name: `AWS provider 6 Regions: a ${multi ? 'multi-Region' : 'single-Region'} trail in ${trailRegion} recording a bucket in eu-west-1 ${expect}s (a single-Region trail records its own Region only)`,
    plan: plan([
      res(B, { bucket: 'twin', region: 'eu-west-1' }, { unknown: { id: true, arn: true } }),
      workspace('awscc_iottwinmaker_workspace.w', B),
      bucket('aws_s3_bucket.logs', { name: 'logs' }),
      auditing({ region: trailRegion, is_multi_region_trail: multi, ...objects(['arn:aws:s3:::twin/']) }),
    ]),
    expect: { [B]: expect },
  })),
  ...[
    {
      regions: [{ references: ['var.region'] }, { references: ['var.eu_region'] }],
      expect: 'unknown' as const,
      why: 'Regions a plan records by reference only (var.region): whether the bucket is in the trail\'s Region is not known',
    },
    { regions: [{ constant_value: 'us-east-1' }, { references: ['var.eu_region'] }], expect: 'unknown' as const, why: 'one Region by reference only: not known' },
    { regions: [{ constant_value: 'us-east-1' }, { constant_value: 'eu-west-1' }], expect: 'fail' as const, why: 'constant Regions, not the same: fail' },
    { regions: [{ constant_value: 'eu-west-1' }, { constant_value: 'eu-west-1' }], expect: 'pass' as const, why: 'constant Regions, the same: pass' },
  ].map(({ regions: [trailRegion, bucketRegion], expect, why }) => ({
    name: `a single-Region trail of provider aws recording a bucket of provider aws.eu: ${why}`,
    plan: plan(
      [
        res(B, { bucket: 'twin' }, { unknown: { id: true, arn: true }, provider: 'aws.eu' }),
        workspace('awscc_iottwinmaker_workspace.w', B),
        bucket('aws_s3_bucket.logs', { name: 'logs' }),
        auditing({ is_multi_region_trail: false, ...objects(['arn:aws:s3']) }),
      ],
      { providers: { aws: { name: 'aws', expressions: { region: trailRegion } }, 'aws.eu': { name: 'aws', alias: 'eu', expressions: { region: bucketRegion } } } },
    ),
    expect: { [B]: expect },
    ...(expect === 'unknown'
      ? { message: /aws_cloudtrail\.audit records them in its own Region only \(not known to be multi-Region\), and the bucket is not known to be in it \(a plan records a provider's `region = var\.region` by reference only: check it with the code that made it, `--code DIR`/ }
      : {}),
  })),
  {
    name: 'a single-Region trail and the bucket of one provider configuration are in one Region, whatever it is: pass',
    plan: plan([...twin, auditing({ is_multi_region_trail: false, ...objects(['arn:aws:s3']) })], { providers: { aws: { name: 'aws', expressions: { region: { references: ['var.region'] } } } } }),
    expect: { [B]: 'pass' },
  },
  {
    name: "before the AWS provider 6 a new bucket's region is known only after apply, and its configuration sets none: its provider's Region, the trail's",
    plan: plan(
      [
        ...twin.map((r) => (r.address === B ? { ...r, options: { ...r.options, unknown: { ...(r.options.unknown as object), region: true } } } : r)),
        auditing({ is_multi_region_trail: false, ...objects(['arn:aws:s3']) }),
      ],
      { providers: { aws: { name: 'aws', expressions: { region: { constant_value: 'eu-west-1' } } } } },
    ),
    expect: { [B]: 'pass' },
  },
  ...[
    { audit: { assume_role: [{ role_arn: { constant_value: 'arn:aws:iam::111111111111:role/audit' } }] }, expect: 'fail' as const, why: 'another account (assume_role): fail' },
    { audit: { allowed_account_ids: { constant_value: ['222222222222'] } }, expect: 'pass' as const, why: 'the same account: pass' },
    { audit: {}, expect: 'pass' as const, why: 'an account not known: pass, as the trail may be in the bucket\'s' },
  ].map(({ audit, expect, why }) => ({
    name: `a plan: a trail of provider aws.audit recording every bucket, the bucket's provider in account 222222222222, ${why}`,
    plan: plan(
      [...twin, { ...auditing(objects(['arn:aws:s3'])), options: { ...auditing(objects(['arn:aws:s3'])).options, provider: 'aws.audit' } }],
      { providers: { aws: { name: 'aws', expressions: { allowed_account_ids: { constant_value: ['222222222222'] } } }, 'aws.audit': { name: 'aws', alias: 'audit', expressions: audit } } },
    ),
    expect: { [B]: expect },
  })),
  { name: 'a trail that is not logging records nothing: fail', plan: plan([...twin, auditing({ enable_logging: false, ...objects(['arn:aws:s3']) })]), expect: { [B]: 'fail' } },
  {
    name: 'no trail in the input: unknown, to be waived naming the organization trail',
    plan: plan(twin),
    expect: { [B]: 'unknown' },
    message: /no CloudTrail trail in this input records its object-level reads and writes; if a trail managed elsewhere \(an organization trail\) records them, waive this finding/,
  },
  {
    name: 'values known only after apply that reference the bucket count for it',
    plan: plan([...twin, auditing(objects([null]), { unknown: { event_selector: [{ data_resource: [{ values: true }] }] }, refs: { event_selector: ref(B, 'arn') } })]),
    expect: { [B]: 'pass' },
  },
  {
    name: 'values known only after apply that reference nothing the gate can follow are unknown',
    plan: plan([...twin, auditing(objects([null]), { unknown: { event_selector: [{ data_resource: [{ values: true }] }] }, refs: { event_selector: ['var.audited_buckets'] } })]),
    expect: { [B]: 'unknown' },
    message: /is known only after apply/,
  },
  { name: 'advanced: S3 object data events starting with the bucket pass', plan: plan([...twin, auditing(advanced(...S3_DATA, field('resources.ARN', 'starts_with', ['arn:aws:s3:::twin/'])))]), expect: { [B]: 'pass' } },
  { name: 'advanced: S3 object data events of every bucket (no resources.ARN) pass', plan: plan([...twin, auditing(advanced(...S3_DATA))]), expect: { [B]: 'pass' } },
  {
    name: 'advanced: readOnly = true fails for the writes',
    plan: plan([...twin, auditing(advanced(...S3_DATA, field('readOnly', 'equals', ['true'])))]),
    expect: { [B]: 'fail' },
    message: /object-level write \(PutObject, DeleteObject…\) events/,
  },
  { name: 'advanced: some event names only: fail', plan: plan([...twin, auditing(advanced(...S3_DATA, field('eventName', 'equals', ['PutObject'])))]), expect: { [B]: 'fail' } },
  ...[
    field('userIdentity.arn', 'equals', ['arn:aws:sts::123456789012:assumed-role/deploy/ci']),
    field('userIdentity.arn', 'not_starts_with', ['arn:aws:sts::123456789012:assumed-role/']),
    field('sessionCredentialFromConsole', 'equals', ['true']),
    field('errorCode', 'equals', ['AccessDenied']),
  ].map((narrowing) => ({
    name: `advanced: ${narrowing.field} ${Object.keys(narrowing)[1]} records some callers' or some calls' events only: fail`,
    plan: plan([...twin, auditing(advanced(...S3_DATA, narrowing))]),
    expect: { [B]: 'fail' as const },
  })),
  // CloudTrail applies every field selector of a selector: a field given twice keeps what both allow, not what the last does.
  ...[
    [field('resources.ARN', 'starts_with', ['arn:aws:s3:::other/']), field('resources.ARN', 'starts_with', ['arn:aws:s3:::'])],
    [field('resources.ARN', 'starts_with', ['arn:aws:s3:::']), field('resources.ARN', 'starts_with', ['arn:aws:s3:::other/'])],
    [field('resources.ARN', 'starts_with', ['arn:aws:s3:::twin/']), field('resources.ARN', 'not_starts_with', ['arn:aws:s3:::twin/'])],
  ].map((arns, i) => ({
    name: `advanced: resources.ARN given twice, one of them leaving the bucket out (${i + 1}): fail`,
    plan: plan([...twin, auditing(advanced(...S3_DATA, ...arns))]),
    expect: { [B]: 'fail' as const },
    message: /no trail of this input records its object-level read/,
  })),
  { name: 'advanced: every bucket but this one (not_starts_with): fail', plan: plan([...twin, auditing(advanced(...S3_DATA, field('resources.ARN', 'not_starts_with', ['arn:aws:s3:::twin/'])))]), expect: { [B]: 'fail' } },
  { name: 'advanced: every bucket but another one: pass', plan: plan([...twin, auditing(advanced(...S3_DATA, field('resources.ARN', 'not_starts_with', ['arn:aws:s3:::logs/'])))]), expect: { [B]: 'pass' } },
  { name: 'advanced: management events only: fail', plan: plan([...twin, auditing(advanced(field('eventCategory', 'equals', ['Management'])))]), expect: { [B]: 'fail' } },
  {
    name: 'an awscc trail\'s event_selectors and data_resources count the same (multi-Region: the awscc and aws providers\' Regions are not known to be one)',
    plan: plan([
      ...twin,
      res('awscc_cloudtrail_trail.t', { trail_name: 't', is_logging: true, is_multi_region_trail: true, s3_bucket_name: 'logs', event_selectors: [{ read_write_type: 'All', data_resources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::twin/'] }] }] }, { unknown: { arn: true, id: true } }),
    ]),
    expect: { [B]: 'pass' },
  },
  {
    name: 'the bucket of a scene\'s content is a TwinMaker bucket too',
    plan: plan([bucket('aws_s3_bucket.scenes', { name: 'scenes' }), scene('awscc_iottwinmaker_scene.s', undefined, 's3://scenes/floor.json'), bucket('aws_s3_bucket.logs', { name: 'logs' }), auditing(objects(['arn:aws:s3:::twin/']))]),
    expect: { 'aws_s3_bucket.scenes': 'fail' },
  },
  { name: 'a bucket that holds no TwinMaker data (the trail\'s own) is not applicable', plan: plan([...twin, auditing(objects(['arn:aws:s3:::twin/']))]), expect: { 'aws_s3_bucket.logs': 'not-applicable' } },
  { name: 'other resource types are not applicable', plan: plan([res('aws_sqs_queue.q', { name: 'q' })]), expect: { 'aws_sqs_queue.q': 'not-applicable' } },
]);

// As the rule's fix writes it, in code: a list of values known only after apply, each the bucket it references.
describe('s3-bucket-object-level-logging in a .tf directory', () => {
  const bucketAndWorkspace = [
    'resource "aws_s3_bucket" "twin" {\n  bucket = "factory-twin"\n}',
    'resource "aws_s3_bucket" "other" {\n  bucket = "other-twin"\n}',
    'resource "awscc_iottwinmaker_workspace" "w" {\n  workspace_id = "w"\n  role = "arn:aws:iam::123456789012:role/tm"\n  s3_location = aws_s3_bucket.twin.arn\n}',
    'resource "awscc_iottwinmaker_workspace" "o" {\n  workspace_id = "o"\n  role = "arn:aws:iam::123456789012:role/tm"\n  s3_location = aws_s3_bucket.other.arn\n}',
  ].join('\n');
  const trail = (selector: string) => `resource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "central"\n${selector}\n}\n${bucketAndWorkspace}`;
  // A report lists what does not pass: the bucket referenced is left out when it passes.
  const statuses = (main: string) => withFiles({ 'main.tf': main }, (dir) => ruleStatuses(rule.id, [dir, '--input-kind', 'hcl']));

  it('a basic selector\'s values beside a literal: the referenced bucket counts, another does not', async () => {
    const basic = '  event_selector {\n    read_write_type = "All"\n    data_resource {\n      type = "AWS::S3::Object"\n      values = ["${aws_s3_bucket.twin.arn}/", "arn:aws:s3:::logs/"]\n    }\n  }';
    expect(await statuses(trail(basic))).toEqual({ 'aws_s3_bucket.other': 'fail' });
    // A prefix inside the bucket after its ARN records part of it only (the code says so; a plan alone does not).
    expect(await statuses(trail(basic.replace('${aws_s3_bucket.twin.arn}/', '${aws_s3_bucket.twin.arn}/scenes/')))).toEqual({ 'aws_s3_bucket.twin': 'fail', 'aws_s3_bucket.other': 'fail' });
  });

  // The list's references name both buckets; each value's own code names one.
  it("a basic selector's values naming two buckets record each: both pass; a prefix in one records part of that one only", async () => {
    const basic = (values: string) => `  event_selector {\n    read_write_type = "All"\n    data_resource {\n      type = "AWS::S3::Object"\n      values = ${values}\n    }\n  }`;
    expect(await statuses(trail(basic('["${aws_s3_bucket.twin.arn}/", "${aws_s3_bucket.other.arn}/"]')))).toEqual({});
    expect(await statuses(trail(basic('["arn:aws:s3:::${aws_s3_bucket.twin.id}/", "${aws_s3_bucket.other.arn}/"]')))).toEqual({});
    expect(await statuses(trail(basic('["${aws_s3_bucket.twin.arn}/", "${aws_s3_bucket.other.arn}/scenes/"]')))).toEqual({ 'aws_s3_bucket.other': 'fail' });
    // A value whose own code the gate cannot read (a condition without a value) may name either bucket: other stays unknown.
    expect(await statuses(`variable "pick" {}\n${trail(basic('["${aws_s3_bucket.twin.arn}/", var.pick ? "${aws_s3_bucket.twin.arn}/" : "${aws_s3_bucket.other.arn}/"]'))}`)).toEqual({
      'aws_s3_bucket.other': 'unknown',
    });
  });

  it("a basic selector's value that is the bucket's bare ARN (no slash): AWS refuses it, every bucket fails, and the message says why", async () => {
    const bare = '  event_selector {\n    read_write_type = "All"\n    data_resource {\n      type = "AWS::S3::Object"\n      values = [aws_s3_bucket.twin.arn]\n    }\n  }';
    const { findings } = await withFiles({ 'main.tf': trail(bare) }, (dir) => checkFindings([dir, '--input-kind', 'hcl']));
    const mine = findings.filter((f) => f.ruleId === rule.id);
    expect(Object.fromEntries(mine.map((f) => [f.address, f.status]))).toEqual({ 'aws_s3_bucket.twin': 'fail', 'aws_s3_bucket.other': 'fail' });
    expect(mine.find((f) => f.address === 'aws_s3_bucket.twin')?.message).toMatch(/AWS refuses a bucket's ARN with no "\/" after it \(aws_cloudtrail\.t\) as a data_resource value/);
  });

  // A bucket's name is no ARN: AWS refuses it in a basic selector, and no object's ARN starts with it.
  it("a value that is the bucket's name or id where its ARN belongs records none of it, and a basic selector's is refused", async () => {
    const basic = (value: string) => `  event_selector {\n    read_write_type = "All"\n    data_resource {\n      type = "AWS::S3::Object"\n      values = ["${value}"]\n    }\n  }`;
    const { findings } = await withFiles({ 'main.tf': trail(basic('${aws_s3_bucket.twin.id}/')) }, (dir) => checkFindings([dir, '--input-kind', 'hcl']));
    const mine = findings.filter((f) => f.ruleId === rule.id);
    expect(Object.fromEntries(mine.map((f) => [f.address, f.status]))).toEqual({ 'aws_s3_bucket.twin': 'fail', 'aws_s3_bucket.other': 'fail' });
    expect(mine.find((f) => f.address === 'aws_s3_bucket.twin')?.message).toMatch(/AWS refuses a bucket's id where its ARN belongs \(aws_cloudtrail\.t\) as a data_resource value/);
    // Its ARN after arn:aws:s3::: names no bucket either.
    expect(await statuses(trail(basic('arn:aws:s3:::${aws_s3_bucket.twin.arn}/')))).toEqual({ 'aws_s3_bucket.twin': 'fail', 'aws_s3_bucket.other': 'fail' });
    const advanced = `  advanced_event_selector {\n    name = "objects"\n    field_selector {\n      field = "eventCategory"\n      equals = ["Data"]\n    }\n    field_selector {\n      field = "resources.type"\n      equals = ["AWS::S3::Object"]\n    }\n    field_selector {\n      field = "resources.ARN"\n      starts_with = ["\${aws_s3_bucket.twin.bucket}/", "\${aws_s3_bucket.other.arn}/"]\n    }\n  }`;
    expect(await statuses(trail(advanced))).toEqual({ 'aws_s3_bucket.twin': 'fail' });
  });

  it('a basic selector\'s value built from the bucket\'s id or name after arn:aws:s3::: reads as the ARN does', async () => {
    const basic = (value: string) => `  event_selector {\n    read_write_type = "All"\n    data_resource {\n      type = "AWS::S3::Object"\n      values = ["${value}"]\n    }\n  }`;
    for (const attribute of ['id', 'bucket']) {
      expect(await statuses(trail(basic(`arn:aws:s3:::\${aws_s3_bucket.twin.${attribute}}/`)))).toEqual({ 'aws_s3_bucket.other': 'fail' });
      // A key prefix after the name records part of the bucket only; another name after it, other buckets.
      expect(await statuses(trail(basic(`arn:aws:s3:::\${aws_s3_bucket.twin.${attribute}}/scenes/`)))).toEqual({ 'aws_s3_bucket.twin': 'fail', 'aws_s3_bucket.other': 'fail' });
      expect(await statuses(trail(basic(`arn:aws-us-gov:s3:::\${aws_s3_bucket.twin.${attribute}}-old/`)))).toEqual({ 'aws_s3_bucket.twin': 'fail', 'aws_s3_bucket.other': 'fail' });
    }
  });

  it('cdk.tf.json: a key prefix after arn:aws:s3:::${bucket.id} records part of the bucket only', async () => {
    const stack = (value: string) =>
      JSON.stringify({
        resource: {
          aws_s3_bucket: { twin: { bucket: 'factory-twin' } },
          awscc_iottwinmaker_workspace: { w: { workspace_id: 'w', role: 'arn:aws:iam::123456789012:role/tm', s3_location: '${aws_s3_bucket.twin.arn}' } },
          aws_cloudtrail: { t: { name: 't', s3_bucket_name: 'central', event_selector: [{ read_write_type: 'All', data_resource: [{ type: 'AWS::S3::Object', values: [value] }] }] } },
        },
      });
    const cdktf = (value: string) => withFiles({ 'cdk.tf.json': stack(value) }, (dir) => ruleStatuses(rule.id, [`${dir}/cdk.tf.json`]));
    expect(await cdktf('arn:aws:s3:::${aws_s3_bucket.twin.id}/')).toEqual({});
    expect(await cdktf('arn:aws:s3:::${aws_s3_bucket.twin.id}/scenes/')).toEqual({ 'aws_s3_bucket.twin': 'fail' });
  });

  it('an advanced selector\'s resources.ARN starts_with the referenced bucket counts; with another operator beside it, unknown', async () => {
    const advanced = (arn: string) =>
      `  advanced_event_selector {\n    name = "objects"\n    field_selector {\n      field = "eventCategory"\n      equals = ["Data"]\n    }\n    field_selector {\n      field = "resources.type"\n      equals = ["AWS::S3::Object"]\n    }\n    field_selector {\n      field = "resources.ARN"\n${arn}\n    }\n  }`;
    expect(await statuses(trail(advanced('      starts_with = ["${aws_s3_bucket.twin.arn}/"]')))).toEqual({ 'aws_s3_bucket.other': 'fail' });
    expect(await statuses(trail(advanced('      starts_with = ["${aws_s3_bucket.twin.arn}/", "${aws_s3_bucket.other.arn}/"]')))).toEqual({});
    expect(await statuses(trail(advanced('      starts_with = ["${aws_s3_bucket.twin.arn}/"]\n      not_starts_with = ["${aws_s3_bucket.twin.arn}/tmp/"]')))).toEqual({
      'aws_s3_bucket.twin': 'unknown',
      'aws_s3_bucket.other': 'unknown',
    });
  });
});

// A plan records `region = var.region` by reference only; read with the code that made it, the Region is the code's.
describe('s3-bucket-object-level-logging on a plan read with its code: provider Regions from variables and locals', () => {
  const single = auditing({ is_multi_region_trail: false, ...objects(['arn:aws:s3']) });
  const byReference = (ref: string) => ({ region: { references: [ref] } });
  /** A single-Region trail of `aws` and the TwinMaker bucket of `aws.eu`, their Regions by reference, as Terraform records `region = var.…`. */
  const aliased = (variables: Record<string, unknown>) =>
    plan([res(B, { bucket: 'twin' }, { unknown: { id: true, arn: true }, provider: 'aws.eu' }), workspace('awscc_iottwinmaker_workspace.w', B), bucket('aws_s3_bucket.logs', { name: 'logs' }), single], {
      providers: { aws: { name: 'aws', expressions: byReference('var.region') }, 'aws.eu': { name: 'aws', alias: 'eu', expressions: byReference('var.eu_region') } },
      variables,
    });
  const TF_VARIABLES = 'variable "region" {\n  type = string\n}\nvariable "eu_region" {\n  type = string\n}\n';
  const TF_PROVIDERS = 'provider "aws" {\n  region = var.region\n}\nprovider "aws" {\n  alias  = "eu"\n  region = var.eu_region\n}\n';
  const statuses = (document: Record<string, unknown>, files: Record<string, string>) =>
    withFiles(files, async (dir) => {
      const loaded = parsePlanDocument(document, 'plan.json');
      return worstByAddress(evaluateRule(rule, buildGraph([withCode(loaded, await readCode(dir, loaded))])))[B];
    });

  it('takes the variables the plan was made with: another Region fails, the same one passes', async () => {
    expect(await statuses(aliased({ region: 'us-east-1', eu_region: 'eu-west-1' }), { 'main.tf': TF_VARIABLES + TF_PROVIDERS })).toBe('fail');
    expect(await statuses(aliased({ region: 'eu-west-1', eu_region: 'eu-west-1' }), { 'main.tf': TF_VARIABLES + TF_PROVIDERS })).toBe('pass');
  });

  it('reads a Region from a local', async () => {
    const locals = 'locals {\n  region    = var.region\n  eu_region = "eu-west-1"\n}\nprovider "aws" {\n  region = local.region\n}\nprovider "aws" {\n  alias  = "eu"\n  region = local.eu_region\n}\n';
    const document = aliased({ region: 'us-east-1' });
    const providers = (document.configuration as { provider_config: Record<string, { expressions: unknown }> }).provider_config;
    providers.aws.expressions = byReference('local.region');
    providers['aws.eu'].expressions = byReference('local.eu_region');
    expect(await statuses(document, { 'main.tf': 'variable "region" {\n  type = string\n}\n' + locals })).toBe('fail');
  });

  it("reads a module's provider Region from the module call's argument", async () => {
    const MB = 'module.twin.aws_s3_bucket.twin';
    const document = plan(
      [res(MB, { bucket: 'twin' }, { unknown: { id: true, arn: true } }), workspace('awscc_iottwinmaker_workspace.w', undefined, 'arn:aws:s3:::twin'), bucket('aws_s3_bucket.logs', { name: 'logs' }), single],
      {
        providers: { aws: { name: 'aws', expressions: byReference('var.region') }, 'twin:aws': { name: 'aws', module_address: 'module.twin', expressions: byReference('var.region') } },
        moduleCalls: { 'module.twin': { source: './twin', expressions: { region: { references: ['var.eu_region'] } } } },
        variables: { region: 'us-east-1', eu_region: 'eu-west-1' },
      },
    );
    const files = {
      'main.tf': `${TF_VARIABLES}provider "aws" {\n  region = var.region\n}\nmodule "twin" {\n  source = "./twin"\n  region = var.eu_region\n}\n`,
      'twin/main.tf': 'variable "region" {\n  type = string\n}\nprovider "aws" {\n  region = var.region\n}\nresource "aws_s3_bucket" "twin" {\n  bucket = "twin"\n}\n',
    };
    const status = await withFiles(files, async (dir) => {
      const loaded = parsePlanDocument(document, 'plan.json');
      return worstByAddress(evaluateRule(rule, buildGraph([withCode(loaded, await readCode(dir, loaded))])))[MB];
    });
    expect(status).toBe('fail');
  });

  it("takes a cdktf stack's Regions only where the plan gives its variables their defaults (the stack is read with them)", async () => {
    const stack = (euDefault: string) => ({
      'cdk.tf.json': JSON.stringify({
        variable: { region: { type: 'string', default: 'us-east-1' }, eu_region: { type: 'string', default: euDefault } },
        provider: { aws: [{ region: '${var.region}' }, { alias: 'eu', region: '${var.eu_region}' }] },
      }),
    });
    const variables = { region: 'us-east-1', eu_region: 'eu-west-1' };
    expect(await statuses(aliased(variables), stack('eu-west-1'))).toBe('fail');
    // Planned with `-var eu_region=eu-west-1` over a default of us-east-1: the stack alone would say one Region.
    expect(await statuses(aliased(variables), stack('us-east-1'))).toBe('unknown');
  });
});

describe("s3-bucket-object-level-logging in a .tf directory without provider blocks: Terraform's default configurations", () => {
  const TRAIL = `resource "aws_cloudtrail" "audit" {
  name                  = "audit"
  s3_bucket_name        = "logs"
  is_multi_region_trail = false
  event_selector {
    read_write_type = "All"
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}
`;
  const WORKSPACE = (bucket: string) => `resource "awscc_iottwinmaker_workspace" "w" {\n  workspace_id = "w"\n  role         = "arn:aws:iam::123456789012:role/tm"\n  s3_location  = ${bucket}.arn\n}\n`;
  const statuses = (main: string) =>
    withFiles({ 'main.tf': main }, async (dir) => worstByAddress(evaluateRule(rule, buildGraph([await loadHcl(dir)]))));

  it("one provider's default configuration is one Region: a single-Region trail of it records its bucket", async () => {
    expect((await statuses(`${TRAIL}resource "aws_s3_bucket" "twin" {\n  bucket = "twin"\n}\n${WORKSPACE('aws_s3_bucket.twin')}`))['aws_s3_bucket.twin']).toBe('pass');
  });

  it("aws's and awscc's default configurations are two, each Region from the environment: not known to be one", async () => {
    const awscc = `provider "awscc" {\n  alias  = "other"\n  region = "eu-west-1"\n}\nresource "awscc_s3_bucket" "twin" {\n  bucket_name = "twin"\n}\n`;
    expect((await statuses(`${TRAIL}${awscc}${WORKSPACE('awscc_s3_bucket.twin')}`))['awscc_s3_bucket.twin']).toBe('unknown');
  });
});

// A trail records the calls of its own account's principals (an organization trail, every member's): a trail in
// another account than the bucket does not record who in the bucket's account read or changed its objects.
describe('s3-bucket-object-level-logging across accounts (provider assume_role, allowed_account_ids)', () => {
  const main = (trailProvider: string, trail: string) => `provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["222222222222"]
}
provider "aws" {
  alias  = "audit"
  region = "eu-west-1"
${trailProvider}
}
resource "aws_s3_bucket" "twin" {
  bucket = "twin"
}
resource "awscc_iottwinmaker_workspace" "w" {
  workspace_id = "w"
  role         = "arn:aws:iam::222222222222:role/tm"
  s3_location  = aws_s3_bucket.twin.arn
}
resource "aws_cloudtrail" "t" {
  provider              = aws.audit
  name                  = "t"
  s3_bucket_name        = "central"
${trail}
  event_selector {
    read_write_type = "All"
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}
`;
  const OTHER = '  assume_role {\n    role_arn = "arn:aws:iam::111111111111:role/audit"\n  }';
  const check = (trailProvider: string, trail: string) =>
    withFiles({ 'main.tf': main(trailProvider, trail) }, async (dir) => (await checkFindings([dir, '--input-kind', 'hcl'])).findings.filter((f) => f.ruleId === rule.id));

  it('a multi-Region trail in another account fails, and the message names the trail and its account', async () => {
    const findings = await check(OTHER, '  is_multi_region_trail = true');
    expect(findings.map((f) => [f.address, f.status])).toEqual([['aws_s3_bucket.twin', 'fail']]);
    expect(findings[0].message).toMatch(/aws_cloudtrail\.t is in account 111111111111, not the bucket's: a trail that is not an organization trail records the calls of its own account only/);
  });

  it('a single-Region trail in another account fails as well', async () => {
    expect((await check('  allowed_account_ids = ["111111111111"]', '  is_multi_region_trail = false')).map((f) => f.status)).toEqual(['fail']);
  });

  it('an organization trail, the same account, or an account not known records the bucket as before', async () => {
    expect(await check(OTHER, '  is_multi_region_trail = true\n  is_organization_trail = true')).toEqual([]);
    expect(await check('  allowed_account_ids = ["222222222222"]', '  is_multi_region_trail = true')).toEqual([]);
    expect(await check('  assume_role {\n    role_arn = "arn:aws:iam::222222222222:role/audit"\n  }', '  is_multi_region_trail = false')).toEqual([]);
    expect(await check('', '  is_multi_region_trail = true')).toEqual([]);
  });
});
