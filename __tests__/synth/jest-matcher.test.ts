/**
 * `expect(Testing.synth(stack)).toPassTwinguard(options?)`: passes on our stacks, fails on a broken
 * one with a message listing the findings, honours the configuration, and never passes garbage.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { DEFAULT_CONFIG } from '../../checks/config';
import { setupTwinguardJest } from '../../checks/jest';
import { loadEnvironments } from '../../config/environments';
import { buildApp } from '../../stacks/twinmaker-stack';
import { inDays } from '../helpers/dates';

setupTwinguardJest();

const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinguard-matcher-'));
afterAll(() => fs.rmSync(emptyDir, { recursive: true, force: true }));
/** No configuration file: the defaults, whatever the repository's working directory holds. */
const defaults = { cwd: emptyDir };

function brokenStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'broken');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new S3Bucket(stack, 'data', { bucket: 'my-data' });
  return stack;
}

describe('toPassTwinguard', () => {
  it('passes on each of our stacks', () => {
    for (const stack of buildApp(Testing.app(), loadEnvironments())) expect(Testing.synth(stack)).toPassTwinguard(defaults);
  });

  it('fails on a broken stack, listing each blocking finding with its rule id and address', () => {
    const json = Testing.synth(brokenStack());
    expect(json).not.toPassTwinguard(defaults);
    expect(() => expect(json).toPassTwinguard(defaults)).toThrow(/expected the stack to pass twinguard, but it has \d+ blocking item\(s\):\n[\s\S]* {2}- twinguard s3-bucket-default-encryption \(high\): aws_s3_bucket\.data: /);
  });

  it('keeps construct paths when given the document with its metadata', () => {
    const stack = brokenStack();
    Testing.synth(stack);
    expect(() => expect(stack.toTerraform()).toPassTwinguard(defaults)).toThrow(/aws_s3_bucket\.data \(broken\/data\)/);
  });

  it('takes a configuration: disabled rules and waivers no longer block', () => {
    const json = Testing.synth(brokenStack());
    const config = {
      ...DEFAULT_CONFIG,
      rules: { ...DEFAULT_CONFIG.rules, disable: ['required-tags', 'terraform-state-encrypted', 's3-bucket-deny-insecure-transport', 's3-bucket-owner-enforced', 's3-bucket-public-access-block', 's3-bucket-access-logging'] },
      waivers: [{ rule: 's3-bucket-default-encryption', address: 'aws_s3_bucket.data', reason: 'scratch bucket, holds no data', owner: 'platform', expires: inDays(30), index: 0 }],
    };
    expect(json).toPassTwinguard({ config });
  });

  it('.not on a passing stack fails with a message saying it passed', () => {
    const [stack] = buildApp(Testing.app(), loadEnvironments());
    expect(() => expect(Testing.synth(stack)).not.toPassTwinguard(defaults)).toThrow(/expected twinguard to block the stack, but it passed/);
  });

  it('input twinguard cannot read fails with and without .not', () => {
    expect(() => expect('{ not json').toPassTwinguard(defaults)).toThrow(/cdk\.tf\.json: invalid JSON at line 1, column \d+: .*\(pass Testing\.synth\(stack\)\)/);
    expect(() => expect('{ not json').not.toPassTwinguard(defaults)).toThrow(/cdk\.tf\.json: invalid JSON at line 1, column \d+: .*\(pass Testing\.synth\(stack\)\)/);
    expect(() => expect('{"format_version":"1.2","resource_changes":[]}').not.toPassTwinguard(defaults)).toThrow(/not a cdktf configuration/);
  });
});
