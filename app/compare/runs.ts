import { runScenario, TraceCursor } from '../../core';
import type { EngineName, RunResult } from '../../core';
import { MAX_EVENTS } from '../store/actions';
import { analyzeTrace } from '../views/analysis';
import { listsFor, planDiagram, type DiagramPlan } from '../views/Diagram/layout';

/** One side of a comparison: a run and what the diagram needs from it, derived once. */
export interface Side {
  readonly result: RunResult;
  readonly cursor: TraceCursor;
  readonly plan: DiagramPlan;
}

export function sideOf(result: RunResult): Side {
  const analysis = analyzeTrace(result.trace, result.servers);
  const plan = planDiagram(
    [...result.world.sessions.keys()],
    [...result.world.conns.keys()],
    result.servers,
    analysis.maxList,
    listsFor(result.engine, analysis.maxList),
  );
  return { result, cursor: new TraceCursor(result.trace, result.servers), plan };
}

let last: { text: string; engine: EngineName; side: Side | null } | null = null;

/** The scenario run under another engine (memoised on text and engine). Null when it has errors. */
export function runOther(text: string, engine: EngineName): Side | null {
  if (last && last.text === text && last.engine === engine) return last.side;
  const r = runScenario(text, { engine, maxEvents: MAX_EVENTS });
  const side = r.ok ? sideOf(r) : null;
  last = { text, engine, side };
  return side;
}
