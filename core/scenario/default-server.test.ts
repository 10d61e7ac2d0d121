/**
 * default-server lines: the options every engine models (send-proxy, sni, source, disabled, backup,
 * cookie, track, weight) apply to the server lines below them, a server's own undo them, and `id`
 * is refused there (as HAProxy: srv_settings_cpy and the keywords' default_ok, server.c of v2.6.0).
 * The real binary's side: scripts/verify/default-server.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { EngineName } from './ast';
import { checkScenario } from './index';

const servers = (text: string, engine: EngineName = 'modern') => {
  const r = checkScenario(text, { engine });
  return { diagnostics: r.diagnostics, servers: r.config.backends.flatMap((b) => b.servers) };
};
const cfg = (...lines: string[]) => `${lines.join('\n')}\n`;

describe('default-server options every engine models', () => {
  for (const engine of ['seed', 'parent', 'modern'] as const) {
    it(`${engine}: a defaults section's and the backend's lines above a server apply to it, the last one written wins`, () => {
      const { diagnostics, servers: s } = servers(
        cfg(
          'defaults', '  mode http', '  default-server weight 3 send-proxy',
          'backend be', '  balance roundrobin',
          '  server a 192.0.2.1:80',
          '  default-server backup weight 5',
          '  server b 192.0.2.2:80 no-send-proxy',
          '  server c 192.0.2.3:80 no-backup weight 1',
          '  default-server no-backup disabled',
          '  server d 192.0.2.4:80',
          '  server e 192.0.2.5:80 enabled',
        ),
        engine,
      );
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(s.map((x) => [x.name, x.weight, x.sendProxy, x.backup ?? false, x.disabled])).toEqual([
        ['a', 3, true, false, false],
        ['b', 5, false, true, false],
        ['c', 1, true, false, false],
        ['d', 5, true, false, true],
        ['e', 5, true, false, false],
      ]);
    });
  }

  it('a defaults section starts afresh: the default-server lines of an earlier one are gone', () => {
    const { servers: s } = servers(cfg('defaults', '  default-server weight 7 backup', 'defaults', '  mode http', 'backend be', '  server a 192.0.2.1:80'));
    expect(s[0]).toMatchObject({ sendProxy: false });
    expect([s[0]!.weight, s[0]!.backup]).toEqual([undefined, undefined]);
  });

  it("no-send-proxy leaves a send-proxy-v2 (two flags in HAProxy)", () => {
    const { servers: s } = servers(cfg('backend be', '  default-server send-proxy-v2', '  server a 192.0.2.1:80 no-send-proxy', '  server b 192.0.2.2:80 no-send-proxy-v2'));
    expect(s.map((x) => x.sendProxy)).toEqual([true, false]);
  });

  it('source, sni and cookie come down too; a server line below the backend does not see a later default-server', () => {
    const { servers: s } = servers(
      cfg('backend be', '  cookie SRV insert', '  server a 192.0.2.1:80', '  default-server source 0.0.0.0 usesrc clientip sni str(x) cookie k', '  server b 192.0.2.2:80', '  server c 192.0.2.3:80 cookie c'),
    );
    expect(s.map((x) => [x.usesrc, x.sni, x.cookie])).toEqual([['none', false, undefined], ['clientip', true, 'k'], ['clientip', true, 'c']]);
  });

  it('track on a default-server line: each server below follows that server', () => {
    const { diagnostics, servers: s } = servers(
      cfg('frontend fe', '  bind :80', '  default_backend api', 'backend web', '  server w 192.0.2.1:80 check', 'backend api', '  default-server track web/w', '  server a 192.0.2.2:80', '  server b 192.0.2.3:80'),
    );
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(s.filter((x) => x.name !== 'w').map((x) => x.tracks)).toEqual(['w', 'w']);
  });

  it("'id' is refused on a default-server line (warning, ignored); the servers are numbered in order", () => {
    const text = cfg('backend be', '  default-server id 5 weight 2', '  server a 192.0.2.1:80', '  server b 192.0.2.2:80');
    const { diagnostics, servers: s } = servers(text);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'refused-by-haproxy', line: 2, message: expect.stringContaining("'id' option is not accepted in default-server sections") })]);
    expect(s.map((x) => [x.id, x.weight])).toEqual([[undefined, 2], [undefined, 2]]);
  });
});
