import { readFileSync } from 'node:fs';
import { test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

test('explore: random ties at 3.4', async ({ page }) => {
  await page.setViewportSize({ width: 1500, height: 950 });
  const pg = new PlaygroundPage(page);
  const text = readFileSync('core/test/random-real/random-rate-ties.scenario', 'utf8').replace('repeat 600', 'repeat 40');
  await pg.open({ scenario: text });
  await page.waitForTimeout(1500);
  await pg.screenshot('explore-1-open');
  await pg.pause();
  await page.evaluate(() => window.__playground!.seek(60));
  await page.waitForTimeout(500);
  await pg.screenshot('explore-2-seek');
  const idx = await page.evaluate(() => {
    const s = window.__playground!.getState();
    const t = s.sim.result!.trace;
    for (let i = 40; i < t.length; i++) if (t.at(i)!.kind === 'assign') return i;
    return -1;
  });
  await page.evaluate((i) => window.__playground!.seek(i), idx);
  await page.waitForTimeout(500);
  await pg.screenshot('explore-3-assign');
});
