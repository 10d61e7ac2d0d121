import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

test('play, pause, step and jump from the keyboard', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.focusPage();
  await page.keyboard.press('Home');
  await expect.poll(() => pg.index()).toBe(-1);
  expect(await pg.state<boolean>('(s) => s.view.playing')).toBe(false);

  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => pg.index()).toBe(2);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => pg.index()).toBe(1);
  await expect(page.getByTestId('clock-event')).toHaveText(/event 2 of [\d,]+/);

  // Space plays; the playhead advances; space again pauses.
  await page.keyboard.press('Space');
  await expect.poll(() => pg.state<boolean>('(s) => s.view.playing')).toBe(true);
  await expect.poll(() => pg.index(), { timeout: 5_000 }).toBeGreaterThan(2);
  await page.keyboard.press('Space');
  await expect.poll(() => pg.state<boolean>('(s) => s.view.playing')).toBe(false);
  const stopped = await pg.index();
  await page.waitForTimeout(1_200);
  expect(await pg.index()).toBe(stopped);

  await page.keyboard.press('End');
  await expect.poll(() => pg.index()).toBe((await pg.events()) - 1);
  await page.keyboard.press('Home');
  await expect.poll(() => pg.index()).toBe(-1);

  // Faster / slower.
  await page.keyboard.press(']');
  await expect(page.getByTestId('speed')).toHaveValue('2');
  await page.keyboard.press('[');
  await page.keyboard.press('[');
  await expect(page.getByTestId('speed')).toHaveValue('0.5');

  // ? opens the help overlay, Escape closes it.
  await page.keyboard.press('?');
  await expect(page.getByTestId('help')).toBeVisible();
  await pg.screenshot('help');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help')).toHaveCount(0);
});

test('shortcuts stay off while typing in the editor', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.focusPage();
  await page.keyboard.press('Home');
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' ?');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('help')).toHaveCount(0);
  expect(await pg.index()).toBe(-1);
  expect(await pg.state<boolean>('(s) => s.view.playing')).toBe(false);
});

test('scrubbing the timeline moves the playhead', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  const track = page.getByTestId('track');
  const box = (await track.boundingBox())!;
  const n = await pg.events();
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const i = await pg.index();
  expect(i).toBeGreaterThan(n * 0.35);
  expect(i).toBeLessThan(n * 0.65);
  await page.mouse.click(box.x + box.width - 2, box.y + box.height / 2);
  await expect.poll(() => pg.index()).toBe(n - 1);
});

test('the event log takes the keyboard focus and moves with the up and down arrows', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.pause();
  await pg.clickLogRow(3);
  const log = page.getByTestId('event-log');
  await log.focus();
  await expect(log).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => pg.index()).toBe(5);
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => pg.index()).toBe(4);
  await expect(log).toHaveAttribute('aria-activedescendant', 'ev-4');
});
