import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

/** Story: a guided lesson asks for a prediction, plays the run and reveals the answer measured on it. */

test('a lesson opens by link at a step, checks a prediction against the run, and keeps progress', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#lesson/why-7c6f8b146/2', editor: false });
  const lesson = page.getByTestId('lesson');
  await expect(lesson).toBeVisible();
  await expect(page.getByTestId('lesson-step-title')).toHaveText('At the parent commit');
  await expect(pg.engine).toHaveValue('parent');
  await expect(page.getByTestId('lesson-question')).toContainText('How many server connections will the parent open');
  await pg.screenshot('lesson-ask');

  await page.getByTestId('lesson-guess').fill('1');
  await page.getByTestId('lesson-check').click();
  await expect.poll(() => pg.state<boolean>('(s) => s.view.playing')).toBe(true);
  await expect(page.getByTestId('lesson-reveal')).toBeHidden(); // not before the run is watched
  await page.getByTestId('lesson-skip').click();
  const reveal = page.getByTestId('lesson-reveal');
  await expect(reveal).toBeVisible();
  // The answer is the run's own count.
  const opened = await pg.state<number>('(s) => s.sim.result.totals.opened');
  expect(opened).toBe(3);
  await expect(page.getByTestId('lesson-answer')).toHaveText('3 server connections opened');
  await expect(reveal).toContainText('You said 1.');
  // However long the text above it, the way on stays on screen (at 1280x800 it was below the fold).
  await expect(page.getByTestId('lesson-next')).toBeInViewport({ ratio: 1 });
  await pg.screenshot('lesson-reveal');

  await page.getByTestId('lesson-next').click();
  await expect(page).toHaveURL(/#lesson\/why-7c6f8b146\/3$/);
  await expect(pg.engine).toHaveValue('seed');
  await page.getByTestId('lesson-guess').fill('1');
  await page.getByTestId('lesson-check').click();
  await page.getByTestId('lesson-skip').click();
  await expect(page.getByTestId('lesson-reveal')).toContainText('You said 1: right.');

  // The scenario tab shows the editor with the lesson's scenario.
  await page.getByTestId('lesson-scenario-tab').click();
  await expect(page.locator('.monaco-editor')).toBeVisible();
  await page.getByTestId('lesson-tab').click();

  // Progress is kept in this browser.
  await page.getByTestId('lesson-close').click();
  await expect(lesson).toBeHidden();
  await page.reload();
  await page.getByTestId('lessons-button').click();
  await expect(page.getByTestId('lesson-why-7c6f8b146')).toContainText('step 3 of 4');
  await pg.screenshot('lessons-menu');
  await page.getByTestId('lesson-why-7c6f8b146').click();
  await expect(page.getByTestId('lesson-step-title')).toHaveText('At the seed commit');
  await expect(page.getByTestId('lesson-reveal')).toContainText('You said 1: right.');
});

test('every lesson opens from the menu and its first question is answerable', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  for (const id of ['why-7c6f8b146', 'reuse-modes', 'swaps-orphans']) {
    await page.getByTestId('lessons-button').click();
    await page.getByTestId(`lesson-${id}`).click();
    await expect(page.getByTestId('lesson')).toBeVisible();
    while (!(await page.getByTestId('lesson-question').isVisible())) await page.getByTestId('lesson-next').click();
    await page.getByTestId('lesson-guess').fill('2');
    await page.getByTestId('lesson-check').click();
    await page.getByTestId('lesson-skip').click();
    await expect(page.getByTestId('lesson-answer')).toHaveText(/^\d+ /);
    await page.getByTestId('lesson-close').click();
  }
});
