import type { Diagnostic } from '../../core';
import { editorBridge } from '../store/editorBridge';
import { setText } from '../store/actions';
import { byWeight, isIgnoredNote } from './notes';

/** Problems listed at most: a long list helps nobody. */
const MAX_LISTED = 20;

/**
 * The scenario's problems as a list (issue 19: the phone's list, now on the desktop too): each
 * names its place; a click selects that place in whichever editor is mounted (editorBridge), and
 * a "did you mean" replaces the span in one more click.
 */
export function ProblemsList(p: { diagnostics: readonly Diagnostic[]; text: string; testId: string; fixTestId: string; className?: string; id?: string }) {
  const { text } = p;
  const diagnostics = byWeight(p.diagnostics);
  return (
    <ul className={`problems ${p.className ?? ''}`} data-testid={p.testId} id={p.id} aria-label="Problems">
      {diagnostics.slice(0, MAX_LISTED).map((d, i) => (
        <li key={i}>
          <button className={isIgnoredNote(d) ? 'ignored' : d.severity} onClick={() => selectProblem(d)} data-testid="problem">
            <span className="at">
              {d.line}:{d.column}
            </span>{' '}
            <span className="sev">{isIgnoredNote(d) ? 'ignored' : d.severity}</span> {d.message}
          </button>
          {d.suggestion !== undefined && (
            // The editor's quick fix ("did you mean"): the span becomes the suggestion.
            <button className="fix" onClick={() => setText(text.slice(0, d.span.from) + d.suggestion + text.slice(d.span.to))} data-testid={p.fixTestId}>
              Replace with ‘{d.suggestion}’
            </button>
          )}
        </li>
      ))}
      {diagnostics.length > MAX_LISTED && <li className="muted">and {diagnostics.length - MAX_LISTED} more</li>}
    </ul>
  );
}

/** Select a problem's place in the editor (and focus it). */
export function selectProblem(d: Diagnostic): void {
  editorBridge()?.select(d.span.from, d.span.to);
}
