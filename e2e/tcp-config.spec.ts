import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

/**
 * Story: a user opens their own tcp proxy — Patroni's haproxy.cfg (core/test/configs/files/patroni.cfg,
 * from patroni/patroni): `mode tcp` in defaults, a PostgreSQL `listen` and an HTTP stats `listen`.
 * The starter sends a request each way; the database clients get a server connection of their
 * own each, when they connect, and the diagram says the backend is in mode tcp.
 */
const CFG = readFileSync('core/test/configs/files/patroni.cfg', 'utf8');

test('a tcp configuration opened from the File menu runs as mode tcp', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  const pg = new PlaygroundPage(page);
  await pg.open({ editor: false });
  await pg.openFile(CFG);
  await expect(pg.notice).toContainText('plus a starter script');
  await expect.poll(() => pg.state<number>('(s) => s.sim.result ? s.sim.result.trace.length : 0'), { timeout: 15_000 }).toBeGreaterThan(5);
  expect(await pg.state<number>('(s) => s.editor.errorCount')).toBe(0);
  // The stream to the database listen is tcp: routed and connected at accept (TC1), its request rides it (TC2).
  const decisions = await pg.state<string[]>("(s) => s.sim.result.trace.filter((e) => e.kind === 'conn.new' || e.kind === 'request.forward').map((e) => e.decision)");
  expect(decisions).toContain('TC1');
  expect(decisions).toContain('TC2');
  await expect(page.getByTestId('backend-batman')).toContainText('backend batman · mode tcp');
  // Long server names are cut in the middle, keeping what tells them apart, and never run into the counts.
  for (const port of ['5432', '5433']) {
    const server = page.getByTestId(`server-postgresql_127.0.0.1_${port}`);
    await expect(server.locator('text.server-name')).toContainText(`…_${port}`);
    const name = (await server.locator('text.server-name').boundingBox())!;
    const meta = (await server.locator('text.server-meta').boundingBox())!;
    expect(name.x + name.width).toBeLessThan(meta.x);
  }
  await page.evaluate(() => window.__playground!.seek(window.__playground!.getState().sim.result!.trace.length - 1));
  await pg.screenshot('tcp-config-patroni');
});
