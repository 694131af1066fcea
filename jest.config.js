/** Two projects: pure domain tests need no server; the rest share one real Temporal dev server. */
const transform = { '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const common = { testEnvironment: 'node', transform, moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
  // Real servers on a 2-core machine: workflows that skip days still take real seconds.
  testTimeout: 120000,
  projects: [
    { ...common, displayName: 'domain', testMatch: ['<rootDir>/tests/domain/**/*.test.ts'] },
    {
      ...common,
      displayName: 'system',
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      testPathIgnorePatterns: ['<rootDir>/tests/domain/'],
      globalSetup: '<rootDir>/tests/harness/global-setup.ts',
      globalTeardown: '<rootDir>/tests/harness/global-teardown.ts',
    },
  ],
};
