import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { offlineServiceWorker } from './app/offline/plugin';

// Relative base so the built folder works from any static host and sub-path.
export default defineConfig({
  base: './',
  // The service worker makes the built page work offline once loaded (app/offline/).
  plugins: [react(), offlineServiceWorker()],
  build: { outDir: 'dist', chunkSizeWarningLimit: 4000 },
  worker: { format: 'es' },
  test: {
    include: ['core/**/*.test.ts', 'app/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
