/**
 * A starter `script` for a bare haproxy.cfg (one with no playground section): one request down
 * each route the configuration offers — every use_backend rule, the default backend, and every
 * rule by which HAProxy answers itself (stats, http-request deny/return/redirect/auth, redirect)
 * — so that the first run shows every backend in use. Each request is built from the rule's
 * condition and checked with the router itself (core/routing/route.ts): a route no request can
 * be found for is named in a comment instead. The configuration runs on the modern engine (ENGINE_HEAD).
 */
import type { AclExpr, Cond, FrontendEntry, ProxyRouting, Routing } from '../model/routing';
import { entryFor, isEntryError } from '../routing/entry';
import type { RequestView } from '../routing/request';
import { connectionRejected, entryRouting, route, type RouteDecision } from '../routing/route';
import { checkScenario } from './compile';

/** Is this text a haproxy.cfg without any playground part (no engine, servers or script)? */
export function isBareHaproxyCfg(text: string): boolean {
  if (/^\s*(engine|servers|script)\b/m.test(text)) return false;
  return /^\s*(frontend|backend|listen)\s+\S/m.test(text);
}

/** What a starter request sets, beyond GET /. */
interface Want {
  method?: string;
  path?: string;
  query?: string;
  host?: string;
  headers?: [string, string][];
  src?: string;
  tls?: boolean;
  sni?: string;
}

interface Target {
  readonly what: string;
  /** A backend's own answer, reachable from several frontends: one request shows it. */
  readonly shared?: boolean;
  readonly matches: (d: RouteDecision) => boolean;
  readonly cond: Cond | null;
  /** Extra candidates (log-format backend names). */
  readonly extra?: Want[];
}

function view(w: Want, port?: number): RequestView {
  const headers = [...(w.host !== undefined ? [{ name: 'host', value: w.host }] : []), ...(w.headers ?? []).map(([name, value]) => ({ name, value }))];
  return {
    method: w.method ?? 'GET', uri: `${w.path ?? '/'}${w.query !== undefined ? `?${w.query}` : ''}`, headers, version: '1.1',
    src: w.src ?? '198.51.100.7', dstPort: port ?? (w.tls ? 443 : 80), ssl: !!w.tls, sni: w.sni ?? null,
  };
}

const strip = (s: string) => s.replace(/^\^/, '').replace(/\$$/, '').replace(/\\(.)/g, '$1').replace(/[.*+?()[\]{}|]/g, '');

/** Ways to make one ACL expression true (a few per pattern). */
function wantsFor(x: AclExpr): Want[] {
  if (x.unmodelled) return [];
  const f = x.sample.fetch;
  const arg = (x.sample.args[0] ?? '').toLowerCase();
  const pats = x.method === 'found' || x.method === 'bool' ? [''] : x.patterns.length ? x.patterns : [''];
  const out: Want[] = [];
  for (const raw of pats.slice(0, 4)) {
    const p = x.method === 'reg' ? strip(raw) : raw;
    const text = (base: string) => {
      switch (x.method) {
        case 'beg': return `${p}${base}`;
        case 'end': return `${base}${p}`;
        case 'sub': case 'dom': case 'dir': case 'reg': return p || base;
        case 'found': return base;
        case 'len': return 'x'.repeat(Number(p.split(':')[0]) || 1);
        case 'int': return p.split(':')[0] || '1';
        default: return p;
      }
    };
    switch (f) {
      case 'hdr': case 'req.hdr': case 'req.fhdr':
        if (arg === 'host' || arg === '') out.push({ host: text(x.method === 'beg' ? '.example.com' : 'example.com').replace(/^\.+/, '') || 'example.com' });
        else out.push({ headers: [[x.sample.args[0] ?? 'x-header', text('1') || '1']] });
        break;
      case 'hdr_cnt': case 'req.hdr_cnt': {
        const n = Math.max(1, Number(/\d+/.exec(p)?.[0] ?? '1') + (p.endsWith(':') || /^\d+:$/.test(p) ? 0 : 0));
        out.push({ headers: Array.from({ length: n }, () => [x.sample.args[0] ?? 'x-header', '1'] as [string, string]) });
        out.push({ headers: Array.from({ length: n + 1 }, () => [x.sample.args[0] ?? 'x-header', '1'] as [string, string]) });
        break;
      }
      case 'path': case 'pathq': {
        const base = x.method === 'beg' ? '' : '/';
        let path = text(x.method === 'end' ? '/file' : base);
        if (x.method === 'dir') path = `/${p.replace(/^\/+|\/+$/g, '')}/`;
        if (!path.startsWith('/')) path = `/${path}`;
        out.push({ path });
        break;
      }
      case 'url': case 'base': {
        let path = text(x.method === 'end' ? '/file' : '/');
        if (f === 'base') path = path.replace(/^[^/]*/, '');
        if (!path.startsWith('/')) path = `/${path}`;
        const q = path.indexOf('?');
        out.push(q < 0 ? { path } : { path: path.slice(0, q), query: path.slice(q + 1) });
        break;
      }
      case 'query': out.push({ query: text('a=1') }); break;
      case 'url_param': case 'urlp': out.push({ query: `${x.sample.args[0] ?? 'p'}=${text('1') || '1'}` }); break;
      case 'method': out.push({ method: p || 'GET' }); break;
      case 'src': out.push({ src: (p.split('/')[0] ?? '').replace(/\.0$/, '.1') || '127.0.0.1' }); break;
      case 'ssl_fc': out.push({ tls: true }); break;
      case 'ssl_fc_sni': case 'req.ssl_sni': case 'req_ssl_sni': out.push({ tls: true, sni: text('example.com') || 'example.com' }); break;
      case 'req.ver': case 'req_ver': out.push({}); break;
      default: out.push({});
    }
  }
  return out;
}

function merge(a: Want, b: Want): Want {
  return { ...a, ...b, headers: [...(a.headers ?? []), ...(b.headers ?? [])] };
}

/** Candidate requests for a condition: per suite, the product of one way per positive term (bounded). */
function candidates(cond: Cond | null): Want[] {
  if (!cond) return [{}];
  const out: Want[] = [];
  if (cond.pol === 'unless') out.push({});
  for (const suite of cond.suites) {
    let partial: Want[] = [{}];
    for (const t of suite) {
      if (t.neg) continue;
      const ways = t.acl.exprs.flatMap(wantsFor);
      if (ways.length === 0) continue;
      partial = partial.flatMap((w) => ways.map((v) => merge(w, v))).slice(0, 24);
    }
    out.push(...partial);
  }
  out.push({});
  return out;
}

/** The script line(s) of one request, with its client. */
function requestLine(client: string, w: Want): string {
  const parts = [`    ${client} ${w.method ?? 'GET'} ${w.path ?? '/'}${w.query !== undefined ? `?${w.query}` : ''}`];
  if (w.host !== undefined) parts.push(`host ${/\s/.test(w.host) || w.host === '' ? `"${w.host}"` : w.host}`);
  for (const [n, v] of w.headers ?? []) parts.push(`header "${n}: ${v.replace(/"/g, '\\"')}"`);
  return parts.join(' ');
}

function targetsOf(routing: Routing, entry: ProxyRouting | undefined, only: string): Target[] {
  const out: Target[] = [];
  const answers = (px: ProxyRouting, shared = false) => {
    for (const r of [...px.httpRequest, ...px.redirects]) {
      if (r.kind === 'http-request allow' || r.kind === 'http-request set-var') continue;
      out.push({ what: `line ${r.line}: ${r.text}`, cond: r.cond, shared, matches: (d) => d.kind === 'answer' && d.rule?.line === r.line });
    }
    if (px.stats) {
      const s = px.stats;
      const path = s.uri.split('?')[0] ?? '/';
      const query = s.uri.includes('?') ? s.uri.slice(s.uri.indexOf('?') + 1) : undefined;
      out.push({ what: `line ${s.line}: ${s.text}`, cond: null, shared, matches: (d) => d.kind === 'answer' && d.by === 'stats', extra: [{ path, ...(query !== undefined ? { query } : {}) }] });
    }
  };
  if (!entry) {
    const px = routing.proxies[only];
    if (px) answers(px);
    out.push({ what: `backend ${only}`, cond: null, matches: (d) => d.kind === 'backend' });
    return out;
  }
  answers(entry);
  for (const r of entry.switching) {
    const extra: Want[] = [];
    if (typeof r.backend !== 'string') {
      // A log-format name: try a Host that builds each backend's name.
      const lits = r.backend.parts.filter((p): p is { lit: string } => 'lit' in p).map((p) => p.lit);
      for (const [name, px] of Object.entries(routing.proxies)) {
        if (!px.isBackend) continue;
        let rest = name;
        for (const l of lits) rest = rest.replace(l, '');
        extra.push({ host: rest }, { host: `${rest}.example.com` });
      }
    }
    out.push({
      what: `line ${r.line}: ${r.text}`, cond: r.cond, extra,
      matches: (d) => (d.kind === 'backend' ? d.choice.rule?.line === r.line : d.via?.rule?.line === r.line),
    });
  }
  if (!entry.defaultBackend && entry.isBackend && entry.hasServers) {
    // A listen with no default_backend keeps what its rules do not take.
    out.push({ what: `listen ${entry.name}`, cond: null, matches: (d) => d.kind === 'backend' && d.choice.how === 'self' });
  }
  if (entry.defaultBackend) {
    const db = entry.defaultBackend;
    out.push({ what: `line ${db.line}: ${db.text}`, cond: null, matches: (d) => (d.kind === 'backend' ? d.choice.how === 'default_backend' : d.via?.how === 'default_backend') });
  }
  // The own answers (stats, http-request rules) of the backends the entry can send requests to.
  const reachable = new Set([...entry.switching.map((r) => r.backend).filter((b): b is string => typeof b === 'string'), entry.defaultBackend?.backend]);
  for (const px of Object.values(routing.proxies)) if (px !== entry && reachable.has(px.name)) answers(px, true);
  return out;
}

/**
 * The bare configuration with a starter script appended; the text unchanged when it is not a
 * bare haproxy.cfg. `found` counts the routes a request was found for.
 */
export interface Starter {
  readonly text: string;
  readonly requests: number;
  readonly missed: number;
  /** Where each request is meant to end: its backend, or what answers it (`stats`, `redirect`, …). */
  readonly outcomes: readonly string[];
}

export function withStarterScript(text: string): Starter {
  if (!isBareHaproxyCfg(text)) return { text, requests: 0, missed: 0, outcomes: [] };
  const { config } = checkScenario(text);
  const routing = config.routing;
  if (!routing) return { text, requests: 0, missed: 0, outcomes: [] };
  const only = config.defaultBackend;
  const clients: { name: string; open: string }[] = [];
  const clientFor = (w: Want, to: string | null): string => {
    const open = `h1${w.src ? ` from ${w.src}` : ''}${w.tls ? ` tls${w.sni ? ` sni ${w.sni}` : ''}` : ''}${to ? ` to ${to}` : ''}`;
    const known = clients.find((c) => c.open === open);
    if (known) return known.name;
    const name = clientName(clients.length);
    clients.push({ name, open });
    return name;
  };
  const lines: string[] = [];
  let missed = 0;
  const seen = new Set<string>();
  const taken: { front: string | null; d: RouteDecision }[] = [];
  const outcomes: string[] = [];
  // Every frontend's routes, each from a client that connects to it (`to` when it is not the default for its TLS).
  const fronts: (FrontendEntry | null)[] = routing.frontends?.length ? [...routing.frontends] : [null];
  for (const f of fronts) {
    const frontName = f?.name ?? routing.entry;
    const entry = frontName !== null ? entryRouting(routing, frontName) : undefined;
    if (f && (routing.frontends?.length ?? 0) > 1 && !f.leads && !entry?.stats && !entry?.httpRequest.length && !entry?.redirects.length) continue;
    // A frontend listening only with ssl (or only plain) fixes the client's TLS.
    const tlsOnly = f && f.binds.length > 0 && f.binds.every((b) => b.ssl);
    for (const t of targetsOf(routing, entry, only)) {
      if (seen.has(t.what)) continue;
      seen.add(t.what);
      // Already shown by an earlier request (a backend's stats page reached by its use_backend rule).
      if (taken.some((x) => (t.shared || x.front === frontName) && t.matches(x.d))) continue;
      const conds = candidates(t.cond);
      // A log-format name's Host must also satisfy the rule's condition: combine them.
      const combined = (t.extra ?? []).flatMap((e) =>
        conds.filter((c) => c.host !== undefined && e.host !== undefined).flatMap((c) => [
          merge(c, { host: `${e.host}${c.host!.replace(/^example\.com/, '')}` }), merge(c, { host: `${e.host}.${c.host}` }),
        ]),
      );
      const tries = [...(t.extra ?? []), ...conds, ...combined];
      // A rule above may catch the request first (`deny … !LOCALHOST`): try again from loopback.
      let found: { w: Want; to: string | null } | undefined;
      for (const raw of [...tries, ...tries.map((x) => merge(x, { src: '127.0.0.1' }))]) {
        let w = raw;
        if (tlsOnly && !w.tls) w = { ...w, tls: true };
        const at = entryOfFront(routing, f, !!w.tls);
        if (!at) continue;
        // A connection the frontend's tcp-request connection rules reset sends nothing: try another.
        if (connectionRejected(routing, frontName, view(w, at.port))) continue;
        const d = route(routing, view(w, at.port), only, frontName);
        if (!t.matches(d)) continue;
        found = { w, to: at.to };
        taken.push({ front: frontName, d });
        outcomes.push(d.kind === 'answer' ? d.by : d.choice.backend);
        break;
      }
      if (!found) {
        missed++;
        lines.push(`    # no request found for ${t.what}`);
        continue;
      }
      lines.push(requestLine(clientFor(found.w, found.to), found.w));
    }
  }
  if (clients.length === 0) clients.push({ name: 'A', open: 'h1' });
  const opens = clients.map((c) => `    open ${c.name} ${c.open}`);
  const script = ['', '# Added by the playground: one request down each route of the configuration above.', 'script', ...opens, ...lines, ''];
  const requests = lines.filter((l) => !l.trimStart().startsWith('#')).length;
  return { text: `${ENGINE_HEAD}${text.replace(/\s*$/, '')}\n${script.join('\n')}`, requests, missed, outcomes };
}

/**
 * A haproxy.cfg comes from a 2.x binary: it runs on the engine that follows HAProxy 2.6 (the
 * header's selector, or this line, picks 2.8, 3.0 or the 1.9-dev commits). One line before the
 * configuration, which follows unchanged: its lines move down by one only.
 */
export const ENGINE_HEAD = 'engine modern  # added by the playground (the Engine menu picks another)\n';

/** A, B, … Z, then C27, C28, … */
const clientName = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : `C${i + 1}`);

/**
 * How a client reaches frontend `f` with or without TLS: its port, and the `to` it must write
 * (null when the frontend is the default for that TLS); null when it cannot.
 */
function entryOfFront(routing: Routing, f: FrontendEntry | null, tls: boolean): { port: number; to: string | null } | null {
  if (!f) return { port: tls ? 443 : 80, to: null };
  const dflt = entryFor(routing, { tls, to: null });
  if (!isEntryError(dflt) && dflt.proxy === f.name) return { port: dflt.port, to: null };
  const b = f.binds.find((x) => x.ssl === tls);
  if (f.binds.length > 0 && !b) return null;
  const port = b?.ports?.[0] ?? (tls ? 443 : 80);
  const to = b?.ports ? `:${b.ports[0]}` : f.name;
  const check = entryFor(routing, { tls, to });
  return !isEntryError(check) && check.proxy === f.name ? { port, to } : { port, to: f.name };
}
