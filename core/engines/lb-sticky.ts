import type { BackendConfig, ServerConfig } from '../model/config';
import { RunLocal, type EngineSim as Sim } from './runtime';

/**
 * `balance sticky` (HAProxy 3.0+, commit 9aea6df81; src/lb_ss.c of v3.0.0): every request goes to
 * one server, the backend's sticky server, as long as it stays usable. It is elected in
 * configuration order: the first usable active server, else the first usable backup
 * (recalc_server_ss, lb_ss.c:119-145), at start and whenever the sticky server leaves load
 * balancing (ss_set_server_status_down, lb_ss.c:28-66). A server coming back does not take over
 * (ss_set_server_status_up, lb_ss.c:72-114) unless there was no sticky server, or the sticky one
 * is a backup and it is not: then the server that came back is the sticky one. Weights play no
 * part (init_server_ss gives every server the same, lb_ss.c:150-170), and a full server is
 * returned all the same: the request waits in its queue (ss_get_server, lb_ss.c:176-185;
 * backend.c:808-816).
 */
const RUN = new RunLocal<Map<BackendConfig, { srv: ServerConfig | null }>>(() => new Map());

/** recalc_server_ss: the first usable server in configuration order, an active one if any is usable. */
function elect(be: BackendConfig, usable: (s: ServerConfig) => boolean): ServerConfig | null {
  const active = be.servers.some((s) => !s.backup && usable(s));
  return be.servers.find((s) => !s.backup === active && usable(s)) ?? null;
}

/** The backend's state, elected from the servers' state before any change (`before`: usable then). */
function state(sim: Sim, be: BackendConfig, before: (s: ServerConfig) => boolean = (s) => sim.balancable(s)) {
  const m = sim.local(RUN);
  let st = m.get(be);
  if (!st) m.set(be, (st = { srv: elect(be, before) }));
  return st;
}

/** ss_get_server: the sticky server (null: none is usable). */
export function stickyPick(sim: Sim, be: BackendConfig): ServerConfig | null {
  return state(sim, be).srv;
}

/** A health check changed whether load balancing may use `s` (`up`: it may now). */
export function stickyServerState(sim: Sim, be: BackendConfig, s: ServerConfig, up: boolean): void {
  const st = state(sim, be, (x) => (x === s ? !up : sim.balancable(x)));
  if (!up) {
    if (st.srv === s) st.srv = elect(be, (x) => sim.balancable(x));
  } else if (st.srv === null || (st.srv.backup === true && !s.backup)) st.srv = s;
}
