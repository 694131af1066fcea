// @ts-check
const { defineConfig } = require('eslint/config');
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const importX = require('eslint-plugin-import-x');
const { createTypeScriptImportResolver } = require('eslint-import-resolver-typescript');
const { builtinModules } = require('node:module');
const globals = require('globals');

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

module.exports = defineConfig(
  {
    ignores: ['node_modules/', 'dist/', '/data/', 'generated/', '.venv/', '.cluster/', 'coverage/', 'tmp-*/'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  importX.flatConfigs.recommended,
  importX.flatConfigs.typescript,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js'] }, tsconfigRootDir: __dirname },
    },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${__dirname}/tsconfig.json` })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-deprecated': 'error',
      // Route handlers, activities and test doubles are async to fulfil a Promise contract, not to await.
      '@typescript-eslint/require-await': 'off',
      'import-x/no-cycle': 'error',
      'import-x/no-extraneous-dependencies': [
        'error',
        {
          // Production code may import only `dependencies`; dev tools and their configuration may use the rest.
          devDependencies: [
            'tests/**',
            'scripts/**',
            'cluster/**',
            'prisma/new-migration.ts',
            'prisma/derive-postgresql.ts',
            '*.config.{js,ts}',
            'eslint.config.js',
          ],
          packageDir: __dirname,
        },
      ],
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: __dirname,
          zones: [
            {
              target: './platform',
              from: ['./workflows', './api', './tests'],
              message: 'platform/ sits below the workflows and the API',
            },
            {
              target: ['./prisma', './scripts'],
              from: './tests',
              message: 'shared harness code lives outside tests/',
            },
            {
              target: './domain',
              from: './',
              except: [
                './domain',
                './node_modules/zod',
                './node_modules/date-holidays',
                './node_modules/libphonenumber-js',
              ],
              message: 'domain/ imports only itself, zod and pure libraries',
            },
          ],
        },
      ],
    },
  },
  {
    // The API is a leaf: only the processes that serve it (and the tests and benches) compose it; a
    // worker process loads none of it.
    files: ['**/*.ts'],
    ignores: [
      'api/**',
      'workers/api.ts',
      'workers/api-process.ts',
      'workers/embedded.ts',
      'workers/stack.ts',
      'tests/**',
      'scripts/**',
    ],
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
  {
    // Scripts the pages serve to the browser: plain JS outside the TypeScript project.
    files: ['api/site/**/assets/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.browser, sourceType: 'script' },
  },
);
