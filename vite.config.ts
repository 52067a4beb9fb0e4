import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Staff SPA (index.html). The respondent page has its own build: vite.respondent.config.ts. */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    manifest: 'staff-manifest.json',
    target: 'es2020',
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
