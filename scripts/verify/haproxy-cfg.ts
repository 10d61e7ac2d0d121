/**
 * The haproxy.cfg a scenario means, for a real binary: what the engine reads from the scenario
 * (SimConfig) written back as HAProxy keywords, on loopback ports chosen at run time. The layout
 * follows the oracle's (shared/oracle/README.md): one thread, `frontend fe` with an HTTP/1 bind
 * and a cleartext HTTP/2 bind (`proto h2`), the backends as the scenario has them. Timeouts are
 * multiplied by the run's scale. Seed and parent ignore the 2.x server keywords (the engine
 * warns), so the configuration for those binaries leaves them out.
 */
import { writtenName, type BackendConfig, type HttpMode, type ServerConfig, type SimConfig } from '../../core/model/config';
import { printBalance, printHashType } from '../../core/scenario/grammar/balance';
import { since } from '../../core/model/names';
import { TARGET_HEADER } from './servers';
import { poolFds } from '../../core/scenario/pool-fds';
import {
  DEFAULT_CONNECT_US, DEFAULT_H2_MAX_STREAMS, DEFAULT_MAX_REUSE, DEFAULT_MAX_SESSION_SRV_CONNS, DEFAULT_POOL_LOW_CONN,
  DEFAULT_POOL_MAX_CONN, DEFAULT_POOL_PURGE_DELAY_US,
} from '../../core/model/config';

export interface CfgPorts {
  readonly h1: number;
  readonly h2: number;
  /** Port of each emulated server (a refusing server gets a port nobody listens on). */
  readonly servers: ReadonlyMap<string, number>;
  /** Where each health-checked server takes its checks (`check … port N`), by name. */
  readonly checks?: ReadonlyMap<string, number>;
}

/** What a real run cannot reproduce: errors make verify refuse the scenario (exit 2), notes are printed. */
export interface Reproducible {
  readonly errors: string[];
  readonly notes: string[];
}

/** Every server and dispatch target of the configuration, with its backend. */
export function targetsOf(config: SimConfig): { server: ServerConfig; backend: BackendConfig }[] {
  return config.backends.flatMap((b) => [...b.servers, ...(b.dispatch ? [b.dispatch] : [])].map((server) => ({ server, backend: b })));
}

/**
 * What the binary (its build options, `haproxy -vv`) and this process (its capabilities) need to run
 * the configuration: `sni` is hashed on a cleartext connection too (backend.c:1360-1398 of v2.6.0),
 * but only a build with OpenSSL reads the keyword; `usesrc clientip` binds to the client's address
 * (TPROXY, and IP_TRANSPARENT needs CAP_NET_ADMIN); `usesrc client` would bind to the client's own
 * port too, which the client holds on loopback; `hdr_ip` to an address from a header, not local.
 */
export interface Capabilities {
  readonly openssl: boolean;
  readonly tproxy: boolean;
}

export function reproducible(config: SimConfig, can: Capabilities = { openssl: true, tproxy: true }): Reproducible {
  const errors: string[] = [];
  const notes: string[] = [];
  for (const { server: s } of targetsOf(config)) {
    if (s.sni && !can.openssl) errors.push(`server ${s.name}: this HAProxy is built without OpenSSL ('-vv': -OPENSSL) and refuses 'sni'`);
    else if (s.sni && !s.sniExpr) errors.push(`server ${s.name}: the 'sni' expression is not modelled, so the engine cannot tell which requests share an SNI`);
    else if (s.sni) notes.push(`server ${s.name}: 'sni' on a cleartext connection: HAProxy hashes the SNI all the same, and sends none`);
    // Verify's servers speak cleartext (verbatim-cfg.ts drops `ssl`): before 3.3 that changes nothing in reuse.
    if (s.ssl && since(config.modernVersion, '3.4')) errors.push(`server ${s.name}: 'ssl' makes the SNI (by default the Host) part of the connection's hash at 3.4, and verify's servers speak cleartext`);
    if (s.usesrc === 'client') errors.push(`server ${s.name}: 'usesrc client' binds to the client's own port, which the client holds on loopback; verify can run 'usesrc clientip'`);
    if (s.usesrc === 'hdr_ip') errors.push(`server ${s.name}: 'usesrc hdr_ip' binds to an address from a header, which is not on this machine`);
    if (s.usesrc === 'clientip' && !can.tproxy) errors.push(`server ${s.name}: 'usesrc clientip' needs a HAProxy built with TPROXY and CAP_NET_ADMIN (IP_TRANSPARENT) here`);
    if (s.dispatch && s.name === 'transparent') errors.push(`'option transparent' sends requests to the client's original destination; verify cannot reproduce one on loopback`);
    if (s.connectUs !== DEFAULT_CONNECT_US) notes.push(`server ${s.name}: connect-time is not emulated (a loopback connect takes well under a millisecond)`);
  }
  if (since(config.modernVersion, '3.2') && config.backends.some((b) => b.balance === 'leastconn' && b.servers.length > 1)) {
    notes.push(`leastconn in HAProxy 3.2 picks at random among equally loaded servers (lb_fwlc.c): the engine draws from the run's seed, the binary at random; a difference in which server such a request went to is chance, not a fault`);
  }
  if (config.engine === 'modern' && config.backends.some((b) => b.balance === 'random' && b.servers.length > 1)) {
    notes.push(`balance random draws at random (lb-random.ts): the engine from the run's seed, the binary from its own generator; a difference in which server a request went to is chance, not a fault`);
  }
  if (config.maxconn && config.maxconn > VERIFY_MAXCONN) {
    notes.push(`global maxconn ${config.maxconn} is written ${VERIFY_MAXCONN} (this machine's descriptor limit): the same below ${VERIFY_MAXCONN} client connections and, at engine modern, ${config.poolFds ? `below ${poolFds(VERIFY_MAXCONN, config.poolFds.base - 2).high} descriptors in use` : 'anywhere'}`);
  }
  return { errors, notes };
}

const HTTP_OPTION: Record<HttpMode, string | null> = { 'keep-alive': 'option http-keep-alive', 'server-close': 'option http-server-close', close: 'option httpclose' };

/**
 * The process's maxconn in a real run: the scenario's up to VERIFY_MAXCONN, else that (far above
 * any scenario's clients, and not derived from this machine's `ulimit -n`). Above it HAProxy may
 * not start at all: it needs about two descriptors per connection and cannot raise the limit.
 */
export const VERIFY_MAXCONN = 1000;
export const verifyMaxconn = (config: SimConfig): number => (config.maxconn && config.maxconn <= VERIFY_MAXCONN ? config.maxconn : VERIFY_MAXCONN);

/** `5000` µs at scale 2 → `10ms` (HAProxy's smallest unit is the millisecond). */
export function scaledMs(us: number, scale: number): string {
  return `${Math.max(1, Math.round((us / 1000) * scale))}ms`;
}

/** `targets`: the script names servers (`to SERVER`), so the backends get use-server rules. */
export function haproxyCfg(config: SimConfig, ports: CfgPorts, scale: number, title: string, targets = false): string {
  const modern = config.engine === 'modern';
  // noreuseport: a port another HAProxy took since freePort makes this one fail at start (and verify
  // take other ports), instead of both listening on it and sharing its connections (SO_REUSEPORT).
  const L: string[] = [`# written by npm run verify for ${title}`, 'global', '    nbthread 1', `    maxconn ${verifyMaxconn(config)}`, '    noreuseport'];
  if (config.h2MaxStreams !== DEFAULT_H2_MAX_STREAMS) L.push(`    tune.h2.max-concurrent-streams ${config.h2MaxStreams}`);
  L.push('', 'defaults', '    mode http');
  // abortonclose in the frontend too (2.6 then sees an HTTP/1 client's close): HAProxy takes it from defaults only.
  if (config.frontendAbortOnClose) L.push('    option abortonclose');
  const t = config.timeouts;
  for (const [kw, us] of [['connect', t.connect], ['client', t.client], ['server', t.server], ['http-keep-alive', t.httpKeepAlive], ['http-request', t.httpRequest]] as const)
    if (us > 0) L.push(`    timeout ${kw} ${scaledMs(us, scale)}`);
  // A frontend in mode tcp reads no HTTP: its second port takes the h2 clients' bytes as they come.
  if (config.frontendTcp) L.push('', 'frontend fe', '    mode tcp', `    bind 127.0.0.1:${ports.h1}`, `    bind 127.0.0.1:${ports.h2}`);
  else L.push('', 'frontend fe', `    bind 127.0.0.1:${ports.h1}`, `    bind 127.0.0.1:${ports.h2} proto h2`, `    ${HTTP_OPTION[config.frontendMode]}`);
  // The frontend's own maxconn (FE1, FE2): both binds are its listeners and count together.
  if (config.frontendMaxconn) L.push(`    maxconn ${config.frontendMaxconn}`);
  if (modern && config.maxSessionSrvConns !== DEFAULT_MAX_SESSION_SRV_CONNS) L.push(`    max-session-srv-conns ${config.maxSessionSrvConns}`);
  config.routes.forEach((r, i) => {
    L.push(`    acl route${i} path_beg ${r.pathPrefix}`, `    use_backend ${r.backend} if route${i}`);
  });
  L.push(`    default_backend ${config.defaultBackend}`);
  for (const b of config.backends) {
    const balance = `    ${printBalance({ kind: 'balance', algorithm: b.balance, ...(b.balanceArgs ? { args: b.balanceArgs } : {}) })}`;
    // mode tcp: no http-reuse and no HTTP option (HAProxy would warn and ignore them).
    if (b.tcp) L.push('', `backend ${b.name}`, '    mode tcp', balance);
    else L.push('', `backend ${b.name}`, balance, `    http-reuse ${b.reuse}`, `    ${HTTP_OPTION[b.httpMode]}`);
    if (b.hashType) L.push(`    ${printHashType({ kind: 'hash-type', type: b.hashType })}`);
    if (b.hashBalanceFactor) L.push(`    hash-balance-factor ${b.hashBalanceFactor}`);
    // The servers' dynamic limits: written unless HAProxy computes the same fullconn itself from
    // verify's frontend (a written one, or the default resting on verify's own global maxconn).
    if (b.fullconn !== undefined && b.fullconn !== binaryFullconn(config, b.name)) L.push(`    fullconn ${b.fullconn}`);
    if (b.preferLastServer) L.push('    option prefer-last-server');
    if (b.abortOnClose && !config.frontendAbortOnClose) L.push('    option abortonclose');
    // On by default for HTTP since 3.3: off is written.
    if (b.abortOnClose === false) L.push('    no option abortonclose');
    if (b.allBackups) L.push('    option allbackups');
    // A backend's own timeouts, where they are not the defaults' (stream.c:927-929 of v2.6.0 reads s->be).
    if (b.timeouts && b.timeouts.connect !== t.connect && b.timeouts.connect > 0) L.push(`    timeout connect ${scaledMs(b.timeouts.connect, scale)}`);
    // Connection retries (C3): HAProxy's default is the engine's (3); another count is written.
    if (b.retries !== undefined && b.retries !== 3) L.push(`    retries ${b.retries}`);
    if (b.redispatch) L.push(`    option redispatch${b.redispatch === -1 ? '' : ` ${b.redispatch}`}`);
    // L7 retries (mL1), as written.
    if (b.retryOn) L.push(`    retry-on ${b.retryOn.words.join(' ')}`);
    // Cookie persistence (U2, U3): the clients keep the cookie (clients.ts CookieJar).
    if (b.cookie) L.push(`    cookie ${b.cookie.name} ${b.cookie.mode ?? 'insert'}${b.cookie.postonly ? ' postonly' : ''}`);
    if (b.timeouts && b.timeouts.server !== t.server && b.timeouts.server > 0) L.push(`    timeout server ${scaledMs(b.timeouts.server, scale)}`);
    if (b.timeouts?.tunnel) L.push(`    timeout tunnel ${scaledMs(b.timeouts.tunnel, scale)}`);
    // The queues' wait (modern maxconn): written always, so that the binary's default (timeout connect) plays no part.
    if (b.queueTimeoutUs) L.push(`    timeout queue ${scaledMs(b.queueTimeoutUs, scale)}`);
    // `to SERVER` (A0): the request names its server in a header, a use-server rule applies it.
    if (targets) for (const s of b.servers) L.push(`    use-server ${writtenName(s)} if { req.hdr(${TARGET_HEADER}) -m str ${targetNames(s)} }`);
    // As written: a server the run qualifies (BACKEND/NAME) has its own name in its backend.
    // Every check an HTTP request, so that verify's check listener sees it (servers.ts checkAccept).
    if (b.servers.some((s) => s.check)) L.push('    option httpchk', ...checkLines(b, scale));
    for (const s of b.servers) L.push(`    server ${writtenName(s)} 127.0.0.1:${ports.servers.get(s.name)}${serverOptions(s, modern, scale, config.modernVersion)}${checkOptions(s, ports, scale, config.modernVersion)}${trackOption(config, s)}`);
    if (b.dispatch) L.push(`    dispatch 127.0.0.1:${ports.servers.get(b.dispatch.name)}`);
  }
  return L.join('\n') + '\n';
}

/**
 * The fullconn HAProxy gives backend `name` when none is written, in verify's layout: a tenth of
 * `fe`'s maxconn (its own, else the global one verify writes) for the backends `fe` routes to, else
 * 1 (proxy.c:2518-2584 of v2.6.0; ../../core/scenario/fullconn.ts).
 */
function binaryFullconn(config: SimConfig, name: string): number {
  const reached = name === config.defaultBackend || config.routes.some((r) => r.backend === name);
  return reached ? Math.max(1, Math.floor(((config.frontendMaxconn || verifyMaxconn(config)) + 9) / 10)) : 1;
}

/** The server's options as the binary reads them; those of a later release only where the run follows it (the older ones refuse them). */
function serverOptions(s: ServerConfig, modern: boolean, scale: number, version: SimConfig['modernVersion']): string {
  const o: string[] = [];
  if (s.sendProxy) o.push('send-proxy');
  if (s.sniExpr) o.push(`sni ${s.sniExpr.text}`);
  if (s.usesrc === 'clientip') o.push('source 0.0.0.0 usesrc clientip');
  if (s.disabled) o.push('disabled');
  if (s.backup) o.push('backup');
  if (s.cookie !== undefined) o.push(`cookie ${s.cookie}`);
  if (s.id !== undefined) o.push(`id ${s.id}`);
  if (s.weight !== undefined) o.push(`weight ${s.weight}`);
  if (modern) {
    if (s.proto === 'h2') o.push('proto h2');
    if (s.maxReuse !== DEFAULT_MAX_REUSE) o.push(`max-reuse ${s.maxReuse}`);
    if (s.poolMaxConn !== DEFAULT_POOL_MAX_CONN) o.push(`pool-max-conn ${s.poolMaxConn}`);
    if (s.poolLowConn !== DEFAULT_POOL_LOW_CONN) o.push(`pool-low-conn ${s.poolLowConn}`);
    if (s.maxconn) o.push(`maxconn ${s.maxconn}`);
    if (s.maxqueue) o.push(`maxqueue ${s.maxqueue}`);
    if (s.minconn !== undefined) o.push(`minconn ${s.minconn}`);
    if (s.strictMaxconn && since(version, '3.2')) o.push('strict-maxconn');
    if (s.poolConnNameExpr && since(version, '3.0')) o.push(`pool-conn-name ${s.poolConnNameExpr.text}`);
    if (s.poolPurgeDelayUs !== DEFAULT_POOL_PURGE_DELAY_US) o.push(`pool-purge-delay ${s.poolPurgeDelayUs === 0 ? '0' : scaledMs(s.poolPurgeDelayUs, scale)}`);
  }
  return o.length ? ' ' + o.join(' ') : '';
}

/** How long verify's check listener may take to answer a connect check turned into an HTTP one. */
export const L4_ANSWER_US = 1_000_000;

/** The backend's `timeout check` and, for checks the scenario makes over HTTP, its `http-check expect` rules. */
function checkLines(b: BackendConfig, scale: number): string[] {
  const c = b.servers.find((s) => s.check)?.check;
  if (!c) return [];
  const L: string[] = [];
  if (c.timeoutUs > 0) L.push(`    timeout check ${scaledMs(c.timeoutUs, scale)}`);
  // A connect check made an HTTP request for verify: its answer gets a second (the listener answers at
  // once; on a busy machine it may take longer than what is left of `inter`, and a check the scenario
  // means to pass would time out: gen-100161).
  else if (!c.http) L.push(`    timeout check ${scaledMs(L4_ANSWER_US, scale)}`);
  if (c.http && c.disable404) L.push('    http-check disable-on-404');
  if (c.http) for (const e of c.expects ?? []) L.push(`    http-check expect ${e.invert ? '! ' : ''}${e.codes ? `status ${e.codes.map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`)).join(',')}` : `rstatus ${e.regex}`}`);
  return L;
}

/** ` track BACKEND/SERVER` of a server that follows another one's checks. */
function trackOption(config: SimConfig, s: ServerConfig): string {
  if (s.tracks === undefined) return '';
  for (const be of config.backends) for (const t of be.servers) if (t.name === s.tracks) return ` track ${be.name}/${writtenName(t)}`;
  return '';
}

/** `check` with its timers, scaled, and the port of the emulated server's check listener. */
export function checkOptions(s: ServerConfig, ports: CfgPorts | { readonly checks?: ReadonlyMap<string, number> }, scale: number, version?: SimConfig['modernVersion']): string {
  const c = s.check;
  if (!c) return '';
  const o = [' check', `inter ${scaledMs(c.interUs, scale)}`, `rise ${c.rise}`, `fall ${c.fall}`];
  if (c.fastinterUs) o.push(`fastinter ${scaledMs(c.fastinterUs, scale)}`);
  if (c.downinterUs) o.push(`downinter ${scaledMs(c.downinterUs, scale)}`);
  if (c.observe) o.push(`observe ${c.observe.mode}`, `error-limit ${c.observe.errorLimit}`, `on-error ${c.observe.onError}`);
  if (c.shutdownSessions) o.push('on-marked-down shutdown-sessions');
  if (c.shutdownBackupSessions) o.push('on-marked-up shutdown-backup-sessions');
  if (c.initState && since(version, '3.2')) o.push(`init-state ${c.initState}`);
  const port = ports.checks?.get(s.name);
  if (port) o.push(`port ${port}`);
  // verify's check listener speaks HTTP/1 (an HTTP/2 server's checks would speak h2 to it).
  if (s.proto === 'h2') o.push('check-proto h1');
  return o.join(' ');
}

/** What a request's `to` may say to name the server (the verify client sends it in a header): as written, or as the run names it. */
export const targetNames = (s: ServerConfig): string => (s.written !== undefined ? `${s.written} ${s.name}` : s.name);
