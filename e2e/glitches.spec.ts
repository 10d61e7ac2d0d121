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

test('the modern engine is named v2.6.0 in the engine menu, its pane, compare and the why panel alike', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/sc02' });
  await pg.pause();
  await pg.engine.selectOption('modern');
  await expect(page.getByTestId('engine-commit')).toHaveText('v2.6.0');
  await page.evaluate(() => window.__playground!.seek(8));
  await expect(page.getByTestId('why-source')).toContainText('@ v2.6.0');
  await page.getByTestId('compare-button').click();
  await expect(page.getByTestId('compare-engine-a')).toContainText('v2.6.0');
  const options = await page.getByTestId('compare-engine-b').locator('option').allTextContents();
  expect(options.join(' ')).not.toMatch(/a1efc048b/);
  await page.getByTestId('compare-engine-b').selectOption('seed');
  await expect(page.getByTestId('compare-side-a')).toContainText('v2.6.0');
  expect(await page.getByTestId('compare').innerText()).not.toContain('a1efc048b');
  await pg.screenshot('compare-modern-v2.6.0');
});

test('the shortcuts help reads "and Ctrl+."', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.focusPage();
  await page.keyboard.press('?');
  await expect(page.getByTestId('help')).toContainText('moves the focus, and Ctrl+.');
  await pg.screenshot('help-shortcuts');
});
