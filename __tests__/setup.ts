import { Testing } from 'cdktf';
// Types of the matchers Testing.setupJest() installs (toHaveResourceWithProperties, …).
import type {} from 'cdktf/lib/testing/adapters/jest';
import { setupTwinguardJest } from '../checks/jest';
import fc from 'fast-check';
import os from 'node:os';
import * as path from 'node:path';

// Property tests run the same cases on every run, so CI cannot fail by chance;
// TWINGUARD_FUZZ_SEED=<number> (or `random`) explores other cases by hand.
const seed = process.env.TWINGUARD_FUZZ_SEED;
fc.configureGlobal({ seed: seed === 'random' ? Date.now() ^ (Math.random() * 0x7fffffff) : Number(seed ?? 20261129) });

// The AWS shared config and credentials files of whoever runs the tests (~/.aws/config, a LocalStack profile's http://
// endpoint_url; ~/.aws/credentials) give the checks no endpoint: empty ones, in this process (the synth-time check reads its environment) and in the
// twinguard and gate processes the tests start with it. A test names its own file in the environment it gives.
process.env.AWS_CONFIG_FILE = '/dev/null';
process.env.AWS_SHARED_CREDENTIALS_FILE = '/dev/null';
// An environment a test gives without HOME or AWS_CONFIG_FILE (`loadHcl(dir, { env: {} })`) has the file found in the OS
// user's home, as the AWS SDK finds it (environment-endpoints.ts): here a home with no .aws/config, never the real user's.
// A test that gives a home of its own mocks os.userInfo once more.
const user = os.userInfo();
jest.spyOn(os, 'userInfo').mockImplementation(() => ({ ...user, homedir: path.join(os.tmpdir(), 'twinguard-tests-no-home') }));

Testing.setupJest();
setupTwinguardJest();
