import { describe, expect, it } from 'vitest';
import { runScenario } from './run';
import { EXAMPLES } from './examples/index';
import { applyEvent, emptyWorld } from './model/world';
import { worldShape } from './test/invariants';

const scenario = (clients: number, rounds: number, extra = '') =>
  `backend be\n    server s1 192.0.2.10:80\nscript\n    open web[1..${clients}] h1\n    repeat ${rounds} {\n        web[*] GET /${extra}\n    }\n`;

describe('runaway guards', () => {
  it('stop at the event limit, keep what was simulated and end with a note saying so', () => {
    const r = runScenario(scenario(10, 100), { maxEvents: 500 });
    expect(r.limitReached).toBe('events');
    expect(r.trace).toHaveLength(501);
    expect(r.trace.at(-1)).toMatchObject({ kind: 'note', message: expect.stringContaining('500 events') });
    expect(r.totals.requests).toBeGreaterThan(0);
  });

  it('stop when virtual time passes the limit', () => {
    const r = runScenario(scenario(2, 100, ' takes 1s'), { maxTimeUs: 10_000_000 });
    expect(r.limitReached).toBe('time');
    expect(r.trace.at(-1)!.message).toContain('virtual time passed 10,000 ms');
    expect(Math.max(...r.trace.map((e) => e.t))).toBeLessThanOrEqual(10_000_000);
  });

  it('stop at the client limit when the script opens one client too many', () => {
    const r = runScenario(scenario(5, 1), { maxClients: 3 });
    expect(r.limitReached).toBe('clients');
    expect(r.trace.filter((e) => e.kind === 'client.open').map((e) => e.client)).toEqual(['web1', 'web2', 'web3']);
    expect(r.trace.at(-1)!.message).toContain('more than 3 clients');
    expect(runScenario(scenario(3, 1), { maxClients: 3 }).limitReached).toBeNull();
  });
});


describe('totals-only runs', () => {
  // Each teaching scenario cut after each of its statements, under each engine: a totals-only run,
  // which builds only the events it cannot do without and applies some of the others' changes
  // itself, reaches the world its full trace gives when replayed into a lean world, event for event.
  const cuts = EXAMPLES.flatMap((ex) => {
    const lines = ex.text.split('\n');
    const script = lines.findIndex((l) => l.trim() === 'script');
    return lines.flatMap((l, i) => (i > script && l.trim() !== '' && !l.trim().startsWith('#') ? [[`${ex.id} to line ${i + 1}`, lines.slice(0, i + 1).join('\n')] as const] : []));
  });
  it.each((['seed', 'parent', 'modern'] as const).flatMap((engine) => cuts.map(([name, text]) => [engine, name, text] as const)))(
    '%s, %s',
    (engine, _name, text) => {
      const full = runScenario(text, { engine });
      const lean = runScenario(text, { engine, totalsOnly: true });
      const replay = emptyWorld(full.servers, false, true);
      for (const e of full.trace) applyEvent(replay, e);
      expect(lean.events).toBe(full.trace.length);
      expect(worldShape(lean.world)).toEqual(worldShape(replay));
    },
  );
});
