import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

/** Story: a broken, hostile or newer link says so, and the page and the autosave stay as they were. */

const MINE = '# my work in progress\nengine seed\n\nbackend be\n    mode http\n    server X 192.0.2.10:80\n\nscript\n    open A h1\n    A GET /1 to X\n';

const CASES: { name: string; hash: () => string; says: RegExp }[] = [
  { name: 'truncated', hash: () => '#s=1.d.ZZJNbtswEIWv8kAvkgCqo7_YkrIyiqJdFqgXCaANTY0iItZQ5dB2isBAD9ET9iSFp', says: /incomplete or damaged/ },
  { name: 'garbage', hash: () => '#s=1.d.!!!<script>alert(1)</script>', says: /incomplete or damaged/ },
  { name: 'newer format', hash: () => '#s=7.d.AAAA', says: /newer version of the playground/ },
  { name: 'unknown codec', hash: () => '#s=1.zz.AAAA', says: /compression/ },
  { name: 'huge', hash: () => `#s=1.d.${'A'.repeat(1_100_000)}`, says: /too long/ },
  { name: 'unknown route', hash: () => '#lesson/no-such-lesson', says: /no lesson/ },
];

for (const c of CASES) {
  test(`a ${c.name} link shows a message; page usable, autosave intact`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    const pg = new PlaygroundPage(page);
    await pg.open({ scenario: MINE, path: `/${c.hash()}` });
    await expect(pg.notice).toBeVisible();
    await expect(pg.notice).toContainText(c.says);
    expect(await pg.text()).toBe(MINE);
    expect(await page.evaluate(() => localStorage.getItem('reuse-playground:scenario'))).toBe(MINE);
    // Usable: the run is there and the transport works.
    await expect.poll(() => pg.events()).toBeGreaterThan(5);
    await pg.focusPage();
    await page.keyboard.press('End');
    await expect.poll(() => pg.index()).toBeGreaterThan(5);
    if (c.name === 'truncated') await pg.screenshot('bad-link-notice');
    await page.getByTestId('notice-dismiss').click();
    await expect(pg.notice).toBeHidden();
    expect(errors).toEqual([]);
  });
}

test('a link whose scenario holds markup shows it as text, never runs it', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  const script = '# <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>\nengine seed\n';
  const hash = await page.evaluate(async (text) => {
    const json = JSON.stringify({ v: 1, engine: { name: 'seed', commit: '' }, scenario: text, view: { index: 'x' } });
    const cs = new CompressionStream('deflate-raw');
    const w = cs.writable.getWriter();
    void w.write(new TextEncoder().encode(json));
    void w.close();
    const buf = new Uint8Array(await new Response(cs.readable).arrayBuffer());
    let bin = '';
    for (const b of buf) bin += String.fromCharCode(b);
    return `#s=1.d.${btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
  }, script);
  await page.goto(`/${hash}`);
  await expect.poll(() => pg.text()).toBe(script);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(pg.notice).toContainText('not understood');
});
