// One process of the core bench's runs of one load scenario in one way: `totals` (totals only) or
// `worker` (the page's path: the packed writer, each chunk cloned with its words transferred and
// kept by a RunIngest, as bench.ts pagePath). Measured as the core bench measures (the bare loop
// first, a collection before each run, one unmeasured run, then RUNS), printed as one JSON line.
// Used by `npm run bench -- --core`: the two ways in processes of their own, taken in turn
// (bench.ts separate), and by `--against DIR` (./against.ts bundles it with DIR's core/ too).
// Arguments: PROTO CLIENTS PER_CLIENT REUSE RUNS [totals|worker].
import { runScenario } from '../../core/run';
import { EventQueue } from '../../core/sim/queue';
import { scenario } from './load-scenarios';

const [proto, clients, perClient, reuse, runs, way = 'totals'] = process.argv.slice(2);
if (!proto || !clients || !perClient || !reuse || !runs || (way !== 'totals' && way !== 'worker')) {
  process.stderr.write('usage: path-child PROTO CLIENTS PER_CLIENT REUSE RUNS [totals|worker]\n');
  process.exit(2);
}

/** The core bench's bare loop (bench.ts), run first as there: it warms the same queue code. */
function bareLoop(n: number): void {
  const q = new EventQueue<() => void>();
  let left = n;
  const tick = () => {
    if (--left > 0) q.push(0, tick);
  };
  for (let i = 0; i < 1000; i++) q.push(i, tick);
  for (let task = q.pop(); task !== undefined; task = q.pop()) task();
}
bareLoop(200_000);
for (let i = 0; i < 3; i++) bareLoop(2_000_000);

const text = scenario(proto as 'h1' | 'h2', Number(clients), Number(perClient), reuse);
const wall: number[] = [];
const cpu: number[] = [];
let requests = 0;
for (let i = 0; i <= Number(runs); i++) {
  globalThis.gc?.();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = runScenario(text, way === 'totals' ? { maxEvents: 500_000_000, totalsOnly: true } : { maxEvents: 500_000_000, packed: await pagePath() });
  const s = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  requests = r.totals.requests;
  if (i === 0) continue;
  wall.push(requests / s);
  cpu.push(requests / ((c.user + c.system) / 1e6));
}
process.stdout.write(`${JSON.stringify({ requests, wall, cpu })}\n`);

/**
 * The page's side of the worker's chunks (as bench.ts pagePath): imported only for `worker`, so that
 * a totals-only process (and another checkout's, ./against.ts) loads no app code.
 */
async function pagePath() {
  const [{ RunIngest }, { FLUSH_EVENTS }] = await Promise.all([import('../../app/sim/ingest'), import('../../app/sim/protocol')]);
  const ingest = new RunIngest({ diagnostics: [], engine: 'seed', commit: '', servers: ['s1', 's2'] } as never, false);
  let from = 0;
  return {
    chunkEvents: FLUSH_EVENTS,
    onChunk: (chunk: import('../../core').PackedChunk) => {
      const c = structuredClone(chunk, { transfer: [chunk.data.buffer, chunk.streams.buffer] });
      ingest.push(from, c);
      from += c.count;
    },
  };
}
