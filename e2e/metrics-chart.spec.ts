import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

// Issue 19 item 10: the open-connections chart reads its values on hover and moves the
// playhead where it is clicked (uPlot, app/charts/Chart.tsx).

// Three connections open at 0, 100 and 200 ms; the run ends at 501 ms with all three open.
const STAIRS = `engine parent

backend be
    http-reuse never
    server X 192.0.2.10:80

servers
    X response-time 300ms

script
    open A h1
    open B h1
    open C h1
    A GET /a &
    wait 100ms
    B GET /b &
    wait 100ms
    C GET /c &
    await
`;

test('open-connections chart: hover reads the count, a click scrubs, the keyboard does both', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: STAIRS });
  await pg.pause();
  const chart = page.getByTestId('open-chart');
  await expect(chart).toBeVisible();
  await expect(page.getByTestId('metric-open')).toBeVisible();
  const peak = await pg.state<number>('(s) => s.sim.analysis.maxOpen');
  expect(peak).toBe(3);
  await expect(chart).toHaveAccessibleDescription(/Peak 3 open at 200\.000 ms/);

  const plot = chart.locator('.u-over');
  const box = (await plot.boundingBox())!;
  const end = await pg.state<number>('(s) => s.sim.result.trace[s.sim.result.trace.length - 1].t');
  const xAt = (us: number) => box.x + (us / end) * box.width;

  // Hover at 150 ms: two connections are open then.
  await page.mouse.move(xAt(150_000), box.y + box.height / 2);
  const readout = page.getByTestId('open-chart-readout');
  await expect(readout).toBeVisible();
  await expect(readout).toContainText(/1\d\d\.\d{3} ms: 2 open/);
  await pg.screenshot('metrics-chart-hover');

  // A click moves the playhead to the last event at or before that time.
  await page.mouse.click(xAt(150_000), box.y + box.height / 2);
  const t = await pg.state<number>('(s) => s.sim.result.trace[s.view.index].t');
  expect(t).toBeGreaterThanOrEqual(100_000);
  expect(t).toBeLessThan(200_000);
  expect(await pg.state<boolean>('(s) => s.view.playing')).toBe(false);
  await expect(page.getByTestId('metric-open')).toHaveText('2');

  // The marker follows the playhead: after a seek to the end it is at the right edge.
  await page.evaluate(() => window.__playground!.seek(1e9));
  const marker = (await chart.locator('.chart-marker').boundingBox())!;
  expect(Math.abs(marker.x - (box.x + box.width))).toBeLessThan(3);

  // Keyboard: focus the chart, → reads the first point, End the last, Enter goes there.
  await page.mouse.move(0, 0);
  await expect(readout).toBeHidden();
  await page.evaluate(() => window.__playground!.seek(-1));
  await chart.focus();
  await page.keyboard.press('ArrowRight');
  await expect(readout).toContainText(/^0\.000 ms: 0 open/);
  await page.keyboard.press('ArrowRight');
  await expect(readout).toContainText(/^0\.\d{3} ms: 1 open/);
  await page.keyboard.press('End');
  await expect(readout).toContainText(/^501\.000 ms: 3 open/);
  await page.keyboard.press('Enter');
  expect(await pg.index()).toBe((await pg.events()) - 1);
});

test('open-connections chart follows the dark theme', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await pg.open({ scenario: STAIRS });
  await pg.pause();
  const chart = page.getByTestId('open-chart');
  await expect(chart.locator('canvas')).toBeVisible();
  // The line is drawn in the dark theme's busy colour (#6aa9ff-ish), read back from the canvas.
  const colours = await chart.locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d')!;
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<string>();
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 200) seen.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
    return [...seen];
  });
  const busy = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--c-busy').trim());
  const hex = (s: string) => [1, 3, 5].map((i) => parseInt(s.slice(i, i + 2), 16)).join(',');
  expect(colours).toContain(hex(busy));
  await pg.screenshot('metrics-chart-dark');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('a tap on the chart moves the playhead there and shows the count', async ({ page }) => {
    const pg = new PlaygroundPage(page);
    await pg.open({ scenario: STAIRS, editor: false });
    await expect.poll(() => pg.events()).toBeGreaterThan(0);
    await pg.pause();
    const plot = page.getByTestId('open-chart').locator('.u-over');
    await plot.scrollIntoViewIfNeeded();
    const box = (await plot.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.touchscreen.tap(box.x + box.width * 0.5, box.y + box.height / 2);
    // 50 % of 501 ms is 250 ms: after C's request (200 ms), before A's response (301 ms).
    await expect.poll(() => pg.state<number>('(s) => s.sim.result.trace[s.view.index].t')).toBeGreaterThanOrEqual(200_000);
    expect(await pg.state<number>('(s) => s.sim.result.trace[s.view.index].t')).toBeLessThan(301_000);
    await expect(page.getByTestId('metric-open')).toHaveText('3');
    await pg.screenshot('metrics-chart-phone');
  });
});
