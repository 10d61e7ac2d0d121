/**
 * Offsets → 1-based line/column, the way editors count them: a line ends at `\r\n`, `\n` or a lone
 * `\r`; columns count UTF-16 code units (what Monaco and JS string indices use). Pure.
 */
import type { Span } from './ast';
import type { Diagnostic } from './diagnostics';

export interface LineIndex {
  /** Offset where each line starts; `starts[0]` is 0. */
  readonly starts: readonly number[];
  readonly length: number;
}

export function lineIndex(text: string): LineIndex {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      // `\r\n` is one break: its line starts after the `\n`.
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return { starts, length: text.length };
}

/** 1-based line and column of an offset (clamped into the text). */
export function positionAt(index: LineIndex, offset: number): { line: number; column: number } {
  const off = Math.max(0, Math.min(index.length, Math.floor(offset)));
  const s = index.starts;
  let lo = 0;
  let hi = s.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s[mid]! <= off) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: off - s[lo]! + 1 };
}

/** A diagnostic before positions are attached: what the parser and the compiler produce. */
export type RawDiagnostic = Omit<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>;

/** Clamps the span into the text (a span must always lie inside it) and fills line/column. */
export function locate(raw: RawDiagnostic, index: LineIndex): Diagnostic {
  const from = Math.max(0, Math.min(index.length, raw.span.from));
  const to = Math.max(from, Math.min(index.length, raw.span.to));
  const start = positionAt(index, from);
  const end = positionAt(index, to);
  return { ...raw, span: { from, to }, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** Position order (then errors before warnings), so users read them top to bottom. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  const rank = (d: Diagnostic) => (d.severity === 'error' ? 0 : 1);
  return [...ds].sort((a, b) => a.span.from - b.span.from || a.span.to - b.span.to || rank(a) - rank(b));
}

export function spanOf(from: number, to: number): Span {
  return { from, to };
}
