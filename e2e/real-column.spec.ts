import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { audit } from './pages/audit';
import { PlaygroundPage } from './pages/PlaygroundPage';

/** Story: beside the engines, what the real HAProxy 2.6.12 did with a recorded example, request by request (issue 16). */

interface Rec { recordedAt: string; requests: { id: string; conn: string | null }[] }
const SC02 = JSON.parse(readFileSync('core/test/real-examples/sc02.real.json', 'utf8')) as Rec;
const SUMMARY = JSON.parse(readFileSync('core/verify/real-agreement.json', 'utf8')) as Record<string, { outcome: string }>;

test('the compare view has a real column for SC02, and the why panel of a request says what the binary did', async ({ page }) => {
  // A long story (two views, two viewport sizes, an audit): 6–16 s alone, and it once ran past 45 s under a full CI's load.
  test.slow();
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  await page.getByTestId('compare-button').click();
  await expect(page.getByTestId('compare-real-head')).toHaveText(`HAProxy 2.6.12 (real) recorded ${SC02.recordedAt.slice(0, 10)}`);
  const cells = page.getByTestId('compare-real');
  await expect(cells).toHaveCount(SC02.requests.length);
  // Each row names the connection the recording has for its request.
  const ids = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-request')!));
  expect(ids.sort()).toEqual(SC02.requests.map((r) => r.id).sort());
  for (const r of SC02.requests) await expect(page.locator(`[data-testid="compare-real"][data-request="${r.id}"]`)).toHaveAttribute('data-conn', r.conn ?? '');
  await pg.screenshot('real-column-seed-parent');

  // The modern engine matches this recording (the agreement line says so): every mark agrees.
  expect(SUMMARY.sc02!.outcome).toBe('match');
  await page.getByTestId('compare-engine-b').selectOption('modern');
  await expect(page.getByTestId('compare-side-b-engine')).toHaveText('modern 2.6');
  const modern = cells.locator('[data-testid="compare-real-mark"][data-side="b"]');
  await expect(modern).toHaveCount(SC02.requests.length);
  await expect(modern.first()).toContainText('modern');
  for (const same of await modern.evaluateAll((els) => els.map((e) => e.getAttribute('data-same')))) expect(same).toBe('true');
  // What the seed engine (side a) says per request, to hold the why panel to it.
  const seedSame = await cells.locator('[data-testid="compare-real-mark"][data-side="a"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-same')));
  const order = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-request')));
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('compare-requests').scrollIntoViewIfNeeded();
  await pg.screenshot('real-column-phone');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByTestId('compare-close').click();

  // The why of a request's forward: the recorded connection, and whether the seed agrees.
  const last = SC02.requests[SC02.requests.length - 1]!;
  const i = await page.evaluate((id) => window.__playground!.getState().sim.result!.trace.findIndex((e) => e.kind === 'request.forward' && e.request === id), last.id);
  expect(i).toBeGreaterThan(0);
  await pg.clickLogRow(i);
  const why = page.getByTestId('why-real');
  const verdictWord = seedSame[order.indexOf(last.id)] === 'true' ? 'matches' : 'differs';
  await expect(why.locator('summary')).toContainText(`Real HAProxy 2.6.12: ${last.id} answered on connection ${last.conn}`);
  await expect(why.locator('summary')).toContainText(`(${verdictWord})`);
  await why.locator('summary').click();
  await expect(page.getByTestId('why-real-record')).toBeVisible();
  await expect(page.getByTestId('why-real-record')).toContainText(SC02.recordedAt.slice(0, 10));
  await pg.screenshot('real-why');
  await audit(page, 'why panel, real record open');
  // "Show in compare", from the keyboard: the compare view opens on that request's real cell, scrolled to, focused and marked.
  await page.getByTestId('why-real-compare').focus();
  await page.keyboard.press('Enter');
  const cell = page.locator(`[data-testid="compare-real"][data-request="${last.id}"]`);
  await expect(cell).toBeFocused();
  await expect(cell).toHaveAttribute('aria-current', 'true');
  await expect(cell).toBeInViewport();
  await expect(page.locator('[data-testid="compare-real"][data-marked]')).toHaveCount(1);
  await pg.screenshot('real-why-compare');
  await audit(page, 'compare, a real cell marked');
  await page.getByTestId('compare-close').click();

  // On a phone the verdict stays whole in the title bar; the rest of the line is what is cut short.
  await page.setViewportSize({ width: 390, height: 844 });
  await why.scrollIntoViewIfNeeded();
  const verdict = why.locator('.why-real-verdict');
  await expect(verdict).toHaveText(`(${verdictWord})`);
  const box = (await verdict.boundingBox())!;
  const meta = (await page.getByTestId('why-meta').boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  // Under the time and event, not squeezed beside them: the line is whole at 390 px.
  expect(box.y).toBeGreaterThanOrEqual(meta.y + meta.height - 1);
  for (const el of [verdict, why.locator('.why-real-line')]) expect(await el.evaluate((x) => x.scrollWidth <= x.clientWidth && x.getBoundingClientRect().right <= innerWidth)).toBe(true);
  await pg.screenshot('real-why-phone');
  await why.locator('summary').click();
  await page.getByTestId('why-real-compare').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('why-real-compare')).toBeInViewport();
  await pg.screenshot('real-why-phone-open');
  await page.getByTestId('why-real-compare').click();
  await expect(cell).toBeFocused();
  await expect(cell).toBeInViewport();
  await pg.screenshot('real-why-compare-phone');
  await page.getByTestId('compare-close').click();
  await page.setViewportSize({ width: 1280, height: 800 });

  // An edited scenario is no longer the one recorded: no real line.
  await pg.typeAtLineEnd(1, ' ');
  await pg.typeAtLineEnd(1, '\n# edited');
  await expect(why).toHaveCount(0);
});
