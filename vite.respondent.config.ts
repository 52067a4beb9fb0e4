import { defineConfig } from 'vite';

/**
 * The respondent page (respond.html, served at /r) for cheap phones on slow data: the same React
 * code, rendered by Preact's React-compatible runtime (about 4 KB instead of about 60 KB).
 */
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: {
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
      { find: /^react$/, replacement: 'preact/compat' },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    manifest: 'respond-manifest.json',
    target: 'es2020',
    rollupOptions: { input: 'respond.html' },
  },
});
