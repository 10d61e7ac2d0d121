import { expect, test, type Page } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

/** Story: a learner reads the explanations: ids keep their case, `code` is code, never raw backticks. */

/** Visible text of an element (what a reader sees, code spans included). */
const shown = (page: Page, testId: string) => page.getByTestId(testId).evaluate((el) => (el as HTMLElement).innerText);

test('the why panel starts sentences with a word, never with an id, and shows `code` as code', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/sc02' });
  await pg.pause();

  await pg.seekTo("(e) => e.kind === 'reuse.none'");
  await expect(page.getByTestId('why-what')).toHaveText("Nothing may be taken from server X's lists for request r1.");

  await pg.seekTo("(e) => e.kind === 'conn.private'");
  await expect(page.getByTestId('why-what')).toHaveText('Connection c1 becomes private.');
  // P5's name is "`http-reuse never` makes it private": the mode is set in code, without backticks.
  await expect(page.getByTestId('why-name').locator('code')).toHaveText('http-reuse never');
  for (const id of ['why-name', 'why-explain']) expect(await shown(page, id)).not.toContain('`');
  await pg.screenshot('why-p5-code');

  await pg.seekTo("(e) => e.kind === 'request.done'");
  await expect(page.getByTestId('why-what')).toHaveText('Request r1 completes with 200.');
});

test('no raw backtick on the gallery, a lesson, the empty page or an embed title', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/sc07' });
  await pg.pause();
  await page.getByTestId('examples-button').click();
  const menu = page.getByTestId('examples-menu');
  await expect(menu.locator('code').first()).toBeVisible();
  expect(await menu.evaluate((el) => (el as HTMLElement).innerText)).not.toContain('`');
  await page.keyboard.press('Escape');

  await page.goto('/#lesson/reuse-modes/2');
  const lesson = page.getByTestId('lesson-step-title');
  await expect(lesson.locator('code')).toBeVisible();
  expect(await lesson.evaluate((el) => (el as HTMLElement).innerText)).not.toContain('`');
});

test('an embed shows its title with code and says how to get an explanation without a log', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/?embed=1#example/sc07', editor: false });
  const title = page.getByTestId('embed-title');
  await expect(title.locator('code')).toHaveText('safe');
  expect(await title.evaluate((el) => (el as HTMLElement).innerText)).not.toContain('`');
  await expect(title).toHaveAttribute('title', /\(HTTP\/1, safe\)/);
  await page.evaluate(() => window.__playground!.seek(-1));
  await expect(page.getByTestId('why-hint')).toBeVisible();
  await expect(page.getByTestId('why-hint')).not.toContainText('log');
  await pg.screenshot('embed-title-code');
});
