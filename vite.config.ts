import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Relative base so the built folder works from any static host and sub-path.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', chunkSizeWarningLimit: 4000 },
  worker: { format: 'es' },
  test: {
    include: ['core/**/*.test.ts', 'app/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
