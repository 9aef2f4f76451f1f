import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['node_modules/', '.data/', 'coverage/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Layout is Prettier's job (npm run format); lint keeps to what can be wrong.
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through src/config.ts only.' },
      ],
    },
  },
  {
    // Memory at start (issue 16): date-fns' index loads ~1,800 modules and 'date-fns/locale' every locale
    // (about 30 MB of RSS); nodemailer is loaded by the first email reply, not by every instance.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'date-fns', message: "Import the function's own module: 'date-fns/format'." },
            { name: 'date-fns/locale', message: "Import the locale's own module: 'date-fns/locale/it'." },
            { name: 'nodemailer', message: 'Load nodemailer lazily (see src/delivery/email-reply.ts).' },
          ],
        },
      ],
    },
  },
  {
    // Kysely's migration docs: migrations take Kysely<any>, frozen in time, independent of app types.
    files: ['migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/config.ts', 'test/**/*.ts', 'vitest.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
