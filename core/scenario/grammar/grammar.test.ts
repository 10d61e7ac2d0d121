/**
 * The grammar's tables are the one place a keyword is defined: each entry parses to its typed
 * node, prints back to it, is compiled into the SimConfig, and is documented for the editor.
 * The records below are keyed by node kind, so a new directive without a case here does not
 * type-check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClassicOption, ConfigNode, ConfigNodeKind, ConfigSectionKind, HealthOption, ModernOption, NodeOf, ServerOptions, Word } from '../ast';
import { REUSE_MODES } from '../ast';
import { checkScenario, type CheckResult } from '../compile';
import { hoverText, keywordInfo, keywordsIn } from '../keywords';
import { MAX_DURATION_US } from '../lexer';
import { parseScenario } from '../parser';
import { printScenario } from '../print';
import { parseSampleExpr } from '../routing/sampleExpr';
import { BALANCE_IGNORED, BALANCE_MODELLED, DIRECTIVE_LIST, DIRECTIVES, keywordOf, MAX_H2_STREAMS, printNode } from './directives';
import { SERVER_OPTION_TABLE } from './server-options';
import { SERVER_PROPERTY_NAMES, SERVER_PROPS } from './server-props';
import { SCRIPT_WORDS } from './script-words';
import { MAX_CONN_COUNT } from '../modern';
import { ROUTED_KEYWORDS } from '../routing/lines';

const NO_SPAN = { from: 0, to: 0 };
const word = (text: string): Word => ({ text, span: NO_SPAN });

function stripSpans(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripSpans);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'span').map(([k, x]) => [k, stripSpans(x)]));
  return v;
}

const name = fc.stringMatching(/^[a-z][a-z0-9_-]{0,6}$/).map(word);
const addr = fc.tuple(fc.nat({ max: 255 }), fc.integer({ min: 1, max: 65535 })).map(([a, p]) => `10.0.${a}.1:${p}`);
const durationUs = fc.oneof(fc.nat({ max: 10_000_000 }), fc.nat({ max: MAX_DURATION_US }));

const modernOption: fc.Arbitrary<ModernOption> = fc.oneof(
  fc.record({ name: fc.constant('proto' as const), value: fc.constantFrom('h1' as const, 'h2' as const), span: fc.constant(NO_SPAN) }),
  fc.record({ name: fc.constantFrom('max-reuse' as const, 'pool-max-conn' as const), value: fc.integer({ min: -1, max: MAX_CONN_COUNT }), span: fc.constant(NO_SPAN) }),
  fc.record({ name: fc.constant('pool-low-conn' as const), value: fc.nat({ max: MAX_CONN_COUNT }), span: fc.constant(NO_SPAN) }),
  fc.record({ name: fc.constant('pool-purge-delay' as const), value: durationUs, span: fc.constant(NO_SPAN) }),
);
const healthOption: fc.Arbitrary<HealthOption> = fc.oneof(
  fc.record({ name: fc.constantFrom('check' as const, 'no-check' as const), value: fc.constant(1), span: fc.constant(NO_SPAN) }),
  fc.record({ name: fc.constantFrom('inter' as const, 'fastinter' as const, 'downinter' as const), value: fc.integer({ min: 1, max: 100_000 }).map((ms) => ms * 1000), span: fc.constant(NO_SPAN) }),
  fc.record({ name: fc.constantFrom('rise' as const, 'fall' as const), value: fc.integer({ min: 1, max: 99 }), span: fc.constant(NO_SPAN) }),
);
const classicOption: fc.Arbitrary<ClassicOption> = fc.oneof(
  fc.record({
    name: fc.constantFrom(...(['send-proxy', 'no-send-proxy', 'send-proxy-v2', 'no-send-proxy-v2', 'disabled', 'enabled', 'backup', 'no-backup', 'ssl', 'no-ssl', 'sni-auto', 'no-sni-auto', 'strict-maxconn'] as const)),
    span: fc.constant(NO_SPAN),
  }),
  fc.record({ name: fc.constantFrom('sni' as const, 'pool-conn-name' as const), expr: fc.constantFrom('str(example.com)', 'req.hdr(host)', 'req.hdr(host),lower'), span: fc.constant(NO_SPAN) }),
  fc.record({ name: fc.constant('source' as const), usesrc: fc.constantFrom('none' as const, 'client' as const, 'clientip' as const, 'hdr_ip' as const), span: fc.constant(NO_SPAN) }),
  fc.record({ name: fc.constant('cookie' as const), value: name.map((w) => w.text), span: fc.constant(NO_SPAN) }),
  fc.record({ name: fc.constant('weight' as const), value: fc.integer({ min: 0, max: 256 }), span: fc.constant(NO_SPAN) }),
);
/** A server line's options; a default-server line has no `id` (refused there). */
const serverOptions = (withId: boolean): fc.Arbitrary<ServerOptions> => fc.record({
  classic: fc.array(classicOption, { maxLength: 4 }),
  id: withId ? fc.option(fc.integer({ min: 1, max: 9999 }).map((value) => ({ value, span: NO_SPAN })), { nil: null }) : fc.constant(null),
  modern: fc.array(modernOption, { maxLength: 3 }),
  health: fc.array(healthOption, { maxLength: 3 }),
});

/** For every node kind: a section where it may appear, and its nodes. */
const NODES: { readonly [K in ConfigNodeKind]: { readonly section: ConfigSectionKind; readonly node: fc.Arbitrary<NodeOf<K>> } } = {
  'tune.h2.max-concurrent-streams': { section: 'global', node: fc.record({ kind: fc.constant('tune.h2.max-concurrent-streams' as const), streams: fc.integer({ min: 1, max: MAX_H2_STREAMS }) }) },
  mode: { section: 'backend', node: fc.record({ kind: fc.constant('mode' as const), mode: fc.constantFrom('http' as const, 'tcp' as const, 'health' as const) }) },
  'http-reuse': { section: 'backend', node: fc.record({ kind: fc.constant('http-reuse' as const), mode: fc.constantFrom(...REUSE_MODES) }) },
  balance: {
    section: 'backend',
    node: fc.oneof(
      fc.record({ kind: fc.constant('balance' as const), algorithm: fc.constantFrom(...BALANCE_MODELLED.filter((b) => b !== 'hdr' && b !== 'url_param' && b !== 'hash')) }),
      fc.record({ kind: fc.constant('balance' as const), algorithm: fc.constant('roundrobin' as const), written: fc.constantFrom(...BALANCE_IGNORED) }),
      fc.record(
        { kind: fc.constant('balance' as const), algorithm: fc.constant('uri' as const), args: fc.record({ len: fc.integer({ min: 1, max: 99 }), depth: fc.integer({ min: 1, max: 9 }), whole: fc.constant(true), pathOnly: fc.constant(true) }, { requiredKeys: [] }) },
        { requiredKeys: ['kind', 'algorithm'] },
      ).filter((n) => n.args === undefined || Object.keys(n.args).length > 0),
      fc.record({ kind: fc.constant('balance' as const), algorithm: fc.constant('url_param' as const), args: name.map((w) => ({ name: w.text })) }),
      fc.constantFrom('req.cook(sid)', 'path,lower', 'src', 'req.hdr(x-user)').map((t) => ({ kind: 'balance' as const, algorithm: 'hash' as const, args: { expr: parseSampleExpr(t).expr! } })),
      fc.record({ kind: fc.constant('balance' as const), algorithm: fc.constant('hdr' as const), args: fc.tuple(name, fc.boolean()).map(([w, d]) => (d ? { name: w.text, domainOnly: true } : { name: w.text })) }),
    ),
  },
  'hash-type': {
    section: 'backend',
    node: fc.record({ kind: fc.constant('hash-type' as const), type: fc.record({ consistent: fc.boolean(), fn: fc.constantFrom('sdbm' as const, 'djb2' as const, 'wt6' as const, 'crc32' as const), avalanche: fc.boolean() }) }),
  },
  option: { section: 'backend', node: fc.record({ kind: fc.constant('option' as const), name: fc.constantFrom(...DIRECTIVES.option.sub!.entries.map((e) => e.name as NodeOf<'option'>['name'])) }) },
  timeout: { section: 'defaults', node: fc.record({ kind: fc.constant('timeout' as const), name: fc.constantFrom(...DIRECTIVES.timeout.sub!.entries.map((e) => e.name as NodeOf<'timeout'>['name'])), us: durationUs }) },
  server: { section: 'backend', node: fc.record({ kind: fc.constant('server' as const), name, addr, options: serverOptions(true) }) },
  'default-server': { section: 'defaults', node: fc.record({ kind: fc.constant('default-server' as const), options: serverOptions(false) }) },
  source: { section: 'backend', node: fc.record({ kind: fc.constant('source' as const), addr: fc.constantFrom('0.0.0.0', '10.1.2.3'), usesrc: fc.constantFrom('none' as const, 'client' as const, 'clientip' as const, 'hdr_ip' as const) }) },
  dispatch: { section: 'backend', node: fc.record({ kind: fc.constant('dispatch' as const), addr }) },
  default_backend: { section: 'frontend', node: fc.record({ kind: fc.constant('default_backend' as const), backend: name }) },
  use_backend: { section: 'frontend', node: fc.record({ kind: fc.constant('use_backend' as const), backend: name, conditional: fc.boolean() }) },
  'max-session-srv-conns': { section: 'frontend', node: fc.record({ kind: fc.constant('max-session-srv-conns' as const), count: fc.nat({ max: MAX_CONN_COUNT }) }) },
  acl: { section: 'listen', node: fc.record({ kind: fc.constant('acl' as const), name }) },
  retries: { section: 'backend', node: fc.record({ kind: fc.constant('retries' as const), count: fc.nat({ max: MAX_CONN_COUNT }) }) },
  'retry-on': {
    section: 'backend',
    node: fc.constantFrom<NodeOf<'retry-on'>>(
      { kind: 'retry-on', on: { connFailure: true, emptyResponse: true, responseTimeout: false, statuses: [503], words: ['conn-failure', 'empty-response', '503'] } },
      { kind: 'retry-on', on: { connFailure: false, emptyResponse: false, responseTimeout: false, statuses: [], words: ['none'] } },
      { kind: 'retry-on', on: { connFailure: true, emptyResponse: true, responseTimeout: true, statuses: [500, 502, 503, 504], words: ['all-retryable-errors'] } },
    ),
  },
  'global-maxconn': { section: 'global', node: fc.record({ kind: fc.constant('global-maxconn' as const), count: fc.nat({ max: MAX_CONN_COUNT }) }) },
  maxconn: { section: 'frontend', node: fc.record({ kind: fc.constant('maxconn' as const), count: fc.nat({ max: MAX_CONN_COUNT }) }) },
  fullconn: { section: 'backend', node: fc.record({ kind: fc.constant('fullconn' as const), count: fc.integer({ min: 0, max: 1_000_000 }) }) },
  'hash-balance-factor': { section: 'backend', node: fc.record({ kind: fc.constant('hash-balance-factor' as const), factor: fc.oneof(fc.constant(0), fc.integer({ min: 101, max: 100_000 })) }) },
  'http-check': {
    section: 'backend',
    node: fc.constantFrom<NodeOf<'http-check'>>(
      { kind: 'http-check', action: 'send', words: ['send', 'meth', 'GET', 'uri', '/health'] },
      { kind: 'http-check', action: 'comment', words: ['comment', 'hello'] },
      { kind: 'http-check', action: 'expect', words: ['expect', 'status', '200,301-302'], expect: { invert: false, match: 'status', pattern: '200,301-302', text: 'status 200,301-302' } },
      { kind: 'http-check', action: 'expect', words: ['expect', '!', 'rstatus', '^5'], expect: { invert: true, match: 'rstatus', pattern: '^5', text: '! rstatus ^5' } },
    ),
  },
  cookie: {
    section: 'backend',
    node: fc
      .tuple(name, fc.constantFrom<string[]>(['insert'], ['insert', 'indirect', 'nocache'], ['insert', 'postonly', 'httponly', 'secure'], ['insert', 'domain', '.example.com', 'attr', 'SameSite=Lax'], ['rewrite'], ['prefix', 'nocache'], [], ['indirect', 'preserve']))
      .map(([n, words]) => ({
        kind: 'cookie' as const, name: n.text, words,
        mode: (words.find((w) => w === 'insert' || w === 'rewrite' || w === 'prefix') ?? 'passive') as 'insert' | 'rewrite' | 'prefix' | 'passive',
        postonly: words.includes('postonly'),
      })),
  },
};

function parseLine(section: ConfigSectionKind, line: string) {
  const text = `${section === 'global' || section === 'defaults' ? section : `${section} p`}\n    ${line}\n`;
  const { ast, diagnostics } = parseScenario(text);
  return { directive: ast.config[0]?.directives[0], diagnostics, text };
}

describe('the directive table', () => {
  it('has one entry per typed node kind, named by its key', () => {
    for (const [k, spec] of Object.entries(DIRECTIVES)) expect(spec.name).toBe(k);
    expect(DIRECTIVE_LIST.map((d) => d.name).sort()).toEqual(Object.keys(NODES).sort());
  });

  for (const kind of Object.keys(NODES) as ConfigNodeKind[]) {
    it(`${kind}: printing a typed node and parsing the line gives the node back, without error`, () => {
      const { section, node } = NODES[kind] as { section: ConfigSectionKind; node: fc.Arbitrary<ConfigNode> };
      fc.assert(
        fc.property(node, (n) => {
          const line = printNode(n);
          const { directive, diagnostics } = parseLine(section, line);
          expect(diagnostics.filter((d) => d.severity === 'error'), line).toEqual([]);
          expect(stripSpans(directive?.node), line).toEqual(stripSpans(n));
          // the whole scenario prints and parses back to the same typed nodes
          const again = parseScenario(printScenario(parseScenario(`${section === 'global' || section === 'defaults' ? section : `${section} p`}\n    ${line}\n`).ast));
          expect(stripSpans(again.ast.config[0]?.directives[0]?.node)).toEqual(stripSpans(n));
        }),
        { numRuns: 150 },
      );
    });
  }

  it('a line in error has no node; a misplaced directive is an error where the table says', () => {
    expect(parseLine('backend', 'http-reuse sometimes').directive?.node).toBeUndefined();
    expect(parseLine('backend', 'timeout connect soon').directive?.node).toBeUndefined();
    for (const spec of DIRECTIVE_LIST) {
      for (const sec of ['defaults', 'frontend', 'backend', 'listen'] as const) {
        if (spec.context !== 'proxy' || !spec.allowed || spec.allowed.includes(sec)) continue;
        const { diagnostics } = parseLine(sec, `${keywordOf(spec)} x y z`);
        expect(diagnostics.map((d) => d.code), `${spec.name} in ${sec}`).toContain('misplaced-keyword');
      }
    }
  });
});

const BASE = 'backend app\n    server s1 192.0.2.10:80\n';

/** For every node kind: a scenario using it, and what the compiled result shows of it. */
const COMPILED: { readonly [K in ConfigNodeKind]: { readonly text: string; readonly check: (r: CheckResult) => void } } = {
  'tune.h2.max-concurrent-streams': { text: `global\n    tune.h2.max-concurrent-streams 7\n${BASE}`, check: (r) => expect(r.config.h2MaxStreams).toBe(7) },
  mode: { text: 'backend app\n    mode tcp\n    server s1 192.0.2.10:80\n', check: (r) => expect(r.config.backends[0]!.tcp).toBe(true) },
  'http-reuse': { text: 'backend app\n    http-reuse always\n    server s1 192.0.2.10:80\n', check: (r) => expect(r.config.backends[0]!.reuse).toBe('always') },
  balance: {
    text: 'backend app\n    balance uri depth 2 whole\n    server s1 192.0.2.10:80\n',
    check: (r) => expect(r.config.backends[0]).toMatchObject({ balance: 'uri', balanceArgs: { depth: 2, whole: true } }),
  },
  'hash-type': {
    text: 'backend app\n    balance source\n    hash-type consistent djb2\n    server s1 192.0.2.10:80 weight 3\n',
    check: (r) => {
      expect(r.config.backends[0]!.hashType).toEqual({ consistent: true, fn: 'djb2', avalanche: false });
      expect(r.config.backends[0]!.servers[0]!.weight).toBe(3);
    },
  },
  option: { text: 'defaults\n    option http-server-close\n' + BASE, check: (r) => expect(r.config.backends[0]!.httpMode).toBe('server-close') },
  timeout: { text: 'defaults\n    timeout connect 7s\n' + BASE, check: (r) => expect(r.config.timeouts.connect).toBe(7_000_000) },
  server: { text: 'backend app\n    server s1 192.0.2.10:80 send-proxy disabled\n', check: (r) => expect(r.config.backends[0]!.servers[0]).toMatchObject({ name: 's1', addr: '192.0.2.10:80', sendProxy: true, disabled: true }) },
  'default-server': { text: 'engine modern\ndefaults\n    default-server max-reuse 3 proto h2\n' + BASE, check: (r) => expect(r.config.backends[0]!.servers[0]).toMatchObject({ maxReuse: 3, proto: 'h2' }) },
  source: { text: 'backend app\n    source 0.0.0.0 usesrc clientip\n    server s1 192.0.2.10:80\n', check: (r) => expect(r.config.backends[0]!.usesrc).toBe('clientip') },
  dispatch: { text: 'backend app\n    dispatch 192.0.2.20:80\n', check: (r) => expect(r.config.backends[0]!.dispatch).toMatchObject({ addr: '192.0.2.20:80' }) },
  default_backend: { text: `frontend fe\n    default_backend b2\n${BASE}backend b2\n    server s2 192.0.2.11:80\n`, check: (r) => expect(r.config.defaultBackend).toBe('b2') },
  use_backend: {
    text: `frontend fe\n    use_backend b2 if { path_beg /api }\n    default_backend app\n${BASE}backend b2\n    server s2 192.0.2.11:80\n`,
    check: (r) => expect(r.config.routing!.proxies.fe!.switching.map((s) => s.backend)).toEqual(['b2']),
  },
  'max-session-srv-conns': { text: 'engine modern\ndefaults\n    max-session-srv-conns 9\n' + BASE, check: (r) => expect(r.config.maxSessionSrvConns).toBe(9) },
  'http-check': {
    text: 'engine modern\ndefaults\n    timeout check 300ms\n    option httpchk\n    http-check expect status 200,301-302\nbackend app\n    server s1 192.0.2.10:80 check\n',
    check: (r) => {
      const c = r.config.backends[0]!.servers[0]!.check!;
      expect([c.http, c.timeoutUs, c.expects]).toEqual([true, 300_000, [{ invert: false, codes: [[200, 200], [301, 302]], text: 'status 200,301-302' }]]);
    },
  },
  cookie: {
    text: 'defaults\n    cookie SRV insert indirect nocache postonly\nbackend app\n    server s1 192.0.2.10:80 cookie a\n    server s2 192.0.2.11:80\n',
    check: (r) => {
      expect(r.config.backends[0]!.cookie).toEqual({ name: 'SRV', postonly: true });
      expect(r.config.backends[0]!.servers.map((s) => s.cookie)).toEqual(['a', undefined]);
    },
  },
  retries: { text: 'defaults\n    retries 1\n    option redispatch 2\n' + BASE, check: (r) => expect([r.config.backends[0]!.retries, r.config.backends[0]!.redispatch]).toEqual([1, 2]) },
  'retry-on': {
    text: 'engine modern\ndefaults\n    retry-on empty-response 503 502\n' + BASE,
    check: (r) => expect(r.config.backends[0]!.retryOn).toMatchObject({ connFailure: false, emptyResponse: true, responseTimeout: false, statuses: [502, 503] }),
  },
  'global-maxconn': { text: `global\n    maxconn 40\n    maxconn 50\n${BASE}`, check: (r) => expect(r.config.maxconn).toBe(40) },
  maxconn: {
    text: `defaults\n    maxconn 7\nfrontend fe\n    bind :80\n    default_backend app\nfrontend fe2\n    bind :81\n    maxconn 3\n    default_backend app\n${BASE}`,
    check: (r) => {
      expect(r.config.frontendMaxconn).toBe(7);
      expect(r.config.frontendSides).toMatchObject({ fe: { maxconn: 7, name: 'fe' }, fe2: { maxconn: 3, name: 'fe2' } });
    },
  },
  fullconn: {
    text: 'engine modern\ndefaults\n    fullconn 30\nbackend app\n    server s1 192.0.2.10:80 maxconn 9 minconn 3\n',
    check: (r) => expect(r.config.backends[0]!).toMatchObject({ fullconn: 30, servers: [{ maxconn: 9, minconn: 3 }] }),
  },
  'hash-balance-factor': { text: 'engine modern\ndefaults\n    hash-balance-factor 150\n' + BASE, check: (r) => expect(r.config.backends[0]!.hashBalanceFactor).toBe(150) },
  acl: {
    text: `frontend fe\n    acl is_api path_beg /api\n    use_backend b2 if is_api\n    default_backend app\n${BASE}backend b2\n    server s2 192.0.2.11:80\n`,
    check: (r) => expect(r.config.routing!.proxies.fe!.switching[0]!.cond!.suites[0]![0]!.acl.name).toBe('is_api'),
  },
};

describe('every table entry reaches the compiled configuration', () => {
  for (const kind of Object.keys(COMPILED) as ConfigNodeKind[]) {
    it(kind, () => {
      const r = checkScenario(COMPILED[kind].text);
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(r.ast.config.flatMap((s) => s.directives).some((d) => d.node?.kind === kind)).toBe(true);
      COMPILED[kind].check(r);
    });
  }
  it('an engine that lacks a directive warns and ignores it (the table\'s engines)', () => {
    for (const spec of DIRECTIVE_LIST.filter((d) => d.engines)) {
      for (const engine of ['seed', 'parent'] as const) {
        if (spec.engines!.includes(engine)) continue;
        const r = checkScenario(COMPILED[spec.name].text.replace('engine modern\n', ''), { engine });
        expect(r.diagnostics.map((d) => d.code), `${spec.name} at ${engine}`).toContain('not-in-engine');
      }
    }
  });
});

describe('the editor\'s table is the grammar\'s', () => {
  it('every modelled directive, option, timeout, server option, server property and script word has its doc', () => {
    for (const d of DIRECTIVE_LIST) {
      expect(keywordInfo(d.context, keywordOf(d))).toMatchObject({ modelled: true, doc: d.doc, syntax: d.syntax });
      expect(hoverText(keywordInfo(d.context, keywordOf(d))!)).toContain(d.doc);
      for (const e of d.sub?.entries ?? []) expect(keywordInfo(d.sub!.context, e.name)).toMatchObject({ modelled: true, doc: e.doc });
    }
    for (const o of SERVER_OPTION_TABLE) expect(keywordInfo('server-option', o.name)).toMatchObject({ modelled: true, doc: o.doc });
    for (const p of SERVER_PROPERTY_NAMES) expect(keywordInfo('servers', p)).toMatchObject({ modelled: true, doc: SERVER_PROPS[p].doc });
    for (const w of SCRIPT_WORDS) expect(keywordInfo('script', w.name)).toMatchObject({ modelled: true, doc: w.doc });
  });
  it('the modelled keywords of each context are exactly the tables\' (nothing modelled is listed elsewhere)', () => {
    const modelled = (ctx: Parameters<typeof keywordsIn>[0]) => keywordsIn(ctx).filter((k) => k.modelled).map((k) => k.name);
    // Besides the directives, the lines the routing reads (routing/lines.ts) are modelled.
    const routed = (ctx: 'proxy' | 'timeout') => ROUTED_KEYWORDS.filter((k) => k.context === ctx).map((k) => k.name);
    expect(modelled('proxy')).toEqual([...DIRECTIVE_LIST.filter((d) => d.context === 'proxy').map(keywordOf), ...routed('proxy')]);
    expect(modelled('global')).toEqual(DIRECTIVE_LIST.filter((d) => d.context === 'global').map(keywordOf));
    expect(modelled('option')).toEqual(DIRECTIVES.option.sub!.entries.map((e) => e.name));
    expect(modelled('timeout')).toEqual([...DIRECTIVES.timeout.sub!.entries.map((e) => e.name), ...routed('timeout')]);
    expect(modelled('server-option')).toEqual(SERVER_OPTION_TABLE.map((o) => o.name));
    expect(modelled('servers')).toEqual(SERVER_PROPERTY_NAMES);
    expect(modelled('script')).toEqual(SCRIPT_WORDS.map((w) => w.name));
  });
  it('every server property parses to its behaviour and prints back', () => {
    const lines: Record<string, string> = { 'response-time': '20ms..80ms', 'connect-time': '3ms', 'close-after': '2', 'fin-after': '4', 'idle-timeout': '2s', auth: 'ntlm', refuse: '', 'max-streams': '8', 'set-cookie': 'JSESSIONID', status: '503 2s..4s', 'check-status': '404' };
    for (const p of SERVER_PROPERTY_NAMES) {
      const text = `${BASE}servers\n    s1 ${p} ${lines[p]}`.trimEnd() + '\n';
      const r = checkScenario(text);
      expect(r.diagnostics.filter((d) => d.severity === 'error'), p).toEqual([]);
      expect(r.ast.servers[0]!.behaviour.prop).toBe(p);
      expect(printScenario(r.ast)).toContain(`s1 ${p}${lines[p] ? ` ${lines[p]}` : ''}\n`);
    }
  });
});
