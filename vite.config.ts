import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * Emits `sw.js` into the build (offline once loaded): app/offline/sw.js prefixed with
 * the list of built files (`PRECACHE`) and a version derived from it, so a new build
 * replaces the old cache. Registered by app/offline/register.ts.
 */
function offlineServiceWorker(): Plugin {
  return {
    name: 'reuse-playground:service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => !f.endsWith('.map') && f !== 'sw.js' && f !== 'index.html')
        .sort();
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(new URL('./app/offline/sw.js', import.meta.url), 'utf8');
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: `const PRECACHE = ${JSON.stringify(files)};\nconst VERSION = ${JSON.stringify(version)};\n${source}`,
      });
    },
  };
}

// Relative base so the built folder works from any static host and sub-path.
export default defineConfig({
  base: './',
  plugins: [react(), offlineServiceWorker()],
  build: { outDir: 'dist', chunkSizeWarningLimit: 4000 },
  worker: { format: 'es' },
  test: {
    include: ['core/**/*.test.ts', 'app/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
