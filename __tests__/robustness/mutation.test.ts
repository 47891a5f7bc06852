/**
 * Mutation tests: start from compliant inputs — the synthesized stack (cdk.tf.json) and a plan
 * that mirrors it (plan-builder, from the benchmark's site template) — apply one violating change
 * at a time, and require a blocking finding on the right address with the right category (and
 * rule). The mutation score (caught / applied) must be 100%.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { check, type Checked } from '../../checks/check';
import { DEFAULT_CONFIG } from '../../checks/config';
import { parseCdktfDocument } from '../../checks/model/cdktf';
import { loadPlanFile, parsePlanDocument } from '../../checks/model/plan';
import type { Finding } from '../../checks/report';
import { loadEnvironments } from '../../config/environments';
import { buildApp } from '../../stacks/twinmaker-stack';
import { generatePlan } from '../../scripts/bench/generate-plan';
import { addressOf, AWSCC_PROVIDER, DEFAULT_TAGS, templateSite, VIOLATIONS } from '../../scripts/bench/plan-units';
import { plan, res, type Res } from '../helpers/plan-builder';
import { ALL_BLOCKED, denyInsecure, denyOldTls, policyJson } from '../rules/fixtures/transit';

type Doc = Record<string, any>;

interface Expectation {
  readonly category: string;
  readonly address: string;
  readonly ruleId: string;
}

interface Mutation<T> {
  readonly name: string;
  readonly apply: (input: T) => void;
  readonly expect: (input: T) => Expectation;
}

const TODAY = '2026-11-28';
const EMAIL = 'jane.doe@example.com';
const URL_WITH_PASSWORD = 'https://deploy:Xq7-hunter2-Pw@hooks.example.com/notify';

const checkOf = (input: ReturnType<typeof parseCdktfDocument>): Checked => check([input], DEFAULT_CONFIG, { today: TODAY });
const blocking = (checked: Checked): Finding[] => checked.report.findings.filter((f) => f.blocking);
const caught = (findings: readonly Finding[], e: Expectation): boolean => findings.some((f) => f.address === e.address && f.category === e.category && f.ruleId === e.ruleId);
const describeFinding = (f: Finding): string => `${f.ruleId} ${f.category} ${f.address}`;

/** Runs every mutation on a fresh copy, checks it, and records the score. */
function runMutations<T>(label: string, fresh: () => T, checkInput: (input: T) => Checked, mutations: readonly Mutation<T>[]): void {
  const score = { caught: 0, total: 0 };
  it.each(mutations.map((m) => [m.name, m] as const))(`${label}: %s is caught`, (_name, mutation) => {
    const input = fresh();
    const expected = mutation.expect(input);
    mutation.apply(input);
    const findings = blocking(checkInput(input));
    score.total += 1;
    if (caught(findings, expected)) score.caught += 1;
    expect({ caught: caught(findings, expected), expected, findings: findings.map(describeFinding) }).toMatchObject({ caught: true });
  });
  afterAll(() => {
    // eslint-disable-next-line no-console
    console.log(`mutation score (${label}): ${score.caught}/${score.total} = ${((100 * score.caught) / Math.max(1, score.total)).toFixed(0)}%`);
    expect(score).toEqual({ caught: mutations.length, total: mutations.length });
  });
}

// --- the synthesized stack -------------------------------------------------------------------

let synthesized: { doc: Doc; stack: string };

beforeAll(() => {
  const stacks = buildApp(Testing.app(), loadEnvironments());
  const stack = stacks.find((s) => s.node.id.endsWith('prod')) ?? stacks[0];
  synthesized = { doc: JSON.parse(Testing.synth(stack)), stack: stack.node.id };
});

const cdktfFresh = (): Doc => structuredClone(synthesized.doc);
const cdktfCheck = (doc: Doc): Checked => checkOf(parseCdktfDocument(doc, 'cdk.tf.json', synthesized.stack));

/** The one resource of `type` whose logical id contains `part`: [address, body]. */
function one(doc: Doc, type: string, part = ''): [string, Doc] {
  const found = Object.entries(doc.resource[type] ?? {}).filter(([id]) => id.includes(part));
  if (found.length !== 1) throw new Error(`expected one ${type} matching "${part}", found ${found.length}`);
  const [id, body] = found[0];
  return [`${type}.${id}`, body as Doc];
}

/** The satellite of `type` whose `bucket` refers to the bucket with logical id part `bucket`. */
function satellite(doc: Doc, type: string, bucket: string): [string, Doc] {
  const [bucketAddress] = one(doc, 'aws_s3_bucket', bucket);
  const found = Object.entries(doc.resource[type] ?? {}).filter(([, body]) => String((body as Doc).bucket).startsWith(`\${${bucketAddress}.`));
  if (found.length !== 1) throw new Error(`expected one ${type} of ${bucketAddress}, found ${found.length}`);
  return [`${type}.${found[0][0]}`, found[0][1] as Doc];
}

const removeResource = (doc: Doc, address: string): void => {
  const [type, id] = address.split('.');
  delete doc.resource[type][id];
};
const policyOf = (body: Doc): Doc => JSON.parse(body.policy ?? body.assume_role_policy);
const bucketOf = (doc: Doc, part: string): string => one(doc, 'aws_s3_bucket', part)[0];
const awsProvider = (doc: Doc): Doc => (Array.isArray(doc.provider.aws) ? doc.provider.aws[0] : doc.provider.aws);
const expectOn = (ruleId: string, category: string, address: string): Expectation => ({ ruleId, category, address });
/** An IAM policy statement that decrypts with every key. */
const DECRYPT_EVERY_KEY = { Sid: 'DecryptEverything', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: '*' };
/** A key policy statement that lets any AWS account use the key. */
const EVERYONE_USES_KEY = { Sid: 'EveryoneDecrypts', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Decrypt'], Resource: '*' };

const CDKTF_MUTATIONS: readonly Mutation<Doc>[] = [
  {
    name: 'remove the SSE configuration',
    apply: (doc) => removeResource(doc, satellite(doc, 'aws_s3_bucket_server_side_encryption_configuration', 'workspace-bucket')[0]),
    expect: (doc) => expectOn('s3-bucket-default-encryption', 'encryption-at-rest', bucketOf(doc, 'workspace-bucket')),
  },
  {
    name: 'switch the SSE to AES256 where KMS is required',
    apply: (doc) => {
      const sse = satellite(doc, 'aws_s3_bucket_server_side_encryption_configuration', 'workspace-bucket')[1];
      sse.rule[0].apply_server_side_encryption_by_default = { sse_algorithm: 'AES256' };
    },
    expect: (doc) => expectOn('s3-bucket-sse-kms', 'encryption-at-rest', bucketOf(doc, 'workspace-bucket')),
  },
  {
    name: 'point the SSE at another bucket',
    apply: (doc) => {
      satellite(doc, 'aws_s3_bucket_server_side_encryption_configuration', 'workspace-bucket')[1].bucket = `\${${bucketOf(doc, 'access-log-bucket')}.bucket}`;
    },
    expect: (doc) => expectOn('s3-bucket-default-encryption', 'encryption-at-rest', bucketOf(doc, 'workspace-bucket')),
  },
  {
    name: 'turn the SSE algorithm into a value known only after apply',
    apply: (doc) => {
      satellite(doc, 'aws_s3_bucket_server_side_encryption_configuration', 'workspace-bucket')[1].rule[0].apply_server_side_encryption_by_default.sse_algorithm = `\${${one(doc, 'aws_kms_key')[0]}.key_id}`;
    },
    expect: (doc) => expectOn('s3-bucket-sse-kms', 'encryption-at-rest', bucketOf(doc, 'workspace-bucket')),
  },
  {
    name: 'drop the TLS statement of the bucket policy',
    apply: (doc) => {
      const body = satellite(doc, 'aws_s3_bucket_policy', 'workspace-bucket')[1];
      const policy = policyOf(body);
      policy.Statement = policy.Statement.filter((s: Doc) => s.Sid !== 'DenyInsecureTransport');
      body.policy = JSON.stringify(policy);
    },
    expect: (doc) => expectOn('s3-bucket-deny-insecure-transport', 'encryption-in-transit', bucketOf(doc, 'workspace-bucket')),
  },
  {
    name: 'drop the TLS 1.2 statement of the bucket policy',
    apply: (doc) => {
      const body = satellite(doc, 'aws_s3_bucket_policy', 'trail-bucket')[1];
      const policy = policyOf(body);
      policy.Statement = policy.Statement.filter((s: Doc) => s.Sid !== 'DenyTlsOlderThan12');
      body.policy = JSON.stringify(policy);
    },
    expect: (doc) => expectOn('s3-bucket-deny-tls-below-1-2', 'encryption-in-transit', bucketOf(doc, 'trail-bucket')),
  },
  {
    name: 'drop a required tag from default_tags',
    apply: (doc) => {
      delete awsProvider(doc).default_tags[0].tags.Owner;
      // The stack's tagging aspect also writes the tags on each resource: remove them there too.
      for (const bodies of Object.values(doc.resource) as Doc[]) for (const body of Object.values(bodies) as Doc[]) if (body.tags) delete body.tags.Owner;
    },
    expect: (doc) => expectOn('required-tags', 'tagging', bucketOf(doc, 'workspace-bucket')),
  },
  {
    name: 'put an email in a tag',
    apply: (doc) => {
      const key = one(doc, 'aws_kms_key')[1];
      key.tags = { ...(key.tags ?? {}), Contact: EMAIL };
    },
    expect: (doc) => expectOn('no-sensitive-data-in-tags', 'sensitive-data', one(doc, 'aws_kms_key')[0]),
  },
  {
    name: 'put an email in a description',
    apply: (doc) => {
      one(doc, 'aws_kms_key')[1].description = `Key of the workspace, ask ${EMAIL}`;
    },
    expect: (doc) => expectOn('no-sensitive-data-in-free-form-fields', 'sensitive-data', one(doc, 'aws_kms_key')[0]),
  },
  {
    name: 'put credentials in a URL',
    apply: (doc) => {
      one(doc, 'aws_cloudtrail')[1].cloud_watch_logs_group_arn = URL_WITH_PASSWORD;
    },
    expect: (doc) => expectOn('no-credentials-in-attributes', 'sensitive-data', one(doc, 'aws_cloudtrail')[0]),
  },
  {
    name: 'put static credentials in the provider',
    apply: (doc) => {
      Object.assign(awsProvider(doc), { access_key: 'AKIAIOSFODNN7EXAMPLE', secret_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
    },
    expect: () => expectOn('no-static-provider-credentials', 'sensitive-data', 'provider.aws'),
  },
  {
    name: 'store the state without encryption',
    apply: (doc) => {
      delete doc.terraform.backend.s3.encrypt;
    },
    expect: () => expectOn('terraform-state-encrypted', 'encryption-at-rest', 'terraform.backend.s3'),
  },
  {
    name: 'keep the state in a local file',
    apply: (doc) => {
      doc.terraform.backend = { local: { path: 'terraform.twinmaker-prod.tfstate' } };
    },
    expect: () => expectOn('terraform-state-encrypted', 'encryption-at-rest', 'terraform.backend.local'),
  },
  {
    name: 'put static credentials in the backend',
    apply: (doc) => {
      Object.assign(doc.terraform.backend.s3, { access_key: 'AKIAIOSFODNN7EXAMPLE', secret_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
    },
    expect: () => expectOn('no-static-provider-credentials', 'sensitive-data', 'terraform.backend.s3'),
  },
  {
    name: 'disable key rotation',
    apply: (doc) => {
      one(doc, 'aws_kms_key')[1].enable_key_rotation = false;
    },
    expect: (doc) => expectOn('kms-key-rotation', 'encryption-at-rest', one(doc, 'aws_kms_key')[0]),
  },
  {
    name: 'open the key policy to every principal',
    apply: (doc) => {
      const key = one(doc, 'aws_kms_key')[1];
      const policy = policyOf(key);
      policy.Statement.push(EVERYONE_USES_KEY);
      key.policy = JSON.stringify(policy);
    },
    expect: (doc) => expectOn('kms-key-not-public', 'access', one(doc, 'aws_kms_key')[0]),
  },
  {
    name: 'let the TwinMaker role decrypt with every key',
    apply: (doc) => {
      const rolePolicy = one(doc, 'aws_iam_role_policy')[1];
      const policy = policyOf(rolePolicy);
      policy.Statement.push(DECRYPT_EVERY_KEY);
      rolePolicy.policy = JSON.stringify(policy);
    },
    expect: (doc) => expectOn('iam-policy-no-decrypt-all-keys', 'access', one(doc, 'aws_iam_role_policy')[0]),
  },
  {
    name: 'let the TwinMaker role read every bucket',
    apply: (doc) => {
      const rolePolicy = one(doc, 'aws_iam_role_policy')[1];
      const policy = policyOf(rolePolicy);
      policy.Statement.push({ Sid: 'ReadEverything', Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' });
      rolePolicy.policy = JSON.stringify(policy);
    },
    expect: (doc) => expectOn('twinmaker-role-s3-scope', 'access', one(doc, 'aws_iam_role_policy')[0]),
  },
  {
    name: 'attach AWS\'s AdministratorAccess to the TwinMaker role, its ARN made from the partition',
    apply: (doc) => {
      const [role] = one(doc, 'aws_iam_role');
      ((doc.data ??= {}).aws_partition ??= {}).current = {};
      (doc.resource.aws_iam_role_policy_attachment ??= {}).admin = { role: `\${${role}.name}`, policy_arn: 'arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess' };
    },
    expect: () => expectOn('iam-policy-no-admin-access', 'access', 'aws_iam_role_policy_attachment.admin'),
  },
  {
    name: 'shorten the key deletion window',
    apply: (doc) => {
      one(doc, 'aws_kms_key')[1].deletion_window_in_days = 3;
    },
    expect: (doc) => expectOn('kms-key-deletion-window', 'encryption-at-rest', one(doc, 'aws_kms_key')[0]),
  },
  {
    name: 'unencrypt the trail',
    apply: (doc) => {
      delete one(doc, 'aws_cloudtrail')[1].kms_key_id;
    },
    expect: (doc) => expectOn('cloudtrail-kms-encryption', 'encryption-at-rest', one(doc, 'aws_cloudtrail')[0]),
  },
  {
    name: 'turn off log file validation',
    apply: (doc) => {
      one(doc, 'aws_cloudtrail')[1].enable_log_file_validation = false;
    },
    expect: (doc) => expectOn('cloudtrail-log-file-validation', 'logging', one(doc, 'aws_cloudtrail')[0]),
  },
  {
    name: 'make the trail single-Region',
    apply: (doc) => {
      one(doc, 'aws_cloudtrail')[1].is_multi_region_trail = false;
    },
    expect: (doc) => expectOn('cloudtrail-multi-region', 'logging', one(doc, 'aws_cloudtrail')[0]),
  },
  {
    name: 'record only write management events',
    apply: (doc) => {
      (one(doc, 'aws_cloudtrail')[1].event_selector as Record<string, unknown>[])[0].read_write_type = 'WriteOnly';
    },
    expect: (doc) => expectOn('cloudtrail-multi-region', 'logging', one(doc, 'aws_cloudtrail')[0]),
  },
  {
    name: 'stop recording the workspace bucket\'s object-level events',
    apply: (doc) => {
      const selector = (one(doc, 'aws_cloudtrail')[1].event_selector as Record<string, any>[])[0];
      selector.data_resource[0].values = ['arn:aws:s3:::some-other-bucket/'];
    },
    expect: (doc) => expectOn('s3-bucket-object-level-logging', 'logging', bucketOf(doc, 'workspace-bucket')),
  },
  {
    name: 'leave KMS management events out of the trail',
    apply: (doc) => {
      (one(doc, 'aws_cloudtrail')[1].event_selector as Record<string, unknown>[])[0].exclude_management_event_sources = ['kms.amazonaws.com'];
    },
    expect: (doc) => expectOn('cloudtrail-multi-region', 'logging', one(doc, 'aws_cloudtrail')[0]),
  },
  {
    name: 'remove the access logging of the workspace bucket',
    apply: (doc) => removeResource(doc, satellite(doc, 'aws_s3_bucket_logging', 'workspace-bucket')[0]),
    expect: (doc) => expectOn('s3-bucket-access-logging', 'logging', bucketOf(doc, 'workspace-bucket')),
  },
  {
    name: 'remove a public-access block',
    apply: (doc) => removeResource(doc, satellite(doc, 'aws_s3_bucket_public_access_block', 'trail-bucket')[0]),
    expect: (doc) => expectOn('s3-bucket-public-access-block', 'access', bucketOf(doc, 'trail-bucket')),
  },
  {
    name: 'let public policies through the public-access block',
    apply: (doc) => {
      satellite(doc, 'aws_s3_bucket_public_access_block', 'workspace-bucket')[1].block_public_policy = false;
    },
    expect: (doc) => expectOn('s3-bucket-public-access-block', 'access', bucketOf(doc, 'workspace-bucket')),
  },
  {
    name: 'turn ACLs back on',
    apply: (doc) => {
      satellite(doc, 'aws_s3_bucket_ownership_controls', 'access-log-bucket')[1].rule = { object_ownership: 'ObjectWriter' };
    },
    expect: (doc) => expectOn('s3-bucket-owner-enforced', 'access', bucketOf(doc, 'access-log-bucket')),
  },
  {
    name: 'remove the trust condition of the TwinMaker role',
    apply: (doc) => {
      const role = one(doc, 'aws_iam_role')[1];
      const policy = policyOf(role);
      for (const s of policy.Statement) delete s.Condition;
      role.assume_role_policy = JSON.stringify(policy);
    },
    expect: (doc) => expectOn('twinmaker-role-source-condition', 'access', one(doc, 'aws_iam_role')[0]),
  },
  {
    name: 'point the workspace at a bucket outside the stack',
    apply: (doc) => {
      one(doc, 'awscc_iottwinmaker_workspace')[1].s3_location = 'arn:aws:s3:::someone-elses-bucket';
    },
    expect: (doc) => expectOn('twinmaker-workspace-bucket-known', 'encryption-at-rest', one(doc, 'awscc_iottwinmaker_workspace')[0]),
  },
];

describe('mutations of the synthesized stack', () => {
  it('starts from a compliant stack', () => {
    expect(blocking(cdktfCheck(cdktfFresh())).map(describeFinding)).toEqual([]);
  });
  runMutations('cdktf', cdktfFresh, cdktfCheck, CDKTF_MUTATIONS);
});

// --- a plan that mirrors the stack -----------------------------------------------------------

/** The benchmark's site template as plan-builder resources: the stack's resources, as a plan shows them. */
function planFresh(): Res[] {
  const site = { ...templateSite(1, false), module: '' };
  return site.resources.map((r) =>
    res(addressOf(site, r), structuredClone(r.values), {
      unknown: structuredClone(r.unknown),
      expressions: JSON.parse(JSON.stringify(r.expressions).replace(/"each\.value(\.\w+)?"/g, '"var.site$1"')),
      ...(r.provider === AWSCC_PROVIDER ? { provider: 'awscc' } : {}),
    }),
  );
}

const PROVIDERS = { aws: { name: 'aws', expressions: { region: { constant_value: 'eu-west-1' }, default_tags: [{ tags: { constant_value: { ...DEFAULT_TAGS } } }] } } };
const planCheck = (resources: Res[]): Checked => checkOf(parsePlanDocument(plan(resources, { providers: structuredClone(PROVIDERS) }), 'plan.json'));

const find = (resources: Res[], address: string): Res => {
  const found = resources.find((r) => r.address === address);
  if (!found) throw new Error(`no ${address} in the plan`);
  return found;
};
const drop = (resources: Res[], address: string): void => {
  resources.splice(resources.indexOf(find(resources, address)), 1);
};
const sseDefaults = (r: Res): Doc => (r.after.rule as Doc[])[0].apply_server_side_encryption_by_default[0];

/** Rewrite the JSON policy document at `attribute` of `r`. */
function rewritePolicy(r: Res, attribute: string, edit: (doc: Doc) => void): void {
  const doc = JSON.parse(r.after[attribute] as string);
  edit(doc);
  r.after[attribute] = JSON.stringify(doc);
}
const withoutStatement =
  (sid: string) =>
  (doc: Doc): void => {
    doc.Statement = doc.Statement.filter((st: Doc) => st.Sid !== sid);
  };
const withoutConditions = (doc: Doc): void => {
  for (const st of doc.Statement) delete st.Condition;
};

const PLAN_MUTATIONS: readonly Mutation<Res[]>[] = [
  {
    name: 'remove the SSE configuration',
    apply: (rs) => drop(rs, 'aws_s3_bucket_server_side_encryption_configuration.workspace'),
    expect: () => expectOn('s3-bucket-default-encryption', 'encryption-at-rest', 'aws_s3_bucket.workspace'),
  },
  {
    name: 'switch the SSE to AES256 where KMS is required',
    apply: (rs) => {
      const sse = find(rs, 'aws_s3_bucket_server_side_encryption_configuration.trail');
      Object.assign(sseDefaults(sse), { sse_algorithm: 'AES256', kms_master_key_id: null });
      sse.options.unknown = {};
    },
    expect: () => expectOn('s3-bucket-sse-kms', 'encryption-at-rest', 'aws_s3_bucket.trail'),
  },
  {
    name: 'point the SSE at another bucket',
    apply: (rs) => {
      const sse = find(rs, 'aws_s3_bucket_server_side_encryption_configuration.workspace');
      sse.after.bucket = find(rs, 'aws_s3_bucket.logs').after.bucket;
      sse.options.expressions = { ...sse.options.expressions, bucket: { references: ['aws_s3_bucket.logs.bucket', 'aws_s3_bucket.logs'] } };
    },
    expect: () => expectOn('s3-bucket-default-encryption', 'encryption-at-rest', 'aws_s3_bucket.workspace'),
  },
  {
    name: 'turn the SSE algorithm unknown',
    apply: (rs) => {
      const sse = find(rs, 'aws_s3_bucket_server_side_encryption_configuration.workspace');
      sseDefaults(sse).sse_algorithm = null;
      sse.options.unknown = { rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: true, sse_algorithm: true }] }] };
    },
    expect: () => expectOn('s3-bucket-sse-kms', 'encryption-at-rest', 'aws_s3_bucket.workspace'),
  },
  {
    name: 'turn the SSE bucket unknown with no reference to follow',
    apply: (rs) => {
      const sse = find(rs, 'aws_s3_bucket_server_side_encryption_configuration.workspace');
      sse.after.bucket = null;
      sse.options.unknown = { ...sse.options.unknown, bucket: true };
      sse.options.expressions = { ...sse.options.expressions, bucket: { references: ['var.bucket_name'] } };
    },
    expect: () => expectOn('s3-bucket-default-encryption', 'encryption-at-rest', 'aws_s3_bucket.workspace'),
  },
  {
    name: 'turn key rotation unknown',
    apply: (rs) => {
      const key = find(rs, 'aws_kms_key.key');
      key.after.enable_key_rotation = null;
      key.options.unknown = { ...key.options.unknown, enable_key_rotation: true };
    },
    expect: () => expectOn('kms-key-rotation', 'encryption-at-rest', 'aws_kms_key.key'),
  },
  {
    name: 'drop the TLS statement of the bucket policy',
    apply: (rs) => rewritePolicy(find(rs, 'aws_s3_bucket_policy.workspace'), 'policy', withoutStatement('DenyInsecureTransport')),
    expect: () => expectOn('s3-bucket-deny-insecure-transport', 'encryption-in-transit', 'aws_s3_bucket.workspace'),
  },
  {
    name: 'drop a required tag from the tags',
    apply: (rs) => {
      const queue = find(rs, 'aws_sqs_queue.events');
      queue.after.tags_all = { ...(queue.after.tags_all as Doc), Owner: undefined };
      delete (queue.after.tags_all as Doc).Owner;
    },
    expect: () => expectOn('required-tags', 'tagging', 'aws_sqs_queue.events'),
  },
  {
    name: 'put an email in a tag',
    apply: (rs) => {
      const bucket = find(rs, 'aws_s3_bucket.logs');
      bucket.after.tags = { ...(bucket.after.tags as Doc), Contact: EMAIL };
      bucket.after.tags_all = { ...(bucket.after.tags_all as Doc), Contact: EMAIL };
    },
    expect: () => expectOn('no-sensitive-data-in-tags', 'sensitive-data', 'aws_s3_bucket.logs'),
  },
  {
    name: 'put an email in a description',
    apply: (rs) => {
      find(rs, 'aws_iam_role.role').after.description = `Role of ${EMAIL}`;
    },
    expect: () => expectOn('no-sensitive-data-in-free-form-fields', 'sensitive-data', 'aws_iam_role.role'),
  },
  {
    name: 'put credentials in a URL',
    apply: (rs) => {
      find(rs, 'aws_sns_topic.alerts').after.delivery_policy = URL_WITH_PASSWORD;
    },
    expect: () => expectOn('no-credentials-in-attributes', 'sensitive-data', 'aws_sns_topic.alerts'),
  },
  {
    name: 'disable key rotation',
    apply: (rs) => {
      find(rs, 'aws_kms_key.key').after.enable_key_rotation = false;
    },
    expect: () => expectOn('kms-key-rotation', 'encryption-at-rest', 'aws_kms_key.key'),
  },
  {
    name: 'let the role decrypt with every key',
    apply: (rs) => {
      rewritePolicy(find(rs, 'aws_iam_role_policy.role'), 'policy', (doc) => doc.Statement.push(DECRYPT_EVERY_KEY));
    },
    expect: () => expectOn('iam-policy-no-decrypt-all-keys', 'access', 'aws_iam_role_policy.role'),
  },
  {
    name: 'open the key policy to every principal',
    apply: (rs) => {
      rewritePolicy(find(rs, 'aws_kms_key.key'), 'policy', (doc) => doc.Statement.push(EVERYONE_USES_KEY));
    },
    expect: () => expectOn('kms-key-not-public', 'access', 'aws_kms_key.key'),
  },
  {
    name: 'replace the key (the old one is deleted)',
    apply: (rs) => {
      find(rs, 'aws_kms_key.key').options.actions = ['delete', 'create'];
    },
    expect: () => expectOn('kms-key-not-destroyed', 'encryption-at-rest', 'aws_kms_key.key'),
  },
  {
    name: 'delete the trail',
    apply: (rs) => {
      find(rs, 'aws_cloudtrail.trail').options.actions = ['delete'];
    },
    expect: () => expectOn('cloudtrail-not-deleted', 'logging', 'aws_cloudtrail.trail'),
  },
  {
    name: 'delete the key',
    apply: (rs) => {
      find(rs, 'aws_kms_key.key').options.actions = ['delete'];
    },
    expect: () => expectOn('kms-key-not-destroyed', 'encryption-at-rest', 'aws_kms_key.key'),
  },
  {
    name: 'unencrypt the trail',
    apply: (rs) => {
      const trail = find(rs, 'aws_cloudtrail.trail');
      trail.after.kms_key_id = null;
      delete trail.options.unknown?.kms_key_id;
    },
    expect: () => expectOn('cloudtrail-kms-encryption', 'encryption-at-rest', 'aws_cloudtrail.trail'),
  },
  {
    name: 'log data events alone (advanced selectors without management events)',
    apply: (rs) => {
      const trail = find(rs, 'aws_cloudtrail.trail');
      delete trail.after.event_selector;
      trail.after.advanced_event_selector = [
        { name: 'workspace objects', field_selector: [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: ['AWS::S3::Object'] }] },
      ];
    },
    expect: () => expectOn('cloudtrail-multi-region', 'logging', 'aws_cloudtrail.trail'),
  },
  {
    name: 'remove a public-access block',
    apply: (rs) => drop(rs, 'aws_s3_bucket_public_access_block.workspace'),
    expect: () => expectOn('s3-bucket-public-access-block', 'access', 'aws_s3_bucket.workspace'),
  },
  {
    name: 'remove the trust condition',
    apply: (rs) => rewritePolicy(find(rs, 'aws_iam_role.role'), 'assume_role_policy', withoutConditions),
    expect: () => expectOn('twinmaker-role-source-condition', 'access', 'aws_iam_role.role'),
  },
  {
    name: 'leave the queue unencrypted',
    apply: (rs) => {
      const queue = find(rs, 'aws_sqs_queue.events');
      queue.after.kms_master_key_id = null;
      delete queue.options.unknown?.kms_master_key_id;
      // A new queue that sets neither gets SSE-SQS: turn that off too.
      queue.after.sqs_managed_sse_enabled = false;
      delete queue.options.unknown?.sqs_managed_sse_enabled;
    },
    expect: () => expectOn('sqs-queue-encrypted', 'encryption-at-rest', 'aws_sqs_queue.events'),
  },
  {
    name: 'turn the table encryption off',
    apply: (rs) => {
      const table = find(rs, 'aws_dynamodb_table.state');
      table.after.server_side_encryption = [{ enabled: false, kms_key_arn: null }];
      delete table.options.unknown?.server_side_encryption;
    },
    expect: () => expectOn('dynamodb-table-kms', 'encryption-at-rest', 'aws_dynamodb_table.state'),
  },
];

describe('mutations of a plan that mirrors the stack', () => {
  it('starts from a compliant plan', () => {
    expect(blocking(planCheck(planFresh())).map(describeFinding)).toEqual([]);
  });
  runMutations('plan', planFresh, planCheck, PLAN_MUTATIONS);
});

// --- a TwinMaker configuration written in awscc alone ------------------------------------------

const ACCOUNT = '111122223333';
const TAG_LIST = Object.entries(DEFAULT_TAGS).map(([key, value]) => ({ key, value }));

/** Bucket, key, policy, role, workspace, trail and log group, all awscc, compliant; names literal, ids known only after apply. */
function awsccFresh(): Res[] {
  const bucket = (name: string, extra: Doc = {}): Res =>
    res(`awscc_s3_bucket.${name}`, {
      bucket_name: `tm-${name}`,
      bucket_encryption: { server_side_encryption_configuration: [{ server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } }] },
      public_access_block_configuration: { ...ALL_BLOCKED },
      ownership_controls: { rules: [{ object_ownership: 'BucketOwnerEnforced' }] },
      logging_configuration: { destination_bucket_name: 'tm-logs', log_file_prefix: `${name}/` },
      tags: structuredClone(TAG_LIST),
      ...extra,
    }, {
      unknown: { arn: true, id: true, bucket_encryption: { server_side_encryption_configuration: [{ server_side_encryption_by_default: { kms_master_key_id: true } }] } },
      refs: { bucket_encryption: ['awscc_kms_key.key.arn', 'awscc_kms_key.key'] },
    });
  const policy = (name: string): Res =>
    res(`awscc_s3_bucket_policy.${name}`, {
      policy_document: policyJson([denyInsecure(`arn:aws:s3:::tm-${name}`), denyOldTls(`arn:aws:s3:::tm-${name}`)]),
    }, { unknown: { bucket: true, id: true }, refs: { bucket: [`awscc_s3_bucket.${name}.id`, `awscc_s3_bucket.${name}`] } });
  return [
    res('awscc_kms_key.key', { description: 'twinmaker', enable_key_rotation: true, pending_window_in_days: 30, tags: structuredClone(TAG_LIST) }, { unknown: { arn: true, id: true, key_id: true, key_spec: true, key_policy: true } }),
    bucket('workspace'),
    bucket('trail'),
    bucket('logs', { logging_configuration: undefined }),
    policy('workspace'),
    policy('trail'),
    policy('logs'),
    res('awscc_iam_role.role', {
      role_name: 'twinmaker',
      description: 'Service role of the TwinMaker workspace',
      assume_role_policy_document: policyJson([
        { Effect: 'Allow', Principal: { Service: 'iottwinmaker.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': `arn:aws:iottwinmaker:eu-west-1:${ACCOUNT}:workspace/factory` } } },
      ]),
      tags: structuredClone(TAG_LIST),
    }, { unknown: { arn: true, id: true, role_id: true } }),
    res('awscc_iottwinmaker_workspace.w', { workspace_id: 'factory', description: 'Factory twin', tags: { ...DEFAULT_TAGS } }, {
      unknown: { arn: true, id: true, role: true, s3_location: true },
      refs: { role: ['awscc_iam_role.role.arn', 'awscc_iam_role.role'], s3_location: ['awscc_s3_bucket.workspace.arn', 'awscc_s3_bucket.workspace'] },
    }),
    res('awscc_cloudtrail_trail.trail', {
      trail_name: 'audit',
      is_logging: true,
      is_multi_region_trail: true,
      enable_log_file_validation: true,
      include_global_service_events: true,
      event_selectors: [{ read_write_type: 'All', include_management_events: true, data_resources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::tm-workspace/'] }] }],
      tags: structuredClone(TAG_LIST),
    }, {
      unknown: { arn: true, id: true, s3_bucket_name: true, kms_key_id: true },
      refs: { s3_bucket_name: ['awscc_s3_bucket.trail.id', 'awscc_s3_bucket.trail'], kms_key_id: ['awscc_kms_key.key.arn', 'awscc_kms_key.key'] },
    }),
    res('awscc_logs_log_group.audit', { log_group_name: 'audit', tags: structuredClone(TAG_LIST) }, {
      unknown: { arn: true, id: true, kms_key_id: true },
      refs: { kms_key_id: ['awscc_kms_key.key.arn', 'awscc_kms_key.key'] },
    }),
  ];
}

const AWSCC_PROVIDERS = { awscc: { name: 'awscc', expressions: { region: { constant_value: 'eu-west-1' } } } };
const awsccCheck = (resources: Res[]): Checked => checkOf(parsePlanDocument(plan(resources, { providers: structuredClone(AWSCC_PROVIDERS) }), 'plan.json'));
const encryptionOf = (r: Res): Doc => (r.after.bucket_encryption as Doc).server_side_encryption_configuration[0].server_side_encryption_by_default;

const AWSCC_MUTATIONS: readonly Mutation<Res[]>[] = [
  {
    name: 'remove the bucket encryption',
    apply: (rs) => {
      const bucket = find(rs, 'awscc_s3_bucket.workspace');
      delete bucket.after.bucket_encryption;
      bucket.options.unknown = { arn: true, id: true, bucket_encryption: true };
      bucket.options.refs = {};
    },
    expect: () => expectOn('s3-bucket-default-encryption', 'encryption-at-rest', 'awscc_s3_bucket.workspace'),
  },
  {
    name: 'switch the workspace bucket to AES256',
    apply: (rs) => {
      const bucket = find(rs, 'awscc_s3_bucket.workspace');
      encryptionOf(bucket).sse_algorithm = 'AES256';
      bucket.options.unknown = { arn: true, id: true };
      bucket.options.refs = {};
    },
    expect: () => expectOn('s3-bucket-sse-kms', 'encryption-at-rest', 'awscc_s3_bucket.workspace'),
  },
  {
    name: 'drop the TLS statement of the awscc bucket policy',
    apply: (rs) => rewritePolicy(find(rs, 'awscc_s3_bucket_policy.workspace'), 'policy_document', withoutStatement('DenyInsecureTransport')),
    expect: () => expectOn('s3-bucket-deny-insecure-transport', 'encryption-in-transit', 'awscc_s3_bucket.workspace'),
  },
  {
    name: 'let public bucket policies through',
    apply: (rs) => {
      (find(rs, 'awscc_s3_bucket.trail').after.public_access_block_configuration as Doc).restrict_public_buckets = false;
    },
    expect: () => expectOn('s3-bucket-public-access-block', 'access', 'awscc_s3_bucket.trail'),
  },
  {
    name: 'turn server access logging off on the workspace bucket',
    apply: (rs) => {
      delete find(rs, 'awscc_s3_bucket.workspace').after.logging_configuration;
    },
    expect: () => expectOn('s3-bucket-access-logging', 'logging', 'awscc_s3_bucket.workspace'),
  },
  {
    name: 'disable key rotation on the awscc key',
    apply: (rs) => {
      find(rs, 'awscc_kms_key.key').after.enable_key_rotation = false;
    },
    expect: () => expectOn('kms-key-rotation', 'encryption-at-rest', 'awscc_kms_key.key'),
  },
  {
    name: 'give the awscc key a policy that lets every principal use it',
    apply: (rs) => {
      const key = find(rs, 'awscc_kms_key.key');
      key.after.key_policy = policyJson([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }, EVERYONE_USES_KEY]);
      delete (key.options.unknown as Doc).key_policy;
    },
    expect: () => expectOn('kms-key-not-public', 'access', 'awscc_kms_key.key'),
  },
  {
    name: 'unencrypt the awscc trail',
    apply: (rs) => {
      const trail = find(rs, 'awscc_cloudtrail_trail.trail');
      delete (trail.options.unknown as Doc).kms_key_id;
      delete (trail.options.refs as Doc).kms_key_id;
    },
    expect: () => expectOn('cloudtrail-kms-encryption', 'encryption-at-rest', 'awscc_cloudtrail_trail.trail'),
  },
  {
    name: 'stop the trail logging',
    apply: (rs) => {
      find(rs, 'awscc_cloudtrail_trail.trail').after.is_logging = false;
    },
    expect: () => expectOn('cloudtrail-multi-region', 'logging', 'awscc_cloudtrail_trail.trail'),
  },
  {
    name: 'record the workspace bucket\'s object-level writes only',
    apply: (rs) => {
      (find(rs, 'awscc_cloudtrail_trail.trail').after.event_selectors as Doc[])[0].read_write_type = 'WriteOnly';
    },
    expect: () => expectOn('s3-bucket-object-level-logging', 'logging', 'awscc_s3_bucket.workspace'),
  },
  {
    name: 'unencrypt the log group',
    apply: (rs) => {
      const group = find(rs, 'awscc_logs_log_group.audit');
      group.options.unknown = { arn: true, id: true };
      group.options.refs = {};
    },
    expect: () => expectOn('cloudwatch-log-group-encrypted', 'encryption-at-rest', 'awscc_logs_log_group.audit'),
  },
  {
    name: 'drop a required tag from the bucket',
    apply: (rs) => {
      const bucket = find(rs, 'awscc_s3_bucket.logs');
      bucket.after.tags = (bucket.after.tags as Doc[]).filter((t) => t.key !== 'Owner');
    },
    expect: () => expectOn('required-tags', 'tagging', 'awscc_s3_bucket.logs'),
  },
  {
    name: 'put an email in a tag',
    apply: (rs) => {
      (find(rs, 'awscc_kms_key.key').after.tags as Doc[]).push({ key: 'Contact', value: EMAIL });
    },
    expect: () => expectOn('no-sensitive-data-in-tags', 'sensitive-data', 'awscc_kms_key.key'),
  },
  {
    name: 'remove the trust condition of the awscc role',
    apply: (rs) => rewritePolicy(find(rs, 'awscc_iam_role.role'), 'assume_role_policy_document', withoutConditions),
    expect: () => expectOn('twinmaker-role-source-condition', 'access', 'awscc_iam_role.role'),
  },
];

describe('mutations of a TwinMaker plan written in awscc alone', () => {
  it('starts from a compliant plan', () => {
    expect(blocking(awsccCheck(awsccFresh())).map(describeFinding)).toEqual([]);
  });
  runMutations('awscc plan', awsccFresh, awsccCheck, AWSCC_MUTATIONS);
});

// --- the benchmark's generated plan ----------------------------------------------------------

describe('violations planted by the benchmark generator', () => {
  it('are each caught on their address, with nothing else reported', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-mutation-'));
    try {
      const generated = await generatePlan(path.join(dir, 'plan.json'), { resources: 600, seed: 5, violationRate: 1 });
      const key = (f: Expectation) => `${f.ruleId} ${f.category} ${f.address}`;
      const planted = generated.expected.findings.map(key).sort();
      const found = blocking(checkOf(await loadPlanFile(generated.path, 'plan.json'))).map(key).sort();
      expect(new Set(generated.expected.findings.map((f) => f.ruleId))).toEqual(new Set(Object.values(VIOLATIONS).map((v) => v.ruleId)));
      expect(found).toEqual(planted);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
