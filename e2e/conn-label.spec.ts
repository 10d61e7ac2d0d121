import { expect, test, type Page } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

/** Story: a connection box says which connection it is and what it does — the two never drawn over each other. */

// Twelve clients, each with a connection of its own: ids up to c12 while they connect.
const MANY = `engine seed

backend be
    mode http
    http-reuse never
    server X 192.0.2.10:80

servers
    X connect-time 5ms
    X response-time 10ms

script
    open c[1..12] h1
    c[*] GET /
`;

/** Pairs of texts (id, state) of the connection boxes on screen that overlap or touch. */
function overlaps(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid^="conn-c"]')].flatMap((g) => {
      const id = g.querySelector('.cid')!.getBoundingClientRect();
      const st = g.querySelector('.cstatus')!.getBoundingClientRect();
      if (id.width === 0 || st.width === 0) return [];
      return id.right + 1 > st.left ? [`${g.getAttribute('data-testid')} ${g.getAttribute('data-status')}: id ends ${id.right.toFixed(1)}, state starts ${st.left.toFixed(1)}`] : [];
    }),
  );
}

async function walk(page: Page, pg: PlaygroundPage): Promise<string[]> {
  const n = await pg.events();
  const bad = new Set<string>();
  let connecting = 0;
  for (let i = 0; i < n; i += 3) {
    await page.evaluate((k) => window.__playground!.seek(k), i);
    connecting += await page.locator('[data-status="connecting"]').count();
    for (const o of await overlaps(page)) bad.add(o);
  }
  expect(connecting).toBeGreaterThan(0);
  return [...bad];
}

for (const size of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
  test(`id and state of a connection never overlap (${size.width}×${size.height})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    const pg = new PlaygroundPage(page);
    await pg.open({ path: '/#example/sc07', editor: size.width > 600 });
    await pg.pause();
    expect(await walk(page, pg)).toEqual([]);
    await page.evaluate((t) => window.__playground!.setScenario(t), MANY);
    await expect.poll(() => pg.state<number>('(s) => s.sim.result?.totals.opened ?? 0')).toBe(12);
    await pg.pause();
    expect(await walk(page, pg)).toEqual([]);
    // While all twelve connect: the moment the issue showed, "c1" under "CONNECTING".
    const k = await page.evaluate(() => window.__playground!.getState().sim.result!.trace.findIndex((e) => e.kind === 'conn.new' && e.conn === 'c12'));
    await page.evaluate((x) => window.__playground!.seek(x + 1), k); // adopted by its session
    await expect(page.getByTestId('conn-c12')).toHaveAttribute('data-status', 'connecting');
    await page.waitForTimeout(600); // the boxes' move to their places
    await pg.screenshot(`conn-label-${size.width}`);
  });
}

// Story: a stream pill says which request it carries without its text running out of the pill.
test('a long request path is cut to fit its stream pill, the whole of it in its title', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: 'backend be\n    server s1 192.0.2.10:80\nscript\n    open A h1\n    A GET /metrics?scope=none takes 50ms\n' });
  await expect.poll(() => page.evaluate(() => window.__playground!.getState().sim.result !== null)).toBe(true);
  await page.evaluate(() => window.__playground!.seek(4));
  const pill = page.getByTestId('stream-A/1');
  await expect(pill.locator('text')).toHaveText('#1 /metrics…');
  await expect(pill.locator('title')).toHaveText('#1 /metrics?scope=none');
  const [text, rect] = await Promise.all([pill.locator('text').boundingBox(), pill.locator('rect').boundingBox()]);
  expect(text!.x + text!.width).toBeLessThanOrEqual(rect!.x + rect!.width);
});
