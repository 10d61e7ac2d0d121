import { useEffect, useRef } from 'react';
import { lineIndex, positionAt } from '../../core';
import { useStore } from '../store';
import { setText } from '../store/actions';
import { shownDiagnostics } from '../store/selectors';
import { registerEditorBridge } from './bridge';

/** Diagnostics listed under the text area: a phone has no room for more, and a long list helps nobody. */
const MAX_LISTED = 20;

/**
 * The scenario editor on a phone: a plain text area bound to the store, with the problems
 * listed under it (a tap selects the place; a "did you mean" is one more tap). Monaco has no real touch support, and a phone
 * that only wants to read a shared scenario need not download its 834 kB.
 */
export default function PhoneEditor() {
  const text = useStore((s) => s.editor.text);
  const diagnostics = useStore((s) => shownDiagnostics(s.editor));
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const ta = ref.current!;
    registerEditorBridge({
      revealPosition(line, column) {
        const at = Math.min(ta.value.length, (lineIndex(ta.value).starts[line - 1] ?? ta.value.length) + column - 1);
        select(ta, at, at);
      },
      focus: () => ta.focus(),
      getValue: () => ta.value,
      getPosition: () => positionAt(lineIndex(ta.value), ta.selectionStart),
    });
    return () => registerEditorBridge(null);
  }, []);

  return (
    <div className="phone-editor">
      <textarea
        ref={ref}
        value={text}
        onChange={(e) => setText(e.target.value)}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        wrap="off"
        aria-label="Scenario text"
        data-testid="phone-editor"
      />
      {diagnostics.length > 0 && (
        <ul className="phone-diags" data-testid="phone-diags">
          {diagnostics.slice(0, MAX_LISTED).map((d, i) => (
            <li key={i}>
              <button className={d.severity} onClick={() => select(ref.current!, d.span.from, d.span.to)}>
                <span className="at">
                  {d.line}:{d.column}
                </span>{' '}
                {d.message}
              </button>
              {d.suggestion !== undefined && (
                // The editor's quick fix ("did you mean"): the span becomes the suggestion.
                <button className="fix" onClick={() => setText(text.slice(0, d.span.from) + d.suggestion + text.slice(d.span.to))} data-testid="phone-fix">
                  Replace with ‘{d.suggestion}’
                </button>
              )}
            </li>
          ))}
          {diagnostics.length > MAX_LISTED && <li className="muted">and {diagnostics.length - MAX_LISTED} more</li>}
        </ul>
      )}
    </div>
  );
}

/** Selects `from`–`to` (a diagnostic's span, or a caret) and scrolls its line into view. */
function select(ta: HTMLTextAreaElement, from: number, to: number): void {
  ta.focus();
  ta.setSelectionRange(from, to);
  const line = positionAt(lineIndex(ta.value), from).line;
  const lineHeight = parseFloat(getComputedStyle(ta).lineHeight) || 18;
  ta.scrollTop = Math.max(0, (line - 3) * lineHeight);
}
