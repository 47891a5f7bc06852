/** Tests are transpiled by swc without type-checking; `npm run typecheck` checks types once for the whole tree. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
  // Builds dist/twinguard.js once, so CLI tests run the command a user runs (fast: esbuild).
  globalSetup: '<rootDir>/__tests__/cli/global-setup.js',
  globalTeardown: '<rootDir>/__tests__/cli/global-teardown.js',
  // Both cores: the suite is CPU-bound (measured on 2 cores: 151 s with jest's default of one worker, 91 s with two).
  maxWorkers: 2,
  testTimeout: 60000,
};
