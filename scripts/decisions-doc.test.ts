import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decisionsDoc } from './decisions-doc';

it('docs/decisions.md is generated from the catalogue and up to date (npx tsx scripts/decisions-doc.ts)', () => {
  expect(readFileSync(join(import.meta.dirname, '../docs/decisions.md'), 'utf8')).toBe(decisionsDoc());
});
