import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../run';
import type { TraceEvent } from '../trace/events';

// The periodic purge of idle server connections (mI2; srv_cleanup_idle_conns): which connections it
// closes, and what its why panel says. The scenario is verify's (it matches 2.6.12, 3.0.0, 3.2.0, 3.4.0).
const SCENARIO = readFileSync(join(import.meta.dirname, '../../scripts/verify/scenarios/purge-order.scenario'), 'utf8');

function purged(version: string) {
  const text = SCENARIO.replace(/^engine modern$/m, `engine modern${version}`);
  const trace = runScenario(text).trace as readonly TraceEvent[];
  const first = trace.filter((e) => e.kind === 'conn.destroy' && e.decision === 'mI2' && e.t === 5_006_000);
  const a3 = trace.find((e) => e.kind === 'attach' && e.request === 'r5');
  return { trace, conns: first.map((e) => (e as { conn: string }).conn), a3: a3 && (a3 as { conn: string }).conn };
}

describe('the idle-connection purge (mI2)', () => {
  it('closes the idle tree first, then the safe one, at 2.6 and 2.8', () => {
    for (const v of ['', ' 2.8']) expect(purged(v), v).toMatchObject({ conns: ['c2', 'c3'], a3: 'c1' });
  });

  it('closes the oldest pooled first, idle or safe, since 2.9 (3.0, 3.2, 3.4)', () => {
    for (const v of [' 3.0', ' 3.2', ' 3.4']) expect(purged(v), v).toMatchObject({ conns: ['c1', 'c2'], a3: 'c3' });
  });

  it('says how many it closes and why: the counts of srv_cleanup_idle_conns', () => {
    const e = purged('').trace.find((x) => x.kind === 'conn.destroy' && x.decision === 'mI2')!;
    expect(e.conds).toEqual([
      { label: 'used 0 + idle 3 − max(peak used since the last purge 2, estimated need 2)', value: 1 },
      { label: 'half of it, rounded up: connections to close', value: 1 },
    ]);
  });
});
