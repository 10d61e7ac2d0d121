import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

// Issue 5: a medium scenario (too large to run on the page) starts in the worker as the
// user types; the picture changes once, after the typing pause, to the run of the last text.

const scenario = (rounds: number) => `backend be
    http-reuse always
    server s1 192.0.2.10:80
    server s2 192.0.2.11:80
script
    open web[1..10] h1
    repeat ${rounds} {
        web[*] GET /
    }
    close web[*]
`;

test('typing in a 500-request scenario: runs of the texts typed over are dropped; the last text is shown once', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: scenario(50) });
  await page.evaluate(() => window.__playground!.idle());
  await pg.pause();
  expect(await pg.events()).toBeGreaterThan(5000);
  const before = await pg.state<number>('(s) => s.sim.runId');

  // Record every run published from now on, with the text it was published for.
  await page.evaluate(() => {
    const w = window as unknown as { __runs: { text: string; events: number }[] };
    w.__runs = [];
    let id = window.__playground!.getState().sim.runId;
    const tick = () => {
      const s = window.__playground!.getState();
      if (s.sim.runId !== id) {
        id = s.sim.runId;
        w.__runs.push({ text: s.editor.text, events: s.sim.result!.trace.length });
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });

  // "repeat 50" → "repeat 250" → "repeat 50" → "repeat 350", keys in quick succession. The page
  // notes when each key arrives: on a loaded machine two keys can be further apart than the
  // typing pause (300 ms), and then the text between them is rightly shown.
  await page.evaluate(() => {
    const w = window as unknown as { __keys: number[] };
    w.__keys = [];
    window.addEventListener('keydown', () => w.__keys.push(performance.now()), true);
  });
  await pg.goto(7, 12);
  await page.keyboard.type('2');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('3');
  await expect.poll(() => pg.state<number>('(s) => s.sim.runId')).toBeGreaterThan(before);
  await page.evaluate(() => window.__playground!.idle());

  const runs = await page.evaluate(() => (window as unknown as { __runs: { text: string; events: number }[] }).__runs);
  const keys = await page.evaluate(() => (window as unknown as { __keys: number[] }).__keys);
  const widestGap = Math.max(...keys.slice(1).map((t, i) => t - keys[i]!));
  if (widestGap < 250) expect(runs).toHaveLength(1);
  expect(runs.at(-1)!.text).toContain('repeat 350 {');
  expect(await pg.state<boolean>('(s) => s.editor.pending')).toBe(false);
  await pg.focusPage();
  await page.keyboard.press('End');
  await expect(page.getByTestId('metric-requests')).toHaveText('3,500');
  await expect(page.getByTestId('diag-count')).toContainText('ok');
});

test('an edit that makes the scenario invalid while a worker run is under way shows the error, not that run', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: scenario(50) });
  await page.evaluate(() => window.__playground!.idle());
  await pg.pause();
  const before = await pg.state<number>('(s) => s.sim.runId');
  await pg.goto(7, 12);
  const t0 = Date.now();
  await page.keyboard.type('2');
  await page.keyboard.type('x'); // "repeat 2x50": a syntax error
  const gap = Date.now() - t0;
  await expect(pg.banner).toBeVisible();
  // On a loaded machine the two keys can arrive further apart than the typing pause (300 ms):
  // the run of "repeat 250" is then rightly taken in before the error.
  if (gap < 250) expect(await pg.state<number>('(s) => s.sim.runId')).toBe(before);
  const atError = await pg.state<number>('(s) => s.sim.runId');
  expect(await pg.state<boolean>('(s) => s.sim.stale')).toBe(true);
  await page.keyboard.press('Backspace');
  await expect.poll(() => pg.state<number>('(s) => s.sim.runId')).toBeGreaterThan(atError);
  await expect(pg.banner).toBeHidden();
  await pg.focusPage();
  await page.keyboard.press('End');
  await expect(page.getByTestId('metric-requests')).toHaveText('2,500');
});
