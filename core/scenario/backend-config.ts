/**
 * From a backend section, as the compiler gathered it (its settings after `defaults`, its server
 * lines), to the BackendConfig the engines run: the balance and its arguments, each server's
 * options and emulated behaviour, the destination that is not a server (R6). What an engine's
 * HAProxy did not have is a warning here. Pure; used by compile.ts.
 */
import type { ConfigSection, EngineName, HealthOption, ModernOption, ReuseMode, ServerOptions, Span, Word } from './ast';
import {
  DEFAULT_CONNECT_US, DEFAULT_MAX_REUSE, DEFAULT_POOL_LOW_CONN, DEFAULT_POOL_MAX_CONN, DEFAULT_POOL_PURGE_DELAY_US,
  DEFAULT_RESPONSE_US, DEFAULT_SERVER_MAX_STREAMS, HEALTH_DEFAULTS, type Balance, type BackendConfig, type HealthCheck, type ServerConfig, type UseSrc,
} from '../model/config';
import { healthFields, modernFields, type ServerFields } from './grammar/server-options';
import type { ServerBehaviourFields } from './grammar/server-props';
import type { Settings } from './grammar/settings';
import { notAtCommit, PROTO_H2_REFUSED } from './modern';
import { checkExpects } from './grammar/http-check';
import { REFUSED_CODE } from './grammar/report';
import { parseSampleExpr } from './routing/sampleExpr';
import type { SampleExpr } from '../model/routing';

/** A `server` line of a proxy section. */
export interface ServerDecl {
  readonly name: Word;
  readonly addr: string;
  readonly options: ServerOptions;
  /** The modern options of the `default-server` lines in force (defaults section, then this section's, above the line). */
  readonly inherited: readonly ModernOption[];
  /** The health-check options of those lines. */
  readonly inheritedHealth: readonly HealthOption[];
  /** What its options and those lines' make of it (send-proxy, weight, backup …). */
  readonly fields: ServerFields;
}

/** A proxy section (frontend, backend, listen) with what it sets after `defaults`. */
export interface Proxy {
  readonly section: ConfigSection;
  readonly name: Word;
  /** The defaults in force when the section started. */
  readonly base: Settings;
  readonly settings: Settings;
  readonly servers: ServerDecl[];
  /** `dispatch ADDR` (R6): a destination that is not a server. */
  dispatch: string | null;
  /** The `defaults` section in force when the section started. */
  readonly defaultsSection: ConfigSection | null;
}

type Warn = (code: string, span: Span, message: string) => void;

export interface BackendContext {
  readonly engine: EngineName;
  /** The engine's `http-reuse` when the backend says none. */
  readonly defaultReuse: ReuseMode;
  /** A server's emulated behaviour (the `servers` section). */
  readonly behaviours: (name: string, backend: string) => ServerBehaviourFields;
  /** Server names that more than one backend declares: such a server's run name is `BACKEND/NAME`. */
  readonly sharedNames: ReadonlySet<string>;
  /** `option transparent` lines already warned about (a defaults line is shared by its backends). */
  readonly transparentWarned: Set<number>;
  /** `http-check` lines already warned about (by where they start): the same. */
  readonly checkWarned: Set<number>;
  readonly warn: Warn;
}

export function backendConfig(b: Proxy, ctx: BackendContext): BackendConfig {
  const c = backendFields(b, ctx);
  if (ctx.engine === 'modern') warnProxyH2Stall(b, c, ctx.warn);
  warnCookieUnset(b, c, ctx.warn);
  return c;
}

/**
 * What verify found in every release from 2.6.12 to 3.4.0: an HTTP/2 server connection with
 * `send-proxy` that a second stream joins before it is established (http-reuse aggressive or
 * always, an HTTP/2 client's concurrent requests) never sends anything, not even the PROXY line,
 * and its requests are never answered. The engine does not model the stall: a warning says so.
 */
function warnProxyH2Stall(b: Proxy, c: BackendConfig, warn: Warn): void {
  if (c.reuse !== 'aggressive' && c.reuse !== 'always') return;
  for (const s of c.servers) {
    if (!s.sendProxy || s.proto !== 'h2') continue;
    const decl = b.servers.find((d) => d.name.text === s.name)!;
    warn(
      'binary-stall', decl.name.span,
      `HAProxy would stall ${s.name}'s HTTP/2 connection if a second request joined it before it is established (send-proxy with http-reuse ${c.reuse}): ` +
        'no request is ever sent on it (up to 3.2 not even the PROXY line), and its requests get no response (seen with 2.6.12, 2.8.0, 3.0.0, 3.2.0 and 3.4.0); the simulation does not model the stall',
    );
  }
}

/**
 * `cookie NAME prefix|rewrite` changes the cookie NAME a server sets: the emulated servers set one
 * only with a `servers` line `S set-cookie NAME`. Without one in the backend it has no effect.
 */
function warnCookieUnset(b: Proxy, c: BackendConfig, warn: Warn): void {
  const ck = c.cookie;
  if (!ck?.mode || c.servers.some((s) => s.setCookie === ck.name)) return;
  const d = b.section.directives.find((x) => x.words[0]?.text === 'cookie');
  warn(
    'not-modelled', d ? { from: d.words[1]!.span.from, to: d.words[d.words.length - 1]!.span.to } : b.name.span,
    `'cookie ${ck.name} ${ck.mode}' changes the cookie ${ck.name} a server sets, and no emulated server of backend '${c.name}' sets one: no effect in the simulation; add a \`servers\` line \`SERVER set-cookie ${ck.name}\``,
  );
}

function backendFields(b: Proxy, ctx: BackendContext): BackendConfig {
  const { engine, warn } = ctx;
  const check = backendCheck(b, ctx);
  return {
    name: b.name.text,
    reuse: b.settings.reuse ?? ctx.defaultReuse,
    ...balanceOf(b.settings, engine),
    ...(b.settings.hashType ? { hashType: b.settings.hashType } : {}),
    httpMode: b.settings.httpMode,
    preferLastServer: b.settings.preferLastServer,
    ...(b.settings.allBackups ? { allBackups: true } : {}),
    usesrc: b.settings.usesrc,
    servers: b.servers.map((s): ServerConfig => ({
      // A plain first property, not a spread: an object literal that starts with a spread is built
      // property by property, out of its in-object slots, and every read of a server's field on the
      // hot path got slower (totals only 0.7-0.8× in the bench).
      name: ctx.sharedNames.has(s.name.text) ? `${b.name.text}/${s.name.text}` : s.name.text,
      ...(ctx.sharedNames.has(s.name.text) ? { written: s.name.text } : {}),
      addr: s.addr,
      sendProxy: s.fields.sendProxy,
      sni: s.fields.sni !== null,
      ...sniExpr(s, b.settings.tcp, warn),
      ...poolConnName(s, warn),
      ...(s.fields.strictMaxconn ? { strictMaxconn: true as const } : {}),
      // A server's own `source` replaces the backend's (as srv->conn_src does in HAProxy).
      usesrc: s.fields.usesrc ?? b.settings.usesrc,
      disabled: s.fields.disabled,
      ...(s.fields.backup ? { backup: true } : {}),
      ...(s.options.id !== null ? { id: s.options.id.value } : {}),
      ...(s.fields.cookie !== null ? { cookie: s.fields.cookie } : {}),
      ...serverWeight(s.fields.weight, b.settings.balance, engine, warn),
      ...serverModernFields(s, engine, warn),
      ...serverCheck(s, check, warn),
      ...ctx.behaviours(s.name.text, b.name.text),
    })),
    ...nonServerTarget(b, ctx.transparentWarned, warn),
    timeouts: { connect: b.settings.timeouts.connect, server: b.settings.timeouts.server, ...(b.settings.timeouts.tunnel > 0 ? { tunnel: b.settings.timeouts.tunnel } : {}) },
    ...queueTimeout(b, engine),
    ...(b.settings.hashBalanceFactor > 0 ? { hashBalanceFactor: b.settings.hashBalanceFactor } : {}),
    ...(engine === 'modern' && b.settings.abortOnClose !== null ? { abortOnClose: b.settings.abortOnClose } : {}),
    ...(engine === 'modern' && !b.settings.balanceWritten ? { balanceDefault: true } : {}),
    retries: b.settings.retries,
    ...(b.settings.retryOn && engine === 'modern' ? { retryOn: b.settings.retryOn } : {}),
    ...(b.settings.redispatch !== 0 ? { redispatch: b.settings.redispatch } : {}),
    // A backend in mode tcp has no cookie (HAProxy ignores it: cfgparse.c:3590-3712 of v2.6.0).
    ...(b.settings.cookie && !b.settings.tcp ? { cookie: b.settings.cookie } : {}),
    ...(b.settings.tcp ? { tcp: true } : {}),
  };
}

/** What a backend sets for its servers' checks: HTTP or not, the expect rules, the timeouts. */
type BackendCheck = Pick<HealthCheck, 'http' | 'expects' | 'timeoutUs' | 'connectTimeoutUs' | 'disable404'>;

function backendCheck(b: Proxy, ctx: BackendContext): BackendCheck {
  const s = b.settings;
  const expects = checkExpects(s.httpChecks, ctx.engine, REFUSED_CODE, ctx.warn, ctx.checkWarned);
  // Rules of the section's own without `option httpchk`: HAProxy 2.6 warns and ignores them (cfgparse.c:2767-2771 of v2.6.0).
  const own = s.httpChecks.find((l) => !l.inherited && l.kind !== 'option');
  if (!s.httpCheck && own && ctx.engine === 'modern' && !ctx.checkWarned.has(own.span.from)) {
    ctx.checkWarned.add(own.span.from);
    ctx.warn('no-effect', own.span, `HAProxy would warn that backend '${b.name.text}' uses http-check rules without 'option httpchk', so the rules are ignored (as the simulation does)`);
  }
  return { http: s.httpCheck, ...(s.httpCheck && expects ? { expects } : {}), ...(s.httpCheck && s.disable404 ? { disable404: true } : {}), timeoutUs: s.timeouts.check, connectTimeoutUs: s.timeouts.connect };
}

/** `check` and its timers (defaults: HEALTH_DEFAULTS; fastinter and downinter 0, read as inter). */
function serverCheck(s: ServerDecl, b: BackendCheck, warn: Warn): { check?: HealthCheck } {
  const f = healthFields([...s.inheritedHealth, ...s.options.health]);
  if (!f.on) {
    // health_adjust looks at a server with checks only (check.h:114-120 of v2.6.0).
    const o = s.options.health.find((h) => h.name === 'observe' && h.value > 0);
    if (o) warn('no-effect', o.span, `'observe' has no effect on server '${s.name.text}' without 'check': HAProxy observes the traffic of checked servers only`);
    return {};
  }
  return {
    check: {
      interUs: f.interUs ?? HEALTH_DEFAULTS.interUs, fastinterUs: f.fastinterUs ?? 0, downinterUs: f.downinterUs ?? 0,
      rise: f.rise ?? HEALTH_DEFAULTS.rise, fall: f.fall ?? HEALTH_DEFAULTS.fall, ...b,
      ...(f.shutdownSessions ? { shutdownSessions: true } : {}),
      ...(f.shutdownBackupSessions ? { shutdownBackupSessions: true } : {}),
      ...(f.initState && f.initState !== 'none' ? { initState: f.initState } : {}),
      ...(f.observe && f.observe !== 'none'
        ? { observe: { mode: f.observe, errorLimit: f.errorLimit ?? HEALTH_DEFAULTS.errorLimit, onError: f.onError ?? HEALTH_DEFAULTS.onError } }
        : {}),
    },
  };
}

/**
 * How long a request may wait for a server slot: `timeout queue`, else `timeout connect`
 * (cfgparse.c:3368-3369 of v2.6.0). Only for the modern engine's queues (a server with a maxconn).
 */
function queueTimeout(b: Proxy, engine: EngineName): { queueTimeoutUs?: number } {
  if (engine !== 'modern') return {};
  // A minconn alone becomes the maxconn (dynamicLimit).
  const capped = b.servers.some((s) => [...s.inherited, ...s.options.modern].some((o) => (o.name === 'maxconn' || o.name === 'minconn') && Number(o.value) > 0));
  if (!capped) return {};
  const t = b.settings.timeouts;
  return { queueTimeoutUs: t.queue > 0 ? t.queue : t.connect };
}

/** The balance and its arguments; at seed and parent without what 1.9 did not have (compile.ts warns where it is written). */
function balanceOf(s: Settings, engine: EngineName): Pick<BackendConfig, 'balance' | 'balanceArgs'> {
  if (engine !== 'modern' && (s.balance === 'hash' || s.balance === 'random' || s.balance === 'sticky')) return { balance: 'roundrobin' };
  const args = engine !== 'modern' && s.balanceArgs?.pathOnly ? { ...s.balanceArgs, pathOnly: false } : s.balanceArgs;
  return { balance: s.balance, ...(args ? { balanceArgs: args } : {}) };
}

/** The `sni` expression, read as a sample expression (one the simulation cannot read: a warning, one SNI for every request). */
function sniExpr(s: ServerDecl, tcp: boolean, warn: Warn): { sniExpr?: SampleExpr; ssl?: true; autoSniExpr?: SampleExpr } {
  const sni = s.fields.sni;
  const ssl = s.fields.ssl ? { ssl: true as const } : {};
  // HAProxy 3.3+: an HTTP backend's TLS server without `sni` takes this one (proxy.c:2583-2597 of v3.4.0).
  if (!sni) return s.fields.ssl && !tcp && !s.fields.noSniAuto ? { ...ssl, autoSniExpr: AUTO_SNI } : ssl;
  const p = parseSampleExpr(sni.expr);
  if (p.expr && !p.unmodelled) return { sniExpr: p.expr, ...ssl };
  const what = p.unmodelled ? `the ${p.unmodelled} is not modelled` : `the expression '${sni.expr}' cannot be read, so it is not modelled`;
  warn('not-modelled', sni.span, `sni: ${what}; the simulation gives every request of server '${s.name.text}' the same SNI`);
  return ssl;
}
/** `pool-conn-name EXPR`, read as a sample expression (one the simulation cannot read: a warning, left out). */
function poolConnName(s: ServerDecl, warn: Warn): { poolConnNameExpr?: SampleExpr } {
  const n = s.fields.poolConnName;
  if (!n) return {};
  const p = parseSampleExpr(n.expr);
  if (p.expr && !p.unmodelled) return { poolConnNameExpr: p.expr };
  const what = p.unmodelled ? `the ${p.unmodelled} is not modelled` : `the expression '${n.expr}' cannot be read, so it is not modelled`;
  warn('not-modelled', n.span, `pool-conn-name: ${what}; ignored by the simulation`);
  return {};
}
const AUTO_SNI = parseSampleExpr('req.hdr(host),field(1,:)').expr!;

/** A server's weight: modelled by roundrobin (../engines/lb-fwrr.ts), the maps and rings (../engines/hash-balance.ts) and modern's leastconn. */
function serverWeight(w: ServerFields['weight'], balance: Balance, engine: EngineName, warn: Warn): { weight?: number } {
  if (w === null) return {};
  // The modern engine's leastconn tree has the weights (../engines/modern-lb.ts); seed and parent count connections.
  if ((balance === 'first' || (balance === 'leastconn' && engine !== 'modern')) && w.value !== 1) {
    warn('not-modelled', w.span, `weight is not modelled with balance ${balance}${balance === 'leastconn' ? ` at engine ${engine}` : ''}: the simulation gives every server the same share (weights are modelled with roundrobin, static-rr, source, uri, url_param, hdr, and leastconn at engine modern)`);
  }
  return { weight: w.value };
}

/** The modern engine's server fields at their defaults (HAProxy 2.6). */
const MODERN_SERVER_DEFAULTS = {
  proto: 'h1', maxReuse: DEFAULT_MAX_REUSE, poolMaxConn: DEFAULT_POOL_MAX_CONN, poolLowConn: DEFAULT_POOL_LOW_CONN,
  poolPurgeDelayUs: DEFAULT_POOL_PURGE_DELAY_US,
} as const satisfies Partial<ServerConfig>;
type ModernServerFields = { -readonly [K in keyof typeof MODERN_SERVER_DEFAULTS]: ServerConfig[K] };

/**
 * The modern server options of a server line. The modern engine takes them as written (the last
 * one wins, as in HAProxy's keyword parser); seed and parent did not have them: a warning each,
 * and the defaults.
 */
function serverModernFields(s: ServerDecl, engine: EngineName, warn: Warn): ModernServerFields {
  // default-server lines were warned about where they are written (compile.ts olderEngineDirectives).
  if (engine === 'modern') return dynamicLimit(modernFields<ModernServerFields>({ ...MODERN_SERVER_DEFAULTS }, [...s.inherited, ...s.options.modern]));
  for (const o of s.options.modern) olderEngineOption(o, engine, warn);
  return { ...MODERN_SERVER_DEFAULTS };
}

/**
 * maxconn and minconn as HAProxy settles them (cfgparse.c:3480-3489 of v2.6.0): a minconn above
 * the maxconn (or without one) becomes the maxconn; a maxconn without minconn is a fixed limit.
 * `minconn` stays only when it is below the maxconn: a limit that moves with the backend's load.
 */
function dynamicLimit<F extends object>(f: F): F {
  const { minconn, ...rest } = f as { minconn?: number; maxconn?: number };
  if (minconn === undefined || minconn === 0) return rest as F;
  const maxconn = (f as { maxconn?: number }).maxconn ?? 0;
  if (minconn > maxconn) return { ...rest, maxconn: minconn } as F;
  return minconn < maxconn ? f : (rest as F);
}

/** A modern server option at seed or parent: a warning (`proto h1` says nothing: the only protocol they spoke to a server). */
export function olderEngineOption(o: ModernOption, engine: Exclude<EngineName, 'modern'>, warn: Warn): void {
  // maxconn and maxqueue existed at those commits; only the modern engine has the queues.
  if (o.name === 'maxconn' || o.name === 'maxqueue' || o.name === 'minconn')
    warn('not-modelled', o.span, `server option '${o.name}' is not modelled at engine ${engine}: it never queues requests, so a server may get more than ${o.value} at once (engine modern models it)`);
  else if (o.name !== 'proto') warn('not-in-engine', o.span, notAtCommit(o.name, engine));
  else if (o.value === 'h2') warn('not-in-engine', o.span, PROTO_H2_REFUSED);
}

/** A destination that is not a server (R6): `dispatch ADDR`, or the original destination of `option transparent`. */
function pseudoTarget(name: 'dispatch' | 'transparent', addr: string, usesrc: UseSrc): ServerConfig {
  return {
    name, addr, sendProxy: false, sni: false, usesrc, disabled: false,
    connectUs: DEFAULT_CONNECT_US, responseUs: DEFAULT_RESPONSE_US, closeAfter: 0, finAfter: 0, idleTimeoutUs: 0, auth: null,
    refuse: false, ...MODERN_SERVER_DEFAULTS, maxStreams: DEFAULT_SERVER_MAX_STREAMS, dispatch: true,
  };
}

/** `dispatch ADDR`, else `option transparent` in a backend without server (R6). */
function nonServerTarget(b: Proxy, warned: Set<number>, warn: Warn): { dispatch?: ServerConfig } {
  if (b.dispatch) return { dispatch: pseudoTarget('dispatch', b.dispatch, b.settings.usesrc) };
  const t = b.settings.transparent;
  if (!t) return {};
  if (b.servers.length === 0) return { dispatch: pseudoTarget('transparent', 'original destination', b.settings.usesrc) };
  if (!warned.has(t.from)) {
    warned.add(t.from);
    warn('not-modelled', t, `option transparent in a backend with servers is not modelled: the simulation balances requests over the servers (only a backend with no server sends them to the original destination)`);
  }
  return {};
}
