/**
 * Where a request goes, as HAProxy 2.6.0 decides it: the entry proxy's http-request rules, its
 * stats URI and redirect rules (http_ana.c:354-500), then its switching rules, default_backend or
 * itself (stream.c:1026-1100), then the same answering rules of the backend, then its use-server
 * rules (stream.c:1159-1205). Pure: the engine turns the decision into trace events.
 */
import type { AnswerKind, AnswerRule, ProxyRouting, Routing, RuleSource, Sample, TcpRule } from '../model/routing';
import { basicCredentials } from './auth';
import { evalCond, evalLogFormat, sampleValues, type CondResult } from './evaluate';
import { pathq, varsOf, type RequestView } from './request';
import { applyRewrite, type WorkingRequest } from './rewrite';
import { serviceStatus } from './services';

/** An http-request rule that changed the request (set-header, set-path…): what it did, for the trace. */
export interface Rewritten {
  readonly proxy: string;
  readonly rule: RuleSource;
  readonly cond: CondResult | null;
  /** The part it set (`URI /v2/x`, `host: api.example.com`, `1 x-debug header removed`). */
  readonly what: string;
}

export interface Answer {
  readonly kind: 'answer';
  readonly by: AnswerKind;
  readonly status: number;
  /** The proxy whose rule answered. */
  readonly proxy: string;
  readonly rule: RuleSource | null;
  readonly cond: CondResult | null;
  readonly location?: string;
  /** `http-request tarpit`: the answer comes this long after the request. */
  readonly delayUs?: number;
  /** The backend chosen before the answer, if any. */
  readonly backend?: string;
  readonly via?: BackendChoice;
  /** The rules that changed the request before the answer, in order. */
  readonly rewrites?: readonly Rewritten[];
}

export interface BackendChoice {
  /** `use_backend` (a rule matched), `default_backend`, the listen itself, or the only backend. */
  readonly how: 'use_backend' | 'default_backend' | 'self' | 'only';
  readonly backend: string;
  readonly rule: RuleSource | null;
  readonly cond: CondResult | null;
  /** A dynamic name that named no backend (the rule is then skipped for the default). */
  readonly unresolved?: string;
}

export interface Routed {
  readonly kind: 'backend';
  readonly choice: BackendChoice;
  /** `use-server NAME if COND` that matched. */
  readonly server: { readonly name: string; readonly rule: RuleSource; readonly cond: CondResult } | null;
  /** The keys of the backend's stick rules whose condition holds (absent: no stick rule). */
  readonly stick?: StickKeys;
  /** The rules that changed the request on its way, in order. */
  readonly rewrites?: readonly Rewritten[];
  /** The request as the backend reads it, when rules changed it (a hash balance hashes this one). */
  readonly request?: RequestView;
}

export type RouteDecision = Answer | Routed;

/** What the stick rules ask of the table (process_sticking_rules, stream.c:1269-1341 of v2.6.0). */
export interface StickKeys {
  /** The keys to look up, in rule order, each in its rule's table (a proxy's name). */
  readonly match: readonly StickKey[];
  /** The keys to store with the server that answers: the first store rule's of each table. */
  readonly stores: readonly StickKey[];
}

export interface StickKey {
  readonly key: string;
  readonly rule: RuleSource;
  readonly table: string;
}

const STATS_METHODS = new Set(['GET', 'HEAD', 'POST']);

/** http_process_req_common's answering steps for one proxy; null when the request goes on. */
function answerIn(px: ProxyRouting, req: WorkingRequest, rewritten: Rewritten[]): Omit<Answer, 'proxy'> | null {
  for (const r of px.httpRequest) {
    const c = r.cond ? evalCond(r.cond, req) : null;
    if (c && !c.value) continue;
    // `allow` ends the http-request rules (HTTP_RULE_RES_STOP): stats and redirects still apply.
    if (r.kind === 'http-request allow') break;
    if (r.rewrite) {
      // The later rules, the switching rules and the backend read the request as changed (ACT_RET_CONT).
      const what = applyRewrite(r.rewrite, req);
      if (what !== null) rewritten.push({ proxy: px.name, rule: { line: r.line, text: r.text, ...(r.defaults !== undefined ? { defaults: r.defaults } : {}) }, cond: c, what });
      continue;
    }
    if (r.setVar) {
      // http_action_set_var (vars.c @v2.6.0): a sample that gives nothing leaves the variable as it was.
      const set = r.setVar;
      const v: Sample[] = 'format' in set ? [{ type: 'str', v: evalLogFormat(set.format, req, '') }] : sampleValues(set.expr, req);
      const last = v[v.length - 1];
      if (last) varsOf(req, r.setVar.name)?.set(r.setVar.name, last);
      continue;
    }
    if (r.locationFormat) {
      const to = evalLogFormat(r.locationFormat, req, '');
      if (to === '' && r.ignoreEmpty) continue;
      return { ...answerOf(r, c), location: `location ${to}` };
    }
    // A service's applet answers, its status per request (services.ts).
    if (r.service !== undefined) return { ...answerOf(r, c), status: serviceStatus(r.service, req) };
    // Every other rule answers; `auth` with 401 whenever its condition holds, credentials or not
    // (http_ana.c ACT_HTTP_REQ_AUTH): checking them is the condition's work (http_auth(LIST)).
    return answerOf(r, c);
  }
  // The stats URI is compared with the path and query, as a prefix (http_ana.c:3928-3957).
  if (px.stats && STATS_METHODS.has(req.method) && pathq(req.uri).startsWith(px.stats.uri)) {
    // The stats applet asks for credentials unless they are one of the `stats auth` pairs (http_ana.c http_handle_stats).
    const creds = basicCredentials(req);
    const denied = px.stats.auth && !(creds && (px.stats.users ?? []).includes(`${creds.user}:${creds.pass}`));
    return { kind: 'answer', by: 'stats', status: denied ? 401 : 200, rule: px.stats, cond: null };
  }
  for (const r of px.redirects) {
    const c = r.cond ? evalCond(r.cond, req) : null;
    if (c && !c.value) continue;
    return answerOf(r, c);
  }
  return null;
}

/**
 * The frontend's monitor-uri, checked before its rules (http_ana.c:201-247 of v2.6.0): a URI
 * starting with / is the path with its query (http_parse_path), another the whole URI; 503 when a `monitor fail` condition holds.
 */
function monitorAnswer(m: NonNullable<ProxyRouting['monitor']>, req: RequestView): Omit<Answer, 'proxy'> | null {
  if (m.uri.startsWith('/') ? pathq(req.uri) !== m.uri && req.uri !== m.uri : req.uri !== m.uri) return null;
  for (const f of m.fail) {
    const c = evalCond(f.cond, req);
    if (c.value) return { kind: 'answer', by: 'monitor-uri', status: 503, rule: { line: f.line, text: f.text }, cond: c };
  }
  return { kind: 'answer', by: 'monitor-uri', status: 200, rule: { line: m.line, text: m.text }, cond: null };
}

function answerOf(r: AnswerRule, cond: CondResult | null): Omit<Answer, 'proxy'> {
  return {
    kind: 'answer', by: r.kind as AnswerKind, status: r.status, rule: { line: r.line, text: r.text }, cond,
    ...(r.location !== undefined ? { location: r.location } : {}), ...(r.delayUs !== undefined ? { delayUs: r.delayUs } : {}),
  };
}

/** The backend of the entry proxy's switching rules (stream.c:1026-1100); null: none (503). */
function chooseBackend(entry: ProxyRouting, routing: Routing, req: RequestView): BackendChoice | null {
  let unresolved: string | undefined;
  for (const r of entry.switching) {
    const c = r.cond ? evalCond(r.cond, req) : null;
    if (c && !c.value) continue;
    if (typeof r.backend === 'string') return { how: 'use_backend', backend: r.backend, rule: { line: r.line, text: r.text }, cond: c };
    // A log-format name: the rule applies only if the name is a backend; otherwise the loop stops
    // and the default backend takes the request (stream.c:1053-1068).
    const name = evalLogFormat(r.backend, req);
    if (routing.proxies[name]?.isBackend) return { how: 'use_backend', backend: name, rule: { line: r.line, text: r.text }, cond: c };
    unresolved = name;
    break;
  }
  const extra = unresolved !== undefined ? { unresolved } : {};
  if (entry.defaultBackend) return { how: 'default_backend', backend: entry.defaultBackend.backend, rule: entry.defaultBackend, cond: null, ...extra };
  // No default: the frontend itself, which has no server unless it is a listen (stream.c:1078-1080).
  if (entry.isBackend) return { how: 'self', backend: entry.name, rule: null, cond: null, ...extra };
  return null;
}

/** The frontend or listen of that name (not a backend that shares its name). */
export function entryRouting(routing: Routing, name: string): ProxyRouting | undefined {
  return routing.frontendsByName?.[name] ?? routing.proxies[name];
}

/** `entryName`: the frontend the client's connection entered (core/routing/entry.ts); by default the configuration's first. */
export function route(routing: Routing, plain: RequestView, only: string, entryName: string | null = routing.entry): RouteDecision {
  const rewritten: Rewritten[] = [];
  // The request the rules may change (a copy), with its transaction's variables, which start empty
  // for each request (txn and req scopes).
  const req: WorkingRequest = setsVars(routing) ? { ...plain, vars: new Map() } : { ...plain };
  const withRewrites = <T extends RouteDecision>(d: T): T => (rewritten.length > 0 ? { ...d, rewrites: rewritten } : d);
  const entry = entryName !== null ? entryRouting(routing, entryName) : undefined;
  if (!entry) {
    const px = routing.proxies[only];
    // The backend's tcp-request content rules still run first (AN_REQ_INSPECT_BE).
    const t = px?.tcpContent ? contentReject(px.tcpContent, req) : null;
    if (t) return { ...t, proxy: only, backend: only };
    const a = px ? answerIn(px, req, rewritten) : null;
    if (a) return withRewrites({ ...a, proxy: only });
    if (px && !px.hasServers) return withRewrites({ kind: 'answer', by: 'no server', status: 503, proxy: only, rule: null, cond: null, backend: only });
    const routed: Routed = { kind: 'backend', choice: { how: 'only', backend: only, rule: null, cond: null }, server: px ? useServer(px, req) : null, ...(px ? stickKeys(px, req) : {}) };
    return withRewrites(rewritten.length > 0 ? { ...routed, request: req } : routed);
  }
  // tcp-request content rules first: they run before any HTTP analyser (AN_REQ_INSPECT_FE).
  const t = entry.tcpContent ? contentReject(entry.tcpContent, req) : null;
  if (t) return { ...t, proxy: entry.name };
  const m = entry.monitor ? monitorAnswer(entry.monitor, req) : null;
  if (m) return { ...m, proxy: entry.name };
  const a = answerIn(entry, req, rewritten);
  if (a) return withRewrites({ ...a, proxy: entry.name });
  const choice = chooseBackend(entry, routing, req);
  if (!choice) {
    return withRewrites({ kind: 'answer', by: 'no backend', status: 503, proxy: entry.name, rule: null, cond: null });
  }
  const be = routing.proxies[choice.backend];
  if (be && be !== entry) {
    // The backend's own tcp-request content rules (AN_REQ_INSPECT_BE), then its http-request rules.
    const tb = be.tcpContent ? contentReject(be.tcpContent, req) : null;
    if (tb) return withRewrites({ ...tb, proxy: be.name, backend: be.name, via: choice });
    const b = answerIn(be, req, rewritten);
    if (b) return withRewrites({ ...b, proxy: be.name, backend: be.name, via: choice });
  }
  if (!be?.hasServers) {
    // A backend with no server answers 503 itself (no server available, backend.c).
    return withRewrites({ kind: 'answer', by: be ? 'no server' : 'no backend', status: 503, proxy: choice.backend, rule: null, cond: null, backend: choice.backend, via: choice });
  }
  const routed: Routed = { kind: 'backend', choice, server: useServer(be, req), ...stickKeys(be, req) };
  return withRewrites(rewritten.length > 0 ? { ...routed, request: req } : routed);
}

/**
 * tcp-request rules (tcp_inspect_request, tcp_exec_l4_rules in tcp_rules.c of v2.6.0): the first
 * whose condition holds decides; `accept`, or none, lets the connection on; null then.
 */
export function tcpRulesReject(rules: readonly TcpRule[], req: RequestView): { rule: RuleSource; cond: CondResult | null } | null {
  for (const r of rules) {
    const c = r.cond ? evalCond(r.cond, req) : null;
    if (c && !c.value) continue;
    return r.action === 'reject' ? { rule: { line: r.line, text: r.text }, cond: c } : null;
  }
  return null;
}

function contentReject(rules: readonly TcpRule[], req: RequestView): Omit<Answer, 'proxy'> | null {
  const r = tcpRulesReject(rules, req);
  return r ? { kind: 'answer', by: 'tcp-request content reject', status: 0, rule: r.rule, cond: r.cond } : null;
}

/** The entry frontend's `tcp-request connection` verdict for a client connection: the rejecting rule, or null. */
export function connectionRejected(routing: Routing, entryName: string | null, conn: RequestView): { rule: RuleSource; cond: CondResult | null } | null {
  const entry = entryName !== null ? entryRouting(routing, entryName) : undefined;
  return entry?.tcpConnection ? tcpRulesReject(entry.tcpConnection, conn) : null;
}

const SETS_VARS = new WeakMap<Routing, boolean>();
function setsVars(routing: Routing): boolean {
  let v = SETS_VARS.get(routing);
  if (v === undefined) {
    v = Object.values(routing.proxies).some((p) => p.setsVars) || Object.values(routing.frontendsByName ?? {}).some((p) => p.setsVars);
    SETS_VARS.set(routing, v);
  }
  return v;
}

/** The stick rules' keys: a rule whose condition holds and whose pattern has a value (its last). */
function stickKeys(be: ProxyRouting, req: RequestView): { stick?: StickKeys } {
  const rules = be.sticking?.rules;
  if (!rules) return {};
  const match: StickKey[] = [];
  const stores: StickKey[] = [];
  for (const r of rules) {
    // Once a table has its store, a later storing rule on it (`store-request`, and `on`, its match
    // included) is passed over, its condition not even evaluated (stream.c:1280-1294 of v2.6.0).
    if (r.mode !== 'match' && stores.some((s) => s.table === r.table)) continue;
    if (r.cond && !evalCond(r.cond, req).value) continue;
    const v = sampleValues(r.expr, req);
    const last = v[v.length - 1];
    if (last === undefined) continue;
    const at = { key: String(last.v), rule: { line: r.line, text: r.text }, table: r.table };
    if (r.mode !== 'store-request') match.push(at);
    if (r.mode !== 'match') stores.push(at);
  }
  return { stick: { match, stores } };
}

/** The first use-server rule whose condition holds (stream.c:1159-1205). */
function useServer(be: ProxyRouting, req: RequestView): Routed['server'] {
  for (const r of be.serverRules) {
    const c = evalCond(r.cond, req);
    if (c.value) return { name: r.server, rule: { line: r.line, text: r.text }, cond: c };
  }
  return null;
}
