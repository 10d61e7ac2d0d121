import { pause, play, seekEnd, setText } from '../store/actions';
import { getState, setSweep, setView, setWork } from '../store';
import { closePoint, openPoint } from '../sweep/actions';
import { notify } from '../store/notices';
import { replaceScenario } from '../store/replace';
import { setFileName } from '../files/files';
import { scenarioText } from './answers';
import { findLesson, LESSONS } from './lessons';
import { recordStep } from './progress';
import { lessonSpeed } from './pace';

/** Texts the lessons load: replacing one of them is not losing work. */
function isLessonText(text: string): boolean {
  return LESSONS.some((l) => l.steps.some((s) => scenarioText(s) === text));
}

/** Open lesson `id` at `step` (0-based; clamped). Loads the step's scenario. */
export function openLesson(id: string, step = 0): void {
  const lesson = findLesson(id);
  if (!lesson) {
    notify({ kind: 'error', text: `There is no lesson “${id.slice(0, 30)}”. Pick one under Lessons.` });
    return;
  }
  const k = Math.max(0, Math.min(lesson.steps.length - 1, step));
  setWork({ lesson: { id, step: k }, compare: null, dialog: null });
  setView({ editorCollapsed: false });
  loadStep(id, k);
}

function loadStep(id: string, k: number): void {
  const step = findLesson(id)!.steps[k];
  const text = scenarioText(step);
  recordStep(id, k, k === findLesson(id)!.steps.length - 1);
  syncHash(id, k);
  if (text === null) return;
  const cur = getState().editor.text;
  // A step may show one point of the example's sweeps (app/model/sweep/plan.ts pins them for the run).
  const point = step.scenario!.point ?? null;
  if (cur === text) {
    if (!samePoint(getState().sweep.open, point)) {
      if (point) openPoint(point);
      else closePoint();
    }
    return;
  }
  pause();
  setSweep({ open: point });
  if (isLessonText(cur)) {
    setView({ index: -1, focusConn: null });
    setText(text, { immediate: true });
  } else replaceScenario(text, 'Opened a lesson');
  setFileName(`${step.scenario!.example}.scenario`);
}

function samePoint(a: Readonly<Record<string, string>> | null, b: Readonly<Record<string, string>> | null): boolean {
  if (!a || !b) return a === b;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** Keep `#lesson/<id>/<step>` in the address bar (one replaced entry, on step changes only). */
function syncHash(id: string, k: number): void {
  if (typeof history === 'undefined') return;
  const want = `#lesson/${id}/${k + 1}`;
  if (location.hash !== want) history.replaceState(history.state, '', want);
}

export function lessonStep(delta: number): void {
  const l = getState().work.lesson;
  if (!l) return;
  openLesson(l.id, l.step + delta);
}

export function closeLesson(): void {
  setWork({ lesson: null });
  if (location.hash.startsWith('#lesson/')) history.replaceState(history.state, '', location.pathname + location.search);
}

/** Play the step's run from the start (the learner has made a prediction). */
export function playFromStart(): void {
  // A lesson's pace, not the player's (the speed menu shows it and can change it).
  setView({ index: -1, speed: lessonSpeed(getState().sim.result?.trace.length ?? 0) });
  play();
}

export function skipToEnd(): void {
  seekEnd();
}
