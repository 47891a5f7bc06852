/**
 * What the synth-time gate costs an app of many stacks, counted, not timed: how many checks read every
 * stack of the app, and how many graphs a stack's check builds.
 */
import * as path from 'node:path';
import type { LoadedInput } from '../../checks/model/types';
import { tempDir } from '../cli/run';
import { inDays } from '../helpers/dates';

// The gate's checks, counted. The test setup has loaded the gate already, with the real `check`: the gate and
// the cdktf it reads are loaded again, after the mock, and the app is built with that cdktf.
jest.mock('../../checks/check', () => {
  const actual = jest.requireActual('../../checks/check');
  return { ...actual, check: jest.fn(actual.check) };
});
jest.mock('../../checks/model/graph', () => {
  const actual = jest.requireActual('../../checks/model/graph');
  return { ...actual, buildGraph: jest.fn(actual.buildGraph) };
});
jest.resetModules();
/* eslint-disable @typescript-eslint/no-require-imports */
const checks = (require('../../checks/check') as typeof import('../../checks/check')).check as jest.MockedFunction<typeof import('../../checks/check').check>;
const graphs = (require('../../checks/model/graph') as typeof import('../../checks/model/graph')).buildGraph as jest.MockedFunction<typeof import('../../checks/model/graph').buildGraph>;
const { addTwinguardValidation } = require('../../checks/synth/validation') as typeof import('../../checks/synth/validation');
const { App, S3Backend, TerraformResource, TerraformStack } = require('cdktf') as typeof import('cdktf');
const { AwsProvider } = require('@cdktf/provider-aws/lib/provider') as typeof import('@cdktf/provider-aws/lib/provider');
const { SnsTopic } = require('@cdktf/provider-aws/lib/sns-topic') as typeof import('@cdktf/provider-aws/lib/sns-topic');
/* eslint-enable @typescript-eslint/no-require-imports */
type App = InstanceType<typeof App>;

const scratch = tempDir();
afterAll(() => scratch.cleanup());
let apps = 0;

/**
 * `count` stacks linked to none other, each validated; only the last one's topic is unencrypted, under a waiver on
 * `address` expired yesterday. `gateFirst`: the gate is added to the app before its stacks exist, so the app's own
 * validation checks them all, one after another, when every stack has synthesized.
 */
function appOf(count: number, address = 'aws_sns_topic.topic', gateFirst = false): App {
  const waiver = ['waivers:', '  - rule: sns-topic-encrypted', `    address: ${address}`, '    reason: legacy topic', '    owner: platform', `    expires: "${inDays(-1)}"`];
  const cwd = path.dirname(scratch.write(`app${++apps}/twinguard.config.yaml`, ['version: 1', 'requiredTags: [Environment, Owner]', ...waiver].join('\n')));
  const app = new App({ outdir: path.join(cwd, 'cdktf.out') });
  if (gateFirst) addTwinguardValidation(app, { cwd });
  for (let i = 0; i < count; i++) {
    const stack = new TerraformStack(app, `s${i}`);
    new AwsProvider(stack, 'aws', { region: 'us-east-1', defaultTags: [{ tags: { Environment: 'dev', Owner: 'team' } }] });
    new S3Backend(stack, { bucket: 'state', key: stack.node.id, region: 'us-east-1', encrypt: true });
    new SnsTopic(stack, i === count - 1 ? 'topic' : 'compliant', { name: `t${i}`, ...(i === count - 1 ? {} : { kmsMasterKeyId: 'alias/aws/sns' }) });
  }
  if (!gateFirst) addTwinguardValidation(app, { cwd });
  return app;
}

/** The message `app.synth()` fails with, and how many of the checks it ran read all `count` stacks. */
function synthesized(app: App, count: number): { message: string; appWide: number } {
  checks.mockClear();
  let message = '';
  try {
    app.synth();
  } catch (error) {
    message = (error as Error).message;
  }
  const appWide = checks.mock.calls.filter(([inputs]) => (inputs as readonly LoadedInput[]).length === count).length;
  return { message, appWide };
}

describe('an expired waiver that reaches a finding of the last of many stacks linked to none other', () => {
  it.each([3, 6, 12])('is placed by one check of the whole app for %i stacks, not one for each stack', (count) => {
    const { message, appWide } = synthesized(appOf(count), count);
    // Every stack before the last defers the waiver to the last, which reports it with its finding.
    expect(message).toMatch(new RegExp(`\\[s${count - 1}\\] twinguard waiver for sns-topic-encrypted on aws_sns_topic\\.topic: waiver #1 expired`));
    expect(message.match(/^\s*\[s\d+\] twinguard /gm)).toHaveLength(2);
    expect(appWide).toBe(1);
  });

  it('is placed again when the app synthesizes again', () => {
    const app = appOf(4);
    expect(synthesized(app, 4).appWide).toBe(1);
    expect(synthesized(app, 4).appWide).toBe(1);
  });
});

describe('an expired waiver that reaches no finding in any of many stacks, each checked by the app', () => {
  it.each([3, 6, 12])('is placed by one check of the whole app for %i stacks, and reported by each', (count) => {
    const { message, appWide } = synthesized(appOf(count, 'aws_sns_topic.gone', true), count);
    expect(message.match(/\[s\d+\] twinguard waiver for sns-topic-encrypted on aws_sns_topic\.gone: waiver #1 expired/g)).toHaveLength(count);
    expect(appWide).toBe(1);
  });
});

describe('strict mode, on stacks that write an aws type required-tags cannot tell takes tags', () => {
  it.each([1, 3])('builds one graph for each stack checked, %i stack(s), not a second one for the strict items', (count) => {
    const cwd = path.dirname(scratch.write(`app${++apps}/twinguard.config.yaml`, 'version: 1\nstrict: true\nrequiredTags: [Environment, Owner]\n'));
    const app = new App({ outdir: path.join(cwd, 'cdktf.out') });
    // The app's validation checks every stack, one after another, each linked to none other.
    addTwinguardValidation(app, { cwd });
    for (let i = 0; i < count; i++) {
      const stack = new TerraformStack(app, `w${i}`);
      new AwsProvider(stack, 'aws', { region: 'us-east-1', defaultTags: [{ tags: { Environment: 'dev', Owner: 'team' } }] });
      new S3Backend(stack, { bucket: 'state', key: stack.node.id, region: 'us-east-1', encrypt: true });
      new TerraformResource(stack, 'w', { terraformResourceType: 'aws_brand_new_widget', terraformGeneratorMetadata: { providerName: 'aws' } }).addOverride('name', 'w');
    }
    graphs.mockClear();
    const { message } = synthesized(app, count);
    expect(message.match(/\[w\d\] twinguard strict: required-tags could not tell whether aws_brand_new_widget takes tags \(1 resource\(s\)/g)).toHaveLength(count);
    expect(graphs).toHaveBeenCalledTimes(count);
  });
});
