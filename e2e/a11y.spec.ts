import { expect, test } from '@playwright/test';
import { audit } from './pages/audit';
import { PlaygroundPage } from './pages/PlaygroundPage';

// Accessibility audit (axe-core, WCAG 2.1 A and AA rules) of the main states of the page, in
// both themes: no serious or critical violation. Monaco's own editor surface is left out:
// it is a third-party widget with its own accessibility mode (Ctrl+M / Alt+F1).

for (const scheme of ['light', 'dark'] as const) {
  test(`no serious accessibility violation (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.pause();
    await page.evaluate(() => window.__playground!.seek(12));
    await audit(page, 'main');
    await page.getByTestId('examples-button').click();
    await audit(page, 'examples');
    await page.keyboard.press('Escape');
    await page.getByTestId('compare-button').click();
    await expect(page.getByTestId('compare-timeline')).toBeVisible();
    await audit(page, 'compare');
  });
}

test('no serious accessibility violation (embed)', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/?embed=1#example/sc07', editor: false });
  await expect(page.getByTestId('embed')).toBeVisible();
  await audit(page, 'embed');
});

test('no serious accessibility violation (lesson, help, share, file menu)', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#lesson/why-7c6f8b146', editor: false });
  await expect(page.getByTestId('lesson')).toBeVisible();
  await audit(page, 'lesson');
  await page.getByTestId('lesson-close').click();
  await page.getByTestId('share-button').click();
  await expect(page.getByTestId('share-url')).toBeVisible();
  await audit(page, 'share');
  await page.keyboard.press('Escape');
  await page.getByTestId('file-menu').click();
  await audit(page, 'file menu');
  await page.keyboard.press('Escape');
  await pg.focusPage();
  await page.keyboard.press('?');
  await expect(page.getByTestId('help')).toBeVisible();
  await audit(page, 'help');
});

test('no serious accessibility violation (folded load diagram, phone layout)', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/load-close-every-100' });
  await expect.poll(() => page.evaluate(() => window.__playground!.getState().sim.result !== null), { timeout: 30_000 }).toBe(true);
  await page.evaluate(() => window.__playground!.seek(3000));
  await audit(page, 'folded');
  await page.setViewportSize({ width: 390, height: 844 });
  await audit(page, 'phone');
});
