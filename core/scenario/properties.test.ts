/**
 * Properties over generated scenarios: printing any valid AST and parsing it back gives the same
 * AST with no error; and no input at all — random text, or valid scenarios with random edits —
 * makes the front end throw or report a span outside the text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClientRef, ConfigSection, Directive, ScenarioAst, ServerBehaviour, ServerStatement, Statement, Word } from './ast';
import type { Diagnostic } from './diagnostics';
import { checkScenario, formatDuration, MAX_DURATION_US, parseDuration, parseScenario, printScenario } from './index';
import { keywordsIn } from './keywords';
import { directiveOf } from './grammar/directives';

const NO_SPAN = { from: 0, to: 0 };
const word = (text: string): Word => ({ text, span: NO_SPAN });

/** Deep copy without `span` keys: ASTs compare equal modulo positions. */
function stripSpans(v: unknown, drop: readonly string[] = ['span']): unknown {
  if (Array.isArray(v)) return v.map((x) => stripSpans(x, drop));
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).filter(([k]) => !drop.includes(k)).map(([k, x]) => [k, stripSpans(x, drop)]));
  }
  return v;
}

// Names that start sections or statements cannot name servers or clients.
const RESERVED = new Set([...keywordsIn('section').map((k) => k.name), 'open', 'close', 'wait', 'await', 'repeat', 'from']);
const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,6}$/).filter((s) => !RESERVED.has(s));
const lower = fc.stringMatching(/^[a-z][a-z0-9_-]{0,6}$/).filter((s) => !RESERVED.has(s));
const duration = fc.oneof(fc.nat({ max: 10_000 }), fc.nat({ max: MAX_DURATION_US }));
const durationText = fc.tuple(fc.nat({ max: 9999 }), fc.constantFrom('', 'us', 'ms', 's', 'm', 'h')).map(([n, u]) => `${n}${u}`).filter((t) => parseDuration(t) !== null);
const addr = fc.tuple(fc.nat({ max: 255 }), fc.nat({ max: 255 }), fc.integer({ min: 1, max: 65535 })).map(([a, b, p]) => `10.${a}.${b}.1:${p}`);

const serverOptions = fc.subarray(['send-proxy', 'send-proxy-v2', 'disabled', 'sni str(example.com)', 'source 0.0.0.0 usesrc clientip', 'check', 'inter 2s', 'weight 10', 'maxconn 5', 'ssl verify none', 'alpn h2,http/1.1', 'proto h2', 'proto h1', 'max-reuse 10', 'pool-max-conn -1', 'pool-low-conn 2', 'pool-purge-delay 1s']);

const proxyDirective = (kind: ConfigSection['kind']): fc.Arbitrary<string> => {
  const common = [
    fc.constant('mode http'),
    fc.constantFrom('never', 'safe', 'aggressive', 'always').map((m) => `http-reuse ${m}`),
    fc.constantFrom('roundrobin', 'first', 'leastconn', 'source', 'uri', 'static-rr').map((m) => `balance ${m}`),
    fc.constantFrom('http-keep-alive', 'http-server-close', 'httpclose', 'forceclose', 'prefer-last-server', 'transparent', 'httplog', 'forwardfor').map((o) => `option ${o}`),
    fc.nat({ max: 20 }).map((n) => `max-session-srv-conns ${n}`),
    fc.tuple(fc.constantFrom('connect', 'server', 'client', 'http-keep-alive', 'http-request', 'queue'), durationText).map(([t, d]) => `timeout ${t} ${d}`),
    fc.constantFrom('maxconn 100', 'log global', 'retries 3', 'http-request set-header X-A "a b c"', 'errorfile 503 /e/503.http', 'no option httplog'),
  ];
  if (kind !== 'frontend') common.push(fc.constantFrom('source 0.0.0.0', 'source 0.0.0.0 usesrc client', 'source 0.0.0.0 usesrc hdr_ip(x-forwarded-for)'));
  if (kind === 'backend' || kind === 'listen') common.push(fc.tuple(lower, addr, serverOptions).map(([n, a, o]) => ['server', n, a, ...o].join(' ')));
  if (kind !== 'frontend') common.push(serverOptions.filter((o) => o.length > 0).map((o) => ['default-server', ...o].join(' ')));
  if (kind !== 'backend') common.push(lower.map((n) => `default_backend ${n}`));
  if (kind === 'frontend' || kind === 'listen') common.push(fc.tuple(lower, lower).map(([b, p]) => `use_backend ${b} if { path_beg /${p} }`), fc.tuple(lower, lower).map(([a, p]) => `acl ${a} path_beg /${p}`));
  return fc.oneof(...common);
};
const globalDirective = fc.oneof(fc.integer({ min: 1, max: 1000 }).map((n) => `tune.h2.max-concurrent-streams ${n}`), fc.constantFrom('daemon', 'maxconn 4096', 'nbthread 2', 'log /dev/log local0'));

const directives = (kind: ConfigSection['kind']): fc.Arbitrary<Directive[]> =>
  fc.array(kind === 'global' ? globalDirective : proxyDirective(kind), { maxLength: 5 })
    .map((ls) => ls.map((l) => ({ words: l.split(' ').map(word), span: NO_SPAN })));

// `http-request set-header X-A "a b c"` is one quoted word, not three.
function fixQuotes(d: Directive): Directive {
  const texts: string[] = [];
  for (const w of d.words) {
    const last = texts[texts.length - 1];
    if (last !== undefined && (last.split('"').length - 1) % 2 === 1) texts[texts.length - 1] = `${last} ${w.text}`;
    else texts.push(w.text);
  }
  return { words: texts.map(word), span: NO_SPAN };
}

const section: fc.Arbitrary<ConfigSection> = fc.constantFrom('global', 'defaults', 'backend', 'listen', 'frontend').chain((kind) =>
  fc.record({
    kind: fc.constant(kind),
    name: kind === 'global' ? fc.constant(null) : kind === 'defaults' ? fc.option(lower.map(word), { nil: null }) : lower.map(word),
    directives: directives(kind).map((ds) => ds.map(fixQuotes)),
    span: fc.constant(NO_SPAN),
  }),
);

const behaviour: fc.Arbitrary<ServerBehaviour> = fc.oneof(
  fc.record({ prop: fc.constantFrom('response-time' as const, 'connect-time' as const, 'idle-timeout' as const), us: duration }),
  fc.record({ prop: fc.constant('close-after' as const), count: fc.nat({ max: 1_000_000_000 }) }),
  fc.record({ prop: fc.constant('fin-after' as const), count: fc.nat({ max: 1_000_000_000 }) }),
  fc.record({ prop: fc.constant('auth' as const), scheme: fc.constantFrom('ntlm' as const, 'negotiate' as const) }),
  fc.constant({ prop: 'refuse' as const }),
  fc.tuple(duration, duration).filter(([a, b]) => a !== b).map(([a, b]) => ({ prop: 'refuse' as const, during: { fromUs: Math.min(a, b), toUs: Math.max(a, b) } })),
  fc.record({ prop: fc.constant('max-streams' as const), count: fc.integer({ min: 1, max: 1_000_000 }) }),
);
const serverStmt: fc.Arbitrary<ServerStatement> = fc.record({ server: lower.map(word), behaviour, span: fc.constant(NO_SPAN) });

const range = fc.tuple(name, fc.nat({ max: 1_000_000 }), fc.nat({ max: 99_999 })).map(([prefix, from, size]): ClientRef => ({ kind: 'range', prefix, from, to: from + size, span: NO_SPAN }));
const one = name.map((n): ClientRef => ({ kind: 'one', name: n, span: NO_SPAN }));
const all = name.map((prefix): ClientRef => ({ kind: 'all', prefix, span: NO_SPAN }));
const path = fc.oneof(fc.constant('*'), fc.stringMatching(/^\/[A-Za-z0-9._~%!$&()*+,;=:@/?-]{0,12}$/));

const leaf: fc.Arbitrary<Statement> = fc.oneof(
  fc.record({ kind: fc.constant('open' as const), clients: fc.oneof(one, range), proto: fc.constantFrom('h1' as const, 'h2' as const), span: fc.constant(NO_SPAN) }),
  fc.record({
    kind: fc.constant('request' as const),
    clients: fc.oneof(one, range, all),
    method: fc.stringMatching(/^[A-Z][A-Z0-9_-]{0,7}$/),
    path,
    response: fc.option(fc.record({ status: fc.integer({ min: 100, max: 599 }), auth: fc.constantFrom(null, 'ntlm' as const, 'negotiate' as const), close: fc.boolean() }), { nil: null }),
    to: fc.option(lower.map(word), { nil: null }),
    close: fc.boolean(),
    takesUs: fc.option(duration, { nil: null }),
    background: fc.boolean(),
    span: fc.constant(NO_SPAN),
  }),
  fc.record({ kind: fc.constant('wait' as const), us: duration, span: fc.constant(NO_SPAN) }),
  fc.constant({ kind: 'await' as const, span: NO_SPAN }),
  fc.record({ kind: fc.constant('close' as const), clients: fc.oneof(one, range, all), span: fc.constant(NO_SPAN) }),
  fc.record({ kind: fc.constant('server-close' as const), server: lower.map(word), what: fc.constantFrom('idle' as const, 'all' as const), span: fc.constant(NO_SPAN) }),
);
const { statement } = fc.letrec<{ statement: Statement }>((tie) => ({
  statement: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ kind: fc.constant('repeat' as const), count: fc.nat({ max: 1_000_000 }), body: fc.array(tie('statement'), { maxLength: 4 }), span: fc.constant(NO_SPAN) }),
  ),
}));

const scenarioAst: fc.Arbitrary<ScenarioAst> = fc.record({
  engine: fc.option(fc.constantFrom('seed', 'parent', 'modern').map(word), { nil: null }),
  config: fc.array(section, { maxLength: 4 }),
  servers: fc.array(serverStmt, { maxLength: 4 }),
  script: fc.array(statement, { maxLength: 8 }),
});

/** Line/column counted independently of positions.ts: breaks are \r\n, \n and a lone \r. */
function naivePosition(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      col = 1;
    } else if (c === '\r') {
      // the \r of \r\n: the \n that follows ends the line
      col++;
    } else col++;
  }
  return { line, column: col };
}

function checkDiagnostics(text: string, ds: readonly Diagnostic[]): void {
  for (const d of ds) {
    expect(d.code).not.toBe('internal-error');
    expect(d.span.from).toBeGreaterThanOrEqual(0);
    expect(d.span.from).toBeLessThanOrEqual(d.span.to);
    expect(d.span.to).toBeLessThanOrEqual(text.length);
    expect({ line: d.line, column: d.column }).toEqual(naivePosition(text, d.span.from));
    expect({ line: d.endLine, column: d.endColumn }).toEqual(naivePosition(text, d.span.to));
    // every error says what was expected, or how to fix it
    if (d.severity === 'error') expect(d.message).toMatch(/expected|did you mean|; add |move this line/);
    else expect(d.message).toMatch(/ignored|not modelled|not simulated|no effect|HAProxy would|talks HTTP\/1\.1/);
  }
  for (let i = 1; i < ds.length; i++) expect(ds[i]!.span.from).toBeGreaterThanOrEqual(ds[i - 1]!.span.from);
}

describe('round trip', () => {
  it('parse(print(ast)) equals ast modulo spans, with no error', () => {
    fc.assert(
      fc.property(scenarioAst, (ast) => {
        const text = printScenario(ast);
        const back = parseScenario(text);
        expect(back.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        // The generated directives are words; the parser adds their typed nodes (grammar/directives.ts).
        expect(stripSpans(back.ast, ['span', 'node'])).toEqual(stripSpans(ast, ['span', 'node']));
        // and printing is a fixed point, typed nodes included
        expect(printScenario(back.ast)).toBe(text);
        // every modelled directive of a valid line has its typed node
        for (const sec of back.ast.config) {
          for (const d of sec.directives) {
            const spec = directiveOf(sec.kind === 'global' ? 'global' : 'proxy', d.words[0]!.text);
            const modelled = spec && (!spec.sub || spec.sub.entries.some((e) => e.name === d.words[1]?.text));
            if (modelled) expect(d.node?.kind, d.words.map((w) => w.text).join(' ')).toBe(spec.name);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
  it('durations print canonically', () => {
    const ast = parseScenario('script\n  wait 250000us\n  wait 10000ms\n  wait 1500us\n  wait 120s\n').ast;
    expect(printScenario(ast)).toBe('script\n    wait 250ms\n    wait 10s\n    wait 1500us\n    wait 2m\n');
    expect(formatDuration(10_000_000)).toBe('10s');
  });
});

// ---- robustness ----------------------------------------------------------------------------------

const SCENARIO_CHARS = [...'abcAGT /-[].*{}&>#"\'\\\t\r\n0123456789', 'open ', 'close ', 'repeat ', 'script\n', 'servers\n', 'backend ', 'server ', 'timeout ', ' -> ', '\u00a0', '\ud83d\ude00', '\ud800'];
const scenarioish = fc.array(fc.constantFrom(...SCENARIO_CHARS), { maxLength: 80 }).map((xs) => xs.join(''));

type Mutation = { op: 'insert' | 'delete' | 'replace' | 'swap' | 'dup'; at: number; len: number; ch: string; other: number };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('insert', 'delete', 'replace', 'swap', 'dup'),
  at: fc.nat(),
  len: fc.integer({ min: 1, max: 12 }),
  ch: fc.oneof(fc.constantFrom(...SCENARIO_CHARS), fc.string({ maxLength: 3, unit: 'binary' })),
  other: fc.nat(),
});

function mutate(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.op) {
    case 'insert':
      return text.slice(0, at) + m.ch + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.len);
    case 'replace':
      return text.slice(0, at) + m.ch + text.slice(at + 1);
    case 'swap':
    case 'dup': {
      const lines = text.split('\n');
      const i = m.at % lines.length;
      const j = m.other % lines.length;
      if (m.op === 'dup') lines.splice(j, 0, lines[i]!);
      else [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join('\n');
    }
  }
}

describe('never throws, spans always inside the text', () => {
  it('on random text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200, unit: 'binary' }), scenarioish), (text) => {
        const r = checkScenario(text);
        checkDiagnostics(text, r.diagnostics);
      }),
      { numRuns: 1500 },
    );
  });
  it('on valid scenarios with random edits; printing what was parsed is stable', () => {
    fc.assert(
      fc.property(scenarioAst, fc.array(mutation, { minLength: 1, maxLength: 5 }), (ast, ms) => {
        const text = ms.reduce(mutate, printScenario(ast));
        const r = checkScenario(text);
        checkDiagnostics(text, r.diagnostics);
        const once = printScenario(r.ast);
        expect(printScenario(parseScenario(once).ast)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});
