import type { TraceEvent } from './events';

const who = (e: TraceEvent) => e.request ?? e.stream ?? e.session ?? e.client ?? '';

/** One plain-language sentence for an event (the log and the why panel use it). */
export function describeEvent(e: TraceEvent): string {
  const c = e.conn ?? '?';
  switch (e.kind) {
    case 'client.open':
      return `client ${e.client} connects over ${e.proto === 'h2' ? 'HTTP/2' : 'HTTP/1.1'}; session ${e.session} is created`;
    case 'client.close':
      return e.closer === 'client'
        ? `client ${e.client} closes its connection`
        : `HAProxy closes client ${e.client}'s connection${e.message ? ` (${e.message})` : ''}`;
    case 'session.end':
      return `session ${e.session} is freed`;
    case 'stream.open':
      return `stream ${e.stream} opens`;
    case 'stream.close':
      return `stream ${e.stream} closes`;
    case 'request.send':
      return `${e.client} sends ${e.method ?? 'GET'} ${e.path ?? '/'} as ${e.request} on stream ${e.stream}${e.decision === 'T1' ? ' (a new HTTP/2 stream: a first request)' : ''}`;
    case 'route':
      return e.decision === 'B3'
        ? `${e.request} goes to backend ${e.backend} (the only one)`
        : `${e.request} goes to backend ${e.backend}${e.rule ? ` (${e.decision === 'B1' ? 'use_backend' : 'default_backend'} on config line ${e.rule})` : e.decision === 'B2' ? ' (the listen itself)' : ''}`;
    case 'answer':
      return `HAProxy answers ${e.request} itself with ${e.status} (${e.answeredBy}${e.rule ? `, config line ${e.rule}` : ''})${e.message ? `: ${e.message}` : ''}`;
    case 'mode':
      return e.decision === 'C2'
        ? `the server answers Connection: close: ${e.request} becomes server-close`
        : `${e.request} runs in ${e.mode} mode`;
    case 'assign':
      return `${e.request} goes to server ${e.server}`;
    case 'reuse.own':
      return `${e.request} reuses its own connection ${c}`;
    case 'reuse.search':
      return `${e.request}: no usable own connection${e.conn ? ` (${e.conn})` : ''}; search ${e.server}'s lists`;
    case 'reuse.pick':
      return `${e.request} takes ${c} from ${e.server}'s ${e.list} list`;
    case 'reuse.none':
      return `${e.request}: nothing may be taken from ${e.server}'s lists`;
    case 'reuse.cancel':
      return `${e.request}: dynamic source address: reuse of ${c} cancelled`;
    case 'keep-old':
      return `${c} stays out of disposal although it is not reused`;
    case 'swap':
      return `swap: ${e.holder} loses ${c} and receives ${e.otherConn} instead`;
    case 'dispossess':
      return `${e.holder} loses ${c} and gets nothing back${e.otherConn ? ` (${e.otherConn} is kept by nobody)` : ''}`;
    case 'give-up':
      return `old connection ${c} is given up`;
    case 'adopt':
      return `${e.holder} now owns ${c}${e.flag === 'orphaned' ? `; ${e.otherConn} is left orphaned` : ''}`;
    case 'attach':
      return `${e.request} is attached to ${c} (reused)`;
    case 'detach':
      return `${c} is detached from stream ${e.holder}`;
    case 'conn.new':
      return `new connection ${c} to ${e.server} for ${e.request}`;
    case 'conn.connected':
      return `${c} is connected to ${e.server}`;
    case 'conn.private':
      return `${c} becomes private`;
    case 'list.remove':
      return `${c} leaves ${e.server}'s ${e.list} list`;
    case 'list.add':
      return `${c} goes to the head of ${e.server}'s ${e.list} list`;
    case 'list.keep':
      return `${c} stays in ${e.server}'s ${e.list} list`;
    case 'request.forward':
      return `${e.request} is sent to ${e.server} on ${c}`;
    case 'response':
      return `${e.server} answers ${e.request} with ${e.status}${e.message ? ` (${e.message})` : ''}`;
    case 'txn.end':
      return e.decision === 'K1' || e.decision === 'pK1'
        ? `${e.request} ends; ${c} is kept open`
        : `${e.request} ends; ${c} is closed${e.decision === 'K3' ? ' (nobody owns it)' : ''}`;
    case 'txn.next':
      return `the next request on ${e.stream} will be a subsequent one`;
    case 'conn.server-close':
      return `${e.server} closes ${c}${e.message ? ` (${e.message})` : ''}`;
    case 'conn.doomed':
      return `${c} is busy: its destruction waits until its request ends`;
    case 'unlink':
      return `session ${e.holder} forgets ${c}: its srv_conn becomes none`;
    case 'conn.destroy':
      return `${c} is destroyed${e.closer === 'server' ? ' (closed by the server)' : ''}`;
    case 'request.done':
      return `${e.request} completes with ${e.status}`;
    case 'request.error':
      return `${e.request} fails: ${e.error}`;
    case 'note':
      return e.message ?? 'note';
  }
}

const ms = (us: number) => (us / 1000).toFixed(3).replace(/\.?0+$/, '');

/** One stable line per event, for the CLI and for tests: `t=<ms> <actor> <what> [<ID>] (conn=… server=… list=…)`. */
export function formatEvent(e: TraceEvent): string {
  const extra: string[] = [];
  if (e.conn) extra.push(`conn=${e.conn}`);
  if (e.server) extra.push(`server=${e.server}`);
  if (e.backend && (e.kind === 'route' || e.kind === 'answer')) extra.push(`backend=${e.backend}`);
  if (e.list) extra.push(`list=${e.list}`);
  if (e.holder) extra.push(`holder=${e.holder}`);
  if (e.gap) extra.push(`gap=${e.gap}`);
  if (e.flag) extra.push(`!${e.flag}`);
  return `t=${ms(e.t)} ${who(e) || '-'} ${e.kind} -> ${describeEvent(e)} [${e.decision}]${extra.length ? ` (${extra.join(' ')})` : ''}`;
}

export function traceToText(trace: readonly TraceEvent[]): string {
  return trace.map(formatEvent).join('\n');
}
