/**
 * Server option `track [BACKEND/]SERVER`: a server whose state follows another one's health
 * checks. Resolved once every backend is known, as srv_apply_track does (server.c:5056-5125 of
 * v2.6.0; the same rules at 1.9): what HAProxy refuses to start with is a warning here, and the
 * simulation leaves the option out. Pure; used by compile.ts.
 */
import type { Span } from './ast';
import type { BackendConfig, ServerConfig } from '../model/config';
import type { Proxy } from './backend-config';
import { REFUSED_CODE } from './grammar/report';

type Warn = (code: string, span: Span, message: string) => void;

/** The backends with each tracking server's `tracks` set to the run name of the server it follows. */
export function resolveTracks(backends: readonly Proxy[], configs: readonly BackendConfig[], warn: Warn): BackendConfig[] {
  const find = (be: string, name: string): { decl: Proxy['servers'][number]; config: ServerConfig } | null => {
    const i = backends.findIndex((b) => b.name.text === be);
    if (i < 0) return null;
    const k = backends[i]!.servers.findIndex((s) => s.name.text === name);
    return k < 0 ? null : { decl: backends[i]!.servers[k]!, config: configs[i]!.servers[k]! };
  };
  // Each tracking server's target (by backend and name), the ones HAProxy accepts.
  const target = new Map<ServerConfig, ServerConfig>();
  const declOf = new Map<ServerConfig, Proxy['servers'][number]>();
  backends.forEach((b, i) => {
    b.servers.forEach((s, k) => {
      const t = s.fields.track;
      if (!t) return;
      const refuse = (why: string) => warn(REFUSED_CODE, t.span, `HAProxy refuses 'track ${t.target}' on server '${s.name.text}': ${why}; ignored by the simulation`);
      const self = configs[i]!.servers[k]!;
      if (self.check) return refuse('unable to enable checks and tracking at the same time');
      const slash = t.target.lastIndexOf('/');
      const be = slash >= 0 ? t.target.slice(0, slash) : b.name.text;
      const name = slash >= 0 ? t.target.slice(slash + 1) : t.target;
      if (!backends.some((x) => x.name.text === be)) return refuse(`unable to find required proxy '${be}' for tracking`);
      const found = find(be, name);
      if (!found) return refuse(`unable to find required server '${name}' for tracking`);
      if (!found.config.check && !found.decl.fields.track) return refuse(`unable to use ${be}/${name} for tracking as it does not have any check nor agent enabled`);
      target.set(self, found.config);
      declOf.set(self, s);
    });
  });
  // A chain that loops back is refused (each of its servers).
  for (const s of [...target.keys()]) {
    const seen = new Set<ServerConfig>([s]);
    for (let t = target.get(s); t; t = target.get(t)) {
      if (seen.has(t)) {
        target.delete(s);
        const decl = declOf.get(s)!;
        warn(REFUSED_CODE, decl.fields.track!.span, `HAProxy refuses 'track ${decl.fields.track!.target}' on server '${decl.name.text}': it belongs to a tracking chain looping back to it; ignored by the simulation`);
        break;
      }
      seen.add(t);
    }
  }
  if (target.size === 0) return [...configs];
  return configs.map((c) => (c.servers.some((s) => target.has(s)) ? { ...c, servers: c.servers.map((s) => (target.has(s) ? { ...s, tracks: target.get(s)!.name } : s)) } : c));
}
