import type { Page } from '@playwright/test';

/**
 * The layout check run in the page (issue 19): text that overlaps other text, text cut off
 * by a box that neither scrolls nor says so, and diagram text drawn too small to read.
 * Everything here is measured from what the browser laid out, never from our own geometry.
 */
export interface LayoutOptions {
  /** The smallest diagram text allowed, in CSS pixels as drawn (after the SVG's scaling). */
  minDiagramPx: number;
}

export function layoutProblems(page: Page, opts: LayoutOptions): Promise<string[]> {
  return page.evaluate(measure, opts);
}

/** Runs in the browser: self-contained. */
function measure(opts: LayoutOptions): string[] {
  type Box = { l: number; t: number; r: number; b: number };
  const problems: string[] = [];
  const TOL = 1.5; // sub-pixel glyph boxes of neighbouring lines touch
  const inter = (a: Box, b: Box): Box => ({ l: Math.max(a.l, b.l), t: Math.max(a.t, b.t), r: Math.min(a.r, b.r), b: Math.min(a.b, b.b) });
  const empty = (a: Box) => a.r - a.l <= TOL || a.b - a.t <= TOL;
  const box = (r: DOMRect): Box => ({ l: r.left, t: r.top, r: r.right, b: r.bottom });
  const name = (el: Element, text: string) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''} "${text.trim().slice(0, 30)}"`;

  /** Shown at all: rendered, not transparent along the way up, not text for screen readers only (clipped to nothing on purpose). */
  const shown = (el: Element): boolean => {
    for (let e: Element | null = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.display === 'none' || cs.visibility === 'hidden' || Number(cs.opacity) < 0.05) return false;
      if ((cs.clip && cs.clip !== 'auto') || (cs.clipPath && cs.clipPath !== 'none')) return false;
    }
    return true;
  };
  /** One of its ancestors is fixed or sticky: a layer over the page, compared only within itself. */
  const layer = (el: Element): Element | null => {
    for (let e: Element | null = el; e; e = e.parentElement) {
      const p = getComputedStyle(e).position;
      if (p === 'fixed' || p === 'sticky') return e;
    }
    return null;
  };

  type Text = { el: Element; text: string; rects: Box[]; layer: Element | null; svg: boolean };
  const texts: Text[] = [];

  // HTML text: every non-blank text node outside the editor widget and the diagram.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement!;
    if (!n.textContent?.trim() || el.closest('.monaco-editor, svg, script, style, title, textarea, option, select')) continue;
    if (!shown(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    const rects = [...range.getClientRects()].map(box).filter((r) => !empty(r));
    if (rects.length) texts.push({ el, text: n.textContent, rects, layer: layer(el), svg: false });
  }
  // Diagram text.
  for (const el of document.querySelectorAll('svg.diagram text')) {
    if (!el.textContent?.trim() || !shown(el)) continue;
    const r = box(el.getBoundingClientRect());
    if (!empty(r)) texts.push({ el, text: el.textContent, rects: [r], layer: layer(el), svg: true });
  }

  // Cut off: a text reaching past an ancestor that clips it, unless that ancestor scrolls
  // (vertically, or sideways with a visible hint) or the text ends in an ellipsis.
  const vw = document.documentElement.clientWidth;
  for (const t of texts) {
    const visible: Box[] = [];
    for (const r0 of t.rects) {
      let r = r0;
      let cut: string | null = null;
      for (let e: Element | null = t.svg ? t.el.parentElement : t.el; e && e !== document.body && !cut; e = e.parentElement) {
        const cs = getComputedStyle(e);
        const isSvg = e instanceof SVGSVGElement;
        const clipX = isSvg || cs.overflowX !== 'visible';
        const clipY = isSvg || cs.overflowY !== 'visible';
        if (!clipX && !clipY) continue;
        const c = box(e.getBoundingClientRect());
        const outX = clipX && (r.l < c.l - TOL || r.r > c.r + TOL);
        const outY = clipY && (r.t < c.t - TOL || r.b > c.b + TOL);
        const scrollsX = cs.overflowX === 'auto' || cs.overflowX === 'scroll';
        const scrollsY = cs.overflowY === 'auto' || cs.overflowY === 'scroll';
        const ellipsis = getComputedStyle(t.el).textOverflow === 'ellipsis' || cs.textOverflow === 'ellipsis';
        if (outX && !ellipsis) {
          if (!scrollsX) cut = `clipped sideways by ${name(e, '')}`;
          else if (![...e.querySelectorAll('[data-scroll-hint]'), ...(e.parentElement?.querySelectorAll(':scope > [data-scroll-hint]') ?? [])].some((h) => shown(h) && h.getBoundingClientRect().width > 0))
            cut = `scrolls sideways out of ${name(e, '')} with no hint`;
        }
        if (outY && !scrollsY && !ellipsis) cut = `clipped by ${name(e, '')}`;
        r = inter(r, c);
        if (empty(r)) break;
      }
      if (!cut && !empty(r) && (r.r > vw + TOL || r.l < -TOL)) cut = 'past the edge of the window';
      if (cut) problems.push(`cut off: ${name(t.el, t.text)} ${cut}`);
      else if (!empty(r)) visible.push(r);
    }
    t.rects = visible;
  }

  // Overlaps between different texts of one layer.
  const live = texts.filter((t) => t.rects.length);
  for (let i = 0; i < live.length; i++) {
    for (let j = i + 1; j < live.length; j++) {
      const a = live[i]!;
      const b = live[j]!;
      if (a.layer !== b.layer || a.el === b.el) continue;
      if (a.rects.some((ra) => b.rects.some((rb) => !empty(inter(ra, rb))))) {
        problems.push(`overlap: ${name(a.el, a.text)} and ${name(b.el, b.text)}`);
      }
    }
  }

  // Diagram text as drawn.
  for (const svg of document.querySelectorAll<SVGSVGElement>('svg.diagram')) {
    const vb = svg.viewBox.baseVal;
    if (!vb || !vb.width) continue;
    const scale = svg.getBoundingClientRect().width / vb.width;
    let smallest = Infinity;
    let which = '';
    for (const el of svg.querySelectorAll('text')) {
      if (!el.textContent?.trim() || !shown(el)) continue;
      const px = parseFloat(getComputedStyle(el).fontSize) * scale;
      if (px < smallest) [smallest, which] = [px, el.textContent];
    }
    if (smallest < opts.minDiagramPx - 0.05) problems.push(`small: diagram text "${which.trim().slice(0, 30)}" drawn at ${smallest.toFixed(1)} px (scale ${scale.toFixed(2)})`);
  }
  return [...new Set(problems)];
}
