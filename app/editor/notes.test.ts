import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../core';
import { byWeight, isIgnoredNote } from './notes';

const d = (severity: 'error' | 'warning', code: string, line: number): Diagnostic => ({
  severity, code, message: code, span: { from: 0, to: 1 }, line, column: 1, endLine: line, endColumn: 2,
});

describe('ignored-line notes', () => {
  it('are the warnings whose code says the line is ignored', () => {
    expect(isIgnoredNote(d('warning', 'ignored-keyword', 1))).toBe(true);
    expect(isIgnoredNote(d('warning', 'ignored-server-option', 1))).toBe(true);
    expect(isIgnoredNote(d('warning', 'refused-by-haproxy', 1))).toBe(false);
    expect(isIgnoredNote(d('error', 'ignored-keyword', 1))).toBe(false);
  });
  it('come after errors and warnings, each kind in the order of the text', () => {
    const list = [d('warning', 'ignored-keyword', 1), d('warning', 'refused-by-haproxy', 2), d('error', 'unknown-keyword', 3), d('warning', 'ignored-section', 4), d('warning', 'unused-server', 5)];
    expect(byWeight(list).map((x) => x.line)).toEqual([3, 2, 5, 1, 4]);
  });
});
