import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

// Still pictures: a connection moving between lists is drawn where it lands.
test.use({ reducedMotion: 'reduce' });

// The gallery's answer to haproxy/haproxy#3033 ("the idle server connection closes after 15 s whatever
// the timeouts say"): the purge closes c1 and its why panel says so; `pool-purge-delay 30s` typed on the
// server line keeps it, and the third request reuses it.

test('idle purge: the why panel names the purge, and a longer pool-purge-delay keeps the connection', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/config-idle-purge' });
  await pg.pause();
  await expect.poll(() => pg.events()).toBeGreaterThan(20);

  await pg.seekTo("(e) => e.kind === 'conn.destroy' && e.conn === 'c1'");
  const why = page.getByTestId('why');
  await expect(why).toContainText('mI2');
  await expect(why).toContainText('Periodic purge');
  await expect(why).toContainText('estimated need 0');
  await expect(why).toContainText('connections to close');
  expect(await pg.state<number>("(s) => s.sim.result.trace.find((e) => e.kind === 'conn.destroy' && e.conn === 'c1').t")).toBe(20_006_000);
  await pg.screenshot('idle-purge');
  expect(await pg.state<number>('(s) => s.sim.result.totals.opened')).toBe(2);

  // The remedy, typed: the connection waits out the quiet and serves /3.
  await pg.typeAtLineEnd(25, ' pool-purge-delay 30s');
  await expect.poll(() => pg.state<number>("(s) => s.editor.pending || !s.sim.result ? -1 : s.sim.result.totals.opened"), { timeout: 15_000 }).toBe(1);
  expect(await pg.state<number>('(s) => s.sim.result.totals.reused')).toBe(2);
  await pg.seekTo("(e) => e.kind === 'attach' && e.request === 'r3'");
  await expect(why).toContainText('c1');
  await pg.screenshot('idle-purge-30s');
});
