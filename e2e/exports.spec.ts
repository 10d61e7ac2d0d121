import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlaygroundPage } from './pages/PlaygroundPage';

/** Story: export the trace (the CLI's --json document), the diagram (SVG, PNG) and the scenario file. */

test('exports download valid files; the JSON is the CLI’s --json for the same scenario', async ({ page }) => {
  test.setTimeout(60_000);
  const pg = new PlaygroundPage(page);
  await pg.open({ path: '/#example/sc07' });
  await pg.pause();
  await page.evaluate(() => window.__playground!.seek(30));
  await page.waitForTimeout(500);
  const text = await pg.text();
  const take = async (item: string) => {
    const download = page.waitForEvent('download');
    await pg.fileMenu(item);
    const d = await download;
    return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
  };

  const json = await take('export-json');
  expect(json.name).toBe('sc07.trace.json');
  const dir = mkdtempSync(join(tmpdir(), 'export-'));
  const file = join(dir, 'sc07.scenario');
  writeFileSync(file, text);
  const cli = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/sim.ts', file, '--json'], { encoding: 'utf8' });
  expect(JSON.parse(json.bytes.toString('utf8'))).toEqual(JSON.parse(cli));
  expect(json.bytes.toString('utf8')).toBe(cli); // byte for byte, even

  const svg = await take('export-svg');
  expect(svg.name).toBe('sc07.svg');
  const svgText = svg.bytes.toString('utf8');
  expect(svgText).toMatch(/^<\?xml[^>]*>\s*<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svgText).not.toContain('class=');
  // It parses as XML and shows the connections of the moment.
  const parsed = await page.evaluate((s) => {
    const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
    return { error: doc.querySelector('parsererror')?.textContent ?? null, conns: doc.querySelectorAll('[data-testid^="conn-c"]').length };
  }, svgText);
  expect(parsed.error).toBeNull();
  expect(parsed.conns).toBeGreaterThan(0);

  const png = await take('export-png');
  expect(png.name).toBe('sc07.png');
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = png.bytes.readUInt32BE(16);
  const height = png.bytes.readUInt32BE(20);
  expect(width).toBeGreaterThan(1000); // 2× the diagram
  expect(height).toBeGreaterThan(300);
  const scen = await take('file-save');
  expect(scen.name).toBe('sc07.scenario');
  expect(scen.bytes.toString('utf8')).toBe(text);

  // Look at it: the PNG on a page of its own.
  await page.setContent(
    `<body style="margin:0;background:#888"><img id="png" style="width:860px" src="data:image/png;base64,${png.bytes.toString('base64')}"></body>`,
  );
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'e2e/screenshots/export-png.png' });
});
