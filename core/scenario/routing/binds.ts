/**
 * The addresses a frontend or listen listens on, from its `bind` lines (HAProxy 2.6.0
 * cfgparse-listen.c "bind", addresses read by str2sa_range in tools.c): `[ADDR]:PORT[-PORT]`
 * separated by commas, `/path` or `unix@…` sockets (no port), and the `ssl` option of the line.
 * `quic4@`/`quic6@` addresses are TLS too (QUIC carries TLS 1.3).
 */
import type { Bind } from '../../model/routing';
import type { ConfigSection } from '../ast';

/** The port range of one address, null for a socket or a port that is not a number (`${PORT}`). */
export function portsOf(addr: string): readonly [number, number] | null {
  const a = addr.replace(/^["']|["']$/g, '');
  if (a.startsWith('/') || /^(unix|abns|fd|sockpair)@/.test(a)) return null;
  const m = /:(\d{1,5})(?:-(\d{1,5}))?$/.exec(a);
  if (!m) return null;
  const lo = Number(m[1]);
  const hi = m[2] !== undefined ? Number(m[2]) : lo;
  if (lo < 1 || hi > 65535 || hi < lo) return null;
  return [lo, hi];
}

export function bindsOf(section: ConfigSection, lineOf: (offset: number) => number): Bind[] {
  const out: Bind[] = [];
  for (const d of section.directives) {
    const ws = d.words;
    if (ws[0]!.text !== 'bind' || !ws[1]) continue;
    const ssl = ws.slice(2).some((w) => w.text === 'ssl');
    const text = ws.map((w) => w.text).join(' ');
    const line = lineOf(d.span.from);
    // `maxconn N` (bind_parse_maxconn, listener.c:1673-1692 of v2.6.0: atol; 0 is no limit of its own).
    const m = ws.findIndex((w, i) => i >= 2 && w.text === 'maxconn');
    const maxconn = m > 0 ? Math.max(0, Number(/^\s*[+-]?\d+/.exec(ws[m + 1]?.text ?? '')?.[0] ?? 0)) : 0;
    for (const addr of ws[1].text.split(',')) {
      if (addr === '') continue;
      out.push({ ports: portsOf(addr), ssl: ssl || /^quic[46]@/.test(addr), line, text, ...(maxconn > 0 ? { maxconn } : {}) });
    }
  }
  return out;
}
