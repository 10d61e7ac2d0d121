import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { ORIGIN } from './origin';

/** Story: share a link; whoever opens it sees the same scenario, engine and event. */

const SCENARIO = `# shared in a test
engine parent

backend be
    mode http
    http-reuse safe
    server X 192.0.2.10:80

script
    open A h2
    A GET /1 to X
    A GET /3 to X
    close A
`;

test('a shared link opens the same scenario, engine, selected event and panels in a new page', async ({ page, context }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: SCENARIO });
  await pg.pause();
  await pg.clickLogRow(9);
  await page.getByTestId('editor-collapse').click();
  const entries = await page.evaluate(() => history.length);
  const link = await pg.shareLink();
  expect(link).toMatch(new RegExp(`^${ORIGIN}/#s=1\\.d\\.[A-Za-z0-9_-]+$`));
  // The address bar holds the link too (replaced, not pushed).
  expect(page.url()).toBe(link);
  expect(await page.evaluate(() => history.length)).toBe(entries);
  await pg.screenshot('share-panel-open');

  // Someone else, with other work of their own in the autosave.
  const other = await context.newPage();
  const pg2 = new PlaygroundPage(other);
  await pg2.open({ scenario: '# my own work\nengine seed\n', path: link.slice(link.indexOf('/#')), editor: false });
  await expect.poll(() => pg2.text()).toBe(SCENARIO);
  await expect.poll(() => pg2.index()).toBe(9);
  await expect(pg2.engine).toHaveValue('parent');
  expect(await pg2.state<boolean>('(s) => s.view.editorCollapsed')).toBe(true);
  await expect(other.getByTestId('log-row').and(other.locator('.current'))).toHaveAttribute('data-index', '9');
  // Their own work is not lost: it can be restored.
  await expect(pg2.notice).toContainText('Your previous scenario is kept');
  await other.getByTestId('notice-restore').click();
  await expect.poll(() => pg2.text()).toBe('# my own work\nengine seed\n');
});

test('a shared link keeps the event log filter', async ({ page, context }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: SCENARIO });
  await pg.pause();
  await page.getByTestId('log-filter').fill('c1');
  const count = await page.getByTestId('log-count').textContent();
  expect(count).toMatch(/^\d+ of \d+$/);
  const link = await pg.shareLink();

  const other = await context.newPage();
  const pg2 = new PlaygroundPage(other);
  await pg2.open({ path: link.slice(link.indexOf('/#')) });
  await expect(other.getByTestId('log-filter')).toHaveValue('c1');
  await expect(other.getByTestId('log-count')).toHaveText(count!);
});

test('Ctrl+S writes the link into the address bar, once, not on every keystroke', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  await pg.typeAtLineEnd(1, ' x');
  expect(page.url()).toBe(`${ORIGIN}/`);
  const entries = await page.evaluate(() => history.length);
  await page.keyboard.press('Control+s');
  await expect.poll(() => page.url()).toMatch(/#s=1\.d\./);
  await expect(pg.notice).toContainText('address bar');
  expect(await page.evaluate(() => history.length)).toBe(entries);
  // The next edit drops the fragment (a reload then shows the work, not the old link).
  await pg.typeAtLineEnd(1, 'y');
  await expect.poll(() => page.url()).toBe(`${ORIGIN}/`);
});

test('a long link warns and offers the scenario file', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  // Lines that do not compress well: random-looking comments.
  let noise = '';
  let x = 7;
  for (let i = 0; i < 80; i++) {
    let line = '# ';
    for (let j = 0; j < 40; j++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      line += 'abcdefghijklmnopqrstuvwxyz0123456789'[x % 36];
    }
    noise += line + '\n';
  }
  await pg.open({ scenario: noise + SCENARIO });
  await page.getByTestId('share-button').click();
  await expect(page.getByTestId('share-length')).toContainText('longer than 2,000');
  const download = page.waitForEvent('download');
  await page.getByTestId('share-download').click();
  expect((await download).suggestedFilename()).toMatch(/\.scenario$/);
  await pg.screenshot('share-long-link');
});
