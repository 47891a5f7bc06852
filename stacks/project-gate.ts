/**
 * The synth-time gate of this app (main.ts): twinguard on every stack, with the project's configuration. That is
 * the project's own `twinguard.config.*` when the root holds one, else `examples/twinguard.config.yaml`, the file
 * `npm start` falls back to as well. The example is strict and requires FIPS for prod, so a checkout without its
 * own configuration still refuses to synthesize a prod stack whose providers or state leave the FIPS endpoints.
 */
import * as path from 'node:path';
import type { Construct } from 'constructs';
import { configFilesFor } from '../checks/config';
import { addTwinguardValidation } from '../checks/synth/validation';
import type { EnvironmentConfig } from '../config/schema';
import { buildApp, type TwinMakerStack } from './twinmaker-stack';

/** The configuration the project falls back to when its root holds no `twinguard.config.*`. */
export const EXAMPLE_CONFIG = path.join('examples', 'twinguard.config.yaml');

/**
 * The configuration file the gate reads, relative to `root`: undefined when the root holds a `twinguard.config.*`
 * (twinguard then reads it, and refuses two of them as the CLI does), else {@link EXAMPLE_CONFIG}.
 */
export function projectConfigFile(root: string): string | undefined {
  return configFilesFor(undefined, root).length > 0 ? undefined : EXAMPLE_CONFIG;
}

/**
 * The app main.ts synthesizes: one stack per environment ({@link buildApp}), and the gate on the app with the
 * project's configuration. `addTwinguardValidation(app)` gives each stack its validation and tells the gate which
 * stacks carry it: an expired waiver is reported by the stack whose findings it covers, with them (a validation made
 * by hand counts only once it has run, so the first stack reported a waiver of a later one, as "not run", and synth
 * stopped there), and a stack created after the call is checked too.
 */
export function buildProjectApp(app: Construct, environments: readonly EnvironmentConfig[], root: string): TwinMakerStack[] {
  const stacks = buildApp(app, environments);
  const config = projectConfigFile(root);
  addTwinguardValidation(app, { cwd: root, ...(config !== undefined ? { config } : {}) });
  return stacks;
}
