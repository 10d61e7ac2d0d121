/**
 * The modern engine against what Debian's HAProxy 2.6.12 did with the same scenarios, recorded
 * by `npm run verify -- FILE --record` (each scenario's header says how): ntlm-* pin the session-wide
 * NTLM rule (mA1), send-proxy-always the per-client-connection hash (mP1), client-leaves-inflight
 * the request that survives its client (mD6). No binary needed: the recordings are the reference.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario } from '../run';
import { compareRuns } from '../verify/compare';
import { engineView } from '../verify/engine-view';
import type { RealTrace } from '../verify/real-trace';

const dir = join(import.meta.dirname, 'modern-real');
const names = readdirSync(dir).filter((f) => f.endsWith('.scenario')).map((f) => f.slice(0, -'.scenario'.length)).sort();

describe('modern engine vs recorded HAProxy 2.6.12 runs', () => {
  it('has recordings', () => expect(names.length).toBeGreaterThanOrEqual(5));
  for (const name of names) {
    it(name, () => {
      const text = readFileSync(join(dir, `${name}.scenario`), 'utf8');
      const real = JSON.parse(readFileSync(join(dir, `${name}.real.json`), 'utf8')) as RealTrace;
      expect(real.binary).toMatch(/^HAProxy 2\.6\.12/);
      const res = runScenario(text, { engine: 'modern' });
      const v = compareRuns(engineView(res), real);
      expect(v.differences).toEqual([]);
      expect(v.outcome).toBe('match');
    });
  }
});
