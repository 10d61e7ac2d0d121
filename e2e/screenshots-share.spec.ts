import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

/** Screenshots of issue 4's states (share, notices, gallery, lesson, compare) in the dark theme and at 1024 px. */

test('share, keep and teach (dark)', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: '# mine\nengine seed\n' });
  await page.goto('/#example/sc08');
  await expect(pg.notice).toBeVisible();
  await pg.pause();
  await pg.screenshot('dark-notice-restore');
  await page.getByTestId('share-button').click();
  await expect(page.getByTestId('share-url')).toHaveValue(/#s=1/);
  await pg.screenshot('dark-share-panel');
  await page.keyboard.press('Escape');
  await page.getByTestId('file-menu').click();
  await pg.screenshot('dark-file-menu');
  await page.keyboard.press('Escape');
  await page.getByTestId('examples-button').click();
  await page.getByTestId('tag-h2').click();
  await pg.screenshot('dark-gallery');
  await page.keyboard.press('Escape');
  await page.goto('/#lesson/swaps-orphans/2');
  await page.getByTestId('lesson-guess').fill('0');
  await page.getByTestId('lesson-check').click();
  await page.getByTestId('lesson-skip').click();
  await expect(page.getByTestId('lesson-reveal')).toBeVisible();
  await pg.screenshot('dark-lesson-reveal');
  await page.getByTestId('lesson-close').click();
  await page.goto('/#example/sc10');
  await page.getByTestId('compare-button').click();
  await page.getByTestId('compare-end').click();
  await pg.screenshot('dark-compare-sc10');
  await page.goto('/#s=1.d.broken');
  await expect(pg.notice).toHaveAttribute('data-kind', 'error');
  await pg.screenshot('dark-bad-link');
});

test('compare and lesson at projector size (1024×768)', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#lesson/reuse-modes/3', editor: false });
  await expect(page.getByTestId('lesson')).toBeVisible();
  await pg.screenshot('projector-lesson');
  await page.goto('/#compare/parent');
  await expect(page.getByTestId('compare')).toBeVisible();
  await page.getByTestId('compare-end').click();
  await pg.screenshot('projector-compare');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
});
