/**
 * Names that JavaScript objects already have — `__proto__`, `constructor`, `toString`… — are
 * ordinary names in Terraform: an AWS tag key may be `__proto__`, a map may have a `constructor`
 * key. Written as a tag, such a name must be judged like any other, in a plan, a cdk.tf.json and a
 * .tf directory alike. (A tag named `__proto__` holding an email address was dropped by every
 * loader, so the sensitive-data rule passed it, and a required tag of that name was "missing".)
 */
import * as path from 'node:path';
import { checkFile, scratch } from './harness';

const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'] as const;
const EMAIL = 'jane.roe@example.com';
const MASKED = 'j***@e***.com';
const PHONE = '+44 20 7946 0958';
const FULL = { Environment: 'dev', Owner: 'platform', DataClassification: 'internal' };

/** An object with `name` as an own entry: an object literal `{ __proto__: … }` would set the prototype instead. */
const tags = (entries: Record<string, string>, name: string, value: string): Record<string, string> => Object.fromEntries([...Object.entries(entries), [name, value]]);

type Form = 'plan' | 'cdktf' | 'hcl';
const FORMS: readonly Form[] = ['plan', 'cdktf', 'hcl'];

/** One bucket with `own` as its tags, under an aws provider whose default_tags are `defaults`. */
function write(form: Form, own: Record<string, string>, defaults: Record<string, string>, file: (name: string, text: string) => string): string {
  const all = { ...defaults, ...own };
  if (form === 'plan') {
    const after = { bucket: 'b', force_destroy: false, tags: own, tags_all: all };
    const resource = { address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', provider_name: 'registry.terraform.io/hashicorp/aws' };
    return file(
      'plan.json',
      JSON.stringify({
        format_version: '1.2',
        terraform_version: '1.9.0',
        planned_values: { root_module: { resources: [{ ...resource, schema_version: 0, values: after, sensitive_values: { tags: {}, tags_all: {} } }] } },
        resource_changes: [
          {
            ...resource,
            change: { actions: ['create'], before: null, after, after_unknown: { id: true, arn: true, tags: {}, tags_all: {} }, before_sensitive: false, after_sensitive: { tags: {}, tags_all: {} } },
          },
        ],
        configuration: {
          provider_config: {
            aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', expressions: { region: { constant_value: 'eu-west-1' }, default_tags: [{ tags: { constant_value: defaults } }] } },
          },
          root_module: {
            resources: [{ address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', provider_config_key: 'aws', expressions: { bucket: { constant_value: 'b' }, tags: { constant_value: own } }, schema_version: 0 }],
          },
        },
      }),
    );
  }
  if (form === 'cdktf') {
    return file(
      'cdk.tf.json',
      JSON.stringify({
        provider: { aws: [{ region: 'eu-west-1', default_tags: [{ tags: defaults }] }] },
        resource: { aws_s3_bucket: { b: { bucket: 'b', tags: own } } },
      }),
    );
  }
  const map = (entries: Record<string, string>) => Object.entries(entries).map(([k, v]) => `    ${JSON.stringify(k)} = ${JSON.stringify(v)}`).join('\n');
  return path.dirname(file('main.tf', `provider "aws" {\n  region = "eu-west-1"\n  default_tags {\n    tags = {\n${map(defaults)}\n    }\n  }\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n  tags = {\n${map(own)}\n  }\n}\n`));
}

interface Finding {
  readonly ruleId: string;
  readonly status: string;
  readonly address: string;
  readonly path?: string;
  readonly message: string;
}

/** `twinguard check` of one form, with `config` as the working directory's configuration file. */
async function run(form: Form, own: Record<string, string>, defaults: Record<string, string>, config?: string) {
  const dir = scratch();
  try {
    if (config !== undefined) dir.file('twinguard.config.yaml', config);
    const input = write(form, own, defaults, dir.file);
    const outcome = await checkFile(input, dir.dir, form);
    expect(outcome.stderr).toBe('');
    const findings = (JSON.parse(outcome.stdout) as { findings: Finding[] }).findings;
    return { ...outcome, findings };
  } finally {
    dir.cleanup();
  }
}

const of = (findings: readonly Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId).map((f) => [f.address, f.status, f.path ?? '']);

describe.each(FORMS)('%s: a tag whose name JavaScript objects already have', (form) => {
  it.each(NAMES)('a resource tag %s holding an email address fails, masked', async (name) => {
    const { code, stdout, findings } = await run(form, tags(FULL, name, EMAIL), {});
    expect(of(findings, 'no-sensitive-data-in-tags')).toEqual([['aws_s3_bucket.b', 'fail', `tags.${name}`]]);
    expect(findings.find((f) => f.ruleId === 'no-sensitive-data-in-tags')?.message).toContain(`Tag "${name}" holds an email address (${MASKED})`);
    expect(stdout).not.toContain(EMAIL);
    expect(code).toBe(1);
  });

  it.each(NAMES)('a default tag %s holding a phone number fails on the provider block', async (name) => {
    const { findings } = await run(form, FULL, tags({}, name, PHONE));
    expect(of(findings, 'no-sensitive-data-in-tags')).toEqual([['provider.aws', 'fail', `default_tags.tags.${name}`]]);
  });

  it.each(NAMES)('a required tag %s is present when the bucket has it (no finding), and missing when it does not', async (name) => {
    const config = `requiredTags: [${JSON.stringify(name)}]\n`;
    expect(of((await run(form, tags(FULL, name, 'team-a'), {}, config)).findings, 'required-tags')).toEqual([]);
    const missing = (await run(form, FULL, {}, config)).findings.filter((f) => f.ruleId === 'required-tags');
    expect(missing.map((f) => f.message)).toEqual([expect.stringContaining(`is missing the required tag "${name}"`)]);
  });
});
