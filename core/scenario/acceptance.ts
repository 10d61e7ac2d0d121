/**
 * What the engine's real HAProxy says of each configuration line: the parser of HAProxy 1.9 (seed,
 * parent) or 2.6 (modern) refuses some lines the other accepts — `rspidel` and `reqrep` were removed
 * in 2.1, `default-path` came after 1.9. Such a line gets a warning that says so, with HAProxy's
 * reason and replacement, at that engine only; the simulation ignores the line as it ignores every
 * keyword it does not model. The version-independent checks (unknown words, values) are the
 * parser's. Works on the text, so sections the parser skips (ring, program …) are seen too. Pure.
 */
import type { EngineName, Span, Word } from './ast';
import { addedBy, ENGINE_VERSION, knownAt, outsideVersions, knownInSomeVersion, refusalReason, serverOptionArgsOf, type HaproxyVersion, type VersionContext } from './haproxy-versions';
import type { ModernVersion } from '../model/names';
import { keywordInfo } from './keywords';
import { lexLines } from './lexer';
import { directiveSpec } from './grammar/directives';
import { refused19 } from './grammar/http-check';
import { serverOptionSpec } from './grammar/server-options';
import type { RawDiagnostic } from './positions';

export { REFUSED_CODE } from './grammar/report';
import { REFUSED_CODE } from './grammar/report';

const PROXY_SECTIONS = new Set(['defaults', 'frontend', 'backend', 'listen']);
const PLAYGROUND = new Set(['servers', 'script', 'engine']);
/** Directives whose absence at an older engine is already said by compile.ts (their table entry's `engines`). */
const saidElsewhere = (kw: string): boolean => directiveSpec(kw)?.engines !== undefined;
/** The modern engine's server options (max-reuse, proto …): compile.ts says what older engines make of them. */
const isModernServerOption = (t: string): boolean => serverOptionSpec(t)?.modern !== undefined;

function span(a: Word, b: Word = a): Span {
  return { from: a.span.from, to: b.span.to };
}

/**
 * The refusal of HAProxy `v` for a name, in words, or null when it accepts it. A name known to
 * neither version is not judged here (the parser reports it). `release`: the release a modern
 * engine follows (`engine modern 3.4`), which knows the names it added to 2.6's.
 */
export function refusal(v: HaproxyVersion, ctx: VersionContext, name: string, shown = name, release?: ModernVersion): string | null {
  const later = v === '2.6' && release !== undefined && release !== '2.6' ? release : null;
  if (later && addedBy(later, ctx, name)) return null;
  const why = refusalReason(v, ctx, name);
  if (why) return `HAProxy ${v} refuses '${shown}': ${why.replace(/\.$/, '')}`;
  if (knownAt(v, ctx, name)) return null;
  if (!knownInSomeVersion(ctx, name)) {
    const o = outsideVersions(ctx, name);
    if (!o) return null;
    return `HAProxy ${later ?? v} refuses '${shown}': unknown keyword there (${o.when === 'former' ? `it was removed before 1.9; HAProxy ${o.release} knew it` : `it came later; HAProxy ${o.release} knows it`})`;
  }
  const other = v === '1.9' ? '2.6' : '1.9';
  const when = v === '1.9' ? 'it came in a later version' : 'it was removed after 1.9';
  const what = ctx === 'section' ? 'section' : ctx === 'option' ? 'option' : ctx === 'timeout' ? 'timeout' : ctx === 'server-option' ? 'server option' : 'keyword';
  return `HAProxy ${v} refuses '${shown}': unknown ${what} there (${when}; HAProxy ${other} knows it)`;
}

export function versionDiagnostics(text: string, engine: EngineName, release?: ModernVersion): RawDiagnostic[] {
  const v = ENGINE_VERSION[engine];
  // The names a later release added are known to an engine that follows it (refusal's `release`).
  const refused = (ctx: VersionContext, name: string, shown = name) => refusal(v, ctx, name, shown, engine === 'modern' ? release : undefined);
  const out: RawDiagnostic[] = [];
  const say = (s: Span, message: string, modelled = false) => {
    out.push({
      severity: 'warning', code: REFUSED_CODE, span: s,
      message: `${message}; ${modelled ? 'HAProxy would not start, the simulation applies it anyway' : 'ignored by the simulation'} (engine ${engine})`,
    });
  };
  let section: string | null = null;
  let anonymous = false;
  for (const ws of configLines(text)) {
    const head = ws[0]!.text;
    if (PLAYGROUND.has(head)) {
      section = head === 'engine' ? section : null;
      continue;
    }
    if (knownInSomeVersion('section', head) || outsideVersions('section', head)) {
      section = head;
      anonymous = head === 'defaults' && (ws.length === 1 || ws[1]!.text === 'from');
      const r = refused('section', head);
      const from = ws.findIndex((w, i) => i > 0 && w.text === 'from');
      if (r) say(span(ws[0]!), r);
      else if (v === '1.9' && PROXY_SECTIONS.has(head) && from > 0) {
        // A section line takes its name only at 1.9 (cfgparse.c:2801 at 7c6f8b146); `from` came in 2.4 (7c0b4d861).
        say(span(ws[from]!, ws[ws.length - 1]!), `HAProxy 1.9 refuses '${ws.slice(from).map((w) => w.text).join(' ')}' on the ${head} line: too many words on a section line (named defaults came in 2.4)`);
      } else if ((head === 'listen' || head === 'frontend') && ws.length > 2 && !(v === '2.6' && ws[2]!.text === 'from' && ws.length === 4)) {
        // Both parsers refuse the 1.x form `listen NAME ADDR:PORT` (cfgparse.c:2801-2805 at
        // 7c6f8b146, cfgparse-listen.c:271-275 at v2.6.0).
        say(span(ws[2]!, ws[ws.length - 1]!), `HAProxy ${v} refuses an address on the '${head}' line: "please use the 'bind' keyword for listening addresses"`);
      } else if (head === 'defaults' && v === '1.9' && ws.length > 2) {
        // 1.9 allows one word after `defaults` (cfgparse.c:2801 at 7c6f8b146; `from` came in 2.5).
        say(span(ws[2]!, ws[ws.length - 1]!), `HAProxy 1.9 refuses '${ws[2]!.text}' after the defaults name: too many words on a section line`);
      }
      continue;
    }
    if (section === 'global') {
      if (saidElsewhere(head)) continue;
      const r = refused('global', head);
      if (r) say(span(ws[0]!, ws[ws.length - 1]!), r, keywordInfo('global', head)?.modelled);
    } else if (section !== null && PROXY_SECTIONS.has(section)) {
      const no = section === 'defaults' ? notInDefaults(v, head, anonymous) : null;
      if (no) say(span(ws[0]!, ws[ws.length - 1]!), no);
      else proxyLine(v, ws, say, refused);
    }
  }
  return out;
}

/**
 * The words of each line outside the playground's `servers` and `script` sections (a script can be
 * 100,000 lines long: only its first word is looked at, to see where a section starts).
 */
function* configLines(text: string): Generator<readonly Word[]> {
  let inPlayground = false;
  const lineRe = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  for (let m = lineRe.exec(text); m && m[0] !== ''; m = lineRe.exec(text)) {
    const first = /^[ \t]*([^\s#]+)/.exec(m[0])?.[1];
    if (first === undefined) continue;
    if (inPlayground && !PLAYGROUND.has(first) && !knownInSomeVersion('section', first) && !outsideVersions('section', first)) continue;
    const [line] = lexLines(m[0], () => undefined);
    if (!line) continue;
    const ws = line.words.map((w) => ({ text: w.text, span: { from: w.span.from + m!.index, to: w.span.to + m!.index } }));
    if (PLAYGROUND.has(first) && first !== 'engine') inPlayground = true;
    else if (first !== 'engine' && (knownInSomeVersion('section', first) || outsideVersions('section', first))) inPlayground = false;
    yield ws;
  }
}

type Refused = (ctx: VersionContext, name: string, shown?: string) => string | null;

/** Keywords HAProxy refuses in any defaults section (cfgparse.c of 7c6f8b146, cfgparse-listen.c of v2.6.0). */
const NOT_IN_DEFAULTS: Record<HaproxyVersion, ReadonlySet<string>> = {
  '1.9': new Set(['acl', 'http-request', 'http-response', 'redirect', 'use_backend', 'use-server']),
  '2.6': new Set(['redirect', 'use_backend', 'use-server']),
};
/** Rules 2.5+ allows in a named defaults section only (cfgparse-listen.c:1231 of v2.6.0, tcp_rules.c). */
const NAMED_DEFAULTS_ONLY = new Set(['http-request', 'http-response', 'http-after-response', 'tcp-request', 'tcp-response']);

/** HAProxy's refusal of a keyword in a defaults section, or null. */
function notInDefaults(v: HaproxyVersion, kw: string, anonymous: boolean): string | null {
  if (NOT_IN_DEFAULTS[v].has(kw)) return `HAProxy ${v} refuses '${kw}' in a defaults section`;
  if (v !== '1.9' && anonymous && NAMED_DEFAULTS_ONLY.has(kw)) {
    return `HAProxy ${v} refuses '${kw}' in an anonymous defaults section: rules there need a named one (\`defaults NAME\`), which the proxies they are for name with \`from NAME\``;
  }
  return null;
}

function proxyLine(v: HaproxyVersion, all: readonly Word[], say: (s: Span, m: string, modelled?: boolean) => void, refused: Refused): void {
  // `no option X`, `default option X`: the same keyword, negated or reset.
  const ws = (all[0]!.text === 'no' || all[0]!.text === 'default') && all.length > 1 ? all.slice(1) : all;
  const kw = ws[0]!.text;
  const whole = span(all[0]!, all[all.length - 1]!);
  if (saidElsewhere(kw)) return;
  if ((kw === 'option' || kw === 'timeout') && ws[1]) {
    const name = ws[1].text;
    const r = refused(kw, name, `${kw} ${name}`);
    if (r) say(whole, r, keywordInfo(kw, name)?.modelled);
    return;
  }
  const r = refused('proxy', kw);
  if (r) return say(whole, r, keywordInfo('proxy', kw)?.modelled);
  // 1.9's http-check has three actions (the rules of 2.2 came later); an unknown one both refuse (the parser says so).
  const why = kw === 'http-check' && v === '1.9' && ws[1] ? refused19(ws[1].text) : null;
  if (why) say(whole, `HAProxy 1.9 refuses 'http-check ${ws[1]!.text}': ${why}`);
  if (kw === 'server' || kw === 'default-server') serverLine(ws, kw === 'server' ? 3 : 1, say, refused);
}

function serverLine(ws: readonly Word[], start: number, say: (s: Span, m: string) => void, refused: Refused): void {
  let i = start;
  while (i < ws.length) {
    const o = ws[i]!;
    const t = o.text;
    const info = keywordInfo('server-option', t);
    const args = info?.args ?? serverOptionArgsOf(t) ?? (t === 'source' ? null : 0);
    // Modern options at the older engines are said by compile.ts; `source` takes a variable tail.
    if (!isModernServerOption(t)) {
      const r = refused('server-option', t);
      if (r) say(span(o, ws[Math.min(i + (args ?? 0), ws.length - 1)]!), r);
    }
    if (args === null) return;
    i += 1 + (isModernServerOption(t) ? 1 : args);
  }
}
