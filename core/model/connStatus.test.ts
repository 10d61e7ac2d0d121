import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../examples/index';
import { runScenario } from '../run';
import { ENGINE_NAMES } from './names';
import { applyEvent, connStatus, emptyWorld } from './world';

describe('connection status', () => {
  let doomedSeen = 0;
  for (const ex of EXAMPLES) {
    for (const engine of ENGINE_NAMES) {
      it(`${ex.id} at ${engine}: a new connection is never shown doomed before anyone gave it up`, () => {
        const { trace, servers } = runScenario(ex.text, { engine });
        const w = emptyWorld(servers);
        for (const e of trace) {
          applyEvent(w, e);
          // The seed adopts a new connection in the next event (S4): until then it is connecting.
          if (e.kind === 'conn.new') expect(connStatus(w.conns.get(e.conn!)!), `${e.conn} at its creation`).toBe('connecting');
          for (const c of w.conns.values()) if (connStatus(c) === 'doomed') doomedSeen++;
        }
      });
    }
  }
  it('doomed connections still appear where a session gives one up (the examples show some)', () => {
    expect(doomedSeen).toBeGreaterThan(0);
  });
});
