// @ts-check
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The layers (README "Architecture"): domain ← app ← entry, infra implements app's ports, contract is the
// leaf both sides import. test/lint/layers.test.ts proves each rule below fires.
const forgeInCore = {
  group: ['@forge/*'],
  message: 'Only src/infra and the Forge entry adapters (src/entry, src/index.ts) import @forge/*.',
};
const localFromApp = {
  group: ['**/local/**', '../local/*', '../../local/*'],
  message: 'local/ is the development platform; the app must not import it.',
};
const procedureValues = {
  group: ['@contract/procedures', '**/contract/procedures'],
  allowTypeImports: true,
  message:
    'static/ imports the procedure map as types only (import type): its values are the zod schemas, which stay out of the UI bundles.',
};
const layers = [
  {
    target: './src/contract',
    from: ['./src/domain', './src/app', './src/infra', './src/entry', './src/index.ts'],
    message: 'src/contract is the leaf both sides import: it imports nothing else from src/.',
  },
  {
    target: './src/domain',
    from: ['./src/app', './src/infra', './src/entry', './src/index.ts'],
    message: 'src/domain is pure rules: it imports no app, infra or entry code.',
  },
  {
    target: './src/app',
    from: ['./src/infra', './src/entry', './src/index.ts'],
    message: 'src/app reaches infra only through its ports: it imports no infra or entry code.',
  },
  {
    // The composition root (src/entry/compose.ts) picks the adapters; every other entry file reaches
    // them through it, and sees app errors only (src/infra/app-errors.ts).
    target: ['./src/entry/!(compose).ts', './src/index.ts'],
    from: './src/infra',
    message: 'src/entry reaches src/infra only through the composition root (src/entry/compose.ts).',
  },
  {
    target: ['./static', './local'],
    from: './src',
    except: ['./contract'],
    message: 'static/ and local/ import src/ only through src/contract (@contract/*).',
  },
];

// strictTypeChecked rules left off for now, with their findings counted on 2026-11-30 (the
// unnecessary type arguments, boolean compares and conversions were fixed and are on); turn each on with its fixes.
const strictLeftOff = [
  '@typescript-eslint/no-unnecessary-condition', // 43: defensive checks on parsed input; review one by one
  '@typescript-eslint/no-deprecated', // 32: Atlaskit shorthand props (padding*, isBold, aria-* on Select)
  '@typescript-eslint/no-non-null-assertion', // 36: 23 in test/, 8 in static/, 5 in local/
  '@typescript-eslint/no-unnecessary-type-parameters', // 4: static/shared/api.ts (the typed UI client), field.tsx, a test
  '@typescript-eslint/no-dynamic-delete', // 4: counters and stats maps cleared key by key
  '@typescript-eslint/no-unsafe-class-instance-assignment', // 1: local/runtime/invocation.ts
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'static/build/**', '.forge-local/**', 'coverage/**', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: ['./tsconfig.check.json'], tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      // How import-x parses the files it follows (no-cycle reads every module on the path).
      'import-x/extensions': importX.flatConfigs.typescript.settings?.['import-x/extensions'],
      'import-x/parsers': importX.flatConfigs.typescript.settings?.['import-x/parsers'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.check.json' })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: true, allowAny: false, allowRegExp: false },
      ],
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true },
      ],
      ...Object.fromEntries(strictLeftOff.map((rule) => [rule, 'off'])),
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: layers }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'static/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [localFromApp] }] },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/infra/**', 'src/entry/**', 'src/index.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [forgeInCore, localFromApp] }] },
  },
  {
    files: ['static/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [localFromApp, procedureValues] }] },
  },
  {
    files: ['static/**/*.{ts,tsx}', 'local/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['local/**/*.{ts,tsx}', 'test/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // 13 findings: `return fail(res, …)` in local/host's request handlers (strictTypeChecked left off here).
    files: ['local/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-confusing-void-expression': 'off' },
  },
);
