import { describe, expect, it } from 'vitest';
import { runScenario } from '../run';
import type { EngineName } from './ast';
import { checkScenario } from './compile';
import data from './haproxy-keywords.json';
import { refusalReason } from './haproxy-versions';

const check = (text: string, engine: EngineName) => checkScenario(text, { engine }).diagnostics;
const errors = (text: string, engine: EngineName) => check(text, engine).filter((d) => d.severity === 'error');
const refused = (text: string, engine: EngineName) => check(text, engine).filter((d) => d.code === 'refused-by-haproxy');
const backend = (lines: string) => `backend be\n  server s1 192.0.2.10:80\n${lines}\n`;

describe('keywords of the engine\'s HAProxy', () => {
  it('every name of the 1.9 and 2.6 parsers is accepted: no error at any engine', () => {
    for (const [v, d] of Object.entries(data.versions)) {
      const text = [
        // The one modelled global keyword takes a number.
        'global', ...d.global.map((n) => `  ${n} ${n === 'tune.h2.max-concurrent-streams' ? '100' : 'x'}`),
        ...d.sections.filter((n) => !['global', 'defaults', 'frontend', 'backend', 'listen'].includes(n)).map((n) => `${n} x`),
        'backend be', '  server s1 192.0.2.10:80',
        ...d.proxy.filter((n) => !['server', 'use_backend', 'default_backend', 'dispatch', 'source', 'mode', 'balance', 'retry-on', 'http-reuse', 'timeout', 'option', 'acl', 'max-session-srv-conns', 'usesrc', 'default-server', 'hash-type'].includes(n)).map((n) => `  ${n} x`),
        ...d.option.map((n) => `  option ${n}`),
        ...d.timeout.map((n) => `  timeout ${n} 1s`),
      ].join('\n');
      for (const engine of ['seed', 'modern'] as const) {
        expect(errors(text, engine).map((e) => `${v}/${engine} ${e.line}: ${e.message}`)).toEqual([]);
      }
    }
  });

  it('rspidel is a 1.9 keyword (seed, parent) and refused by 2.6 with HAProxy\'s reason and replacement', () => {
    const text = backend('  rspidel ^Server:.*');
    for (const engine of ['seed', 'parent'] as const) {
      expect(refused(text, engine)).toEqual([]);
      expect(check(text, engine)).toContainEqual(expect.objectContaining({ code: 'ignored-keyword', line: 3, column: 3 }));
    }
    const [d] = refused(text, 'modern');
    expect(d).toMatchObject({ severity: 'warning', line: 3, column: 3, endColumn: 21 });
    expect(d!.message).toContain("HAProxy 2.6 refuses 'rspidel'");
    expect(d!.message).toContain("not supported anymore since HAProxy 2.1. Use 'http-response del-header'");
    // The refusal replaces the parser's "ignored" warning on that line.
    expect(check(text, 'modern').filter((x) => x.line === 3)).toHaveLength(1);
  });

  it('reqrep, reqadd, contimeout, option forceclose, nbproc: refused at modern only', () => {
    const cases: [string, RegExp][] = [
      ['  reqrep ^Host:\\ a Host:\\ b', /Use 'http-request replace-path', 'http-request replace-uri' or 'http-request replace-header'/],
      ['  reqadd X-Foo:\\ bar', /Use 'http-request add-header'/],
      ['  contimeout 5s', /Use 'timeout connect'/],
      ['  timeout contimeout 5s', /Use 'timeout connect'/],
      ['  option forceclose', /since HAProxy 2\.0.*'option httpclose'/],
    ];
    for (const [line, why] of cases) {
      expect(refused(backend(line), 'seed'), line).toEqual([]);
      expect(refused(backend(line), 'modern').map((d) => d.message), line).toEqual([expect.stringMatching(why)]);
      expect(errors(backend(line), 'modern'), line).toEqual([]);
    }
    expect(refused(`global\n  nbproc 2\n${backend('')}`, 'modern')[0]!.message).toMatch(/nbproc is not supported any more since HAProxy 2\.5/);
    // option forceclose is still applied (the simulation models it), and says so.
    expect(refused(backend('  option forceclose'), 'modern')[0]!.message).toContain('the simulation applies it anyway');
  });

  it('2.x keywords and sections are refused by 1.9 only', () => {
    const text = `global\n  default-path config\nring logs\n  size 32764\nhttp-errors site\n  errorfile 503 /x\n${backend('  http-after-response set-header X y')}`;
    expect(refused(text, 'modern')).toEqual([]);
    expect(refused(text, 'seed').map((d) => [d.line, d.column])).toEqual([[2, 3], [3, 1], [5, 1], [9, 3]]);
    expect(refused(text, 'seed')[0]!.message).toBe("HAProxy 1.9 refuses 'default-path': unknown keyword there (it came in a later version; HAProxy 2.6 knows it); ignored by the simulation (engine seed)");
  });

  it('names of 1.5 that both refuse (reqisetbe), and the 1.x address on a listen line', () => {
    for (const engine of ['seed', 'modern'] as const) {
      expect(errors('frontend fe\n  reqisetbe ^Host:\\ img static\n', engine)).toEqual([]);
      expect(refused('frontend fe\n  reqisetbe ^Host:\\ img static\n', engine)[0]!.message).toContain('removed before 1.9');
      expect(refused('listen web 0.0.0.0:80\n  server s1 192.0.2.10:80\n', engine)[0]).toMatchObject({ line: 1, column: 12, message: expect.stringContaining("please use the 'bind' keyword") });
    }
  });

  it('names of a later HAProxy (3.4) are refused by both engines, as unknown', () => {
    const text = `crt-store web
  crt-base /etc/ssl
frontend fe
  force-be-switch if { src 10.0.0.0/8 }
  default_backend be
${backend('')}`;
    for (const engine of ['seed', 'modern'] as const) {
      expect(errors(text, engine)).toEqual([]);
      expect(refused(text, engine).map((d) => [d.line, d.message.replace(/ \(engine \w+\)$/, '')])).toEqual([
        [1, `HAProxy ${engine === 'seed' ? '1.9' : '2.6'} refuses 'crt-store': unknown keyword there (it came later; HAProxy 3.4.0 knows it); ignored by the simulation`],
        [4, `HAProxy ${engine === 'seed' ? '1.9' : '2.6'} refuses 'force-be-switch': unknown keyword there (it came later; HAProxy 3.4.0 knows it); ignored by the simulation`],
      ]);
    }
  });

  it('the refusal data comes from HAProxy\'s source: every 2.6 refusal names the version that removed it', () => {
    for (const r of data.versions['2.6'].refused) expect(r.reason, r.name).toMatch(/since HAProxy|anymore|any more/);
    expect(refusalReason('1.9', 'proxy', 'rspidel')).toBeNull();
    expect(refusalReason('2.6', 'proxy', 'rspidel')).toMatch(/2\.1/);
  });
});

describe('time values as HAProxy reads them', () => {
  const timeouts = (text: string) => checkScenario(`defaults\n${text}\n${backend('')}`, { engine: 'modern' });
  it('every unit: us, ms, s, m, h, d, and a bare number in milliseconds', () => {
    const r = timeouts('  timeout client 250us\n  timeout server 20ms\n  timeout connect 3s\n  timeout http-keep-alive 2m\n  timeout http-request 1h');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.config.timeouts).toEqual({ client: 250, server: 20_000, connect: 3_000_000, httpKeepAlive: 120_000_000, httpRequest: 3_600_000_000 });
    expect(timeouts('  timeout client 1d').config.timeouts.client).toBe(86_400_000_000);
    expect(timeouts('  timeout client 1500').config.timeouts.client).toBe(1_500_000);
  });
  it("`timeout client 15min` is 15 minutes with a warning, as 2.6 reads it; `15x` stays an error", () => {
    const r = timeouts('  timeout client 15min');
    expect(r.config.timeouts.client).toBe(15 * 60_000_000);
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'duration-trailing', line: 2, column: 18, message: expect.stringContaining("'15min' is read as 15m") })]);
    expect(timeouts('  timeout server 10sec').config.timeouts.server).toBe(10_000_000);
    expect(timeouts('  timeout client 15x').diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'expected-duration' })]);
  });
  it('`1.5s` is refused as 2.6.12 refuses it ("unexpected character \'.\' in \'timeout client\'"), at the value, modelled timeout or not', () => {
    for (const [line, col] of [['  timeout client 1.5s', 18], ['  timeout client "1.5s"', 18], ['  timeout queue 2,5s', 17]] as const) {
      const d = timeouts(line).diagnostics.filter((x) => x.severity === 'error');
      expect(d, line).toEqual([expect.objectContaining({ code: 'expected-duration', line: 2, column: col })]);
    }
    expect(timeouts('  timeout client 1.5s').diagnostics[0]!.message).toMatch(/^unexpected character '\.' in 'timeout client'.*e\.g\. 1500ms$/);
    // The script's own durations keep their decimals (a playground form, not haproxy.cfg).
    expect(errors('backend b\n  server s 192.0.2.1:80\nscript\n  open A h1\n  wait 1.5s\n', 'modern')).toEqual([]);
  });
  it('a quoted value, and an environment variable with its default', () => {
    expect(timeouts('  timeout client "5s"').config.timeouts.client).toBe(5_000_000);
    const r = timeouts('  timeout client "${HAPROXY_TEST_TIMEOUT-5s}"');
    expect(r.config.timeouts.client).toBe(5_000_000);
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'environment-variable' })]);
  });
});

describe('configurations real HAProxy runs are accepted', () => {
  it('a stats listen without server, declared before the frontend', () => {
    const text = 'listen stats\n  bind :8404\n  stats enable\n  stats uri /stats\nfrontend fe\n  bind :80\n  default_backend app\nbackend app\n  server s1 192.0.2.10:80\nscript\n  open A h1\n  A GET /\n';
    for (const engine of ['seed', 'modern'] as const) expect(errors(text, engine)).toEqual([]);
    expect(runScenario(text).trace.filter((e) => e.kind === 'request.done').map((e) => e.status)).toEqual([200]);
  });
  it('a frontend routing only with use_backend … if, no default_backend', () => {
    const text = 'frontend fe\n  use_backend api if { path_beg /api }\n  use_backend web if { hdr(host) -i www.example.com }\nbackend api\n  server a1 192.0.2.10:80\nbackend web\n  server w1 192.0.2.11:80\n';
    expect(errors(text, 'modern')).toEqual([]);
    // No rule takes /other: HAProxy answers 503 itself (B4), as the real binary does.
    const r = runScenario(`${text}script\n  open A h1\n  A GET /api/x\n  A GET /other\n`);
    expect(r.trace.filter((e) => e.kind === 'route').map((e) => e.backend)).toEqual(['api']);
    expect(r.trace.filter((e) => e.kind === 'answer').map((e) => [e.status, e.decision])).toEqual([[503, 'B4']]);
  });
  it('a log-format backend name is not refused', () => {
    const text = 'frontend fe\n  use_backend b_%[req.hdr(host),lower]\n  default_backend b_a\nbackend b_a\n  server s1 192.0.2.10:80\n';
    expect(errors(text, 'modern')).toEqual([]);
  });
  it('a backend without server answers 503, as HAProxy does', () => {
    const r = runScenario('frontend fe\n  default_backend be\nbackend be\n  stats enable\nscript\n  open A h1\n  A GET /\n');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.trace.filter((e) => e.kind === 'answer').map((e) => [e.status, e.answeredBy])).toEqual([[503, 'no server']]);
  });
  it('still errors: duplicate server names, use_backend naming a missing backend', () => {
    expect(errors('backend be\n  server s1 192.0.2.10:80\n  server s1 192.0.2.11:80\n', 'modern').map((d) => d.code)).toEqual(['duplicate-server']);
    expect(errors('frontend fe\n  use_backend nope if { path_beg /x }\n  default_backend be\nbackend be\n  server s1 192.0.2.10:80\n', 'modern').map((d) => d.code)).toEqual(['unknown-backend']);
  });
});

describe('the releases after 2.6 (`engine modern 2.8` … `3.4`)', () => {
  const releases = data.releases as Record<string, { serverOptions: string[]; proxy: string[]; option: string[]; timeout: string[] }>;
  it('every server option a later release added is read without error (its values skipped), at every engine', () => {
    const later = data.later.serverOptions as Record<string, number>;
    for (const [name, args] of Object.entries(later)) {
      if (args < 0 || name.includes('(')) continue;
      // A modelled one checks its value (init-state reads a word of its own).
      const value = name === 'init-state' ? ' up' : ' x'.repeat(args);
      const line = `  server s2 192.0.2.11:80 ${name}${value} weight 2`;
      for (const engine of ['seed', 'modern'] as const) {
        expect(errors(backend(line), engine).map((e) => `${name}/${engine}: ${e.message}`)).toEqual([]);
      }
      // The words after it are read: `weight 2` is the server's.
      expect(checkScenario(backend(line), { engine: 'modern' }).config.backends[0]!.servers[1]!.weight, name).toBe(2);
    }
  });
  it('a name a release added is known at that release and later, refused before (HAProxy 2.6 and 3.0 do not know idle-ping, 3.2 does)', () => {
    expect(releases['3.2']!.serverOptions).toContain('idle-ping');
    expect(releases['3.0']!.serverOptions).not.toContain('idle-ping');
    const text = (v: string) => `engine modern ${v}\n${backend('  server s2 192.0.2.11:80 idle-ping 5s\n  option forwarded\n  timeout client-hs 5s')}`;
    const said = (v: string) => checkScenario(text(v)).diagnostics.filter((d) => d.code === 'refused-by-haproxy').map((d) => d.message.replace(/:.*/, ''));
    expect(said('2.6')).toEqual(["HAProxy 2.6 refuses 'idle-ping'", "HAProxy 2.6 refuses 'option forwarded'", "HAProxy 2.6 refuses 'timeout client-hs'"]);
    // 2.8 added `option forwarded`; 3.0 `timeout client-hs`; 3.2 `idle-ping`.
    expect(said('2.8')).toEqual(["HAProxy 2.8 refuses 'idle-ping'", "HAProxy 2.8 refuses 'timeout client-hs'"]);
    expect(said('3.0')).toEqual(["HAProxy 3.0 refuses 'idle-ping'"]);
    expect(said('3.2')).toEqual([]);
    expect(said('3.4')).toEqual([]);
  });
});
