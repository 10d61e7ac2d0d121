import { useStore } from '../store';
import { closeCompare, openCompare } from './actions';

/** Header toggle for compare mode (the other engine is chosen inside). */
export function CompareButton() {
  const on = useStore((s) => s.work.compare !== null);
  return (
    <button
      className={`btn${on ? ' pressed' : ''}`}
      aria-pressed={on}
      onClick={() => (on ? closeCompare() : openCompare())}
      data-testid="compare-button"
      title="Run the scenario under two engines side by side"
    >
      Compare
    </button>
  );
}
