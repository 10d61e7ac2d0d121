import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TraceCursor } from './cursor';
import { runScenario } from '../run';
import { applyEvent, emptyWorld } from '../model/world';

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
  it('keeps at most 256 checkpoints for long traces', () => {
    const c = new TraceCursor(run.trace, run.servers, 1);
    expect(c.every).toBeGreaterThanOrEqual(Math.ceil(run.trace.length / 256));
  });
});
