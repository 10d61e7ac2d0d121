import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../core';
import { SEVERITY, diagnosticForMarker, toMarkers } from './markers';

const diag = (p: Partial<Diagnostic>): Diagnostic => ({
  severity: 'error',
  code: 'unknown-keyword',
  message: "unknown keyword 'http-resue'",
  span: { from: 0, to: 10 },
  line: 3,
  column: 5,
  endLine: 3,
  endColumn: 15,
  ...p,
});

describe('toMarkers', () => {
  it('copies 1-based positions with an exclusive end', () => {
    const [m] = toMarkers([diag({})]);
    expect(m).toMatchObject({ startLineNumber: 3, startColumn: 5, endLineNumber: 3, endColumn: 15, severity: SEVERITY.error });
  });
  it('widens an empty span to one character', () => {
    const [m] = toMarkers([diag({ column: 7, endColumn: 7 })]);
    expect(m.endColumn).toBe(8);
  });
  it('maps warnings and appends what was expected and the suggestion', () => {
    const [m] = toMarkers([diag({ severity: 'warning', expected: 'a duration such as 20ms', suggestion: 'http-reuse' })]);
    expect(m.severity).toBe(SEVERITY.warning);
    expect(m.message).toContain('Expected: a duration such as 20ms.');
    expect(m.message).toContain("Did you mean 'http-reuse'?");
  });
  it('marks a line the simulation only skips as information, not as a warning', () => {
    const [skipped, refused] = toMarkers([
      diag({ severity: 'warning', code: 'ignored-keyword', message: "'log' is ignored by the simulation" }),
      diag({ severity: 'warning', code: 'refused-by-haproxy', message: "HAProxy 2.6 refuses 'block'" }),
    ]);
    expect(skipped!.severity).toBe(SEVERITY.info);
    expect(refused!.severity).toBe(SEVERITY.warning);
  });
  it('does not repeat a suggestion already in the message', () => {
    const [m] = toMarkers([diag({ message: "unknown keyword 'x'; did you mean 'http-reuse'?", suggestion: 'http-reuse' })]);
    expect(m.message).not.toContain('\n');
  });
});

describe('diagnosticForMarker', () => {
  it('finds the diagnostic by start and code', () => {
    const d = [diag({}), diag({ line: 4, code: 'expected-duration' })];
    expect(diagnosticForMarker(d, { startLineNumber: 4, startColumn: 5, code: 'expected-duration' })).toBe(d[1]);
    expect(diagnosticForMarker(d, { startLineNumber: 3, startColumn: 5, code: { value: 'unknown-keyword' } })).toBe(d[0]);
    expect(diagnosticForMarker(d, { startLineNumber: 9, startColumn: 1 })).toBeUndefined();
  });
});
