import { describe, expect, it } from 'vitest';
import { GEOM, planDiagram } from './layout';
import { stackServers } from './stacked';

const lists = (n: number) => ({ idle: n, safe: 0, priv: 0, avail: 0 });

describe('stackServers (the phone diagram)', () => {
  const plan = planDiagram(['A', 'B'], ['c1', 'c2', 'c3'], ['X', 'Y'], new Map([['X', lists(2)], ['Y', lists(0)]]));
  const stacked = stackServers(plan);

  it('puts every server box under the sessions and connections, at the left edge', () => {
    const bottom = Math.max(...[...stacked.connHome.values()].map((p) => p.y + GEOM.conn.h), ...[...stacked.sessions.values()].map((p) => p.y + GEOM.session.h));
    for (const box of stacked.servers.values()) {
      expect(box.y).toBeGreaterThan(bottom);
      expect(box.x).toBe(GEOM.session.x);
    }
    expect(stacked.serverHeading!.y).toBeGreaterThan(bottom);
  });

  it('is about half as wide, and tall enough for every box', () => {
    expect(stacked.width).toBeLessThan(plan.width * 0.6);
    for (const box of stacked.servers.values()) expect(box.y + box.h).toBeLessThanOrEqual(stacked.height);
  });

  it('keeps each box its size and order', () => {
    const [x, y] = [stacked.servers.get('X')!, stacked.servers.get('Y')!];
    expect(x.h).toBe(plan.servers.get('X')!.h);
    expect(y.y).toBeGreaterThan(x.y + x.h);
  });
});

describe('planDiagram with several backends', () => {
  const backends = [
    { name: 'web', servers: ['W1', 'W2'] },
    { name: 'static', servers: ['S1'] },
  ];
  const plan = planDiagram(['A'], ['c1'], ['W1', 'W2', 'S1'], new Map(), undefined, { backends, reached: new Set(['W1']) });

  it('frames each backend around its own servers, an unreached one idle', () => {
    expect(plan.groups!.map((g) => [g.name, g.idle])).toEqual([
      ['web', false],
      ['static', true],
    ]);
    for (const g of plan.groups!) {
      for (const s of backends.find((b) => b.name === g.name)!.servers) {
        const box = plan.servers.get(s)!;
        expect(box.y).toBeGreaterThan(g.y);
        expect(box.y + box.h).toBeLessThanOrEqual(g.y + g.h);
      }
    }
  });

  it('draws no frame for a single backend', () => {
    const one = planDiagram(['A'], ['c1'], ['W1'], new Map(), undefined, { backends: [backends[0]!] });
    expect(one.groups).toEqual([]);
  });
});
