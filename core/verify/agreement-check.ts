import { runScenario } from '../run';
import { agreementText, type Agreement } from './agreement';
import { compareRuns } from './compare';
import { engineView } from './engine-view';
import type { RealTrace } from './real-trace';

/** The modern engine's verdict against one recording of an example (or lesson variant), as the page shows it. */
export function agreementOf(key: string, real: RealTrace): Agreement {
  const text = agreementText(key);
  if (text === null) throw new Error(`${key}: no such example`);
  const v = compareRuns(engineView(runScenario(text, { engine: 'modern' })), real);
  return {
    binary: real.binary.replace(/^HAProxy version /, 'HAProxy '),
    recorded: real.recordedAt.slice(0, 10),
    outcome: v.outcome,
    first: v.outcome === 'match' ? null : (v.differences[0] ?? null),
  };
}
