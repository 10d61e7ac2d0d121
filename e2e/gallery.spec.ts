import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { ORIGIN } from './origin';

/** Story: browse the examples by tag, open one, or open one by link; every example runs without error. */

const IDS = readdirSync('core/examples')
  .filter((f) => /^sc\d\d\.scenario$/.test(f))
  .map((f) => f.slice(0, 4))
  .sort();

test('the gallery shows titles, explanations and tags, filters by tag, and opens an example', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  await page.getByTestId('examples-button').click();
  const cards = page.getByTestId('example-cards').locator('.card');
  await expect(cards).toHaveCount(20);
  await expect(cards.first()).toContainText('SC02');
  // The teaching examples are on screen at once, not squeezed under the load and sweep groups.
  await expect(cards.first()).toBeInViewport({ ratio: 1 });
  await expect(cards.nth(1)).toBeInViewport({ ratio: 1 });
  await pg.screenshot('gallery');
  await page.getByTestId('tag-orphan').click();
  const n = await cards.count();
  expect(n).toBeGreaterThan(1);
  expect(n).toBeLessThan(20);
  for (let i = 0; i < n; i++) await expect(cards.nth(i).locator('.card-tags')).toContainText('orphan');
  await pg.screenshot('gallery-filtered');
  await page.getByTestId('example-sc08').click();
  await expect(page.getByTestId('examples-menu')).toBeHidden();
  await expect.poll(() => pg.text()).toBe(readFileSync('core/examples/sc08.scenario', 'utf8'));
});

test('an example opens by link', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/sc07' });
  await expect.poll(() => pg.text()).toBe(readFileSync('core/examples/sc07.scenario', 'utf8'));
  expect(page.url()).toMatch(/#example\/sc07$/);
  // Picking another one in the gallery drops the fragment: a reload shows the choice, not the link.
  await page.getByTestId('examples-button').click();
  await page.getByTestId('example-sc02').click();
  await expect.poll(() => page.url()).toBe(`${ORIGIN}/`);
  await page.reload();
  await expect.poll(() => pg.text()).toContain('SC02');
  // An unknown one says so and changes nothing.
  const before = await pg.text();
  await page.goto('/#example/sc99');
  await expect(pg.notice).toContainText('no example');
  expect(await pg.text()).toBe(before);
});

test('every example runs in the page without an error', async ({ page }) => {
  test.setTimeout(90_000);
  const pg = new PlaygroundPage(page);
  await pg.open();
  expect(IDS).toHaveLength(20);
  for (const id of IDS) {
    await page.goto(`/#example/${id}`);
    await expect.poll(() => pg.text()).toBe(readFileSync(`core/examples/${id}.scenario`, 'utf8'));
    await page.evaluate(() => window.__playground!.idle());
    expect(await pg.state<number>('(s) => s.editor.errorCount'), id).toBe(0);
    expect(await pg.events(), id).toBeGreaterThan(5);
    await expect(page.getByTestId('error-banner')).toBeHidden();
  }
});

test('the Configurations group opens the cookie persistence example, which shows the cookie at work', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  await page.getByTestId('examples-button').click();
  await expect(page.getByRole('heading', { name: 'Configurations' })).toBeVisible();
  await page.getByTestId('examples-search').fill('persistence');
  await expect(page.getByTestId('config-cards').locator('.card')).toHaveCount(1);
  // Recorded against the real binary (core/test/real-examples/): the card says it matches.
  await expect(page.getByTestId('config-cards').getByTestId('real-agreement')).toHaveAttribute('data-outcome', 'match');
  await page.getByTestId('example-config-cookie-persistence').click();
  await expect.poll(() => pg.editorText()).toContain('cookie SRV insert indirect nocache');
  await page.evaluate(() => window.__playground!.idle());
  // The first request brought back with its cookie: the why panel names the rule and the cookie.
  const i = await page.evaluate(() => {
    const t = window.__playground!.getState().sim.result!.trace;
    for (let k = 0; k < t.length; k++) if (t.at(k)!.decision === 'U2') return k;
    return -1;
  });
  expect(i).toBeGreaterThan(0);
  await page.evaluate((k) => window.__playground!.seek(k), i);
  await expect(page.getByTestId('why-decision')).toHaveText('U2');
  await expect(pg.why).toContainText('Persistence cookie');
  await expect(pg.why).toContainText('cookie SRV');
  await pg.screenshot('gallery-config-cookie');
});

test('a configuration example opens by link', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/config-connect-retries' });
  await expect.poll(() => pg.editorText()).toContain('option redispatch');
  await page.evaluate(() => window.__playground!.idle());
  // At the end of the run: both requests answered (by s2, after s1 refused).
  await page.evaluate(() => window.__playground!.seek(window.__playground!.getState().sim.result!.trace.length - 1));
  await expect(page.getByTestId('metric-requests')).toHaveText('2');
  const statuses = await page.evaluate(() => {
    const t = window.__playground!.getState().sim.result!.trace;
    const out: number[] = [];
    for (let k = 0; k < t.length; k++) if (t.at(k)!.kind === 'request.done') out.push(t.at(k)!.status!);
    return out;
  });
  expect(statuses).toEqual([200, 200]);
});

test('the hash-balance example: a path goes to the same cache, and the why panel shows its key and hash', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/config-hash-uri' });
  await expect.poll(() => pg.editorText()).toContain('balance uri');
  await page.evaluate(() => window.__playground!.idle());
  const assigns = await page.evaluate(() => {
    const t = window.__playground!.getState().sim.result!.trace;
    const out: { k: number; request: string; server: string }[] = [];
    for (let k = 0; k < t.length; k++) if (t.at(k)!.kind === 'assign') out.push({ k, request: t.at(k)!.request!, server: t.at(k)!.server! });
    return out;
  });
  // r1 and r2 ask for /img/logo.png from two clients: the same cache.
  expect(assigns[1]!.server).toBe(assigns[0]!.server);
  await page.evaluate((k) => window.__playground!.seek(k), assigns[1]!.k);
  await expect(page.getByTestId('why-decision')).toHaveText('A2');
  await expect(pg.why).toContainText('/img/logo.png');
  await expect(pg.why).toContainText('nearest point of the ring');
  // The diagram says what sets a server apart in load balancing.
  await expect(page.getByTestId('server-role-cache2')).toHaveText('weight 2');
  await expect(page.getByTestId('server-role-cache1')).toHaveCount(0);
  await pg.screenshot('gallery-config-hash-uri');
});

test('the maxconn example: requests wait in the queue, the why panel says why, and one gets 503', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/config-maxconn-queue' });
  await expect.poll(() => pg.editorText()).toContain('maxconn 2');
  await page.evaluate(() => window.__playground!.idle());
  const seen = await page.evaluate(() => {
    const t = window.__playground!.getState().sim.result!.trace;
    const queued: number[] = [];
    const ends: string[] = [];
    for (let k = 0; k < t.length; k++) {
      const e = t.at(k)!;
      if (e.decision === 'mQ1') queued.push(k);
      if (e.kind === 'request.done' || e.kind === 'request.error') ends.push(`${e.request} ${e.status}`);
    }
    return { queued, ends };
  });
  expect(seen.queued).toHaveLength(2);
  expect(seen.ends).toContain('r6 503');
  await page.evaluate((k) => window.__playground!.seek(k), seen.queued[0]!);
  await expect(page.getByTestId('why-decision')).toHaveText('mQ1');
  await expect(pg.why).toContainText('waits in a queue');
  await expect(pg.why).toContainText("backend's queue");
  await expect(page.getByTestId('server-role-app1')).toHaveText('maxconn 2');
  // Both servers are full when r5 arrives: their headers count the requests in flight against maxconn.
  await expect(page.getByTestId('server-meta-app1')).toHaveText('2 open · 2/2 in flight');
  await expect(page.getByTestId('server-meta-app2')).toHaveText('2 open · 2/2 in flight');
  // The diagram marks the stream whose request waits for a slot.
  await page.evaluate((k) => window.__playground!.seek(k), seen.queued[1]!);
  await expect(page.getByTestId('stream-E/1')).toHaveClass(/queued/);
  await expect(page.getByTestId('stream-F/1')).toHaveClass(/queued/);
  await expect(page.getByTestId('stream-A/1')).not.toHaveClass(/queued/);
  await pg.screenshot('gallery-config-maxconn-queue');
});

test('the frontend maxconn example: clients wait in the listen backlog until one leaves, and the diagram and why panel say so', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/config-frontend-maxconn' });
  await expect.poll(() => pg.editorText()).toContain('maxconn 2');
  await page.evaluate(() => window.__playground!.idle());
  const seen = await page.evaluate(() => {
    const t = window.__playground!.getState().sim.result!.trace;
    const waits: number[] = [];
    const accepts: string[] = [];
    let firstAccept = -1;
    for (let k = 0; k < t.length; k++) {
      const e = t.at(k)!;
      if (e.kind === 'client.wait') waits.push(k);
      if (e.kind === 'client.open' && e.decision === 'FE2') {
        accepts.push(`${e.client}@${e.t / 1000}`);
        if (firstAccept < 0) firstAccept = k;
      }
    }
    return { waits, accepts, firstAccept };
  });
  expect(seen.waits).toHaveLength(2);
  expect(seen.accepts).toEqual(['C@100', 'D@200']);
  await page.evaluate((k) => window.__playground!.seek(k), seen.waits[1]!);
  await expect(page.getByTestId('why-decision')).toHaveText('FE1');
  await expect(pg.why).toContainText('listen backlog');
  // C and D are drawn as waiting: a client without a session yet.
  await expect(page.getByTestId('session-C')).toHaveAttribute('data-state', 'waiting');
  await expect(page.getByTestId('session-D')).toHaveAttribute('data-state', 'waiting');
  await expect(page.getByTestId('session-C')).toContainText('waits to be accepted');
  await pg.screenshot('gallery-config-frontend-maxconn-waiting');
  await page.evaluate((k) => window.__playground!.seek(k), seen.firstAccept);
  await expect(page.getByTestId('why-decision')).toHaveText('FE2');
  await expect(pg.why).toContainText('Accepted from the backlog');
  await expect(page.getByTestId('session-C')).toHaveAttribute('data-state', 'open');
  await expect(page.getByTestId('session-D')).toHaveAttribute('data-state', 'waiting');
  await pg.screenshot('gallery-config-frontend-maxconn');
});

test('the abortonclose example: the client that leaves takes its server connection with it, as HAProxy 2.6.12 did', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/config-abortonclose' });
  await expect.poll(() => pg.editorText()).toContain('option abortonclose');
  await page.evaluate(() => window.__playground!.idle());
  const at = await page.evaluate(() => {
    const t = window.__playground!.getState().sim.result!.trace;
    for (let k = 0; k < t.length; k++) if (t.at(k)!.decision === 'mD8') return k;
    return -1;
  });
  expect(at).toBeGreaterThan(0);
  await page.evaluate((k) => window.__playground!.seek(k), at);
  await expect(page.getByTestId('why-decision')).toHaveText('mD8');
  await expect(pg.why).toContainText('option abortonclose');
  await pg.screenshot('gallery-config-abortonclose');
  await pg.focusPage();
  await page.keyboard.press('End');
  // B needed a connection of its own: two opened, none reused from A.
  await expect(page.getByTestId('metric-opened')).toHaveText('2');
});

test('the upgrade-to-3.4 example: abortonclose by default closes the connection; under 3.2 the next client reuses it', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  await page.getByTestId('examples-button').click();
  const card = page.getByTestId('example-config-upgrade-34').locator('xpath=..').getByTestId('real-agreement');
  await expect(card).toContainText('modern engine matches HAProxy 3.4.0');
  await page.getByTestId('example-config-upgrade-34').click();
  await expect.poll(() => pg.editorText()).toContain('engine modern 3.4');
  await page.evaluate(() => window.__playground!.idle());
  const decisions = () => page.evaluate(() => {
    const t = window.__playground!.getState().sim.result!.trace;
    const out: string[] = [];
    for (let k = 0; k < t.length; k++) out.push(t.at(k)!.decision);
    return out;
  });
  expect(await decisions()).toContain('mD8');
  await pg.focusPage();
  await page.keyboard.press('End');
  await expect(page.getByTestId('metric-opened')).toHaveText('2');
  await pg.screenshot('gallery-config-upgrade-34');
  await pg.engine.selectOption('modern 3.2');
  await expect.poll(() => pg.state<string>('(s) => s.sim.result.commit')).toBe('v3.2.0');
  await page.evaluate(() => window.__playground!.idle());
  expect(await decisions()).toContain('mD6');
  expect(await decisions()).not.toContain('mD8');
  await pg.focusPage();
  await page.keyboard.press('End');
  await expect(page.getByTestId('metric-opened')).toHaveText('1');
});
