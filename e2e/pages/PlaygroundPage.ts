import { expect, type Locator, type Page } from '@playwright/test';

/** The pages whose file choosers are intercepted from the start (see `open`). */
const intercepting = new WeakSet<Page>();

/** Page object for the playground (G14): the editor, the transport and the panes. */
export class PlaygroundPage {
  readonly editor: Locator;
  readonly diagram: Locator;
  readonly banner: Locator;
  readonly why: Locator;
  readonly log: Locator;
  readonly engine: Locator;

  constructor(readonly page: Page) {
    this.editor = page.getByTestId('editor');
    this.diagram = page.getByTestId('diagram');
    this.banner = page.getByTestId('error-banner');
    this.why = page.getByTestId('why');
    this.log = page.getByTestId('event-log');
    this.engine = page.getByTestId('engine-select');
  }

  /**
   * Open the page with a clean autosave; `scenario` preloads the editor text, `path` is
   * the address to open (a fragment, `?embed=1`…), `editor: false` for pages without one.
   */
  async open(opts: { scenario?: string; keepStorage?: boolean; path?: string; editor?: boolean } = {}): Promise<void> {
    // File choosers are intercepted from before the page loads. Playwright turns Chromium's
    // interception on only when a test first waits for a chooser, and does not wait for Chromium
    // to apply it: a key press (Ctrl+O) goes straight to the page and can be handled first, and
    // that chooser then opens unseen (no 'filechooser' event). A click makes round trips of its
    // own before clicking, so it never showed; 'Ctrl+O while the page is busy' in work.spec.ts does.
    if (!intercepting.has(this.page)) {
      intercepting.add(this.page);
      this.page.on('filechooser', () => {});
    }
    await this.page.addInitScript(
      ([text, keep]) => {
        if (!keep && !sessionStorage.getItem('e2e-init')) {
          localStorage.clear();
          if (text !== null) localStorage.setItem('reuse-playground:scenario', text);
          sessionStorage.setItem('e2e-init', '1');
        }
      },
      [opts.scenario ?? null, opts.keepStorage ?? false] as const,
    );
    await this.page.goto(opts.path ?? '/');
    if (opts.editor !== false) await expect(this.page.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  }

  /** The scenario text in the store. */
  text(): Promise<string> {
    return this.state<string>('(s) => s.editor.text');
  }

  /** The notice on screen (one at a time). */
  get notice(): Locator {
    return this.page.getByTestId('notice');
  }

  /** The elements matching `selector` that stick out of the window sideways, by their text (narrow-screen tests). */
  offScreen(selector: string): Promise<string[]> {
    return this.page.evaluate(
      (sel) =>
        [...document.querySelectorAll<HTMLElement>(sel)]
          .filter((el) => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && (r.left < 0 || r.right > window.innerWidth);
          })
          .map((el) => el.textContent?.trim() || el.getAttribute('aria-label') || el.tagName),
      selector,
    );
  }

  /** Press Share and read the link it made (also written to the address bar). */
  async shareLink(): Promise<string> {
    await this.page.getByTestId('share-button').click();
    const url = this.page.getByTestId('share-url');
    await expect(url).toHaveValue(/#s=1\.d\./);
    const link = await url.inputValue();
    await this.page.keyboard.press('Escape');
    return link;
  }

  /** Pick an item of the File menu. */
  async fileMenu(item: string): Promise<void> {
    await this.page.getByTestId('file-menu').click();
    await this.page.getByTestId(item).click();
  }

  /** Open a file with File › Open, as the browser's chooser hands it over. */
  async openFile(text: string, name = 'haproxy.cfg'): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.fileMenu('file-open');
    await (await chooser).setFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
  }

  /** Wait until the editor shows Monaco's text (the lazy chunk is loaded). */
  async editorReady(): Promise<void> {
    await expect(this.page.locator('.monaco-editor .view-lines')).toBeVisible();
  }

  state<T>(fn: string): Promise<T> {
    return this.page.evaluate(`(${fn})(window.__playground.getState())`) as Promise<T>;
  }

  /** Monaco's own text (not the store's). */
  editorText(): Promise<string> {
    return this.page.evaluate(() => window.__playground!.editor()?.value ?? '');
  }

  editorCursor(): Promise<{ line: number; column: number } | null> {
    return this.page.evaluate(() => window.__playground!.editor()?.position ?? null);
  }

  /** Click a row of the (windowed) event log, scrolling it into the window first. */
  async clickLogRow(i: number): Promise<void> {
    await this.log.evaluate((el, k) => (el.scrollTop = Math.max(0, k * 26 - 60)), i);
    await this.page.locator(`[data-testid="log-row"][data-index="${i}"]`).click();
  }

  index(): Promise<number> {
    return this.state<number>('(s) => s.view.index');
  }

  events(): Promise<number> {
    return this.state<number>('(s) => s.sim.result ? s.sim.result.trace.length : 0');
  }

  /** Seeks to the first event of the run's trace that `pred` (a JS predicate on an event, as text) holds for; returns its index. */
  async seekTo(pred: string): Promise<number> {
    const i = (await this.page.evaluate(`window.__playground.getState().sim.result.trace.findIndex(${pred})`)) as number;
    expect(i).toBeGreaterThanOrEqual(0);
    await this.page.evaluate((k) => window.__playground!.seek(k), i);
    return i;
  }

  async pause(): Promise<void> {
    await this.page.evaluate(() => {
      const s = window.__playground!.getState();
      if (s.view.playing) window.__playground!.seek(s.view.index);
    });
  }

  /** Put the keyboard focus outside the editor, so transport shortcuts apply. */
  async focusPage(): Promise<void> {
    await this.page.getByTestId('caption').click();
  }

  async metric(name: string): Promise<string> {
    return (await this.page.getByTestId(`metric-${name}`).textContent()) ?? '';
  }

  /** Put the editor cursor at a line and column (1-based), focused. */
  async goto(line: number, column: number): Promise<void> {
    await this.page.evaluate(([l, c]) => window.__playground!.editorGoto(l, c), [line, column] as const);
  }

  /** Type at the end of a line of the editor (1-based). */
  async typeAtLineEnd(line: number, text: string): Promise<void> {
    await this.goto(line, 10_000); // Monaco clamps the column to the end of the line

    // Type line by line; Escape closes the suggestion list so Enter starts a new line.
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (i > 0) {
        await this.page.keyboard.press('Escape');
        await this.page.keyboard.press('Enter');
      }
      await this.page.keyboard.type(lines[i], { delay: 10 });
    }
    await this.page.keyboard.press('Escape');
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `e2e/screenshots/${name}.png` });
  }
}
