import { App, Testing } from 'cdktf';
import { checkSynthesized } from '../../checks/synth/validation';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_CONFIG, loadConfig } from '../../checks/config';
import { ALL_RULES } from '../../checks/rules';
import { AwsccProvider } from '../../stacks/providers/awscc/provider';
import { ENVIRONMENTS, loadEnvironments } from '../../config/environments';
import { looksLikeEmail } from '../../config/schema';
import { buildProjectApp, EXAMPLE_CONFIG, projectConfigFile } from '../../stacks/project-gate';
import { TwinMakerStack, buildApp } from '../../stacks/twinmaker-stack';
import { SynthDoc, resourcesOf } from './synth-helpers';

const environments = loadEnvironments();
const synthesized = new Map<string, { json: string; doc: SynthDoc }>();
let stacks: TwinMakerStack[];

beforeAll(() => {
  stacks = buildApp(Testing.app(), environments);
  for (const stack of stacks) {
    const json = Testing.synth(stack, true);
    synthesized.set(stack.environment.name, { json, doc: JSON.parse(json) as SynthDoc });
  }
});

/** Every tag map in a document: provider default_tags and resource tags. */
function tagValues(doc: SynthDoc): string[] {
  const maps = [
    ...doc.provider.aws.flatMap((p) => (p.default_tags ?? []).map((d: any) => d.tags)),
    ...Object.values(doc.resource).flatMap((byName) => Object.values(byName).map((body) => body.tags ?? {})),
  ];
  return maps.flatMap((tags) => Object.values(tags as Record<string, string>));
}

test('builds one stack per environment from the same class', () => {
  expect(stacks.map((stack) => stack.node.id)).toEqual(['twinmaker-dev', 'twinmaker-staging', 'twinmaker-prod']);
  for (const stack of stacks) expect(stack).toBeInstanceOf(TwinMakerStack);
});

describe.each(environments.map((env) => [env.name, env] as const))('%s stack', (name, env) => {
  const doc = () => synthesized.get(name)!.doc;
  const json = () => synthesized.get(name)!.json;

  test('passes every twinguard rule with no finding at all (not even a waived or unknown one)', () => {
    // Strict where it can be: FIPS required wherever the environment turns it on, every opt-in rule on.
    const config = {
      ...DEFAULT_CONFIG,
      settings: { ...DEFAULT_CONFIG.settings, fips: { required: env.fips, environments: [] }, requireTopicQueueTransportPolicy: true },
      strict: false,
    };
    expect(json()).toPassTwinguard({ config });
    const { report } = checkSynthesized(JSON.parse(json()), `twinmaker-${name}`, { config });
    expect(report.findings.map((f) => `${f.ruleId} ${f.address}: ${f.message}`)).toEqual([]);
    expect(report.inputs[0].resources).toBeGreaterThan(20);
  });

  test('passes strict mode with examples/twinguard.config.yaml, which accepts the two types no rule understands, and only those', () => {
    const root = path.join(__dirname, '..', '..');
    const example = loadConfig(path.join(root, 'examples', 'twinguard.config.yaml'), root, ALL_RULES);
    const config = { ...example, settings: { ...example.settings, fips: { required: env.fips, environments: [] } } };
    const { report } = checkSynthesized(JSON.parse(json()), `twinmaker-${name}`, { config });
    expect(report.coverage).toMatchObject({ strict: true, uncheckedTypes: [], notLoadedModules: [] });
    expect(report.coverage.acceptedTypes?.map((t) => t.type)).toEqual(['aws_s3_bucket_lifecycle_configuration', 'aws_s3_bucket_versioning']);
    expect(report.summary.blocking).toBe(0);
    // Without the accepted types, strict mode blocks on exactly those two.
    const bare = checkSynthesized(JSON.parse(json()), `twinmaker-${name}`, { config: { ...config, acceptUnchecked: [] } }).report;
    expect(bare.coverage.uncheckedTypes.map((t) => t.type)).toEqual(['aws_s3_bucket_lifecycle_configuration', 'aws_s3_bucket_versioning']);
    expect(bare.summary.blocking).toBe(2);
  });

  test('the aws provider assumes the environment role with default_tags and the FIPS setting', () => {
    expect(doc().provider.aws[0]).toEqual({
      region: env.region,
      allowed_account_ids: [env.accountId],
      assume_role: [{ role_arn: env.assumeRoleArn, session_name: `${env.stackName}-deploy` }],
      default_tags: [{ tags: { ...env.tags } }],
      ...(env.fips ? { use_fips_endpoint: true } : {}),
    });
    for (const tag of ['Environment', 'Owner', 'DataClassification']) expect(env.tags[tag]).toBeTruthy();
  });

  test('the awscc provider assumes the role (object) and uses FIPS endpoints when FIPS is on', () => {
    expect(json()).toHaveProviderWithProperties(AwsccProvider, {
      region: env.region,
      assume_role: { role_arn: env.assumeRoleArn, session_name: `${env.stackName}-deploy` },
    });
    const endpoints = doc().provider.awscc[0].endpoints;
    if (env.fips) {
      expect(endpoints).toEqual({
        cloudcontrolapi: `https://cloudcontrolapi-fips.${env.region}.amazonaws.com`,
        sts: `https://sts-fips.${env.region}.amazonaws.com`,
      });
    } else {
      expect(endpoints).toBeUndefined();
    }
  });

  test('keeps state in S3, encrypted with KMS and locked, under its own key', () => {
    expect(doc().terraform.backend.s3).toEqual({
      bucket: env.state.bucket,
      key: `twinmaker/${name}/terraform.tfstate`,
      region: env.state.region,
      encrypt: true,
      kms_key_id: env.state.kmsKeyId,
      use_lockfile: true,
      ...(env.fips ? { use_fips_endpoint: true } : {}),
    });
  });

  test('the workspace carries the same tags as the aws default_tags', () => {
    expect(resourcesOf(doc(), 'awscc_iottwinmaker_workspace')[0].tags).toEqual(env.tags);
  });

  test('names buckets twinmaker-<env>-<account>-<region>[-logs|-trail]', () => {
    const base = `twinmaker-${name}-${env.accountId}-${env.region}`;
    expect(resourcesOf(doc(), 'aws_s3_bucket').map((b) => b.bucket).sort()).toEqual([base, `${base}-logs`, `${base}-trail`]);
  });

  test('no tag value contains an email address', () => {
    const values = tagValues(doc());
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(looksLikeEmail(value)).toBe(false);
  });
});

test('the validation hook attaches validations that run at synth', () => {
  const seen: string[] = [];
  const app = Testing.app();
  const built = buildApp(app, environments.slice(0, 1), {
    validations: (stack) => {
      seen.push(stack.environment.name);
      return [{ validate: () => ['blocked by the gate'] }];
    },
  });
  expect(seen).toEqual(['dev']);
  expect(built[0].node.validate()).toEqual(['blocked by the gate']);
  expect(() => Testing.synth(built[0], true)).toThrow(/blocked by the gate/);
});

describe("the project's synth-time gate (main.ts)", () => {
  const root = path.join(__dirname, '..', '..');
  const prod = ENVIRONMENTS.find((env) => env.name === 'prod')!;
  /** What the gate says when the stack synthesizes (aspects first, as cdktf runs them): one line per blocking item. */
  const gateErrors = (stack: TwinMakerStack): string[] => {
    try {
      Testing.synth(stack, true);
      return [];
    } catch (error) {
      return (error as Error).message.split('\n').filter((line) => line.includes('twinguard')).map((line) => line.trim());
    }
  };

  test("reads the project's twinguard.config.* when the root holds one, else examples/twinguard.config.yaml", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-project-'));
    try {
      expect(projectConfigFile(dir)).toBe(EXAMPLE_CONFIG);
      fs.writeFileSync(path.join(dir, 'twinguard.config.yaml'), 'version: 1\n');
      expect(projectConfigFile(dir)).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('passes every shipped environment', () => {
    const built = buildProjectApp(Testing.app(), environments, root);
    expect(built.map(gateErrors)).toEqual([[], [], []]);
  });

  test('refuses prod with FIPS turned off: both providers and the state backend leave the FIPS endpoints', () => {
    const [stack] = buildProjectApp(Testing.app(), loadEnvironments([{ ...prod, fips: false }]), root);
    expect(gateErrors(stack)).toEqual([
      expect.stringMatching(/^\[twinmaker-prod\] twinguard provider-fips-endpoints \(high\): .*provider aws does not set use_fips_endpoint = true\..*environment "prod"/),
      expect.stringMatching(/^\[twinmaker-prod\] twinguard provider-fips-endpoints \(high\): .*endpoints\.cloudcontrolapi and endpoints\.sts of provider awscc are not set/),
      expect.stringMatching(/^\[twinmaker-prod\] twinguard provider-fips-endpoints \(high\): terraform\.backend\.s3: the s3 backend does not set use_fips_endpoint = true: .*\(stack twinmaker-prod is environment "prod", which requires FIPS\.\)$/),
    ]);
  });

  // The state's S3, DynamoDB, IAM and STS calls left the FIPS endpoints unjudged: only the providers were.
  test('refuses a prod stack whose state backend alone leaves the FIPS endpoints (no use_fips_endpoint, or an endpoints.s3 of no FIPS host)', () => {
    const withBackend = (override: (stack: TwinMakerStack) => void): string[] => {
      const [stack] = buildProjectApp(Testing.app(), loadEnvironments([prod]), root);
      override(stack);
      return gateErrors(stack);
    };
    expect(withBackend((stack) => stack.addOverride('terraform.backend.s3.use_fips_endpoint', undefined))).toEqual([
      '[twinmaker-prod] twinguard provider-fips-endpoints (high): terraform.backend.s3: the s3 backend does not set use_fips_endpoint = true: its S3, DynamoDB, IAM and STS calls, which carry the state, its lock and the credentials it is given, go to the default, non-FIPS endpoints. Set `use_fips_endpoint = true` in the backend block (AWS_USE_FIPS_ENDPOINT in the environment is invisible to the gate). (stack twinmaker-prod is environment "prod", which requires FIPS.)',
    ]);
    expect(withBackend((stack) => stack.addOverride('terraform.backend.s3.endpoints', { s3: 'https://s3.us-east-1.amazonaws.com' }))).toEqual([
      expect.stringMatching(/^\[twinmaker-prod\] twinguard provider-fips-endpoints \(high\): terraform\.backend\.s3: endpoints\.s3 of the s3 backend is "https:\/\/s3\.us-east-1\.amazonaws\.com", not a FIPS endpoint: the backend sends that service's calls to an endpoint it is given as written, ignoring use_fips_endpoint\./),
    ]);
    expect(withBackend(() => undefined)).toEqual([]);
  });

  test('passes prod in us-gov-west-1, whose STS FIPS endpoint is the regional host', () => {
    const [gov] = loadEnvironments([
      {
        ...prod,
        region: 'us-gov-west-1',
        accountId: '111111111111',
        assumeRoleArn: 'arn:aws-us-gov:iam::111111111111:role/twinmaker-deployer',
        state: { bucket: 'tfstate-111111111111-us-gov-west-1', region: 'us-gov-west-1', kmsKeyId: 'arn:aws-us-gov:kms:us-gov-west-1:111111111111:alias/tfstate' },
      },
    ]);
    const [stack] = buildProjectApp(Testing.app(), [gov], root);
    expect(gateErrors(stack)).toEqual([]);
  });

  // `cdktf synth` runs main.ts, whose app.synth() stops at the first stack whose validation fails.
  test("reports an expired waiver of the project's configuration on the stack whose findings it covers, with them, as app.synth() does for `cdktf synth`", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-project-'));
    try {
      const waiver = ['waivers:', '  - rule: provider-fips-endpoints', '    address: "*"', '    input: cdktf.out/stacks/twinmaker-prod/*', '    reason: FIPS endpoints are rolled out to prod next quarter', '    owner: platform-engineering', '    expires: "2020-01-01"'];
      fs.writeFileSync(path.join(dir, 'twinguard.config.yaml'), [fs.readFileSync(path.join(root, EXAMPLE_CONFIG), 'utf8'), ...waiver].join('\n'));
      const app = new App({ outdir: path.join(dir, 'cdktf.out') });
      buildProjectApp(app, loadEnvironments(ENVIRONMENTS.map((env) => (env.name === 'prod' ? { ...env, fips: false } : env))), dir);
      let message = '';
      try {
        app.synth();
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message.split('\n').filter((line) => line.includes('twinguard')).map((line) => line.trim())).toEqual([
        expect.stringMatching(/^\[twinmaker-prod\] twinguard provider-fips-endpoints \(high\): .*provider aws does not set use_fips_endpoint = true/),
        expect.stringMatching(/^\[twinmaker-prod\] twinguard provider-fips-endpoints \(high\): .*of provider awscc are not set/),
        expect.stringMatching(/^\[twinmaker-prod\] twinguard provider-fips-endpoints \(high\): terraform\.backend\.s3: the s3 backend does not set use_fips_endpoint = true/),
        '[twinmaker-prod] twinguard waiver for provider-fips-endpoints on *: waiver #1 expired on 2020-01-01: the findings it covered block again; renew it with a review or fix them',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('leaves FIPS to the environment elsewhere: staging with FIPS off passes', () => {
    const staging = ENVIRONMENTS.find((env) => env.name === 'staging')!;
    const [stack] = buildProjectApp(Testing.app(), loadEnvironments([{ ...staging, fips: false }]), root);
    expect(gateErrors(stack)).toEqual([]);
  });
});

test('a FIPS environment in us-gov-west-1 sends awscc to the GovCloud FIPS hosts of Cloud Control and STS, and the rest through FIPS too', () => {
  const dev = ENVIRONMENTS.find((env) => env.name === 'dev')!;
  const [gov] = loadEnvironments([
    {
      ...dev,
      region: 'us-gov-west-1',
      fips: true,
      assumeRoleArn: 'arn:aws-us-gov:iam::111111111111:role/twinmaker-deployer',
      state: { bucket: 'tfstate-111111111111-us-gov-west-1', region: 'us-gov-west-1', kmsKeyId: 'arn:aws-us-gov:kms:us-gov-west-1:111111111111:alias/tfstate' },
    },
  ]);
  const [stack] = buildApp(Testing.app(), [gov]);
  const doc = JSON.parse(Testing.synth(stack)) as SynthDoc;
  expect(doc.provider.awscc[0].endpoints).toEqual({
    cloudcontrolapi: 'https://cloudcontrolapi-fips.us-gov-west-1.amazonaws.com',
    sts: 'https://sts.us-gov-west-1.amazonaws.com',
  });
  expect(doc.provider.aws[0].use_fips_endpoint).toBe(true);
  expect(doc.terraform.backend.s3.use_fips_endpoint).toBe(true);
});
