import { expect, test, type Page } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

/** Screenshots of the main states, in both themes, for a human to look at (e2e/screenshots/). */

async function at(page: Page, pred: string, offset = 0): Promise<void> {
  await page.evaluate(
    ([p, off]) => {
      const s = window.__playground!.getState();
      const f = new Function('e', `return (${p})(e)`) as (e: unknown) => boolean;
      const i = s.sim.result!.trace.findIndex(f);
      window.__playground!.seek(i + (off as number));
    },
    [pred, offset] as const,
  );
  await page.waitForTimeout(700); // let the transitions settle
}

async function example(page: Page, id: string): Promise<void> {
  await page.getByTestId('examples-button').click();
  await page.getByTestId(`example-${id}`).click();
  await expect.poll(() => page.evaluate(() => window.__playground!.getState().sim.result !== null)).toBe(true);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`main states (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.pause();
    // The motivating case, second request reusing the session's connection.
    await at(page, "(e) => e.decision === 'R1'");
    await pg.screenshot(`${scheme}-sc02-reuse`);
    // Idle in the priv list between requests.
    await at(page, "(e) => e.kind === 'list.add'");
    await pg.screenshot(`${scheme}-sc02-listed`);

    await example(page, 'sc07');
    await at(page, "(e) => e.kind === 'swap'");
    await pg.screenshot(`${scheme}-sc07-swap`);

    await example(page, 'sc08');
    await at(page, "(e) => e.flag === 'orphaned' || e.flag === 'dispossessed'");
    await pg.screenshot(`${scheme}-sc08-orphan`);

    await example(page, 'sc09');
    await at(page, "(e) => e.kind === 'conn.doomed'");
    await pg.screenshot(`${scheme}-sc09-doomed`);
  });
}

test('projector size', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  await at(page, "(e) => e.decision === 'R1'");
  await pg.screenshot('projector-1024');
});

test('other engines: parent crash note, modern pools', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await example(page, 'sc05');
  await page.getByTestId('engine-select').selectOption('parent');
  await expect.poll(() => page.evaluate(() => window.__playground!.getState().sim.result!.engine)).toBe('parent');
  await pg.pause();
  await at(page, "(e) => e.flag === 'crash' || e.flag === 'hang' || e.decision === 'pX'");
  await pg.screenshot('parent-sc05-crash');

  await example(page, 'sc03');
  await page.getByTestId('engine-select').selectOption('modern');
  await expect.poll(() => page.evaluate(() => window.__playground!.getState().sim.result!.engine)).toBe('modern');
  await pg.pause();
  await at(page, "(e) => e.kind === 'reuse.pick'");
  await pg.screenshot('modern-sc03-pick');
});

// A browser window beside another (half of a laptop screen) or a tablet: every header control
// stays on screen, and no metric's label runs into its neighbour.
for (const width of [1010, 960, 820, 760]) {
  test(`narrow window (${width} px): header and metrics fit`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.pause();
    expect(await pg.offScreen('.header button, .header select')).toEqual([]);
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.metric')].filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent),
    );
    expect(overflowing).toEqual([]);
    await pg.screenshot(`narrow-${width}`);
  });
}
