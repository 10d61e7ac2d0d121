import { describe, expect, it } from 'vitest';
import { eventJson, runScenario } from '../../core';
import { TraceDecoder, TraceEncoder } from './codec';

describe('trace codec (worker → page)', () => {
  const run = runScenario(`engine modern
backend be
    http-reuse safe
    server X 192.0.2.1:80 pool-max-conn 2
script
    open web[1..5] h2
    repeat 3 {
        web[*] GET /a
    }
    close web[*]
`);

  it('decodes, chunk by chunk, events equal to the originals (same fields and values)', () => {
    const enc = new TraceEncoder();
    const dec = new TraceDecoder();
    const out = [];
    for (let i = 0; i < run.trace.length; i += 37) out.push(...dec.decode(enc.encode(run.trace.slice(i, i + 37))));
    expect(out.length).toBe(run.trace.length);
    expect(out).toEqual(run.trace);
    // Absent fields stay absent to every reader that skips undefined (JSON, the report).
    expect(JSON.stringify(out.map(eventJson))).toBe(JSON.stringify(run.trace.map(eventJson)));
    expect(out.filter((e) => e.conds === undefined).length).toBe(run.trace.filter((e) => e.conds === undefined).length);
  });

  it('sends each string and condition list once, and decoded events share them', () => {
    const enc = new TraceEncoder();
    const first = enc.encode(run.trace);
    const again = enc.encode(run.trace);
    expect(first.strings).toContain('conn.new');
    expect(again.strings).toEqual([]);
    expect(again.objects).toEqual([]);
    const dec = new TraceDecoder();
    const a = dec.decode(first);
    const withConds = a.filter((e) => e.conds);
    const same = withConds.filter((e) => JSON.stringify(e.conds) === JSON.stringify(withConds[0]!.conds));
    expect(same.length).toBeGreaterThan(1);
    expect(same[1]!.conds).toBe(same[0]!.conds);
  });

  it('carries numbers that are not 32-bit integers exactly (late instants, fractions, -0)', () => {
    const base = run.trace[0]!;
    const odd = [5e9, 2 ** 31, -(2 ** 31) - 1, 1.5, -0, 2 ** 31 - 1, -(2 ** 31)].map((t, i) => ({ ...base, seq: i, t }));
    const dec = new TraceDecoder();
    const out = dec.decode(new TraceEncoder().encode(odd));
    expect(out.map((e) => e.t)).toEqual(odd.map((e) => e.t));
    expect(Object.is(out[4]!.t, -0)).toBe(true);
  });
});
