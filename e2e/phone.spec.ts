import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

// A scenario link opened on a phone (from a chat or a bug report): one column to scroll, in
// reading order — the picture, the transport, why, the event log, the scenario — with every
// control on screen and a diagram whose text stays readable.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('a phone shows one readable column and the transport works by touch', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/sc07', editor: false });
  await expect.poll(() => page.evaluate(() => window.__playground!.getState().sim.result !== null)).toBe(true);
  await expect(page.getByTestId('phone-editor')).toBeVisible();
  await pg.pause();

  const layout = await page.evaluate(() => {
    const top = (sel: string) => document.querySelector(sel)!.getBoundingClientRect().top + window.scrollY;
    return {
      order: [top('[data-testid="diagram-wrap"]'), top('[data-testid="timeline"]'), top('[data-testid="why"]'), top('[data-testid="event-log"]'), top('[data-testid="phone-editor"]')],
      pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
    };
  });
  expect(await pg.offScreen('.header button, .header select')).toEqual([]);
  expect(layout.pageOverflow).toBeLessThanOrEqual(0);
  expect([...layout.order].sort((a, b) => a - b)).toEqual(layout.order);

  // Readable: the diagram is drawn at 0.6 of its size or more (it scrolls sideways instead).
  const scale = await page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('[data-testid="diagram-wrap"] svg.diagram')!;
    return svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  });
  expect(scale).toBeGreaterThanOrEqual(0.6);

  // Tap to step, then tap on the track to jump: the clock follows.
  await page.getByTestId('btn-start').tap();
  await page.getByTestId('btn-next').tap();
  await expect(page.getByTestId('clock-event')).toContainText('event 1 of');
  const track = page.locator('[data-testid="timeline"] .track');
  const box = (await track.boundingBox())!;
  await page.touchscreen.tap(box.x + box.width * 0.75, box.y + box.height / 2);
  await expect
    .poll(async () => Number((await page.getByTestId('clock-event').textContent())!.match(/event ([\d,]+)/)![1]!.replace(/,/g, '')))
    .toBeGreaterThan(20);
  await pg.screenshot('phone-sc07');
});

test('an embed in a blog read on a phone fits its frame', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 560 });
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/?embed=1#example/sc07', editor: false });
  await expect(page.getByTestId('embed')).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.__playground!.getState().sim.result !== null)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
  expect(await pg.offScreen('[data-testid="open-in-playground"], [data-testid="clock"], [data-testid="why"]')).toEqual([]);
  await pg.screenshot('phone-embed');
});

test('compare on a phone: the two engines one above the other, every control on screen', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#compare/parent', editor: false });
  const a = page.getByTestId('compare-side-a');
  const b = page.getByTestId('compare-side-b');
  await expect(b).toBeVisible();
  const boxA = (await a.boundingBox())!;
  const boxB = (await b.boundingBox())!;
  expect(boxB.y).toBeGreaterThanOrEqual(boxA.y + boxA.height);
  expect(boxA.x + boxA.width).toBeLessThanOrEqual(390);
  expect(await pg.offScreen('.header button, .header select, .compare-bar button, .compare-bar select')).toEqual([]);
  await pg.screenshot('phone-compare');
});

test('a phone edits the scenario in a plain text area: problems listed, a tap selects the place', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/sc07', editor: false });
  const ta = page.getByTestId('phone-editor');
  await expect(ta).toHaveValue(/# SC07/);
  // No Monaco on a phone (its chunk is not even loaded).
  expect(await page.locator('.monaco-editor').count()).toBe(0);
  // Break a duration: the problem is listed with its place, and the picture waits for the fix.
  const text = await ta.inputValue();
  await ta.fill(text.replace('backend be', 'backend be\n    timeout server 5 parsecs'));
  const diags = page.getByTestId('phone-diags');
  await expect(diags).toContainText(/^\d+:\d+/);
  await diags.locator('button').first().tap();
  await expect(ta).toBeFocused();
  const selected = await ta.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
  expect(selected.length).toBeGreaterThan(0);
  expect('timeout server 5 parsecs').toContain(selected.trim());
  // A misspelt keyword offers its "did you mean" as one tap.
  await ta.fill(text.replace('http-reuse safe', 'http-reuse saef'));
  await page.getByTestId('phone-fix').first().tap();
  await expect(ta).toHaveValue(/http-reuse safe\n/);
  // Fixing it runs again.
  await ta.fill(text);
  await expect(diags).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => window.__playground!.getState().editor.errorCount)).toBe(0);
  await pg.screenshot('phone-editor');
});

test('on a phone every menu and dialog of the header opens on screen', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ editor: false });
  for (const [button, panel] of [
    ['lessons-button', '.menu'],
    ['file-menu', '.menu'],
    ['share-button', '.menu'],
    ['examples-button', '.dialog.gallery'],
  ] as const) {
    await page.getByTestId(button).tap();
    await expect(page.locator(panel)).toBeVisible();
    expect(await pg.offScreen(panel), `${button} opens on screen`).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(page.locator(panel)).toHaveCount(0);
  }
  // The examples list has room: the first card is on screen.
  await page.getByTestId('examples-button').tap();
  await expect(page.getByTestId('example-sc02')).toBeInViewport();
});

test('a lesson on a phone comes first, then the picture it talks about', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#lesson/why-7c6f8b146', editor: false });
  await expect(page.getByTestId('lesson-step-title')).toBeVisible();
  const lesson = (await page.getByTestId('lesson').boundingBox())!;
  const diagram = (await page.getByTestId('diagram-wrap').boundingBox())!;
  expect(lesson.y + lesson.height).toBeLessThanOrEqual(diagram.y);
  await expect(page.getByTestId('lesson-next')).toBeInViewport();
});
