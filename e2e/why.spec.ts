import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

test('selecting an event shows its decision, conditions and source line', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  // The first reuse of the seed's own connection (R1) in the motivating case.
  const i = await page.evaluate(() => window.__playground!.getState().sim.result!.trace.findIndex((e) => e.decision === 'R1'));
  expect(i).toBeGreaterThan(0);
  const row = page.locator(`[data-testid="log-row"][data-index="${i}"]`);
  await pg.clickLogRow(i);
  await expect.poll(() => pg.index()).toBe(i);
  await expect(row).toHaveClass(/current/);

  await expect(page.getByTestId('why-decision')).toHaveText('R1');
  const conds = page.getByTestId('why-cond');
  expect(await conds.count()).toBeGreaterThan(0);
  await expect(pg.why).toContainText('✓');
  const link = page.getByTestId('why-source');
  await expect(link).toHaveAttribute('href', /^https:\/\/github\.com\/haproxy\/haproxy\/blob\/7c6f8b146[0-9a-f]*\/src\/backend\.c#L\d+/);
  await pg.screenshot('why-r1');
});

test('a failed condition is shown with ✗', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  const i = await page.evaluate(() =>
    window.__playground!.getState().sim.result!.trace.findIndex((e) => (e.conds ?? []).some((c) => c.value === false)),
  );
  expect(i).toBeGreaterThanOrEqual(0);
  await page.evaluate((k) => window.__playground!.seek(k), i);
  await expect(page.locator('[data-testid="why-cond"][data-value="false"]').first()).toContainText('✗');
});

test('clicking a connection in the diagram walks its events', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.focusPage();
  await page.keyboard.press('End');
  await page.getByTestId('conn-c1').click({ force: true });
  const first = await pg.index();
  const touches = await page.evaluate((k) => {
    const e = window.__playground!.getState().sim.result!.trace[k];
    return e.conn === 'c1' || e.otherConn === 'c1';
  }, first);
  expect(touches).toBe(true);
  await page.getByTestId('conn-c1').click({ force: true });
  expect(await pg.index()).not.toBe(first);
});

test('a shared rule of a modern run links to HAProxy v2.6.0, not to the seed commit', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  await pg.engine.selectOption('modern');
  await expect.poll(() => pg.state<string>('(s) => s.sim.result.engine')).toBe('modern');
  // C1 (connection mode) is a seed id the modern engine emits for every request.
  const i = await page.evaluate(() => window.__playground!.getState().sim.result!.trace.findIndex((e) => e.decision === 'C1'));
  expect(i).toBeGreaterThanOrEqual(0);
  await page.evaluate((k) => window.__playground!.seek(k), i);
  await expect(page.getByTestId('why-decision')).toHaveText('C1');
  const link = page.getByTestId('why-source');
  await expect(link).toHaveAttribute('href', /\/blob\/a1efc048bf8a5e14466dbe7317e73117e8d66176\/src\/mux_h1\.c#L\d+-L\d+$/);
  await expect(link).toContainText('@ v2.6.0');
  await expect(page.getByTestId('why-source-note')).toContainText('h1_set_srv_conn_mode()');
  await pg.screenshot('why-modern-c1');
  // The end of a stream (T2 for h2, T3 for h1) also cites 2.6, with its function in view.
  const j = await page.evaluate(() => window.__playground!.getState().sim.result!.trace.findIndex((e) => e.decision === 'T3' || e.decision === 'T2'));
  expect(j).toBeGreaterThanOrEqual(0);
  await page.evaluate((k) => window.__playground!.seek(k), j);
  await expect(page.getByTestId('why-source')).toContainText('@ v2.6.0');
  await expect(page.getByTestId('why-source-note')).toBeInViewport();
  await pg.screenshot('why-modern-t');
});

test("a shared rule is explained and cited as the scenario's engine does it (T1 at modern, T2 at the parent)", async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  const first = (id: string) => page.evaluate((d) => window.__playground!.getState().sim.result!.trace.findIndex((e) => e.decision === d), id);

  // HTTP/2 streams in 2.6 are never first (SE_FL_NOT_FIRST): the why says so and links v2.6.0's mux_h2.c.
  await pg.engine.selectOption('modern');
  await expect.poll(() => pg.state<string>('(s) => s.sim.result.commit')).toBe('v2.6.0');
  await pg.pause();
  const t1 = await first('T1');
  expect(t1).toBeGreaterThanOrEqual(0);
  await pg.clickLogRow(t1);
  await expect(page.getByTestId('why-decision')).toHaveText('T1');
  await expect(page.getByTestId('why-explain')).toContainText('counts as a subsequent one');
  await expect(page.getByTestId('why-source')).toHaveAttribute('href', /\/blob\/a1efc048[0-9a-f]*\/src\/mux_h2\.c#L1602-L1639$/);

  // At the parent the stream's end destroys its server connection; the place is 131fd89d5's.
  await pg.engine.selectOption('parent');
  await expect.poll(() => pg.state<string>('(s) => s.sim.result.engine')).toBe('parent');
  await pg.pause();
  const t2 = await first('T2');
  expect(t2).toBeGreaterThanOrEqual(0);
  await pg.clickLogRow(t2);
  await expect(page.getByTestId('why-decision')).toHaveText('T2');
  await expect(page.getByTestId('why-explain')).toContainText('destroyed with it');
  await expect(page.getByTestId('why-explain')).not.toContainText('seed');
  await expect(page.getByTestId('why-source')).toHaveAttribute('href', /\/blob\/131fd89d5[0-9a-f]*\/src\/proto_http\.c#L1044-L1050$/);
  await pg.screenshot('why-t2-parent');
});

test('a stick table: the request that goes back to its stored server says so, with the key and the rule', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  const scenario = [
    'engine modern', 'backend be', '    balance roundrobin', '    stick-table type ip size 1k expire 30s', '    stick on src',
    '    server s1 192.0.2.10:80', '    server s2 192.0.2.11:80', 'script', '    open A h1 from 10.0.0.1', '    A GET /', '    close A',
    '    open B h1 from 10.0.0.2', '    B GET /', '    close B', '    open A h1 from 10.0.0.1', '    A GET /', '',
  ].join('\n');
  await pg.open({ scenario });
  await pg.pause();
  const i = await page.evaluate(() => window.__playground!.getState().sim.result!.trace.findIndex((e) => e.decision === 'U4'));
  expect(i).toBeGreaterThan(0);
  await page.evaluate((k) => window.__playground!.seek(k), i);
  await expect(page.getByTestId('why-decision')).toHaveText('U4');
  await expect(pg.why).toContainText('Stick table');
  await expect(pg.why).toContainText('stick on src');
  await expect(pg.why).toContainText('10.0.0.1');
  await pg.screenshot('why-stick-u4');
});
