/**
 * Reading the options of a `server` or `default-server` line: the modelled ones by their entry in
 * grammar/server-options.ts, the real but ignored ones by the keyword table (their value counts).
 * Pure.
 */
import type { ServerOptions, Word } from '../ast';
import { ignoredConsequence, keywordInfo, namesIn, serverOptionFamilyArgs } from '../keywords';
import { suggest } from '../suggest';
import { cover, REFUSED_CODE, Silent, type Report } from './report';
import { SERVER_OPTION_BY_NAME, type ServerOptionsAcc } from './server-options';

const SILENT = new Silent();

/**
 * The options of a `server` line (from ws[3]) or a `default-server` line (from ws[1], `defaults`).
 * A default-server line's options apply to the server lines below it (compile.ts), but `id`: HAProxy
 * refuses it there (its keyword is not default_ok: server.c:1765 of v2.6.0, server.c:1203 at 1.9).
 * Reports on `r`; after an error that breaks the line, reads on without a word.
 */
export function readServerOptions(ws: readonly Word[], start: number, r: Report, defaults: boolean): ServerOptions {
  const o: ServerOptionsAcc = { classic: [], id: null, modern: [], health: [] };
  let rep = r;
  let ignored: Word[] = [];
  let ignoredEnd: Word | null = null;
  // One warning per run of ignored options, so that it does not cover a modern option (which
  // compile may warn about on its own).
  const flush = () => {
    if (ignored.length === 0) return;
    const names = ignored.map((w) => w.text);
    const why = names.map((n) => ignoredConsequence('server-option', n)).find((c) => c !== undefined);
    rep.warn('ignored-server-option', cover(ignored[0]!, ignoredEnd!), `server option${names.length > 1 ? 's' : ''} ${names.map((n) => `'${n}'`).join(', ')} ${names.length > 1 ? 'are' : 'is'} ignored by the simulation${why ? `. ${why}` : ''}`);
    ignored = [];
  };
  let i = start;
  while (i < ws.length) {
    const w = ws[i]!;
    const spec = SERVER_OPTION_BY_NAME.get(w.text);
    if (spec && defaults && spec.name === 'id') {
      flush();
      const end = ws[Math.min(i + 1, ws.length - 1)]!;
      rep.warn(REFUSED_CODE, cover(w, end), `HAProxy refuses 'id' on a default-server line ("'id' option is not accepted in default-server sections"); ignored by the simulation`);
      i += 2;
      continue;
    }
    if (spec) {
      if (spec.modern || spec.warnsAlone) flush();
      // TLS itself is not simulated: the option counts only for connection reuse (its doc).
      if (spec.name === 'ssl') rep.warn('not-modelled', w.span, `'ssl': the TLS handshake is not simulated (a connection costs what a cleartext one does); at engine modern 3.4 it makes the SNI part of the connection's reuse hash`);
      const { next, fatal } = spec.read(ws, i, o, rep);
      if (fatal) rep = SILENT;
      i = next;
      continue;
    }
    const info = keywordInfo('server-option', w.text);
    const noFlag = w.text.startsWith('no-') && keywordInfo('server-option', w.text.slice(3)) !== undefined;
    const args = info ? (info.args ?? 0) : noFlag ? 0 : serverOptionFamilyArgs(w.text);
    if (args === undefined) {
      rep.error('unknown-server-option', w.span, `unknown server option '${w.text}'`, 'a server option such as send-proxy, sni, source, disabled, check or weight', suggest(w.text, namesIn('server-option')));
      i++;
      continue;
    }
    if (args > 0 && !ws[i + args]) {
      rep.error('missing-argument', w.span, `missing value after server option '${w.text}'; expected a value`, 'a value');
      break;
    }
    ignored.push(w);
    ignoredEnd = ws[i + args]!;
    i += 1 + args;
  }
  flush();
  return o;
}
