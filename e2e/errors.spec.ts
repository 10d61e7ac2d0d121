import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

const GOOD = `engine seed
backend be
    http-reuse safe
    server X 192.0.2.10:80
script
    open A h1
    A GET /1 to X
`;

test('a syntax error shows a marker and the banner, keeps the last run dimmed, and nothing crashes', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: GOOD });
  await expect(pg.diagram).toBeVisible();
  const events = await pg.events();

  // Misspell a keyword on line 3.
  await pg.typeAtLineEnd(3, 'x');
  await expect(pg.banner).toBeVisible();
  // It says where and what, not only how many.
  const first = await page.evaluate(() => window.__playground!.getState().editor.diagnostics.find((d) => d.severity === 'error')!);
  await expect(pg.banner).toContainText(`Line ${first.line}:${first.column}`);
  await expect(pg.banner).toContainText(first.message.slice(0, 30));
  await expect(pg.banner).toContainText('Go to it');
  // A long message is cut inside the pane, never past its edges.
  const [banner, pane] = [await pg.banner.boundingBox(), await page.getByTestId('diagram-wrap').boundingBox()];
  expect(banner!.x).toBeGreaterThanOrEqual(pane!.x);
  expect(banner!.x + banner!.width).toBeLessThanOrEqual(pane!.x + pane!.width);
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeAttached();
  await expect(page.getByTestId('diagram-wrap')).toHaveAttribute('data-stale', 'true');
  await expect(pg.diagram).toBeVisible(); // the last good run stays
  expect(await pg.events()).toBe(events);
  await expect(page.getByTestId('diag-count')).toContainText('error');
  await pg.screenshot('error-state');

  // The banner jumps to the first error: the cursor goes to its line.
  await page.locator('.monaco-editor .view-lines').click({ position: { x: 5, y: 5 } });
  await pg.banner.click();
  const line = await page.evaluate(() => window.__playground!.getState().editor.diagnostics.find((d) => d.severity === 'error')!.line);
  await expect.poll(async () => (await pg.editorCursor())?.line).toBe(line);

  // Fix it: the banner goes, the diagram is live again.
  await page.evaluate((t) => window.__playground!.setScenario(t), GOOD);
  await expect(pg.banner).toHaveCount(0);
  await expect(page.getByTestId('diagram-wrap')).toHaveAttribute('data-stale', 'false');
  expect(errors).toEqual([]);
});

test('"did you mean" is offered as a quick fix', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: GOOD.replace('http-reuse', 'http-resue') });
  await expect(pg.banner).toBeVisible();
  const d = await page.evaluate(() => window.__playground!.getState().editor.diagnostics.find((x) => x.suggestion));
  expect(d?.suggestion).toBe('http-reuse');
  // Put the cursor in the misspelt word and ask for quick fixes.
  await pg.goto(3, 8); // inside "http-resue"
  await page.keyboard.press('Control+.');
  const fix = page.getByText("Replace with 'http-reuse'");
  await expect(fix).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(pg.banner).toHaveCount(0);
  await expect.poll(() => pg.editorText()).toContain('http-reuse safe');
});

test('an empty editor shows a hint, not a blank page', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: '' });
  await expect(page.getByTestId('empty-hint')).toBeVisible();
  await expect(page.getByTestId('empty-hint')).toContainText('Write a scenario');
  await pg.screenshot('empty');
});

test('a scenario where no client acts says so, where the log and the caption would be blank', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: 'backend be\n    server X 192.0.2.10:80\n' });
  await expect.poll(() => pg.state<number | null>('(s) => s.sim.result ? s.sim.result.trace.length : null')).toBe(0);
  await expect(page.getByTestId('log-empty')).toContainText('no client acts. Add a script section');
  await expect(page.getByTestId('caption-start')).toHaveText('Nothing to play: no client acts in this scenario.');
  await pg.screenshot('no-script');
  // One client action and the usual start comes back.
  await page.evaluate(() => window.__playground!.setScenario('backend be\n    server X 192.0.2.10:80\nscript\n    open A h1\n'));
  await expect(page.getByTestId('log-empty')).toHaveCount(0);
  await page.getByTestId('btn-start').click();
  await expect(page.getByTestId('caption-start')).toContainText('Before the first event');
});
