/**
 * The scenario's own configuration for a real binary ("your config, your version"): when the
 * scenario routes (use_backend, ACLs, http-request, redirect, use-server, stats, several
 * frontends, pattern/map files), the SimConfig writer (haproxy-cfg.ts) cannot express it, so
 * verify writes the sections as the user wrote them, changing only what a loopback run needs:
 * - a `defaults` section without `mode`, and a proxy without one before any `defaults`, get `mode http`;
 * - `global` becomes verify's own (one thread, noreuseport, no daemon/chroot/user/log/stats
 *   socket), keeping only the user's `tune.*` lines and `maxconn` (up to 1000: haproxy-cfg.ts verifyMaxconn);
 * - every `bind` line listens on 127.0.0.1 (its options dropped but `maxconn`: no TLS, no PROXY
 *   protocol), plus a twin `proto h2` bind for the script's h2 clients entering through that line;
 * - every `server` and `dispatch` address becomes its emulated server's loopback port, and the
 *   server options verify cannot serve (agent checks, TLS, DNS, interfaces) are dropped; a
 *   health-checked server's checks go to its emulated server's check listener (`port N`);
 * - `timeout` lines and `pool-purge-delay` are scaled by --scale;
 * - the paths of `file PATH` sections point at copies in a temporary directory.
 * Everything else is written word for word.
 */
import { writtenName, type SimConfig } from '../../core/model/config';
import type { Routing } from '../../core/model/routing';
import { entryFor, isEntryError } from '../../core/routing/entry';
import type { ConfigSection, Directive, ScenarioAst, Statement } from '../../core/scenario/ast';
import { configDuration } from '../../core/scenario/haproxy-durations';
import { keywordInfo, namesIn } from '../../core/scenario/keywords';
import { lineIndex, positionAt } from '../../core/scenario/positions';
import { routingMatters } from '../../core/engines/routeRequest';
import { L4_ANSWER_US, scaledMs, targetNames, verifyMaxconn, type Reproducible } from './haproxy-cfg';
import { TARGET_HEADER } from './servers';

/**
 * Server options verify drops, with how many value words follow each: health checks (verify's
 * servers answer only the script's requests), TLS (verify speaks cleartext), name resolution and
 * network namespaces/interfaces (everything is on loopback).
 */
const DROPPED_SERVER_OPTIONS: ReadonlyMap<string, number> = new Map([
  ...['check-ssl', 'check-send-proxy', 'agent-check', 'ssl', 'no-verifyhost', 'allow-0rtt', 'tfo', 'no-ssl-reuse',
    'tls-tickets', 'no-tls-tickets', 'send-proxy-v2-ssl', 'send-proxy-v2-ssl-cn', 'force-sslv3', 'force-tlsv10', 'force-tlsv11',
    'force-tlsv12', 'force-tlsv13', 'no-sslv3', 'no-tlsv10', 'no-tlsv11', 'no-tlsv12', 'no-tlsv13'].map((k) => [k, 0] as const),
  // (observe, on-error, error-limit, track, on-marked-down and on-marked-up are kept: the engine models them and verify's servers answer checks.)
  ...['port', 'addr', 'agent-port', 'agent-inter', 'agent-addr', 'agent-send', 'check-alpn', 'check-proto', 'check-sni',
    'verify', 'verifyhost', 'ca-file', 'crt', 'crl-file', 'ciphers', 'ciphersuites', 'curves', 'sigalgs', 'client-sigalgs',
    'ssl-min-ver', 'ssl-max-ver', 'alpn', 'npn', 'resolvers', 'resolve-prefer', 'resolve-net', 'resolve-opts', 'init-addr',
    'namespace', 'interface', 'socks4', 'tcp-ut'].map((k) => [k, 1] as const),
]);

/** One `bind` line of a frontend or listen (key: its line number), or the bind verify adds to one without any. */
export interface BindSlot {
  readonly key: string;
  readonly proxy: string;
}

/** Loopback ports of one bind slot: the line's own (HTTP/1) and its `proto h2` twin. */
export interface SlotPorts {
  readonly h1: number;
  readonly h2: number;
}

export interface VerbatimPorts {
  readonly binds: ReadonlyMap<string, SlotPorts>;
  /** Port of each emulated server, by name (as haproxy-cfg.ts's CfgPorts). */
  readonly servers: ReadonlyMap<string, number>;
  /** Port of each health-checked server's check listener, by name. */
  readonly checks?: ReadonlyMap<string, number>;
  /** Where each `file PATH` section was written. */
  readonly files: ReadonlyMap<string, string>;
}

/** The scenario's configuration needs its own sections written: the SimConfig writer would lose its routing. */
export function needsVerbatim(config: SimConfig, ast: ScenarioAst): boolean {
  return routingMatters(config.routing) || (ast.files?.length ?? 0) > 0;
}

/** The frontend verify adds to a configuration without any (its name, and its slot's key). */
export const ADDED_FRONTEND = 'verify_entry';

const isEntrySection = (s: ConfigSection) => (s.kind === 'frontend' || s.kind === 'listen') && s.name !== null;
const kw = (d: Directive) => d.words[0]?.text ?? '';

/** Every bind slot of the configuration, in order; `text` is the scenario text the AST was parsed from. */
export function bindSlots(ast: ScenarioAst, text: string): BindSlot[] {
  const index = lineIndex(text);
  const out: BindSlot[] = [];
  for (const s of ast.config) {
    if (!isEntrySection(s)) continue;
    const binds = s.directives.filter((d) => kw(d) === 'bind');
    if (binds.length === 0) out.push({ key: `proxy:${s.name!.text}`, proxy: s.name!.text });
    for (const d of binds) out.push({ key: String(positionAt(index, d.span.from).line), proxy: s.name!.text });
  }
  // No frontend at all: the engine sends every request to the one backend; verify adds the frontend that does.
  if (!ast.config.some(isEntrySection)) out.push({ key: ADDED_FRONTEND, proxy: ADDED_FRONTEND });
  return out;
}

/**
 * The slot a client connection enters, as the engine decides it (core/routing/entry.ts): the
 * frontend, then the bind line whose port range holds the port it connected to.
 */
export function slotFor(routing: Routing | undefined, slots: readonly BindSlot[], open: { readonly to?: { readonly text: string } | null }): BindSlot | undefined {
  if (!routing) return slots[0];
  const e = entryFor(routing, { tls: false, to: open.to?.text ?? null });
  if (isEntryError(e) || e.proxy === null) return slots[0];
  const front = routing.frontends?.find((f) => f.name === e.proxy);
  const bind = front?.binds.find((b) => b.ports && b.ports[0] <= e.port && e.port <= b.ports[1]) ?? front?.binds.find((b) => !b.ssl);
  return (bind && slots.find((s) => s.key === String(bind.line))) ?? slots.find((s) => s.proxy === e.proxy);
}

/** What this mode cannot run, on top of haproxy-cfg.ts's reproducible(). */
export function verbatimReproducible(ast: ScenarioAst, text = '', config?: SimConfig): Reproducible {
  const errors: string[] = [];
  const notes: string[] = [];
  // Each bind line gets an h2 twin here: the descriptor thresholds of a global maxconn count listeners.
  if (config?.poolFds) notes.push(`the global maxconn's descriptor thresholds count the configuration's listening sockets; this run's loopback binds have an HTTP/2 twin each, which moves them by about a quarter of the twins`);
  const left = [...new Set(text.split(/\r\n|\n|\r/).map((l) => l.trim().split(/\s+/)[0]!).filter((w) => SECTION_WORDS.has(w) && IGNORED_SECTIONS.has(w) && !CARRIED.has(w)))];
  if (left.length) notes.push(`sections not written (the simulation ignores them; HAProxy refuses a configuration that needs one): ${left.join(', ')}`);
  const opens: Extract<Statement, { kind: 'open' }>[] = [];
  let hostless = false;
  const walk = (ss: readonly Statement[]) => ss.forEach((s) => {
    if (s.kind === 'open') opens.push(s);
    else if (s.kind === 'repeat') walk(s.body);
    else if (s.kind === 'request' && !s.host) hostless = true;
  });
  walk(ast.script);
  const readsHost = ast.config.some((s) => s.directives.some((d) => d.words.some((w) => /\((?:[^()]*,)?host\b|\bbase\b|\breq\.hdrs\b/i.test(w.text))));
  if (hostless && readsHost) notes.push(`a request without 'host' carries Host: verify (h2: :authority 127.0.0.1:PORT) for real, where the engine sees no Host; the configuration reads the Host header`);
  if (opens.some((o) => o.tls)) errors.push(`'open … tls': verify's clients speak cleartext only`);
  // A loopback address is the real client's own (play.ts binds it); another cannot be.
  if (opens.some((o) => o.from && !/^127\.\d+\.\d+\.\d+$/.test(o.from.text))) notes.push(`'open … from ADDR' outside 127.0.0.0/8: those real clients connect from 127.0.0.1 (src and balance source see that)`);
  for (const s of ast.config)
    for (const d of s.directives) {
      if (kw(d) === 'server-template') errors.push(`'server-template' in ${s.kind} ${s.name?.text ?? ''}: verify emulates the servers the scenario names, one 'server' line each`);
      if (kw(d) === 'bind') {
        // Kept: `maxconn N` (verbatimCfg); the rest is dropped.
        const ws = d.words.slice(2).map((w) => w.text);
        const m = ws.indexOf('maxconn');
        const dropped = m >= 0 ? [...ws.slice(0, m), ...ws.slice(m + 2)] : ws;
        if (dropped.length) notes.push(`bind options dropped (the real run listens in cleartext on 127.0.0.1): ${dropped.join(' ')}`);
      }
    }
  if (ast.config.some((s) => s.directives.some((d) => d.words.some((w) => /\bdst_port\b/.test(w.text)))))
    notes.push(`dst_port: the real run's ports are loopback ports chosen at run time, not the bind ports written`);
  return { errors, notes };
}

export interface VerbatimInput {
  readonly ast: ScenarioAst;
  readonly text: string;
  readonly config: SimConfig;
}

/** `targets`: the script names servers (`to SERVER`): each backend gets use-server rules first, as the derived writer adds them. */
export function verbatimCfg(input: VerbatimInput, ports: VerbatimPorts, scale: number, title: string, targets = false): string {
  const { ast, text, config } = input;
  const index = lineIndex(text);
  const L: string[] = [`# written by npm run verify for ${title}: the scenario's own configuration, on loopback`,
    'global', '    nbthread 1', `    maxconn ${verifyMaxconn(config)}`, '    noreuseport'];
  for (const s of ast.config.filter((x) => x.kind === 'global'))
    for (const d of s.directives) if (kw(d).startsWith('tune.')) L.push(`    ${words(d, ports)}`);
  for (const block of carriedSections(text)) L.push('', block[0]!, ...block.slice(1).map((l) => `    ${l.split(/\s+/).map((w) => withFiles(w, ports.files)).join(' ')}`));
  let sawDefaults = false;
  let defaultsTcp = false;
  // The mode of each named defaults section (a section's `from` names the one it starts from).
  const namedTcp = new Map<string, boolean>();
  for (const s of ast.config) {
    if (s.kind === 'global') continue;
    // A section in mode tcp (its own line, else its defaults'): its twin bind takes the h2 clients' bytes without `proto h2` (HAProxy refuses h2 there).
    const own = s.directives.find((d) => d.node?.kind === 'mode')?.node;
    const inherited: boolean = s.parent ? (namedTcp.get(s.parent.text) ?? false) : s.kind === 'defaults' ? false : defaultsTcp;
    const tcp: boolean = own?.kind === 'mode' ? own.mode === 'tcp' : inherited;
    if (s.kind === 'defaults') {
      defaultsTcp = tcp;
      if (s.name) namedTcp.set(s.name.text, tcp);
    }
    const twin = tcp ? '' : ' proto h2';
    L.push('', [s.kind, ...(s.name ? [s.name.text] : []), ...(s.parent ? ['from', s.parent.text] : [])].join(' '));
    // The simulation is HTTP: where the scenario leaves the mode implicit, HAProxy's default (tcp) would not route.
    if (!s.directives.some((d) => kw(d) === 'mode') && (s.kind === 'defaults' || !sawDefaults)) L.push('    mode http');
    if (s.kind === 'defaults') sawDefaults = true;
    const backend = s.kind === 'backend' || s.kind === 'listen' ? config.backends.find((b) => b.name === s.name?.text) : undefined;
    // Every check an HTTP request, so that verify's check listener sees it (servers.ts checkAccept).
    if (backend?.servers.some((x) => x.check) && !s.directives.some((d) => kw(d) === 'option' && d.words[1]?.text === 'httpchk')) {
      L.push('    option httpchk');
      // Its answer gets a second (haproxy-cfg.ts checkLines).
      if (!backend.servers.some((x) => x.check && x.check.timeoutUs > 0)) L.push(`    timeout check ${scaledMs(L4_ANSWER_US, scale)}`);
    }
    if (targets && backend) for (const sv of backend.servers) L.push(`    use-server ${writtenName(sv)} if { req.hdr(${TARGET_HEADER}) -m str ${targetNames(sv)} }`);
    for (const d of s.directives) {
      const k = kw(d);
      if (k === 'bind') {
        const p = ports.binds.get(String(positionAt(index, d.span.from).line));
        // A listener's own maxconn is kept (on the twin too: each is a listening socket of its own).
        const m = d.words.findIndex((w, i) => i >= 2 && w.text === 'maxconn');
        const max = m > 0 && d.words[m + 1] ? ` maxconn ${d.words[m + 1]!.text}` : '';
        if (p) L.push(`    bind 127.0.0.1:${p.h1}${max}`, `    bind 127.0.0.1:${p.h2}${twin}${max}`);
      } else if (k === 'server' && d.words.length >= 3) {
        // Ports go by the run's names (BACKEND/NAME where several backends have the name).
        const sv = backend?.servers.find((x) => writtenName(x) === d.words[1]!.text);
        const port = ports.servers.get(sv?.name ?? d.words[1]!.text);
        // A health-checked server's checks go to its emulated server's check listener.
        const checkPort = sv?.check ? ports.checks?.get(sv.name) : undefined;
        // verify's check listener speaks HTTP/1 (an HTTP/2 server's checks would speak h2 to it).
        const checkAt = checkPort ? ` port ${checkPort}${sv?.proto === 'h2' ? ' check-proto h1' : ''}` : '';
        L.push(`    server ${d.words[1]!.text} 127.0.0.1:${port ?? 1}${serverOptions(d.words.slice(3).map((w) => w.text), scale)}${checkAt}`);
      } else if (k === 'default-server') {
        L.push(`    default-server${serverOptions(d.words.slice(1).map((w) => w.text), scale)}`.trimEnd());
      } else if (k === 'dispatch' && backend?.dispatch) {
        L.push(`    dispatch 127.0.0.1:${ports.servers.get(backend.dispatch.name)}`);
      } else if (k === 'timeout' && d.words.length === 3) {
        const us = configDuration(d.words[2]!.text);
        L.push(us !== null && us > 0 ? `    timeout ${d.words[1]!.text} ${scaledMs(us, scale)}` : `    ${words(d, ports)}`);
      } else L.push(`    ${words(d, ports)}`);
    }
    if (isEntrySection(s) && !s.directives.some((d) => kw(d) === 'bind')) {
      const p = ports.binds.get(`proxy:${s.name!.text}`);
      if (p) L.push(`    bind 127.0.0.1:${p.h1}`, `    bind 127.0.0.1:${p.h2}${twin}`);
    }
  }
  const added = ports.binds.get(ADDED_FRONTEND);
  // In the mode of the backend it leads to: HAProxy refuses an http frontend before a tcp backend.
  const tcpEntry = config.backends.find((b) => b.name === config.defaultBackend)?.tcp === true;
  if (added) L.push('', `frontend ${ADDED_FRONTEND}`, `    mode ${tcpEntry ? 'tcp' : 'http'}`, `    bind 127.0.0.1:${added.h1}`, `    bind 127.0.0.1:${added.h2}${tcpEntry ? '' : ' proto h2'}`, `    default_backend ${config.defaultBackend}`);
  return L.join('\n') + '\n';
}

/** Sections the simulation ignores but a configuration's rules refer to, self-contained: written as they are. */
const CARRIED = new Set(['userlist', 'http-errors', 'cache']);
const SECTION_WORDS = new Set(namesIn('section'));
const IGNORED_SECTIONS = new Set(namesIn('section').filter((n) => keywordInfo('section', n)?.modelled === false));

/**
 * The `userlist`, `http-errors` and `cache` sections of the text, each as its header and its lines
 * (comments and blank lines left out). The parser skips them (the simulation ignores them), but
 * `http_auth(LIST)`, `errorfiles NAME` and `http-request cache-use NAME` need them to exist.
 */
export function carriedSections(text: string): string[][] {
  const out: string[][] = [];
  let cur: string[] | null = null;
  for (const raw of text.split(/\r\n|\n|\r/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    const ws = line.split(/\s+/);
    if (SECTION_WORDS.has(ws[0]!) && (ws[0] !== 'file' || ws.length === 2)) {
      cur = CARRIED.has(ws[0]!) ? [line] : null;
      if (cur) out.push(cur);
    } else cur?.push(line);
  }
  return out;
}

/** The directive's words, with every `file PATH` path replaced by where verify wrote it. */
function words(d: Directive, ports: VerbatimPorts): string {
  return d.words.map((w) => withFiles(w.text, ports.files)).join(' ');
}

function withFiles(word: string, files: ReadonlyMap<string, string>): string {
  let out = word;
  for (const [path, real] of files) {
    const esc = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // The path as a whole argument: `-f PATH`, `map(PATH)`, `map_beg(PATH,default)`, `"PATH"`.
    out = out.replace(new RegExp(`(^|[(,"'])${esc}(?=$|[),"'])`, 'g'), (_m, pre: string) => pre + real);
  }
  return out;
}

function serverOptions(opts: readonly string[], scale: number): string {
  const out: string[] = [];
  for (let i = 0; i < opts.length; i++) {
    const o = opts[i]!;
    const drop = DROPPED_SERVER_OPTIONS.get(o);
    if (drop !== undefined) {
      i += drop;
      continue;
    }
    if ((o === 'pool-purge-delay' || o === 'inter' || o === 'fastinter' || o === 'downinter') && opts[i + 1] !== undefined) {
      const us = configDuration(opts[++i]!);
      out.push(o, us === null ? opts[i]! : us === 0 ? '0' : scaledMs(us, scale));
      continue;
    }
    out.push(o);
  }
  return out.length ? ' ' + out.join(' ') : '';
}

/** Whether any request of the script names its server (`to SERVER`). */
export function namesServers(stmts: readonly Statement[]): boolean {
  return stmts.some((s) => (s.kind === 'request' && s.to !== null) || (s.kind === 'repeat' && namesServers(s.body)));
}
