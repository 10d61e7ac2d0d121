import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

// Issue 19, item 5: a phone layout designed for the phone — diagram text at 11 px or more, the
// server lists under the connections, a hint where the picture goes on sideways, compare readable.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' });

/** The smallest diagram text as drawn, in CSS px, per diagram on the page. */
function smallestText(page: import('@playwright/test').Page, scope = 'body'): Promise<number[]> {
  return page.evaluate((scope) =>
    [...document.querySelectorAll<SVGSVGElement>(`${scope} svg.diagram`)].map((svg) => {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      const sizes = [...svg.querySelectorAll('text')].filter((t) => t.textContent?.trim()).map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
      return Math.min(...sizes);
    }),
    scope,
  );
}

test('the diagram on a phone: full-size text, servers under the connections, a hint to scroll sideways', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/sc07', editor: false });
  await expect.poll(() => page.evaluate(() => window.__playground!.getState().sim.result !== null)).toBe(true);
  await page.evaluate(() => window.__playground!.seek(12));
  expect(Math.min(...(await smallestText(page, '[data-testid="diagram-wrap"]')))).toBeGreaterThanOrEqual(11);

  // The server boxes stand below every connection and session, at the left edge.
  const rows = await page.evaluate(() => {
    const bottom = (sel: string) => Math.max(...[...document.querySelectorAll(sel)].map((e) => e.getBoundingClientRect().bottom));
    const server = document.querySelector('[data-testid="server-X"]')!.getBoundingClientRect();
    return { server: server.top, left: server.left, sessions: bottom('[data-testid^="session-"]'), conns: bottom('[data-testid^="conn-"]') };
  });
  expect(rows.server).toBeGreaterThan(rows.sessions);
  expect(rows.server).toBeGreaterThan(rows.conns);
  expect(rows.left).toBeLessThan(40);

  // What does not fit sideways says so, and a tap on the hint brings it in.
  const wrap = page.getByTestId('diagram-wrap');
  const hint = page.getByTestId('scroll-hint-right');
  await expect(hint).toBeVisible();
  await pg.screenshot('phone-diagram');
  await hint.tap();
  await expect.poll(() => wrap.evaluate((el) => el.scrollLeft)).toBeGreaterThan(20);
  await expect(page.getByTestId('scroll-hint-left')).toBeVisible();
  await expect(hint).toHaveCount(0);
  // Nothing of the page itself sticks out sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
});

test('the notice on a phone reads as lines of text, with its button under it', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/sc07', scenario: '# my own draft\nbackend be\n    server X 192.0.2.10:80\nscript\n    open A h1\n    A GET / to X\n', editor: false });
  await expect(pg.notice).toContainText('Opened example SC07');
  const text = (await page.getByTestId('notice-text').boundingBox())!;
  const lineHeight = await page.getByTestId('notice-text').evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 20);
  expect(text.width).toBeGreaterThan(390 * 0.6);
  expect(text.height / lineHeight).toBeLessThanOrEqual(3.2);
  expect(await pg.offScreen('[data-testid="notice"], [data-testid="notice"] button')).toEqual([]);
  await pg.screenshot('phone-notice');
});

test('compare on a phone: both engines readable one above the other, totals and requests within the width', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#compare/parent', editor: false });
  await expect(page.getByTestId('compare-side-b')).toBeVisible();
  await page.getByTestId('compare-next').tap();
  await page.getByTestId('compare-next').tap();
  const sizes = await smallestText(page, '[data-testid="compare"]');
  expect(sizes).toHaveLength(2);
  for (const px of sizes) expect(px).toBeGreaterThanOrEqual(11);
  const fits = await page.evaluate(() =>
    ['[data-testid="compare-totals"]', '[data-testid="compare-requests"] table'].map((sel) => {
      const el = document.querySelector(sel)!;
      return { sel, right: el.getBoundingClientRect().right, overflow: el.parentElement!.scrollWidth - el.parentElement!.clientWidth };
    }),
  );
  for (const f of fits) {
    expect(f.right, f.sel).toBeLessThanOrEqual(390);
    expect(f.overflow, f.sel).toBeLessThanOrEqual(0);
  }
  await expect(page.getByTestId('compare-side-a').getByTestId('scroll-hint-right')).toBeVisible();
  await pg.screenshot('phone-compare-readable');
});
