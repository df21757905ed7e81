// Lint rules for the TypeScript of src/, test/, bench/ and web/. The import rules between
// folders are dependency-cruiser's (.dependency-cruiser.cjs), not ESLint's.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: globals.node },
    rules: {
      // Unused names are tsc's job (noUnusedLocals/noUnusedParameters); `_`-prefixed ones are deliberate.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'error',
    },
  },
  {
    // Configuration is read once, by runtime/ (ARCHITECTURE.md); the rest is handed a Config.
    files: ['src/**'],
    ignores: ['src/runtime/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'only src/runtime/ reads the environment' },
      ],
    },
  },
  {
    // TypeScript checks names itself; the rule does not know its types.
    files: ['**/*.ts', '**/*.tsx'],
    rules: { 'no-undef': 'off' },
  },
  {
    // Tests read JSON replies whose shape the assertions check.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Migrations and the introspector work on the schema as it is in the database, not on the
    // Database type of today's code: Kysely's own guidance types them Kysely<any>.
    files: ['src/storage/migrations/**', 'src/storage/dialects/postgres*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The shells and scripts talk to a terminal on purpose.
    files: ['bench/**', 'scripts/**', 'bin/**'],
    rules: { 'no-console': 'off' },
  },
);
