import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

// Issue 15 point 6: a large run is shown at its first picture's event as soon as that event has
// arrived, before the run ends — labelled as in progress — and the whole run then replaces it at
// the same playhead. Cancelled, it gives the picture back to the run before it.

// Four requests per client: the run goes on well after its first events are shown.
const TEN_K = readFileSync('core/examples/load-h1-10k-always.scenario', 'utf8').replace('repeat 2 {', 'repeat 4 {');

/** The store's view of the run on screen, read in the page. */
const shown = (page: import('@playwright/test').Page) =>
  page.evaluate(() => {
    const s = window.__playground!.getState();
    return { partial: s.sim.partial, phase: s.run.phase, events: s.sim.result?.trace.length ?? 0, index: s.view.index, runId: s.sim.runId };
  });

test('a 10,000-client run shows its first part while it runs, then the whole run at the same playhead', async ({ page }) => {
  test.setTimeout(120_000);
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  // The playhead on the first event: the new run's first picture is at its first instant.
  await page.evaluate(() => window.__playground!.seek(0));
  await page.evaluate((t) => window.__playground!.setScenario(t), TEN_K);

  // The first part: drawn folded, labelled, the run still in progress (and the editor's run pending).
  await expect(page.getByTestId('run-partial')).toBeVisible({ timeout: 60_000 });
  const part = await shown(page);
  expect(part.partial).toBe(true);
  expect(part.phase).toBe('running');
  expect(part.events).toBeGreaterThan(0);
  expect(part.events).toBeLessThan(100_000);
  expect(part.index).toBe(0);
  await expect(page.getByTestId('run-progress')).toBeVisible();
  await expect(page.getByTestId('run-partial')).toContainText(`the first ${part.events.toLocaleString('en-US')} events`);
  await expect(page.getByTestId('scale-diagram')).toBeVisible();
  await expect(page.getByTestId('fold-count-web')).toContainText('open 1 ·');
  // Not dimmed as a previous run's picture: it is this run's.
  await expect(page.getByTestId('diagram-wrap')).toHaveAttribute('data-previous', 'false');
  await expect(page.getByTestId('clock-event')).toContainText(`of ${part.events.toLocaleString('en-US')}`);
  const head = () =>
    page.evaluate(() => {
      const tr = window.__playground!.getState().sim.result!.trace;
      return Array.from({ length: 50 }, (_, i) => JSON.stringify(tr[i]));
    });
  const partHead = await head();
  await pg.screenshot('partial-run-during');

  // The whole run replaces it, at the same playhead, with the same picture there.
  await page.evaluate(() => window.__playground!.idle());
  const whole = await shown(page);
  expect(whole.partial).toBe(false);
  expect(whole.phase).toBe('idle');
  expect(whole.events).toBeGreaterThan(500_000);
  expect(whole.index).toBe(0);
  await expect(page.getByTestId('run-partial')).toBeHidden();
  await expect(page.getByTestId('run-progress')).toBeHidden();
  await expect(page.getByTestId('fold-count-web')).toContainText('open 1 ·');
  await expect(page.getByTestId('clock-event')).toContainText(`of ${whole.events.toLocaleString('en-US')}`);
  // The part's events are the whole run's first ones.
  expect(await head()).toEqual(partHead);
  await pg.screenshot('partial-run-after');
});

test('cancelled once its first part is shown, the picture goes back to the run before, where it was', async ({ page }) => {
  test.setTimeout(120_000);
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  await page.evaluate(() => window.__playground!.seek(1));
  const before = await shown(page);
  await page.evaluate((t) => window.__playground!.setScenario(t), TEN_K);
  await expect(page.getByTestId('run-partial')).toBeVisible({ timeout: 60_000 });
  expect((await shown(page)).partial).toBe(true);

  await page.getByTestId('run-cancel').click();
  await expect(page.getByTestId('run-cancelled')).toContainText('the picture shows the previous run');
  const after = await shown(page);
  expect(after.partial).toBe(false);
  expect(after.events).toBe(before.events);
  expect(after.index).toBe(1);
  await expect(page.getByTestId('session-A')).toBeVisible(); // the detailed diagram of the run before
  await expect(page.getByTestId('scale-diagram')).toBeHidden();
  await expect(page.getByTestId('diagram-wrap')).toHaveAttribute('data-previous', 'true');
});
