import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

/** Story: the same scenario under two engines, side by side, with what differs. */

test('SC02: the seed opens 1 connection, the parent 3; the requests served differently are marked', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  await page.getByTestId('compare-button').click();
  const compare = page.getByTestId('compare');
  await expect(compare).toBeVisible();
  await expect(page.getByTestId('compare-side-a-engine')).toHaveText('seed');
  await expect(page.getByTestId('compare-side-b-engine')).toHaveText('parent');
  await expect(page.getByTestId('total-a-opened')).toHaveText('1');
  await expect(page.getByTestId('total-b-opened')).toHaveText('3');
  await expect(page.getByTestId('compare-sentence')).toContainText('The parent opens 2 more connections');
  const rows = page.getByTestId('compare-request');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute('data-differs', 'false');
  await expect(rows.nth(1)).toHaveAttribute('data-differs', 'true');
  await expect(rows.nth(2)).toHaveAttribute('data-differs', 'true');
  // One timeline: stepping to the end shows both final states.
  await page.getByTestId('compare-end').click();
  await expect(page.getByTestId('compare-a-opened')).toHaveText('1');
  await expect(page.getByTestId('compare-b-opened')).toHaveText('3');
  await pg.screenshot('compare-sc02-end');
  // Back to the middle by virtual time: both sides at the same instant.
  await page.keyboard.press('Home');
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('compare-clock')).toContainText('step 30');
  await pg.screenshot('compare-sc02-middle');
  // Dragging the shared track scrubs both sides; its right end is the last step.
  const track = page.getByTestId('compare-track');
  const box = (await track.boundingBox())!;
  await page.mouse.move(box.x + 10, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const steps = Number((await track.getAttribute('aria-valuemax'))!);
  const mid = Number((await track.getAttribute('aria-valuenow'))!);
  expect(mid).toBeGreaterThan(steps * 0.35);
  expect(mid).toBeLessThan(steps * 0.65);
  await page.mouse.click(box.x + box.width - 2, box.y + box.height / 2);
  await expect(page.getByTestId('compare-clock')).toContainText(`step ${steps} of ${steps}`);

  // Seed vs modern.
  await page.getByTestId('compare-engine-b').selectOption('modern');
  await expect(page.getByTestId('compare-side-b-engine')).toHaveText('modern 2.6');
  await page.getByTestId('compare-close').click();
  await expect(compare).toBeHidden();
  await expect(page.locator('.monaco-editor')).toBeVisible();
});

test('compare opens by link (#compare/parent and in a share link)', async ({ page, context }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#compare/parent', editor: false });
  await expect(page.getByTestId('compare')).toBeVisible();
  await expect(page.getByTestId('total-b-opened')).toHaveText('3');
  await page.getByTestId('compare-next').click();
  await page.getByTestId('compare-next').click();
  const link = await pg.shareLink();
  const other = await context.newPage();
  const pg2 = new PlaygroundPage(other);
  await pg2.open({ path: link.slice(link.indexOf('/#')), editor: false });
  await expect(other.getByTestId('compare')).toBeVisible();
  await expect(other.getByTestId('compare-side-b-engine')).toHaveText('parent');
});
