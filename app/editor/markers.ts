import type { Diagnostic } from '../../core';
import { isIgnoredNote } from './notes';

/** Monaco's `MarkerSeverity` values (kept here so this module needs no Monaco import). */
export const SEVERITY = { error: 8, warning: 4, info: 2 } as const;

export interface MarkerData {
  severity: number;
  message: string;
  code: string;
  source: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/**
 * Core diagnostics → Monaco markers. Both use 1-based columns with an exclusive end,
 * so positions copy over; an empty span is widened to one character so it stays visible.
 */
export function toMarkers(diags: readonly Diagnostic[]): MarkerData[] {
  return diags.map((d) => {
    const sameLine = d.endLine === d.line;
    const empty = sameLine && d.endColumn <= d.column;
    let message = d.message;
    if (d.expected && !message.includes(d.expected)) message += `\nExpected: ${d.expected}.`;
    if (d.suggestion && !message.includes(d.suggestion)) message += `\nDid you mean '${d.suggestion}'?`;
    return {
      severity: isIgnoredNote(d) ? SEVERITY.info : SEVERITY[d.severity],
      message,
      code: d.code,
      source: 'scenario',
      startLineNumber: d.line,
      startColumn: d.column,
      endLineNumber: d.endLine,
      endColumn: empty ? d.column + 1 : d.endColumn,
    };
  });
}

/** The diagnostic behind a marker (same start and code), to offer its "did you mean" fix. */
export function diagnosticForMarker(
  diags: readonly Diagnostic[],
  m: { startLineNumber: number; startColumn: number; code?: string | { value: string } },
): Diagnostic | undefined {
  const code = typeof m.code === 'object' ? m.code.value : m.code;
  return diags.find((d) => d.line === m.startLineNumber && d.column === m.startColumn && (!code || d.code === code));
}
