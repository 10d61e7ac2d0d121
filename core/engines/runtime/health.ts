import { checkStatusAt, expectPasses, refusesAt, type BackendConfig, type HealthCheck, type ServerConfig } from '../../model/config';
import type { Condition } from '../../trace/events';
import { since } from '../../model/names';
import { SimServers } from './servers';

/** A checked server's counter: 0 … rise + fall - 1, UP while at least `rise` (struct check's health). */
interface Health {
  readonly server: ServerConfig;
  readonly backend: BackendConfig;
  readonly check: HealthCheck;
  health: number;
  /** `observe`: errors in a row seen in the traffic (consecutive_errors). */
  errors: number;
  /** A check is running (its connection open). */
  running: boolean;
  /** The queued next check's number: bringing it forward (on-error, fastinter) queues another and drops this one. */
  next: number;
  /** When the queued next check starts (µs). */
  nextAt: number;
}

/** What the traffic tells `observe` (HANA_STATUS_*, check.h of v2.6.0). */
export type Observed = 'l4-error' | 'l4-ok' | 'http-ok' | 'http-error';
const OBSERVED: Record<Observed, { readonly desc: string; readonly layer4: 0 | 1 | 2; readonly layer7: 0 | 1 | 2 }> = {
  // analyze_statuses (check.c:78-91 of v2.6.0): 1 an error, 2 clears the count, 0 not looked at.
  'l4-ok': { desc: 'L4 successful connection', layer4: 2, layer7: 0 },
  'l4-error': { desc: 'L4 unsuccessful connection', layer4: 1, layer7: 1 },
  'http-ok': { desc: 'Correct http response', layer4: 0, layer7: 2 },
  'http-error': { desc: 'Wrong http response', layer4: 0, layer7: 1 },
};

/** Entries of the queue that are health checks (a run ends when nothing else is left). */
const SRV_CHK_INTER_THRES_US = 1_000_000;

/**
 * Health checks (`server … check`): each checked server is checked on its own timer, and its
 * state (UP, DOWN) moves with the results as check.c of v2.6.0 counts them (the same logic at
 * 7c6f8b146, checks.c); a DOWN server is left out of `usableServers` and load balancing.
 */
export abstract class SimHealth extends SimServers {
  private readonly checked: Health[] = [];
  /** Checked servers with `observe`, by server: asked on every response when `observing`. */
  private readonly observers = new Map<ServerConfig, Health>();
  /** Some checked server observes its traffic (a run without answers every response at once). */
  protected observing = false;
  /** The servers that `track` a server, by its run name (srv->trackers). */
  private readonly trackers = new Map<string, { readonly server: ServerConfig; readonly backend: BackendConfig }[]>();
  /** Backends with a checked or tracking server. */
  private readonly healthBackends = new Set<BackendConfig>();

  /** Queues every checked server's first check (start_checks, check.c:1416-1500; start_check_task, 1375-1402). */
  protected override starting(): void {
    // `init-state` came in 3.2 (50322dff8), but 3.2.0 reads it only when a server leaves maintenance:
    // it starts the server as written since 18c5cd667 (3.4; the compiler warns at 3.2). The releases
    // before 3.2 refuse it.
    const initStates = this.config.engine === 'modern' && since(this.config.modernVersion, '3.4');
    for (const be of this.config.backends)
      for (const s of be.servers) {
        if (!s.check || s.disabled) continue;
        const init = initStates ? s.check.initState : undefined;
        this.checked.push({ server: s, backend: be, check: s.check, health: initialHealth(s.check, init), errors: 0, running: false, next: 0, nextAt: 0 });
        if (init === 'down' || init === 'fully-down') this.startsDown(be, s, init);
      }
    for (const h of this.checked) if (h.check.observe) this.observers.set(h.server, h);
    this.observing = this.observers.size > 0;
    for (const be of this.config.backends)
      for (const s of be.servers) {
        if (s.tracks === undefined || s.disabled) continue;
        const list = this.trackers.get(s.tracks) ?? [];
        list.push({ server: s, backend: be });
        this.trackers.set(s.tracks, list);
        this.healthBackends.add(be);
      }
    for (const h of this.checked) this.healthBackends.add(h.backend);
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

  /** A server whose `init-state` starts it DOWN: in the trace at the start, then as a check would have left it. */
  private startsDown(be: BackendConfig, s: ServerConfig, init: 'down' | 'fully-down'): void {
    const c = s.check!;
    const need = init === 'down' ? 1 : c.rise;
    this.emit({
      kind: 'server.check', decision: 'HC2', server: s.name, backend: be.name, state: 'down',
      message: `init-state ${init}: server ${s.name} starts DOWN; ${need === 1 ? 'one passed check brings' : `${need} passed checks in a row bring`} it UP`,
      conds: [{ label: 'init-state', value: init }, { label: 'health', value: initialHealth(c, init) }, { label: 'rise', value: c.rise }],
    });
    this.serverStateChanged(be, s, 'down');
  }

  /** The backend has a checked server (its round robin takes the weighted wheel, which follows servers going down and up). */
  hasChecks(be: BackendConfig): boolean {
    // Asked per request: a run without checks answers at once.
    return this.healthBackends.size > 0 && this.healthBackends.has(be);
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
    const no = ++h.next;
    h.nextAt = this.now + delayUs;
    this.atBackground(delayUs, () => {
      if (no !== h.next) return;
      // Nothing but checks (and the pools' purge) left: the scenario is over, and so are they.
      if (!this.othersPending(this.backgroundQueued)) return;
      this.runCheck(h);
    });
  }

  /**
   * `observe` (health_adjust, check.c:627-700 of v2.6.0; checks.c at 7c6f8b146): what the traffic
   * to server `s` showed. An error counts; `errorLimit` in a row run `onError`, as a check would.
   */
  protected observed(s: ServerConfig, what: Observed): void {
    const h = this.observers.get(s);
    if (!h) return;
    const o = h.check.observe!;
    const v = OBSERVED[what][o.mode];
    if (v === 0) return;
    if (v === 2) {
      h.errors = 0;
      return;
    }
    if (++h.errors < o.errorLimit) return;
    const how = `Detected ${h.errors} consecutive errors, last one was: ${OBSERVED[what].desc} (observe ${o.mode}, on-error ${o.onError})`;
    const c = h.check;
    if (o.onError === 'sudden-death' && h.health > c.rise) h.health = c.rise + 1;
    if (o.onError === 'mark-down') h.health = c.rise;
    if (o.onError !== 'fastinter') this.checkDone(h, 'failed', how, false);
    h.errors = 0;
    // Every action brings the next check forward to `fastinter`, when it is set and sooner (not while one runs).
    // (The check queued before stays in the queue, and is dropped when its time comes.)
    if (c.fastinterUs > 0 && !h.running && this.now + c.fastinterUs < h.nextAt) this.queueCheck(h, c.fastinterUs);
  }

  /**
   * One check: a connection (and with option httpchk a request) to the server; the next one after
   * it ends. Its connection is the server's while it lasts (conn_new, srv_use_conn), refused or not.
   */
  private runCheck(h: Health): void {
    const s = h.server;
    const c = h.check;
    this.algo.checkConn?.(this, s, true);
    h.running = true;
    const end = (after: number, how: () => CheckResult) => {
      this.at(after, () => {
        this.algo.checkConn?.(this, s, false);
        h.running = false;
        const r = how();
        this.checkDone(h, r.condpass ? 'condpass' : r.passed ? 'passed' : 'failed', r.how, true);
      });
    };
    if (refusesAt(s, this.now)) return end(0, () => FAILED_REFUSED);
    // The connect may take `inter`, or with `timeout check` the smaller of it and `timeout connect`
    // (tcpcheck.c:1271-1281 of v2.6.0; checks.c:2022-2030 at 7c6f8b146).
    const connectLimit = c.timeoutUs > 0 && c.connectTimeoutUs > 0 ? Math.min(c.interUs, c.connectTimeoutUs) : c.interUs;
    if (s.connectUs >= connectLimit) return end(connectLimit, () => FAILED_L4_TIMEOUT);
    if (!c.http) return end(s.connectUs, () => PASSED_CONNECT);
    // Once connected and the request sent, the answer may take `timeout check`, else what is left of
    // `inter` from the start (tcpcheck.c:1312-1313; checks.c:781-784).
    const readLimit = c.timeoutUs > 0 ? c.timeoutUs : c.interUs - s.connectUs;
    if (s.responseUs >= readLimit) return end(s.connectUs + readLimit, () => FAILED_L7_TIMEOUT);
    end(s.connectUs + s.responseUs, () => {
      const status = checkStatusAt(s, this.now);
      return httpCheckResult(c, status, this.down.has(s));
    });
  }

  /**
   * The servers that `track` this one take its new state, and theirs in turn (srv_set_stopped,
   * srv_set_running, srv_set_stopping propagate to s->trackers: server.c:1508-1620 of v2.6.0).
   */
  private trackersFollow(s: ServerConfig, decision: 'HC2' | 'HC3' | 'HC4', state: 'up' | 'down' | 'stopping'): void {
    for (const t of this.trackers.get(s.name) ?? []) {
      const what = state === 'down' ? 'DOWN' : state === 'up' ? 'UP' : 'NOLB';
      this.emit({
        kind: 'server.check', decision, server: t.server.name, backend: t.backend.name, state,
        message: `server ${t.server.name} is ${what} via ${s.name}, which it tracks`,
        conds: [{ label: 'tracks', value: s.name }, { label: `${s.name} is`, value: what }],
      });
      this.serverStateChanged(t.backend, t.server, state);
      this.trackersFollow(t.server, decision, state);
    }
  }

  /**
   * set_server_check_status (check.c:434-525), then check_notify_failure / _success / _stopping
   * (543-625): a conditional pass (`condpass`, disable-on-404) counts as a pass and puts the server in NOLB.
   */
  private checkDone(h: Health, result: 'passed' | 'failed' | 'condpass', how: string, queueNext: boolean): void {
    const c = h.check;
    const wasDown = this.down.has(h.server);
    const wasStopping = this.stopping.has(h.server);
    const before = h.health;
    const passed = result !== 'failed';
    if (passed) {
      // A passed check clears the errors `observe` counts (check.c:508-510).
      h.errors = 0;
      if (h.health < c.rise + c.fall - 1) {
        h.health++;
        if (h.health >= c.rise) h.health = c.rise + c.fall - 1;
      }
    } else if (h.health > 0) {
      h.health--;
      if (h.health < c.rise) h.health = 0;
    }
    const down = h.health < c.rise;
    // Up: a pass takes a NOLB server back, a conditional pass puts it (back) in NOLB, a failure leaves its state.
    const stopping = !down && (result === 'condpass' || (result === 'failed' && wasStopping));
    const state = down ? 'down' : stopping ? 'stopping' : 'up';
    const decision = !wasDown && down ? 'HC2' : stopping && !wasStopping ? 'HC4' : !down && !stopping && (wasDown || wasStopping) ? 'HC3' : 'HC1';
    // A check that moves nothing is not written (HAProxy logs one only when it changes something: check.c:516-536).
    if (h.health === before && decision === 'HC1') {
      if (queueNext) this.queueCheck(h, this.interOf(h));
      return;
    }
    const counter = h.health >= c.rise ? `${h.health - c.rise + 1}/${c.fall} UP` : `${h.health}/${c.rise} DOWN`;
    const conds: Condition[] = [
      { label: result === 'condpass' ? 'check passed on condition (404, disable-on-404)' : passed ? 'check passed' : 'check failed', value: how },
      { label: 'health before', value: before },
      { label: 'health after (UP from rise)', value: h.health },
      { label: 'rise', value: c.rise },
      { label: 'fall', value: c.fall },
    ];
    const message = decision === 'HC2'
      ? `${how}: server ${h.server.name} is DOWN (${counter}); load balancing leaves it out`
      : decision === 'HC3'
        ? `${how}: server ${h.server.name} is UP again (${counter})`
        : decision === 'HC4'
          ? `${how}: server ${h.server.name} drains (NOLB, ${counter}); load balancing leaves it out, persistence still reaches it`
          : `${passed ? 'passed' : 'failed'} (${how}), ${counter}${stopping ? ', NOLB' : ''}`;
    this.emit({ kind: 'server.check', decision, server: h.server.name, backend: h.backend.name, state, message, conds });
    if (decision !== 'HC1') {
      this.serverStateChanged(h.backend, h.server, state);
      if (state === 'down' && c.shutdownSessions) this.shutdownStreams(h.server);
      // A server that can take connections again: the backup servers' streams are shut (server.c:5259-5267 of v2.6.0).
      if (state === 'up' && c.shutdownBackupSessions && !h.server.backup && (h.server.weight ?? 1) > 0) {
        for (const b of h.backend.servers) if (b.backup) this.shutdownStreams(b, h.server);
      }
      this.trackersFollow(h.server, decision, state);
    }
    if (queueNext) this.queueCheck(h, this.interOf(h));
  }
}

/**
 * The health a checked server starts at (srv_set_init_state, include/haproxy/server.h:281-309 of
 * v3.4.0): `rise` (UP, one failure from DOWN) unless its `init-state` says otherwise.
 */
function initialHealth(c: HealthCheck, init: HealthCheck['initState']): number {
  switch (init) {
    case 'fully-up': return c.rise + c.fall - 1;
    case 'down': return c.rise - 1;
    case 'fully-down': return 0;
    default: return c.rise;
  }
}

/** A check's outcome: `condpass` a pass on condition (disable-on-404: NOLB). */
interface CheckResult {
  readonly passed: boolean;
  readonly condpass?: boolean;
  readonly how: string;
}

const FAILED_REFUSED = { passed: false, how: 'connection refused' } as const;
const FAILED_L4_TIMEOUT = { passed: false, how: 'Layer4 timeout: not connected in time' } as const;
const FAILED_L7_TIMEOUT = { passed: false, how: 'Layer7 timeout: no answer in time' } as const;
const PASSED_CONNECT = { passed: true, how: 'connection established' } as const;

/**
 * An HTTP check's answer: each `http-check expect` must pass (tcpcheck_eval_expect_http,
 * tcpcheck.c:1692-1716 of v2.6.0; httpchk_expect, checks.c:2444-2458 at 7c6f8b146); without one,
 * 200 to 399 pass (the implicit rule, tcpcheck.c:3694-3709).
 */
export function httpCheckResult(c: HealthCheck, status: number, serverDown: boolean): CheckResult {
  // disable-on-404: a 404 from a server that is not DOWN passes on condition (tcpcheck.c:1676-1685 of v2.6.0; checks.c:893-897 at 7c6f8b146).
  if (c.disable404 && status === 404 && !serverDown) return { passed: true, condpass: true, how: 'HTTP status 404' };
  if (!c.expects) return { passed: status >= 200 && status < 400, how: `HTTP status ${status}` };
  const failed = c.expects.find((e) => !expectPasses(e, status));
  return failed ? { passed: false, how: `HTTP status ${status} fails expect ${failed.text}` } : { passed: true, how: `HTTP status ${status} passes expect ${c.expects.map((e) => e.text).join(', ')}` };
}
