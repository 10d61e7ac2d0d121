import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

test('switching the engine: the motivating case needs 1 connection at the seed, 3 at the parent', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.focusPage();
  await page.keyboard.press('End');
  await expect(page.getByTestId('metric-opened')).toHaveText('1');
  await expect(page.getByTestId('metric-reused')).toHaveText('2');

  await pg.engine.selectOption('parent');
  await expect(page.getByTestId('engine-commit')).toHaveText('131fd89d5');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('engine parent');
  await expect.poll(() => pg.state<string>('(s) => s.sim.result.engine')).toBe('parent');
  await pg.focusPage();
  await page.keyboard.press('End');
  await expect(page.getByTestId('metric-opened')).toHaveText('3');
  await expect(page.getByTestId('metric-reused')).toHaveText('0');
  await expect(page.getByTestId('conn-c3')).toHaveAttribute('data-status', 'closed');
  await pg.screenshot('parent-end');

  await pg.engine.selectOption('seed');
  await expect(page.getByTestId('engine-commit')).toHaveText('7c6f8b146');
  await pg.focusPage();
  await page.keyboard.press('End');
  await expect(page.getByTestId('metric-opened')).toHaveText('1');
});

test('the selector offers modern 3.0, 3.2 and 3.4: it writes the version into the engine line and runs that engine', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.engine.selectOption('modern 3.0');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('engine modern 3.0');
  await expect(page.getByTestId('engine-commit')).toHaveText('v3.0.0');
  await expect.poll(() => pg.state<string>('(s) => s.sim.result.commit')).toBe('v3.0.0');
  // Compare names side a by the release it runs, in its bar and its pane.
  await page.getByTestId('compare-button').click();
  await expect(page.getByTestId('compare-engine-a')).toContainText('modern 3.0');
  await expect(page.getByTestId('compare-engine-a-commit')).toHaveText('v3.0.0');
  await expect(page.getByTestId('compare-side-a-engine')).toHaveText('modern 3.0');
  await page.getByTestId('compare-close').click();
  await pg.engine.selectOption('modern 3.2');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('engine modern 3.2');
  await expect(page.getByTestId('engine-commit')).toHaveText('v3.2.0');
  await expect.poll(() => pg.state<string>('(s) => s.sim.result.commit')).toBe('v3.2.0');
  await pg.engine.selectOption('modern 3.4');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('engine modern 3.4');
  await expect(page.getByTestId('engine-commit')).toHaveText('v3.4.0');
  await expect.poll(() => pg.state<string>('(s) => s.sim.result.commit')).toBe('v3.4.0');
  await pg.screenshot('engine-modern-34');
  await pg.engine.selectOption('modern');
  await expect(page.getByTestId('engine-commit')).toHaveText('v2.6.0');
  await expect(page.locator('.monaco-editor .view-lines')).not.toContainText('modern 3.0');
  await expect(pg.engine).toHaveValue('modern');
  await pg.screenshot('engine-modern-26');
});
