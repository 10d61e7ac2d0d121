/**
 * The modern engine against recorded runs of the real HAProxy 2.6.12 (Debian's package), so that
 * `npm test` checks it without a binary. Each fixture in core/test/real/ is a scenario and what the
 * binary did with it (NAME.real.json, recorded by scripts/verify/record-fixtures.ts: three runs
 * that agreed). The engine must give every request the connection the binary gave it, the same
 * statuses and the same closes (core/verify/compare.ts, as `npm run verify` judges a live run).
 * Scenarios the engine is known to get wrong are listed in known-differences.json with what
 * differs; the test fails when one of them starts to match, so that the list stays true.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario } from '../run';
import { compareRuns } from '../verify/compare';
import { engineView } from '../verify/engine-view';
import type { RealTrace } from '../verify/real-trace';

const dir = join(import.meta.dirname, 'real');
const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { name: string; source: string; binary: string; recordedAt: string }[];
const known = JSON.parse(readFileSync(join(dir, 'known-differences.json'), 'utf8')) as Record<string, string>;

describe('modern engine against recorded runs of the real binary', () => {
  it('has fixtures: oracle scenarios and generated ones', () => {
    expect(index.filter((f) => f.name.startsWith('oracle-')).length).toBeGreaterThanOrEqual(9);
    expect(index.filter((f) => f.name.startsWith('gen-')).length).toBeGreaterThanOrEqual(20);
    for (const name of Object.keys(known)) expect(index.map((f) => f.name), `known difference ${name} has a fixture`).toContain(name);
  });

  for (const f of index) {
    it(`${f.name} (${f.source}; ${f.binary}, recorded ${f.recordedAt})`, () => {
      const text = readFileSync(join(dir, `${f.name}.scenario`), 'utf8');
      const real = JSON.parse(readFileSync(join(dir, `${f.name}.real.json`), 'utf8')) as RealTrace;
      const res = runScenario(text, { engine: 'modern' });
      expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const v = compareRuns(engineView(res), real);
      if (known[f.name] !== undefined) {
        expect(v.outcome, `${f.name} now matches the binary: remove it from known-differences.json`).not.toBe('match');
      } else {
        expect(v.differences[0] ?? 'match', `${f.name}: the engine parts from the real binary`).toBe('match');
      }
    });
  }
});
