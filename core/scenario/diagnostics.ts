import type { Span } from './ast';

export type Severity = 'error' | 'warning';

/**
 * A problem found in a scenario. Offsets are the source of truth; line/column
 * (1-based, end exclusive) are filled in for the CLI and the editor.
 */
export interface Diagnostic {
  readonly severity: Severity;
  /** Stable machine-readable code, e.g. `unknown-keyword`, `expected-duration`. */
  readonly code: string;
  readonly message: string;
  /** What was expected at this place, in words ("a duration such as 20ms"). */
  readonly expected?: string;
  /** "Did you mean" replacement text for the span, when there is a likely fix. */
  readonly suggestion?: string;
  readonly span: Span;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}
