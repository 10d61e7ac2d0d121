/**
 * From the syntax tree to what the simulation needs: the SimConfig (haproxy.cfg semantics that
 * are modelled, defaults inheritance, the servers' emulated behaviour) and the plan (the script).
 * This is the pass that sees the whole scenario: unknown servers and backends, clients used
 * before they are opened, a missing server. Line-local problems were reported by the parser and
 * are skipped silently here. Pure, never throws.
 */
import { resolveTracks } from './track';
import { checkTcpMode } from './tcp-mode';
import type { ClientRef, ConfigSection, EngineName, ReuseMode, ScenarioAst, Span, Statement, Word } from './ast';
import { ENGINE_NAMES } from './ast';
import type { Diagnostic } from './diagnostics';
import type { BackendConfig, FrontendSide, SimConfig } from '../model/config';
import type { ProxyRouting, Routing, Userlist } from '../model/routing';
import {
  DEFAULT_CONNECT_US, DEFAULT_H2_MAX_STREAMS, DEFAULT_MAX_SESSION_SRV_CONNS, DEFAULT_RESPONSE_US, DEFAULT_SERVER_MAX_STREAMS,
} from '../model/config';
import { REFUSED_CODE, versionDiagnostics } from './acceptance';
import { applyNode, directiveSpec, type GlobalSettings } from './grammar/directives';
import { spanOfWords, withHint } from './grammar/report';
import { applyBehaviour, type ServerBehaviourFields } from './grammar/server-props';
import { serverFields } from './grammar/server-options';
import { droppedSpans } from './conditions';
import { baseSettings, cloneSettings, type Settings } from './grammar/settings';
import { notAtCommit } from './modern';
import { backendConfig, olderEngineOption, type Proxy, type ServerDecl } from './backend-config';
import { parseScenario, sourceOf } from './parser';
import { lineIndex, locate, sortDiagnostics, type LineIndex, type RawDiagnostic } from './positions';
import { printClientRef } from './print';
import { bindsOf } from './routing/binds';
import { listenerCount, poolFds } from './pool-fds';
import { withFullconn } from './fullconn';
import { withReleaseDefaults } from './release-defaults';
import { releaseChecks } from './release-checks';
import { checkEntries } from './routing/entryCheck';
import { fileReader, type FileLines } from './routing/files';
import { compileUserlists } from './routing/userlists';
import { proxyRouting } from './routing/proxy';
import { suggest } from './suggest';
import { NamedDefaults } from './named-defaults';
import { modernVersionOf } from './engine-version';
import type { ModernVersion } from '../model/names';

export interface CompileOptions {
  /** Overrides the scenario's `engine` line (the CLI's --engine). */
  readonly engine?: EngineName;
  /** Overrides the version of `engine modern VERSION`. */
  readonly version?: ModernVersion;
  /** The scenario text, for line/column; defaults to the text the AST was parsed from. */
  readonly text?: string;
}

export interface CompileResult {
  readonly config: SimConfig;
  /** The script statements, in order; repeats and groups are expanded by the engine. */
  readonly plan: Statement[];
  readonly diagnostics: Diagnostic[];
}

export interface CheckResult extends CompileResult {
  readonly ast: ScenarioAst;
}

/** Parse + compile: every diagnostic of both passes, in position order. Never throws. */
export function checkScenario(text: string, opts: { readonly engine?: EngineName; readonly version?: ModernVersion; readonly values?: Readonly<Record<string, string>> } = {}): CheckResult {
  const parsed = parseScenario(text, opts.values ? { values: opts.values } : {});
  const compiled = compileScenario(parsed.ast, { ...opts, text: typeof text === 'string' ? text : String(text ?? '') });
  // Where the engine's HAProxy refuses a line, that warning replaces the parser's "ignored".
  const refused = new Set(compiled.diagnostics.filter((d) => d.code === REFUSED_CODE).map((d) => d.span.from));
  const parserSaid = parsed.diagnostics.filter((d) => !(refused.has(d.span.from) && (d.code === 'ignored-keyword' || d.code === 'ignored-section')));
  return { ast: parsed.ast, ...compiled, diagnostics: sortDiagnostics([...parserSaid, ...compiled.diagnostics]) };
}

export function compileScenario(ast: ScenarioAst, opts: CompileOptions = {}): CompileResult {
  const text = opts.text ?? sourceOf(ast);
  const c = new Compiler();
  let config: SimConfig;
  try {
    config = c.run(ast, opts.engine, text);
    const version = modernVersionOf(ast, config.engine, opts.version, c.raw);
    if (version) config = withReleaseDefaults({ ...config, modernVersion: version });
    const release = releaseChecks(ast, config);
    config = release.config;
    c.raw.push(...release.raw);
  } catch (e) {
    c.raw.push({ severity: 'error', code: 'internal-error', message: `internal compiler error: ${String(e)}`, span: { from: 0, to: 0 } });
    config = emptyConfig(opts.engine ?? 'seed');
  }
  if (text !== undefined) {
    // A line of a branch HAProxy drops (`.if`) is not read: nothing there to refuse.
    const dropped = droppedSpans(text);
    const read = (d: RawDiagnostic) => !dropped.some((s) => d.span.from >= s.from && d.span.from <= s.to);
    c.raw.push(...versionDiagnostics(text, config.engine, config.modernVersion).filter(read));
  }
  const index: LineIndex = text !== undefined
    ? lineIndex(text)
    // Without the text, positions can only be offsets on one line.
    : { starts: [0], length: Math.max(0, ...c.raw.map((d) => d.span.to)) };
  if (ast.seed) config = { ...config, seed: ast.seed.value };
  return { config, plan: [...ast.script], diagnostics: sortDiagnostics(c.raw.map((d) => locate(d, index))) };
}

function emptyConfig(engine: EngineName): SimConfig {
  return {
    engine, frontendMode: 'keep-alive', timeouts: { connect: 0, server: 0, client: 0, httpKeepAlive: 0, httpRequest: 0 },
    backends: [], defaultBackend: '', routes: [], h2MaxStreams: DEFAULT_H2_MAX_STREAMS,
    maxSessionSrvConns: DEFAULT_MAX_SESSION_SRV_CONNS,
  };
}



// ---- proxies -----------------------------------------------------------------------------------

/** DEFAULT_MAXCONN at 7c6f8b146 (include/common/defaults.h:191). */
const DEFAULT_MAXCONN_19 = 2000;

const NO_SERVER = 'no server defined; add e.g. `server s1 192.0.2.10:80` in a backend';

class Compiler {
  readonly raw: RawDiagnostic[] = [];

  private error(code: string, span: Span, message: string, expected?: string, suggestion?: string): void {
    this.raw.push({
      severity: 'error', code, span,
      // Compile messages say the fix themselves ("add `open A h1` …"): only add the did-you-mean.
      message: withHint(message, undefined, suggestion),
      ...(expected ? { expected } : {}),
      ...(suggestion ? { suggestion } : {}),
    });
  }

  private warn(code: string, span: Span, message: string): void {
    // A default-server line's option is read once per server below it: said once, where it is written.
    const key = `${span.from}:${span.to}:${message}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.raw.push({ severity: 'warning', code, span, message });
  }
  private readonly warned = new Set<string>();


  run(ast: ScenarioAst, engineOpt: EngineName | undefined, text?: string): SimConfig {
    const fileEngine = ast.engine && (ENGINE_NAMES as readonly string[]).includes(ast.engine.text) ? (ast.engine.text as EngineName) : null;
    const engine: EngineName = engineOpt ?? fileEngine ?? 'seed';
    // The engine's own default (spec): never at seed and parent, safe in HAProxy 2.x.
    const defaultReuse: ReuseMode = engine === 'modern' ? 'safe' : 'never';

    const global: GlobalSettings = { h2MaxStreams: DEFAULT_H2_MAX_STREAMS, maxconn: 0, maxconnSet: false };
    let defaults = baseSettings();
    let defaultsSection: ConfigSection | null = null;
    const named = new NamedDefaults(engine, text, {
      error: (code, span, message, expected, suggestion) => this.error(code, span, message, expected, suggestion),
      warn: (code, span, message) => this.warn(code, span, message),
    });
    const backends: Proxy[] = [];
    const frontends: Proxy[] = [];
    for (const sec of ast.config) {
      if (sec.kind === 'global') {
        for (const d of sec.directives) applyNode<'global'>(global, d);
        continue;
      }
      // A `defaults` section starts afresh (HAProxy does not merge successive defaults), or from
      // the one it names; any other section from the last defaults above, or the one it names.
      const from = named.parentOf(sec, defaultsSection);
      const base = from ? from.settings : sec.kind === 'defaults' ? baseSettings() : defaults;
      const settings = cloneSettings(base);
      for (const d of sec.directives) applyNode<'proxy'>(settings, d);
      if (sec.kind === 'defaults') {
        defaults = settings;
        defaultsSection = sec;
        named.add(sec, settings);
        continue;
      }
      if (!sec.name) continue;
      const p: Proxy = { section: sec, name: sec.name, base, settings, servers: [], dispatch: null, defaultsSection: from ? from.section : defaultsSection };
      if (sec.kind === 'backend' || sec.kind === 'listen') {
        const seen = new Set<string>();
        const ids = new Map<number, string>();
        // A server line takes the default-server lines above it only (HAProxy copies defsrv when it reads the line).
        const defaultServer = [...base.defaultServer];
        const defaultHealth = [...base.defaultHealth];
        const defaultClassic = [...base.defaultClassic];
        for (const { node } of sec.directives) {
          if (node?.kind === 'dispatch') p.dispatch = node.addr;
          if (node?.kind === 'default-server') {
            defaultServer.push(...node.options.modern);
            defaultHealth.push(...node.options.health);
            defaultClassic.push(...node.options.classic);
          }
          if (node?.kind !== 'server') continue;
          const s: ServerDecl = {
            name: node.name, addr: node.addr, options: node.options, inherited: [...defaultServer], inheritedHealth: [...defaultHealth],
            fields: serverFields([...defaultClassic, ...node.options.classic]),
          };
          if (seen.has(s.name.text)) {
            this.error('duplicate-server', s.name.span, `server '${s.name.text}' is declared twice in ${sec.kind} '${p.name.text}'; expected unique server names`, 'a unique server name');
            continue;
          }
          seen.add(s.name.text);
          const id = s.options.id;
          if (id && ids.has(id.value)) {
            // srv_parse_id refuses an id another server of the proxy has.
            this.error('duplicate-server-id', id.span, `'id' : custom id ${id.value} already used ('server ${ids.get(id.value)}'); expected an id no other server of ${sec.kind} '${p.name.text}' has`, 'a unique id');
          } else if (id) ids.set(id.value, s.name.text);
          p.servers.push(s);
        }
        if (backends.some((b) => b.name.text === p.name.text)) {
          this.error('duplicate-backend', p.name.span, `backend '${p.name.text}' is defined twice; expected unique backend names`, 'a unique backend name');
        } else backends.push(p);
      }
      if (sec.kind === 'frontend' || sec.kind === 'listen') frontends.push(p);
    }

    if (engine !== 'modern') this.olderEngineDirectives(ast, engine);
    const behaviours = this.behaviours(ast, backends);
    const transparentWarned = new Set<number>();
    const checkWarned = new Set<number>();
    const warn = (code: string, span: Span, message: string) => this.warn(code, span, message);
    // A server name several backends declare names a server of each: the run qualifies them.
    const declaredIn = new Map<string, number>();
    for (const b of backends) for (const n of new Set(b.servers.map((s) => s.name.text))) declaredIn.set(n, (declaredIn.get(n) ?? 0) + 1);
    const sharedNames = new Set([...declaredIn].filter(([, k]) => k > 1).map(([n]) => n));
    let backendConfigs: BackendConfig[] = resolveTracks(backends, backends.map((b) => backendConfig(b, { engine, defaultReuse, behaviours, sharedNames, transparentWarned, checkWarned, warn })), warn);

    const files = fileReader(ast.files ?? []);
    const userlists = compileUserlists(ast.userlists ?? [], {
      warn: (span, message) => this.warn('userlist', span, message),
      error: (span, message, expected) => this.error('userlist', span, message, expected),
    });
    const routed = this.routing(frontends, backends, backendConfigs, text, files.read, (n) => userlists.get(n));
    const { entry, defaultBackend } = routed;
    const routing = checkTcpMode(frontends, backends, routed.routing, {
      error: (span, message, expected) => this.error('mode', span, `${message}; expected ${expected}`, expected),
      warn: (span, message) => this.warn('not-modelled', span, message),
    });
    for (const f of files.unread()) {
      const s = suggest(f.path.text, files.named());
      this.warn('unused-file', f.path.span, `no acl -f or map converter reads file ${f.path.text}${s ? `; did you mean ${s}?` : ''}`);
    }
    const defProxy = backends.find((b) => b.name.text === defaultBackend) ?? null;
    // Client-side settings come from the frontend; with none, from the defaults in force.
    const front = entry ? entry.settings : defProxy ? defProxy.base : defaults;
    const back = defProxy ? defProxy.settings : defaults;
    if (engine === 'modern') {
      backendConfigs = withFullconn(backends, backendConfigs, frontends, routing, global.maxconn, { maxconn: front.maxconn, defaultBackend }, warn);
    }

    const totalServers = backendConfigs.reduce((n, b) => n + b.servers.length + (b.dispatch ? 1 : 0), 0);
    const answers = Object.values(routing.proxies).some((r) => r.stats || r.httpRequest.length > 0 || r.redirects.length > 0);
    if (totalServers === 0 && !answers) {
      // Real HAProxy runs a configuration without server (it answers 503); only a script with
      // no proxy at all to talk to cannot run.
      const span = backends[0]?.name.span ?? frontends[0]?.name.span ?? { from: 0, to: 0 };
      if (backends.length === 0 && frontends.length === 0 && ast.script.length > 0) this.error('no-server', span, NO_SERVER, 'a `server NAME ADDR` line in a backend');
      else this.warn('no-server', span, `no server defined: the simulation answers every request 503 as HAProxy would; add e.g. \`server s1 192.0.2.10:80\` in a backend`);
    } else {
      for (const b of backends) {
        const r = routing.proxies[b.name.text];
        // A backend that only holds a stick table for others' rules is not meant to take requests.
        if (r && !r.hasServers && !r.stats && !(r.stickTable && !r.sticking)) {
          // HAProxy starts, and answers 503 to what reaches this backend (no server available).
          this.warn('no-server', b.name.span, `backend '${b.name.text}' has no server: HAProxy would answer 503 to requests routed to it`);
        }
      }
    }

    // A script names a server as written, or as BACKEND/NAME (the run's name where several backends have it).
    this.checkScript(ast.script, new Set(backends.flatMap((b) => b.servers.flatMap((s) => [s.name.text, `${b.name.text}/${s.name.text}`]))));
    if (engine !== 'modern') this.oldDefaultMaxconn(ast.script, engine, global.maxconn, frontends.length > 0 ? frontends.map((f) => f.settings.maxconn) : [defaults.maxconn]);
    checkEntries(ast.script, routing, (span, message, expected, s) => this.error('unknown-frontend', span, message, expected, s));

    // Each session reads the frontend its client entered (sess->fe: session.h:191 of v2.6.0,
    // stream.c:265 of 7c6f8b146); the top-level fields stay the entry frontend's.
    // HAProxy ignores the option written in a frontend (not capable): a frontend has it from its defaults.
    const abortsOf = (p: Proxy | null, x: Settings): boolean => engine === 'modern' && (p && p.section.kind === 'frontend' ? p.base.abortOnClose : x.abortOnClose) === true;
    const side = (p: Proxy, x: Settings, name: string): FrontendSide => ({
      name,
      ...(x.maxconn > 0 ? { maxconn: x.maxconn } : {}),
      ...(abortsOf(p, x) ? { abortOnClose: true } : {}),
      ...(x.tcp ? { tcp: true } : {}),
      mode: x.httpMode,
      timeouts: { client: x.timeouts.client, httpKeepAlive: x.timeouts.httpKeepAlive, httpRequest: x.timeouts.httpRequest },
      maxSessionSrvConns: engine === 'modern' ? x.maxSessionSrvConns ?? DEFAULT_MAX_SESSION_SRV_CONNS : DEFAULT_MAX_SESSION_SRV_CONNS,
    });
    const frontendSides = Object.fromEntries(frontends.map((f) => [f.name.text, side(f, f.settings, f.name.text)]));

    return {
      engine,
      ...(frontends.length > 1 ? { frontendSides } : {}),
      frontendMode: front.httpMode,
      timeouts: {
        connect: back.timeouts.connect,
        server: back.timeouts.server,
        client: front.timeouts.client,
        httpKeepAlive: front.timeouts.httpKeepAlive,
        httpRequest: front.timeouts.httpRequest,
      },
      backends: backendConfigs,
      defaultBackend,
      routes: [],
      routing,
      h2MaxStreams: global.h2MaxStreams,
      // A frontend setting: from the entry frontend or listen, else the defaults in force.
      maxSessionSrvConns: engine === 'modern' ? front.maxSessionSrvConns ?? DEFAULT_MAX_SESSION_SRV_CONNS : DEFAULT_MAX_SESSION_SRV_CONNS,
      ...(entry ? { frontendName: entry.name.text } : {}),
      ...(front.maxconn > 0 ? { frontendMaxconn: front.maxconn } : {}),
      ...(abortsOf(entry, front) ? { frontendAbortOnClose: true } : {}),
      ...(front.tcp ? { frontendTcp: true } : {}),
      ...(global.maxconn > 0 ? { maxconn: global.maxconn } : {}),
      // A scenario without frontend listens as the oracle's layout does: one HTTP/1.1 and one h2 bind.
      ...(global.maxconn > 0 && engine === 'modern'
        ? { poolFds: poolFds(global.maxconn, frontends.length === 0 ? 2 : listenerCount((routing.frontends ?? []).flatMap((f) => f.binds))) }
        : {}),
    };
  }

  /**
   * Warnings for the directives seed and parent did not have (the table's `engines`), and for the
   * modern options of default-server lines (a server line's own: modernFields). Where the parser
   * already said that HAProxy ignores the line in that section, nothing more is said.
   */
  private olderEngineDirectives(ast: ScenarioAst, engine: Exclude<EngineName, 'modern'>): void {
    for (const sec of ast.config) {
      if (sec.kind === 'global') continue;
      for (const { node, words } of sec.directives) {
        if (!node) continue;
        const spec = directiveSpec(node.kind)!;
        if (spec.engines && !spec.engines.includes(engine)) {
          if (!spec.noEffectIn?.includes(sec.kind)) this.warn('not-in-engine', spanOfWords(words), notAtCommit(spec.name, engine));
        } else if (node.kind === 'default-server' && sec.kind !== 'frontend') {
          for (const o of node.options.modern) olderEngineOption(o, engine, (code, span, message) => this.warn(code, span, message));
        } else if (node.kind === 'balance' && (node.algorithm === 'hash' || node.algorithm === 'sticky' || node.args?.pathOnly)) {
          // backend_parse_balance at 7c6f8b146 (backend.c) knows none of them (they came with 2.x and 3.0).
          const what = node.algorithm === 'hash' || node.algorithm === 'sticky' ? `\`balance ${node.algorithm}\`` : "`balance uri … path-only`";
          const then = node.algorithm === 'uri' ? 'the simulation hashes the URI as written' : 'the simulation uses roundrobin';
          this.warn('not-in-engine', spanOfWords(words), `HAProxy at this commit (1.9) has no ${what} and refuses it; ${then}`);
        } else if (node.kind === 'balance' && node.algorithm === 'random') {
          // 1.9 had a single-draw `random` (get_server_rnd, backend.c:518-540 of 7c6f8b146) and no draws argument.
          const draws = node.args?.draws !== undefined ? '; `random(N)` is refused by HAProxy 1.9' : '';
          this.warn('not-modelled', spanOfWords(words), `balance random is not modelled at engine ${engine}: the simulation uses roundrobin (engine modern models it)${draws}`);
        } else if (node.kind === 'option' && node.name === 'abortonclose' && sec.kind !== 'frontend') {
          this.warn('not-modelled', spanOfWords(words), `option abortonclose is not modelled at engine ${engine}: a client that closes its connection does not abort its request here (engine modern models it)`);
        } else if (node.kind === 'hash-balance-factor' && node.factor > 0 && sec.kind !== 'frontend') {
          // It existed at 1.9; only the modern engine counts the servers' requests in flight it needs.
          this.warn('not-modelled', spanOfWords(words), `hash-balance-factor is not modelled at engine ${engine}: the ring's nearest server takes the request, however loaded (engine modern models it)`);
        }
      }
    }
  }

  /** The `servers` section merged by server name (later lines win), with the spec's defaults. */
  /**
   * The `servers` section's lines, for each server: a line names it as written (every server of that
   * name, in any backend) or as `BACKEND/NAME` (that one); they apply in the order written.
   */
  private behaviours(ast: ScenarioAst, backends: readonly Proxy[]) {
    const names = [...new Set(backends.flatMap((b) => b.servers.map((s) => s.name.text)))];
    const qualified = new Set(backends.flatMap((b) => b.servers.map((s) => `${b.name.text}/${s.name.text}`)));
    type B = ServerBehaviourFields;
    const fresh = (): B => ({
      connectUs: DEFAULT_CONNECT_US, responseUs: DEFAULT_RESPONSE_US, closeAfter: 0, finAfter: 0, idleTimeoutUs: 0, auth: null, refuse: false,
      maxStreams: DEFAULT_SERVER_MAX_STREAMS,
    });
    const lines = ast.servers.filter((st) => {
      if (names.includes(st.server.text) || qualified.has(st.server.text)) return true;
      this.unknownServer(st.server, names);
      return false;
    });
    return (name: string, backend: string): B => {
      const b = fresh();
      for (const st of lines) if (st.server.text === name || st.server.text === `${backend}/${name}`) applyBehaviour(b, st.behaviour);
      return b;
    };
  }

  private unknownServer(w: Word, names: readonly string[]): void {
    const known = names.length > 0 ? ` (${names.slice(0, 8).join(', ')})` : ' (none is declared)';
    const expected = `a server declared with \`server NAME ADDR\` in a backend${known}`;
    const s = suggest(w.text, names);
    this.error('unknown-server', w.span, s ? `unknown server '${w.text}'` : `unknown server '${w.text}'; expected ${expected}`, expected, s);
  }

  /** Which proxy receives the script's requests, and every proxy's routing rules (core/scenario/routing/). */
  private routing(frontends: readonly Proxy[], backends: readonly Proxy[], configs: readonly BackendConfig[], text: string | undefined, file: FileLines, userlist: (name: string) => Userlist | undefined): { entry: Proxy | null; defaultBackend: string; routing: Routing } {
    const names = backends.map((b) => b.name.text);
    // The script's clients talk to the first frontend or listen that leads to a server; a stats
    // listen declared first (its own port in real HAProxy) does not take them.
    const leads = (f: Proxy) => f.settings.defaultBackend !== null || f.section.directives.some((d) => d.node?.kind === 'use_backend') || f.servers.length > 0 || f.dispatch !== null;
    const entry = frontends.find(leads) ?? frontends[0] ?? null;
    const index = text !== undefined ? lineIndex(text) : null;
    const lineOf = (offset: number): number => {
      if (!index) return 0;
      let lo = 0;
      let hi = index.starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (index.starts[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
      return lo + 1;
    };
    // No prototype: a backend name computed per request (Host: constructor) finds no member of Object.
    const proxies: Record<string, ProxyRouting> = Object.create(null) as Record<string, ProxyRouting>;
    const hasServers = (p: Proxy): boolean => {
      const i = backends.indexOf(p);
      const c = i >= 0 ? configs[i] : undefined;
      return !!c && (c.servers.length > 0 || !!c.dispatch);
    };
    const problems = {
      file,
      userlist,
      warn: (span: Span, message: string) => this.warn('routing', span, message),
      error: (span: Span, message: string, expected: string) =>
        this.error('routing', span, message.includes('expected') ? message : `${message}; expected ${expected}`, expected),
    };
    // A frontend may share its name with a backend: it is then kept apart (frontendsByName).
    const frontendsByName: Record<string, ProxyRouting> = Object.create(null) as Record<string, ProxyRouting>;
    const stickTables = new Set([...frontends, ...backends].filter((p) => p.section.directives.some((d) => d.words[0]?.text === 'stick-table')).map((p) => p.name.text));
    for (const p of [...new Set([...frontends, ...backends])]) {
      const r = proxyRouting({
        section: p.section, defaults: p.defaultsSection, defaultBackend: p.section.kind !== 'backend' ? p.settings.defaultBackend : null,
        backendNames: names, hasServers: hasServers(p), lineOf, problems, unknownBackend: (w) => this.unknownBackend(w, names), stickTables,
      });
      if (p.section.kind === 'frontend' && backends.some((b) => b.name.text === p.name.text)) frontendsByName[p.name.text] = r;
      else proxies[p.name.text] = r;
    }
    if (!entry) {
      // Without a frontend the requests go to the one backend with servers: others may only hold a
      // stick table that it names (`stick on src table st`), as real configurations often do.
      const routable = backends.filter(hasServers);
      const only = routable.length === 1 ? routable[0]! : null;
      if (backends.length > 1 && !only) {
        const named = (routable.length > 1 ? routable : backends).map((b) => b.name.text);
        this.error('ambiguous-backend', (routable[1] ?? backends[1])!.name.span, `several backends (${named.join(', ')}) but no frontend to choose between them; add a \`frontend\` section with \`default_backend NAME\`, or keep one backend with servers`, 'a frontend with default_backend, or a single backend with servers');
      }
      return { entry: null, defaultBackend: only?.name.text ?? names[0] ?? '', routing: { entry: null, proxies } };
    }
    let defaultBackend = '';
    const db = entry.settings.defaultBackend;
    if (db) {
      if (names.includes(db.text)) defaultBackend = db.text;
      else if (db.text.includes('%[')) this.warn('not-modelled', db.span, `a default backend computed per request ('${db.text}') is not modelled; the simulation sends such requests to '${names[0] ?? 'no backend'}'`);
      else this.unknownBackend(db, names);
    } else if (entry.section.kind === 'listen') defaultBackend = entry.name.text;
    // A frontend without default_backend answers 503 to what no use_backend rule takes (stream.c:1078-1080).
    const fronts = frontends.map((f) => ({ name: f.name.text, binds: bindsOf(f.section, lineOf), leads: leads(f) }));
    return { entry, defaultBackend: defaultBackend || names[0] || '', routing: { entry: entry.name.text, proxies, frontends: fronts, ...(Object.keys(frontendsByName).length ? { frontendsByName } : {}) } };
  }

  private unknownBackend(w: Word, names: readonly string[]): void {
    const expected = `a backend or listen name${names.length ? ` (${names.join(', ')})` : ''}`;
    const s = suggest(w.text, names);
    this.error('unknown-backend', w.span, s ? `unknown backend '${w.text}'` : `unknown backend '${w.text}'; expected ${expected}`, expected, s);
  }

  // ---- script ------------------------------------------------------------------------------------

  /**
   * 1.9 (seed, parent) starts with a maxconn of 2000, for the process and for each frontend
   * (DEFAULT_MAXCONN, cfgparse.c:217 and haproxy.c:1895-1896 at 7c6f8b146); the simulation
   * applies only a maxconn that is written (an old scenario keeps its meaning), and says so where
   * the script opens more client connections than that.
   */
  private oldDefaultMaxconn(script: readonly Statement[], engine: EngineName, globalMaxconn: number, frontendMaxconns: readonly number[]): void {
    if (globalMaxconn > 0 && frontendMaxconns.every((m) => m > 0)) return;
    let opened = 0;
    const walk = (stmts: readonly Statement[], times: number): Statement | null => {
      for (const st of stmts) {
        if (st.kind === 'repeat') {
          const hit = walk(st.body, times * st.count);
          if (hit) return hit;
        } else if (st.kind === 'open') {
          opened += (st.clients.kind === 'range' ? st.clients.to - st.clients.from + 1 : 1) * times;
          if (opened > DEFAULT_MAXCONN_19) return st;
        }
      }
      return null;
    };
    const at = walk(script, 1);
    if (!at) return;
    this.warn(
      'default-maxconn', at.span,
      `HAProxy 1.9 (engine ${engine}) would accept at most ${DEFAULT_MAXCONN_19} client connections at once (the default maxconn of the process and of each frontend); ` +
        `not modelled unless written: the simulation sets no limit. Write \`maxconn N\` in the global section and in the defaults (or frontend) to give one`,
    );
  }

  private checkScript(script: readonly Statement[], servers: ReadonlySet<string>): void {
    const opened = new Set<string>();
    const groups = new Map<string, [number, number][]>();
    const member = (name: string): boolean => {
      if (opened.has(name)) return true;
      for (const [prefix, ranges] of groups) {
        if (!name.startsWith(prefix)) continue;
        const rest = name.slice(prefix.length);
        if (!/^(0|[1-9]\d{0,8})$/.test(rest)) continue;
        const n = Number(rest);
        if (ranges.some(([a, b]) => n >= a && n <= b)) return true;
      }
      return false;
    };
    const checkRef = (ref: ClientRef): void => {
      const how = `add \`open ${ref.kind === 'one' ? ref.name : ref.kind === 'range' ? printClientRef(ref) : `${ref.prefix}[1..N]`} h1\` (or h2) before this line`;
      if (ref.kind === 'one') {
        if (member(ref.name)) return;
        const s = suggest(ref.name, opened);
        this.error('client-not-opened', ref.span, `client '${ref.name}' is not opened; ${how}`, 'a client opened earlier with `open`', s);
      } else if (ref.kind === 'all') {
        if (!groups.has(ref.prefix)) this.error('client-not-opened', ref.span, `group '${ref.prefix}' is not opened; ${how}`, 'a group opened earlier with `open NAME[1..N]`');
      } else {
        const covered = groups.get(ref.prefix)?.some(([a, b]) => a <= ref.from && ref.to <= b);
        if (covered) return;
        for (let n = ref.from; n <= ref.to; n++) {
          if (!member(`${ref.prefix}${n}`)) {
            this.error('client-not-opened', ref.span, `client '${ref.prefix}${n}' of '${printClientRef(ref)}' is not opened; ${how}`, 'clients opened earlier with `open`');
            return;
          }
        }
      }
    };
    const names = [...servers];
    const walk = (stmts: readonly Statement[]): void => {
      for (const st of stmts) {
        switch (st.kind) {
          case 'open':
            if (st.clients.kind === 'one') opened.add(st.clients.name);
            else if (st.clients.kind === 'range') {
              const list = groups.get(st.clients.prefix) ?? [];
              list.push([st.clients.from, st.clients.to]);
              groups.set(st.clients.prefix, list);
            }
            break;
          case 'request':
            checkRef(st.clients);
            if (st.to && !servers.has(st.to.text)) this.unknownServer(st.to, names);
            break;
          case 'close':
            checkRef(st.clients);
            break;
          case 'server-close':
            if (!servers.has(st.server.text)) this.unknownServer(st.server, names);
            break;
          case 'repeat':
            walk(st.body);
            break;
          case 'arrive': {
            // Its clients NAME1, NAME2, … form a group that later lines may name (`close user[*]`).
            const list = groups.get(st.name) ?? [];
            list.push([1, Number.MAX_SAFE_INTEGER]);
            groups.set(st.name, list);
            if (st.request.to && !servers.has(st.request.to.text)) this.unknownServer(st.request.to, names);
            break;
          }
          case 'wait':
          case 'await':
            break;
        }
      }
    };
    walk(script);
  }
}
