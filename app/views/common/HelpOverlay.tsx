import { setHelp } from '../../store/actions';
import { useStore } from '../../store';

const KEYS: [string[], string][] = [
  [['Space'], 'Play / pause'],
  [['→'], 'Next event'],
  [['←'], 'Previous event'],
  [['Shift', '→'], 'Ten events forward (Shift ← back)'],
  [['Home'], 'Start of the run'],
  [['End'], 'End of the run'],
  [['↑', '↓'], 'Previous / next event, in the event log (Tab to it)'],
  [['/'], 'Filter the event log by ids and decisions as shown (c1, r2, A, R3n) and kinds (destroy, swap); Esc clears'],
  [['['], 'Slower'],
  [[']'], 'Faster'],
  [['?'], 'This help'],
  [['Esc'], 'Close help, clear the highlighted connection'],
];

export function HelpOverlay() {
  const open = useStore((s) => s.view.helpOpen);
  if (!open) return null;
  return (
    <div className="overlay" onClick={() => setHelp(false)} data-testid="help">
      <div className="dialog" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <div className="keys">
          {KEYS.map(([keys, what]) => (
            <div key={what} style={{ display: 'contents' }}>
              <span>
                {keys.map((k) => (
                  <kbd key={k} style={{ marginRight: 4 }}>
                    {k}
                  </kbd>
                ))}
              </span>
              <span>{what}</span>
            </div>
          ))}
        </div>
        <p className="muted" style={{ marginBottom: 0 }}>
          Shortcuts are off while you type in the editor: click the diagram or the timeline to use them.
          In the editor, <kbd>Ctrl</kbd>+<kbd>M</kbd> toggles whether <kbd>Tab</kbd> moves the focus, and{' '}
          <kbd>Ctrl</kbd>+<kbd>.</kbd> applies a “did you mean” fix. Presenting? Fold the editor with{' '}
          <strong>‹</strong> to give the diagram the whole width.
        </p>
        <div style={{ textAlign: 'right', marginTop: 12 }}>
          <button className="btn" onClick={() => setHelp(false)} autoFocus>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
