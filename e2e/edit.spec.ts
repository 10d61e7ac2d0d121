import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

const TWO = `engine seed
backend be
    http-reuse safe
    server X 192.0.2.10:80
script
    open A h1
    A GET /1 to X
    A GET /2 to X
`;

test('typing a change re-runs the scenario and updates the diagram', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: TWO });
  await pg.focusPage();
  await page.keyboard.press('End');
  await expect(page.getByTestId('metric-requests')).toHaveText('2');
  await expect(page.getByTestId('session-B')).toHaveCount(0);
  const runBefore = await pg.state<number>('(s) => s.sim.runId');

  // Add a second client; the diagram gains its session after the pause.
  await pg.typeAtLineEnd(8, '\nopen B h1\nB GET /3 to X');
  await expect.poll(() => pg.state<number>('(s) => s.sim.runId')).toBeGreaterThan(runBefore);
  await expect(page.getByTestId('session-B')).toBeVisible();
  await expect(page.getByTestId('metric-requests')).toHaveText('3');
  // The playhead stayed at the end (the same place in the run), not back at the start.
  expect(await pg.index()).toBe((await pg.events()) - 1);
  // Both connections exist: B's first request may not take A's idle one under `safe`.
  await expect(page.getByTestId('conn-c2')).toBeVisible();
});

test('the current event highlights its scenario line', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: TWO });
  await page.evaluate(() => {
    const s = window.__playground!.getState();
    const i = s.sim.result!.trace.findIndex((e) => e.line === 8);
    window.__playground!.seek(i);
  });
  const hl = page.locator('.monaco-editor .current-line-hl');
  await expect(hl).toHaveCount(1);
  // The highlight sits on the row of line number 8 (once Monaco has laid out the wrapped lines
  // above it: read together, until both settle).
  const top = (el: Element) => (el.parentElement as HTMLElement).style.top || (el as HTMLElement).style.top;
  const row = page.locator('.monaco-editor .line-numbers', { hasText: /^8$/ });
  await expect
    .poll(async () => {
      const [h, n] = [await hl.evaluate(top), await row.evaluate((el) => (el.parentElement as HTMLElement).style.top)];
      return h === n ? 'same row' : `highlight at ${h}, line 8 at ${n}`;
    })
    .toBe('same row');
});

test('after an edit above the current statement, the highlight is on the statement of the current event', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: TWO });
  await page.evaluate(() => {
    const s = window.__playground!.getState();
    window.__playground!.seek(s.sim.result!.trace.findIndex((e) => e.line === 8));
  });
  const hl = page.locator('.monaco-editor .current-line-hl');
  await expect(hl).toHaveCount(1);
  const runBefore = await pg.state<number>('(s) => s.sim.runId');
  // A comment line above the statements: the decoration moves down with the text, the new run's event is on line 9.
  await pg.typeAtLineEnd(1, '\n# moved');
  await expect.poll(() => pg.state<number>('(s) => s.sim.runId')).toBeGreaterThan(runBefore);
  const line = await pg.state<number>('(s) => s.sim.result.trace.at(s.view.index)?.line ?? 0');
  expect(line).toBeGreaterThan(0);
  const top = (el: Element) => (el.parentElement as HTMLElement).style.top || (el as HTMLElement).style.top;
  const row = page.locator('.monaco-editor .line-numbers', { hasText: new RegExp(`^${line}$`) });
  await expect(hl).toHaveCount(1);
  await expect
    .poll(async () => {
      const [h, n] = [await hl.evaluate(top), await row.evaluate((el) => (el.parentElement as HTMLElement).style.top)];
      return h === n ? 'same row' : `highlight at ${h}, line ${line} at ${n}`;
    })
    .toBe('same row');
});
