import type { ReactNode } from 'react';
import { useStore } from '../store';
import { saveHereAgain } from './tabs';
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
    case 'elsewhere':
      return (
        <StatusButton
          status={status}
          tone="warn"
          onClick={saveHereAgain}
          title="Another tab saved its scenario over this one: after a reload you would see that tab's text (this one is kept as the previous scenario). Click to save this tab's text again."
        >
          saved in another tab ↺
        </StatusButton>
      );
    case 'full':
    case 'disabled':
    case 'failed':
      return (
        <StatusButton
          status={status}
          tone="bad"
          onClick={saveScenarioFile}
          title={`${
            status === 'full' ? 'The browser’s storage for this site is full' : status === 'disabled' ? 'The browser does not let this page store anything (private mode or a setting)' : 'The browser did not keep what was written'
          }, so this scenario is not autosaved. Click to download it as a file.`}
        >
          {status === 'full' ? 'not saved: storage full' : status === 'disabled' ? 'not saved: storage disabled' : 'not saved'} ↓
        </StatusButton>
      );
    default:
      return null;
  }
}

/** A status that asks for something: a button that does it. */
function StatusButton(p: { status: string; tone: 'warn' | 'bad'; onClick: () => void; title: string; children: ReactNode }) {
  return (
    <button className={`save-status ${p.tone}`} data-testid="save-status" data-status={p.status} onClick={p.onClick} title={p.title}>
      {p.children}
    </button>
  );
}
