import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

/**
 * Story: bring your own haproxy.cfg. Opened (or pasted), it is kept as written and a starter
 * script sends one request down each route, so the first run uses every backend, and shows
 * the answers HAProxy gives itself.
 */

const CFG = `global
    daemon

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend www
    bind :80
    acl host_api hdr(host) -i api.example.com
    acl is_static path_beg /static /img
    http-request deny if { path_beg /admin } !LOCALHOST
    redirect scheme https code 301 if { hdr(host) -i old.example.com }
    use_backend api if host_api
    use_backend static if is_static METH_GET
    use_backend b_%[req.hdr(host),lower,field(1,.)] if { hdr_end(host) .internal }
    default_backend web

backend api
    server api1 192.0.2.1:8080
backend static
    server st1 192.0.2.2:80
backend b_intra
    server intra1 192.0.2.4:80
backend web
    server web1 192.0.2.5:80
    server web2 192.0.2.6:80

listen stats
    bind :8404
    stats enable
    stats uri /stats
`;

/** For each request of the run: its backend, or what answered it. */
const routes = (pg: PlaygroundPage) =>
  pg.state<string[] | null>(`(s) => s.sim.result && s.sim.result.trace
    .filter((e) => e.kind === 'assign' || e.kind === 'answer')
    .map((e) => e.kind === 'assign' ? e.backend : e.answeredBy + ' ' + e.status)`);

test('an opened haproxy.cfg is kept verbatim, gets a starter script, and the first run uses every backend', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.focusPage();
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+o');
  await (await chooser).setFiles({ name: 'haproxy.cfg', mimeType: 'text/plain', buffer: Buffer.from(CFG) });
  await expect(pg.notice).toContainText('Opened haproxy.cfg: your haproxy.cfg as written, plus a starter script');
  const text = await pg.text();
  // The configuration as written, after one line that picks the 2.6 engine.
  expect(text).toContain(`engine modern  # added by the playground (the Engine menu picks another)\n${CFG.trimEnd()}\n`);
  await expect(page.getByTestId('engine-select')).toHaveValue('modern');
  expect(text).toMatch(/\nscript\n {4}open A h1\n/);
  // The stats listen on its own port gets a client of its own.
  expect(text).toMatch(/\n {4}open [A-Z] h1 to :8404\n/);
  await expect.poll(() => routes(pg), { timeout: 15_000 }).toEqual(['http-request deny 403', 'redirect 301', 'api', 'static', 'b_intra', 'web', 'stats 200']);
  // The why panel names the frontend line that chose the backend.
  const i = await pg.state<number>(`(s) => s.sim.result.trace.findIndex((e) => e.kind === 'route' && e.backend === 'api')`);
  await page.evaluate((n) => (window as unknown as { __playground: { seek(i: number): void } }).__playground.seek(n), i);
  await expect(page.getByTestId('why-rule')).toContainText('Chosen by config line 17: use_backend api if host_api');
  await expect(page.getByTestId('why-decision')).toHaveText('B1');
  await pg.screenshot('haproxy-cfg-opened');
  // HAProxy's own answer: the why panel names the rule that answered.
  const j = await pg.state<number>(`(s) => s.sim.result.trace.findIndex((e) => e.kind === 'answer')`);
  await page.evaluate((n) => (window as unknown as { __playground: { seek(i: number): void } }).__playground.seek(n), j);
  await expect(page.getByTestId('why-decision')).toHaveText('H2');
  await expect(page.getByTestId('why-rule')).toContainText('Answered by config line 15: http-request deny if { path_beg /admin } !LOCALHOST');
  await pg.screenshot('haproxy-cfg-answer');
});

test('a haproxy.cfg pasted into an empty editor gets the starter script too', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: '' });
  await pg.editorReady();
  await pg.goto(1, 1);
  // A paste event as the browser sends it, on whatever element Monaco listens to for input.
  await page.evaluate((cfg) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', cfg);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, CFG);
  await expect.poll(() => pg.text()).toContain('\nscript\n');
  expect(await pg.text()).toContain(`engine modern  # added by the playground (the Engine menu picks another)\n${CFG.trimEnd()}\n`);
  await expect(pg.notice).toContainText('Pasted: your haproxy.cfg as written');
  await expect.poll(() => routes(pg), { timeout: 15_000 }).toEqual(['http-request deny 403', 'redirect 301', 'api', 'static', 'b_intra', 'web', 'stats 200']);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  test('opening a haproxy.cfg from the File menu works the same and the notice fits', async ({ page }) => {
    const pg = new PlaygroundPage(page);
    await pg.open({ editor: false });
    await pg.openFile(CFG);
    await expect(pg.notice).toContainText('plus a starter script');
    await expect.poll(() => routes(pg), { timeout: 15_000 }).toEqual(['http-request deny 403', 'redirect 301', 'api', 'static', 'b_intra', 'web', 'stats 200']);
    expect(await pg.offScreen('[data-testid="notice"], [data-testid="notice"] *')).toEqual([]);
    await pg.screenshot('haproxy-cfg-phone');
  });
});
