import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

test('changes animate: a connection slides into its list instead of jumping', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  const i = await page.evaluate(() => window.__playground!.getState().sim.result!.trace.findIndex((e) => e.kind === 'list.add'));
  await page.evaluate((k) => window.__playground!.seek(k - 1), i);
  await page.waitForTimeout(800);
  const conn = page.getByTestId('conn-c1');
  const before = (await conn.boundingBox())!;

  // Sample the position in the page every animation frame for 700 ms after the step.
  const xs = await page.evaluate(async (k) => {
    const el = document.querySelector('[data-testid="conn-c1"]')!;
    window.__playground!.seek(k);
    const out: number[] = [];
    const t0 = performance.now();
    while (performance.now() - t0 < 700) {
      await new Promise(requestAnimationFrame);
      out.push(el.getBoundingClientRect().x);
    }
    return out;
  }, i);
  await page.waitForTimeout(300);
  const after = (await conn.boundingBox())!;
  await pg.screenshot('animation-after');

  expect(after.x).toBeGreaterThan(before.x + 50); // it went into the server's list
  // …through intermediate positions, not in one jump.
  const between = xs.filter((x) => x > before.x + 2 && x < after.x - 2);
  expect(between.length).toBeGreaterThan(2);
  await expect(conn).toHaveAttribute('data-list', 'priv');
});

test('scrubbing back and forth keeps every position deterministic', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  const n = await pg.events();
  const at = async (k: number) => {
    await page.evaluate((x) => window.__playground!.seek(x), k);
    await page.waitForTimeout(700);
    return page.evaluate(() =>
      [...document.querySelectorAll('[data-testid^="conn-"], [data-testid^="session-"]')].map(
        (el) => `${el.getAttribute('data-testid')}:${(el as SVGGElement).style.transform}`,
      ),
    );
  };
  const mid = Math.floor(n / 2);
  const first = await at(mid);
  await at(n - 1);
  await at(2);
  expect(await at(mid)).toEqual(first);
});

test('a swap re-routes the session links smoothly', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await page.getByTestId('examples-button').click();
  await page.getByTestId('example-sc07').click();
  await pg.pause();
  const i = await page.evaluate(() => window.__playground!.getState().sim.result!.trace.findIndex((e) => e.kind === 'swap'));
  expect(i).toBeGreaterThan(0);
  const holder = await page.evaluate((k) => window.__playground!.getState().sim.result!.trace[k].holder!, i);
  const d = () => page.getByTestId(`own-link-${holder}`).evaluate((el) => getComputedStyle(el).getPropertyValue('d'));
  await page.evaluate((k) => window.__playground!.seek(k - 1), i);
  await page.waitForTimeout(800);
  const before = await d();
  const ds = await page.evaluate(
    async ([k, h]) => {
      const el = document.querySelector(`[data-testid="own-link-${h}"]`)!;
      window.__playground!.seek(k as number);
      const out: string[] = [];
      const t0 = performance.now();
      while (performance.now() - t0 < 700) {
        await new Promise(requestAnimationFrame);
        out.push(getComputedStyle(el).getPropertyValue('d'));
      }
      return out;
    },
    [i, holder] as const,
  );
  await page.waitForTimeout(300);
  const after = await d();
  expect(after).not.toBe(before); // the victim now points at the connection it received
  const between = ds.filter((x) => x !== before && x !== after);
  expect(between.length).toBeGreaterThan(2); // and the link moved there through intermediate shapes
  await expect(page.getByTestId(`own-link-${holder}`)).toHaveAttribute('data-target', /c\d+/);
});
