import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

test('the page loads with the motivating example and plays it', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const pg = new PlaygroundPage(page);
  await pg.open();

  // The default scenario is SC02 (the motivating case), at the seed engine.
  await expect.poll(() => pg.editorText()).toContain('HTTP/2 client');
  await expect(page.locator('.monaco-editor .mtk1, .monaco-editor [class*="mtk"]').first()).toBeVisible(); // tokens rendered
  await expect(pg.engine).toHaveValue('seed');
  await expect(page.getByTestId('engine-commit')).toHaveText('7c6f8b146');
  expect(await pg.events()).toBeGreaterThan(10);

  // It plays on its own after loading: the playhead moves forward.
  await expect.poll(() => pg.index(), { timeout: 8_000 }).toBeGreaterThan(2);
  await expect(page.getByTestId('session-A')).toHaveAttribute('data-state', 'open');

  // Jump to the end: one connection served the three requests.
  await pg.focusPage();
  await page.keyboard.press('End');
  await expect(page.getByTestId('metric-requests')).toHaveText('3');
  await expect(page.getByTestId('metric-opened')).toHaveText('1');
  await expect(page.getByTestId('metric-reused')).toHaveText('2');
  await expect(page.getByTestId('conn-c1')).toHaveAttribute('data-status', 'closed');
  await pg.screenshot('load-end');
  expect(errors).toEqual([]);
});

test('the editor text is autosaved and restored on reload', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.typeAtLineEnd(1, ' (edited)');
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('reuse-playground:scenario') ?? ''))
    .toContain('(edited)');
  await page.reload();
  await expect.poll(() => pg.editorText()).toContain('(edited)');
  expect(await pg.state<string>('(s) => s.editor.text')).toContain('(edited)');
});
