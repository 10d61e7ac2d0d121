import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

/** Small things a new user meets (issue 19, item 11). */

test('following the playhead scrolls the editor the least: the title stays while the line fits, else the line comes in at the bottom', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/sc02' });
  await pg.pause();
  await page.evaluate(() => window.__playground!.seek(0)); // `open A h2`, line 15
  const hl = page.locator('.current-line-hl');
  await expect(hl).toBeVisible();
  const editorBox = (await page.locator('.monaco-editor').boundingBox())!;
  const hlBox = (await hl.boundingBox())!;
  expect(hlBox.y + hlBox.height).toBeLessThanOrEqual(editorBox.y + editorBox.height);
  const title = page.locator('.monaco-editor .view-line', { hasText: 'SC02' });
  if ((await title.count()) > 0) {
    // Lines 1 to 15 fit in the editor: nothing scrolled them away.
    expect((await title.boundingBox())!.y).toBeGreaterThanOrEqual(editorBox.y);
  } else {
    // They do not fit (a short editor): the line comes in at the bottom, not in the middle.
    expect(editorBox.y + editorBox.height - (hlBox.y + hlBox.height)).toBeLessThan(3 * hlBox.height);
  }
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

test('the progress of a large run counts the requests sent, not only those done', async ({ page }) => {
  test.setTimeout(90_000);
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/sc02' });
  await pg.pause();
  await page.getByTestId('examples-button').click();
  await page.getByTestId('example-load-h1-10k-always').click();
  const text = page.getByTestId('run-progress-text');
  // 10,000 clients send their first request before any answer comes back: the bar says so.
  await expect(text).toContainText(/[1-9][\d,]* \/ 20,000 requests sent, [\d,]+ done/, { timeout: 30_000 });
  await pg.screenshot('progress-sent');
  // The run may finish while the screenshot is taken (a quiet machine): cancel only what still runs.
  const cancel = page.getByTestId('run-cancel');
  if (await cancel.isVisible()) await cancel.click({ timeout: 5_000 }).catch(() => undefined);
  await expect(cancel).toBeHidden({ timeout: 30_000 });
});

test('in the folded view, a list\'s "max N" stands beside its bar, not over it', async ({ page }) => {
  test.setTimeout(90_000);
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/load-h2-1k-safe' });
  await expect(page.getByTestId('fold-list-s1-idle')).toBeVisible({ timeout: 60_000 });
  await pg.focusPage();
  await page.keyboard.press('End');
  const clashes = await page.evaluate(() =>
    [...document.querySelectorAll('.fold-list')].flatMap((g) => {
      const bar = g.querySelector('.bar-bg')!.getBoundingClientRect();
      const max = g.querySelector('.list-max')!.getBoundingClientRect();
      const count = g.querySelector('.list-count')!.getBoundingClientRect();
      const out: string[] = [];
      if (max.width > 0 && max.left < bar.right) out.push(`${g.getAttribute('data-testid')}: "${g.querySelector('.list-max')!.textContent}" starts ${max.left.toFixed(1)}, bar ends ${bar.right.toFixed(1)}`);
      if (count.width > 0 && count.right > bar.left) out.push(`${g.getAttribute('data-testid')}: count over the bar`);
      return out;
    }),
  );
  expect(clashes).toEqual([]);
  await pg.screenshot('folded-list-max');
});
