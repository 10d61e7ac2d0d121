import { useStore } from '../store';
import { saveScenarioFile } from './files';

/** Discreet while all is well; plain words when the work is not being kept. */
export function SaveStatus() {
  const status = useStore((s) => s.work.save.status);
  switch (status) {
    case 'saved':
      return (
        <span className="save-status ok" data-testid="save-status" data-status={status} title="Autosaved in this browser: it will be here after a reload">
          saved
        </span>
      );
    case 'saving':
      return (
        <span className="save-status" data-testid="save-status" data-status={status}>
          saving…
        </span>
      );
    case 'full':
    case 'disabled':
    case 'failed':
      return (
        <button
          className="save-status bad"
          data-testid="save-status"
          data-status={status}
          onClick={saveScenarioFile}
          title="Click to download the scenario as a file"
        >
          {status === 'full'
            ? 'not saved: browser storage is full'
            : status === 'disabled'
              ? 'not saved: browser storage is disabled'
              : 'not saved: storage did not keep it'}{' '}
          — save to a file
        </button>
      );
    default:
      return null;
  }
}
