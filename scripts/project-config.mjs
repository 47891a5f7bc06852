// The twinguard configuration of the project, for `npm start` and `npm run deploy`, as the synth-time
// check chooses it (stacks/project-gate.ts): a `twinguard.config.*` of the project's directory, else the
// strict example, which also requires FIPS for prod.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The file the project falls back to when it has no configuration of its own (relative to its root). */
export const EXAMPLE_CONFIG = join('examples', 'twinguard.config.yaml');

/** The name of the configuration file in `dir` twinguard reads by default (checks/config.ts DEFAULT_CONFIG_FILES), or undefined. */
export const ownConfig = (dir) => ['twinguard.config.yaml', 'twinguard.config.yml', 'twinguard.config.json'].find((name) => existsSync(join(dir, name)));
