/** Two projects: pure tests need no server; the rest share one real Temporal dev server. */
const transform = { '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const common = { testEnvironment: 'node', transform, moduleFileExtensions: ['ts', 'js', 'json'] };
/** Folders and files of pure tests: no server, no database, no network. */
const pure = [
  'tests/domain/',
  'tests/deploy/',
  'tests/notifications/templates.test.ts',
  'tests/persistence/dossier-code.test.ts',
  'tests/persistence/passwords.test.ts',
].map((p) => `<rootDir>/${p}`);

module.exports = {
  // Real servers on a 2-core machine: workflows that skip days still take real seconds.
  testTimeout: 120000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: pure.map((p) => (p.endsWith('/') ? `${p}**/*.test.ts` : p)),
    },
    {
      ...common,
      displayName: 'system',
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      testPathIgnorePatterns: pure,
      globalSetup: '<rootDir>/tests/harness/global-setup.ts',
      globalTeardown: '<rootDir>/tests/harness/global-teardown.ts',
    },
  ],
};
