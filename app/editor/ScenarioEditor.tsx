import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import type * as Monaco from 'monaco-editor/editor';
import { monaco } from './monacoSetup';
import { LANGUAGE_ID, setLanguageDiagnostics } from './scenarioLanguage';
import { toMarkers } from './markers';
import { followScrollTop } from './follow';
import { registerEditorBridge } from '../store/editorBridge';
import { setText } from '../store/actions';
import { getState, subscribe } from '../store';
import { currentEvent, shownDiagnostics } from '../store/selectors';
import { useResolvedTheme } from '../ui/theme';
import { starterFor, starterNotice } from '../files/starter';

/**
 * The scenario editor (lazy chunk, G12). Monaco owns its model; the store owns the text.
 * Typing → `setText` (debounced run). Store changes that did not come from typing
 * (example, engine switch, test hook) are applied as one undoable edit.
 */
export default function ScenarioEditor() {
  const theme = useResolvedTheme();
  const cleanup = useRef<(() => void) | null>(null);
  useEffect(() => () => cleanup.current?.(), []);

  const onMount: OnMount = (editor) => {
    cleanup.current?.(); // a remount (StrictMode) must not double the subscriptions
    const model = editor.getModel()!;
    let applying = false;

    registerEditorBridge({
      revealPosition(line, column) {
        editor.setPosition({ lineNumber: line, column });
        editor.revealPositionInCenterIfOutsideViewport({ lineNumber: line, column });
      },
      select(from, to) {
        const a = model.getPositionAt(from);
        const b = model.getPositionAt(to);
        editor.setSelection({ startLineNumber: a.lineNumber, startColumn: a.column, endLineNumber: b.lineNumber, endColumn: b.column });
        editor.revealRangeInCenterIfOutsideViewport({ startLineNumber: a.lineNumber, startColumn: a.column, endLineNumber: b.lineNumber, endColumn: b.column });
        editor.focus();
      },
      focus: () => editor.focus(),
      getValue: () => model.getValue(),
      getPosition() {
        const p = editor.getPosition();
        return p ? { line: p.lineNumber, column: p.column } : null;
      },
    });

    const sub = model.onDidChangeContent(() => {
      if (!applying) setText(model.getValue());
    });
    // A pasted haproxy.cfg with no script gets a starter script, appended as its own undoable edit.
    const paste = editor.onDidPaste(() => {
      const text = model.getValue();
      const starter = starterFor(text);
      if (starter.requests === 0) return;
      const end = model.getFullModelRange();
      editor.pushUndoStop();
      editor.executeEdits('starter-script', [{ range: end, text: starter.text }]);
      editor.pushUndoStop();
      starterNotice('Pasted', starter.requests, starter.missed, false);
    });

    const applyText = (text: string) => {
      if (model.getValue() === text) return;
      applying = true;
      editor.pushUndoStop();
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
      editor.pushUndoStop();
      applying = false;
    };

    const applyMarkers = () => {
      const diagnostics = shownDiagnostics(getState().editor);
      setLanguageDiagnostics(diagnostics);
      monaco.editor.setModelMarkers(model, 'scenario', toMarkers(diagnostics) as Monaco.editor.IMarkerData[]);
    };

    const lineDeco = editor.createDecorationsCollection();
    /** The line the decoration marks (0: none): while a run plays, most moves stay on the same statement. */
    let marked = 0;
    const applyLine = (reveal: boolean) => {
      const e = currentEvent(getState());
      const line = e?.line;
      // While a run is in progress or cancelled, the event is of the previous text: no line of this one is it.
      if (!line || line > model.getLineCount() || getState().run.phase !== 'idle') {
        lineDeco.clear();
        marked = 0;
        return;
      }
      // Setting the same decoration again made the editor render it again: every frame of a run playing.
      if (line !== marked || lineDeco.length === 0) {
        marked = line;
        lineDeco.set([
        {
          range: new monaco.Range(line, 1, line, 1),
          options: {
            isWholeLine: true,
            className: 'current-line-hl',
            linesDecorationsClassName: 'current-line-glyph',
            stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
          },
        },
        ]);
      }
      // Follow the playhead, but never scroll under the user's cursor while they type.
      if (reveal && !editor.hasTextFocus()) {
        const top = editor.getTopForLineNumber(line);
        const bottom = line < model.getLineCount() ? editor.getTopForLineNumber(line + 1) : editor.getScrollHeight();
        const scrollTop = editor.getScrollTop();
        const next = followScrollTop({ top, bottom, scrollTop, height: editor.getLayoutInfo().height, lineHeight: editor.getOption(monaco.editor.EditorOption.lineHeight) });
        if (next !== scrollTop) editor.setScrollTop(next);
      }
    };

    applyText(getState().editor.text);
    applyMarkers();
    applyLine(false); // opening shows the scenario from its title; the playhead is followed once it moves
    const unsub = subscribe((s, prev) => {
      if (s.editor.text !== prev.editor.text) {
        applyText(s.editor.text);
        marked = 0; // an edit moves the decoration with the text: set it again
      }
      if (s.editor.diagnostics !== prev.editor.diagnostics || s.editor.text !== prev.editor.text) applyMarkers();
      if (s.view.index !== prev.view.index || s.sim.result !== prev.sim.result || s.run.phase !== prev.run.phase) applyLine(s.view.index !== prev.view.index);
    });

    cleanup.current = () => {
      unsub();
      sub.dispose();
      paste.dispose();
      registerEditorBridge(null);
    };
  };

  return (
    <div className="editor-host" data-testid="editor">
      <Editor
        defaultLanguage={LANGUAGE_ID}
        defaultValue={getState().editor.text}
        theme={theme === 'dark' ? 'reuse-dark' : 'reuse-light'}
        onMount={onMount}
        loading={<div className="editor-loading">Loading the editor…</div>}
        options={{
          ariaLabel: 'Scenario editor',
          fontFamily: "ui-monospace, 'SFMono-Regular', 'JetBrains Mono', Menlo, Consolas, 'DejaVu Sans Mono', monospace",
          fontSize: 14,
          lineHeight: 21,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          renderLineHighlight: 'line',
          tabSize: 4,
          insertSpaces: true,
          wordWrap: 'on',
          wrappingIndent: 'indent',
          automaticLayout: true,
          glyphMargin: false,
          lineDecorationsWidth: 10,
          lineNumbersMinChars: 3,
          fixedOverflowWidgets: true,
          padding: { top: 8 },
          placeholder: '# Type a scenario, or pick one under Examples.\n# Ctrl+Space suggests what may come next.',
          quickSuggestions: { other: true, comments: false, strings: false },
          suggestOnTriggerCharacters: true,
          // Enter ends the line unless accepting a suggestion changes the text ('h1' typed, 'h1' offered).
          acceptSuggestionOnEnter: 'smart',
          hover: { delay: 300 },
        }}
      />
    </div>
  );
}
