// ESLint (flat config): typescript-eslint's recommended rules, the import boundaries of the layout
// (README "Layout"), and Prettier's formatting (eslint-config-prettier turns off what it decides).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const APPS = ['api', 'worker', 'notifier', 'importer', 'cli'];
const SEARCH_ATTRIBUTES = 'temporal/(src/)?search-attributes$';
// A specifier that reaches a top-level folder, by climbing (`../../libs/x`) or by alias (`@hazards/x`).
const climbsTo = (folder) => `^(\\.\\./)+${folder}(/|$)`;
const restrict = (...patterns) => ['error', { patterns }];
const never = (folder, why) => ({ regex: climbsTo(folder), message: why });

const NOTHING_IMPORTS_TESTS = never('tests', 'tests/ is never imported: shared test code lives in testing/ (@hazards/testing).');
const PRODUCTION_NOT_TESTING = [
  never('testing', 'production code never imports the test library (testing/).'),
  { regex: '^@hazards/testing(/|$)', message: 'production code never imports the test library (testing/).' },
  ...['bench', 'drills', 'fuzz'].map((f) => never(f, `production code never imports ${f}/.`)),
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'data/**',
      'data-*/**',
      '.tools/**',
      'node_modules/**',
      'console/dist/**',
      '.stryker-tmp/**',
      'reports/**',
      'test-output/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    rules: {
      // Unused names starting with _ are deliberate (a destructured field left out, a required parameter).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // `no-undef` is the type checker's job in TypeScript (typescript-eslint's advice).
      'no-undef': 'off',
      // Raw SQL rows (TypeORM's `query` answers any) and parsed JSON are typed where they are used;
      // strict type-checking governs the rest.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  // The web console (React): the rules of hooks.
  {
    files: ['console/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  // Every file: nothing imports tests/.
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    ignores: ['tests/**'],
    rules: { '@typescript-eslint/no-restricted-imports': restrict(NOTHING_IMPORTS_TESTS) },
  },
  // Libraries never import apps (nor the test code).
  {
    files: ['libs/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        NOTHING_IMPORTS_TESTS,
        ...PRODUCTION_NOT_TESTING,
        never('apps', 'libs/ never import apps/: move what two apps share into a lib.'),
      ),
    },
  },
  // An app never imports another app: what two apps share is a lib.
  ...APPS.map((app) => ({
    files: [`apps/${app}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        NOTHING_IMPORTS_TESTS,
        ...PRODUCTION_NOT_TESTING,
        ...APPS.filter((other) => other !== app).flatMap((other) => [
          { regex: `^(\\.\\./)+${other}/src(/|$)`, message: `apps/${app} never imports apps/${other}: move what both need into libs/.` },
          never(`apps/${other}`, `apps/${app} never imports apps/${other}: move what both need into libs/.`),
        ]),
      ),
    },
  })),
  // Workflows run in Temporal's deterministic sandbox: only @temporalio/workflow, pure domain code and activity *types*.
  {
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!@temporalio/workflow$|@temporalio/common$|\\.|@hazards/)',
              message: 'workflows import only @temporalio/workflow, pure domain code (libs/domain) and activity types.',
            },
            // Types of the SDK that @temporalio/workflow does not re-export (UpdateDefinition).
            {
              regex: '^@temporalio/common$',
              allowTypeImports: true,
              message: 'workflows import only types from @temporalio/common; use @temporalio/workflow.',
            },
            // Other libs: types only (activity interfaces), except the search attribute keys, the
            // contract Temporal's client and the workflow share (pure definitions).
            {
              regex: `^@hazards/(?!domain(/|$)|${SEARCH_ATTRIBUTES})`,
              allowTypeImports: true,
              message: 'workflows import only types from libs other than libs/domain (activity types).',
            },
            {
              regex: `^(\\.\\./)+libs/(?!domain/|${SEARCH_ATTRIBUTES})`,
              allowTypeImports: true,
              message: 'workflows import only types from libs other than libs/domain (activity types).',
            },
            ...['apps', 'tests', 'testing', 'bench', 'drills', 'fuzz', 'infra'].map((f) =>
              never(f, 'workflows import only @temporalio/workflow, pure domain code and activity types.'),
            ),
          ],
        },
      ],
    },
  },
  // bench/, drills/ and fuzz/ share testing/ and never import one another.
  ...['bench', 'drills', 'fuzz', 'testing'].map((folder) => ({
    files: [`${folder}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        NOTHING_IMPORTS_TESTS,
        ...['bench', 'drills', 'fuzz']
          .filter((f) => f !== folder)
          .map((f) => never(f, `${folder}/ never imports ${f}/: shared code lives in testing/.`)),
      ),
    },
  })),
  prettier,
);
