import { describe, expect, it } from 'vitest';
import { Schedule } from './schedule';

describe("the player's waits", () => {
  it('end at deadlines on the script clock: a late wait makes the next one shorter, and one already due does not yield', async () => {
    let t = 0;
    const s = new Schedule(() => t, 1);
    const first = s.wait(35);
    expect(first).not.toBeNull();
    // The first wait woke up late (at 100 instead of 35): the second one's deadline, 75, has passed.
    t = 100;
    expect(s.wait(40)).toBeNull();
    // Something real was waited for (a response): the next wait counts from now.
    s.sync();
    expect(s.wait(10)).not.toBeNull();
    await first;
  });

  it("keep the script's order against a server's timer when the event loop was blocked (gen-700082)", async () => {
    const t0 = performance.now();
    const s = new Schedule(() => performance.now() - t0, 1);
    const order: string[] = [];
    // An emulated server answers 150 ms after the request (a timer of the same event loop).
    const answered = new Promise<void>((res) => setTimeout(() => { order.push('response'); res(); }, 150));
    // A loaded machine: from 30 ms on, nothing runs until every one of these timers is due.
    setTimeout(() => { const b = performance.now(); while (performance.now() - b < 170); }, 30);
    // The script: request sent (& ), wait 35ms, s2 close idle, wait 40ms, close A.
    const played = (async () => {
      const a = s.wait(35);
      if (a) await a;
      order.push('close idle');
      const b = s.wait(40);
      if (b) await b;
      order.push('close A');
    })();
    await Promise.all([played, answered]);
    // As in virtual time: the close (at 75 ms) before the response (at 150 ms). Two sleeps in a row ended after it.
    expect(order).toEqual(['close idle', 'close A', 'response']);
  });
});
