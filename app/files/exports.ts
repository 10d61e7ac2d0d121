import { runScenario } from '../../core';
import type { SimReport } from '../../core';
import { getState } from '../store';
import { notify } from '../store/notices';
import { baseName, currentFileName, download } from './files';

/**
 * Exports: the trace as the CLI's `--json` document (byte for byte: same run, same
 * `JSON.stringify(report, null, 1)` and newline as scripts/sim.ts), and the diagram as a
 * standalone SVG (computed styles inlined, so it looks the same anywhere) or a PNG.
 */

/** The CLI's `--json` output for `text`, or null when the scenario has errors. */
export function traceJson(text: string): string | null {
  const r = runScenario(text);
  if (!r.ok) return null;
  const report: SimReport = r.report();
  return JSON.stringify(report, null, 1) + '\n';
}

export function exportTraceJson(): void {
  const json = traceJson(getState().editor.text);
  if (json === null) {
    notify({ kind: 'warn', text: 'The scenario has errors: fix them to export its trace.' });
    return;
  }
  download(`${baseName(currentFileName())}.trace.json`, new Blob([json], { type: 'application/json' }));
}

/** Properties that carry the look of the diagram; copied from the computed style. */
const PROPS = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'stroke-linecap',
  'stroke-linejoin', 'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'letter-spacing',
  'text-transform', 'text-anchor', 'dominant-baseline', 'visibility', 'display',
] as const;

/** A standalone copy of the diagram SVG: computed styles inlined, transient pulses dropped, a background. */
export function standaloneSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = [svg, ...svg.querySelectorAll('*')];
  const dst = [clone, ...clone.querySelectorAll('*')];
  src.forEach((el, i) => {
    const out = dst[i] as SVGElement;
    const cs = getComputedStyle(el);
    // Keep the inline transform (the final position), not a transition's midpoint.
    const transform = (el as SVGElement).style?.transform;
    // Through the CSSOM, not setAttribute('style'): a strict CSP (no 'unsafe-inline') allows it.
    out.style.cssText = '';
    for (const p of PROPS) {
      const v = cs.getPropertyValue(p);
      if (v) out.style.setProperty(p, v);
    }
    if (transform) out.style.setProperty('transform', transform);
    out.removeAttribute('class');
  });
  clone.querySelectorAll('.pulse, [data-transient]').forEach((n) => n.remove());
  for (const n of [...clone.querySelectorAll('*')]) if ((n as SVGElement).style.display === 'none') n.remove();
  const vb = svg.viewBox.baseVal;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(vb.width));
  clone.setAttribute('height', String(vb.height));
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('x', String(vb.x));
  bg.setAttribute('y', String(vb.y));
  bg.setAttribute('width', String(vb.width));
  bg.setAttribute('height', String(vb.height));
  bg.setAttribute('fill', getComputedStyle(document.documentElement).getPropertyValue('--panel').trim() || '#ffffff');
  clone.insertBefore(bg, clone.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
}

function diagramSvg(): SVGSVGElement | null {
  return document.querySelector<SVGSVGElement>('svg.diagram');
}

export function exportSvg(): void {
  const svg = diagramSvg();
  if (!svg) {
    notify({ kind: 'warn', text: 'There is no diagram to export yet.' });
    return;
  }
  download(`${baseName(currentFileName())}.svg`, new Blob([standaloneSvg(svg)], { type: 'image/svg+xml' }));
}

/** Rasterise the standalone SVG at `scale` (2 = crisp on high-density screens). */
export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const img = new Image();
  img.decoding = 'sync';
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), 'image/png'));
}

export async function exportPng(): Promise<void> {
  const svg = diagramSvg();
  if (!svg) {
    notify({ kind: 'warn', text: 'There is no diagram to export yet.' });
    return;
  }
  const vb = svg.viewBox.baseVal;
  try {
    const png = await svgToPng(standaloneSvg(svg), vb.width, vb.height);
    download(`${baseName(currentFileName())}.png`, png);
  } catch {
    notify({ kind: 'error', text: 'The PNG could not be made in this browser; export the SVG instead.' });
  }
}
