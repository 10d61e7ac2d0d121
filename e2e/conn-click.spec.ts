import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

/** Story: a learner clicks a connection to ask "where does this one come from?". */

test("clicking a connection goes to its own first event (its creation), then walks forward", async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/sc07' });
  await pg.focusPage();
  await page.keyboard.press('End');
  await pg.pause();
  const first = await page.evaluate(() => window.__playground!.getState().sim.result!.trace.findIndex((e) => e.conn === 'c1' || e.otherConn === 'c1'));
  await page.getByTestId('conn-c1').click({ force: true });
  await expect.poll(() => pg.index()).toBe(first);
  await expect(page.getByTestId('why-decision')).toHaveText('R4');
  await expect(page.getByTestId('why-name')).not.toHaveText('The emulated world');
  await expect(page.getByTestId('why-what')).toHaveText('New connection c1 to server X for request r1.');
  // Not adopted yet (that is the next event), and not doomed either: it is connecting.
  await expect(page.getByTestId('conn-c1')).toHaveAttribute('data-status', 'connecting');
  await pg.screenshot('conn-click-first');
  // Again: its next event, forward in time.
  await page.getByTestId('conn-c1').click({ force: true });
  expect(await pg.index()).toBeGreaterThan(first);
});
