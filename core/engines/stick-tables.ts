/**
 * The backends' stick tables during a run (`stick-table` with `stick on|match|store-request`, as
 * process_sticking_rules and process_store_rules run them: stream.c:1269-1339 and 1345-1455 of
 * v2.6.0, 1431-1524 and 1530-1626 of 7c6f8b146 — the same rules): a key maps to the server stored
 * for it; an entry matched or stored again lives `expire` longer (stktable_touch_local); one not
 * touched for that long is gone. Not modelled: `size` (no entry is pushed out), peers.
 */
import type { BackendConfig, ServerConfig } from '../model/config';
import type { RuleSource } from '../model/routing';
import type { StickKeys } from '../routing/route';

interface Entry {
  server: string;
  /** Virtual µs after which the entry is gone (Infinity: no expire). */
  expiresAt: number;
}

export interface StuckTo {
  readonly server: ServerConfig;
  readonly key: string;
  readonly rule: RuleSource;
}

export class StickTables {
  private readonly tables = new Map<BackendConfig, Map<string, Entry>>();

  private table(be: BackendConfig): Map<string, Entry> {
    let t = this.tables.get(be);
    if (!t) this.tables.set(be, (t = new Map()));
    return t;
  }

  /**
   * The match rules' keys, in order (only for a request no rule, cookie or `to` assigned): the first
   * whose entry names a server of the backend that is up; every entry found is touched.
   */
  match(be: BackendConfig, keys: StickKeys, usable: readonly ServerConfig[], now: number, expireUs: number | null): StuckTo | null {
    const t = this.table(be);
    let stuck: StuckTo | null = null;
    for (const m of keys.match) {
      const e = t.get(m.key);
      if (!e || e.expiresAt <= now) continue;
      if (!stuck) {
        const s = usable.find((x) => x.name === e.server);
        if (s) stuck = { server: s, key: m.key, rule: m.rule };
      }
      e.expiresAt = expireUs === null ? Infinity : now + expireUs;
    }
    return stuck;
  }

  /** The store rule's key gets the server that answered (process_store_rules, on the response). */
  store(be: BackendConfig, key: string, server: string, now: number, expireUs: number | null): void {
    this.table(be).set(key, { server, expiresAt: expireUs === null ? Infinity : now + expireUs });
  }
}
