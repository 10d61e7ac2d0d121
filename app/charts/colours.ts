/**
 * The canvas cannot read CSS variables: the chart resolves the theme's colours when it
 * is built (it is rebuilt when the theme changes).
 */
export interface ChartColours {
  readonly muted: string;
  readonly grid: string;
  readonly panel: string;
  readonly text: string;
  /** A colour, or `var(--name)` read from the page's theme. */
  resolve(colour: string): string;
}

export function chartColours(el: Element = document.documentElement): ChartColours {
  const style = getComputedStyle(el);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const resolve = (colour: string) => {
    const m = /^var\((--[\w-]+)\)$/.exec(colour.trim());
    return m ? v(m[1], '#888') : colour;
  };
  return { muted: v('--muted', '#666'), grid: v('--border', '#ddd'), panel: v('--panel', '#fff'), text: v('--text', '#222'), resolve };
}
