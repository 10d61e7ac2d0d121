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

  it("hold back a server's timer meant for after the player's next deadline, until the player has got there", async () => {
    let t = 0;
    const s = new Schedule(() => t, 1);
    s.wait(35);
    // Stalled: at 100 the player is still in its wait (deadline 35, gap 10), and two timers fire.
    t = 100;
    expect(s.hold(20)).toBeNull(); // meant for before the deadline: goes on
    const order: string[] = [];
    void s.hold(60)!.then(() => order.push('meant for 60'));
    void s.hold(150)!.then(() => order.push('meant for 150'));
    await Promise.resolve();
    expect(order).toEqual([]);
    // The wait ends, its statement is played, the next wait (deadline 75) lets out what was meant for before it.
    order.push('statement at 35');
    s.wait(40);
    await Promise.resolve();
    expect(order).toEqual(['statement at 35', 'meant for 60']);
    // The player now waits for a response: nothing is held back.
    order.push('statement at 75');
    s.busy();
    await Promise.resolve();
    expect(order).toEqual(['statement at 35', 'meant for 60', 'statement at 75', 'meant for 150']);
    expect(s.hold(400)).toBeNull();
  });

  it("keep the script's order against a server's timer when the event loop was stalled (gen-700082)", async () => {
    const t0 = performance.now();
    const s = new Schedule(() => performance.now() - t0, 1);
    const sleep = (ms: number) => new Promise<void>((res) => setTimeout(res, ms));
    const order: string[] = [];
    // An emulated server answers 150 ms after the request: a timer of the same event loop, held as servers.ts does.
    const answered = new Promise<void>((res) => setTimeout(() => {
      const respond = () => { order.push('response'); res(); };
      const h = s.hold(150);
      if (h) void h.then(respond);
      else respond();
    }, 150));
    // A loaded machine: nothing runs from 30 ms to 230 ms, past every deadline.
    setTimeout(() => { const b = performance.now(); while (performance.now() - b < 200); }, 30);
    // The script: request sent (&), wait 35ms, s2 close idle, wait 40ms, close A, await.
    const played = (async () => {
      await sleep(s.wait(35));
      order.push('close idle');
      await sleep(s.wait(40));
      order.push('close A');
      s.busy();
    })();
    await Promise.all([played, answered]);
    // As in virtual time: the close (at 75 ms) before the response (at 150 ms).
    expect(order).toEqual(['close idle', 'close A', 'response']);
  });
});

describe('after a response the player waited for', () => {
  it('waits count from when its server meant to send it, not from its late arrival', () => {
    let t = 0;
    const s = new Schedule(() => t, 1);
    s.answered('r1', 40);
    // r1 arrived at 75, late (a stall): the wait 35ms after it ends at 75, at once but for the least gap.
    t = 75;
    s.syncAfter(['r1']);
    expect(s.wait(35)).toBe(MIN_GAP_MS);
    // A request with no response from a server (HAProxy answered, or it failed): from now.
    t = 200;
    s.syncAfter(['r1', 'r2']);
    expect(s.wait(35)).toBe(35);
  });
});
