import { describe, expect, it } from 'vitest';
import { GEOM, connPosition, foldedInList, link, listsFor, planDiagram, serverWidth, slotPosition, streamPosition } from './layout';

const maxList = new Map([
  ['s1', { idle: 4, safe: 0, priv: 1, avail: 0 }],
  ['s2', { idle: 0, safe: 0, priv: 0, avail: 0 }],
]);

describe('planDiagram', () => {
  const plan = planDiagram(['A', 'B'], ['c1', 'c2', 'c3'], ['s1', 's2'], maxList);

  it('places sessions and connections by creation order', () => {
    expect(plan.sessions.get('A')).toEqual({ x: GEOM.session.x, y: GEOM.top });
    expect(plan.sessions.get('B')!.y).toBe(GEOM.top + GEOM.session.pitch);
    expect(plan.connHome.get('c3')!.y).toBe(GEOM.top + 2 * GEOM.conn.pitch);
  });

  it('sizes every server for the longest list it gets', () => {
    const s1 = plan.servers.get('s1')!;
    expect(s1.lines).toBe(4);
    const s2 = plan.servers.get('s2')!;
    expect(s2.lines).toBe(1); // an empty server still shows one line of slots
    expect(s2.y).toBe(s1.y + s1.h + GEOM.server.gap);
    expect(s1.h - s2.h).toBe(3 * GEOM.server.slotH);
    expect(s1.w).toBe(serverWidth());
  });

  it('fits everything in its width and height', () => {
    const s2 = plan.servers.get('s2')!;
    expect(s2.x + s2.w).toBeLessThanOrEqual(plan.width);
    expect(plan.height).toBeGreaterThanOrEqual(s2.y + s2.h);
  });

  it('is deterministic', () => {
    expect(planDiagram(['A', 'B'], ['c1', 'c2', 'c3'], ['s1', 's2'], maxList)).toEqual(plan);
  });

  it('puts a listed connection in its slot and an unlisted one at home', () => {
    const home = connPosition(plan, { id: 'c2', server: 's1', list: null }, -1);
    expect(home).toEqual(plan.connHome.get('c2'));
    const slot = slotPosition(plan, 's1', 'idle', 3)!;
    const inList = connPosition(plan, { id: 'c2', server: 's1', list: 'idle' }, 3);
    expect(inList.x).toBeGreaterThanOrEqual(slot.x);
    expect(inList.x + GEOM.conn.w).toBeLessThanOrEqual(slot.x + GEOM.server.colW);
    expect(inList.y).toBe(slotPosition(plan, 's1', 'idle', 0)!.y + 3 * GEOM.server.slotH + (GEOM.server.slotH - GEOM.conn.h) / 2);
    // The three lists are side by side.
    expect(slotPosition(plan, 's1', 'priv', 0)!.x - slotPosition(plan, 's1', 'idle', 0)!.x).toBe(2 * GEOM.server.colW);
    expect(slotPosition(plan, 'nope', 'idle', 0)).toBeNull();
  });
});

describe('geometry helpers', () => {
  it('stacks stream pills inside the session row', () => {
    const p = streamPosition({ x: 0, y: 100 }, 1);
    expect(p.y + GEOM.stream.h).toBeLessThanOrEqual(100 + GEOM.session.pitch - 8); // clear of the next row
  });
  it('draws a curve with the same command structure for any points (so `d` can transition)', () => {
    const a = link({ x: 0, y: 0 }, { x: 100, y: 50 });
    const b = link({ x: 10, y: 20 }, { x: 300, y: 5 });
    expect(a.replace(/[-\d.]+/g, 'n')).toBe(b.replace(/[-\d.]+/g, 'n'));
    expect(a.startsWith('M 0 0 C')).toBe(true);
  });
});

describe('lists per engine', () => {
  it('draws priv at seed and parent, avail at modern, and any list the run uses', () => {
    expect(listsFor('seed', maxList)).toEqual(['idle', 'safe', 'priv']);
    expect(listsFor('modern')).toEqual(['idle', 'safe', 'avail']);
    expect(listsFor('modern', maxList)).toEqual(['idle', 'safe', 'avail', 'priv']);
  });
  it('widens the diagram for a fourth list', () => {
    const plan = planDiagram(['A'], ['c1'], ['s1'], maxList, ['idle', 'safe', 'avail', 'priv']);
    const box = plan.servers.get('s1')!;
    expect(box.w).toBe(serverWidth(4));
    expect(plan.width).toBeGreaterThanOrEqual(box.x + box.w);
    expect(slotPosition(plan, 's1', 'priv', 0)!.x).toBe(box.x + GEOM.server.pad + 3 * GEOM.server.colW);
    expect(slotPosition(planDiagram(['A'], [], ['s1'], maxList), 's1', 'avail', 0)).toBeNull();
  });
});

describe('long server lists', () => {
  const long = new Map([
    ['s1', { idle: 14, safe: 3, priv: 0, avail: 0 }],
    ['s2', { idle: 2, safe: 0, priv: 0, avail: 0 }],
  ]);
  const plan = planDiagram([], [], ['s1', 's2'], long, ['idle', 'safe', 'priv'], { maxLines: 6 });

  it('collapse beyond the threshold, and expand on request', () => {
    const s1 = plan.servers.get('s1')!;
    expect(s1).toMatchObject({ lines: 6, max: 14, collapsed: true });
    expect(plan.servers.get('s2')).toMatchObject({ lines: 2, collapsed: false });
    const open = planDiagram([], [], ['s1', 's2'], long, ['idle', 'safe', 'priv'], { maxLines: 6, expanded: new Set(['srv:s1']) });
    expect(open.servers.get('s1')).toMatchObject({ lines: 14, collapsed: false });
    expect(open.servers.get('s2')!.y).toBeGreaterThan(plan.servers.get('s2')!.y);
  });

  it('fold the tail of a long list into the last slot', () => {
    const s1 = plan.servers.get('s1')!;
    expect(foldedInList(s1, 4, 14)).toBe(false);
    expect(foldedInList(s1, 5, 14)).toBe(true);
    expect(foldedInList(s1, 5, 6)).toBe(false); // six fit in six slots
    const last = slotPosition(plan, 's1', 'idle', 5)!;
    const p = connPosition(plan, { id: 'c9', server: 's1', list: 'idle' }, 11);
    expect(p.y).toBeGreaterThan(last.y);
    expect(p.y).toBeLessThan(last.y + GEOM.server.slotH);
  });
});
