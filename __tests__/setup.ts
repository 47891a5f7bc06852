import { Testing } from 'cdktf';
// Types of the matchers Testing.setupJest() installs (toHaveResourceWithProperties, …).
import type {} from 'cdktf/lib/testing/adapters/jest';
import { setupTwinguardJest } from '../checks/jest';

Testing.setupJest();
setupTwinguardJest();
