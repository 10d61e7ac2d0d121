import { GEOM, type DiagramPlan, type ServerBox } from './layout';

/**
 * The phone's diagram (issue 19): the server boxes go under the clients and connections
 * instead of beside them, so the picture is about half as wide and is drawn at full size
 * (11 px text and up) rather than shrunk to fit. Connections still slide into their list
 * slots: only the boxes move, and every position stays a function of the plan.
 */
export function stackServers(plan: DiagramPlan): DiagramPlan {
  const S = GEOM.server;
  let bottom = 0;
  for (const p of plan.sessions.values()) bottom = Math.max(bottom, p.y + GEOM.session.h);
  for (const p of plan.connHome.values()) bottom = Math.max(bottom, p.y + GEOM.conn.h);
  // Room for the servers' heading above the first box.
  let y = Math.max(bottom, GEOM.top) + 40;
  const heading = { x: GEOM.session.x, y: y - 12 };
  // Everything in the servers' column moves by the same amount, groups and boxes alike.
  const firstTop = Math.min(...[...plan.servers.values()].map((b) => b.y), ...(plan.groups ?? []).map((g) => g.y));
  const dy = y - (Number.isFinite(firstTop) ? firstTop : y);
  const dx = GEOM.session.x - GEOM.server.x;
  const servers = new Map<string, ServerBox>();
  for (const box of plan.servers.values()) servers.set(box.name, { ...box, x: box.x + dx, y: box.y + dy });
  const groups = (plan.groups ?? []).map((g) => ({ ...g, x: g.x + dx + 6, y: g.y + dy }));
  for (const [k, b] of servers) servers.set(k, { ...b, x: b.x + (groups.length ? 6 : 0) });
  y = Math.max(y, ...[...servers.values()].map((b) => b.y + b.h + S.gap), ...groups.map((g) => g.y + g.h + S.gap));
  const widest = Math.max(0, ...[...servers.values()].map((b) => b.x + b.w), ...groups.map((g) => g.x + g.w));
  const width = Math.max(GEOM.conn.x + GEOM.conn.w, widest) + 12;
  return { ...plan, servers, groups, width, height: Math.max(y + 8 - S.gap, 220), serverHeading: heading };
}
