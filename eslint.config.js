// `npm run lint` (part of `npm test`): type-aware typescript-eslint, React's hook rules,
// no import cycles, and the floors (scripts/lint/floors-rule.mjs, docs/architecture.md).
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { floorsRule } from './scripts/lint/floors-rule.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'models/fixtures/out/**', 'test-artifacts/**', '**/*.d.ts'] },
  {
    files: ['main/**/*.ts', 'preload/**/*.ts', 'renderer/src/**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['preload/index.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { atelier: { rules: { floors: floorsRule } }, 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.json', 'renderer/tsconfig.json'] })] },
    rules: {
      'atelier/floors': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // The contract's API objects (atelier.projects.list…) are closures, not `this`-bound
      // methods, so passing them around unbound is the point.
      '@typescript-eslint/unbound-method': 'off',
      // Handlers and engine methods are async to satisfy their interfaces (every call
      // answers a promise, and a throw becomes a rejection), even when nothing awaits.
      '@typescript-eslint/require-await': 'off',
      // With noUncheckedIndexedAccess it calls needed `as T` on indexed reads unnecessary
      // (and --fix then breaks the type-check), so the compiler is the judge of assertions.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Binary format readers compare numbers read from a file with the format's numeric enums.
    files: ['main/**/formats/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-enum-comparison': 'off' },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
);
