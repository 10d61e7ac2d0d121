import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

// Issue 19, item 6: on a desktop, "N errors M warnings" opens the list of problems, and a click
// on one selects its place in the editor (the phone's list, now shared).
const TEXT = `engine seed

backend be
    mode http
    http-reuse saef
    timeout server 5 parsecs
    server X 192.0.2.10:80

script
    open A h1
    A GET /1 to X
`;

test('the problems count opens a list; a problem selects its place in the editor', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: TEXT });
  await pg.editorReady();
  const toggle = page.getByTestId('problems-toggle');
  await expect(toggle).toContainText(/\d+ errors?/);
  await expect(page.getByTestId('problems')).toHaveCount(0);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const list = page.getByTestId('problems');
  await expect(list.getByTestId('problem')).toHaveCount(await pg.state<number>('(s) => s.editor.diagnostics.length'));

  // Every problem leads to its own place: the cursor ends at the end of its span, in the editor.
  const diags = await pg.state<{ endLine: number; endColumn: number; message: string }[]>(
    '(s) => s.editor.diagnostics.map((d) => ({ endLine: d.endLine, endColumn: d.endColumn, message: d.message }))',
  );
  expect(diags.length).toBeGreaterThanOrEqual(2);
  for (let i = diags.length - 1; i >= 0; i--) {
    await list.getByTestId('problem').nth(i).click();
    await expect.poll(() => pg.editorCursor()).toEqual({ line: diags[i]!.endLine, column: diags[i]!.endColumn });
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))).toBe(true);
  }
  await pg.screenshot('problems-list');

  // The "did you mean" is one more click, and the list follows the text.
  await list.getByTestId('problem-fix').first().click();
  await expect.poll(() => pg.text()).toContain('http-reuse safe\n');
  await expect.poll(() => list.getByTestId('problem').count()).toBe(diags.length - 1);
  await toggle.click();
  await expect(page.getByTestId('problems')).toHaveCount(0);
});
