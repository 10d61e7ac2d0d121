import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

// Issue 15 point 6 / issue 19 item 12: scrubbing a large run shows the instant asked for, with the
// event log on it; a run with thousands of live connections from few clients is drawn folded
// (on a canvas), and playing it keeps frames coming. Timings are printed, never asserted
// (`npm run bench` measures them: BENCH_ONLY=scrub).

const TEN_K = readFileSync('core/examples/load-h1-10k-always.scenario', 'utf8');

/** 60 HTTP/2 clients in groups too small to fold, 100 streams each under `never`: ~2,000 connections open at once. */
const MANY_CONNS = `backend be
    http-reuse never
    server s1 192.0.2.10:80
    server s2 192.0.2.11:80
script
    open a[1..20] h2
    open b[1..20] h2
    open c[1..20] h2
    repeat 100 {
        a[*] GET / takes 2s &
        b[*] GET / takes 2s &
        c[*] GET / takes 2s &
    }
`;

test('scrubbing the 10,000-client run: each jump shows that instant, and the event log is on it', async ({ page }) => {
  test.setTimeout(120_000);
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  await page.evaluate((t) => window.__playground!.setScenario(t), TEN_K);
  await page.evaluate(() => window.__playground!.idle());
  const n = await pg.events();
  expect(n).toBeGreaterThan(300_000);
  await expect(page.getByTestId('scale-diagram')).toBeVisible();

  const jumps: number[] = [];
  let x = 4242;
  for (let k = 0; k < 10; k++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const i = x % n;
    const ms = await page.evaluate(async (to) => {
      const t0 = performance.now();
      window.__playground!.seek(to);
      await new Promise(requestAnimationFrame);
      await new Promise(requestAnimationFrame);
      return performance.now() - t0;
    }, i);
    jumps.push(Math.round(ms));
    expect(await pg.index()).toBe(i);
    // The counters are those of a world of its own at that instant (TraceCursor.at, not the shared one).
    const want = await page.evaluate((to) => {
      const s = window.__playground!.getState();
      const w = s.sim.cursor!.at(to);
      // One dot per client: its last session's state, active while one of its streams carries a request.
      const state = new Map<string, 'open' | 'active' | 'ended'>();
      for (const sess of w.sessions.values()) state.set(sess.client, sess.open ? 'open' : 'ended');
      for (const st of w.streams.values()) {
        const sess = w.sessions.get(st.session);
        if (st.open && st.request !== null && sess?.open) state.set(sess.client, 'active');
      }
      const states = [...state.values()];
      const active = states.filter((v) => v === 'active').length;
      const open = active + states.filter((v) => v === 'open').length;
      return { requests: w.counts.requests, open, active };
    }, i);
    await expect(page.getByTestId('metric-requests')).toHaveText(want.requests.toLocaleString('en-US'));
    await expect(page.getByTestId('fold-count-web')).toContainText(`open ${want.open.toLocaleString('en-US')} · active ${want.active.toLocaleString('en-US')}`);
    // The log follows: the current event's row is drawn and inside the log's window.
    const row = page.locator(`[data-testid="log-row"][data-index="${i}"]`);
    await expect(row).toBeInViewport();
    await expect(row).toHaveAttribute('aria-selected', 'true');
  }
  console.log(`10,000 clients (${n} events): seek to the second frame, ms: ${jumps.join(' ')}`);
  await pg.screenshot('scrub-10k');
});

test('thousands of live connections from 60 clients: drawn folded on a canvas, and playing keeps frames coming', async ({ page }) => {
  test.setTimeout(120_000);
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  await page.evaluate((t) => window.__playground!.setScenario(t), MANY_CONNS);
  await page.evaluate(() => window.__playground!.idle());
  expect(await pg.state<number>('(s) => s.sim.analysis.conns.size')).toBe(6000);
  // Not a box per connection: the folded view, one row per client (a1 …) and a dot per connection.
  expect(await pg.state<boolean>('(s) => s.run.folded')).toBe(true);
  await expect(page.getByTestId('scale-diagram')).toBeVisible();
  await expect(page.getByTestId('fold-client-a1')).toBeVisible();
  await expect(page.locator('[data-testid^="conn-"]')).toHaveCount(0);

  // Where the most are open at once.
  await page.evaluate(() => {
    const s = window.__playground!.getState();
    const tr = s.sim.result!.trace;
    let open = 0;
    let best = 0;
    let at = 0;
    for (let i = 0; i < tr.length; i++) {
      if (tr[i]!.kind === 'conn.new') open++;
      else if (tr[i]!.kind === 'conn.destroy') open--;
      if (open > best) [best, at] = [open, i];
    }
    window.__playground!.seek(at);
  });
  const open = Number((await page.getByTestId('fold-open-s1').textContent())!.replace(/\D/g, '')) + Number((await page.getByTestId('fold-open-s2').textContent())!.replace(/\D/g, ''));
  expect(open).toBeGreaterThan(1500);
  const i0 = await pg.index();
  await page.getByTestId('btn-play').click();
  const r = await page.evaluate(async () => {
    const gaps: number[] = [];
    let last = performance.now();
    const t0 = last;
    while (performance.now() - t0 < 2000) {
      await new Promise(requestAnimationFrame);
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }
    gaps.sort((a, b) => a - b);
    return { frames: gaps.length, p50: gaps[gaps.length >> 1]!, p95: gaps[Math.floor(gaps.length * 0.95)]! };
  });
  await page.getByTestId('btn-play').click();
  console.log(`${open} live connections: ${(r.frames / 2).toFixed(0)} fps while playing (frame p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms)`);
  expect(r.frames).toBeGreaterThan(2);
  expect(await pg.index()).toBeGreaterThan(i0);
  await pg.screenshot('many-connections');

  // Compare draws neither side box by box either.
  await page.getByTestId('compare-button').click();
  await expect(page.locator('[data-testid^="compare-side-"][data-testid$="-folded"]')).toHaveCount(2, { timeout: 60_000 });
});
