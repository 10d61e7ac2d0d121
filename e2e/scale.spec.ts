import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

// Issue 5: large scenarios run in the worker, the page keeps answering, a runaway
// scenario stops at the limit and stays viewable, the diagram folds large groups.

const example = (id: string) => readFileSync(`core/examples/${id}.scenario`, 'utf8');
// Four requests per client rather than the example's two: the run lasts long enough that the
// Cancel click lands while it goes on, however fast the worker path gets.
const TEN_K = example('load-h1-10k-always').replace('repeat 2 {', 'repeat 4 {');

const RUNAWAY = `backend be
    http-reuse always
    server s1 192.0.2.10:80
    server s2 192.0.2.11:80
script
    open web[1..10] h1
    repeat 1000000 {
        web[*] GET /
    }
`;

/** Record long tasks (with their start) from the first byte of the page. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

function longTasksSince(page: Page, t0: number): Promise<number[]> {
  return page.evaluate(
    (t) =>
      (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks
        .filter((e) => e.start >= t)
        .map((e) => Math.round(e.duration)),
    t0,
  );
}

const runPhase = (pg: PlaygroundPage) => pg.state<string>('(s) => s.run.phase');

test('10,000 clients: progress bar, cancel, run again, complete, scrub — the page keeps answering', async ({ page }) => {
  test.setTimeout(120_000);
  await watchLongTasks(page);
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  const before = await pg.events();
  expect(before).toBeGreaterThan(0);

  // Start the run: it goes to the worker, the progress bar shows up.
  await page.evaluate((t) => window.__playground!.setScenario(t), TEN_K);
  const bar = page.getByTestId('run-progress-bar');
  await expect(page.getByTestId('run-progress')).toBeVisible();
  await expect(page.getByTestId('run-progress-text')).toContainText('/ 40,000 requests');

  // Cancel: the previous run stays on screen.
  await page.getByTestId('run-cancel').click();
  await expect(page.getByTestId('run-cancelled')).toBeVisible();
  expect(await runPhase(pg)).toBe('cancelled');
  expect(await pg.events()).toBe(before);
  await expect(page.getByTestId('session-A')).toBeVisible(); // SC02's diagram

  // Run again, and watch the page answer while the worker simulates.
  const t0 = await page.evaluate(() => performance.now());
  await page.getByTestId('run-again').click();
  await expect(page.getByTestId('run-progress')).toBeVisible();
  const pings = page.evaluate(async () => {
    // A timer every 20 ms: how late does it fire while the run goes on?
    const late: number[] = [];
    const s = () => window.__playground!.getState();
    while (s().run.phase === 'running') {
      const a = performance.now();
      await new Promise((r) => setTimeout(r, 20));
      late.push(performance.now() - a - 20);
    }
    late.sort((x, y) => x - y);
    return { n: late.length, p50: late[Math.floor(late.length / 2)] ?? 0, max: late[late.length - 1] ?? 0 };
  });
  await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 60_000 }).not.toBe('0');
  // A control answers during the run.
  const clickAt = Date.now();
  await page.getByTestId('speed').selectOption('2');
  const clickMs = Date.now() - clickAt;
  await page.evaluate(() => window.__playground!.idle());
  const t1 = await page.evaluate(() => performance.now());
  const lag = await pings;
  const long = await longTasksSince(page, t0);

  const total = await pg.events();
  expect(total).toBeGreaterThan(500_000);
  await expect(page.getByTestId('run-progress')).toBeHidden();
  await expect(page.getByTestId('scale-diagram')).toBeVisible();
  await expect(page.getByTestId('fold-row-web')).toBeVisible();
  await expect(page.getByTestId('fold-count-web')).toContainText('open');
  console.log(
    `10,000 clients: run + take-in ${Math.round(t1 - t0)} ms; timer lateness p50 ${lag.p50.toFixed(0)} ms, max ${lag.max.toFixed(0)} ms ` +
      `(${lag.n} pings); long tasks ${JSON.stringify(long)}; a select answered in ${clickMs} ms`,
  );
  // The page's own event loop kept turning while the worker simulated: a run on the page
  // would be one blocking task, and the timer could fire only once. Timings are printed
  // above and measured by `npm run bench`, never asserted (they depend on the machine's load).
  expect(lag.n).toBeGreaterThanOrEqual(3);
  expect(await runPhase(pg)).not.toBe('running');

  // Scrub: clicks on the timeline move the playhead anywhere at once.
  const track = page.getByTestId('track');
  const box = (await track.boundingBox())!;
  for (const f of [0.8, 0.2, 0.55]) {
    await page.mouse.click(box.x + box.width * f, box.y + box.height / 2);
    await expect.poll(() => pg.index()).toBeGreaterThan(Math.floor(total * (f - 0.05)));
    expect(await pg.index()).toBeLessThan(Math.ceil(total * (f + 0.05)));
  }
  const counts = await page.getByTestId('fold-count-web').textContent();
  expect(counts).toMatch(/open [\d,]+ · active [\d,]+ · ended [\d,]+/);
  await pg.screenshot('scale-10k');
});

test('a runaway scenario stops at the limit with a mark, and the part simulated so far is viewable', async ({ page }) => {
  test.setTimeout(150_000);
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  await page.evaluate((t) => window.__playground!.setScenario(t), RUNAWAY);
  await expect(page.getByTestId('run-progress')).toBeVisible();
  await page.evaluate(() => window.__playground!.idle());

  expect(await pg.state<string | null>('(s) => s.sim.result.limitReached')).toBe('events');
  await expect(page.getByTestId('limit-mark')).toBeVisible();
  await expect(page.getByTestId('limit-banner')).toContainText('Stopped at the limit of 1,000,000 events');
  const n = await pg.events();
  expect(n).toBeGreaterThan(999_999);
  // The last event says why the run stopped.
  await pg.focusPage();
  await page.keyboard.press('End');
  await expect(page.getByTestId('caption')).toContainText('limit reached');
  // Any instant of it can be shown.
  await page.evaluate((i) => window.__playground!.seek(i), Math.floor(n / 2));
  const requests = Number((await pg.metric('requests')).replace(/\D/g, ''));
  expect(requests).toBeGreaterThan(10_000);
  await expect(page.getByTestId('session-web3')).toBeVisible(); // ten clients: drawn one by one
  await pg.screenshot('scale-limit');
});

test('folded groups and long server lists expand on click', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  await page.evaluate(
    (t) => window.__playground!.setScenario(t),
    example('load-h2-1k-safe'),
  );
  await page.evaluate(() => window.__playground!.idle());
  await page.evaluate((i) => window.__playground!.seek(i), 150_000);
  const row = page.getByTestId('fold-row-web');
  await expect(row).toHaveAttribute('data-expanded', 'false');
  await expect(page.getByTestId('fold-member-web1')).toHaveCount(0);
  await page.getByTestId('fold-toggle-web').click();
  await expect(row).toHaveAttribute('data-expanded', 'true');
  await expect(page.getByTestId('fold-member-web1')).toBeVisible();
  await expect(page.locator('[data-testid^="fold-member-"]')).toHaveCount(60);

  const list = page.getByTestId('fold-list-s1-idle');
  await list.click();
  await expect(list).toHaveAttribute('data-expanded', 'true');
  await pg.screenshot('scale-expanded');

  // A member row focuses that client's connection.
  await page.getByTestId('fold-member-web7').click();
  await expect.poll(() => pg.state<string | null>('(s) => s.view.focusConn')).toMatch(/^c\d+$/);
  await page.getByTestId('fold-toggle-web').click();
  await expect(row).toHaveAttribute('data-expanded', 'false');
});

test('a long server list collapses into a count in a small run, and expands on click', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  await page.evaluate((t) => window.__playground!.setScenario(t), example('load-close-every-100'));
  await page.evaluate(() => window.__playground!.idle());
  // 20 clients: drawn one by one; the idle lists reach 10, more than the 6 lines shown.
  await expect(page.getByTestId('session-web20')).toBeAttached();
  const toggle = page.getByTestId('server-expand-s1');
  await expect(toggle).toHaveAttribute('data-collapsed', 'true');
  // Find an instant where s1's idle list is longer than the box.
  const at = await page.evaluate(() => {
    const s = window.__playground!.getState();
    const n = s.sim.result!.trace.length;
    for (let i = 0; i < n; i += 97) if (s.sim.cursor!.at(i).lists.get('s1')!.idle.length > 6) return i;
    return -1;
  });
  await page.evaluate((i) => window.__playground!.seek(i), at);
  expect(at).toBeGreaterThan(0);
  await expect(page.getByTestId('list-more-s1-idle')).toContainText('more');
  await page.waitForTimeout(600); // let the slide-in transitions end
  await pg.screenshot('list-collapsed');
  await toggle.click();
  await expect(toggle).toHaveAttribute('data-collapsed', 'false');
  await expect(page.getByTestId('list-more-s1-idle')).toHaveCount(0);
  await page.waitForTimeout(600);
  await pg.screenshot('list-expanded');
});

test('the examples gallery has a Load group that opens a load scenario', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  await page.getByTestId('examples-button').click();
  await expect(page.getByRole('heading', { name: 'Load' })).toBeVisible();
  // A filter that only load scenarios match shows them, not "no example matches", and counts them.
  await page.getByTestId('examples-search').fill('10,000 HTTP/1');
  await expect(page.getByTestId('example-load-h1-10k-always')).toBeVisible();
  await expect(page.getByTestId('examples-menu')).not.toContainText('No example matches');
  await expect(page.getByTestId('examples-menu')).toContainText(/\b1 of \d+/);
  await page.getByTestId('example-load-h1-10k-always').click();
  await expect.poll(() => pg.editorText()).toContain('open web[1..10000] h1');
  await page.evaluate(() => window.__playground!.idle());
  expect(await pg.events()).toBeGreaterThan(300_000);
  await expect(page.getByTestId('fold-row-web')).toBeVisible();
});
