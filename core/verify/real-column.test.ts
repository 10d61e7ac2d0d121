import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../run';
import { agreementText } from './agreement';
import { engineView } from './engine-view';
import type { RealTrace } from './real-trace';
import { realColumn } from './real-column';

const real = (key: string): RealTrace => JSON.parse(readFileSync(join(__dirname, '../test/real-examples', `${key}.real.json`), 'utf8'));
const view = (key: string, engine: 'seed' | 'parent' | 'modern') => engineView(runScenario(agreementText(key)!, { engine }));

describe('realColumn', () => {
  it('names each recorded connection as the modern engine does, and agrees request by request on a matching example', () => {
    const rec = real('sc03');
    const eng = view('sc03', 'modern');
    const col = realColumn(eng, rec);
    expect(col.recorded).toBe(rec.recordedAt.slice(0, 10));
    expect(col.cells.size).toBe(rec.requests.length);
    for (const q of eng.requests) {
      const c = col.cells.get(q.id)!;
      expect(c.realConn).toBe(rec.requests.find((r) => r.id === q.id)!.conn);
      // The pairing puts the engine's own connection name beside the recorded one.
      expect(c.engineConn).toBe(q.conn);
      expect(c.same).toBe(true);
    }
    // A connection's first request opened it; later ones reused it.
    const fresh = [...col.cells.values()].filter((c) => c.fresh).map((c) => c.realConn);
    expect(new Set(fresh).size).toBe(fresh.length);
    expect(fresh.length).toBe(rec.conns.filter((c) => c.requests.length > 0).length);
  });

  it('marks the requests an engine serves otherwise than the binary did', () => {
    // The seed engine (1.9-dev) has no reuse where 2.6 reuses: some request must part.
    const keys = ['sc03', 'sc04', 'sc05', 'sc06', 'sc07'];
    const parted = keys.flatMap((k) => {
      const col = realColumn(view(k, 'seed'), real(k));
      const modern = realColumn(view(k, 'modern'), real(k));
      return [...col.cells.values()].filter((c) => !c.same && modern.cells.get(c.id)!.same).map((c) => `${k}:${c.id}`);
    });
    expect(parted.length).toBeGreaterThan(0);
  });
});
