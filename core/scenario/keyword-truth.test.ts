/**
 * The hover docs tell the truth about what the simulation does with a haproxy.cfg line: a keyword
 * whose entry says "ignored" changes nothing the engines are given, and a keyword whose entry says
 * modelled changes it. Checked by compiling, not by reading the docs' wording: one line of a base
 * configuration is swapped for a probe line of the same length (lines and offsets stay put) and the
 * compiled configuration and plan are compared with the base's.
 */
import { describe, expect, it } from 'vitest';
import { checkScenario } from './compile';
import { hoverText, keywordInfo, keywordsIn, type KeywordContext } from './keywords';
import { ROUTED_KEYWORDS } from './routing/lines';

const SLOT = '#'.repeat(72);
const BASE = `engine modern
global
  ${SLOT}
defaults
  mode http
  timeout connect 1s
  timeout client 5s
  timeout server 5s
backend other
  server o1 192.0.2.2:80
listen web
  bind :80
  acl is_api path_beg /api
  http-request tarpit if { path_beg /slow }
  use_backend other if is_api
  ${SLOT}
  server s1 192.0.2.1:80
  server s2 192.0.2.3:80
servers
  s1 response-time 10ms
script
  open c h1
  c GET /
`;

/** What the engines get from a text: the compiled configuration and script plan. */
const given = (text: string) => {
  const r = checkScenario(text);
  return JSON.stringify({ config: r.config, plan: r.plan });
};
const base = given(BASE);

/** BASE with the slot of `where` (first: global, second: the listen section) holding `line`. */
function probe(where: 'global' | 'proxy', line: string): string {
  expect(line.length, line).toBeLessThanOrEqual(SLOT.length);
  const at = where === 'global' ? BASE.indexOf(SLOT) : BASE.lastIndexOf(SLOT);
  return BASE.slice(0, at) + line.padEnd(SLOT.length) + BASE.slice(at + SLOT.length);
}

/** Arguments tried after a keyword said to be ignored: the forms the routed keywords read. */
const ARG_FORMS = ['', 'x', ':8443 ssl', 'enable', 'uri /s', 'deny if TRUE', 'location /x if TRUE', 's2 if TRUE', '7s'];

/** A line that uses each modelled keyword of the global, proxy and timeout contexts so that it must count. */
const MODELLED_PROBES: Readonly<Record<string, string>> = {
  'global:tune.h2.max-concurrent-streams': 'tune.h2.max-concurrent-streams 7',
  'global:maxconn': 'maxconn 7',
  'proxy:maxconn': 'maxconn 7',
  'proxy:http-reuse': 'http-reuse always',
  'proxy:balance': 'balance leastconn',
  'proxy:hash-type': 'hash-type consistent',
  'proxy:option': 'option httpclose',
  'proxy:timeout': 'timeout server 9s',
  'proxy:server': 'server s3 192.0.2.4:80',
  'proxy:source': 'source 0.0.0.0 usesrc clientip',
  'proxy:default_backend': 'default_backend other',
  'proxy:use_backend': 'use_backend other if { path_beg /o }',
  'proxy:dispatch': 'dispatch 192.0.2.9:80',
  'proxy:acl': 'acl is_api path_beg /v2',
  'proxy:default-server': 'default-server max-reuse 3',
  'proxy:max-session-srv-conns': 'max-session-srv-conns 2',
  'proxy:bind': 'bind :8443 ssl',
  'proxy:stats': 'stats enable',
  'proxy:http-request': 'http-request deny if { path_beg /d }',
  'proxy:redirect': 'redirect location /x if { path_beg /r }',
  'proxy:use-server': 'use-server s2 if { path_beg /s }',
  'proxy:monitor-uri': 'monitor-uri /x',
  'proxy:retries': 'retries 1',
  'proxy:retry-on': 'retry-on 503',
  'proxy:hash-balance-factor': 'hash-balance-factor 150',
  'proxy:cookie': 'cookie SRV insert indirect nocache',
  'timeout:connect': 'timeout connect 9s',
  'timeout:server': 'timeout server 9s',
  'timeout:client': 'timeout client 9s',
  'timeout:http-keep-alive': 'timeout http-keep-alive 9s',
  'timeout:http-request': 'timeout http-request 9s',
  'timeout:tarpit': 'timeout tarpit 7s',
  'timeout:tunnel': 'timeout tunnel 9s',
  'proxy:mode': 'mode tcp',
  'proxy:tcp-request': 'tcp-request content reject if { src 10.0.0.1 }',
};
/**
 * Modelled keywords whose effect a one-line probe cannot show, and why: `monitor` (`monitor fail` acts only on a
 * `monitor-uri`, a second line: own-answers.test.ts shows it); `timeout queue` (read only for a
 * server with a maxconn at engine modern: ../engines/queue.test.ts shows it); `fullconn` (read only
 * for a backend whose servers have a minconn below their maxconn: ./fullconn.test.ts shows it);
 * `stick` and `stick-table` (each needs the other, a second line: ../engines/stick-tables.test.ts).
 */
// `timeout check` and `http-check` act on checked servers only (core/engines/health.test.ts probes them).
const NO_PROBE = new Set(['proxy:monitor', 'timeout:queue', 'proxy:fullconn', 'proxy:stick', 'proxy:stick-table', 'timeout:check', 'proxy:http-check']);

const modelled = (ctx: KeywordContext) => keywordsIn(ctx).filter((k) => k.modelled);

describe('hover docs match what the simulation reads', () => {
  it('every keyword the routing reads is modelled, and its hover does not call it ignored', () => {
    for (const r of ROUTED_KEYWORDS) {
      const k = keywordInfo(r.context, r.name)!;
      expect(k, r.name).toMatchObject({ modelled: true, doc: r.doc });
      expect(hoverText(k), r.name).not.toMatch(/Real HAProxy keyword; not modelled|^[^.]*ignored by the simulation/);
    }
  });

  it('a routed keyword read only in some forms: those are not called ignored, the others are, with the list', () => {
    for (const r of ROUTED_KEYWORDS.filter((x) => x.forms)) {
      for (const f of r.forms!) {
        const ds = checkScenario(probe('proxy', `${r.name} ${f} /x`)).diagnostics;
        expect(ds.filter((d) => d.code === 'ignored-keyword').map((d) => d.message), `${r.name} ${f}`).toEqual([]);
      }
      const ds = checkScenario(probe('proxy', `${r.name} unread-form x`)).diagnostics.filter((d) => d.code === 'ignored-keyword');
      expect(ds.map((d) => d.message)).toEqual([expect.stringContaining(`'${r.name} unread-form' is ignored by the simulation`)]);
      for (const f of r.forms!) expect(ds[0]!.message).toMatch(new RegExp(`[ ,]${f}[,)]`));
    }
  });

  it('every modelled global, proxy or timeout keyword changes what the engines get (a probe per keyword)', () => {
    const keys = (['global', 'proxy', 'timeout'] as const).flatMap((ctx) => modelled(ctx).map((k) => `${ctx}:${k.name}`));
    expect(keys.filter((k) => !(k in MODELLED_PROBES) && !NO_PROBE.has(k)), 'modelled keywords without a probe').toEqual([]);
    for (const key of keys.filter((k) => !NO_PROBE.has(k))) {
      const text = probe(key.startsWith('global:') ? 'global' : 'proxy', MODELLED_PROBES[key]!);
      expect(checkScenario(text).diagnostics.filter((d) => d.severity === 'error'), key).toEqual([]);
      expect(given(text), `${key} is said to be modelled but changes nothing`).not.toBe(base);
    }
  });

  it('no keyword said to be ignored changes what the engines get, whatever its arguments', () => {
    const changed: string[] = [];
    const tryLine = (where: 'global' | 'proxy', line: string) => {
      if (line.length <= SLOT.length && given(probe(where, line)) !== base) changed.push(`${where}: ${line}`);
    };
    for (const k of keywordsIn('proxy').filter((x) => !x.modelled)) for (const a of ARG_FORMS) tryLine('proxy', `${k.name} ${a}`.trim());
    for (const k of keywordsIn('global').filter((x) => !x.modelled)) for (const a of ARG_FORMS.slice(0, 3)) tryLine('global', `${k.name} ${a}`.trim());
    for (const k of keywordsIn('timeout').filter((x) => !x.modelled)) tryLine('proxy', `timeout ${k.name} 7s`);
    for (const k of keywordsIn('option').filter((x) => !x.modelled)) tryLine('proxy', `option ${k.name}`);
    expect(changed).toEqual([]);
  });
});
