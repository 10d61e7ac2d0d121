import { expect, test } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { PlaygroundPage } from './pages/PlaygroundPage';

// Issue 19, item 7: at 1280×800 the why panel shows all it says — every event of every gallery
// example, its explanation and its conditions — without scrolling.
const IDS = readdirSync('core/examples')
  .filter((f) => /^sc\d\d\.scenario$/.test(f))
  .map((f) => f.slice(0, 4))
  .sort();

test.use({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });

test('the why panel fits what it says at 1280×800, on every event of every example', async ({ page }) => {
  test.setTimeout(180_000);
  const pg = new PlaygroundPage(page);
  await pg.open({ path: `/#example/${IDS[0]}`, editor: false });
  const over: string[] = [];
  let worst = { id: '', i: 0, need: 0, have: 0 };
  for (const id of IDS) {
    await page.evaluate((id) => (location.hash = `#example/${id}`), id);
    await expect.poll(() => page.evaluate((id) => window.__playground!.getState().editor.text.includes(id.toUpperCase()) && window.__playground!.getState().sim.result !== null, id)).toBe(true);
    await pg.pause();
    const found = await page.evaluate(async () => {
      const why = document.querySelector<HTMLElement>('[data-testid="why"]')!;
      const n = window.__playground!.getState().sim.result!.trace.length;
      const out: { i: number; need: number; have: number }[] = [];
      for (let i = 0; i < n; i++) {
        window.__playground!.seek(i);
        await new Promise((r) => requestAnimationFrame(r));
        out.push({ i, need: why.scrollHeight, have: why.clientHeight });
      }
      return out;
    });
    for (const f of found) {
      if (f.need > f.have + 1) over.push(`${id} event ${f.i}: needs ${f.need} px, has ${f.have}`);
      if (f.need - f.have > worst.need - worst.have) worst = { id, ...f };
    }
  }
  console.log('worst', JSON.stringify(worst), over.length);
  await pg.screenshot('why-fits');
  expect(over).toEqual([]);
});
