import { storage } from '../store/persistence';

/** Lesson progress, kept in this browser only (localStorage `lessons`). */
export const LESSONS_KEY = 'reuse-playground:lessons';

export interface StepRecord {
  readonly guess: number;
  readonly answer: number;
}

export interface LessonProgress {
  /** The furthest step reached (0-based). */
  readonly step: number;
  readonly done: boolean;
  /** Predictions by step index. */
  readonly answers: Readonly<Record<string, StepRecord>>;
}

export type Progress = Readonly<Record<string, LessonProgress>>;

/** Reads what is stored, keeping only well-formed entries. */
export function loadProgress(): Progress {
  let raw: unknown;
  try {
    raw = JSON.parse(storage()?.getItem(LESSONS_KEY) ?? '{}');
  } catch {
    return {};
  }
  const out: Record<string, LessonProgress> = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [id, p] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof p !== 'object' || p === null) continue;
    const q = p as Record<string, unknown>;
    const answers: Record<string, StepRecord> = {};
    if (typeof q.answers === 'object' && q.answers !== null) {
      for (const [k, a] of Object.entries(q.answers as Record<string, unknown>)) {
        const r = a as Record<string, unknown> | null;
        if (r && typeof r.guess === 'number' && typeof r.answer === 'number') answers[k] = { guess: r.guess, answer: r.answer };
      }
    }
    out[id] = { step: typeof q.step === 'number' && q.step >= 0 ? Math.floor(q.step) : 0, done: q.done === true, answers };
  }
  return out;
}

function save(p: Progress): void {
  try {
    storage()?.setItem(LESSONS_KEY, JSON.stringify(p));
  } catch {
    /* progress is a convenience; the autosave status reports storage problems */
  }
}

export function recordStep(id: string, step: number, done = false): Progress {
  const all = loadProgress();
  const cur = all[id] ?? { step: 0, done: false, answers: {} };
  const next = { ...all, [id]: { ...cur, step: Math.max(cur.step, step), done: cur.done || done } };
  save(next);
  return next;
}

export function recordAnswer(id: string, step: number, rec: StepRecord): Progress {
  const all = loadProgress();
  const cur = all[id] ?? { step: 0, done: false, answers: {} };
  const next = { ...all, [id]: { ...cur, answers: { ...cur.answers, [String(step)]: rec } } };
  save(next);
  return next;
}
