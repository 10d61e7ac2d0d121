import { describe, expect, it } from 'vitest';
import { runScenario } from '../run';

function servers(lines: string[], n = 4): string[] {
  const text = ['backend be', ...lines.map((l) => `    ${l}`), 'script', '    open A h1', `    repeat ${n} {`, '        A GET /', '    }', ''].join('\n');
  const r = runScenario(text);
  expect(r.diagnostics).toEqual([]);
  return r.trace.filter((e) => e.kind === 'assign').map((e) => (e as { server: string }).server);
}

describe('backup servers (recount_servers, update_backend_weight)', () => {
  it('take no request while another server is usable, whatever the balance', () => {
    for (const balance of ['roundrobin', 'leastconn', 'first', 'uri', 'static-rr']) {
      const got = servers([`balance ${balance}`, 'server b 192.0.2.9:80 backup', 'server s1 192.0.2.10:80', 'server s2 192.0.2.11:80']);
      expect(got, balance).not.toContain('b');
    }
  });
  it('with every other server disabled: the first backup only, or all of them with option allbackups', () => {
    const base = ['server s1 192.0.2.10:80 disabled', 'server b1 192.0.2.11:80 backup', 'server b2 192.0.2.12:80 backup'];
    expect(servers(base)).toEqual(['b1', 'b1', 'b1', 'b1']);
    expect(servers(['option allbackups', ...base])).toEqual(['b1', 'b2', 'b1', 'b2']);
  });
  it('a request that names a backup server still goes there', () => {
    const r = runScenario('backend be\n    server s1 192.0.2.10:80\n    server b 192.0.2.11:80 backup\nscript\n    open A h1\n    A GET / to b\n');
    expect(r.trace.find((e) => e.kind === 'assign')).toMatchObject({ server: 'b', decision: 'A0' });
  });
});

describe('what the page is told of each server', () => {
  it('backup, weight and disabled, by server name', () => {
    const r = runScenario('backend be\n    server a 192.0.2.10:80 weight 3\n    server b 192.0.2.11:80 backup disabled\n    server c 192.0.2.12:80 weight 1\n');
    expect(r.backends).toEqual([{ name: 'be', servers: ['a', 'b', 'c'], roles: { a: 'weight 3', b: 'disabled · backup' } }]);
    const capped = runScenario('engine modern\nbackend be\n    server a 192.0.2.10:80 weight 2 maxconn 5\n    server b 192.0.2.11:80\n');
    expect(capped.backends).toEqual([{ name: 'be', servers: ['a', 'b'], roles: { a: 'weight 2 · maxconn 5' }, maxconn: { a: 5 } }]);
  });
});
