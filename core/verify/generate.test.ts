import { describe, expect, it } from 'vitest';
import { runScenario } from '../run';
import { candidate, clearTiming, generateScenarios } from './generate';

const modern = (text: string) => runScenario(text, { engine: 'modern' });

describe('scenario generator', () => {
  it('is deterministic: a seed always gives the same scenario, and seeds differ', () => {
    expect(candidate(42)).toBe(candidate(42));
    expect(candidate(42)).not.toBe(candidate(43));
  });

  it('writes scenarios the language accepts, covering every feature the differential run needs', () => {
    const texts = Array.from({ length: 300 }, (_, i) => candidate(i));
    for (const t of texts) expect(modern(t).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const all = texts.join('\n');
    for (const feature of [
      'open A h2', 'open E h1', 'server s3', 'http-reuse never', 'http-reuse safe', 'http-reuse aggressive', 'http-reuse always',
      'option prefer-last-server', ' to s', '-> 401 ntlm', 'close-after', 'fin-after', 'idle-timeout', 'send-proxy', 'pool-max-conn',
      'max-reuse', 'proto h2', 'max-streams', ' &', 'close idle', 'close A', 'await', 'cookie SRV insert', ' cookie a', ' maxconn 1', 'timeout queue', 'hash-balance-factor',
      'use_backend be2', 'GET /b/', 'stick on src table st', 'from 127.0.0.3',
      'set-cookie JSESSIONID', 'cookie JSESSIONID prefix', 'stick store-response res.cook(JSESSIONID)',
    ]) expect(all, feature).toContain(feature);
  });

  it("a second backend reuses the first's server names (two servers each in the run), and comes without a global maxconn", () => {
    const texts = Array.from({ length: 300 }, (_, i) => candidate(i)).filter((t) => t.includes('backend be2'));
    expect(texts.length).toBeGreaterThan(20);
    for (const t of texts) {
      expect(t).not.toMatch(/^global/m);
      const servers = modern(t).backends!.flatMap((b) => b.servers);
      expect(servers).toContain('be2/s1');
      expect(servers).toContain('be/s1');
    }
  });

  it('with prefer-last-server, leaves out a request sent while its session\'s connection is being opened (gen-400030)', () => {
    const text = `backend be
    balance leastconn
    option prefer-last-server
    server s1 127.0.0.1:8001
    server s2 127.0.0.1:8002
script
    open A h2
    A GET /1 takes 110ms &
    A GET /2
    await
`;
    expect(clearTiming(modern(text), text)).toMatch(/r2 is sent while a connection of A is being opened/);
    const later = text.replace('    A GET /2', '    wait 40ms\n    A GET /2');
    expect(clearTiming(modern(later), later) ?? '').not.toMatch(/being opened/);
    const plain = text.replace('    option prefer-last-server\n', '');
    expect(clearTiming(modern(plain), plain) ?? '').not.toMatch(/being opened/);
  });

  it('keeps only scenarios whose timers are at least 30 ms apart', () => {
    const tied = `backend be
    server s1 127.0.0.1:8001
servers
    s1 response-time 40ms
script
    open A h2
    A GET /1 takes 100ms &
    A GET /2 takes 100ms &
    await
`;
    expect(clearTiming(modern(tied), tied)).toMatch(/r1's response at 101 ms and r2's response at 101 ms/);
    const waitTie = tied.replace('A GET /2 takes 100ms &', 'wait 110ms');
    expect(clearTiming(modern(waitTie), waitTie)).toMatch(/response at 101 ms and the end of a wait at 110 ms/);
    const spaced = tied.replace('A GET /2 takes 100ms &', 'A GET /2 takes 150ms &');
    expect(clearTiming(modern(spaced), spaced)).toBeNull();
    // A response that arrives after its client left is dropped, and is a timer too.
    const dropped = `backend be
    server s1 127.0.0.1:8001
servers
    s1 response-time 40ms
script
    open A h2
    A GET /1 takes 100ms &
    wait 30ms
    close A
    wait 72ms
    open B h1
    B GET /2
`;
    expect(clearTiming(modern(dropped), dropped)).toMatch(/r1's dropped response at 101 ms and the end of a wait at 102 ms/);
    const gen = generateScenarios(5, 3, modern);
    expect(gen).toHaveLength(5);
    for (const g of gen) expect(clearTiming(modern(g.text), g.text)).toBeNull();
  });
});
