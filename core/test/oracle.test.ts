/**
 * Golden tests against real HAProxy binaries (shared/oracle, copied into
 * core/test/oracle by scripts/oracle-fixtures.ts): for every scenario, the engine's
 * request→connection mapping, the number of connections opened, and which
 * connections HAProxy (or the server) closed during which timeline step must equal
 * the binary's trace. Where the parent binary crashed, the parent engine must say
 * so at that request (rule pX). The modern engine is checked against Debian's
 * HAProxy 2.6.12.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario, type RunResult } from '../index';

const dir = join(import.meta.dirname, 'oracle');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, Oracle>;

interface OracleTrace {
  crashed: boolean;
  opened: number;
  mapping: string;
  requests: { id: string; conn: string | null; status: number | null; error: string | null; step: number }[];
  backendConnections: { id: string; server: string; closedStep: number | string | null; closedBy: string | null; requests: string[] }[];
}
interface Oracle {
  traces: Record<'seed' | 'parent' | 'modern', OracleTrace>;
}

/** Connection ids renamed as the oracle's requests[] do: `s1.c1`, per server in order of first use. */
function shape(res: RunResult) {
  const reqs = [...res.world.requests.values()];
  const names = new Map<string, string>();
  const perServer = new Map<string, number>();
  for (const r of reqs) {
    if (!r.conn || names.has(r.conn)) continue;
    const c = res.world.conns.get(r.conn)!;
    const n = (perServer.get(c.server) ?? 0) + 1;
    perServer.set(c.server, n);
    names.set(r.conn, `${c.server}.c${n}`);
  }
  // Step of an event = the script statement running when it happened.
  const stepOf = (seq: number) => {
    let s = -1;
    for (const st of res.steps) if (st.seq <= seq) s = st.stmt;
    return s;
  };
  const closes = new Map<string, { step: number; closer: string }>();
  for (const e of res.trace) if (e.kind === 'conn.destroy' && e.conn) closes.set(e.conn, { step: stepOf(e.seq), closer: e.closer ?? 'proxy' });
  return { reqs, names, closes };
}

const lastStep = (res: RunResult) => res.steps[res.steps.length - 1]?.stmt ?? -1;

for (const name of Object.keys(expected).sort()) {
  const text = readFileSync(join(dir, `${name}.scenario`), 'utf8');
  describe(`oracle ${name}`, () => {
    for (const engine of ['seed', 'parent', 'modern'] as const) {
      const want = expected[name]!.traces[engine];
      it(`${engine} engine reproduces the real ${engine} binary`, () => {
        const res = runScenario(text, { engine });
        expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const { reqs, names, closes } = shape(res);
        const crashAt = want.crashed ? want.requests.find((r) => r.error !== null) : undefined;
        // Requests served before any crash: same connection as the binary used.
        const upTo = crashAt ? want.requests.indexOf(crashAt) : want.requests.length;
        expect(reqs.length).toBe(want.requests.length);
        const got = reqs.slice(0, upTo).map((r, i) => `${want.requests[i]!.id}:${names.get(r.conn!)}`);
        const exp = want.requests.slice(0, upTo).map((r) => `${r.id}:${r.conn}`);
        expect(got.join(' ')).toBe(exp.join(' '));
        if (crashAt) {
          // The binary died at this request: the engine says so there (pX), with the intended semantics after it.
          const r = reqs[upTo]!;
          const notes = res.trace.filter((e) => e.kind === 'note' && e.decision === 'pX' && e.request === r.id);
          expect(notes.length, `pX note at ${crashAt.id}`).toBe(1);
          expect(notes[0]!.flag).toBe('crash');
          return;
        }
        expect(res.totals.opened).toBe(want.opened);
        // Which connections were closed during the timeline, at which step, and by whom.
        const inv = new Map([...names].map(([k, v]) => [v, k]));
        for (const bc of want.backendConnections) {
          const ours = closes.get(inv.get(bc.id)!);
          if (typeof bc.closedStep === 'number') {
            expect(ours, `${bc.id} closed at step ${bc.closedStep}`).toBeDefined();
            expect(ours!.step, `${bc.id} close step`).toBe(bc.closedStep);
            expect(ours!.closer, `${bc.id} closer`).toBe(bc.closedBy === 'server' ? 'server' : 'proxy');
          } else {
            // Closed after the timeline (or at shutdown): not during the script.
            expect(ours === undefined || ours.step >= lastStep(res), `${bc.id} still open during the timeline`).toBe(true);
          }
        }
      });
    }
  });
}

describe('oracle fixtures', () => {
  const shared = join(import.meta.dirname, '../../../shared/oracle');
  it('cover every scenario of the oracle and match its traces', () => {
    if (!existsSync(shared)) return; // CI and developers have ../shared; a bare clone still runs the copy above
    const names = readdirSync(join(shared, 'scenarios')).map((f) => f.replace(/\.json$/, '')).sort();
    expect(Object.keys(expected).sort()).toEqual(names);
    for (const n of names) {
      const tr = JSON.parse(readFileSync(join(shared, 'traces/seed', `${n}.json`), 'utf8'));
      expect(expected[n]!.traces.seed.mapping).toBe(tr.shape.mapping);
    }
  });
});
