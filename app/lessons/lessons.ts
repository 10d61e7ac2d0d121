import type { EngineName, ReuseMode } from '../../core';

/**
 * Guided lessons: steps that ask the learner to predict a number before playing the run.
 * No answer is written here: every answer is measured on the run itself (./answers.ts),
 * so a lesson cannot drift from the engines.
 */

/** What a question counts on the run (./answers.ts measures it). */
export type Measure = 'opened' | 'reused' | 'swapped' | 'destroyed' | 'orphaned' | 'dispossessed' | 'failed' | 'server5xx';

export interface Question {
  readonly prompt: string;
  readonly measure: Measure;
}

export interface LessonStep {
  readonly title: string;
  /** Paragraphs; `backticks` mark code. */
  readonly text: readonly string[];
  /** The scenario of this step: an example, optionally at another engine or reuse mode. */
  readonly scenario?: {
    readonly example: string;
    readonly engine?: EngineName;
    readonly reuse?: ReuseMode;
    /** For an example with sweeps: the point the diagram shows (each swept name's value); default, each sweep's first value. */
    readonly point?: Readonly<Record<string, string>>;
  };
  readonly question?: Question;
  /** Shown once the answer is revealed. */
  readonly after?: readonly string[];
  /** The last step may offer compare mode (seed vs parent, …). */
  readonly compare?: EngineName;
}

export interface Lesson {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly steps: readonly LessonStep[];
}

export const LESSONS: readonly Lesson[] = [
  {
    id: 'why-7c6f8b146',
    title: 'Why 7c6f8b146 exists',
    summary: 'One HTTP/2 client, three requests: what the parent commit does to its server connection, and what the seed fixes.',
    steps: [
      {
        title: 'The commit',
        text: [
          'Commit `7c6f8b146` (HAProxy 1.9-dev, November 2018), “MAJOR: connections: Detach connections from streams”, moved the server connection from the *stream* to the *session*.',
          'An HTTP/1 client sends its requests one after the other on one stream. An HTTP/2 client opens a new stream for every request. Who holds the server connection decides whether it survives between requests.',
          'The scenario on the right is SC02: client A speaks HTTP/2 and sends three requests to server X, one after the other, under the default `http-reuse never`.',
        ],
        scenario: { example: 'sc02', engine: 'parent' },
      },
      {
        title: 'At the parent commit',
        text: ['At the parent (`131fd89d5`) the server connection hangs off the stream that opened it.'],
        scenario: { example: 'sc02', engine: 'parent' },
        question: { prompt: 'How many server connections will the parent open for A’s three requests?', measure: 'opened' },
        after: [
          'Each stream took its connection with it when it ended (pD5): every request paid for a new connection to X, although A never went away.',
        ],
      },
      {
        title: 'At the seed commit',
        text: ['At the seed the session keeps its server connection (`sess->srv_conn`) when a stream ends, in X’s `priv` list.'],
        scenario: { example: 'sc02', engine: 'seed' },
        question: { prompt: 'How many server connections will the seed open for the same three requests?', measure: 'opened' },
        after: ['Streams #3 and #5 found the session’s connection and reused it (R1). That is the point of the commit.'],
      },
      {
        title: 'How many reuses?',
        text: ['Same run, another count: a *reuse* is a request sent on a connection that already existed.'],
        scenario: { example: 'sc02', engine: 'seed' },
        question: { prompt: 'How many of A’s requests reused a connection at the seed?', measure: 'reused' },
        after: ['Compare both engines on the same timeline to see each stream’s connection come and go.'],
        compare: 'parent',
      },
    ],
  },
  {
    id: 'reuse-modes',
    title: 'The four http-reuse modes',
    summary: 'never, safe, aggressive, always: which requests may take another client’s idle connection.',
    steps: [
      {
        title: '`safe`: first requests open their own',
        text: [
          'Two HTTP/1 clients, A and B, send requests to X one at a time (SC04, `http-reuse safe`).',
          'Under `safe`, a client’s *first* request never takes someone else’s connection: the server might close it just then, and a browser does not retry a first request. Follow-up requests may.',
        ],
        scenario: { example: 'sc04' },
        question: { prompt: 'How many server connections will A and B open in total?', measure: 'opened' },
        after: ['B’s first request could not take A’s idle connection (R3n), so it opened its own. Each client then reused its own connection.'],
      },
      {
        title: '`never`: no sharing at all',
        text: ['The same script under `http-reuse never`: a connection is never shared between clients. It can still be reused by the client that opened it.'],
        scenario: { example: 'sc04', reuse: 'never' },
        question: { prompt: 'How many server connections now?', measure: 'opened' },
        after: ['The same number: in this script nobody shares anyway, and `never` does not forbid a client reusing its own connection.'],
      },
      {
        title: '`aggressive`: take a connection that was used before',
        text: [
          'Three HTTP/1 clients (SC05, `http-reuse aggressive`). A first request may take a connection from the `safe` list — one that already carried a follow-up request, so it is known to be kept alive. Follow-up requests may take idle ones too.',
        ],
        scenario: { example: 'sc05' },
        question: { prompt: 'How many server connections will A, B and C open in total?', measure: 'opened' },
        after: ['B took A’s connection from the safe list (R3b) and A was left without one: it was *dispossessed* (S2). Count the dispossessions in the log.'],
      },
      {
        title: '`always`: take anything idle',
        text: ['Under `http-reuse always` even a first request takes any idle connection (SC06: A and B alternate requests to X).'],
        scenario: { example: 'sc06' },
        question: { prompt: 'How many server connections will A and B open?', measure: 'opened' },
        after: ['One connection passes back and forth: each client takes it from the other (R3c, R3a, R3b).'],
      },
      {
        title: 'HTTP/2 clients under `safe`',
        text: ['Two HTTP/2 clients, A then B (SC18, `safe`). At the seed, every HTTP/2 request counts as a *first* request (gap G4).'],
        scenario: { example: 'sc18' },
        question: { prompt: 'How many server connections will A and B open?', measure: 'opened' },
        after: ['B could not take A’s idle connection: for `safe`, an HTTP/2 request is always a first request.'],
      },
      {
        title: 'The same under `always`',
        text: ['SC18 again, with `http-reuse always`.'],
        scenario: { example: 'sc18', reuse: 'always' },
        question: { prompt: 'How many server connections now?', measure: 'opened' },
        after: ['With `always`, B takes A’s idle connection and A takes it back: one connection ping-pongs between them.'],
      },
    ],
  },
  {
    id: 'swaps-orphans',
    title: 'Swaps, dispossession and orphans',
    summary: 'What a session gets back when another takes its connection — and the connections nobody owns.',
    steps: [
      {
        title: 'The swap',
        text: [
          'SC07: A and B (HTTP/1, `safe`) each have a connection, A to X and B to Y. Then A sends a request to Y, where B’s connection is idle.',
          'A takes it. Since A’s own connection to X is idle and shareable, B receives it in exchange: a *swap* (S1).',
        ],
        scenario: { example: 'sc07' },
        question: { prompt: 'How many server connections are opened for the five requests?', measure: 'opened' },
        after: ['B’s next request to X went over the connection it received in the swap (R1): no extra connection.'],
      },
      {
        title: 'No swap for a private connection',
        text: [
          'SC08: A’s connection to X answered `401` with NTLM, which makes it *private* — it may not be given to anyone else.',
          'When A takes B’s connection to Y, B gets nothing back: it is *dispossessed* (S2). What happens to A’s old private connection at the seed?',
        ],
        scenario: { example: 'sc08' },
        question: { prompt: 'How many connections end up orphaned (open, owned by no session)?', measure: 'orphaned' },
        after: ['A’s X connection stayed open in X’s priv list with no session (gap G1) until X closed it.'],
      },
      {
        title: 'The same at the parent',
        text: ['SC08 at the parent commit, where the connection belongs to the stream.'],
        scenario: { example: 'sc08', engine: 'parent' },
        question: { prompt: 'How many orphans at the parent?', measure: 'orphaned' },
        after: ['The parent destroys the private connection at once (pS2). (The real parent binary crashes here — see the note in the log.)'],
      },
      {
        title: 'Concurrent streams',
        text: [
          'SC10 (`always`): B and C are HTTP/1 clients with idle connections to X. Then HTTP/2 client A sends two overlapping requests.',
          'Each of A’s streams takes one of the idle connections.',
        ],
        scenario: { example: 'sc10' },
        question: { prompt: 'How many times is a session left without its connection (dispossessed)?', measure: 'dispossessed' },
        after: [
          'C and B both lost theirs. A’s first connection was still busy when its second stream took B’s, so it could not be swapped: it ended up owned by nobody (an orphan, G1) — and B’s next request found it in the idle list.',
        ],
        compare: 'parent',
      },
    ],
  },
  {
    id: 'after-the-seed',
    title: 'What came after the seed',
    summary: 'HAProxy 2.x keeps per-server pools that outlive sessions and treats every HTTP/2 request as a follow-up: the same scenarios, seed vs modern (HAProxy 2.6).',
    steps: [
      {
        title: 'From one slot per session to pools',
        text: [
          'At the seed a session holds one server connection, and the connection dies with the session. Over the following releases (1.9.0 to 2.2) HAProxy moved shareable connections into per-server pools that outlive sessions; sessions keep only private ones.',
          'The `modern` engine models HAProxy 2.6 with defaults, checked against the real binary (Debian’s 2.6.12) and HAProxy’s own regression tests; it runs one thread and models no health checks; it is the engine that models server maxconn and its queues.',
          'SC03: HTTP/2 client A sends three requests to X under `safe`; then client B sends one.',
        ],
        scenario: { example: 'sc03', engine: 'seed' },
        question: { prompt: 'How many server connections does the seed open for A’s three requests and B’s one?', measure: 'opened' },
        after: ['B’s request is a “first” request (every HTTP/2 request is, at the seed: gap G4), and `safe` never shares a first request: B needs its own connection.'],
      },
      {
        title: 'HTTP/2 requests become follow-ups',
        text: ['Since v1.9-dev11 every HTTP/2 stream counts as a follow-up request, so under `safe` it may take an idle connection from the pool.'],
        scenario: { example: 'sc03', engine: 'modern' },
        question: { prompt: 'How many server connections does modern HAProxy open for the same run?', measure: 'opened' },
        after: ['B took A’s idle connection from X’s pool (mR4a).'],
        compare: 'seed',
      },
      {
        title: 'A client leaves',
        text: ['SC13: A and B each use a server; A leaves; then B asks X. At the seed A’s connection dies with A, and B’s connection to Y is given up when B switches to X.'],
        scenario: { example: 'sc13', engine: 'seed' },
        question: { prompt: 'How many server connections does the seed open?', measure: 'opened' },
      },
      {
        title: 'The pool outlives the session',
        text: ['In 2.6 A leaving frees nothing: its connection waits in X’s pool, and idle connections are purged slowly (pool-purge-delay).'],
        scenario: { example: 'sc13', engine: 'modern' },
        question: { prompt: 'How many server connections does modern HAProxy open?', measure: 'opened' },
        after: ['B took A’s old connection from X’s pool; B’s connection to Y stayed pooled until the periodic purge closed it (mI2).'],
        compare: 'seed',
      },
    ],
  },
  {
    id: 'sweeps-pool',
    title: 'One scenario, many runs: pool-max-conn',
    summary: 'A sweep runs a scenario once per value: how many connections two waves of clients open as the pool may keep more of them.',
    steps: [
      {
        title: 'A sweep',
        text: [
          'A `sweep` line gives a parameter several values; the scenario runs once for each (a grid with two sweeps), and the panel above the diagram plots what each run measured.',
          'Here 100 HTTP/1 clients send one request and leave; a second wave of 100 comes 1 s later and sends two. The modern engine keeps idle server connections in a per-server pool, at most `pool-max-conn` of them: `sweep pool 0..100 step 10` tries eleven sizes, `sweep reuse safe always` two modes.',
          'The diagram shows one run: each sweep at its first value (`pool 0`, `safe`).',
        ],
        scenario: { example: 'sweep-pool-max-conn' },
        question: { prompt: 'With `pool-max-conn 0` — no idle connection kept — how many server connections do the two waves open?', measure: 'opened' },
        after: [
          'Every connection is closed when its request ends: each of the 300 requests opened its own. The chart shows this run at the left end of the `reuse safe` line.',
        ],
      },
      {
        title: 'A pool of 100',
        text: [
          'Click a point on the chart to open its run in the diagram. This step opens `pool 100`, still under `safe`: up to 100 idle connections wait in the pool between the waves.',
        ],
        scenario: { example: 'sweep-pool-max-conn', point: { pool: '100', reuse: 'safe' } },
        question: { prompt: 'With a pool of 100 under `http-reuse safe`, how many connections do the two waves open?', measure: 'opened' },
        after: [
          'The second wave’s second requests reused connections, but its first requests could not take the pooled ones: under `safe` a first request only takes a connection that has already carried a follow-up request, and each of the first wave’s carried one request.',
        ],
      },
      {
        title: 'The same pool under always',
        text: ['Same pool size, `http-reuse always`: a first request may take any idle connection.'],
        scenario: { example: 'sweep-pool-max-conn', point: { pool: '100', reuse: 'always' } },
        question: { prompt: 'With a pool of 100 under `http-reuse always`, how many connections do the two waves open?', measure: 'opened' },
        after: [
          'The first wave’s 100 connections served the second wave too. On the chart, the `always` line falls as the pool grows, down to 100 at `pool 100`; choose *idle connections at the end* to see what the pool keeps.',
        ],
      },
    ],
  },
  {
    id: 'mode-tcp',
    title: 'mode tcp: nothing to reuse',
    summary: 'A proxy in mode tcp reads no request: every client connection gets a server connection of its own, for as long as it lives.',
    steps: [
      {
        title: 'Two proxies, two modes',
        text: [
          'Connection reuse is an HTTP affair: HAProxy can hand a server connection to another client only because it reads each request and knows where one ends. In `mode tcp` it reads nothing; it passes bytes.',
          'On the right, `listen web` is in mode http with `http-reuse always`, and three HTTP clients (A, B, F) come one after the other. `listen db` is in mode tcp: clients C and D send a few requests each, and E connects, sends nothing and leaves.',
        ],
        scenario: { example: 'config-mode-tcp' },
        question: { prompt: 'How many server connections does the whole run open, web and db together?', measure: 'opened' },
        after: [
          'One for the three web clients: each took the connection the one before left idle. And one for each db client — E’s too: a tcp stream is balanced and connected as soon as its client is accepted (TC1), before a byte arrives.',
        ],
      },
      {
        title: 'A trend: clients arriving',
        text: [
          'The same comparison as a sweep: 10 to 100 clients arrive over one second, send three requests each and leave, through one proxy in mode http (`http-reuse always`) or in mode tcp. The chart plots the connections each run opened.',
          'This step opens the run with 50 clients in mode tcp.',
        ],
        scenario: { example: 'sweep-mode-tcp', point: { clients: '50', mode: 'tcp' } },
        question: { prompt: 'With 50 arriving clients in mode tcp, how many requests reuse a server connection?', measure: 'reused' },
        after: [
          'None: every request rides the connection its own client connection got when it came (TC2), which closes when that client leaves (TC3). The tcp line of the chart climbs with the clients — one connection each.',
        ],
      },
      {
        title: 'The same clients in mode http',
        text: ['Same 50 clients, `mode http` with `http-reuse always`: a client that arrives may take a connection another one left idle.'],
        scenario: { example: 'sweep-mode-tcp', point: { clients: '50', mode: 'http' } },
        question: { prompt: 'How many server connections do the 50 clients open in mode http?', measure: 'opened' },
        after: ['A handful serve them all: as many as were ever busy at once. The http line stays near the bottom of the chart however many clients come.'],
      },
    ],
  },
  {
    id: 'health-checks',
    title: 'Health checks: taking a server out',
    summary: 'A server whose health checks fail is marked DOWN and left out of load balancing (until then, the requests sent to it fail); a check over HTTP also catches an application answering 503, and a health page answering 404 drains a server gently.',
    steps: [
      {
        title: 'DOWN, then UP again',
        text: [
          'Every server of `backend app` has `check inter 250ms fall 2 rise 2` (from the `default-server` line): HAProxy checks each one every 250 ms, on its own timer. `app2 refuse 1s..3s` in the `servers` section makes app2 refuse new connections for two seconds, as a restarting process does.',
          'Play it, and watch app2’s frame. Its connection opened earlier still works: only new connections — and the checks — are refused.',
        ],
        scenario: { example: 'config-health-checks' },
        question: { prompt: 'How many of the 32 requests fail?', measure: 'failed' },
        after: [
          'None. Two failed checks in a row mark app2 DOWN (HC2): roundrobin leaves it out, and the requests go to app1 and app3. The one request app2 got between its first failed check and the second rode the connection it already had. Two passed checks after 3 s mark it UP (HC3), and roundrobin takes it back where its weight places it.',
        ],
      },
      {
        title: 'A trend: how fast is DOWN?',
        text: [
          'A sweep: 50 clients a second, one request each, over three servers that close their connection after each response (every request needs a new one). app2 refuses connections from 2 s to 6 s. Until its checks have failed `fall` times, roundrobin still sends it a third of the requests; each is refused, retried three times and answered 503.',
          'This step opens the run with `inter 2s` and `fall 3`.',
        ],
        scenario: { example: 'sweep-health-checks', point: { inter: '2s', fall: '3' } },
        question: { prompt: 'With checks every 2 s and fall 3, how many requests fail?', measure: 'failed' },
        after: ['Dozens: the first check after 2 s fails, but three in a row take about 4 s — most of the restart. The chart plots the failures against `inter`, one line per `fall`.'],
      },
      {
        title: 'Checks that notice sooner',
        text: ['Same traffic, `inter 250ms` and `fall 1`: one failed check is enough.'],
        scenario: { example: 'sweep-health-checks', point: { inter: '250ms', fall: '1' } },
        question: { prompt: 'How many requests fail now?', measure: 'failed' },
        after: ['None: app2 is DOWN within a quarter of a second of refusing, before a request lands on it. A short `inter` and a small `fall` cost more checks, and a single lost check then takes a server out.'],
      },
      {
        title: 'Up, but answering 503',
        text: [
          'A process that accepts connections is not always a working application. Here app2 stays up but answers every request 503 from 1 s to 3 s (`app2 status 503 1s..3s`). A plain connect check would pass; these checks are HTTP requests (`option httpchk GET /health`) that must answer 200 (`http-check expect status 200`).',
        ],
        scenario: { example: 'config-http-check-expect' },
        question: { prompt: 'How many requests get a 503 from app2?', measure: 'server5xx' },
        after: [
          'One: the request that reached app2 between its first failed check and the second. After two failures app2 is DOWN (HC2; the why panel names the expect it failed), and the 503s stop. Remove `option httpchk` and the connect checks keep app2 in the rotation: five requests get 503 — every one roundrobin sends it for two seconds.',
        ],
      },
      {
        title: 'Draining a server for maintenance',
        text: [
          'To take a server out gently, many sites make its health page answer 404 while the application keeps serving (`app2 check-status 404 1s..3s`). With `http-check disable-on-404`, HAProxy then drains it: the check passes on condition and the server goes to NOLB.',
          'B got app2 at the start, and its cookie (`cookie SRV insert`) names app2. Play it and watch where B, C and D go after 1.4 s.',
        ],
        scenario: { example: 'config-health-drain' },
        question: { prompt: 'How many requests fail while app2 drains?', measure: 'failed' },
        after: [
          'None, and nobody is moved: roundrobin leaves app2 out (the why panel of a balance says "NOLB, left out"), so C and D go to app1 and app3, while B’s cookie keeps it on app2 and on its connection there (U2). A failed check would have marked app2 DOWN and moved B too. Once the page answers 200 again, app2 is back (HC3).',
        ],
      },
    ],
  },
];

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
