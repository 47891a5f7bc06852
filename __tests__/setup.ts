import { Testing } from 'cdktf';
// Types of the matchers Testing.setupJest() installs (toHaveResourceWithProperties, …).
import type {} from 'cdktf/lib/testing/adapters/jest';
import { setupTwinguardJest } from '../checks/jest';
import fc from 'fast-check';

// Property tests run the same cases on every run, so CI cannot fail by chance;
// TWINGUARD_FUZZ_SEED=<number> (or `random`) explores other cases by hand.
const seed = process.env.TWINGUARD_FUZZ_SEED;
fc.configureGlobal({ seed: seed === 'random' ? Date.now() ^ (Math.random() * 0x7fffffff) : Number(seed ?? 20261129) });

// The AWS shared config file of whoever runs the tests (~/.aws/config, a LocalStack profile's http:// endpoint_url)
// gives the checks no endpoint: an empty one, in this process (the synth-time check reads its environment) and in the
// twinguard and gate processes the tests start with it. A test names its own file in the environment it gives.
process.env.AWS_CONFIG_FILE = '/dev/null';

Testing.setupJest();
setupTwinguardJest();
