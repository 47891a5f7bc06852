import { Testing } from 'cdktf';
// Types of the matchers Testing.setupJest() installs (toHaveResourceWithProperties, …).
import type {} from 'cdktf/lib/testing/adapters/jest';
import { setupTwinguardJest } from '../checks/jest';
import fc from 'fast-check';

// Property tests run the same cases on every run, so CI cannot fail by chance;
// TWINGUARD_FUZZ_SEED=<number> (or `random`) explores other cases by hand.
const seed = process.env.TWINGUARD_FUZZ_SEED;
fc.configureGlobal({ seed: seed === 'random' ? Date.now() ^ (Math.random() * 0x7fffffff) : Number(seed ?? 20261129) });

Testing.setupJest();
setupTwinguardJest();
