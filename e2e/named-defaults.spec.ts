import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

// Named defaults on the page: the gallery example routes by the address set-src takes from
// X-Forwarded-For (a rule of the frontend's named defaults), denies /admin from outside, and a
// `from` naming no defaults section is an error on its line with the names there are.

test('named defaults: the defaults rules run first, and the trace says which address set-src gave', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/config-named-defaults' });
  await pg.pause();
  await expect.poll(() => pg.state<number>('(s) => s.sim.result ? s.sim.result.trace.length : 0')).toBeGreaterThan(60);

  await pg.seekTo("(e) => e.kind === 'note' && e.decision === 'H8' && e.request === 'r2'");
  await expect(page.getByTestId('why')).toContainText('source address 203.0.113.7 (line 17 of defaults edge, for web');
  await pg.screenshot('named-defaults-set-src');

  // B's /admin: denied by the rule of `defaults edge`, on its own line (18).
  await pg.seekTo("(e) => e.kind === 'answer' && e.request === 'r4'");
  await expect(page.getByTestId('why')).toContainText('403');
  expect(await pg.state<number | undefined>("(s) => s.sim.result.trace.find((e) => e.kind === 'answer' && e.request === 'r4')?.rule")).toBe(18);

  // A name no defaults section has (typed in the editor): an error on the `from` word, naming the sections there are.
  await pg.typeAtLineEnd(34, 'x');
  await expect(pg.banner).toBeVisible();
  const d = await page.evaluate(() => window.__playground!.getState().editor.diagnostics.find((x) => x.severity === 'error')!);
  expect(d.message).toMatch(/defaults section 'isolatedx' not found for backend 'legacy'; expected the name of a defaults section above it \('base', 'edge', 'pooled', 'isolated'\)/);
  expect(d.line).toBe(34);
  expect(d.suggestion).toBe('isolated');
  await pg.screenshot('named-defaults-unknown');
});
