import { findExample, runScenario, setReuseInText } from '../../core';
import { filterEvents, type RunResult } from '../../core';
import { setEngineInText } from '../model/engineText';
import type { LessonStep, Measure } from './lessons';

/** How a measure reads in an answer: "3 server connections". */
export const MEASURE_WORDS: Record<Measure, [string, string]> = {
  opened: ['server connection opened', 'server connections opened'],
  reused: ['reuse', 'reuses'],
  swapped: ['swap', 'swaps'],
  destroyed: ['connection destroyed', 'connections destroyed'],
  orphaned: ['orphaned connection', 'orphaned connections'],
  dispossessed: ['dispossession', 'dispossessions'],
  failed: ['failed request', 'failed requests'],
  server5xx: ['5xx answer from a server', '5xx answers from a server'],
};

export function measureWords(m: Measure, n: number): string {
  return `${n} ${MEASURE_WORDS[m][n === 1 ? 0 : 1]}`;
}

/** Set the `http-reuse` directive (the first one, not a comment mentioning it). */
export { setReuseInText };

/** The scenario text of a step: its example, at the step's engine and reuse mode. */
export function scenarioText(step: LessonStep): string | null {
  if (!step.scenario) return null;
  const ex = findExample(step.scenario.example);
  if (!ex) return null;
  let text = ex.text;
  if (step.scenario.engine) text = setEngineInText(text, step.scenario.engine);
  if (step.scenario.reuse) text = setReuseInText(text, step.scenario.reuse);
  return text;
}

type Measured = Pick<RunResult, 'totals' | 'trace'>;

/** Count `m` on a run, from its totals and trace. */
export function measureOf(r: Measured, m: Measure): number {
  switch (m) {
    case 'opened':
    case 'reused':
    case 'swapped':
    case 'destroyed':
      return r.totals[m];
    case 'orphaned':
      return new Set(filterEvents(r.trace, (e) => e.flag === 'orphaned' && !!e.conn).map((e) => e.conn)).size;
    case 'dispossessed':
      return filterEvents(r.trace, (e) => e.flag === 'dispossessed').length;
    case 'failed':
      // Requests that ended in an error (a 503 after the last retry, a timeout…).
      return filterEvents(r.trace, (e) => e.kind === 'request.error').length;
    case 'server5xx':
      // Answers 500-599 from a server (not from HAProxy itself).
      return filterEvents(r.trace, (e) => e.kind === 'response' && (e.status ?? 0) >= 500).length;
  }
}

/** The answer to a step's question, measured by running its scenario. Null without a question. */
export function expectedAnswer(step: LessonStep): number | null {
  const text = scenarioText(step);
  if (!step.question || text === null) return null;
  // A sweep's point is run as the diagram shows it (the sweeps at the point's values).
  const r = runScenario(text, step.scenario?.point ? { values: step.scenario.point } : {});
  return r.ok ? measureOf(r, step.question.measure) : null;
}

/** Parse the learner's guess: a whole number 0..999, else null. */
export function parseGuess(s: string): number | null {
  const t = s.trim();
  if (!/^[0-9]{1,3}$/.test(t)) return null;
  return Number(t);
}
