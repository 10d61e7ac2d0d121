import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { PlaygroundPage } from './pages/PlaygroundPage';

/** Story: no lost work — autosave with a status, reload, New, Reset, open/save files, drop a file. */

const SC07 = readFileSync('core/examples/sc07.scenario', 'utf8');
const MINE = '# mine\nengine seed\n\nbackend be\n    mode http\n    server X 192.0.2.10:80\n\nscript\n    open A h1\n    A GET /1 to X\n';

test('reload keeps the work, and the status says it is saved', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.typeAtLineEnd(1, ' (kept)');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  expect(await page.evaluate(() => localStorage.getItem('reuse-playground:scenario'))).toContain('(kept)');
  // Typing and reloading at once: the last change is written when the page goes away.
  await pg.typeAtLineEnd(1, '!');
  await page.reload();
  await expect.poll(() => pg.text()).toContain('(kept)!');
  await pg.editorReady();
  await pg.screenshot('work-saved');
});

test('full storage is said plainly, with a way to save a file', async ({ page }) => {
  await page.addInitScript(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k: string, v: string) {
      if (k === 'reuse-playground:scenario' && sessionStorage.getItem('full')) throw new DOMException('full', 'QuotaExceededError');
      return set.call(this, k, v);
    };
  });
  const pg = new PlaygroundPage(page);
  await pg.open();
  await page.evaluate(() => sessionStorage.setItem('full', '1'));
  await pg.typeAtLineEnd(1, ' x');
  const status = page.getByTestId('save-status');
  await expect(status).toHaveAttribute('data-status', 'full');
  await expect(status).toContainText('not saved: storage full');
  await pg.screenshot('work-storage-full');
  const download = page.waitForEvent('download');
  await status.click();
  expect((await download).suggestedFilename()).toBe('scenario.scenario');
});

test('disabled storage is said plainly and the page still works', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
  });
  const pg = new PlaygroundPage(page);
  await page.goto('/');
  await pg.editorReady();
  await pg.typeAtLineEnd(1, ' x');
  await expect(page.getByTestId('save-status')).toContainText('not saved: storage disabled');
  await expect.poll(() => pg.events()).toBeGreaterThan(10);
});

test('New and Reset to example keep the replaced text restorable', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: MINE });
  await pg.fileMenu('file-new');
  await expect.poll(() => pg.text()).toBe('');
  await expect(page.getByTestId('empty-hint')).toBeVisible();
  await expect(pg.notice).toContainText('New scenario. Your previous scenario is kept.');
  await pg.screenshot('work-new');
  await page.getByTestId('notice-restore').click();
  await expect.poll(() => pg.text()).toBe(MINE);

  await pg.fileMenu('file-reset');
  await expect.poll(() => pg.text()).toContain('SC02');
  // The kept text survives a reload too: the File menu offers it back.
  await page.reload();
  await pg.editorReady();
  await pg.fileMenu('file-restore');
  await expect.poll(() => pg.text()).toBe(MINE);
});

test('open a file with Ctrl+O, save it back, and drop a file on the page', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: MINE });
  await pg.focusPage();
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+o');
  await (await chooser).setFiles({ name: 'swap.scenario', mimeType: 'text/plain', buffer: Buffer.from(SC07.replace(/\n/g, '\r\n')) });
  await expect.poll(() => pg.text()).toBe(SC07); // CRLF normalised
  await expect(pg.notice).toContainText('Opened swap.scenario');

  const download = page.waitForEvent('download');
  await pg.fileMenu('file-save');
  const d = await download;
  expect(d.suggestedFilename()).toBe('swap.scenario');
  expect(readFileSync(await d.path(), 'utf8')).toBe(SC07);

  // Drag and drop onto the diagram (works over the editor too).
  const drop = async (name: string, content: string | Buffer) => {
    const dt = await page.evaluateHandle(
      ([n, bytes]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(bytes)], n, { type: 'text/plain' }));
        return dt;
      },
      [name, [...Buffer.from(content)]] as const,
    );
    await page.dispatchEvent('[data-testid="diagram-wrap"]', 'dragenter', { dataTransfer: dt });
    await expect(page.getByTestId('drop-overlay')).toBeVisible();
    await pg.screenshot('work-drop');
    await page.dispatchEvent('[data-testid="diagram-wrap"]', 'drop', { dataTransfer: dt });
  };
  await drop('mine.scenario', MINE);
  await expect.poll(() => pg.text()).toBe(MINE);
  await expect(page.getByTestId('drop-overlay')).toBeHidden();
  // A binary file is refused, the text stays.
  await drop('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff, 0xfe]));
  await expect(pg.notice).toContainText('not a text file');
  expect(await pg.text()).toBe(MINE);
});

test('Ctrl+O pressed while the page is busy still opens the file chooser', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: MINE });
  await pg.focusPage();
  await page.keyboard.down('Control');
  // One long layout, in which no script runs, from just after this call returns: the O below
  // arrives during it and is handled after it, as a key typed while a long run draws would be.
  await page.evaluate(() => {
    const box = document.createElement('div');
    box.style.cssText = 'position: absolute; left: -99999px; width: 300px; display: none';
    box.innerHTML = '<span style="display: inline-block; padding: 1px">word </span>'.repeat(40_000);
    document.body.append(box);
    setTimeout(() => {
      box.style.display = 'block';
      void box.offsetHeight;
      box.remove();
    });
  });
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('o');
  await page.keyboard.up('Control');
  await (await chooser).setFiles({ name: 'swap.scenario', mimeType: 'text/plain', buffer: Buffer.from(SC07) });
  await expect.poll(() => pg.text()).toBe(SC07);
  await expect(pg.notice).toContainText('Opened swap.scenario');
});

test('two tabs: the tab saved over keeps its text, says so, and gets it back', async ({ context, page }) => {
  const a = new PlaygroundPage(page);
  await a.open({ scenario: MINE });
  await a.typeAtLineEnd(1, ' (tab A)');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  // A second tab opens on the autosave, and its typing is saved over tab A's text.
  const b = new PlaygroundPage(await context.newPage());
  await b.open({ keepStorage: true });
  await b.typeAtLineEnd(1, ' (tab B)');
  await expect(b.page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  const status = page.getByTestId('save-status');
  await expect(status).toHaveAttribute('data-status', 'elsewhere');
  await expect(status).toContainText('saved in another tab');
  await expect(a.notice).toContainText('Another tab saved its scenario over this one');
  await expect.poll(() => a.text()).toContain('# mine (tab A)\n');
  // A reload shows tab B's text, and File ▸ Restore previous brings back tab A's.
  const c = new PlaygroundPage(await context.newPage());
  await c.open({ keepStorage: true });
  await expect.poll(() => c.text()).toContain('(tab A) (tab B)');
  await c.fileMenu('file-restore');
  await expect.poll(() => c.text()).toBe(await a.text());
  await c.page.close();
  // Tab A saves its text again with one click; now tab B is the one told.
  await status.click();
  await expect(status).toHaveAttribute('data-status', 'saved');
  await expect(a.notice).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('reuse-playground:scenario'))).toBe(await a.text());
  await expect(b.page.getByTestId('save-status')).toHaveAttribute('data-status', 'elsewhere');
  await a.screenshot('work-two-tabs');
});
