import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

// The page ships a strict Content-Security-Policy (index.html): nothing it does may need more.
test('no Content-Security-Policy violation while loading, typing, running in the worker and playing', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  const violations = () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.editorReady();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');

  // Typing, with completion and hover.
  await pg.typeAtLineEnd(1, ' (csp)');
  await page.keyboard.press('Control+Space');
  await page.keyboard.press('Escape');
  // A run in the worker (a folded diagram on a canvas), then playing.
  await page.evaluate(() =>
    window.__playground!.setScenario('backend be\n    server s1 192.0.2.1:80\nscript\n    open web[1..2000] h1\n    web[*] GET /\n'),
  );
  await page.evaluate(() => window.__playground!.idle());
  await expect(page.getByTestId('scale-diagram')).toBeVisible();
  await page.getByTestId('btn-play').click();
  await expect.poll(() => pg.index()).toBeGreaterThan(10);
  await page.getByTestId('theme-toggle').click();
  expect(await violations()).toEqual([]);

  // The policy is in force: an inline script is refused (and reported).
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.appendChild(s);
  });
  await expect.poll(violations).toHaveLength(1);
  expect(await page.evaluate(() => (window as unknown as { __inline?: number }).__inline)).toBeUndefined();
});
