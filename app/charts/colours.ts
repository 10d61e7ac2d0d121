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

/** `colour` (#rgb, #rrggbb or rgb()) at opacity `alpha` as rgba(); undefined for a form it does not know. */
export function withAlpha(colour: string, alpha: number): string | undefined {
  const c = colour.trim();
  let rgb: number[] | undefined;
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((d) => d + d).join('') : hex[1];
    rgb = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  } else {
    const fn = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(c);
    if (fn) rgb = [fn[1], fn[2], fn[3]].map(Number);
  }
  return rgb ? `rgba(${rgb.join(', ')}, ${alpha})` : undefined;
}
