import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

test('no request leaves localhost while the page is used', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const pg = new PlaygroundPage(page);
  await pg.open();

  // Use the features that could load something: completion, hover, examples, play, theme.
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n    ');
  await page.keyboard.press('Control+Space');
  await expect(page.locator('.monaco-editor .suggest-widget')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.locator('.monaco-editor .view-line', { hasText: 'http-reuse' }).first().hover();
  await page.waitForTimeout(800);
  await page.getByTestId('examples-button').click();
  await page.getByTestId('example-sc07').click();
  await pg.focusPage();
  await page.keyboard.press('Space');
  await page.waitForTimeout(1_500);
  await page.getByTestId('theme-toggle').click();
  await page.getByTestId('engine-select').selectOption('parent');
  await page.waitForTimeout(500);

  expect(requests.length).toBeGreaterThan(3);
  const foreign = requests.filter((u) => {
    if (u.startsWith('data:') || u.startsWith('blob:')) return false;
    const host = new URL(u).hostname;
    return host !== 'localhost' && host !== '127.0.0.1';
  });
  expect(foreign).toEqual([]);
});
