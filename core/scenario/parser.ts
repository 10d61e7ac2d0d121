/**
 * Hand-written, line-oriented parser of the scenario language
 * (spec: shared/spec/scenario-language.md). It never throws on user input: every problem becomes
 * a diagnostic with a span, the parser resumes at the next line, and the AST keeps what was valid.
 * Checks that need only the line itself happen here (keywords, argument forms, ranges); checks
 * that need the whole scenario (declared servers, opened clients) are in compile.ts. Pure.
 */
import type { ClientRef, ConfigNode, ConfigSection, ConfigSectionKind, Directive, ScenarioAst, Span, ServerStatement, Statement, Word } from './ast';
import { ENGINE_NAMES } from './ast';
import type { Diagnostic } from './diagnostics';
import { CONFIG_SECTIONS, PLAYGROUND_SECTIONS, SCRIPT_KEYWORDS, SERVER_PROPERTIES, directiveNames, ignoredConsequence, inIgnoredFamily, keywordInfo, namesIn } from './keywords';
import { directiveOf, keywordOf, type DirectiveContext, type DirectiveSpec } from './grammar/directives';
import { arity, cover, extra, list, Report, Silent, spanOfWords } from './grammar/report';
import { SCRIPT_STATEMENT_BY_NAME, SERVER_CLOSE_WHAT, type StatementContext } from './grammar/script-words';
import { readServerOptions } from './grammar/server-line';
import { serverPropSpec } from './grammar/server-props';
import { lexLines, parseCount, type Line } from './lexer';
import { releaseOf, takeConditionals } from './conditions';
import { DURATION_WORDS } from './modern';
import { takeParams } from './params';
import { lineIndex, locate, sortDiagnostics, type RawDiagnostic } from './positions';
import { suggest } from './suggest';
import { parseRequestOptions } from './requestOptions';
import { isModelledRoutingLine, unreadFormMessage } from './routing/lines';

export { withHint } from './grammar/report';
export { MAX_H2_STREAMS } from './grammar/directives';
export { MAX_CLOSE_AFTER } from './grammar/server-props';

export interface ParseResult {
  readonly ast: ScenarioAst;
  readonly diagnostics: Diagnostic[];
}

export const DURATION_EXPECTED = DURATION_WORDS;
export const MAX_RANGE_SIZE = 100_000;
export const MAX_REPEAT = 1_000_000;

/** Syntax of client names and groups: `A`, `web[1..50]`, `web[*]`. */
const ID = '[A-Za-z_][A-Za-z0-9_.-]*';
const ONE_RE = new RegExp(`^${ID}$`);
const RANGE_RE = new RegExp(`^(${ID})\\[(\\d{1,9})\\.\\.(\\d{1,9})\\]$`);
const ALL_RE = new RegExp(`^(${ID})\\[\\*\\]$`);
const METHOD_RE = /^[A-Z][A-Z0-9_-]*$/;

/** Words that start a section; they cannot be used as client names. */
const SECTION_WORDS = new Set<string>([...CONFIG_SECTIONS, ...PLAYGROUND_SECTIONS]);
const IGNORED_SECTION_WORDS = new Set(namesIn('section').filter((n) => keywordInfo('section', n)?.modelled === false));
const RESERVED = new Set<string>([...SECTION_WORDS, ...IGNORED_SECTION_WORDS, ...SCRIPT_KEYWORDS, 'engine', 'userlist']);

/**
 * The text each parsed AST came from, so that compileScenario(ast) can give line/column without
 * the text being passed again. A WeakMap keeps the AST's shape (and deep equality) untouched.
 */
const SOURCES = new WeakMap<ScenarioAst, string>();
export function sourceOf(ast: ScenarioAst): string | undefined {
  return SOURCES.get(ast);
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
  parent: Word | null;
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

type Mode = 'none' | 'config' | 'servers' | 'script' | 'file' | 'userlist' | 'skip';

class Parser {
  private readonly r = new Report();
  private engine: Word | null = null;
  private engineVersion: Word | null = null;
  private readonly config: ConfigSection[] = [];
  private readonly servers: ServerStatement[] = [];
  private readonly script: Statement[] = [];
  private readonly files: { path: Word; lines: { text: string; span: Span }[]; span: Span }[] = [];
  private readonly userlists: { name: Word | null; lines: (readonly Word[])[]; span: Span }[] = [];
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
    for (const line of takeConditionals(pre.lines, this.r, releaseOf(pre.lines))) {
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
      engine: this.engine, ...(this.engineVersion ? { engineVersion: this.engineVersion } : {}), config: this.config, servers: this.servers, script: this.script,
      ...(pre.params.length > 0 ? { params: pre.params } : {}), ...(pre.seed ? { seed: pre.seed } : {}), ...(pre.plot ? { plot: pre.plot } : {}),
      ...(this.files.length > 0 ? { files: this.files } : {}),
      ...(this.userlists.length > 0 ? { userlists: this.userlists } : {}),
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
    // `file PATH`: two words exactly, so a client named `file` (`file GET /x`) keeps its meaning.
    if (head === 'file' && ws.length === 2) {
      this.closeSection();
      return this.openFile(ws);
    }
    if (head === 'userlist') {
      // Read by http_auth() and http_auth_group() (compile.ts checks its lines).
      this.closeSection();
      this.userlists.push({ name: ws[1] ?? null, lines: [], span: spanOfWords(ws) });
      this.mode = 'userlist';
      return;
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
      case 'file': {
        const f = this.files[this.files.length - 1]!;
        f.lines.push({ text: this.text.slice(line.span.from, line.span.to), span: line.span });
        f.span = { from: f.span.from, to: line.span.to };
        return;
      }
      case 'userlist':
        this.userlists[this.userlists.length - 1]!.lines.push(ws);
        return;
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
    // `engine modern 3.0`: the release the modern engine follows (checked by compile).
    const versioned = name.text === 'modern' && ws.length > 2;
    if (versioned) this.engineVersion = ws[2]!;
    const used = versioned ? 3 : 2;
    if (ws.length > used) extra(this.r, ws.slice(used), ws.slice(0, used));
  }

  private openFile(ws: readonly Word[]): void {
    const path = ws[1]!;
    const again = this.files.find((f) => f.path.text === path.text);
    if (again) {
      this.r.error('duplicate-file', path.span, `file ${path.text} is given twice; expected each file once (its second section would be ignored)`, 'a file path not given before');
      this.mode = 'skip';
      return;
    }
    this.files.push({ path, lines: [], span: spanOfWords(ws) });
    this.mode = 'file';
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
    const b: SectionBuilder = { kind: k, name: null, parent: null, directives: [], from: head.span.from, to: head.span.to, drop: false };
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
      // HAProxy 2.4+ named defaults: the section starts from the one named (compile.ts).
      if (ws[i + 1]) b.parent = ws[i + 1]!;
      else this.r.error('missing-name', ws[i]!.span, `'from' needs the name of a defaults section; expected e.g. \`${k} ${b.name?.text ?? ''}${b.name ? ' ' : ''}from mydefaults\``, 'a defaults section name');
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
    if (b && !b.drop) this.config.push({ kind: b.kind, name: b.name, ...(b.parent ? { parent: b.parent } : {}), directives: b.directives, span: { from: b.from, to: b.to } });
    this.section = null;
    this.closeBlocksAtEnd();
  }

  // ---- configuration directives --------------------------------------------------------------

  private directive(line: Line): void {
    const b = this.section!;
    const ws = line.words;
    const node = this.checkDirective(b.kind, ws);
    b.directives.push({ words: ws, span: line.span, ...(node ? { node } : {}) });
    b.to = line.span.to;
  }

  /** Reports what is wrong with a configuration line; returns the typed node of a modelled directive. */
  private checkDirective(sec: ConfigSectionKind, ws: readonly Word[]): ConfigNode | null {
    const r = this.r;
    const kw = ws[0]!.text;
    const ctx = sec === 'global' ? 'global' : 'proxy';
    const other = ctx === 'global' ? 'proxy' : 'global';
    if (kw === 'no' && ws[1]?.text === 'option' && ws[2]?.text === 'abortonclose' && ctx === 'proxy') {
      // `no option abortonclose`: HTTP proxies have the option on by default since 3.3.
      if (ws.length > 3) return extra(r, ws.slice(3), ws.slice(0, 3)), null;
      return { kind: 'option', name: 'abortonclose', negated: true };
    }
    if ((kw === 'no' || kw === 'default') && ws.length > 1 && ctx === 'proxy') {
      // `no option X` / `default option X`: real forms; negation is not modelled.
      r.warn('ignored-keyword', spanOfWords(ws), `'${kw} ${ws[1]!.text}' is ignored by the simulation`);
      return null;
    }
    const spec = directiveOf(ctx, kw);
    if (spec) return this.modelled(spec, sec, ws);
    const info = keywordInfo(ctx, kw);
    if (info) {
      // Routing and answering rules are read by compile (core/scenario/routing/).
      if (ctx === 'proxy' && isModelledRoutingLine(ws)) return null;
      const why = ignoredConsequence(ctx, kw);
      r.warn('ignored-keyword', spanOfWords(ws), (ctx === 'proxy' && unreadFormMessage(ws)) || `'${kw}' is ignored by the simulation${why ? `. ${why}` : ''}`);
      return null;
    }
    const elsewhere = keywordInfo(other, kw);
    if (directiveOf(other, kw)) {
      const where = ctx === 'global' ? 'a defaults, backend, listen or frontend section' : 'the global section';
      r.error('misplaced-keyword', ws[0]!.span, `'${kw}' is not allowed in ${sec === 'global' ? 'the global section' : `a ${sec} section`}; expected it in ${where}`, where);
      return null;
    }
    if (elsewhere) {
      r.warn('ignored-keyword', spanOfWords(ws), `'${kw}' (a ${other === 'global' ? 'global' : 'proxy'} keyword) is ignored by the simulation`);
      return null;
    }
    // The grammar table's directives (not the routed keywords): "did you mean" prefers them.
    const modelled = directiveNames(ctx);
    if (inIgnoredFamily(ctx, kw) && !suggest(kw, modelled)) {
      r.warn('ignored-keyword', spanOfWords(ws), `'${kw}' is ignored by the simulation`);
      return null;
    }
    const candidates = [...modelled, ...namesIn(ctx), ...namesIn(other), ...SECTION_WORDS];
    const expected = `a ${ctx === 'global' ? 'global' : sec} keyword such as ${list(modelled.slice(0, 6))}`;
    r.error('unknown-keyword', ws[0]!.span, `unknown keyword '${kw}'`, expected, suggest(kw, candidates));
    return null;
  }

  /** A modelled directive: its entry in the grammar's table checks it and makes its typed node. */
  private modelled(spec: DirectiveSpec, sec: ConfigSectionKind, ws: readonly Word[]): ConfigNode | null {
    const r = this.r;
    if (spec.allowed && !spec.allowed.includes(sec)) {
      const where = `a ${list([...spec.allowed])} section`;
      r.error('misplaced-keyword', ws[0]!.span, `'${keywordOf(spec)}' is not allowed in a ${sec} section; expected it in ${where}`, where);
      return null;
    }
    const ctx: DirectiveContext = {
      r, sec,
      noEffect: (what, where = spec.noEffectIn ?? []) => {
        if (where.includes(sec)) r.warn('ignored-in-section', spanOfWords(ws), `'${what}' has no effect in a ${sec} section (HAProxy ignores it there)`);
      },
      serverOptions: (words, start, defaults, quiet = false) => readServerOptions(words, start, quiet ? new Silent() : r, defaults),
      known: (context, name) => keywordInfo(context, name),
      names: (context) => namesIn(context),
    };
    return spec.parse(ws, ctx);
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
    const behaviour = serverPropSpec(prop)!.parse(ws, r);
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
    const entry = SCRIPT_STATEMENT_BY_NAME.get(head.text);
    if (entry?.parse) {
      const st = entry.parse(ws, this.statementContext);
      if (st !== undefined) {
        if (st) this.emit(st);
        return;
      }
    }
    if (head.text === '{') return r.error('unexpected-brace', head.span, `unexpected '{'; expected it at the end of a repeat line (\`repeat 3 {\`)`, 'a statement');
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

  private readonly statementContext: StatementContext = {
    r: this.r,
    clientRef: (w, r) => this.clientRef(w, r),
    request: (ws, r) => this.request(ws, r),
  };

  private serverClose(ws: readonly Word[]): void {
    const r = this.r;
    if (ws.length === 2) {
      return r.error('missing-argument', ws[1]!.span, `missing idle or all after '${ws[0]!.text} close' (a server closing its connections); expected idle or all — to close a client write \`close ${ws[0]!.text}\``, 'idle or all');
    }
    if (!arity(r, ws, 3, 'idle or all')) return;
    const what = ws[2]!.text;
    if (what !== 'idle' && what !== 'all') return r.error('invalid-value', ws[2]!.span, `unknown '${what}' after 'close'; expected idle or all`, 'idle or all', suggest(what, SERVER_CLOSE_WHAT));
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
