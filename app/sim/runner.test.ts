import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../core';
import type { Diagnostic } from '../../core';
import { cancelRun, reportStatusTo, startRun, type RunOutcome, type RunStatus } from './runner';

// The runner sits below the store (docs/layers.md): what it learns goes to the callbacks it is given.

const SC02 = EXAMPLES.find((e) => e.id === 'sc02')!.text;

function run(text: string) {
  const status: Partial<RunStatus>[] = [];
  const checked: { diagnostics: readonly Diagnostic[]; ok: boolean }[] = [];
  let out: RunOutcome | null = null;
  reportStatusTo((p) => status.push(p));
  startRun(text, {
    checked: (diagnostics, ok) => checked.push({ diagnostics, ok }),
    result: (o) => (out = o),
    failed: (m) => {
      throw new Error(m);
    },
  });
  return { status, checked, out: out as RunOutcome | null };
}

describe('runner', () => {
  it('runs a small scenario on the page: the result to its handler, the idle phase to the status sink', () => {
    const { status, checked, out } = run(SC02);
    expect(out!.res.ok).toBe(true);
    expect(out!.analysis.conns.size).toBe(1);
    expect(out!.folded).toBe(false);
    expect(checked).toEqual([]);
    expect(status).toEqual([{ phase: 'idle' }]);
    // Nothing runs: Cancel has nothing to stop and reports nothing.
    const after: Partial<RunStatus>[] = [];
    reportStatusTo((p) => after.push(p));
    expect(cancelRun()).toBe(false);
    expect(after).toEqual([]);
  });

  it('a text with errors gets its diagnostics, no result and no status', () => {
    const { status, checked, out } = run(SC02.replace('http-reuse never', 'http-reuse nevr'));
    expect(out).toBeNull();
    expect(checked).toHaveLength(1);
    expect(checked[0].ok).toBe(false);
    expect(checked[0].diagnostics.some((d) => d.severity === 'error')).toBe(true);
    expect(status).toEqual([]);
  });
});
