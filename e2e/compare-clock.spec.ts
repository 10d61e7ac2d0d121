import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

/** Story: two engines on one clock, and a comparison that can be shared from the address bar. */

test('both panes show the shared instant at every step', async ({ page }) => {
  test.setTimeout(90_000);
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/sc07' });
  await pg.pause();
  await page.getByTestId('compare-button').click();
  await expect(page.getByTestId('total-a-requests')).toBeVisible();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('compare-side-a-time')).toHaveText('start');
  await expect(page.getByTestId('compare-side-b-time')).toHaveText('start');
  const steps = Number((await page.getByTestId('compare-track').getAttribute('aria-valuemax'))!);
  expect(steps).toBeGreaterThan(50);
  let earlier = 0;
  for (let k = 1; k <= steps; k++) {
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('compare-clock')).toContainText(`step ${k} of`);
    const [clock, a, b, since] = await page.evaluate(() => {
      const txt = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? null;
      return [document.querySelector('[data-testid="compare-clock"] b')!.textContent, txt('compare-side-a-time'), txt('compare-side-b-time'), txt('compare-side-a-since') ?? txt('compare-side-b-since')];
    });
    expect(a, `step ${k}`).toBe(clock);
    expect(b, `step ${k}`).toBe(clock);
    if (since) earlier++;
  }
  // The engines differ in time: at some steps one side's last event is older than the clock, and it says so.
  expect(earlier).toBeGreaterThan(0);
  await page.keyboard.press('Home');
  for (let i = 0; i < 60; i++) await page.keyboard.press('ArrowRight');
  await pg.screenshot('compare-one-clock');
});

test('opening compare puts the comparison in the address; the link opens it elsewhere; closing restores the address', async ({ page, context }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/sc02' });
  await pg.pause();
  await page.evaluate(() => history.replaceState(null, '', '/'));
  await page.getByTestId('compare-button').click();
  await expect(page.getByTestId('total-b-opened')).toHaveText('3');
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#s=1\.d\./);
  await page.getByTestId('compare-engine-b').selectOption('modern');
  await expect(page.getByTestId('compare-side-b-engine')).toHaveText('modern 2.6');
  await page.getByTestId('compare-next').click();
  await page.getByTestId('compare-next').click();
  await page.waitForTimeout(600); // the playhead is written once it settles
  const url = await page.evaluate(() => location.href);

  const other = await context.newPage();
  const pg2 = new PlaygroundPage(other);
  await pg2.open({ path: url.slice(url.indexOf('/#')), editor: false });
  await expect(other.getByTestId('compare')).toBeVisible();
  await expect(other.getByTestId('compare-side-b-engine')).toHaveText('modern 2.6');
  await expect(other.getByTestId('compare-clock')).toContainText('step 2 of');

  await page.getByTestId('compare-close').click();
  await expect(page.getByTestId('compare')).toBeHidden();
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('');
});

test('an old #compare/parent link still opens compare', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#compare/parent', editor: false });
  await expect(page.getByTestId('compare')).toBeVisible();
  await expect(page.getByTestId('total-b-opened')).toHaveText('3');
  // …and the address now holds the full comparison, shareable as is.
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#s=1\.d\./);
});

test('a lesson link opened over compare keeps its address', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/sc02' });
  await page.getByTestId('compare-button').click();
  await expect(page.getByTestId('total-b-opened')).toHaveText('3');
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#s=1\.d\./);
  await page.evaluate(() => (location.hash = '#lesson/reuse-modes/2'));
  await expect(page.getByTestId('compare')).toBeHidden();
  await expect(page.getByTestId('lesson-step-title')).toBeVisible();
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => location.hash)).toBe('#lesson/reuse-modes/2');
});
