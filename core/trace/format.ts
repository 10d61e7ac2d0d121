import type { TraceEvent } from './events';

const who = (e: TraceEvent) => e.request ?? e.stream ?? e.session ?? e.client ?? '';

/** A holder named with its kind: streams are `<session>/<n>` (parent), sessions are named after their client. */
const holderName = (h: string | undefined) => (h === undefined ? 'nobody' : h.includes('/') ? `stream ${h}` : `session ${h}`);

/**
 * One plain-language sentence for an event (the log and the why panel use it), without its final
 * full stop. It always starts with a word, never with an id: ids (`r1`, `c1`, client and server
 * names) are case-sensitive and some look like decision ids (R1, C1), so `sentence` may capitalise
 * the first letter without changing what an id says.
 */
export function describeEvent(e: TraceEvent): string {
  const c = `connection ${e.conn ?? '?'}`;
  const req = `request ${e.request ?? '?'}`;
  switch (e.kind) {
    case 'client.open':
      return e.decision === 'FE2'
        ? `HAProxy accepts client ${e.client}'s connection from the listen backlog (${e.proto === 'h2' ? 'HTTP/2' : 'HTTP/1.1'}); session ${e.session} is created`
        : `client ${e.client} connects over ${e.proto === 'h2' ? 'HTTP/2' : 'HTTP/1.1'}; session ${e.session} is created`;
    case 'client.wait':
      return `client ${e.client} connects over ${e.proto === 'h2' ? 'HTTP/2' : 'HTTP/1.1'}, but HAProxy does not accept the connection yet (maxconn reached): it waits in the listen backlog, its requests unread`;
    case 'client.close':
      return e.closer === 'client'
        ? `client ${e.client} closes its connection${e.message ? ` (${e.message})` : ''}`
        : `HAProxy closes client ${e.client}'s connection${e.message ? ` (${e.message})` : ''}`;
    case 'session.end':
      return `session ${e.session} is freed`;
    case 'stream.open':
      return `stream ${e.stream} opens`;
    case 'stream.close':
      return `stream ${e.stream} closes`;
    case 'request.send':
      return `client ${e.client} sends ${e.method ?? 'GET'} ${e.path ?? '/'} as request ${e.request} on stream ${e.stream}${e.decision === 'T1' ? ' (a new HTTP/2 stream: a first request)' : ''}`;
    case 'route':
      return e.decision === 'B3'
        ? `request ${e.request} goes to backend ${e.backend} (the only one)`
        : `request ${e.request}${e.frontend ? ` (frontend ${e.frontend})` : ''} goes to backend ${e.backend}${e.rule ? ` (${e.decision === 'B1' ? 'use_backend' : 'default_backend'} on config line ${e.rule})` : e.decision === 'B2' ? ' (the listen itself)' : ''}`;
    case 'answer':
      // With a rule, its text is in `message` (the why panel shows it beside the line); without, why it is 503.
      if (e.status === undefined) return `HAProxy${e.frontend ? ` (frontend ${e.frontend})` : ''} closes the connection of request ${e.request} without a response (${e.answeredBy}${e.rule ? `, config line ${e.rule}` : ''})`;
      return `HAProxy${e.frontend ? ` (frontend ${e.frontend})` : ''} answers request ${e.request} itself with ${e.status} (${e.answeredBy}${e.rule ? `, config line ${e.rule}` : ''})${e.message && !e.rule ? `: ${e.message}` : ''}`;
    case 'mode':
      return e.decision === 'C2'
        ? `the server answers Connection: close: request ${e.request} becomes server-close`
        : `${req} runs in ${e.mode} mode`;
    case 'assign':
      return `${req} goes to server ${e.server}`;
    case 'reuse.own':
      return `${req} reuses its own ${c}`;
    case 'reuse.search':
      return `${req} has no usable connection of its own${e.conn ? ` (connection ${e.conn})` : ''}: server ${e.server}'s lists are searched`;
    case 'reuse.pick':
      return `${req} takes ${c} from server ${e.server}'s ${e.list} list`;
    case 'reuse.none':
      return `nothing may be taken from server ${e.server}'s lists for ${req}`;
    case 'reuse.cancel':
      return `dynamic source address for ${req}: reuse of ${c} is cancelled`;
    case 'keep-old':
      return `${c} stays out of disposal although it is not reused`;
    case 'swap':
      return `swap: ${holderName(e.holder)} loses ${c} and receives connection ${e.otherConn} instead`;
    case 'dispossess':
      return `${holderName(e.holder)} loses ${c} and gets nothing back${e.otherConn ? ` (connection ${e.otherConn} is kept by nobody)` : ''}`;
    case 'give-up':
      return `old ${c} is given up`;
    case 'adopt':
      return `${holderName(e.holder)} now owns ${c}${e.flag === 'orphaned' ? `; connection ${e.otherConn} is left orphaned` : ''}`;
    case 'attach':
      return `${req} is attached to ${c} (reused)`;
    case 'detach':
      return `${c} is detached from ${holderName(e.holder)}`;
    case 'conn.new':
      return e.request === undefined && e.stream !== undefined ? `new ${c} to server ${e.server} for stream ${e.stream}` : `new ${c} to server ${e.server} for ${req}`;
    case 'conn.connected':
      return `${c} is connected to server ${e.server}`;
    case 'conn.private':
      return `${c} becomes private`;
    case 'list.remove':
      return `${c} leaves server ${e.server}'s ${e.list} list`;
    case 'list.add':
      return `${c} goes to the head of server ${e.server}'s ${e.list} list`;
    case 'list.keep':
      return `${c} stays in server ${e.server}'s ${e.list} list`;
    case 'request.forward':
      return `${req} is sent to server ${e.server} on ${c}`;
    case 'response':
      return `server ${e.server} answers ${req} with ${e.status}${e.message ? ` (${e.message})` : ''}`;
    case 'txn.end':
      // The modern engine's mD1-mD3 and mD6 (a dropped response) say by their keep-alive condition whether the connection stays.
      return e.decision === 'K1' || e.decision === 'pK1' ||
        (/^mD[1236]$/.test(e.decision) && e.conds?.some((x) => x.label === 'keep-alive' && x.value === true) && !e.conds.some((x) => x.label === 'private' && x.value === true))
        ? `${req} ends; ${c} is kept open`
        : `${req} ends; ${c} is closed${e.decision === 'K3' ? ' (nobody owns it)' : ''}`;
    case 'txn.next':
      return `the next request on stream ${e.stream} will be a subsequent one`;
    case 'conn.server-close':
      return `server ${e.server} closes ${c}${e.message ? ` (${e.message})` : ''}`;
    case 'conn.doomed':
      return `${c} is busy: its destruction waits until its request ends`;
    case 'unlink':
      return `${holderName(e.holder)} forgets ${c}: its srv_conn becomes none`;
    case 'conn.destroy':
      return `${c} is destroyed${e.closer === 'server' ? ' (closed by the server)' : ''}`;
    case 'request.done':
      return `${req} completes with ${e.status}`;
    case 'request.error':
      return `${req} fails: ${e.error}`;
    case 'server.check':
      return `health check of server ${e.server}: ${e.message}`;
    case 'note':
      return e.message ?? 'note';
  }
}

/** The event as a sentence: capitalised and ended with a full stop (the first word is never an id). */
export function describeSentence(e: TraceEvent): string {
  const s = describeEvent(e);
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
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

export function traceToText(trace: Iterable<TraceEvent>): string {
  return Array.from(trace, formatEvent).join('\n');
}
