import { expect, test, type Page } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

// Issue 19, item 9: a lesson keeps the outcome (the full event log, the curve and peak of open
// connections) hidden until the prediction is made and the run watched, and plays its run at a
// lesson's pace rather than 450 ms an event.

const rows = (page: Page) => page.locator('[data-testid="log-row"]');

for (const size of [
  { label: 'desktop', viewport: { width: 1280, height: 800 } },
  { label: 'phone', viewport: { width: 390, height: 844 } },
]) {
  test(`a lesson hides the outcome until the prediction, then plays at a lesson's pace (${size.label})`, async ({ page }) => {
    await page.setViewportSize(size.viewport);
    const pg = new PlaygroundPage(page);
    await pg.open({ path: '/#lesson/why-7c6f8b146/2', editor: false });
    await expect(page.getByTestId('lesson-question')).toBeVisible();
    await expect.poll(() => pg.events()).toBeGreaterThan(10);
    const n = await pg.events();

    // Asking: no event of the run in the log, no curve, no peak.
    await expect(page.getByTestId('log-hidden-rest')).toBeVisible();
    await expect(rows(page)).toHaveCount(0);
    await expect(page.locator('.metric-chart .chart-box')).toBeHidden();
    await expect(page.locator('.metric-chart .k .muted')).toBeHidden();
    await expect(page.getByTestId('log-count')).toHaveText('so far');
    await pg.screenshot(`lesson-hidden-${size.label}`);

    // Predict: the run plays from the start at a pace that reaches the verdict in seconds.
    await page.getByTestId('lesson-guess').fill('2');
    await page.getByTestId('lesson-check').click();
    await expect.poll(() => pg.state<boolean>('(s) => s.view.playing')).toBe(true);
    const speed = await pg.state<number>('(s) => s.view.speed');
    expect(speed).toBeGreaterThan(1);
    expect((n * 450) / speed).toBeLessThanOrEqual(10_000);
    // While it plays, the log holds only what has happened.
    await pg.pause();
    const index = await pg.index();
    expect(await rows(page).count()).toBeLessThanOrEqual(index + 1);

    // The verdict shows everything again.
    await page.getByTestId('lesson-skip').click();
    await expect(page.getByTestId('lesson-reveal')).toBeVisible();
    await expect(page.getByTestId('log-hidden-rest')).toHaveCount(0);
    await expect(page.locator('.metric-chart .chart-box')).toBeVisible();
    await expect(page.locator('.metric-chart .k .muted')).toBeVisible();
    await expect(page.locator('.metric-chart .k')).toContainText('peak');
    await expect(page.getByTestId('log-count')).toContainText(`${n} events`);
    await pg.screenshot(`lesson-revealed-${size.label}`);
  });
}
