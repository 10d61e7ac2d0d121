import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { PlaygroundPage } from './pages/PlaygroundPage';

/** Story: every example and lesson step says whether the real HAProxy agrees, from recordings of the binary. */

const SUMMARY = JSON.parse(readFileSync('core/verify/real-agreement.json', 'utf8')) as Record<string, { outcome: string; recorded: string }>;

test('each example card says whether the modern engine matches the real HAProxy 2.6.12, or why it was not checked', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  await page.getByTestId('examples-button').click();
  const cards = page.getByTestId('example-cards').locator('.card');
  await expect(cards).toHaveCount(20);
  for (let i = 0; i < 20; i++) await expect(cards.nth(i).getByTestId('real-agreement')).toHaveCount(1);
  const sc02 = page.getByTestId('example-sc02').locator('xpath=..').getByTestId('real-agreement');
  await expect(sc02).toHaveAttribute('data-outcome', SUMMARY.sc02!.outcome);
  await expect(sc02).toHaveText(`✓ modern engine matches HAProxy 2.6.12 — real binary, recorded ${SUMMARY.sc02!.recorded}`);
  const sc15 = page.getByTestId('example-sc15').locator('xpath=..').getByTestId('real-agreement');
  await expect(sc15).toHaveAttribute('data-outcome', 'none');
  await expect(sc15).toContainText('Not checked against a real HAProxy');
  await expect(page.getByTestId('load-cards').getByTestId('real-agreement').first()).toContainText('Not checked');
  await pg.screenshot('gallery-agreement');
});

test('a lesson step with a changed http-reuse shows the recording of that variant', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  // reuse-modes, step 2: SC04 under http-reuse never.
  await pg.open({ path: '/#lesson/reuse-modes/2', editor: false });
  const line = page.getByTestId('lesson').getByTestId('real-agreement');
  await expect(line).toHaveAttribute('data-outcome', SUMMARY['sc04@never']!.outcome);
  await expect(line).toContainText('HAProxy 2.6.12 — real binary, recorded');
  await pg.screenshot('lesson-agreement');
});
