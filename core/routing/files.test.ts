/**
 * Pattern and map files given in the scenario (`file PATH`): the line formats of HAProxy 2.6.0's
 * pattern.c, the map lookups of map.c, and the language round trip. The same cases run against
 * the real binary in core/test/haproxy-routing.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario } from '../run';
import { checkScenario, parseScenario, printScenario } from '../scenario';
import { filePatterns, mapEntries } from '../scenario/routing/files';
import { mapLookup } from './converters';
import { evalCond, evalLogFormat } from './evaluate';
import type { RequestView } from './request';

const req = (host: string, path = '/'): RequestView => ({
  method: 'GET', path, query: '', headers: [{ name: 'Host', value: host }], src: '192.0.2.1', version: '1.1',
} as unknown as RequestView);

const WITH_FILES = `frontend fe
  acl blocked hdr(host) -i -f /etc/haproxy/blocked.lst
  http-request deny if blocked
  use_backend %[req.hdr(host),lower,map(/etc/haproxy/hosts.map,web)]
  default_backend web
backend web
  server w 192.0.2.9:80
backend api
  server a 192.0.2.10:80

file /etc/haproxy/hosts.map
    # host to backend
    api.example.com     api
    www.example.com     web

file /etc/haproxy/blocked.lst
    bad.example.com
    Evil.Example.com
`;

describe('file formats (pattern.c @v2.6.0)', () => {
  it('a pattern file: one pattern per line, the whole line, leading blanks cut', () => {
    expect(filePatterns(['a.example.com', '  b c', ''])).toEqual(['a.example.com', 'b c']);
  });
  it('a map file: key to the first blank, value the rest trimmed; a key alone has an empty value', () => {
    expect(mapEntries(['api.example.com   api  ', 'k\tv w', 'lonely', '   '])).toEqual([['api.example.com', 'api'], ['k', 'v w'], ['lonely', '']]);
  });
});

describe('map lookups (map.c, pattern.c)', () => {
  const m = [['/api', 'a'], ['/api/v2', 'b'], ['.png', 'img'], ['/', 'root']] as const;
  it('map_str: the exact key; map_beg: the longest key the sample begins with', () => {
    expect(mapLookup('map', m, '/api')).toBe('a');
    expect(mapLookup('map_str', m, '/api/x')).toBeUndefined();
    expect(mapLookup('map_beg', m, '/api/v2/users')).toBe('b');
    expect(mapLookup('map_beg', m, '/apix')).toBe('a');
    expect(mapLookup('map_beg', m, '/other')).toBe('root');
  });
  it('map_end, map_sub: the first entry in the file that matches', () => {
    expect(mapLookup('map_end', m, '/x/logo.png')).toBe('img');
    expect(mapLookup('map_sub', m, '/x/api/v2')).toBe('a');
  });
});

describe('file sections in a scenario', () => {
  it('route by the map and deny by the pattern file, with no warning', () => {
    const r = checkScenario(WITH_FILES);
    expect(r.diagnostics).toEqual([]);
    const fe = r.config.routing!.proxies.fe!;
    const b = fe.switching[0]!.backend;
    if (typeof b === 'string') throw new Error('a log-format backend');
    expect(evalLogFormat(b, req('API.example.com'))).toBe('api');
    expect(evalLogFormat(b, req('other.example.com'))).toBe('web');
    const deny = fe.httpRequest.find((a) => a.kind === 'http-request deny')!;
    expect(evalCond(deny.cond!, req('evil.example.COM')).value).toBe(true);
    expect(evalCond(deny.cond!, req('good.example.com')).value).toBe(false);
  });

  it('prints back as written, and parses back to the same files', () => {
    const ast = parseScenario(WITH_FILES).ast;
    expect(ast.files!.map((f) => [f.path.text, f.lines.map((l) => l.text)])).toEqual([
      ['/etc/haproxy/hosts.map', ['api.example.com     api', 'www.example.com     web']],
      ['/etc/haproxy/blocked.lst', ['bad.example.com', 'Evil.Example.com']],
    ]);
    const again = parseScenario(printScenario(ast)).ast;
    expect(again.files!.map((f) => f.lines.map((l) => l.text))).toEqual(ast.files!.map((f) => f.lines.map((l) => l.text)));
  });

  it('a file no rule reads is a warning that suggests the path a rule names', () => {
    const text = WITH_FILES.replace('file /etc/haproxy/hosts.map', 'file /etc/haproxy/host.map');
    const ds = checkScenario(text).diagnostics.map((d) => d.message);
    expect(ds).toContain('no acl -f or map converter reads file /etc/haproxy/host.map; did you mean /etc/haproxy/hosts.map?');
    expect(ds.some((m) => m.startsWith('map file /etc/haproxy/hosts.map is not in the scenario'))).toBe(true);
  });

  it('a file given twice is an error; a client named file still sends requests', () => {
    expect(checkScenario(`${WITH_FILES}\nfile /etc/haproxy/blocked.lst\n    x\n`).diagnostics.filter((d) => d.severity === 'error').map((d) => d.line)).toEqual([20]);
    const r = checkScenario('backend b\n  server s 192.0.2.9:80\nscript\n  open file h1\n  file GET /x\n');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.plan).toHaveLength(2);
  });
});

/**
 * HAProxy's own reg-test reg-tests/http-rules/map_redirect.vtc at v2.6.0: its configuration
 * (core/test/configs/files/reg-test-http-rules-map_redirect.cfg, origin in that folder's
 * manifest) with its map file map_redirect-be.map, and the backends its client c7 expects.
 */
describe('reg-test http-rules/map_redirect.vtc (v2.6.0): backends chosen by map_dom', () => {
  // reg-tests/http-rules/map_redirect-be.map at v2.6.0 (tab-separated, as in the repository).
  const BE_MAP = '# These entries are used for use_backend rules\ntest1.example.com\ttest1_be\ntest1.example.invalid\ttest1_be\ntest2.example.com\ttest2_be\n';
  const REDIRECT_MAP = '# These entries are used for http-request redirect rules\nexample.org https://www.example.org\nsubdomain.example.org https://www.subdomain.example.org\n\n/path/to/old/file  /path/to/new/file\n';
  const cfg = readFileSync(join(import.meta.dirname, '../test/configs/files/reg-test-http-rules-map_redirect.cfg'), 'utf8')
    .replaceAll('"${HAPROXY_TEST_TIMEOUT-5s}"', '5s')
    .replaceAll('"fd@${fe1}"', ':80')
    .replaceAll('${testdir}', '/reg-tests/http-rules')
    .replace(/\$\{s(\d)_addr\}:\$\{s\d_port\}/g, '192.0.2.1$1:80');
  const section = (path: string, text: string) => `file ${path}\n${text.split('\n').map((l) => `    ${l}`).join('\n')}\n`;
  const scenario = `engine modern\n${cfg}\n${section('/reg-tests/http-rules/map_redirect-be.map', BE_MAP)}\n${section('/reg-tests/http-rules/map_redirect.map', REDIRECT_MAP)}
script
    open c1 h1
    c1 GET / host example.org:8443
    c1 GET /path/to/old/file
    open c2 h1
    c2 GET / host subdomain.example.org
    open c3 h1
    c3 GET / header "Testvar: subdomain.example.org"
    open c4 h1
    c4 GET / host www.subdomain.example.org
    open c5 h1
    c5 GET / header "Testvar: www.subdomain.example.org"
    open c6 h1
    c6 GET / host :8443example.org
    open c7 h1
    c7 GET / host test1.example.com
    c7 GET / host test2.example.com
    c7 GET / host test3.example.com
`;
  it('c1, c2: 301 from the maps (an empty map_str location skips its rule: ignore-empty); c3: 301 in be1 from the variable the frontend set; c4, c5, c6: 403 in be1; c7: test1 → test1_be, test2 → test2_be, test3 → test3_be (the rule\'s default)', () => {
    const res = runScenario(scenario);
    expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(res.diagnostics.filter((d) => /not in the scenario|no acl -f or map/.test(d.message))).toEqual([]);
    expect(res.report().requests.map((r) => [r.client, r.status, r.server ?? null])).toEqual([
      ['c1', 301, null],
      ['c1', 301, null],
      ['c2', 301, null],
      ['c3', 301, null],
      ['c4', 403, null],
      ['c5', 403, null],
      ['c6', 403, null],
      ['c7', 200, 's1'],
      ['c7', 200, 's2'],
      ['c7', 200, 's3'],
    ]);
    // The vtc's `expect resp.http.location ~ "/path/to/new/file"`: the location rule's map value.
    const answers = res.trace.filter((e) => e.kind === 'answer').map((e) => ('message' in e ? e.message : ''));
    expect(answers[1]).toMatch(/→ Location: \/path\/to\/new\/file$/);
  });
});
