/**
 * Which frontend a client connection enters, and on which port. In HAProxy the listener a client
 * connects to fixes the frontend (the connection is accepted by the bind's proxy): the script
 * names it with `open … to :PORT` or `to NAME`; without it a TLS client enters a frontend with an
 * `ssl` bind and a plain one a frontend with a plain bind (a frontend without bind line takes
 * either), the first that leads to a backend, else the first such one.
 */
import type { Bind, FrontendEntry, Routing } from '../model/routing';

export interface ConnTarget {
  readonly tls: boolean;
  /** As written after `to`: `:443`, `*:8080`, `[::]:443`, or a frontend/listen name. */
  readonly to: string | null;
}

export interface Entry {
  /** The frontend or listen (null: no frontend at all, the single backend takes the request). */
  readonly proxy: string | null;
  /** The port the client connected to (`dst_port`). */
  readonly port: number;
  /** The bind line whose listener took the connection (absent: a frontend without bind). */
  readonly bind?: Bind;
}

export type EntryError =
  | { readonly error: 'unknown-port'; readonly port: number; readonly known: readonly string[] }
  | { readonly error: 'unknown-frontend'; readonly name: string; readonly known: readonly string[] }
  | { readonly error: 'needs-tls' | 'no-tls'; readonly frontend: string; readonly bind: Bind | null };

const DEFAULT_PORT = { plain: 80, tls: 443 } as const;

/** The port of a `to` target (`:443`, `*:443`, `10.0.0.1:443`, `[::]:443`), or null for a name. */
export function targetPort(to: string): number | null {
  const m = /^(?:[^:]*|\[[^\]]*\]|.*):(\d{1,5})$/.exec(to);
  return m ? Number(m[1]) : null;
}

const fits = (b: Bind, tls: boolean) => b.ssl === tls;
const portOf = (b: Bind | undefined, tls: boolean) => b?.ports?.[0] ?? (tls ? DEFAULT_PORT.tls : DEFAULT_PORT.plain);

/** Every port and frontend name a `to` may give, for the error's list. */
export function knownTargets(fronts: readonly FrontendEntry[]): string[] {
  const ports = new Set<string>();
  for (const f of fronts) for (const b of f.binds) if (b.ports) ports.add(`:${b.ports[0]}${b.ports[1] !== b.ports[0] ? `-${b.ports[1]}` : ''} (${f.name}${b.ssl ? ', ssl' : ''})`);
  return [...ports, ...fronts.map((f) => f.name)];
}

export function entryFor(routing: Routing, c: ConnTarget): Entry | EntryError {
  const fronts = routing.frontends ?? [];
  const dflt = c.tls ? DEFAULT_PORT.tls : DEFAULT_PORT.plain;
  if (c.to !== null) {
    const port = targetPort(c.to);
    if (port !== null) {
      for (const f of fronts) {
        const b = f.binds.find((x) => x.ports && x.ports[0] <= port && port <= x.ports[1]);
        if (!b) continue;
        if (!fits(b, c.tls)) return { error: b.ssl ? 'needs-tls' : 'no-tls', frontend: f.name, bind: b };
        return { proxy: f.name, port, bind: b };
      }
      // A configuration without any bind port: every port reaches the one entry.
      if (fronts.every((f) => f.binds.every((b) => !b.ports)) && routing.entry !== null) return { proxy: routing.entry, port };
      return { error: 'unknown-port', port, known: knownTargets(fronts) };
    }
    const f = fronts.find((x) => x.name === c.to);
    if (!f) return { error: 'unknown-frontend', name: c.to, known: knownTargets(fronts) };
    if (f.binds.length === 0) return { proxy: f.name, port: dflt };
    const b = f.binds.find((x) => fits(x, c.tls));
    if (!b) return { error: c.tls ? 'no-tls' : 'needs-tls', frontend: f.name, bind: f.binds[0] ?? null };
    return { proxy: f.name, port: portOf(b, c.tls), bind: b };
  }
  const takes = fronts.filter((f) => f.binds.length === 0 || f.binds.some((b) => fits(b, c.tls)));
  const f = takes.find((x) => x.leads) ?? takes[0];
  if (!f) return { proxy: routing.entry, port: dflt };
  const b = f.binds.find((x) => fits(x, c.tls));
  return { proxy: f.name, port: portOf(b, c.tls), ...(b ? { bind: b } : {}) };
}

export const isEntryError = (e: Entry | EntryError): e is EntryError => 'error' in e;
