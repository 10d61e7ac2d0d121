import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario, TraceCursor } from '../../../core';
import { estimateRun, progressOf } from '../estimate';
import { analyzeTrace } from '../analysis';
import { dotAt, dotUnder, FOLD, gridFor, planFolded, type FoldInput } from './fold';
import { CONN, createFrame, fillFrame, MEMBER } from './aggregate';

const TEXT = `backend be
    http-reuse always
    server s1 192.0.2.1:80
    server s2 192.0.2.2:80
script
    open web[1..300] h1
    open A h1
    repeat 3 {
        web[*] GET /
    }
    A GET /x
    close web[1..0]
`.replace('    close web[1..0]\n', '');

function setup(expanded: string[] = []) {
  const run = runScenario(TEXT);
  const est = estimateRun(parseScenario(TEXT).ast.script);
  const a = analyzeTrace(run.trace, run.servers);
  const input: FoldInput = {
    groups: est.groups, sessions: a.sessions, conns: a.conns, servers: run.servers,
    lists: ['idle', 'safe', 'priv'], maxList: a.maxList, expanded: new Set(expanded), foldAt: 24,
  };
  return { run, est, a, input, plan: planFolded(input) };
}

describe('script estimate', () => {
  it('multiplies groups by repeats and counts clients and groups', () => {
    const est = estimateRun(parseScenario(TEXT).ast.script);
    expect(est.requests).toBe(3 * 300 + 1);
    expect(est.clients).toBe(301);
    expect(est.groups).toEqual([{ prefix: 'web', from: 1, to: 300, proto: 'h1' }]);
    const nested = estimateRun(parseScenario('backend b\n    server s 1.2.3.4:80\nscript\n    open a[1..10] h2\n    repeat 4 {\n        repeat 5 {\n            a[*] GET /\n        }\n        a3 GET /\n    }\n').ast.script);
    expect(nested.requests).toBe(4 * (5 * 10 + 1));
  });

  it('progress: requests done over the estimate, events before any is done, never 100% early', () => {
    expect(progressOf({ done: 0, events: 0 }, { requests: 100 })).toBe(0);
    expect(progressOf({ done: 0, events: 800 }, { requests: 100 })).toBeCloseTo(0.05);
    expect(progressOf({ done: 50, events: 900 }, { requests: 100 })).toBeCloseTo(0.5);
    expect(progressOf({ done: 120, events: 9000 }, { requests: 100 })).toBe(0.99);
    expect(progressOf({ done: 3, events: 9 }, { requests: 0 })).toBe(0);
    // Sent but not answered yet: half way for those requests, not 0.
    expect(progressOf({ done: 0, sent: 50, events: 900 }, { requests: 100 })).toBeCloseTo(0.25);
    expect(progressOf({ done: 50, sent: 100, events: 900 }, { requests: 100 })).toBeCloseTo(0.75);
  });
});

describe('folded layout', () => {
  it('folds the 300-client group into one row and keeps the single client apart', () => {
    const { plan } = setup();
    expect(plan.rows.map((r) => [r.key, r.kind, r.members.length])).toEqual([
      ['g:web', 'group', 300],
      ['c:A', 'client', 1],
    ]);
    expect(plan.rows[0]!.label).toBe('web1 … web300');
    expect(plan.rows[0]!.sub).toBe('300 clients · HTTP/1.1');
    expect(plan.clientRow.get('web17')).toEqual({ row: 0, member: 16 });
    expect(plan.clientRow.get('A')).toEqual({ row: 1, member: 0 });
    // Rows and servers do not overlap and stay inside the plan.
    for (const list of [plan.rows, plan.servers]) {
      for (let i = 1; i < list.length; i++) expect(list[i]!.y).toBeGreaterThanOrEqual(list[i - 1]!.y + list[i - 1]!.h);
      for (const r of list) expect(r.y + r.h).toBeLessThanOrEqual(plan.height);
    }
  });

  it('is deterministic and depends only on the expanded set', () => {
    const a = setup().plan;
    const b = setup().plan;
    expect(JSON.stringify(a.rows)).toBe(JSON.stringify(b.rows));
    const c = setup(['g:web', 'l:s1:idle']).plan;
    expect(c.rows[0]!.expanded).toBe(true);
    expect(c.rows[0]!.shown).toBe(FOLD.member.max);
    expect(c.rows[0]!.h).toBeGreaterThan(a.rows[0]!.h + FOLD.member.max * FOLD.member.h - 1);
    expect(c.rows[1]!.y).toBeGreaterThan(a.rows[1]!.y); // the rows below move down
    const idle = c.servers[0]!.lists.find((l) => l.name === 'idle')!;
    expect(idle.expanded).toBe(true);
    expect(idle.chipRows).toBeGreaterThan(0);
  });

  it('puts every connection on its server as one dot, with its creator row', () => {
    const { plan, a } = setup();
    expect(plan.connDot.size).toBe(a.conns.size);
    const total = plan.servers.reduce((n, s) => n + s.conns.length, 0);
    expect(total).toBe(a.conns.size);
    for (const [id, d] of plan.connDot) {
      expect(plan.servers[d.server]!.conns[d.dot]).toBe(id);
      expect(d.row).toBeGreaterThanOrEqual(0);
    }
  });

  it('grids: the largest pitch that fits, and dotUnder inverts dotAt', () => {
    const g = gridFor(10_000, 0, 0, 376, 150);
    expect(g.rows * g.pitch).toBeLessThanOrEqual(150);
    expect(g.cols * g.pitch).toBeLessThanOrEqual(376);
    expect(g.cols * g.rows).toBeGreaterThanOrEqual(10_000);
    expect(gridFor(20, 0, 0).pitch).toBe(10);
    for (const k of [0, 1, g.cols, 9_999]) {
      const p = dotAt(g, k);
      expect(dotUnder(g, p.x + 0.5, p.y + 0.5)).toBe(k);
    }
    expect(dotUnder(g, -1, 0)).toBe(-1);
  });
});

describe('frame counts', () => {
  it('counts members and connections at any instant, like the world does', () => {
    const { run, plan } = setup(['l:s1:idle']);
    const cursor = new TraceCursor(run.trace, run.servers, { retain: false });
    const f = createFrame(plan);
    for (const i of [-1, 5, Math.floor(run.trace.length / 2), run.trace.length - 1]) {
      const w = cursor.at(i);
      fillFrame(f, plan, w, i, 24);
      const full = new TraceCursor(run.trace, run.servers).at(i);
      const open = [...full.sessions.values()].filter((s) => s.open && s.client.startsWith('web')).length;
      expect(f.rows[0]!.open).toBe(open);
      const openConns = [...full.conns.values()].filter((c) => c.phase !== 'closed').length;
      const counted = f.servers.reduce((n, s) => n + s.dots.length - s.status[CONN.closed]! - s.status[CONN.future]!, 0);
      expect(counted).toBe(openConns);
      expect(f.bands.reduce((x, y) => x + y, 0)).toBe(openConns);
      const closed = [...full.conns.values()].filter((c) => c.phase === 'closed').length;
      expect(f.servers.reduce((n, s) => n + s.status[CONN.closed]!, 0)).toBe(closed);
      expect(f.servers[0]!.lists.idle).toBe(full.lists.get('s1')!.idle.length);
      expect(f.servers[0]!.heads.idle).toEqual(full.lists.get('s1')!.idle.toArray().slice(0, 24));
    }
    fillFrame(f, plan, cursor.at(-1), -1);
    expect([...f.rows[0]!.members].every((m) => m === MEMBER.future)).toBe(true);
  });
});
