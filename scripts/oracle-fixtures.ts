// Translates the real-HAProxy oracle (../shared/oracle) into project fixtures:
// core/test/oracle/<name>.scenario (the scenario language) and expected.json (what the
// binaries did: mapping, connections opened, closes during the timeline, crashes).
// Run: npx tsx scripts/oracle-fixtures.ts [ORACLE_DIR]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const oracle = process.argv[2] ?? join(import.meta.dirname, '../../shared/oracle');
const out = join(import.meta.dirname, '../core/test/oracle');
const binaries = { seed: 'seed', parent: 'parent', modern: 'debian-2.6.12' } as const;

interface Step { op: string; client?: string; proto?: string; id?: string; wait?: boolean; ms?: number; respond?: { status: number; headers?: Record<string, string> } }

function toScenario(s: { name: string; description: string; haproxy: { httpReuse: string }; servers: { name: string; delayMs?: number; closeAfter?: number; idleCloseMs?: number }[]; timeline: Step[] }): string {
  const lines = [`# oracle scenario ${s.name} (translated from shared/oracle/scenarios/${s.name}.json)`];
  for (const l of s.description.match(/.{1,110}(\s|$)/g) ?? []) lines.push(`# ${l.trim()}`);
  lines.push('', 'defaults', '    mode http', '    option http-keep-alive', '    timeout connect 5s', '    timeout client 30s', '    timeout server 30s', '    timeout http-keep-alive 30s', '    timeout http-request 30s', '');
  lines.push('backend be', '    balance roundrobin', `    http-reuse ${s.haproxy.httpReuse}`);
  s.servers.forEach((sv, i) => lines.push(`    server ${sv.name} 127.0.0.1:${8001 + i}`));
  const beh: string[] = [];
  for (const sv of s.servers) {
    if (sv.delayMs) beh.push(`    ${sv.name} response-time ${sv.delayMs}ms`);
    if (sv.closeAfter) beh.push(`    ${sv.name} close-after ${sv.closeAfter}`);
    if (sv.idleCloseMs) beh.push(`    ${sv.name} idle-timeout ${sv.idleCloseMs}ms`);
  }
  if (beh.length) lines.push('', 'servers', ...beh);
  lines.push('', 'script');
  for (const st of s.timeline) {
    switch (st.op) {
      case 'open': lines.push(`    open ${st.client} ${st.proto}`); break;
      case 'req': {
        let l = `    ${st.client} GET /${st.id}`;
        const r = st.respond;
        if (r && r.status !== 200) {
          const www = r.headers?.['WWW-Authenticate'];
          // HAProxy matches the whole challenge: only a bare NTLM/Negotiate makes the connection private.
          l += ` -> ${r.status}${www === 'NTLM' ? ' ntlm' : www === 'Negotiate' ? ' negotiate' : ''}`;
        }
        if (st.wait === false) l += ' &';
        lines.push(l);
        break;
      }
      case 'await': lines.push('    await'); break;
      case 'sleep': lines.push(`    wait ${st.ms}ms`); break;
      case 'close': lines.push(`    close ${st.client}`); break;
      default: throw new Error(`unknown oracle step ${st.op}`);
    }
  }
  return lines.join('\n') + '\n';
}

const expected: Record<string, unknown> = {};
for (const f of readdirSync(join(oracle, 'scenarios')).filter((f) => f.endsWith('.json')).sort()) {
  const name = f.replace(/\.json$/, '');
  const sc = JSON.parse(readFileSync(join(oracle, 'scenarios', f), 'utf8'));
  writeFileSync(join(out, `${name}.scenario`), toScenario(sc));
  const per: Record<string, unknown> = {};
  for (const [engine, dir] of Object.entries(binaries)) {
    const tr = JSON.parse(readFileSync(join(oracle, 'traces', dir, f), 'utf8'));
    per[engine] = {
      binary: tr.binary.version,
      crashed: !!tr.haproxy?.crashed,
      opened: tr.shape.opened,
      mapping: tr.shape.mapping,
      connections: tr.shape.connections,
      requests: tr.requests.map((r: { id: string; backendConn: string | null; status: number | null; error: string | null; step: number }) => ({ id: r.id, conn: r.backendConn, status: r.status, error: r.error, step: r.step })),
      backendConnections: tr.backendConnections.map((c: { id: string; server: string; closedStep: number | string | null; closedBy: string | null; requests: string[] }) => ({ id: c.id, server: c.server, closedStep: c.closedStep, closedBy: c.closedBy, requests: c.requests })),
    };
  }
  expected[name] = { description: sc.description, checks: sc.checks, traces: per };
}
writeFileSync(join(out, 'expected.json'), JSON.stringify(expected, null, 1) + '\n');
console.log(`wrote ${Object.keys(expected).length} scenarios to ${out}`);
