/**
 * `mode tcp` when a configuration is compiled (cfgparse.c of v2.6.0, the same rules at 7c6f8b146):
 * - a proxy in mode http may not send its streams to a backend in mode tcp: HAProxy refuses the
 *   configuration (2862-2870 for default_backend, 2936-2944 for use_backend); a tcp frontend may
 *   use an http backend (the stream is upgraded to HTTP);
 * - a proxy in mode tcp ignores what needs HTTP, with a warning (3590-3712): its http-request and
 *   redirect rules, stats, monitor-uri and server cookies; `http-reuse` is turned off.
 * The simulation does the same, and says where it does not model something for tcp streams.
 */
import type { ProxyRouting, Routing } from '../model/routing';
import type { Span, Word } from './ast';
import type { Proxy } from './backend-config';

interface Report {
  error(span: Span, message: string, expected: string): void;
  warn(span: Span, message: string): void;
}

const spanOf = (ws: readonly Word[]): Span => ({ from: ws[0]!.span.from, to: ws[ws.length - 1]!.span.to });

const unquote = (s: string) => s.replace(/^["']|["']$/g, '');

/** Checks the modes of the proxies and returns the routing with the HTTP-only rules of tcp proxies left out. */
export function checkTcpMode(frontends: readonly Proxy[], backends: readonly Proxy[], routing: Routing, report: Report): Routing {
  const backendByName = new Map(backends.map((b) => [b.name.text, b]));
  for (const f of frontends) {
    if (f.settings.tcp) continue;
    const targets: Word[] = [];
    const db = f.settings.defaultBackend;
    if (db) targets.push(db);
    for (const d of f.section.directives) if (d.words[0]?.text === 'use_backend' && d.words[1]) targets.push(d.words[1]);
    for (const w of targets) {
      const b = backendByName.get(unquote(w.text));
      if (!b || b === f || !b.settings.tcp) continue;
      report.error(
        w.span,
        `${f.section.kind} '${f.name.text}' is in mode http and backend '${b.name.text}' in mode tcp: HAProxy refuses a proxy that sends its requests to a tcp backend`,
        `a backend in mode http, or \`mode tcp\` in ${f.section.kind} '${f.name.text}'`,
      );
    }
  }

  const cleared: Record<string, ProxyRouting> = {};
  const clearedFrontends: Record<string, ProxyRouting> = {};
  for (const p of new Set([...frontends, ...backends])) {
    if (!p.settings.tcp) continue;
    const kind = p.section.kind;
    const ignored = (ws: readonly Word[], what: string) =>
      report.warn(spanOf(ws), `${what} ignored in ${kind} '${p.name.text}': it needs mode http, and this proxy is in mode tcp (HAProxy warns and ignores it too)`);
    const seen = new Set<string>();
    for (const d of p.section.directives) {
      const ws = d.words;
      const kw = ws[0]?.text;
      if (!kw) continue;
      if (kw === 'http-request' || kw === 'http-response' || kw === 'http-after-response' || kw === 'redirect') {
        // One warning per kind of rule, as HAProxy gives.
        if (!seen.has(kw)) ignored(ws, `'${kw}' rules are`);
        seen.add(kw);
      } else if (kw === 'stats' || kw === 'monitor-uri' || kw === 'capture') {
        if (!seen.has(kw)) ignored(ws, `'${kw}' is`);
        seen.add(kw);
      } else if (kw === 'cookie') report.warn(spanOf(ws), `'cookie' persistence has no effect in mode tcp: HAProxy reads no request, so no cookie`);
      else if (kw === 'http-reuse') report.warn(spanOf(ws), `'http-reuse' has no effect in mode tcp: a tcp stream keeps its own server connection and nothing is reused (HAProxy turns it off)`);
      else if ((kw === 'server' || kw === 'default-server') && ws.some((w) => w.text === 'maxconn')) {
        const w = ws.find((x) => x.text === 'maxconn')!;
        report.warn(w.span, 'server maxconn is not modelled for mode tcp streams: no client connection waits in a queue, each is connected at once');
      } else if (kw === 'option' && ws[1]?.text === 'prefer-last-server') {
        // A PR_MODE_HTTP option of proxy.c's cfg_opts (86): HAProxy warns and drops it (cfgparse.c:3644-3653 of v2.6.0).
        // (The other HTTP-only options are ones the simulation ignores anyway, and says so.)
        report.warn(spanOf(ws), `'option prefer-last-server' is ignored in ${kind} '${p.name.text}': it needs mode http, and this proxy is in mode tcp (HAProxy warns and ignores it too)`);
      } else if (kw === 'force-persist' || kw === 'ignore-persist') {
        report.warn(spanOf(ws), `'${kw}' is not modelled for mode tcp streams: the server is chosen by load balancing`);
      }
    }
    const own = kind === 'frontend' ? routing.frontendsByName?.[p.name.text] : undefined;
    const r = own ?? routing.proxies[p.name.text];
    if (r && (r.httpRequest.length > 0 || r.redirects.length > 0 || r.stats || r.monitor)) {
      const { monitor: _m, ...rest } = r;
      (own ? clearedFrontends : cleared)[p.name.text] = { ...rest, httpRequest: [], redirects: [], stats: null };
    }
  }
  // Both maps have no prototype (a backend name computed per request must find no member of Object).
  const merged = (base: Readonly<Record<string, ProxyRouting>> | undefined, over: Record<string, ProxyRouting>) =>
    Object.assign(Object.create(null) as Record<string, ProxyRouting>, base, over);
  if (Object.keys(cleared).length === 0 && Object.keys(clearedFrontends).length === 0) return routing;
  return {
    ...routing,
    proxies: merged(routing.proxies, cleared),
    ...(routing.frontendsByName ? { frontendsByName: merged(routing.frontendsByName, clearedFrontends) } : {}),
  };
}
