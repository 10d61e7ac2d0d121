import type { Diagnostic } from '../../core';

/**
 * A warning that only says the simulation skips a line (a real haproxy.cfg has dozens: `log`,
 * `daemon`, health-check options). The page shows these quieter than the warnings that matter
 * (a line the engine's HAProxy refuses, a name that means nothing), which they used to bury.
 */
export function isIgnoredNote(d: Diagnostic): boolean {
  return d.severity === 'warning' && d.code.startsWith('ignored-');
}

/** Errors first, then warnings, then the ignored-line notes; the text's order within each. */
export function byWeight(diags: readonly Diagnostic[]): readonly Diagnostic[] {
  const weight = (d: Diagnostic) => (d.severity === 'error' ? 0 : isIgnoredNote(d) ? 2 : 1);
  return [...diags].sort((a, b) => weight(a) - weight(b));
}
