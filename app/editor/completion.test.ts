import { describe, expect, it } from 'vitest';
import { clientNames, sectionAt, serverNames, suggestAt } from './completion';

const text = `# demo
engine seed
backend app
    http-reuse safe
    server s1 192.0.2.10:80
    server s2 192.0.2.11:80
servers
    s1 response-time 20ms
script
    open A h2
    open web[1..3] h1
    A GET /one
`;

const labels = (line: number, col: number, t = text) => suggestAt(t, line, col).map((s) => s.label);
const lineOf = (needle: string, t = text) => t.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('names', () => {
  it('finds servers and clients', () => {
    expect(serverNames(text)).toEqual(['s1', 's2']);
    expect(clientNames(text)).toEqual(['A', 'web[*]', 'web1', 'web2', 'web3']);
  });
});

describe('sectionAt', () => {
  it('uses the last header above', () => {
    const lines = text.split('\n');
    expect(sectionAt(lines, 0)).toBe('top');
    expect(sectionAt(lines, lineOf('http-reuse') - 1)).toBe('config');
    expect(sectionAt(lines, lineOf('response-time') - 1)).toBe('servers');
    expect(sectionAt(lines, lineOf('A GET') - 1)).toBe('script');
  });
});

describe('suggestAt', () => {
  it('offers `from` after a section name, then the defaults sections named above (named defaults, 2.4+)', () => {
    const t = 'defaults base\n    mode http\ndefaults tight from base\n    http-reuse never\nbackend api \nbackend web from \ndefaults from \n';
    expect(labels(5, 13, t)).toEqual(['from']);
    expect(labels(6, 18, t)).toEqual(['base', 'tight']);
    // An unnamed `defaults from …` takes a name above it too; the names below are not offered.
    expect(labels(7, 15, t)).toEqual(['base', 'tight']);
    expect(labels(3, 21, t)).toEqual(['base']);
  });

  it('offers engines after engine', () => {
    expect(labels(2, 8)).toEqual(['seed', 'parent', 'modern']);
  });
  it('offers reuse modes while typing the value', () => {
    const l = lineOf('http-reuse');
    expect(labels(l, '    http-reuse sa'.length + 1)).toEqual(['never', 'safe', 'aggressive', 'always']);
  });
  it('offers every keyword of HAProxy 1.9 and 2.6 from core\'s table, the modelled ones first', () => {
    const t = 'global\n    \nbackend app\n    \n    option \n    server s1 192.0.2.10:80 \n';
    expect(labels(2, 5, t)).toEqual(expect.arrayContaining(['default-path', 'nbthread', 'tune.h2.max-concurrent-streams']));
    expect(labels(2, 5, t)).not.toContain('http-reuse');
    const proxy = labels(4, 5, t);
    expect(proxy.indexOf('http-reuse')).toBeLessThan(proxy.indexOf('http-after-response'));
    expect(proxy).toEqual(expect.arrayContaining(['rspidel', 'stick-table', 'compression']));
    expect(labels(5, 12, t)).toEqual(expect.arrayContaining(['http-keep-alive', 'forwardfor', 'httpchk']));
    expect(labels(6, 33, t)).toEqual(expect.arrayContaining(['send-proxy', 'alpn', 'check']));
  });
  it('offers directives at the start of a config line and statements in the script', () => {
    expect(labels(lineOf('http-reuse'), 5)).toContain('http-reuse');
    const s = labels(lineOf('A GET'), 5);
    expect(s).toEqual(expect.arrayContaining(['open', 'wait', 'A', 'web[*]', 's1']));
  });
  it('offers server properties and durations in servers', () => {
    const l = lineOf('response-time');
    expect(labels(l, '    s1 '.length + 1)).toContain('idle-timeout');
    expect(labels(l, '    s1 response-time '.length + 1)).toContain('20ms');
  });
  it('follows a request: methods, options, servers after to, statuses after ->', () => {
    const t = text + '    A \n    A GET /x \n    A GET /x to \n    A GET /x -> \n    A GET /x -> 401 \n    open B \n';
    expect(labels(lineOf('    A ', t) + 1, 7, t)).toContain('GET'); // "    A " line after "A GET /one"
    expect(labels(lineOf('A GET /x ', t), 14, t)).toEqual(['->', 'to', 'close', 'takes', 'host', 'header', '&']);
    expect(labels(lineOf('to ', t), 17, t)).toEqual(['s1', 's2']);
    expect(labels(lineOf('-> ', t), 17, t)).toContain('401');
    expect(labels(lineOf('-> 401', t), 21, t)).toEqual(expect.arrayContaining(['ntlm', 'close']));
    expect(labels(lineOf('open B', t), 12, t)).toEqual(['h1', 'h2']);
    const o = text + '    open C h2 \n';
    expect(labels(lineOf('open C h2', o), 15, o)).toEqual(['to', 'from', 'tls', 'sni']); // `to`: the frontend a client enters
    const p = text + '    open D h1 to \n';
    expect(labels(lineOf('open D h1 to', p), 18, p)).toEqual([]); // a port or a frontend name follows, not another option
  });
  it('offers idle/all after SERVER close, and nothing in comments', () => {
    const t = text + '    s1 close \n    # A \n';
    expect(labels(lineOf('s1 close', t), 14, t)).toEqual(['idle', 'all']);
    expect(labels(lineOf('# A', t), 8, t)).toEqual([]);
  });
});

describe('wordContextAt', async () => {
  const { wordContextAt } = await import('./completion');
  it('names the keyword-table context of a word', () => {
    expect(wordContextAt(text, 2, 1)).toEqual({ context: 'section' });
    expect(wordContextAt(text, 2, 8)).toEqual({ context: 'engine' });
    expect(wordContextAt(text, lineOf('http-reuse'), 5)).toEqual({ context: 'proxy' });
    expect(wordContextAt(text, lineOf('http-reuse'), 16)).toEqual({ context: 'proxy', documentedBy: 'http-reuse' });
    expect(wordContextAt(text, lineOf('server s1'), 30)).toEqual({ context: 'server-option' });
    expect(wordContextAt(text, lineOf('response-time'), 8)).toEqual({ context: 'servers' });
    expect(wordContextAt(text, lineOf('open A'), 5)).toEqual({ context: 'script' });
    expect(wordContextAt(text, 1, 3)).toBeNull();
  });
  it('distinguishes global from proxy directives', () => {
    const t = 'global\n    maxconn 10\nbackend b\n    maxconn 10\n';
    expect(wordContextAt(t, 2, 5)).toEqual({ context: 'global' });
    expect(wordContextAt(t, 4, 5)).toEqual({ context: 'proxy' });
  });
});
