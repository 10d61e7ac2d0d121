import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

const TEXT = `# R1 is the rule that reuses a session's own connection
engine seed
backend be
    http-reuse safe
    server X 192.0.2.10:80
script
    open A h1
    A GET /1 to X
`;

test('the scenario language: highlighting, completion and hover docs', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: TEXT });
  await pg.pause();

  // Monarch tokens: sections, keywords and comments get different colours.
  const colour = (text: string) =>
    page.locator('.monaco-editor .view-line span span', { hasText: new RegExp(`^${text}$`) }).first().evaluate((el) => getComputedStyle(el).color);
  const comment = await page
    .locator('.monaco-editor .view-line span span', { hasText: /^#\sR1/ })
    .first()
    .evaluate((el) => getComputedStyle(el).color);
  const [backend, reuse] = [await colour('backend'), await colour('http-reuse')];
  expect(new Set([backend, reuse, comment]).size).toBe(3);

  // Completion of option values after `http-reuse`.
  await pg.goto(4, 20); // end of "    http-reuse safe"
  for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace'); // "http-reuse "
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('.monaco-editor .suggest-widget');
  await expect(suggest).toBeVisible();
  await expect(suggest).toContainText('aggressive');
  await expect(suggest).toContainText('always');
  await page.keyboard.press('Escape');

  // Completion of server names after `to`.
  await pg.goto(9, 1);
  await page.keyboard.type('    A GET /2 to ');
  await page.keyboard.press('Control+Space');
  await expect(suggest).toBeVisible();
  await expect(suggest.locator('.monaco-list-row').first()).toContainText('X');
  await page.keyboard.press('Escape');

  // Hover on a keyword shows its documentation.
  await page.locator('.monaco-editor .view-line span span', { hasText: /^server$/ }).first().hover();
  const hover = page.locator('.monaco-editor .monaco-hover').filter({ visible: true });
  await expect(hover).toBeVisible();
  await expect(hover).toContainText('server');

  // Hover on a decision ID (here in a comment) explains the rule and links the source.
  await page.mouse.move(0, 0);
  await expect(hover).toHaveCount(0);
  const comment1 = page.locator('.monaco-editor .view-line span span', { hasText: /^#\sR1/ }).first();
  const box = (await comment1.boundingBox())!;
  const ch = box.width / ((await comment1.textContent())?.length ?? 1);
  await page.mouse.move(box.x + ch * 2.5, box.y + box.height / 2); // over "R1"
  await expect(hover).toContainText('Reuse own connection');
  await expect(hover.locator('a[href*="github.com/haproxy/haproxy/blob/"]')).toHaveCount(1);
  await pg.screenshot('editor-hover');
});
