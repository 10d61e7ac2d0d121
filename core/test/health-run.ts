/**
 * The health-check tests' runs (core/engines/health-*.test.ts): a scenario under a shared
 * `defaults` head, and what they read of it — each server's check events, who answered what.
 */
import { runScenario } from '../run';
import type { TraceEvent } from '../trace/events';

const HEAD = ['defaults', '    mode http', '    timeout connect 1s', '    timeout server 5s', '    timeout client 5s'];

/** Runs `lines` after the head at `engine`; a scenario with errors throws them. */
export function runChecked(lines: readonly string[], engine = 'modern') {
  const text = [`engine ${engine}`, ...HEAD, ...lines, ''].join('\n');
  const r = runScenario(text);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r;
}

export const checksOf = (trace: readonly TraceEvent[], server: string) =>
  trace.filter((e): e is Extract<TraceEvent, { kind: 'server.check' }> => e.kind === 'server.check' && e.server === server);

/** `SERVER STATUS` of each request, in order. */
export const answersOf = (r: ReturnType<typeof runChecked>) => [...r.world.requests.values()].map((q) => `${q.server} ${q.status}`);
