import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

// The SNI in a connection's reuse hash, on the page: the example opens by link; at the connection
// opened for api.example the why panel explains mP2 with the SNI's value, and the search of the
// next www.example request names the SNI it compared.

test('sni req.hdr(host): the why panel says which SNI a connection is pooled by', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/config-sni-pools' });
  await pg.pause();
  await expect.poll(() => pg.state<number>('(s) => s.sim.result ? s.sim.result.trace.length : 0')).toBeGreaterThan(40);

  await pg.seekTo("(e) => e.kind === 'note' && e.decision === 'mP2' && e.request === 'r2'");
  await expect(page.getByTestId('why-name')).toHaveText('sni: reusable for the same SNI only');
  await expect(page.getByTestId('why')).toContainText("'api.example'");
  await pg.screenshot('sni-pools');

  // r3 (www.example) takes c1, opened for www.example, and the search says which SNI it compared.
  await pg.seekTo("(e) => e.kind === 'reuse.pick' && e.request === 'r3'");
  await expect(page.getByTestId('why')).toContainText('only connections with this SNI match');
  await expect(page.getByTestId('why')).toContainText('www.example');
});

// strict-maxconn (3.2+): the example runs at `engine modern 3.4`; the idle connections closed for C's
// request are explained by mI4, cited at v3.4.0.
test('strict-maxconn: the why panel explains the idle connections closed at the limit', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/config-strict-maxconn' });
  await pg.pause();
  await expect.poll(() => pg.state<number>('(s) => s.sim.result ? s.sim.result.trace.length : 0')).toBeGreaterThan(40);
  await pg.seekTo("(e) => e.kind === 'conn.destroy' && e.decision === 'mI4'");
  await expect(page.getByTestId('why-name')).toHaveText('strict-maxconn: an idle connection closed to stay within maxconn');
  await expect(page.getByTestId('why')).toContainText('v3.4.0');
  await pg.screenshot('strict-maxconn');
});
