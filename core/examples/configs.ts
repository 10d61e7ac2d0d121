/**
 * Configuration examples for the examples menu: haproxy.cfg features beyond the reuse policies
 * that change which connection a request gets. Each is recorded against the real binary
 * (core/test/real-examples/ID.real.json: the card shows the agreement), and its feature is checked
 * by the verify tests (scripts/verify/cookie-persistence.test.ts, connect-retries.test.ts,
 * hash-balance.test.ts, maxconn.test.ts, stick.test.ts, tcp-mode.test.ts, health.test.ts, conn-hash.test.ts,
 * named-defaults.test.ts, set-src.test.ts, idle-purge.test.ts, retry-on.test.ts). Same
 * shape as the teaching examples.
 */
import { example, type Example } from './example';
import cookie from './config-cookie-persistence.scenario?raw';
import retries from './config-connect-retries.scenario?raw';
import hashUri from './config-hash-uri.scenario?raw';
import maxconn from './config-maxconn-queue.scenario?raw';
import frontendMaxconn from './config-frontend-maxconn.scenario?raw';
import abortOnClose from './config-abortonclose.scenario?raw';
import upgrade34 from './config-upgrade-34.scenario?raw';
import appSessions from './config-app-sessions.scenario?raw';
import modeTcp from './config-mode-tcp.scenario?raw';
import healthChecks from './config-health-checks.scenario?raw';
import httpCheckExpect from './config-http-check-expect.scenario?raw';
import healthDrain from './config-health-drain.scenario?raw';
import sniPools from './config-sni-pools.scenario?raw';
import strictMaxconn from './config-strict-maxconn.scenario?raw';
import namedDefaults from './config-named-defaults.scenario?raw';
import idlePurge from './config-idle-purge.scenario?raw';
import retryOn from './config-retry-on.scenario?raw';

export const CONFIG_EXAMPLES: Example[] = [
  example(
    'config-cookie-persistence',
    cookie,
    'With `cookie SRV insert`, each client goes back to the server its first response named,\nand keeps reusing its connection there; roundrobin alone moves it every request.',
    ['config', 'cookie', 'h1', 'safe'],
  ),
  example(
    'config-connect-retries',
    retries,
    'A server refuses connections: `retries` tries again, and `option redispatch` sends\nthe retry to another server, so the client gets a 200 instead of a 503.',
    ['config', 'retries', 'redispatch', 'h1'],
  ),
  example(
    'config-hash-uri',
    hashUri,
    'With `balance uri` on a consistent-hash ring, a path always goes to the same cache,\nwhoever asks, and the clients share that cache\'s connections.',
    ['config', 'balance', 'hash', 'h1', 'safe'],
  ),
  example(
    'config-maxconn-queue',
    maxconn,
    'With `maxconn 2` on each server, the fifth and sixth requests wait in the queue for a slot;\n`timeout queue` answers 503 to the one that would wait too long.',
    ['config', 'maxconn', 'queue', 'h1', 'safe'],
  ),
  example(
    'config-frontend-maxconn',
    frontendMaxconn,
    'With `maxconn 2` on the frontend, the third and fourth clients wait in the listen backlog,\ntheir requests unread, until a client leaves; then they reuse the connection it left idle.',
    ['config', 'maxconn', 'frontend', 'h1', 'always'],
  ),
  example(
    'config-abortonclose',
    abortOnClose,
    'With `option abortonclose`, an HTTP/2 client that leaves aborts its slow request: HAProxy closes\nthat server connection at once; without it, the response is dropped and the connection reused.',
    ['config', 'abortonclose', 'h2', 'always'],
  ),
  example(
    'config-upgrade-34',
    upgrade34,
    'Upgrading to HAProxy 3.4: `option abortonclose` is on by default, so a client that leaves now takes its server\nconnection with it. Pick modern 3.2 in the Engine menu to see the connection finish and serve the next client.',
    ['config', 'version', '3.4', 'abortonclose', 'h1', 'always'],
  ),
  example(
    'config-app-sessions',
    appSessions,
    'The application starts sessions (Set-Cookie JSESSIONID) and one stick table, used by two backends,\nkeeps each session on its server: a session started on app2 by a page stays on app2 for the API.',
    ['config', 'stick', 'cookie', 'h1', 'safe'],
  ),
  example(
    'config-mode-tcp',
    modeTcp,
    'In `mode tcp` HAProxy reads no request: each client connection gets its own server connection\nwhen it connects, keeps it for every request and closes it when it leaves; nothing is reused.',
    ['config', 'mode tcp', 'tcp', 'h1', 'always'],
  ),
  example(
    'config-health-checks',
    healthChecks,
    'A server restarts: its health checks fail, HAProxy marks it DOWN and roundrobin leaves it out;\nwhen they pass again it is UP and takes requests — without `check`, they would wait for retries and fail.',
    ['config', 'check', 'health', 'h1', 'safe'],
  ),
  example(
    'config-http-check-expect',
    httpCheckExpect,
    'A server stays up but its application answers 503: HTTP checks that expect 200 mark it DOWN\nand its share goes elsewhere — a plain connect check would keep it, and its clients would get 503.',
    ['config', 'check', 'health', 'http-check', 'h1', 'safe'],
  ),
  example(
    'config-health-drain',
    healthDrain,
    'A server goes into maintenance: its health page answers 404 and `http-check disable-on-404` drains it —\nnew clients go elsewhere, the client its cookie names stays — where a failed check would move everyone.',
    ['config', 'check', 'health', 'drain', 'cookie', 'h1', 'safe'],
  ),
  example(
    'config-sni-pools',
    sniPools,
    'With `sni req.hdr(host)` the SNI is part of a connection\'s reuse hash: a connection serves one site only,\nand the second site\'s connections are closed by the idle pool after each response.',
    ['config', 'sni', 'pool', 'h1', 'always'],
  ),
  example(
    'config-strict-maxconn',
    strictMaxconn,
    'HAProxy 3.2+: `strict-maxconn` keeps a server at `maxconn` connections, idle ones included —\nat the limit it closes every idle connection first, so the next requests open new ones.',
    ['config', 'maxconn', 'pool', 'h1', 'safe', '3.4'],
  ),
  example(
    'config-named-defaults',
    namedDefaults,
    'Named defaults (`backend api from pooled`): each section starts from the defaults it names, and the\nfrontend\'s defaults run its rules first — the client address from X-Forwarded-For, /admin denied outside.',
    ['config', 'defaults', 'set-src', 'h1', 'always', 'never'],
  ),
  example(
    'config-idle-purge',
    idlePurge,
    'Every timeout is 60 s, yet the idle server connection closes after 11 s: no timeout does it, the purge of\nidle connections does (`pool-purge-delay`, 5 s by default) — set it to 30s and the connection stays.',
    ['config', 'pool', 'purge', 'timeout', 'h1', 'safe', '3.0'],
  ),
  example(
    'config-retry-on',
    retryOn,
    'The server closes the connection a request is waiting on: without `retry-on` HAProxy closes the client\'s\nconnection silently; with `retry-on empty-response` it sends the request again on a new one.',
    ['config', 'retry-on', 'retries', 'h1', 'safe'],
  ),
];
