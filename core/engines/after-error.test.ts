import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario } from '../run';

// The verify scenario that found it (2.6.12, 3.0.0 and 3.4.0 agree): after HAProxy's own 503,
// the client connection waits for its next request, which is not its first (mux_h1.c:799-800, 907-911 of v2.6.0).
const TEXT = readFileSync(join(import.meta.dirname, '../../scripts/verify/scenarios/after-503-not-first.scenario'), 'utf8');

describe('modern: a transaction HAProxy answered itself counts as a transaction', () => {
  it("after a 503 the client's next request is not its first: with http-reuse safe it takes another session's idle connection", () => {
    const r = runScenario(TEXT);
    expect(r.ok).toBe(true);
    const reqs = [...r.world.requests.values()];
    expect(reqs.map((q) => q.status)).toEqual([503, 200, 200]);
    expect(r.trace.find((e) => e.kind === 'request.send' && e.request === 'r3')!.conds).toContainEqual({ label: 'TX_NOT_FIRST (subsequent request)', value: true });
    expect(reqs[2]!.conn).toBe(reqs[1]!.conn);
    expect(reqs[2]!.reused).toBe(true);
  });
});
