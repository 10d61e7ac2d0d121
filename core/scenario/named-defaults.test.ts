/**
 * Named defaults (HAProxy 2.4+, cfg_parse_listen, cfgparse-listen.c:279-330 of v2.6.0): a section
 * with `from NAME` starts from that defaults section, not from the last one above; a defaults
 * section with `from` starts from the one it names, without it from nothing. HAProxy's refusals
 * (a name not found above, a name two sections have) and its warning (a defaults section used both
 * by name and as the last one) are ours. 1.9 has no `from`. The real binaries' side:
 * scripts/verify/named-defaults.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { EngineName } from './ast';
import { checkScenario } from './index';

const cfg = (...lines: string[]) => `${lines.join('\n')}\n`;
const run = (text: string, engine: EngineName = 'modern') => checkScenario(text, { engine });
const reuseOf = (text: string, backend: string, engine: EngineName = 'modern') => run(text, engine).config.backends.find((b) => b.name === backend)!.reuse;
const errors = (text: string, engine: EngineName = 'modern') => run(text, engine).diagnostics.filter((d) => d.severity === 'error');
const warnings = (text: string, engine: EngineName = 'modern') => run(text, engine).diagnostics.filter((d) => d.severity === 'warning');

const TWO = [
  'defaults never', '  mode http', '  http-reuse never', '  timeout server 7s',
  'defaults', '  mode http', '  http-reuse always', '  timeout server 3s',
];

describe('named defaults', () => {
  it('a backend with `from` takes the defaults it names; one without takes the last above', () => {
    const text = cfg(...TWO, 'frontend fe', '  bind :80', '  default_backend one', 'backend one from never', '  server s1 192.0.2.1:80', 'backend two', '  server s2 192.0.2.2:80');
    expect(reuseOf(text, 'one')).toBe('never');
    expect(reuseOf(text, 'two')).toBe('always');
    const one = run(text).config.backends.find((b) => b.name === 'one')!;
    expect(one.timeouts?.server).toBe(7_000_000);
    expect(errors(text)).toEqual([]);
  });

  it('a defaults section with `from` starts from the one it names; without, from nothing', () => {
    const text = cfg(
      'defaults base', '  mode http', '  http-reuse always',
      'defaults child from base', '  timeout connect 2s',
      'defaults fresh', '  mode http',
      'backend a from child', '  server s1 192.0.2.1:80',
      'backend b', '  server s2 192.0.2.2:80',
    );
    expect(reuseOf(text, 'a')).toBe('always');
    // `fresh` (the last one) sets no http-reuse: the modern default, safe.
    expect(reuseOf(text, 'b')).toBe('safe');
  });

  it('a frontend with `from` takes its client-side settings from the defaults it names', () => {
    const text = cfg(
      'defaults slow', '  mode http', '  timeout client 9s',
      'defaults', '  mode http', '  timeout client 1s',
      'frontend fe from slow', '  bind :80', '  default_backend be',
      'backend be', '  server s1 192.0.2.1:80',
    );
    const c = run(text).config;
    expect(c.timeouts.client).toBe(9_000_000);
  });

  it('a name no defaults section above has is an error that names the ones there are', () => {
    const text = cfg(...TWO, 'backend one from nevr', '  server s1 192.0.2.1:80');
    const e = errors(text);
    expect(e).toHaveLength(1);
    expect(e[0]!.message).toMatch(/defaults section 'nevr' not found for backend 'one'; expected .*'never'/);
    expect(e[0]!.suggestion).toBe('never');
    expect(e[0]!.line).toBe(9);
    expect(e[0]!.column).toBe(18);
    // A defaults section below the backend is not above it.
    expect(errors(cfg('backend one from later', '  server s1 192.0.2.1:80', 'defaults later', '  mode http'))[0]!.message).toMatch(/'later' not found/);
  });

  it('a name two defaults sections have is ambiguous', () => {
    const text = cfg('defaults d', '  mode http', 'defaults d', '  mode http', 'backend be from d', '  server s1 192.0.2.1:80');
    expect(errors(text).map((d) => d.message)).toEqual([expect.stringMatching(/ambiguous defaults section name 'd' referenced by backend 'be': 2 defaults sections have it \(line 1, line 3\)/)]);
  });

  it("HAProxy's warning when one defaults section is named by one section and used as the last by another", () => {
    const text = cfg('defaults d', '  mode http', 'backend a from d', '  server s1 192.0.2.1:80', 'backend b', '  server s2 192.0.2.2:80');
    expect(warnings(text).map((d) => d.message)).toEqual([expect.stringMatching(/HAProxy would warn: defaults section 'd' \(line 1\) is referenced by name/)]);
    // Always by name, or a last defaults no one names: no warning.
    expect(warnings(cfg('defaults d', '  mode http', 'backend a from d', '  server s1 192.0.2.1:80', 'backend b from d', '  server s2 192.0.2.2:80'))).toEqual([]);
  });

  it('`from` without a name is an error', () => {
    expect(errors(cfg('defaults d', '  mode http', 'backend a from', '  server s1 192.0.2.1:80')).map((d) => d.message)).toEqual([
      expect.stringMatching(/'from' needs the name of a defaults section; expected/),
    ]);
  });

  for (const engine of ['seed', 'parent'] as const) {
    it(`${engine}: HAProxy 1.9 has no \`from\`: refused, and the last defaults applies`, () => {
      const text = cfg(...TWO, 'backend one from never', '  server s1 192.0.2.1:80');
      expect(warnings(text, engine).map((d) => d.message)).toContainEqual(expect.stringMatching(/HAProxy 1\.9 refuses 'from never' on the backend line/));
      expect(reuseOf(text, 'one', engine)).toBe('always');
      expect(errors(text, engine)).toEqual([]);
    });
  }

  describe('TCP/HTTP rules in defaults (HAProxy 2.5+)', () => {
    const BASE = ['defaults base', '  mode http'];
    it("a named defaults section's http-request rules run before the proxy's, with the defaults' ACLs", () => {
      const text = cfg(
        ...BASE, 'defaults d from base', '  acl secret path_beg /x', '  http-request deny if secret',
        'defaults', '  mode http',
        'frontend fe from d', '  bind :80', '  acl secret path_beg /y', '  http-request deny if { path /z }', '  default_backend be',
        'backend be', '  server s1 192.0.2.1:80',
      );
      const r = run(text);
      expect(r.diagnostics).toEqual([]);
      const rules = r.config.routing!.proxies.fe!.httpRequest;
      expect(rules.map((x) => [x.line, x.defaults])).toEqual([[5, 'd'], [11, undefined]]);
      // The defaults' rule reads the defaults' ACL (/x), not the frontend's of the same name.
      expect(JSON.stringify(rules[0]!.cond)).toContain('/x');
      expect(JSON.stringify(rules[0]!.cond)).not.toContain('/y');
    });

    it('HAProxy refuses rules in an anonymous defaults section, and use_backend, redirect, use-server in any', () => {
      const w = warnings(cfg('defaults', '  mode http', '  http-request deny', '  tcp-request content accept', 'defaults d', '  mode http', '  use_backend be', 'backend be from d', '  server s1 192.0.2.1:80'));
      expect(w.map((d) => `${d.line} ${d.message}`)).toEqual([
        expect.stringMatching(/^3 HAProxy 2\.6 refuses 'http-request' in an anonymous defaults section/),
        expect.stringMatching(/^4 HAProxy 2\.6 refuses 'tcp-request' in an anonymous defaults section/),
        expect.stringMatching(/^7 HAProxy 2\.6 refuses 'use_backend' in a defaults section/),
      ]);
      // 1.9 has no rules in defaults at all, named or not, and no ACLs there.
      expect(warnings(cfg('defaults d', '  mode http', '  acl a path /x', '  http-request deny if a', 'backend be', '  server s1 192.0.2.1:80'), 'seed').map((d) => d.message)).toEqual([
        expect.stringMatching(/HAProxy 1\.9 refuses 'acl' in a defaults section/),
        expect.stringMatching(/HAProxy 1\.9 refuses 'http-request' in a defaults section/),
      ]);
    });

    it('a defaults or listen section may not start from a defaults section with rules, nor frontends and backends share one', () => {
      const RULES = [...BASE, 'defaults r from base', '  http-request deny if { path /x }'];
      const message = (text: string) => errors(text).map((d) => d.message);
      expect(message(cfg(...RULES, 'defaults x from r', '  mode http', 'backend be from x', '  server s1 192.0.2.1:80'))).toEqual([
        expect.stringMatching(/^a defaults section cannot inherit from a defaults section defining TCP\/HTTP rules \(defaults section 'r', line 3, has 'http-request'\)/),
      ]);
      expect(message(cfg(...RULES, 'listen li from r', '  bind :80', '  server s1 192.0.2.1:80'))).toEqual([expect.stringMatching(/^a listen section cannot inherit/)]);
      // The backend uses `r` as the last defaults above: both sides would run its rules.
      expect(message(cfg(...RULES, 'frontend fe from r', '  bind :80', '  default_backend be', 'backend be', '  server s1 192.0.2.1:80'))).toEqual([
        expect.stringMatching(/^frontends and backends cannot inherit from the same defaults section if it defines TCP\/HTTP rules .*a frontend does; expected a defaults section of its own for the backends/),
      ]);
      // Two frontends may share it.
      expect(message(cfg(...RULES, 'frontend a from r', '  bind :80', '  default_backend be', 'frontend b from r', '  bind :81', '  default_backend be', 'defaults', '  mode http', 'backend be', '  server s1 192.0.2.1:80'))).toEqual([]);
    });
  });
});

