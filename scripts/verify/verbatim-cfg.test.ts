import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkScenario } from '../../core/scenario/compile';
import { bindSlots, needsVerbatim, slotFor, verbatimCfg, verbatimReproducible } from './verbatim-cfg';

const SCENARIO = `engine modern
global
    daemon
    chroot /var/empty
    user haproxy
    log 127.0.0.1 local0
    stats socket /run/haproxy.sock mode 600 level admin
    tune.h2.max-concurrent-streams 50

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    timeout tarpit 2s

userlist admins   # for http_auth(admins)
    user ops insecure-password secret

frontend www
    bind 192.0.2.1:80 name clear
    bind :8080-8081,:9000 accept-proxy
    acl blocked src -f /etc/haproxy/blocked.lst
    http-request deny if blocked
    http-request auth if { path_beg /ops } !{ http_auth(admins) }
    use_backend %[req.hdr(host),lower,map_dom(/etc/haproxy/hosts.map,app)]

frontend admin
    stats uri /stats

backend app
    default-server inter 2s check
    server a1 10.0.0.1:80 check inter 1000 ssl verify none maxconn 50
    server a2 app2.internal:8080 cookie s2 pool-purge-delay 1s

backend api
    http-reuse always
    server p1 10.0.0.9:443 weight 10 check-ssl

file /etc/haproxy/hosts.map
    api.example.com api

file /etc/haproxy/blocked.lst
    203.0.113.0/24

script
    open A h1
    open B h2 to :9000
    open C h1 to admin
    A GET / host api.example.com
`;

const EXPECTED = `# written by npm run verify for t: the scenario's own configuration, on loopback
global
    nbthread 1
    maxconn 1000
    noreuseport
    tune.h2.max-concurrent-streams 50

userlist admins
    user ops insecure-password secret

defaults
    mode http
    timeout connect 10000ms
    timeout client 60000ms
    timeout server 60000ms
    timeout tarpit 4000ms

frontend www
    bind 127.0.0.1:50001
    bind 127.0.0.1:50002 proto h2
    bind 127.0.0.1:50003
    bind 127.0.0.1:50004 proto h2
    acl blocked src -f /tmp/v/f2
    http-request deny if blocked
    http-request auth if { path_beg /ops } !{ http_auth(admins) }
    use_backend %[req.hdr(host),lower,map_dom(/tmp/v/f1,app)]

frontend admin
    stats uri /stats
    bind 127.0.0.1:50005
    bind 127.0.0.1:50006 proto h2

backend app
    option httpchk
    timeout check 2000ms
    default-server inter 4000ms check
    server a1 127.0.0.1:51001 check inter 2000ms maxconn 50 port 52001
    server a2 127.0.0.1:51002 cookie s2 pool-purge-delay 2000ms port 52002

backend api
    http-reuse always
    server p1 127.0.0.1:51003 weight 10
`;

const checked = checkScenario(SCENARIO);
const input = { ast: checked.ast, text: SCENARIO, config: checked.config! };
const slots = bindSlots(checked.ast, SCENARIO);
const ports = {
  binds: new Map(slots.map((s, i) => [s.key, { h1: 50001 + 2 * i, h2: 50002 + 2 * i }])),
  servers: new Map([['a1', 51001], ['a2', 51002], ['p1', 51003]]),
  checks: new Map([['a1', 52001], ['a2', 52002]]),
  files: new Map([['/etc/haproxy/hosts.map', '/tmp/v/f1'], ['/etc/haproxy/blocked.lst', '/tmp/v/f2']]),
};

describe("the scenario's own haproxy.cfg", () => {
  it('is the scenario compiled without errors', () => {
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('keeps every line as written but global, bind, server and timeout lines, and file paths', () => {
    expect(verbatimCfg(input, ports, 2, 't')).toBe(EXPECTED);
  });

  it('puts every address and bind on loopback', () => {
    const cfg = verbatimCfg(input, ports, 1, 't');
    const addrLines = cfg.split('\n').filter((l) => /^\s*(bind|server|dispatch) /.test(l));
    expect(addrLines).toHaveLength(9);
    for (const l of addrLines) expect(l).toMatch(/^\s*(bind|server \S+|dispatch) 127\.0\.0\.1:\d+( |$)/);
    expect(cfg).not.toMatch(/10\.0\.0\.|192\.0\.2\.|app2\.internal|\/etc\/haproxy|daemon|chroot|stats socket|\blog\b/);
  });

  it("gives each client the bind line of the frontend and port it enters", () => {
    const open = (to: string | null) => ({ to: to === null ? null : { text: to } });
    const slot = (to: string | null) => slotFor(input.config.routing, slots, open(to))?.key;
    const [line80, line8080, adminSlot] = slots.map((s) => s.key);
    expect(slots.map((s) => s.proxy)).toEqual(['www', 'www', 'admin']);
    expect(slot(null)).toBe(line80);
    expect(slot(':80')).toBe(line80);
    expect(slot(':8081')).toBe(line8080);
    expect(slot(':9000')).toBe(line8080);
    expect(slot('admin')).toBe(adminSlot);
  });

  it('writes use-server rules for `to SERVER` first in each backend', () => {
    const cfg = verbatimCfg(input, ports, 1, 't', true);
    expect(cfg).toContain('backend api\n    use-server p1 if { req.hdr(x-target) -m str p1 }\n    http-reuse always\n');
  });

  it('is used when the configuration routes or reads files, not for a single backend', () => {
    expect(needsVerbatim(input.config, checked.ast)).toBe(true);
    const plain = checkScenario('backend be\n    server s1 127.0.0.1:8001\nscript\n    open A h1\n    A GET /\n');
    expect(needsVerbatim(plain.config!, plain.ast)).toBe(false);
    const switching = checkScenario('frontend fe\n    bind :80\n    use_backend b if { path_beg /b }\n    default_backend a\nbackend a\n    server s1 127.0.0.1:8001\nbackend b\n    server s2 127.0.0.1:8002\n');
    expect(needsVerbatim(switching.config!, switching.ast)).toBe(true);
  });

  it('refuses TLS clients and says what it changes', () => {
    const text = SCENARIO.replace('open C h1 to admin', 'open C h1 tls').replace('userlist admins', 'peers mesh\n    peer a 127.0.0.1:10000\n\nuserlist admins');
    const r = verbatimReproducible(checkScenario(text).ast, text);
    expect(r.errors.join('\n')).toMatch(/tls/);
    expect(r.notes.join('\n')).toContain('accept-proxy');
    expect(r.notes.join('\n')).toMatch(/sections not written .*: peers$/m);
    // The script's one request has a host; the note comes with one that has none, as the configuration reads Host.
    expect(r.notes.join('\n')).not.toContain('Host: verify');
    const hostless = text.replace(' host api.example.com', '');
    expect(verbatimReproducible(checkScenario(hostless).ast, hostless).notes.join('\n')).toContain('Host: verify');
  });

  const haproxy = spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status === 0;
  it.runIf(haproxy)('is accepted by haproxy -c', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verbatim-test-'));
    try {
      const files = new Map([...ports.files.keys()].map((p, i) => [p, join(dir, `f${i}`)]));
      for (const f of checked.ast.files ?? []) writeFileSync(files.get(f.path.text)!, f.lines.map((l) => l.text).join('\n') + '\n');
      const file = join(dir, 'haproxy.cfg');
      writeFileSync(file, verbatimCfg(input, { ...ports, files }, 1, 't', true));
      const r = spawnSync('haproxy', ['-c', '-f', file], { encoding: 'utf8' });
      expect(r.stdout + r.stderr).toContain('Configuration file is valid');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the scenario's own haproxy.cfg without a frontend", () => {
  const text = `engine modern
defaults
    mode http
    timeout connect 5s
backend be
    use-server s2 if { path_beg /two }
    server s1 192.0.2.1:80
    server s2 192.0.2.2:80
script
    open A h1
    A GET /two
`;
  const c = checkScenario(text);
  it('adds the frontend that sends every request to the one backend, as the engine does', () => {
    const slots = bindSlots(c.ast, text);
    expect(slots).toEqual([{ key: 'verify_entry', proxy: 'verify_entry' }]);
    expect(slotFor(c.config!.routing, slots, { to: null })).toEqual(slots[0]);
    const cfg = verbatimCfg({ ast: c.ast, text, config: c.config! }, { binds: new Map([['verify_entry', { h1: 50001, h2: 50002 }]]), servers: new Map([['s1', 51001], ['s2', 51002]]), files: new Map() }, 1, 't');
    expect(cfg).toContain('backend be\n    use-server s2 if { path_beg /two }\n    server s1 127.0.0.1:51001\n    server s2 127.0.0.1:51002\n');
    expect(cfg.endsWith('\nfrontend verify_entry\n    mode http\n    bind 127.0.0.1:50001\n    bind 127.0.0.1:50002 proto h2\n    default_backend be\n')).toBe(true);
  });
});

describe("the scenario's own haproxy.cfg where the mode is implicit", () => {
  const cfgOf = (text: string) => {
    const c = checkScenario(text);
    return verbatimCfg({ ast: c.ast, text, config: c.config! }, { binds: new Map(bindSlots(c.ast, text).map((s) => [s.key, { h1: 50001, h2: 50002 }])), servers: new Map([['s1', 51001]]), files: new Map() }, 1, 't');
  };
  it('writes mode http where HAProxy would take tcp (the simulation is HTTP), and nowhere a mode is inherited', () => {
    expect(cfgOf('frontend fe\n    bind :80\n    default_backend be\nbackend be\n    server s1 192.0.2.1:80\n'))
      .toContain('frontend fe\n    mode http\n    bind 127.0.0.1:50001\n    bind 127.0.0.1:50002 proto h2\n    default_backend be\n\nbackend be\n    mode http\n    server s1 127.0.0.1:51001\n');
    const inherited = cfgOf('defaults\n    timeout client 1s\nfrontend fe\n    bind :80\n    default_backend be\nbackend be\n    server s1 192.0.2.1:80\n');
    expect(inherited).toContain('defaults\n    mode http\n    timeout client 1000ms\n');
    expect(inherited.match(/mode http/g)).toHaveLength(1);
  });
});

describe("the scenario's own haproxy.cfg with health checks", () => {
  it('keeps the check options the engine models and drops those verify cannot serve', () => {
    const text = `engine modern
frontend fe
    bind :80
    default_backend be
backend be
    option httpchk GET /health
    server s1 192.0.2.1:80 check inter 2s observe layer7 error-limit 2 on-error mark-down on-marked-down shutdown-sessions on-marked-up shutdown-backup-sessions agent-check agent-port 9999 port 8080
    server s2 192.0.2.2:80 backup check track be/s1
`;
    const c = checkScenario(text);
    const cfg = verbatimCfg({ ast: c.ast, text, config: c.config! }, { binds: new Map(bindSlots(c.ast, text).map((s) => [s.key, { h1: 50001, h2: 50002 }])), servers: new Map([['s1', 51001], ['s2', 51002]]), files: new Map() }, 1, 't');
    const s1 = cfg.split('\n').find((l) => l.includes('server s1'))!;
    for (const kept of ['observe layer7', 'error-limit 2', 'on-error mark-down', 'on-marked-down shutdown-sessions', 'on-marked-up shutdown-backup-sessions']) expect(s1).toContain(kept);
    for (const dropped of ['agent-check', 'agent-port', 'port 8080']) expect(s1).not.toContain(dropped);
  });
});
