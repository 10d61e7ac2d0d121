import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TraceCursor } from './cursor';
import { runScenario } from '../run';
import { applyEvent, emptyWorld } from '../model/world';
import { findExample } from '../examples/index';

const text = `backend be\n    http-reuse always\n    server X 192.0.2.1:80\n    server Y 192.0.2.2:80\nscript\n    open web[1..6] h1\n    repeat 8 {\n        web[*] GET /\n    }\n    close web[*]\n`;

describe('TraceCursor', () => {
  const run = runScenario(text);
  const straight = (i: number) => {
    const w = emptyWorld(run.servers);
    for (let k = 0; k <= i; k++) applyEvent(w, run.trace[k]!);
    return w;
  };
  it('gives, for any index, the world a straight replay gives (at and seek, in any order)', () => {
    const c = new TraceCursor(run.trace, run.servers, 16);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1, max: run.trace.length - 1 }), { minLength: 1, maxLength: 12 }), (idx) => {
        for (const i of idx) {
          const want = JSON.stringify(straight(i), (_k, v) => (v instanceof Map ? [...v] : v));
          expect(JSON.stringify(c.at(i), (_k, v) => (v instanceof Map ? [...v] : v))).toBe(want);
          expect(JSON.stringify(c.seek(i), (_k, v) => (v instanceof Map ? [...v] : v))).toBe(want);
        }
      }),
      { numRuns: 40 },
    );
  });
  it('gives the final world without a copy, and seeks elsewhere leave it alone', () => {
    const c = new TraceCursor(run.trace, run.servers, { deferred: true });
    const last = run.trace.length - 1;
    const want = JSON.stringify(straight(last), (_k, v) => (v instanceof Map ? [...v] : v));
    const w = c.final();
    expect(c.ready).toBe(run.trace.length);
    expect(c.final()).toBe(w);
    c.seek(3);
    c.seek(last - 5);
    c.seek(last);
    c.at(7);
    expect(JSON.stringify(w, (_k, v) => (v instanceof Map ? [...v] : v))).toBe(want);
  });
  it('keeps at most 1,024 checkpoints for long traces', () => {
    const c = new TraceCursor(run.trace, run.servers, 1);
    expect(c.every).toBeGreaterThanOrEqual(Math.ceil(run.trace.length / 1024));
    expect(c.checkpoints).toBeLessThanOrEqual(1025);
  });
});

describe('TraceCursor on a growing trace (deferred, in slices)', () => {
  const run = runScenario(text);
  const json = (w: unknown) => JSON.stringify(w, (_k, v) => (v instanceof Map ? [...v] : v));
  const straight = (i: number, retain: boolean) => {
    const w = emptyWorld(run.servers, retain);
    for (let k = 0; k <= i; k++) applyEvent(w, run.trace[k]!);
    return w;
  };

  it('covers events as they arrive, and answers beyond what is covered', () => {
    const trace: typeof run.trace = [];
    const c = new TraceCursor(trace, run.servers, { every: 8, deferred: true });
    expect(c.ready).toBe(0);
    for (let i = 0; i < run.trace.length; i += 50) {
      trace.push(...run.trace.slice(i, i + 50));
      c.extend(20); // a slice: not caught up yet
      expect(c.ready).toBeLessThanOrEqual(trace.length);
      const k = trace.length - 1;
      expect(json(c.at(k))).toBe(json(straight(k, true))); // at() catches up by itself
    }
    expect(c.extend()).toBe(true);
    expect(c.ready).toBe(run.trace.length);
  });

  it('takes checkpoints in small steps (a copy may be pending) and stays exact', () => {
    const c = new TraceCursor(run.trace, run.servers, { every: 4, deferred: true });
    let steps = 0;
    while (!c.extend(7)) {
      if (++steps % 13 === 0) {
        const k = (steps * 31) % run.trace.length;
        expect(json(c.at(k))).toBe(json(straight(k, true)));
      }
    }
    expect(c.checkpoints).toBeGreaterThan(2);
    for (const k of [0, 17, run.trace.length - 1]) expect(json(c.seek(k))).toBe(json(straight(k, true)));
  });

  it('seek to the end of a finished run reads the built world without a copy, and stays exact as the trace grows', () => {
    const trace = run.trace.slice(0, 100);
    const c = new TraceCursor(trace, run.servers, { every: 8, deferred: true });
    c.extend();
    expect(json(c.seek(99))).toBe(json(straight(99, true)));
    expect(c.seek(99)).toBe(c.seek(99));
    trace.push(...run.trace.slice(100, 160));
    expect(json(c.seek(130))).toBe(json(straight(130, true))); // not replayed into the builder
    c.extend();
    expect(json(c.seek(159))).toBe(json(straight(159, true)));
    expect(json(c.at(99))).toBe(json(straight(99, true)));
  });

  it('with retain: false, gives the worlds of a totals-only replay', () => {
    const c = new TraceCursor(run.trace, run.servers, { every: 8, retain: false });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1, max: run.trace.length - 1 }), { minLength: 1, maxLength: 8 }), (idx) => {
        for (const i of idx) expect(json(c.seek(i))).toBe(json(straight(i, false)));
      }),
      { numRuns: 30 },
    );
  });

  it('spaces checkpoints by a quarter of the world size, shares what did not change, and stays exact', () => {
    const big = runScenario(text.replace('web[1..6]', 'web[1..300]').replace('repeat 8', 'repeat 30'));
    const c = new TraceCursor(big.trace, big.servers, 1);
    expect(c.checkpoints).toBeLessThanOrEqual(1025);
    const w = c.at(big.trace.length - 1);
    const entities = w.conns.size + w.sessions.size + w.streams.size + w.requests.size;
    expect(entities).toBeGreaterThan(1000);
    // Never closer than a quarter of the world's size in events: each checkpoint lists every entity once.
    expect(c.checkpoints).toBeLessThan((4 * big.trace.length) / 600);
    // Copies are made of changed entities only: about the events, not checkpoints × world size.
    expect(c.copies).toBeLessThan(2 * big.trace.length);
    expect(json(c.at(big.trace.length - 1))).toBe(json(big.world));
  });
});

describe('TraceCursor over the gallery (random seek orders)', () => {
  const json = (w: unknown) => JSON.stringify(w, (_k, v) => (v instanceof Map ? [...v] : v));
  // The seed's swaps (sc07), h2 streams (sc02, sc12), the modern engine's pool (sc19), closes (load-close-every-100).
  for (const id of ['sc02', 'sc07', 'sc12', 'sc19', 'load-close-every-100']) {
    for (const retain of [true, false]) {
      it(`${id}, retain ${retain}: seeking anywhere, in any order, gives the world a replay from the start gives`, () => {
        const run = runScenario(findExample(id)!.text);
        const straight = (i: number) => {
          const w = emptyWorld(run.servers, retain);
          for (let k = 0; k <= i; k++) applyEvent(w, run.trace[k]!);
          return json(w);
        };
        const c = new TraceCursor(run.trace, run.servers, { every: 8, retain });
        const n = run.trace.length;
        fc.assert(
          fc.property(fc.array(fc.integer({ min: -1, max: n - 1 }), { minLength: 1, maxLength: 10 }), fc.boolean(), (idx, small) => {
            for (const i0 of idx) {
              // Half the runs take small steps from the last place (playing, dragging), half jump.
              const i = small ? Math.min(n - 1, Math.max(-1, idx[0]! + (i0 % 7))) : i0;
              const want = straight(i);
              expect(json(c.seek(i))).toBe(want);
              if (i0 % 3 === 0) expect(json(c.at(i))).toBe(want);
            }
          }),
          { numRuns: 25 },
        );
      });
    }
  }
});
