import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../core';
import { shownDiagnostics } from './selectors';

const d = { severity: 'error', code: 'x', message: 'missing backend' } as unknown as Diagnostic;

describe('shownDiagnostics', () => {
  it('marks nothing in an empty editor, and gives the same empty list each time (a store selector re-renders on a new one)', () => {
    expect(shownDiagnostics({ text: ' \n\t', diagnostics: [d] })).toEqual([]);
    expect(shownDiagnostics({ text: '', diagnostics: [d] })).toBe(shownDiagnostics({ text: '\n', diagnostics: [d] }));
  });
  it('marks the diagnostics of a text', () => {
    const list = [d];
    expect(shownDiagnostics({ text: 'script', diagnostics: list })).toBe(list);
  });
});
