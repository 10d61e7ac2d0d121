import { writtenName, type BackendConfig, type ServerConfig, type SimConfig } from '../../model/config';
import type { StickKey } from '../../routing/route';
import { carriesCookie, cookieToSet, serverCookieSeen } from '../persistence';
import { StickTables } from '../stick-tables';
import type { Conn, Request } from '../types';
import type { EventInput } from '../writer/writer';

/**
 * What a response leaves for the client's next requests, in the order HAProxy does it: the
 * application's session cookie (a `servers` line `S set-cookie NAME`), changed by `cookie NAME
 * prefix|rewrite`; the stick-table entries of the request's keys and of the response's cookie
 * (process_store_rules, stream.c:1345-1444 of v2.6.0: U5); HAProxy's own persistence cookie
 * (`cookie NAME insert`: U3). The tables are read when a request is routed (U4).
 */
export class Stickiness {
  /** The proxies' stick tables (../stick-tables.ts). */
  readonly tables: StickTables;
  private readonly sessionsStarted = new Map<ServerConfig, number>();

  constructor(
    private readonly config: SimConfig,
    private readonly emit: (e: EventInput) => void,
    private readonly now: () => number,
  ) {
    this.tables = new StickTables((table) => config.routing?.proxies[table]?.stickTable?.expireUs ?? null);
  }

  /** The response to `req` from `c`'s server has come. */
  afterResponse(req: Request, c: Conn): void {
    // The server's own session cookie (`S set-cookie NAME`), in its response as HAProxy reads it.
    const session = this.serverSession(req, c);
    const set = cookieToSet(req, c.server);
    if (set) this.setCookie(req, c, set.name, set.value);
    if (req.backend && !c.server.dispatch) {
      if (req.stick) for (const store of req.stick.stores) this.stickStore({ request: req.id }, c, req.backend, store);
      this.storeResponse(req, c, req.backend, session);
    }
  }

  /**
   * U5 for a `mode tcp` stream: its connection is established, and the response analysers run at
   * once (back_establish, stream.c:917-920 of v2.6.0): its keys are stored with its server.
   */
  connected(stream: string, c: Conn, be: BackendConfig, stores: readonly StickKey[]): void {
    if (!c.server.dispatch) for (const store of stores) this.stickStore({ stream }, c, be, store);
  }

  /** U5: the response stores each of the request's store keys with the server that answered (process_store_rules). */
  private stickStore(who: { readonly request: string } | { readonly stream: string }, c: Conn, be: BackendConfig, store: StickKey): void {
    const expire = this.config.routing?.proxies[store.table]?.stickTable?.expireUs ?? null;
    // An entry names its server as written: another backend's rule finds its own server of that name.
    this.tables.store(store.table, store.key, writtenName(c.server), this.now());
    const whose = store.table === be.name ? `${be.name}'s stick table` : `${store.table}'s stick table (named by a rule of ${be.name})`;
    this.emit({
      kind: 'note', decision: 'U5', ...who, conn: c.id, server: c.server.name,
      message: `${whose} keeps ${store.key} → ${writtenName(c.server)}${expire === null ? '' : ` for ${expire / 1000} ms after its last use`}: a later request with this key goes to ${c.server.written === undefined && store.table === be.name ? c.server.name : `the server named ${writtenName(c.server)} in its backend`} while it is up`,
      conds: [{ label: store.rule.text, value: store.key }, { label: 'stick-table expire', value: expire === null ? 'none' : `${expire / 1000} ms` }],
    });
  }

  /**
   * A server with `set-cookie NAME` starts a session for a request that brings no cookie NAME: its
   * response sets NAME=SERVER-N, which the client keeps. Null when it sets none.
   */
  private serverSession(req: Request, c: Conn): { readonly name: string; readonly value: string } | null {
    const name = c.server.setCookie;
    if (name === undefined || carriesCookie(req, name)) return null;
    const n = (this.sessionsStarted.get(c.server) ?? 0) + 1;
    this.sessionsStarted.set(c.server, n);
    // Named by the run's name: two servers of one name in two backends never start the same session.
    const value = `${c.server.name}-${n}`;
    const seen = serverCookieSeen(req.backend, c.server, name, value);
    (req.client.cookies ??= new Map()).set(name, seen);
    this.emit({
      kind: 'note', decision: 'W', request: req.id, conn: c.id, server: c.server.name,
      message: `${c.server.name} starts a session: its response to ${req.id} sets cookie ${name}=${value}${seen === value ? `, which client ${req.client.name} sends back from now on` : ''}`,
    });
    if (seen !== value) {
      const mode = req.backend!.cookie!.mode;
      this.emit({
        kind: 'note', decision: 'U3', request: req.id, conn: c.id, server: c.server.name,
        message: `HAProxy ${mode === 'prefix' ? `prefixes ${c.server.name}'s value` : `replaces the value with ${c.server.name}'s own`}: client ${req.client.name} gets ${name}=${seen} and brings it back with its next requests`,
        conds: [{ label: 'cookie (backend)', value: `${name} ${mode}` }, { label: `cookie of ${c.server.name}`, value: c.server.cookie! }],
      });
    }
    return { name, value };
  }

  /**
   * U5 for `stick store-response res.cook(NAME)` (process_store_rules, stream.c:1355-1404 of v2.6.0):
   * the first such rule of each table whose cookie the response sets stores its value.
   */
  private storeResponse(req: Request, c: Conn, be: BackendConfig, session: { readonly name: string; readonly value: string } | null): void {
    // Only a response that sets a cookie can store one (and most responses set none: no lookup).
    if (!session) return;
    const rules = this.config.routing?.proxies[be.name]?.sticking?.responseRules;
    if (!rules) return;
    const done = new Set<string>();
    for (const r of rules) {
      if (done.has(r.table) || r.cookie !== session.name) continue;
      done.add(r.table);
      this.stickStore({ request: req.id }, c, be, { key: session.value, rule: { line: r.line, text: r.text }, table: r.table });
    }
  }

  /** U3: the response carries a Set-Cookie; the client keeps it (or deletes it) for its next requests. */
  private setCookie(req: Request, c: Conn, name: string, value: string | null): void {
    const client = req.client;
    if (value === null) client.cookies?.delete(name);
    else (client.cookies ??= new Map()).set(name, value);
    this.emit({
      kind: 'note', decision: 'U3', request: req.id, conn: c.id, server: c.server.name,
      message: value === null
        ? `${c.server.name} has no cookie value: HAProxy deletes cookie ${name} in the response to ${req.id}`
        : `HAProxy sets cookie ${name}=${value} in ${c.server.name}'s response to ${req.id}: client ${client.name} brings it back with its next requests`,
      conds: [{ label: 'cookie (backend)', value: `${name} insert` }, { label: 'request sent direct', value: false }],
    });
  }

}
