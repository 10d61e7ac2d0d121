import { algorithmOf, backendServers, checkScenario, type EngineName } from '../../core';
import { estimateRun } from '../model/estimate';
import type { CheckedMessage } from './protocol';

/**
 * What the worker says once the text is checked, before the run: the engine and the commit or
 * release it follows, the same as the run will report (`engine modern 2.8` is v2.8.0 from the
 * start, not the 2.6 engine's v2.6.0), so the page never shows another release while it runs.
 */
export function checkedMessage(id: number, text: string, override: EngineName | undefined): CheckedMessage {
  const checked = checkScenario(text, override ? { engine: override } : {});
  const ok = !checked.diagnostics.some((d) => d.severity === 'error');
  const engine = override ?? checked.config?.engine ?? 'seed';
  return {
    type: 'checked',
    id,
    diagnostics: checked.diagnostics,
    ok,
    engine,
    commit: algorithmOf(engine, checked.config?.modernVersion).commit,
    servers: checked.config ? checked.config.backends.flatMap((b) => b.servers.map((s) => s.name)) : [],
    backends: checked.config ? backendServers(checked.config) : [],
    estimate: estimateRun(checked.ast.script),
  };
}
