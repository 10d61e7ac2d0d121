import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

/** A 1.5-era configuration from HAProxy's own examples (core/test/configs/manifest.json), pasted as it is. */
const CONFIG = readFileSync(new URL('../core/test/configs/files/haproxy-1.5-acl-content-sw.cfg', import.meta.url), 'utf8');
const SCENARIO = `${CONFIG}\nscript\n    open A h1\n    A GET /\n`;

type Diag = { severity: string; code: string; line: number; message: string };

test('a real haproxy.cfg runs at every engine; the refusals of the engine\'s HAProxy are warnings with its reason', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: SCENARIO });
  await expect(pg.diagram).toBeVisible();
  await expect(pg.banner).toHaveCount(0);
  await pg.focusPage();
  await page.keyboard.press('End');
  await expect(page.getByTestId('metric-opened')).toHaveText('1');
  const seed = await pg.state<Diag[]>('(s) => s.editor.diagnostics');
  expect(seed.filter((d) => d.severity === 'error')).toEqual([]);
  // HAProxy 1.9 reads every line of this file: nothing is refused at the seed.
  expect(seed.filter((d) => d.code === 'refused-by-haproxy')).toEqual([]);

  await pg.engine.selectOption('modern');
  await expect.poll(() => pg.state<string>('(s) => s.sim.result.engine')).toBe('modern');
  await expect(pg.banner).toHaveCount(0);
  const modern = await pg.state<Diag[]>('(s) => s.editor.diagnostics');
  expect(modern.filter((d) => d.severity === 'error')).toEqual([]);
  const refused = modern.filter((d) => d.code === 'refused-by-haproxy');
  expect(refused.map((d) => d.message)).toEqual(expect.arrayContaining([
    expect.stringContaining("HAProxy 2.6 refuses 'clitimeout': the 'clitimeout' directive is not supported anymore since HAProxy 2.1. Use 'timeout client'"),
    expect.stringContaining("HAProxy 2.6 refuses 'block': The 'block' directive is not supported anymore since HAProxy 2.1. Use 'http-request deny'"),
    expect.stringContaining("HAProxy 2.6 refuses 'reqirep'"),
  ]));
  expect(refused.every((d) => d.severity === 'warning')).toBe(true);
  await pg.goto(refused[0]!.line, 1); // Monaco draws the squiggles of the lines on screen only
  await expect(page.locator('.monaco-editor .squiggly-warning').first()).toBeAttached();
  // The lines the simulation merely skips are counted and marked apart, quieter, so the refusals stand out.
  const all = await pg.state<Diag[]>('(s) => s.editor.diagnostics');
  const ignored = all.filter((d) => d.code.startsWith('ignored-')).length;
  expect(ignored).toBeGreaterThan(refused.length);
  const count = page.getByTestId('diag-count');
  await expect(count).toContainText(`${all.length - ignored} warning`);
  await expect(count).toContainText(`${ignored} ignored`);
  await expect(page.locator('.monaco-editor .squiggly-info').first()).toBeAttached();
  await page.getByTestId('problems-toggle').click();
  await expect(page.getByTestId('problem').first()).toContainText(/^\s*\d+:\d+\s+warning\s+HAProxy 2\.6 refuses/);
  await expect(page.getByTestId('problem').last()).toContainText('ignored');
  await pg.screenshot('real-config-problems');
  await page.getByTestId('problems-toggle').click();
  await pg.focusPage();
  await page.keyboard.press('End');
  await expect(page.getByTestId('metric-opened')).toHaveText('1');
  await pg.screenshot('real-config-modern');
  expect(errors).toEqual([]);
});
