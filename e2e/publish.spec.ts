import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { PlaygroundPage } from './pages/PlaygroundPage';

/**
 * Story: `dist/` copied to any static host, under a sub-path, works — share links
 * included — and keeps working offline once loaded. A tiny static server mounts the
 * build at /sub/ (like GitHub Pages' /<repo>/).
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

let server: Server;
let base: string;

test.beforeAll(async () => {
  const root = join(process.cwd(), 'dist');
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith('/sub/')) {
      res.writeHead(404).end('not here');
      return;
    }
    let file = normalize(join(root, path.slice('/sub/'.length)));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end('missing');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/sub/`;
});

test.afterAll(() => new Promise<void>((r) => server.close(() => r())));

test('the built folder works under a sub-path, share links and embeds included', async ({ page, context }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const pg = new PlaygroundPage(page);
  await pg.open({ path: `${base}#example/sc07` });
  await expect.poll(() => pg.text()).toContain('SC07');
  expect(await pg.events()).toBeGreaterThan(10);
  const link = await pg.shareLink();
  expect(link.startsWith(`${base}#s=1.d.`)).toBe(true);

  const other = await context.newPage();
  const pg2 = new PlaygroundPage(other);
  await pg2.open({ path: link, editor: false });
  await expect.poll(() => pg2.text()).toContain('SC07');
  await expect(other.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });

  const embed = await context.newPage();
  await embed.goto(link.replace('/sub/#', '/sub/?embed=1#'));
  await expect(embed.getByTestId('diagram')).toBeVisible();
  expect(await embed.getByTestId('open-in-playground').getAttribute('href')).toBe(link);
  expect(errors).toEqual([]);
});

test('once loaded, it works offline: reload, links, examples, lessons and a worker run', async ({ page, context }) => {
  test.setTimeout(60_000);
  const pg = new PlaygroundPage(page);
  await pg.open({ path: base });
  // The service worker has cached the build.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    for (let i = 0; i < 100 && !navigator.serviceWorker.controller; i++) await new Promise((r) => setTimeout(r, 100));
  });
  await expect.poll(() => page.evaluate(async () => (await caches.keys()).length)).toBeGreaterThan(0);
  const cached = await page.evaluate(async () => {
    const c = await caches.open((await caches.keys())[0]);
    return (await c.keys()).map((r) => r.url);
  });
  expect(cached.some((u) => /assets\/worker-.*\.js$/.test(u))).toBe(true);
  expect(cached.some((u) => /assets\/ScenarioEditor-.*\.js$/.test(u))).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await pg.editorReady();
  await expect.poll(() => pg.events()).toBeGreaterThan(10);
  await page.goto(`${base}#lesson/reuse-modes/3`);
  await expect(page.getByTestId('lesson-step-title')).toContainText('aggressive');
  await page.getByTestId('lesson-close').click();
  // A run large enough to go to the worker.
  const big = `engine seed\nbackend be\n    mode http\n    http-reuse safe\n    server X 192.0.2.10:80\nscript\n    open A h1\n${'    A GET /x to X\n'.repeat(400)}`;
  await page.evaluate((t) => window.__playground!.setScenario(t), big);
  await page.evaluate(() => window.__playground!.idle());
  expect(await pg.state<number>('(s) => s.sim.result ? s.sim.result.totals.requests : 0')).toBe(400);
  await context.setOffline(false);
});
