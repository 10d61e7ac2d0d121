import { useEffect, useRef } from 'react';
import { lineIndex, positionAt } from '../../core';
import { useStore } from '../store';
import { setText } from '../store/actions';
import { shownDiagnostics } from '../store/selectors';
import { registerEditorBridge } from '../store/editorBridge';
import { ProblemsList } from './ProblemsList';

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
      select: (from, to) => select(ta, from, to),
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
      {diagnostics.length > 0 && <ProblemsList diagnostics={diagnostics} text={text} testId="phone-diags" fixTestId="phone-fix" className="phone-diags" />}
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
