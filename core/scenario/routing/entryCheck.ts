/**
 * `open … to :PORT|FRONTEND` and `tls` against the configuration's binds: an unknown port or
 * frontend, or a TLS client sent to a plain bind (or the reverse), is a located error — the
 * real connection would fail (no listener, or a TLS handshake HAProxy cannot read).
 */
import type { Routing } from '../../model/routing';
import { entryFor, isEntryError } from '../../routing/entry';
import type { Span, Statement } from '../ast';
import { suggest } from '../suggest';

export type EntryReport = (span: Span, message: string, expected: string, suggestion?: string) => void;

export function checkEntries(script: readonly Statement[], routing: Routing | undefined, error: EntryReport): void {
  for (const st of script) {
    if (st.kind === 'repeat') checkEntries(st.body, routing, error);
    if (st.kind !== 'open' || !st.to) continue;
    const to = st.to;
    if (!routing || routing.entry === null) {
      error(to.span, `'to ${to.text}': the configuration has no frontend or listen to connect to; expected no 'to' (the backend takes the requests)`, "no 'to'");
      continue;
    }
    const e = entryFor(routing, { tls: !!st.tls, to: to.text });
    if (!isEntryError(e)) continue;
    const list = e.error === 'unknown-port' || e.error === 'unknown-frontend' ? e.known.join(', ') : '';
    switch (e.error) {
      case 'unknown-port':
        error(to.span, `no frontend binds port ${e.port}; expected ${list}`, list);
        break;
      case 'unknown-frontend': {
        const names = (routing.frontends ?? []).map((f) => f.name);
        error(to.span, `unknown frontend '${e.name}'; expected ${list}`, list, suggest(e.name, names));
        break;
      }
      case 'needs-tls':
        error(to.span, `frontend '${e.frontend}' listens with ssl${e.bind ? ` (line ${e.bind.line}: ${e.bind.text})` : ''}: a plain connection cannot talk to it; expected 'tls' on this open line, or a plain port`, "'tls'");
        break;
      case 'no-tls':
        error(to.span, `frontend '${e.frontend}' has no ssl bind${e.bind ? ` (line ${e.bind.line}: ${e.bind.text})` : ''}: a TLS client cannot talk to it; expected no 'tls', or a port with ssl`, "no 'tls'");
        break;
    }
  }
}
