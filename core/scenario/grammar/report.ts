/**
 * How the front end reports a problem on a line: the collector every keyword's parse function
 * writes to, and the shared wording of its messages (arity, extra words, "did you mean"). Pure.
 */
import type { Span, Word } from '../ast';
import type { OptionValue } from '../modern';
import type { RawDiagnostic } from '../positions';

/** The code of a warning that the engine's HAProxy refuses a line (the simulation ignores it). */
export const REFUSED_CODE = 'refused-by-haproxy';

export class Report {
  readonly list: RawDiagnostic[] = [];
  add(d: RawDiagnostic): void {
    this.list.push(d);
  }
  error(code: string, span: Span, message: string, expected?: string, suggestion?: string): void {
    this.push('error', code, span, message, expected, suggestion);
  }
  warn(code: string, span: Span, message: string, expected?: string): void {
    this.push('warning', code, span, message, expected);
  }
  /** Reports the problem of a checked value (modern.ts), if any; true when the value is usable. */
  value(v: OptionValue, span: Span): boolean {
    const p = v.ok ? v.warning : v.problem;
    if (p) this.push(p.severity, p.code, span, p.message, p.expected, p.suggestion);
    return v.ok;
  }
  private push(severity: 'error' | 'warning', code: string, span: Span, message: string, expected?: string, suggestion?: string): void {
    this.list.push({
      severity, code, span,
      message: withHint(message, expected, suggestion),
      ...(expected !== undefined ? { expected } : {}),
      ...(suggestion !== undefined ? { suggestion } : {}),
    });
  }
}

/** A report that drops everything: a line already in error is still read, without a second message. */
export class Silent extends Report {
  override add(): void {}
  override error(): void {}
  override warn(): void {}
  override value(v: OptionValue): boolean {
    return v.ok;
  }
}

/**
 * Every message says what was expected: with a likely fix it ends in "did you mean …?",
 * otherwise in "expected …" when the message does not say it already.
 */
export function withHint(message: string, expected?: string, suggestion?: string): string {
  if (suggestion !== undefined) return `${message}; did you mean '${suggestion}'?`;
  if (expected && !message.includes('expected')) return `${message}; expected ${expected}`;
  return message;
}

export function cover(a: Word, b: Word): Span {
  return { from: a.span.from, to: b.span.to };
}
export function spanOfWords(ws: readonly Word[]): Span {
  return cover(ws[0]!, ws[ws.length - 1]!);
}
/** `a, b or c`. */
export function list(xs: readonly string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`;
}

/** The line has exactly `n` words; reports a missing (`what`) or extra word otherwise. */
export function arity(r: Report, ws: readonly Word[], n: number, what: string): boolean {
  if (ws.length < n) {
    const last = ws[ws.length - 1]!;
    const lead = ws.map((w) => w.text).join(' ');
    r.error('missing-argument', last.span, `missing ${what} after '${lead}'; expected ${what}`, what);
    return false;
  }
  if (ws.length > n) {
    extra(r, ws.slice(n), ws.slice(0, n));
    return false;
  }
  return true;
}
export function extra(r: Report, rest: readonly Word[], before: readonly Word[]): void {
  const lead = before.map((w) => w.text).join(' ');
  r.error('unexpected-argument', spanOfWords(rest), `unexpected '${rest[0]!.text}' after '${lead}'; expected the end of the statement`, 'the end of the statement');
}
