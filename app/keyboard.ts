import {
  seekEnd,
  seekStart,
  setHelp,
  setSpeed,
  stepNext,
  stepPrev,
  togglePlay,
} from './store/actions';
import { getState, setView } from './store';
import { SPEEDS } from './model/format';
import { LOG_FILTER_ID } from './views/EventLog/EventLog';
import { isTypingTarget } from './ui/typing';

/**
 * Global shortcuts for the transport. Never while the user types: keys that land in
 * the editor, a text field or a menu are left alone (./ui/typing.ts).
 */

function bumpSpeed(dir: 1 | -1): void {
  const cur = getState().view.speed;
  const i = SPEEDS.indexOf(cur as (typeof SPEEDS)[number]);
  const next = SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, (i < 0 ? 2 : i) + dir))];
  setSpeed(next);
}

export function onKeyDown(e: KeyboardEvent): void {
  if (e.key === 'Escape' && getState().view.helpOpen) {
    setHelp(false);
    e.preventDefault();
    return;
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (isTypingTarget(e.target)) return;
  const n = getState().sim.result?.trace.length ?? 0;
  switch (e.key) {
    case ' ':
      togglePlay();
      break;
    case 'ArrowRight':
      if (e.shiftKey) {
        stepNext();
        setView({ index: Math.min(n - 1, getState().view.index + 9) });
      } else stepNext();
      break;
    case 'ArrowLeft':
      if (e.shiftKey) {
        stepPrev();
        setView({ index: Math.max(-1, getState().view.index - 9) });
      } else stepPrev();
      break;
    case 'Home':
      seekStart();
      break;
    case 'End':
      seekEnd();
      break;
    case '?':
      setHelp(!getState().view.helpOpen);
      break;
    case '/':
      document.getElementById(LOG_FILTER_ID)?.focus();
      break;
    case ']':
    case '+':
      bumpSpeed(1);
      break;
    case '[':
    case '-':
      bumpSpeed(-1);
      break;
    case 'Escape':
      setView({ focusConn: null });
      break;
    default:
      return;
  }
  e.preventDefault();
}

/** A focused button would also "click" on the Space keyup: Space belongs to play/pause. */
function onKeyUp(e: KeyboardEvent): void {
  if (e.key === ' ' && !isTypingTarget(e.target) && e.target instanceof HTMLButtonElement) e.preventDefault();
}

export function installKeyboard(): () => void {
  window.addEventListener('keydown', onKeyDown);
  window.addEventListener('keyup', onKeyUp);
  return () => {
    window.removeEventListener('keydown', onKeyDown);
    window.removeEventListener('keyup', onKeyUp);
  };
}
