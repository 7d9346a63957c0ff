import js from '@eslint/js';
import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';

/**
 * `src/` has one folder per feature. A feature uses another only through that feature's `index.ts`
 * (its API), its `nest.ts` (what needs Nest's web and bus machinery: route marks, bus messages, the API
 * description) or its Nest module; its other files are its own. One block per feature and folder
 * depth, since imports are relative: from `src/audit/export/x.ts` another feature is `../../<name>/`.
 */
const PUBLIC_FILES = '(?!(index|nest|[a-z-]+\\.module)\\.js$)';
const FEATURES = readdirSync('src', { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
const featureBoundaries = FEATURES.flatMap((feature) =>
  [1, 2, 3].map((depth) => ({
    files: [`src/${feature}/${'*/'.repeat(depth - 1)}*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: `^(\\.\\./){${depth}}(${FEATURES.filter((other) => other !== feature).join('|')})/${PUBLIC_FILES}`,
          message: `${feature} may use another feature only through its index.js (its API), nest.js or its module`,
        }],
      }],
    },
  })),
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    // Nest's dependency injection reads constructor types at run time: those imports must stay values.
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
  {
    // The domain and the projections are pure: no framework, no I/O.
    files: ['domain/**/*.ts', 'projections/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@nestjs/*', 'pg', '@electric-sql/*', 'node:fs', 'node:net', 'node:http', '../src/*', '../../src/*'] }],
    },
  },
  {
    // The composition root (main.ts, app.module.ts) wires features through the same files.
    files: ['src/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: `^\\./(${FEATURES.join('|')})/${PUBLIC_FILES}`, message: 'the application wires features only through their index.js, nest.js or module' }],
      }],
    },
  },
  ...featureBoundaries,
);
