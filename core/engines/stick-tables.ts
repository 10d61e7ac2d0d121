/**
 * The backends' stick tables during a run (`stick-table` with `stick on|match|store-request`, as
 * process_sticking_rules and process_store_rules run them: stream.c:1269-1339 and 1345-1455 of
 * v2.6.0, 1431-1524 and 1530-1626 of 7c6f8b146 — the same rules): a key maps to the server stored
 * for it; an entry matched or stored again lives `expire` longer (stktable_touch_local); one not
 * touched for that long is gone. A table is a proxy's (its name): a rule with `table NAME` uses
 * another proxy's, shared with every rule that names it; an entry names its server by name, found
 * among the servers of the backend that reads it (sticking_rule_find_target, stream.c:1212-1262).
 * Not modelled: `size` (no entry is pushed out), peers.
 */
import { writtenName, type ServerConfig } from '../model/config';
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
  private readonly tables = new Map<string, Map<string, Entry>>();

  constructor(
    /** A table's `expire` in µs (null: none). */
    private readonly expireOf: (table: string) => number | null,
  ) {}

  private table(name: string): Map<string, Entry> {
    let t = this.tables.get(name);
    if (!t) this.tables.set(name, (t = new Map()));
    return t;
  }

  /**
   * The match rules' keys, in order (only for a request no rule, cookie or `to` assigned): the first
   * whose entry names a server of the backend that is up; every entry found is touched.
   */
  match(keys: StickKeys, usable: readonly ServerConfig[], now: number): StuckTo | null {
    let stuck: StuckTo | null = null;
    for (const m of keys.match) {
      const e = this.table(m.table).get(m.key);
      if (!e || e.expiresAt <= now) continue;
      if (!stuck) {
        const s = usable.find((x) => writtenName(x) === e.server);
        if (s) stuck = { server: s, key: m.key, rule: m.rule };
      }
      const expireUs = this.expireOf(m.table);
      e.expiresAt = expireUs === null ? Infinity : now + expireUs;
    }
    return stuck;
  }

  /** A store rule's key gets the server that answered (process_store_rules, on the response). */
  store(table: string, key: string, server: string, now: number): void {
    const expireUs = this.expireOf(table);
    this.table(table).set(key, { server, expiresAt: expireUs === null ? Infinity : now + expireUs });
  }
}
