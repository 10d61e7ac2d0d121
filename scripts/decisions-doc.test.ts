import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decisionsDoc, dependenciesSection } from './decisions-doc';

it('docs/decisions.md is generated from the catalogue and up to date (npx tsx scripts/decisions-doc.ts)', () => {
  expect(readFileSync(join(import.meta.dirname, '../docs/decisions.md'), 'utf8')).toBe(decisionsDoc());
});

it('lists every dependency of package.json with its reason, and refuses one without', () => {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8'));
  const doc = dependenciesSection(pkg).join('\n');
  for (const name of [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]) expect(doc).toContain(`| \`${name}\` |`);
  expect(doc).toContain('| `uplot` | ^1.6.32 |');
  expect(() => dependenciesSection({ dependencies: { 'left-pad': '1.3.0' } })).toThrow(/left-pad has no reason/);
});
