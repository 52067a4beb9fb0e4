import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const features = readdirSync('src/app/features', { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

export default tseslint.config(
  { ignores: ['dist/', 'dist-bench/', 'functions-dist/', 'node_modules/', 'test-results/', 'playwright-report/', '.data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  { files: ['public/sw.js'], languageOptions: { globals: globals.serviceworker } },
  // No import circles anywhere: a module and what it imports form a tree one can read bottom-up.
  {
    files: ['src/**/*.{ts,tsx}', 'scripts/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver()],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  // The domain core and the API contract on it are pure: they import nothing from the app, the
  // server or any I/O module, so the SPA and the server can both import them.
  {
    files: ['src/domain/**/*.ts', 'src/contract/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/app/**', '**/server/**', '../app', '../server'], message: 'src/domain and src/contract must not import the app or the server.' },
            { group: ['node:*', 'fs', 'path', 'http', 'crypto', 'firebase*', 'firebase-admin*', 'better-sqlite3', 'hono*', '@hono/*', 'react*'], message: 'src/domain is pure: no I/O, no framework.' },
          ],
        },
      ],
    },
  },
  // The SPA never reaches into the server, and the server never into the SPA. Its unit tests run
  // in Node and may start a local HTTP server to talk to.
  {
    files: ['src/app/**/*.{ts,tsx}'],
    ignores: ['src/app/lib/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', 'firebase-admin*', 'better-sqlite3', 'node:*'], message: 'The SPA talks to the server only over HTTP.' }] }],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/app/**', 'react*', 'firebase/*'], message: 'The server does not import SPA code or the web SDK.' }] }],
    },
  },
  // Route modules take the app's types from app-types.ts: app.ts imports them, not the other way.
  {
    files: ['src/server/routes/**/*.ts', 'src/server/sealing/**/*.ts', 'src/server/roster/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/app/**', 'react*', 'firebase/*'], message: 'The server does not import SPA code or the web SDK.' },
            { group: ['../app.js', '../app'], message: 'Import Api and AppDeps from ../app-types.js: app.ts imports the routes.' },
          ],
        },
      ],
    },
  },
  // Features compose at the route level and never import each other.
  ...features.map((feature) => ({
    files: [`src/app/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*/**', '!../../**', '**/features/*', '**/features/*/**', `!**/features/${feature}`, `!**/features/${feature}/**`],
              message: `Feature "${feature}" must not import another feature; share through src/app/components or src/app/lib.`,
            },
            { group: ['**/server/**', 'firebase-admin*', 'better-sqlite3', 'node:*'], message: 'The SPA talks to the server only over HTTP.' },
          ],
        },
      ],
    },
  })),
);
