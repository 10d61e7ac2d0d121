// Runs a TypeScript entry point as one esbuild bundle: node scripts/run-bundled.mjs ENTRY.ts [ARGS...]
// Why not tsx: its transform keeps function names by wrapping every closure in a helper call, which
// costs the simulation's hot paths a few percent, and it loads each module separately. The CLI and
// the benchmarks run what the browser runs: plain bundled code. Packages stay external.
// The bundle is cached under node_modules/.cache and rebuilt when one of its sources is newer, so
// a run starts without loading esbuild at all.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node scripts/run-bundled.mjs ENTRY.ts [ARGS...]\n');
  process.exit(2);
}
const root = resolve(import.meta.dirname, '..');
const dir = join(root, 'node_modules/.cache/reuse-playground');
const name = basename(entry, '.ts');
const out = join(dir, `${name}.mjs`);
const inputsFile = join(dir, `${name}.inputs.json`);

/** The cached bundle exists and none of its sources changed since it was written. */
function fresh() {
  try {
    const built = statSync(out).mtimeMs;
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
    return inputs.every((f) => statSync(f).mtimeMs <= built);
  } catch {
    return false;
  }
}

if (!fresh()) {
  const { build } = await import('esbuild');
  mkdirSync(dir, { recursive: true });
  // Written beside, then renamed: two runs at once never read a half-written bundle.
  const tmp = `${out}.${process.pid}.tmp`;
  const result = await build({
    entryPoints: [resolve(entry)], outfile: tmp, bundle: true, platform: 'node', format: 'esm', target: 'node20',
    packages: 'external', sourcemap: 'inline', logLevel: 'error', metafile: true, absWorkingDir: root,
    // Vite's `?raw` imports (the example scenarios): the file's text, as in the page.
    loader: { '.scenario': 'text', '.cfg': 'text' },
    plugins: [{
      name: 'raw',
      setup(b) {
        b.onResolve({ filter: /\?raw$/ }, (a) => ({ path: resolve(a.resolveDir, a.path.slice(0, -'?raw'.length)) }));
      },
    }],
  });
  const inputs = Object.keys(result.metafile.inputs).map((f) => resolve(root, f));
  writeFileSync(inputsFile, JSON.stringify(inputs));
  renameSync(tmp, out);
}
process.argv = [process.argv[0], resolve(entry), ...args];
process.setSourceMapsEnabled(true);
await import(pathToFileURL(out).href);
