// Scrubbing figures of `npm run bench` (issue 15 point 6, issue 19 item 12): the trace cursor on a
// run of ~1,000,000 events (10,000 HTTP/1 clients), where the page's timeline seeks. Printed
// with a ratio to a full replay from the start measured in the same run, so that a loaded machine
// shows in both. Figures only; nothing here is asserted anywhere.
import { readFileSync } from 'node:fs';
import { runScenario } from '../../core/run';
import { TraceCursor } from '../../core/replay/cursor';
import { applyEvent, emptyWorld } from '../../core/model/world';

const line = (k: string, v: string) => console.log(`${k.padEnd(58)} ${v}`);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** The gallery's 10,000-client example with more rounds: ~1,000,000 events. */
export function scrubScenario(rounds = 8): string {
  return readFileSync('core/examples/load-h1-10k-always.scenario', 'utf8').replace(/repeat 2 \{/, `repeat ${rounds} {`);
}

export function scrub(): void {
  console.log('# scrub (trace cursor, 10,000 HTTP/1 clients)');
  const r = runScenario(scrubScenario(), { maxEvents: 5_000_000 });
  const n = r.trace.length;
  // The reference: the world at the end by a replay from the start (median of 3).
  const full = pct(
    [1, 2, 3].map(() => {
      const t0 = performance.now();
      const w = emptyWorld(r.servers, false);
      for (const e of r.trace) applyEvent(w, e);
      return performance.now() - t0;
    }),
    50,
  );
  line(`full replay from the start (${n.toLocaleString('en-US')} events): reference`, ms(full));
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let t0 = performance.now();
  // As the page builds it: worlds that keep only what is alive (a run this large).
  const cursor = new TraceCursor(r.trace, r.servers, { retain: false });
  const build = performance.now() - t0;
  globalThis.gc?.();
  const heap = process.memoryUsage().heapUsed - heap0;
  line('checkpoints: build time, count, memory', `${ms(build)} (${(build / full).toFixed(2)}× full replay), ${cursor.checkpoints}, ${(heap / 2 ** 20).toFixed(0)} MB${globalThis.gc ? '' : ' (no --expose-gc)'}`);

  const seeks = (pick: (k: number, at: number) => number, count: number) => {
    const times: number[] = [];
    let at = Math.floor(n / 2);
    cursor.seek(at);
    for (let k = 0; k < count; k++) {
      at = Math.min(n - 1, Math.max(0, pick(k, at)));
      t0 = performance.now();
      cursor.seek(at);
      times.push(performance.now() - t0);
    }
    return times;
  };
  let x = 12345;
  const random = seeks(() => (x = (x * 1103515245 + 12345) % 2 ** 31) % n, 200);
  line('random seek: p50 / p95 / max', `${ms(pct(random, 50))} / ${ms(pct(random, 95))} / ${ms(Math.max(...random))} (p95 = ${((pct(random, 95) / full) * 100).toFixed(1)}% of a full replay)`);
  // Dragging the playhead: 800 px of track, a few px a frame, back and forth.
  let dir = 1;
  const drag = seeks((k, at) => {
    if (k % 60 === 0) dir = -dir;
    return at + dir * Math.round((n / 800) * (1 + (k % 5)));
  }, 300);
  line('drag (±1–5 px of an 800 px track a step): p50 / p95', `${ms(pct(drag, 50))} / ${ms(pct(drag, 95))} (p95 = ${((pct(drag, 95) / full) * 100).toFixed(1)}% of a full replay)`);
  const copies: number[] = [];
  for (let k = 0; k < 30; k++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    t0 = performance.now();
    cursor.at(x % n);
    copies.push(performance.now() - t0);
  }
  line('a world of its own at a random instant (at): p50 / p95', `${ms(pct(copies, 50))} / ${ms(pct(copies, 95))}`);
}

