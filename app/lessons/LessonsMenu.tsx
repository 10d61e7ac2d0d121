import { Popover } from '../ui/Popover';
import { Icon } from '../ui/Icon';
import { rich } from '../ui/rich';
import { openLesson } from './actions';
import { LESSONS } from './lessons';
import { loadProgress } from './progress';

/** Lessons: each with its progress in this browser; opens where the learner left off. */
export function LessonsMenu() {
  return (
    <Popover label={<>Lessons <Icon name="chevron" size={14} /></>} testId="lessons-button" title="Guided lessons: predict, then watch" panelClass="lessons-menu">
      {(close) => {
        const progress = loadProgress();
        return (
          <div role="menu" aria-label="Lessons">
            {LESSONS.map((l) => {
              const p = progress[l.id];
              const status = p?.done ? 'done ✓' : p ? `step ${p.step + 1} of ${l.steps.length}` : `${l.steps.length} steps`;
              return (
                <button
                  key={l.id}
                  role="menuitem"
                  data-testid={`lesson-${l.id}`}
                  onClick={() => {
                    close();
                    openLesson(l.id, p && !p.done ? p.step : 0);
                  }}
                >
                  <div className="title">
                    {rich(l.title)} <span className={`lesson-status${p?.done ? ' done' : ''}`}>{status}</span>
                  </div>
                  <div className="summary">{l.summary}</div>
                </button>
              );
            })}
          </div>
        );
      }}
    </Popover>
  );
}
