/**
 * Hand-written, line-oriented parser of the scenario language
 * (spec: shared/spec/scenario-language.md). It never throws on user input: every problem becomes
 * a diagnostic with a span, the parser resumes at the next line, and the AST keeps what was valid.
 * Checks that need only the line itself happen here (keywords, argument forms, ranges); checks
 * that need the whole scenario (declared servers, opened clients) are in compile.ts. Pure.
 */
import type {
  ClientRef, ConfigSection, ConfigSectionKind, Directive, ResponseSpec, ScenarioAst, ServerBehaviour,
  ServerStatement, Span, Statement, Word,
} from './ast';
import { ENGINE_NAMES, REUSE_MODES } from './ast';
import type { Diagnostic } from './diagnostics';
import {
  BALANCE_IGNORED, BALANCE_MODELLED, CONFIG_SECTIONS, PLAYGROUND_SECTIONS, SCRIPT_KEYWORDS, SERVER_PROPERTIES,
  inIgnoredFamily, keywordInfo, namesIn, serverOptionFamilyArgs,
} from './keywords';
import { environmentValue, trailingDuration, trailingMessage, unquote } from './haproxy-durations';
import { lexLines, parseCount, parseDuration, type Line } from './lexer';
import { countValue, DURATION_WORDS, isModernServerOption, serverOptionValue, type OptionValue } from './modern';
import { isArrive, parseArrive } from './arrive';
import { isResponseDist, parseResponseDist } from './distribution';
import { takeParams } from './params';
import { lineIndex, locate, sortDiagnostics, type RawDiagnostic } from './positions';
import { suggest } from './suggest';
import { parseRequestOptions } from './requestOptions';
import { isModelledRoutingLine } from './routing/proxy';

export interface ParseResult {
  readonly ast: ScenarioAst;
  readonly diagnostics: Diagnostic[];
}

export const DURATION_EXPECTED = DURATION_WORDS;
export const MAX_RANGE_SIZE = 100_000;
export const MAX_REPEAT = 1_000_000;
export const MAX_H2_STREAMS = 1_000_000;
export const MAX_CLOSE_AFTER = 1_000_000_000;

/** Syntax of client names and groups: `A`, `web[1..50]`, `web[*]`. */
const ID = '[A-Za-z_][A-Za-z0-9_.-]*';
const ONE_RE = new RegExp(`^${ID}$`);
const RANGE_RE = new RegExp(`^(${ID})\\[(\\d{1,9})\\.\\.(\\d{1,9})\\]$`);
const ALL_RE = new RegExp(`^(${ID})\\[\\*\\]$`);
const METHOD_RE = /^[A-Z][A-Z0-9_-]*$/;

/** Words that start a section; they cannot be used as client names. */
const SECTION_WORDS = new Set<string>([...CONFIG_SECTIONS, ...PLAYGROUND_SECTIONS]);
const IGNORED_SECTION_WORDS = new Set(namesIn('section').filter((n) => keywordInfo('section', n)?.modelled === false));
const RESERVED = new Set<string>([...SECTION_WORDS, ...IGNORED_SECTION_WORDS, ...SCRIPT_KEYWORDS, 'engine']);

/**
 * The text each parsed AST came from, so that compileScenario(ast) can give line/column without
 * the text being passed again. A WeakMap keeps the AST's shape (and deep equality) untouched.
 */
const SOURCES = new WeakMap<ScenarioAst, string>();
export function sourceOf(ast: ScenarioAst): string | undefined {
  return SOURCES.get(ast);
}

// ---- diagnostics helpers ---------------------------------------------------------------------

class Report {
  readonly list: RawDiagnostic[] = [];
  add(d: RawDiagnostic): void {
    this.list.push(d);
  }
  error(code: string, span: Span, message: string, expected?: string, suggestion?: string): void {
    this.push('error', code, span, message, expected, suggestion);
  }
  warn(code: string, span: Span, message: string, expected?: string): void {
    this.push('warning', code, span, message, expected);
  }
  /** Reports the problem of a checked value (modern.ts), if any; true when the value is usable. */
  value(v: OptionValue, span: Span): boolean {
    const p = v.ok ? v.warning : v.problem;
    if (p) this.push(p.severity, p.code, span, p.message, p.expected, p.suggestion);
    return v.ok;
  }
  private push(severity: 'error' | 'warning', code: string, span: Span, message: string, expected?: string, suggestion?: string): void {
    this.list.push({
      severity, code, span,
      message: withHint(message, expected, suggestion),
      ...(expected !== undefined ? { expected } : {}),
      ...(suggestion !== undefined ? { suggestion } : {}),
    });
  }
}

/**
 * Every message says what was expected: with a likely fix it ends in "did you mean …?",
 * otherwise in "expected …" when the message does not say it already.
 */
export function withHint(message: string, expected?: string, suggestion?: string): string {
  if (suggestion !== undefined) return `${message}; did you mean '${suggestion}'?`;
  if (expected && !message.includes('expected')) return `${message}; expected ${expected}`;
  return message;
}

function cover(a: Word, b: Word): Span {
  return { from: a.span.from, to: b.span.to };
}
function spanOfWords(ws: readonly Word[]): Span {
  return cover(ws[0]!, ws[ws.length - 1]!);
}
function list(xs: readonly string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`;
}

/** The line has exactly `n` words; reports a missing (`what`) or extra word otherwise. */
function arity(r: Report, ws: readonly Word[], n: number, what: string): boolean {
  if (ws.length < n) {
    const last = ws[ws.length - 1]!;
    const lead = ws.map((w) => w.text).join(' ');
    r.error('missing-argument', last.span, `missing ${what} after '${lead}'; expected ${what}`, what);
    return false;
  }
  if (ws.length > n) {
    extra(r, ws.slice(n), ws.slice(0, n));
    return false;
  }
  return true;
}
function extra(r: Report, rest: readonly Word[], before: readonly Word[]): void {
  const lead = before.map((w) => w.text).join(' ');
  r.error('unexpected-argument', spanOfWords(rest), `unexpected '${rest[0]!.text}' after '${lead}'; expected the end of the statement`, 'the end of the statement');
}

// ---- entry point -----------------------------------------------------------------------------

export interface ParseOptions {
  /** The value of each parameter (a sweep point); the others take their first value (params.ts). */
  readonly values?: Readonly<Record<string, string>>;
}

export function parseScenario(text: string, opts: ParseOptions = {}): ParseResult {
  const src = typeof text === 'string' ? text : String(text ?? '');
  let ast: ScenarioAst;
  let raw: RawDiagnostic[];
  try {
    ({ ast, raw } = new Parser(src, opts.values).run());
  } catch (e) {
    // A bug, not a user error: still never throw to the editor or the CLI.
    ast = { engine: null, config: [], servers: [], script: [] };
    raw = [{ severity: 'error', code: 'internal-error', message: `internal parser error: ${String(e)}`, span: { from: 0, to: 0 } }];
  }
  const index = lineIndex(src);
  SOURCES.set(ast, src);
  return { ast, diagnostics: sortDiagnostics(raw.map((d) => locate(d, index))) };
}

interface SectionBuilder {
  kind: ConfigSectionKind;
  name: Word | null;
  directives: Directive[];
  from: number;
  to: number;
  /** A header error (e.g. a backend without a name): report inside, keep out of the AST. */
  drop: boolean;
}

interface Block {
  readonly repeat: Word;
  readonly count: number | null;
  readonly body: Statement[];
  end: number;
  /** The `{` was missing (already reported): no second error when the block is never closed. */
  readonly noBrace: boolean;
}

type Mode = 'none' | 'config' | 'servers' | 'script' | 'skip';

class Parser {
  private readonly r = new Report();
  private engine: Word | null = null;
  private readonly config: ConfigSection[] = [];
  private readonly servers: ServerStatement[] = [];
  private readonly script: Statement[] = [];
  private section: SectionBuilder | null = null;
  private mode: Mode = 'none';
  private readonly blocks: Block[] = [];
  private seenStatement = false;

  constructor(
    private readonly text: string,
    private readonly values?: Readonly<Record<string, string>>,
  ) {}

  run(): { ast: ScenarioAst; raw: RawDiagnostic[] } {
    const pre = takeParams(lexLines(this.text, (d) => this.r.add(d)), (d) => this.r.add(d), this.values);
    for (const line of pre.lines) {
      this.line(line);
      this.seenStatement = true;
    }
    this.closeSection();
    if (!this.engine && pre.engine) this.paramEngine(pre.engine);
    else if (this.engine && pre.engine && !this.text.slice(this.engine.span.from, this.engine.span.to).includes('$')) {
      const decl = pre.params.find((p) => p.name.text === 'engine')!;
      this.r.warn('param-engine-ignored', decl.name.span, `parameter 'engine' is ignored: the line 'engine ${this.engine.text}' fixes the engine (write 'engine $engine', or remove that line)`);
    }
    const ast: ScenarioAst = {
      engine: this.engine, config: this.config, servers: this.servers, script: this.script,
      ...(pre.params.length > 0 ? { params: pre.params } : {}), ...(pre.seed ? { seed: pre.seed } : {}),
    };
    // A word naming an unknown parameter has one error, not also the echoes of its unsubstituted text.
    const echo = (d: RawDiagnostic) => d.code !== 'unknown-param' && pre.badWords.some((b) => d.span.from < b.to && b.from < d.span.to);
    return { ast, raw: pre.badWords.length > 0 ? this.r.list.filter((d) => !echo(d)) : this.r.list };
  }

  /** A parameter named `engine` stands for the missing engine line. */
  private paramEngine(w: Word): void {
    this.engine = w;
    if (!(ENGINE_NAMES as readonly string[]).includes(w.text)) {
      const known = list(ENGINE_NAMES.map((e) => e));
      this.r.error('unknown-engine', w.span, `unknown engine '${w.text}' (parameter engine); expected one of ${known}`, known, suggest(w.text, ENGINE_NAMES));
    }
  }

  private line(line: Line): void {
    const ws = line.words;
    const head = ws[0]!.text;
    if (head === 'engine') return this.engineLine(ws);
    if (SECTION_WORDS.has(head)) {
      this.closeSection();
      return this.openSection(ws);
    }
    if (IGNORED_SECTION_WORDS.has(head)) {
      this.closeSection();
      this.r.warn('ignored-section', ws[0]!.span, `section '${head}' is ignored by the simulation (with everything in it)`);
      this.mode = 'skip';
      return;
    }
    switch (this.mode) {
      case 'config':
        return this.directive(line);
      case 'servers':
        return this.serversLine(ws);
      case 'script':
        return this.scriptLine(ws);
      case 'skip':
        return;
      case 'none': {
        const s = suggest(head, [...SECTION_WORDS, 'engine']);
        const expected = 'a section header: global, defaults, backend NAME, listen NAME, frontend NAME, servers or script';
        if (s) this.r.error('unknown-section', ws[0]!.span, `unknown section '${head}'`, expected, s);
        else this.r.error('outside-section', ws[0]!.span, `'${head}' is outside any section; expected ${expected} before it`, expected);
        // The lines that follow belong to the broken header: one error is enough.
        this.mode = 'skip';
      }
    }
  }

  // ---- engine and sections -------------------------------------------------------------------

  private engineLine(ws: readonly Word[]): void {
    const known = list(ENGINE_NAMES.map((e) => e));
    if (this.seenStatement) {
      this.r.error('engine-not-first', spanOfWords(ws), '`engine` must be the first statement of the scenario; move this line to the top', 'the engine line before everything else');
      return;
    }
    if (ws.length < 2) {
      this.r.error('missing-argument', ws[0]!.span, `missing engine name after 'engine'; expected ${known}`, known);
      return;
    }
    const name = ws[1]!;
    this.engine = name;
    if (!(ENGINE_NAMES as readonly string[]).includes(name.text)) {
      this.r.error('unknown-engine', name.span, `unknown engine '${name.text}'; expected one of ${known}`, known, suggest(name.text, ENGINE_NAMES));
    }
    if (ws.length > 2) extra(this.r, ws.slice(2), ws.slice(0, 2));
  }

  private openSection(ws: readonly Word[]): void {
    const head = ws[0]!;
    const kind = head.text;
    if (kind === 'servers' || kind === 'script') {
      this.mode = kind;
      if (ws.length > 1) extra(this.r, ws.slice(1), ws.slice(0, 1));
      return;
    }
    const k = kind as ConfigSectionKind;
    const b: SectionBuilder = { kind: k, name: null, directives: [], from: head.span.from, to: head.span.to, drop: false };
    let i = 1;
    if (k === 'global') {
      // no name
    } else if (k === 'defaults') {
      if (ws[1] && ws[1].text !== 'from') b.name = ws[i++]!;
    } else if (!ws[1] || ws[1].text === 'from') {
      this.r.error('missing-name', head.span, `missing ${k} name; expected a name, e.g. \`${k} app\``, `a ${k} name`);
      b.drop = true;
    } else b.name = ws[i++]!;
    if (b.name) b.to = b.name.span.to;
    if (k !== 'global' && ws[i]?.text === 'from') {
      // haproxy 2.5+ named defaults: parsed, but the last `defaults` section applies.
      const end = ws[i + 1] ?? ws[i]!;
      this.r.warn('ignored-keyword', cover(ws[i]!, end), `'from' (named defaults) is ignored by the simulation; the last defaults section above applies`);
      i += 2;
    }
    if (i < ws.length) {
      const rest = ws.slice(i);
      if (k === 'listen' || k === 'frontend') {
        this.r.warn('ignored-keyword', spanOfWords(rest), `the address on the ${k} line is ignored by the simulation`);
      } else if (k === 'defaults') {
        // HAProxy 2.6 says nothing and goes on; 1.9 refuses it (acceptance.ts).
        this.r.warn('ignored-keyword', spanOfWords(rest), `'${rest.map((w) => w.text).join(' ')}' after the defaults name is ignored by the simulation`);
      } else extra(this.r, rest, ws.slice(0, i));
    }
    this.section = b;
    this.mode = 'config';
  }

  private closeSection(): void {
    const b = this.section;
    if (b && !b.drop) this.config.push({ kind: b.kind, name: b.name, directives: b.directives, span: { from: b.from, to: b.to } });
    this.section = null;
    this.closeBlocksAtEnd();
  }

  // ---- configuration directives --------------------------------------------------------------

  private directive(line: Line): void {
    const b = this.section!;
    const ws = line.words;
    b.directives.push({ words: ws, span: line.span });
    b.to = line.span.to;
    this.checkDirective(b.kind, ws);
  }

  private checkDirective(sec: ConfigSectionKind, ws: readonly Word[]): void {
    const r = this.r;
    const kw = ws[0]!.text;
    const ctx = sec === 'global' ? 'global' : 'proxy';
    const other = ctx === 'global' ? 'proxy' : 'global';
    if ((kw === 'no' || kw === 'default') && ws.length > 1 && ctx === 'proxy') {
      // `no option X` / `default option X`: real forms; negation is not modelled.
      r.warn('ignored-keyword', spanOfWords(ws), `'${kw} ${ws[1]!.text}' is ignored by the simulation`);
      return;
    }
    const info = keywordInfo(ctx, kw);
    if (info?.modelled) return ctx === 'global' ? this.globalDirective(ws) : this.proxyDirective(sec, ws);
    if (info) {
      // Routing and answering rules are read by compile (core/scenario/routing/).
      if (ctx === 'proxy' && isModelledRoutingLine(ws)) return;
      r.warn('ignored-keyword', spanOfWords(ws), `'${kw}' is ignored by the simulation`);
      return;
    }
    const elsewhere = keywordInfo(other, kw);
    if (elsewhere?.modelled) {
      const where = ctx === 'global' ? 'a defaults, backend, listen or frontend section' : 'the global section';
      r.error('misplaced-keyword', ws[0]!.span, `'${kw}' is not allowed in ${sec === 'global' ? 'the global section' : `a ${sec} section`}; expected it in ${where}`, where);
      return;
    }
    if (elsewhere) {
      r.warn('ignored-keyword', spanOfWords(ws), `'${kw}' (a ${other === 'global' ? 'global' : 'proxy'} keyword) is ignored by the simulation`);
      return;
    }
    const modelled = namesIn(ctx, true);
    if (inIgnoredFamily(ctx, kw) && !suggest(kw, modelled)) {
      r.warn('ignored-keyword', spanOfWords(ws), `'${kw}' is ignored by the simulation`);
      return;
    }
    const candidates = [...modelled, ...namesIn(ctx), ...namesIn(other), ...SECTION_WORDS];
    const expected = `a ${ctx === 'global' ? 'global' : sec} keyword such as ${list(modelled.slice(0, 6))}`;
    r.error('unknown-keyword', ws[0]!.span, `unknown keyword '${kw}'`, expected, suggest(kw, candidates));
  }

  private globalDirective(ws: readonly Word[]): void {
    // tune.h2.max-concurrent-streams N: the only modelled global keyword.
    if (!arity(this.r, ws, 2, 'a number of streams such as 100')) return;
    const n = parseCount(ws[1]!.text);
    if (n === null || n < 1 || n > MAX_H2_STREAMS) {
      this.r.error(n === null ? 'expected-number' : 'out-of-range', ws[1]!.span, `invalid stream limit '${ws[1]!.text}'; expected a whole number from 1 to ${MAX_H2_STREAMS}`, `a whole number from 1 to ${MAX_H2_STREAMS}`);
    }
  }

  private proxyDirective(sec: ConfigSectionKind, ws: readonly Word[]): void {
    const r = this.r;
    const kw = ws[0]!;
    const ignoredIn = (what: string) =>
      r.warn('ignored-in-section', spanOfWords(ws), `'${what}' has no effect in a ${sec} section (HAProxy ignores it there)`);
    switch (kw.text) {
      case 'mode': {
        if (!arity(r, ws, 2, 'http or tcp')) return;
        const v = ws[1]!.text;
        if (v === 'tcp' || v === 'health') r.warn('not-modelled', ws[1]!.span, `mode ${v} is not simulated: the simulation models HTTP only (mode http)`);
        else if (v !== 'http') r.error('invalid-value', ws[1]!.span, `unknown mode '${v}'; expected http or tcp`, 'http or tcp', suggest(v, ['http', 'tcp']));
        return;
      }
      case 'http-reuse': {
        const modes = list([...REUSE_MODES]);
        if (!arity(r, ws, 2, modes)) return;
        const v = ws[1]!.text;
        if (!(REUSE_MODES as readonly string[]).includes(v)) r.error('invalid-value', ws[1]!.span, `unknown http-reuse mode '${v}'; expected ${modes}`, modes, suggest(v, REUSE_MODES));
        else if (sec === 'frontend') ignoredIn('http-reuse');
        return;
      }
      case 'balance': {
        const algos = list([...BALANCE_MODELLED]);
        if (ws.length < 2) return void arity(r, ws, 2, algos);
        const v = ws[1]!.text;
        const base = v.replace(/\(.*$/, '');
        if ((BALANCE_MODELLED as readonly string[]).includes(v)) {
          if (ws.length > 2) extra(r, ws.slice(2), ws.slice(0, 2));
          else if (sec === 'frontend') ignoredIn('balance');
        } else if ((BALANCE_IGNORED as readonly string[]).includes(base)) {
          r.warn('not-modelled', spanOfWords(ws.slice(1)), `balance ${base} is not modelled; the simulation uses roundrobin`);
        } else r.error('invalid-value', ws[1]!.span, `unknown balance algorithm '${v}'; expected ${algos}`, algos, suggest(v, [...BALANCE_MODELLED, ...BALANCE_IGNORED]));
        return;
      }
      case 'option': {
        const opts = 'an option such as http-keep-alive, http-server-close, httpclose or prefer-last-server';
        if (ws.length < 2) return void arity(r, ws, 2, opts);
        const name = ws[1]!.text;
        const info = keywordInfo('option', name);
        if (!info) return r.error('unknown-option', ws[1]!.span, `unknown option '${name}'`, opts, suggest(name, namesIn('option')));
        if (!info.modelled) return r.warn('ignored-keyword', spanOfWords(ws), `'option ${name}' is ignored by the simulation`);
        if (ws.length > 2) return extra(r, ws.slice(2), ws.slice(0, 2));
        if (sec === 'frontend' && (name === 'prefer-last-server' || name === 'transparent')) ignoredIn(`option ${name}`);
        return;
      }
      case 'timeout': {
        const names = 'connect, server, client, http-keep-alive or http-request';
        if (ws.length < 2) return void arity(r, ws, 3, `a timeout name (${names})`);
        const name = ws[1]!.text;
        const info = keywordInfo('timeout', name);
        if (!info) return r.error('unknown-timeout', ws[1]!.span, `unknown timeout '${name}'; expected ${names}`, names, suggest(name, namesIn('timeout')));
        if (!info.modelled) return r.warn('ignored-keyword', spanOfWords(ws), `'timeout ${name}' is ignored by the simulation`);
        if (!arity(r, ws, 3, DURATION_EXPECTED)) return;
        this.duration(ws[2]!, `timeout ${name}`, true);
        if (sec === 'frontend' && (name === 'connect' || name === 'server')) ignoredIn(`timeout ${name}`);
        if (sec === 'backend' && name === 'client') ignoredIn('timeout client');
        return;
      }
      case 'server':
        if (sec !== 'backend' && sec !== 'listen') {
          r.error('misplaced-keyword', kw.span, `'server' is not allowed in a ${sec} section; expected it in a backend or listen section`, 'a backend or listen section');
          return;
        }
        return this.serverDirective(ws);
      case 'default-server':
        // HAProxy warns and ignores it outside backend capability (a frontend).
        if (sec === 'frontend') return ignoredIn('default-server');
        return this.serverOptions(ws, 1, true);
      case 'source': {
        if (ws.length < 2) return void arity(r, ws, 2, 'a source address such as 0.0.0.0');
        const used = this.source(ws, 0);
        if (used < ws.length) extra(r, ws.slice(used), ws.slice(0, used));
        else if (sec === 'frontend') ignoredIn('source');
        return;
      }
      case 'dispatch':
        if (sec !== 'backend' && sec !== 'listen') return r.error('misplaced-keyword', kw.span, `'dispatch' is not allowed in a ${sec} section; expected it in a backend or listen section`, 'a backend or listen section');
        arity(r, ws, 2, 'an address such as 192.0.2.20:80');
        return;
      case 'default_backend':
        if (sec === 'backend') return r.error('misplaced-keyword', kw.span, `'default_backend' is not allowed in a backend section; expected it in a frontend, listen or defaults section`, 'a frontend, listen or defaults section');
        arity(r, ws, 2, 'a backend name');
        return;
      case 'use_backend':
        if (sec === 'backend' || sec === 'defaults') return r.error('misplaced-keyword', kw.span, `'use_backend' is not allowed in a ${sec} section; expected it in a frontend or listen section`, 'a frontend or listen section');
        return this.useBackend(ws);
      case 'max-session-srv-conns': {
        // A frontend setting (PR_CAP_FE); whether the engine models it is said by compile.
        if (!arity(r, ws, 2, 'a number of connections such as 5')) return;
        if (r.value(countValue(ws[1]!.text, 'max-session-srv-conns', false), ws[1]!.span) && sec === 'backend') ignoredIn('max-session-srv-conns');
        return;
      }
      case 'acl': {
        if (ws.length < 3) return void arity(r, ws, 3, ws.length < 2 ? 'an ACL name' : 'a criterion such as path_beg');
        // The criterion, flags and patterns are read by compile (core/scenario/routing/acl.ts).
        return;
      }
    }
  }

  /** `source ADDR [usesrc X] [interface NAME]` starting at ws[at]; returns the index after it. */
  private source(ws: readonly Word[], at: number): number {
    const r = this.r;
    if (!ws[at + 1]) {
      r.error('missing-argument', ws[at]!.span, `missing address after 'source'; expected a source address such as 0.0.0.0`, 'a source address such as 0.0.0.0');
      return at + 1;
    }
    let i = at + 2;
    while (i < ws.length && (ws[i]!.text === 'usesrc' || ws[i]!.text === 'interface')) {
      const key = ws[i]!;
      const v = ws[i + 1];
      const expected = key.text === 'usesrc' ? 'client, clientip, hdr_ip(HEADER) or an address' : 'an interface name';
      if (!v) {
        r.error('missing-argument', key.span, `missing value after '${key.text}'; expected ${expected}`, expected);
        return i + 1;
      }
      if (key.text === 'usesrc') {
        const t = v.text;
        const ok = t === 'client' || t === 'clientip' || /^hdr_ip\(.+\)$/.test(t) || /[0-9:.[]/.test(t);
        if (!ok) r.error('invalid-value', v.span, `unknown usesrc value '${t}'; expected ${expected}`, expected, suggest(t, ['client', 'clientip']));
      } else r.warn('ignored-keyword', cover(key, v), `'interface' is ignored by the simulation`);
      i += 2;
    }
    return i;
  }

  private serverDirective(ws: readonly Word[]): void {
    const r = this.r;
    if (ws.length < 2) return void arity(r, ws, 3, 'a server name and address, e.g. `server s1 192.0.2.10:80`');
    if (ws.length < 3) return void arity(r, ws, 3, 'an address such as 192.0.2.10:80');
    this.serverOptions(ws, 3, false);
  }

  /**
   * The options of a `server` line (from ws[3]) or of a `default-server` line (from ws[1]). On a
   * default-server line only the modern options are read by the simulation; the others are ignored.
   */
  private serverOptions(ws: readonly Word[], start: number, defaults: boolean): void {
    const r = this.r;
    let ignored: Word[] = [];
    let ignoredEnd: Word | null = null;
    // One warning per run of ignored options, so that it does not cover a modern option (which
    // compile may warn about on its own).
    const flush = () => {
      if (ignored.length === 0) return;
      const names = ignored.map((w) => w.text);
      r.warn('ignored-server-option', cover(ignored[0]!, ignoredEnd!), `server option${names.length > 1 ? 's' : ''} ${names.map((n) => `'${n}'`).join(', ')} ${names.length > 1 ? 'are' : 'is'} ignored by the simulation`);
      ignored = [];
    };
    let i = start;
    while (i < ws.length) {
      const o = ws[i]!;
      const t = o.text;
      if (t === 'send-proxy' || t === 'send-proxy-v2' || t === 'disabled') {
        if (defaults) {
          ignored.push(o);
          ignoredEnd = o;
        }
        i++;
        continue;
      }
      if (t === 'sni') {
        if (!ws[i + 1]) return r.error('missing-argument', o.span, `missing expression after 'sni'; expected an SNI expression such as str(example.com)`, 'an SNI expression such as str(example.com)');
        if (defaults) {
          ignored.push(o);
          ignoredEnd = ws[i + 1]!;
        }
        i += 2;
        continue;
      }
      if (t === 'source') {
        const end = this.source(ws, i);
        if (defaults) {
          ignored.push(o);
          ignoredEnd = ws[Math.min(end, ws.length) - 1]!;
        }
        i = end;
        continue;
      }
      if (isModernServerOption(t)) {
        // Checked here for every engine; what seed and parent make of them is said by compile.
        flush();
        const v = ws[i + 1];
        if (!v) return r.error('missing-argument', o.span, `missing value after server option '${t}'; expected ${keywordInfo('server-option', t)!.syntax}`, keywordInfo('server-option', t)!.syntax);
        r.value(serverOptionValue(t, v.text), v.span);
        i += 2;
        continue;
      }
      const info = keywordInfo('server-option', t);
      const noFlag = t.startsWith('no-') && keywordInfo('server-option', t.slice(3)) !== undefined;
      const args = info ? (info.args ?? 0) : noFlag ? 0 : serverOptionFamilyArgs(t);
      if (args === undefined) {
        const known = namesIn('server-option');
        r.error('unknown-server-option', o.span, `unknown server option '${t}'`, 'a server option such as send-proxy, sni, source, disabled, check or weight', suggest(t, known));
        i++;
        continue;
      }
      if (args > 0 && !ws[i + args]) {
        r.error('missing-argument', o.span, `missing value after server option '${t}'; expected a value`, 'a value');
        break;
      }
      ignored.push(o);
      ignoredEnd = ws[i + args]!;
      i += 1 + args;
    }
    flush();
  }

  private useBackend(ws: readonly Word[]): void {
    const r = this.r;
    if (ws.length < 2) return void arity(r, ws, 2, 'a backend name');
    if (ws.length === 2) return;
    const k = ws[2]!;
    if (k.text !== 'if' && k.text !== 'unless') {
      return r.error('expected-condition', k.span, `unexpected '${k.text}' after the backend name; expected 'if' or 'unless' and a condition such as { path_beg /api }`, "'if' or 'unless'");
    }
    if (ws.length === 3) return r.error('missing-argument', k.span, `missing condition after '${k.text}'; expected a condition such as { path_beg /api }`, 'a condition such as { path_beg /api }');
    let depth = 0;
    let open: Word | null = null;
    for (const w of ws.slice(3)) {
      if (w.text === '{') {
        depth++;
        open = w;
      } else if (w.text === '}') {
        depth--;
        if (depth < 0) return r.error('unbalanced-brace', w.span, `unexpected '}' in the condition; expected a matching '{' before it`, "a '{' before it");
      }
    }
    if (depth > 0 && open) r.error('unbalanced-brace', open.span, `'{' is never closed; expected '}' at the end of the condition`, "'}'");
  }

  /** A duration; in haproxy.cfg (`config`), also HAProxy's reading of `15min` (with a warning). */
  private duration(w: Word, what: string, config = false): number | null {
    if (config && w.text.startsWith('"')) {
      const inner = unquote(w.text);
      const env = environmentValue(inner);
      if (env) {
        const fallback = env.fallback !== null ? parseDuration(env.fallback) ?? trailingDuration(env.fallback)?.us ?? null : null;
        this.r.warn('environment-variable', w.span, fallback !== null
          ? `'${w.text}' is read from the environment variable ${env.name} when HAProxy starts; the environment is not modelled, the simulation uses the default ${env.fallback}`
          : `'${w.text}' is read from the environment variable ${env.name} when HAProxy starts; the environment is not modelled, this value is ignored by the simulation`);
        return fallback;
      }
      if (inner !== w.text) return this.duration({ text: inner, span: w.span }, what, config);
    }
    const us = parseDuration(w.text);
    const trailing = config && us === null ? trailingDuration(w.text) : null;
    if (trailing) {
      this.r.warn('duration-trailing', w.span, trailingMessage(w.text, trailing));
      return trailing.us;
    }
    if (us === null) this.r.error('expected-duration', w.span, `invalid duration '${w.text}' for ${what}; expected ${DURATION_EXPECTED}`, DURATION_EXPECTED);
    return us;
  }

  // ---- servers section -----------------------------------------------------------------------

  private serversLine(ws: readonly Word[]): void {
    const r = this.r;
    const server = ws[0]!;
    const props = list([...SERVER_PROPERTIES]);
    if (ws.length < 2) {
      const s = suggest(server.text, SECTION_WORDS);
      if (s) return r.error('unknown-section', server.span, `unknown section '${server.text}'`, 'a section header', s);
      return r.error('missing-argument', server.span, `missing property after server '${server.text}'; expected ${props}`, props);
    }
    const p = ws[1]!;
    const prop = p.text;
    if (!(SERVER_PROPERTIES as readonly string[]).includes(prop)) {
      return r.error('unknown-property', p.span, `unknown server property '${prop}'; expected ${props}`, props, suggest(prop, SERVER_PROPERTIES));
    }
    let behaviour: ServerBehaviour | null = null;
    switch (prop) {
      case 'response-time':
      case 'connect-time':
      case 'idle-timeout': {
        if (prop === 'response-time' && isResponseDist(ws.slice(2))) {
          behaviour = parseResponseDist(ws.slice(2), r);
          break;
        }
        if (!arity(r, ws, 3, DURATION_EXPECTED)) return;
        const us = this.duration(ws[2]!, prop);
        if (us !== null) behaviour = { prop, us };
        break;
      }
      case 'close-after':
      case 'fin-after': {
        if (!arity(r, ws, 3, 'a number of responses such as 3')) return;
        const n = parseCount(ws[2]!.text);
        if (n === null || n > MAX_CLOSE_AFTER) {
          r.error(n === null ? 'expected-number' : 'out-of-range', ws[2]!.span, `invalid count '${ws[2]!.text}' for ${prop}; expected a whole number of responses such as 3 (0 = never)`, 'a whole number such as 3');
        } else behaviour = { prop, count: n };
        break;
      }
      case 'auth': {
        if (!arity(r, ws, 3, 'ntlm or negotiate')) return;
        const v = ws[2]!.text;
        if (v === 'ntlm' || v === 'negotiate') behaviour = { prop, scheme: v };
        else r.error('invalid-value', ws[2]!.span, `unknown auth scheme '${v}'; expected ntlm or negotiate`, 'ntlm or negotiate', suggest(v, ['ntlm', 'negotiate']));
        break;
      }
      case 'refuse':
        if (arity(r, ws, 2, '')) behaviour = { prop: 'refuse' };
        break;
      case 'max-streams': {
        const expected = `a whole number from 1 to ${MAX_H2_STREAMS}`;
        if (!arity(r, ws, 3, 'a number of streams such as 100')) return;
        const n = parseCount(ws[2]!.text);
        if (n === null || n < 1 || n > MAX_H2_STREAMS) {
          r.error(n === null ? 'expected-number' : 'out-of-range', ws[2]!.span, `invalid stream limit '${ws[2]!.text}' for max-streams; expected ${expected}`, expected);
        } else behaviour = { prop, count: n };
        break;
      }
    }
    if (behaviour) this.servers.push({ server, behaviour, span: spanOfWords(ws) });
  }

  // ---- script section ------------------------------------------------------------------------

  private emit(st: Statement): void {
    const top = this.blocks[this.blocks.length - 1];
    if (top) {
      top.body.push(st);
      top.end = st.span.to;
    } else this.script.push(st);
  }

  private scriptLine(ws: readonly Word[]): void {
    let i = 0;
    // `{` ends a repeat header and `}` closes a block anywhere on the line, so both the
    // canonical multi-line form and `repeat 3 { A GET / }` parse.
    while (i < ws.length) {
      const w = ws[i]!;
      if (w.text === '}') {
        this.closeBlock(w);
        i++;
        continue;
      }
      let end = i;
      while (end < ws.length && ws[end]!.text !== '}') end++;
      if (w.text === 'repeat') i = this.repeatHeader(ws, i, end);
      else {
        this.statement(ws.slice(i, end));
        i = end;
      }
    }
  }

  private repeatHeader(ws: readonly Word[], i: number, end: number): number {
    const r = this.r;
    const rep = ws[i]!;
    let count: number | null = null;
    const countWord = ws[i + 1];
    const expected = `a repeat count from 0 to ${MAX_REPEAT}`;
    if (!countWord || i + 1 >= end || countWord.text === '{') {
      r.error('missing-argument', rep.span, `missing count after 'repeat'; expected ${expected}, e.g. \`repeat 3 {\``, expected);
    } else {
      const n = parseCount(countWord.text);
      if (n === null || n > MAX_REPEAT) r.error(n === null ? 'expected-number' : 'out-of-range', countWord.span, `invalid repeat count '${countWord.text}'; expected ${expected}`, expected);
      else count = n;
    }
    let brace = -1;
    for (let j = i + 1; j < end; j++) if (ws[j]!.text === '{') {
      brace = j;
      break;
    }
    const after = countWord && countWord.text !== '{' ? i + 2 : i + 1;
    if (brace < 0) {
      r.error('missing-brace', (countWord ?? rep).span, `missing '{' after 'repeat${countWord ? ` ${countWord.text}` : ''}'; expected '{' at the end of the repeat line`, "'{'");
    } else if (brace > after) {
      extra(r, ws.slice(after, brace), ws.slice(i, after));
    }
    // The block opens even after an error, so that its `}` still matches.
    this.blocks.push({ repeat: rep, count, body: [], end: (brace >= 0 ? ws[brace]! : ws[end - 1]!).span.to, noBrace: brace < 0 });
    return brace < 0 ? end : brace + 1;
  }

  private closeBlock(brace: Word): void {
    const b = this.blocks.pop();
    if (!b) {
      this.r.error('unexpected-brace', brace.span, `unexpected '}'; expected a statement (no repeat block is open)`, 'a statement');
      return;
    }
    this.finishBlock(b, brace.span.to);
  }

  private finishBlock(b: Block, to: number): void {
    // A repeat with a bad header (already reported) keeps its body, so that the whole-scenario
    // checks still see those statements.
    if (b.count === null || b.noBrace) for (const st of b.body) this.emit(st);
    else this.emit({ kind: 'repeat', count: b.count, body: b.body, span: { from: b.repeat.span.from, to } });
  }

  private closeBlocksAtEnd(): void {
    while (this.blocks.length > 0) {
      const b = this.blocks.pop()!;
      if (!b.noBrace) this.r.error('unclosed-block', b.repeat.span, `this repeat block is never closed; expected '}' on its own line after its statements`, "'}'");
      this.finishBlock(b, b.end);
    }
  }

  private statement(ws: readonly Word[]): void {
    if (ws.length === 0) return;
    const r = this.r;
    const head = ws[0]!;
    const span = spanOfWords(ws);
    switch (head.text) {
      case 'open': {
        if (ws.length > 3) return this.openWithOptions(ws);
        if (!arity(r, ws, 3, ws.length < 2 ? 'a client name such as A' : 'h1 or h2')) return;
        const ref = this.clientRef(ws[1]!);
        if (!ref) return;
        if (ref.kind === 'all') return r.error('expected-client', ws[1]!.span, `cannot open '${ws[1]!.text}'; expected one client or a range such as web[1..50]`, 'a client name or a range such as web[1..50]');
        const proto = ws[2]!.text;
        if (proto !== 'h1' && proto !== 'h2') return r.error('expected-protocol', ws[2]!.span, `unknown protocol '${proto}'; expected h1 or h2`, 'h1 or h2', suggest(proto, ['h1', 'h2']));
        return this.emit({ kind: 'open', clients: ref, proto, span });
      }
      case 'close': {
        if (!arity(r, ws, 2, 'a client name such as A or a group such as web[*]')) return;
        const ref = this.clientRef(ws[1]!);
        if (ref) this.emit({ kind: 'close', clients: ref, span });
        return;
      }
      case 'wait': {
        if (!arity(r, ws, 2, DURATION_EXPECTED)) return;
        const us = this.duration(ws[1]!, 'wait');
        if (us !== null) this.emit({ kind: 'wait', us, span });
        return;
      }
      case 'await':
        if (arity(r, ws, 1, '')) this.emit({ kind: 'await', span });
        return;
      case 'arrive': {
        if (!isArrive(ws)) break;
        const st = parseArrive(ws, r, (words) => this.request(words, r));
        if (st) this.emit(st);
        return;
      }
      case '{':
        return r.error('unexpected-brace', head.span, `unexpected '{'; expected it at the end of a repeat line (\`repeat 3 {\`)`, 'a statement');
    }
    const statements = 'a statement: open, close, wait, await, repeat, CLIENT METHOD PATH or SERVER close idle|all';
    const kwSuggestion = suggest(head.text, [...SCRIPT_KEYWORDS, ...SECTION_WORDS]);
    const second = ws[1];
    if (second?.text === 'close') return this.serverClose(ws);
    if (second && METHOD_RE.test(second.text)) {
      // A misspelt keyword (`opne A h2`) looks like a request with client `opne`: prefer the
      // keyword error when the line does not make a valid request.
      const local = new Report();
      const st = this.request(ws, local);
      if (st) return this.emit(st);
      if (kwSuggestion) return r.error('unknown-statement', head.span, `unknown statement '${head.text}'`, statements, kwSuggestion);
      for (const d of local.list) r.add(d);
      return;
    }
    if (kwSuggestion) return r.error('unknown-statement', head.span, `unknown statement '${head.text}'`, statements, kwSuggestion);
    if (!second) return r.error('incomplete-statement', head.span, `incomplete statement '${head.text}'; expected ${statements}`, statements);
    const upper = second.text.toUpperCase();
    if (/^[A-Za-z][A-Za-z0-9_-]*$/.test(second.text) && ONE_RE.test(head.text) && ws[2] && /^[/*]/.test(ws[2].text)) {
      return r.error('expected-method', second.span, `invalid method '${second.text}'; expected an HTTP method in capitals such as GET`, 'an HTTP method in capitals such as GET', upper);
    }
    r.error('unknown-statement', span, `cannot read '${ws.map((w) => w.text).join(' ')}'; expected ${statements}`, statements);
  }

  /** `open CLIENT h1|h2 [from ADDR] [tls [sni NAME]] [to :PORT|FRONTEND]`: the connection options a route may read. */
  private openWithOptions(ws: readonly Word[]): void {
    const r = this.r;
    const ref = this.clientRef(ws[1]!);
    if (!ref) return;
    if (ref.kind === 'all') return r.error('expected-client', ws[1]!.span, `cannot open '${ws[1]!.text}'; expected one client or a range such as web[1..50]`, 'a client name or a range such as web[1..50]');
    const proto = ws[2]!.text;
    if (proto !== 'h1' && proto !== 'h2') return r.error('expected-protocol', ws[2]!.span, `unknown protocol '${proto}'; expected h1 or h2`, 'h1 or h2', suggest(proto, ['h1', 'h2']));
    let from: Word | null = null;
    let tls: { sni: Word | null } | null = null;
    let to: Word | null = null;
    const expected = "'from ADDRESS', 'tls [sni NAME]' or 'to :PORT|FRONTEND'";
    for (let i = 3; i < ws.length; i++) {
      const w = ws[i]!;
      if (w.text === 'from' && !from) {
        const a = ws[i + 1];
        if (!a || !/^(\d{1,3}(\.\d{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)$/.test(a.text)) {
          return r.error('invalid-value', (a ?? w).span, a ? `invalid source address '${a.text}'; expected an IPv4 or IPv6 address such as 203.0.113.7` : `missing address after 'from'; expected an address such as 203.0.113.7`, 'an address such as 203.0.113.7');
        }
        from = a;
        i++;
      } else if (w.text === 'to' && !to) {
        // The frontend the client connects to (core/routing/entry.ts); checked against the binds by compile.
        const a = ws[i + 1];
        if (!a) return r.error('missing-argument', w.span, `missing port or frontend after 'to'; expected :PORT (a bind's port, e.g. :443) or a frontend name`, ':PORT or a frontend name');
        to = a;
        i++;
      } else if (w.text === 'tls' && !tls) {
        tls = { sni: null };
        if (ws[i + 1]?.text === 'sni') {
          const n = ws[i + 2];
          if (!n) return r.error('missing-argument', ws[i + 1]!.span, `missing name after 'sni'; expected a server name such as example.com`, 'a name such as example.com');
          tls = { sni: n };
          i += 2;
        }
      } else {
        return r.error('unknown-option', w.span, `unexpected '${w.text}' after 'open ${ws[1]!.text} ${proto}'; expected ${expected}`, expected, suggest(w.text, ['from', 'tls', 'sni', 'to']));
      }
    }
    this.emit({ kind: 'open', clients: ref, proto, span: spanOfWords(ws), ...(from ? { from } : {}), ...(tls ? { tls } : {}), ...(to ? { to } : {}) });
  }

  private serverClose(ws: readonly Word[]): void {
    const r = this.r;
    if (ws.length === 2) {
      return r.error('missing-argument', ws[1]!.span, `missing idle or all after '${ws[0]!.text} close' (a server closing its connections); expected idle or all — to close a client write \`close ${ws[0]!.text}\``, 'idle or all');
    }
    if (!arity(r, ws, 3, 'idle or all')) return;
    const what = ws[2]!.text;
    if (what !== 'idle' && what !== 'all') return r.error('invalid-value', ws[2]!.span, `unknown '${what}' after 'close'; expected idle or all`, 'idle or all', suggest(what, ['idle', 'all']));
    this.emit({ kind: 'server-close', server: ws[0]!, what, span: spanOfWords(ws) });
  }

  private clientRef(w: Word, r: Report = this.r): ClientRef | null {
    const t = w.text;
    const expected = 'a client name such as A, a range such as web[1..50] or a group such as web[*]';
    if (ONE_RE.test(t)) {
      if (RESERVED.has(t)) {
        r.error('reserved-name', w.span, `'${t}' is a keyword and cannot name a client; expected another name`, 'a client name that is not a keyword');
        return null;
      }
      return { kind: 'one', name: t, span: w.span };
    }
    const all = ALL_RE.exec(t);
    if (all) return { kind: 'all', prefix: all[1]!, span: w.span };
    const m = RANGE_RE.exec(t);
    if (m) {
      const from = Number(m[2]);
      const to = Number(m[3]);
      if (from > to) {
        r.error('out-of-range', w.span, `empty range '${t}': ${from} is above ${to}; expected FIRST..LAST with FIRST ≤ LAST`, 'FIRST..LAST with FIRST ≤ LAST');
        return null;
      }
      if (to - from + 1 > MAX_RANGE_SIZE) {
        r.error('out-of-range', w.span, `range '${t}' has ${to - from + 1} clients; expected at most ${MAX_RANGE_SIZE}`, `at most ${MAX_RANGE_SIZE} clients`);
        return null;
      }
      return { kind: 'range', prefix: m[1]!, from, to, span: w.span };
    }
    r.error('expected-client', w.span, `invalid client '${t}'; expected ${expected}`, expected);
    return null;
  }

  /** `CLIENT METHOD PATH [-> STATUS [ntlm|negotiate] [close]] [to SERVER] [close] [takes TIME] [&]`. */
  private request(ws: readonly Word[], r: Report): Extract<Statement, { kind: 'request' }> | null {
    const clients = this.clientRef(ws[0]!, r);
    if (!clients) return null;
    const method = ws[1]!.text;
    const pathWord = ws[2];
    const pathExpected = 'a path such as /index.html';
    if (!pathWord) {
      r.error('missing-argument', ws[1]!.span, `missing path after '${ws[0]!.text} ${method}'; expected ${pathExpected}`, pathExpected);
      return null;
    }
    if (!(pathWord.text.startsWith('/') || pathWord.text === '*')) {
      r.error('expected-path', pathWord.span, `invalid path '${pathWord.text}'; expected ${pathExpected} (starting with /)`, pathExpected);
      return null;
    }
    const o = parseRequestOptions(ws, 3, r);
    if (!o) return null;
    const { response, to, close, takesUs, background, host, headers } = o;
    // Older scenarios have neither: the fields stay absent so their syntax trees are unchanged.
    const extra = { ...(host ? { host } : {}), ...(headers.length ? { headers } : {}) };
    return { kind: 'request', clients, method, path: pathWord.text, response, to, close, takesUs, background, span: spanOfWords(ws), ...extra };
  }
}
