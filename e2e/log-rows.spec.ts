import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

// 400 requests: a log far longer than its window.
const LONG = `backend be
    server s1 192.0.2.10:80
script
    open web[1..100] h1
    repeat 4 {
        web[*] GET /
    }
`;

test('a jump far down the log keeps its row elements and changes their text (no rows removed and made anew)', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: LONG });
  await pg.pause();
  // In the middle of the log: a full window of rows, as after the jump.
  await page.evaluate(() => window.__playground!.seek(1000));
  const rows = page.getByTestId('log-row');
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();
  // Mark every row element, then jump by many windows.
  await rows.evaluateAll((els) => els.forEach((el, k) => el.setAttribute('data-mark', String(k))));
  const far = await page.evaluate(() => window.__playground!.getState().sim.result!.trace.length - 1000);
  await page.evaluate((i) => window.__playground!.seek(i), far);
  await expect(page.locator(`[data-testid="log-row"][data-index="${far}"]`)).toHaveClass(/current/);
  const after = await rows.evaluateAll((els) => els.map((el) => ({ mark: el.getAttribute('data-mark'), index: Number(el.getAttribute('data-index')) })));
  // The same elements (all marked), now showing the events around the playhead.
  expect(after.filter((r) => r.mark !== null).length).toBe(before);
  expect(after.filter((r) => r.mark === null)).toEqual([]);
  expect(after.some((r) => r.index === far)).toBe(true);
});
