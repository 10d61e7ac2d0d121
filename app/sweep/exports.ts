import type uPlot from 'uplot';
import { chartColours } from '../charts/colours';
import type { ChartSeries } from '../charts/Chart';
import { baseName, currentFileName, download } from '../files/files';
import { notify } from '../store/notices';
import { getState } from '../store';
import { sweepCsvOf } from '../model/sweep/results';

/** The sweep's results as a CSV file: the columns of `npm run sim -- FILE --csv`. */
export function exportSweepCsv(): void {
  const { axes, rows } = getState().sweep;
  download(`${baseName(currentFileName())}-sweep.csv`, new Blob([sweepCsvOf(axes, rows)], { type: 'text/csv;charset=utf-8' }));
}

/** The chart as a PNG: its title, the plot (uPlot's canvas, axes included) and a legend of its lines. */
export function exportSweepPng(u: uPlot | null, title: string, series: readonly ChartSeries[]): void {
  if (!u) {
    notify({ kind: 'warn', text: 'There is no chart to export yet.' });
    return;
  }
  const c = chartColours();
  const src = u.ctx.canvas;
  const ratio = src.width / Math.max(1, u.width);
  const pad = 16 * ratio;
  const titleH = 28 * ratio;
  const legendH = series.length > 1 ? 24 * ratio : 0;
  const out = document.createElement('canvas');
  out.width = src.width + 2 * pad;
  out.height = src.height + 2 * pad + titleH + legendH;
  const ctx = out.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = c.panel;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = c.text;
  ctx.font = `600 ${14 * ratio}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  ctx.fillText(title, pad, pad);
  ctx.drawImage(src, pad, pad + titleH);
  if (legendH) {
    let x = pad;
    const y = pad + titleH + src.height + 8 * ratio;
    ctx.font = `${12 * ratio}px system-ui, sans-serif`;
    for (const s of series) {
      ctx.strokeStyle = c.resolve(s.colour);
      ctx.lineWidth = 2 * ratio;
      ctx.setLineDash((s.dash ?? []).map((d) => d * ratio));
      ctx.beginPath();
      ctx.moveTo(x, y + 7 * ratio);
      ctx.lineTo(x + 18 * ratio, y + 7 * ratio);
      ctx.stroke();
      ctx.fillStyle = c.text;
      ctx.fillText(s.label, x + 24 * ratio, y);
      x += 24 * ratio + ctx.measureText(s.label).width + 18 * ratio;
    }
  }
  out.toBlob((b) => {
    if (b) download(`${baseName(currentFileName())}-sweep.png`, b);
    else notify({ kind: 'error', text: 'The PNG could not be made in this browser.' });
  }, 'image/png');
}
