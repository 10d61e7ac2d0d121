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
  const servers = new Map<string, ServerBox>();
  for (const box of plan.servers.values()) {
    servers.set(box.name, { ...box, x: GEOM.session.x, y });
    y += box.h + S.gap;
  }
  const widest = Math.max(0, ...[...servers.values()].map((b) => b.x + b.w));
  const width = Math.max(GEOM.conn.x + GEOM.conn.w, widest) + 12;
  return { ...plan, servers, width, height: Math.max(y + 8 - S.gap, 220), serverHeading: heading };
}
