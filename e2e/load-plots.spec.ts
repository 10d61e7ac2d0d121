import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

// Issue 18: an open-loop run (`arrive`) has plots over time — connections open, idle, requests
// in flight, reuse ratio — on the timeline's time axis: the playhead is marked, a click moves it.

const ARRIVE = `seed 7

backend be
    http-reuse safe
    server X 192.0.2.10:80

servers
    X response-time exp 30ms

script
    arrive web rate 200/s for 2s h1 GET / requests 3 think 10ms
`;

test('open-loop run: over-time plots read values and scrub the timeline', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: ARRIVE });
  await pg.pause();
  await expect.poll(() => pg.state<boolean>('(s) => s.sweep.series !== null'), { timeout: 20_000 }).toBe(true);
  const counts = page.getByTestId('load-counts');
  await expect(counts.locator('canvas')).toBeVisible();
  await expect(page.getByTestId('load-ratio').locator('canvas')).toBeVisible();

  // The core's samples describe the run the diagram shows: never more open than the trace's peak,
  // and they end when it ends.
  const { peak, tracePeak, lastT, endT } = await pg.state<{ peak: number; tracePeak: number; lastT: number; endT: number }>(
    `(s) => ({ peak: Math.max(...s.sweep.series.open), tracePeak: s.sim.analysis.maxOpen, lastT: s.sweep.series.t[s.sweep.series.t.length - 1], endT: s.sim.result.trace[s.sim.result.trace.length - 1].t })`,
  );
  expect(peak).toBeGreaterThan(0);
  expect(peak).toBeLessThanOrEqual(tracePeak);
  expect(Math.abs(lastT * 1000 - endT)).toBeLessThanOrEqual(20_000);

  // Hover in the middle: the read-out names the time and the three counts.
  const plot = counts.locator('.u-over');
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('load-counts-readout')).toContainText(/^\d[\d.,]* ms: open \d+, idle \d+, in flight \d+/);
  await pg.screenshot('load-plots');

  // Click at a quarter: the playhead goes to that time.
  await page.mouse.click(box.x + box.width / 4, box.y + box.height / 2);
  const t = await pg.state<number>('(s) => s.sim.result.trace[s.view.index].t');
  const t0 = await pg.state<number>('(s) => s.sweep.series.t[0] * 1000');
  const span = lastT * 1000 - t0;
  expect(Math.abs(t - (t0 + span / 4))).toBeLessThan(span * 0.05);
  const marker = (await counts.locator('.chart-marker').boundingBox())!;
  expect(Math.abs(marker.x - (box.x + box.width / 4))).toBeLessThan(box.width * 0.05);
});

test('a scenario without arrive has no plots over time', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: ARRIVE.replace(/arrive .*/, 'open A h1\n    A GET /') });
  await expect.poll(() => pg.events()).toBeGreaterThan(0);
  await expect(page.getByTestId('load-panel')).toHaveCount(0);
});
