// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const { builtinModules } = require('node:module');
const globals = require('globals');

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

module.exports = tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', '/data/', 'generated/', '.venv/', '.cluster/', 'coverage/', 'tmp-*/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js'] }, tsconfigRootDir: __dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The API is a leaf: only the process entry points (and the tests that serve it) compose it.
    files: ['**/*.ts'],
    ignores: ['api/**', 'workers/**', 'tests/**', 'scripts/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/api', '**/api/**'], message: 'nothing imports api/' }] },
      ],
    },
  },
  {
    // Workflow code is replayed: no I/O, no Node built-ins, activities by type only.
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    ignores: ['domain/calendar/snapshot.ts', 'domain/calendar/data/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'no Node built-ins in deterministic code' })),
          patterns: [
            {
              group: ['**/api', '**/api/**', '**/platform/**', '**/procedures', '**/procedures/**'],
              message: 'deterministic code stays pure',
            },
            {
              group: ['**/activities/**'],
              allowTypeImports: true,
              message: 'workflows import activity types only',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: globals.node, sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
