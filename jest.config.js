/** Two projects: pure tests need no server; the rest share one real Temporal dev server. */
const transform = { '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const common = { testEnvironment: 'node', transform, moduleFileExtensions: ['ts', 'js', 'json'] };
const serverless = ['<rootDir>/tests/domain/', '<rootDir>/tests/deploy/'];

module.exports = {
  // Real servers on a 2-core machine: workflows that skip days still take real seconds.
  testTimeout: 120000,
  projects: [
    { ...common, displayName: 'unit', testMatch: serverless.map((dir) => `${dir}**/*.test.ts`) },
    {
      ...common,
      displayName: 'system',
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      testPathIgnorePatterns: serverless,
      globalSetup: '<rootDir>/tests/harness/global-setup.ts',
      globalTeardown: '<rootDir>/tests/harness/global-teardown.ts',
    },
  ],
};
