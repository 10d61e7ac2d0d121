import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

// Issue 5: compare mode runs both engines in a worker — a large scenario shows progress
// with Cancel, the page keeps answering, and the two sides arrive without freezing it.

/** 500 clients × 16 requests: about 100,000 events per engine. */
const LARGE = `backend be
    http-reuse always
    server s1 192.0.2.10:80
    server s2 192.0.2.11:80
script
    open web[1..500] h1
    repeat 16 {
        web[*] GET /
    }
    close web[*]
`;

test('compare on a large scenario: both engines run in a worker, with progress, cancel and run again', async ({ page }) => {
  test.setTimeout(120_000);
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  await page.evaluate((t) => window.__playground!.setScenario(t), LARGE);
  await page.evaluate(() => window.__playground!.idle());

  // Open compare: the runs are in progress, not done in the click's task. Cancel at once (an
  // engine that finished before the Cancel is kept: Run again then runs only the other).
  await page.getByTestId('compare-button').click();
  // Cancel from the page, in the first frame that shows the button: a click sent by Playwright
  // could arrive after both runs have ended and the button is gone (it did once in CI).
  const cancelled = await page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        const t0 = performance.now();
        const look = () => {
          const cancel = document.querySelector<HTMLButtonElement>('[data-testid="compare-cancel"]');
          if (cancel) {
            cancel.click();
            resolve(true);
          } else if (performance.now() - t0 > 10_000) resolve(false);
          else requestAnimationFrame(look);
        };
        look();
      }),
  );
  expect(cancelled).toBe(true);
  await expect(page.getByTestId('compare-cancelled')).toBeVisible();
  await expect(page.getByTestId('compare-side-a')).toHaveCount(0);

  // Run again, and watch the page answer while the worker simulates: a timer every 20 ms keeps
  // firing while both engines run (a run on the page would be one blocking task). The watch starts
  // before the click: the runs may be over before another Playwright call gets a look.
  const watch = page.evaluate(async () => {
    const q = (id: string) => document.querySelector(`[data-testid="${id}"]`);
    let pings = 0;
    let first = '';
    let estimate = '';
    const t0 = performance.now();
    while (!q('total-b-requests') && performance.now() - t0 < 60_000) {
      if (q('compare-running')) {
        pings++;
        const text = q('compare-progress-text')?.textContent ?? '';
        if (text.includes(' / ')) {
          first ||= text;
          estimate = text;
        }
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    return { pings, first, estimate };
  });
  await page.getByTestId('compare-run-again').click();
  const { pings, first, estimate } = await watch;
  // The progress shows a total: 8,000 requests for each engine that runs again, or 16,000 done
  // when both had finished before the Cancel (then only the pair is derived again).
  expect(estimate).toMatch(/ \/ (8|16),000 requests/);
  // While an engine runs, the page answers; when both were kept, there is nothing to run.
  const bothKept = /^([\d,]+) \/ \1 requests/.test(first);
  if (!bothKept) expect(pings).toBeGreaterThanOrEqual(3);

  // Both sides: totals, the sentence, the requests (the first rows, more on demand), folded diagrams.
  await expect(page.getByTestId('compare-side-a-engine')).toHaveText('seed');
  await expect(page.getByTestId('compare-side-b-engine')).toHaveText('parent');
  await expect(page.getByTestId('total-a-requests')).toHaveText('8,000');
  await expect(page.getByTestId('total-b-requests')).toHaveText('8,000');
  await expect(page.getByTestId('compare-side-a-folded')).toContainText('500 clients');
  await expect(page.getByTestId('compare-limit')).toHaveCount(0);
  await expect(page.getByTestId('compare-request')).toHaveCount(200);
  await expect(page.getByTestId('compare-requests-more')).toContainText('7,800 more requests');
  await page.getByTestId('compare-requests-more').getByRole('button').click();
  await expect(page.getByTestId('compare-request')).toHaveCount(400);

  // One timeline: the end shows both final states.
  await page.getByTestId('compare-end').click();
  await expect(page.getByTestId('compare-a-opened')).not.toHaveText('0');
  await pg.screenshot('compare-large');

  // Another engine for side b: only that engine runs again; seed's side is kept.
  await page.getByTestId('compare-engine-b').selectOption('modern');
  await expect(page.getByTestId('compare-side-b-engine')).toHaveText('modern 2.6', { timeout: 30_000 });
  await expect(page.getByTestId('total-b-requests')).toHaveText('8,000');
});

test('compare of a runaway scenario says that both runs stopped at the limit', async ({ page }) => {
  test.setTimeout(120_000);
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  const runaway = LARGE.replace('open web[1..500] h1', 'open web[1..10] h1').replace('repeat 16', 'repeat 1000000');
  await page.evaluate((t) => window.__playground!.setScenario(t), runaway);
  await page.evaluate(() => window.__playground!.idle());
  await page.getByTestId('compare-button').click();
  await expect(page.getByTestId('compare-limit')).toContainText('seed and parent stopped at the limit of 200,000 events', { timeout: 60_000 });
  await expect(page.getByTestId('compare-side-a-engine')).toHaveText('seed');
  await expect(page.getByTestId('session-web1').first()).toBeVisible(); // ten clients: drawn side by side
});
