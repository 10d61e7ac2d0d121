import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { ORIGIN } from './origin';

/** Story: a page embeds the playground in an iframe: diagram, timeline and why, read-only. */

test('?embed=1 shows diagram, timeline and why only, light, read-only, with an "Open in playground" link', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await pg.open({ scenario: '# my own work\nengine seed\n', path: '/?embed=1#example/sc07', editor: false });
  await expect(page.getByTestId('embed')).toBeVisible();
  await expect(pg.diagram).toBeVisible();
  await expect(page.getByTestId('timeline')).toBeVisible();
  await expect(pg.why).toBeVisible();
  await expect(page.locator('.monaco-editor')).toHaveCount(0);
  await expect(page.getByTestId('share-button')).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  // Step and play work; nothing is written to the visitor's autosave.
  await pg.focusPage();
  await page.keyboard.press('End');
  await expect.poll(() => pg.index()).toBeGreaterThan(10);
  expect(await page.evaluate(() => localStorage.getItem('reuse-playground:scenario'))).toBe('# my own work\nengine seed\n');
  const open = page.getByTestId('open-in-playground');
  await expect(open).toHaveAttribute('href', `${ORIGIN}/#example/sc07`);
  await pg.screenshot('embed-page');
});

test('an iframe embeds a share link and opens it in the playground', async ({ page, context }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/sc02' });
  const link = await pg.shareLink();
  const embedUrl = link.replace('/#', '/?embed=1#');
  await page.setContent(
    `<h1 style="font:20px sans-serif">A blog post</h1><iframe id="f" src="${embedUrl}" width="900" height="560" style="border:1px solid #ccc"></iframe>`,
  );
  const frame = page.frameLocator('#f');
  await expect(frame.getByTestId('embed')).toBeVisible();
  await expect(frame.getByTestId('diagram')).toBeVisible();
  await expect(frame.getByTestId('embed-engine')).toContainText('seed');
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'e2e/screenshots/embed-iframe.png' });
  const href = await frame.getByTestId('open-in-playground').getAttribute('href');
  expect(href).toBe(link);
  const full = await context.newPage();
  await full.goto(href!);
  await expect(full.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => full.evaluate(() => window.__playground!.getState().editor.text)).toContain('SC02');
});
