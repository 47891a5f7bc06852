/**
 * A jest matcher for cdktf stacks: `expect(Testing.synth(stack)).toPassTwinguard(options?)` runs
 * twinguard's rules on the synthesized configuration and fails with one line per blocking finding.
 *
 *   // jest setup file (setupFilesAfterEnv), or the top of a test file:
 *   import { setupTwinguardJest } from 'twinguard/checks/jest';
 *   setupTwinguardJest();
 *
 * `Testing.synth` drops cdktf's `//` metadata, so findings name addresses without construct paths;
 * pass `JSON.stringify(stack.toTerraform())` (after `Testing.synth`) to keep them. The matcher sees
 * one stack, and `Testing.synth` writes no cross-stack reference (another stack's bucket is named as
 * if this stack held it): the app's stacks are not linked here (the synth-time gate and `twinguard
 * check cdktf.out` link them).
 */
import { InputError } from './errors';
import { invalidJsonMessage } from './model/json-error';
import { blockingMessages, checkSynthesized, type TwinguardOptions } from './synth/validation';

/** Options of the matcher: those of the synth-time gate, plus the input name findings carry. */
export interface TwinguardMatcherOptions extends TwinguardOptions {
  /** Input name in messages and for waiver `input` globs. Default: `cdk.tf.json`. */
  readonly input?: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** The synthesized stack (`Testing.synth(stack)` or its parsed JSON) has no blocking twinguard finding. */
      toPassTwinguard(options?: TwinguardMatcherOptions): R;
    }
  }
}

/** The document the matcher was given: the JSON text `Testing.synth` returns, or an object. */
function documentOf(received: unknown, input: string): unknown {
  if (typeof received !== 'string') return received;
  try {
    return JSON.parse(received);
  } catch (error) {
    throw new InputError(input, `${invalidJsonMessage(error, received)} (pass Testing.synth(stack))`);
  }
}

/**
 * The matcher itself, for `expect.extend({ toPassTwinguard })`. Input twinguard cannot read (not
 * JSON, not a Terraform configuration, a bad configuration file) throws: it fails with and without `.not`.
 */
export function toPassTwinguard(received: unknown, options: TwinguardMatcherOptions = {}): jest.CustomMatcherResult {
  const input = options.input ?? 'cdk.tf.json';
  const checked = checkSynthesized(documentOf(received, input), input, options);
  const messages = blockingMessages(checked);
  const pass = messages.length === 0;
  return {
    pass,
    message: pass
      ? () => `expected twinguard to block the stack, but it passed (${checked.report.findings.length} finding(s), none blocking)`
      : () => `expected the stack to pass twinguard, but it has ${messages.length} blocking item(s):\n${messages.map((m) => `  - ${m}`).join('\n')}`,
  };
}

/** Register `toPassTwinguard` with jest's `expect`. Call it once, in a setup file or a test file. */
export function setupTwinguardJest(): void {
  expect.extend({ toPassTwinguard });
}
