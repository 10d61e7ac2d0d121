/**
 * A backend's `fullconn` as HAProxy settles it when the configuration does not set it
 * (proxy_adjust_all_maxconn, proxy.c:2518-2584 of v2.6.0; the same function in 2.8, 3.0 and 3.2):
 * every frontend (and listen) adds its maxconn — its own, else the global one — to the backends it
 * can route to: its default_backend (a listen without one: itself) and each backend a static
 * `use_backend` rule names, once per frontend. fullconn is a tenth of that sum, rounded up, and at
 * least 1. Pure: it reads the proxies and the routing as compile.ts has them.
 */
import type { Span } from './ast';
import type { BackendConfig } from '../model/config';
import type { Routing } from '../model/routing';
import type { Proxy } from './backend-config';

/** What a frontend or listen gives the backends it routes to. */
export interface FrontendReach {
  readonly name: string;
  /** Its maxconn: its own, else the global maxconn (null: neither is written). */
  readonly maxconn: number | null;
  /** A listen section: without default_backend, its own backend gets its maxconn. */
  readonly listen: boolean;
  readonly defaultBackend: string | null;
  /** The backends its `use_backend` rules name as written (a rule computed per request names none), in order. */
  readonly ruleBackends: readonly string[];
}

/**
 * The global maxconn taken when the configuration writes none: HAProxy derives it from the
 * process's descriptor limit (compute_ideal_maxconn, haproxy.c:1354-1420 of v2.6.0: about half of
 * it), which the configuration does not show. 262,144 is about what 524,288 descriptors give
 * (systemd's default hard limit for a service); at `ulimit -n` 20,000, Debian's 2.6.12 took 9,986.
 */
export const ASSUMED_GLOBAL_MAXCONN = 262_144;

export interface Fullconn {
  readonly value: number;
  /** Frontends whose maxconn was assumed (ASSUMED_GLOBAL_MAXCONN): the value depends on the machine. */
  readonly assumed: readonly string[];
}

/** The sum of the maxconn of the frontends that can route to each backend (tot_fe_maxconn), with the frontends whose maxconn was assumed. */
function reaching(frontends: readonly FrontendReach[]): Map<string, { total: number; assumed: string[] }> {
  const out = new Map<string, { total: number; assumed: string[] }>();
  const add = (backend: string, f: FrontendReach) => {
    let t = out.get(backend);
    if (!t) out.set(backend, (t = { total: 0, assumed: [] }));
    t.total += f.maxconn ?? ASSUMED_GLOBAL_MAXCONN;
    if (f.maxconn === null && !t.assumed.includes(f.name)) t.assumed.push(f.name);
  };
  for (const f of frontends) {
    if (f.defaultBackend !== null) add(f.defaultBackend, f);
    else if (f.listen) add(f.name, f);
    // A rule adds the frontend's maxconn to its backend unless that is the default backend or an
    // earlier rule of the frontend named it already.
    f.ruleBackends.forEach((b, i) => {
      if (b !== f.defaultBackend && f.ruleBackends.indexOf(b) === i) add(b, f);
    });
  }
  return out;
}

/** Each backend's fullconn: `written` (0: not written) or computed from the frontends that reach it. */
export function fullconnOf(backend: string, written: number, frontends: readonly FrontendReach[]): Fullconn {
  if (written > 0) return { value: written, assumed: [] };
  const t = reaching(frontends).get(backend);
  // An unsigned sum in HAProxy; the simulation's sums stay far below 2^32.
  const value = Math.max(1, Math.floor(((t?.total ?? 0) + 9) / 10));
  return { value, assumed: t?.assumed ?? [] };
}

/**
 * The modern engine's `fullconn` of each backend whose servers have a dynamic limit (minconn
 * below maxconn): written, else from the frontends' maxconn (fullconnOf). A scenario without
 * frontend has the one frontend of the oracle's layout, routing to the default backend. Where the
 * value rests on the machine's descriptor limit (no maxconn written), a warning says so.
 */
export function withFullconn(
  backends: readonly Proxy[], configs: BackendConfig[], frontends: readonly Proxy[], routing: Routing, globalMaxconn: number,
  implicit: { readonly maxconn: number; readonly defaultBackend: string },
  warn: (code: string, span: Span, message: string) => void,
): BackendConfig[] {
  const reach: FrontendReach[] = frontends.length === 0
    ? [{ name: 'the frontend', maxconn: implicit.maxconn || globalMaxconn || null, listen: false, defaultBackend: implicit.defaultBackend, ruleBackends: [] }]
    : frontends.map((f) => {
        const r = routing.frontendsByName?.[f.name.text] ?? routing.proxies[f.name.text];
        return {
          name: f.name.text,
          maxconn: f.settings.maxconn || globalMaxconn || null,
          listen: f.section.kind === 'listen',
          defaultBackend: r?.defaultBackend?.backend ?? null,
          ruleBackends: (r?.switching ?? []).flatMap((x) => (typeof x.backend === 'string' ? [x.backend] : [])),
        };
      });
  return configs.map((c, i) => {
    if (!c.servers.some((s) => s.minconn !== undefined)) return c;
    const b = backends[i]!;
    const f = fullconnOf(c.name, b.settings.fullconn, reach);
    if (f.assumed.length > 0) {
      warn(
        'assumed-fullconn', b.name.span,
        `backend '${c.name}' has servers with a minconn and no fullconn: HAProxy would make it 10 % of the maxconn of the frontends that route to it, and ${f.assumed.join(', ')} ` +
          `${f.assumed.length > 1 ? 'have' : 'has'} none, nor has the global section: HAProxy would derive it from the machine's descriptor limit. The simulation takes a global maxconn of ` +
          `${ASSUMED_GLOBAL_MAXCONN.toLocaleString('en-US')} (fullconn ${f.value.toLocaleString('en-US')}); write \`fullconn N\` in the backend, or \`maxconn N\` in the global section, to fix it`,
      );
    }
    return { ...c, fullconn: f.value };
  });
}
