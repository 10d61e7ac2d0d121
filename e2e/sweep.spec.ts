import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { audit } from './pages/audit';

// Issue 18: a sweep in the scenario runs in the worker pool; the panel charts a metric against
// the first swept parameter, a line per value of the second; hover reads the numbers, a click
// opens that run in the diagram and timeline; Cancel; CSV and PNG.

// HTTP/2 clients, three requests each: the parent opens a connection per request (its streams
// lose theirs), the seed and modern keep one per client.
const ENGINES = `sweep clients 1 2 4 8
sweep engine seed parent modern

backend be
    http-reuse never
    server X 192.0.2.10:80

script
    open web[1..$clients] h2
    repeat 3 {
        web[*] GET /
    }
`;

/** Large enough that Cancel comes while it runs. */
const LARGE = `sweep clients 1000 2000 3000 4000 5000 6000 7000 8000 9000 10000
sweep mode never always

backend be
    http-reuse $mode
    server X 192.0.2.10:80

script
    open web[1..$clients] h1
    repeat 20 {
        web[*] GET /
    }
`;

async function sweepDone(page: Page): Promise<void> {
  await expect(page.getByTestId('sweep-progress')).toContainText(/runs in/, { timeout: 30_000 });
}

test('a sweep runs, its chart reads out values, and a click opens that run in the diagram', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: ENGINES });
  await pg.pause();
  await sweepDone(page);
  expect(await pg.state<number>('(s) => s.sweep.rows.filter(Boolean).length')).toBe(12);
  expect(await pg.state<string[]>('(s) => s.sweep.axes.map((a) => a.name)')).toEqual(['clients', 'engine']);
  const legend = page.getByRole('list', { name: 'Lines' });
  await expect(legend).toHaveText(/engine seed.*engine parent.*engine modern/);
  // At 1280x800 the whole chart, its legend and its exports show without scrolling the panel.
  await expect(page.getByTestId('sweep-chart')).toBeInViewport({ ratio: 1 });
  await expect(legend).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('sweep-csv')).toBeInViewport({ ratio: 1 });

  // The parent's line: 3 connections per client (one per request); the seed's: 1 per client.
  const opened = await pg.state<Record<string, number>>(
    `(s) => Object.fromEntries(s.sweep.rows.map((r) => [r.values.clients + '/' + r.values.engine, r.metrics.opened]))`,
  );
  expect(opened['8/parent']).toBe(24);
  expect(opened['8/seed']).toBe(8);

  // Hover the last point of the parent's line (x = 8, y = 24): the read-out names it first.
  const chart = page.getByTestId('sweep-chart');
  const plot = chart.locator('.u-over');
  const box = (await plot.boundingBox())!;
  // The x scale has 4 % room each side of 1..8; y runs from 0 to 24 × 1.05 (app/charts/Chart.tsx).
  const span = 7;
  const xOf = (v: number) => box.x + ((v - (1 - span * 0.04)) / (span * 1.08)) * box.width;
  const yOf = (v: number) => box.y + box.height - (v / (24 * 1.05)) * box.height;
  await page.mouse.move(xOf(8), yOf(24));
  const readout = page.getByTestId('sweep-chart-readout');
  await expect(readout).toContainText('clients 8: engine parent 24, engine seed 8, engine modern 8');
  await pg.screenshot('sweep-hover');

  // Click: the diagram and timeline show that run (8 clients, the parent: 24 connections opened).
  await page.mouse.click(xOf(8), yOf(24));
  await expect(page.getByTestId('sweep-open')).toContainText('clients = 8, engine = parent');
  await expect.poll(() => pg.state<string>('(s) => s.sim.result.engine')).toBe('parent');
  await page.evaluate(() => window.__playground!.seek(1e9));
  await expect(page.getByTestId('metric-opened')).toHaveText('24');
  // The editor keeps the sweep: the text did not change.
  expect(await pg.text()).toBe(ENGINES);

  // Back: the plain run (each sweep at its first value: 1 client, seed).
  await page.getByTestId('sweep-open-close').click();
  await expect(page.getByTestId('sweep-open')).toBeHidden();
  await expect.poll(() => pg.state<string>('(s) => s.sim.result.engine')).toBe('seed');
  await page.evaluate(() => window.__playground!.seek(1e9));
  await expect(page.getByTestId('metric-opened')).toHaveText('1');

  // Another metric: the chart follows.
  await page.getByTestId('sweep-metric').selectOption('requests');
  await page.mouse.move(xOf(8), yOf(12));
  await expect(readout).toContainText(/clients 8: .*24/);
});

test('the keyboard reads the points and Enter opens one', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: ENGINES });
  await pg.pause();
  await sweepDone(page);
  const chart = page.getByTestId('sweep-chart');
  await chart.focus();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('sweep-chart-readout')).toContainText('clients 8: engine parent 24');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sweep-open')).toContainText('clients = 8, engine = parent');
});

test('CSV and PNG exports', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: ENGINES });
  await sweepDone(page);
  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('sweep-csv').click();
  const csv = readFileSync((await (await csvDownload).path())!, 'utf8').trim().split('\n');
  expect(csv[0]).toBe('clients,engine,requests,opened,reused,reuse_ratio,peak_conns,idle_end,p50_ms,p95_ms,errors,queued,backlogged');
  expect(csv).toHaveLength(13);
  expect(csv).toContain(csv.find((l) => l.startsWith('8,parent,24,24,'))!);

  const pngDownload = page.waitForEvent('download');
  await page.getByTestId('sweep-png').click();
  const png = readFileSync((await (await pngDownload).path())!);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.length).toBeGreaterThan(5_000);
});

test('Cancel stops a large sweep and keeps the points done; Run sweep starts it again', async ({ page }) => {
  test.setTimeout(90_000);
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: LARGE });
  await expect(page.getByTestId('sweep-progress-bar')).toBeVisible({ timeout: 20_000 });
  await pg.screenshot('sweep-running');
  await page.getByTestId('sweep-cancel').click();
  await expect(page.getByTestId('sweep-progress')).toContainText(/cancelled at \d+ \/ 20/);
  const done = await pg.state<number>('(s) => s.sweep.done');
  expect(done).toBeLessThan(20);
  expect(await pg.state<string>('(s) => s.sweep.phase')).toBe('cancelled');
  // Nothing more arrives after Cancel.
  await page.waitForTimeout(1500);
  expect(await pg.state<number>('(s) => s.sweep.done')).toBe(done);
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep-progress-bar')).toBeVisible();
});

test('the sweep is in the text: a reload (autosave) brings the panel back', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: ENGINES });
  await sweepDone(page);
  await page.reload();
  await sweepDone(page);
  expect(await pg.state<number>('(s) => s.sweep.rows.length')).toBe(12);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the panel fits the width and a tap opens a point', async ({ page }) => {
    const pg = new PlaygroundPage(page);
    await pg.open({ scenario: ENGINES, editor: false });
    await sweepDone(page);
    expect(await pg.offScreen('[data-testid="sweep-panel"] *')).toEqual([]);
    const plot = page.getByTestId('sweep-chart').locator('.u-over');
    const box = (await plot.boundingBox())!;
    await page.touchscreen.tap(box.x + box.width * 0.96, box.y + box.height * 0.06);
    await expect(page.getByTestId('sweep-open')).toContainText('clients = 8, engine = parent');
    await pg.screenshot('sweep-phone');
  });
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the sweep panel and the plots over time pass the accessibility audit (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const pg = new PlaygroundPage(page);
    const both = ENGINES.replace('script\n', 'servers\n    X response-time 20ms\n\nscript\n    arrive user rate 100/s for 1s h1 GET /\n');
    await pg.open({ scenario: both });
    await pg.pause();
    await sweepDone(page);
    await expect.poll(() => pg.state<boolean>('(s) => s.sweep.series !== null')).toBe(true);
    // Beside a sweep, the plots over time start folded (room for the diagram).
    await expect(page.getByTestId('load-counts')).toBeHidden();
    await page.getByTestId('sweep-chart').focus();
    await page.keyboard.press('ArrowRight');
    await audit(page, `sweep (${scheme})`);
    await pg.screenshot(`sweep-${scheme}`);
    // Unfolding them folds the sweep's chart: one at a time.
    await page.getByTestId('load-fold').click();
    await expect(page.getByTestId('load-counts').locator('canvas')).toBeVisible();
    await expect(page.getByTestId('sweep-chart')).toBeHidden();
    await page.getByTestId('load-counts').focus();
    await page.keyboard.press('End');
    await audit(page, `plots over time (${scheme})`);
    await pg.screenshot(`load-${scheme}`);
    await page.getByTestId('sweep-fold').click();
    await expect(page.getByTestId('sweep-chart')).toBeVisible();
    await expect(page.getByTestId('load-counts')).toBeHidden();
  });
}

test('the gallery has a Sweeps group; its examples open with the panel', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  await page.getByTestId('examples-button').click();
  await expect(page.getByRole('heading', { name: 'Sweeps' })).toBeVisible();
  await page.getByTestId('example-sweep-engines-clients').click();
  await expect.poll(() => pg.editorText()).toContain('sweep engine seed parent modern');
  await expect(page.getByTestId('sweep-progress')).toContainText('30 runs in', { timeout: 30_000 });
  // HTTP/2 clients, three requests each: the parent opens three connections per client, the seed one.
  const opened = await pg.state<number[]>(`(s) => ['seed', 'parent'].map((e) => s.sweep.rows.find((r) => r.values.clients === '100' && r.values.engine === e).metrics.opened)`);
  expect(opened).toEqual([100, 300]);
});

test('the global maxconn sweep: past 20 clients they wait in the backlog, and reuse stops well before', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/sweep-global-maxconn' });
  await expect.poll(() => pg.editorText()).toContain('sweep maxconn 20 1000');
  await expect(page.getByTestId('sweep-progress')).toContainText('40 runs in', { timeout: 60_000 });
  const rows = await pg.state<Record<string, { backlogged: number; reuse_ratio: number }>>(
    `(s) => Object.fromEntries(s.sweep.rows.map((r) => [r.values.clients + '/' + r.values.maxconn, { backlogged: r.metrics.backlogged, reuse_ratio: r.metrics.reuse_ratio }]))`,
  );
  // Three rounds of 30 clients at maxconn 20: the ten beyond wait each round; at 1000 none waits.
  expect(rows['30/20']!.backlogged).toBe(30);
  expect(rows['30/1000']!.backlogged).toBe(0);
  // The descriptor threshold of maxconn 20 stops the pools long before 20 clients; 1000 keeps reusing.
  expect(rows['12/20']!.reuse_ratio).toBe(0);
  expect(rows['12/1000']!.reuse_ratio).toBeGreaterThan(0.6);
  await page.getByTestId('sweep-metric').selectOption('backlogged');
  await expect(page.getByTestId('sweep-chart')).toBeVisible();
  await pg.screenshot('sweep-global-maxconn');
});

test('the minconn/fullconn sweep: a large fullconn keeps the servers near minconn, and the clients wait', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/sweep-minconn-fullconn' });
  await expect.poll(() => pg.editorText()).toContain('sweep fullconn 10 40 400');
  await expect(page.getByTestId('sweep-progress')).toContainText('30 runs in', { timeout: 60_000 });
  const rows = await pg.state<Record<string, { opened: number; p95_ms: number }>>(
    `(s) => Object.fromEntries(s.sweep.rows.map((r) => [r.values.clients + '/' + r.values.fullconn, { opened: r.metrics.opened, p95_ms: r.metrics.p95_ms }]))`,
  );
  // fullconn 10: 40 clients are far past it, each server takes its maxconn 20 — one connection per client, no wait.
  expect(rows['40/10']).toEqual({ opened: 40, p95_ms: expect.any(Number) });
  expect(rows['40/10']!.p95_ms).toBeLessThan(60);
  // fullconn 400: the servers stay at minconn 2 — four connections, and the last requests wait ten rounds.
  expect(rows['40/400']!.opened).toBe(4);
  expect(rows['40/400']!.p95_ms).toBeGreaterThan(400);
  await page.getByTestId('sweep-metric').selectOption('p95_ms');
  await expect(page.getByTestId('sweep-chart')).toBeVisible();
  // The diagram says the server's limit moves.
  await expect(page.getByTestId('server-role-app1')).toHaveText('maxconn 20 (from minconn 2)');
  await pg.screenshot('sweep-minconn-fullconn');
});

test('the health-check sweep opens on the metric its plot line names, and fewer requests fail with faster checks', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/sweep-health-checks' });
  await expect.poll(() => pg.editorText()).toContain('plot errors');
  await expect(page.getByTestId('sweep-progress')).toContainText('15 runs in', { timeout: 60_000 });
  await expect(page.getByTestId('sweep-metric')).toHaveValue('errors');
  const errors = await pg.state<Record<string, number>>(`(s) => Object.fromEntries(s.sweep.rows.map((r) => [r.values.inter + '/' + r.values.fall, r.metrics.errors]))`);
  expect(errors['100ms/1']).toBe(0);
  expect(errors['2s/3']!).toBeGreaterThan(errors['250ms/3']!);
  // The reader's choice stays while the text keeps its plot line.
  await page.getByTestId('sweep-metric').selectOption('p95_ms');
  await expect(page.getByTestId('sweep-metric')).toHaveValue('p95_ms');
  await pg.screenshot('sweep-health-checks');
});
