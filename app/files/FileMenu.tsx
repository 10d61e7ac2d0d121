import { useStore } from '../store';
import { Popover } from '../ui/Popover';
import { restorePrevious } from '../store/replace';
import { exportPng, exportSvg, exportTraceJson } from './exports';
import { newScenario, pickFile, resetToExample, saveScenarioFile } from './files';

const mod = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

/** File: new, open, save, reset, restore; exports of the trace and the diagram. */
export function FileMenu() {
  const previous = useStore((s) => s.work.previous);
  const hasRun = useStore((s) => s.sim.result !== null);
  return (
    <Popover label="File" testId="file-menu" title="New, open, save, export" panelClass="file-menu">
      {(close) => {
        const item = (testId: string, label: string, run: () => void, opts: { keys?: string; disabled?: boolean; hint?: string } = {}) => (
          <button
            role="menuitem"
            data-testid={testId}
            disabled={opts.disabled}
            onClick={() => {
              close();
              run();
            }}
          >
            <span className="title">{label}</span>
            {opts.keys && <span className="keys-hint">{opts.keys}</span>}
            {opts.hint && <span className="summary">{opts.hint}</span>}
          </button>
        );
        return (
          <div role="menu" aria-label="File">
            {item('file-new', 'New scenario', newScenario, { hint: 'An empty editor; the current text can be restored.' })}
            {item('file-open', 'Open…', pickFile, { keys: `${mod}O`, hint: 'A .scenario file (or drop one on the page).' })}
            {item('file-save', 'Save scenario file', saveScenarioFile, { hint: 'Download the text as a .scenario file.' })}
            {item('file-reset', 'Reset to example', resetToExample, { hint: 'SC02, the motivating case.' })}
            {previous !== null && item('file-restore', 'Restore previous scenario', restorePrevious, { hint: 'The text the last link, file or example replaced.' })}
            <div className="menu-sep" role="separator" />
            <div className="menu-label">Export</div>
            {item('export-json', 'Trace (JSON)', exportTraceJson, { hint: 'The same document as the CLI’s --json.', disabled: !hasRun })}
            {item('export-svg', 'Diagram (SVG)', exportSvg, { disabled: !hasRun })}
            {item('export-png', 'Diagram (PNG)', () => void exportPng(), { disabled: !hasRun })}
          </div>
        );
      }}
    </Popover>
  );
}
