/** scripts/run-bundled.mjs: the CLI's runner bundles an entry once and rebuilds it when a source changes. */
import { afterAll, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'run-bundled-'));
// A name of its own, so the cached bundle cannot be another entry's.
const entry = join(dir, `rb-${process.pid}.ts`);
const source = join(dir, 'value.ts');
const cache = join(root, 'node_modules/.cache/reuse-playground', `rb-${process.pid}`);
const run = () => spawnSync(process.execPath, ['scripts/run-bundled.mjs', entry, 'an-argument'], { cwd: root, encoding: 'utf8' });

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  for (const ext of ['.mjs', '.inputs.json']) rmSync(cache + ext, { force: true });
});

it('runs a TypeScript entry with its arguments, and rebuilds it when one of its sources changes', () => {
  writeFileSync(entry, "import { value } from './value';\nconsole.log(value, process.argv.slice(2).join(' '));\n");
  writeFileSync(source, 'export const value: string = "first";\n');
  expect(run().stdout.trim()).toBe('first an-argument');
  writeFileSync(source, 'export const value: string = "second";\n');
  // Later than the cached bundle, whatever the file system's time resolution.
  const later = new Date(Date.now() + 5_000);
  utimesSync(source, later, later);
  expect(run().stdout.trim()).toBe('second an-argument');
});
