import { saveScenarioFile } from '../files/files';
import './share.css';
import { useStore } from '../store';
import type { NoticeAction } from '../store/work';
import { dismissNotice } from '../store/notices';
import { restorePrevious } from '../store/replace';

const ACTION_LABEL: Record<NoticeAction, string> = {
  restore: 'Restore your previous scenario',
  'download-scenario': 'Download the scenario file',
};

function run(a: NoticeAction): void {
  if (a === 'restore') restorePrevious();
  else if (a === 'download-scenario') saveScenarioFile();
}

/** The one notice: top of the page, never blocking, dismissable. */
export function NoticeBar() {
  const n = useStore((s) => s.work.notice);
  if (!n) return null;
  return (
    <div className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'} data-testid="notice" data-kind={n.kind}>
      <span className="notice-text" data-testid="notice-text">
        {n.text}
        {n.detail && <span className="notice-detail"> {n.detail}</span>}
      </span>
      {n.actions?.map((a) => (
        <button
          key={a}
          className="btn small"
          data-testid={`notice-${a}`}
          onClick={() => {
            dismissNotice(n.id);
            run(a);
          }}
        >
          {ACTION_LABEL[a]}
        </button>
      ))}
      <button className="btn icon small" onClick={() => dismissNotice(n.id)} aria-label="Dismiss" title="Dismiss" data-testid="notice-dismiss">
        ×
      </button>
    </div>
  );
}
