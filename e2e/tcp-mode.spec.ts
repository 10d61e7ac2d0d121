import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

// mode tcp on the page: the example opens by link, the tcp backend says its mode, a tcp client's
// connection is drawn owned by its session, and the why panel explains TC1-TC3.

test('a tcp proxy: labelled, each client its own connection, and the why panel says why', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/config-mode-tcp' });
  await pg.pause();
  await expect.poll(() => pg.state<number>('(s) => s.sim.result ? s.sim.result.trace.length : 0')).toBeGreaterThan(50);

  await expect(page.getByTestId('backend-db')).toContainText('backend db · mode tcp');
  await expect(page.getByTestId('backend-web')).not.toContainText('mode tcp');

  // E connects and sends nothing: its connection is made at once (TC1), owned by its session.
  await pg.seekTo("(e) => e.kind === 'conn.new' && e.session === 'E'");
  await expect(page.getByTestId('why-name')).toHaveText('Mode tcp: routed and connected when the client connects');
  await expect(page.getByTestId('why-what')).toContainText('for stream E/1');
  await expect(page.getByTestId('conn-c4')).toContainText('owner E');

  // A later request of C rides C's connection (TC2).
  await pg.seekTo("(e) => e.kind === 'request.forward' && e.request === 'r6'");
  await expect(page.getByTestId('why-name')).toContainText('Mode tcp: bytes on the stream');
  await expect(page.getByTestId('why-what')).toContainText('on connection c2');

  // C leaves: HAProxy closes its server side (TC3).
  await pg.seekTo("(e) => e.kind === 'conn.destroy' && e.conn === 'c2'");
  await expect(page.getByTestId('why-name')).toHaveText('Mode tcp: one side closes, so does the other');
  await pg.screenshot('tcp-mode');
});
