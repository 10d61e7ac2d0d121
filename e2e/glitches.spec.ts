import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

/** Small things a new user meets (issue 19, item 11). */

test('following the playhead keeps the scenario title in view while the line fits on the first screen', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/sc02' });
  await pg.pause();
  await page.evaluate(() => window.__playground!.seek(0)); // `open A h2`, line 15
  const hl = page.locator('.current-line-hl');
  await expect(hl).toBeVisible();
  const title = page.locator('.monaco-editor .view-line', { hasText: 'SC02' });
  const editorBox = (await page.locator('.monaco-editor').boundingBox())!;
  const titleBox = (await title.boundingBox())!;
  expect(titleBox.y).toBeGreaterThanOrEqual(editorBox.y);
  const hlBox = (await hl.boundingBox())!;
  expect(hlBox.y + hlBox.height).toBeLessThanOrEqual(editorBox.y + editorBox.height);
  await pg.screenshot('editor-follow-title');
});
