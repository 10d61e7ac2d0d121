/**
 * Sweep scenarios for the examples menu (issue 18): one scenario, one run per combination of its
 * `sweep` lines, read as a chart (the page's sweep panel) or a table (`npm run sim -- FILE --csv`).
 */
import { example, type Example } from './example';
import poolMaxConn from './sweep-pool-max-conn.scenario?raw';
import enginesClients from './sweep-engines-clients.scenario?raw';
import maxconnLatency from './sweep-maxconn-latency.scenario?raw';
import globalMaxconn from './sweep-global-maxconn.scenario?raw';
import minconnFullconn from './sweep-minconn-fullconn.scenario?raw';
import modeTcp from './sweep-mode-tcp.scenario?raw';
import healthChecks from './sweep-health-checks.scenario?raw';

export const SWEEP_EXAMPLES: Example[] = [
  example(
    'sweep-pool-max-conn',
    poolMaxConn,
    'pool-max-conn 0 to 100 under two waves of 100 HTTP/1 clients (modern engine):\nthe pool keeps that many idle connections for the next wave; `always` reuses them for first requests too.',
    ['sweep', 'modern', 'pool-max-conn', 'safe', 'always'],
  ),
  example(
    'sweep-engines-clients',
    enginesClients,
    'Connections opened by 10 to 100 HTTP/2 clients, three requests each, under seed, parent and modern:\nparent opens one per request, seed and modern one per client; only modern keeps them idle at the end.',
    ['sweep', 'h2', 'safe', 'parent-vs-seed', 'modern'],
  ),
  example(
    'sweep-maxconn-latency',
    maxconnLatency,
    'Server maxconn 1 to 10 under a burst of 40 HTTP/1 clients (modern engine): a server opens\nno more connections than its maxconn, and the requests beyond it wait in the queue (p95).',
    ['sweep', 'modern', 'maxconn', 'queue', 'always'],
  ),
  example(
    'sweep-global-maxconn',
    globalMaxconn,
    'Clients 2 to 40 against a global maxconn of 20 or 1000 (modern engine): at 20, clients past 20 wait in the\nbacklog, and well before that the descriptor threshold it sets stops HAProxy keeping idle connections.',
    ['sweep', 'modern', 'maxconn', 'global', 'always'],
  ),
  example(
    'sweep-minconn-fullconn',
    minconnFullconn,
    'Servers of minconn 2 and maxconn 20 under 4 to 40 HTTP/1 clients, with fullconn 10, 40 or 400 (modern engine):\nthe limit grows with the requests in the backend; a large fullconn keeps the servers near minconn, and the clients wait.',
    ['sweep', 'modern', 'maxconn', 'minconn', 'fullconn', 'queue'],
  ),
  example(
    'sweep-mode-tcp',
    modeTcp,
    'Connections opened by 10 to 100 arriving clients, in mode http with http-reuse always and in mode tcp:\nhttp serves them all with a handful of idle connections, tcp opens one per client connection.',
    ['sweep', 'modern', 'mode tcp', 'tcp', 'always'],
  ),
  example(
    'sweep-health-checks',
    healthChecks,
    'Requests that fail while a server restarts, by check `inter` (100ms to 2s) and `fall` (1 to 3):\nuntil its checks mark it DOWN, roundrobin still sends it a third of the requests, and they get 503.',
    ['sweep', 'modern', 'check', 'health', 'errors'],
  ),
];
