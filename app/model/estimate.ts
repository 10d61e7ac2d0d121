import type { Statement } from '../../core';

/**
 * What a script will do, read from its syntax tree before running it: how many requests
 * it sends (the progress bar's total) and which client groups it opens (the diagram
 * folds them). Pure; an estimate only — a request the script repeats after a
 * reconnection counts once, and a group used before it is opened counts as empty.
 */
export interface ClientGroup {
  /** `web` for `open web[1..10000] h1`. */
  readonly prefix: string;
  readonly from: number;
  readonly to: number;
  readonly proto: 'h1' | 'h2';
}

export interface RunEstimate {
  /** Requests the script sends (groups and repeats multiplied out). */
  readonly requests: number;
  /** Clients it opens. */
  readonly clients: number;
  /** Groups opened with a range, in script order (first opening of each prefix). */
  readonly groups: readonly ClientGroup[];
}

/** Rough events per request, to turn an event count into progress before any request is done. */
export const EVENTS_PER_REQUEST = 16;

export function estimateRun(script: readonly Statement[]): RunEstimate {
  const sizes = new Map<string, number>();
  const groups: ClientGroup[] = [];
  const clients = new Set<string>();
  let opened = 0;
  const walk = (stmts: readonly Statement[], times: number): number => {
    let requests = 0;
    for (const st of stmts) {
      switch (st.kind) {
        case 'open': {
          const c = st.clients;
          if (c.kind === 'range') {
            const n = Math.max(0, c.to - c.from + 1);
            if (!sizes.has(c.prefix)) {
              groups.push({ prefix: c.prefix, from: c.from, to: c.to, proto: st.proto });
              opened += n;
            }
            sizes.set(c.prefix, Math.max(sizes.get(c.prefix) ?? 0, n));
          } else if (c.kind === 'one' && !clients.has(c.name)) {
            clients.add(c.name);
            opened++;
          }
          break;
        }
        case 'request':
          requests += times * (st.clients.kind === 'all' ? (sizes.get(st.clients.prefix) ?? 0) : 1);
          break;
        case 'repeat':
          requests += walk(st.body, times * st.count);
          break;
        default:
          break;
      }
    }
    return requests;
  };
  const requests = walk(script, 1);
  return { requests, clients: opened, groups };
}

/**
 * Progress of a running simulation, 0..1: requests done over the estimate; a request sent
 * counts half (10,000 clients send their first requests long before any answer); while
 * nothing is sent yet (opening 10,000 clients), events over what the estimate implies.
 * Never reaches 1 before the run says it is done.
 */
export function progressOf(p: { readonly done: number; readonly events: number; readonly sent?: number }, est: { readonly requests: number }): number {
  if (est.requests <= 0) return 0;
  const byRequests = (p.done + Math.max(p.done, p.sent ?? 0)) / (2 * est.requests);
  const byEvents = p.events / (est.requests * EVENTS_PER_REQUEST);
  return Math.min(0.99, Math.max(byRequests, p.done === 0 ? Math.min(byEvents, 0.05) : 0));
}
