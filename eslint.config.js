// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const forgeInCore = {
  group: ['@forge/*'],
  message: 'src/domain and src/app are platform-free: put @forge/* calls in src/infra or src/entry.',
};
const localFromApp = {
  group: ['**/local/**', '../local/*', '../../local/*'],
  message: 'local/ is the development platform; the app must not import it.',
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'static/build/**', '.forge-local/**', 'coverage/**', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: ['./tsconfig.check.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'static/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [localFromApp] }] },
  },
  {
    files: ['src/domain/**/*.ts', 'src/app/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [forgeInCore, localFromApp] }] },
  },
  {
    files: ['local/**/*.ts', 'test/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
