/**
 * The synth-time gate of this app (main.ts): twinguard on every stack, with the project's configuration. That is
 * the project's own `twinguard.config.*` when the root holds one, else `examples/twinguard.config.yaml`, the file
 * `npm start` falls back to as well. The example is strict and requires FIPS for prod, so a checkout without its
 * own configuration still refuses to synthesize a prod stack whose providers or state leave the FIPS endpoints.
 */
import * as path from 'node:path';
import { configFilesFor } from '../checks/config';
import { TwinguardValidation } from '../checks/synth/validation';
import type { StackValidations } from './twinmaker-stack';

/** The configuration the project falls back to when its root holds no `twinguard.config.*`. */
export const EXAMPLE_CONFIG = path.join('examples', 'twinguard.config.yaml');

/**
 * The configuration file the gate reads, relative to `root`: undefined when the root holds a `twinguard.config.*`
 * (twinguard then reads it, and refuses two of them as the CLI does), else {@link EXAMPLE_CONFIG}.
 */
export function projectConfigFile(root: string): string | undefined {
  return configFilesFor(undefined, root).length > 0 ? undefined : EXAMPLE_CONFIG;
}

/** The validations main.ts attaches to each stack: the twinguard gate with the project's configuration. */
export function projectValidations(root: string): StackValidations {
  const config = projectConfigFile(root);
  return (stack) => [new TwinguardValidation(stack, { cwd: root, ...(config !== undefined ? { config } : {}) })];
}
