/**
 * ESLint (flat config): typescript-eslint's recommended rules, React's rules of hooks for the
 * renderer, and the project's import boundaries (the `raceside/boundaries` rule below):
 *
 * - `src-main/domain/` imports only the domain and `src-main/wire/` (it stays pure: no I/O, no
 *   Fastify, no Node built-ins);
 * - `src-main/wire/` imports only wire (it is shared with the renderer), and types from
 *   json-schema-to-ts;
 * - the renderer apps (spectator, operator, officials, board, overlay, announcer) never import each
 *   other, only `src-renderer/shared/` and `@wire`; `shared/` imports no app; the renderer imports
 *   nothing else of `src-main/`;
 * - only `src-main/electron/` imports `electron`.
 *
 * `npx eslint .` runs in `npm test`.
 */
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const root = dirname(fileURLToPath(import.meta.url));
const APPS = ['spectator', 'operator', 'officials', 'board', 'overlay', 'announcer'];

/** The project-relative path (with `/`) an import names, or null for a package. */
function target(file, spec) {
  if (spec.startsWith('@wire/')) return `src-main/wire/${spec.slice('@wire/'.length)}`;
  if (!spec.startsWith('.')) return null;
  return relative(root, resolve(dirname(file), spec))
    .split(sep)
    .join('/');
}

/** Why `from` (project-relative) may not import `spec` (resolved to `to`), or null. */
function refusal(from, spec, to) {
  const pkg = to === null ? spec : null;
  if ((pkg === 'electron' || pkg?.startsWith('electron/')) && !from.startsWith('src-main/electron/') && !from.startsWith('test/')) {
    return 'only src-main/electron/ imports electron';
  }
  if (from.startsWith('src-main/domain/')) {
    if (pkg !== null) return 'the domain is pure: it imports no package or Node built-in';
    if (!to.startsWith('src-main/domain/') && !to.startsWith('src-main/wire/')) return 'the domain imports only src-main/domain/ and src-main/wire/';
  }
  if (from.startsWith('src-main/wire/')) {
    if (pkg !== null && pkg !== 'json-schema-to-ts') return 'wire/ is shared with the renderer: it imports no package (types from json-schema-to-ts only)';
    if (to !== null && !to.startsWith('src-main/wire/')) return 'wire/ imports only wire/';
  }
  if (from.startsWith('src-renderer/') && to !== null) {
    const app = APPS.find((a) => from.startsWith(`src-renderer/${a}/`));
    const toApp = APPS.find((a) => to.startsWith(`src-renderer/${a}/`));
    if (toApp && toApp !== app)
      return app
        ? `renderer apps never import each other (${app} → ${toApp}): move what both need to src-renderer/shared/`
        : `src-renderer/shared/ imports no app (→ ${toApp})`;
    if (to.startsWith('src-main/') && !to.startsWith('src-main/wire/')) return 'the renderer imports only src-main/wire/ (as @wire) of the station';
  }
  return null;
}

const boundaries = {
  meta: { type: 'problem', schema: [], docs: { description: "the project's import boundaries" } },
  create(context) {
    const from = relative(root, context.filename).split(sep).join('/');
    const check = (node) => {
      if (!node?.source || typeof node.source.value !== 'string') return;
      const spec = node.source.value;
      const why = refusal(from, spec, target(context.filename, spec));
      if (why) context.report({ node: node.source, message: `Import of '${spec}': ${why}.` });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default tseslint.config(
  { ignores: ['dist-main/**', 'dist-renderer/**', 'release/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
    plugins: { raceside: { rules: { boundaries } } },
    rules: {
      'raceside/boundaries': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Tests and benchmarks read the station's JSON answers loosely.
    files: ['test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The Electron preload runs as CommonJS.
    files: ['**/*.cts', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
