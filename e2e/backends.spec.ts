import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

// Issue 19, item 11: with several backends the diagram groups the servers under their backend's
// name, and a backend no request reached is drawn idle — at desktop and phone size.
const TEXT = `frontend fe
    use_backend api if { path_beg /api }
    use_backend static if { path_end .css }
    default_backend web

backend web
    mode http
    http-reuse safe
    server W1 192.0.2.10:80
    server W2 192.0.2.11:80

backend api
    mode http
    http-reuse safe
    server A1 192.0.2.20:80

backend static
    mode http
    server S1 192.0.2.30:80

script
    open A h1
    A GET /1
    A GET /api/users
    A GET /2
    close A
`;

for (const size of [
  { label: 'desktop', viewport: { width: 1280, height: 800 } },
  { label: 'phone', viewport: { width: 390, height: 844 } },
]) {
  test(`servers are grouped and labelled by backend; an unreached backend is idle (${size.label})`, async ({ page }) => {
    await page.setViewportSize(size.viewport);
    const pg = new PlaygroundPage(page);
    await pg.open({ scenario: TEXT, editor: false });
    await expect.poll(() => pg.state<number>('(s) => s.sim.result ? s.sim.result.trace.length : 0')).toBeGreaterThan(10);
    expect(await pg.state<number>('(s) => s.editor.errorCount')).toBe(0);
    await page.evaluate(() => window.__playground!.seek(window.__playground!.getState().sim.result!.trace.length - 1));

    for (const [backend, servers, idle] of [
      ['web', ['W1', 'W2'], false],
      ['api', ['A1'], false],
      ['static', ['S1'], true],
    ] as const) {
      const group = page.getByTestId(`backend-${backend}`);
      await expect(group).toContainText(`backend ${backend}`);
      await expect(group).toHaveAttribute('data-idle', String(idle));
      if (idle) await expect(group).toContainText('idle');
      // Each of its servers is drawn inside its frame.
      const frame = (await group.locator('rect').boundingBox())!;
      for (const s of servers) {
        const box = (await page.getByTestId(`server-${s}`).locator('rect.server-box').boundingBox())!;
        expect(box.y).toBeGreaterThan(frame.y);
        expect(box.y + box.height).toBeLessThanOrEqual(frame.y + frame.height + 0.5);
        expect(box.x).toBeGreaterThanOrEqual(frame.x - 0.5);
      }
    }
    await pg.screenshot(`backends-${size.label}`);
  });
}

test('servers of one name in two backends are two boxes; a backend that only holds a stick table says whose', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/config-app-sessions', editor: false });
  await expect.poll(() => pg.state<number>('(s) => s.sim.result ? s.sim.result.trace.length : 0')).toBeGreaterThan(10);
  await page.evaluate(() => window.__playground!.seek(window.__playground!.getState().sim.result!.trace.length - 1));
  await expect(page.getByTestId('backend-sessions')).toContainText('holds the stick table of pages, api');
  for (const backend of ['pages', 'api']) {
    const frame = (await page.getByTestId(`backend-${backend}`).locator('rect').boundingBox())!;
    for (const s of ['app1', 'app2']) {
      // The run names them BACKEND/NAME; each is drawn inside its own backend's frame.
      const box = (await page.getByTestId(`server-${backend}/${s}`).locator('rect.server-box').boundingBox())!;
      expect(box.y).toBeGreaterThan(frame.y);
      expect(box.y + box.height).toBeLessThanOrEqual(frame.y + frame.height + 0.5);
    }
  }
});
