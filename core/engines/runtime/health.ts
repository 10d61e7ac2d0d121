import { refusesAt, type BackendConfig, type HealthCheck, type ServerConfig } from '../../model/config';
import type { Condition } from '../../trace/events';
import { SimServers } from './servers';

/** A checked server's counter: 0 … rise + fall - 1, UP while at least `rise` (struct check's health). */
interface Health {
  readonly server: ServerConfig;
  readonly backend: BackendConfig;
  readonly check: HealthCheck;
  health: number;
}

/** Entries of the queue that are health checks (a run ends when nothing else is left). */
const SRV_CHK_INTER_THRES_US = 1_000_000;

/**
 * Health checks (`server … check`): each checked server is checked on its own timer, and its
 * state (UP, DOWN) moves with the results as check.c of v2.6.0 counts them (the same logic at
 * 7c6f8b146, checks.c); a DOWN server is left out of `usableServers` and load balancing.
 */
export abstract class SimHealth extends SimServers {
  private readonly checked: Health[] = [];
  /** Checks queued, so that the run can end when they are all that is left. */
  private checksQueued = 0;

  /** Queues every checked server's first check (start_checks, check.c:1416-1500; start_check_task, 1375-1402). */
  protected override starting(): void {
    for (const be of this.config.backends)
      for (const s of be.servers) if (s.check && !s.disabled) this.checked.push({ server: s, backend: be, check: s.check, health: s.check.rise });
    const n = this.checked.length;
    if (n === 0) return;
    // The first checks are spread over the smallest interval of at least a second (or each one's own).
    let mininter = 0;
    for (const h of this.checked) {
      const i = this.interOf(h);
      if (i >= SRV_CHK_INTER_THRES_US && (mininter === 0 || i < mininter)) mininter = i;
    }
    this.checked.forEach((h, pos) => {
      const spread = Math.max(mininter, this.interOf(h));
      // MS_TO_TICKS(mininter * srvpos / nbcheck): whole milliseconds.
      this.queueCheck(h, Math.floor(spread / 1000 * pos / n) * 1000);
    });
  }

  /** The backend has a checked server (its round robin takes the weighted wheel, which follows servers going down and up). */
  hasChecks(be: BackendConfig): boolean {
    // Asked per request: a run without checks answers at once.
    return this.checked.length > 0 && this.checked.some((h) => h.backend === be);
  }

  /** Every server of the backend is DOWN by its checks (or disabled) and it has no dispatch: HAProxy answers 503 at once. */
  allDown(be: BackendConfig): boolean {
    return this.down.size > 0 && !be.dispatch && be.servers.length > 0 && this.balancedServers(be).length === 0;
  }

  /** srv_getinter (server.c:97-110): `inter` fully up, `downinter` fully down, `fastinter` in between (each defaulting to inter). */
  private interOf(h: Health): number {
    const c = h.check;
    if (h.health === c.rise + c.fall - 1) return c.interUs;
    if (h.health === 0 && this.down.has(h.server)) return c.downinterUs || c.interUs;
    return c.fastinterUs || c.interUs;
  }

  private queueCheck(h: Health, delayUs: number): void {
    this.checksQueued++;
    this.at(delayUs, () => {
      this.checksQueued--;
      // Nothing but checks left: the scenario is over, and so are they.
      if (!this.othersPending(this.checksQueued)) return;
      this.runCheck(h);
    });
  }

  /** One check: a connection (and with option httpchk a request) to the server; the next one after it ends. */
  private runCheck(h: Health): void {
    const s = h.server;
    const refused = refusesAt(s, this.now);
    const status = refused ? 0 : s.auth ? 401 : 200;
    const passed = !refused && (!h.check.http || (status >= 200 && status < 400));
    // Its duration: the connect, and for an HTTP check the answer too. Its connection is the server's
    // while it lasts (conn_new, srv_use_conn), refused or not.
    const took = refused ? 0 : s.connectUs + (h.check.http ? s.responseUs : 0);
    this.algo.checkConn?.(this, s, true);
    this.at(took, () => {
      this.algo.checkConn?.(this, s, false);
      this.checkDone(h, passed, refused ? 'connection refused' : h.check.http ? `HTTP status ${status}` : 'connection established');
    });
  }

  /** set_server_check_status (check.c:434-525), then check_notify_failure / _success (543-596). */
  private checkDone(h: Health, passed: boolean, how: string): void {
    const c = h.check;
    const wasDown = this.down.has(h.server);
    const before = h.health;
    if (passed) {
      if (h.health < c.rise + c.fall - 1) {
        h.health++;
        if (h.health >= c.rise) h.health = c.rise + c.fall - 1;
      }
    } else if (h.health > 0) {
      h.health--;
      if (h.health < c.rise) h.health = 0;
    }
    const down = h.health < c.rise;
    const decision = !wasDown && down ? 'HC2' : wasDown && !down ? 'HC3' : 'HC1';
    // A check that moves nothing is not written (HAProxy logs one only when it changes something: check.c:516-536).
    if (h.health === before) {
      this.queueCheck(h, this.interOf(h));
      return;
    }
    const counter = h.health >= c.rise ? `${h.health - c.rise + 1}/${c.fall} UP` : `${h.health}/${c.rise} DOWN`;
    const conds: Condition[] = [
      { label: passed ? 'check passed' : 'check failed', value: how },
      { label: 'health before', value: before },
      { label: 'health after (UP from rise)', value: h.health },
      { label: 'rise', value: c.rise },
      { label: 'fall', value: c.fall },
    ];
    const message = decision === 'HC2'
      ? `${how}: server ${h.server.name} is DOWN (${counter}); load balancing leaves it out`
      : decision === 'HC3'
        ? `${how}: server ${h.server.name} is UP again (${counter})`
        : `${passed ? 'passed' : 'failed'} (${how}), ${counter}`;
    this.emit({ kind: 'server.check', decision, server: h.server.name, backend: h.backend.name, state: down ? 'down' : 'up', message, conds });
    if (decision !== 'HC1') this.serverStateChanged(h.backend, h.server, !down);
    this.queueCheck(h, this.interOf(h));
  }
}
