import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The dashboard: Preact components compiled by esbuild, bundled into dist/web, served by `surety serve` at /.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 400 },
  logLevel: 'warn',
});
