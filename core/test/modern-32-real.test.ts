/**
 * `engine modern 3.2` against what HAProxy 3.2.0 (built from the v3.2.0 tag, docs/versions.md) did
 * with the same scenarios, recorded by `npm run verify -- FILE --haproxy PATH --record` (each
 * scenario's header says how). The same scenario under the 3.0 engine must differ: that is what
 * 3.2's own rules are for. (leastconn's random picks cannot be recorded: no two runs agree.)
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario } from '../run';
import { compareRuns } from '../verify/compare';
import { engineView } from '../verify/engine-view';
import type { RealTrace } from '../verify/real-trace';

const dir = join(import.meta.dirname, 'modern-32-real');
const names = readdirSync(dir).filter((f) => f.endsWith('.scenario')).map((f) => f.slice(0, -'.scenario'.length)).sort();

describe('engine modern 3.2 vs recorded HAProxy 3.2.0 runs', () => {
  it('has recordings', () => expect(names.length).toBeGreaterThanOrEqual(1));
  for (const name of names) {
    it(name, () => {
      const text = readFileSync(join(dir, `${name}.scenario`), 'utf8');
      const real = JSON.parse(readFileSync(join(dir, `${name}.real.json`), 'utf8')) as RealTrace;
      expect(real.binary).toMatch(/^HAProxy 3\.2\.0/);
      const v = compareRuns(engineView(runScenario(text)), real);
      expect(v.differences).toEqual([]);
      expect(v.outcome).toBe('match');
      expect(compareRuns(engineView(runScenario(text, { version: '3.0' })), real).outcome).toBe('difference');
    });
  }
});
