import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkScenario } from '../../core/scenario/compile';
import { haproxyCfg, reproducible } from './haproxy-cfg';

const SCENARIO = `
defaults
    timeout connect 5s
    timeout server 2s
    option http-server-close

frontend web
    bind :80
    max-session-srv-conns 3
    default_backend app

backend app
    balance leastconn
    http-reuse always
    option prefer-last-server
    server s1 127.0.0.1:8001 send-proxy max-reuse 2 pool-max-conn 1
    server s2 127.0.0.1:8002 proto h2 pool-purge-delay 1s

servers
    s1 response-time 40ms

script
    open A h1
    A GET /x to s2
`;

const ports = { h1: 40001, h2: 40002, servers: new Map([['s1', 41001], ['s2', 41002]]) };

describe('haproxy.cfg for a scenario', () => {
  it('writes what the modern engine reads, on the ports of the run, timeouts scaled', () => {
    const c = checkScenario(SCENARIO, { engine: 'modern' }).config!;
    const cfg = haproxyCfg(c, ports, 2, 'test', true);
    for (const line of [
      'nbthread 1', 'timeout connect 10000ms', 'timeout server 4000ms', 'bind 127.0.0.1:40001', 'bind 127.0.0.1:40002 proto h2',
      'option http-server-close', 'max-session-srv-conns 3', 'default_backend app', 'balance leastconn', 'http-reuse always',
      'option prefer-last-server', 'use-server s2 if { req.hdr(x-target) -m str s2 }',
      'server s1 127.0.0.1:41001 send-proxy max-reuse 2 pool-max-conn 1', 'server s2 127.0.0.1:41002 proto h2 pool-purge-delay 2000ms',
    ]) expect(cfg).toContain(line);
    expect(cfg).not.toContain('timeout client');
  });

  it("writes a backend's own timeouts in its section, and none where it keeps the defaults'", () => {
    const text = SCENARIO.replace('servers\n', 'backend other\n    timeout server 100ms\n    server s3 127.0.0.1:8003\n\nservers\n');
    const withPorts = { ...ports, servers: new Map([...ports.servers, ['s3', 41003]]) };
    const cfg = haproxyCfg(checkScenario(text, { engine: 'modern' }).config!, withPorts, 2, 'test');
    expect(cfg).toMatch(/backend other\n(    .*\n)*    timeout server 200ms\n/);
    expect(cfg.match(/timeout server/g)).toHaveLength(2);
    expect(cfg.match(/timeout connect/g)).toHaveLength(1);
    const plain = haproxyCfg(checkScenario(SCENARIO, { engine: 'modern' }).config!, ports, 2, 'test');
    expect(plain.match(/timeout server/g)).toHaveLength(1);
  });

  it('leaves out the 2.x keywords for the seed engine, which ignores them', () => {
    const c = checkScenario(SCENARIO, { engine: 'seed' }).config!;
    const cfg = haproxyCfg(c, ports, 1, 'test');
    expect(cfg).toContain('server s1 127.0.0.1:41001 send-proxy\n');
    expect(cfg).not.toMatch(/server s2 .*proto|max-reuse|pool-|max-session-srv-conns|use-server/);
  });

  it('refuses what this binary or a loopback run cannot reproduce', () => {
    const c = checkScenario(SCENARIO.replace('send-proxy', 'sni str(x)').replace('pool-max-conn 1', 'source 0.0.0.0 usesrc clientip'), { engine: 'modern' }).config!;
    const without = reproducible(c, { openssl: false, tproxy: false }).errors.join('\n');
    expect(without).toMatch(/s1: this HAProxy is built without OpenSSL/);
    expect(without).toMatch(/s1: 'usesrc clientip' needs a HAProxy built with TPROXY/);
    const able = reproducible(c, { openssl: true, tproxy: true });
    expect(able.errors).toEqual([]);
    expect(able.notes.join('\n')).toMatch(/s1: 'sni' on a cleartext connection/);
    expect(haproxyCfg(c, ports, 1, 'test')).toMatch(/server s1 \S+ sni str\(x\)/);
    const client = checkScenario(SCENARIO.replace('send-proxy', 'source 0.0.0.0 usesrc client'), { engine: 'modern' }).config!;
    expect(reproducible(client).errors.join('\n')).toMatch(/s1: 'usesrc client' binds to the client's own port/);
    const tls34 = checkScenario(`engine modern 3.4\n${SCENARIO.replace('send-proxy', 'ssl verify none')}`).config!;
    expect(reproducible(tls34).errors.join('\n')).toMatch(/s1: 'ssl'/);
  });

  // The configuration is checked by the real binary where there is one (CI installs it).
  const haproxy = spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status === 0;
  it.runIf(haproxy)('is accepted by haproxy -c', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-test-'));
    try {
      const file = join(dir, 'haproxy.cfg');
      writeFileSync(file, haproxyCfg(checkScenario(SCENARIO, { engine: 'modern' }).config!, ports, 1, 'test', true));
      const r = spawnSync('haproxy', ['-c', '-f', file], { encoding: 'utf8' });
      expect(r.stdout + r.stderr).toContain('Configuration file is valid');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
