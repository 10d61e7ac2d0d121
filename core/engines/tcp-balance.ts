import type { BackendConfig, ServerConfig } from '../model/config';
import type { RequestView } from '../routing/request';
import type { EngineSim as Sim } from './runtime';
import type { ConnectionPick } from './types';
import { hashPick, staticRrPick } from './hash-balance';
import { fwrrPick } from './lb-fwrr';
import { leastBusy, withDown } from './common';
import { dropSlot, leastconnPick, servedOf, takeSlot } from './modern-lb';
import { countConnect, randomPick } from './lb-random';

/**
 * assign_server for a stream that is not HTTP (backend.c:623-830 of v2.6.0, the same at
 * 7c6f8b146): what the balance reads of the connection alone. `source` and `hash` on a fetch of
 * the connection (`hash src`) hash it; `uri`, `url_param` and `hdr` find no request and go round
 * the map (804-810); `random` draws as for a request at the modern engine (./lb-random.ts), goes round at the others.
 * Null: the backend has no server to take it.
 */
/** What an engine adds to the connection's balance: its leastconn tree and its random draws (modern). */
interface Hooks {
  readonly leastconn?: (pool: readonly ServerConfig[]) => ServerConfig | null;
  readonly random?: (pool: readonly ServerConfig[]) => ConnectionPick | null;
}

export function balanceConnection(sim: Sim, be: BackendConfig, view: RequestView, hooks: Hooks = {}): ConnectionPick | null {
  const usable = sim.balancedServers(be);
  if (usable.length === 0) return be.dispatch ? { server: be.dispatch, conds: [{ label: 'dispatch (no usable server)', value: be.dispatch.addr }] } : null;
  const label = { label: 'balance', value: be.balance };
  switch (be.balance) {
    case 'source':
    case 'hash': {
      const p = hashPick(sim, be, view, usable);
      if (p?.server) return { server: p.server, conds: p.conds };
      break;
    }
    case 'first':
      return { server: usable[0]!, conds: [label] };
    case 'leastconn': {
      const picked = hooks.leastconn?.(usable);
      if (picked) return { server: picked, conds: [label, { label: `streams on ${picked.name}`, value: servedOf(sim, be, picked) }] };
      const { server, busy } = leastBusy(sim, usable);
      return { server, conds: [label, { label: `connections of ${server.name}`, value: busy }] };
    }
    case 'random': {
      const p = hooks.random?.(usable);
      if (p) return p;
      break;
    }
    case 'static-rr':
      return { server: staticRrPick(sim, be, usable) ?? usable[0]!, conds: [label] };
    default:
      break;
  }
  const same = usable.every((s) => (s.weight ?? 1) === (usable[0]!.weight ?? 1));
  // With health checks the weighted wheel itself, which follows servers going down and up (./lb-fwrr.ts).
  const server = same && !sim.hasChecks(be) ? sim.nextRoundRobin(be) : (fwrrPick(sim, be, usable) ?? usable[0]!);
  const conds = be.balance === 'roundrobin' ? [label] : [label, { label: 'no request to read: round robin', value: true }];
  return { server, conds: sim.hasChecks(be) ? withDown(sim, be, conds) : conds };
}

/**
 * The modern engine's: its leastconn reads the tree of streams in flight (./modern-lb.ts), and a
 * tcp stream holds its slot there as long as it lives, as any stream does (srv->served).
 */
export const modernTcp = {
  balanceConnection: (sim: Sim, be: BackendConfig, view: RequestView): ConnectionPick | null =>
    balanceConnection(sim, be, view, {
      leastconn: (pool) => leastconnPick(sim, be, pool),
      random: (pool) => {
        const p = randomPick(sim, be, pool);
        if (!p?.server) return null;
        countConnect(sim, be, p.server);
        return { server: p.server, conds: p.conds };
      },
    }),
  tcpServed: (sim: Sim, be: BackendConfig, stream: object, server: ServerConfig | null): void => {
    if (server) takeSlot(sim, be, stream, server);
    else dropSlot(sim, be, stream);
  },
};
