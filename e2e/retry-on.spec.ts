import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

// The gallery's retry-on example: the why panel of the L7 retry (mL1), then the retry-on line deleted
// in the editor — A's second request ends in a silent close instead.
test.use({ reducedMotion: 'reduce' });

test('retry-on: the why panel names the L7 retry, and without retry-on the client connection closes silently', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/config-retry-on' });
  await pg.pause();
  await expect.poll(() => pg.events()).toBeGreaterThan(20);

  await pg.seekTo("(e) => e.kind === 'note' && e.decision === 'mL1'");
  const why = page.getByTestId('why');
  await expect(why).toContainText('Retry of the request at layer 7 (retry-on)');
  await expect(why).toContainText('retry-on conn-failure empty-response');
  await expect(why).toContainText('http_ana.c:1233-1285');
  await pg.screenshot('retry-on');
  const done = "(s) => s.sim.result.trace.filter((e) => e.kind === 'request.done').map((e) => e.request + ' ' + e.status).join(',')";
  expect(await pg.state<string>(done)).toBe('r1 200,r2 200,r3 200');

  // Without retry-on: r2 gets no answer (its client connection is closed), r3 comes on a new one.
  await pg.goto(16, 1);
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Delete');
  await expect.poll(() => pg.state<string>("(s) => s.editor.pending || !s.sim.result ? '' : s.sim.result.trace.filter((e) => e.kind === 'request.done').map((e) => e.request).join(',')"), { timeout: 15_000 }).toBe('r1,r3');
  expect(await pg.state<boolean>("(s) => s.sim.result.trace.some((e) => e.kind === 'note' && e.decision === 'mD7' && e.request === 'r2')")).toBe(true);
  await pg.seekTo("(e) => e.kind === 'note' && e.decision === 'mD7'");
  await pg.screenshot('retry-on-without');
});
