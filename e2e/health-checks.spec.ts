import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

// Health checks on the page: the example opens by link; when app2's checks mark it DOWN the
// diagram says so on its box, the why panel explains HC2, and the box is back to normal at HC3.

test('a server its checks mark DOWN is drawn DOWN, and the why panel says why', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/config-health-checks' });
  await pg.pause();
  await expect.poll(() => pg.state<number>('(s) => s.sim.result ? s.sim.result.trace.length : 0')).toBeGreaterThan(100);

  await pg.seekTo("(e) => e.kind === 'server.check' && e.decision === 'HC2'");
  await expect(page.getByTestId('why-name')).toHaveText('Health check: the server is marked DOWN');
  await expect(page.getByTestId('server-down-app2')).toHaveText(/DOWN/);
  await expect(page.getByTestId('server-app1')).not.toHaveAttribute('data-down');
  await pg.screenshot('health-down');

  // A request while app2 is DOWN goes to app1 or app3.
  await pg.seekTo("(e) => e.kind === 'assign' && e.request === 'r15'");
  await expect(page.getByTestId('server-down-app2')).toBeVisible();
  await expect(page.getByTestId('why')).toContainText('DOWN by health checks, left out');

  await pg.seekTo("(e) => e.kind === 'server.check' && e.decision === 'HC3'");
  await expect(page.getByTestId('why-name')).toHaveText('Health check: the server is marked UP');
  await expect(page.getByTestId('server-down-app2')).toHaveCount(0);
});

test('an application answering 503: its HTTP check fails on the status, and the why panel names the expect', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/config-http-check-expect' });
  await pg.pause();
  await expect.poll(() => pg.state<number>('(s) => s.sim.result ? s.sim.result.trace.length : 0')).toBeGreaterThan(100);

  // Before its checks catch up, a client gets app2's 503.
  await pg.seekTo("(e) => e.kind === 'response' && e.status === 503");
  await expect(page.getByTestId('why')).toContainText('503');

  await pg.seekTo("(e) => e.kind === 'server.check' && e.decision === 'HC2'");
  await expect(page.getByTestId('why-name')).toHaveText('Health check: the server is marked DOWN');
  await expect(page.getByTestId('why')).toContainText('HTTP status 503 fails expect status 200');
  await expect(page.getByTestId('server-down-app2')).toHaveText(/DOWN/);
  await pg.screenshot('health-expect-down');
});

test('a server draining (disable-on-404) is drawn NOLB: the client its cookie names still goes there', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/config-health-drain' });
  await pg.pause();
  await expect.poll(() => pg.state<number>('(s) => s.sim.result ? s.sim.result.trace.length : 0')).toBeGreaterThan(100);

  await pg.seekTo("(e) => e.kind === 'server.check' && e.decision === 'HC4'");
  await expect(page.getByTestId('why-name')).toHaveText('Health check: the server drains (NOLB)');
  await expect(page.getByTestId('server-nolb-app2')).toHaveText(/NOLB/);
  await expect(page.getByTestId('server-down-app2')).toHaveCount(0);

  // B's cookie names app2: its request goes there (U2) while the balance leaves app2 out for the others.
  await pg.seekTo("(e) => e.kind === 'assign' && e.request === 'r4'");
  await expect(page.getByTestId('why')).toContainText('NOLB (disable-on-404), left out');
  await pg.screenshot('health-drain');

  await pg.seekTo("(e) => e.kind === 'server.check' && e.decision === 'HC3'");
  await expect(page.getByTestId('server-nolb-app2')).toHaveCount(0);
});
