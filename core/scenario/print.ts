/**
 * Canonical text of a scenario: the engine line, configuration sections with 4-space-indented
 * directives (words as written), `servers`, and `script` with repeat bodies indented. Durations
 * are printed in their largest exact unit. parseScenario(printScenario(ast)) gives back `ast`
 * (spans aside) for any AST the parser produced. Pure.
 */
import type { ClientRef, ConfigSection, ScenarioAst, ServerStatement, Statement } from './ast';
import { printServerBehaviour } from './grammar/server-props';
import { formatDuration } from './lexer';

const INDENT = '    ';

export function printScenario(ast: ScenarioAst): string {
  const blocks: string[] = [];
  // Parameters first (a counted sweep as its list of values); the text below them shows the
  // values this AST was parsed with, where `$NAME` was written.
  const head = (ast.params ?? []).map((p) => `${p.swept ? 'sweep' : 'param'} ${p.name.text} ${p.values.join(' ')}`);
  if (ast.seed) head.push(`seed ${ast.seed.value}`);
  if (ast.plot) head.push(`plot ${ast.plot.metric}`);
  if (head.length > 0) blocks.push(head.join('\n'));
  // An engine chosen by a parameter named engine has no line of its own.
  const fromParam = ast.params?.some((p) => p.name.text === 'engine' && ast.engine?.span === p.span);
  if (ast.engine && !fromParam) blocks.push(`engine ${ast.engine.text}`);
  for (const s of ast.config) blocks.push(printSection(s));
  for (const f of ast.files ?? []) blocks.push([`file ${f.path.text}`, ...f.lines.map((l) => INDENT + l.text)].join('\n'));
  if (ast.servers.length > 0) blocks.push(['servers', ...ast.servers.map((s) => INDENT + printServer(s))].join('\n'));
  if (ast.script.length > 0) {
    const lines = ['script'];
    for (const st of ast.script) printStatement(st, INDENT, lines);
    blocks.push(lines.join('\n'));
  }
  return blocks.length > 0 ? `${blocks.join('\n\n')}\n` : '';
}

function printSection(s: ConfigSection): string {
  const head = s.name ? `${s.kind} ${s.name.text}` : s.kind;
  return [head, ...s.directives.map((d) => INDENT + d.words.map((w) => w.text).join(' '))].join('\n');
}

function printServer(s: ServerStatement): string {
  return printServerBehaviour(s.server.text, s.behaviour);
}

export function printClientRef(c: ClientRef): string {
  switch (c.kind) {
    case 'one':
      return c.name;
    case 'range':
      return `${c.prefix}[${c.from}..${c.to}]`;
    case 'all':
      return `${c.prefix}[*]`;
  }
}

/** One statement (a repeat adds its body and closing brace) at `indent`, appended to `out`. */
export function printStatement(st: Statement, indent: string, out: string[]): void {
  switch (st.kind) {
    case 'open':
      out.push(`${indent}open ${printClientRef(st.clients)} ${st.proto}${st.from ? ` from ${st.from.text}` : ''}${st.tls ? ` tls${st.tls.sni ? ` sni ${st.tls.sni.text}` : ''}` : ''}${st.to ? ` to ${st.to.text}` : ''}`);
      return;
    case 'close':
      out.push(`${indent}close ${printClientRef(st.clients)}`);
      return;
    case 'wait':
      out.push(`${indent}wait ${formatDuration(st.us)}`);
      return;
    case 'await':
      out.push(`${indent}await`);
      return;
    case 'server-close':
      out.push(`${indent}${st.server.text} close ${st.what}`);
      return;
    case 'repeat':
      out.push(`${indent}repeat ${st.count} {`);
      for (const b of st.body) printStatement(b, indent + INDENT, out);
      out.push(`${indent}}`);
      return;
    case 'request': {
      const parts = [printClientRef(st.clients), st.method, st.path];
      // The request's own `close` goes before `->`: after it, `close` would belong to the answer.
      if (st.close) parts.push('close');
      if (st.response) {
        parts.push('->', String(st.response.status));
        if (st.response.auth) parts.push(st.response.auth);
        if (st.response.close) parts.push('close');
      }
      if (st.to) parts.push('to', st.to.text);
      if (st.host) parts.push('host', st.host.text);
      for (const h of st.headers ?? []) parts.push('header', h.text);
      if (st.takesUs !== null) parts.push('takes', formatDuration(st.takesUs));
      if (st.background) parts.push('&');
      out.push(indent + parts.join(' '));
      return;
    }
    case 'arrive': {
      const req: string[] = [];
      printStatement({ ...st.request, background: false }, '', req);
      // The request line without its client group: `user[*] GET /x …` → `GET /x …`.
      const line = req[0]!.slice(req[0]!.indexOf(' ') + 1);
      const parts = [`arrive ${st.name} rate ${st.rate}/s for ${formatDuration(st.forUs)} ${st.proto} ${line}`];
      if (st.requests !== 1) parts.push(`requests ${st.requests}`);
      if (st.thinkUs !== 0) parts.push(`think ${formatDuration(st.thinkUs)}`);
      if (st.background) parts.push('&');
      out.push(indent + parts.join(' '));
      return;
    }
  }
}
