import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

// The event log's filter: `/` to reach it, words that name ids, decisions and kinds,
// Enter and ↑/↓ from match to match, Esc to clear; a long run is scanned in slices.

const TWO_CLIENTS = readFileSync('app/views/EventLog/two-clients.scenario', 'utf8');

/** The events the visible rows show: [index, kind, conn]. */
async function shownRows(pg: PlaygroundPage): Promise<[number, string, string | undefined][]> {
  const idx = await pg.page.getByTestId('log-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-index'))));
  return pg.state<[number, string, string | undefined][]>(
    `(s) => ${JSON.stringify(idx)}.map((i) => [i, s.sim.result.trace[i].kind, s.sim.result.trace[i].conn])`,
  );
}

test('filter the log from the keyboard, and walk the matches', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: TWO_CLIENTS });
  await pg.pause();
  const total = await pg.events();
  await pg.focusPage();
  await page.keyboard.press('Home');

  // `/` goes to the filter; a part of a kind finds every destroy.
  await page.keyboard.press('/');
  const filter = page.getByTestId('log-filter');
  await expect(filter).toBeFocused();
  await page.keyboard.type('destroy');
  const destroyed = await pg.state<number>('(s) => s.sim.result.totals.destroyed');
  expect(destroyed).toBeGreaterThan(1);
  await expect(page.getByTestId('log-count')).toHaveText(`${destroyed} of ${total}`);
  const rows = await shownRows(pg);
  expect(rows.map((r) => r[1])).toEqual(Array(destroyed).fill('conn.destroy'));
  // The timeline marks where they are.
  await expect(page.getByTestId('track-matches')).toHaveAttribute('d', new RegExp(`^(M[\\d.]+ [\\d.]+V[\\d.]+){${destroyed}}$`));
  await pg.screenshot('log-filter');

  // Enter: to the first match, focus in the log; ↓ and ↑ go from match to match.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('event-log')).toBeFocused();
  await expect.poll(() => pg.index()).toBe(rows[0]![0]);
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => pg.index()).toBe(rows[1]![0]);
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => pg.index()).toBe(rows[0]![0]);

  // Words are ANDed; ids keep their case (c1 a connection, C1 the mode decision).
  await filter.fill('c1 destroy');
  await expect(page.getByTestId('log-count')).toHaveText(`1 of ${total}`);
  expect((await shownRows(pg)).map((r) => [r[1], r[2]])).toEqual([['conn.destroy', 'c1']]);
  await filter.fill('C1');
  await expect(page.getByTestId('log-count')).toHaveText(`4 of ${total}`);

  // Nothing matches: the log says what words match.
  await filter.fill('c1 swap');
  await expect(page.getByTestId('log-no-match')).toContainText('No event names all of “c1 swap”');

  // Esc clears: every event is back, the playhead where the walk left it.
  await filter.press('Escape');
  await expect(filter).toHaveValue('');
  await expect(page.getByTestId('track-matches')).toHaveCount(0);
  await expect(page.getByTestId('log-count')).toHaveText(`${total} events`);
  expect(await pg.index()).toBe(rows[0]![0]);
});

test('a 10,000-client run is filtered in slices, and a click on a match seeks to it', async ({ page }) => {
  test.setTimeout(120_000);
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  await page.evaluate((t) => window.__playground!.setScenario(t), readFileSync('core/examples/load-h1-10k-always.scenario', 'utf8'));
  await expect(page.getByTestId('run-progress')).toBeVisible();
  await expect(page.getByTestId('run-progress')).toBeHidden({ timeout: 90_000 });
  await page.evaluate(() => window.__playground!.idle());
  const total = await pg.events();
  expect(total).toBeGreaterThan(200_000);

  await page.getByTestId('log-filter').fill('c7777 destroy');
  await expect(page.getByTestId('log-count')).toHaveText(`1 of ${total.toLocaleString('en-US')}`, { timeout: 20_000 });
  await page.getByTestId('log-row').click();
  const at = await pg.index();
  expect(await pg.state(`(s) => [s.sim.result.trace[${at}].kind, s.sim.result.trace[${at}].conn]`)).toEqual(['conn.destroy', 'c7777']);
  // The destroy comes with the close at the end of the run, after every request.
  expect(at).toBeGreaterThan(total / 2);
});
