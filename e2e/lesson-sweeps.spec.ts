import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

// Issue 18: a lesson built on a sweep — its steps open points of the sweep in the diagram, and
// each answer is measured on the run of that point.

test('the sweeps lesson opens each step at its point of the sweep and measures the answer there', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#lesson/sweeps-pool/1', editor: false });
  await expect(page.getByTestId('lesson-step-title')).toHaveText('A sweep');
  await expect(page.getByTestId('sweep-panel')).toBeVisible();
  await expect(page.getByTestId('sweep-open')).toBeHidden();
  await expect(page.getByTestId('sweep-progress')).toContainText(/22 runs in/, { timeout: 30_000 });

  // Step 2: the diagram shows pool 100 under safe; the answer is that run's count.
  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('sweep-open')).toContainText('pool = 100, reuse = safe');
  await page.getByTestId('lesson-guess').fill('100');
  await page.getByTestId('lesson-check').click();
  await page.getByTestId('lesson-skip').click();
  await expect(page.getByTestId('lesson-answer')).toHaveText('200 server connections opened');
  // The chart says the same for that point.
  const chartSays = await pg.state<number>(`(s) => s.sweep.rows.find((r) => r.values.pool === '100' && r.values.reuse === 'safe').metrics.opened`);
  expect(chartSays).toBe(200);
  await pg.screenshot('lesson-sweeps');

  // Step 3: always; back to step 1: the plain run again.
  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('sweep-open')).toContainText('pool = 100, reuse = always');
  await page.getByTestId('lesson-prev').click();
  await page.getByTestId('lesson-prev').click();
  await expect(page.getByTestId('sweep-open')).toBeHidden();
  await expect.poll(() => pg.state<number>('(s) => s.sim.result.totals.opened')).toBe(300);
});
