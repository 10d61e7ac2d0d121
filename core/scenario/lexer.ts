/**
 * The scenario language is line-oriented like haproxy.cfg: a line is a list of words separated by
 * blanks, `#` at the start of a word begins a comment, and quotes/backslashes (haproxy.cfg rules)
 * let a word hold blanks. Words keep their raw text (quotes included) so printing them back gives
 * the same words. Also here: the lexical forms of durations and numbers. Pure, never throws.
 */
import type { Span, Word } from './ast';
import type { RawDiagnostic } from './positions';

export interface Line {
  /** Words of the line, comments removed; never empty (blank lines are not returned). */
  readonly words: readonly Word[];
  /** From the first word's start to the last word's end. */
  readonly span: Span;
  /** Offset just past the line's content (before its line break). */
  readonly end: number;
}

function isBlank(c: number): boolean {
  // space, tab, vertical tab, form feed, and the no-break space that pasted text often carries
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff;
}

/** Splits the text into lines of words. Unterminated quotes are reported and end at the line's end. */
export function lexLines(text: string, report: (d: RawDiagnostic) => void): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  const n = text.length;
  while (pos <= n) {
    let end = pos;
    while (end < n && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const words = lexWords(text, pos, end, report);
    if (words.length > 0) lines.push({ words, span: { from: words[0]!.span.from, to: words[words.length - 1]!.span.to }, end });
    if (end >= n) break;
    pos = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  return lines;
}

function lexWords(text: string, start: number, end: number, report: (d: RawDiagnostic) => void): Word[] {
  const words: Word[] = [];
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (isBlank(c)) {
      i++;
      continue;
    }
    if (c === 35 /* # */) break;
    const from = i;
    while (i < end && !isBlank(text.charCodeAt(i))) {
      const ch = text.charCodeAt(i);
      if (ch === 92 /* \ */) {
        i += i + 1 < end ? 2 : 1;
      } else if (ch === 34 /* " */ || ch === 39 /* ' */) {
        const open = i;
        i++;
        while (i < end && text.charCodeAt(i) !== ch) {
          // backslash escapes work inside double quotes only (haproxy.cfg)
          if (ch === 34 && text.charCodeAt(i) === 92 && i + 1 < end) i++;
          i++;
        }
        if (i >= end) {
          report({
            severity: 'error',
            code: 'unterminated-quote',
            message: `unterminated quote ${String.fromCharCode(ch)}; expected a closing ${String.fromCharCode(ch)} before the end of the line`,
            expected: `a closing ${String.fromCharCode(ch)}`,
            span: { from: open, to: end },
          });
        } else i++;
      } else i++;
    }
    words.push({ text: text.slice(from, i), span: { from, to: i } });
  }
  return words;
}

// ---- values ---------------------------------------------------------------------------------

/** HAProxy's largest timeout: 2^31-1 ms (about 24.8 days). */
export const MAX_DURATION_US = 2_147_483_647_000;

const UNIT_US: Readonly<Record<string, number>> = { us: 1, ms: 1_000, s: 1_000_000, m: 60_000_000, h: 3_600_000_000, d: 86_400_000_000 };

/**
 * `10s`, `250ms`, `2m`, `1h`, `1d`, `500us`, a bare number (milliseconds, as in haproxy.cfg), and
 * as a convenience up to 3 decimals (`1.5s`) when the result is a whole number of microseconds.
 * Returns microseconds, or null when the text is not a duration or exceeds MAX_DURATION_US.
 */
export function parseDuration(text: string): number | null {
  const m = /^(\d{1,16})(?:\.(\d{1,3}))?(us|ms|s|m|h|d)?$/.exec(text);
  if (!m) return null;
  const unit = UNIT_US[m[3] ?? 'ms']!;
  const whole = Number(m[1]);
  let us = whole * unit;
  if (m[2] !== undefined) {
    const scale = 10 ** m[2].length;
    const frac = Number(m[2]) * unit;
    if (frac % scale !== 0) return null;
    us += frac / scale;
  }
  if (!Number.isSafeInteger(us) || us > MAX_DURATION_US) return null;
  return us;
}

/** Canonical text of a duration: the largest unit that divides it (250000 → `250ms`, 0 → `0ms`). */
export function formatDuration(us: number): string {
  if (us === 0) return '0ms';
  for (const unit of ['h', 'm', 's', 'ms'] as const) {
    const u = UNIT_US[unit]!;
    if (us % u === 0) return `${us / u}${unit}`;
  }
  return `${us}us`;
}

/** A plain non-negative integer (digits only), or null. */
export function parseCount(text: string): number | null {
  if (!/^\d{1,15}$/.test(text)) return null;
  return Number(text);
}
