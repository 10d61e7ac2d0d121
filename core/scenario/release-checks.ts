/**
 * What a release refuses or reads otherwise among the words the parser knows at every release,
 * once the engine's release is known (compile.ts). Pure.
 */
import { since } from '../model/names';
import type { SimConfig } from '../model/config';
import type { ScenarioAst } from './ast';
import { REFUSED_CODE } from './acceptance';
import { spanOfWords } from './grammar/report';
import type { RawDiagnostic } from './positions';

export function releaseChecks(ast: ScenarioAst, config: SimConfig): { config: SimConfig; raw: RawDiagnostic[] } {
  const raw: RawDiagnostic[] = [];
  const directives = ast.config.flatMap((sec) => sec.directives);
  const modern = config.engine === 'modern';
  const release = modern ? (config.modernVersion ?? '2.6') : '1.9';

  // `hash-type … none` came with 3.0 (a7563158f): 1.9, 2.6 and 2.8 refuse it and do not start
  // (cfgparse-listen.c: "'hash-type' only supports 'sdbm', 'djb2', 'crc32', or 'wt6' hash functions").
  if (!modern || !since(config.modernVersion, '3.0')) {
    const fns = 'sdbm, djb2, wt6 or crc32';
    for (const { node, words } of directives) {
      if (node?.kind !== 'hash-type' || node.type.fn !== 'none') continue;
      raw.push({
        severity: 'error', code: 'invalid-value', span: (words[2] ?? words[0]!).span, expected: fns,
        message: `HAProxy ${release} refuses hash function 'none' (it came with 3.0): 'hash-type' only supports 'sdbm', 'djb2', 'crc32', or 'wt6' hash functions; expected ${fns}`,
      });
    }
  }
  if (!modern) return { config, raw };

  // `init-state` at 3.2: HAProxy 3.2.0 accepts it but applies it only when the server leaves
  // maintenance (server.c:6736-6748 of v3.2.0), not at startup; 3.4 starts the server as written
  // (18c5cd667, srv_set_init_state). Checked with both binaries (`init-fully-down` scenarios).
  if (config.modernVersion === '3.2') {
    for (const { node, words } of directives) {
      if (node?.kind !== 'server' && node?.kind !== 'default-server') continue;
      const i = words.findIndex((w) => w.text === 'init-state');
      const v = i > 0 ? words[i + 1] : undefined;
      if (!v || v.text === 'up' || v.text === 'none') continue;
      raw.push({
        severity: 'warning', code: 'not-modelled', span: spanOfWords([words[i]!, v]),
        message: `init-state ${v.text} has no effect at startup in HAProxy 3.2.0: it applies only when the server leaves maintenance (3.4 applies it at startup, 18c5cd667); the server starts UP, as in the binary`,
      });
    }
  }

  // `balance sticky` came with 3.0 (9aea6df81): 2.6 and 2.8 refuse it (backend_parse_balance,
  // backend.c:2826 of v2.6.0, 2817 of v2.8.0) — a refusal at those releases, and roundrobin.
  if (since(config.modernVersion, '3.0')) return { config, raw };
  const sticky = directives.filter(({ node }) => node?.kind === 'balance' && node.algorithm === 'sticky');
  for (const { words } of sticky) {
    raw.push({
      severity: 'warning', code: REFUSED_CODE, span: spanOfWords(words),
      message: `HAProxy ${release} refuses 'balance sticky': balance only supports 'roundrobin', 'static-rr', 'leastconn', 'source', 'uri', 'url_param', 'hdr(name)' and 'rdp-cookie(name)' options (sticky came with 3.0); ignored by the simulation, which uses roundrobin (engine modern)`,
    });
  }
  if (sticky.length === 0) return { config, raw };
  return { config: { ...config, backends: config.backends.map((b) => (b.balance === 'sticky' ? { ...b, balance: 'roundrobin' } : b)) }, raw };
}
