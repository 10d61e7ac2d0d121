import { describe, expect, it } from 'vitest';
import { MIN_GAP_MS, Schedule } from './schedule';

describe("the player's waits", () => {
  it('end at deadlines on the script clock: a late wait makes the next one shorter, down to the least gap', () => {
    let t = 0;
    const s = new Schedule(() => t, 1);
    expect(s.wait(35)).toBe(35);
    // The first wait woke up late (at 60 instead of 35): the second one ends at 75 all the same.
    t = 60;
    expect(s.wait(40)).toBe(15);
    // Woken at 100, past the next deadline (85): only the least gap, so that HAProxy sees the statement before first.
    t = 100;
    expect(s.wait(10)).toBe(MIN_GAP_MS);
    // A wait shorter than the gap is not made longer.
    expect(s.wait(4)).toBe(4);
    // Something real was waited for (a response): the next wait counts from now.
    t = 300;
    s.sync();
    expect(s.wait(50)).toBe(50);
  });

  it('scale real milliseconds per virtual one', () => {
    let t = 0;
    const s = new Schedule(() => t, 2);
    expect(s.wait(35)).toBe(70);
    t = 40;
    expect(s.wait(40)).toBe(70);
  });

  it("keep the script's order against a server's timer when the event loop was stalled (gen-700082)", async () => {
    const t0 = performance.now();
    const s = new Schedule(() => performance.now() - t0, 1);
    const sleep = (ms: number) => new Promise<void>((res) => setTimeout(res, ms));
    const order: string[] = [];
    // An emulated server answers 300 ms after the request (a timer of the same event loop).
    const answered = new Promise<void>((res) => setTimeout(() => { order.push('response'); res(); }, 300));
    // A loaded machine: nothing runs from 30 ms to 250 ms.
    setTimeout(() => { const b = performance.now(); while (performance.now() - b < 220); }, 30);
    // The script: request sent (&), wait 35ms, s2 close idle, wait 100ms, close A.
    const played = (async () => {
      await sleep(s.wait(35));
      order.push('close idle');
      await sleep(s.wait(100));
      order.push('close A');
    })();
    await Promise.all([played, answered]);
    // As in virtual time: the close (at 135 ms) before the response (at 300 ms); two sleeps in a row ended after it (250 + 100).
    expect(order).toEqual(['close idle', 'close A', 'response']);
  });
});
