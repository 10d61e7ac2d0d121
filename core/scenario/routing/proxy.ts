/**
 * The routing of one proxy section from its haproxy.cfg lines (HAProxy 2.6.0): named ACLs
 * (cfgparse-listen.c "acl"), `use_backend` (proxy.c / cfgparse-listen.c "use_backend"),
 * http-request deny/return/redirect/auth/allow (http_act.c), `redirect` (http_rules.c
 * http_parse_redirect_rule), `stats` (uri_auth, default URI `/haproxy?stats`) and `use-server`.
 */
import type { Acl, AnswerRule, Cond, ProxyRouting, RuleSource, SampleExpr, ServerRule, StickResponseRule, StickRule, Sticking, StickTable, SwitchingRule, TcpRule } from '../../model/routing';
import type { ConfigSection, Directive, Span, Word } from '../ast';
import { configDuration } from '../haproxy-durations';
import { parseAclExpr, type Problems } from './acl';
import { withMaps } from './files';
import { parseCond, type CondContext } from './cond';
import { isLogFormat, parseLogFormat, parseSampleExpr, unquote } from './sampleExpr';
import { isModelledRoutingLine, isTxnSetVar, STATS_FORMS } from './lines';
import { format, isRewriteAction, rewriteRule } from './rewrite';

export interface ProxyInput {
  readonly section: ConfigSection;
  /** The `defaults` section in force (its stats settings are inherited). */
  readonly defaults: ConfigSection | null;
  /** `default_backend` in force (own or inherited), as written. */
  readonly defaultBackend: Word | null;
  readonly backendNames: readonly string[];
  /** The proxy has servers (or a dispatch / transparent target) of its own. */
  readonly hasServers: boolean;
  readonly lineOf: (offset: number) => number;
  readonly problems: Problems;
  /** A static backend name that does not exist (reported by the caller with its suggestion). */
  readonly unknownBackend: (w: Word) => void;
  /** The proxies that declare a `stick-table` of their own (`stick … table NAME` must name one). */
  readonly stickTables: ReadonlySet<string>;
}

const DEFAULT_STATS_URI = '/haproxy?stats';

const spanOf = (ws: readonly Word[]): Span => ({ from: ws[0]!.span.from, to: ws[ws.length - 1]!.span.to });
const textOf = (d: Directive) => d.words.map((w) => w.text).join(' ');

/** Where the condition starts (`if` / `unless`), or the line's length. */
function condAt(ws: readonly Word[], from: number): number {
  for (let i = from; i < ws.length; i++) if (ws[i]!.text === 'if' || ws[i]!.text === 'unless') return i;
  return ws.length;
}

/** The value after `key` among ws[from..to), or undefined. */
function option(ws: readonly Word[], from: number, to: number, key: string): Word | undefined {
  for (let i = from; i < to - 1; i++) if (ws[i]!.text === key) return ws[i + 1];
  return undefined;
}

export function proxyRouting(input: ProxyInput): ProxyRouting {
  const { section, lineOf, problems: p } = input;
  const acls = new Map<string, { name: string; exprs: Acl['exprs'][number][] }>();
  const warnedUse = new Set<string>();
  const ctx: CondContext = {
    acls,
    warn: p.warn,
    error: p.error,
    ...(p.file ? { file: p.file } : {}),
    ...(p.userlist ? { userlist: p.userlist } : {}),
    unmodelledUse: (span, acl) => {
      const key = `${span.from}`;
      if (warnedUse.has(key)) return;
      warnedUse.add(key);
      const why = acl.exprs.find((x) => x.unmodelled)?.unmodelled ?? 'a fetch';
      p.warn(span, `${why} is not modelled by the simulation: this condition cannot be evaluated and is taken as false (the trace says so)`);
    },
  };
  const cond = (ws: readonly Word[], at: number): Cond | null | undefined =>
    at < ws.length ? (parseCond(ws.slice(at), ctx) ?? undefined) : null;

  const httpRequest: AnswerRule[] = [];
  const redirects: AnswerRule[] = [];
  const switching: SwitchingRule[] = [];
  const serverRules: ServerRule[] = [];
  const stickRules: StickRule[] = [];
  const tcpConnection: TcpRule[] = [];
  const tcpContent: TcpRule[] = [];
  const responseRules: StickResponseRule[] = [];
  let stickTable: StickTable | null = null;
  let stats: ProxyRouting['stats'] = null;
  const statsFrom = (d: Directive) => {
    const ws = d.words;
    if (ws[0]!.text !== 'stats') return;
    const a = ws[1]?.text;
    if (!(STATS_FORMS as readonly (string | undefined)[]).includes(a)) return;
    const prev = stats ?? { line: lineOf(d.span.from), text: textOf(d), uri: DEFAULT_STATS_URI, auth: false };
    stats = {
      ...prev,
      ...(a === 'uri' && ws[2] ? { uri: unquote(ws[2].text), line: lineOf(d.span.from), text: textOf(d) } : {}),
      // `stats auth USER:PASS` adds a clear-text user to the stats userlist (uri_auth.c stats_add_auth).
      ...(a === 'auth' ? { auth: true, users: [...(prev.users ?? []), unquote(ws[2]?.text ?? '')] } : {}),
    };
  };
  for (const d of input.defaults?.directives ?? []) statsFrom(d);
  // A frontend takes its defaults' monitor-uri (proxy.c:1757-1758 of v2.6.0).
  let monitorUri: (RuleSource & { uri: string }) | null = null;
  if (section.kind === 'frontend' || section.kind === 'listen') {
    for (const d of input.defaults?.directives ?? []) if (d.words[0]!.text === 'monitor-uri') monitorUri = monitorUriOf(d, lineOf, p, true) ?? monitorUri;
  }
  const monitorFail: (RuleSource & { cond: Cond })[] = [];

  /** An `http-request` line, its condition read by `condOf`. */
  const httpRequestLine = (d: Directive, condOf: typeof cond): void => {
    const ws = d.words;
    const line = lineOf(d.span.from);
    const text = textOf(d);
    const action = ws[1]?.text;
    if (!ws[1] || !isModelledRoutingLine(ws)) return;
    const at = condAt(ws, 2);
    const c = condOf(ws, at);
    if (c === undefined) return;
    if (isRewriteAction(action)) {
      const rewrite = rewriteRule(action, ws, at, p);
      if (rewrite) httpRequest.push({ kind: 'http-request rewrite', status: 0, rewrite, cond: c, line, text });
      return;
    }
    if (isTxnSetVar(action)) {
      const set = setVarRule(action!, ws, at, p);
      if (set) httpRequest.push({ kind: 'http-request set-var', status: 0, setVar: set, cond: c, line, text });
      return;
    }
    const rule = answerRule(`http-request ${action}` as AnswerRule['kind'], ws, 2, at, p);
    if (rule?.kind === 'http-request tarpit') httpRequest.push({ ...rule, delayUs: tarpitUs(section, input.defaults), cond: c, line, text });
    else if (rule) httpRequest.push({ ...rule, cond: c, line, text });
  };
  // The http-request rules of a named defaults section run first, then the proxy's own
  // (http_req_get_intercept_rule with def_rules, http_ana.c:374-376 of v2.6.0). Their conditions
  // see the defaults section's ACLs, not the proxy's: HAProxy reads them there. An unnamed
  // defaults section may not have any (acceptance.ts: HAProxy refuses them there).
  if (input.defaults?.name && section.kind !== 'defaults') {
    const defAcls = new Map<string, { name: string; exprs: Acl['exprs'][number][] }>();
    for (const d of input.defaults.directives) {
      const ws = d.words;
      if (ws[0]!.text !== 'acl' || ws.length < 3) continue;
      const x = parseAclExpr(ws.slice(2), p);
      if (!x) continue;
      const acl = defAcls.get(ws[1]!.text) ?? { name: ws[1]!.text, exprs: [] };
      acl.exprs.push(x);
      defAcls.set(acl.name, acl);
    }
    const defCtx: CondContext = { ...ctx, acls: defAcls };
    const defCond = (ws: readonly Word[], at: number): Cond | null | undefined => (at < ws.length ? (parseCond(ws.slice(at), defCtx) ?? undefined) : null);
    const from = input.defaults.name.text;
    const before = httpRequest.length;
    for (const d of input.defaults.directives) if (d.words[0]!.text === 'http-request') httpRequestLine(d, defCond);
    for (let i = before; i < httpRequest.length; i++) httpRequest[i] = { ...httpRequest[i]!, defaults: from };
  }

  for (const d of section.directives) {
    const ws = d.words;
    const kw = ws[0]!.text;
    const line = lineOf(d.span.from);
    const text = textOf(d);
    switch (kw) {
      case 'acl': {
        if (ws.length < 3) break;
        const name = ws[1]!.text;
        const x = parseAclExpr(ws.slice(2), p);
        if (!x) break;
        let acl = acls.get(name);
        if (!acl) acls.set(name, (acl = { name, exprs: [] }));
        // Lines of one name add to the same ACL: a rule above sees the later lines too (acl.c:716-742).
        acl.exprs.push(x);
        break;
      }
      case 'use_backend': {
        if (ws.length < 2 || section.kind === 'backend' || section.kind === 'defaults') break;
        const at = condAt(ws, 2);
        const c = cond(ws, at);
        if (c === undefined) break;
        const name = ws[1]!;
        if (isLogFormat(name.text)) {
          const lf = parseLogFormat(name.text);
          if (lf.error) {
            p.error(name.span, `${lf.error} in the backend name`, 'a backend name or a log-format such as b_%[req.hdr(host),lower]');
            break;
          }
          const parts = lf.format.parts.map((part) => ('expr' in part ? { expr: withMaps(part.expr, name.span, p.file, p.warn) } : part));
          if (lf.unmodelled) p.warn(name.span, `${lf.unmodelled} in this backend name is not modelled by the simulation: its value is '-' and the default backend takes the request`);
          switching.push({ backend: { ...lf.format, parts }, cond: c, line, text });
        } else if (!input.backendNames.includes(unquote(name.text))) input.unknownBackend(name);
        else switching.push({ backend: unquote(name.text), cond: c, line, text });
        break;
      }
      case 'http-request':
        httpRequestLine(d, cond);
        break;
      case 'redirect': {
        const at = condAt(ws, 1);
        const c = cond(ws, at);
        if (c === undefined) break;
        const rule = answerRule('redirect', ws, 1, at, p);
        if (rule) redirects.push({ ...rule, cond: c, line, text });
        break;
      }
      case 'stats':
        statsFrom(d);
        break;
      case 'monitor-uri':
        if (section.kind === 'frontend' || section.kind === 'listen') monitorUri = monitorUriOf(d, lineOf, p) ?? monitorUri;
        // HAProxy warns and ignores it where there is no frontend (warnifnotcap, cfgparse-listen.c:519).
        else if (section.kind === 'backend') p.warn(spanOf(ws), "'monitor-uri' is ignored in a backend (HAProxy warns): it applies to frontends and listens");
        break;
      case 'monitor': {
        // `monitor fail if|unless COND` (cfgparse-listen.c:2508-2540).
        if (ws[1]?.text !== 'fail') break;
        if (section.kind === 'backend') {
          p.warn(spanOf(ws), "'monitor fail' is ignored in a backend (HAProxy warns): it applies to frontends and listens");
          break;
        }
        if (ws[2]?.text !== 'if' && ws[2]?.text !== 'unless') {
          p.error(spanOf(ws), "'monitor fail' requires either 'if' or 'unless' followed by a condition", 'monitor fail if|unless COND');
          break;
        }
        const c = cond(ws, 2);
        if (c) monitorFail.push({ cond: c, line, text });
        break;
      }
      case 'stick-table': {
        // stktable_parse_fields (stick_table.c of v2.6.0): `type` and `size` are required.
        const type = option(ws, 1, ws.length, 'type');
        if (!type || !option(ws, 1, ws.length, 'size')) {
          p.warn(spanOf(ws), "'stick-table' needs a type and a size (stick-table type ip size 1m [expire 30m]): HAProxy refuses this line; ignored by the simulation");
          break;
        }
        const exp = option(ws, 1, ws.length, 'expire');
        const us = exp ? configDuration(exp.text) : null;
        if (exp && us === null) p.warn(exp.span, `'expire ${exp.text}' is not a duration HAProxy reads; the simulation keeps entries forever`);
        stickTable = { expireUs: us };
        break;
      }
      case 'stick': {
        const mode = ws[1]?.text;
        // Other forms are said to be ignored by the parser (lines.ts `forms`).
        if (mode !== 'on' && mode !== 'match' && mode !== 'store-request' && mode !== 'store-response') break;
        if (section.kind === 'frontend') {
          p.warn(spanOf(ws), `'stick ${mode}' is ignored in a frontend (HAProxy warns): sticking rules apply to backends and listens`);
          break;
        }
        const at = condAt(ws, 3);
        // `table NAME`: another proxy's table, which must have one (check_config_validity, cfgparse.c:3004-3024 of v2.6.0: stktable_find_by_name).
        const tableWord = option(ws, 3, at, 'table');
        const own = section.name?.text ?? '';
        if (tableWord && unquote(tableWord.text) !== own && !input.stickTables.has(unquote(tableWord.text))) {
          p.warn(tableWord.span, `no stick table in a proxy named '${unquote(tableWord.text)}' (HAProxy refuses the rule: "unable to find stick-table"); ignored by the simulation`);
          break;
        }
        const pattern = ws[2];
        if (!pattern || pattern.text === 'if' || pattern.text === 'unless') {
          p.error(spanOf(ws), `'stick ${mode}' expects a pattern`, `stick ${mode} PATTERN, such as src`);
          break;
        }
        const table = tableWord ? unquote(tableWord.text) : own;
        if (mode === 'store-response') {
          // The response's fetches the simulation has: the value of a cookie the server sets.
          const cookie = /^(?:res\.cook|set-cookie)\(([^(),]+)\)$/.exec(pattern.text)?.[1];
          if (cookie === undefined) p.warn(pattern.span, `'${pattern.text}' is not modelled for stick store-response (the simulation reads res.cook(NAME), the cookie a server sets): this rule is ignored`);
          else if (at < ws.length) p.warn(ws[at]!.span, 'a condition on stick store-response is not modelled (it is evaluated on the response): this rule is ignored');
          else responseRules.push({ mode, cookie, line, text, table });
          break;
        }
        const sample = parseSampleExpr(pattern.text);
        if (!sample.expr) {
          p.error(pattern.span, sample.error ?? `cannot read the pattern '${pattern.text}'`, 'a sample expression such as src or req.cook(sid)');
          break;
        }
        if (sample.unmodelled) {
          p.warn(pattern.span, `${sample.unmodelled} is not modelled by the simulation: this stick rule is ignored`);
          break;
        }
        const c = cond(ws, at);
        if (c === undefined) break;
        stickRules.push({ mode, expr: withMaps(sample.expr, pattern.span, p.file, p.warn), cond: c, line, text, table });
        break;
      }
      case 'tcp-request': {
        // `connection` and `content` accept|reject (the other forms are said to be ignored by the parser: lines.ts).
        const layer = ws[1]?.text;
        const action = ws[2]?.text;
        if ((layer !== 'connection' && layer !== 'content') || (action !== 'accept' && action !== 'reject')) break;
        if (layer === 'connection' && section.kind === 'backend') {
          p.warn(spanOf(ws), "'tcp-request connection' is ignored in a backend (HAProxy refuses it there): connection rules belong to frontends and listens");
          break;
        }
        const c = cond(ws, 3);
        if (c === undefined) break;
        (layer === 'connection' ? tcpConnection : tcpContent).push({ action, cond: c, line, text });
        break;
      }
      case 'use-server': {
        if (ws.length < 4 || (ws[2]!.text !== 'if' && ws[2]!.text !== 'unless')) {
          // HAProxy refuses the line; the simulation can run without it.
          p.warn(spanOf(ws), "'use-server' expects a server name and a condition (use-server NAME if|unless COND): HAProxy refuses this line; ignored by the simulation");
          break;
        }
        const c = cond(ws, 2);
        const name = unquote(ws[1]!.text);
        const declared = section.directives.some((x) => x.words[0]!.text === 'server' && x.words[1]?.text === name);
        if (!declared && !name.includes('%[')) {
          // HAProxy refuses to start ("no such server"); the simulation can run without the rule.
          p.warn(ws[1]!.span, `use-server: no server '${name}' in ${section.kind} '${section.name?.text ?? ''}' (HAProxy refuses this line); the rule is ignored by the simulation`);
        } else if (c) serverRules.push({ server: name, cond: c, line, text });
        break;
      }
    }
  }
  const db = input.defaultBackend;
  return {
    name: section.name?.text ?? '',
    httpRequest, stats, redirects, switching, serverRules,
    ...(monitorUri ? { monitor: { ...monitorUri, fail: monitorFail } } : {}),
    ...sticking(stickTable, stickRules, responseRules, section, p),
    ...(tcpConnection.length ? { tcpConnection } : {}),
    ...(tcpContent.length ? { tcpContent } : {}),
    ...(httpRequest.some((r) => r.setVar) ? { setsVars: true } : {}),
    ...(httpRequest.some((r) => r.rewrite) ? { rewrites: true } : {}),
    defaultBackend: db && input.backendNames.includes(db.text) ? { backend: db.text, line: lineOf(db.span.from), text: `default_backend ${db.text}` } : null,
    isBackend: section.kind === 'backend' || section.kind === 'listen',
    hasServers: input.hasServers,
  };
}

/** The backend's stick table with its rules; rules without a table of the proxy's own are refused by HAProxy (a warning). */
/** The proxy's own table, and its rules: those on its own table need one (another proxy's are checked by compile.ts). */
function sticking(
  table: StickTable | null, rules: StickRule[], responseRules: StickResponseRule[], section: ConfigSection, p: Problems,
): { stickTable?: StickTable; sticking?: Sticking } {
  const own = section.name?.text ?? '';
  let kept = rules;
  let keptResponse = responseRules;
  if (!table && [...rules, ...responseRules].some((r) => r.table === own)) {
    p.warn(section.name?.span ?? { from: 0, to: 0 }, `'stick' rules of ${section.kind} '${own}' name no stick table of its own (HAProxy refuses them); ignored by the simulation`);
    kept = rules.filter((r) => r.table !== own);
    keptResponse = responseRules.filter((r) => r.table !== own);
  }
  const any = kept.length > 0 || keptResponse.length > 0;
  return {
    ...(table ? { stickTable: table } : {}),
    ...(any ? { sticking: { rules: kept, ...(keptResponse.length ? { responseRules: keptResponse } : {}) } } : {}),
  };
}

/** `monitor-uri URI` (cfgparse-listen.c:518-537): one argument; `quiet` for a defaults' line, reported where it is written. */
function monitorUriOf(d: Directive, lineOf: (offset: number) => number, p: Problems, quiet = false): (RuleSource & { uri: string }) | null {
  const ws = d.words;
  if (!ws[1]) {
    if (!quiet) p.error(spanOf(ws), "'monitor-uri' expects an URI", 'monitor-uri /health');
    return null;
  }
  return { uri: unquote(ws[1].text), line: lineOf(d.span.from), text: textOf(d) };
}

/**
 * How long `http-request tarpit` holds a request in this proxy: HAProxy uses the timeout of the
 * proxy that runs the rule (s->be, http_ana.c:540) — its own `timeout tarpit`, else the one of its
 * defaults (proxy.c:1754, 1803), else its own `timeout connect` (cfgparse.c:3366), which a
 * frontend does not inherit from defaults (only backends do, proxy.c:1798): a frontend with
 * neither answers at once. Checked against 2.6.12 (core/test/haproxy-routing.test.ts).
 */
export function tarpitUs(section: ConfigSection, defaults: ConfigSection | null): number {
  const timeout = (sec: ConfigSection | null, name: string): number | null => {
    let v: number | null = null;
    for (const d of sec?.directives ?? []) {
      const ws = d.words;
      if (ws[0]!.text === 'timeout' && ws[1]?.text === name && ws[2]) v = configDuration(ws[2].text) ?? v;
    }
    return v;
  };
  const backendCap = section.kind === 'backend' || section.kind === 'listen';
  return (timeout(section, 'tarpit') ?? timeout(defaults, 'tarpit') ?? timeout(section, 'connect') ?? (backendCap ? timeout(defaults, 'connect') : null) ?? 0);
}

/** `http-request set-var(txn.NAME) EXPR`: the variable and its expression (vars.c parse_store @v2.6.0). */
function setVarRule(action: string, ws: readonly Word[], at: number, p: Problems): NonNullable<AnswerRule['setVar']> | null {
  const [, fmt, name] = /^set-var(-fmt)?\((.*)\)$/.exec(action)!;
  if (fmt && at === 3) {
    // action_store with a log-format (vars.c parse_store of v2.6.0): the string it builds.
    const f = format(ws[2]!, p);
    return f ? { name: name!, format: f } : null;
  }
  if (at !== 3) {
    p.error(spanOf(ws.slice(0, Math.max(2, at))), `'${action}' expects one sample expression, then an optional condition`, 'a sample expression such as req.hdr(host),lower');
    return null;
  }
  const parsed = parseSampleExpr(unquote(ws[2]!.text));
  if (!parsed.expr) {
    p.error(ws[2]!.span, parsed.error ?? `cannot read '${ws[2]!.text}'`, 'a sample expression such as req.hdr(host),lower');
    return null;
  }
  if (parsed.unmodelled) p.warn(ws[2]!.span, `${parsed.unmodelled} is not modelled by the simulation: the variable ${name} is never set`);
  return { name: name!, expr: withMaps(parsed.expr, ws[2]!.span, p.file, p.warn) };
}

/** The status (and location) of an answering action; the option words lie in ws[from..to). */
function answerRule(kind: AnswerRule['kind'], ws: readonly Word[], from: number, to: number, p: Problems): Omit<AnswerRule, 'cond' | 'line' | 'text'> | null {
  const status = (key: string, dflt: number): number | null => {
    const w = option(ws, from, to, key);
    if (!w) return dflt;
    const n = Number(w.text);
    if (!/^\d{3}$/.test(w.text) || n < 100 || n > 599) {
      p.error(w.span, `invalid status '${w.text}' after '${key}'`, 'an HTTP status such as 403');
      return null;
    }
    return n;
  };
  switch (kind) {
    case 'http-request deny': {
      const s = status('deny_status', 403); // http_act.c parse_http_deny: 403 by default
      return s === null ? null : { kind, status: s };
    }
    case 'http-request return': {
      const s = status('status', 200); // http_act.c parse_http_return: 200 by default
      return s === null ? null : { kind, status: s };
    }
    case 'http-request tarpit': {
      const s = status('deny_status', 500); // http_act.c parse_http_deny: 500 for tarpit
      return s === null ? null : { kind, status: s };
    }
    case 'http-request reject':
      return { kind, status: 0 }; // http_act.c http_action_reject: no response, the connection is killed
    case 'http-request use-service': {
      // action_http_use_service (http_act.c): the service's applet answers; NAME is one HAProxy registers.
      const w = ws[from];
      if (!w || to !== from + 1) {
        p.error(spanOf(ws.slice(0, Math.max(2, to))), "'http-request use-service' expects a service name, then an optional condition", 'http-request use-service prometheus-exporter [if|unless COND]');
        return null;
      }
      const service = unquote(w.text);
      if (service.startsWith('lua.')) {
        p.warn(w.span, `the Lua service '${service.slice(4)}' is not modelled by the simulation (it runs no Lua): HAProxy answers the request with it; the simulation takes its answer as 200`);
      } else if (service !== 'prometheus-exporter') {
        p.error(w.span, `'http-request use-service': unknown service name '${service}'`, 'prometheus-exporter (built into Debian\'s HAProxy), or lua.NAME for a service a lua-load script registers');
        return null;
      }
      return { kind, status: 200, service };
    }
    case 'http-request auth':
      return { kind, status: 401 };
    case 'http-request allow':
      return { kind, status: 0 };
    default: {
      // http_rules.c http_parse_redirect_rule: location|prefix|scheme TARGET, `code` 301,302,303,307,308 (302 by default).
      let target: string | undefined;
      for (let i = from; i < to - 1; i++) {
        const t = ws[i]!.text;
        if (t === 'location' || t === 'prefix' || t === 'scheme') {
          target = `${t} ${unquote(ws[i + 1]!.text)}`;
          break;
        }
      }
      if (!target) {
        p.warn(spanOf(ws.slice(0, Math.max(1, to))), `'${kind}' expects 'location', 'prefix' or 'scheme' and a target: HAProxy refuses this line; ignored by the simulation`);
        return null;
      }
      const code = option(ws, from, to, 'code');
      let s = 302;
      if (code) {
        if (!['301', '302', '303', '307', '308'].includes(code.text)) {
          p.error(code.span, `invalid redirect code '${code.text}'`, '301, 302, 303, 307 or 308');
          return null;
        }
        s = Number(code.text);
      }
      // `http-request redirect location %[…]` is a log-format, computed per request; `ignore-empty` skips the rule when it is empty.
      const loc = kind === 'http-request redirect' && target.startsWith('location ') ? ws.slice(from, to).findIndex((w) => w.text === 'location') : -1;
      const locWord = loc >= 0 ? ws[from + loc + 1] : undefined;
      if (locWord && isLogFormat(locWord.text)) {
        const lf = parseLogFormat(locWord.text);
        if (!lf.error) {
          const parts = lf.format.parts.map((part) => ('expr' in part ? { expr: withMaps(part.expr, locWord.span, p.file, p.warn) } : part));
          const ignoreEmpty = ws.slice(from, to).some((w) => w.text === 'ignore-empty');
          return { kind, status: s, location: target, locationFormat: { ...lf.format, parts }, ...(ignoreEmpty ? { ignoreEmpty } : {}) };
        }
      }
      return { kind, status: s, location: target };
    }
  }
}
