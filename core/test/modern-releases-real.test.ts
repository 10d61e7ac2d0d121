/**
 * `engine modern 2.8`, `3.0`, `3.2` and `3.4` against what HAProxy 2.8.0, 3.0.0, 3.2.0 and 3.4.0 (each built
 * from its tag, docs/versions.md) did with the same scenarios, recorded by `npm run verify -- FILE
 * --haproxy PATH --record` (each scenario's header says how), in core/test/modern-VV-real/. The
 * same scenario under the release before must differ: that is what the version's own rules are
 * for. (3.2's leastconn picks at random: no two runs agree, nothing of it is recorded.)
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModernVersion } from '../model/names';
import { runScenario } from '../run';
import { compareRuns } from '../verify/compare';
import { engineView } from '../verify/engine-view';
import type { RealTrace } from '../verify/real-trace';

const RELEASES: readonly { dir: string; version: ModernVersion; before: ModernVersion }[] = [
  { dir: 'modern-28-real', version: '2.8', before: '2.6' },
  { dir: 'modern-30-real', version: '3.0', before: '2.6' },
  { dir: 'modern-32-real', version: '3.2', before: '3.0' },
  { dir: 'modern-34-real', version: '3.4', before: '3.2' },
];

for (const { dir, version, before } of RELEASES) {
  const path = join(import.meta.dirname, dir);
  const names = readdirSync(path).filter((f) => f.endsWith('.scenario')).map((f) => f.slice(0, -'.scenario'.length)).sort();
  describe(`engine modern ${version} vs recorded HAProxy ${version}.0 runs`, () => {
    it('has recordings', () => expect(names.length).toBeGreaterThanOrEqual(1));
    for (const name of names) {
      it(name, () => {
        const text = readFileSync(join(path, `${name}.scenario`), 'utf8');
        const real = JSON.parse(readFileSync(join(path, `${name}.real.json`), 'utf8')) as RealTrace;
        expect(real.binary.startsWith(`HAProxy ${version}.0`), real.binary).toBe(true);
        const res = runScenario(text);
        expect(res.commit).toBe(`v${version}.0`);
        const v = compareRuns(engineView(res), real);
        expect(v.differences).toEqual([]);
        expect(v.outcome).toBe('match');
        expect(compareRuns(engineView(runScenario(text, { version: before })), real).outcome).toBe('difference');
      });
    }
  });
}
