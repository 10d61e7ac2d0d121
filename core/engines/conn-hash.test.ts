/**
 * What makes a modern connection's reuse hash differ between requests (modern-session.ts hashKey):
 * the SNI (`sni EXPR`; since 3.3 a TLS server's only, the Host by default), and `usesrc client`
 * or `clientip` (the client's address and port; since 3.2 clientip without the port). The real
 * binaries' side: scripts/verify/conn-hash.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { EngineName } from '../scenario/ast';
import { runScenario } from '../run';

const run = (server: string, script: string, engine = 'modern', mode = 'http') => {
  const text = `engine ${engine}\ndefaults\n  mode ${mode}\nbackend be\n  http-reuse always\n  server s1 192.0.2.10:80 ${server}\nscript\n${script}`;
  const r = runScenario(text);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return { conns: r.report().requests.map((q) => q.conn), events: [...r.trace] };
};
/** A and B take turns, each request after the previous one's answer, with these Host headers. */
const turns = (...hosts: string[]) =>
  `  open A h1\n  open B h1\n${hosts.map((h, i) => `  ${i % 2 ? 'B' : 'A'} GET /${i} host ${h}\n  wait 20ms\n`).join('')}  close A\n  close B\n`;

describe('sni: connections pooled by SNI', () => {
  it('2.6: requests for the same SNI share connections, another SNI never takes one (any client, http-reuse always)', () => {
    const { conns, events } = run('sni req.hdr(host)', turns('a.example', 'b.example', 'b.example', 'a.example', 'a.example'));
    // r1, r4, r5 are a.example; r2, r3 b.example.
    expect(new Set([conns[0], conns[3], conns[4]]).size).toBe(1);
    expect(conns[1]).not.toBe(conns[0]);
    expect(conns[2]).not.toBe(conns[0]);
    const note = events.find((e) => e.decision === 'mP2');
    expect(note?.message).toContain("SNI 'a.example'");
  });

  it('a constant SNI changes nothing: one connection for all', () => {
    const { conns } = run('sni str(example.com)', turns('a.example', 'b.example', 'a.example'));
    expect(new Set(conns).size).toBe(1);
  });

  it('3.4: `sni` of a cleartext server is not hashed (3.3 made it TLS only)', () => {
    expect(new Set(run('sni req.hdr(host)', turns('a.example', 'b.example', 'a.example'), 'modern 3.4').conns).size).toBe(1);
  });

  it('3.4: a TLS server without `sni` pools its connections by Host (port left out); `no-sni-auto` turns it off; 3.2 does not', () => {
    const script = turns('a.example', 'b.example:8080', 'a.example:443', 'b.example');
    const auto = run('ssl verify none', script, 'modern 3.4').conns;
    expect(auto[2]).toBe(auto[0]);
    expect(auto[1]).not.toBe(auto[0]);
    expect(auto[3]).not.toBe(auto[0]);
    expect(new Set(run('ssl verify none no-sni-auto', script, 'modern 3.4').conns).size).toBe(1);
    expect(new Set(run('ssl verify none', script, 'modern 3.2').conns).size).toBe(1);
    // mode tcp: no Host, no SNI of its own.
    expect(new Set(run('ssl', `  open A h1\n  A GET /\n  close A\n`, 'modern 3.4', 'tcp').conns).size).toBe(1);
  });
});

describe('usesrc: connections bound to the client', () => {
  const twoFromOneAddress = '  open A h1 from 10.0.0.1\n  open B h1 from 10.0.0.1\n  A GET /1\n  wait 20ms\n  B GET /2\n  wait 20ms\n  A GET /3\n  close A\n  close B\n';
  it('clientip at 2.6 and 3.0: each client connection keeps its own (the port is hashed)', () => {
    for (const engine of ['modern', 'modern 3.0']) {
      const { conns, events } = run('source 0.0.0.0 usesrc clientip', twoFromOneAddress, engine);
      expect(conns[1], engine).not.toBe(conns[0]);
      expect(conns[2], engine).toBe(conns[0]);
      expect(events.some((e) => e.decision === 'mP3')).toBe(true);
    }
  });
  it('clientip since 3.2: one address, one pool; another address does not share', () => {
    expect(new Set(run('source 0.0.0.0 usesrc clientip', twoFromOneAddress, 'modern 3.2').conns).size).toBe(1);
    const apart = twoFromOneAddress.replace('B h1 from 10.0.0.1', 'B h1 from 10.0.0.2');
    expect(new Set(run('source 0.0.0.0 usesrc clientip', apart, 'modern 3.4').conns).size).toBe(2);
  });
  it('client (address and port) at 3.4 too', () => {
    expect(new Set(run('source 0.0.0.0 usesrc client', twoFromOneAddress, 'modern 3.4').conns).size).toBe(2);
  });
});

describe('seed: sni makes the connection private only when the expression gives a value', () => {
  it('a request without the header leaves its connection shareable', () => {
    const text = (engine: EngineName) => `engine ${engine}\nbackend be\n  http-reuse always\n  server s1 192.0.2.10:80 sni req.hdr(x-sni)\nscript\n  open A h1\n  A GET / header "x-sni: a"\n  A GET /\n  close A\n`;
    const r = runScenario(text('seed'));
    const priv = [...r.trace].filter((e) => e.kind === 'conn.private' && e.decision === 'P2');
    expect(priv.map((e) => e.request)).toEqual(['r1']);
  });
});

describe('pool-conn-name (3.0+): the name a connection is pooled by', () => {
  const tenants = (...ts: string[]) =>
    `  open A h1\n  open B h1\n${ts.map((t, i) => `  ${i % 2 ? 'B' : 'A'} GET /${i} header "x-tenant: ${t}"\n  wait 20ms\n`).join('')}  close A\n  close B\n`;
  it('3.0: only requests with the same name reuse a connection; 2.6 refuses the keyword and shares', () => {
    const script = tenants('t1', 't2', 't1');
    const at30 = run('pool-conn-name req.hdr(x-tenant)', script, 'modern 3.0');
    expect(at30.conns[1]).not.toBe(at30.conns[0]);
    expect(at30.conns[2]).toBe(at30.conns[0]);
    expect(at30.events.find((e) => e.decision === 'mP2')?.message).toContain("name 't1'");
    expect(new Set(run('pool-conn-name req.hdr(x-tenant)', script, 'modern').conns).size).toBe(1);
  });
  it('3.4: it names a TLS server\'s connections in place of the SNI', () => {
    const script = tenants('t1', 't1', 't1').replace(/GET \/(\d)/g, (_m, i: string) => `GET /${i} host h${i}.example`);
    // Three Hosts, one tenant: one connection.
    expect(new Set(run('ssl pool-conn-name req.hdr(x-tenant)', script, 'modern 3.4').conns).size).toBe(1);
    expect(new Set(run('ssl', script, 'modern 3.4').conns).size).toBeGreaterThan(1);
  });
});
