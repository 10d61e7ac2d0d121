// Runs a TypeScript entry point as one esbuild bundle: node scripts/run-bundled.mjs ENTRY.ts [ARGS...]
// Why not tsx: its transform keeps function names by wrapping every closure in a helper call, which
// costs the simulation's hot paths a few percent, and it loads each module separately. The CLI and
// the benchmarks run what the browser runs: plain bundled code. Packages stay external.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node scripts/run-bundled.mjs ENTRY.ts [ARGS...]\n');
  process.exit(2);
}
const dir = resolve('node_modules/.cache/reuse-playground');
mkdirSync(dir, { recursive: true });
// One output per entry and process: two runs at once never read each other's half-written file.
const out = join(dir, `${basename(entry, '.ts')}.${process.pid}.mjs`);
await build({
  entryPoints: [entry], outfile: out, bundle: true, platform: 'node', format: 'esm', target: 'node20',
  packages: 'external', sourcemap: 'inline', logLevel: 'error',
});
process.argv = [process.argv[0], resolve(entry), ...args];
process.setSourceMapsEnabled(true);
try {
  await import(pathToFileURL(out).href);
} finally {
  // The module is loaded: its file is no longer needed.
  (await import('node:fs')).rmSync(out, { force: true });
}
