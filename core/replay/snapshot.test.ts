import { describe, expect, it } from 'vitest';
import { runScenario } from '../run';
import { applyEvent, type World } from '../model/world';
import { findExample } from '../examples/index';
import { FIELDS, newIndexes, newVersions, restore, slotWorld, snapshot } from './snapshot';

const json = (w: World) => JSON.stringify(w, (_k, v) => (v instanceof Map ? [...v] : v));

/** A value of the same type as `v`, different from it. */
function other(v: unknown): unknown {
  if (typeof v === 'number') return v + 7;
  if (typeof v === 'boolean') return !v;
  if (typeof v === 'string') return `${v}~`;
  if (Array.isArray(v)) return [...v, 'x~'];
  return 'set~'; // null or undefined (an optional field)
}

describe('snapshot and restore', () => {
  // Retaining worlds of the seed and of the modern engine (h2: several streams a session).
  for (const [id, retain] of [['sc07', true], ['sc12', true], ['sc02', false]] as const) {
    it(`${id} (retain ${retain}): a change to any field of any kind of entity is carried to a restored world`, () => {
      const run = runScenario(findExample(id)!.text);
      const ix = newIndexes();
      const w = slotWorld(run.servers, retain, ix, true);
      const mid = Math.floor(run.trace.length * 0.6);
      for (let i = 0; i <= mid; i++) applyEvent(w, run.trace[i]!);
      const versions = newVersions();
      snapshot(w, versions);
      const scratch = slotWorld(run.servers, retain, ix);
      for (const [kind, name] of [['conn', 'conns'], ['session', 'sessions'], ['stream', 'streams'], ['request', 'requests']] as const) {
        const first = (w[name] as Map<string, object>).values().next().value as Record<string, unknown> | undefined;
        if (!first) continue;
        for (const field of FIELDS[kind] as string[]) {
          if (field === 'id') continue; // the key: never changes
          // A listed connection's place is its list's (restored with the list), never changed alone.
          if (field === 'slot' && first.list !== null) continue;
          const before = first[field];
          (w[name] as Map<string, object>).get(first.id as string); // applyEvent reaches entities through get
          first[field] = other(before);
          restore(scratch, snapshot(w, versions));
          expect(json(scratch), `${name}.${field}`).toBe(json(w));
          // And back: the restore of an older state finds its versions again.
          (w[name] as Map<string, object>).get(first.id as string);
          if (before === undefined) delete first[field];
          else first[field] = before;
          restore(scratch, snapshot(w, versions));
          expect(json(scratch), `${name}.${field} restored`).toBe(json(w));
        }
      }
    });
  }

  it('shares the entities that did not change with the snapshot before', () => {
    const run = runScenario(findExample('load-close-every-100')!.text);
    const ix = newIndexes();
    const w = slotWorld(run.servers, true, ix, true);
    const versions = newVersions();
    const half = Math.floor(run.trace.length / 2);
    for (let i = 0; i < half; i++) applyEvent(w, run.trace[i]!);
    const a = snapshot(w, versions);
    for (let i = half; i < half + 20; i++) applyEvent(w, run.trace[i]!);
    const b = snapshot(w, versions);
    const entities = b.conns.vs.length + b.sessions.vs.length + b.streams.vs.length + b.requests.vs.length;
    expect(entities).toBeGreaterThan(100);
    // Twenty events change a few entities, not the world.
    expect(b.made).toBeLessThanOrEqual(3 * 20);
    expect(b.sessions.vs.filter((v, k) => v === a.sessions.vs[k]).length).toBeGreaterThan(0);
  });
});
