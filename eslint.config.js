// ESLint flat config. Package boundaries are enforced here: the renderer never imports Electron
// or Node, and the engine in shared/ imports nothing but itself and zod.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'dist-web/',
      'dist-cli/',
      'release/',
      '.stryker-tmp/',
      'reports/',
      'test-results/',
      'playwright-report/',
      'docs/',
      'calibration/',
      '.gl/',
      '.whl/',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'node:*', 'fs', 'path'],
              message: 'The renderer talks to its host only through the Platform interface.',
            },
            { group: ['**/electron/**'], message: 'Shared IPC types live in shared/ipc.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'react', 'react-dom', 'dexie', 'node:*', 'fs', 'path'],
              message: 'shared/ is a pure engine: no DOM, Node or Electron.',
            },
            {
              group: ['../renderer/**', '../electron/**', '../../renderer/**', '../../electron/**'],
              message: 'shared/ cannot import from the app.',
            },
          ],
        },
      ],
    },
  },
  {
    // No function over ~80 lines in app or engine code: split into named steps, sub-components or hooks.
    files: ['shared/**/*.ts', 'renderer/src/**/*.{ts,tsx}', 'cli/**/*.ts', 'electron/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    files: ['bin/**/*.mjs', 'scripts/**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
